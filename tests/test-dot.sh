#!/bin/sh
# test-dot.sh BPTRACE: every network lesson's --format dot (plain and
# --annotate) is a graph Graphviz's dot reads and lays out.  Skipped (77)
# only where dot is absent.  Run from the source root.  Prints TAP.
bptrace=$1
command -v dot >/dev/null 2>&1 || { echo "1..0 # SKIP no dot"; exit 0; }
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"

for f in lessons/*.yaml tests/lessons/*.yaml; do
    grep -q '^network:' "$f" || continue
    l=$(basename "$f" .yaml)
    for opt in "" --annotate; do
        "$bptrace" trace "$f" --format dot $opt -o "$dir/$l.dot"
        check "$l: dot $opt parses and lays out" sh -c \
            "dot -Tsvg '$dir/$l.dot' >'$dir/$l.svg' && grep -q '<svg' '$dir/$l.svg'"
    done
done
# dot lays out what the lesson says: the weight w46's old -> new value and
# unit 6's delta are in the SVG as text
"$bptrace" trace lessons/complete-example.yaml --format dot --annotate -o "$dir/ce.dot"
dot -Tsvg "$dir/ce.dot" >"$dir/ce.svg"
check "w46 -0.3 -> -0.261 is drawn" grep -q -- 'w₄₆ = &#45;0.3 → &#45;0.261' "$dir/ce.svg"
check "delta_6 = 0.1311 is drawn" grep -q -- 'δ₆ = 0.1311' "$dir/ce.svg"

echo "1..$n"
[ "$failed" -eq 0 ]
