#!/usr/bin/env python3
"""bench-trace-process.py [--runs N] [--lessons all|NAME,...] [--no-callgrind]
                          BPTRACE [OTHER_BPTRACE...]

`bptrace trace LESSON` as a whole process (start-up, dynamic loading,
reading the lesson, the derivation, writing it) beside a bare `/bin/true`,
for every shipped lesson.  Goal (issue 17): at most 1.3x /bin/true.

Each round runs /bin/true and then every program given on every lesson, so
that the load of the machine falls on all of them alike (interleaved); each
figure is the median over the rounds, of the wall time (spawn to exit) and
of the CPU time (user + system, from wait4).  The ratio is the program's
median over /bin/true's median.  A second program (say, the build of the
commit before) is measured in the same rounds, for a before/after in one
run.  With valgrind, the instructions of one trace of each lesson are
counted by callgrind (the whole process, dynamic loader included): the
figure that the load does not change.

The load average is printed before and after: on a loaded machine the
times spread, the instruction counts do not.  Figures, not pass/fail
(`meson test -C build --benchmark -v trace-process`).  Run from the source
root.
"""
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TRUE = "/bin/true"


def run_once(argv):
    """Wall and CPU seconds of one run of argv, its output discarded."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        t0 = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
        _, status, ru = os.wait4(pid, 0)
        wall = time.perf_counter() - t0
    finally:
        os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("bench-trace-process: %s failed" % " ".join(argv))
    return wall, ru.ru_utime + ru.ru_stime


def callgrind_instructions(argv):
    """Instructions of one run of argv under callgrind; None without it."""
    valgrind = shutil.which("valgrind")
    if not valgrind:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [valgrind, "--tool=callgrind",
             "--callgrind-out-file=" + os.path.join(tmp, "cg.out")] + argv,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    return int(m.group(1)) if m else None


def load():
    return "%.1f %.1f %.1f" % os.getloadavg()


def main():
    args = sys.argv[1:]
    runs, which, count = 101, "all", True
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--runs":
            runs = int(args.pop(0))
        elif opt == "--lessons":
            which = args.pop(0)
        elif opt == "--no-callgrind":
            count = False
        else:
            sys.exit(__doc__)
    if not args:
        sys.exit(__doc__)
    programs = [os.path.abspath(p) for p in args]
    if which == "all":
        lessons = sorted(glob.glob("lessons/*.yaml"))
    else:
        lessons = ["lessons/%s.yaml" % name for name in which.split(",")]
    if not lessons:
        sys.exit("bench-trace-process: no lessons/*.yaml (run from the source root)")

    print("load average before: %s (%d cores)" % (load(), os.cpu_count()))
    print("%d interleaved rounds; medians; ratio = median / /bin/true's median"
          % runs)
    names = ["program %d" % (i + 1) for i in range(len(programs))]
    for name, prog in zip(names, programs):
        print("%s: %s" % (name, prog))

    wall = {key: [] for key in [TRUE] + [(p, l) for p in programs for l in lessons]}
    cpu = {key: [] for key in wall}
    for _ in range(runs):
        w, c = run_once([TRUE])
        wall[TRUE].append(w)
        cpu[TRUE].append(c)
        for lesson in lessons:
            for prog in programs:
                w, c = run_once([prog, "trace", lesson])
                wall[(prog, lesson)].append(w)
                cpu[(prog, lesson)].append(c)
    print("load average after: %s" % load())

    true_wall = statistics.median(wall[TRUE])
    true_cpu = statistics.median(cpu[TRUE])
    true_ins = callgrind_instructions([TRUE]) if count else None
    print("/bin/true: wall %.2f ms, CPU %.2f ms%s" % (
        true_wall * 1e3, true_cpu * 1e3,
        ", %.2f M instructions" % (true_ins / 1e6) if true_ins else ""))
    header = "%-28s %-10s %14s %14s %16s" % (
        "lesson", "program", "wall ms (x)", "CPU ms (x)", "M instructions")
    print(header)
    worst = {p: 0.0 for p in programs}
    for lesson in lessons:
        for name, prog in zip(names, programs):
            w = statistics.median(wall[(prog, lesson)])
            c = statistics.median(cpu[(prog, lesson)])
            worst[prog] = max(worst[prog], w / true_wall)
            ins = callgrind_instructions([prog, "trace", lesson]) if count else None
            print("%-28s %-10s %6.2f (%4.2fx) %6.2f (%4.2fx) %16s" % (
                os.path.basename(lesson)[:-5], name, w * 1e3, w / true_wall,
                c * 1e3, c / true_cpu if true_cpu > 0 else float("nan"),
                "%.2f" % (ins / 1e6) if ins else "-"))
    for name, prog in zip(names, programs):
        print("%s: the slowest lesson takes %.2fx /bin/true (wall, median; goal 1.3x)"
              % (name, worst[prog]))
    if count and not true_ins:
        print("valgrind not found: no instruction counts (apt-get install valgrind)")


if __name__ == "__main__":
    main()
