#!/usr/bin/env python3
"""bptrace export --format moodle|qti: the files parse (xmllint), every
answer is the trace's (bptrace trace --format json --seed S) for every
variant, every range holds the hand and the calculator answer and keeps
out the classic mistakes (worked here from the trace's numbers, not by
bptrace) or the quantity is named on stderr; the QTI package's structure;
bad input.  TAP.  Usage: test-export.py BPTRACE (skips, 77, without
xmllint)."""
import json, os, re, shutil, subprocess, sys, tempfile, zipfile
from decimal import Decimal, ROUND_HALF_UP

bptrace = sys.argv[1]
if not shutil.which("xmllint"):
    print("1..0 # SKIP xmllint not found (apt-get install libxml2-utils)")
    sys.exit(0)

from tap import ok, finish

def run(*args):
    p = subprocess.run([bptrace, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

def xmllint(*args):
    return subprocess.run(["xmllint", *args], capture_output=True, text=True)

def rnd(x, d):  # half away from zero, in decimal, as the lesson rounds
    q = Decimal(repr(x)).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP)
    return float(q)

def decimals(q, value):
    p = q["precision"]
    if p is None:  # no profile: 4 significant figures
        p = {"significant": 4}
    if "decimals" in p:
        return p["decimals"]
    from math import floor, log10
    return max(0, p["significant"] - 1 - floor(log10(abs(value)))) if value else p["significant"]

def trace(lesson, seed):
    args = ["trace", lesson, "--format", "json"] + (["--seed", str(seed)] if seed is not None else [])
    rc, out, err = run(*args)
    assert rc == 0, err
    t = json.loads(out)
    return {q["name"]: q for q in t["quantities"]}, t["mode"]

def mistakes(qs, q):
    """The classic mistakes named in the issue, from the trace's numbers."""
    v = lambda name: qs[name]["hand"]
    k, ins = q["kind"], q["inputs"]
    out = []
    if k == "output_delta":
        out += [("derivative left out", v(ins[1])), ("sign flipped", -q["hand"])]
    elif k == "hidden_delta":
        out += [("derivative left out", v(ins[1]))]
    elif k == "ce_delta":
        out += [("sign flipped", -q["hand"])]
    elif k == "weight_change" and qs["eta"]["hand"] not in (0, 1):
        out += [("eta left out", q["hand"] / v(ins[0]))]
    elif k == "new_weight" and len(ins) == 2 and ins[1] in qs:
        ch = qs[ins[1]]
        if ch["kind"] == "weight_change" and v(ch["inputs"][0]) not in (0, 1):
            out += [("eta left out", v(ins[0]) + ch["hand"] / v(ch["inputs"][0])),
                    ("sign flipped", v(ins[0]) - ch["hand"])]
    return [(why, m) for why, m in out if abs(m - q["exact"]) > 1e-9 and abs(m - q["hand"]) > 1e-9]

def check_answer(where, qs, name, lo, hi, warned, mode):
    """lo..hi against the trace: both answers in, each mistake out (or warned)."""
    q = qs.get(name)
    if q is None:
        return [f"{where}: {name} is not in the trace"]
    value = q["hand"] if mode == "hand" else q["exact"]
    d = decimals(q, value)
    hand, calc = rnd(value, d), rnd(q["exact"], d)
    probs = []
    eps = 1e-12
    for label, x in (("hand", hand), ("calculator", calc)):
        if not lo - eps <= x <= hi + eps:
            probs.append(f"{where}: {name}: {label} answer {x} outside [{lo}, {hi}]")
    # no number that rounds to another value at d decimals passes
    u = 10.0 ** -d
    if lo < min(hand, calc) - u / 2 - eps or hi > max(hand, calc) + u / 2 + eps:
        probs.append(f"{where}: {name}: [{lo}, {hi}] wider than {min(hand, calc)}..{max(hand, calc)} +- {u / 2}")
    for why, m in mistakes(qs, q):
        inside = any(lo - eps <= x <= hi + eps for x in (m, rnd(m, d)))
        if inside and name not in warned:
            probs.append(f"{where}: {name}: mistake '{why}' {m} inside [{lo}, {hi}], not warned")
    return probs

def warnings(err):
    """seed -> names of the quantities stderr says no range separates."""
    w = {}
    for m in re.finditer(r"warning: .*?, (seed \d+|the lesson's own numbers): (\S+): no range", err):
        w.setdefault(m.group(1), set()).add(m.group(2))
    return w

tmp = tempfile.mkdtemp()

def blanks(lesson, seed, kinds):
    """The worksheet's blanks: what `worksheet --answers-template` leaves empty."""
    rc, out, err = run("worksheet", lesson, "--answers-template", "--seed", str(seed), "--blank", kinds)
    return {m.group(1) for m in re.finditer(r"^  ([^#\s]\S*):[ \t]*(#.*)?$", out, re.M)}

# ---- Moodle XML ----
cases = [("complete-example", 11, 3, "all"), ("two-outputs", 5, 2, "delta,new"),
         ("cross-entropy", 2, 2, "all"), ("softmax", 1, 2, "all"), ("xor", 3, 2, "net,o,delta"),
         ("chain-rule", 4, 2, "all"), ("weight-update", 9, 2, "all")]
for lesson, seed, count, kinds in cases:
    f = os.path.join(tmp, f"{lesson}.xml")
    rc, out, err = run("export", lesson, "--format", "moodle", "--seed", str(seed),
                       "--variants", str(count), "--blank", kinds, "--numerical", "-o", f)
    ok(rc == 0 and out == "", f"moodle {lesson}: exit 0, nothing on stdout", err)
    lint = xmllint("--noout", f)
    ok(lint.returncode == 0, f"moodle {lesson}: xmllint parses it", lint.stderr)
    c = xmllint("--xpath", "count(/quiz/question[@type='cloze'])", f)
    ok(c.stdout.strip() == str(count), f"moodle {lesson}: {count} cloze questions", c.stdout + c.stderr)
    import xml.etree.ElementTree as ET
    root = ET.parse(f).getroot()
    warned = warnings(err)
    clozes = root.findall("question[@type='cloze']")
    numericals = root.findall("question[@type='numerical']")
    probs, n_gaps, n_num = [], 0, 0
    for i, cq in enumerate(clozes):
        s = seed + i
        name = cq.find("name/text").text
        text = cq.find("questiontext/text").text
        if not name.endswith(f"seed {s}") or f"--seed {s}</code>" not in text:
            probs.append(f"question {i} names no seed {s}: {name}")
        qs, mode = trace(lesson, s)
        gaps = re.findall(r"\{1:NUMERICAL:=(-?[0-9.]+):([0-9.]+)#Right \((.*?)\)\. ", text)
        n_gaps += len(gaps)
        if {g[2] for g in gaps} != blanks(lesson, s, kinds):
            probs.append(f"seed {s}: gaps {sorted(g[2] for g in gaps)} are not the worksheet's blanks {sorted(blanks(lesson, s, kinds))}")
        for centre, tol, qname in gaps:
            lo, hi = float(centre) - float(tol), float(centre) + float(tol)
            probs += check_answer(f"seed {s}", qs, qname, lo, hi, warned.get(f"seed {s}", set()), mode)
        for nq in numericals:
            nm = nq.find("name/text").text
            if not nm.startswith(f"{lesson}: seed {s}: "):
                continue
            n_num += 1
            qname = nm.split(": ")[-1]
            a = nq.find("answer")
            centre, tol = float(a.find("text").text), float(a.find("tolerance").text)
            probs += check_answer(f"seed {s} numerical", qs, qname, centre - tol, centre + tol,
                                  warned.get(f"seed {s}", set()), mode)
    ok(n_gaps > 0 and not probs, f"moodle {lesson}: {n_gaps} gaps of {count} variants: the trace's answers, ranges clear of the classic mistakes", "\n".join(probs))
    ok(n_num == n_gaps, f"moodle {lesson}: --numerical: a numerical question per gap ({n_num})")

# the lesson's own numbers: no seed, the lecture's
f = os.path.join(tmp, "own.xml")
rc, out, err = run("export", "complete-example", "--format", "moodle", "--blank", "delta", "-o", f)
text = open(f, encoding="utf-8").read() if rc == 0 else ""
ok(rc == 0 and "the lesson&#39;s own numbers" not in text and "complete-example: the lesson's own numbers" in text
   and "{1:NUMERICAL:=0.1311500:0.0001000#Right (delta_6)" in text,
   "moodle, no --seed: the lesson's own numbers; delta_6: the lecture's 0.1311 "
   "and the calculator's 0.1312 (exact 0.131165) both pass", err)

# the mistakes bptrace names on stderr: complete-example seed 1 w35_new,
# eta applied twice (-0.09235 beside -0.092: no 3-decimal range separates)
rc, out, err = run("export", "complete-example", "--format", "moodle", "--seed", "1", "--blank", "new")
ok(rc == 0 and "seed 1: w35_new: no range separates the answer -0.092 from the mistake \"eta was applied twice\"" in err,
   "a mistake no range separates is named on stderr", err)

# ---- escaping: a title with XML's special characters, ]]> and UTF-8 ----
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lessons", "complete-example.yaml"), encoding="utf-8").read()
nasty = 'A <b>&amp; "q" ]]> η bell'
lesson = os.path.join(tmp, "nasty.yaml")
with open(lesson, "w", encoding="utf-8") as fh:  # (a lesson can hold no control character)
    title = 'title: "' + nasty.replace('"', '\\"') + '"'
    fh.write(re.sub(r"^title: .*$", lambda m: title, src, count=1, flags=re.M))
for fmt in ("moodle", "qti"):
    f = os.path.join(tmp, f"nasty.{fmt}")
    rc, out, err = run("export", lesson, "--format", fmt, "--seed", "3", "-o", f)
    if fmt == "moodle":
        xml = f
    else:
        with zipfile.ZipFile(f) as z:
            xml = os.path.join(tmp, "nasty-qti.xml")
            open(xml, "wb").write(z.read("nasty.xml"))
    lint = xmllint("--noout", xml)
    import xml.etree.ElementTree as ET
    body = ET.parse(xml).getroot()
    texts = "".join(body.itertext())
    expected = nasty.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    ok(rc == 0 and lint.returncode == 0 and expected + " (variant 3)" in texts,
       f"{fmt}: a title with < & \" ]]>, UTF-8 and a control character survives as HTML text", err + lint.stderr)

# ---- QTI 1.2 package ----
f = os.path.join(tmp, "bank.zip")
rc, out, err = run("export", "complete-example", "--format", "qti", "--seed", "21", "--variants", "3", "-o", f)
ok(rc == 0, "qti: exit 0", err)
z = zipfile.ZipFile(f)
names = z.namelist()
ok(names == ["imsmanifest.xml", "complete-example.xml"], "qti: the manifest and the assessment", names)
ok(z.testzip() is None and all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist()),
   "qti: every CRC-32 right, stored")
if shutil.which("unzip"):
    t = subprocess.run(["unzip", "-t", f], capture_output=True, text=True)
    ok(t.returncode == 0 and "No errors detected" in t.stdout, "qti: unzip -t finds no errors", t.stdout)
d = os.path.join(tmp, "qti")
z.extractall(d)
man, asm = os.path.join(d, "imsmanifest.xml"), os.path.join(d, "complete-example.xml")
for x in (man, asm):
    lint = xmllint("--noout", x)
    ok(lint.returncode == 0, f"qti: xmllint parses {os.path.basename(x)}", lint.stderr)
def xpath(expr, x):
    r = xmllint("--xpath", expr, x)
    return r.stdout.strip()
cp = "*[local-name()='%s']"
res = "/" + cp % "manifest" + "/" + cp % "resources" + "/" + cp % "resource"
ok(xpath(f"string({res}/@type)", man) == "imsqti_xmlv1p2" and
   xpath(f"string({res}/@href)", man) == "complete-example.xml" and
   xpath(f"string({res}/{cp % 'file'}/@href)", man) == "complete-example.xml",
   "qti: the manifest's resource is the assessment, imsqti_xmlv1p2")
A = "/" + cp % "questestinterop" + "/" + cp % "assessment"
ok(xpath(f"count({A}/{cp % 'section'})", asm) == "3", "qti: assessment > 3 sections (one per variant)")
items = int(xpath(f"count({A}/{cp % 'section'}/{cp % 'item'})", asm) or 0)
rc2, moodle_out, _ = run("export", "complete-example", "--format", "moodle", "--seed", "21", "--variants", "3")
ok(items > 0 and items == moodle_out.count("{1:NUMERICAL:"), f"qti: an item per blank ({items}), as many as Moodle's gaps")
for part in ("presentation/response_str/render_fib", "resprocessing/respcondition/conditionvar/or/varequal",
             "resprocessing/respcondition/conditionvar/or/and/vargte",
             "resprocessing/respcondition/conditionvar/or/and/varlte"):
    path = "/".join(cp % p for p in part.split("/"))
    c = xpath(f"count({A}/{cp % 'section'}/{cp % 'item'}/{path})", asm)
    ok(c == str(items), f"qti: every item has {part}", c)
import xml.etree.ElementTree as ET
ns = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"}
root = ET.parse(asm).getroot()
probs = []
for sec_i, sec in enumerate(root.findall("q:assessment/q:section", ns)):
    s = 21 + sec_i
    if sec.get("title") != f"seed {s}":
        probs.append(f"section {sec_i} title {sec.get('title')}")
    qs, mode = trace("complete-example", s)
    for it in sec.findall("q:item", ns):
        title = it.get("title")
        if not title.startswith(f"seed {s}: "):
            probs.append(f"item {title} names no seed {s}")
        name = title.split(": ", 1)[1]
        cond = it.find("q:resprocessing/q:respcondition/q:conditionvar/q:or", ns)
        key = float(cond.find("q:varequal", ns).text)
        lo, hi = float(cond.find("q:and/q:vargte", ns).text), float(cond.find("q:and/q:varlte", ns).text)
        q = qs[name]
        value = q["hand"]
        if abs(key - rnd(value, decimals(q, value))) > 1e-12:
            probs.append(f"seed {s}: {name}: key {key} is not the trace's {value}")
        probs += check_answer(f"seed {s}", qs, name, lo, hi, warnings(err).get(f"seed {s}", set()), mode)
        if f"--seed {s}" not in it.find("q:presentation/q:material/q:mattext", ns).text:
            probs.append(f"seed {s}: {name}: the text names no seed")
ok(not probs, "qti: every key and range against the trace of its seed and the classic mistakes", "\n".join(probs))
ok(open(f, "rb").read() == subprocess.run([bptrace, "export", "complete-example", "--format", "qti", "--seed", "21",
   "--variants", "3"], capture_output=True).stdout, "qti: the same package to stdout, byte for byte (no dates)")

# ---- bad input ----
def bad(code, desc, expect, *args):
    rc, out, err = run("export", *args)
    ok(rc == code and expect in err and out == "", f"{desc}: exit {code}", f"exit {rc}: {err}")
bad(2, "--variants 0", "--variants takes a whole number from 1 to 1000, not '0'", "complete-example", "--format", "moodle", "--variants", "0")
bad(2, "--variants 1001", "not '1001'", "complete-example", "--format", "moodle", "--variants", "1001")
bad(2, "--variants abc", "not 'abc'", "complete-example", "--format", "moodle", "--variants", "abc")
bad(2, "no --format", "export needs --format (one of: moodle, qti", "complete-example")
bad(2, "--format pdf", "unknown export format 'pdf' (expected one of: moodle, qti", "complete-example", "--format", "pdf")
bad(2, "--numerical with qti", "--numerical goes with --format moodle", "complete-example", "--format", "qti", "--numerical", "-o", os.path.join(tmp, "n.zip"))
bad(2, "--blank bogus", "--blank: unknown kind 'bogus'", "complete-example", "--format", "moodle", "--blank", "bogus")
# (in section 7 a blank exp now blanks the o worked out from it: an
# exercise without exponentials is the lesson with nothing to ask)
bad(2, "--blank that leaves nothing blank", "--blank exp leaves nothing blank", "error-terms", "--format", "moodle", "--blank", "exp")
bad(2, "--seed abc", "--seed takes a whole number", "complete-example", "--format", "moodle", "--seed", "abc")
bad(2, "no lesson", "export needs a LESSON", "--format", "moodle")
bad(1, "an exercise without variants", "this exercise has no variants", "sigmoid-table", "--format", "moodle", "--variants", "2")
bad(3, "a lesson that is not there", "no-such-lesson", "no-such-lesson", "--format", "moodle")
bad_lesson = os.path.join(tmp, "bad.yaml")
open(bad_lesson, "w").write(src.replace("learning_rate:", "lerning_rate:", 1))
bad(1, "an invalid lesson (file:line:column)", "bad.yaml:", bad_lesson, "--format", "qti", "-o", os.path.join(tmp, "bad.zip"))
ok(not os.path.exists(os.path.join(tmp, "bad.zip")), "an invalid lesson leaves no -o FILE")
keep = os.path.join(tmp, "keep.xml")
open(keep, "w").write("before\n")
rc, out, err = run("export", "sigmoid-table", "--format", "moodle", "--variants", "2", "-o", keep)
ok(rc == 1 and open(keep).read() == "before\n", "a failed export leaves -o FILE as it was")
rc, out, err = run("export", "complete-example", "--format", "qti", "-o", os.path.join(tmp, "no-dir", "x.zip"))
ok(rc == 3 and "cannot write" in err, "an -o FILE in no directory: exit 3", err)
rc, out, err = run("export", "complete-example", "--format", "moodle", "-o", os.path.join(tmp, "bank.txt"))
ok(rc == 0 and "does not end in .xml" in err, "-o FILE without .xml: written, with a note", err)
rc, out, err = run("export", "--help")
ok(rc == 0 and "--variants N" in out, "export --help")

shutil.rmtree(tmp)
finish()
