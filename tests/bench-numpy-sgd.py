#!/usr/bin/env python3
"""bench-numpy-sgd.py: the baseline the training speed is measured against.

Per-example SGD in numpy (forward, backward, update for one example at a
time, sigmoid units, squared error), on the 8-3-8 encoder and on a
784-100-10 network with synthetic data: examples per second of CPU time on
one core.  `bench_train` measures bptrace's fast engine the same way; the
doc/training.md puts the figures side by side.  When the python3 that runs
it has no numpy, it runs itself again under the first python3 on PATH (or
/usr/bin/python3) that has; without any it says so and exits 77 (skipped).
"""
import os
import subprocess
import sys
import time

try:
    import numpy as np
except ImportError:
    tried = [sys.executable]
    candidates = [os.path.join(d, "python3")
                  for d in os.environ.get("PATH", "").split(os.pathsep)]
    for py in candidates + ["/usr/bin/python3"]:
        if not os.access(py, os.X_OK) or os.path.realpath(py) in map(
                os.path.realpath, tried):
            continue
        tried.append(py)
        if subprocess.run([py, "-c", "import numpy"],
                          capture_output=True).returncode == 0:
            os.execv(py, [py] + sys.argv)
    print("numpy baseline skipped: no python3 with numpy among " +
          ", ".join(tried) + " (apt-get install python3-numpy)")
    sys.exit(77)


def sgd_rate(sizes, xs, ts, seconds, eta=0.3):
    rng = np.random.default_rng(1)
    ws = [rng.uniform(-0.05, 0.05, (sizes[i + 1], sizes[i]))
          for i in range(len(sizes) - 1)]
    bs = [rng.uniform(-0.05, 0.05, sizes[i + 1]) for i in range(len(sizes) - 1)]
    n = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        for x, t in zip(xs, ts):
            outs = [x]
            for w, b in zip(ws, bs):
                outs.append(1.0 / (1.0 + np.exp(-(w @ outs[-1] + b))))
            o = outs[-1]
            delta = o * (1 - o) * (t - o)
            for k in range(len(ws) - 1, -1, -1):
                prev = outs[k]
                back = ws[k].T @ delta if k > 0 else None
                ws[k] += eta * np.outer(delta, prev)
                bs[k] += eta * delta
                if k > 0:
                    delta = prev * (1 - prev) * back
            n += 1
    return n / (time.process_time() - start)


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
    eye = np.eye(8)
    enc = sgd_rate([8, 3, 8], eye, eye, seconds)
    rng = np.random.default_rng(2)
    xs = rng.uniform(0, 1, (1000, 784))
    ts = np.eye(10)[rng.integers(0, 10, 1000)]
    big = sgd_rate([784, 100, 10], xs, ts, seconds, eta=0.1)
    print(f"numpy {np.__version__}, per-example SGD, CPU time of one process:")
    print(f"  8-3-8 encoder:          {enc:12,.0f} examples/s")
    print(f"  784-100-10, synthetic:  {big:12,.0f} examples/s")


if __name__ == "__main__":
    main()
