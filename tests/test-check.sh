#!/bin/sh
# test-check.sh BPTRACE: the command line of `bptrace check`: usage errors,
# exit codes, -o, the CSV gradebook, templates.  Run from the source root.
# Prints TAP.
bptrace=$1
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
ce=lessons/complete-example.yaml
a=tests/answers

# ---- help ----
expect_exit 0 "help check" help check
check "help check documents --template" grep -q -- '--template' "$dir/out"
check "help check documents exit status 5" grep -q '^  5  ' "$dir/out"
expect_exit 0 "check --help" check --help
expect_exit 0 "--help" --help
check "--help lists check" grep -q '^  check LESSON ANSWERS' "$dir/out"
expect_exit 0 "trace --help" trace --help
check "trace --help documents --sequential" grep -q -- '--sequential' "$dir/out"

# ---- usage errors ----
expect_exit 2 "check without a lesson" check
expect_exit 2 "check without answers" check $ce
check "the message says what is missing" first_err_is "bptrace: check needs ANSWERS files after the lesson (or --template to write an empty one)"
expect_exit 2 "gradescope takes one answers file" check $ce $a/complete-example/right.yaml $a/complete-example/right.yaml --format gradescope
expect_exit 2 "--template takes no answers" check $ce --template $a/complete-example/right.yaml
expect_exit 2 "--template takes no --summary" check $ce --template --summary "$dir/s.csv"
expect_exit 2 "--template takes no --format" check $ce --template --format json
expect_exit 2 "unknown format" check $ce $a/complete-example/right.yaml --format xml
check "the formats are listed" first_err_is "bptrace: unknown format 'xml' (expected one of: text, json, gradescope, none)"
expect_exit 2 "trace has no gradescope format" trace $ce --format gradescope
check "trace lists its own formats" first_err_is "bptrace: unknown format 'gradescope' (expected one of: text, json, latex, markdown, dot, html)"
expect_exit 2 "--summary needs a file" check $ce $a/complete-example/right.yaml --summary
expect_exit 2 "unknown option" check $ce $a/complete-example/right.yaml --sequential
check "unknown option is named" first_err_is "bptrace: unknown option '--sequential' for check"
check "a usage error writes no summary" test ! -e "$dir/s.csv"

# ---- exit codes ----
expect_exit 0 "all right: exit 0" check $ce $a/complete-example/right.yaml
expect_exit 5 "a wrong answer: exit 5" check $ce $a/complete-example/sign-flipped.yaml
expect_exit 5 "right, then wrong: exit 5" check $ce $a/complete-example/right.yaml $a/complete-example/no-eta.yaml
expect_exit 1 "an invalid answers file beats a wrong answer" check $ce $a/complete-example/no-eta.yaml $a/broken/bad-yaml.yaml
expect_exit 3 "a missing answers file: exit 3" check $ce $a/complete-example/right.yaml "$dir/nosuch.yaml"
check "the missing file is named" grep -q "nosuch.yaml" "$dir/err"
check "the other file is still reported" grep -q '^Answers: tests/answers/complete-example/right.yaml$' "$dir/out"
expect_exit 3 "a missing lesson: exit 3" check "$dir/nosuch-lesson.yaml" $a/complete-example/right.yaml
expect_exit 1 "an invalid lesson: exit 1" check tests/bad-lessons/unknown-key.yaml $a/complete-example/right.yaml
expect_exit 0 "-- ends the options" check $ce -- $a/complete-example/right.yaml
expect_exit 0 "a lesson by name" check complete-example $a/complete-example/right.yaml

# ---- several files, one report each ----
expect_exit 5 "two answers files" check $ce $a/complete-example/right.yaml $a/complete-example/sign-flipped.yaml
check "one report each" test "$(grep -c '^Answers: ' "$dir/out")" -eq 2
check "each names its student" test "$(grep -c '^Student: s000[12]$' "$dir/out")" -eq 2
check "each has its score" test "$(grep -c '^Score: ' "$dir/out")" -eq 2

# ---- -o ----
"$bptrace" check $ce $a/complete-example/sign-flipped.yaml >"$dir/stdout.txt"
expect_exit 5 "-o FILE" check $ce $a/complete-example/sign-flipped.yaml -o "$dir/report.txt"
check "-o writes what stdout gets" cmp -s "$dir/report.txt" "$dir/stdout.txt"
check "-o prints nothing on stdout" test ! -s "$dir/out"
expect_exit 1 "-o with a broken file in the batch" check $ce $a/broken/bad-yaml.yaml $a/complete-example/right.yaml -o "$dir/report2.txt"
check "the good report is written" grep -q '^Score: 44 / 44 (100%)$' "$dir/report2.txt"
expect_exit 3 "a full disk" check $ce $a/complete-example/right.yaml -o /dev/full
expect_exit 3 "a full disk for the summary" check $ce $a/complete-example/right.yaml --summary /dev/full

# ---- the CSV gradebook ----
expect_exit 1 "--summary" check $ce $a/complete-example/right.yaml $a/complete-example/sign-flipped.yaml $a/broken/unknown-name.yaml $a/complete-example/ecf-chain-2.yaml --summary "$dir/grades.csv"
check "the gradebook is as expected" cmp -s "$dir/grades.csv" $a/summary.csv || diff -u $a/summary.csv "$dir/grades.csv" | sed 's/^/# /'
# the header's columns are the template's quantities, in order
"$bptrace" check $ce --template | sed -n 's/^  \([^ #][^:]*\):.*/\1/p' | tr '\n' , | sed 's/,$//' >"$dir/names"
check "the columns are the template's quantities" test "$(head -n 1 "$dir/grades.csv")" = "student,file,score,max_score,$(cat "$dir/names")"
cat >"$dir/weird.yaml" <<'YAML'
student: "=1+2, \"the\" one"
answers:
  net_4: -0.7
YAML
expect_exit 5 "a student id that needs quoting" check $ce "$dir/weird.yaml" --summary "$dir/weird.csv" -o /dev/null
check "quoted, doubled quotes, no formula" grep -q "^\"'=1+2, \"\"the\"\" one\",$dir/weird.yaml,1,33,1,,," "$dir/weird.csv"

# ---- templates: each loads, and checks as all missing ----
for l in lessons/*.yaml tests/lessons/*.yaml; do
    name=$(basename "$l" .yaml)
    "$bptrace" check "$l" --template -o "$dir/$name.yaml" 2>"$dir/err" || {
        not_ok "template of $name"; continue; }
    "$bptrace" check "$l" "$dir/$name.yaml" --format json >"$dir/out" 2>"$dir/err"
    rc=$?
    items=$(grep -c '"name": ' "$dir/out")
    missing=$(grep -c '"status": "missing"' "$dir/out")
    if [ "$rc" -eq 5 ] && [ "$items" -gt 0 ] && [ "$items" -eq "$missing" ]; then
        ok "the template of $name checks as all missing ($items)"
    else
        not_ok "the template of $name checks as all missing (exit $rc, $missing of $items missing)"
        sed 's/^/# /' "$dir/err"
    fi
done

# ...and every optional name in it (a "# NAME:" line) is a quantity too
for l in lessons/complete-example.yaml lessons/two-outputs.yaml tests/lessons/grading.yaml; do  # (an exercise like learning-rates finds only what it names: nothing optional)
    name=$(basename "$l" .yaml)
    sed 's/^  # \([^ ]*:\) /  \1 /' "$dir/$name.yaml" >"$dir/$name-all.yaml"
    "$bptrace" check "$l" "$dir/$name-all.yaml" --format json >"$dir/out" 2>"$dir/err"
    rc=$?
    items=$(grep -c '"name": ' "$dir/out")
    optional=$(grep -c '^  # [^ ]*: ' "$dir/$name.yaml")
    graded=$(grep -c '^  [^ #][^ ]*: ' "$dir/$name.yaml")
    if [ "$rc" -eq 5 ] && [ ! -s "$dir/err" ] && [ "$optional" -gt 0 ] &&
       [ "$items" -eq $((graded + optional)) ]; then
        ok "the optional names of $name's template are quantities ($optional)"
    else
        not_ok "the optional names of $name's template are quantities (exit $rc, $items items of $graded + $optional)"
        sed 's/^/# /' "$dir/err"
    fi
done

# ---- trace --sequential ----
expect_exit 0 "trace --sequential" trace $ce --sequential --ascii
check "the hidden deltas come out as the sequential student's" grep -q -- '= -0.0076$' "$dir/out"
"$bptrace" trace $ce --ascii >"$dir/plain.txt"
check "and differ from the right ones" sh -c "! cmp -s '$dir/out' '$dir/plain.txt'"

# ---- hints name the unit's own derivative (the activation table) ----
expect_exit 5 "a tanh unit's mistakes" check tests/lessons/activations.yaml $a/activations/tanh-hints.yaml
check "net for o: the hint names 1 - o^2" grep -q 'net was used where o belongs in 1 - o^2' "$dir/out"
check "derivative left out: the hint names 1 - o^2" grep -q 'the derivative factor 1 - o^2 was left out' "$dir/out"
check "and never the sigmoid's o(1 - o)" sh -c "! grep -q 'o(1 - o)' '$dir/out'"
expect_exit 5 "a leaky_relu unit's mistake" check lessons/leaky-relu.yaml $a/leaky-relu/slope-left-out.yaml
check "the hint names leaky_relu'(net)" grep -q "the derivative factor leaky_relu'(net)" "$dir/out"

# ---- bad answers files in a gradebook; a partial worksheet's file ----
expect_exit 1 "a gradebook with files that did not load" check $ce $a/broken/bad-yaml.yaml $a/broken/not-a-number.yaml $a/complete-example/gaming-zero.yaml $a/complete-example/gaming-one.yaml --summary "$dir/broken.csv" -o /dev/null
check "a file that is not YAML: its row names the student" grep -q "^s0201,$a/broken/bad-yaml.yaml,,," "$dir/broken.csv"
check "a bad item costs only itself: the row is graded" grep -q "^s0203,$a/broken/not-a-number.yaml,1,33,1,," "$dir/broken.csv"
check "two files of one student: neither graded, the second..." grep -q "^s0012,$a/complete-example/gaming-one.yaml,,," "$dir/broken.csv"
check "... nor the first" grep -q "^s0012,$a/complete-example/gaming-zero.yaml,,," "$dir/broken.csv"
check "one row each" test "$(wc -l <"$dir/broken.csv")" -eq 5
"$bptrace" worksheet $ce --answers-template --blank delta -o "$dir/partial.yaml"
expect_exit 5 "a --blank delta answers file, as it is" check $ce "$dir/partial.yaml" --summary "$dir/partial.csv"
check "... scores 0 of the 24 blanks" grep -q '^Score: 0 / 24 (0%)$' "$dir/out"
expect_exit 5 "... the same with --blank delta" check $ce "$dir/partial.yaml" --blank delta
check "... scores the same" grep -q '^Score: 0 / 24 (0%)$' "$dir/out"
expect_exit 0 "a file without markers, with --blank delta --reveal new" check $ce $a/complete-example/right.yaml --blank delta --reveal new
check "... the worksheet's numbers given, out of the maximum" grep -q '^Score: 14 / 14 (100%)$' "$dir/out"
check "... 30 given: the new weights revealed, the verification worked from them" test "$(grep -c '  given  ' "$dir/out")" = 30
expect_exit 2 "--template takes no --blank" check $ce --template --blank delta
expect_exit 2 "--blank with an unknown kind" check $ce "$dir/partial.yaml" --blank nope
check "... names the kinds" grep -q 'delta' "$dir/err"
check "... in the gradebook too, the given numbers with no credit" grep -q "^,$dir/partial.yaml,0,24,*$" "$dir/partial.csv"
# a sheet made with --digits 6 gives its numbers with 6 digits: kept so
"$bptrace" worksheet $ce --answers-template --blank delta --digits 6 -o "$dir/g6.yaml"
expect_exit 5 "a --digits 6 sheet's answers file" check $ce "$dir/g6.yaml" --blank delta
check "... its given o_4 as the sheet wrote it" grep -q '^  o_4  .* given  *0.332  *0.331812 ' "$dir/out"
sed 's/o_4: {given: 0.331812}/o_4: {given: 0}/' "$dir/g6.yaml" >"$dir/g0.yaml"
expect_exit 5 "a given number changed to 0" check $ce "$dir/g0.yaml" --blank delta
check "... is named as changed, not taken for the same number" grep -q "the worksheet gives 0.332; the 0 written here is not graded" "$dir/out"
# every item marked given by the student: nothing graded is not all right
"$bptrace" check $ce --template |
    sed -E 's/^  ([a-zA-Z_0-9*^-]+):( +)#/  \1: {given: 0}  #/' >"$dir/all-given.yaml"
expect_exit 5 "a file with every item marked given" check $ce "$dir/all-given.yaml"
check "... says nothing was graded" grep -q "all-given.yaml: nothing to grade: every item is marked given" "$dir/err"
expect_exit 1 "... and with --blank delta, the blanks marked given are reported and graded" check $ce "$dir/all-given.yaml" --blank delta
check "... out of 24" grep -q '^Score: 0 / 24 (0%)$' "$dir/out"

echo "1..$n"
[ "$failed" -eq 0 ]
