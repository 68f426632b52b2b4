#!/bin/sh
# test-export.sh BPTRACE PART: bptrace export --format numpy|pytorch.
# Run from the source root.  TAP.  PART:
#   cli      the command line: usage errors, exercise lessons, -o whole or
#            not at all (no Python needed)
#   numpy    every network lesson's script (and variants) runs with python3
#            and numpy and passes its self-check; a tampered value fails it.
#            Skipped (77) without numpy (Debian: python3-numpy)
#   pytorch  the same with PyTorch where it is installed (python3-torch);
#            otherwise each script is at least compiled (py_compile).
#            Skipped (77) without python3
bptrace=${1:?usage: test-export.sh BPTRACE PART}
part=${2:?usage: test-export.sh BPTRACE PART}
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"

# The first python3 that has MODULE (a pyenv shim may hide Debian's).
find_python() {
    for p in python3 /usr/bin/python3; do
        if command -v "$p" >/dev/null 2>&1 &&
           "$p" -c "import $1" >/dev/null 2>&1; then
            echo "$p"; return 0
        fi
    done
    return 1
}

# The shipped lessons that have a network, and the test lessons with every
# activation, w_ji, fixed parameters, a unit without a bias, relu at 0.
network_lessons() {
    for f in lessons/*.yaml; do
        grep -q '^network:' "$f" && echo "$f"
    done
    echo tests/lessons/activations.yaml
    echo tests/lessons/relu-kink.yaml
}

# run_script PY FORMAT LESSON NAME [ARGS...]: export and run; the script
# must exit 0 and say that every value agrees
run_script() {
    py=$1 format=$2 lesson=$3 name=$4; shift 4
    if ! "$bptrace" export "$lesson" --format "$format" "$@" \
            -o "$dir/$name.py" 2>"$dir/err"; then
        not_ok "$name: export failed"; sed 's/^/# /' "$dir/err"; return
    fi
    "$py" "$dir/$name.py" >"$dir/$name.out" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ] && tail -n 1 "$dir/$name.out" |
            grep -q "^all [0-9]* values agree with bptrace's within 1e-12"; then
        ok "$name: $format script agrees with the trace"
    else
        not_ok "$name: $format script exits $rc"
        tail -n 5 "$dir/$name.out" | sed 's/^/# /'
    fi
}

case $part in
cli)
    ce=lessons/complete-example.yaml
    expect_exit 2 "export needs --format" export "$ce"
    check "  ... and says so" first_err_is \
        "bptrace: export needs --format (one of: moodle, qti, numpy, pytorch)"
    expect_exit 2 "an unknown format is a usage error" \
        export "$ce" --format fortran
    check "  ... naming the formats" first_err_is \
        "bptrace: unknown export format 'fortran' (expected one of: moodle, qti, numpy, pytorch)"
    expect_exit 2 "--format without a value" export "$ce" --format
    expect_exit 2 "an exercise lesson has no network" \
        export lessons/weight-update.yaml --format numpy -o "$dir/ex.py"
    check "  ... and says so" grep -q "is an exercise lesson" "$dir/err"
    check "  ... and writes no file" test ! -e "$dir/ex.py"
    expect_exit 0 "--format=pytorch and a lesson by name" \
        export complete-example --format=pytorch -o "$dir/t.py"
    check "  ... writes the script" grep -q '^E_torch.backward()' "$dir/t.py"
    expect_exit 3 "an output in a missing directory" \
        export "$ce" --format numpy -o "$dir/no/such/dir/x.py"
    check "  ... leaves nothing there" test ! -e "$dir/no"
    # The variant is the one trace --seed works: the same exact o_6.
    expect_exit 0 "--seed 7 exports variant 7" \
        export "$ce" --format numpy --seed 7 -o "$dir/v.py"
    check "  ... and says which" grep -q '^# Variant: --seed 7 ' "$dir/v.py"
    "$bptrace" trace "$ce" --seed 7 --format json >"$dir/v.json"
    exact=$(awk '/"name": "o_6"/ { f = 1 } f && /"exact"/ {
        sub(/.*"exact": /, ""); sub(/,.*/, ""); print; exit }' "$dir/v.json")
    check "  ... with trace --seed 7's o_6 ($exact)" \
        grep -q "^    \"o_6\": $exact," "$dir/v.py"
    check "  ... which is not the lesson's own" \
        sh -c '! grep -q "^    \"o_6\": 0.473888898823985" "$1"' sh "$dir/v.py"
    expect_exit 0 "export --help" export --help
    check "  ... names both formats" grep -q "pytorch" "$dir/out"
    ;;
numpy)
    py=$(find_python numpy) || { echo "1..0 # SKIP no python3 with numpy"; exit 0; }
    for f in $(network_lessons); do
        run_script "$py" numpy "$f" "$(basename "$f" .yaml)"
    done
    for seed in 1 7 123456789; do
        run_script "$py" numpy lessons/complete-example.yaml \
            "complete-example-seed-$seed" --seed "$seed"
    done
    run_script "$py" numpy lessons/softmax.yaml softmax-seed-3 --seed 3
    run_script "$py" numpy lessons/cross-entropy.yaml cross-entropy-seed-3 \
        --seed 3
    # Inputs labelled as Python words ("max", "in") become max_ and in_.
    sed -e 's/\bx1\b/max/g' -e 's/\bx2\b/in/g' \
        tests/lessons/activations.yaml >"$dir/keywords.yaml"
    run_script "$py" numpy "$dir/keywords.yaml" keywords
    check "  ... with the inputs renamed" grep -q '^in_ = 0.5  # in$' \
        "$dir/keywords.py"
    # The self-check can fail: one embedded value changed in its 12th
    # decimal, and the script exits 1 naming it.
    sed 's/^\(    "delta_4": -0\.00872456196\)5/\16/' \
        "$dir/complete-example.py" >"$dir/tampered.py"
    check "the tampered script differs in delta_4 only" \
        sh -c '[ "$(diff "$1" "$2" | grep -c "^>")" -eq 1 ]' sh \
        "$dir/complete-example.py" "$dir/tampered.py"
    "$py" "$dir/tampered.py" >"$dir/tampered.out" 2>&1
    rc=$?
    check "a tampered value fails the self-check (exit $rc)" [ "$rc" -eq 1 ]
    check "  ... naming it, unit by unit and in matrix form" sh -c \
        '[ "$(grep -c "differs from bptrace by more than 1e-12: delta_4$" "$1")" -eq 2 ]' \
        sh "$dir/tampered.out"
    ;;
pytorch)
    py=$(find_python sys) || { echo "1..0 # SKIP no python3"; exit 0; }
    torch=$(find_python torch) || torch=
    for f in $(network_lessons); do
        name=$(basename "$f" .yaml)-torch
        if [ -n "$torch" ]; then
            run_script "$torch" pytorch "$f" "$name"
        else
            "$bptrace" export "$f" --format pytorch -o "$dir/$name.py" &&
                check "$name: compiles (no torch: not run)" \
                    "$py" -m py_compile "$dir/$name.py"
        fi
    done
    if [ -n "$torch" ]; then
        run_script "$torch" pytorch lessons/complete-example.yaml \
            complete-example-seed-7-torch --seed 7
    else
        echo "# PyTorch is not installed (python3-torch): scripts compiled, not run"
    fi
    ;;
*)
    echo "Bail out! unknown part '$part'"; exit 1 ;;
esac
echo "1..$n"
[ "$failed" -eq 0 ]
