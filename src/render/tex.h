/* tex.h: what the LaTeX and Markdown renderers share: prose escaped for
 * each, derivations as aligned TeX math, and their handlers of the walk's
 * events (render_latex.c, render_markdown.c). */
#ifndef BP_TEX_H
#define BP_TEX_H

#include "render/text.h"

/* A blank in TeX math: a line to write the number on. */
#define TEX_BLANK "\\underline{\\hspace{3em}}"

/* Lesson text as LaTeX prose: & % $ # _ { } ~ ^ \ escaped, newlines and
 * other control characters as spaces. */
void tex_escape(FILE *out, const char *s);
/* Lesson text as Markdown prose: the characters that would start
 * emphasis, code, links, HTML or math escaped with a backslash. */
void md_escape(FILE *out, const char *s);

/* The rows of an aligned derivation: "lhs &= step \\ &= step ...", or
 * compact on one row; the steps that repeat the one before left out. */
void tex_chain(FILE *out, const bp_chain *ch, bool compact);

/* "x_{1} = 1" for a given, in TeX math (no $). */
void tex_given(bp_text *c, const bp_quantity *q, FILE *out);

/* The handlers of bp_walk's events, with a tex context. */
typedef struct {
    bp_text c;            /* the trace, numbers, blanks; st is TeX's */
    bool fragment;        /* LaTeX: the body only */
} bp_tex;

int latex_on_event(const bp_walk_event *e, void *ctx);
int markdown_on_event(const bp_walk_event *e, void *ctx);
/* What follows the last event: \end{document} unless a fragment. */
void latex_end(bp_tex *x);

#endif
