#!/bin/sh
# test-step-quiz.sh BPTRACE: bptrace step and bptrace quiz driven through
# standard input (line mode), each run's whole output compared with its
# transcript in tests/quiz/ (checked by hand against the lecture's numbers:
# tests/quiz/README.md), its exit code, and what --save writes.
bptrace=$1
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
q=tests/quiz

# transcript NAME CODE ARGS...: bptrace ARGS < $q/NAME.in exits with CODE
# and writes $q/NAME.expected ($dir written as DIR)
transcript() {
    name=$1 code=$2; shift 2
    input=$q/$name.in
    [ -f "$input" ] || input=$q/empty.in
    "$bptrace" "$@" <"$input" >"$dir/raw" 2>"$dir/err"
    rc=$?
    sed "s|$dir|DIR|g" "$dir/raw" >"$dir/out"
    if [ "$rc" -ne "$code" ]; then
        not_ok "$name: exit $rc, expected $code"; sed 's/^/# /' "$dir/err"
    elif ! diff -u "$q/$name.expected" "$dir/out" >"$dir/diff"; then
        not_ok "$name: the transcript differs"; sed 's/^/# /' "$dir/diff" | head -40
    elif [ -s "$dir/err" ]; then
        not_ok "$name: something on standard error"; sed 's/^/# /' "$dir/err"
    else
        ok "$name"
    fi
}

# ---- step ----
# next, next, back, a jump to a part, next, an unknown jump, g then a
# name on the next line, a key that means nothing, quit
transcript step-walk 0 step complete-example
# only unit 4, from its backward pass to the end
transcript step-unit 0 step complete-example --unit 4 --phase backward
# an exercise: a jump to a step, the step's note after its last quantity
transcript step-exercise 0 step learning-rates --ascii
# the end of input at the start: the givens, then a clean end
transcript step-eof 0 step complete-example --phase verify

expect_exit 2 "step: an unknown unit" step complete-example --unit 9
check "  ... names the units there are" first_err_is \
    "bptrace: no unit '9' (units that compute: 4, 5, 6)"
expect_exit 2 "step: an input unit computes nothing" step complete-example --unit x1
check "  ... says so" first_err_is \
    "bptrace: there is nothing to show of the input 'x1' (units that compute: 4, 5, 6)"
expect_exit 2 "step: --unit on an exercise" step error-terms --unit 4 </dev/null
expect_exit 2 "step: an unknown --phase" step complete-example --phase sideways
check "  ... says what it takes" first_err_is \
    "bptrace: cannot start at 'sideways': not a part (f, e, b, u, v or forward, error, backward, update, verify) nor a quantity's name"
expect_exit 2 "step: --phase without a value" step complete-example --phase
expect_exit 1 "step: a bad lesson" step tests/bad-lessons/unknown-key.yaml

# ---- quiz ----
transcript quiz-perfect 0 quiz complete-example
# each classic mistake once, right the second time
transcript quiz-mistakes 5 quiz complete-example
# three more: f applied twice, net in o(1 - o), eta twice; then q
transcript quiz-mistakes2 5 quiz complete-example
# o_4 missed twice; what follows from the student's o_4 is ECF; then the
# end of input: the score so far, and the numbers typed saved
transcript quiz-ecf 5 quiz complete-example --save "$dir/ecf.yaml"
check "quiz --save: the file is written at the end of input" \
    cmp -s "$q/quiz-ecf.saved" "$dir/ecf.yaml"
expect_exit 5 "quiz --save: bptrace check reads it" \
    check complete-example "$dir/ecf.yaml" --format json
# what the quiz found, check finds: o_4 wrong, the five after it ECF
check "  ... and judges it as the quiz did" sh -c "
    grep -o '\"name\": \"[^\"]*\", \"status\": \"[^\"]*\"' '$dir/out' |
    head -n 9 | sed 's/\"name\": //; s/, \"status\": / /; s/\"//g' |
    tr '\n' ' ' | grep -qx 'net_4 right o_4 wrong net_5 right o_5 right net_6 ECF o_6 ECF t_6-o_6 ECF E ECF delta_6 ECF '"
# q midway, with bad input (abc, 1,5) that costs nothing
transcript quiz-quit 5 quiz complete-example --save "$dir/quit.yaml"
check "quiz: quitting saves what was typed" \
    cmp -s "$q/quiz-quit.saved" "$dir/quit.yaml"
# an ECF number written too coarsely: the judge's reminder in the sentence
printf '0.33\n0.33\n0.6\nq\n' | "$bptrace" quiz complete-example >"$dir/out" 2>&1
check "quiz: a coarse ECF number is told to write more decimals" \
    sh -c "tr -s ' \n' '  ' <'$dir/out' | grep -q 'ECF (error carried forward): it follows from your net_4, but write at least 2 decimals; it counts, and the correct value is 0.332.'"
# --only deltas: three asked, the rest shown worked
transcript quiz-only 0 quiz complete-example --only deltas
transcript quiz-exercise 5 quiz error-terms --ascii
# a perfect run saved checks as all right
"$bptrace" quiz complete-example --save "$dir/perfect.yaml" \
    <"$q/quiz-perfect.in" >/dev/null 2>&1
expect_exit 0 "quiz --save of a perfect run: check finds all right" \
    check complete-example "$dir/perfect.yaml"
check "  ... 33 / 33" grep -q "^Score: 33 / 33 (100%)$" "$dir/out"
# --exact takes the hand route too: the same run, all right
expect_exit 0 "quiz --exact: the hand student's run is all right" \
    quiz complete-example --exact --save "$dir/perfect-exact.yaml" \
    <"$q/quiz-perfect.in"
check "  ... 33 of 33 right, E = 0.139 among them" sh -c "
    grep -q '^  Total              33      33     0         0        0$' '$dir/out' &&
    grep -q '^  E: 0.139  *# typed: 0.139; quiz: right$' '$dir/perfect-exact.yaml'"
expect_exit 0 "  ... and check --exact finds the saved file all right" \
    check complete-example --exact "$dir/perfect-exact.yaml"
# nothing at all typed: the score, and an answers file that loads
expect_exit 5 "quiz: the end of input at once" quiz complete-example \
    --save "$dir/none.yaml"
expect_exit 5 "  ... the file it saves checks as all missing" \
    check complete-example "$dir/none.yaml"

expect_exit 2 "quiz: an unknown kind for --only" quiz complete-example --only deltas,sumz
check "  ... lists the kinds" first_err_is \
    "bptrace: unknown kind 'sumz' for --only (kinds: net, exp, o, error, loss, log, delta, derivative, signal, product, change, weight; and as worksheet --blank names them: activation, sum, weight_change, new_weight, new)"
# one vocabulary: --only takes worksheet --blank's names for its kinds
printf '0.3\nq\n' | "$bptrace" quiz complete-example --only weights,o 2>&1 |
    grep -v '^Asking only' >"$dir/only-quiz-names.txt"
printf '0.3\nq\n' | "$bptrace" quiz complete-example --only new_weights,activation 2>&1 |
    grep -v '^Asking only' >"$dir/only-ws-names.txt"
check "quiz --only takes worksheet --blank's names, for the same kinds" \
    cmp -s "$dir/only-quiz-names.txt" "$dir/only-ws-names.txt"
check "  ... which are asked" grep -q '^  o₄ = σ(net₄) = ? 0.3$' "$dir/only-ws-names.txt"
expect_exit 2 "quiz: --only of a kind the lesson does not ask" \
    quiz complete-example --only signal
expect_exit 3 "quiz: --save into a missing directory" quiz complete-example \
    --save "$dir/no/such/dir.yaml"

# standard output that cannot be written: exit 3, said so, no hang
"$bptrace" quiz complete-example <"$q/quiz-perfect.in" >/dev/full 2>"$dir/err"
check "quiz: a full disk on standard output is exit 3" [ $? -eq 3 ]
check "  ... said so" first_err_is "bptrace: cannot write the output"
"$bptrace" step complete-example <"$q/step-walk.in" >/dev/full 2>"$dir/err"
check "step: a full disk on standard output is exit 3" [ $? -eq 3 ]
check "  ... said so" first_err_is "bptrace: cannot write the output"

# every shipped lesson steps to its end, and quizzes to the end of input
awk 'BEGIN { for (i = 0; i < 400; i++) print "" }' >"$dir/enters"
for l in lessons/*.yaml; do
    "$bptrace" step "$l" <"$dir/enters" >"$dir/out" 2>"$dir/err"
    rc=$?
    check "step $l: to the end, exit 0" sh -c "[ $rc -eq 0 ] && [ ! -s '$dir/err' ] && grep -q '^That was the last one.$' '$dir/out'"
    "$bptrace" quiz "$l" <"$q/empty.in" >"$dir/out" 2>"$dir/err"
    rc=$?
    check "quiz $l: the end of input at once, exit 5" sh -c "[ $rc -eq 5 ] && [ ! -s '$dir/err' ] && grep -q '^Score$' '$dir/out'"
done

# a variant: variant 7 of section 7 has net_4 = 1(0.4) + 0(0.2) + 0(-0.3)
# + 0.5 = 0.9 (its givens are pinned in tests/test_variant.c); the saved
# file checks against the same variant
printf '0.9\n' | "$bptrace" quiz complete-example --seed 7 --save "$dir/v7.yaml" >"$dir/out" 2>"$dir/err"
check "quiz --seed 7: the variant's title" grep -q '^Complete worked example: .* (variant 7)$' "$dir/out"
check "  ... the hint names the seed" grep -q "bptrace check complete-example --seed 7 " "$dir/out"
"$bptrace" check complete-example --seed 7 "$dir/v7.yaml" >"$dir/out"
check "  ... net_4 = 0.9 is right in variant 7" grep -Eq '^  net_4 +net₄ +right +0\.9 ' "$dir/out"
printf 'q\n' | "$bptrace" step complete-example --seed 7 >"$dir/out" 2>"$dir/err"
check "step --seed 7: the variant's givens" grep -q 'w₁₄ = 0.4' "$dir/out"

# ---- step --exact: an item shows its own working, though exact mode
# leaves out the lecture's errata that the hand-mode walk has ----
printf 'n\n%.0s' $(seq 1 16) |
    "$bptrace" step complete-example --exact >"$dir/out" 2>"$dir/err"
# the two lines after the prompt [K/33]: the start of item K + 1
awk 'index($0, "[12/33]") == 1 { getline; print; getline; print }' \
    "$dir/out" >"$dir/item13"
awk 'index($0, "[14/33]") == 1 { getline; print; getline; print }' \
    "$dir/out" >"$dir/item15"
check "step --exact: item 13 is w56's update, alone" \
    sh -c "grep -q '^  w₅₆(new) = ' '$dir/item13' &&
           [ \"\$(sed -n 2p '$dir/item13')\" = '' ]"
check "step --exact: item 15 is unit 4's heading and w14's update" \
    sh -c "grep -q '^Hidden layer, unit 4:' '$dir/item15' &&
           grep -q '^  w₁₄(new) = ' '$dir/item15'"

# ---- no colour off a terminal, nor with NO_COLOR ----
esc=$(printf '\033')
for f in "$q"/*.expected; do
    if grep -q "$esc" "$f"; then not_ok "no escape codes in $f"; fi
done
ok "no escape codes in the transcripts (standard output is no terminal)"
NO_COLOR=1 "$bptrace" quiz complete-example <"$q/quiz-perfect.in" >"$dir/out" 2>&1
check "NO_COLOR: no escape codes" sh -c "! grep -q '$esc' '$dir/out'"

echo "1..$n"
[ "$failed" -eq 0 ]
