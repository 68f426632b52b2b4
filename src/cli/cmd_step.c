/* cmd_step.c: `bptrace step`: the derivation one number at a time, a key
 * press each on a terminal, or one command a line from a script. */
#include "cli/app.h"
#include "interact/step.h"
#include "interact/terminal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const bp_cli_command step_command = {
    "step", bp_cli_step_help_text,
    BP_OPT_EXACT | BP_OPT_DIGITS | BP_OPT_ASCII | BP_OPT_PHASE | BP_OPT_UNIT |
        BP_OPT_SEED | BP_OPT_GRADIENTS,
    true, false, NULL};

#define LINE_MAX_LEN 1024

/* Where the commands come from: keys on a terminal, or lines. */
typedef struct {
    bool raw;        /* keys from a terminal in raw mode */
    bool colour;
    FILE *out;
    char line[LINE_MAX_LEN];
} input;

/* One line of input, without its newline; false at the end of input.  A
 * line read from a script is echoed, so that the transcript reads as a
 * session. */
static bool read_line(input *in, char *buf, size_t size)
{
    if (in->raw)
        bp_tty_cooked();
    fflush(in->out);
    bool ok = bp_tty_line(stdin, buf, size);
    if (in->raw)
        bp_tty_reraw();
    if (!ok) {
        fputc('\n', in->out); /* the prompt's line ends */
        return false;
    }
    if (!in->raw)
        fprintf(in->out, "%s\n", buf);
    return true;
}

/* The next command; *arg what g is to jump to ("" to ask). */
static bp_step_command next_command(input *in, const char **arg)
{
    *arg = "";
    if (!in->raw) {
        if (!read_line(in, in->line, sizeof in->line))
            return BP_STEP_QUIT;
        return bp_step_parse(in->line, arg);
    }
    fflush(in->out);
    for (;;) {
        int key = bp_tty_key(STDIN_FILENO);
        switch (key) {
        case -1:
        case 4: /* Ctrl-D */
        case 'q':
        case 'Q': return BP_STEP_QUIT;
        case '\r':
        case '\n':
        case ' ':
        case 'n': return BP_STEP_NEXT;
        case 'b': return BP_STEP_BACK;
        case 'g': return BP_STEP_JUMP;
        case 'h':
        case '?': return BP_STEP_HELP;
        case 27: /* the arrows: ESC [ C and ESC [ D */
            if (bp_tty_key(STDIN_FILENO) != '[')
                continue;
            key = bp_tty_key(STDIN_FILENO);
            if (key == 'C')
                return BP_STEP_NEXT;
            if (key == 'D')
                return BP_STEP_BACK;
            continue;
        default: continue; /* a key that means nothing: wait for another */
        }
    }
}

static void prompt(input *in, const bp_stepper *s)
{
    const char *on = in->colour ? "\033[1m" : "", *off = in->colour ? "\033[0m" : "";
    if (s->pos < 0)
        fprintf(in->out, "\n%s[%d quantities] Enter: start, g: jump, q: quit%s%s",
                on, s->n, off, in->raw ? "" : "> ");
    else
        fprintf(in->out, "\n%s[%d/%d] Enter: next, b: back, g: jump, q: quit%s%s",
                on, s->pos + 1, s->n, off, in->raw ? "" : "> ");
    if (in->raw)
        fputc('\n', in->out);
}

#define SHOW(i)                                                          \
    do {                                                                  \
        bp_status shown = bp_stepper_show(s, c, (i),                      \
                                          BP_STEP_HEADINGS |              \
                                              BP_STEP_WORKING);           \
        if (shown)                                                        \
            return shown;                                                 \
    } while (0)

/* The walk through the items: BP_OK, or BP_ERR_NOMEM. */
static bp_status run(bp_stepper *s, bp_text *c, input *in, int start)
{
    if (start >= 0)
        SHOW(start);
    for (;;) {
        prompt(in, s);
        const char *arg;
        char where[LINE_MAX_LEN];
        switch (next_command(in, &arg)) {
        case BP_STEP_QUIT: return BP_OK;
        case BP_STEP_NEXT:
            if (s->pos + 1 >= s->n) {
                fprintf(in->out, "\nThat was the last one.\n");
                return BP_OK;
            }
            SHOW(s->pos + 1);
            break;
        case BP_STEP_BACK:
            if (s->pos <= 0)
                fprintf(in->out, "(this is the first one)\n");
            else
                SHOW(s->pos - 1);
            break;
        case BP_STEP_JUMP: {
            if (!*arg) {
                fprintf(in->out, "Jump to (%s): ",
                        c->l->exercise ? "a step number or a name"
                                       : "f, e, b, u, v or a name");
                if (!read_line(in, where, sizeof where))
                    return BP_OK;
                arg = where;
            }
            const char *why;
            int i = bp_stepper_find(s, arg, &why);
            if (i < 0)
                fprintf(in->out, "Cannot jump to '%s': %s.\n", arg, why);
            else
                SHOW(i);
            break;
        }
        case BP_STEP_HELP:
        case BP_STEP_UNKNOWN:
            fprintf(in->out, "%s\n", bp_step_keys_help);
            break;
        }
        if (ferror(in->out))
            return BP_ERR_IO;
    }
}

/* --unit LABEL: a unit that computes something; else a usage error that
 * lists those there are. */
static int unit_of(const bp_lesson *l, const char *label, int *unit)
{
    if (l->exercise)
        return bp_cli_usage_error("--unit is for a network; '%s' is an "
                                  "exercise (g jumps to a step)", l->title);
    *unit = bp_stepper_unit(l, label);
    if (*unit >= 0 && l->units[*unit].layer > 0)
        return 0;
    char list[1024] = "";
    size_t len = 0;
    for (int u = l->layers[1].first; u < l->n_units && len < sizeof list; u++)
        len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
                                len ? ", " : "", l->units[u].label);
    return bp_cli_usage_error("%s '%s' (units that compute: %s)",
                              *unit >= 0 ? "there is nothing to show of the "
                                           "input"
                                         : "no unit",
                              label, list);
}

int cmd_step(int argc, char **argv)
{
    bp_cli_args a;
    int rc;
    if (!bp_cli_parse(&step_command, argc, argv, &a, &rc))
        return rc;
    bp_lesson *lesson = app_load_variant(&a, &rc);
    if (!lesson)
        return rc;
    int unit = -1;
    bp_trace *trace = NULL;
    bp_stepper s = {0};
    if (a.unit && (rc = unit_of(lesson, a.unit, &unit)) != 0)
        goto done;
    if (!(trace = app_build_trace(&a, lesson, false, &rc)))
        goto done;
    if (bp_stepper_init(&s, trace, unit) != 0) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        rc = BP_EXIT_NOMEM;
        goto done;
    }
    int start = -1;
    const char *why;
    if (a.phase && (start = bp_stepper_find(&s, a.phase, &why)) < 0) {
        rc = bp_cli_usage_error("cannot start at '%s': %s", a.phase, why);
        goto done;
    }
    bp_render_options opt = {
        .mode = a.exact || !trace->hand_rounding ? BP_MODE_EXACT
                                                 : BP_MODE_HAND,
        .digits = a.digits,
        .ascii = a.ascii,
    };
    input in = {.raw = bp_tty_is_terminal(STDIN_FILENO),
                .colour = bp_tty_colour(stdout),
                .out = stdout};
    if (in.raw && bp_tty_raw(STDIN_FILENO) != 0)
        in.raw = false; /* a terminal that cannot go raw: read lines */
    bp_text c;
    text_init(&c, trace, &opt, stdout);
    bp_status shown = bp_render_show(lesson, a.ascii, stdout);
    if (!shown)
        shown = run(&s, &c, &in, start);
    if (shown == BP_ERR_NOMEM) {
        fprintf(stderr, "%s: out of memory\n", app_progname);
        rc = BP_EXIT_NOMEM;
    }
    bp_tty_restore();
    if (!rc && (fflush(stdout) != 0 || ferror(stdout))) {
        fprintf(stderr, "%s: cannot write the output\n", app_progname);
        rc = BP_EXIT_IO;
    }
done:
    bp_stepper_free(&s);
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    return rc;
}
