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
# second program reads every accessor of the opaque objects (lesson, trace,
# quantity, answers, roster, manifest) against known values: o_4 = 0.332,
# the roster's ids, names and seeds, a manifest written and read back.  A
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
. "$(dirname "$0")/tap.sh"

mkdir -p "$tmp/include/bptrace"
cp "$srcdir/src/bptrace.h" "$tmp/include/" &&
    cp "$srcdir"/src/bptrace/*.h "$tmp/include/bptrace/" || exit 99
cflags="-std=c11 -Wall -Wextra -pedantic -Werror -I$tmp/include"
# A library built with the sanitizers (-Db_sanitize) wants them in the
# program too, or its runtime refuses to start.
if ldd "$lib" 2>/dev/null | grep -q 'libasan'; then
    cflags="$cflags -fsanitize=address,undefined"
fi

# program BODY: a program around BODY, which may use lesson, trace, q,
# answers, roster and manifest (all loaded, or NULL) and argv[3] (a
# directory to write in, when given)
program() {
    cat <<C
#include <bptrace.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    bp_error err;
    if (argc < 3)
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

# The accessors: everything a user reads of the opaque objects, each
# against the lecture's numbers (section 7) or the files' own text.
program '
#define EXPECT(cond) if (!(cond)) { printf("wrong: %s\n", #cond); rc = 1; }
    /* the lesson: 3-2-1, 8 weights, one output */
    EXPECT(strncmp(bp_lesson_title(lesson), "Complete worked example", 23) == 0);
    EXPECT(bp_lesson_unit_count(lesson) == 6);
    EXPECT(strcmp(bp_lesson_unit_label(lesson, 0), "x1") == 0);
    EXPECT(strcmp(bp_lesson_unit_label(lesson, 3), "4") == 0);
    EXPECT(bp_lesson_unit_label(lesson, 6) == NULL);
    EXPECT(bp_lesson_weight_count(lesson) == 8);
    EXPECT(bp_lesson_find_weight(lesson, 3, 5) == 6); /* w46 */
    EXPECT(bp_lesson_output_count(lesson) == 1);
    double targets[1] = {0.5};
    char why[200] = "";
    EXPECT(bp_lesson_check_targets(lesson, targets, why, sizeof why));
    targets[0] = 1.5;
    EXPECT(!bp_lesson_check_targets(lesson, targets, why, sizeof why) && why[0]);
    /* the trace: 105 quantities, o_4 = 0.332 the 22nd */
    int n = bp_trace_count(trace);
    EXPECT(n == 105);
    EXPECT(strcmp(bp_quantity_name(bp_trace_quantity(trace, 0)), "x_1") == 0);
    EXPECT(bp_trace_quantity(trace, n) == NULL && bp_trace_quantity(trace, -1) == NULL);
    const bp_quantity *o4 = bp_trace_quantity(trace, 21);
    EXPECT(o4 == bp_trace_find(trace, "o_4"));
    EXPECT(strcmp(bp_quantity_name(o4), "o_4") == 0);
    EXPECT(fabs(bp_quantity_value(o4, BP_MODE_HAND) - 0.332) < 1e-12);
    EXPECT(fabs(bp_quantity_value(o4, BP_MODE_EXACT) - 0.3318122278) < 1e-9);
    EXPECT(bp_quantity_kind(o4) == BP_Q_ACTIVATION);
    EXPECT(bp_quantity_phase(o4) == BP_PHASE_FORWARD);
    EXPECT(bp_quantity_input_count(o4) == 2);
    EXPECT(strcmp(bp_quantity_name(bp_trace_input(trace, o4, 0)), "net_4") == 0);
    EXPECT(bp_quantity_input_count(bp_trace_find(trace, "x_1")) == 0);
    char num[32];
    bp_precision p = bp_quantity_precision(o4);
    EXPECT(p.mode == BP_ROUND_DECIMALS && p.digits == 3);
    EXPECT(strcmp(bp_format(num, sizeof num, bp_quantity_value(o4, BP_MODE_EXACT), p), "0.332") == 0);
    EXPECT(bp_trace_hand_rounding(trace) && bp_trace_correct(trace) == NULL);
    bp_trace *seq = bp_trace_build_with(lesson, &(bp_build_options){.sequential = true}, &err);
    EXPECT(seq && bp_trace_correct(seq) && bp_trace_count(bp_trace_correct(seq)) == 105);
    bp_trace_free(seq);
    /* a worksheet with the activations blank: o_4, o_5, o_6 and those of
       the verification pass, and what is worked out from them */
    bool *blank = calloc((size_t)n, sizeof *blank);
    if (blank) {
        bp_worksheet_blanks(trace, 1u << BP_RK_ACTIVATION, blank);
        EXPECT(blank[21] && !blank[19]); /* o_4 blank, net_4 not */
    }
    free(blank);
    /* the answers: student s0001, o_4 written 0.332 */
    EXPECT(strcmp(bp_answers_student(answers), "s0001") == 0);
    EXPECT(bp_answers_count(answers) == 44);
    const bp_answer *a = bp_answers_item(answers, 1);
    EXPECT(a && strcmp(a->name, "o_4") == 0 && a->value == 0.332 && a->decimals == 3);
    EXPECT(bp_answers_item(answers, 44) == NULL);
    EXPECT(bp_answers_problem_count(answers) == 0 && bp_answers_problem(answers, 0) == NULL);
    int least = 0;
    EXPECT(bp_lesson_grading(lesson)->ecf_credit == 1);
    EXPECT(bp_precision_judge(o4, bp_lesson_grading(lesson), bp_quantity_value(o4, BP_MODE_EXACT), a, &least) == BP_PRECISION_OK && least == 2);
    bp_check_result *r = bp_check(trace, answers, &err);
    EXPECT(r && strcmp(bp_quantity_name(r->items[1].q), "o_4") == 0 && r->items[1].expected == 0.332);
    bp_check_free(r);
    static const char bad[] = "student: s0002\nanswers:\n  o_4: 0,332\n  nett_4: -0.7\n";
    bp_answers *b = bp_answers_parse("bad.yaml", bad, sizeof bad - 1, &err);
    EXPECT(b && bp_answers_problem_count(b) == 1);
    EXPECT(b && bp_answers_problem(b, 0)->pos.line == 3 && !bp_answers_item(b, 0)->answered);
    EXPECT(b && bp_answers_match(trace, NULL, b) == BP_OK && bp_answers_problem_count(b) == 2);
    EXPECT(b && strstr(bp_answers_problem(b, 1)->message, "net_4") != NULL);
    bp_answers_free(b);
    /* a roster: two students, their names and seeds (FNV-1a 64 of the
       salt, a 0 byte and the id) */
    static const char list[] = "id,name\nada,Ada Lovelace\n# a comment\ns0001\n";
    roster = bp_roster_parse("class.csv", list, sizeof list - 1, "spring", &err);
    EXPECT(roster && bp_roster_count(roster) == 2);
    const bp_student *s0 = roster ? bp_roster_student(roster, 0) : NULL;
    EXPECT(s0 && strcmp(s0->id, "ada") == 0 && strcmp(s0->name, "Ada Lovelace") == 0);
    EXPECT(s0 && s0->seed == 16885967316592002176u && s0->pos.line == 2);
    EXPECT(roster && strcmp(bp_roster_student(roster, 1)->id, "s0001") == 0);
    EXPECT(roster && bp_roster_student(roster, 2) == NULL);
    EXPECT(bp_seed_from_id("s0001", NULL) == 15949862525700533685u);
    /* a manifest written for that roster and read back */
    char path[4096];
    snprintf(path, sizeof path, "%s/manifest.yaml", argc > 3 ? argv[3] : ".");
    FILE *f = argc > 3 && roster ? fopen(path, "w") : NULL;
    bp_student st[2];
    memset(st, 0, sizeof st);
    for (int i = 0; i < 2 && roster; i++) {
        const bp_student *s = bp_roster_student(roster, i);
        st[i] = *s; /* and the files written for the student */
        snprintf(st[i].worksheet, sizeof st[i].worksheet, "%s.txt", s->id);
        snprintf(st[i].key, sizeof st[i].key, "%s-key.txt", s->id);
        snprintf(st[i].answers, sizeof st[i].answers, "%s.yaml", s->id);
    }
    EXPECT(f && bp_manifest_write("lesson.yaml", "complete-example", NULL, st, 2, f) == BP_OK);
    if (f && fclose(f) == 0)
        manifest = bp_manifest_load(path, &err);
    EXPECT(manifest && bp_manifest_count(manifest) == 2);
    EXPECT(manifest && bp_manifest_sheet(manifest) == NULL); /* whole sheets */
    snprintf(path, sizeof path, "%s/lesson.yaml", argc > 3 ? argv[3] : ".");
    EXPECT(manifest && strcmp(bp_manifest_lesson(manifest), path) == 0);
    EXPECT(manifest && strcmp(bp_manifest_student(manifest, 1)->id, "s0001") == 0);
    EXPECT(manifest && bp_manifest_student(manifest, 1)->seed == bp_roster_student(roster, 1)->seed);
    EXPECT(manifest && strcmp(bp_manifest_student(manifest, 1)->key, "s0001-key.txt") == 0);
    EXPECT(manifest && bp_manifest_student(manifest, 2) == NULL);
    if (!rc)
        puts("all read");' >"$tmp/access.c"
# shellcheck disable=SC2086 # cflags are words
if "$cc" $cflags -o "$tmp/access" "$tmp/access.c" "$lib" -lm 2>"$tmp/cc.err"; then
    mkdir -p "$tmp/class"
    if LD_LIBRARY_PATH=$(dirname "$lib") "$tmp/access" \
            "$srcdir/lessons/complete-example.yaml" \
            "$srcdir/tests/answers/complete-example/right.yaml" "$tmp/class" \
            >"$tmp/out" 2>&1 && grep -qx 'all read' "$tmp/out"; then
        ok "the accessors read a lesson, its trace (o_4 = 0.332), answers, a roster and a manifest"
    else
        sed 's/^/#   /' "$tmp/out"
        not_ok "the accessors' values"
    fi
else
    sed 's/^/#   /' "$tmp/cc.err"
    not_ok "the public headers alone compile a program that uses the accessors"
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
