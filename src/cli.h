/* cli.h: the command line: help texts, exit codes and one option parser
 * for every command. */
#ifndef BP_CLI_H
#define BP_CLI_H

#include <stdbool.h>
#include <stdio.h>

/* Exit codes, documented in --help, the README and bptrace(1). */
enum {
    BP_EXIT_OK = 0,
    BP_EXIT_BAD_INPUT = 1, /* the lesson is invalid */
    BP_EXIT_USAGE = 2,     /* the command line is wrong */
    BP_EXIT_IO = 3,        /* a file could not be read or written */
    BP_EXIT_NOMEM = 4      /* out of memory */
};

#define BP_CLI_COMMANDS "trace, show, list, help"

extern const char bp_cli_usage_text[];
extern const char bp_cli_trace_help_text[];
extern const char bp_cli_show_help_text[];
extern const char bp_cli_list_help_text[];

/* The options a command takes. */
enum {
    BP_OPT_EXACT = 1 << 0,
    BP_OPT_DIGITS = 1 << 1,
    BP_OPT_ASCII = 1 << 2,
    BP_OPT_FORMAT = 1 << 3,
    BP_OPT_OUTPUT = 1 << 4
};

typedef struct {
    const char *name;
    const char *help;
    unsigned options;   /* BP_OPT_* */
    bool takes_lesson;  /* one LESSON argument, required */
} bp_cli_command;

typedef struct {
    const char *lesson;
    const char *output; /* NULL: standard output */
    bool json;
    bool exact;
    int digits;
    bool ascii;
} bp_cli_args;

/* "bptrace: MESSAGE" and a hint on standard error; returns BP_EXIT_USAGE. */
int bp_cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Parse a command's arguments.  Returns 0; -1 when --help was shown (exit
 * 0); or an exit code after a usage error. */
int bp_cli_parse(const bp_cli_command *cmd, int argc, char **argv,
                 bp_cli_args *a);

#endif
