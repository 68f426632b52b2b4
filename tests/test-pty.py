#!/usr/bin/env python3
"""test-pty.py BPTRACE: bptrace step and quiz on a terminal (a
pseudo-terminal): raw keys, the terminal given back as found on every way
out (q, Ctrl-D, Ctrl-C, SIGTERM, Ctrl-Z and continuing), and colour only
without NO_COLOR.  TAP; exit 77 (skipped) where there is no pty."""
import fcntl
import os
import select
import signal
import subprocess
import sys
import termios
import time

bptrace = sys.argv[1]
n = 0
failed = 0


def result(ok, desc):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print(("ok" if ok else "not ok") + " %d - %s" % (n, desc), flush=True)


class Run:
    def __init__(self, args, no_color=None):
        try:
            self.master, self.slave = os.openpty()
        except OSError:
            print("1..0 # SKIP no pseudo-terminal")
            sys.exit(0)
        self.before = termios.tcgetattr(self.slave)
        env = dict(os.environ)
        env.pop("NO_COLOR", None)
        if no_color is not None:
            env["NO_COLOR"] = no_color
        env["BPTRACE_LESSONS"] = "lessons"

        def controlling_tty():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.p = subprocess.Popen([bptrace] + args, stdin=self.slave,
                                  stdout=self.slave, stderr=self.slave,
                                  preexec_fn=controlling_tty, env=env)
        self.out = b""

    def until(self, text, timeout=10):
        """Read until `text` appears after what was read before."""
        start = len(self.out)
        end = time.time() + timeout
        while time.time() < end:
            if text.encode() in self.out[start:]:
                return True
            r, _, _ = select.select([self.master], [], [], 0.05)
            if r:
                try:
                    self.out += os.read(self.master, 65536)
                except OSError:
                    break
        return text.encode() in self.out[start:]

    def send(self, keys):
        os.write(self.master, keys.encode())

    def wait(self):
        try:
            rc = self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = "hung"
        self.until("\0", 0.2)  # drain
        return rc

    def lflag(self):
        return termios.tcgetattr(self.slave)[3]

    def sane(self):
        """The terminal as it was found."""
        return termios.tcgetattr(self.slave) == self.before

    def close(self):
        os.close(self.master)
        os.close(self.slave)


RAW = termios.ICANON | termios.ECHO

# keys: next, next, back, g + a part, the right arrow, q
r = Run(["step", "complete-example"])
result(r.until("[33 quantities]"), "step: the givens, then the first prompt")
result(not r.lflag() & RAW, "step: the terminal is raw while stepping")
r.send(" ")
result(r.until("[1/33]") and "net₄ = x₁·w₁₄".encode() in r.out,
       "step: space shows net₄, no Enter needed")
r.send("\r")
result(r.until("[2/33]") and b"= 0.332" in r.out, "step: Enter shows o₄")
r.send("b")
result(r.until("[1/33]"), "step: b goes back")
r.send("g")
result(r.until("Jump to"), "step: g asks where to")
result(r.lflag() & RAW == RAW, "step: ... with the line typed echoed")
r.send("backward\r")
result(r.until("[9/33]") and "δ₆ = o₆(1 - o₆)(t₆ - o₆)".encode() in r.out,
       "step: g backward jumps to δ₆")
r.send("\x1b[C")
result(r.until("[10/33]"), "step: the right arrow is next")
result(b"\x1b[1m" in r.out, "step: colour on a terminal without NO_COLOR")
r.send("q")
result(r.wait() == 0, "step: q quits, exit 0")
result(r.sane(), "step: the terminal is given back as found after q")
r.close()

r = Run(["step", "complete-example"], no_color="1")
r.until("[33 quantities]")
r.send("\x04")
result(r.wait() == 0, "step: Ctrl-D quits, exit 0")
result(r.sane(), "step: the terminal is given back after Ctrl-D")
result(b"\x1b[" not in r.out, "step: NO_COLOR=1: no escape codes")
r.close()

r = Run(["step", "complete-example"], no_color="")
r.until("[33 quantities]")
result(b"\x1b[1m" in r.out, "step: NO_COLOR empty: colour (no-color.org)")
r.send(" ")
r.until("[1/33]")
r.send("\x03")
result(r.wait() == -signal.SIGINT, "step: Ctrl-C ends it by SIGINT")
result(r.sane(), "step: the terminal is given back after Ctrl-C")
r.close()

r = Run(["step", "complete-example"])
r.until("[33 quantities]")
r.p.send_signal(signal.SIGTERM)
result(r.wait() == -signal.SIGTERM, "step: SIGTERM ends it")
result(r.sane(), "step: the terminal is given back after SIGTERM")
r.close()

# Ctrl-Z: a stop only happens in a process group that a shell could
# continue (not an orphaned one), so a helper plays the shell: it leads the
# session of the terminal and runs bptrace as its foreground job.
def job_control_run(args):
    master, slave = os.openpty()
    before = termios.tcgetattr(slave)
    report_r, report_w = os.pipe()
    helper = os.fork()
    if helper == 0:
        os.close(report_r)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)

        def foreground():
            os.setpgid(0, 0)
            os.tcsetpgrp(0, os.getpgrp())
            signal.signal(signal.SIGTTOU, signal.SIG_DFL)

        env = dict(os.environ)
        env.pop("NO_COLOR", None)
        p = subprocess.Popen([bptrace] + args, stdin=slave, stdout=slave,
                             stderr=slave, preexec_fn=foreground, env=env)
        os.write(report_w, b"%d\n" % p.pid)
        _, status = os.waitpid(p.pid, os.WUNTRACED)
        os.write(report_w, b"stopped\n" if os.WIFSTOPPED(status) else b"?\n")
        if os.WIFSTOPPED(status):
            _, status = os.waitpid(p.pid, 0)
        os.write(report_w, b"exit %d\n" % (os.WEXITSTATUS(status)
                 if os.WIFEXITED(status) else -1))
        os._exit(0)
    os.close(report_w)
    return master, slave, before, os.fdopen(report_r), helper


def line_within(f, seconds):
    r, _, _ = select.select([f], [], [], seconds)
    return f.readline().strip() if r else "(nothing)"


r = Run.__new__(Run)
r.master, r.slave, r.before, report, helper = job_control_run(
    ["step", "complete-example"])
r.out = b""
pid = int(line_within(report, 10))
r.until("[33 quantities]")
r.send("\x1a")
result(line_within(report, 10) == "stopped", "step: Ctrl-Z stops it")
result(r.sane(), "step: ... with the terminal given back while stopped")
os.kill(pid, signal.SIGCONT)
time.sleep(0.3)
result(not r.lflag() & RAW, "step: raw again when continued")
r.send(" ")
result(r.until("[1/33]"), "step: ... and the keys work")
r.send("q")
result(line_within(report, 10) == "exit 0", "step: q after continuing, exit 0")
result(r.sane(), "step: the terminal is given back after all that")
os.waitpid(helper, 0)
r.close()

r = Run(["quiz", "complete-example"], no_color="1")
result(r.until("= ? "), "quiz: asks net₄")
r.send("-0.7\r")
result(r.until("Right."), "quiz: a right number typed on the terminal")
r.until("= ? ")
r.send("\x04")
result(r.until("Stopped before the end: 1 of 33"), "quiz: Ctrl-D stops it "
       "with the score so far")
result(r.wait() == 5, "quiz: stopped early, exit 5")
result(r.sane(), "quiz: the terminal as found")
r.close()

r = Run(["quiz", "complete-example"])
r.until("= ? ")
r.send("\x03")
result(r.until("Stopped before the end: 0 of 33"), "quiz: Ctrl-C stops it "
       "with the score so far")
result(r.wait() == 5, "quiz: stopped by Ctrl-C, exit 5")
r.close()

# Any signal that ends the program gives the terminal back (issue 18).
for sig in (signal.SIGUSR1, signal.SIGALRM, signal.SIGQUIT):
    r = Run(["step", "complete-example"])
    r.until("[33 quantities]")
    r.p.send_signal(sig)
    result(r.wait() == -sig, "step: %s ends it" % sig.name)
    result(r.sane(), "step: the terminal is given back after %s" % sig.name)
    r.close()

# A last line without its newline (0.3, then Ctrl-D twice: the end of
# input) is an answer, and the end of input then stops the quiz.
r = Run(["quiz", "complete-example"], no_color="1")
r.until("= ? ")
r.send("0.3\x04\x04")
result(r.until("Wrong"), "quiz: a last line ended by Ctrl-D is judged")
r.until("Stopped before the end")
result(b"Stopped before the end" in r.out, "quiz: ... and the end of input "
       "then stops it")
result(r.wait() == 5, "quiz: stopped early, exit 5")
r.close()

print("1..%d" % n)
sys.exit(1 if failed else 0)
