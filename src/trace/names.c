/* names.c: the stable names and the symbols of units and parameters. */
#include "trace/trace_internal.h"
#include "trace/names.h"
#include "util/strings.h"

#include <string.h>

/* The two subscripts of a weight, ordered as the notation writes them. */
static void weight_subscripts(const bp_lesson *l, int weight,
                              const char **first, const char **second)
{
    const bp_weight *w = &l->weights[weight];
    const char *from = l->units[w->from].index;
    const char *to = l->units[w->to].index;
    *first = l->order == BP_ORDER_FROM_TO ? from : to;
    *second = l->order == BP_ORDER_FROM_TO ? to : from;
}

/* "46" when both are one character, "10,4" when either is longer. */
static void join_subscripts(const char *a, const char *b, char *buf,
                            size_t size)
{
    bool short_ones = strlen(a) == 1 && strlen(b) == 1;
    bp_concat(buf, size, a, short_ones ? "" : ",", b);
}

const char *bp_unit_target_subscript(const bp_unit *u)
{
    return u->symbol_index[0] ? u->symbol_index : u->index;
}

void bp_symbol_output(const bp_lesson *l, int unit, bp_symbol *sym)
{
    const bp_unit *u = &l->units[unit];
    bp_symbol_set(sym, u->symbol, u->symbol_index);
}

void bp_symbol_target(const bp_lesson *l, int unit, bp_symbol *sym)
{
    bp_symbol_set(sym, "t", bp_unit_target_subscript(&l->units[unit]));
}

void bp_symbol_weight(const bp_lesson *l, int weight, bp_symbol *sym)
{
    const char *a, *b;
    weight_subscripts(l, weight, &a, &b);
    bp_symbol_set(sym, l->weight_symbol, a);
    sym->sub2 = b;
}

const char *bp_symbol_sub(const bp_symbol *sym, char *buf, size_t size)
{
    if (!sym->sub2)
        return sym->sub;
    join_subscripts(sym->sub, sym->sub2, buf, size);
    return buf;
}

void bp_symbol_bias(const bp_lesson *l, int unit, bp_symbol *sym)
{
    bp_symbol_set(sym, l->bias_symbol, l->units[unit].index);
}

/* A name is its symbol in ASCII: o_4, t_6; weights and biases run their
 * subscripts on (w46, b4) as the lecture names them. */
static void name_of(const bp_symbol *sym, bool run_on, char *buf, size_t size)
{
    char joined[BP_SYMBOL_SUB_MAX];
    const char *sub = bp_symbol_sub(sym, joined, sizeof joined);
    if (!sub[0])
        bp_concat(buf, size, sym->base, "", "");
    else
        bp_concat(buf, size, sym->base, run_on ? "" : "_", sub);
}

void bp_name_output(const bp_lesson *l, int unit, char *buf, size_t size)
{
    bp_symbol sym;
    bp_symbol_output(l, unit, &sym);
    name_of(&sym, false, buf, size);
}

void bp_name_target(const bp_lesson *l, int unit, char *buf, size_t size)
{
    bp_symbol sym;
    bp_symbol_target(l, unit, &sym);
    name_of(&sym, false, buf, size);
}

void bp_name_weight(const bp_lesson *l, int weight, char *buf, size_t size)
{
    bp_symbol sym;
    bp_symbol_weight(l, weight, &sym);
    name_of(&sym, true, buf, size);
}

void bp_name_bias(const bp_lesson *l, int unit, char *buf, size_t size)
{
    bp_symbol sym;
    bp_symbol_bias(l, unit, &sym);
    name_of(&sym, true, buf, size);
}


static bp_greek greek_word(const char *word, size_t len)
{
    static const struct {
        const char *word;
        bp_greek greek;
    } words[] = {{"delta", BP_GREEK_DELTA},
                 {"eta", BP_GREEK_ETA},
                 {"sigma", BP_GREEK_SIGMA}};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].word) == len &&
            strncmp(word, words[i].word, len) == 0)
            return words[i].greek;
    return BP_GREEK_NONE;
}

/* Exercise names are all an exercise has to say how a value is written:
 * "Delta_w_ji" is Δw_ji, "w_ji_new" is w_ji(new), "delta_k" is δ_k, and a
 * name of another shape ("sigma'") is written as it is. */
void bp_symbol_parse(const char *name, bp_symbol *sym, char *buf,
                     size_t size)
{
    bp_symbol_set(sym, "", "");
    const char *s = name;
    if (strncmp(s, "Delta_", 6) == 0 && s[6]) {
        sym->delta_prefix = true;
        s += 6;
    }
    size_t len = strlen(s);
    if (len > 4 && strcmp(s + len - 4, "_new") == 0) {
        sym->new_value = true;
        len -= 4;
    }
    const char *underscore = memchr(s, '_', len);
    size_t base_len = underscore ? (size_t)(underscore - s) : len;
    /* a Greek word, then what follows it: sigma' is σ' */
    size_t letters = strspn(s, "abcdefghijklmnopqrstuvwxyz"
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    if (letters > base_len)
        letters = base_len;
    sym->greek = greek_word(s, letters);
    size_t skip = sym->greek ? letters : 0;
    /* buf: the base, then the subscript, each cut to fit its half */
    size_t half = size / 2;
    size_t n = base_len - skip < half ? base_len - skip : half - 1;
    memcpy(buf, s + skip, n);
    buf[n] = '\0';
    sym->base = buf;
    if (underscore) {
        size_t m = len - base_len - 1;
        if (m > size - half - 1)
            m = size - half - 1;
        memcpy(buf + half, underscore + 1, m);
        buf[half + m] = '\0';
        sym->sub = buf + half;
    }
}

void bp_symbol_set(bp_symbol *sym, const char *base, const char *sub)
{
    memset(sym, 0, sizeof *sym);
    sym->has = true;
    sym->base = base;
    sym->sub = sub;
    sym->num_base = sym->num_sub = "";
}
