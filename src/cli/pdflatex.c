/* pdflatex.c: pdflatex as a child process, in a private directory
 * (worksheet --pdf; pdf.c decides what is made and where it goes).
 *
 * pdflatex runs by fork and exec, no shell (no name from a roster or a
 * path is ever parsed by one), in a directory made by mkdtemp under
 * $TMPDIR, on files we name (sheet.tex, p3.pdf), with
 * -interaction=nonstopmode -halt-on-error -no-shell-escape, standard
 * input from /dev/null, its output into a file, and a time limit.  It runs
 * a second time only when its log asks for it ("Rerun").
 *
 * A class's combined PDF is one more pdflatex document that places every
 * page of the students' PDFs, each on a page of its own size (pdfTeX's
 * \pdfximage): nothing beyond pdflatex itself (texlive-latex-base), no
 * pdfpages.
 *
 * When pdflatex fails, the sheet's .tex and .log are kept in the private
 * directory and the message says where; otherwise the directory is
 * removed, also when a signal ends the program (the handler stops
 * pdflatex, removes the files it knows by name, then does what the
 * handler before it did: the roster's clean-up, or dying).
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli/pdflatex.h"
#include "cli/app.h"
#include "cli/output.h"
#include "lesson/reader.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

enum { DEFAULT_TIMEOUT = 120, MAX_TIMEOUT = 86400 };

static char pdflatex[4096]; /* its absolute path, found on PATH */
static long timeout_s = DEFAULT_TIMEOUT;

/* ---- finding pdflatex ---- */

static bool find_on_path(const char *name, char *out, size_t size)
{
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/bin:/bin";
    for (const char *p = path;;) {
        size_t n = strcspn(p, ":");
        int len = n ? snprintf(out, size, "%.*s/%s", (int)n, p, name)
                    : snprintf(out, size, "./%s", name); /* "": here */
        struct stat st;
        if (len > 0 && (size_t)len < size && stat(out, &st) == 0 &&
            S_ISREG(st.st_mode) && access(out, X_OK) == 0) {
            /* absolute: pdflatex runs in another directory */
            char *abs = realpath(out, NULL);
            bool fits = abs && strlen(abs) < size;
            if (fits)
                strcpy(out, abs);
            free(abs);
            return fits;
        }
        if (!p[n])
            return false;
        p += n + 1;
    }
}

int pdflatex_prepare(bool *found)
{
    const char *t = getenv("BPTRACE_PDF_TIMEOUT");
    if (t) {
        char *end = NULL;
        errno = 0;
        long v = strtol(t, &end, 10);
        if (!*t || *end || errno || v < 1 || v > MAX_TIMEOUT)
            return bp_cli_usage_error("BPTRACE_PDF_TIMEOUT is pdflatex's "
                                      "time limit in seconds, 1 to %d, "
                                      "not '%s'", MAX_TIMEOUT, t);
        timeout_s = v;
    }
    *found = find_on_path("pdflatex", pdflatex, sizeof pdflatex);
    return 0;
}

/* ---- the private directory, and signals ---- */

static char work[4096];                  /* its path */
static volatile sig_atomic_t work_live;  /* it exists; a signal removes it */
static volatile sig_atomic_t n_made;     /* p0.pdf ... p(n_made-1).pdf */
static volatile sig_atomic_t child_pid;  /* pdflatex while it runs, or 0 */
static bool work_kept;                   /* a failure's .tex and .log */

/* The names we give in it (besides the p*.pdf), and what pdflatex
 * writes beside them. */
static const char *const work_files[] = {
    "input.tex",  "sheet.tex", "sheet.aux", "sheet.log", "sheet.pdf",
    "sheet.stdout", "class.tex", "class.aux", "class.log", "class.pdf",
    "class.stdout"};

static const int ending_signals[] = {SIGINT,  SIGTERM, SIGHUP,  SIGPIPE,
                                     SIGXFSZ, SIGQUIT, SIGUSR1, SIGUSR2,
                                     SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU};
enum { N_SIGNALS = sizeof ending_signals / sizeof *ending_signals };
static struct sigaction previous[N_SIGNALS];
static bool replaced[N_SIGNALS];

/* work/name (async-signal-safe: no snprintf). */
static void unlink_in_work(const char *name)
{
    char path[sizeof work + 32];
    size_t d = strlen(work), n = strlen(name);
    if (d + 1 + n >= sizeof path)
        return;
    memcpy(path, work, d);
    path[d] = '/';
    memcpy(path + d + 1, name, n + 1);
    unlink(path);
}

/* "p12.pdf" (async-signal-safe). */
static void made_name(int i, char name[16])
{
    char digits[12];
    int n = 0, k = 1;
    do {
        digits[n++] = (char)('0' + i % 10);
        i /= 10;
    } while (i && n < 11);
    name[0] = 'p';
    while (n)
        name[k++] = digits[--n];
    memcpy(name + k, ".pdf", 5);
}

static void stop_and_clean(int sig)
{
    pid_t pid = (pid_t)child_pid;
    if (pid > 0) {
        kill(-pid, SIGKILL); /* its process group: what it started too */
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
    if (work_live) {
        for (size_t i = 0; i < sizeof work_files / sizeof *work_files; i++)
            unlink_in_work(work_files[i]);
        for (int i = 0; i < n_made; i++) {
            char name[16];
            made_name(i, name);
            unlink_in_work(name);
        }
        rmdir(work);
    }
    for (int i = 0; i < N_SIGNALS; i++)
        if (ending_signals[i] == sig && replaced[i])
            sigaction(sig, &previous[i], NULL);
    raise(sig); /* delivered to the previous handler when this returns */
}

static void watch_signals(void)
{
    for (int i = 0; i < N_SIGNALS; i++) {
        replaced[i] = false;
        if (sigaction(ending_signals[i], NULL, &previous[i]) != 0 ||
            previous[i].sa_handler == SIG_IGN)
            continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = stop_and_clean;
        sigemptyset(&sa.sa_mask);
        replaced[i] = sigaction(ending_signals[i], &sa, NULL) == 0;
    }
}

static void unwatch_signals(void)
{
    for (int i = 0; i < N_SIGNALS; i++)
        if (replaced[i])
            sigaction(ending_signals[i], &previous[i], NULL);
}

int pdflatex_open(void)
{
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || tmpdir[0] != '/')
        tmpdir = "/tmp";
    int n = snprintf(work, sizeof work - 64, "%s/bptrace-pdf-XXXXXX",
                     tmpdir);
    if (n < 0 || (size_t)n >= sizeof work - 64 || !mkdtemp(work)) {
        fprintf(stderr, "%s: cannot make a directory for pdflatex in '%s': "
                        "%s\n", app_progname, tmpdir,
                n < 0 || (size_t)n >= sizeof work - 64 ? "path too long"
                                                       : strerror(errno));
        return BP_EXIT_IO;
    }
    n_made = 0;
    work_kept = false;
    watch_signals();
    work_live = 1;
    return BP_EXIT_OK;
}

/* Remove what is in the directory, but `keep` names (NULL: all). */
static void empty_work(const char *const keep[2])
{
    DIR *d = opendir(work);
    if (!d)
        return;
    struct dirent *entry;
    while ((entry = readdir(d))) {
        const char *name = entry->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
            (keep && (strcmp(name, keep[0]) == 0 ||
                      strcmp(name, keep[1]) == 0)))
            continue;
        char path[sizeof work + 256];
        snprintf(path, sizeof path, "%s/%s", work, name);
        unlink(path);
    }
    closedir(d);
}

/* Remove the directory, unless a failure's files are kept in it. */
void pdflatex_close(void)
{
    if (!work_live)
        return;
    if (!work_kept) {
        empty_work(NULL);
        rmdir(work);
    }
    work_live = 0;
    unwatch_signals();
}

/* ---- files ---- */

void pdflatex_path(const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", work, name);
}

/* A whole file into memory (at most `max` bytes); NULL with errno. */
int pdflatex_copy_into(const char *from, FILE *out)
{
    FILE *in = fopen(from, "rb");
    if (!in)
        return -1;
    char buf[64 * 1024];
    size_t n;
    int failed = 0;
    while (!failed && (n = fread(buf, 1, sizeof buf, in)) > 0)
        failed = fwrite(buf, 1, n, out) != n;
    failed |= ferror(in) != 0;
    int e = errno;
    fclose(in);
    if (failed) {
        errno = e ? e : EIO;
        return -1;
    }
    return 0;
}

/* Copy a file to a new one (never over an existing one); 0, or -1 with
 * errno, and nothing left at `to`. */
int pdflatex_copy(const char *from, const char *to)
{
    FILE *out = fopen(to, "wx");
    if (!out)
        return -1;
    if (bp_close_checked(out, pdflatex_copy_into(from, out) != 0) != 0) {
        int e = errno;
        unlink(to);
        errno = e;
        return -1;
    }
    return 0;
}

/* ---- running pdflatex ---- */

typedef enum { RUN_OK, RUN_FAILED, RUN_TIMEOUT, RUN_CANNOT } run_result;

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) +
           (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* In the child, before exec: only async-signal-safe calls. */
static void exec_pdflatex(char *const argv[], const char *out, int report)
{
    setpgid(0, 0); /* a group of its own, so a time-out stops its children */
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* dies with us, even of SIGKILL */
#endif
    int in = open("/dev/null", O_RDONLY);
    if (chdir(work) == 0 && in >= 0 && dup2(in, 0) == 0) {
        if (in > 2)
            close(in);
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
        if (o >= 0 && dup2(o, 1) == 1 && dup2(o, 2) == 2) {
            if (o > 2)
                close(o);
            execv(pdflatex, argv);
        }
    }
    int e = errno;
    if (write(report, &e, sizeof e) < 0)
        _exit(127);
    _exit(127);
}

/* Run pdflatex once on BASE.tex in the private directory. */
static run_result run_once(const char *base)
{
    char tex[32], out[32];
    snprintf(tex, sizeof tex, "%s.tex", base);
    snprintf(out, sizeof out, "%s.stdout", base);
    static char arg0[] = "pdflatex", arg1[] = "-interaction=nonstopmode",
                arg2[] = "-halt-on-error", arg3[] = "-no-shell-escape";
    char *const argv[] = {arg0, arg1, arg2, arg3, tex, NULL};

    int report[2]; /* the child's errno when exec fails */
    if (pipe(report) != 0)
        return RUN_CANNOT;
    fcntl(report[0], F_SETFD, FD_CLOEXEC);
    fcntl(report[1], F_SETFD, FD_CLOEXEC);
    /* No signal handler of ours may run in the child before exec. */
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    pid_t pid = fork();
    if (pid == 0) {
        close(report[0]);
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        for (int i = 0; i < N_SIGNALS; i++)
            if (replaced[i])
                sigaction(ending_signals[i], &dfl, NULL);
        sigprocmask(SIG_SETMASK, &old, NULL);
        exec_pdflatex(argv, out, report[1]);
    }
    int fork_errno = errno;
    if (pid > 0) {
        setpgid(pid, pid); /* as the child does: whichever runs first */
        child_pid = pid;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(report[1]);
    if (pid < 0) {
        close(report[0]);
        errno = fork_errno;
        return RUN_CANNOT;
    }
    int exec_errno = 0;
    ssize_t got;
    while ((got = read(report[0], &exec_errno, sizeof exec_errno)) < 0 &&
           errno == EINTR)
        ;
    close(report[0]);

    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    run_result result = RUN_OK;
    while (got != (ssize_t)sizeof exec_errno) { /* exec worked */
        /* Seen ended but not reaped: the pid stays ours until child_pid
         * is cleared, so the signal handler never kills a stranger. */
        siginfo_t info;
        memset(&info, 0, sizeof info);
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) ==
                0 && info.si_pid == pid)
            break;
        if (seconds_since(&start) > (double)timeout_s) {
            kill(-pid, SIGKILL); /* and what it started */
            kill(pid, SIGKILL);
            result = RUN_TIMEOUT;
            break;
        }
        nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
    int status = 0;
    sigprocmask(SIG_BLOCK, &all, &old);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    child_pid = 0;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (got == (ssize_t)sizeof exec_errno) {
        errno = exec_errno;
        return RUN_CANNOT;
    }
    if (result == RUN_OK &&
        !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        result = RUN_FAILED;
    return result;
}

/* The first error line of a log ("! Undefined control sequence."), its
 * control characters dropped, in `line`; "" when there is none. */
static void first_error(const char *log, char *line, size_t size)
{
    line[0] = '\0';
    const char *p = log;
    while (p && *p && !(p[0] == '!' && p[1] == ' ')) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p || !*p)
        return;
    size_t n = 0;
    for (; *p && *p != '\n' && n + 1 < size; p++)
        if ((unsigned char)*p >= 0x20 && *p != 0x7F)
            line[n++] = *p;
    line[n] = '\0';
}

/* After a failure: BASE.tex and BASE.log become KEEP.tex and KEEP.log
 * (pdflatex's own output when it wrote no log), everything else goes,
 * and the directory stays for the user to look into. */
static void keep_failed(const char *base, const char *keep, char *log_path,
                        size_t size)
{
    char from[sizeof work + 64], to[sizeof work + 256];
    char names[2][256];
    snprintf(names[0], sizeof names[0], "%s.tex", keep);
    snprintf(names[1], sizeof names[1], "%s.log", keep);
    snprintf(from, sizeof from, "%s/%s.tex", work, base);
    pdflatex_path(names[0], to, sizeof to);
    rename(from, to);
    snprintf(from, sizeof from, "%s/%s.log", work, base);
    pdflatex_path(names[1], to, sizeof to);
    if (rename(from, to) != 0) {
        snprintf(from, sizeof from, "%s/%s.stdout", work, base);
        rename(from, to);
    }
    const char *const kept[2] = {names[0], names[1]};
    empty_work(kept);
    snprintf(log_path, size, "%s", to);
    work_kept = true;
}

static bool is_pdf(const char *path)
{
    char head[5] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    bool yes = fread(head, 1, sizeof head, f) == sizeof head &&
               memcmp(head, "%PDF-", 5) == 0;
    fclose(f);
    return yes;
}

/* pdflatex on BASE.tex, twice when the first run asks for it; 0, or the
 * exit code after saying what went wrong with `who` and where its log is
 * kept (as KEEP.log). */
static int compile(const char *base, const char *who, const char *keep)
{
    char log_path[sizeof work + 64], pdf_path[sizeof work + 64];
    snprintf(log_path, sizeof log_path, "%s/%s.log", work, base);
    snprintf(pdf_path, sizeof pdf_path, "%s/%s.pdf", work, base);
    for (int run = 1; run <= 2; run++) {
        run_result r = run_once(base);
        if (r == RUN_CANNOT) {
            fprintf(stderr, "%s: cannot run '%s': %s\n", app_progname,
                    pdflatex, strerror(errno));
            return BP_EXIT_IO;
        }
        size_t len;
        char *log = NULL;
        bp_error unread; /* no log: no rerun asked, no error line found */
        if (!lr_read_file(log_path, "pdflatex's log", &log, &len, &unread))
            log = NULL;
        if (r == RUN_OK && is_pdf(pdf_path)) {
            bool again = log && (strstr(log, "Rerun to get") ||
                                 strstr(log, "Label(s) may have changed"));
            free(log);
            if (again && run == 1)
                continue;
            return BP_EXIT_OK;
        }
        char error[200], kept[sizeof work + 256];
        first_error(log, error, sizeof error);
        free(log);
        keep_failed(base, keep, kept, sizeof kept);
        if (r == RUN_TIMEOUT)
            fprintf(stderr, "%s: pdflatex took longer than %ld s on %s and "
                            "was stopped (BPTRACE_PDF_TIMEOUT sets the "
                            "limit)\n", app_progname, timeout_s, who);
        else
            fprintf(stderr, "%s: pdflatex failed on %s: %s\n", app_progname,
                    who, error[0] ? error : "no PDF, no error line in its log");
        fprintf(stderr, "%s: its log is kept: %s (the LaTeX beside it)\n",
                app_progname, kept);
        return BP_EXIT_IO;
    }
    return BP_EXIT_OK;
}

/* BASE.pdf becomes p<n>.pdf, kept for the class PDFs; *index = n. */
static int keep_made(const char *base, int *index)
{
    char from[sizeof work + 64], to[sizeof work + 64], name[16];
    made_name(n_made, name);
    snprintf(from, sizeof from, "%s/%s.pdf", work, base);
    pdflatex_path(name, to, sizeof to);
    n_made = n_made + 1; /* first, so that a signal removes it */
    if (rename(from, to) != 0) {
        fprintf(stderr, "%s: cannot rename '%s' to '%s': %s\n",
                app_progname, from, to, strerror(errno));
        return BP_EXIT_IO;
    }
    *index = n_made - 1;
    return BP_EXIT_OK;
}

/* The LaTeX at `tex` (a file of ours) through pdflatex: *index is the
 * PDF made. */
int pdflatex_sheet(const char *tex, const char *who, const char *keep,
                         int *index)
{
    char sheet[sizeof work + 64];
    pdflatex_path("sheet.tex", sheet, sizeof sheet);
    unlink(sheet);
    if (pdflatex_copy(tex, sheet) != 0) {
        fprintf(stderr, "%s: cannot copy '%s' to '%s': %s\n", app_progname,
                tex, sheet, strerror(errno));
        return BP_EXIT_IO;
    }
    int rc = compile("sheet", who, keep);
    return rc ? rc : keep_made("sheet", index);
}

/* One PDF of the made PDFs sheets[0], sheets[stride], ... (count of
 * them): each sheet's pages in order, each sheet from a new page, from
 * an odd one when two_sided (a blank page after a sheet of an odd number
 * of pages). */
int pdflatex_combine(const int *sheets, int count, int stride,
                     bool two_sided,
                   const char *who, const char *keep, int *index)
{
    char path[sizeof work + 64];
    pdflatex_path("class.tex", path, sizeof path);
    unlink(path);
    FILE *f = fopen(path, "wx");
    if (!f) {
        fprintf(stderr, "%s: cannot write '%s': %s\n", app_progname, path,
                strerror(errno));
        return BP_EXIT_IO;
    }
    fprintf(f,
            "%% Every page of each sheet's PDF, on a page of its own size.\n"
            "\\documentclass{article}\n"
            "\\pagestyle{empty}\n"
            "\\newcount\\sheetpages \\newcount\\sheetpage "
            "\\newcount\\classpages\n"
            "\\pdfhorigin=0pt \\pdfvorigin=0pt\n"
            "\\newcommand\\sheet[1]{%%\n"
            "  \\pdfximage{#1}\\sheetpages=\\pdflastximagepages\n"
            "  %s\n"
            "  \\sheetpage=0\n"
            "  \\loop\\ifnum\\sheetpage<\\sheetpages\n"
            "    \\advance\\sheetpage 1\n"
            "    \\pdfximage page \\sheetpage mediabox {#1}%%\n"
            "    \\setbox0=\\hbox{\\pdfrefximage\\pdflastximage}%%\n"
            "    \\pdfpagewidth=\\wd0 \\pdfpageheight=\\ht0\n"
            "    \\shipout\\box0\n"
            "    \\advance\\classpages 1\n"
            "  \\repeat}\n"
            "\\begin{document}\n",
            two_sided ? "\\ifodd\\classpages\\shipout\\hbox{}"
                        "\\advance\\classpages 1 \\fi"
                      : "%% one-sided: no blank pages");
    for (int i = 0; i < count; i++) {
        char name[16];
        made_name(sheets[i * stride], name);
        fprintf(f, "\\sheet{%s}\n", name);
    }
    fputs("\\end{document}\n", f);
    if (bp_close_checked(f, ferror(f) != 0) != 0) {
        fprintf(stderr, "%s: cannot write '%s': %s\n", app_progname, path,
                strerror(errno));
        return BP_EXIT_IO;
    }
    int rc = compile("class", who, keep);
    return rc ? rc : keep_made("class", index);
}


void pdflatex_made(int index, char *path, size_t size)
{
    char name[16];
    made_name(index, name);
    pdflatex_path(name, path, size);
}
