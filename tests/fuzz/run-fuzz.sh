#!/bin/sh
# run-fuzz.sh BUILD_DIR SECONDS [TARGET...]: runs each libFuzzer target
# (default: lesson render answers check) of a build made with -Dfuzz=true for SECONDS,
# starting from the seed corpus and the lesson dictionary.  New inputs go
# to BUILD_DIR/fuzz-corpus-TARGET (kept between runs), a finding to
# BUILD_DIR/fuzz-findings/; any finding fails the script.  A finding is a
# bug: fix it, then add the input to tests/fuzz/corpus as a regression case.
set -u
build=${1:?usage: run-fuzz.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: run-fuzz.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
[ $# -gt 0 ] || set -- lesson render answers check
src=$(cd "$(dirname "$0")" && pwd)
findings=$build/fuzz-findings
# The seeds: answers files for the answers and check targets, lessons for the others.
seeds() { case $1 in answers|check) echo corpus-answers ;; *) echo corpus ;; esac; }
mkdir -p "$findings"
failed=0
for target in "$@"; do
    exe=$build/tests/fuzz_$target
    if [ ! -x "$exe" ]; then
        echo "run-fuzz: $exe not found (meson setup with -Dfuzz=true)" >&2
        exit 2
    fi
    corpus=$build/fuzz-corpus-$target
    mkdir -p "$corpus"
    echo "== fuzz_$target for ${seconds}s"
    # -timeout: an input that takes 10 s is a finding (a hang), as is one
    # that needs more than 2 GB.
    if ! "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -max_len=8192 -dict="$src/lesson.dict" \
            -artifact_prefix="$findings/$target-" -print_final_stats=1 \
            "$corpus" "$src/$(seeds "$target")" 2>"$build/fuzz-$target.log"; then
        failed=1
        tail -n 60 "$build/fuzz-$target.log" >&2
        echo "run-fuzz: fuzz_$target found a bug; the input is in $findings/" >&2
    fi
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done ' \
        "$build/fuzz-$target.log" || true
done
exit $failed
