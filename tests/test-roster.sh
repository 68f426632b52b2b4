#!/bin/sh
# test-roster.sh BPTRACE: variants on the command line (--seed), a roster
# of 30 students and grading each against their own variant through the
# manifest, and every way a roster or a manifest can be wrong.  TAP.
bptrace=$1
dir=$(mktemp -d /tmp/bptrace-roster.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
lesson=lessons/complete-example.yaml

# answers STUDENT SEED: an answers file with every number of the trace of
# variant SEED that is not given, written as the trace writes it (the
# engine's own values: a key that must check as all right)
answers() {
    "$bptrace" trace "$lesson" --seed "$2" --format json | awk -v s="$1" '
    BEGIN { print "student: \"" s "\""; print "answers:" }
    /^    \{"name": / { name = $0; sub(/^    \{"name": "/, "", name)
                       sub(/".*/, "", name)
                       given = $0 ~ /"phase": "given"/ }
    /"text": / { if (!given) { t = $0; sub(/.*"text": "/, "", t)
                 sub(/".*/, "", t); print "  \"" name "\": " t } }'
}
# seed_of STUDENT MANIFEST
seed_of() { sed -n "s/^  \"$1\": {seed: \([0-9]*\),.*/\1/p" "$2"; }
no_leftovers() { # no DIR, no hidden temporary directory beside it
    [ ! -e "$1" ] && [ -z "$(ls -a "$(dirname "$1")" | grep '\.bptrace-')" ]
}

# ---- --seed ----
"$bptrace" trace "$lesson" --seed 42 >"$dir/a.txt"
"$bptrace" trace "$lesson" --seed 42 >"$dir/b.txt"
"$bptrace" trace "$lesson" --seed 43 >"$dir/c.txt"
check "the same seed traces the same variant" cmp -s "$dir/a.txt" "$dir/b.txt"
check "another seed traces another variant" \
    sh -c '! cmp -s "$1" "$2"' sh "$dir/a.txt" "$dir/c.txt"
check "a variant says which it is" \
    grep -q '^Complete worked example: .* (variant 42)$' "$dir/a.txt"
check "a variant prints no errata of the lecture" \
    sh -c '! grep -qi "errat" "$1"' sh "$dir/a.txt"
check "a variant's JSON has no errata" \
    sh -c '"$1" trace "$2" --seed 42 --format json | grep -q "\"errata\": \[\]"' \
    sh "$bptrace" "$lesson"
check "show --seed shows the variant's givens" \
    sh -c '"$1" show "$2" --seed 42 | grep -q "^  into 4 *w₁₄ = $3 "' sh \
    "$bptrace" "$lesson" \
    "$(sed -n 's/^  Into unit 4: w₁₄ = \([^,]*\),.*/\1/p' "$dir/a.txt")"
expect_exit 2 "--seed takes a number" trace "$lesson" --seed x
check "a bad seed is named" first_err_is "bptrace: --seed takes a whole number from 0 to 18446744073709551615, not 'x'"
expect_exit 2 "--seed above 2^64 - 1" trace "$lesson" --seed 18446744073709551616
expect_exit 1 "an exercise without variants is refused" \
    trace learning-rates --seed 1
check "the refusal says why" grep -q "this exercise has no variants" "$dir/err"
expect_exit 0 "an exercise with variants varies" trace error-terms --seed 1

answers s 42 >"$dir/key42.yaml"
expect_exit 0 "check --seed: the variant's own numbers are all right" \
    check "$lesson" --seed 42 "$dir/key42.yaml"
expect_exit 5 "check --seed: against another variant they are not" \
    check "$lesson" --seed 43 "$dir/key42.yaml"
expect_exit 5 "check: against the lesson itself they are not" \
    check "$lesson" "$dir/key42.yaml"
expect_exit 0 "check --seed --template names the seed" \
    check "$lesson" --seed 42 --template
check "the template says how to check it" \
    grep -q "^# Then run: bptrace check LESSON --seed 42 THIS-FILE" "$dir/out"

# ---- a roster of 30 ----
i=1
while [ $i -le 30 ]; do printf 's%02d\n' $i; i=$((i + 1)); done >"$dir/class.txt"
printf '# the class\n\n' | cat - "$dir/class.txt" >"$dir/roster.txt"
expect_exit 0 "a roster of 30 is written" \
    worksheet "$lesson" --roster "$dir/roster.txt" --output-dir "$dir/out30"
m=$dir/out30/manifest.yaml
check "30 worksheets, keys and templates, the lesson and the manifest" \
    test "$(ls "$dir/out30" | wc -l)" -eq 92
check "the manifest lists 30 students" \
    test "$(grep -c '^  "s[0-9][0-9]": {seed: ' "$m")" -eq 30
check "30 distinct seeds" \
    test "$(sed -n 's/.*seed: \([0-9]*\),.*/\1/p' "$m" | sort -u | wc -l)" -eq 30
# the given values of each key: 30 different sets
for id in $(cat "$dir/class.txt"); do
    sed -n '/^Given$/,/^$/p' "$dir/out30/$id.key.txt" | cksum
done >"$dir/givens"
check "30 distinct variants (the keys' given values all differ)" \
    test "$(sort -u "$dir/givens" | wc -l)" -eq 30
ok_keys=0 ok_templates=0 no_seed=0
for id in $(cat "$dir/class.txt"); do
    seed=$(seed_of "$id" "$m")
    "$bptrace" worksheet "$lesson" --seed "$seed" --key >"$dir/key.txt"
    "$bptrace" worksheet "$lesson" --seed "$seed" >"$dir/sheet.txt"
    # the same but for the line naming the student, after a blank one,
    # and the title, which names the student's variant, not its seed
    grep -qx "Student: $id" "$dir/out30/$id.worksheet.txt" &&
        grep -qx "Student: $id" "$dir/out30/$id.key.txt" &&
        grep -q "^Complete worked example: .* (variant for $id)\$" \
            "$dir/out30/$id.worksheet.txt" &&
        sed "/^\$/{N;/\\nStudent: /d};s/(variant for $id)\$/(variant $seed)/" \
            "$dir/out30/$id.key.txt" | cmp -s "$dir/key.txt" - &&
        sed "/^\$/{N;/\\nStudent: /d};s/(variant for $id)\$/(variant $seed)/" \
            "$dir/out30/$id.worksheet.txt" | cmp -s "$dir/sheet.txt" - &&
        ok_keys=$((ok_keys + 1))
    grep -qx "student: \"$id\"" "$dir/out30/$id.answers.yaml" &&
        grep -qx "# Lesson: lesson.yaml (the student's variant, in the manifest)" \
            "$dir/out30/$id.answers.yaml" &&
        ! grep -q "complete-example" "$dir/out30/$id.answers.yaml" &&
        ok_templates=$((ok_templates + 1))
    # with the seed a student could print the key: only the manifest has it
    ! grep -q "$seed" "$dir/out30/$id.worksheet.txt" \
        "$dir/out30/$id.answers.yaml" "$dir/out30/$id.key.txt" &&
        no_seed=$((no_seed + 1))
    answers "$id" "$seed" >"$dir/$id.filled.yaml"
done
check "each worksheet and key are those of the student's seed" \
    test "$ok_keys" -eq 30
check "each answers template names its student and the lesson copy beside it (lesson.yaml, its variant), not the instructor's path" \
    test "$ok_templates" -eq 30
check "no student's worksheet, key or answers file shows its seed (the manifest does)" \
    test "$no_seed" -eq 30
expect_exit 0 "each student's key checks as all right against the manifest" \
    check --manifest "$m" "$dir"/s*.filled.yaml
check "30 reports, each 100%" \
    test "$(grep -c '^Score: 89 / 89 (100%)$' "$dir/out")" -eq 30
sed 's/^student: "s01"/student: "s02"/' "$dir/s01.filled.yaml" \
    >"$dir/s01-as-s02.yaml"
expect_exit 5 "another student's key is not all right for a student" \
    check --manifest "$m" "$dir/s01-as-s02.yaml"
sed 's/^student: "s01"/student: "S01"/' "$dir/s01.filled.yaml" >"$dir/S01.yaml"
expect_exit 0 "a student id in another case is that student, as the roster has it" \
    check --manifest "$m" "$dir/S01.yaml"
expect_exit 1 "... and with the student's own file, the two are one student's" \
    check --manifest "$m" "$dir/s01.filled.yaml" "$dir/S01.yaml"
check "... each named" grep -q "student 'S01' is also named by '$dir/s01.filled.yaml'" "$dir/err"
expect_exit 5 "an unfilled answers file is not all right" \
    check --manifest "$m" "$dir/out30/s07.answers.yaml"
check "its report names its student" grep -q '^Student: s07$' "$dir/out"
check "every number left blank, all missing" \
    grep -q '^Score: 0 / 33 (0%)$' "$dir/out"
check "... and with --manifest no hint about its variant" test ! -s "$dir/err"
expect_exit 5 "a student's file checked against the lesson itself" \
    check "$lesson" "$dir/out30/s07.answers.yaml"
check "... is told to check it with the class's manifest (its seed is there only)" \
    grep -q "s07.answers.yaml: its header says it is for a student's variant: check it with the class's --manifest" "$dir/err"
expect_exit 0 "the manifest grades in JSON and with a gradebook too" \
    check --manifest "$m" "$dir/s01.filled.yaml" "$dir/s02.filled.yaml" \
    --format json --summary "$dir/grades.csv"
check "the gradebook has a row per student" \
    test "$(grep -c '^s0[12],' "$dir/grades.csv")" -eq 2
# the manifest grades against its copy of the lesson, not the original
cp -r "$dir/out30" "$dir/moved"
expect_exit 0 "a moved directory grades the same" \
    check --manifest "$dir/moved/manifest.yaml" "$dir/s05.filled.yaml"

# ---- answers that do not fit the manifest ----
sed 's/^student: "s01"/student: "nobody"/' "$dir/s01.filled.yaml" \
    >"$dir/nobody.yaml"
expect_exit 1 "a student not in the manifest" \
    check --manifest "$m" "$dir/nobody.yaml" "$dir/s03.filled.yaml"
check "is named with file:line:column" first_err_is \
    "bptrace: $dir/nobody.yaml:1:10: student 'nobody' is not in the manifest $m"
check "and the others are still checked" grep -q '^Student: s03$' "$dir/out"
sed '/^student:/d' "$dir/s01.filled.yaml" >"$dir/anonymous.yaml"
expect_exit 1 "an answers file that names no student" \
    check --manifest "$m" "$dir/anonymous.yaml"
check "is told what is missing" first_err_is \
    "bptrace: $dir/anonymous.yaml: names no student: with --manifest each answers file needs 'student: ID' to find its variant"
expect_exit 2 "--manifest takes no --seed" \
    check --manifest "$m" --seed 1 "$dir/s01.filled.yaml"
expect_exit 2 "--manifest needs answers" check --manifest "$m"
expect_exit 3 "a missing manifest" \
    check --manifest "$dir/none.yaml" "$dir/s01.filled.yaml"
printf 'lesson: lesson.yaml\nstudents:\n  s01: {seed: -1}\n' >"$dir/bad.yaml"
expect_exit 1 "a bad manifest" check --manifest "$dir/bad.yaml" "$dir/s01.filled.yaml"
check "is reported with file:line:column" first_err_is \
    "bptrace: $dir/bad.yaml:3:15: 'seed' must be a whole number from 0 to 18446744073709551615, not '-1'"

# ---- bad rosters: nothing written ----
printf 'alice\n../x\n' >"$dir/escape.txt"
expect_exit 1 "an id that would leave the directory" \
    worksheet "$lesson" --roster "$dir/escape.txt" --output-dir "$dir/o1"
check "is rejected with file:line:column" first_err_is \
    "bptrace: $dir/escape.txt:2:1: student id '../x' starts with '.': an id is letters, digits, '.', '_' and '-', not first '.' or '-', since it names the student's files"
check "and nothing is written" no_leftovers "$dir/o1"
printf 'alice\nbob\n  alice\n' >"$dir/dup.txt"
expect_exit 1 "a duplicate id" \
    worksheet "$lesson" --roster "$dir/dup.txt" --output-dir "$dir/o2"
check "is rejected with file:line:column" first_err_is \
    "bptrace: $dir/dup.txt:3:3: duplicate student id 'alice' (first on line 1)"
check "and nothing is written" no_leftovers "$dir/o2"
expect_exit 1 "an exercise without variants fails for the first student" \
    worksheet learning-rates --roster "$dir/class.txt" --output-dir "$dir/o3"
check "and nothing is written" no_leftovers "$dir/o3"
mkdir "$dir/full" && echo keep >"$dir/full/notes.txt"
expect_exit 3 "a directory that is not empty" \
    worksheet "$lesson" --roster "$dir/class.txt" --output-dir "$dir/full"
check "is left as it was" test "$(ls "$dir/full")" = notes.txt
mkdir "$dir/empty"
expect_exit 0 "an empty directory is filled" \
    worksheet "$lesson" --roster "$dir/class.txt" --output-dir "$dir/empty/"
check "with every file" test "$(ls "$dir/empty" | wc -l)" -eq 92
expect_exit 2 "--roster needs --output-dir" \
    worksheet "$lesson" --roster "$dir/class.txt"
expect_exit 3 "a missing roster" \
    worksheet "$lesson" --roster "$dir/none.txt" --output-dir "$dir/o4"
# a write that fails midway (a file size limit, as a full disk would):
# first as an error (the signal ignored), then as the signal itself
(trap '' XFSZ; ulimit -f 8; exec "$bptrace" worksheet "$lesson" \
    --roster "$dir/class.txt" --output-dir "$dir/o5") 2>"$dir/err"
rc=$?
check "a write that fails midway is an I/O error ($rc)" test "$rc" -eq 3
check "that says nothing was written" \
    grep -q "^bptrace: nothing was written to '$dir/o5'$" "$dir/err"
check "and nothing is left" no_leftovers "$dir/o5"
sh -c 'ulimit -f 8; exec "$@"' sh "$bptrace" worksheet "$lesson" \
    --roster "$dir/class.txt" --output-dir "$dir/o6" 2>/dev/null
rc=$?
check "the signal of a size limit ends the program ($rc)" test "$rc" -ne 0
check "and nothing is left" no_leftovers "$dir/o6"

# ---- other formats, and a worksheet with blanks of some kinds ----
expect_exit 0 "a roster in LaTeX, deltas left blank" \
    worksheet "$lesson" --roster "$dir/class.txt" --output-dir "$dir/tex" \
    --format latex --blank delta
check "gets .tex worksheets and keys" \
    test -f "$dir/tex/s01.worksheet.tex" -a -f "$dir/tex/s01.key.tex"
check "the manifest names them" \
    grep -q '^  "s01": {seed: [0-9]*, worksheet: "s01.worksheet.tex", key: "s01.key.tex", answers: "s01.answers.yaml"}$' \
    "$dir/tex/manifest.yaml"
check "with the same seeds as in text" \
    test "$(seed_of s01 "$dir/tex/manifest.yaml")" = "$(seed_of s01 "$m")"
expect_exit 5 "its answers file gives all but the deltas" \
    check --manifest "$dir/tex/manifest.yaml" "$dir/tex/s01.answers.yaml"
# the deltas, and every new weight and the verification, worked out from
# them, are blanks: 24 of the 33; the 9 the worksheet gives earn nothing
# and are out of the maximum
check "which are missing" grep -q '^Score: 0 / 24 (0%)$' "$dir/out"
check "the others are given" test "$(grep -c '  given  ' "$dir/out")" = 9
# told the worksheet's blanks, check gives the same numbers whatever the
# file marks: a blank marked given is graded and reported
sed 's/^  delta_6: /  delta_6: {given: 0.9}/' "$dir/tex/s01.answers.yaml" >"$dir/s01-marked.yaml"
expect_exit 1 "check --manifest --blank delta: a blank marked given" \
    check --manifest "$dir/tex/manifest.yaml" "$dir/s01-marked.yaml" --blank delta
check "... is graded" grep -q '^Score: 0 / 24 (0%)$' "$dir/out"
check "... and reported" grep -q "'delta_6' is marked {given: }, but the worksheet leaves it blank" "$dir/err"
# the manifest records the worksheets' blanks, and check applies them
# without being told: a blank marked given cannot leave the maximum
check "the manifest records --blank" grep -qx 'blank: "delta"' "$dir/tex/manifest.yaml"
check "... and no --reveal when there was none" \
    sh -c "! grep -q '^reveal:' '$dir/tex/manifest.yaml'"
expect_exit 1 "check --manifest alone: a blank marked given is graded" \
    check --manifest "$dir/tex/manifest.yaml" "$dir/s01-marked.yaml"
check "... out of the same 24" grep -q '^Score: 0 / 24 (0%)$' "$dir/out"
check "... and reported" grep -q "'delta_6' is marked {given: }, but the worksheet leaves it blank" "$dir/err"
expect_exit 2 "check --manifest --blank of other kinds than the manifest's" \
    check --manifest "$dir/tex/manifest.yaml" "$dir/tex/s01.answers.yaml" --blank net
check "... its message" first_err_is "bptrace: --blank and --reveal (blank: net; revealed: nothing) disagree with the manifest $dir/tex/manifest.yaml, whose worksheets were made with blank: delta; revealed: nothing (leave --blank and --reveal out to grade as the manifest says)"
expect_exit 2 "... or a --reveal it does not record" \
    check --manifest "$dir/tex/manifest.yaml" "$dir/tex/s01.answers.yaml" --blank delta --reveal new
check "... and nothing is written" test ! -s "$dir/out"
expect_exit 0 "--blank with --reveal: both recorded" \
    worksheet "$lesson" --roster "$dir/class.txt" --output-dir "$dir/rv" \
    --blank delta --reveal new
check "... in the manifest" sh -c "grep -qx 'blank: \"delta\"' '$dir/rv/manifest.yaml' &&
    grep -qx 'reveal: \"new_weight\"' '$dir/rv/manifest.yaml'"
expect_exit 5 "... and applied: the new weights are given" \
    check --manifest "$dir/rv/manifest.yaml" "$dir/rv/s02.answers.yaml"
check "... and left out of the maximum: the three deltas are" sh -c "
    grep -q '^  w46_new .*  given  ' '$dir/out' &&
    grep -q '^Score: 0 / 3 (0%)$' '$dir/out'"
expect_exit 5 "... the same kinds named again agree" \
    check --manifest "$dir/rv/manifest.yaml" "$dir/rv/s02.answers.yaml" --blank deltas --reveal new_weights
# a manifest written before blank: was recorded (or of whole worksheets)
# grades by the file's own markers, as before
grep -v '^blank:' "$dir/tex/manifest.yaml" >"$dir/tex/old-manifest.yaml"
expect_exit 5 "an older manifest without blank: still grades" \
    check --manifest "$dir/tex/old-manifest.yaml" "$dir/tex/s01.answers.yaml"
check "... by the file's markers" grep -q '^Score: 0 / 24 (0%)$' "$dir/out"
check "a manifest of whole worksheets records no blank:" \
    sh -c "! grep -q '^blank:' '$m'"
expect_exit 0 "a roster in Markdown" \
    worksheet "$lesson" --roster "$dir/class.txt" --output-dir "$dir/md" \
    --format markdown
check "gets .md worksheets" test -f "$dir/md/s30.worksheet.md"
expect_exit 2 "--roster takes no --key" \
    worksheet "$lesson" --roster "$dir/class.txt" --output-dir "$dir/o7" --key
expect_exit 2 "--output-dir goes with --roster" \
    worksheet "$lesson" --output-dir "$dir/o7"

# ---- salt ----
"$bptrace" worksheet "$lesson" --roster "$dir/class.txt" --output-dir "$dir/salted" \
    --salt spring-2026 2>/dev/null
check "a salt gives other seeds" \
    test "$(seed_of s01 "$dir/salted/manifest.yaml")" != "$(seed_of s01 "$m")"
check "the same salt the same seeds" test "$(seed_of s01 "$dir/salted/manifest.yaml")" = \
    "$("$bptrace" worksheet "$lesson" --roster "$dir/class.txt" --output-dir "$dir/salted2" --salt spring-2026 && seed_of s01 "$dir/salted2/manifest.yaml")"

# ---- names: a roster with a display name column ----
printf 'id,name\ns01, Ada Lovelace\ns02\n# a comment\ns03,Émile Zola & $Co_1$\n' \
    >"$dir/names.csv"
expect_exit 0 "a roster of id,name (a CSV heading skipped)" \
    worksheet "$lesson" --roster "$dir/names.csv" --output-dir "$dir/nm"
check "the heading is no student" test ! -e "$dir/nm/id.worksheet.txt"
check "the worksheet names the student" \
    grep -qx 'Student: s01 (Ada Lovelace)' "$dir/nm/s01.worksheet.txt"
check "so does the key" \
    grep -qx 'Student: s01 (Ada Lovelace)' "$dir/nm/s01.key.txt"
check "and the answers file, before its variant" \
    sh -c 'head -n 2 "$1" | tr "\n" "|" | grep -q "^# Student: s01 (Ada Lovelace)|# Answers for: .*(variant for s01)|$"' \
    sh "$dir/nm/s01.answers.yaml"
check "a student without a name gets the id alone" \
    grep -qx 'Student: s02' "$dir/nm/s02.worksheet.txt"
expect_exit 0 "the same roster in LaTeX" \
    worksheet "$lesson" --roster "$dir/names.csv" --output-dir "$dir/nmtex" \
    --format latex --blank delta
check "its name escaped for LaTeX" \
    grep -qF '\textbf{Student:} s03 (Émile Zola \& \$Co\_1\$)\par' \
    "$dir/nmtex/s03.worksheet.tex"
check "the LaTeX key bolds the answers that were blanks" \
    grep -qF '= \mathbf{' "$dir/nmtex/s03.key.tex"
check "and only in the key" sh -c '! grep -q mathbf "$1"' sh \
    "$dir/nmtex/s03.worksheet.tex"
expect_exit 0 "and in Markdown" \
    worksheet "$lesson" --roster "$dir/names.csv" --output-dir "$dir/nmmd" \
    --format markdown
check "its name in Markdown" \
    grep -qF '**Student:** s01 (Ada Lovelace)' "$dir/nmmd/s01.key.md"
expect_exit 5 "names leave the grading alone (blanks missing: 5)" \
    check --manifest "$dir/nm/manifest.yaml" "$dir/nm/s03.answers.yaml"
check "each answers file its student's" grep -q "s03" "$dir/out"
printf 's01,Ad\001a\n' >"$dir/ctl.csv"
expect_exit 1 "a name with a control character" \
    worksheet "$lesson" --roster "$dir/ctl.csv" --output-dir "$dir/o8"
check "... its message" first_err_is "bptrace: $dir/ctl.csv:1:7: the name of student 's01' holds the byte 0x01 (a name is UTF-8 text without control characters)"
check "and nothing is written" test ! -e "$dir/o8"
printf 's01,\377x\n' >"$dir/utf.csv"
expect_exit 1 "a name that is not UTF-8" \
    worksheet "$lesson" --roster "$dir/utf.csv" --output-dir "$dir/o9"
awk 'BEGIN { printf "s01,"; for (i = 0; i < 200; i++) printf "x"; print "" }' \
    >"$dir/long.csv"
expect_exit 1 "a name too long" \
    worksheet "$lesson" --roster "$dir/long.csv" --output-dir "$dir/o10"
check "... its message" first_err_is "bptrace: $dir/long.csv:1:5: the name of student 's01' is longer than 127 bytes"
printf 'bad id,Ada\n' >"$dir/badid.csv"
expect_exit 1 "a bad id before a name is still a bad id" \
    worksheet "$lesson" --roster "$dir/badid.csv" --output-dir "$dir/o11"
# a class list saved as a spreadsheet's "CSV UTF-8" starts with a byte
# order mark: no part of the first id
printf '\357\273\277id,name\ns01,Ada\ns02\n' >"$dir/bom.csv"
expect_exit 0 "a roster that starts with a byte order mark" \
    worksheet "$lesson" --roster "$dir/bom.csv" --output-dir "$dir/o12"
check "its first student is s01" test -f "$dir/o12/s01.worksheet.txt"
printf '\357\273\277s01\nbad id\n' >"$dir/bom-bad.csv"
expect_exit 1 "after a byte order mark, lines and columns count as ever" \
    worksheet "$lesson" --roster "$dir/bom-bad.csv" --output-dir "$dir/o13"
check "... its message" first_err_is "bptrace: $dir/bom-bad.csv:2:4: student id 'bad id' holds a space: an id is letters, digits, '.', '_' and '-', not first '.' or '-', since it names the student's files"

# a manifest whose lesson is not there: the path is not one the grader typed
mkdir "$dir/moved"
sed 's/^lesson: .*/lesson: "gone.yaml"/' "$dir/nm/manifest.yaml" >"$dir/moved/manifest.yaml"
expect_exit 3 "a manifest whose lesson is missing" \
    check --manifest "$dir/moved/manifest.yaml" "$dir/nm/s01.answers.yaml"
check "... names the manifest that names it" grep -qxF "bptrace: it is the lesson the manifest '$dir/moved/manifest.yaml' names (lesson: \"gone.yaml\", beside the manifest)" "$dir/err"

# ---- the key marks what was blank on the worksheet ----
"$bptrace" worksheet "$lesson" --blank delta --key >"$dir/key-delta.txt"
check "the text key brackets a blank's answer" \
    grep -qx '     = \[0.1311\]' "$dir/key-delta.txt"
check "and leaves what the worksheet shows alone" \
    grep -qx '  net₄ = x₁·w₁₄ + x₂·w₂₄ + x₃·w₃₄ + b₄' "$dir/key-delta.txt"
check "a shown result is not bracketed" \
    grep -qx '       = -0.7' "$dir/key-delta.txt"

echo "1..$n"
[ "$failed" -eq 0 ]
