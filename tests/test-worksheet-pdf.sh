#!/bin/sh
# Every shipped lesson's LaTeX worksheet and key, on A4 and US letter,
# through pdflatex: each compiles, and no line is too wide (an
# "Overfull \hbox" in the log).  Skipped (77) without pdflatex.
# Usage: test-worksheet-pdf.sh BPTRACE SRCDIR
bptrace=$1 src=$2
command -v pdflatex >/dev/null 2>&1 || { echo "1..0 # SKIP no pdflatex"; exit 0; }
dir=$(mktemp -d /tmp/bptrace-wspdf.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
for lesson in "$src"/lessons/*.yaml "$src"/tests/lessons/*.yaml; do
    name=$(basename "$lesson" .yaml)
    for paper in a4 letter; do
        for key in "" --key; do
            f=$name.$paper${key:+.key}
            "$bptrace" worksheet "$lesson" --format latex --paper "$paper" \
                $key -o "$dir/$f.tex" 2>/dev/null || continue
            (cd "$dir" && pdflatex -interaction=nonstopmode -halt-on-error \
                "$f.tex" >/dev/null 2>&1)
            check "$f compiles" test -f "$dir/$f.pdf"
            check "$f has no overfull line" \
                sh -c '! grep -q "Overfull \\\\hbox" "$1"' sh "$dir/$f.log"
        done
    done
done
echo "1..$n"
[ "$failed" -eq 0 ]
