#!/bin/sh
# test-check-none.sh BPTRACE: `bptrace check --format none`: no report at
# all, only the --summary gradebook and the exit status; the gradebook is
# the one written beside the reports, byte for byte.  Run from the source
# root.  Prints TAP.
bptrace=$1
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
ce=lessons/complete-example.yaml
a=tests/answers
batch="$a/complete-example/right.yaml $a/complete-example/sign-flipped.yaml
       $a/broken/unknown-name.yaml $a/complete-example/ecf-chain-2.yaml"

# The same batch with the text reports and without: one broken file, so
# exit 1 either way.
expect_exit 1 "the batch with its reports" check $ce $batch \
    --summary "$dir/with.csv"
cp "$dir/err" "$dir/with.err"
check "the reports are on standard output" test -s "$dir/out"
expect_exit 1 "the batch with --format none" check $ce $batch \
    --summary "$dir/none.csv" --format none
check "nothing on standard output" test ! -s "$dir/out"
check "the gradebook is byte-identical to the one written with reports" \
    cmp -s "$dir/none.csv" "$dir/with.csv"
check "and is the expected gradebook" cmp -s "$dir/none.csv" $a/summary.csv
check "the broken file is still reported on standard error" \
    cmp -s "$dir/err" "$dir/with.err"

# Standard output is never written: a full one is no error.
"$bptrace" check $ce $batch --summary "$dir/full.csv" --format none \
    >/dev/full 2>/dev/null
check "standard output on a full disk: still exit 1, not 3" test $? -eq 1
check "and the gradebook is whole" cmp -s "$dir/full.csv" "$dir/with.csv"

# Without --summary: only the exit status.
expect_exit 0 "all right: exit 0, no output" check $ce \
    $a/complete-example/right.yaml --format none
check "nothing written" test ! -s "$dir/out" -a ! -s "$dir/err"
expect_exit 5 "a wrong answer: exit 5, no output" check $ce \
    $a/complete-example/sign-flipped.yaml --format none
check "nothing written" test ! -s "$dir/out" -a ! -s "$dir/err"

# With --manifest: each student's variant, the same gradebook.
printf 's01\ns02\n' >"$dir/roster.txt"
"$bptrace" worksheet $ce --roster "$dir/roster.txt" --output-dir "$dir/class" \
    >/dev/null 2>&1 || echo "# worksheet --roster failed"
expect_exit 5 "--manifest with its reports" check --manifest \
    "$dir/class/manifest.yaml" "$dir"/class/s0*.answers.yaml \
    --summary "$dir/class-with.csv"
expect_exit 5 "--manifest with --format none" check --manifest \
    "$dir/class/manifest.yaml" "$dir"/class/s0*.answers.yaml \
    --summary "$dir/class-none.csv" --format none
check "nothing on standard output" test ! -s "$dir/out"
check "the same gradebook" cmp -s "$dir/class-none.csv" "$dir/class-with.csv"
check "a row per student" \
    test "$(grep -c '^s0[12],' "$dir/class-none.csv")" -eq 2
expect_exit 2 "--manifest, --format none and -o" check --manifest \
    "$dir/class/manifest.yaml" "$dir/class/s01.answers.yaml" --format none \
    -o "$dir/report.txt"

# Usage errors.
expect_exit 2 "--format none with -o" check $ce \
    $a/complete-example/right.yaml --format none -o "$dir/report.txt"
check "the message says why" first_err_is \
    "bptrace: --format none writes no report: -o has nothing to write"
check "no report file" test ! -e "$dir/report.txt"
expect_exit 2 "trace takes no --format none" trace $ce --format none
expect_exit 2 "--template with --format none" check $ce --template \
    --format none

echo "1..$n"
[ "$failed" -eq 0 ]
