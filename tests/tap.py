"""tap.py: TAP output for the Python tests, as tap.sh is for the shell ones."""
import sys

n = 0       # checks so far
failed = 0  # of them, failed


def ok(cond, what, detail=""):
    """One check: 'ok N - what', or 'not ok' with the detail's first lines."""
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {what}")
    else:
        failed += 1
        print(f"not ok {n} - {what}")
        for line in str(detail).splitlines()[:40]:
            print(f"# {line}")


def finish():
    """The plan, and the exit status: 1 when a check failed."""
    print(f"1..{n}")
    sys.exit(1 if failed else 0)
