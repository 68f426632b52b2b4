/* cmd_show.c: `bptrace show` (a lesson at a glance) and `bptrace list`
 * (the lessons there are). */
#include "cli/app.h"
#include "cli/lesson_list.h"
#include "cli/lesson_path.h"

static const bp_cli_command show_command = {
    "show", bp_cli_show_help_text, BP_OPT_ASCII | BP_OPT_OUTPUT | BP_OPT_SEED,
    true, false, NULL};
static const bp_cli_command list_command = {
    "list", bp_cli_list_help_text, BP_OPT_OUTPUT, false, false, NULL};

typedef struct {
    const bp_lesson *lesson;
    bool ascii;
} show_job;

static int write_show(const void *arg, FILE *out)
{
    const show_job *job = arg;
    return app_emitted(bp_render_show(job->lesson, job->ascii, out));
}

int cmd_show(int argc, char **argv)
{
    bp_cli_args a;
    int rc;
    if (!bp_cli_parse(&show_command, argc, argv, &a, &rc))
        return rc;
    bp_lesson *lesson = app_load_variant(&a, &rc);
    if (!lesson)
        return rc;
    rc = app_write_output(a.output, write_show, &(show_job){lesson, a.ascii});
    bp_lesson_free(lesson);
    return rc;
}

static int write_list(const void *arg, FILE *out)
{
    return bp_lesson_list_write(arg, out);
}

int cmd_list(int argc, char **argv)
{
    bp_cli_args a;
    int rc;
    if (!bp_cli_parse(&list_command, argc, argv, &a, &rc))
        return rc;

    char dir[BP_LESSON_DIR_SIZE];
    if (!bp_lesson_dir_first(dir, sizeof dir)) {
        bp_lesson_dir dirs[BP_LESSON_DIRS_MAX];
        int n = bp_lesson_dirs(dirs);
        fprintf(stderr, "%s: no lesson directory found; looked in:\n",
                app_progname);
        for (int i = 0; i < n; i++)
            fprintf(stderr, "  %s (%s)\n", dirs[i].path, dirs[i].what);
        return BP_EXIT_IO;
    }
    bp_lesson_list list;
    bp_error err;
    if (bp_lesson_list_read(dir, &list, &err) != BP_OK) {
        app_report(&err);
        return app_exit_code(err.status);
    }
    rc = app_write_output(a.output, write_list, &list);
    /* The lessons that did not load, in full, after the listing. */
    int failed = BP_EXIT_OK;
    for (int i = 0; i < list.n; i++) {
        const bp_lesson_entry *e = &list.entries[i];
        if (e->title)
            continue;
        app_report(&e->err);
        if (failed != BP_EXIT_IO)
            failed = app_exit_code(e->err.status);
    }
    bp_lesson_list_free(&list);
    return rc != BP_EXIT_OK ? rc : failed;
}
