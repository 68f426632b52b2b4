#!/bin/sh
# run-golden.sh BPTRACE GOLDEN ARGS...: run bptrace ARGS and compare its
# standard output with GOLDEN byte for byte; print a unified diff if not.
bptrace=$1 golden=$2
shift 2
out=$(mktemp) || exit 99
trap 'rm -f "$out"' EXIT
"$bptrace" "$@" >"$out"
rc=$?
if [ "$rc" -ne 0 ]; then
    echo "bptrace $* exited with $rc"
    exit 1
fi
if ! cmp -s "$golden" "$out"; then
    echo "output of 'bptrace $*' differs from $golden:"
    diff -u "$golden" "$out"
    exit 1
fi
