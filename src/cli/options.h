/* cli.h: the command line: help texts, exit codes and one option parser
 * for every command. */
#ifndef BP_CLI_H
#define BP_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bptrace/render.h"

/* Exit codes, documented in --help, the README and bptrace(1). */
enum {
    BP_EXIT_OK = 0,
    BP_EXIT_BAD_INPUT = 1, /* the lesson (or an answers file) is invalid */
    BP_EXIT_USAGE = 2,     /* the command line is wrong */
    BP_EXIT_IO = 3,        /* a file could not be read or written */
    BP_EXIT_NOMEM = 4,     /* out of memory */
    BP_EXIT_WRONG = 5      /* check: some answer wrong, missing or too
                              coarse */
};

#define BP_CLI_COMMANDS "trace, check, show, list, worksheet, step, quiz, train, gradcheck, export, help"

extern const char bp_cli_usage_text[];
extern const char bp_cli_trace_help_text[];
extern const char bp_cli_check_help_text[];
extern const char bp_cli_show_help_text[];
extern const char bp_cli_list_help_text[];
extern const char bp_cli_worksheet_help_text[];
extern const char bp_cli_step_help_text[];
extern const char bp_cli_quiz_help_text[];
extern const char bp_cli_train_help_text[];
extern const char bp_cli_gradcheck_help_text[];
extern const char bp_cli_export_help_text[]; /* cmd_export.c */

/* The options a command takes. */
enum {
    BP_OPT_EXACT = 1 << 0,
    BP_OPT_DIGITS = 1 << 1,
    BP_OPT_ASCII = 1 << 2,
    BP_OPT_FORMAT = 1 << 3,
    BP_OPT_OUTPUT = 1 << 4,
    BP_OPT_GRADESCOPE = 1 << 5, /* --format also takes gradescope */
    BP_OPT_SUMMARY = 1 << 6,    /* --summary FILE.csv */
    BP_OPT_TEMPLATE = 1 << 7,   /* --template */
    BP_OPT_SEQUENTIAL = 1 << 8, /* --sequential */
    BP_OPT_DOCUMENT = 1 << 9,   /* --format takes the render formats
                                   (bptrace/render.h's table) */
    BP_OPT_DOT = 1 << 10,       /* ... those that draw a network too */
    BP_OPT_FRAGMENT = 1 << 11,  /* --fragment */
    BP_OPT_ANNOTATE = 1 << 12,  /* --annotate */
    BP_OPT_WORKSHEET = 1 << 13, /* --blank KINDS, --key,
                                   --answers-template */
    BP_OPT_PHASE = 1 << 14,     /* --phase WHERE */
    BP_OPT_UNIT = 1 << 15,      /* --unit LABEL */
    BP_OPT_ONLY = 1 << 16,      /* --only KINDS */
    BP_OPT_SAVE = 1 << 17,      /* --save FILE */
    BP_OPT_SEED = 1 << 18,      /* --seed N: a variant */
    BP_OPT_MANIFEST = 1 << 19,  /* --manifest FILE (check) */
    BP_OPT_ROSTER = 1 << 20,    /* --roster FILE, --output-dir DIR, --salt */
    BP_OPT_CSV = 1 << 21,       /* --format also takes csv */
    BP_OPT_TRAIN = 1 << 22,     /* --epochs, --batch, --trace-at, --plot,
                                   --compare-eta, --data, --test, --split,
                                   --standardize, --one-hot, --columns */
    BP_OPT_EXPORT = 1 << 23,    /* --format NAME (the command's own
                                   table), --variants N, --numerical,
                                   --blank KINDS */
    BP_OPT_GRADIENTS = 1 << 24, /* --gradients */
    BP_OPT_NO_REPORT = 1 << 25, /* --format also takes none (check) */
    BP_OPT_SHEET = 1 << 26      /* check: --blank KINDS, --reveal KINDS of
                                   the worksheet the answers are for */
};

/* The formats of the commands that are no renderer's (check, train). */
typedef enum {
    BP_FORMAT_TEXT = 0,
    BP_FORMAT_JSON,
    BP_FORMAT_GRADESCOPE,
    BP_FORMAT_CSV,
    BP_FORMAT_NONE /* check: no report at all, only --summary and the
                      exit status */
} bp_cli_format;

typedef struct bp_cli_args bp_cli_args;

typedef struct {
    const char *name;
    const char *help;
    unsigned options;   /* BP_OPT_* */
    bool takes_lesson;  /* one LESSON argument, required */
    bool takes_files;   /* FILE... after the lesson */
    /* the command's rules that no single option knows, checked once the
       arguments are read: 0, or an exit code after a usage error; or
       NULL */
    int (*check_args)(const bp_cli_args *a);
} bp_cli_command;

struct bp_cli_args {
    const char *lesson;
    char **files;       /* the FILE arguments, in order (argv reordered) */
    int n_files;
    const char *output; /* NULL: standard output */
    bp_cli_format format;
    bp_render_format render_format; /* with BP_OPT_DOCUMENT */
    bool exact;
    int digits;
    bool ascii;
    const char *summary; /* --summary FILE.csv, or NULL */
    bool template_only;  /* --template */
    bool hide_expected;  /* --hide-expected (check --format gradescope) */
    bool sequential;     /* --sequential */
    bool gradients;      /* --gradients */
    bool fragment;       /* --fragment */
    bool annotate;       /* --annotate */
    const char *blank;   /* --blank KINDS, or NULL */
    const char *reveal;  /* worksheet --reveal KINDS, or NULL */
    const char *paper;   /* worksheet --paper a4|letter, or NULL */
    int space;           /* worksheet --space N; 0 none */
    bool key;            /* --key */
    bool answers_template; /* --answers-template */
    bool pdf;            /* worksheet --pdf: through pdflatex too */
    bool two_sided;      /* worksheet --roster --pdf --two-sided */
    const char *pdf_output; /* the PDF --pdf writes beside -o, or NULL */
    const char *phase;   /* --phase WHERE (step), or NULL */
    const char *unit;    /* --unit LABEL (step), or NULL */
    const char *only;    /* --only KINDS (quiz), or NULL */
    const char *save;    /* --save FILE (quiz), or NULL */
    bool has_seed;       /* --seed N */
    uint64_t seed;
    const char *manifest;   /* --manifest FILE, or NULL */
    const char *roster;     /* --roster FILE, or NULL */
    const char *output_dir; /* --output-dir DIR, or NULL */
    const char *salt;       /* --salt TEXT, or NULL */
    /* train */
    int epochs;          /* --epochs N; 0: the lesson's */
    bool batch;          /* --batch */
    long trace_at;       /* --trace-at N; 0: the first iteration */
    const char *plot;    /* --plot FILE.svg, or NULL */
    const char *compare_eta; /* --compare-eta LIST, as given, or NULL */
    /* export */
    const char *export_format; /* --format NAME, as given, or NULL */
    int variants;        /* --variants N; 0: none asked */
    bool numerical;      /* --numerical */
    const char *data;    /* --data FILE.csv, or NULL */
    const char *test;    /* --test FILE.csv, or NULL */
    double split;        /* --split FRACTION; 0: none */
    bool standardize;    /* --standardize */
    const char *one_hot; /* --one-hot COLUMN, or NULL */
    const char *columns; /* --columns NAME=LABEL,..., or NULL */
};

/* "bptrace: MESSAGE" and a hint on standard error; returns BP_EXIT_USAGE. */
int bp_cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Parse a command's arguments and check them (no output over an input,
 * the command's check_args).  True to run the command; false when it is
 * done, *exit_code being the code to exit with: 0 after --help, or that
 * of a usage error. */
bool bp_cli_parse(const bp_cli_command *cmd, int argc, char **argv,
                  bp_cli_args *a, int *exit_code);

/* The rules of `check` that no single option knows: ANSWERS or --template,
 * one answers file for gradescope.  Returns 0 or BP_EXIT_USAGE. */
int bp_cli_check_args(const bp_cli_args *a);

#endif
