#!/bin/sh
# test-exports.sh LIBRARY SRCDIR: libbptrace.so exports the public API only.
#
# The library is built with -fvisibility=hidden, and the public headers
# (SRCDIR/src/bptrace/*.h) wrap their declarations in
# `#pragma GCC visibility push(default)` ... `pop`.  Every symbol the shared
# library defines must be a function declared there: an internal function
# that leaks out (a header outside src/bptrace/ with a pragma, or a missing
# -fvisibility=hidden) fails.  Each public function must also be exported.
# Exit 0 passes, 77 skips (no nm or cc).
lib=$1 srcdir=$2
for tool in nm "${CC:-cc}"; do
    command -v "$tool" >/dev/null 2>&1 ||
        { echo "1..0 # SKIP $tool is not on PATH"; exit 0; }
done
[ -f "$lib" ] && [ -d "$srcdir/src/bptrace" ] || {
    echo "usage: test-exports.sh LIBRARY SRCDIR"; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# Declared: a bp_ name followed by "(" in the public headers, comments
# removed by the preprocessor, includes left alone (a function pointer
# type, "(*bp_x)(", and a member "bp_status (*render)(" do not match).
cat "$srcdir"/src/bptrace/*.h | ${CC:-cc} -fpreprocessed -dD -E -P -x c - |
    grep -o '\bbp_[a-z0-9_]*[[:space:]]*([^*]' | sed 's/[[:space:]]*(.$//' |
    sort -u >"$tmp/declared"
# Exported: every symbol the library defines (functions and data).
nm -D --defined-only "$lib" | awk '{ print $NF }' | sort -u >"$tmp/exported"

[ -s "$tmp/declared" ] && ok "the public headers declare $(wc -l <"$tmp/declared") functions" ||
    not_ok "no bp_ function found in $srcdir/src/bptrace/*.h"
[ -s "$tmp/exported" ] && ok "the library exports $(wc -l <"$tmp/exported") symbols" ||
    not_ok "nm -D finds nothing in $lib"

# none FILE WHAT: passes when FILE is empty, else fails listing its lines
none() {
    if [ -s "$1" ]; then
        not_ok "$(wc -l <"$1") $2"
        sed 's/^/#   /' "$1"
    else
        ok "no $2"
    fi
}
comm -23 "$tmp/exported" "$tmp/declared" >"$tmp/extra"
none "$tmp/extra" "exported symbols not declared in src/bptrace/*.h"
comm -13 "$tmp/exported" "$tmp/declared" >"$tmp/missing"
none "$tmp/missing" "public functions not exported"
echo "1..$n"
[ "$failed" -eq 0 ]
