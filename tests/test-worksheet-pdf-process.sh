#!/bin/sh
# worksheet --pdf without the real pdflatex: with none on PATH (a warning,
# the .tex files, exit 0), and with stand-ins on PATH that record how they
# were run (no shell, the options, /dev/null as input, a private
# directory), ask for a second run, fail on one student, hang, or are
# interrupted; and the usage errors.
# Usage: test-worksheet-pdf-process.sh BPTRACE SRCDIR
bptrace=$1 src=$2
dir=$(mktemp -d /tmp/bptrace-pdfproc.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
mkdir "$dir/none" "$dir/fake" "$dir/tmp"
export TMPDIR="$dir/tmp" # where bptrace makes pdflatex's directory
printf 'amy\nben.k,Ben K\ncy-3\n' >"$dir/roster.csv"
out="$dir/class 'A' \"1\"" # a name no shell could be handed safely
empty_tmp() { [ -z "$(ls -A "$dir/tmp")" ]; }

# --- no pdflatex on PATH ---
warning="bptrace: warning: no pdflatex on PATH: the .tex files are written, the PDFs are not (pdflatex comes with texlive-latex-base)"
PATH="$dir/none" "$bptrace" worksheet complete-example --roster \
    "$dir/roster.csv" --output-dir "$out" --format latex --pdf \
    >"$dir/out" 2>"$dir/err"
check "no pdflatex: a roster exits 0" [ $? -eq 0 ]
check "no pdflatex: one line says so" \
    sh -c '[ "$(wc -l <"$1")" -eq 1 ] && [ "$(cat "$1")" = "$2" ]' sh "$dir/err" "$warning"
check "no pdflatex: the .tex files" \
    test -s "$out/amy.worksheet.tex" -a -s "$out/cy-3.key.tex" -a -s "$out/manifest.yaml"
check "no pdflatex: no PDF" sh -c '! ls "$1" | grep -q "\.pdf$"' sh "$out"
PATH="$dir/none" "$bptrace" worksheet complete-example --format latex \
    --pdf -o "$dir/one.pdf" >"$dir/out" 2>"$dir/err"
check "no pdflatex: one worksheet exits 0" [ $? -eq 0 ]
check "no pdflatex: one.tex, no one.pdf" test -s "$dir/one.tex" -a ! -e "$dir/one.pdf"
check "no pdflatex: the same line" \
    sh -c '[ "$(cat "$1")" = "$2" ]' sh "$dir/err" "$warning"
rm -rf "$out"

# --- a stand-in that records each run and makes a "PDF" ---
cat >"$dir/fake/pdflatex" <<'EOF'
#!/bin/sh
for last; do :; done
base=${last%.tex}
printf '%s|%s|%s|%s\n' "$*" "$(readlink /proc/$$/fd/0)" "$PWD" \
    "$(stat -c %a .)" >>"$FAKE_CALLS"
# what it was handed beyond 0, 1 and 2 that is bptrace's (not the script)
for fd in /proc/$$/fd/*; do
    case ${fd##*/} in 0|1|2) ;; *) readlink "$fd" ;; esac
done | grep -e '^/dev/null$' -e '\.stdout$' >>"$FAKE_CALLS.fds"
case $FAKE in
fail) if grep -q 'Student:.*ben\.k' "$last" && grep -q 'Answer key' "$last"; then
          printf 'This is a stand-in.\n! Undefined control sequence.\nl.9 \\oops\n' >"$base.log"
          exit 1
      fi ;;
hang) sleep 300 & echo $! >"$FAKE_CALLS.child"
      : >"$FAKE_CALLS.started"; exec sleep 30 ;;
rerun) echo "LaTeX Warning: Label(s) may have changed. Rerun to get cross-references right." >"$base.log" ;;
esac
printf '%%PDF-1.5 stand-in for %s\n' "$base" >"$base.pdf"
EOF
chmod +x "$dir/fake/pdflatex"
export FAKE_CALLS="$dir/calls"
fake_run() { # fake_run MODE ARGS...: bptrace with the stand-in on PATH
    mode=$1; shift
    : >"$FAKE_CALLS"
    FAKE=$mode PATH="$dir/fake:$PATH" "$bptrace" "$@" >"$dir/out" 2>"$dir/err"
}
fake_run ok worksheet complete-example --roster "$dir/roster.csv" \
    --output-dir "$out" --format latex --pdf
check "stand-in: exit 0, no message" [ $? -eq 0 -a ! -s "$dir/err" ]
check "stand-in: once for each of 6 sheets and 2 class PDFs" \
    [ "$(wc -l <"$dir/calls")" -eq 8 ]
check "stand-in: the options, our own file names" \
    sh -c '[ "$(cut -d"|" -f1 "$1" | sort | uniq -c | tr -s " ")" = "$(printf " 2 -interaction=nonstopmode -halt-on-error -no-shell-escape class.tex\n 6 -interaction=nonstopmode -halt-on-error -no-shell-escape sheet.tex")" ]' sh "$dir/calls"
check "stand-in: input from /dev/null" \
    sh -c '[ "$(cut -d"|" -f2 "$1" | sort -u)" = /dev/null ]' sh "$dir/calls"
check "stand-in: in one private directory under TMPDIR" \
    sh -c 'cut -d"|" -f3,4 "$1" | sort -u >"$1.dirs"; [ "$(wc -l <"$1.dirs")" -eq 1 ] && grep -q "^$2/bptrace-pdf-[^/]*|700$" "$1.dirs"' \
    sh "$dir/calls" "$dir/tmp"
check "stand-in: every PDF in place" \
    test -s "$out/amy.worksheet.pdf" -a -s "$out/ben.k.key.pdf" -a \
    -s "$out/all-worksheets.pdf" -a -s "$out/all-keys.pdf"
check "stand-in: each student's own PDF" \
    grep -q "stand-in for sheet" "$out/cy-3.key.pdf"
check "stand-in: private directory removed" empty_tmp
check "stand-in: no descriptor of bptrace's beyond 0, 1 and 2" \
    test ! -s "$FAKE_CALLS.fds"
rm -rf "$out"

fake_run rerun worksheet complete-example --roster "$dir/roster.csv" \
    --output-dir "$out" --format latex --pdf
check "a log asking for a rerun: each file run twice, no more" \
    [ $? -eq 0 -a "$(wc -l <"$dir/calls")" -eq 16 ]
rm -rf "$out"

# --- pdflatex fails on one student's key ---
fake_run fail worksheet complete-example --roster "$dir/roster.csv" \
    --output-dir "$out" --format latex --pdf
check "a LaTeX failure: exit 3" [ $? -eq 3 ]
check "it names the student and the error" first_err_is \
    "bptrace: pdflatex failed on the key of student 'ben.k' (line 2 of the roster): ! Undefined control sequence."
log=$(sed -n 's/^bptrace: its log is kept: \(.*\) (the LaTeX beside it)$/\1/p' "$dir/err")
check "the log it names is kept" grep -q "Undefined control" "$log"
check "the LaTeX beside it" grep -q "ben\.k" "${log%.log}.tex"
check "only those two are kept" [ "$(ls "$(dirname "$log")" | wc -l)" -eq 2 ]
check "nothing written" test ! -e "$out"
check "no hidden directory left" sh -c '! ls -a "$1" | grep -q "^\.class"' sh "$dir"
rm -rf "$dir/tmp"/*

# --- pdflatex hangs: stopped at BPTRACE_PDF_TIMEOUT ---
export BPTRACE_PDF_TIMEOUT=1
fake_run hang worksheet complete-example --format latex --pdf \
    -o "$dir/hang.tex"
check "a hang: exit 3" [ $? -eq 3 ]
unset BPTRACE_PDF_TIMEOUT
check "a hang: stopped, and it says so" first_err_is \
    "bptrace: pdflatex took longer than 1 s on the worksheet and was stopped (BPTRACE_PDF_TIMEOUT sets the limit)"
check "a hang: nothing written" test ! -e "$dir/hang.tex" -a ! -e "$dir/hang.pdf"
check "a hang: what pdflatex started is stopped too" \
    sh -c 'case $(ps -o stat= -p "$(cat "$1")") in ""|Z*) ;; *) exit 1 ;; esac' \
    sh "$FAKE_CALLS.child" # gone, or a zombie left for init to reap
rm -rf "$dir/tmp"/*

# --- interrupted while pdflatex runs: nothing left anywhere ---
: >"$FAKE_CALLS"; rm -f "$FAKE_CALLS.started"
FAKE=hang PATH="$dir/fake:$PATH" "$bptrace" worksheet complete-example \
    --roster "$dir/roster.csv" --output-dir "$out" --format latex --pdf \
    2>"$dir/err" &
pid=$!
i=0
while [ ! -e "$FAKE_CALLS.started" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
kill -TERM $pid
wait $pid
check "SIGTERM: dies of it" [ $? -eq 143 ]
check "SIGTERM: no roster directory, hidden or not" \
    sh -c '! ls -a "$1" | grep -q "^\.\?class"' sh "$dir"
check "SIGTERM: pdflatex's directory removed" empty_tmp

# --- usage ---
expect_exit 2 "--pdf without --format latex" worksheet complete-example \
    --pdf -o "$dir/u.tex"
check "says so" first_err_is "bptrace: --pdf goes with --format latex"
expect_exit 2 "--pdf without -o" worksheet complete-example --format latex --pdf
check "says so" first_err_is \
    "bptrace: --pdf writes NAME.tex and NAME.pdf: give -o NAME.tex (or -o NAME.pdf)"
expect_exit 2 "--pdf with --fragment" worksheet complete-example \
    --format latex --fragment --pdf -o "$dir/u.tex"
expect_exit 2 "--two-sided without --roster" worksheet complete-example \
    --format latex --pdf --two-sided -o "$dir/u.tex"
export BPTRACE_PDF_TIMEOUT=0
expect_exit 2 "BPTRACE_PDF_TIMEOUT=0" worksheet complete-example \
    --format latex --pdf -o "$dir/u.tex"
unset BPTRACE_PDF_TIMEOUT
cp "$src/lessons/complete-example.yaml" "$dir/lesson.pdf"
expect_exit 2 "the PDF would be the lesson" worksheet "$dir/lesson.pdf" \
    --format latex --pdf -o "$dir/lesson.tex"
check "says so" first_err_is \
    "bptrace: the PDF '$dir/lesson.pdf' is the lesson '$dir/lesson.pdf': refusing to overwrite an input"
check "the lesson is intact" cmp -s "$dir/lesson.pdf" "$src/lessons/complete-example.yaml"
echo "my own notes" >"$dir/notes.tex"
expect_exit 2 "-o NAME.pdf beside a NAME.tex of the user's" worksheet \
    complete-example --format latex --pdf -o "$dir/notes.pdf"
check "says so" first_err_is \
    "bptrace: --pdf -o '$dir/notes.pdf' also writes '$dir/notes.tex', which exists: give -o '$dir/notes.tex' to replace it, or another name"
check "the user's .tex is intact" grep -qx "my own notes" "$dir/notes.tex"
mkdir "$dir/x.pdf"
fake_run ok worksheet complete-example --format latex --pdf -o "$dir/x.tex"
check "a .pdf that cannot be written: exit 3" [ $? -eq 3 ]
check "... and no .tex without it" test ! -e "$dir/x.tex"
check "... found before pdflatex runs" test ! -s "$FAKE_CALLS"
echo "1..$n"
[ "$failed" -eq 0 ]
