#!/bin/sh
# run-bad-lesson.sh BPTRACE LESSON: bptrace must reject LESSON with exit
# code 1, print nothing on standard output, and print as its first line of
# standard error exactly the line in LESSON's .err file.  It must also
# leave no output file behind when asked to write one.
bptrace=$1 lesson=$2
expected_file=${lesson%.yaml}.err
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
"$bptrace" trace "$lesson" >"$dir/stdout" 2>"$dir/stderr"
rc=$?
status=0
if [ "$rc" -ne 1 ]; then
    echo "exit code $rc, expected 1"; status=1
fi
if [ -s "$dir/stdout" ]; then
    echo "unexpected standard output:"; head -5 "$dir/stdout"; status=1
fi
expected=$(cat "$expected_file")
actual=$(head -n 1 "$dir/stderr")
if [ "$actual" != "$expected" ]; then
    echo "expected: $expected"
    echo "actual:   $actual"
    status=1
fi
"$bptrace" trace "$lesson" -o "$dir/out.txt" 2>/dev/null
if [ -n "$(ls "$dir" | grep -v '^std')" ]; then
    echo "an output file was left behind:"; ls "$dir"; status=1
fi
exit $status
