/* lesson_exercise.c: an exercise lesson's 'exercise': named givens, steps
 * that find named quantities with formulas OP(ARGS), and cases that work
 * the steps again with other givens (doc/lesson-format.md, "Exercises").
 *
 * Only the form is checked here.  Whether an argument names something
 * given or found earlier is the engine's business: it knows the order in
 * which the cases and steps are worked.
 */
#include "lesson/lesson_internal.h"
#include "lesson/parts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Limits, documented in doc/lesson-format.md.  Each is checked before
 * anything is allocated for it, so a huge lesson costs no memory. */
enum {
    MAX_STEPS = 64,
    MAX_FINDS = 64, /* in one step */
    MAX_ARGS = 64,  /* of one formula */
    MAX_CASES = 64,
    MAX_GIVENS = 256, /* in all: the exercise's, its steps' and its cases' */
    MAX_COLUMNS = 64, /* of 'table' */
    MAX_NAME = 64,    /* characters of a name; the engine adds "(label)" */
};

typedef struct {
    lr_loader *ld;
    bp_exercise *ex;
    int n_givens; /* so far, against MAX_GIVENS */
} exercise_reader;

/* ------------------------------------------------------------------ */
/* Operations and their signatures                                     */
/* ------------------------------------------------------------------ */

static const char *const op_names[BP_OP_COUNT] = {
    "product",      "net",    "sigmoid", "derivative", "output_delta",
    "hidden_delta", "change", "update",  "loss",       "total",
};

const char *bp_op_name(bp_op op)
{
    return (unsigned)op < BP_OP_COUNT ? op_names[op] : "unknown";
}

/* How an argument is written. */
typedef enum {
    FORM_NAME,    /* a */
    FORM_TERM,    /* a*b, or a plain a (a bias, a product found before) */
    FORM_PRODUCT, /* a*b */
    FORM_DIFF     /* t-o */
} arg_form;

typedef struct {
    const char *params; /* as messages show them: "o, t" */
    int min_args;
    int max_args;   /* 0: no upper bound but MAX_ARGS */
    arg_form first; /* the first argument */
    arg_form rest;  /* every other one */
} op_signature;

static const op_signature signatures[BP_OP_COUNT] = {
    [BP_OP_PRODUCT] = {"a, b", 2, 2, FORM_NAME, FORM_NAME},
    [BP_OP_NET] = {"term, ...", 1, 0, FORM_TERM, FORM_TERM},
    [BP_OP_SIGMOID] = {"net", 1, 1, FORM_NAME, FORM_NAME},
    [BP_OP_DERIVATIVE] = {"o", 1, 1, FORM_NAME, FORM_NAME},
    [BP_OP_OUTPUT_DELTA] = {"o, t", 2, 2, FORM_NAME, FORM_NAME},
    [BP_OP_HIDDEN_DELTA] = {"o, w*d, ...", 2, 0, FORM_NAME, FORM_PRODUCT},
    [BP_OP_CHANGE] = {"eta, delta, x", 3, 3, FORM_NAME, FORM_NAME},
    [BP_OP_UPDATE] = {"w, change", 2, 2, FORM_NAME, FORM_NAME},
    [BP_OP_LOSS] = {"t-o, ...", 1, 0, FORM_DIFF, FORM_DIFF},
    [BP_OP_TOTAL] = {"a, b, ...", 2, 0, FORM_NAME, FORM_NAME},
};

static bool form_allows(arg_form form, char join)
{
    switch (form) {
    case FORM_NAME: return join == '\0';
    case FORM_TERM: return join == '\0' || join == '*';
    case FORM_PRODUCT: return join == '*';
    case FORM_DIFF: return join == '-';
    }
    return false;
}

/* "written a*b": how a form reads in messages (FORM_NAME says more). */
static const char *form_text(arg_form form)
{
    switch (form) {
    case FORM_NAME: return "a plain name";
    case FORM_TERM: return "written a*b or as a plain name";
    case FORM_PRODUCT: return "written w*d";
    case FORM_DIFF: return "written t-o";
    }
    return "";
}

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

/* NAME = [A-Za-z][A-Za-z0-9_']*: the apostrophe lets sigma' be a name. */
static bool is_name_char(char c)
{
    return lr_is_letter(c) || lr_is_digit(c) || c == '_' || c == '\'';
}

static bool is_name(const char *s, const char *end)
{
    if (s == end || !lr_is_letter(*s))
        return false;
    for (; s < end; s++)
        if (!is_name_char(*s))
            return false;
    return true;
}

/* Is [s, end) a number (bp_parse_number)?  For a hint: numbers are given
 * by name. */
static bool is_number(const char *s, const char *end)
{
    char text[32];
    size_t n = (size_t)(end - s);
    if (n >= sizeof text)
        return false;
    memcpy(text, s, n);
    text[n] = '\0';
    return bp_parse_number(text, NULL) == BP_NUM_OK;
}

static bool fail_number(lr_loader *ld, const yr_node *at, const char *s,
                        const char *end)
{
    return lr_fail(ld, at, "'%.*s' is a number: name it in 'given'",
                   (int)(end - s), s);
}

/* [s, end) into buf (MAX_NAME + 1 bytes or more) as a NAME. */
static bool copy_name(lr_loader *ld, const yr_node *at, const char *s,
                      const char *end, bool argument, char *buf)
{
    int n = (int)(end - s);
    if (argument && is_number(s, end))
        return fail_number(ld, at, s, end);
    if (!is_name(s, end))
        return lr_fail(ld, at,
                       "'%.*s' is not a name (a letter, then letters, "
                       "digits, _ or ')",
                       n, s);
    if (n > MAX_NAME)
        return lr_fail(ld, at,
                       "name '%.*s...' is too long (the limit is %d "
                       "characters)",
                       32, s, MAX_NAME);
    memcpy(buf, s, (size_t)n);
    buf[n] = '\0';
    return true;
}

/* ---- quantity names ----
 * A quantity found, or a column of the table, is named by a NAME, or by
 * its own formula when the lecture writes it as one: a product "x_1*w_j1"
 * or a sigmoid derivative "o_h(1-o_h)" (the names the engine gives them).
 * Spaces may stand between the tokens; the name is kept without them. */

typedef enum { QNAME_PLAIN, QNAME_PRODUCT, QNAME_DERIVATIVE } qname_form;

typedef struct {
    qname_form form;
    char a[MAX_NAME + 1]; /* the name; the product's first factor; o */
    char b[MAX_NAME + 1]; /* the product's second factor */
} qname;

/* The NAME at *p (after spaces) into [*a, *a_end); moves *p past it. */
static bool scan_name(const char **p, const char *end, const char **a,
                      const char **a_end)
{
    const char *s = lr_skip_spaces(*p, end);
    const char *e = s;
    while (e < end && is_name_char(*e))
        e++;
    *a = s;
    *a_end = *p = e;
    return is_name(s, e);
}

static bool scan_char(const char **p, const char *end, char c)
{
    const char *s = lr_skip_spaces(*p, end);
    if (s == end || *s != c)
        return false;
    *p = s + 1;
    return true;
}

static bool same(const char *a, const char *a_end, const char *b,
                 const char *b_end)
{
    return a_end - a == b_end - b && memcmp(a, b, (size_t)(a_end - a)) == 0;
}

/* Which form [s, end) has; its names in n[0..4) as [start, end) pairs. */
static bool classify_qname(const char *s, const char *end, qname_form *form,
                           const char *n[4])
{
    const char *p = s;
    if (!scan_name(&p, end, &n[0], &n[1]))
        return false;
    if (lr_skip_spaces(p, end) == end) {
        *form = QNAME_PLAIN;
        return true;
    }
    if (scan_char(&p, end, '*')) {
        *form = QNAME_PRODUCT;
        return scan_name(&p, end, &n[2], &n[3]) &&
               lr_skip_spaces(p, end) == end;
    }
    *form = QNAME_DERIVATIVE;
    return scan_char(&p, end, '(') && scan_char(&p, end, '1') &&
           scan_char(&p, end, '-') && scan_name(&p, end, &n[2], &n[3]) &&
           same(n[0], n[1], n[2], n[3]) && scan_char(&p, end, ')') &&
           lr_skip_spaces(p, end) == end;
}

/* A key or scalar naming a quantity, into q. */
static bool read_qname(lr_loader *ld, const yr_node *node, qname *q)
{
    const char *s = node->text, *end = s + strlen(s);
    const char *n[4] = {NULL, NULL, NULL, NULL};
    if (!classify_qname(s, end, &q->form, n))
        return lr_fail(ld, node,
                       "'%s' is not a name (a letter, then letters, digits, "
                       "_ or ')",
                       s);
    return copy_name(ld, node, n[0], n[1], false, q->a) &&
           (q->form != QNAME_PRODUCT ||
            copy_name(ld, node, n[2], n[3], false, q->b));
}

/* The name as it is kept: "a", "a*b", "a(1-a)". */
static void qname_text(const qname *q, char *buf, size_t size)
{
    switch (q->form) {
    case QNAME_PLAIN: snprintf(buf, size, "%s", q->a); break;
    case QNAME_PRODUCT: snprintf(buf, size, "%s*%s", q->a, q->b); break;
    case QNAME_DERIVATIVE: snprintf(buf, size, "%s(1-%s)", q->a, q->a); break;
    }
}

/* A find named by a formula must be found by that formula. */
static bool check_qname_formula(lr_loader *ld, const yr_node *key,
                                const qname *q, const bp_find *f)
{
    bool ok = true;
    if (q->form == QNAME_PRODUCT)
        ok = f->op == BP_OP_PRODUCT && strcmp(f->args[0].a, q->a) == 0 &&
             strcmp(f->args[1].a, q->b) == 0;
    if (q->form == QNAME_DERIVATIVE)
        ok = f->op == BP_OP_DERIVATIVE && strcmp(f->args[0].a, q->a) == 0;
    if (ok)
        return true;
    if (q->form == QNAME_PRODUCT)
        return lr_fail(ld, key,
                       "'%s' is written as a formula, so it must be found "
                       "by product(%s, %s)",
                       f->name, q->a, q->b);
    return lr_fail(ld, key,
                   "'%s' is written as a formula, so it must be found by "
                   "derivative(%s)",
                   f->name, q->a);
}

/* The n-th key (0-based) of a mapping or item of a sequence. */
static const yr_node *nth(const yr_node *node, size_t n)
{
    const yr_node *item = node->first;
    while (item && n--)
        item = item->next;
    return item;
}

/* ------------------------------------------------------------------ */
/* Givens                                                              */
/* ------------------------------------------------------------------ */

/* given: {NAME: number, ...} into a new array. */
static bool read_givens(exercise_reader *xr, const yr_node *map, bp_given **out,
                        int *n_out)
{
    lr_loader *ld = xr->ld;
    if (map->kind != YR_MAPPING)
        return lr_fail(ld, map,
                       "'given' must be a mapping of NAME: number, not %s",
                       lr_describe(map));
    size_t room = (size_t)(MAX_GIVENS - xr->n_givens);
    if (map->count > room)
        return lr_fail(ld, nth(map, room),
                       "too many givens (the limit is %d in all)", MAX_GIVENS);
    *out = calloc(map->count ? map->count : 1, sizeof **out);
    if (!*out)
        return lr_fail_nomem(ld);
    for (const yr_node *key = map->first; key; key = key->next) {
        bp_given *g = &(*out)[*n_out];
        const char *end = key->text + strlen(key->text);
        if (!copy_name(ld, key, key->text, end, false, g->name))
            return false;
        char what[BP_NAME_MAX + 16];
        snprintf(what, sizeof what, "given '%s'", g->name);
        if (!lr_read_number(ld, key->value, what, &g->value))
            return false;
        g->pos = key->pos;
        (*n_out)++;
        xr->n_givens++;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Formulas: OP(ARGS)                                                  */
/* ------------------------------------------------------------------ */

/* A formula cut into the op's name and the text between the
 * parentheses; `at` is where its errors point. */
typedef struct {
    const yr_node *at;
    char op_name[48]; /* cut short if it is longer: it is unknown then */
    bp_op op;
    const char *args, *args_end;
} formula;

static bool split_formula(lr_loader *ld, const yr_node *value, formula *f)
{
    const char *text = value->text;
    const char *s = lr_skip_spaces(text, text + strlen(text));
    const char *end = lr_trim_end(s, text + strlen(text));
    const char *op_end = s;
    while (op_end < end && is_name_char(*op_end))
        op_end++;
    const char *open = lr_skip_spaces(op_end, end);
    if (!is_name(s, op_end) || open == end || *open != '(' || end[-1] != ')')
        return lr_fail(ld, value, "'%s' is not of the form OP(ARGS)", text);
    f->at = value;
    f->args = open + 1;
    f->args_end = end - 1;
    for (const char *p = f->args; p < f->args_end; p++)
        if (*p == '(' || *p == ')')
            return lr_fail(ld, value,
                           "'%s': an argument is a name, not a formula "
                           "(find it on a line of its own first)",
                           text);
    size_t n = (size_t)(op_end - s);
    if (n >= sizeof f->op_name)
        n = sizeof f->op_name - 1;
    memcpy(f->op_name, s, n);
    f->op_name[n] = '\0';
    return true;
}

static bool find_op(lr_loader *ld, formula *f)
{
    for (int i = 0; i < BP_OP_COUNT; i++) {
        if (strcmp(f->op_name, op_names[i]) == 0) {
            f->op = (bp_op)i;
            return true;
        }
    }
    const char *guess = bp_closest_name(f->op_name, op_names, BP_OP_COUNT);
    if (guess)
        return lr_fail(ld, f->at, "unknown operation '%s' (did you mean '%s'?)",
                       f->op_name, guess);
    char list[256];
    bp_join_names(list, sizeof list, op_names, BP_OP_COUNT);
    return lr_fail(ld, f->at, "unknown operation '%s' (expected one of: %s)",
                   f->op_name, list);
}

/* The number of arguments: 0 for "()", else one more than the commas. */
static int count_args(const formula *f)
{
    if (lr_skip_spaces(f->args, f->args_end) == f->args_end)
        return 0;
    int n = 1;
    for (const char *p = f->args; p < f->args_end; p++)
        n += *p == ',';
    return n;
}

static bool check_arity(lr_loader *ld, const formula *f, int n)
{
    const op_signature *sig = &signatures[f->op];
    if (n > MAX_ARGS)
        return lr_fail(ld, f->at, "'%s' has %d arguments (the limit is %d)",
                       f->op_name, n, MAX_ARGS);
    if (sig->max_args == 0 && n < sig->min_args)
        return lr_fail(ld, f->at,
                       "'%s' takes %d or more arguments (%s), not %d",
                       f->op_name, sig->min_args, sig->params, n);
    if (sig->max_args != 0 && (n < sig->min_args || n > sig->max_args))
        return lr_fail(ld, f->at, "'%s' takes %d argument%s (%s), not %d",
                       f->op_name, sig->min_args, sig->min_args == 1 ? "" : "s",
                       sig->params, n);
    return true;
}

/* Argument i (0-based), [s, end), is not of the form its op wants. */
static bool fail_form(lr_loader *ld, const formula *f, int i, const char *s,
                      const char *end)
{
    const op_signature *sig = &signatures[f->op];
    int n = (int)(end - s);
    if (sig->first == sig->rest && sig->first == FORM_NAME)
        return lr_fail(ld, f->at,
                       "'%s' arguments are plain names (%s), not '%.*s'",
                       f->op_name, sig->params, n, s);
    if (sig->first == sig->rest)
        return lr_fail(ld, f->at, "'%s' arguments are %s, not '%.*s'",
                       f->op_name, form_text(sig->first), n, s);
    if (i == 0)
        return lr_fail(ld, f->at, "'%s' argument 1 is %s, not '%.*s'",
                       f->op_name, form_text(sig->first), n, s);
    return lr_fail(ld, f->at,
                   "'%s' arguments after the first are %s, not '%.*s'",
                   f->op_name, form_text(sig->rest), n, s);
}

/* An argument as written: [s, end), trimmed; a name, or two joined by a
 * sign (a name ends at a_end, the second starts at b). */
typedef struct {
    const char *s, *end;
    const char *a_end, *b;
    char join; /* '*', '-' or '\0' */
} arg_text;

/* Cut argument i, [s, end), at its sign; NAME, NAME*NAME or NAME-NAME,
 * spaces allowed around the sign. */
static bool split_arg(lr_loader *ld, const formula *f, int i, const char *s,
                      const char *end, arg_text *t)
{
    t->s = s = lr_skip_spaces(s, end);
    t->end = end = lr_trim_end(s, end);
    int n = (int)(end - s);
    if (n == 0)
        return lr_fail(ld, f->at, "argument %d of '%s' is empty", i + 1,
                       f->op_name);
    if (is_number(s, end)) /* before its '-' is taken for t-o */
        return fail_number(ld, f->at, s, end);
    if (memchr(s, '+', (size_t)n))
        return lr_fail(ld, f->at,
                       "argument '%.*s' of '%s' is a sum: write its terms as "
                       "arguments of their own",
                       n, s, f->op_name);
    const char *sign = s;
    while (sign < end && *sign != '*' && *sign != '-')
        sign++;
    t->join = sign < end ? *sign : '\0';
    t->a_end = lr_trim_end(s, sign);
    t->b = t->join ? lr_skip_spaces(sign + 1, end) : end;
    bool ok = t->a_end > s && (!t->join || t->b < end);
    for (const char *p = t->b; p < end; p++)
        ok = ok && *p != '*' && *p != '-';
    if (!ok)
        return lr_fail(ld, f->at,
                       "argument '%.*s' of '%s' is not NAME, NAME*NAME or "
                       "NAME-NAME",
                       n, s, f->op_name);
    return true;
}

/* Argument i, [s, end), in the form its op wants there. */
static bool read_arg(lr_loader *ld, const formula *f, int i, const char *s,
                     const char *end, bp_arg *arg)
{
    arg_text t = {0};
    if (!split_arg(ld, f, i, s, end, &t) ||
        !copy_name(ld, f->at, t.s, t.a_end, true, arg->a) ||
        (t.join && !copy_name(ld, f->at, t.b, t.end, true, arg->b)))
        return false;
    arg->join = t.join;
    const op_signature *sig = &signatures[f->op];
    if (!form_allows(i == 0 ? sig->first : sig->rest, arg->join))
        return fail_form(ld, f, i, t.s, t.end);
    return true;
}

static bool read_args(lr_loader *ld, const formula *f, bp_find *find)
{
    int n = count_args(f);
    if (!check_arity(ld, f, n))
        return false;
    find->args = calloc((size_t)n, sizeof *find->args);
    if (!find->args)
        return lr_fail_nomem(ld);
    const char *s = f->args;
    for (int i = 0; i < n; i++) {
        const char *comma = memchr(s, ',', (size_t)(f->args_end - s));
        const char *end = comma ? comma : f->args_end;
        if (!read_arg(ld, f, i, s, end, &find->args[i]))
            return false;
        find->n_args++;
        s = end + 1;
    }
    return true;
}

/* NAME: OP(ARGS) */
static bool read_find(lr_loader *ld, const yr_node *key, bp_find *find)
{
    qname q;
    if (!read_qname(ld, key, &q))
        return false;
    qname_text(&q, find->name, sizeof find->name);
    find->pos = key->pos;
    const yr_node *value = key->value;
    if (value->kind != YR_SCALAR || yr_is_null(value))
        return lr_fail(ld, value,
                       "'%s' must be found by a formula OP(ARGS), not %s",
                       find->name, lr_describe(value));
    formula f;
    if (!split_formula(ld, value, &f) || !find_op(ld, &f))
        return false;
    find->op = f.op;
    return read_args(ld, &f, find) && check_qname_formula(ld, key, &q, find);
}

/* ------------------------------------------------------------------ */
/* Steps                                                               */
/* ------------------------------------------------------------------ */

static bool read_finds(lr_loader *ld, const yr_node *map, bp_step *step)
{
    if (map->kind != YR_MAPPING)
        return lr_fail(ld, map,
                       "'find' must be a mapping of NAME: OP(ARGS), not %s",
                       lr_describe(map));
    if (map->count == 0)
        return lr_fail(ld, map, "'find' needs at least one NAME: OP(ARGS)");
    if (map->count > MAX_FINDS)
        return lr_fail(ld, nth(map, MAX_FINDS),
                       "too many quantities to find in one step (the limit "
                       "is %d)",
                       MAX_FINDS);
    step->finds = calloc(map->count, sizeof *step->finds);
    if (!step->finds)
        return lr_fail_nomem(ld);
    for (const yr_node *key = map->first; key; key = key->next) {
        /* Counted first: its arguments are freed with it on failure. */
        bp_find *find = &step->finds[step->n_finds++];
        if (!read_find(ld, key, find))
            return false;
    }
    return true;
}

static bool read_step(exercise_reader *xr, const yr_node *node, int index,
                      bp_step *step)
{
    static const lr_key keys[] = {
        {"title", true}, {"given", false}, {"find", true},
        {"note", false}, {NULL, false},
    };
    lr_loader *ld = xr->ld;
    char what[32];
    snprintf(what, sizeof what, "step %d", index + 1);
    if (!lr_check_mapping(ld, node, what, keys) ||
        !lr_read_text_alloc(ld, yr_map_get(node, "title"), "'title'",
                            &step->title))
        return false;
    const yr_node *v;
    if ((v = yr_map_get(node, "given")) &&
        !read_givens(xr, v, &step->given, &step->n_given))
        return false;
    if (!read_finds(ld, yr_map_get(node, "find"), step))
        return false;
    return !(v = yr_map_get(node, "note")) ||
           lr_read_text_alloc(ld, v, "'note'", &step->note);
}

static bool read_steps(exercise_reader *xr, const yr_node *seq)
{
    lr_loader *ld = xr->ld;
    bp_exercise *ex = xr->ex;
    if (seq->kind != YR_SEQUENCE)
        return lr_fail(ld, seq, "'steps' must be a sequence, not %s",
                       lr_describe(seq));
    if (seq->count == 0)
        return lr_fail(ld, seq, "'steps' needs at least one step");
    if (seq->count > MAX_STEPS)
        return lr_fail(ld, nth(seq, MAX_STEPS),
                       "too many steps (the limit is %d)", MAX_STEPS);
    ex->steps = calloc(seq->count, sizeof *ex->steps);
    if (!ex->steps)
        return lr_fail_nomem(ld);
    for (const yr_node *item = seq->first; item; item = item->next) {
        bp_step *step = &ex->steps[ex->n_steps++];
        if (!read_step(xr, item, ex->n_steps - 1, step))
            return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* Cases                                                               */
/* ------------------------------------------------------------------ */

/* Letters, digits, '.', '-', '+': a label goes into names as "(0.01)". */
static bool read_case_label(lr_loader *ld, const yr_node *node, char *buf)
{
    if (!lr_read_text(ld, node, "a case label", buf, BP_LABEL_MAX))
        return false;
    for (const char *p = buf; *p; p++)
        if (!lr_is_letter(*p) && !lr_is_digit(*p) && !strchr(".-+", *p))
            return lr_fail(ld, node,
                           "case label '%s' must be letters, digits, '.', "
                           "'-' or '+'",
                           buf);
    return true;
}

/* Case `index` (the item `node` of seq) must not repeat an earlier case's
 * label. */
static bool check_case_unique(exercise_reader *xr, const yr_node *seq,
                              const yr_node *node, int index)
{
    const bp_case *cases = xr->ex->cases;
    const yr_node *item = seq->first;
    for (int i = 0; i < index; i++, item = item->next) {
        if (strcmp(cases[i].label, cases[index].label) != 0)
            continue;
        bp_pos first = yr_map_get(item, "label")->pos;
        return lr_fail(xr->ld, yr_map_get(node, "label"),
                       "duplicate case label '%s' (first at line %d, "
                       "column %d)",
                       cases[index].label, first.line, first.column);
    }
    return true;
}

static bool read_case(exercise_reader *xr, const yr_node *node, int index,
                      bp_case *c)
{
    static const lr_key keys[] = {
        {"label", true}, {"title", false}, {"given", false},
        {"note", false}, {NULL, false},
    };
    lr_loader *ld = xr->ld;
    char what[32];
    snprintf(what, sizeof what, "case %d", index + 1);
    if (!lr_check_mapping(ld, node, what, keys) ||
        !read_case_label(ld, yr_map_get(node, "label"), c->label))
        return false;
    const yr_node *v;
    if ((v = yr_map_get(node, "title")) &&
        !lr_read_text_alloc(ld, v, "'title'", &c->title))
        return false;
    if ((v = yr_map_get(node, "given")) &&
        !read_givens(xr, v, &c->given, &c->n_given))
        return false;
    return !(v = yr_map_get(node, "note")) ||
           lr_read_text_alloc(ld, v, "'note'", &c->note);
}

static bool read_cases(exercise_reader *xr, const yr_node *seq)
{
    lr_loader *ld = xr->ld;
    bp_exercise *ex = xr->ex;
    if (seq->kind != YR_SEQUENCE)
        return lr_fail(ld, seq, "'cases' must be a sequence, not %s",
                       lr_describe(seq));
    if (seq->count == 0)
        return lr_fail(ld, seq, "'cases' needs at least one case");
    if (seq->count > MAX_CASES)
        return lr_fail(ld, nth(seq, MAX_CASES),
                       "too many cases (the limit is %d)", MAX_CASES);
    ex->cases = calloc(seq->count, sizeof *ex->cases);
    if (!ex->cases)
        return lr_fail_nomem(ld);
    for (const yr_node *item = seq->first; item; item = item->next) {
        int index = ex->n_cases++;
        if (!read_case(xr, item, index, &ex->cases[index]) ||
            !check_case_unique(xr, seq, item, index))
            return false;
    }
    return true;
}

/* ------------------------------------------------------------------ */
/* The table of the cases                                              */
/* ------------------------------------------------------------------ */

static bool read_table(exercise_reader *xr, const yr_node *seq)
{
    lr_loader *ld = xr->ld;
    bp_exercise *ex = xr->ex;
    if (seq->kind != YR_SEQUENCE)
        return lr_fail(ld, seq, "'table' must be a sequence of names, not %s",
                       lr_describe(seq));
    if (seq->count == 0)
        return lr_fail(ld, seq, "'table' needs at least one column");
    if (seq->count > MAX_COLUMNS)
        return lr_fail(ld, nth(seq, MAX_COLUMNS),
                       "too many columns in 'table' (the limit is %d)",
                       MAX_COLUMNS);
    ex->table = calloc(seq->count, sizeof *ex->table);
    if (!ex->table)
        return lr_fail_nomem(ld);
    for (const yr_node *item = seq->first; item; item = item->next) {
        char *column = ex->table[ex->n_table];
        qname q;
        if (item->kind != YR_SCALAR || yr_is_null(item))
            return lr_fail(ld, item,
                           "a column of 'table' must be a name, "
                           "not %s",
                           lr_describe(item));
        if (!read_qname(ld, item, &q))
            return false;
        qname_text(&q, column, BP_NAME_MAX);
        for (int i = 0; i < ex->n_table; i++)
            if (strcmp(ex->table[i], column) == 0)
                return lr_fail(ld, item, "'table' has the column '%s' twice",
                               column);
        ex->n_table++;
    }
    return true;
}

/* 'table' needs 'cases' (its rows), 'table_note' needs 'table'. */
static bool check_table_keys(lr_loader *ld, const yr_node *node)
{
    const yr_node *key;
    if ((key = lr_map_key(node, "table")) && !yr_map_get(node, "cases"))
        return lr_fail(ld, key,
                       "'table' has a row per case, but there are no "
                       "'cases'");
    if ((key = lr_map_key(node, "table_note")) && !yr_map_get(node, "table"))
        return lr_fail(ld, key,
                       "'table_note' heads a column of 'table', but there is "
                       "no 'table'");
    return true;
}

/* ------------------------------------------------------------------ */
/* The exercise                                                        */
/* ------------------------------------------------------------------ */

static bool read_exercise(exercise_reader *xr, const yr_node *node)
{
    lr_loader *ld = xr->ld;
    bp_exercise *ex = xr->ex;
    const yr_node *v;
    if ((v = yr_map_get(node, "given")) &&
        !read_givens(xr, v, &ex->given, &ex->n_given))
        return false;
    if (!read_steps(xr, yr_map_get(node, "steps")))
        return false;
    if ((v = yr_map_get(node, "cases")) && !read_cases(xr, v))
        return false;
    if ((v = yr_map_get(node, "table")) && !read_table(xr, v))
        return false;
    if ((v = yr_map_get(node, "table_note")) &&
        !lr_read_text_alloc(ld, v, "'table_note'", &ex->table_note_heading))
        return false;
    return !(v = yr_map_get(node, "interpretation")) ||
           lr_read_text_alloc(ld, v, "'interpretation'", &ex->interpretation);
}

bool lr_read_exercise(lr_loader *ld, const yr_node *node)
{
    static const lr_key keys[] = {
        {"given", false}, {"steps", true},       {"cases", false},
        {"table", false}, {"table_note", false}, {"interpretation", false},
        {NULL, false},
    };
    if (!lr_check_mapping(ld, node, "'exercise'", keys) ||
        !check_table_keys(ld, node))
        return false;
    ld->lesson->exercise = calloc(1, sizeof *ld->lesson->exercise);
    if (!ld->lesson->exercise)
        return lr_fail_nomem(ld);
    exercise_reader xr = {.ld = ld, .ex = ld->lesson->exercise};
    return read_exercise(&xr, node);
}

void lr_exercise_free(bp_exercise *ex)
{
    if (!ex)
        return;
    free(ex->given);
    for (int i = 0; i < ex->n_steps; i++) {
        bp_step *step = &ex->steps[i];
        free(step->title);
        free(step->note);
        free(step->given);
        for (int j = 0; j < step->n_finds; j++)
            free(step->finds[j].args);
        free(step->finds);
    }
    free(ex->steps);
    for (int i = 0; i < ex->n_cases; i++) {
        free(ex->cases[i].title);
        free(ex->cases[i].note);
        free(ex->cases[i].given);
    }
    free(ex->cases);
    free(ex->table);
    free(ex->table_note_heading);
    free(ex->interpretation);
    free(ex);
}
