/* render_json.c: every quantity of the trace as JSON.
 *
 * The schema is documented in doc/json.md.  Numbers are written so that they
 * read back to the same double (%.17g); a value that is not finite is null.
 */
#include "bptrace/render.h"
#include "write/formula.h"
#include "util/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void json_precision(FILE *out, bp_precision p)
{
    switch (p.mode) {
    case BP_ROUND_DECIMALS: fprintf(out, "{\"decimals\": %d}", p.digits); break;
    case BP_ROUND_SIGNIFICANT:
        fprintf(out, "{\"significant\": %d}", p.digits);
        break;
    case BP_ROUND_NONE: fputs("null", out); break;
    }
}

static void json_key(FILE *out, const char *indent, const char *key)
{
    fprintf(out, "%s", indent);
    bp_json_string(out, key);
    fputs(": ", out);
}

/* kinds: the gradient view's kind only where the trace has it */
static void json_profile(FILE *out, const bp_precision *profile, int kinds)
{
    fputs("{", out);
    for (int k = 0; k < kinds; k++) {
        fputs(k ? ", " : "", out);
        bp_json_string(out, bp_round_kind_name(k));
        fputs(": ", out);
        json_precision(out, profile[k]);
    }
    fputs("}", out);
}

static void json_lesson(FILE *out, const bp_lesson *l, int kinds)
{
    fputs("  \"lesson\": {\n", out);
    json_key(out, "    ", "file");
    bp_json_string(out, l->file ? l->file : "");
    fputs(",\n", out);
    json_key(out, "    ", "title");
    bp_json_string(out, l->title);
    fputs(",\n", out);
    json_key(out, "    ", "source");
    bp_json_string(out, l->source);
    fputs(",\n", out);
    json_key(out, "    ", "learning_rate");
    bp_json_number(out, l->exercise ? NAN : l->eta); /* an exercise: a given */
    fputs(",\n", out);
    if (l->loss != BP_LOSS_SQUARED) { /* squared is the default: not said */
        json_key(out, "    ", "loss");
        bp_json_string(out, bp_loss_name(l->loss));
        fputs(",\n", out);
    }
    json_key(out, "    ", "layers");
    fputs("[", out);
    for (int i = 0; i < l->n_layers; i++) {
        fputs(i ? ", " : "", out);
        fputs("{\"units\": [", out);
        for (int u = l->layers[i].first;
             u < l->layers[i].first + l->layers[i].count; u++) {
            fputs(u > l->layers[i].first ? ", " : "", out);
            bp_json_string(out, l->units[u].label);
        }
        fputs("], \"activation\": ", out);
        if (i == 0)
            fputs("null", out);
        else
            bp_json_string(out, bp_activation_name(l->layers[i].activation));
        fputs("}", out);
    }
    fputs("],\n", out);
    json_key(out, "    ", "rounding");
    if (l->has_rounding)
        json_profile(out, l->rounding, kinds);
    else
        fputs("null", out);
    fputs(",\n", out);
    json_key(out, "    ", "verify_rounding");
    if (l->has_rounding)
        json_profile(out, l->verify_rounding, kinds);
    else
        fputs("null", out);
    fputs(",\n", out);
    json_key(out, "    ", "errata");
    fputs("[", out);
    for (int i = 0; i < l->n_errata; i++) {
        const bp_erratum *e = &l->errata[i];
        fputs(i ? ",\n      " : "\n      ", out);
        fputs("{\"quantity\": ", out);
        bp_json_string(out, e->name);
        fputs(", \"printed\": ", out);
        bp_json_string(out, e->printed);
        fputs(", \"correct\": ", out);
        bp_json_string(out, e->correct);
        fputs(", \"why\": ", out);
        bp_json_string(out, e->why);
        fputs("}", out);
    }
    fputs(l->n_errata ? "\n    ]\n" : "]\n", out);
    fputs("  },\n", out);
}

/* A formula of 64 long-named terms fits in FORMULA_MAX. */
#define FORMULA_MAX (1 << 16)

static void json_quantity(FILE *out, const bp_trace *t, const bp_quantity *q,
                          const bp_render_options *opt, char *buf)
{
    const bp_style *st = bp_style_get(true);
    char num[64];
    bp_str s;
    bp_numfmt nf = {opt->mode, opt->digits};

    fputs("    {\"name\": ", out);
    bp_json_string(out, q->name);
    fputs(", \"kind\": ", out);
    bp_json_string(out, bp_qkind_name(q->kind));
    fputs(", \"phase\": ", out);
    bp_json_string(out, bp_phase_name(q->phase));
    fputs(", \"unit\": ", out);
    if (q->unit >= 0)
        bp_json_string(out, t->lesson->units[q->unit].label);
    else
        fputs("null", out);
    /* "net_4 = x_1*w_14 + ...": its symbol, then its formula; a given is
     * its symbol, a term without a symbol (t - o, x_1*w_14) its formula */
    fputs(",\n     \"formula\": \"", out);
    if (q->sym.has) {
        bp_str_init(&s, buf, FORMULA_MAX);
        bp_symbol_write(st, &q->sym, &s);
        bp_json_chars(out, buf);
    }
    if (!bp_qkind_is_given(q->kind)) {
        bp_str_init(&s, buf, FORMULA_MAX);
        bp_formula_symbolic(st, t, q, &s);
        if (q->sym.has)
            bp_json_chars(out, " = ");
        bp_json_chars(out, buf);
    }
    fputc('"', out);
    fputs(",\n     \"inputs\": [", out);
    for (int i = 0; i < q->n_in; i++) {
        fputs(i ? ", " : "", out);
        bp_json_string(out, bp_trace_input(t, q, i)->name);
    }
    fputs("],\n     \"exact\": ", out);
    bp_json_number(out, q->exact);
    fputs(", \"hand\": ", out);
    bp_json_number(out, q->hand);
    fputs(", \"precision\": ", out);
    json_precision(out, opt->mode == BP_MODE_EXACT
                            ? (bp_precision){BP_ROUND_NONE, 0}
                            : q->precision);
    fputs(", \"text\": ", out);
    bp_json_string(out, bp_formula_value(&nf, q, num, sizeof num));
    if (q->step >= 0 || q->case_index >= 0) { /* an exercise's */
        fputs(", \"step\": ", out);
        if (q->step >= 0)
            fprintf(out, "%d", q->step + 1);
        else
            fputs("null", out);
        fputs(", \"case\": ", out);
        if (q->case_index >= 0)
            bp_json_string(out, t->lesson->exercise->cases[q->case_index].label);
        else
            fputs("null", out);
    }
    /* a sequential trace's number the mistake changed: the correct one */
    const bp_quantity *right =
        t->correct ? bp_trace_find(t->correct, q->name) : NULL;
    if (right && (right->exact != q->exact || right->hand != q->hand)) {
        fputs(",\n     \"correct\": {\"exact\": ", out);
        bp_json_number(out, right->exact);
        fputs(", \"hand\": ", out);
        bp_json_number(out, right->hand);
        fputs(", \"text\": ", out);
        bp_json_string(out, bp_formula_value(&nf, right, num, sizeof num));
        fputc('}', out);
    }
    if (q->kind == BP_Q_NEW_PARAM) {
        fputs(", \"fixed\": ", out);
        fputs(q->fixed ? "true" : "false", out);
    }
    fputs("}", out);
}

bp_status bp_render_json(const bp_trace *t, const bp_render_options *opt,
                   FILE *out)
{
    fputs("{\n  \"bptrace\": \"" BP_VERSION "\",\n", out);
    fputs("  \"mode\": ", out);
    bp_json_string(out, opt->mode == BP_MODE_EXACT ? "exact" : "hand");
    fputs(",\n", out);
    if (opt->mode == BP_MODE_EXACT)
        fprintf(out, "  \"digits\": %d,\n", opt->digits);
    if (t->sequential)
        fputs("  \"sequential\": true,\n", out);
    json_lesson(out, t->lesson,
                t->gradients ? BP_RK_COUNT : BP_RK_GRADIENT);
    fputs("  \"quantities\": [\n", out);
    char *buf = malloc(FORMULA_MAX);
    if (!buf)
        return BP_ERR_NOMEM;
    for (int i = 0; i < t->n; i++) {
        json_quantity(out, t, &t->q[i], opt, buf);
        fputs(i + 1 < t->n ? ",\n" : "\n", out);
    }
    free(buf);
    fputs("  ]\n}\n", out);
    return ferror(out) ? BP_ERR_IO : BP_OK;
}
