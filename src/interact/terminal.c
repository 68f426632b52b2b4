/* terminal.c: raw keys on a terminal, always given back as found.
 *
 * A program that leaves a terminal in raw mode leaves its user typing
 * blind: the settings found are restored on every way out (return, exit,
 * a signal that ends the program, a stop by Ctrl-Z).
 */
#include "check/check_internal.h"
#include "interact/terminal.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved;    /* the settings found */
static struct termios raw;      /* ours */
static volatile sig_atomic_t tty_fd = -1; /* >= 0 while we own the settings */
static volatile sig_atomic_t is_raw;

/* Every signal whose default action ends the program: the terminal must
 * come back from each (SIGUSR1 or SIGALRM from a script too). */
static const int ending[] = {SIGINT,  SIGTERM, SIGHUP,    SIGQUIT,
                             SIGPIPE, SIGUSR1, SIGUSR2,   SIGALRM,
                             SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF};

bool bp_tty_is_terminal(int fd)
{
    return isatty(fd) == 1;
}

bool bp_tty_colour(FILE *out)
{
    const char *no = getenv("NO_COLOR");
    return (!no || !no[0]) && bp_tty_is_terminal(fileno(out));
}

void bp_tty_restore(void)
{
    if (tty_fd >= 0 && is_raw) /* tcsetattr is async-signal-safe */
        tcsetattr(tty_fd, TCSAFLUSH, &saved);
    is_raw = 0;
}

void bp_tty_cooked(void)
{
    bp_tty_restore();
}

void bp_tty_reraw(void)
{
    if (tty_fd >= 0 && !is_raw && tcsetattr(tty_fd, TCSAFLUSH, &raw) == 0)
        is_raw = 1;
}

/* A signal that ends the program: the terminal back, then the signal's
 * own action, so that the shell sees how the program ended. */
static void on_ending(int sig)
{
    int e = errno;
    bp_tty_restore();
    signal(sig, SIG_DFL);
    raise(sig);
    errno = e;
}

/* Ctrl-Z: the terminal back before stopping; raw again when continued.
 * The signal is blocked inside its handler: unblocked to stop at once. */
static void on_stop(int sig)
{
    int e = errno;
    bool was_raw = is_raw;
    sigset_t set;
    bp_tty_restore();
    signal(sig, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig); /* stopped here until SIGCONT */
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(sig, on_stop);
    if (was_raw)
        bp_tty_reraw();
    errno = e;
}

static void at_exit(void)
{
    bp_tty_restore();
}

static void install(int sig, void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int bp_tty_raw(int fd)
{
    static bool registered;
    if (tcgetattr(fd, &saved) != 0)
        return -1;
    raw = saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tty_fd = fd;
    if (!registered) {
        atexit(at_exit);
        for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++)
            install(ending[i], on_ending);
        install(SIGTSTP, on_stop);
        registered = true;
    }
    if (tcsetattr(fd, TCSAFLUSH, &raw) != 0) {
        tty_fd = -1;
        return -1;
    }
    is_raw = 1;
    return 0;
}

int bp_tty_key(int fd)
{
    unsigned char c;
    for (;;) {
        ssize_t n = read(fd, &c, 1);
        if (n == 1)
            return c;
        if (n < 0 && errno == EINTR)
            continue; /* back from Ctrl-Z */
        return -1;
    }
}

bool bp_tty_line(FILE *in, char *buf, size_t size)
{
    size_t n = 0;
    int c;
    while ((c = getc(in)) != EOF && c != '\n')
        if (n + 1 < size) /* the rest of a line too long is dropped */
            buf[n++] = c ? (char)c : '?';
    if (c == EOF && (n == 0 || ferror(in)))
        return false; /* the end, an error, or Ctrl-C: no line */
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    return true;
}
