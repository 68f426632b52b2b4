#!/bin/sh
# test-sequential.sh BPTRACE: `bptrace trace --sequential` sets each number
# the sequential-update mistake changes beside the correct one (the table
# of tests/sequential/, in every format), and writes no erratum note
# beside a number the erratum is not about.  Run from the source root.
bptrace=$1
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
ce=lessons/complete-example.yaml
to=lessons/two-outputs.yaml

# the table, from its heading to the blank line after it
table() { sed -n '/^The sequential path beside the correct one$/,/^$/p' "$dir/out"; }

expect_exit 0 "trace --sequential" trace $ce --sequential
table >"$dir/table"
check "the table of yours beside the correct numbers" \
    diff -u tests/sequential/complete-example.expected "$dir/table"
check "  ... o5(new): 0.522 beside 0.520" \
    grep -Eq '^  o₅\(new\) +0\.522 +0\.520$' "$dir/table"
check "  ... after the summary, before the errata" sh -c "
    awk '/^Summary\$/ { s = NR } /^The sequential path/ { p = NR }
         /^Errata in the lecture\$/ { e = NR }
         END { exit !(s && p > s && e > p) }' '$dir/out'"
# the lecture's erratum corrects 0.521 to 0.520: beside the sequential
# 0.522 it would contradict the number; beside Delta w46 = 0.0392, which
# the mistake leaves alone, it still holds
check "no erratum note beside o5(new) = 0.522" sh -c "
    ! grep -q '^  Erratum: the lecture prints o₅(new)' '$dir/out'"
check "the erratum note beside w46(new), whose Delta w46 is 0.0392 either way" \
    grep -q '^  Erratum: the lecture prints Δw₄₆ = 0.0391 here' "$dir/out"
check "the errata section still lists both (it is about the lecture)" sh -c "
    grep -q '^  - Δw₄₆: the lecture prints 0.0391' '$dir/out' &&
    grep -q '^  - o₅(new): the lecture prints 0.521, correct is 0.520' '$dir/out'"
check "the warning says where the comparison is" sh -c "
    tr '\\n' ' ' <'$dir/out' | grep -q 'each number this changes is set beside the correct one at the end'"

expect_exit 0 "trace --sequential, two outputs" trace $to --sequential --ascii
table >"$dir/table"
check "  ... the table of yours beside the correct numbers" \
    diff -u tests/sequential/two-outputs.expected "$dir/table"

# one layer of weights (a linear unit): the mistake changes nothing, and
# the section says so instead of an empty table
expect_exit 0 "trace --sequential, no hidden layer" trace tests/lessons/two-examples.yaml --sequential
check "  ... says no number changes, with no table" sh -c "
    grep -q '^  The sequential update changes no number of this lesson' '$dir/out' &&
    ! grep -q 'Yours (sequential)' '$dir/out'"

# without --sequential: no table, the erratum beside o5(new) = 0.520
expect_exit 0 "trace without --sequential" trace $ce
check "  ... no table" sh -c "! grep -q 'sequential path' '$dir/out'"
check "  ... the erratum beside o5(new)" \
    grep -q '^  Erratum: the lecture prints o₅(new) = 0.521 here' "$dir/out"

# exact mode: the numbers as exact mode writes them (4 significant
# digits); o6(new) = 0.5150 either way at those digits: not listed
expect_exit 0 "trace --sequential --exact" trace $ce --sequential --exact
check "  ... delta_4 beside the exact correct one" \
    grep -Eq '^  δ₄ +-0\.007585 +-0\.008725$' "$dir/out"
table >"$dir/table"
check "  ... o6(new), the same at the digits written, is not listed" sh -c "
    grep -q '^  o₅(new) ' '$dir/table' && ! grep -q '^  o₆(new) ' '$dir/table'"

# the other formats say the same
for f in markdown latex html; do
    expect_exit 0 "trace --sequential --format $f" trace $ce --sequential --format $f
    check "  ... the table's heading" grep -q 'The sequential path beside the correct one' "$dir/out"
    check "  ... o5(new) 0.522 beside 0.520" grep -Eq '0\.522.*0\.520' "$dir/out"
    check "  ... one erratum note (Delta w46), not o5(new)'s" \
        sh -c "[ \$(grep -c 'Erratum: the lecture prints' '$dir/out') -eq 1 ]"
done

if command -v python3 >/dev/null 2>&1; then
    check "  ... the HTML page is well-formed" python3 tests/html-check.py "$dir/out"
fi

# JSON: "correct" beside each number the mistake changed, and only there
expect_exit 0 "trace --sequential --format json" trace $ce --sequential --format json
if command -v python3 >/dev/null 2>&1; then
    check "  ... verify_o_5: hand 0.522, correct 0.52; net_4 and delta_6 without" \
        python3 -c "
import json, sys
q = {x['name']: x for x in json.load(open('$dir/out'))['quantities']}
o5 = q['verify_o_5']
sys.exit(not (o5['hand'] == 0.522 and o5['correct']['hand'] == 0.52
              and o5['correct']['text'] == '0.520'
              and q['delta_4']['correct']['hand'] == -0.0087
              and 'correct' not in q['net_4'] and 'correct' not in q['delta_6']))"
else
    check "  ... verify_o_5's correct number" grep -q '"correct": {"exact": 0.5204' "$dir/out"
fi
expect_exit 0 "trace --format json without --sequential" trace $ce --format json
check "  ... no correct numbers" sh -c "! grep -q '\"correct\": {' '$dir/out'"

echo "1..$n"
[ "$failed" -eq 0 ]
