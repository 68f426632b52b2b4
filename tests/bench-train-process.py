#!/usr/bin/env python3
"""bench-train-process.py BPTRACE [REPS]: `bptrace train` as a whole
process, beside numpy's per-example SGD (sgd() of bench-numpy-sgd.py) on
the same network, the same examples and the same number of epochs.

  encoder 8-3-8   `bptrace train lessons/encoder-8-3-8.yaml` (5000 epochs of
                  8 examples, the trace of iteration 1, E where printed,
                  the report): CPU time of the whole process (start-up,
                  the lesson read and the output included) against numpy's
                  5000 epochs of the same 8 examples (its loop alone:
                  neither python's start-up nor numpy's import is counted).
                  Goal: at least 100x.
  784-100-10      `bptrace train --data` on a generated CSV of 500 examples
                  of 784 inputs and a class of 10, 100 epochs (reading the
                  CSV included) against numpy's 100 epochs of the same 500
                  examples.  Goal: at least 4x; and the fraction of one
                  core's flop peak.

The two are measured in one run, interleaved (numpy, bptrace, numpy, ...),
REPS times (7; 3 for 784-100-10): on a machine that others load, each pair
meets the same load.  Printed: the median CPU times, the ratio of the
medians and the range of the ratios of the pairs; and, where valgrind is
installed, bptrace's instructions for the encoder (callgrind), a figure
that the load does not change.

numpy runs in this process: when this python3 has no numpy the script runs
itself again under the first python3 that has (PATH, /usr/bin/python3);
without one it says that the baseline was skipped, and why, and measures
bptrace alone.  Figures, not pass/fail: run with
`meson test -C build --benchmark -v` from an optimized build, from the
source root.
"""
import importlib.util
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "bench_numpy_sgd", os.path.join(HERE, "bench-numpy-sgd.py"))
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)
np = base.np


def cpu_seconds(cmd):
    """CPU time (user + system) of one run of cmd, its output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(reps, numpy_run, bptrace_cmd):
    """[(numpy seconds or None, bptrace seconds)] of reps pairs."""
    pairs = []
    for _ in range(reps):
        t_np = numpy_run() if numpy_run else None
        pairs.append((t_np, cpu_seconds(bptrace_cmd)))
    return pairs


def summary(pairs, examples, goal, what):
    t_bp = statistics.median(p[1] for p in pairs)
    print(f"  bptrace: {t_bp * 1000:.1f} ms CPU (median of {len(pairs)}), "
          f"{examples / t_bp:,.0f} examples/s")
    if pairs[0][0] is None:
        return t_bp
    t_np = statistics.median(p[0] for p in pairs)
    ratios = sorted(p[0] / p[1] for p in pairs)
    print(f"  numpy:   {t_np * 1000:.1f} ms CPU (median of {len(pairs)}), "
          f"{examples / t_np:,.0f} examples/s")
    print(f"  bptrace is {t_np / t_bp:.{1 if goal < 10 else 0}f}x numpy "
          f"(ratio of the medians; pairs {ratios[0]:.1f}-{ratios[-1]:.1f}x; "
          f"goal: at least {goal}x{' ' + what if what else ''})")
    return t_bp


def instructions(cmd):
    """bptrace's instructions for cmd (callgrind), or None without it."""
    valgrind = shutil.which("valgrind")
    if not valgrind:
        return None
    res = subprocess.run([valgrind, "--tool=callgrind",
                          "--callgrind-out-file=/dev/null"] + cmd,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True)
    m = re.search(r"Collected : (\d+)", res.stderr)
    return int(m.group(1)) if m else None


def flop_peak():
    """One core's double-precision peak, flops/s, and how it was worked."""
    mhz, flags = None, ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("cpu MHz") and mhz is None:
                mhz = float(line.split(":")[1])
            if line.startswith("flags") and not flags:
                flags = line.split(":")[1].split()
    if "avx512f" in flags:
        per, unit = 32, "AVX-512 FMA"
    elif "fma" in flags:
        per, unit = 16, "AVX2 FMA"
    elif "avx" in flags:
        per, unit = 8, "AVX"
    else:
        per, unit = 4, "SSE2"
    return mhz * 1e6 * per, f"{mhz:.0f} MHz x {per} flops/cycle ({unit})"


def encoder(bptrace, reps):
    lesson = "lessons/encoder-8-3-8.yaml"
    cmd = [bptrace, "train", lesson]
    numpy_run = None
    if np:
        xs, ts = base.encoder_set()
        # the lesson's range; speed does not depend on the weights drawn
        numpy_run = lambda: base.sgd(base.init([8, 3, 8], -0.1, 0.1, 13),
                                     xs, ts, 5000, 0.3)
    print(f"8-3-8 encoder, 5000 epochs of 8 examples: `bptrace train "
          f"{lesson}` (the whole process) and numpy's loop:")
    summary(interleaved(reps, numpy_run, cmd), 5000 * 8, 100,
            "for the whole process")
    n = instructions(cmd)
    print(f"  bptrace: {n:,} instructions (callgrind)" if n else
          "  bptrace's instructions not counted: no valgrind")


def digits(bptrace, reps):
    epochs, n_ex = 100, 500
    with tempfile.TemporaryDirectory() as d:
        r = random.Random(2)
        csv = os.path.join(d, "digits.csv")
        with open(csv, "w") as f:
            f.write(",".join(f"x{i}" for i in range(1, 785)) + ",label\n")
            for _ in range(n_ex):
                f.write(",".join("%.3f" % r.random() for _ in range(784)) +
                        ",%d\n" % r.randrange(10))
        lesson = os.path.join(d, "784-100-10.yaml")
        with open(lesson, "w") as f:
            f.write('title: "784-100-10"\nsource: "bench"\nnetwork:\n'
                    '  layers:\n    - units: 784\n    - units: 100\n'
                    '    - units: 10\nlearning_rate: 0.1\ntraining:\n'
                    f'  epochs: {epochs}\n'
                    '  init: {range: [-0.05, 0.05], seed: 1}\n')
        numpy_run = None
        if np:
            data = np.loadtxt(csv, delimiter=",", skiprows=1)
            xs = list(data[:, :784])
            ts = list(np.eye(10)[data[:, 784].astype(int)])
            numpy_run = lambda: base.sgd(
                base.init([784, 100, 10], -0.05, 0.05, 1), xs, ts, epochs, 0.1)
        print(f"784-100-10, {epochs} epochs of {n_ex} examples: `bptrace "
              f"train --data` (reading the CSV included) and numpy's loop:")
        t = summary(interleaved(reps, numpy_run,
                                [bptrace, "train", lesson, "--data", csv,
                                 "--one-hot", "label"]),
                    epochs * n_ex, 4, "")
    flops = 2 * (784 * 100 + 100 * 10) * 2 + 2 * 100 * 10  # fwd, update, back
    peak, how = flop_peak()
    big = epochs * n_ex / t
    print(f"  {flops:,} flops an example: {big * flops / 1e9:.2f} Gflop/s, "
          f"{100 * big * flops / peak:.1f}% of one core's peak ({how})")


def main():
    if np is None:
        py, tried = base.python_with_numpy()
        if py:
            os.execv(py, [py] + sys.argv)
        print(base.skipped_because(tried) + "; bptrace is measured alone")
    else:
        print(f"numpy {np.__version__} ({sys.executable}), per-example SGD "
              "(bench-numpy-sgd.py)")
    bptrace = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    encoder(bptrace, reps)
    digits(bptrace, max(1, min(reps, 3)))


if __name__ == "__main__":
    main()
