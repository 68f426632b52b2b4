#!/bin/sh
# test-gradescope.sh BPTRACE: `bptrace check --format gradescope` writes a
# results.json that Gradescope takes: a top-level score, and tests[] each
# with name, number, score, max_score, status (passed or failed), output
# and visibility.  Needs python3 (skipped, exit 77, without it).
bptrace=$1
command -v python3 >/dev/null 2>&1 || { echo "no python3: skipped"; exit 77; }
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
status=0
for f in tests/answers/complete-example/right.yaml \
         tests/answers/complete-example/sign-flipped.yaml \
         tests/answers/complete-example/ecf-chain-2.yaml \
         tests/answers/two-outputs/swapped-indices.yaml \
         tests/answers/broken/unknown-name.yaml; do
    lesson=lessons/$(basename "$(dirname "$f")").yaml
    [ -f "$lesson" ] || lesson=lessons/complete-example.yaml
    "$bptrace" check "$lesson" "$f" --format gradescope -o "$dir/results.json" 2>/dev/null
    python3 - "$dir/results.json" "$f" <<'PY' || status=1
import json, sys
path, name = sys.argv[1], sys.argv[2]
def fail(msg):
    print("%s: %s" % (name, msg))
    sys.exit(1)
with open(path, encoding="utf-8") as f:
    r = json.load(f)
if not isinstance(r, dict):
    fail("not an object")
num = (int, float)
if not isinstance(r.get("score"), num) or isinstance(r.get("score"), bool):
    fail("no numeric top-level score")
if not isinstance(r.get("tests"), list):
    fail("no tests[]")
if "output" in r and not isinstance(r["output"], str):
    fail("output is not a string")
total = 0
for i, t in enumerate(r["tests"]):
    for key, kind in (("name", str), ("number", str), ("score", num),
                      ("max_score", num), ("status", str), ("output", str),
                      ("visibility", str)):
        if not isinstance(t.get(key), kind):
            fail("tests[%d].%s missing or not a %s" % (i, key, kind))
    if t["status"] not in ("passed", "failed"):
        fail("tests[%d].status is %r" % (i, t["status"]))
    if t["visibility"] not in ("visible", "hidden", "after_due_date",
                               "after_published"):
        fail("tests[%d].visibility is %r" % (i, t["visibility"]))
    if not 0 <= t["score"] <= t["max_score"]:
        fail("tests[%d].score out of range" % i)
    total += t["score"]
if abs(total - r["score"]) > 1e-9:
    fail("score %r is not the sum of the tests' scores %r" % (r["score"], total))
print("%s: %d tests, score %s" % (name, len(r["tests"]), r["score"]))
PY
done
exit $status
