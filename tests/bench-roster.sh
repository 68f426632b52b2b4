#!/bin/sh
# bench-roster.sh BPTRACE: bptrace worksheet --roster, 1,000 students for
# lecture section 7 (a worksheet, a key and an answers file each, the
# lesson's copy and the manifest: 3,002 files); prints the time, and fails
# above 2 s.  Then checks the first student's answers file against the
# manifest, so that the files timed are the real ones.
bptrace=$1 students=1000 limit_ms=2000
lesson=lessons/complete-example.yaml
dir=$(mktemp -d /tmp/bptrace-bench.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT
i=1
while [ $i -le $students ]; do printf 's%04d\n' $i; i=$((i + 1)); done \
    >"$dir/roster.txt"

start=$(date +%s%N)
"$bptrace" worksheet "$lesson" --roster "$dir/roster.txt" --output-dir "$dir/out"
rc=$?
end=$(date +%s%N)
[ "$rc" -eq 0 ] || { echo "bptrace roster exited with $rc"; exit 1; }
files=$(ls "$dir/out" | wc -l)
ms=$(((end - start) / 1000000))
echo "bptrace roster $lesson: $students students, $files files in $ms ms" \
     "($(((end - start) / students / 1000)) us a student)"
[ "$files" -eq $((3 * students + 2)) ] ||
    { echo "expected $((3 * students + 2)) files"; exit 1; }
"$bptrace" check --manifest "$dir/out/manifest.yaml" \
    "$dir/out/s0001.answers.yaml" >/dev/null
[ $? -eq 5 ] || { echo "the unfilled answers file did not check as wrong"; exit 1; }
[ "$ms" -lt "$limit_ms" ] || { echo "slower than $limit_ms ms"; exit 1; }
