/* html.h: what the HTML page is made of: the walk's events as HTML with
 * MathML formulas (html.c, html_math.c), and the page's own style, script
 * and WebAssembly module, embedded at build time (src/web/, embed.py). */
#ifndef BP_HTML_H
#define BP_HTML_H

#include "render/markup.h"

/* TeX math of the LaTeX style as MathML (the content of a <math>), from
 * malloc; NULL when out of memory. */
char *html_mathml(const char *tex);
/* The same in a <math> element (display: a block); BP_OK, or
 * BP_ERR_NOMEM. */
bp_status html_math(FILE *out, const char *tex, bool display);
/* Text for HTML: & < > " escaped, control characters as spaces. */
void html_escape(FILE *out, const char *s);

/* The page's CSS and script (src/web/page.css, page.js), and the
 * WebAssembly module's script ("" when the build has none). */
extern const char bp_html_page_css[];
extern const char bp_html_page_js[];
extern const char bp_html_module_js[];

/* The walk's events as HTML, with a bp_html as ctx. */
typedef struct {
    bp_tex x;              /* the trace, numbers, blanks; TeX's style */
    bool quiz_inputs;      /* an answer box after each derivation */
    bool key;              /* a worksheet's answer key: its answers are on
                              it, so there is nothing to quiz on */
} bp_html;

bp_status html_on_event(const bp_walk_event *e, void *ctx);
/* The page around the events: head, style, the bar of modes, then
 * html_page_end: the lesson's data and the scripts. */
void html_page_begin(bp_html *h, const char *source, bool worksheet);
void html_page_end(bp_html *h, const char *source, bool worksheet);

#endif
