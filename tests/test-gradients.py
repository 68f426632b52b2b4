#!/usr/bin/env python3
"""test-gradients.py BPTRACE SOURCE_ROOT DATA_DIR: the gradient view
(`trace --gradients`) of every shipped network lesson (and of
tests/lessons/activations.yaml: tanh, relu, linear, fixed parameters)
against the values in DATA_DIR/LESSON.json, which tests/gradient-reference.py computed
without bptrace (the chain rule in plain Python, and finite differences).

Exact mode: each dE/dnet, dE/do and dE/dw, dE/db equals the reference to
1e-9 and the finite difference to 1e-6, and dE/dw = -Delta w / eta to
1e-9 for every parameter that is updated.  Hand mode: each printed
partial derivative is the reference rounded to the quantity's precision,
give or take the carried rounding of the numbers it is worked from (at
most one unit of its last digit in the lecture's lessons); in every
lesson it is minus the printed delta (dE/dnet) or the product of its
printed factors (dE/dw).  Without --gradients no gradient quantity appears."""
import json
import os
import subprocess
import sys

GRADIENT_KINDS = {"gradient_output", "gradient_activation", "gradient_net",
                  "gradient_net_cancelled", "gradient_term",
                  "gradient_net_hidden", "gradient_parameter"}

# The lecture's lessons, and how many units of the last digit a printed
# partial derivative may be from the exact value: one in sections 7 and
# 8.4; three in section 10, whose 3 significant digits round do/dnet
# (0.2356 -> 0.236) before it is multiplied, so that dE/dnet_3 is -0.0897
# by hand where delta_3, worked in one go, is 0.0895 (exactly 0.08948).
LECTURE_LESSONS = {"chain-rule.yaml": 1, "complete-example.yaml": 1,
                   "two-outputs.yaml": 3}

# As the lecture prints them (the lessons' `lecture:` maps, sections 7
# and 8.4): each delta must be minus the printed dE/dnet, and each Delta w
# -eta dE/dw, give or take one unit of the printed value's last digit.
LECTURE_PRINTS = {
    "chain-rule.yaml": {"delta_o": "0.0889", "delta_h": "0.0167",
                        "Delta_who": "0.0498", "Delta_wxh": "0.0150"},
    "complete-example.yaml": {
        "delta_6": "0.1311", "delta_5": "-0.0065", "delta_4": "-0.0087",
        "Delta_w46": "0.0391", "Delta_w56": "0.0619", "Delta_b6": "0.118",
        "Delta_w14": "-0.0078", "Delta_w34": "-0.0078", "Delta_b4": "-0.0078",
        "Delta_w15": "-0.0059", "Delta_w35": "-0.0059",
        "Delta_b5": "-0.0059"},
}

failures = 0


def fail(msg):
    global failures
    failures += 1
    print("not ok: " + msg)


def trace(bptrace, lesson, *args):
    out = subprocess.run([bptrace, "trace", lesson, "--format", "json"]
                         + list(args), check=True, capture_output=True,
                         text=True).stdout
    return {q["name"]: q for q in json.loads(out)["quantities"]}


def unit_of_last_digit(precision, value):
    if "decimals" in precision:
        return 10.0 ** -precision["decimals"]
    # significant digits: the place of the value's leading digit
    import math
    if value == 0:
        return 0.0
    lead = math.floor(math.log10(abs(value)))
    return 10.0 ** (lead - precision["significant"] + 1)


def check_lesson(bptrace, lesson, data):
    name = os.path.basename(lesson)
    ref = data["chain_rule"]
    fd = data["finite_differences"]
    exact = trace(bptrace, lesson, "--exact", "--gradients")
    eta = exact["eta"]["exact"]
    for key, want in ref.items():
        q = exact.get(key)
        if q is None:
            fail("%s: no quantity %s" % (name, key))
            continue
        if abs(q["exact"] - want) > 1e-9:
            fail("%s: %s is %r, the chain rule gives %r"
                 % (name, key, q["exact"], want))
    for key, want in fd.items():
        got = exact[key]["exact"]
        if abs(got - want) > 1e-6:
            fail("%s: %s is %r, finite differences give %r"
                 % (name, key, got, want))
        change = exact.get("Delta_" + key[len("dE/d"):])
        if change and abs(got + change["exact"] / eta) > 1e-9:
            fail("%s: %s is %r but -Delta w/eta is %r"
                 % (name, key, got, -change["exact"] / eta))
    plain = trace(bptrace, lesson)
    if any(q["kind"] in GRADIENT_KINDS for q in plain.values()):
        fail("%s: gradient quantities without --gradients" % name)
    hand = trace(bptrace, lesson, "--gradients")
    if all(q.get("precision") is None for q in hand.values()):
        return  # no rounding profile: hand mode is exact mode
    # Every lesson: each printed partial derivative is the arithmetic of
    # its printed factors, rounded (redone here from the printed texts),
    # and each printed dE/dnet is minus the printed delta give or take
    # the carried rounding of its factor do/dnet (three units of the
    # last digit).
    for key, q in hand.items():
        if q["kind"] not in GRADIENT_KINDS or q["precision"] is None:
            continue
        printed = float(q["text"])
        ulp = unit_of_last_digit(q["precision"], printed)
        f = [float(hand[i]["text"]) for i in q["inputs"]]
        if q["kind"] == "gradient_output":
            want = -(f[0] - f[1])
        elif q["kind"] == "gradient_net_cancelled":
            want = f[1] - f[0]
        elif q["kind"] == "gradient_net_hidden":
            want = f[0] * sum(f[1:])
        elif q["kind"] == "gradient_activation":
            continue  # f'(net) by the activation's table: the exact check
        else:
            want = 1.0
            for x in f:
                want *= x
        if abs(printed - want) > 0.51 * ulp + 1e-12:
            fail("%s: %s printed %s, its printed factors give %r"
                 % (name, key, q["text"], want))
        if key.startswith("dE/dnet_") and "*" not in key:
            delta = hand["delta_" + key[len("dE/dnet_"):]]
            if abs(printed + float(delta["text"])) > 3.01 * ulp:
                fail("%s: %s printed %s, delta printed %s"
                     % (name, key, q["text"], delta["text"]))
    # The lecture's lessons: each printed partial derivative is the exact
    # value rounded at the lesson's digits (give or take one unit of the
    # last digit, the carried rounding of the lecture's own numbers).
    eta = hand["eta"]["exact"]
    for key, printed in LECTURE_PRINTS.get(name, {}).items():
        decimals = len(printed.split(".")[1])
        if key.startswith("delta_"):
            got = -float(hand["dE/dnet_" + key[len("delta_"):]]["text"])
        else:
            got = -eta * float(hand["dE/d" + key[len("Delta_"):]]["text"])
        if abs(got - float(printed)) > 1.01 * 10.0 ** -decimals:
            fail("%s: the lecture prints %s = %s, the gradient view gives %r"
                 % (name, key, printed, got))
    if name not in LECTURE_LESSONS:
        return
    for key, want in ref.items():
        q = hand[key]
        if q["precision"] is None:
            continue
        ulp = unit_of_last_digit(q["precision"], want)
        if abs(float(q["text"]) - want) > (LECTURE_LESSONS[name] + 0.5) * ulp:
            fail("%s: %s printed %s, the exact value is %r"
                 % (name, key, q["text"], want))


def main():
    bptrace, root, data_dir = sys.argv[1:4]
    n = 0
    for file in sorted(os.listdir(data_dir)):
        if not file.endswith(".json"):
            continue
        with open(os.path.join(data_dir, file)) as f:
            data = json.load(f)
        lesson = os.path.join(root, "lessons", file[:-len(".json")] + ".yaml")
        if not os.path.exists(lesson):
            lesson = os.path.join(root, "tests", "lessons",
                                  file[:-len(".json")] + ".yaml")
        check_lesson(bptrace, lesson, data)
        n += 1
    if n < 10:
        fail("only %d lessons have reference values" % n)
    print("%d lessons checked, %d failures" % (n, failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
