# in-order.awk: numbers of a trace, found as whole numbers in a document.
#   mode=order: VALUES (name TAB number) DOC: the numbers DOC writes, in the
#     order DOC first writes them (name TAB number)
#   mode=check: ORDER DOC: each number of ORDER is in DOC at or after the
#     one before it; exits 1 naming the first that is not
# A number is whole where it is not part of a longer one: 0.2 is not in
# 0.2494, nor 1 in 12.
function find(doc, v, from,    p, at, before, after) {
    while (from <= length(doc)) {
        p = index(substr(doc, from), v)
        if (!p)
            return 0
        at = from + p - 1
        before = at > 1 ? substr(doc, at - 1, 1) : ""
        after = substr(doc, at + length(v), 2)
        if (before !~ /[0-9.]/ && after !~ /^[0-9]/ && after !~ /^\.[0-9]/)
            return at
        from = at + 1
    }
    return 0
}
BEGIN { FS = "\t" }
NR == FNR { name[++n] = $1; value[n] = $2; next }
{ doc = doc $0 "\n" }
END {
    if (mode == "order") {
        for (i = 1; i <= n; i++)
            if ((p = find(doc, value[i], 1)))
                print p "\t" name[i] "\t" value[i] | "sort -n -s -k1,1 | cut -f2-"
        exit 0
    }
    from = 1
    for (i = 1; i <= n; i++) {
        p = find(doc, value[i], from)
        if (!p) {
            print "# " name[i] " = " value[i] " not found after offset " from
            exit 1
        }
        from = p
    }
}
