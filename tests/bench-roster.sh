#!/bin/sh
# bench-roster.sh BPTRACE: bptrace worksheet --roster, 1,000 students for
# lecture section 7 (a worksheet, a key and an answers file each, the
# lesson's copy and the manifest: 3,002 files); prints the time, and fails
# above 2 s.  Then checks the first student's answers file against the
# manifest, so that the files timed are the real ones.
bptrace=$1 students=1000 limit_ms=2000
lesson=lessons/complete-example.yaml
# In memory (/dev/shm) where there is one: what is timed is bptrace, not
# the disk (this machine's disk alone takes some 2.6 s to create 3,000
# small files, measured without bptrace).  BENCH_TMPDIR=/tmp times both.
tmp=${BENCH_TMPDIR:-/tmp}
[ -z "$BENCH_TMPDIR" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && tmp=/dev/shm
dir=$(mktemp -d "$tmp/bptrace-bench.XXXXXX") || exit 99
trap 'rm -rf "$dir"' EXIT
i=1
while [ $i -le $students ]; do printf 's%04d\n' $i; i=$((i + 1)); done \
    >"$dir/roster.txt"

# GNU time, where installed, also gives the CPU time, which a machine
# busy with other work does not stretch as it does the wall-clock time.
timer=
[ -x /usr/bin/time ] && /usr/bin/time -f %U true >/dev/null 2>&1 &&
    timer="/usr/bin/time -f %U+%S -o $dir/cpu"
start=$(date +%s%N)
$timer "$bptrace" worksheet "$lesson" --roster "$dir/roster.txt" \
    --output-dir "$dir/out"
rc=$?
end=$(date +%s%N)
[ "$rc" -eq 0 ] || { echo "bptrace roster exited with $rc"; exit 1; }
files=$(ls "$dir/out" | wc -l)
ms=$(((end - start) / 1000000))
echo "bptrace worksheet --roster $lesson: $students students, $files files" \
     "in $tmp in $ms ms ($(((end - start) / students / 1000)) us a student)"
[ -n "$timer" ] && echo "CPU time (user+system): $(cat "$dir/cpu") s;" \
    "load average: $(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null)"
[ "$files" -eq $((3 * students + 2)) ] ||
    { echo "expected $((3 * students + 2)) files"; exit 1; }
"$bptrace" check --manifest "$dir/out/manifest.yaml" \
    "$dir/out/s0001.answers.yaml" >/dev/null
[ $? -eq 5 ] || { echo "the unfilled answers file did not check as wrong"; exit 1; }
[ "$ms" -lt "$limit_ms" ] || { echo "slower than $limit_ms ms"; exit 1; }
