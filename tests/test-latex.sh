#!/bin/sh
# test-latex.sh BPTRACE: every lesson's LaTeX compiles with pdflatex (as
# texlive-latex-base installs it): the trace, the trace's --fragment in a
# document of the test's own, the worksheet and its key.  Skipped (77) only
# where pdflatex is absent.  Run from the source root.  Prints TAP.
bptrace=$1
command -v pdflatex >/dev/null 2>&1 || { echo "1..0 # SKIP no pdflatex"; exit 0; }
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"

# compiles NAME: $dir/NAME.tex compiles to a PDF, stopping at the first
# error; the log's error lines are shown when it does not
compiles() {
    (cd "$dir" && pdflatex -interaction=nonstopmode -halt-on-error \
        -no-shell-escape "$1.tex" >/dev/null 2>&1 </dev/null) &&
        [ -s "$dir/$1.pdf" ] ||
        { grep -A3 '^!' "$dir/$1.log" | sed 's/^/# /'; return 1; }
}

for f in lessons/*.yaml tests/lessons/*.yaml; do
    l=$(basename "$f" .yaml)
    "$bptrace" trace "$f" --format latex -o "$dir/$l.tex"
    check "$l: trace --format latex compiles" compiles "$l"
    # TeX's warnings for a display (align*) wider than the page and for a
    # table (a tabular) taller than it: they run off the paper
    check "$l: no derivation runs past the page's right edge" \
        sh -c "! grep -q 'Overfull .hbox.*detected at line' '$dir/$l.log'"
    check "$l: no table runs past the page's foot" \
        sh -c "! grep -q 'Overfull .vbox' '$dir/$l.log'"
    "$bptrace" worksheet "$f" --format latex -o "$dir/$l-ws.tex"
    check "$l: worksheet compiles" compiles "$l-ws"
    "$bptrace" worksheet "$f" --format latex --key -o "$dir/$l-key.tex"
    check "$l: key compiles" compiles "$l-key"
    check "$l: no table of the key runs past the page's foot" \
        sh -c "! grep -q 'Overfull .vbox' '$dir/$l-key.log'"
done

# --fragment: the body only, pasted into a document of one's own
"$bptrace" trace lessons/complete-example.yaml --format latex --fragment \
    -o "$dir/body.tex"
check "--fragment has no preamble" sh -c "! grep -q 'documentclass\|begin{document}\|end{document}' '$dir/body.tex'"
printf '%s\n' '\documentclass{article}' '\usepackage{amsmath}' \
    '\begin{document}' 'Mine.' '\input{body}' '\end{document}' >"$dir/mine.tex"
check "--fragment compiles inside another document" compiles mine

# the special characters of tests/lessons/tex-special.yaml are escaped
check "a title's & % \$ # _ escaped" grep -qF 'Costs \& 100\% of \$5 \#1: \{a\_b\}' "$dir/tex-special.tex"
check "a description's backslash escaped" grep -qF '$\backslash$textbf\{not bold\}' "$dir/tex-special.tex"

echo "1..$n"
[ "$failed" -eq 0 ]
