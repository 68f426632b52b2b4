#!/usr/bin/env python3
"""independent.py LESSON JSON: the numbers of lessons/cross-entropy.yaml
or lessons/softmax.yaml worked out again, apart from bptrace, and held
against the trace's JSON (`bptrace trace LESSON --format json`, with
`--exact` for exact mode).

The networks are written out below as data (not read from the lesson
files), and one iteration is worked in plain Python: by hand, each number
rounded half away from zero in decimal at the lesson's precision and used
rounded from then on; and exactly.  Every quantity computed here is
compared with the JSON's by name: the hand value, or in exact mode the
exact value (to 1e-12 relative).  Exit 0 when all agree; each
disagreement is printed.
"""
import json
import math
import sys
from decimal import Decimal, ROUND_HALF_UP

LESSONS = {
    # section 7's network, eta 0.9, target 1, one sigmoid output
    'cross-entropy': dict(
        inputs={'x1': 1, 'x2': 0, 'x3': 1},
        layers=[['x1', 'x2', 'x3'], ['4', '5'], ['6']],
        out='sigmoid',
        weights={('x1', '4'): 0.2, ('x2', '4'): 0.4, ('x3', '4'): -0.5,
                 ('x1', '5'): -0.3, ('x2', '5'): 0.1, ('x3', '5'): 0.2,
                 ('4', '6'): -0.3, ('5', '6'): -0.2},
        biases={'4': -0.4, '5': 0.2, '6': 0.1},
        targets={'6': 1}, eta=0.9,
        # the names bptrace gives: output symbol, subscripts of net/w/b, t
        o={'x1': 'x_1', 'x2': 'x_2', 'x3': 'x_3', '4': 'o_4', '5': 'o_5',
           '6': 'o_6'},
        idx={'x1': '1', 'x2': '2', 'x3': '3', '4': '4', '5': '5', '6': '6'},
        tsub={'6': '6'},
        rounding=dict(net=('d', 4), exp=('d', 4), activation=('d', 3),
                      derivative=('d', 4), product=('d', 4), sum=('d', 4),
                      delta=('d', 4), weight_change=('d', 4),
                      new_weight=('d', 3), error=('d', 3)),
        verify=dict(net=('d', 3), product=('d', 3))),
    # section 10's network, eta 0.5, softmax outputs, class o1
    'softmax': dict(
        inputs={'x1': 0.5, 'x2': 0.8},
        layers=[['x1', 'x2'], ['h1', 'h2'], ['o1', 'o2']],
        out='softmax',
        weights={('x1', 'h1'): 0.15, ('x1', 'h2'): 0.20,
                 ('x2', 'h1'): 0.25, ('x2', 'h2'): 0.30,
                 ('h1', 'o1'): 0.40, ('h2', 'o1'): 0.45,
                 ('h1', 'o2'): 0.50, ('h2', 'o2'): 0.55},
        biases={},
        targets={'o1': 1, 'o2': 0}, eta=0.5,
        o={'x1': 'x_1', 'x2': 'x_2', 'h1': 'h_1', 'h2': 'h_2', 'o1': 'o_1',
           'o2': 'o_2'},
        idx={'x1': '1', 'x2': '2', 'h1': '1', 'h2': '2', 'o1': '3',
             'o2': '4'},
        tsub={'o1': '1', 'o2': '2'},
        rounding=dict(net=('d', 3), exp=('d', 4), activation=('d', 3),
                      derivative=('s', 3), product=('s', 3), sum=('s', 3),
                      delta=('s', 3), weight_change=('d', 4),
                      new_weight=('d', 4), error=('d', 3)),
        verify={}),
}


def round_decimal(x, how):
    """Half away from zero on the value's 15 significant digits."""
    mode, digits = how
    d = Decimal(format(x, '.15g'))
    if d == 0:
        return 0.0
    if mode == 's':
        digits = digits - 1 - d.adjusted()
    q = Decimal(1).scaleb(-digits)
    return float(d.quantize(q, rounding=ROUND_HALF_UP)) + 0.0


class Work:
    def __init__(self, lesson, exact):
        self.L = lesson
        self.exact = exact
        self.values = {}
        self.profile = lesson['rounding']

    def r(self, kind, x):
        return x if self.exact else round_decimal(x, self.profile[kind])

    def put(self, name, kind, x):
        v = self.r(kind, x)
        self.values[name] = v
        return v


def wname(L, a, b):
    return 'w' + L['idx'][a] + L['idx'][b]


def forward(W, w, b, prefix):
    L = W.L
    o = dict(L['inputs'])
    nets = {}
    for layer in L['layers'][1:]:
        last = layer is L['layers'][-1]
        for u in layer:
            before = L['layers'][L['layers'].index(layer) - 1]
            terms = [W.put('%s%s*%s' % (prefix, L['o'][a], wname(L, a, u)),
                           'product', o[a] * w[(a, u)]) for a in before]
            if u in b:
                terms.append(b[u])
            nets[u] = W.put('%snet_%s' % (prefix, L['idx'][u]), 'net',
                            sum(terms))
            if not (last and L['out'] == 'softmax'):
                e = W.put('%se^-net_%s' % (prefix, L['idx'][u]), 'exp',
                          math.exp(-nets[u]))
                o[u] = W.put(prefix + L['o'][u], 'activation', 1 / (1 + e))
        if last and L['out'] == 'softmax':
            m = W.put(prefix + 'max_net', 'net', max(nets[u] for u in layer))
            ex = {u: W.put('%se^(net_%s-m)' % (prefix, L['idx'][u]), 'exp',
                           math.exp(nets[u] - m)) for u in layer}
            s = W.put(prefix + 'S', 'exp', sum(ex[u] for u in layer))
            for u in layer:
                o[u] = W.put(prefix + L['o'][u], 'activation', ex[u] / s)
    # the cross-entropy
    terms = []
    for u in L['layers'][-1]:
        t = L['targets'][u]
        W.put('%st_%s-%s' % (prefix, L['tsub'][u], L['o'][u]), 'error',
              t - o[u])
    for u in L['layers'][-1]:
        t = L['targets'][u]
        lo = W.put('%sln(%s)' % (prefix, L['o'][u]), 'exp', math.log(o[u]))
        term = t * lo
        if L['out'] == 'sigmoid':
            l1 = W.put('%sln(1-%s)' % (prefix, L['o'][u]), 'exp',
                       math.log(1 - o[u]))
            term += (1 - t) * l1
        terms.append(W.put('%sce_%s' % (prefix, L['tsub'][u]), 'error',
                           term))
    E = W.put(prefix + 'E', 'error', -sum(terms))
    return o, E


def iteration(L, exact):
    W = Work(L, exact)
    w, b = dict(L['weights']), dict(L['biases'])
    o, E = forward(W, w, b, '')
    delta = {}
    layers = L['layers']
    for u in layers[-1]:  # delta_k = t_k - o_k, as rounded for t - o
        err = W.values['t_%s-%s' % (L['tsub'][u], L['o'][u])]
        delta[u] = W.put('delta_' + L['idx'][u], 'delta', err)
    for i in range(len(layers) - 2, 0, -1):
        for h in layers[i]:
            d = W.put('%s(1-%s)' % (L['o'][h], L['o'][h]), 'derivative',
                      o[h] * (1 - o[h]))
            prods = [W.put('%s*delta_%s' % (wname(L, h, k), L['idx'][k]),
                           'product', w[(h, k)] * delta[k])
                     for k in layers[i + 1]]
            s = W.put('sum_' + L['idx'][h], 'sum', sum(prods))
            delta[h] = W.put('delta_' + L['idx'][h], 'delta', d * s)
    new_w, new_b = {}, {}
    for (a, u), old in w.items():
        n = wname(L, a, u)
        dw = W.put('Delta_' + n, 'weight_change', L['eta'] * delta[u] * o[a])
        new_w[(a, u)] = W.put(n + '_new', 'new_weight', old + dw)
    for u, old in b.items():
        n = 'b' + L['idx'][u]
        db = W.put('Delta_' + n, 'weight_change', L['eta'] * delta[u])
        new_b[u] = W.put(n + '_new', 'new_weight', old + db)
    W.profile = dict(L['rounding'], **L['verify'])
    o2, E2 = forward(W, new_w, new_b, 'verify_')
    for u in layers[-1]:
        t, s = L['targets'][u], L['tsub'][u]
        a = W.put('old_error_' + s, 'error', abs(t - o[u]))
        c = W.put('new_error_' + s, 'error', abs(t - o2[u]))
        W.put('error_reduced_' + s, 'error', a - c)
    W.put('E_reduced', 'error', E - E2)
    return W.values


def compare(lesson, path, work):
    """Hold work(exact)'s values against the trace's JSON at path."""
    trace = json.load(open(path, encoding='utf-8'))
    exact = trace['mode'] == 'exact'
    mine = work(exact)
    theirs = {q['name']: q for q in trace['quantities']}
    bad = 0
    for name, v in mine.items():
        q = theirs.get(name)
        got = q and (q['exact'] if exact else q['hand'])
        ok = q is not None and (abs(got - v) <= 1e-12 * max(1, abs(v))
                                if exact else got == v)
        if not ok:
            bad += 1
            print('%s: independent %r, bptrace %r' % (name, v, got))
    print('%s: %d quantities compared, %d disagree' % (lesson, len(mine), bad))
    return 1 if bad else 0


def main():
    lesson = sys.argv[1]
    return compare(lesson, sys.argv[2],
                   lambda exact: iteration(LESSONS[lesson], exact))


if __name__ == '__main__':
    sys.exit(main())
