/* output.c: writing a result whole or not at all.
 *
 * A file is written to PATH.XXXXXX beside it, flushed to disk and renamed
 * over PATH, so a reader sees either the old file or the whole new one.  If
 * a signal stops the program meanwhile, the handler removes the temporary
 * files (unlink is async-signal-safe).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli/output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary files being written (check -o and --summary, train -o
 * and --plot are open at once): a signal that ends the program removes
 * every one of them. */
#define MAX_TMP 8
static char tmp_for_signal[MAX_TMP][4096];
static volatile sig_atomic_t tmp_live[MAX_TMP];

static void remove_tmp_and_die(int sig)
{
    for (int i = 0; i < MAX_TMP; i++)
        if (tmp_live[i])
            unlink(tmp_for_signal[i]); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Every signal whose default action ends the program and that a user or
 * a script may send; one the caller ignores stays ignored. */
static const int ending_signals[] = {SIGINT,  SIGTERM, SIGHUP,  SIGPIPE,
                                     SIGXFSZ, SIGQUIT, SIGUSR1, SIGUSR2,
                                     SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU};

static void install_handlers(void)
{
    static bool installed;
    if (installed)
        return;
    installed = true;
    for (size_t i = 0; i < sizeof ending_signals / sizeof *ending_signals;
         i++) {
        struct sigaction sa, old;
        if (sigaction(ending_signals[i], NULL, &old) != 0 ||
            old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_tmp_and_die;
        sigemptyset(&sa.sa_mask);
        sigaction(ending_signals[i], &sa, NULL);
    }
}

static void watch_signals(bp_output *o)
{
    size_t len = strlen(o->tmp_path);
    o->slot = -1;
    if (len >= sizeof tmp_for_signal[0])
        return;
    for (int i = 0; i < MAX_TMP; i++) {
        if (!tmp_live[i]) {
            memcpy(tmp_for_signal[i], o->tmp_path, len + 1);
            tmp_live[i] = 1;
            o->slot = i;
            break;
        }
    }
    install_handlers();
}

static void unwatch_signals(bp_output *o)
{
    if (o->tmp_path && o->slot >= 0 && o->slot < MAX_TMP)
        tmp_live[o->slot] = 0;
    o->slot = -1;
}

/* The kernel's protected_symlinks rule, applied whoever runs us (root
 * included, and on systems that lack the rule): a symlink in a sticky
 * world-writable directory is followed only when it belongs to us or to
 * the directory's owner.  Otherwise another user's link /tmp/report.txt
 * -> a private file would make us overwrite that file. */
static bool symlink_is_foreign(const char *path, const struct stat *link)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 0;
    if (n >= sizeof dir)
        return true;
    if (slash && n == 0)
        n = 1; /* "/name": the root directory */
    if (slash)
        memcpy(dir, path, n);
    else
        dir[n++] = '.';
    dir[n] = '\0';
    struct stat st;
    if (stat(dir, &st) != 0)
        return true;
    bool sticky = (st.st_mode & S_ISVTX) && (st.st_mode & S_IWOTH);
    return sticky && link->st_uid != geteuid() && link->st_uid != st.st_uid;
}

/* The mode a new result gets: 0666 less the umask (mkstemp makes 0600). */
static mode_t default_mode(void)
{
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* A device or a pipe, opened as it is: never through a symlink, never
 * creating anything, never becoming our controlling terminal. */
static int open_direct(bp_output *o, const char *path)
{
    int fd = open(path, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_TRUNC);
    if (fd < 0)
        return -1;
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    o->direct = true;
    return 0;
}

int bp_output_open(bp_output *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->slot = -1;
    if (!path || strcmp(path, "-") == 0) {
        o->fp = stdout;
        return 0;
    }
    struct stat link;
    if (lstat(path, &link) == 0 && S_ISLNK(link.st_mode) &&
        symlink_is_foreign(path, &link)) {
        o->refused = true;
        errno = EACCES;
        return -1;
    }
    /* Follow our own symlink, so that the file it names is replaced, not
     * it.  The rename below replaces the last component without
     * following it, and a device is opened with O_NOFOLLOW. */
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
    watch_signals(o);
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
    bool written = fflush(o->fp) == 0 && !ferror(o->fp);
    if (o->direct) { /* a device: report a failed write, e.g. /dev/full */
        int rc = bp_close_checked(o->fp, !written);
        o->fp = NULL;
        o->direct = false;
        return rc;
    }
    written = written && fsync(fileno(o->fp)) == 0;
    bool failed = bp_close_checked(o->fp, !written) != 0;
    o->fp = NULL;
    if (failed || rename(o->tmp_path, o->path) != 0) {
        int e = errno;
        bp_output_abort(o);
        errno = e;
        return -1;
    }
    unwatch_signals(o);
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
    unwatch_signals(o);
    free(o->path);
    free(o->tmp_path);
    o->path = o->tmp_path = NULL;
}

int bp_close_checked(FILE *fp, bool failed)
{
    int e = errno;
    if (fclose(fp) != 0 && !failed) {
        failed = true;
        e = errno;
    }
    if (!failed)
        return 0;
    errno = e ? e : EIO;
    return -1;
}
