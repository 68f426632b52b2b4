#!/bin/sh
# test-safety.sh BPTRACE: a mistyped command loses nothing, an output is
# never turned against its user, and no input reaches the terminal or
# hangs the program (issue 18; doc/reliability.md).  TAP.
bptrace=$1
case $bptrace in /*) ;; *) bptrace=$PWD/$bptrace ;; esac
dir=$(mktemp -d /tmp/bptrace-safety.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT
here=$(dirname "$0")
. "$here/tap.sh"
ce=lessons/complete-example.yaml
cp "$ce" "$dir/L.yaml"
"$bptrace" check "$ce" --template -o "$dir/a.yaml"
cp "$dir/a.yaml" "$dir/b.yaml"
same() { cmp -s "$1" "$2"; }
# no_tmp: no temporary file (NAME.XXXXXX) left in $dir/sig
no_tmp() { [ -z "$(ls -a "$dir/sig" | grep '\.[A-Za-z0-9]\{6\}$')" ]; }

# ---- 1. a symlink as an output (another user's: test-safety-root.sh) ----
printf 'before\n' >"$dir/target.txt"
ln -s "$dir/target.txt" "$dir/link.txt"
expect_exit 0 "our own symlink as -o is followed" trace "$ce" -o "$dir/link.txt"
check "... the file it names is replaced" grep -q '^Complete worked example' "$dir/target.txt"
check "... and the link stays a link" test -L "$dir/link.txt"
expect_exit 0 "/dev/null is written in place" trace "$ce" -o /dev/null
check "... and stays a device" test -c /dev/null

# ---- 2. an output over an input, or over another output ----
expect_exit 2 "trace L.yaml -o L.yaml is refused" trace "$dir/L.yaml" -o "$dir/L.yaml"
check "... with a message naming both" first_err_is "bptrace: -o '$dir/L.yaml' is the lesson '$dir/L.yaml': refusing to overwrite an input"
check "... and the lesson is intact" same "$dir/L.yaml" "$ce"
ln "$dir/L.yaml" "$dir/hard.yaml"
expect_exit 2 "-o a hard link of the lesson is refused" trace "$dir/L.yaml" -o "$dir/hard.yaml"
(cd "$dir" && "$bptrace" trace ./L.yaml -o L.yaml >/dev/null 2>&1)
check "-o the lesson by another path is refused (exit 2)" test $? -eq 2
expect_exit 2 "check L --summary a.yaml b.yaml (CSV name forgotten) is refused" \
    check "$ce" --summary "$dir/a.yaml" "$dir/b.yaml"
check "... and a.yaml is intact" same "$dir/a.yaml" "$dir/b.yaml"
expect_exit 2 "check -o an answers file is refused" \
    check "$ce" "$dir/a.yaml" "$dir/b.yaml" -o "$dir/b.yaml"
check "... and the answers file is intact" same "$dir/a.yaml" "$dir/b.yaml"
expect_exit 2 "check -o and --summary the same file is refused" \
    check "$ce" "$dir/a.yaml" -o "$dir/s.csv" --summary "$dir/s.csv"
check "... and nothing is written" test ! -e "$dir/s.csv"
expect_exit 2 "train -o y --plot y is refused" train xor -o "$dir/y" --plot "$dir/y"
check "... with a message naming both" first_err_is "bptrace: -o '$dir/y' and --plot '$dir/y' name the same file: each output needs its own"
expect_exit 2 "train -o y --plot ./y (another spelling) is refused" \
    train xor -o "$dir/y" --plot "$dir/./y"
check "... and nothing is written" test ! -e "$dir/y"
expect_exit 0 "-o and --plot may both be /dev/null (a device: nothing to lose)" \
    train xor --epochs 5 -o /dev/null --plot /dev/null
expect_exit 2 "quiz --save the lesson is refused" quiz "$dir/L.yaml" --save "$dir/L.yaml"
check "... and the lesson is intact" same "$dir/L.yaml" "$ce"
printf 's01\ns02\n' >"$dir/roster.txt"
expect_exit 2 "worksheet --roster R --output-dir R is refused" \
    worksheet "$ce" --roster "$dir/roster.txt" --output-dir "$dir/roster.txt"
expect_exit 2 "worksheet --output-dir the lesson is refused" \
    worksheet "$dir/L.yaml" --roster "$dir/roster.txt" --output-dir "$dir/L.yaml"
check "... and the lesson is intact" same "$dir/L.yaml" "$ce"

# ---- 3. the roster's copy of the lesson: the bytes it loaded ----
cat "$ce" | "$bptrace" worksheet /dev/stdin --roster "$dir/roster.txt" \
    --output-dir "$dir/piped" >/dev/null 2>"$dir/err"
check "a roster from a piped lesson is written" test -f "$dir/piped/manifest.yaml"
check "... its lesson.yaml is the lesson piped in, byte for byte" \
    same "$dir/piped/lesson.yaml" "$ce"

# ---- 4. signals: every temporary file removed ----
# A command started with & ignores SIGINT and SIGQUIT in a shell without
# job control: start it with every signal at its default action.
if env --default-signal=INT true 2>/dev/null; then
    run_bg() { env --default-signal "$bptrace" "$@" >/dev/null 2>&1 & }
else
    run_bg() { "$bptrace" "$@" >/dev/null 2>&1 & }
fi
# stop SIG PID: send the signal, then wait (a process that ignored it is
# killed after 10 s, so that the test fails rather than hangs)
stop() {
    kill -s "$1" "$2"
    i=0
    while kill -0 "$2" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    kill -9 "$2" 2>/dev/null
    wait "$2"
}
# check opens -o and --summary, then blocks reading a FIFO as its second
# answers file: each signal must remove both temporary files.
for sig in INT TERM HUP QUIT USR1 USR2 ALRM; do
    rm -rf "$dir/sig"; mkdir "$dir/sig"
    mkfifo "$dir/sig/fifo.yaml"
    run_bg check "$ce" "$dir/a.yaml" "$dir/sig/fifo.yaml" \
        -o "$dir/sig/report.txt" --summary "$dir/sig/grades.csv"
    pid=$!
    i=0 # until both temporary files exist
    while [ "$(ls "$dir/sig" | grep -c '\.[A-Za-z0-9]\{6\}$')" -lt 2 ] &&
          [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    stop "$sig" "$pid"
    rm -f "$dir/sig/fifo.yaml"
    check "SIG$sig during check -o --summary: no temporary file left" no_tmp
done
# a roster of 2000 students: a signal while it is written removes the
# hidden directory
i=1
while [ $i -le 2000 ]; do echo "s$i"; i=$((i + 1)); done >"$dir/big-roster.txt"
for sig in QUIT USR1 ALRM; do
    rm -rf "$dir/sig"; mkdir "$dir/sig"
    run_bg worksheet "$ce" --roster "$dir/big-roster.txt" \
        --output-dir "$dir/sig/class"
    pid=$!
    i=0
    while [ -z "$(ls -a "$dir/sig" | grep '\.bptrace-')" ] && [ $i -lt 100 ]; do
        sleep 0.05; i=$((i + 1)); done
    stop "$sig" "$pid"
    check "SIG$sig during a roster: no hidden directory, no DIR" \
        test -z "$(ls -A "$dir/sig")"
done

# ---- 6. control characters through YAML escapes ----
printf 'student: "\\e[2J"\nanswers:\n  o_4: 0.332\n' >"$dir/esc.yaml"
expect_exit 1 "an answers file with an ESC escape in a string is refused" check "$ce" "$dir/esc.yaml"
check "... at its line and column" first_err_is "bptrace: $dir/esc.yaml:1:10: control character U+001B (an escape such as \\e, \\a or \\u009b) is not allowed: it would reach the terminal"
check "... and no escape reaches the terminal" sh -c '! grep -q "$(printf "\033")" "$1/err" "$1/out"' sh "$dir"
printf 'student: "s\\u009b"\nanswers:\n  o_4: 0.332\n' >"$dir/c1.yaml"
expect_exit 1 "an answers file with a C1 control in the student name is refused" check "$ce" "$dir/c1.yaml"
# a stray byte 0x9b (a CSI to a terminal not in UTF-8) in the line quoted
# under a message
printf 'answers:\n  net_4: -0.7 \233[2J\n' >"$dir/stray.yaml"
expect_exit 1 "an answers file with a byte that is not UTF-8 is refused" check "$ce" "$dir/stray.yaml"
check "... and the line quoted shows that byte as '?'" grep -qx '    net_4: -0.7 ?\[2J' "$dir/err"
check "... and no byte 0x9b reaches the terminal" sh -c '! grep -q "$(printf "\233")" "$1/err"' sh "$dir"

# ---- 5. an exponent that overflows an int ----
printf 'answers:\n  o_4: 0.5e-2147483648\n  net_4: 0.5e-2147483649\n' >"$dir/exp.yaml"
expect_exit 5 "an answer 0.5e-2147483648 is judged (wrong), not undefined" check "$ce" "$dir/exp.yaml"

# ---- 8. hangs ----
mkdir "$dir/lessons"
cp "$ce" "$dir/lessons/"
mkfifo "$dir/lessons/stuck.yaml"
BPTRACE_LESSONS=$dir/lessons timeout 20 "$bptrace" list >"$dir/out" 2>"$dir/err"
check "list does not block on a FIFO in the lesson directory (exit 3)" test $? -eq 3
check "... and lists it as not a regular file" \
    grep -q '^stuck .*(cannot read: not a regular file)$' "$dir/out"
printf -- '-0.7\0\n0.332\n' | "$bptrace" quiz "$ce" >"$dir/out" 2>&1
check "quiz: a NUL in a line drops no line (the next one is read)" \
    grep -q '^  net₄ = .* = ? 0.332$' "$dir/out"
printf '0.3' | timeout 20 "$bptrace" quiz "$ce" >"$dir/out" 2>&1
check "quiz: input without a newline ends (the answer, then the score)" \
    sh -c 'test $? -ne 124 && grep -q "^Score" "$1"' sh "$dir/out"
printf 'g' | timeout 20 "$bptrace" step "$ce" >"$dir/out" 2>&1
check "step: input without a newline ends" test $? -eq 0
# a network of 256 units (16 layers of 16) whose draws are nearly all poor
{ sh "$here/gen-network.sh" 16 16 deep
  printf 'variants:\n  weights: {min: -99.9999, max: 99.9999, decimals: 4}\n'
} >"$dir/deep.yaml"
timeout 60 "$bptrace" trace "$dir/deep.yaml" --seed 1 >/dev/null 2>"$dir/err"
check "trace --seed on a 256-unit network gives up within its work budget (exit 1)" test $? -eq 1
check "... and says so" grep -q 'draws (the most this network.s size allows)' "$dir/err"

# ---- 9. smaller ----
sed 's/^learning_rate: .*/learning_rate: 1e30/; s/activation: sigmoid/activation: linear/' \
    lessons/xor.yaml >"$dir/diverge.yaml"
expect_exit 1 "train: a run that diverges is an error (exit 1)" \
    train "$dir/diverge.yaml" -o "$dir/train.txt"
check "... that names the overflow" grep -q 'training diverged in epoch 1: E is no longer a finite number' "$dir/err"
check "... and writes no report of inf and nan" test ! -e "$dir/train.txt"
sed 's/x1 -> 4: 0.2/x1 -> 4: 1e308/; s/activation: sigmoid/activation: linear/' \
    "$ce" >"$dir/huge.yaml"
expect_exit 1 "gradcheck: a gradient that overflows is an error (exit 1)" gradcheck "$dir/huge.yaml"
check "... that names it" grep -q 'is not a finite number: the values it is computed from are too large' "$dir/err"
check "... and prints no inf or nan" sh -c '! grep -qw "inf\|nan" "$1"' sh "$dir/out"

"$bptrace" worksheet "$ce" --roster "$dir/roster.txt" --output-dir "$dir/class" >/dev/null
sed 's/^student: .*/student: "s01"/' "$dir/class/s01.answers.yaml" >"$dir/s01.yaml"
cp "$dir/s01.yaml" "$dir/s01-again.yaml"
expect_exit 1 "check --manifest: two files claiming one student are reported" \
    check --manifest "$dir/class/manifest.yaml" "$dir/s01.yaml" "$dir/s01-again.yaml"
line=$(grep -n '^student:' "$dir/s01-again.yaml" | cut -d: -f1)
check "... naming both" grep -q "s01-again.yaml:$line:10: student 's01' is also named by '$dir/s01.yaml': each student hands in one answers file, so neither is graded" "$dir/err"
expect_exit 5 "check --manifest: one file named twice (overlapping globs) is graded once (its blanks: exit 5)" \
    check --manifest "$dir/class/manifest.yaml" "$dir/s01.yaml" "$dir/s01.yaml" \
    "$(dirname "$dir/s01.yaml")/./s01.yaml" --format none --summary "$dir/twice.csv"
check "... one row, with its score" sh -c '[ "$(grep -c "^s01," "$1")" = 1 ] && grep -q "^s01,[^,]*,[0-9]" "$1"' sh "$dir/twice.csv"
check "... saying so" grep -q "s01.yaml: named twice (also as '$dir/s01.yaml'): checked once" "$dir/err"
expect_exit 2 "check --manifest -o the manifest's copy of the lesson is refused" \
    check --manifest "$dir/class/manifest.yaml" "$dir/s01.yaml" -o "$dir/class/lesson.yaml"
check "... and the copy is intact" same "$dir/class/lesson.yaml" "$ce"

# the largest network a lesson may have: 4 layers of 64 units
sh "$here/gen-network.sh" 4 64 wide >"$dir/wide.yaml"
expect_exit 1 "check --template refuses a template check could not read back" \
    check "$dir/wide.yaml" --template -o "$dir/wide-template.yaml"
check "... and says why" grep -q 'more than check reads from an answers file (4194304)' "$dir/err"
check "... and writes nothing" test ! -e "$dir/wide-template.yaml"

awk 'BEGIN { s = "a: "; for (i = 0; i < 40; i++) s = s "["; s = s "1";
             for (i = 0; i < 40; i++) s = s "]"; print s }' >"$dir/nested.yaml"
expect_exit 1 "a nested answers file is refused" check "$ce" "$dir/nested.yaml"
check "... as the answers file, not the lesson" grep -q 'the answers file is nested too deeply' "$dir/err"
printf 'a: 1\n---\nb: 2\n' >"$dir/two-docs.yaml"
expect_exit 1 "a manifest of two documents is refused" check --manifest "$dir/two-docs.yaml" "$dir/a.yaml"
check "... as the manifest, not the lesson" grep -q 'the manifest has more than one YAML document' "$dir/err"

echo "1..$n"
[ "$failed" -eq 0 ]
