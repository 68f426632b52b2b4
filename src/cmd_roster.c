/* cmd_roster.c: `bptrace roster LESSON --roster FILE --output-dir DIR`:
 * a variant of the lesson for every student of a class (app_roster.c). */
#include "app.h"

static const bp_cli_command roster_command = {
    "roster", bp_cli_roster_help_text,
    BP_OPT_ROSTER | BP_OPT_ASCII | BP_OPT_SEED | BP_OPT_OUTPUT, true, false};

int cmd_roster(int argc, char **argv)
{
    bp_cli_args a;
    int rc = bp_cli_parse(&roster_command, argc, argv, &a);
    if (rc != 0)
        return rc < 0 ? BP_EXIT_OK : rc;
    if (!a.roster)
        return bp_cli_usage_error("roster needs --roster FILE, the class "
                                  "list: one student id a line");
    return app_write_roster(&a);
}
