/* main.c: the bptrace program: finds the command named first and runs it
 * (each command lives in a cmd_*.c file of its own); help and --version. */
#include "cli/app.h"
#include "cli/prefault.h"
#include "util/strings.h"

#include <errno.h>
#include <string.h>

/* "unknown command 'trac' (did you mean 'trace'?)", or the list of the
 * commands when none is close; `what` starts the message. */
static int unknown_command(const char *what, const char *cmd,
                           const char *const *names, size_t n_names)
{
    const char *guess = bp_closest_name(cmd, names, n_names);
    if (guess)
        return bp_cli_usage_error("%s '%s' (did you mean '%s'?)", what, cmd,
                                  guess);
    return bp_cli_usage_error("%s '%s' (commands: " BP_CLI_COMMANDS ")",
                              what, cmd);
}

/* ---- help ---- */

static int cmd_help(int argc, char **argv)
{
    static const struct {
        const char *name;
        const char *text;
    } helps[] = {
        {"trace", bp_cli_trace_help_text},
        {"check", bp_cli_check_help_text},
        {"show", bp_cli_show_help_text},
        {"list", bp_cli_list_help_text},
        {"worksheet", bp_cli_worksheet_help_text},
        {"step", bp_cli_step_help_text},
        {"quiz", bp_cli_quiz_help_text},
        {"train", bp_cli_train_help_text},
        {"gradcheck", bp_cli_gradcheck_help_text},
        {"export", bp_cli_export_help_text},
        {"help", bp_cli_usage_text},
    };
    if (argc == 0) {
        fputs(bp_cli_usage_text, stdout);
        return BP_EXIT_OK;
    }
    if (argc > 1)
        return bp_cli_usage_error("help takes one command, got '%s' and '%s'",
                                  argv[0], argv[1]);
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++) {
        if (strcmp(argv[0], helps[i].name) == 0) {
            fputs(helps[i].text, stdout);
            return BP_EXIT_OK;
        }
    }
    const char *names[sizeof helps / sizeof helps[0]];
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        names[i] = helps[i].name;
    return unknown_command("no help for", argv[0], names,
                           sizeof names / sizeof names[0]);
}

/* Standard output is closed here so that a write error that stdio kept
 * buffered (bptrace trace x > /dev/full) is still reported. */
static int finish(int rc)
{
    if (fclose(stdout) != 0 && rc == BP_EXIT_OK) {
        fprintf(stderr, "%s: cannot write the output: %s\n", app_progname,
                strerror(errno));
        return BP_EXIT_IO;
    }
    return rc;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {
        {"trace", cmd_trace},
        {"check", cmd_check},
        {"show", cmd_show},
        {"list", cmd_list},
        {"worksheet", cmd_worksheet},
        {"step", cmd_step},
        {"quiz", cmd_quiz},
        {"train", cmd_train},
        {"gradcheck", cmd_gradcheck},
        {"export", cmd_export},
        {"help", cmd_help},
    };
    if (argc < 2)
        return bp_cli_usage_error("missing COMMAND (try 'bptrace trace "
                                  "complete-example')");
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0)
        return finish(cmd_help(0, NULL));
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("bptrace %s\n", BP_VERSION);
        return finish(BP_EXIT_OK);
    }
    bp_prefault();
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return finish(commands[i].run(argc - 2, argv + 2));
    const char *names[sizeof commands / sizeof commands[0]];
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        names[i] = commands[i].name;
    return unknown_command("unknown command", cmd, names,
                           sizeof names / sizeof names[0]);
}
