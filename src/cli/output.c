/* output.c: writing a result whole or not at all.
 *
 * A file is written to PATH.XXXXXX beside it, flushed to disk and renamed
 * over PATH, so a reader sees either the old file or the whole new one.  If
 * a signal stops the program meanwhile, the handler removes the temporary
 * file (unlink is async-signal-safe).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli/output.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static volatile sig_atomic_t have_tmp;
static char tmp_for_signal[4096];

static void remove_tmp_and_die(int sig)
{
    if (have_tmp)
        unlink(tmp_for_signal);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void watch_signals(const char *tmp)
{
    size_t len = strlen(tmp);
    if (len >= sizeof tmp_for_signal)
        return;
    memcpy(tmp_for_signal, tmp, len + 1);
    have_tmp = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = remove_tmp_and_die;
    sigemptyset(&sa.sa_mask);
    int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGXFSZ};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, NULL);
}

static void unwatch_signals(void)
{
    have_tmp = 0;
}

/* The mode a new result gets: 0666 less the umask (mkstemp makes 0600). */
static mode_t default_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

static int open_direct(bp_output *o, const char *path)
{
    o->fp = fopen(path, "w");
    o->direct = o->fp != NULL;
    return o->fp ? 0 : -1;
}

int bp_output_open(bp_output *o, const char *path)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return 0;
    }
    /* Follow a symlink, so that the file it names is replaced, not it. */
    char *target = realpath(path, NULL);
    const char *final = target ? target : path;
    struct stat st;
    bool exists = stat(final, &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        /* /dev/null, a pipe: nothing to replace, so write in place */
        int rc = open_direct(o, final);
        int e = errno;
        free(target);
        errno = e;
        return rc;
    }
    mode_t mode = exists ? st.st_mode & 07777 : default_mode();
    size_t len = strlen(final);
    o->path = strdup(final);
    o->tmp_path = malloc(len + sizeof ".XXXXXX");
    free(target);
    if (!o->path || !o->tmp_path) {
        bp_output_abort(o);
        errno = ENOMEM;
        return -1;
    }
    memcpy(o->tmp_path, o->path, len);
    memcpy(o->tmp_path + len, ".XXXXXX", sizeof ".XXXXXX");
    int fd = mkstemp(o->tmp_path);
    if (fd < 0) {
        int e = errno;
        free(o->tmp_path);
        o->tmp_path = NULL;
        bp_output_abort(o);
        errno = e;
        return -1;
    }
    watch_signals(o->tmp_path);
    fchmod(fd, mode);
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        int e = errno;
        close(fd);
        bp_output_abort(o);
        errno = e;
        return -1;
    }
    return 0;
}

int bp_output_commit(bp_output *o)
{
    if (!o->path && !o->direct) { /* stdout: a failed write must show */
        if (fflush(stdout) != 0 || ferror(stdout))
            return -1;
        return 0;
    }
    if (o->direct) { /* a device: report a failed write, e.g. /dev/full */
        int failed = fflush(o->fp) != 0 || ferror(o->fp);
        int e = errno;
        if (fclose(o->fp) != 0 && !failed) {
            failed = 1;
            e = errno;
        }
        o->fp = NULL;
        o->direct = false;
        errno = e ? e : EIO;
        return failed ? -1 : 0;
    }
    int failed = fflush(o->fp) != 0 || ferror(o->fp) ||
                 fsync(fileno(o->fp)) != 0;
    int e = errno;
    if (fclose(o->fp) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    o->fp = NULL;
    if (!failed && rename(o->tmp_path, o->path) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        bp_output_abort(o);
        errno = e ? e : EIO;
        return -1;
    }
    unwatch_signals();
    free(o->path);
    free(o->tmp_path);
    o->path = o->tmp_path = NULL;
    return 0;
}

void bp_output_abort(bp_output *o)
{
    if (o->fp && o->fp != stdout)
        fclose(o->fp);
    o->fp = NULL;
    if (o->tmp_path)
        unlink(o->tmp_path);
    unwatch_signals();
    free(o->path);
    free(o->tmp_path);
    o->path = o->tmp_path = NULL;
}
