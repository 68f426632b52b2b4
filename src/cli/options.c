/* cli.c: the command line: help texts and one option parser for every
 * command. */
#include "cli/options.h"
#include "cli/clash.h"

#include "bptrace.h"
#include "util/strings.h"

#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const char bp_cli_usage_text[] =
    "Usage: bptrace COMMAND [OPTIONS]\n"
    "\n"
    "Runs one backpropagation iteration on the network a lesson describes\n"
    "and writes out every number a student writes down.\n"
    "\n"
    "Commands:\n"
    "  trace LESSON      the whole derivation: forward pass, error, error\n"
    "                    terms, weight updates, verification, summary\n"
    "  check LESSON ANSWERS...\n"
    "                    check a student's answers: right, wrong, missing,\n"
    "                    too coarse, or following from their own earlier\n"
    "                    numbers (ECF); the likely mistake; the score\n"
    "  check LESSON --template\n"
    "                    an empty answers file for LESSON, to fill in\n"
    "  show LESSON       the lesson at a glance: its given values and the\n"
    "                    network drawn layer by layer, or an exercise's steps\n"
    "  list              the lessons found, in the lecture's order\n"
    "  worksheet LESSON  a worksheet with blanks to fill in, its answer key\n"
    "                    (--key), or its answers file (--answers-template)\n"
    "  step LESSON       walk through the derivation one number at a time\n"
    "  quiz LESSON       type each number before seeing it; right, wrong\n"
    "                    (with the likely mistake) or carried forward\n"
    "  worksheet LESSON --roster FILE --output-dir DIR\n"
    "                    a variant for each student of FILE: a worksheet, a\n"
    "                    key and an answers file each, and a manifest for\n"
    "                    'check --manifest'\n"
    "  train LESSON      train on the lesson's examples for epochs: the first\n"
    "                    iteration in full, then E after each epoch, why it\n"
    "                    stopped, the final weights and outputs\n"
    "  gradcheck LESSON  every dE/dw by backpropagation beside its central\n"
    "                    finite difference\n"
    "  export LESSON --format FORMAT\n"
    "                    the lesson for elsewhere: a question bank of its\n"
    "                    variants for an LMS (moodle: Moodle XML; qti: a\n"
    "                    QTI 1.2 package for Canvas), or the iteration as\n"
    "                    a Python script that checks itself against the\n"
    "                    trace (numpy, pytorch)\n"
    "  help [COMMAND]    this text, or the help of one command\n"
    "\n"
    "Options:\n"
    "  -h, --help        show help and exit\n"
    "  -V, --version     show the version and exit\n"
    "\n"
    "LESSON is a path to a lesson file, or the name of a lesson (see\n"
    "'bptrace list'), looked for in $BPTRACE_LESSONS, then beside the program\n"
    "(../share/bptrace/lessons), then the lessons of the source tree (a\n"
    "program in its build tree only), then the installed lessons.\n"
    "\n"
    "Exit status:\n"
    "  0  success\n"
    "  1  the lesson, an answers file or a roster is invalid (the message\n"
    "     gives file:line:column)\n"
    "  2  usage error\n"
    "  3  a file could not be read or written; worksheet --roster: the\n"
    "     --output-dir exists and is not an empty directory; worksheet\n"
    "     --pdf: pdflatex failed or ran out of time\n"
    "  4  out of memory\n"
    "  5  check: some answer is wrong, missing or too coarse; quiz: some\n"
    "     number was not right the first time, or the quiz ended early;\n"
    "     gradcheck: some gradient disagrees\n";

const char bp_cli_trace_help_text[] =
    "Usage: bptrace trace LESSON [OPTIONS]\n"
    "\n"
    "Writes one iteration of backpropagation on LESSON: each net input,\n"
    "activation, error, error term, weight change and new weight, with its\n"
    "formula, the numbers substituted, the arithmetic and the result.\n"
    "\n"
    "Options:\n"
    "  --exact           compute in double precision throughout (default when\n"
    "                    the lesson has no rounding profile); otherwise each\n"
    "                    written number is rounded as the lesson says and\n"
    "                    carried forward rounded, as by hand\n"
    "  --digits N        significant digits shown in exact mode, 1-17\n"
    "                    (default 4); implies --exact\n"
    "  --ascii           plain ASCII instead of UTF-8 symbols (text and dot)\n"
    "  --format FORMAT   text (default), json, latex (a document that\n"
    "                    pdflatex compiles: article, amsmath; the network\n"
    "                    drawn, derivations in align*, the summary table),\n"
    "                    markdown (GitHub Markdown with $...$ math), dot\n"
    "                    (the network as a Graphviz graph; networks only),\n"
    "                    or html (one self-contained page: MathML, the\n"
    "                    network in SVG, step, quiz and edit modes)\n"
    "  --fragment        latex: the body only, to paste into a document\n"
    "  --annotate        dot: each unit's net, o and delta, and each\n"
    "                    weight's old -> new value\n"
    "  --sequential      work the classic mistake on purpose: each layer's\n"
    "                    weights are updated before the error terms of the\n"
    "                    layer below, so the hidden deltas use the new\n"
    "                    weights; shows what the mistake produces\n"
    "  --gradients       the gradient view: for every weight and bias the\n"
    "                    chain rule's partial derivatives with the numbers\n"
    "                    (dE/do, do/dnet, dE/dnet, dE/dw; section 8)\n"
    "  --seed N          trace variant N of the lesson: other inputs,\n"
    "                    weights, biases and targets (N: 0 to 2^64 - 1; the\n"
    "                    same N gives the same numbers on every machine)\n"
    "  -o, --output FILE write to FILE, whole or not at all, instead of\n"
    "                    standard output\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 success; 1 invalid lesson; 2 usage error (also --format\n"
    "dot on an exercise lesson, which has no network); 3 I/O; 4 out of\n"
    "memory.\n";

const char bp_cli_check_help_text[] =
    "Usage: bptrace check LESSON ANSWERS... [OPTIONS]\n"
    "       bptrace check LESSON --template [-o FILE]\n"
    "       bptrace check --manifest DIR/manifest.yaml ANSWERS... [OPTIONS]\n"
    "\n"
    "Checks each ANSWERS file against LESSON.  An answers file is YAML: an\n"
    "optional 'student: ID' and 'answers:', a map of quantity names (as\n"
    "the trace's JSON names them: net_4, o_4, delta_6, w46_new, ...) to the\n"
    "numbers the student wrote; a blank value is a step left undone.\n"
    "\n"
    "Each number is right, wrong, missing, too coarse (right, but with\n"
    "fewer decimals than the lesson's grading asks for), or ECF: error\n"
    "carried forward, wrong but correctly worked from the student's own\n"
    "earlier numbers.  A wrong number is tried against the classic mistakes\n"
    "(sign of t - o flipped, o(1 - o) left out, net for o, hidden deltas\n"
    "from updated weights, bias not updated, eta left out or applied\n"
    "twice, Delta w subtracted, weight indices swapped) and the one that\n"
    "reproduces it is named.  Then the score and the first wrong step.\n"
    "\n"
    "A number written with N decimals is right when the correct value,\n"
    "rounded half away from zero to N decimals, is that number: for\n"
    "0.33181, 0.33 and 0.332 are right and 0.34 is not.  Either the value\n"
    "worked by hand (rounded as the lesson says) or the exact value may be\n"
    "matched.\n"
    "\n"
    "Options:\n"
    "  --template        write an empty answers file for LESSON, every\n"
    "                    quantity in order with its formula, and nothing\n"
    "                    else (no ANSWERS)\n"
    "  --format FORMAT   text (default), json, or gradescope: Gradescope's\n"
    "                    results.json (one ANSWERS file only); none: no\n"
    "                    report, only the --summary and the exit status\n"
    "  --hide-expected   with --format gradescope: leave the expected values\n"
    "                    out of what the student sees\n"
    "  --summary FILE    also write a CSV gradebook to FILE: a row per\n"
    "                    answers file, a column per quantity with its credit\n"
    "  --exact           show the exact values as expected; the numbers\n"
    "                    worked by hand stay right, and the precision rule\n"
    "                    of the lesson's rounding profile still applies\n"
    "  --ascii           plain ASCII instead of UTF-8 symbols (text format)\n"
    "  --seed N          check against variant N of the lesson (see trace)\n"
    "  --gradients       judge the partial derivatives of the gradient view\n"
    "                    too (dE/dw46, dE/dnet_6, ...; see trace --gradients)\n"
    "  --manifest FILE   check each answers file against the variant of the\n"
    "                    student it names ('student: ID'), as the manifest\n"
    "                    of 'worksheet --roster' gives it; no LESSON\n"
    "  --blank KINDS     the answers are for a worksheet with these blanks\n"
    "                    (as worksheet --blank): the numbers it gives are\n"
    "                    given (no credit, out of the maximum) whatever a\n"
    "                    file marks; without it, each file's {given: N}\n"
    "                    markers say\n"
    "  --reveal KINDS    ... and with these kinds revealed (worksheet\n"
    "                    --reveal)\n"
    "  -o, --output FILE write to FILE, whole or not at all, instead of\n"
    "                    standard output\n"
    "  -h, --help        show this help\n"
    "\n"
    "A broken answers file is reported (file:line:column) and the others\n"
    "are still checked; in a file that loads, each item that cannot be read\n"
    "is reported and costs only itself.  A second file for one student is\n"
    "reported and not checked.\n"
    "\n"
    "Exit status:\n"
    "  0  every answer right\n"
    "  1  the lesson or an answers file is invalid\n"
    "  2  usage error\n"
    "  3  a file could not be read or written\n"
    "  4  out of memory\n"
    "  5  some answer wrong, missing or too coarse, or nothing graded\n"
    "     (every item marked given); and no file invalid\n";

const char bp_cli_show_help_text[] =
    "Usage: bptrace show LESSON [OPTIONS]\n"
    "\n"
    "Shows LESSON at a glance, before the derivation starts: its title and\n"
    "source; for a network, a table of the given values (inputs, targets,\n"
    "learning rate, every weight and bias; * marks a fixed one) and the\n"
    "network as the lecture draws it, layers as columns of units, input on\n"
    "the left, then every connection with its weight; for an exercise, the\n"
    "given values and what each step finds.\n"
    "\n"
    "Options:\n"
    "  --ascii           plain ASCII instead of UTF-8 symbols\n"
    "  --seed N          show variant N of the lesson (see trace)\n"
    "  -o, --output FILE write to FILE, whole or not at all, instead of\n"
    "                    standard output\n"
    "  -h, --help        show this help\n";

const char bp_cli_list_help_text[] =
    "Usage: bptrace list [OPTIONS]\n"
    "\n"
    "Lists the lessons of the first lesson directory that exists\n"
    "($BPTRACE_LESSONS, beside the program, the source tree, installed):\n"
    "one line each with its name (what trace and show take), its lecture\n"
    "section ('-' when it has none) and its title, in the lecture's order.\n"
    "A lesson that does not load is listed as \"(invalid: MESSAGE)\", the\n"
    "full message goes to standard error, and the exit status is 1.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE write to FILE, whole or not at all, instead of\n"
    "                    standard output\n"
    "  -h, --help        show this help\n";

const char bp_cli_train_help_text[] =
    "Usage: bptrace train LESSON [OPTIONS]\n"
    "\n"
    "Trains the lesson's network on its examples ('example:' or 'examples:')\n"
    "as its 'training:' block says, with the fast engine: the whole\n"
    "derivation of the first iteration (as 'bptrace trace' writes it), then\n"
    "E over the training set (the lecture's equation (1)) after each epoch\n"
    "(at most about 50 lines: every k-th epoch for a long run), why training\n"
    "stopped, the initial and final weights, the outputs on every example,\n"
    "and for a network with one hidden layer its hidden values on every\n"
    "example (Mitchell's Figure 4.7).\n"
    "\n"
    "Options:\n"
    "  --epochs N        train for at most N epochs (1-1000000) instead of\n"
    "                    the lesson's 'epochs'\n"
    "  --batch           batch mode: sum the changes over an epoch, then\n"
    "                    update (default: the lesson's 'mode', stochastic)\n"
    "  --seed N          draw the initial weights with seed N, from the\n"
    "                    lesson's 'init' range or else [-0.05, 0.05]\n"
    "  --trace-at N      derive iteration N instead of the first: the N-th\n"
    "                    example step (stochastic), or the first example of\n"
    "                    epoch N (batch), with the weights of that moment\n"
    "  --format FORMAT   text (default), json or csv: the per-epoch figures\n"
    "  --plot FILE.svg   also draw the learning curve as an SVG file (with\n"
    "                    -o: both files are written, or neither)\n"
    "  --compare-eta LIST\n"
    "                    train once per learning rate of LIST (0.01,0.1,1.0),\n"
    "                    from the same initial weights, one curve each; the\n"
    "                    plateau rule is off, so that a slow rate's flat start\n"
    "                    is not taken for a plateau and every rate runs the\n"
    "                    same epochs unless it reaches the threshold\n"
    "  --data FILE.csv   train on the examples of a CSV file instead of the\n"
    "                    lesson's: a first line naming the columns by the\n"
    "                    lesson's input and output unit labels, then a line\n"
    "                    per example (doc/training.md)\n"
    "  --test FILE.csv   also report E and the accuracy on these held-out\n"
    "                    examples at each listed epoch\n"
    "  --split FRACTION  hold out this fraction of --data (0.2), drawn with\n"
    "                    --seed N (else seed 1), as the test set\n"
    "  --standardize     standardise each input by its mean and standard\n"
    "                    deviation over the training examples\n"
    "  --one-hot COLUMN  COLUMN holds a class: its k-th class (in order of\n"
    "                    first appearance) is target 1 at output unit k\n"
    "  --columns MAP     NAME=LABEL,...: column NAME gives unit LABEL;\n"
    "                    NAME=- leaves the column out\n"
    "  -o, --output FILE write to FILE, whole or not at all, instead of\n"
    "                    standard output\n"
    "  -h, --help        show this help\n"
    "\n"
    "E is written with 6 significant digits (0.500000).  'Stuck' is said only\n"
    "when E no longer falls (the plateau rule, or the epochs ran out with E\n"
    "no lower than a tenth of the run before).\n"
    "\n"
    "Exit status: 0 success; 1 invalid lesson or data file; 2 usage error\n"
    "(also an exercise lesson, which has no network to train); 3 I/O; 4\n"
    "out of memory.\n";

const char bp_cli_gradcheck_help_text[] =
    "Usage: bptrace gradcheck LESSON [OPTIONS]\n"
    "\n"
    "Checks backpropagation against calculus on the lesson's network and\n"
    "initial weights: for every weight and bias, dE/dw from the error terms\n"
    "(-delta_j x_i summed over the examples) beside the central finite\n"
    "difference (E(w - 2h) - 8E(w - h) + 8E(w + h) - E(w + 2h)) / 12h with\n"
    "h = 1e-3 (its error is of the order of h^4), E over all the training\n"
    "examples, and their relative difference |a - b| / max(|a|,\n"
    "|b|, 1e-6).  Then how many passes each method needed: backpropagation\n"
    "one forward and one backward pass per example, whatever the number of\n"
    "weights; finite differences four forward passes per weight per example.\n"
    "\n"
    "Options:\n"
    "  --seed N          draw the initial weights with seed N (as train)\n"
    "  --ascii           plain ASCII instead of UTF-8 symbols\n"
    "  -o, --output FILE write to FILE, whole or not at all, instead of\n"
    "                    standard output\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 every relative difference is below 1e-7; 1 invalid\n"
    "lesson, or a gradient that is not a finite number; 2 usage error (also\n"
    "an exercise lesson, which has no network); 3 I/O; 4 out of memory; 5\n"
    "some disagree.\n";

const char bp_cli_worksheet_help_text[] =
    "Usage: bptrace worksheet LESSON [OPTIONS]\n"
    "\n"
    "Writes LESSON as a worksheet: the givens and the network, then every\n"
    "derivation of the trace with the quantities of the chosen kinds left\n"
    "blank (______): a blank's formula and the numbers substituted are\n"
    "shown, its result is not, and a number worked out from a blank is\n"
    "blank wherever it is written.  Interpretations, errata and the\n"
    "lesson's description are left out: they may give a number away.\n"
    "\n"
    "Options:\n"
    "  --blank KINDS     the kinds left blank, a comma list, or all\n"
    "                    (default): net, exp, activation (o), derivative,\n"
    "                    product, sum, delta, weight_change (change),\n"
    "                    new_weight (new), error (t - o, E, comparisons),\n"
    "                    gradient (with --gradients; in all then too);\n"
    "                    each also as a plural (deltas); and output,\n"
    "                    signal, weight, as quiz --only names them\n"
    "  --gradients       the gradient view's partial derivatives too (see\n"
    "                    trace --gradients)\n"
    "  --reveal KINDS    show the quantities of these kinds even where they\n"
    "                    are worked out from a blank (they may give it away)\n"
    "  --paper SIZE      latex: a4 (default) or letter\n"
    "  --space N         latex: N ruled lines to work on under each blank\n"
    "                    derivation (0 to 20; default 0)\n"
    "  --key             the answer key: the same worksheet, filled in\n"
    "  --answers-template\n"
    "                    the answers file 'bptrace check LESSON FILE'\n"
    "                    reads: each blank to fill in, the numbers the\n"
    "                    worksheet gives already filled in\n"
    "  --format FORMAT   text (default), latex, markdown or html (one page;\n"
    "                    with --roster a page for each student)\n"
    "  --fragment        latex: the body only\n"
    "  --pdf             latex: also run pdflatex: -o NAME.tex (or\n"
    "                    NAME.pdf) writes NAME.tex and NAME.pdf; with\n"
    "                    --roster each student's worksheet and key PDF and\n"
    "                    all-worksheets.pdf and all-keys.pdf (each student\n"
    "                    from a new page); without pdflatex on PATH a\n"
    "                    warning, and the .tex files only (exit 0)\n"
    "  --two-sided       with --roster --pdf: each student from an odd page\n"
    "                    of the class PDFs, for double-sided printing\n"
    "  --exact, --digits N, --ascii   as for trace\n"
    "  --seed N          variant N of the lesson (see trace)\n"
    "  -o, --output FILE write to FILE, whole or not at all\n"
    "  -h, --help        show this help\n"
    "\n"
    "A class, each student with a variant of their own:\n"
    "  --roster FILE     one student id a line (letters, digits, '.', '_'\n"
    "                    and '-'; blank lines and '#' comments skipped),\n"
    "                    or id,name: a name printed on the student's sheets\n"
    "  --output-dir DIR  a directory that does not exist (or is empty): it\n"
    "                    gets ID.worksheet.EXT, ID.key.EXT and\n"
    "                    ID.answers.yaml for each student (EXT: txt, tex,\n"
    "                    md or html), a copy of the lesson and\n"
    "                    manifest.yaml; whole\n"
    "                    or not at all.  Grade with 'bptrace check\n"
    "                    --manifest DIR/manifest.yaml ANSWERS...'\n"
    "  --salt TEXT       mixed into every seed, for other variants of the\n"
    "                    same class (a seed is FNV-1a 64 of the id's bytes;\n"
    "                    with a salt, of TEXT, a 0 byte, then the id)\n"
    "\n"
    "Exit status: 0 success; 1 invalid lesson or roster (a bad id, a\n"
    "duplicate); 2 usage error (an unknown kind, options that do not go\n"
    "together); 3 I/O (a roster that cannot be read, an --output-dir that\n"
    "exists and is not empty; pdflatex failed or ran out of time: the\n"
    "message names the student and the kept .log); 4 out of memory.\n";

/* The command being parsed, so that a usage error points at its own help;
 * NULL before a command is known. */
static const char *usage_command;

int bp_cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bptrace: ");
    vfprintf(stderr, fmt, ap);
    if (usage_command)
        fprintf(stderr, "\nTry 'bptrace help %s' for more information.\n",
                usage_command);
    else
        fprintf(stderr, "\nTry 'bptrace --help' for more information.\n");
    va_end(ap);
    return BP_EXIT_USAGE;
}

static bool parse_digits(const char *text, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < 1 || v > 17)
        return false;
    *out = (int)v;
    return true;
}

const char bp_cli_step_help_text[] =
    "Usage: bptrace step LESSON [OPTIONS]\n"
    "\n"
    "Walks through the derivation of LESSON one number at a time: first the\n"
    "lesson at a glance (the given values and the network, as 'bptrace\n"
    "show' writes them), then, one key at a time, each quantity a student\n"
    "writes on a line of its own, with its formula, the numbers\n"
    "substituted, the arithmetic, the result and what it means, as 'bptrace\n"
    "trace' writes it.\n"
    "\n"
    "Keys (on a terminal, no Enter needed):\n"
    "  Enter, space, n   next (right arrow too)\n"
    "  b                 back (left arrow too)\n"
    "  g                 jump: then type a part (f, e, b, u, v, or forward,\n"
    "                    error, backward, update, verify), an exercise's\n"
    "                    step number, or a quantity's name (delta_4), and\n"
    "                    Enter\n"
    "  q                 quit (Ctrl-D too)\n"
    "When standard input is not a terminal, one command a line: an empty\n"
    "line (next), b, q, g WHERE; the end of input quits.  Colour only on a\n"
    "terminal, and never when NO_COLOR is set.\n"
    "\n"
    "Options:\n"
    "  --phase WHERE     start at WHERE (what g takes: backward, a step\n"
    "                    number, a quantity's name)\n"
    "  --unit LABEL      only what unit LABEL computes: its net input,\n"
    "                    output, error, error term, the new weights into it\n"
    "                    and its new bias, and its values in the\n"
    "                    verification pass (not for exercises)\n"
    "  --exact           double precision throughout, nothing rounded\n"
    "  --digits N        significant digits shown in exact mode, 1-17\n"
    "  --seed N          step through variant N of the lesson (see trace)\n"
    "  --gradients       the gradient view's partial derivatives too, each\n"
    "                    after its unit's error term (see trace)\n"
    "  --ascii           plain ASCII instead of UTF-8 symbols\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 at the end or on quitting; 1 invalid lesson; 2 usage\n"
    "error (an unknown unit or part); 3 the output could not be written.\n";

const char bp_cli_quiz_help_text[] =
    "Usage: bptrace quiz LESSON [OPTIONS]\n"
    "\n"
    "Asks for each quantity of LESSON that a student writes on a line of\n"
    "its own, in order, and judges each number typed as 'bptrace check'\n"
    "does: right when the correct value rounds to it at the decimals\n"
    "written (0.33 and 0.332 for 0.33181); ECF when it is wrong but follows\n"
    "from the student's own earlier numbers (error carried forward:\n"
    "accepted, and the correct value shown); otherwise wrong, with the\n"
    "classic mistake that reproduces it, and another try.  After a second\n"
    "miss the working is shown and the quiz goes on with the correct value.\n"
    "What is not a number (abc, 1,5) is asked again and costs nothing.\n"
    "\n"
    "A student's own numbers, for ECF, are the last number typed for\n"
    "each quantity: the corrected one when a second try was right; after\n"
    "two misses, the second wrong one (the quiz shows the correct value,\n"
    "but a number that follows from the student's own is still carried\n"
    "forward).  Type q to stop; the end of input (Ctrl-D) and Ctrl-C stop\n"
    "too.  At the end, or on stopping: the score per part and the\n"
    "quantities missed.\n"
    "\n"
    "Options:\n"
    "  --only KINDS      ask only these kinds, comma-separated, and show\n"
    "                    the others worked: net, exp (softmax's too), o,\n"
    "                    error, loss, log, delta, derivative, signal,\n"
    "                    product, change, weight\n"
    "                    (a plural is fine: deltas,weights); and\n"
    "                    activation, sum, weight_change, new_weight, new,\n"
    "                    as worksheet --blank names them\n"
    "  --save FILE       write the numbers typed as an answers file (the\n"
    "                    last number typed for each; all of them in a\n"
    "                    comment), for 'bptrace check LESSON FILE': it finds\n"
    "                    wrong what the quiz missed; written whole, also\n"
    "                    when the quiz is stopped\n"
    "  --exact           the exact values as expected, as check --exact\n"
    "  --seed N          quiz on variant N of the lesson (see trace); check\n"
    "                    the saved file with 'bptrace check --seed N'\n"
    "  --ascii           plain ASCII instead of UTF-8 symbols\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status:\n"
    "  0  every number asked was right (or ECF) the first time\n"
    "  1  the lesson is invalid\n"
    "  2  usage error (an unknown kind for --only)\n"
    "  3  the output or the --save file could not be written\n"
    "  4  out of memory\n"
    "  5  some number was missed or right only the second time, or the\n"
    "     quiz was stopped before the end\n";

/* The value of an option written "--name VALUE" or "--name=VALUE";
 * *matched tells whether argv[*i] is that option at all. */
static const char *option_value(int argc, char **argv, int *i,
                                const char *name, bool *matched)
{
    size_t len = strlen(name);
    *matched = false;
    if (strncmp(argv[*i], name, len) != 0)
        return NULL;
    if (argv[*i][len] == '=') {
        *matched = true;
        return argv[*i] + len + 1;
    }
    if (argv[*i][len] != '\0')
        return NULL;
    *matched = true;
    if (*i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

/* A whole number from 1 to max ("--epochs 5000"). */
static bool parse_count(const char *text, long max, long *out)
{
    char *end;
    errno = 0;
    long v = text ? strtol(text, &end, 10) : 0;
    if (!text || errno || end == text || *end || v < 1 || v > max)
        return false;
    *out = v;
    return true;
}

/* The options of train (BP_OPT_TRAIN), like parse_option. */
static int parse_train_option(unsigned takes, int argc, char **argv, int *i,
                              bp_cli_args *a)
{
    const char *v;
    bool m;
    long n;
    if (!(takes & BP_OPT_TRAIN))
        return 0;
    if (strcmp(argv[*i], "--batch") == 0) {
        a->batch = true;
        return 1;
    }
    if ((v = option_value(argc, argv, i, "--epochs", &m)), m) {
        if (!parse_count(v, 1000000, &n))
            return -bp_cli_usage_error("--epochs takes a whole number from 1 "
                                       "to 1000000, not '%s'", v ? v : "");
        a->epochs = (int)n;
        return 1;
    }
    if ((v = option_value(argc, argv, i, "--trace-at", &m)), m) {
        if (!parse_count(v, 1000000000L, &n))
            return -bp_cli_usage_error("--trace-at takes an iteration, a "
                                       "whole number from 1, not '%s'",
                                       v ? v : "");
        a->trace_at = n;
        return 1;
    }
    if ((v = option_value(argc, argv, i, "--compare-eta", &m)), m) {
        if (!v || !*v)
            return -bp_cli_usage_error("--compare-eta needs a list of "
                                       "learning rates, such as 0.01,0.1,1.0");
        a->compare_eta = v;
        return 1;
    }
    if (strcmp(argv[*i], "--standardize") == 0) {
        a->standardize = true;
        return 1;
    }
    if ((v = option_value(argc, argv, i, "--split", &m)), m) {
        double f;
        if (!v || bp_parse_number(v, &f) != BP_NUM_OK || !(f > 0 && f < 1))
            return -bp_cli_usage_error("--split takes the fraction of the "
                                       "data to hold out, above 0 and below "
                                       "1 (0.2), not '%s'", v ? v : "");
        a->split = f;
        return 1;
    }
    return 0;
}

/* The options of export (BP_OPT_EXPORT), like parse_option. */
static int parse_export_option(unsigned takes, int argc, char **argv, int *i,
                               bp_cli_args *a)
{
    const char *v;
    bool m;
    long n;
    if (!(takes & BP_OPT_EXPORT))
        return 0;
    if (strcmp(argv[*i], "--numerical") == 0) {
        a->numerical = true;
        return 1;
    }
    if ((v = option_value(argc, argv, i, "--variants", &m)), m) {
        if (!parse_count(v, 1000, &n))
            return -bp_cli_usage_error("--variants takes a whole number from "
                                       "1 to 1000, not '%s'", v ? v : "");
        a->variants = (int)n;
        return 1;
    }
    if ((v = option_value(argc, argv, i, "--format", &m)), m) {
        if (!v || !*v)
            return -bp_cli_usage_error("--format needs a format name");
        a->export_format = v;
        return 1;
    }
    return 0;
}

/* One option, if the command takes it: 1 taken, 0 not this option, or an
 * exit code (usage error). */
/* --format NAME of a command that renders a trace: a name of the render
 * formats' table, those that draw a network only where `network` says;
 * 1, or minus the exit code after saying which names there are. */
static int parse_render_format(const char *v, bool network,
                               bp_cli_args *a)
{
    bp_render_format f;
    if (v && bp_render_format_from_name(v, &f) == BP_OK &&
        (network || !bp_render_format_about(f)->network_only)) {
        a->render_format = f;
        return 1;
    }
    char names[256] = "";
    size_t len = 0;
    for (int i = 0; i < BP_RENDER_FORMAT_COUNT; i++) {
        const bp_render_format_info *about = bp_render_format_about(i);
        if (network || !about->network_only)
            len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
                                    len ? ", " : "", about->name);
    }
    return -bp_cli_usage_error("unknown format '%s' (expected one of: %s)",
                               v ? v : "", names);
}

static int parse_option(const bp_cli_command *cmd, int argc, char **argv,
                        int *i, bp_cli_args *a)
{
    const char *arg = argv[*i], *v;
    bool m;
    unsigned takes = cmd->options;
    if ((takes & BP_OPT_EXACT) && strcmp(arg, "--exact") == 0) {
        a->exact = true;
        return 1;
    }
    if ((takes & BP_OPT_ASCII) && strcmp(arg, "--ascii") == 0) {
        a->ascii = true;
        return 1;
    }
    if ((takes & BP_OPT_DIGITS) &&
        ((v = option_value(argc, argv, i, "--digits", &m)), m)) {
        if (!v || !parse_digits(v, &a->digits))
            return -bp_cli_usage_error("--digits takes a whole number from 1 "
                                       "to 17, not '%s'", v ? v : "");
        a->exact = true; /* digits are what exact mode shows */
        return 1;
    }
    if ((takes & BP_OPT_FORMAT) && (takes & BP_OPT_DOCUMENT) &&
        ((v = option_value(argc, argv, i, "--format", &m)), m))
        return parse_render_format(v, takes & BP_OPT_DOT, a);
    if ((takes & BP_OPT_FORMAT) &&
        ((v = option_value(argc, argv, i, "--format", &m)), m)) {
        bool gradescope = takes & BP_OPT_GRADESCOPE;
        bool csv = takes & BP_OPT_CSV;
        bool none = takes & BP_OPT_NO_REPORT;
        if (v && strcmp(v, "text") == 0)
            a->format = BP_FORMAT_TEXT;
        else if (v && strcmp(v, "json") == 0)
            a->format = BP_FORMAT_JSON;
        else if (v && gradescope && strcmp(v, "gradescope") == 0)
            a->format = BP_FORMAT_GRADESCOPE;
        else if (v && csv && strcmp(v, "csv") == 0)
            a->format = BP_FORMAT_CSV;
        else if (v && none && strcmp(v, "none") == 0)
            a->format = BP_FORMAT_NONE;
        else
            return -bp_cli_usage_error("unknown format '%s' (expected one "
                                       "of: text, json%s%s%s)", v ? v : "",
                                       gradescope ? ", gradescope" : "",
                                       csv ? ", csv" : "",
                                       none ? ", none" : "");
        return 1;
    }
    if ((takes & BP_OPT_FRAGMENT) && strcmp(arg, "--fragment") == 0) {
        a->fragment = true;
        return 1;
    }
    if ((takes & BP_OPT_ANNOTATE) && strcmp(arg, "--annotate") == 0) {
        a->annotate = true;
        return 1;
    }
    if ((takes & BP_OPT_WORKSHEET) && strcmp(arg, "--key") == 0) {
        a->key = true;
        return 1;
    }
    if ((takes & BP_OPT_WORKSHEET) && strcmp(arg, "--answers-template") == 0) {
        a->answers_template = true;
        return 1;
    }
    if ((takes & BP_OPT_WORKSHEET) && strcmp(arg, "--pdf") == 0) {
        a->pdf = true;
        return 1;
    }
    if ((takes & BP_OPT_WORKSHEET) && strcmp(arg, "--two-sided") == 0) {
        a->two_sided = true;
        return 1;
    }
    if ((takes & (BP_OPT_WORKSHEET | BP_OPT_EXPORT | BP_OPT_SHEET)) &&
        ((v = option_value(argc, argv, i, "--blank", &m)), m)) {
        if (!v || !*v)
            return -bp_cli_usage_error("--blank needs KINDS: a comma list "
                                       "such as net,delta, or all");
        a->blank = v;
        return 1;
    }
    if ((takes & (BP_OPT_WORKSHEET | BP_OPT_SHEET)) &&
        ((v = option_value(argc, argv, i, "--reveal", &m)), m)) {
        if (!v || !*v)
            return -bp_cli_usage_error("--reveal needs KINDS: a comma list "
                                       "such as net,delta");
        a->reveal = v;
        return 1;
    }
    if ((takes & BP_OPT_WORKSHEET) &&
        ((v = option_value(argc, argv, i, "--paper", &m)), m)) {
        if (!v || (strcmp(v, "a4") != 0 && strcmp(v, "letter") != 0))
            return -bp_cli_usage_error("--paper is a4 or letter");
        a->paper = v;
        return 1;
    }
    if ((takes & BP_OPT_WORKSHEET) &&
        ((v = option_value(argc, argv, i, "--space", &m)), m)) {
        char *end = NULL;
        long n = v ? strtol(v, &end, 10) : -1;
        if (!v || !*v || *end || n < 0 || n > 20)
            return -bp_cli_usage_error("--space takes a number of lines, "
                                       "0 to 20");
        a->space = (int)n;
        return 1;
    }
    if ((takes & BP_OPT_SUMMARY) &&
        ((v = option_value(argc, argv, i, "--summary", &m)), m)) {
        if (!v || !*v)
            return -bp_cli_usage_error("--summary needs a file name");
        a->summary = v;
        return 1;
    }
    if ((takes & BP_OPT_GRADESCOPE) && strcmp(arg, "--hide-expected") == 0) {
        a->hide_expected = true;
        return 1;
    }
    if ((takes & BP_OPT_TEMPLATE) && strcmp(arg, "--template") == 0) {
        a->template_only = true;
        return 1;
    }
    if ((takes & BP_OPT_SEQUENTIAL) && strcmp(arg, "--sequential") == 0) {
        a->sequential = true;
        return 1;
    }
    if ((takes & BP_OPT_GRADIENTS) && strcmp(arg, "--gradients") == 0) {
        a->gradients = true;
        return 1;
    }
    if ((takes & BP_OPT_SEED) &&
        ((v = option_value(argc, argv, i, "--seed", &m)), m)) {
        if (!v || !bp_seed_parse(v, &a->seed))
            return -bp_cli_usage_error("--seed takes a whole number from 0 "
                                       "to 18446744073709551615, not '%s'",
                                       v ? v : "");
        a->has_seed = true;
        return 1;
    }
    static const struct {
        unsigned flag;
        const char *name;
        size_t field; /* offset of the const char * in bp_cli_args */
    } texts[] = {
        {BP_OPT_PHASE, "--phase", offsetof(bp_cli_args, phase)},
        {BP_OPT_UNIT, "--unit", offsetof(bp_cli_args, unit)},
        {BP_OPT_ONLY, "--only", offsetof(bp_cli_args, only)},
        {BP_OPT_SAVE, "--save", offsetof(bp_cli_args, save)},
        {BP_OPT_MANIFEST, "--manifest", offsetof(bp_cli_args, manifest)},
        {BP_OPT_ROSTER, "--roster", offsetof(bp_cli_args, roster)},
        {BP_OPT_ROSTER, "--output-dir", offsetof(bp_cli_args, output_dir)},
        {BP_OPT_ROSTER, "--salt", offsetof(bp_cli_args, salt)},
        {BP_OPT_TRAIN, "--plot", offsetof(bp_cli_args, plot)},
        {BP_OPT_TRAIN, "--data", offsetof(bp_cli_args, data)},
        {BP_OPT_TRAIN, "--test", offsetof(bp_cli_args, test)},
        {BP_OPT_TRAIN, "--one-hot", offsetof(bp_cli_args, one_hot)},
        {BP_OPT_TRAIN, "--columns", offsetof(bp_cli_args, columns)},
    };
    for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
        if (!(takes & texts[k].flag) ||
            ((v = option_value(argc, argv, i, texts[k].name, &m)), !m))
            continue;
        if (!v || !*v)
            return -bp_cli_usage_error("%s needs a value", texts[k].name);
        *(const char **)((char *)a + texts[k].field) = v;
        return 1;
    }
    if (takes & BP_OPT_TRAIN) {
        int rc = parse_train_option(takes, argc, argv, i, a);
        if (rc != 0)
            return rc;
    }
    if (takes & BP_OPT_EXPORT) {
        int rc = parse_export_option(takes, argc, argv, i, a);
        if (rc != 0)
            return rc;
    }
    if ((takes & BP_OPT_OUTPUT) &&
        (((v = option_value(argc, argv, i, "--output", &m)), m) ||
         ((v = option_value(argc, argv, i, "-o", &m)), m))) {
        if (!v || !*v) /* -o "$OUT" with OUT unset is a slip, not a file */
            return -bp_cli_usage_error("%s needs a file name", arg);
        a->output = v;
        return 1;
    }
    return 0;
}

/* The option of a command's help (its lines "  --name" or "  -o, --name")
 * closest to a misspelt one, or NULL: "did you mean" for options. */
static const char *closest_option(const char *help, const char *word)
{
    enum { MAX = 64, LEN = 32 };
    static char names[MAX][LEN];
    const char *list[MAX];
    size_t n = 0;
    char wanted[LEN];
    snprintf(wanted, sizeof wanted, "%.*s", (int)strcspn(word, "="), word);
    for (const char *line = help; *line && n < MAX;) {
        const char *p = line;
        while (*p == ' ')
            p++;
        if (p[0] == '-' && p[1] != '-' && p[1] && p[2] == ',' && p[3] == ' ')
            p += 4; /* "-o, --output" */
        if (p > line && p[0] == '-' && p[1] == '-') {
            size_t len = strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-");
            if (len > 0 && len + 3 < LEN) {
                snprintf(names[n], LEN, "%.*s", (int)len + 2, p);
                list[n] = names[n];
                n++;
            }
        }
        const char *end = strchr(line, '\n');
        line = end ? end + 1 : line + strlen(line);
    }
    const char *guess = bp_closest_name(wanted, list, n);
    return guess && strcmp(guess, wanted) != 0 ? guess : NULL;
}

/* The arguments read into a: 0; -1 when --help was shown; or an exit code
 * after a usage error. */
static int read_args(const bp_cli_command *cmd, int argc, char **argv,
                     bp_cli_args *a)
{
    *a = (bp_cli_args){.digits = 4};
    usage_command = cmd->name;
    /* FILE arguments are gathered at the front of argv, in order: argv[i]
     * is only moved to a place it has already been read from. */
    int n_files = 0;
    bool options_done = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!options_done) {
            if (strcmp(arg, "--") == 0) {
                options_done = true;
                continue;
            }
            if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
                fputs(cmd->help, stdout);
                return -1;
            }
            int rc = parse_option(cmd, argc, argv, &i, a);
            if (rc < 0)
                return -rc;
            if (rc > 0)
                continue;
            if (arg[0] == '-' && arg[1] != '\0') {
                const char *guess = closest_option(cmd->help, arg);
                if (guess)
                    return bp_cli_usage_error("unknown option '%s' for %s "
                                              "(did you mean '%s'?)", arg,
                                              cmd->name, guess);
                return bp_cli_usage_error("unknown option '%s' for %s", arg,
                                          cmd->name);
            }
        }
        if (!cmd->takes_lesson)
            return bp_cli_usage_error("%s takes no arguments, got '%s' (set "
                                      "BPTRACE_LESSONS to list another "
                                      "directory)", cmd->name, arg);
        if (!a->lesson) {
            a->lesson = arg;
            continue;
        }
        if (!cmd->takes_files)
            return bp_cli_usage_error("%s takes one lesson, got '%s' and "
                                      "'%s'", cmd->name, a->lesson, arg);
        argv[n_files++] = argv[i];
    }
    if (cmd->takes_lesson && !a->lesson && !a->manifest)
        return bp_cli_usage_error("%s needs a LESSON (a file, or a name such "
                                  "as complete-example)", cmd->name);
    a->files = argv;
    a->n_files = n_files;
    return 0;
}

bool bp_cli_parse(const bp_cli_command *cmd, int argc, char **argv,
                  bp_cli_args *a, int *exit_code)
{
    int rc = read_args(cmd, argc, argv, a);
    if (rc == 0)
        rc = app_check_clashes(a); /* no output over an input */
    if (rc == 0 && cmd->check_args)
        rc = cmd->check_args(a);
    *exit_code = rc < 0 ? BP_EXIT_OK : rc;
    return rc == 0;
}

int bp_cli_check_args(const bp_cli_args *a)
{
    if (a->format == BP_FORMAT_NONE && a->output)
        return bp_cli_usage_error("--format none writes no report: -o has "
                                  "nothing to write");
    if (a->manifest) {
        if (a->gradients)
            return bp_cli_usage_error("--gradients does not go with "
                                      "--manifest");
        if (a->template_only || a->has_seed)
            return bp_cli_usage_error("--manifest gives each student's "
                                      "variant: it takes neither %s",
                                      "--template nor --seed");
        if (!a->lesson)
            return bp_cli_usage_error("check --manifest needs ANSWERS files "
                                      "(each names its 'student')");
        if (a->format == BP_FORMAT_GRADESCOPE && a->n_files != 0)
            return bp_cli_usage_error("--format gradescope writes the "
                                      "results of one answers file, got %d",
                                      a->n_files + 1);
        return 0;
    }
    if (a->template_only) {
        if (a->n_files)
            return bp_cli_usage_error("--template writes an empty answers "
                                      "file and takes no ANSWERS, got '%s'",
                                      a->files[0]);
        if (a->summary || a->format != BP_FORMAT_TEXT)
            return bp_cli_usage_error("--template takes neither --summary "
                                      "nor --format");
        if (a->blank || a->reveal)
            return bp_cli_usage_error("--template writes the answers file "
                                      "of no worksheet: 'worksheet "
                                      "--answers-template %s' writes one",
                                      a->blank ? "--blank" : "--reveal");
        return 0;
    }
    if (!a->n_files)
        return bp_cli_usage_error("check needs ANSWERS files after the "
                                  "lesson (or --template to write an empty "
                                  "one)");
    if (a->hide_expected && a->format != BP_FORMAT_GRADESCOPE)
        return bp_cli_usage_error("--hide-expected is for --format "
                                  "gradescope");
    if (a->format == BP_FORMAT_GRADESCOPE && a->n_files != 1)
        return bp_cli_usage_error("--format gradescope writes the results "
                                  "of one answers file, got %d",
                                  a->n_files);
    return 0;
}

const char bp_cli_export_help_text[] =
    "Usage: bptrace export LESSON --format FORMAT [OPTIONS] [-o FILE]\n"
    "\n"
    "Writes LESSON for another program.  FORMAT:\n"
    "  moodle  Moodle XML: a question bank, per variant a Cloze (embedded\n"
    "          answers) question, the worksheet with a NUMERICAL gap for\n"
    "          each blank; the worked step as each gap's feedback; formulas\n"
    "          in MathJax TeX\n"
    "  qti     a QTI 1.2 package (ZIP with imsmanifest.xml) for Canvas or\n"
    "          Blackboard: per variant a section, a numerical item per blank\n"
    "  numpy   a Python script (python3 and numpy) that works the iteration\n"
    "          in float64, unit by unit as the lecture writes it and then in\n"
    "          matrix form (W @ x), prints every value and compares it with\n"
    "          the trace's exact value embedded in it: exit 0 when all agree\n"
    "          within 1e-12, 1 (naming the ones that differ) otherwise; the\n"
    "          variables are the trace's names (net_4, o_4, delta_6)\n"
    "  pytorch the same with PyTorch's autograd: E.backward(), delta =\n"
    "          -dE/dnet and Delta w = -eta * w.grad\n"
    "\n"
    "A question bank has a question per variant of LESSON, each naming its\n"
    "seed, so that 'bptrace trace LESSON --seed S' works the variant a\n"
    "student got.  Each answer passes within a range: it holds the number\n"
    "worked by hand and the exact value rounded to the same decimals, and\n"
    "keeps out the classic mistakes 'bptrace check' names; where no range\n"
    "can, a warning on standard error names the quantity and the mistake.\n"
    "An LMS judges only the range: no error carried forward (use 'bptrace\n"
    "check').  The Python scripts are for networks only.\n"
    "\n"
    "Options:\n"
    "  --format FORMAT   moodle, qti, numpy or pytorch (required)\n"
    "  --variants N      moodle, qti: N variants, seeds S, S+1, ...,\n"
    "                    S+N-1 (S: --seed, or 1), N from 1 to 1000; without\n"
    "                    it and --seed, the lesson's own numbers\n"
    "  --seed N          the (first) variant's seed (see trace)\n"
    "  --blank KINDS     moodle, qti: the kinds asked, as worksheet --blank\n"
    "                    takes them (default: all)\n"
    "  --numerical       moodle: also a numerical question per blank\n"
    "  -o, --output FILE write to FILE, whole or not at all, instead of\n"
    "                    standard output (qti: required when standard\n"
    "                    output is a terminal)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 success; 1 invalid lesson (or one without variants);\n"
    "2 usage error (also numpy/pytorch of an exercise lesson); 3 I/O; 4 out\n"
    "of memory.\n";
