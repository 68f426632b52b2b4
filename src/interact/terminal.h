/* terminal.h: raw keys on a terminal, always given back as found; and
 * whether to write in colour. */
#ifndef BP_TERMINAL_H
#define BP_TERMINAL_H

#include <stdbool.h>
#include <stdio.h>

/* Whether fd is a terminal. */
bool bp_tty_is_terminal(int fd);

/* Colour on `out` only when it is a terminal and NO_COLOR is unset or
 * empty (no-color.org). */
bool bp_tty_colour(FILE *out);

/* Raw keys on the terminal fd: no line buffering, no echo (Ctrl-C still
 * interrupts).  The settings found are restored by bp_tty_restore, at
 * exit, and on every signal that ends the program (SIGINT, SIGTERM,
 * SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM, ...; then the
 * signal does what it would have done); SIGTSTP restores them before the program
 * stops, and raw again when it continues.  0, or -1 (errno). */
int bp_tty_raw(int fd);

/* Give the terminal back as it was found (safe to call twice, and from a
 * signal handler's context). */
void bp_tty_restore(void);

/* For reading one line in between: the terminal as found, then raw
 * again. */
void bp_tty_cooked(void);
void bp_tty_reraw(void);

/* One key from fd: a byte, or -1 at end of input or on an error. */
int bp_tty_key(int fd);

/* One line from `in` into buf, without its newline (or the CR before it),
 * at most size - 1 bytes: the rest of a longer line is dropped, never the
 * next line.  A NUL byte becomes '?'.  A last line without a newline is a
 * line, and the call after it finds the end.  False at the end of input,
 * on a read error, and when a signal interrupted the read (a handler
 * installed without SA_RESTART, as quiz does for Ctrl-C). */
bool bp_tty_line(FILE *in, char *buf, size_t size);

#endif
