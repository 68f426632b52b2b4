/* markdown.c: the trace as GitHub-flavoured Markdown: the markup layer
 * (markup.c) with Markdown's strings, $...$ math inline and $$...$$
 * aligned derivations, the network as a Mermaid flowchart, tables as
 * pipe tables. */
#include "bptrace/render.h"
#include "render/markup.h"

#include <assert.h>
#include <string.h>

/* Lesson text as Markdown prose: the characters that would start
 * emphasis, code, links, HTML or math escaped with a backslash. */
static void md_escape(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (strchr("\\`*_[]<>|$~#", *p) && *p)
            fputc('\\', out);
        fputc(*p < 0x20 || *p == 0x7F ? ' ' : *p, out);
    }
}

/* The network as a Mermaid flowchart, a subgraph per layer. */
static void figure(bp_tex *x)
{
    const bp_lesson *l = x->c.l;
    FILE *out = x->c.out;
    char num[TEXT_NUM], name[32], sym[TEXT_CELL];
    fputs("\n```mermaid\nflowchart LR\n", out);
    for (int i = 0; i < l->n_layers; i++) {
        const bp_layer *ly = &l->layers[i];
        fprintf(out, "  subgraph L%d [\"%s%s%s%s\"]\n", i,
                bp_walk_layer_name(l, i, name, sizeof name),
                i ? " (" : "", i ? bp_activation_name(ly->activation) : "",
                i ? ")" : "");
        for (int u = ly->first; u < ly->first + ly->count; u++) {
            const bp_unit *un = &l->units[u];
            fprintf(out, "    u%d((\"%s", u, un->label);
            if (i == 0) {
                bp_name_output(l, u, sym, sizeof sym);
                fprintf(out, "<br/>%s = %s", sym,
                        bp_format(num, sizeof num, un->input,
                                  (bp_precision){BP_ROUND_NONE, 0}));
            } else if (un->has_bias) {
                bp_name_bias(l, u, sym, sizeof sym);
                fprintf(out, "<br/>%s = %s", sym,
                        bp_format(num, sizeof num, un->bias,
                                  (bp_precision){BP_ROUND_NONE, 0}));
            }
            if (i == l->n_layers - 1) {
                bp_name_target(l, u, sym, sizeof sym);
                fprintf(out, "<br/>%s = %s", sym,
                        bp_format(num, sizeof num, un->target,
                                  (bp_precision){BP_ROUND_NONE, 0}));
            }
            fputs("\"))\n", out);
        }
        fputs("  end\n", out);
    }
    for (int i = 0; i < l->n_weights; i++) {
        const bp_weight *w = &l->weights[i];
        fprintf(out, "  u%d -- \"%s\" --> u%d\n", w->from,
                bp_format(num, sizeof num, w->value,
                          (bp_precision){BP_ROUND_NONE, 0}),
                w->to);
    }
    fputs("```\n", out);
}

const bp_markup bp_markup_markdown = {
    .escape = md_escape,
    .figure = figure,
    .bar = "\\vert{}", /* a | would end the cell */
    .preamble = "",
    .postamble = "",
    .title_open = "# ",
    .source_open = "\n\nSource: ",
    .source_close = "\n\n",
    .description_open = "",
    .description_close = "\n\n",
    .numbers_open = "",
    .numbers_close = "\n",
    .warning = "\n> **Warning:** this trace makes the sequential-update "
               "mistake on purpose. Each layer's weights are updated before "
               "the error terms of the layer below are computed, so those "
               "use the new weights. The lecture computes every delta before "
               "any weight changes: each number this changes is set "
               "beside the correct one at the end.\n",
    .heading_open = {"\n## ", "\n### "},
    .heading_close = "\n",
    .given_heading_after = "\n",
    .givens_open = "- ",
    .scoped_givens_open = "\n- ",
    .givens_close = "\n",
    .note_open = "  ",
    .note_close = "\n",
    .para_open = "\n",
    .para_close = "\n",
    .lead_open = "\n**",
    .lead_close = ":**",
    .math_open = "\n$$\n\\begin{aligned}\n",
    .math_close = "\\end{aligned}\n$$\n",
    .interpretation_open = "\n*Interpretation:* ",
    .erratum_open = "\n> Erratum: the lecture prints ",
    .erratum_close = " here; see *Errata in the lecture* below.\n",
    .table_open = "\n",
    .col = {"", "", ""},
    .table_open_close = "",
    .row_open = "|",
    .cell_first = " ",
    .cell_sep = " ",
    .cell_close = " |",
    .row_close = "\n",
    .rule_open = "|",
    .rule = {":--|", "--:|", ":--|"},
    .rule_close = "\n",
    .table_close = "",
    .list_open = "\n",
    .item_open = "- ",
    .list_close = "",
};

bp_status bp_render_markdown(const bp_trace *t, const bp_render_options *opt,
                             FILE *out)
{
    return markup_render(t, opt, &bp_markup_markdown, true, out);
}
