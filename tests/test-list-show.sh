#!/bin/sh
# test-list-show.sh BPTRACE: `bptrace list` and `bptrace show`, and lessons
# found by name.  Run from the source root.  Prints TAP.
bptrace=$1
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
unset BPTRACE_LESSONS
. "$(dirname "$0")/tap.sh"
# same FILE1 FILE2: the files are equal; shows the difference if not
same() {
    cmp -s "$1" "$2" && return 0
    diff -u "$1" "$2" | sed 's/^/# /'
    return 1
}
# The section a lesson file gives ("-" when none), as list writes it.
section_of() {
    s=$(sed -n 's/^section:[[:space:]]*//p' "$1" | sed 's/[[:space:]]*#.*//; s/^"\(.*\)"$/\1/; s/^'"'"'\(.*\)'"'"'$/\1/')
    echo "${s:--}"
}
# expected_order DIR: the names of DIR's lessons in the lecture's order:
# by section, part by part numerically, then the ones without, by name.
expected_order() {
    for f in "$1"/*.yaml; do
        name=$(basename "$f" .yaml)
        echo "$(section_of "$f") $name"
    done >"$dir/sections"
    grep -v '^- ' "$dir/sections" | sort -k1,1V -k2,2
    grep '^- ' "$dir/sections" | sort -k2,2
}

# ---- list: the shipped lessons ----
expect_exit 0 "list" list
cp "$dir/out" "$dir/list"
awk '{ print $1 }' "$dir/list" | sort >"$dir/listed"
for f in lessons/*.yaml; do basename "$f" .yaml; done | sort >"$dir/files"
check "list names every file in lessons/" same "$dir/files" "$dir/listed"
expected_order lessons | awk '{ print $1, $2 }' >"$dir/expected"
awk '{ print $2, $1 }' "$dir/list" >"$dir/actual"
check "list is in section order, with each lesson's section" \
    same "$dir/expected" "$dir/actual"
check "list writes nothing on standard error" test ! -s "$dir/err"
check "list aligns its columns" sh -c \
    "awk 'match(\$0, /^[^ ]+ +[^ ]+ +/) { print RLENGTH }' '$dir/list' | sort -u | wc -l | grep -qx 1"
expect_exit 0 "list -o FILE" list -o "$dir/list-o"
check "list -o writes what standard output gets" same "$dir/list" "$dir/list-o"

# ---- show: every shipped lesson by name ----
for f in lessons/*.yaml; do
    name=$(basename "$f" .yaml)
    title=$(awk -v n="$name" '$1 == n { sub(/^[^ ]+ +[^ ]+ +/, ""); print }' "$dir/list")
    expect_exit 0 "show $name" show "$name"
    check "show $name starts with its title" \
        test "$(head -n 1 "$dir/out")" = "$title"
    check "show $name names its source" grep -q '^Source: ' "$dir/out"
    if grep -q '^network:' "$f"; then
        check "show $name tabulates the given values" grep -q '^Given values$' "$dir/out"
        check "show $name draws the network" grep -q '^Network (input on the left' "$dir/out"
        check "show $name lists the connections" grep -q ' ──(.*)─*→ ' "$dir/out"
    fi
    cp "$dir/out" "$dir/show-utf8"
    expect_exit 0 "show $name --ascii" show "$name" --ascii
    check "show $name --ascii writes only ASCII" sh -c "! LC_ALL=C grep -q '[^ -~]' '$dir/out'"
    expect_exit 0 "show $f (by path)" show "$f"
    check "show by path = by name" same "$dir/show-utf8" "$dir/out"
done
expect_exit 0 "show -o FILE" show complete-example -o "$dir/show-o"
"$bptrace" show complete-example >"$dir/show-stdout"
check "show -o writes what standard output gets" same "$dir/show-stdout" "$dir/show-o"
check "show -o prints nothing on standard output" test ! -s "$dir/out"
check "show writes the weights on the connections" \
    grep -q '^    x1 ──(0.2)───→ 4   w₁₄$' "$dir/show-stdout"
check "show --ascii writes the connections in ASCII" sh -c \
    "'$bptrace' show complete-example --ascii | grep -q '^    x3 --(-0.5)--> 4   w_34\$'"
check "show gives the learning rate" grep -q 'learning rate  η = 0.9' "$dir/show-stdout"

# ---- bad arguments: exit 2 ----
expect_exit 2 "show without a lesson" show
check "the usage error starts with the program name" grep -q '^bptrace: ' "$dir/err"
expect_exit 2 "show with two lessons" show complete-example chain-rule
expect_exit 2 "show with an unknown option" show complete-example --bogus
expect_exit 2 "show -o without a file" show complete-example -o
expect_exit 2 "show --exact (a trace option)" show complete-example --exact
expect_exit 2 "list with an argument" list lessons
expect_exit 2 "list with an unknown option" list --bogus
expect_exit 2 "list -o without a file" list -o
expect_exit 2 "help of an unknown command" help frobnicate
expect_exit 2 "help of a misspelt command" help trcae
check "... gets its correction" first_err_is "bptrace: no help for 'trcae' (did you mean 'trace'?)"

# ---- help ----
expect_exit 0 "help show" help show
check "help show documents --ascii" grep -q -- '--ascii' "$dir/out"
expect_exit 0 "help list" help list
check "help list documents -o" grep -q -- '--output' "$dir/out"
expect_exit 0 "show --help" show --help
expect_exit 0 "list --help" list --help
expect_exit 0 "--help" --help
check "--help names show and list" sh -c "grep -q '^  show LESSON' '$dir/out' && grep -q '^  list' '$dir/out'"

# ---- show: lessons that do not load ----
expect_exit 3 "show an unknown lesson name" show no-such-lesson
check "the unknown lesson is named" grep -q "no-such-lesson" "$dir/err"
expect_exit 1 "show an invalid lesson" show tests/bad-lessons/empty.yaml
check "show of an invalid lesson prints nothing" test ! -s "$dir/out"
if [ -w /dev/full ]; then
    "$bptrace" show complete-example >/dev/full 2>"$dir/err"
    check "show to /dev/full exits 3" test "$?" -eq 3
else
    ok "# SKIP /dev/full is not available"
fi

# ---- BPTRACE_LESSONS ----
mkdir "$dir/mine" "$dir/empty"
cp lessons/chain-rule.yaml "$dir/mine/my-lesson.yaml"
printf 'title: "Broken"\nsource: "here"\nlerning_rate: 0.9\n' >"$dir/mine/broken.yaml"
echo "not a lesson" >"$dir/mine/notes.txt"
BPTRACE_LESSONS=$dir/mine "$bptrace" list >"$dir/out" 2>"$dir/err"
check "list with a broken lesson exits 1" test "$?" -eq 1
check "list reads \$BPTRACE_LESSONS" grep -q '^my-lesson ' "$dir/out"
check "list goes on past the broken lesson" test "$(wc -l <"$dir/out")" -eq 2
check "the broken lesson is listed as invalid" \
    grep -q '^broken  *-  *(invalid: line 3: unknown key .lerning_rate.' "$dir/out"
check "the broken lesson's error goes to standard error" \
    grep -q "^bptrace: $dir/mine/broken.yaml:3:1: unknown key 'lerning_rate'" "$dir/err"
check "list takes only .yaml files" sh -c "! grep -q notes '$dir/out'"
BPTRACE_LESSONS=$dir/mine "$bptrace" show my-lesson >"$dir/out" 2>"$dir/err"
check "show finds a lesson in \$BPTRACE_LESSONS" test "$?" -eq 0
BPTRACE_LESSONS=$dir/mine "$bptrace" show complete-example >"$dir/out" 2>"$dir/err"
check "a name not in \$BPTRACE_LESSONS is looked for further on" test "$?" -eq 0
BPTRACE_LESSONS=$dir/empty "$bptrace" list >"$dir/out" 2>"$dir/err"
check "list of an empty directory exits 0" test "$?" -eq 0
check "list of an empty directory lists nothing" test ! -s "$dir/out"
"$bptrace" list >"$dir/list-now" 2>/dev/null
BPTRACE_LESSONS=$dir/no-such-dir "$bptrace" list >"$dir/out" 2>"$dir/err"
check "a missing \$BPTRACE_LESSONS is passed over" same "$dir/list-now" "$dir/out"

# ---- the lecture's order, part by part ----
# Sections are compared as numbers part by part.
mkdir "$dir/sections-dir"
grep -v '^section:' lessons/chain-rule.yaml >"$dir/no-section.yaml"
for s in 12 3.2 3.10 4 3 7.1; do
    { echo "section: \"$s\""; cat "$dir/no-section.yaml"; } \
        >"$dir/sections-dir/s$s.yaml"
done
cp "$dir/no-section.yaml" "$dir/sections-dir/b-none.yaml"
cp "$dir/no-section.yaml" "$dir/sections-dir/a-none.yaml"
BPTRACE_LESSONS=$dir/sections-dir "$bptrace" list >"$dir/out" 2>"$dir/err"
check "list of sectioned lessons exits 0" test "$?" -eq 0
{ awk '{ print $1 }' "$dir/out" | tr '\n' ' '; echo; } >"$dir/actual"
echo "s3 s3.2 s3.10 s4 s7.1 s12 a-none b-none " >"$dir/expected"
check "sections sort part by part, numerically; none last, by name" \
    same "$dir/expected" "$dir/actual"

echo "1..$n"
[ "$failed" -eq 0 ]
