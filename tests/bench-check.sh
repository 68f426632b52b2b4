#!/bin/sh
# bench-check.sh BPTRACE: grade 1,000 answers files for lecture section 7
# in one run of bptrace check, with a CSV gradebook; prints the time, and
# fails above 1 s.  Then compares the peak memory of 100 and of 1,000
# files: each answers file is freed before the next is read, so it must
# not grow (measured with GNU time; skipped without it).
bptrace=$1 files=1000 limit_ms=1000
lesson=lessons/complete-example.yaml
dir=$(mktemp -d /tmp/bptrace-bench.XXXXXX) || exit 99
trap 'rm -rf "$dir"' EXIT

# 1,000 students: every planted mistake, ECF chain and partial sheet of
# tests/answers/complete-example/ in turn, each with its own id.
awk -v n=$files -v dir="$dir" '
    FNR == 1 { k++ }
    { line[k, FNR] = $0; len[k] = FNR }
    END {
        for (i = 0; i < n; i++) {
            f = sprintf("%s/s%04d.yaml", dir, i)
            s = i % k + 1
            for (j = 1; j <= len[s]; j++) {
                l = line[s, j]
                if (l ~ /^student:/)
                    l = sprintf("student: s%04d", i)
                print l > f
            }
            close(f)
        }
    }' tests/answers/complete-example/*.yaml || exit 99

start=$(date +%s%N)
"$bptrace" check "$lesson" "$dir"/s*.yaml --summary "$dir/grades.csv" \
    -o /dev/null
rc=$?
end=$(date +%s%N)
if [ "$rc" -ne 5 ]; then
    echo "bptrace check exited with $rc, expected 5 (some answers wrong)"
    exit 1
fi
rows=$(($(wc -l <"$dir/grades.csv") - 1))
ms=$(((end - start) / 1000000))
echo "bptrace check $lesson: $files answers files in $ms ms" \
     "($(((end - start) / files / 1000)) us each), $rows gradebook rows"
[ "$rows" -eq "$files" ] || { echo "expected $files rows"; exit 1; }
[ "$ms" -lt "$limit_ms" ] || { echo "slower than $limit_ms ms"; exit 1; }

# Peak memory, as GNU time measures it (not installed everywhere: skipped
# without it; a measurement from python would count python's own memory).
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 ||
    { echo "no GNU time: memory not measured"; exit 0; }
peak() { # peak KiB of checking the first $1 files
    /usr/bin/time -f %M -o "$dir/peak" "$bptrace" check "$lesson" \
        $(ls "$dir"/s*.yaml | head -n "$1") --summary /dev/null \
        -o /dev/null
    tail -n 1 "$dir/peak"
}
small=$(peak 100) large=$(peak $files)
echo "peak memory: $small KiB for 100 files, $large KiB for $files"
if [ "$large" -gt $((small + 512)) ]; then
    echo "memory grows with the number of files"
    exit 1
fi
