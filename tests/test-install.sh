#!/bin/sh
# test-install.sh BUILDDIR SOURCEDIR: an installed copy of bptrace works.
#
# Stages the build with `meson install --destdir` into a temporary
# directory, then runs the staged bptrace from a directory outside the
# source tree, with BPTRACE_LESSONS unset: it must find its own lessons by
# name (beside the program: ../share/bptrace/lessons), list them all, and
# never fall back to the source tree.  Exit 0 passes, 77 skips (no meson).
builddir=$1 srcdir=$2
command -v meson >/dev/null 2>&1 || { echo "meson is not on PATH"; exit 77; }
[ -d "$builddir" ] && [ -d "$srcdir/lessons" ] || {
    echo "usage: test-install.sh BUILDDIR SOURCEDIR"; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
unset BPTRACE_LESSONS
failed=0
fail() { echo "FAIL: $*"; failed=1; }
pass() { echo "ok: $*"; }

if ! meson install -C "$builddir" --destdir "$tmp/stage" --no-rebuild \
        >"$tmp/install.log" 2>&1; then
    cat "$tmp/install.log"
    echo "FAIL: meson install --destdir"
    exit 1
fi

bin=$(find "$tmp/stage" -type f -name bptrace -path '*/bin/*' | head -n 1)
lib=$(find "$tmp/stage" -name 'libbptrace.so*' | head -n 1)
lessons=$(find "$tmp/stage" -type d -path '*/share/bptrace/lessons' | head -n 1)
man=$(find "$tmp/stage" -path '*/man1/bptrace.1*' | head -n 1)
[ -n "$bin" ] && [ -x "$bin" ] || { fail "no staged bin/bptrace"; exit 1; }
[ -n "$lib" ] || { fail "no staged libbptrace.so"; exit 1; }
[ -n "$lessons" ] || { fail "no staged share/bptrace/lessons"; exit 1; }
[ -n "$man" ] && pass "the man page is staged: ${man#"$tmp/stage"}" ||
    fail "no staged man page (man1/bptrace.1)"
find "$tmp/stage" -name bptrace.h | grep -q . && pass "the header is staged" ||
    fail "no staged bptrace.h"
LD_LIBRARY_PATH=$(dirname "$lib") # the staged library only
export LD_LIBRARY_PATH

# Run from a directory outside the source tree.
mkdir "$tmp/elsewhere" && cd "$tmp/elsewhere" || exit 99

"$bin" --version >"$tmp/out" 2>"$tmp/err" && pass "the staged bptrace runs" ||
    { cat "$tmp/err"; fail "the staged bptrace does not run"; exit 1; }

# Every lesson of the source tree is installed and listed.
"$bin" list >"$tmp/list" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && pass "list exits 0" || { cat "$tmp/err"; fail "list exits $rc"; }
awk '{ print $1 }' "$tmp/list" | sort >"$tmp/listed"
for f in "$srcdir"/lessons/*.yaml; do basename "$f" .yaml; done | sort >"$tmp/files"
if cmp -s "$tmp/files" "$tmp/listed"; then
    pass "list shows every lesson: $(tr '\n' ' ' <"$tmp/listed")"
else
    fail "list does not show every lesson of lessons/ (is it in lessons/meson.build?)"
    diff -u "$tmp/files" "$tmp/listed"
fi

# complete-example by name, as the build tree traces it.
"$bin" trace complete-example >"$tmp/staged.txt" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && pass "trace complete-example finds the lesson by name" ||
    { cat "$tmp/err"; fail "trace complete-example exits $rc"; }
"$builddir/src/bptrace" trace "$srcdir/lessons/complete-example.yaml" \
    >"$tmp/built.txt" 2>/dev/null
cmp -s "$tmp/staged.txt" "$tmp/built.txt" &&
    pass "the staged trace is the build tree's" ||
    fail "the staged trace differs from the build tree's"
"$bin" show complete-example >"$tmp/out" 2>"$tmp/err" &&
    pass "show complete-example finds the lesson by name" ||
    { cat "$tmp/err"; fail "show complete-example"; }

# The lessons come from beside the staged program: a lesson only the stage
# has is found ...
cp "$lessons/complete-example.yaml" "$lessons/only-in-the-stage.yaml"
"$bin" show only-in-the-stage >/dev/null 2>"$tmp/err" &&
    pass "lessons are read from beside the program" ||
    { cat "$tmp/err"; fail "a lesson beside the staged program is not found"; }
# ... and one the stage lacks is not read from the source tree.
rm "$lessons/chain-rule.yaml"
installed=$(sed -n 's/^#define BP_LESSON_DIR "\(.*\)"$/\1/p' "$builddir/src/config.h")
if [ -e "$installed/chain-rule.yaml" ]; then
    echo "skip: $installed/chain-rule.yaml is installed; cannot tell the source tree apart"
else
    "$bin" trace chain-rule >/dev/null 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 3 ] && pass "an installed copy never reads the source tree" ||
        fail "chain-rule, removed from the stage, gave exit $rc (expected 3): read from elsewhere?"
fi

exit $failed
