#!/bin/sh
# run-check.sh BPTRACE CODE EXPECTED ARGS...: run bptrace ARGS; it must exit
# with CODE and write EXPECTED to standard output, byte for byte.  Standard
# error must be what EXPECTED with .err for .expected holds, if that file
# exists, and empty if not.  Prints a unified diff when they differ.
bptrace=$1 code=$2 expected=$3
shift 3
experr=${expected%.expected}.err
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
"$bptrace" "$@" >"$dir/out" 2>"$dir/err"
rc=$?
failed=0
if [ "$rc" -ne "$code" ]; then
    echo "bptrace $* exited with $rc, expected $code"
    sed 's/^/stderr: /' "$dir/err"
    failed=1
fi
if ! cmp -s "$expected" "$dir/out"; then
    echo "standard output of 'bptrace $*' differs from $expected:"
    diff -u "$expected" "$dir/out"
    failed=1
fi
if [ -f "$experr" ]; then
    if ! cmp -s "$experr" "$dir/err"; then
        echo "standard error of 'bptrace $*' differs from $experr:"
        diff -u "$experr" "$dir/err"
        failed=1
    fi
elif [ -s "$dir/err" ]; then
    echo "bptrace $* wrote to standard error:"
    cat "$dir/err"
    failed=1
fi
exit $failed
