#!/bin/sh
# run-independent.sh BPTRACE LESSON-NAME [SCRIPT]: the trace of
# lessons/NAME.yaml, by hand and exact, against tests/golden/SCRIPT's own
# working of it (independent.py unless given).  Skipped (77) without
# python3.  Run from the source root.
bptrace=$1 name=$2 script=${3:-independent.py}
command -v python3 >/dev/null 2>&1 || { echo "python3 absent: skipped"; exit 77; }
out=$(mktemp) || exit 99
trap 'rm -f "$out"' EXIT
status=0
for mode in "" --exact; do
    "$bptrace" trace "lessons/$name.yaml" --format json $mode >"$out" || exit 1
    python3 "tests/golden/$script" "$name" "$out" || status=1
done
exit $status
