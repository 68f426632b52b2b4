/* main.c: the bptrace command.  It parses the command line and wires the
 * lesson loader, the engine and a renderer together; nothing else. */
#include "bptrace.h"
#include "lesson_path.h"
#include "output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Exit codes, documented in --help, the README and bptrace(1). */
enum {
    EXIT_OK = 0,
    EXIT_BAD_INPUT = 1, /* the lesson is invalid */
    EXIT_USAGE = 2,     /* the command line is wrong */
    EXIT_IO = 3,        /* a file could not be read or written */
    EXIT_NOMEM = 4      /* out of memory */
};

static const char *progname = "bptrace";

static const char usage_text[] =
    "Usage: bptrace COMMAND [OPTIONS]\n"
    "\n"
    "Runs one backpropagation iteration on the network a lesson describes\n"
    "and writes out every number a student writes down.\n"
    "\n"
    "Commands:\n"
    "  trace LESSON      the whole derivation: forward pass, error, error\n"
    "                    terms, weight updates, verification, summary\n"
    "  help [COMMAND]    this text, or the help of one command\n"
    "\n"
    "Options:\n"
    "  -h, --help        show help and exit\n"
    "  -V, --version     show the version and exit\n"
    "\n"
    "LESSON is a path to a lesson file, or the name of a shipped lesson\n"
    "(complete-example, chain-rule, two-outputs).\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  the lesson is invalid (the message gives file:line:column)\n"
    "  2  usage error\n"
    "  3  a file could not be read or written\n"
    "  4  out of memory\n";

static const char trace_help_text[] =
    "Usage: bptrace trace LESSON [OPTIONS]\n"
    "\n"
    "Writes one iteration of backpropagation on LESSON: each net input,\n"
    "activation, error, error term, weight change and new weight, with its\n"
    "formula, the numbers substituted, the arithmetic and the result.\n"
    "\n"
    "Options:\n"
    "  --exact           compute in double precision throughout (default when\n"
    "                    the lesson has no rounding profile); otherwise each\n"
    "                    written number is rounded as the lesson says and\n"
    "                    carried forward rounded, as by hand\n"
    "  --digits N        significant digits shown in exact mode (1-17,\n"
    "                    default 4)\n"
    "  --ascii           plain ASCII instead of UTF-8 symbols (text format)\n"
    "  --format FORMAT   text (default) or json\n"
    "  -o, --output FILE write to FILE, whole or not at all, instead of\n"
    "                    standard output\n"
    "  -h, --help        show this help\n";

typedef struct {
    const char *lesson;
    const char *output;
    bool json;
    bool exact;
    int digits;
    bool ascii;
} trace_args;

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt,
                                                             ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", progname);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'bptrace --help' for more information.\n");
    va_end(ap);
    return EXIT_USAGE;
}

static int exit_code_for(bp_status status)
{
    switch (status) {
    case BP_ERR_IO: return EXIT_IO;
    case BP_ERR_NOMEM: return EXIT_NOMEM;
    default: return EXIT_BAD_INPUT;
    }
}

/* file:line:column: message, then the line and a caret under the column. */
static void report(const bp_error *err)
{
    fprintf(stderr, "%s: ", progname);
    if (err->file[0] && err->pos.line > 0)
        fprintf(stderr, "%s:%d:%d: ", err->file, err->pos.line,
                err->pos.column);
    else if (err->file[0])
        fprintf(stderr, "%s: ", err->file);
    fprintf(stderr, "%s\n", err->message);
    if (!err->source_line[0] || err->pos.column < 1)
        return;
    fprintf(stderr, "  %s\n  ", err->source_line);
    /* Tabs stay tabs so that the caret lines up however they are shown. */
    const unsigned char *p = (const unsigned char *)err->source_line;
    for (int col = 1; col < err->pos.column && *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue; /* a continuation byte: same column */
        fputc(*p == '\t' ? '\t' : ' ', stderr);
        col++;
    }
    fputs("^\n", stderr);
}

static bool parse_digits(const char *text, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < 1 || v > 17)
        return false;
    *out = (int)v;
    return true;
}

/* The value of an option written "--name VALUE" or "--name=VALUE". */
static const char *option_value(int argc, char **argv, int *i,
                                const char *name, bool *matched)
{
    size_t len = strlen(name);
    *matched = false;
    if (strncmp(argv[*i], name, len) != 0)
        return NULL;
    if (argv[*i][len] == '=') {
        *matched = true;
        return argv[*i] + len + 1;
    }
    if (argv[*i][len] != '\0')
        return NULL;
    *matched = true;
    if (*i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

static int parse_trace_args(int argc, char **argv, trace_args *a)
{
    *a = (trace_args){.digits = 4};
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        const char *v;
        bool m;
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            fputs(trace_help_text, stdout);
            return -1;
        } else if (strcmp(arg, "--exact") == 0) {
            a->exact = true;
        } else if (strcmp(arg, "--ascii") == 0) {
            a->ascii = true;
        } else if ((v = option_value(argc, argv, &i, "--digits", &m)), m) {
            if (!v)
                return usage_error("--digits needs a number");
            if (!parse_digits(v, &a->digits))
                return usage_error("--digits takes a whole number from 1 to "
                                   "17, not '%s'", v);
        } else if ((v = option_value(argc, argv, &i, "--format", &m)), m) {
            if (!v)
                return usage_error("--format needs text or json");
            if (strcmp(v, "json") == 0)
                a->json = true;
            else if (strcmp(v, "text") != 0)
                return usage_error("unknown format '%s' (expected one of: "
                                   "text, json)", v);
        } else if ((v = option_value(argc, argv, &i, "--output", &m)), m ||
                   ((v = option_value(argc, argv, &i, "-o", &m)), m)) {
            if (!v)
                return usage_error("%s needs a file name", arg);
            a->output = v;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return usage_error("unknown option '%s' for trace", arg);
        } else if (a->lesson) {
            return usage_error("trace takes one lesson, got '%s' and '%s'",
                               a->lesson, arg);
        } else {
            a->lesson = arg;
        }
    }
    if (!a->lesson)
        return usage_error("trace needs a LESSON (a file, or a name such as "
                           "complete-example)");
    return 0;
}

static int render(const bp_trace *trace, const trace_args *a, FILE *out)
{
    bp_render_options opt = {
        .mode = a->exact || !trace->hand_rounding ? BP_MODE_EXACT
                                                  : BP_MODE_HAND,
        .digits = a->digits,
        .ascii = a->ascii,
    };
    return a->json ? bp_render_json(trace, &opt, out)
                   : bp_render_text(trace, &opt, out);
}

static int write_trace(const bp_trace *trace, const trace_args *a)
{
    bp_output out;
    if (bp_output_open(&out, a->output) != 0) {
        fprintf(stderr, "%s: cannot write '%s': %s\n", progname, a->output,
                strerror(errno));
        return errno == ENOMEM ? EXIT_NOMEM : EXIT_IO;
    }
    if (render(trace, a, out.fp) != 0 || bp_output_commit(&out) != 0) {
        int e = errno;
        bp_output_abort(&out);
        fprintf(stderr, "%s: cannot write %s%s%s: %s\n", progname,
                a->output ? "'" : "", a->output ? a->output : "the output",
                a->output ? "'" : "", strerror(e ? e : EIO));
        return EXIT_IO;
    }
    return EXIT_OK;
}

static int cmd_trace(int argc, char **argv)
{
    trace_args a;
    int rc = parse_trace_args(argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? EXIT_OK : rc;

    char path[4096];
    bp_error err;
    bp_lesson *lesson =
        bp_lesson_load(bp_lesson_path(a.lesson, path, sizeof path), &err);
    if (!lesson) {
        report(&err);
        return exit_code_for(err.status);
    }
    bp_trace *trace = bp_trace_build(lesson, &err);
    if (!trace) {
        report(&err);
        bp_lesson_free(lesson);
        return exit_code_for(err.status);
    }
    rc = write_trace(trace, &a);
    bp_trace_free(trace);
    bp_lesson_free(lesson);
    return rc;
}

static int cmd_help(int argc, char **argv)
{
    if (argc == 0) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[0], "trace") == 0) {
        fputs(trace_help_text, stdout);
        return EXIT_OK;
    }
    return usage_error("no help for '%s' (commands: trace, help)", argv[0]);
}

/* Standard output is closed here so that a write error that stdio kept
 * buffered (bptrace trace x > /dev/full) is still reported. */
static int finish(int rc)
{
    if (fclose(stdout) != 0 && rc == EXIT_OK) {
        fprintf(stderr, "%s: cannot write the output: %s\n", progname,
                strerror(errno));
        return EXIT_IO;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage_error("missing COMMAND (try 'bptrace trace "
                           "complete-example')");
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)
        return finish(cmd_help(0, NULL));
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("bptrace %s\n", BP_VERSION);
        return finish(EXIT_OK);
    }
    if (strcmp(cmd, "trace") == 0)
        return finish(cmd_trace(argc - 2, argv + 2));
    if (strcmp(cmd, "help") == 0)
        return finish(cmd_help(argc - 2, argv + 2));
    return usage_error("unknown command '%s' (commands: trace, help)", cmd);
}
