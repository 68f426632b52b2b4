#!/bin/sh
# test-train-data.sh BPTRACE: bptrace train --data: a generated data set
# (three Gaussian blobs, drawn by python3's random with seed 7) trains to a
# stated held-out accuracy; --test, --split, --standardize, --one-hot,
# --columns; a wide lesson ('units: N'); and one case per kind of bad CSV,
# each with its message at file:line:column.  Run from the source root.
# Prints TAP.  Needs python3 (skipped without it).
bptrace=$1
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 absent"; exit 0; }
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"

contains() { grep -qF -- "$1" "$dir/out" || { echo "# not found: $1"; return 1; }; }
err_has() { grep -qF -- "$1" "$dir/err" || { echo "# not in stderr: $1"; sed 's/^/#   /' "$dir/err"; return 1; }; }

# ---- a lesson of 2 inputs, 8 hidden units, 3 classes ----
cat >"$dir/blobs.yaml" <<'EOF'
title: "Three blobs"
source: "tests/test-train-data.sh"
network:
  layers:
    - units: [x1, x2]
    - units: 8
      activation: sigmoid
    - units: 3
      activation: softmax
loss: cross-entropy
learning_rate: 0.1
training:
  epochs: 60
  init: {range: [-0.5, 0.5], seed: 3}
EOF

# blobs N SEED: N points around (0, 0), (3, 0) and (0, 3), sd 0.8, in
# random order, with a class column
blobs() {
    python3 - "$1" "$2" <<'PY'
import random, sys
n, seed = int(sys.argv[1]), int(sys.argv[2])
r = random.Random(seed)
centres = {"a": (0, 0), "b": (3, 0), "c": (0, 3)}
print("x1,x2,class")
for i in range(n):
    c = r.choice("abc")
    print("%.4f,%.4f,%s" % (r.gauss(centres[c][0], 0.8),
                            r.gauss(centres[c][1], 0.8), c))
PY
}
blobs 600 7 >"$dir/blobs.csv"
blobs 300 8 >"$dir/blobs-test.csv"

# the accuracy of the last listed epoch, as a percentage: "97.3"
last_accuracy() {
    sed -n 's/.*([0-9]*\/[0-9]* (\([0-9.]*\)%).*/\1/p; s/.* [0-9]*\/[0-9]* (\([0-9.]*\)%) .*/\1/p' \
        "$dir/out" | tail -n 1
}
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }' ||
    { echo "# $1 < $2"; return 1; }; }

expect_exit 0 "blobs: --data --test --one-hot" \
    train "$dir/blobs.yaml" --data "$dir/blobs.csv" --test "$dir/blobs-test.csv" --one-hot class
check "the examples' source is stated" contains "Examples: 600 for training (from $dir/blobs.csv), 300 held out for testing (from $dir/blobs-test.csv)"
check "the classes are stated" contains "Classes (one-hot):"
check "the epoch table has the held-out columns" contains "E (test)   Accuracy (test)"
check "the held-out accuracy reaches 95%" at_least "$(last_accuracy)" 95
check "the curve has the test error" contains "E (test)"
check "the report ends with why training stopped" contains "Stopped: the maximum of 60 epochs was reached"
check "no weight table for a data set" sh -c "! grep -qx 'Weights' '$dir/out'"
check "no table of every example's outputs" sh -c "! grep -q 'Outputs on every training example' '$dir/out'"

expect_exit 0 "blobs: --split 0.25 --seed 5 --standardize" \
    train "$dir/blobs.yaml" --data "$dir/blobs.csv" --split 0.25 --seed 5 --one-hot class --standardize
check "the split is stated" contains "450 for training (from $dir/blobs.csv), 150 held out for testing (--split 0.25: drawn with seed 5)"
check "standardising is stated" contains "Inputs: standardised"
check "the held-out accuracy reaches 95% (split)" at_least "$(last_accuracy)" 95

expect_exit 0 "blobs: --format csv has the test columns" \
    train "$dir/blobs.yaml" --data "$dir/blobs.csv" --test "$dir/blobs-test.csv" --one-hot class --format csv
check "csv header" contains "learning_rate,epoch,error,validation_error,wrong,test_error,test_right"

# --columns maps other names, and leaves one out
{ echo "a,b,ignored,class"; tail -n +2 "$dir/blobs.csv" | sed 's/,\([abc]\)$/,0,\1/'; } >"$dir/renamed.csv"
expect_exit 0 "--columns a=x1,b=x2,ignored=-" \
    train "$dir/blobs.yaml" --data "$dir/renamed.csv" --columns a=x1,b=x2,ignored=- --one-hot class --epochs 2
check "the renamed file trains as the original" contains "Examples: 600 for training"

# ---- a wide lesson: 'units: N', wider than a trace ----
python3 - "$dir/wide.csv" <<'PY'
import random, sys
r = random.Random(1)
with open(sys.argv[1], "w") as f:
    f.write(",".join("x%d" % i for i in range(1, 101)) + ",o1\n")
    for d in range(20):
        xs = [r.random() for _ in range(100)]
        f.write(",".join("%.3f" % x for x in xs) + ",%d\n" % (sum(xs) > 50))
PY
cat >"$dir/wide.yaml" <<'EOF'
title: "Wide"
source: "tests/test-train-data.sh"
network:
  layers:
    - units: 100
    - units: 100
    - units: 1
learning_rate: 0.1
training:
  epochs: 3
  init: {range: [-0.05, 0.05], seed: 1}
EOF
expect_exit 0 "a lesson of 100 units a layer trains" train "$dir/wide.yaml" --data "$dir/wide.csv"
check "it says why the first iteration is not derived" contains "Iteration 1 is not derived: the network has a layer of 100 units, and a"
{ sed '/^training:/,$d' "$dir/wide.yaml"
  python3 -c 'print("example: {inputs: [%s], targets: [0]}" % ", ".join(["0"] * 100))'; } >"$dir/wide-example.yaml"
expect_exit 1 "trace keeps its own limit" trace "$dir/wide-example.yaml"
check "with a message that says so" err_has "too many units in one layer (the limit is 64 for a trace; bptrace train takes up to 4096)"
expect_exit 2 "a lesson without examples needs --data" train "$dir/wide.yaml"
check "and says so" err_has "has no examples: train it on a data file with --data FILE.csv"

# ---- Iris (doc/training.md), when python3-sklearn ships it ----
iris=/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv
if [ -r "$iris" ]; then
    cat >"$dir/iris.yaml" <<'EOF'
title: "Iris: four measurements, three species"
source: "R. A. Fisher (1936); the iris.csv of scikit-learn"
network:
  layers:
    - units: [sl, sw, pl, pw]
    - units: 8
      activation: sigmoid
    - units: 3
      activation: softmax
loss: cross-entropy
learning_rate: 0.05
training:
  epochs: 200
  init: {range: [-0.5, 0.5], seed: 1}
EOF
    { echo sepal_length,sepal_width,petal_length,petal_width,species; tail -n +2 "$iris"; } >"$dir/iris.csv"
    expect_exit 0 "iris (doc/training.md)" train "$dir/iris.yaml" --data "$dir/iris.csv" \
        --columns sepal_length=sl,sepal_width=sw,petal_length=pl,petal_width=pw \
        --one-hot species --split 0.2 --seed 4 --standardize
    check "iris: the doc's last row" contains "    200   4.85613    2.12767     29/30 (96.7%)     2/120"
else
    ok "# SKIP iris: $iris absent (python3-sklearn)"
fi

# ---- usage ----
expect_exit 2 "--split without --data" train "$dir/blobs.yaml" --split 0.2
check "--split without --data: its message" err_has "go with --data FILE.csv"
expect_exit 2 "--split 1.5" train "$dir/blobs.yaml" --data "$dir/blobs.csv" --split 1.5
check "--split 1.5: its message" err_has "--split takes the fraction of the data to hold out, above 0 and below 1 (0.2), not '1.5'"
expect_exit 2 "--test and --split" train "$dir/blobs.yaml" --data "$dir/blobs.csv" --test "$dir/blobs.csv" --split 0.2 --one-hot class
check "--test and --split: its message" err_has "--test FILE and --split hold out two ways: give one"
expect_exit 2 "--columns without '='" train "$dir/blobs.yaml" --data "$dir/blobs.csv" --columns a=x1,b --one-hot class
check "--columns: its message" err_has "--columns takes NAME=LABEL or NAME=-, separated by commas, not 'a=x1,b'"
expect_exit 3 "a data file that does not exist" train "$dir/blobs.yaml" --data "$dir/none.csv"
check "is an I/O error" err_has "$dir/none.csv: cannot open"

# ---- bad CSV files: one case per kind ----
# bad NAME MESSAGE [OPTIONS]: $dir/NAME.csv is refused with exit 1 and
# MESSAGE (which starts with its file:line:column) on stderr
bad() {
    name=$1 msg=$2; shift 2
    expect_exit 1 "bad CSV: $name" train "$dir/blobs.yaml" --data "$dir/$name.csv" --one-hot class "$@"
    check "bad CSV: $name: its message" err_has "$dir/$name.csv:$msg"
}
printf 'x1,x2,class\n1,2,a\n3,4\n' >"$dir/missing-field.csv"
bad missing-field "3:4: missing field: this row has 2 fields, the header names 3 columns (the next is 'class')"
printf 'x1,x2,class\n1,,a\n' >"$dir/empty-field.csv"
bad empty-field "2:3: missing field: column 'x2' is empty"
printf 'x1,x2,class\n1,2,a\n1,abc,b\n' >"$dir/non-number.csv"
bad non-number "3:3: 'abc' in column 'x2' is not a number"
check "bad CSV: the message quotes the whole line" grep -qx '  1,abc,b' "$dir/err"
# an output over the data it trains on: refused, the data kept
cp "$dir/non-number.csv" "$dir/keep.csv"
expect_exit 2 "-o over --data is refused" train "$dir/blobs.yaml" --data "$dir/keep.csv" --one-hot class -o "$dir/keep.csv"
check "  ... and the data file is kept" cmp -s "$dir/keep.csv" "$dir/non-number.csv"
expect_exit 2 "--plot over --test is refused" train "$dir/blobs.yaml" --data "$dir/keep.csv" --test "$dir/keep.csv" --one-hot class --plot "$dir/keep.csv"
printf 'x1,x2,class\n1,inf,a\n' >"$dir/infinite.csv"
bad infinite "2:3: 'inf' in column 'x2' is not a finite number"
printf 'x1,x2,colour,class\n1,2,red,a\n' >"$dir/unknown-column.csv"
bad unknown-column "1:7: unknown column 'colour': the lesson has no input or output unit of that label"
printf 'x1,x2,x1,class\n1,2,3,a\n' >"$dir/duplicate-column.csv"
bad duplicate-column "1:7: duplicate column 'x1' (first at column 1)"
printf 'x1,class\n1,a\n' >"$dir/missing-column.csv"
bad missing-column "1:1: no column gives input unit 'x2'"
: >"$dir/empty.csv"
bad empty "1:1: the file is empty"
printf 'x1,x2,class\n' >"$dir/header-only.csv"
bad header-only "2:1: only the header: the file has no examples after its first line"
printf 'x1,x2,class\n1,2,a,9\n' >"$dir/wrong-count.csv"
bad wrong-count "2:7: wrong count: this row has 4 fields, the header names 3 columns"
python3 -c 'print("x1,x2,class"); print("1," + "2" * 1100000 + ",a")' >"$dir/huge-line.csv"
bad huge-line "2:1048577: the line is longer than 1048576 bytes"
printf 'x1,x2,class\n1,2\000,a\n' >"$dir/nul-byte.csv"
bad nul-byte "2:4: a NUL byte: this is not a text (CSV) file"
printf 'x1,x2,class\n1,2,caf\351\n' >"$dir/bad-utf8.csv"
bad bad-utf8 "2:8: a byte (0xe9) that is not UTF-8 text"
printf 'x1,x2,class\n1,2,"a\n' >"$dir/open-quote.csv"
bad open-quote "2:5: a quoted field without its closing quote"
printf 'x1,x2,class\n1,2,a\n1,2,b\n1,2,c\n1,2,d\n' >"$dir/too-many-classes.csv"
bad too-many-classes "5:5: class 'd' is class 4, and the output layer has 3 units, one per class"
printf 'x1,x2,class\n1,2,\n' >"$dir/empty-class.csv"
bad empty-class "2:5: missing field: column 'class' (the class) is empty"
printf 'x1,x2,kind\n1,2,a\n' >"$dir/no-class-column.csv"
bad no-class-column "1:1: no column 'class' for --one-hot"
printf 'x1,x2,o1,o2,o3\n1,2,1,0,0\n' >"$dir/one-hot-misnamed.csv"
bad one-hot-misnamed "1:1: no column 'class' for --one-hot"
# a spreadsheet's "CSV UTF-8" starts with a byte order mark
printf '\357\273\277x1,x2,class\n1,2,a\n3,4,b\n' >"$dir/bom.csv"
expect_exit 0 "a CSV file that starts with a byte order mark is read" \
    train "$dir/blobs.yaml" --data "$dir/bom.csv" --one-hot class --epochs 1
check "... as two examples" contains "Examples: 2 for training"
printf '\357\273\277x1,x2,colour,class\n1,2,red,a\n' >"$dir/bom-unknown.csv"
bad bom-unknown "1:7: unknown column 'colour'"
printf 'x1,x2,class\n1,2,z\n' >"$dir/unknown-class.csv"
expect_exit 1 "bad CSV: a class the training data never had" \
    train "$dir/blobs.yaml" --data "$dir/blobs.csv" --test "$dir/unknown-class.csv" --one-hot class
check "bad CSV: unknown class: its message" err_has "$dir/unknown-class.csv:2:5: class 'z' is not in the training data"
printf 'x1,x2,o1,o2,o3\n1,2,0.5,0.2,0.2\n' >"$dir/bad-targets.csv"
expect_exit 1 "bad CSV: softmax targets that do not sum to 1" \
    train "$dir/blobs.yaml" --data "$dir/bad-targets.csv"
check "bad CSV: bad targets: its message" err_has "$dir/bad-targets.csv:2:5:"
expect_exit 1 "bad CSV: --columns to a unit the lesson lacks" \
    train "$dir/blobs.yaml" --data "$dir/blobs.csv" --columns x1=q9 --one-hot class
check "bad CSV: --columns: its message" err_has "--columns maps column 'x1' to 'q9', which is no input or output unit of the lesson"

echo "1..$n"
[ "$failed" -eq 0 ]
