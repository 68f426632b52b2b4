/* answers.c: reading a student's answers file.
 *
 *   student: s123            # optional
 *   answers:
 *     net_4: -0.7
 *     o_4: 0.33
 *     delta_6:               # blank: not answered
 *
 * Answers files come from students: the same reader and the same rules as
 * lessons (size cap, nesting limit, no aliases, file:line:column errors).
 * Each number keeps how it was written, since its precision is part of
 * the answer.  Whether a name is a quantity of the lesson is for bp_check
 * to say, since only the trace knows.
 */
#include "check/check_internal.h"
#include "lesson/reader.h"

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

static bool read_answer(lr_loader *ld, const yr_node *key, bp_answer *a)
{
    if (!lr_read_text(ld, key, "a quantity name", a->name, sizeof a->name))
        return false;
    a->pos = key->pos;
    const yr_node *v = key->value;
    if (yr_is_null(v)) /* left blank, as the template leaves it */
        return true;
    char what[sizeof a->name + 16];
    snprintf(what, sizeof what, "the answer '%s'", a->name);
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
    if (!blank && /* student: "" is the template's blank, not an error */
        !lr_read_text_alloc(ld, student, "'student'", &out->student))
        return false;
    if (student)
        out->student_pos = student->pos;
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
    for (const yr_node *key = map->first; key; key = key->next)
        if (!read_answer(ld, key, &out->answers[out->n++]))
            return false;
    return true;
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
    bool ok = a && (a->file = strdup(name)) != NULL;
    if (!ok)
        lr_fail_nomem(&ld);
    else
        ok = read_answers(&ld, yr_root(doc), a);
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

void bp_answers_free(bp_answers *answers)
{
    if (!answers)
        return;
    free(answers->file);
    free(answers->student);
    free(answers->answers);
    free(answers);
}
