#!/bin/sh
# Markdown worksheets and keys through a real renderer: pandoc, from
# GitHub-flavoured Markdown with $...$ and $$...$$ math, to HTML.  Every
# blank and every formula survives as math (none left as text with stray
# dollars), and the headings are headings.  Skipped (77) without pandoc.
# Usage: test-worksheet-markdown.sh BPTRACE SRCDIR
bptrace=$1 src=$2
command -v pandoc >/dev/null 2>&1 || { echo "1..0 # SKIP no pandoc"; exit 0; }
dir=$(mktemp -d /tmp/bptrace-wsmd.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
count() { grep -o "$1" "$2" | wc -l; }
for lesson in "$src"/lessons/complete-example.yaml "$src"/lessons/two-outputs.yaml \
    "$src"/lessons/softmax.yaml "$src"/lessons/error-terms.yaml \
    "$src"/tests/lessons/tex-special.yaml; do
    name=$(basename "$lesson" .yaml)
    for key in "" --key; do
        f=$name${key:+.key}
        "$bptrace" worksheet "$lesson" --format markdown --blank delta,new \
            $key -o "$dir/$f.md" || { not_ok "$f: written"; continue; }
        pandoc -f gfm+tex_math_dollars -t html --mathjax "$dir/$f.md" \
            -o "$dir/$f.html" 2>"$dir/err"
        check "$f: pandoc reads it" test -s "$dir/$f.html"
        check "$f: every blank survives ($(count underline "$dir/$f.md"))" \
            test "$(count underline "$dir/$f.md")" -eq \
                 "$(count underline "$dir/$f.html")"
        check "$f: each \$\$ block is display math" \
            test "$(($(count '\$\$' "$dir/$f.md") / 2))" -eq \
                 "$(count 'class="math display"' "$dir/$f.html")"
        # (a lesson's own dollars, escaped \$, are text: tex-special has some)
        grep -qF '\$' "$dir/$f.md" ||
        check "$f: no dollar left outside math" \
            sh -c '! sed "s/<span class=\"math[^<]*<\/span>//g" "$1" | grep -q "\\$"' \
            sh "$dir/$f.html"
        check "$f: the title a heading" grep -q '<h1' "$dir/$f.html"
        [ -n "$key" ] && check "$f: the answers bold" \
            grep -q 'mathbf' "$dir/$f.html"
    done
done
echo "1..$n"
[ "$failed" -eq 0 ]
