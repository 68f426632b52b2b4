#!/bin/sh
# test-train.sh BPTRACE: bptrace train and bptrace gradcheck: the traced
# first (or N-th) iteration, the per-epoch figures in each format, the
# stopping reasons, --compare-eta, --plot, usage errors and exit codes.
# Run from the source root.  Prints TAP.  Needs python3 for the JSON and
# SVG checks (skipped without it).
bptrace=$1
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 absent"; exit 0; }
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
two=tests/lessons/two-examples.yaml

# not_contains TEXT: $dir/out has no line fragment TEXT
not_contains() { ! grep -qF -- "$1" "$dir/out" || { echo "# found: $1"; return 1; }; }
# contains TEXT: $dir/out has the line fragment TEXT
contains() { grep -qF -- "$1" "$dir/out" || { echo "# not found: $1"; return 1; }; }
# trace_is_block LESSON: the trace of LESSON is, byte for byte, what
# train wrote after its two-line "Iteration 1" heading
trace_is_block() {
    "$bptrace" trace "$1" >"$dir/trace.txt" || return 1
    tail -n +3 "$dir/out" | head -n "$(wc -l <"$dir/trace.txt")" |
        cmp -s - "$dir/trace.txt"
}
# json_near EXPR VALUE: the JSON of $dir/out, evaluated as EXPR (python,
# `d` the document), is VALUE within 1e-12
json_near() {
    python3 - "$dir/out" "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
v = eval(sys.argv[2])
sys.exit(0 if abs(v - float(sys.argv[3])) <= 1e-12 else 1)
PY
}

# ---- train: text ----
expect_exit 0 "train xor" train xor
check "the first iteration is headed" contains "Iteration 1: epoch 1, example 1 of 4"
check "the first iteration is the trace of the first example" trace_is_block lessons/xor.yaml
check "the drawn weights are stated" contains "Initial weights: drawn uniformly from [-0.05, 0.05] with seed 18"
check "xor stops at its threshold" contains "Stopped after epoch 2835: E = 0.00998630 is at or below the error threshold"
check "every example right" contains "Every training example has all its outputs within 0.5"
check "a learning curve is drawn" contains "Learning curve: E after each epoch"
check "the hidden values are tabled" contains "Hidden values after training (Mitchell's Figure 4.7)"
expect_exit 0 "train complete-example (hand mode)" train complete-example
check "its first iteration is the lecture's (hand mode)" trace_is_block lessons/complete-example.yaml

expect_exit 0 "train xor --seed 2" train xor --seed 2
check "seed 2 gets stuck and says so" contains "stuck: E no longer falls"
check "the wrong example is counted" contains "1 of 4 training examples still have an output"
check "stuck: advice" contains "Try another seed (--seed) or more epochs."
# out of epochs with E still falling is not "stuck"
expect_exit 0 "train xor --batch --epochs 50" train xor --batch --epochs 50
check "out of epochs, E still falling: said plainly" contains "E was still falling: more epochs, or a larger eta, may get there."
check "out of epochs, E still falling: not called stuck" not_contains "the network is stuck"
# E keeps 6 significant digits (its true value is 0.50000000761...)
check "E at epoch 50 is 0.500000, not a bare 0.5" contains "maximum of 50 epochs was reached (E = 0.500000)."
check "the epoch table writes E with 6 significant digits" grep -qE '^ *50 +0\.500000( |$)' "$dir/out"

expect_exit 0 "--trace-at 2" train $two --trace-at 2
check "--trace-at 2 is example 2 of epoch 1" contains "Iteration 2: epoch 1, example 2 of 2"
check "--trace-at 2 starts from the weights after step 1 (by hand: 0.55, 0.05)" contains "Into unit 2: w₁₂ = 0.55, b₂ = 0.05"
expect_exit 0 "--trace-at 3" train $two --trace-at 3 --epochs 2
check "--trace-at 3 is example 1 of epoch 2" contains "Iteration 3: epoch 2, example 1 of 2"
check "--trace-at 3 starts from w = 0.32 (by hand)" contains "w₁₂ = 0.32"
expect_exit 0 "--batch --trace-at 1" train $two --batch
check "batch: the trace says it shows one example's part" contains "this derivation shows example 1's part"

# ---- train: JSON and CSV ----
expect_exit 0 "--format json" train $two --batch --format json
check "batch: final w = 0.35 (by hand)" json_near "d['runs'][0]['final_weights']['w12']" 0.35
check "batch: final b = -0.05 (by hand)" json_near "d['runs'][0]['final_weights']['b2']" -0.05
check "batch: E after epoch 1 = 0.45625 (by hand)" json_near "d['runs'][0]['epochs'][1]['error']" 0.45625
check "E before training = 0.625 (by hand)" json_near "d['runs'][0]['epochs'][0]['error']" 0.625
check "the stopping reason" json_near "1 if d['runs'][0]['stop']['reason'] == 'epochs' else 0" 1
expect_exit 0 "stochastic json" train $two --format json
check "stochastic: final w = 0.32 (by hand)" json_near "d['runs'][0]['final_weights']['w12']" 0.32
check "stochastic: final b = -0.065 (by hand)" json_near "d['runs'][0]['final_weights']['b2']" -0.065
expect_exit 0 "--format csv" train $two --epochs 3 --format csv
first_out_is_header() { [ "$(head -n 1 "$dir/out")" = "learning_rate,epoch,error,validation_error,wrong" ]; }
check "csv header" first_out_is_header
check "csv: a row per epoch and one before" test "$(wc -l <"$dir/out")" -eq 5
check "csv: epoch 0 is E = 0.625, example 2 wrong" grep -qx '0.1,0,0.625,,1' "$dir/out"

# ---- --compare-eta and --plot ----
expect_exit 0 "--compare-eta" train xor --compare-eta 0.01,0.1,1.0 --epochs 40
check "a row per rate" contains "Learning rates compared (lecture section 9.2)"
check "a curve per rate" contains "η = 0.01"
# the plateau rule is off for --compare-eta: eta = 0.1's flat start (E
# falls by less than 0.0001 over its first 1000 epochs) is no plateau, and
# every rate runs the same epochs unless it reaches the threshold
expect_exit 0 "--compare-eta over xor's flat start" train xor --compare-eta 0.1,0.5 --epochs 1500
check "eta = 0.1 is not stopped as a plateau" not_contains "plateau"
check "eta = 0.1 runs all 1500 epochs" grep -qE '^ *0\.1 +1500 ' "$dir/out"
check "the final E keeps 6 significant digits" grep -qE '^ *0\.5 +1500 +0\.[0-9]{6} ' "$dir/out"
expect_exit 0 "--compare-eta json" train xor --compare-eta 0.1,1 --epochs 5 --format json
check "json: a run per rate" json_near "len(d['runs'])" 2
expect_exit 0 "--plot" train xor --plot "$dir/curve.svg" --format csv -o "$dir/curve.csv"
check "--plot writes an SVG with one curve" python3 -c "
import sys, xml.etree.ElementTree as ET
r = ET.parse('$dir/curve.svg').getroot()
p = [e for e in r.iter('{http://www.w3.org/2000/svg}polyline') if e.get('class') == 'curve']
sys.exit(0 if len(p) == 1 else 1)"
expect_exit 3 "--plot into a missing directory" train $two --plot "$dir/no/such/dir/c.svg"
expect_exit 3 "--plot fails with -o" train $two --plot "$dir/no/such/dir/c.svg" -o "$dir/report.txt"
check "a failed --plot leaves no -o file (all or nothing)" test ! -e "$dir/report.txt"
expect_exit 3 "-o fails with --plot" train $two --plot "$dir/p.svg" -o "$dir/no/such/dir/r.txt"
check "a failed -o leaves no --plot file (all or nothing)" test ! -e "$dir/p.svg"

# ---- usage errors and bad input ----
expect_exit 2 "--epochs 0" train $two --epochs 0
expect_exit 2 "--epochs junk" train $two --epochs ten
expect_exit 2 "--trace-at 0" train $two --trace-at 0
expect_exit 2 "--trace-at beyond the run" train $two --trace-at 3
check "it says how many iterations there were" first_err_is "bptrace: --trace-at 3: training made 2 iterations"
expect_exit 2 "--seed -1" train $two --seed -1
expect_exit 2 "--compare-eta with a zero rate" train $two --compare-eta 0,1
check "the bad rate is named" first_err_is "bptrace: --compare-eta takes learning rates above 0, separated by commas (0.01,0.1,1.0), not '0'"
expect_exit 2 "--compare-eta with --trace-at" train $two --compare-eta 0.1,1 --trace-at 2
expect_exit 2 "--format gradescope" train $two --format gradescope
expect_exit 2 "trace takes no --epochs" trace $two --epochs 3
expect_exit 2 "an exercise cannot be trained: a usage error, as trace --format dot" train lessons/error-terms.yaml
check "and it says why" first_err_is "bptrace: train needs a network lesson, and 'lessons/error-terms.yaml' is an exercise lesson, which has none (try bptrace trace or step)"
expect_exit 2 "train self-test (an exercise): exit 2" train self-test
expect_exit 1 "a bad training block" train tests/bad-lessons/training-epochs-zero.yaml
expect_exit 0 "help train" help train
check "help train documents --compare-eta" contains "--compare-eta LIST"

# ---- gradcheck ----
expect_exit 0 "gradcheck complete-example" gradcheck complete-example
check "11 of 11 agree" contains "11 of 11 parameters agree."
check "backprop: one forward and one backward pass" contains "Backpropagation:    1 forward + 1 backward passes"
check "finite differences: 4 per parameter" contains "Finite differences: 44 forward passes"
check "the lecture's claim" contains "linear in the"
expect_exit 0 "gradcheck encoder-8-3-8" gradcheck encoder-8-3-8
check "encoder: 59 parameters, 8 examples: 1888 forward passes" contains "Finite differences: 1888 forward passes"
expect_exit 5 "gradcheck at a relu kink disagrees: exit 5" gradcheck tests/lessons/relu-kink.yaml
check "the disagreement is shown" contains "DISAGREE"
expect_exit 0 "gradcheck --seed" gradcheck xor --seed 7 --ascii
check "--ascii" contains "w_13"
expect_exit 2 "gradcheck on an exercise: a usage error" gradcheck lessons/error-terms.yaml
check "and it says why" first_err_is "bptrace: gradcheck needs a network lesson, and 'lessons/error-terms.yaml' is an exercise lesson, which has none (try bptrace trace or step)"
expect_exit 2 "gradcheck self-test (an exercise): exit 2" gradcheck self-test
expect_exit 0 "gradcheck leaky-relu" gradcheck leaky-relu
check "leaky-relu: 9 of 9 agree" contains "9 of 9 parameters agree."
expect_exit 0 "gradcheck softplus" gradcheck softplus
check "softplus: 9 of 9 agree" contains "9 of 9 parameters agree."

# ---- cross-entropy and softmax (lessons of the loss work) ----
expect_exit 0 "train softmax" train softmax --epochs 30 --format json
check "json names the loss" json_near "1 if d['loss'] == 'cross-entropy' else 0" 1
check "the cross-entropy falls" json_near "1 if d['runs'][0]['epochs'][30]['error'] < d['runs'][0]['epochs'][0]['error'] else 0" 1
expect_exit 0 "train cross-entropy" train cross-entropy --epochs 5
check "the text says what E is" contains "E is the cross-entropy"
expect_exit 0 "gradcheck softmax" gradcheck softmax
check "softmax: 8 of 8 agree" contains "8 of 8 parameters agree."

echo "1..$n"
[ "$failed" -eq 0 ]
