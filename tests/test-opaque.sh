#!/bin/sh
# test-opaque.sh LIBRARY SRCDIR: the public headers alone are enough for a
# program that uses the public API, and they keep the library's internals
# opaque.
#
# The installed headers are src/bptrace.h and src/bptrace/*.h (src/meson.build).
# Copied alone into a directory, they must compile (-std=c11 -Wall -Wextra
# -pedantic -Werror) a program that loads a lesson, builds its trace, reads
# a quantity through bp_quantity_value, checks an answers file and reads the
# score, and renders a trace; linked with LIBRARY it must find the lecture's
# numbers (o_6 = 0.474, section 7; 44 / 44 for the right answers).  A
# program that reads a field of an opaque type (bp_lesson, bp_trace,
# bp_quantity, bp_answers, bp_roster, bp_manifest) or names a type that
# only the library's internal headers define (bp_unit, bp_symbol, ...)
# must not compile.  TAP; skips without cc.
lib=$1 srcdir=$2
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || { echo "1..0 # SKIP $cc is not on PATH"; exit 0; }
[ -f "$lib" ] && [ -f "$srcdir/src/bptrace.h" ] || {
    echo "usage: test-opaque.sh LIBRARY SRCDIR"; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }

mkdir -p "$tmp/include/bptrace"
cp "$srcdir/src/bptrace.h" "$tmp/include/" &&
    cp "$srcdir"/src/bptrace/*.h "$tmp/include/bptrace/" || exit 99
cflags="-std=c11 -Wall -Wextra -pedantic -Werror -I$tmp/include"

# program BODY: a program around BODY, which may use lesson, trace, q,
# answers, roster and manifest (all loaded, or NULL)
program() {
    cat <<C
#include <bptrace.h>
#include <math.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    bp_error err;
    if (argc != 3)
        return 2;
    bp_lesson *lesson = bp_lesson_load(argv[1], &err);
    if (!lesson) {
        fprintf(stderr, "%s:%d:%d: %s\n", err.file, err.pos.line,
                err.pos.column, err.message);
        return 1;
    }
    bp_trace *trace = bp_trace_build(lesson, &err);
    bp_answers *answers = bp_answers_load(argv[2], &err);
    bp_roster *roster = NULL;
    bp_manifest *manifest = NULL;
    if (!trace || !answers)
        return 1;
    const bp_quantity *q = bp_trace_find(trace, "o_6");
    int rc = 0;
    (void)q;
$1
    bp_manifest_free(manifest);
    bp_roster_free(roster);
    bp_answers_free(answers);
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    return rc;
}
C
}

# The public API, read the way a user reads it.
program '
    if (!q || fabs(bp_quantity_value(q, BP_MODE_HAND) - 0.474) > 1e-9)
        rc = 1;
    bp_check_result *r = bp_check(trace, answers, &err);
    if (!r || r->score != 44 || r->max_score != 44 || r->first_wrong != -1 ||
        r->n != 44 || r->items[0].verdict != BP_VERDICT_RIGHT)
        rc = 1;
    else
        printf("score %g / %g; %s\n", r->score, r->max_score,
               bp_verdict_name(r->items[0].verdict));
    bp_check_free(r);
    const bp_render_format_info *info = bp_render_format_about(BP_RENDER_LATEX);
    bp_render_options opt = {.mode = BP_MODE_HAND, .digits = 4};
    FILE *sink = fopen("/dev/null", "w");
    if (!sink || bp_render(trace, BP_RENDER_TEXT, &opt, sink) != BP_OK)
        rc = 1;
    if (sink)
        fclose(sink);
    printf("o_6 %.3f; %s writes .%s\n", bp_quantity_value(q, BP_MODE_HAND),
           info->name, info->extension);' >"$tmp/user.c"
# shellcheck disable=SC2086 # cflags are words
if "$cc" $cflags -o "$tmp/user" "$tmp/user.c" "$lib" -lm 2>"$tmp/cc.err"; then
    ok "the public headers alone compile a program that uses the public API"
    libdir=$(dirname "$lib")
    if LD_LIBRARY_PATH=$libdir "$tmp/user" "$srcdir/lessons/complete-example.yaml" \
            "$srcdir/tests/answers/complete-example/right.yaml" >"$tmp/out" 2>&1 &&
            grep -qx 'score 44 / 44; right' "$tmp/out" &&
            grep -qx 'o_6 0.474; latex writes .tex' "$tmp/out"; then
        ok "it finds o_6 = 0.474 and 44 / 44 through the library"
    else
        sed 's/^/#   /' "$tmp/out"
        not_ok "the program's numbers (o_6 = 0.474, 44 / 44)"
    fi
else
    sed 's/^/#   /' "$tmp/cc.err"
    not_ok "the public headers alone compile a program that uses the public API"
fi

# must_fail WHAT LINE: a program with LINE does not compile, and says why
must_fail() {
    program "    $2" >"$tmp/bad.c"
    # shellcheck disable=SC2086
    if "$cc" $cflags -fsyntax-only "$tmp/bad.c" 2>"$tmp/bad.err"; then
        not_ok "$1 compiles: it should be opaque"
    elif grep -q 'incomplete\|unknown type name' "$tmp/bad.err"; then
        ok "$1 does not compile ($(grep -o 'incomplete[^(]*\|unknown type name [^ ]*' "$tmp/bad.err" | head -n 1))"
    else
        sed 's/^/#   /' "$tmp/bad.err"
        not_ok "$1 does not compile, but for another reason"
    fi
}
# The same program with nothing added compiles: the failures are the fields'.
program '' >"$tmp/plain.c"
# shellcheck disable=SC2086
"$cc" $cflags -fsyntax-only "$tmp/plain.c" 2>"$tmp/plain.err" &&
    ok "the program around each field compiles without it" ||
    { sed 's/^/#   /' "$tmp/plain.err"; not_ok "the program around each field"; }
must_fail "a lesson's title (bp_lesson)" 'puts(lesson->title);'
must_fail "a lesson's units (bp_lesson)" 'rc = lesson->n_units;'
must_fail "a trace's quantities (bp_trace)" 'rc = trace->n;'
must_fail "a quantity's exact value (bp_quantity)" 'rc = q->exact > 0;'
must_fail "an answers file's student (bp_answers)" 'puts(answers->student);'
must_fail "a roster's students (bp_roster)" 'rc = roster->n;'
must_fail "a manifest's lesson (bp_manifest)" 'puts(manifest->lesson);'
must_fail "a unit (internal bp_unit)" 'bp_unit u = {0}; rc = u.layer;'
must_fail "a symbol (internal bp_symbol)" 'bp_symbol s = {0}; rc = s.has;'
must_fail "an exercise (internal bp_exercise)" 'bp_exercise e = {0}; rc = e.n_steps;'
echo "1..$n"
[ "$failed" -eq 0 ]
