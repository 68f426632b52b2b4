#!/bin/sh
# gen-network.sh LAYERS UNITS TITLE: a generated network lesson on standard
# output: LAYERS layers of UNITS sigmoid units each (inputs x1.., then units
# 100, 101, ... for layer 1, 200, ... for layer 2), every weight set from a
# fixed pattern, all inputs and targets 1; for the limit tests
# (test-safety.sh).
layers=$1 units=$2 title=$3
awk -v L="$layers" -v U="$units" -v T="$title" 'BEGIN {
    print "title: \"" T "\""; print "source: \"tests\""
    print "network:"; print "  layers:"
    for (l = 0; l < L; l++) {
        s = "    - units: ["
        for (u = 0; u < U; u++)
            s = s (u ? ", " : "") (l ? (100 * l + u) : "x" (u + 1))
        print s "]"
        if (l) print "      activation: sigmoid"
    }
    print "  weights:"; k = 0
    for (l = 1; l < L; l++) for (a = 0; a < U; a++) for (b = 0; b < U; b++) {
        k++
        printf "    %s -> %d: %.4f\n", (l > 1 ? 100 * (l - 1) + a : "x" (a + 1)),
            100 * l + b, ((k * 37) % 1999 - 999) / 10000
    }
    s = "example:\n  inputs: {"
    for (u = 0; u < U; u++) s = s (u ? ", " : "") "x" (u + 1) ": 1"
    print s "}"
    s = "  targets: {"
    for (u = 0; u < U; u++) s = s (u ? ", " : "") (100 * (L - 1) + u) ": 1"
    print s "}"
    print "learning_rate: 0.5"
}'
