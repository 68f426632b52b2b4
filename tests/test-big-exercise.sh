#!/bin/sh
# test-big-exercise.sh BPTRACE GEN: an exercise of 64 cases of 64 steps
# (gen-exercise.sh) in text, LaTeX and Markdown, each in bounded memory:
# the walk indexes the quantities by case and step once (walk.c) rather
# than rescanning the trace for every step of every case.  A TAP script.
bptrace=$1 gen=$2
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"

sh "$gen" 64 64 8 > "$dir/big.yaml"
# 512 MiB of address space: the trace of this lesson takes about 30 MiB
# AddressSanitizer reserves terabytes of address space: no bound there
if ldd "$bptrace" 2>/dev/null | grep -q libasan; then
    limited() { "$bptrace" "$@"; }
else
    limited() { (ulimit -v 524288; exec "$bptrace" "$@"); }
fi

for fmt in text latex markdown; do
    limited trace "$dir/big.yaml" --format $fmt > "$dir/out.$fmt" 2> "$dir/err"
    rc=$?
    check "$fmt: exit 0 in bounded memory (exit $rc)" [ "$rc" -eq 0 ]
done
# every step of every case is there, in order, with its numbers: net =
# -2.5 in case c64, whose sigmoid is 0.07586 by hand
check "text: 64 x 64 steps" \
    [ "$(grep -c '^Step ' "$dir/out.text")" -eq 4096 ]
check "markdown: 64 x 64 step headings" \
    [ "$(grep -c '^### Step ' "$dir/out.markdown")" -eq 4096 ]
check "latex: 64 x 64 step headings" \
    [ "$(grep -c '^\\subsubsection\*{Step ' "$dir/out.latex")" -eq 4096 ]
check "latex: a whole document" \
    [ "$(tail -n 1 "$dir/out.latex")" = '\end{document}' ]
check "markdown: the last case is c64" \
    [ "$(grep '^## ' "$dir/out.markdown" | tail -n 1)" = '## Case c64' ]
check "text: sigma(-2.5) = 0.07586 in the last case" \
    grep -q '0\.07586(1 - 0\.07586)' "$dir/out.text"
echo "1..$n"
[ "$failed" -eq 0 ]
