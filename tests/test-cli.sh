#!/bin/sh
# test-cli.sh BPTRACE: the command line, exit codes and output files.
# Run from the source root.  Prints TAP.
bptrace=$1
dir=$(mktemp -d) || exit 99
trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"

expect_exit 0 "--version" --version
check "--version prints the version" grep -qx 'bptrace 0.1.0' "$dir/out"
expect_exit 0 "--help" --help
check "--help documents the exit codes" grep -q '^Exit status:' "$dir/out"
expect_exit 0 "help trace" help trace
check "help trace lists --exact" grep -q -- '--exact' "$dir/out"
expect_exit 0 "trace --help" trace --help

expect_exit 2 "no command is a usage error"
check "usage errors start with the program name" grep -q '^bptrace: ' "$dir/err"
expect_exit 2 "unknown command" frobnicate
check "unknown command is named" first_err_is "bptrace: unknown command 'frobnicate' (commands: trace, check, show, list, worksheet, step, quiz, train, gradcheck, export, help)"
expect_exit 2 "trace without a lesson" trace
expect_exit 2 "unknown option" trace lessons/chain-rule.yaml --exsact
check "unknown option is named, with the closest" first_err_is "bptrace: unknown option '--exsact' for trace (did you mean '--exact'?)"
expect_exit 2 "a misspelt option" trace lessons/chain-rule.yaml --fromat=json
check "... gets its correction" first_err_is "bptrace: unknown option '--fromat=json' for trace (did you mean '--format'?)"
expect_exit 2 "an option of nothing like it" trace lessons/chain-rule.yaml --zzz
check "... gets none" first_err_is "bptrace: unknown option '--zzz' for trace"
check "a usage error points at the command's own help" grep -qx "Try 'bptrace help trace' for more information." "$dir/err"
expect_exit 2 "a misspelt command" trac lessons/chain-rule.yaml
check "... gets its correction" first_err_is "bptrace: unknown command 'trac' (did you mean 'trace'?)"
expect_exit 2 "--digits 0" trace lessons/chain-rule.yaml --digits 0
expect_exit 2 "--digits 18" trace lessons/chain-rule.yaml --digits=18
expect_exit 2 "--digits junk" trace lessons/chain-rule.yaml --digits 4x
expect_exit 2 "unknown format" trace lessons/chain-rule.yaml --format xml
check "unknown format lists the formats" first_err_is "bptrace: unknown format 'xml' (expected one of: text, json, latex, markdown, dot, html)"
expect_exit 2 "two lessons" trace lessons/chain-rule.yaml lessons/two-outputs.yaml

expect_exit 2 "-o with an empty name (an unset variable) is a usage error" trace lessons/chain-rule.yaml -o ""
check "... that says so" first_err_is "bptrace: -o needs a file name"

# a number of 3,000 digits: the message quotes its start, then the reason
awk 'BEGIN { s = ""; for (i = 0; i < 3000; i++) s = s "1"; print "answers:"; print "  net_4: " s }' >"$dir/long-number.yaml"
expect_exit 1 "an answer of 3,000 digits is refused" check lessons/complete-example.yaml "$dir/long-number.yaml"
check "... with its start quoted and the reason in full" first_err_is "bptrace: $dir/long-number.yaml:2:10: '1111111111111111111111111111111111111111...' is out of range"

expect_exit 3 "a missing lesson is an I/O error" trace "$dir/nosuch.yaml"
check "the missing file is named" grep -q "nosuch.yaml" "$dir/err"
expect_exit 3 "a directory is not a lesson" trace lessons
expect_exit 3 "an unknown lesson name" trace no-such-lesson
check "... suggests nothing when nothing is close" sh -c "! grep -q 'Did you mean' '$dir/err'"
expect_exit 3 "a misspelt lesson name" trace complete-exampel
check "... gets its correction" grep -qx "  Did you mean 'complete-example'?" "$dir/err"

# Lessons by name, and the same output whatever the destination.
"$bptrace" trace lessons/complete-example.yaml >"$dir/by-path.txt"
expect_exit 0 "a shipped lesson by name" trace complete-example
check "by name = by path" cmp -s "$dir/out" "$dir/by-path.txt"
expect_exit 0 "-o FILE" trace complete-example -o "$dir/o.txt"
check "-o writes what stdout gets" cmp -s "$dir/o.txt" "$dir/by-path.txt"
check "-o prints nothing on stdout" test ! -s "$dir/out"
check "-o leaves no temporary file" test "$(ls "$dir" | grep -c '^o\.txt\.')" -eq 0
umask 022
"$bptrace" trace complete-example -o "$dir/mode.txt"
check "-o makes an ordinary file (0644 under umask 022)" \
    test "$(stat -c %a "$dir/mode.txt")" = 644
expect_exit 0 "--output=FILE" trace complete-example --output="$dir/o2.txt"
check "--output=FILE writes the file" cmp -s "$dir/o2.txt" "$dir/by-path.txt"

# -o follows a symlink and keeps an existing file's mode; a device is
# written in place, never replaced by a file.  (Devices made here, so a
# bug cannot touch the real /dev/null.)
echo old >"$dir/target.txt" && chmod 640 "$dir/target.txt"
ln -s target.txt "$dir/link.txt"
expect_exit 0 "-o through a symlink" trace complete-example -o "$dir/link.txt"
check "the symlink is still a symlink" test -L "$dir/link.txt"
check "its target got the trace" cmp -s "$dir/target.txt" "$dir/by-path.txt"
check "the target kept its mode" test "$(stat -c %a "$dir/target.txt")" = 640
if [ "$(id -u)" -eq 0 ] && mknod "$dir/null" c 1 3 2>/dev/null &&
   mknod "$dir/full" c 1 7 2>/dev/null; then
    expect_exit 0 "-o to a null device" trace complete-example -o "$dir/null"
    check "the null device is still a device" test -c "$dir/null"
    expect_exit 3 "-o to a full device fails" trace complete-example -o "$dir/full"
    check "the full device is still a device" test -c "$dir/full"
    check "the failure is reported" grep -q "No space left on device" "$dir/err"
else
    ok "# SKIP -o to devices (needs root to make device nodes)"
fi

# A failed run leaves the old file as it was, and no temporary file.
echo "old contents" >"$dir/keep.txt"
expect_exit 1 "a bad lesson with -o" trace tests/bad-lessons/empty.yaml -o "$dir/keep.txt"
check "the old file is intact" grep -qx "old contents" "$dir/keep.txt"
check "no temporary file is left" test "$(ls "$dir" | grep -c '^keep\.txt\.')" -eq 0
# A write that fails after the file is open (here a file size limit, as a
# full disk would): the old file stays as it was, no temporary file is left.
echo "old contents" >"$dir/limited.txt"
(ulimit -f 1; exec "$bptrace" trace complete-example -o "$dir/limited.txt") \
    2>/dev/null
rc=$?
check "a write cut short by a size limit fails" test "$rc" -ne 0
check "the old file is intact after a failed write" \
    grep -qx "old contents" "$dir/limited.txt"
check "no temporary file is left after a failed write" \
    test "$(ls "$dir" | grep -c '^limited\.txt\.')" -eq 0

expect_exit 3 "-o into a missing directory" trace complete-example -o "$dir/no/such/dir.txt"
mkdir "$dir/ro" && chmod a-w "$dir/ro"
if [ "$(id -u)" -ne 0 ]; then
    expect_exit 3 "-o into a read-only directory" trace complete-example -o "$dir/ro/x.txt"
else
    ok "# SKIP -o into a read-only directory (root can write anywhere)"
fi

# A full disk: the failed write is reported, with a non-zero exit.
if [ -w /dev/full ]; then
    "$bptrace" trace complete-example >/dev/full 2>"$dir/err"
    rc=$?
    check "writing to /dev/full exits 3" test "$rc" -eq 3
    check "writing to /dev/full is reported" grep -q '^bptrace: cannot write' "$dir/err"
else
    ok "# SKIP /dev/full is not available"
fi

# A learning rate that makes the error grow is flagged (lecture section 9.2).
sed 's/^learning_rate: 0.5/learning_rate: 5/' tests/lessons/activations.yaml \
    >"$dir/big-eta.yaml"
expect_exit 0 "a learning rate far too large" trace "$dir/big-eta.yaml" --ascii
check "an error that went up is flagged" grep -q "eta may be too large" "$dir/out"

# Formats
expect_exit 0 "--ascii" trace complete-example --ascii
check "--ascii writes only ASCII" sh -c "! LC_ALL=C grep -q '[^ -~]' '$dir/out'"
expect_exit 0 "--format json" trace complete-example --format json
if command -v python3 >/dev/null 2>&1; then
    check "the JSON parses" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$dir/out"
else
    ok "# SKIP no python3 to parse the JSON"
fi
expect_exit 0 "--exact --digits 6" trace complete-example --exact --digits 6
check "--digits 6 shows six digits" grep -q '= 0.331812$' "$dir/out"

# --digits goes up to 17 as documented (it used to stop at 12); 16 figures
# already give this double back, so 17 shows 16.
expect_exit 0 "--digits 15" trace complete-example --digits 15
check "--digits 15 shows 15 digits" grep -q '= 0.331812227831834$' "$dir/out"
expect_exit 0 "--digits 17" trace complete-example --digits 17
check "--digits 17 shows every digit the double needs" grep -q '= 0.3318122278318339$' "$dir/out"
check "--digits 17 writes e^0.7 with 17" grep -q '1/(1 + 2.0137527074704766)' "$dir/out"

# Exact mode has no binary noise: 0.1 + 0.2 - 0.3 is 0, as a person adds
# it, so relu'(0) = 0 and delta is 0 (the double's 5.551e-17 gave relu' = 1).
cat >"$dir/zero-net.yaml" <<'EOF'
title: "A relu unit whose net is 0.1 + 0.2 - 0.3"
source: "bptrace tests"
network:
  layers:
    - units: [x1, x2]
    - units: [3]
      activation: relu
  weights:
    x1 -> 3: 0.1
    x2 -> 3: 0.2
  biases:
    3: -0.3
example:
  inputs: {x1: 1, x2: 1}
  targets: {3: 0.5}
learning_rate: 0.1
EOF
for mode in "" --exact "--digits 17"; do
    # shellcheck disable=SC2086
    expect_exit 0 "zero net ${mode:-(no rounding:)}" trace "$dir/zero-net.yaml" $mode
    check "net is 0, not noise ${mode}" sh -c "grep -A1 '= 0.1 + 0.2 - 0.3' '$dir/out' | grep -qx '       = 0'"
    check "no e-17 anywhere ${mode}" sh -c "! grep -q 'e-1[0-9]' '$dir/out'"
    check "relu'(0) = 0 so delta is 0 ${mode}" grep -q '^     = 0 × 0.5$' "$dir/out"
    check "the bias stays ${mode}" grep -q 'b₃(new) = .* = -0.3 + 0 = -0.3$' "$dir/out"
done
expect_exit 0 "zero net as JSON" trace "$dir/zero-net.yaml" --exact --format json
check "JSON has no noise" sh -c "! grep -q 'e-1[0-9]' '$dir/out'"
# relu at its kink in the test lessons: delta is 0 there too
expect_exit 0 "relu-kink --exact" trace tests/lessons/relu-kink.yaml --exact
check "relu-kink: delta 0" grep -q '^     = 0 × 1$' "$dir/out"

echo "1..$n"
[ "$failed" -eq 0 ]
