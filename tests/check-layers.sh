#!/bin/sh
# The layer rule of doc/architecture.md, read from the #include lines of
# src/: a file may include headers of its own part and of the parts below
# it, never above.  Also: the parts below interact write nothing to stderr
# and never exit; math, lesson and trace print nothing at all (util's JSON
# writer writes to the stream it is given).
# Usage: check-layers.sh [SRC_DIR]   (TAP on stdout; exit 1 on a violation)
src=${1:-src}
cd "$src" || exit 1
# One awk over every file: fast enough to run on every test run.
find . -name '*.[ch]' | sed 's|^\./||' | LC_ALL=C sort | xargs awk '
BEGIN {
    n = split("util math lesson trace write render check class train interact cli web", order, " ")
    for (i = 1; i <= n; i++) rank[order[i]] = i
}
# The part a header path (as written in #include "...") belongs to; ""
# for a bare name (the includer'"'"'s own folder).
function part_of_header(h,    p) {
    if (h == "bptrace.h" || h == "config.h") return "cli" # the umbrella: every part
    if (h == "bptrace/error.h" || h == "bptrace/number.h") return "util"
    if (h == "bptrace/activation.h") return "math"
    if (h ~ /^bptrace\//) { p = h; sub(/^bptrace\//, "", p); sub(/\.h$/, "", p); return p }
    if (h ~ /\//) { p = h; sub(/\/.*/, "", p); return p }
    return ""
}
function part_of_file(f) {
    if (f ~ /^bptrace\//) return part_of_header(f)
    if (f ~ /\//) { sub(/\/.*/, "", f); return f }
    return "unknown"
}
function finish() {
    if (file == "" || file == "bptrace.h") return
    t++
    if (bad != "") { failed = 1; printf "not ok %d - %s (%s) includes or does what its part may not:%s\n", t, file, own, bad }
    else printf "ok %d - %s (%s)\n", t, file, own
}
FNR == 1 {
    finish()
    file = FILENAME; own = part_of_file(file); bad = ""
    if (!(own in rank) && file != "bptrace.h") bad = " not in a part folder"
    in_comment = 0
}
/^[ \t]*#[ \t]*include[ \t]*"/ {
    h = $0; sub(/^[^"]*"/, "", h); sub(/".*/, "", h)
    p = part_of_header(h); if (p == "") p = own
    if (!(p in rank) || rank[p] > rank[own]) bad = bad " " h "(" p ")"
}
{
    line = $0
    # comments do not count: drop /* ... */ on the line and lines inside one
    if (in_comment) { if (line ~ /\*\//) { sub(/.*\*\//, "", line); in_comment = 0 } else next }
    gsub(/\/\*([^*]|\*[^\/])*\*\//, "", line)
    if (line ~ /\/\*/) { sub(/\/\*.*/, "", line); in_comment = 1 }
    if (own != "cli" && own != "interact" && line ~ /stderr|(^|[^_a-z])exit *\(/)
        if (index(bad, "uses-stderr-or-exit") == 0) bad = bad " uses-stderr-or-exit"
    if ((own == "math" || own == "lesson" || own == "trace") && line ~ /(^|[^a-z_])(printf|puts|fputs|fprintf|putchar) *\(/)
        if (index(bad, "prints") == 0) bad = bad " prints"
}
END { finish(); printf "1..%d\n", t; exit failed }
'
