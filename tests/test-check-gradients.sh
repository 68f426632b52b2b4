#!/bin/sh
# test-check-gradients.sh BPTRACE: `check --gradients` judges a student's
# partial derivatives (tests/answers/gradients/): a right one is right, a
# wrong one (its sign flipped) is wrong; without --gradients the names
# are no quantities of the lesson (exit 1, file:line:column); the usage
# errors of --gradients.
bptrace=$1
lesson=lessons/complete-example.yaml
dir=tests/answers/gradients
. "$(dirname "$0")/tap.sh"
status_of() { # FILE NAME: the status of NAME in the JSON report of FILE
    "$bptrace" check "$lesson" "$1" --gradients --format json |
        grep "\"name\": \"$2\"," | sed 's/.*"status": "\([a-z]*\)".*/\1/'
}
expect() { # FILE NAME STATUS
    got=$(status_of "$1" "$2")
    if [ "$got" = "$3" ]; then ok "$1: $2 is $3"
    else not_ok "$1: $2 is '$got', not $3"; fi
}
echo "1..12"
for name in dE/do_6 dE/dnet_6 dE/dw46 dE/dw56 dE/db6 dE/dnet_4 dE/dw14; do
    expect $dir/right.yaml "$name" right
done
expect $dir/sign-flipped.yaml dE/dw46 wrong
expect $dir/sign-flipped.yaml dE/dnet_6 right
err=$("$bptrace" check "$lesson" $dir/right.yaml 2>&1 >/dev/null)
rc=$?
case "$rc:$err" in
1:*"right.yaml:4:3: no quantity 'dE/do_6'"*) ok "without --gradients: no such quantity" ;;
*) not_ok "without --gradients: exit $rc, $err" ;;
esac
# usage errors (exit 2): an exercise has no chain rule to write; the
# variants of --manifest are built without the gradient view
err=$("$bptrace" trace lessons/weight-update.yaml --gradients 2>&1 >/dev/null)
rc=$?
case "$rc:$err" in
2:*"--gradients writes the chain rule of a network"*) ok "trace --gradients on an exercise: usage error" ;;
*) not_ok "trace --gradients on an exercise: exit $rc, $err" ;;
esac
"$bptrace" check --manifest tests/answers/none.yaml $dir/right.yaml \
    --gradients >/dev/null 2>&1
rc=$?
if [ "$rc" = 2 ]; then ok "check --manifest --gradients: usage error"
else not_ok "check --manifest --gradients: exit $rc"; fi
exit $failed
