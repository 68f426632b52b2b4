#!/usr/bin/env python3
"""gradient-reference.py: the gradient view's numbers, computed without
bptrace's arithmetic, for tests/gradients/LESSON.json.

Usage: gradient-reference.py LESSON.yaml TRACE.json > tests/gradients/NAME.json

TRACE.json is `bptrace trace LESSON --format json --exact` (without
--gradients): only its givens (inputs, targets, weights, biases, their
units) and which product feeds which net are read from it, to know the
network's wiring and the quantity names; the activations come from its
lesson section, leaky_relu's slope and the loss from the YAML lesson.
Every value is computed here twice, in plain Python floats: by the chain
rule written out (reverse mode, as an autograd library does it) and by
central finite differences of E, and the two must agree to 1e-7.
The file written is committed; tests/test-gradients.py compares bptrace
with it, so a change in bptrace's arithmetic cannot change both sides.
"""
import json
import math
import sys

import yaml

LEAKY_DEFAULT = 0.01


def act(name, slope, net):
    if name == "sigmoid":
        return 1.0 / (1.0 + math.exp(-net))
    if name == "tanh":
        return math.tanh(net)
    if name == "relu":
        return net if net > 0 else 0.0
    if name == "leaky_relu":
        return net if net > 0 else slope * net
    if name == "linear":
        return net
    if name == "softplus":
        return math.log1p(math.exp(net))
    raise SystemExit("unknown activation " + name)


def act_derivative(name, slope, net):
    if name == "sigmoid":
        s = act(name, slope, net)
        return s * (1.0 - s)
    if name == "tanh":
        return 1.0 - math.tanh(net) ** 2
    if name == "relu":
        return 1.0 if net > 0 else 0.0
    if name == "leaky_relu":
        return 1.0 if net > 0 else slope
    if name == "linear":
        return 1.0
    if name == "softplus":
        return 1.0 / (1.0 + math.exp(-net))
    raise SystemExit("unknown activation " + name)


class Net:
    def __init__(self, lesson, trace):
        self.loss = lesson.get("loss", "squared")
        ylayers = lesson["network"]["layers"]
        self.layers = []  # [(unit labels, activation, slope)]
        for i, layer in enumerate(trace["lesson"]["layers"]):
            activation = layer["activation"] or "sigmoid"
            slope = ylayers[i].get("slope", LEAKY_DEFAULT)
            self.layers.append((layer["units"], activation, float(slope)))
        qs = {q["name"]: q for q in trace["quantities"]}
        self.inputs, self.targets, self.params = {}, {}, {}
        self.fan_in = {}  # unit -> [(from unit or None for bias, param)]
        self.net_name = {}
        out_unit = {}
        for q in trace["quantities"]:
            if q["kind"] == "input":
                self.inputs[q["unit"]] = q["exact"]
                out_unit[q["name"]] = q["unit"]
            elif q["kind"] == "target":
                self.targets[q["unit"]] = q["exact"]
            elif q["kind"] in ("weight", "bias"):
                self.params[q["name"]] = q["exact"]
            elif q["kind"] == "activation" and q["phase"] == "forward":
                out_unit[q["name"]] = q["unit"]
        for q in trace["quantities"]:
            if q["kind"] != "net" or q["phase"] != "forward":
                continue
            self.net_name[q["unit"]] = q["name"]
            terms = []
            for name in q["inputs"]:
                t = qs[name]
                if t["kind"] == "bias":
                    terms.append((None, name))
                else:  # a product: output, weight
                    terms.append((out_unit[t["inputs"][0]], t["inputs"][1]))
            self.fan_in[q["unit"]] = terms

    def forward(self, params):
        o, net = dict(self.inputs), {}
        for units, activation, slope in self.layers[1:]:
            for u in units:
                net[u] = sum(params[p] * (1.0 if f is None else o[f])
                             for f, p in self.fan_in[u])
            if activation == "softmax":
                m = max(net[u] for u in units)
                s = sum(math.exp(net[u] - m) for u in units)
                for u in units:
                    o[u] = math.exp(net[u] - m) / s
            else:
                for u in units:
                    o[u] = act(activation, slope, net[u])
        return o, net

    def error(self, params):
        o, _ = self.forward(params)
        out_units, activation, _ = self.layers[-1]
        if self.loss == "squared":
            return 0.5 * sum((self.targets[u] - o[u]) ** 2 for u in out_units)
        e = 0.0
        for u in out_units:
            t = self.targets[u]
            if t != 0:
                e -= t * math.log(o[u])
            if activation != "softmax" and t != 1:
                e -= (1 - t) * math.log(1 - o[u])
        return e

    def backward(self, params):
        """dE/dnet of every unit and dE/d of every parameter, by the chain
        rule from the output layer down."""
        o, net = self.forward(params)
        grad_net, grad_out = {}, {}
        out_units, activation, slope = self.layers[-1]
        for u in out_units:
            t = self.targets[u]
            if self.loss == "squared":
                grad_out[u] = -(t - o[u])
                grad_net[u] = grad_out[u] * act_derivative(activation, slope,
                                                           net[u])
            else:  # cross-entropy with sigmoid or softmax outputs
                grad_net[u] = o[u] - t
        for li in range(len(self.layers) - 2, 0, -1):
            units, activation, slope = self.layers[li]
            above = self.layers[li + 1][0]
            for h in units:
                downstream = 0.0
                for k in above:
                    for f, p in self.fan_in[k]:
                        if f == h:
                            downstream += grad_net[k] * params[p]
                grad_net[h] = act_derivative(activation, slope,
                                             net[h]) * downstream
        grad_param = {}
        for u, terms in self.fan_in.items():
            for f, p in terms:
                grad_param[p] = grad_net[u] * (1.0 if f is None else o[f])
        return grad_out, grad_net, grad_param

    def finite_difference(self, params, name, h=1e-6):
        up, down = dict(params), dict(params)
        up[name] += h
        down[name] -= h
        return (self.error(up) - self.error(down)) / (2 * h)


def main():
    with open(sys.argv[1]) as f:
        lesson = yaml.safe_load(f)
    with open(sys.argv[2]) as f:
        trace = json.load(f)
    n = Net(lesson, trace)
    grad_out, grad_net, grad_param = n.backward(n.params)
    values = {}
    for u, g in grad_net.items():
        values["dE/d" + n.net_name[u]] = g
    out_names = {q["unit"]: q["name"] for q in trace["quantities"]
                 if q["kind"] == "activation" and q["phase"] == "forward"}
    for u, g in grad_out.items():
        values["dE/d" + out_names[u]] = g
    # do/dnet of each unit whose chain has it (not an output whose loss
    # cancels its derivative)
    o, net = n.forward(n.params)
    for li, (units, activation, slope) in enumerate(n.layers[1:], 1):
        output = li == len(n.layers) - 1
        if output and n.loss != "squared":
            continue
        for u in units:
            values["d%s/d%s" % (out_names[u], n.net_name[u])] = \
                act_derivative(activation, slope, net[u])
    fd = {}
    for p, g in grad_param.items():
        values["dE/d" + p] = g
        fd["dE/d" + p] = n.finite_difference(n.params, p)
        if abs(fd["dE/d" + p] - g) > 1e-7:
            raise SystemExit("%s: chain rule %r, finite differences %r"
                             % (p, g, fd["dE/d" + p]))
    json.dump({"lesson": sys.argv[1], "eta": lesson.get("learning_rate"),
               "chain_rule": values, "finite_differences": fd},
              sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
