#!/bin/sh
# The layer rule of doc/architecture.md, read from the #include lines of
# src/: a file may include headers of its own part and of the parts below
# it, never above.  Also: the parts below cli print nothing to stderr and
# never exit; math, lesson and trace print nothing at all (util's JSON
# writer writes to the stream it is given).
# Usage: check-layers.sh [SRC_DIR]   (TAP on stdout; exit 1 on a violation)
src=${1:-src}
order="util math lesson trace write render check class train interact cli web"

rank() { # part name -> its place in $order (1 = lowest); 0 if unknown
    i=1
    for p in $order; do
        [ "$p" = "$1" ] && { echo $i; return; }
        i=$((i + 1))
    done
    echo 0
}

# The part a header path (as written in #include "...") belongs to.
part_of_header() {
    case $1 in
    bptrace.h) echo cli ;;          # the umbrella: every part at once
    bptrace/error.h | bptrace/number.h) echo util ;;
    bptrace/activation.h) echo math ;;
    bptrace/render.h) echo render ;;
    bptrace/*.h) h=${1#bptrace/}; echo "${h%.h}" ;;
    config.h) echo cli ;;
    */*) echo "${1%%/*}" ;;
    *) echo "" ;;                   # a bare name: the includer's own folder
    esac
}

n=0
fail=0
for file in $(cd "$src" && find . -name '*.[ch]' | sed 's|^\./||' | sort); do
    case $file in
    bptrace.h) continue ;;          # the umbrella itself
    bptrace/*) own=$(part_of_header "$file") ;;
    */*) own=${file%%/*} ;;
    *) own=unknown ;;
    esac
    own_rank=$(rank "$own")
    if [ "$own_rank" = 0 ]; then
        n=$((n + 1)); fail=1
        echo "not ok $n - $file: not in a part folder ($order)"
        continue
    fi
    bad=""
    for inc in $(sed -n 's/^[ \t]*#[ \t]*include[ \t]*"\([^"]*\)".*/\1/p' "$src/$file"); do
        part=$(part_of_header "$inc")
        [ -z "$part" ] && part=$own
        r=$(rank "$part")
        if [ "$r" = 0 ] || [ "$r" -gt "$own_rank" ]; then
            bad="$bad $inc($part)"
        fi
    done
    # what only cli may do; and below write, no printing at all
    if [ "$own" != cli ] && [ "$own" != interact ]; then
        grep -n 'stderr\|[^_a-z]exit *(' "$src/$file" | grep -v '^\s*[0-9]*:\s*/\?\*' >/dev/null &&
            bad="$bad uses-stderr-or-exit"
    fi
    if [ "$own_rank" -ge "$(rank math)" ] && [ "$own_rank" -le "$(rank trace)" ]; then
        grep -n '[^a-z_]\(printf\|puts\|fputs\|fprintf\|putchar\) *(' "$src/$file" >/dev/null &&
            bad="$bad prints"
    fi
    n=$((n + 1))
    if [ -n "$bad" ]; then
        fail=1
        echo "not ok $n - $file ($own) includes or does what its part may not:$bad"
    else
        echo "ok $n - $file ($own)"
    fi
done
echo "1..$n"
exit $fail
