#!/bin/sh
# test-safety-root.sh BPTRACE: another user's symlink in a sticky
# directory (as /tmp is) is never followed by an output, whoever runs
# bptrace: root included, for whom the kernel's protected_symlinks would
# not apply to a path resolved beforehand.  Making a link owned by another
# user needs root: skipped otherwise (a TAP plan of 0 with SKIP).
bptrace=$1
case $bptrace in /*) ;; *) bptrace=$PWD/$bptrace ;; esac
if [ "$(id -u)" -ne 0 ]; then
    echo "1..0 # SKIP needs root (a symlink owned by another user)"
    exit 0
fi
other=$(id -u nobody 2>/dev/null) || other=65534
dir=$(mktemp -d /tmp/bptrace-sticky.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
ce=lessons/complete-example.yaml
chmod 1777 "$dir"
mkdir "$dir/private"
printf 'secret\n' >"$dir/private/file"
cp "$dir/private/file" "$dir/expected"
"$bptrace" check "$ce" --template -o "$dir/private/answers.yaml"

# link NAME: NAME in the sticky directory, a symlink to the private file,
# owned by the other user
link() {
    rm -f "$dir/$1"
    ln -s "$dir/private/file" "$dir/$1"
    chown -h "$other" "$dir/$1"
}
intact() { cmp -s "$dir/private/file" "$dir/expected"; }

link report.txt
expect_exit 3 "trace -o another user's symlink is refused" trace "$ce" -o "$dir/report.txt"
check "... with a message that says why" first_err_is "bptrace: refusing to write '$dir/report.txt': it is another user's symlink in a sticky directory (remove it, or write elsewhere)"
check "... and the file it points to is intact" intact
check "... and the link is still there" test -L "$dir/report.txt"

link grades.csv
expect_exit 3 "check --summary another user's symlink is refused" \
    check "$ce" "$dir/private/answers.yaml" --summary "$dir/grades.csv"
check "... and the file it points to is intact" intact

link curve.svg
expect_exit 3 "train --plot another user's symlink is refused" \
    train xor -o "$dir/private/train.txt" --plot "$dir/curve.svg"
check "... and the file it points to is intact" intact
check "... and the other output is not kept" test ! -e "$dir/private/train.txt"

link saved.yaml
printf '0.332\n' | "$bptrace" quiz "$ce" --save "$dir/saved.yaml" >/dev/null 2>"$dir/err"
check "quiz --save another user's symlink is refused (exit 3)" test $? -eq 3
check "... and the file it points to is intact" intact

mkdir "$dir/private/empty"
printf 's01\n' >"$dir/private/roster.txt"
rm -f "$dir/class"
ln -s "$dir/private/empty" "$dir/class"
chown -h "$other" "$dir/class"
expect_exit 3 "worksheet --output-dir another user's symlink writes nothing" \
    worksheet "$ce" --roster "$dir/private/roster.txt" --output-dir "$dir/class"
check "... into the directory it points to" test -z "$(ls -A "$dir/private/empty")"
check "... and leaves no hidden directory" \
    test -z "$(ls -a "$dir" | grep '\.bptrace-')"

# the directory's owner may own the link: followed, as the kernel does
: >"$dir/private/mine"
ln -s "$dir/private/mine" "$dir/own.txt"
expect_exit 0 "our own symlink there is followed" trace "$ce" -o "$dir/own.txt"
check "... and the file it names is written" grep -q '^Complete worked example' "$dir/private/mine"

echo "1..$n"
[ "$failed" -eq 0 ]
