#!/usr/bin/env python3
"""No worksheet gives a blank away: for every lesson and every --blank kind,
the text worksheet as printed is read back (not the graph) and no blank may
follow in one step from the numbers it shows:

  chain    in a derivation  a = b = c,  a number shown after a segment with
           a blank is worked out from it: the equation gives the blank back
           (t - o = 1 - ______ = 0.526; -0.3 + ______ = -0.261);
  summary  a row's old, new and change are one sum: with one blank of the
           three the other two give it;
  symbol   a quantity blank in one place and written with its number in
           another (o6 blank in a derivation, |t6 - o6| = 0.526 in the table).

Usage: test-worksheet-leaks.py BPTRACE SRCDIR [EXTRA-ARGS...]; the extra
arguments go to every worksheet (--reveal all makes it fail: the test can).
TAP on stdout."""
import glob
import os
import re
import subprocess
import sys

BLANK = "______"
KINDS = ["net", "exp", "activation", "derivative", "product", "sum",
         "delta", "change", "new", "error", "all", "delta,new",
         "activation,delta"]
NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")


def derivations(text):
    """Each derivation as its list of ' = ' segments; continuation lines
    (starting with '= ') join the line before."""
    chains = []
    for line in text.split("\n"):
        s = line.strip()
        if s.startswith("= ") and chains:
            chains[-1].extend(seg.strip() for seg in s[2:].split(" = "))
        elif " = " in s:
            chains.append([seg.strip() for seg in s.split(" = ")])
        else:
            chains.append([])
    return [c for c in chains if c]


def symbol(seg):
    """The quantity a derivation's first segment names: 'Old error:
    |t6 - o6|' and 'Error |t6 - o6|' both as 't6 - o6'."""
    seg = re.sub(r"^[A-Z][A-Za-z ]*:\s*", "", seg)
    seg = re.sub(r"^(Output|Error|Loss)\s+", "", seg)
    return seg.replace("|", "").strip()


def summary_rows(text):
    """(symbol, old, new, change) of each row of the summary table."""
    rows = []
    lines = text.split("\n")
    if "Summary" not in lines:
        return rows
    for line in lines[lines.index("Summary") + 2:]:
        if not line.strip():
            break
        cells = line.split()
        if len(cells) < 4:
            continue
        rows.append((symbol(" ".join(cells[:-3])), *cells[-3:]))
    return rows


def leaks(text):
    found = []
    values = {}  # symbol -> set of what is written for it
    for chain in derivations(text):
        first = next((i for i, seg in enumerate(chain) if BLANK in seg), None)
        if first is not None:
            for seg in chain[first + 1:]:
                if BLANK not in seg:
                    found.append("chain: %s" % " = ".join(chain))
                    break
        if len(chain) >= 2 and (NUMBER.match(chain[-1]) or
                                chain[-1] == BLANK):
            values.setdefault(symbol(chain[0]), set()).add(chain[-1])
    for sym, old, new, change in summary_rows(text):
        cells = (old, new, change)
        if sum(c == BLANK for c in cells) == 1:
            found.append("summary: %s %s %s %s" % (sym, old, new, change))
        values.setdefault(sym, set()).add(old)
        values.setdefault(sym + "(new)", set()).add(new)
    for sym, vals in values.items():
        if BLANK in vals and any(v != BLANK for v in vals):
            found.append("symbol: %s is blank and %s" %
                         (sym, ", ".join(sorted(v for v in vals
                                                if v != BLANK))))
    return found


def main():
    bptrace, src = sys.argv[1], sys.argv[2]
    extra = sys.argv[3:]
    lessons = sorted(glob.glob(os.path.join(src, "lessons", "*.yaml")) +
                     glob.glob(os.path.join(src, "tests", "lessons",
                                            "*.yaml")))
    n = 0
    failed = 0
    out = []
    for lesson in lessons:
        for kind in KINDS:
            n += 1
            name = "%s --blank %s" % (os.path.basename(lesson), kind)
            r = subprocess.run([bptrace, "worksheet", lesson, "--ascii",
                                "--blank", kind] + extra,
                               capture_output=True, text=True)
            if r.returncode != 0:
                # a lesson the worksheet does not take (a bad one) is not
                # a worksheet's leak; say so
                out.append("ok %d - %s # SKIP exit %d" %
                           (n, name, r.returncode))
                continue
            found = leaks(r.stdout)
            if found:
                failed += 1
                out.append("not ok %d - %s gives a blank away" % (n, name))
                out.extend("# " + f for f in found[:5])
            else:
                out.append("ok %d - %s" % (n, name))
    print("1..%d" % n)
    print("\n".join(out))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
