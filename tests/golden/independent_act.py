#!/usr/bin/env python3
"""independent_act.py LESSON JSON: the numbers of lessons/leaky-relu.yaml
or lessons/softplus.yaml worked out again, apart from bptrace, and held
against the trace's JSON (`bptrace trace LESSON --format json`, with
`--exact` for exact mode).

As independent.py does for the losses: the networks are written out below
as data (not read from the lesson files), and one iteration with the
squared error is worked in plain Python with the activation functions
written here from their definitions: by hand, each number rounded half
away from zero in decimal at 4 decimals and used rounded from then on;
and exactly.  Every quantity computed here is compared with the JSON's by
name.  Exit 0 when all agree; each disagreement is printed.
"""
import math
import sys

from independent import round_decimal, compare


def leaky_relu(slope):
    return (lambda net: net if net > 0 else slope * net,
            lambda net: 1.0 if net > 0 else slope)


def softplus_value(net):
    # ln(1 + e^net), written so that a large |net| does not overflow
    return max(net, 0.0) + math.log1p(math.exp(-abs(net)))


def sigmoid_of(net):
    return 1 / (1 + math.exp(-net))


SOFTPLUS = (softplus_value, sigmoid_of)

LESSONS = {
    # hidden leaky_relu with slope 0.1, output leaky_relu with the
    # default slope 0.01; h2's net input is negative
    'leaky-relu': dict(
        inputs={'x1': 1, 'x2': 0.5},
        layers=[['x1', 'x2'], ['h1', 'h2'], ['o1']],
        act={'h1': leaky_relu(0.1), 'h2': leaky_relu(0.1),
             'o1': leaky_relu(0.01)},
        weights={('x1', 'h1'): 0.4, ('x2', 'h1'): 0.2,
                 ('x1', 'h2'): -0.6, ('x2', 'h2'): 0.3,
                 ('h1', 'o1'): 0.5, ('h2', 'o1'): -0.4},
        biases={'h1': 0.1, 'h2': -0.1, 'o1': 0.05},
        targets={'o1': 1}, eta=0.5),
    # hidden softplus (derivative sigma(net)), a sigmoid output
    'softplus': dict(
        inputs={'x1': 1, 'x2': -1},
        layers=[['x1', 'x2'], ['h1', 'h2'], ['o1']],
        act={'h1': SOFTPLUS, 'h2': SOFTPLUS, 'o1': 'sigmoid'},
        weights={('x1', 'h1'): 0.5, ('x2', 'h1'): 0.3,
                 ('x1', 'h2'): -0.4, ('x2', 'h2'): 0.6,
                 ('h1', 'o1'): 0.7, ('h2', 'o1'): -0.5},
        biases={'h1': 0.1, 'h2': 0.2, 'o1': -0.2},
        targets={'o1': 1}, eta=0.5),
}
# the names bptrace gives these units: output symbol, subscript
O = {'x1': 'x_1', 'x2': 'x_2', 'h1': 'h_1', 'h2': 'h_2', 'o1': 'o_1'}
IDX = {'x1': '1', 'x2': '2', 'h1': '1', 'h2': '2', 'o1': '3'}
TSUB = {'o1': '1'}


class Work:
    def __init__(self, exact):
        self.exact = exact
        self.values = {}

    def put(self, name, x):
        v = x if self.exact else round_decimal(x, ('d', 4))
        self.values[name] = v
        return v


def wname(a, b):
    return 'w' + IDX[a] + IDX[b]


def forward(W, L, w, b, p):
    o = dict(L['inputs'])
    nets = {}
    for i, layer in enumerate(L['layers'][1:], 1):
        for u in layer:
            terms = [W.put('%s%s*%s' % (p, O[a], wname(a, u)), o[a] * w[(a, u)])
                     for a in L['layers'][i - 1]]
            nets[u] = W.put('%snet_%s' % (p, IDX[u]), sum(terms) + b[u])
            if L['act'][u] == 'sigmoid':
                e = W.put('%se^-net_%s' % (p, IDX[u]), math.exp(-nets[u]))
                o[u] = W.put(p + O[u], 1 / (1 + e))
            else:
                o[u] = W.put(p + O[u], L['act'][u][0](nets[u]))
    squares = []
    for u in L['layers'][-1]:
        err = W.put('%st_%s-%s' % (p, TSUB[u], O[u]), L['targets'][u] - o[u])
        squares.append(W.put('%s(t_%s-%s)^2' % (p, TSUB[u], O[u]), err * err))
    return o, nets, W.put(p + 'E', 0.5 * sum(squares))


def derivative(L, u, o, net):
    if L['act'][u] == 'sigmoid':
        return o * (1 - o)
    return L['act'][u][1](net)


def iteration(L, exact):
    W = Work(exact)
    w, b = dict(L['weights']), dict(L['biases'])
    o, nets, E = forward(W, L, w, b, '')
    layers = L['layers']
    delta = {}
    for u in layers[-1]:
        err = W.values['t_%s-%s' % (TSUB[u], O[u])]
        delta[u] = W.put('delta_' + IDX[u],
                         derivative(L, u, o[u], nets[u]) * err)
    for i in range(len(layers) - 2, 0, -1):
        for h in layers[i]:
            d = W.put("f'(net_%s)" % IDX[h], derivative(L, h, o[h], nets[h]))
            prods = [W.put('%s*delta_%s' % (wname(h, k), IDX[k]),
                           w[(h, k)] * delta[k]) for k in layers[i + 1]]
            s = W.put('sum_' + IDX[h], sum(prods))
            delta[h] = W.put('delta_' + IDX[h], d * s)
    new_w, new_b = {}, {}
    for (a, u), old in w.items():
        n = wname(a, u)
        dw = W.put('Delta_' + n, L['eta'] * delta[u] * o[a])
        new_w[(a, u)] = W.put(n + '_new', old + dw)
    for u, old in b.items():
        n = 'b' + IDX[u]
        db = W.put('Delta_' + n, L['eta'] * delta[u])
        new_b[u] = W.put(n + '_new', old + db)
    o2, _, E2 = forward(W, L, new_w, new_b, 'verify_')
    for u in layers[-1]:
        t, s = L['targets'][u], TSUB[u]
        a = W.put('old_error_' + s, abs(t - o[u]))
        c = W.put('new_error_' + s, abs(t - o2[u]))
        W.put('error_reduced_' + s, a - c)
    W.put('E_reduced', E - E2)
    return W.values


if __name__ == '__main__':
    sys.exit(compare(sys.argv[1], sys.argv[2],
                     lambda exact: iteration(LESSONS[sys.argv[1]], exact)))
