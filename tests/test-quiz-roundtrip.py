#!/usr/bin/env python3
"""test-quiz-roundtrip.py BPTRACE: `bptrace quiz LESSON --save FILE` and
then `bptrace check LESSON FILE` give every item the same verdict.

Each scripted session of tests/quiz-roundtrip/ (what a student types, a
line each) is run through the quiz, which says its verdict on each number
as it goes, then in its score (the table and the lists), and writes it
beside each number it saves ("; quiz: ECF the second time").  Three
judgements are compared, item by item:
  - the verdict the quiz wrote beside each saved number,
  - the quiz's score: its table of counts and its lists (missed, right the
    second time, carried forward, stopped at, not answered),
  - `bptrace check --format json` on the saved file, run as the quiz says
    to run it (with --exact or --seed when the quiz had them).
An item the quiz asked but saved no number for must be "not answered" in
the quiz's lists and "missing" for check.  The sessions together must
cover right, right to a calculator's precision (digits the hand value
does not have), ECF, wrong, too coarse, a second try, a miss, and items
not answered; see tests/quiz-roundtrip/README.md for what each types.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile

BPTRACE = sys.argv[1]
DIR = "tests/quiz-roundtrip"

# name, the quiz's arguments, the session's input file
SESSIONS = [
    ("complete-example", ["lessons/complete-example.yaml"],
     "complete-example.in"),
    ("complete-example, too coarse then q",
     ["lessons/complete-example.yaml"], "complete-example-coarse.in"),
    ("tanh 2-3-2", ["tests/lessons/tanh-2-3-2.yaml"], "tanh-2-3-2.in"),
    ("two-outputs", ["lessons/two-outputs.yaml"], "two-outputs.in"),
    ("xor (exact: no rounding profile)", ["lessons/xor.yaml"], "xor.in"),
    ("complete-example --exact",
     ["lessons/complete-example.yaml", "--exact"],
     "complete-example-exact.in"),
    ("complete-example --seed 7", ["complete-example", "--seed", "7"],
     "seed-7.in"),
    ("complete-example --exact, the hand student",
     ["lessons/complete-example.yaml", "--exact"],
     "complete-example-exact-hand.in"),
]

LISTS = {
    "Missed (the working was shown):": "missed",
    "Wrong, stopped before a second try:": "stopped",
    "Too coarse, stopped before writing it again:": "stopped",
    "Right the second time:": "second",
    "Carried forward (ECF):": "ECF",
    "Not answered:": "not answered",
}

from tap import ok, finish
seen = set()  # what the sessions covered




def strip_parens(s):
    out, depth = [], 0
    for ch in s:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


def summary_lists(stdout):
    """{name: list kind} from the lists after the score table."""
    lines = stdout.splitlines()
    start = lines.index("Score")
    found, label, text = {}, None, ""

    def flush():
        if label:
            for name in strip_parens(text).split(","):
                if name.strip():
                    found[name.strip()] = LISTS[label]

    for line in lines[start:]:
        head = next((l for l in LISTS if line.startswith(l)), None)
        if head:
            flush()
            label, text = head, line[len(head):]
        elif label and line.startswith("  "):
            text += " " + line.strip()
        else:
            flush()
            label, text = None, ""
    flush()
    return found


def total_row(stdout):
    for line in stdout.splitlines():
        if line.startswith("  Total "):
            return [int(x) for x in line.split()[1:]]
    return None


SAVED = re.compile(r"^  (\S+):(?: (\S+))? +# typed: (.*?)(?:; quiz: (.*))?$")
VERDICT = re.compile(r"^(right|ECF|wrong|too coarse)\b(.*)$")


def saved_verdicts(text):
    """{name: (given, quiz verdict word, the rest)} of a saved file."""
    out = {}
    for line in text.splitlines():
        if line.startswith("#") or line == "answers:":
            continue
        m = SAVED.match(line)
        if not m:
            out[line] = (None, "unreadable line", "")
            continue
        v = VERDICT.match(m.group(4) or "")
        out[m.group(1)] = (m.group(2), v.group(1) if v else
                           m.group(4) or "no verdict saved",
                           v.group(2) if v else "")
    return out


def agrees(given, decimals, value):
    """bp_agrees: value rounded half away from zero to `decimals`."""
    scaled = abs(value) * 10 ** decimals
    r = int(scaled + 0.5 + 1e-9) / 10 ** decimals
    return abs((r if value >= 0 else -r) - given) < 1e-12


def run_session(title, args, infile):
    with tempfile.TemporaryDirectory() as tmp:
        saved = os.path.join(tmp, "saved.yaml")
        with open(os.path.join(DIR, infile)) as f:
            quiz = subprocess.run([BPTRACE, "quiz", *args, "--ascii",
                                   "--save", saved], stdin=f,
                                  capture_output=True, text=True)
        ok(quiz.returncode in (0, 5) and not quiz.stderr,
           f"{title}: the quiz runs (exit {quiz.returncode})", quiz.stderr)
        if not os.path.exists(saved):
            ok(False, f"{title}: the quiz saved its file")
            return
        # the check command the quiz itself says to run
        m = re.search(r"\('(bptrace check [^']*)' checks them\)",
                      quiz.stdout)
        ok(m is not None, f"{title}: the quiz says how to check the file")
        if not m:
            return
        words = shlex.split(m.group(1))[2:]
        ok(words[-1] == saved, f"{title}: ... the file it saved", words)
        check = subprocess.run([BPTRACE, "check", *words, "--format",
                                "json"], capture_output=True, text=True)
        ok(check.returncode in (0, 5) and not check.stderr,
           f"{title}: check reads it (exit {check.returncode})",
           check.stderr)
        items = json.loads(check.stdout)["items"]
        status = {it["name"]: it for it in items}
        with open(saved) as f:
            quiz_says = saved_verdicts(f.read())
        lists = summary_lists(quiz.stdout)

        # 1. the verdict the quiz saved beside each number is check's
        differ = []
        for name, (given, word, rest) in quiz_says.items():
            it = status.get(name)
            if it is None or it["status"] != word:
                differ.append(f"{name} = {given}: the quiz says {word}"
                              f"{rest}, check says "
                              f"{it['status'] if it else 'nothing'}")
            else:
                seen.add(word)
                if "second time" in rest:
                    seen.add("second try")
                if "missed" in rest:
                    seen.add("missed")
                if "stopped" in rest:
                    seen.add(f"{word}, then stopped")
                # right at digits the hand value has not: a calculator's
                if word == "right" and it["given"] and it["expected"]:
                    d = len(it["given"].split(".")[1]) \
                        if "." in it["given"] else 0
                    if not agrees(float(it["given"]), d,
                                  float(it["expected"])):
                        seen.add("right to a calculator's precision")
        ok(not differ, f"{title}: each saved number: the quiz's verdict is "
           f"check's ({len(quiz_says)} numbers)", "\n".join(differ))

        # 2. what the quiz asked and saved nothing for: not answered in
        # the quiz's lists, missing for check
        differ = []
        for it in items:
            if it["name"] in quiz_says:
                continue
            if it["status"] != "missing" or \
               lists.get(it["name"]) != "not answered":
                differ.append(f"{it['name']}: not saved, check says "
                              f"{it['status']}, the quiz lists it as "
                              f"{lists.get(it['name'], 'nothing')}")
            else:
                seen.add("not answered")
        ok(not differ, f"{title}: what was not answered is missing",
           "\n".join(differ))

        # 3. the quiz's score agrees with the verdicts it saved
        differ = []
        for name, (given, word, rest) in quiz_says.items():
            want = ("missed" if "missed" in rest
                    else "stopped" if "stopped" in rest
                    else "second" if "second time" in rest
                    else "ECF" if word == "ECF"
                    else None)  # right the first time: in no list
            if lists.get(name) != want:
                differ.append(f"{name}: saved as '{word}{rest}', listed "
                              f"as {lists.get(name, 'nothing')}")
        kinds = [v for _, v, r in quiz_says.values()]
        rests = [(v, r) for _, v, r in quiz_says.values()]
        want_total = [
            len(items),
            sum(1 for v, r in rests if v == "right" and not r),
            sum(1 for v, r in rests if v == "ECF" and not r),
            sum(1 for v, r in rests if "second time" in r),
            sum(1 for v, r in rests if "missed" in r),
        ]
        total = total_row(quiz.stdout)
        if total != want_total:
            differ.append(f"the Total row is {total}; the saved verdicts "
                          f"make it {want_total}")
        answered = re.search(r"Stopped before the end: (\d+) of (\d+) asked "
                             r"were answered", quiz.stdout)
        if answered and int(answered.group(1)) != len(kinds):
            differ.append(f"'{answered.group(0)}', but {len(kinds)} numbers "
                          f"were saved")
        ok(not differ, f"{title}: the quiz's score says what it saved",
           "\n".join(differ))


for title, args, infile in SESSIONS:
    run_session(title, args, infile)

for what in ["right", "right to a calculator's precision", "ECF", "wrong",
             "too coarse", "second try", "missed", "wrong, then stopped",
             "too coarse, then stopped", "not answered"]:
    ok(what in seen, f"the sessions cover: {what}")

finish()
