#!/bin/sh
# test-doc-options.sh BPTRACE: the man page, doc/bptrace.1, is the one
# reference for options, so every long option a help text names must be
# in it.  Run from the source root.  TAP: a line per command and option.
#
# The commands are those 'bptrace --help' lists; the help of each comes
# from 'bptrace help CMD'.  For each --option in a command's help:
# - it appears somewhere in the man page;
# - when the help lists it as an option of the command (a line that starts
#   with two spaces and '-'), it is also in that command's SYNOPSIS
#   ('.B bptrace CMD' up to '.br'), or its short form is ('-o' for
#   '-o, --output').  --help and --version are in their own SYNOPSIS line.
# groff writes '-' as '\-' and puts font changes (\fB, \fR, ...) around
# words: both are taken out first.  An option matches as a whole word:
# --output does not match inside --output-dir.
bptrace=${1:?usage: test-doc-options.sh BPTRACE}
man=doc/bptrace.1
n=0 failed=0

if [ ! -r "$man" ]; then
    echo "Bail out! $man not found (run from the source root)"
    exit 1
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$man" >"$tmp/man"

# has FILE OPTION: OPTION is in FILE as a whole word
has() { grep -q -E -e "${2}([^A-Za-z0-9-]|\$)" "$1"; }

# synopsis CMD: the SYNOPSIS lines of CMD (every form of it) on stdout
synopsis() {
    awk -v cmd="$1" '
        /^\.SH/ { in_syn = ($2 == "SYNOPSIS"); on = 0; next }
        !in_syn { next }
        /^\.B bptrace/ { on = ($3 == cmd) }
        /^\.br/ { on = 0 }
        on' "$tmp/man"
}

# check_help NAME FILE: a TAP line for each long option in FILE, the help
# of command NAME ("bptrace" for the top-level help)
check_help() {
    synopsis "$1" >"$tmp/syn"
    # the options the help lists as its own, and their short forms
    grep -E '^  -' "$2" | grep -o -E -e '--[a-z][a-z0-9-]*' |
        sed 's/-*$//' >"$tmp/own"
    for opt in $(grep -o -e '--[a-z][a-z0-9-]*' "$2" | sed 's/-*$//' |
                 awk '!seen[$0]++'); do
        n=$((n + 1))
        why=
        if ! has "$tmp/man" "$opt"; then
            why="not in $man"
        elif [ "$1" != bptrace ] && [ "$opt" != --help ] &&
             grep -q -x -e "$opt" "$tmp/own" && ! has "$tmp/syn" "$opt"; then
            short=$(grep -E -e "^  -[A-Za-z], ${opt}([^a-z0-9-]|\$)" "$2" |
                    sed -n 's/^  \(-[A-Za-z]\),.*/\1/p' | head -n 1)
            if [ -z "$short" ] || ! has "$tmp/syn" "$short"; then
                why="not in the SYNOPSIS of '$1' in $man"
            fi
        fi
        if [ -z "$why" ]; then
            echo "ok $n - $1 $opt"
        else
            failed=$((failed + 1))
            echo "not ok $n - $1 $opt"
            echo "# $opt is in the help of '$1' but $why"
        fi
    done
}

if ! "$bptrace" --help >"$tmp/help" 2>"$tmp/err"; then
    echo "Bail out! '$bptrace --help' failed: $(head -n 1 "$tmp/err")"
    exit 1
fi
check_help bptrace "$tmp/help"

# The commands: the first word of each line of the "Commands:" section
# that starts with two spaces and a letter.
commands=$(awk '/^Commands:/ { on = 1; next }
                on && /^[^ ]/ { on = 0 }
                on && /^  [a-z]/ { print $1 }' "$tmp/help" |
           awk '!seen[$0]++')
if [ -z "$commands" ]; then
    echo "Bail out! no commands found in '$bptrace --help'"
    exit 1
fi

for cmd in $commands; do
    [ "$cmd" = help ] && continue
    if ! "$bptrace" help "$cmd" >"$tmp/cmd" 2>"$tmp/err"; then
        n=$((n + 1)) failed=$((failed + 1))
        echo "not ok $n - $cmd: 'bptrace help $cmd' failed"
        sed 's/^/# /' "$tmp/err"
        continue
    fi
    if [ -z "$(synopsis "$cmd")" ]; then
        n=$((n + 1)) failed=$((failed + 1))
        echo "not ok $n - $cmd: no SYNOPSIS line in $man"
    fi
    check_help "$cmd" "$tmp/cmd"
done

echo "1..$n"
[ "$failed" -eq 0 ]
