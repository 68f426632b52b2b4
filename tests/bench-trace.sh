#!/bin/sh
# bench-trace.sh BPTRACE LESSON: the whole process, start-up included, run
# 200 times; prints the mean time per run.
bptrace=$1 lesson=$2 runs=200
start=$(date +%s%N)
i=0
while [ $i -lt $runs ]; do
    "$bptrace" trace "$lesson" >/dev/null || exit 1
    i=$((i + 1))
done
end=$(date +%s%N)
echo "bptrace trace $lesson: $(( (end - start) / runs / 1000 )) us per run (mean of $runs)"
