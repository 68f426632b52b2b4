#!/usr/bin/env python3
"""bench-numpy-sgd.py: the baseline the training speed is measured against.

Per-example SGD in numpy (forward, backward, update for one example at a
time, sigmoid units, squared error, a bias per unit), on the 8-3-8 encoder
and on a 784-100-10 network with synthetic data: examples per second of
CPU time on one core.  The loop is numpy's best honest one that we found:
written for one hidden layer (both networks have one), eta folded into
the error terms once, every update in place (a generic loop over a list of
layers, or eta * np.outer(...), was 10-15% slower on the encoder).  It
does what bptrace does: all the error terms from the old weights, then
the updates.  `bench_train` measures bptrace's fast engine the same way,
bench-train-process.py the whole `bptrace train` process beside it
(importing sgd() from here); doc/training.md puts the figures side by side.

When the python3 that runs it has no numpy, it runs itself again under the
first python3 on PATH (or /usr/bin/python3) that has; without any it says
so and exits 77 (skipped).
"""
import os
import subprocess
import sys
import time


def numpy_pythons():
    """This python3, every python3 on PATH, /usr/bin/python3: each once."""
    seen, out = set(), []
    for py in [sys.executable] + [
            os.path.join(d, "python3")
            for d in os.environ.get("PATH", "").split(os.pathsep)] + [
            "/usr/bin/python3"]:
        real = os.path.realpath(py)
        if os.access(py, os.X_OK) and real not in seen:
            seen.add(real)
            out.append(py)
    return out


def python_with_numpy():
    """(a python3 that imports numpy, or None; the ones tried without)."""
    tried = []
    for py in numpy_pythons():
        if subprocess.run([py, "-c", "import numpy"],
                          capture_output=True).returncode == 0:
            return py, tried
        tried.append(py)
    return None, tried


def skipped_because(tried):
    return ("numpy baseline skipped: no python3 with numpy among " +
            ", ".join(tried) + " (apt-get install python3-numpy)")


try:
    import numpy as np
except ImportError:
    np = None


def init(sizes, low, high, seed):
    """Weights (a row per unit, W @ x) and biases, uniform in [low, high)."""
    rng = np.random.default_rng(seed)
    return [(rng.uniform(low, high, (sizes[i + 1], sizes[i])),
             rng.uniform(low, high, sizes[i + 1]))
            for i in range(len(sizes) - 1)]


def sgd(params, xs, ts, epochs, eta):
    """`epochs` epochs of per-example SGD over xs, ts (lists of vectors) on
    a network of one hidden layer; the CPU seconds they took."""
    (w1, b1), (w2, b2) = params
    exp, outer = np.exp, np.outer
    examples = list(zip(xs, ts))
    start = time.process_time()
    for _ in range(epochs):
        for x, t in examples:
            h = 1.0 / (1.0 + exp(-(w1 @ x + b1)))
            o = 1.0 / (1.0 + exp(-(w2 @ h + b2)))
            d_o = o * (1 - o) * (t - o)
            d_h = h * (1 - h) * (w2.T @ d_o)
            d_o *= eta
            d_h *= eta
            w2 += outer(d_o, h)
            b2 += d_o
            w1 += outer(d_h, x)
            b1 += d_h
    return time.process_time() - start


def encoder_set():
    eye = np.eye(8)
    return list(eye), list(eye)


def digits_set(n=1000):
    rng = np.random.default_rng(2)
    xs = rng.uniform(0, 1, (n, 784))
    ts = np.eye(10)[rng.integers(0, 10, n)]
    return list(xs), list(ts)


def rate(sizes, xs, ts, seconds, eta):
    """Examples per CPU second, epochs run until `seconds` have passed."""
    params = init(sizes, -0.05, 0.05, 1)
    n, spent = 0, 0.0
    while spent < seconds:
        spent += sgd(params, xs, ts, 1, eta)
        n += len(xs)
    return n / spent


def main():
    if np is None:
        py, tried = python_with_numpy()
        if py:
            os.execv(py, [py] + sys.argv)
        print(skipped_because(tried))
        sys.exit(77)
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    enc = rate([8, 3, 8], *encoder_set(), seconds, 0.3)
    big = rate([784, 100, 10], *digits_set(), seconds, 0.1)
    print(f"numpy {np.__version__}, per-example SGD, CPU time of one process:")
    print(f"  8-3-8 encoder:          {enc:12,.0f} examples/s")
    print(f"  784-100-10, synthetic:  {big:12,.0f} examples/s")


if __name__ == "__main__":
    main()
