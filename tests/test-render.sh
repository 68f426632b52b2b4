#!/bin/sh
# test-render.sh BPTRACE: text, LaTeX and Markdown say the same things in
# the same order, and the worksheet's command line.  Run from the source
# root.  Prints TAP.
bptrace=$1
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
here=$(dirname "$0")

# ---- every quantity of the text trace, in LaTeX and Markdown, in order ----
# The JSON gives each quantity's name and its number as the trace writes it
# ("text"); those that the text trace writes are looked for, in the order
# the text writes them, in the other two (tests/in-order.awk).
for f in lessons/*.yaml tests/lessons/*.yaml; do
    l=$(basename "$f" .yaml)
    for mode in "" --exact; do
        "$bptrace" trace "$f" $mode --format json >"$dir/q.json"
        "$bptrace" trace "$f" $mode >"$dir/t.txt"
        "$bptrace" trace "$f" $mode --format latex >"$dir/t.tex"
        "$bptrace" trace "$f" $mode --format markdown >"$dir/t.md"
        awk '/^    \{"name": "/ { sub(/^    \{"name": "/, ""); sub(/".*/, ""); name = $0 }
             /"text": "/ { t = $0; sub(/.*"text": "/, "", t); sub(/".*/, "", t); print name "\t" t }' \
            "$dir/q.json" >"$dir/values"
        check "$l $mode: the JSON has quantities" test -s "$dir/values"
        awk -f "$here/in-order.awk" -v mode=order "$dir/values" "$dir/t.txt" >"$dir/order"
        check "$l $mode: the text writes them" test -s "$dir/order"
        for out in t.tex t.md; do
            check "$l $mode: every quantity of the text in $out, in order" \
                awk -f "$here/in-order.awk" -v mode=check "$dir/order" "$dir/$out"
        done
    done
done

# ---- dot draws networks only ----
expect_exit 2 "dot on an exercise lesson is a usage error" trace lessons/weighted-sum.yaml --format dot
check "it says why" first_err_is "bptrace: --format dot draws a network, and 'lessons/weighted-sum.yaml' is an exercise lesson (try --format latex, markdown or text)"
expect_exit 2 "--fragment goes with latex" trace lessons/complete-example.yaml --fragment
expect_exit 2 "--annotate goes with dot" trace lessons/complete-example.yaml --annotate
check "the trace's help documents latex" sh -c "'$bptrace' trace --help | grep -q -- '--fragment'"

# ---- worksheet: the command line ----
ce=lessons/complete-example.yaml
expect_exit 0 "help worksheet" help worksheet
check "help worksheet lists the kinds" grep -q 'weight_change (change)' "$dir/out"
expect_exit 2 "an unknown kind" worksheet $ce --blank net,weigths
check "the kinds are listed" first_err_is "bptrace: --blank: unknown kind 'weigths' (the kinds are: all, net, exp, activation, derivative, product, sum, delta, weight_change, new_weight, error; and o, change, new for short, and output, signal, weight as quiz --only names them; each also as a plural)"
# one vocabulary: each command takes the other's names for a kind
"$bptrace" worksheet $ce --blank activation,sum,new_weight >"$dir/blank-ws-names.txt"
expect_exit 0 "worksheet --blank takes quiz --only's names" worksheet $ce --blank outputs,signal,weights
check "... for the same kinds" cmp -s "$dir/out" "$dir/blank-ws-names.txt"
"$bptrace" worksheet $ce --blank delta >"$dir/blank-delta.txt"
expect_exit 0 "--blank takes plurals, as quiz --only does" worksheet $ce --blank deltas
check "--blank deltas blanks what --blank delta does" cmp -s "$dir/out" "$dir/blank-delta.txt"
check "and that is not the whole key" grep -q '______' "$dir/out"
expect_exit 2 "--blank needs kinds" worksheet $ce --blank
expect_exit 2 "kinds the lesson has none of: refused, as export and quiz --only refuse them" \
    worksheet lessons/leaky-relu.yaml --blank exp -o "$dir/none.txt"
check "... saying so" first_err_is "bptrace: --blank exp leaves nothing blank in this lesson: the worksheet would give every number"
check "... and writing nothing" test ! -e "$dir/none.txt"
expect_exit 2 "--blank gradient without --gradients is refused" worksheet $ce --blank gradient
check "... pointing to --gradients" first_err_is "bptrace: --blank gradient leaves nothing blank in this lesson: the worksheet would give every number (the gradients are on a sheet with --gradients)"
printf 's01\ns02\n' >"$dir/class.txt"
expect_exit 2 "a roster of such worksheets is refused" \
    worksheet lessons/leaky-relu.yaml --blank exp --roster "$dir/class.txt" --output-dir "$dir/class"
check "... and no directory is made" test ! -e "$dir/class"
expect_exit 2 "a worksheet is not json" worksheet $ce --format json
expect_exit 2 "nor dot" worksheet $ce --format dot
expect_exit 2 "--key and --answers-template" worksheet $ce --key --answers-template
expect_exit 2 "--answers-template takes no --format" worksheet $ce --answers-template --format latex
expect_exit 1 "an invalid lesson" worksheet tests/bad-lessons/$(ls tests/bad-lessons | grep '\.yaml$' | head -n 1)
expect_exit 0 "-o FILE" worksheet $ce -o "$dir/ws.txt"
check "-o wrote the worksheet" grep -q '^Worksheet: ' "$dir/ws.txt"
expect_exit 0 "an exercise's worksheet" worksheet lessons/weighted-sum.yaml --blank net,o
check "its blanks" grep -q '^     = ______$' "$dir/out"
check "no interpretation" sh -c "! grep -q 'Interpretation' '$dir/out'"

# A key transcribed into the answers template checks as all right: the
# blanks filled in with the JSON's numbers, then bptrace check exits 0.
for lk in "$ce all" "$ce delta,new" "lessons/two-outputs.yaml o,error" \
          "lessons/learning-rates.yaml all" "tests/lessons/activations.yaml net,delta"; do
    set -- $lk
    "$bptrace" trace "$1" --format json | awk \
        '/^    \{"name": "/ { sub(/^    \{"name": "/, ""); sub(/".*/, ""); name = $0 }
         /"text": "/ { t = $0; sub(/.*"text": "/, "", t); sub(/".*/, "", t); print name "\t" t }' \
        >"$dir/values"
    "$bptrace" worksheet "$1" --blank "$2" --answers-template -o "$dir/a.yaml"
    awk -F '\t' 'NR == FNR { v[$1] = $2; next }
        /^  [^ #][^:]*: +#/ { n = $0; sub(/^  /, "", n); sub(/:.*/, "", n);
                               print "  " n ": " v[n]; next }
        { print }' "$dir/values" "$dir/a.yaml" >"$dir/filled.yaml"
    expect_exit 5 "$(basename "$1") --blank $2: the template as it is: missing" check "$1" "$dir/a.yaml"
    expect_exit 0 "$(basename "$1") --blank $2: the key transcribed checks right" check "$1" "$dir/filled.yaml"
done

# The text key marks in its summary table, as in its derivations, the
# answers that were blanks on the worksheet: [in brackets]; the givens not.
expect_exit 0 "a text key" worksheet $ce --blank delta,new --key
check "its summary marks a new weight and its change" \
    grep -qE '^  w₁₄ +0\.200 +\[0\.192\] +\[-0\.008\]$' "$dir/out"
check "and o₆(new), not o₆ (no blank)" \
    grep -qE '^  Output o₆ +0\.474 +\[0\.515\] +\[\+0\.041\]$' "$dir/out"
expect_exit 0 "a text key of the outputs" worksheet $ce --blank activation --key
check "marks o₆ too" \
    grep -qE '^  Output o₆ +\[0\.474\] +\[0\.515\] +\[\+0\.041\]$' "$dir/out"

# A tanh output's delta writes its f' = 1 - o² to the lesson's derivative
# digits (4 dp), as a hidden unit's derivative is, in the trace and the key.
tanh=tests/lessons/tanh-2-3-2.yaml
expect_exit 0 "a tanh lesson's trace" trace $tanh
check "δ₆'s 1 - o₆² to 4 dp" grep -qx '     = 0.9996 × 0.5208' "$dir/out"
check "δ₇'s too" grep -qx '     = 0.9974 × (-0.4493)' "$dir/out"
check "as the hidden units' derivative" grep -qx '     = 0.9778 × 0.201' "$dir/out"
expect_exit 0 "its key" worksheet $tanh --blank delta --key
check "the key's δ₆ the same" grep -qx '     = 0.9996 × 0.5208' "$dir/out"

# A blank in an exponent is raised to read as a superscript (the LaTeX
# worksheet's e^{-net} with net blank); blanks on the line are not.
expect_exit 0 "a LaTeX worksheet with net blank" worksheet $ce --format latex --blank net
check "its e^{-net} blank is raised" \
    grep -qF 'e^{-\raisebox{0.5ex}{\underline{\rule{0pt}{2.2ex}\hspace{3.5em}}}})' "$dir/out"
check "its net blank is on the line" \
    grep -qF '= \mbox{\underline{\rule{0pt}{2.2ex}\hspace{3.5em}}}$' "$dir/out"

echo "1..$n"
[ "$failed" -eq 0 ]
