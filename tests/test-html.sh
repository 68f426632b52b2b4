#!/bin/sh
# test-html.sh BPTRACE: the HTML page (--format html) without a browser:
# well-formed, nothing from the network, inputs labelled (html-check.py),
# and every number of the text trace in it, in order (in-order.awk), for
# every lesson; worksheets and a roster's pages.  Run from the source root.
# Prints TAP.
bptrace=$1
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
here=$(dirname "$0")
command -v python3 >/dev/null || { echo "1..0 # SKIP python3 missing"; exit 0; }

# ---- every lesson's page says what the text says, in order ----
for f in lessons/*.yaml tests/lessons/*.yaml; do
    l=$(basename "$f" .yaml)
    for mode in "" --exact; do
        "$bptrace" trace "$f" $mode --format json >"$dir/q.json"
        "$bptrace" trace "$f" $mode >"$dir/t.txt"
        if ! "$bptrace" trace "$f" $mode --format html -o "$dir/t.html"; then
            not_ok "$l $mode: trace --format html"
            continue
        fi
        check "$l $mode: the page is well-formed and self-contained" \
            python3 "$here/html-check.py" "$dir/t.html"
        awk '/^    \{"name": "/ { sub(/^    \{"name": "/, ""); sub(/".*/, ""); name = $0 }
             /"text": "/ { t = $0; sub(/.*"text": "/, "", t); sub(/".*/, "", t); print name "\t" t }' \
            "$dir/q.json" >"$dir/values"
        awk -f "$here/in-order.awk" -v mode=order "$dir/values" "$dir/t.txt" >"$dir/order"
        # the lesson's YAML and the script come after </main>: only the
        # trace itself is searched
        sed -n '/<main id="bp-main">/,/<\/main>/p' "$dir/t.html" >"$dir/main.html"
        check "$l $mode: every quantity of the text in the page, in order" \
            awk -f "$here/in-order.awk" -v mode=check "$dir/order" "$dir/main.html"
        check "$l $mode: no TeX command left as text in the MathML" \
            sh -c "! grep -q '<mtext>\\\\' '$dir/main.html'"
    done
done

# ---- section 7: what the page has ----
"$bptrace" trace lessons/complete-example.yaml --format html -o "$dir/s7.html"
check "formulas are MathML" grep -q '<math display="block"><mtable><mtr><mtd><msub><mi>net</mi>' "$dir/s7.html"
check "the network is an SVG with the weight w46 on it" \
    grep -q '<g class="edge" data-from="3" data-to="5" id="bp-w-w46"><line [^>]*/><rect [^>]*/><text [^>]*><title>w₄₆</title>-0.3</text>' "$dir/s7.html"
check "the summary table" grep -q '<h2>Summary</h2>' "$dir/s7.html"
check "the errata" grep -q '<h2 id="bp-errata">Errata in the lecture</h2>' "$dir/s7.html"
check "a labelled answer box for o_6" \
    grep -q '<label for="bp-a-o_6"><math><msub><mi>o</mi><mrow><mn>6</mn></mrow></msub></math> =</label> <input' "$dir/s7.html"
check "the lesson's YAML is embedded for the modes" \
    grep -q '<script type="application/json" id="bp-data">{"lesson": "# Lecture section 7' "$dir/s7.html"
# a stretchy ( is drawn from the math font's pieces with gaps beside it:
# "( 1 ) ( 0.2 )" in Chromium; TeX's parentheses keep their text size
check "parentheses are not stretchy" \
    grep -q '<mo>=</mo><mo stretchy="false" lspace="0" rspace="0">(</mo><mn>1</mn><mo stretchy="false" lspace="0" rspace="0">)</mo>' "$dir/s7.html"
check "o_6 = 0.474 in the page" grep -q '<mo>=</mo><mn>0.474</mn>' "$dir/s7.html"
size=$(wc -c <"$dir/s7.html")
check "the page for section 7 is under 1 MB ($size bytes)" test "$size" -lt 1048576
echo "# section 7 page: $size bytes"

# ---- worksheets ----
expect_exit 0 "worksheet --format html" worksheet lessons/complete-example.yaml --blank delta --format html -o "$dir/w.html"
check "the worksheet is well-formed" python3 "$here/html-check.py" "$dir/w.html"
check "a blank delta has a visible, labelled box" \
    grep -q '<p class="answer"><label for="bp-a-delta_6">' "$dir/w.html"
check "no number gives delta_6 away" sh -c "! grep -q -- '-0.1311' '$dir/w.html'"
check "the blank is a line in the formula" grep -q '<mspace class="blank" width="3em"></mspace>' "$dir/w.html"
check "a net is not blank, so has no visible box" sh -c "! grep -q '<p class=\"answer\"><label for=\"bp-a-net_4\">' '$dir/w.html'"
# an answer key has its answers on it: no Quiz button, no quiz controls
# (only a page built with the module has the modes to look at)
"$bptrace" worksheet lessons/complete-example.yaml --key --format html -o "$dir/k.html"
if grep -q '<button type="button" data-mode="quiz"' "$dir/s7.html"; then
    check "a worksheet's page has the Quiz button" \
        grep -q '<button type="button" data-mode="quiz"' "$dir/w.html"
    check "an answer key's page has none, nor its controls" \
        sh -c "! grep -q '<button type=\"button\" data-mode=\"quiz\"\\|<span id=\"bp-quiz-controls\"' '$dir/k.html'"
else
    n=$((n + 1)); echo "ok $n # SKIP no page module: no modes on the pages"
fi
printf 'ada\nbob\n' >"$dir/roster.yaml"
expect_exit 0 "worksheet --roster --format html" worksheet lessons/complete-example.yaml --roster "$dir/roster.yaml" --format html --output-dir "$dir/class"
check "a page for each student" test -f "$dir/class/ada.worksheet.html" -a -f "$dir/class/bob.worksheet.html"
check "each well-formed" python3 "$here/html-check.py" "$dir/class/bob.worksheet.html"
check "each page embeds its student's variant" grep -q '"seed": "[0-9][0-9]*"' "$dir/class/ada.worksheet.html"
check "two students, two sets of numbers" sh -c "! cmp -s '$dir/class/ada.worksheet.html' '$dir/class/bob.worksheet.html'"

# ---- usage ----
expect_exit 2 "--fragment goes with latex, not html" trace lessons/complete-example.yaml --format html --fragment
expect_exit 2 "an unknown format names html among the valid ones" trace lessons/complete-example.yaml --format htm
check "it says so" first_err_is "bptrace: unknown format 'htm' (expected one of: text, json, latex, markdown, dot, html)"
check "the trace's help documents html" sh -c "'$bptrace' trace --help | grep -q 'or html (one self-contained page'"

echo "1..$n"
[ "$failed" -eq 0 ]
