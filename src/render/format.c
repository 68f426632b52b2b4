/* format.c: the formats a trace is written in, one row each: the name
 * --format takes, the extension of its files, what it can write, and its
 * renderer.  A new format is a row here (and, for a markup format, a
 * table of strings: markup.h). */
#include "bptrace/render.h"
#include "render/markup.h"

#include <string.h>

static const bp_render_format_info formats[BP_RENDER_FORMAT_COUNT] = {
    [BP_RENDER_TEXT] = {"text", "txt", true, false, false, false,
                        bp_render_text},
    [BP_RENDER_JSON] = {"json", "json", false, false, false, false,
                        bp_render_json},
    [BP_RENDER_LATEX] = {"latex", "tex", true, false, true, false,
                         bp_render_latex},
    [BP_RENDER_MARKDOWN] = {"markdown", "md", true, false, false, false,
                            bp_render_markdown},
    [BP_RENDER_DOT] = {"dot", "dot", false, true, false, true,
                       bp_render_dot},
    [BP_RENDER_HTML] = {"html", "html", true, false, false, false,
                        bp_render_html},
};

/* The markup tables of the formats a worksheet lays out with markup.c;
 * NULL: the text renderer's. */
static const bp_markup *const markups[BP_RENDER_FORMAT_COUNT] = {
    [BP_RENDER_LATEX] = &bp_markup_latex,
    [BP_RENDER_MARKDOWN] = &bp_markup_markdown,
};

const bp_render_format_info *bp_render_format_about(bp_render_format f)
{
    return &formats[f];
}

const bp_markup *markup_of(bp_render_format f)
{
    return markups[f];
}

bp_status bp_render_format_from_name(const char *name, bp_render_format *f)
{
    for (int i = 0; i < BP_RENDER_FORMAT_COUNT; i++)
        if (strcmp(formats[i].name, name) == 0) {
            *f = (bp_render_format)i;
            return BP_OK;
        }
    return BP_ERR_INPUT;
}

bp_status bp_render(const bp_trace *trace, bp_render_format f,
                    const bp_render_options *opt, FILE *out)
{
    if (formats[f].network_only && trace->lesson->exercise)
        return BP_ERR_INPUT;
    return formats[f].render(trace, opt, out);
}
