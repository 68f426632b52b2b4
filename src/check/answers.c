/* answers.c: reading a student's answers file.
 *
 *   student: s123            # optional
 *   answers:
 *     net_4: -0.7
 *     o_4: {given: 0.332}    # a number the worksheet gives
 *     delta_6:               # blank: not answered
 *
 * Answers files come from students: the same reader and the same rules as
 * lessons (size cap, nesting limit, no aliases, file:line:column errors).
 * A file that is not YAML, or has no 'answers:' mapping, is not read at
 * all; otherwise every item that cannot be read is a problem of the file
 * that costs that item alone, and the others are read on, so that the
 * student learns every mistake at once.  Each number keeps how it was
 * written, since its precision is part of the answer.  Whether a name is
 * a quantity of the lesson is for bp_answers_match to say, since only the
 * trace knows.
 */
#include "check/check_internal.h"
#include "lesson/reader.h"
#include "render/answers_template.h"
#include "util/strings.h"
#include "write/formula.h"

#include <stdlib.h>
#include <string.h>

/* Digits after the point as written: 0.330 has 3, 12 has 0, 1e-3 has 3,
 * 1.5e2 has 0. */
static int written_decimals(const char *text)
{
    const char *point = strchr(text, '.');
    const char *e = strpbrk(text, "eE");
    int frac = 0;
    if (point)
        for (const char *p = point + 1; *p >= '0' && *p <= '9'; p++)
            frac++;
    /* strtol, not atoi: an exponent such as e-2147483648 must not
     * overflow; no answer has a thousand decimals, so clamp there. */
    long exponent = e ? strtol(e + 1, NULL, 10) : 0;
    if (exponent > 1000)
        exponent = 1000;
    if (exponent < -1000)
        exponent = -1000;
    int decimals = frac - (int)exponent;
    return decimals > 0 ? decimals : 0;
}

bp_num_status bp_answer_from_text(bp_answer *a, const char *name,
                                  const char *text)
{
    double value;
    bp_num_status status = bp_parse_number(text, &value);
    if (status != BP_NUM_OK)
        return status;
    if (strlen(text) >= sizeof a->text)
        return BP_NUM_SYNTAX;
    *a = (bp_answer){.answered = true, .value = value,
                     .decimals = written_decimals(text)};
    snprintf(a->name, sizeof a->name, "%s", name);
    snprintf(a->text, sizeof a->text, "%s", text);
    return BP_NUM_OK;
}

/* One more problem of the file, with its line; past the maximum only
 * counted.  False when out of memory. */
static bool add_problem(bp_answers *out, const bp_error *e)
{
    if (out->n_problems >= BP_ANSWERS_PROBLEMS_MAX) {
        out->n_more_problems++;
        return true;
    }
    if (!out->problems) {
        out->problems = calloc(BP_ANSWERS_PROBLEMS_MAX, sizeof *out->problems);
        if (!out->problems)
            return false;
    }
    bp_error *p = &out->problems[out->n_problems++];
    *p = *e;
    lr_make_one_line(p->message);
    yr_fill_source_line(p, out->source, out->source_len);
    return true;
}

/* The number of an item ("0.33", as written), or a blank. */
static bool read_number(lr_loader *ld, const yr_node *v, const char *what,
                        bp_answer *a)
{
    if (yr_is_null(v)) /* left blank, as the template leaves it */
        return true;
    double number;
    if (v->kind == YR_SCALAR && v->quoted &&
        bp_parse_number(v->text, &number) == BP_NUM_OK)
        return lr_fail(ld, v, "%s is in quotes, which make it a text: "
                              "write the number without them",
                       what);
    if (!lr_read_number(ld, v, what, &a->value))
        return false;
    if (strlen(v->text) >= sizeof a->text)
        return lr_fail(ld, v, "%s has more digits than anyone writes down",
                       what);
    snprintf(a->text, sizeof a->text, "%s", v->text);
    a->decimals = written_decimals(v->text);
    a->answered = true;
    return true;
}

static bool read_answer(lr_loader *ld, const yr_node *key, bp_answer *a)
{
    a->pos = key->pos;
    if (!lr_read_text(ld, key, "a quantity name", a->name,
                      sizeof a->name)) {
        a->name[0] = '\0';
        return false;
    }
    char what[sizeof a->name + 16];
    snprintf(what, sizeof what, "the answer '%s'", a->name);
    const yr_node *v = key->value;
    if (v->kind != YR_MAPPING)
        return read_number(ld, v, what, a);
    /* {given: NUMBER}: a number the worksheet gives */
    static const lr_key given_keys[] = {{"given", true}, {NULL, false}};
    char given_what[sizeof what + 32];
    snprintf(given_what, sizeof given_what, "%s (a number or {given: "
                                            "NUMBER})", what);
    if (!lr_check_mapping(ld, v, given_what, given_keys))
        return false;
    a->given = true;
    return read_number(ld, yr_map_get(v, "given"), what, a);
}

/* Each item read on its own: one that cannot be read is a problem of the
 * file and stays, broken, as not answered.  False only when out of
 * memory. */
static bool read_items(lr_loader *ld, const yr_node *map, bp_answers *out)
{
    for (const yr_node *key = map->first; key; key = key->next) {
        bp_answer *a = &out->answers[out->n++];
        bp_error item_err;
        lr_loader item = {.name = ld->name, .err = &item_err};
        if (read_answer(&item, key, a))
            continue;
        if (item_err.status == BP_ERR_NOMEM)
            return lr_fail_nomem(ld);
        char name[sizeof a->name];
        memcpy(name, a->name, sizeof name);
        *a = (bp_answer){.pos = key->pos, .broken = true};
        memcpy(a->name, name, sizeof name);
        if (!add_problem(out, &item_err))
            return lr_fail_nomem(ld);
    }
    return true;
}

static bool read_answers(lr_loader *ld, const yr_node *root,
                         bp_answers *out)
{
    static const lr_key keys[] = {
        {"student", false},
        {"answers", true},
        {NULL, false},
    };
    if (!lr_check_mapping(ld, root, "the answers file", keys))
        return false;
    const yr_node *student = yr_map_get(root, "student");
    bool blank = !student || yr_is_null(student) ||
                 (student->kind == YR_SCALAR && !student->text[0]);
    if (student)
        out->student_pos = student->pos;
    if (!blank) { /* student: "" is the template's blank, not an error */
        bp_error student_err;
        lr_loader own = {.name = ld->name, .err = &student_err};
        if (!lr_read_text_alloc(&own, student, "'student'", &out->student) &&
            (student_err.status == BP_ERR_NOMEM ||
             !add_problem(out, &student_err)))
            return lr_fail_nomem(ld);
    }
    const yr_node *map = yr_map_get(root, "answers");
    if (yr_is_null(map)) /* an empty template */
        return true;
    if (map->kind != YR_MAPPING)
        return lr_fail(ld, map, "'answers' must be a mapping of quantity "
                                "names to numbers, not %s",
                       lr_describe(map));
    out->answers = calloc(map->count ? map->count : 1, sizeof *out->answers);
    if (!out->answers)
        return lr_fail_nomem(ld);
    return read_items(ld, map, out);
}

bp_answers *bp_answers_parse(const char *name, const char *data, size_t len,
                             bp_error *err)
{
    bp_error local;
    if (!err)
        err = &local;
    if (!name)
        name = "";
    yr_document *doc = yr_read_file(name, "the answers file", data, len, err);
    if (!doc) {
        lr_make_one_line(err->message);
        return NULL;
    }
    lr_loader ld = {.name = name, .err = err};
    bp_answers *a = calloc(1, sizeof *a);
    bool ok = a && (a->file = strdup(name)) != NULL &&
              (a->source = malloc(len + 1)) != NULL;
    if (!ok) {
        lr_fail_nomem(&ld);
    } else {
        memcpy(a->source, data, len);
        a->source[len] = '\0';
        a->source_len = len;
        ok = read_answers(&ld, yr_root(doc), a);
    }
    yr_free(doc);
    if (!ok) {
        lr_make_one_line(err->message);
        yr_fill_source_line(err, data, len);
        bp_answers_free(a);
        return NULL;
    }
    return a;
}

bp_answers *bp_answers_load(const char *path, bp_error *err)
{
    char *data = NULL;
    size_t len = 0;
    if (!lr_read_file(path, "the answers file", &data, &len, err))
        return NULL;
    bp_answers *a = bp_answers_parse(path, data, len, err);
    free(data);
    return a;
}

void bp_answers_fill_source_line(const bp_answers *answers, bp_error *err)
{
    yr_fill_source_line(err, answers->source, answers->source_len);
}

bp_status bp_answer_unknown(const bp_trace *t, const char *file,
                            const bp_answer *a, bp_error *err)
{
    const char **names = malloc(((size_t)t->n + 1) * sizeof *names);
    if (!names)
        return bp_error_set(err, BP_ERR_NOMEM, file, a->pos,
                            "out of memory");
    for (int i = 0; i < t->n; i++)
        names[i] = t->q[i].name;
    const char *close = bp_closest_name(a->name, names, (size_t)t->n);
    bp_status status;
    if (close)
        status = bp_error_set(err, BP_ERR_INPUT, file, a->pos,
                              "no quantity '%s' in this lesson (did you mean "
                              "'%s'?)", a->name, close);
    else
        status = bp_error_set(err, BP_ERR_INPUT, file, a->pos,
                              "no quantity '%s' in this lesson ('bptrace "
                              "check LESSON --template' lists them)",
                              a->name);
    free(names);
    return status;
}

/* A given number back as the worksheet writes it; what the student wrote
 * instead, when it is another number, kept in `edited`. */
static void restore_given(const bp_trace *t, const bp_quantity *q,
                          bp_answer *a)
{
    bp_numfmt nf = {t->hand_rounding ? BP_MODE_HAND : BP_MODE_EXACT, 4};
    char sheet[64];
    bp_formula_value(&nf, q, sheet, sizeof sheet);
    bp_answer fresh;
    if (bp_answer_from_text(&fresh, a->name, sheet) != BP_NUM_OK) {
        fresh = *a; /* the worksheet's number at full precision */
        fresh.answered = true;
        fresh.value = t->hand_rounding ? q->hand : q->exact;
        fresh.decimals = 15;
        snprintf(fresh.text, sizeof fresh.text, "%.15g", fresh.value);
    }
    /* The file's own number when it is the worksheet's, written with at
     * least the digits the sheet shows (a sheet made with --digits 6 gives
     * 0.331812): kept as written.  "0" for 0.332 is not the same. */
    bool same = a->answered && a->decimals >= fresh.decimals &&
                (bp_agrees(a->value, a->decimals, q->hand) ||
                 bp_agrees(a->value, a->decimals, q->exact));
    if (same) {
        a->given = true;
        return;
    }
    fresh.pos = a->pos;
    fresh.given = true;
    if (a->answered)
        snprintf(fresh.edited, sizeof fresh.edited, "%s", a->text);
    *a = fresh;
}

/* The problems in the file's order: the names' after the numbers'. */
static int by_position(const void *x, const void *y)
{
    const bp_error *a = x, *b = y;
    if (a->pos.line != b->pos.line)
        return a->pos.line < b->pos.line ? -1 : 1;
    return (a->pos.column > b->pos.column) - (a->pos.column < b->pos.column);
}

/* The item of a number a worksheet gives that the file left out (or
 * marked as an answer) is given all the same: appended, to be restored. */
static bp_status add_given(const bp_trace *t, const bool *sheet_blank,
                           bp_answers *answers)
{
    char *named = calloc((size_t)t->n + 1, 1);
    if (!named)
        return BP_ERR_NOMEM;
    int extra = 0;
    for (int k = 0; k < answers->n; k++) {
        const bp_quantity *q = bp_trace_find(t, answers->answers[k].name);
        if (q && !answers->answers[k].broken)
            named[q - t->q] = 1;
    }
    for (int i = 0; i < t->n; i++)
        extra += !named[i] && !sheet_blank[i] && bp_report_graded(t, &t->q[i]);
    bp_answer *more = extra ? realloc(answers->answers,
                                      (size_t)(answers->n + extra) *
                                          sizeof *more)
                            : answers->answers;
    if (!more) {
        free(named);
        return BP_ERR_NOMEM;
    }
    answers->answers = more;
    for (int i = 0; i < t->n && extra; i++) {
        const bp_quantity *q = &t->q[i];
        if (named[i] || sheet_blank[i] || !bp_report_graded(t, q))
            continue;
        bp_answer *a = &answers->answers[answers->n++];
        *a = (bp_answer){.given = true};
        snprintf(a->name, sizeof a->name, "%s", q->name);
        restore_given(t, q, a);
    }
    free(named);
    return BP_OK;
}

bp_status bp_answers_match(const bp_trace *t, const bool *sheet_blank,
                           bp_answers *answers)
{
    for (int k = 0; k < answers->n; k++) {
        bp_answer *a = &answers->answers[k];
        if (a->broken)
            continue; /* its problem is said already */
        const bp_quantity *q = bp_trace_find(t, a->name);
        bp_error err;
        if (q) {
            bool gives = sheet_blank ? !sheet_blank[q - t->q] &&
                                           bp_report_graded(t, q)
                                     : a->given;
            if (a->given && !gives) {
                /* a blank of the worksheet marked as one it gives */
                bp_error_set(&err, BP_ERR_INPUT, answers->file, a->pos,
                             "'%s' is marked {given: }, but the worksheet "
                             "leaves it blank: it is graded as an answer",
                             a->name);
                if (!add_problem(answers, &err))
                    return BP_ERR_NOMEM;
            }
            a->given = gives;
            if (gives)
                restore_given(t, q, a);
            continue;
        }
        if (bp_answer_unknown(t, answers->file, a, &err) == BP_ERR_NOMEM ||
            !add_problem(answers, &err))
            return BP_ERR_NOMEM;
        char name[sizeof a->name];
        memcpy(name, a->name, sizeof name);
        *a = (bp_answer){.pos = a->pos, .broken = true};
        memcpy(a->name, name, sizeof name);
    }
    if (sheet_blank && add_given(t, sheet_blank, answers) != BP_OK)
        return BP_ERR_NOMEM;
    if (answers->n_problems > 1)
        qsort(answers->problems, (size_t)answers->n_problems,
              sizeof *answers->problems, by_position);
    return BP_OK;
}

/* An id as a roster writes it: the only text taken from a file that did
 * not load. */
static bool plain_id(const char *s, size_t n)
{
    if (n == 0 || n >= 64 || s[0] == '.' || s[0] == '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!lr_is_letter(s[i]) && !lr_is_digit(s[i]) &&
            !strchr("._-", s[i]))
            return false;
    return true;
}

bool bp_answers_guess_student(const char *path, char *buf, size_t size)
{
    char *data = NULL;
    size_t len = 0;
    bp_error err;
    if (!lr_read_file(path, "the answers file", &data, &len, &err))
        return false;
    bool found = false;
    for (size_t at = 0; at < len && !found;) {
        const char *line = data + at;
        size_t n = 0;
        while (at + n < len && line[n] != '\n' && line[n] != '\r')
            n++;
        at += n + 1;
        if (n < 8 || strncmp(line, "student:", 8) != 0)
            continue;
        const char *v = lr_skip_spaces(line + 8, line + n);
        const char *end = v;
        while (end < line + n && *end != '#')
            end++;
        end = lr_trim_end(v, end);
        if (end - v >= 2 && (*v == '"' || *v == '\'') && end[-1] == *v) {
            v++;
            end--;
        }
        if (plain_id(v, (size_t)(end - v)) && (size_t)(end - v) < size) {
            snprintf(buf, size, "%.*s", (int)(end - v), v);
            found = true;
        }
        break; /* only the first 'student:' line says who */
    }
    free(data);
    return found;
}

const char *bp_answers_student(const bp_answers *answers)
{
    return answers->student;
}

int bp_answers_count(const bp_answers *answers)
{
    return answers->n;
}

const bp_answer *bp_answers_item(const bp_answers *answers, int i)
{
    return i >= 0 && i < answers->n ? &answers->answers[i] : NULL;
}

int bp_answers_problem_count(const bp_answers *answers)
{
    return answers->n_problems + answers->n_more_problems;
}

const bp_error *bp_answers_problem(const bp_answers *answers, int i)
{
    return i >= 0 && i < answers->n_problems ? &answers->problems[i] : NULL;
}

void bp_answers_free(bp_answers *answers)
{
    if (!answers)
        return;
    free(answers->file);
    free(answers->student);
    free(answers->answers);
    free(answers->problems);
    free(answers->source);
    free(answers);
}
