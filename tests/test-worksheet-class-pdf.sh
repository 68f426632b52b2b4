#!/bin/sh
# worksheet --pdf through the real pdflatex: a roster of three into a
# directory whose name has spaces and quotes: each student's worksheet and
# key PDF, and the class PDFs all-worksheets.pdf and all-keys.pdf, whose
# page counts are the sum of the students', each student from a new page
# (from an odd one with --two-sided), the students in the roster's order,
# and each key with its student's own numbers.  Then one worksheet.
# Skipped without pdflatex, pdfinfo or pdftotext (poppler-utils).
# Usage: test-worksheet-class-pdf.sh BPTRACE SRCDIR
bptrace=$1 src=$2
for tool in pdflatex pdfinfo pdftotext; do
    command -v $tool >/dev/null 2>&1 || { echo "1..0 # SKIP no $tool"; exit 0; }
done
dir=$(mktemp -d /tmp/bptrace-classpdf.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
here=$(dirname "$0")

pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
# page_of PDF TEXT: the first page of PDF whose text has TEXT (pdftotext
# ends each page with a form feed)
page_of() {
    pdftotext "$1" - | awk -v RS='\f' -v t="$2" 'index($0, t) { print NR; found = 1; exit }
        END { if (!found) print 0 }'
}

printf 'id,name\namy\nben.k,Ben K\ncy-3,Cy O'"'"'Neil\n' >"$dir/roster.csv"
out="$dir/class 'A' \"1\""
mkdir "$dir/tmp" && export TMPDIR="$dir/tmp" # pdflatex's directory in it
expect_exit 0 "a roster of three with --pdf" worksheet complete-example \
    --roster "$dir/roster.csv" --output-dir "$out" --format latex --pdf
check "no message" test ! -s "$dir/err"
for id in amy ben.k cy-3; do
    for kind in worksheet key; do
        check "$id.$kind.pdf and .tex" \
            test -s "$out/$id.$kind.pdf" -a -s "$out/$id.$kind.tex"
    done
done
check "pdflatex's directory removed" sh -c '[ -z "$(ls -A "$1")" ]' sh "$dir/tmp"

# Each class PDF: the students' pages in order, each from a new page.
for kind in worksheet key; do
    all="$out/all-${kind}s.pdf"
    total=0 ok=yes
    for id in amy ben.k cy-3; do
        np=$(pages "$out/$id.$kind.pdf")
        [ "${np:-0}" -ge 1 ] || ok=no
        at=$(page_of "$all" "Student: $id")
        [ "$at" -eq $((total + 1)) ] || { ok=no; echo "# $id's $kind starts on page $at, not $((total + 1))"; }
        total=$((total + np))
    done
    check "all-${kind}s.pdf: each student from a new page, in order" [ $ok = yes ]
    check "all-${kind}s.pdf has their $total pages" [ "$(pages "$all")" -eq "$total" ]
done
pdftotext "$out/all-worksheets.pdf" "$dir/ws.txt"
pdftotext "$out/all-keys.pdf" "$dir/keys.txt"
check "the ids in the roster's order" \
    sh -c '[ "$(grep -o "^Student: [^ ]*" "$1" | tr "\n" " ")" = "Student: amy Student: ben.k Student: cy-3 " ]' sh "$dir/ws.txt"
check "the worksheets are no keys" \
    sh -c '[ "$(grep -c "^Worksheet:" "$1")" = 3 ] && ! grep -q "^Answer key" "$1"' sh "$dir/ws.txt"
check "the keys are keys" \
    sh -c '[ "$(grep -c "^Answer key" "$1")" = 3 ]' sh "$dir/keys.txt"
# Each key has its student's own w46(new), as the trace of the variant
# (a minus sign in the PDF's text is U+2212).
: >"$dir/order"
for id in amy ben.k cy-3; do
    seed=$(sed -n "s/^  \"$id\": {seed: \([0-9]*\),.*/\1/p" "$out/manifest.yaml")
    w46=$("$bptrace" trace "$out/lesson.yaml" --seed "$seed" |
        sed -n 's/^ *w₄₆(new) = .* = \([-0-9.]*\)$/\1/p' | sed 's/^-/−/')
    printf 'id\tStudent: %s\nw46\t%s\n' "$id" "$w46" >>"$dir/order"
done
check "each key has its student's w46(new), in order" \
    awk -f "$here/in-order.awk" -v mode=check "$dir/order" "$dir/keys.txt"

# --two-sided: a 3-page sheet is followed by a blank page.
head -n 3 "$dir/roster.csv" >"$dir/two.csv"
expect_exit 0 "--two-sided" worksheet complete-example \
    --roster "$dir/two.csv" --output-dir "$dir/duplex" --format latex \
    --pdf --two-sided
start=1 ok=yes
for id in amy ben.k; do
    at=$(page_of "$dir/duplex/all-worksheets.pdf" "Student: $id")
    [ "$at" -eq "$start" ] && [ $((at % 2)) -eq 1 ] || { ok=no; echo "# $id starts on page $at, not $start"; }
    np=$(pages "$dir/duplex/$id.worksheet.pdf")
    start=$((start + np + np % 2))
done
check "--two-sided: blank pages only between students" \
    [ "$(pages "$dir/duplex/all-worksheets.pdf")" -eq $((start - 1 - np % 2)) ]
check "--two-sided: each student from an odd page" [ $ok = yes ]

# One worksheet: -o NAME.pdf writes NAME.tex and NAME.pdf.
expect_exit 0 "one worksheet with --pdf" worksheet complete-example \
    --format latex --pdf --key -o "$dir/one key.pdf"
check "NAME.tex beside NAME.pdf" test -s "$dir/one key.tex"
check "its PDF is the key" \
    sh -c 'pdftotext "$1" - | grep -q "^Answer key"' sh "$dir/one key.pdf"
echo "1..$n"
[ "$failed" -eq 0 ]
