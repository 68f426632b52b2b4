#!/usr/bin/env python3
"""bench-train-process.py BPTRACE: `bptrace train` as a whole process,
beside numpy's per-example SGD (bench-numpy-sgd.py), measured in one run.

  encoder 8-3-8   `bptrace train lessons/encoder-8-3-8.yaml` (5000 epochs of
                  8 examples, the trace of iteration 1, the report): its
                  examples per second of CPU time, against numpy's on the
                  same network (goal: at least 100x)
  784-100-10      `bptrace train --data` on a generated CSV of 500 examples
                  of 784 inputs and a class of 10, 100 epochs: examples per
                  second, reading the CSV included, against numpy (goal: at
                  least 4x), and the fraction of one core's flop peak

The numpy baseline runs under the first python3 that has numpy: this one,
every python3 on PATH, /usr/bin/python3.  Without one the baseline is
skipped, and the output says so and why.  Figures, not pass/fail: run with
`meson test -C build --benchmark -v` from an optimized build.  Run from the
source root.
"""
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def cpu_seconds(cmd):
    """CPU time (user + system) of one run of cmd, its output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_of(n, cmd):
    return min(cpu_seconds(cmd) for _ in range(n))


def numpy_pythons():
    seen, out = set(), []
    paths = [sys.executable]
    for d in os.environ.get("PATH", "").split(os.pathsep):
        p = os.path.join(d, "python3")
        if os.access(p, os.X_OK):
            paths.append(p)
    paths.append("/usr/bin/python3")
    for p in paths:
        real = os.path.realpath(p)
        if real not in seen:
            seen.add(real)
            out.append(p)
    return out


def numpy_baseline():
    """(encoder rate, 784-100-10 rate, version line) or (None, None, why)."""
    tried = []
    for py in numpy_pythons():
        ok = subprocess.run([py, "-c", "import numpy"], capture_output=True)
        if ok.returncode != 0:
            tried.append(py)
            continue
        res = subprocess.run([py, os.path.join(HERE, "bench-numpy-sgd.py"), "2"],
                             capture_output=True, text=True)
        rates = re.findall(r"([\d,]+) examples/s", res.stdout)
        if res.returncode != 0 or len(rates) != 2:
            return None, None, f"{py} failed: {res.stdout}{res.stderr}"
        enc, big = (float(r.replace(",", "")) for r in rates)
        return enc, big, f"{res.stdout.splitlines()[0]} ({py})"
    return None, None, ("skipped: no python3 with numpy among " +
                        ", ".join(tried) + " (apt-get install python3-numpy)")


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


def main():
    bptrace = sys.argv[1]
    enc_np, big_np, np_line = numpy_baseline()
    print(f"numpy baseline: {np_line}")

    # 8-3-8 encoder, the whole process
    t = best_of(5, [bptrace, "train", "lessons/encoder-8-3-8.yaml"])
    enc = 5000 * 8 / t
    print(f"bptrace train lessons/encoder-8-3-8.yaml: {t * 1000:.0f} ms CPU "
          f"(best of 5), {enc:,.0f} examples/s")
    if enc_np:
        print(f"  numpy: {enc_np:,.0f} examples/s; bptrace is {enc / enc_np:.0f}x "
              f"(goal: at least 100x)")

    # 784-100-10 through --data
    with tempfile.TemporaryDirectory() as d:
        r = random.Random(2)
        csv = os.path.join(d, "digits.csv")
        with open(csv, "w") as f:
            f.write(",".join(f"x{i}" for i in range(1, 785)) + ",label\n")
            for _ in range(500):
                f.write(",".join("%.3f" % r.random() for _ in range(784)) +
                        ",%d\n" % r.randrange(10))
        lesson = os.path.join(d, "784-100-10.yaml")
        with open(lesson, "w") as f:
            f.write('title: "784-100-10"\nsource: "bench"\nnetwork:\n'
                    '  layers:\n    - units: 784\n    - units: 100\n'
                    '    - units: 10\nlearning_rate: 0.1\ntraining:\n'
                    '  epochs: 100\n'
                    '  init: {range: [-0.05, 0.05], seed: 1}\n')
        t = best_of(3, [bptrace, "train", lesson, "--data", csv,
                        "--one-hot", "label"])
    big = 100 * 500 / t
    flops = 2 * (784 * 100 + 100 * 10) * 2 + 2 * 100 * 10  # fwd, update, back
    peak, how = flop_peak()
    print(f"bptrace train 784-100-10.yaml --data (500 examples, 100 epochs): "
          f"{t:.2f} s CPU (best of 3), {big:,.0f} examples/s")
    print(f"  {flops:,} flops an example: {big * flops / 1e9:.2f} Gflop/s, "
          f"{100 * big * flops / peak:.1f}% of one core's peak ({how})")
    if big_np:
        print(f"  numpy: {big_np:,.0f} examples/s; bptrace is {big / big_np:.1f}x "
              f"(goal: at least 4x)")


if __name__ == "__main__":
    main()
