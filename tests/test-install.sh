#!/bin/sh
# test-install.sh BUILDDIR SOURCEDIR: an installed copy of bptrace works.
#
# Stages the build with `meson install --destdir` into a temporary
# directory, then runs the staged bptrace from a directory outside the
# source tree, with BPTRACE_LESSONS unset: it must find its own lessons by
# name (beside the program: ../share/bptrace/lessons), list them all, and
# never fall back to the source tree.  The program needs no libbptrace.so;
# the installed headers and pkg-config file let a program use the library.
# Exit 0 passes, 77 skips (no meson).
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

# The program links the library's internals statically: it needs no
# libbptrace.so at run time.
if command -v ldd >/dev/null 2>&1; then
    ldd "$bin" | grep -q libbptrace &&
        fail "the staged bptrace needs libbptrace.so: $(ldd "$bin" | grep libbptrace)" ||
        pass "the staged bptrace does not need libbptrace.so"
fi

# Every public header of the source tree (src/bptrace/*.h) is installed.
inc=$(dirname "$(find "$tmp/stage" -name bptrace.h -path '*/include/*' | head -n 1)")
for h in "$srcdir"/src/bptrace/*.h; do
    if [ -f "$inc/bptrace/${h##*/}" ]; then
        pass "bptrace/${h##*/} is installed"
    else
        fail "bptrace/${h##*/} is not installed (install_headers in src/meson.build)"
    fi
done

# A small program compiled against the staged copy through pkg-config:
# it includes <bptrace.h>, traces the lecture's complete example, finds
# o_6 (0.474 in the lecture, section 7) and writes the trace as text,
# which must be bptrace trace's, byte for byte.
pc=$(find "$tmp/stage" -name bptrace.pc | head -n 1)
cc=${CC:-cc}
if [ -z "$pc" ]; then
    fail "no staged bptrace.pc"
elif ! command -v pkg-config >/dev/null 2>&1 || ! command -v "$cc" >/dev/null 2>&1; then
    echo "skip: no pkg-config or $cc: the library is not compiled against"
else
    cat >"$tmp/user.c" <<'C'
#include <bptrace.h>
#include <math.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    bp_error err;
    if (argc != 2)
        return 2;
    bp_lesson *missing = bp_lesson_load("no-such-lesson.yaml", &err);
    if (missing || err.status != BP_ERR_IO) {
        fprintf(stderr, "a missing lesson: no BP_ERR_IO\n");
        return 1;
    }
    bp_lesson *lesson = bp_lesson_load(argv[1], &err);
    if (!lesson) {
        fprintf(stderr, "%s: %s\n", err.file, err.message);
        return 1;
    }
    bp_trace *trace = bp_trace_build(lesson, &err);
    if (!trace) {
        fprintf(stderr, "%s\n", err.message);
        bp_lesson_free(lesson);
        return 1;
    }
    const bp_quantity *o6 = bp_trace_find(trace, "o_6");
    int rc = 0;
    if (!o6 || fabs(bp_quantity_value(o6, BP_MODE_HAND) - 0.474) > 1e-9) {
        fprintf(stderr, "o_6 is not 0.474\n");
        rc = 1;
    }
    bp_render_options opt = {.mode = BP_MODE_HAND, .digits = 4};
    if (bp_render_text(trace, &opt, stdout) != 0)
        rc = 1;
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    return rc;
}
C
    prefix=$(sed -n 's/^prefix=//p' "$pc")
    # the .pc file names the final prefix: point it into the stage
    sed "s|^prefix=.*|prefix=$tmp/stage$prefix|" "$pc" >"$tmp/bptrace.pc"
    flags=$(PKG_CONFIG_PATH="$tmp" pkg-config --cflags --libs bptrace) ||
        fail "pkg-config --cflags --libs bptrace"
    # a library built with -Db_sanitize needs its runtime in the program
    sanitize=
    ldd "$lib" 2>/dev/null | grep -q 'libasan' && sanitize=-fsanitize=address,undefined
    # shellcheck disable=SC2086 # flags are words
    if "$cc" -std=c11 -Wall -Werror $sanitize -o "$tmp/user" "$tmp/user.c" $flags -lm \
            2>"$tmp/cc.err"; then
        pass "a program with <bptrace.h> compiles and links through pkg-config"
        if "$tmp/user" "$lessons/complete-example.yaml" >"$tmp/user.txt" 2>"$tmp/err" &&
                cmp -s "$tmp/user.txt" "$srcdir/golden/complete-example.txt"; then
            pass "it traces complete-example through the staged library (o_6 = 0.474)"
        else
            cat "$tmp/err"
            fail "the program on the staged library: wrong o_6 or trace text"
        fi
    else
        cat "$tmp/cc.err"
        fail "a program with <bptrace.h> does not compile through pkg-config"
    fi
fi

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
