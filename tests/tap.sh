# tap.sh: what the shell tests share, sourced after they set $bptrace and
# $dir (a temporary directory): TAP lines and checks on bptrace's exit code
# and messages.  Each script ends with: echo "1..$n"; [ "$failed" -eq 0 ]
n=0 failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
check() { # check DESCRIPTION COMMAND...: passes when COMMAND succeeds
    desc=$1; shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
# expect_exit CODE DESCRIPTION ARGS...: bptrace ARGS exits with CODE; its
# output goes to $dir/out and $dir/err
expect_exit() {
    code=$1 desc=$2; shift 2
    "$bptrace" "$@" >"$dir/out" 2>"$dir/err"
    rc=$?
    if [ "$rc" -eq "$code" ]; then ok "$desc"; else
        not_ok "$desc (exit $rc, expected $code)"; sed 's/^/# /' "$dir/err"; fi
}
# first_err_is LINE: the first line of $dir/err is LINE
first_err_is() { [ "$(head -n 1 "$dir/err")" = "$1" ] || {
    echo "# expected: $1"; echo "# actual:   $(head -n 1 "$dir/err")"; return 1; }; }
