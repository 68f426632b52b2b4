#!/bin/sh
# bench-big-exercise.sh BPTRACE GEN: how long an exercise of 64 cases of 64
# steps of 8 quantities (gen-exercise.sh) takes in text, LaTeX, Markdown
# and JSON (JSON does no walk: the difference is the walk and its layout).
bptrace=$1 gen=$2
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
sh "$gen" 64 64 8 > "$dir/big.yaml"
for fmt in json text latex markdown; do
    start=$(date +%s%N)
    "$bptrace" trace "$dir/big.yaml" --format $fmt > /dev/null || exit 1
    end=$(date +%s%N)
    echo "trace --format $fmt of 64 cases x 64 steps: $(( (end - start) / 1000000 )) ms"
done
