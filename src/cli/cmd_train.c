/* cmd_train.c: `bptrace train`: the first iteration (or the N-th) traced
 * in full by the derivation graph, then epochs on the fast engine, then
 * the report; `--compare-eta` trains once per rate.  What `train` and
 * `gradcheck` share to set a lesson up is here too (train_setup).
 */
#include "cli/app.h"
#include "cli/cmd_train.h"
#include "train/data.h"
#include "train/report.h"
#include "render/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RATES 16

static const bp_cli_command train_command = {
    "train", bp_cli_train_help_text,
    BP_OPT_FORMAT | BP_OPT_CSV | BP_OPT_OUTPUT | BP_OPT_ASCII |
        BP_OPT_TRAIN | BP_OPT_SEED,
    true, false, NULL};

/* ------------------------------------------------------------------ */
/* Shared with gradcheck                                               */
/* ------------------------------------------------------------------ */

int train_setup(bp_lesson *lesson, const bp_cli_args *a, const char *command,
                bp_train_config *cfg)
{
    if (lesson->n_layers == 0) /* as trace --format dot: a usage error */
        return bp_cli_usage_error("%s needs a network lesson, and '%s' is "
                                  "an exercise lesson, which has none (try "
                                  "bptrace trace or step)", command,
                                  a->lesson);
    cfg->rules = lesson->training;
    cfg->eta = lesson->eta;
    if (a->epochs)
        cfg->rules.epochs = a->epochs;
    if (a->batch)
        cfg->rules.mode = BP_TRAIN_BATCH;
    /* --compare-eta compares the curves over the same epochs: a slow rate's
     * flat start is no plateau, so the rule is off there. */
    if (a->compare_eta)
        cfg->rules.plateau_epochs = 0;
    if (a->has_seed) {
        bp_training *t = &cfg->rules;
        if (!t->init) { /* the lecture's range; the lesson's biases */
            t->init_low = -0.05;
            t->init_high = 0.05;
            t->init_biases = false;
        }
        t->init = true;
        t->seed = a->seed;
        bp_lesson_draw_weights(lesson, t->init_low, t->init_high, t->seed,
                               t->init_biases);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* The traced iteration                                                */
/* ------------------------------------------------------------------ */

/* A copy of the lesson for one iteration: its own units (inputs and
 * targets of one example, the biases of that moment) and weights; the
 * rest borrowed from the lesson. */
typedef struct {
    bp_lesson copy;
    long iteration;
    int epoch, example;
} traced_lesson;

static void traced_free(traced_lesson *tl)
{
    free(tl->copy.units);
    free(tl->copy.weights);
}

static bool traced_init(traced_lesson *tl, const bp_lesson *l,
                        const bp_train_config *cfg, long iteration,
                        bool keep_lecture)
{
    const bp_example_set *set = &l->examples;
    tl->copy = *l;
    tl->iteration = iteration;
    tl->copy.units = malloc((size_t)l->n_units * sizeof *l->units);
    tl->copy.weights = malloc(((size_t)l->n_weights + 1) * sizeof *l->weights);
    if (!tl->copy.units || !tl->copy.weights) {
        traced_free(tl);
        return false;
    }
    memcpy(tl->copy.units, l->units, (size_t)l->n_units * sizeof *l->units);
    memcpy(tl->copy.weights, l->weights,
           (size_t)l->n_weights * sizeof *l->weights);
    if (!keep_lecture) { /* the lecture's numbers are of its iteration */
        tl->copy.n_lecture = tl->copy.n_errata = 0;
        tl->copy.lecture = NULL;
        tl->copy.errata = NULL;
    }
    bool batch = cfg->rules.mode == BP_TRAIN_BATCH;
    int d = batch ? 0 : (int)((iteration - 1) % set->n);
    tl->epoch = batch ? (int)iteration : (int)((iteration - 1) / set->n) + 1;
    tl->example = d + 1;
    if (iteration > 1) {
        bp_net *net = bp_net_from_lesson(l);
        if (!net) {
            traced_free(tl);
            return false;
        }
        bp_net_reset(net);
        bp_train_iterations(net, cfg, set, iteration - 1);
        bp_net_to_lesson(net, &tl->copy);
        bp_net_free(net);
    }
    const bp_layer *in = &l->layers[0], *out = &l->layers[l->n_layers - 1];
    for (int i = 0; i < in->count; i++)
        tl->copy.units[in->first + i].input =
            set->inputs[(size_t)d * set->n_inputs + i];
    for (int k = 0; k < out->count; k++)
        tl->copy.units[out->first + k].target =
            set->targets[(size_t)d * set->n_targets + k];
    return true;
}

/* ------------------------------------------------------------------ */
/* The runs                                                            */
/* ------------------------------------------------------------------ */

static void run_free(bp_train_run *run)
{
    bp_train_result_free(&run->result);
    bp_net_free(run->final);
    free(run->outputs);
    free(run->hidden);
}

/* Train from the lesson's initial weights at rate eta; the outputs (and
 * the hidden values) on every example after. */
static bp_status run_train(const bp_lesson *l, const bp_train_config *base,
                           double eta, bp_train_run *run)
{
    const bp_example_set *set = &l->examples;
    bp_train_config cfg = *base;
    cfg.eta = eta;
    memset(run, 0, sizeof *run);
    run->eta = eta;
    run->final = bp_net_from_lesson(l);
    if (!run->final)
        return BP_ERR_NOMEM;
    bp_status st = bp_train(run->final, &cfg, set, &l->validation,
                            &run->result);
    if (st != BP_OK)
        return st;
    bool hidden = l->n_layers == 3 && l->layers[1].count <= 16;
    int nh = l->layers[1].count;
    run->outputs = malloc((size_t)set->n * set->n_targets *
                          sizeof *run->outputs);
    run->hidden = hidden ? malloc((size_t)set->n * (size_t)nh *
                                  sizeof *run->hidden)
                         : NULL;
    if (!run->outputs || (hidden && !run->hidden))
        return BP_ERR_NOMEM;
    bp_net *net = run->final;
    for (int d = 0; d < set->n; d++) {
        bp_net_forward(net, set->inputs + (size_t)d * set->n_inputs);
        memcpy(run->outputs + (size_t)d * set->n_targets, bp_net_outputs(net),
               (size_t)set->n_targets * sizeof *run->outputs);
        if (hidden)
            memcpy(run->hidden + (size_t)d * nh, net->out + net->first[1],
                   (size_t)nh * sizeof *run->hidden);
    }
    return BP_OK;
}

/* "0.01,0.1,1.0" into rates; the count, or 0 after a usage error. */
static int parse_rates(const char *list, double *rates)
{
    char buf[1024];
    if (strlen(list) >= sizeof buf) {
        bp_cli_usage_error("--compare-eta: the list is too long");
        return 0;
    }
    strcpy(buf, list);
    int n = 0;
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok;
         tok = strtok_r(NULL, ",", &save)) {
        if (n == MAX_RATES) {
            bp_cli_usage_error("--compare-eta takes at most %d rates",
                               MAX_RATES);
            return 0;
        }
        if (bp_parse_number(tok, &rates[n]) != BP_NUM_OK || !(rates[n] > 0)) {
            bp_cli_usage_error("--compare-eta takes learning rates above 0, "
                               "separated by commas (0.01,0.1,1.0), not '%s'",
                               tok);
            return 0;
        }
        n++;
    }
    if (n == 0)
        bp_cli_usage_error("--compare-eta needs a list of learning rates, "
                           "such as 0.01,0.1,1.0");
    return n;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

/* Wider than a trace shows. */
static bool too_wide(const bp_lesson *l)
{
    for (int k = 0; k < l->n_layers; k++)
        if (l->layers[k].count > BP_MAX_UNITS_PER_LAYER)
            return true;
    return false;
}

typedef struct {
    const bp_cli_args *args;
    const bp_train_report *report;
    const bp_trace *trace;        /* NULL: none */
    const traced_lesson *traced;
} train_job;

/* Why the first iteration is not derived: the network is wider than a
 * trace shows. */
static void write_no_trace(const bp_lesson *l, long iteration, FILE *out)
{
    int widest = 0;
    for (int k = 0; k < l->n_layers; k++)
        widest = l->layers[k].count > widest ? l->layers[k].count : widest;
    char msg[256];
    snprintf(msg, sizeof msg, "Iteration %ld is not derived: the network "
             "has a layer of %d units, and a trace shows at most %d units a "
             "layer (bptrace trace has the same limit).", iteration, widest,
             BP_MAX_UNITS_PER_LAYER);
    text_wrap(out, "", "  ", msg);
    fputc('\n', out);
}

static void write_trace_intro(const train_job *job, FILE *out)
{
    const traced_lesson *tl = job->traced;
    const bp_training *t = &job->report->cfg->rules;
    const bp_lesson *l = job->report->lesson;
    if (t->mode == BP_TRAIN_BATCH)
        fprintf(out, "Iteration %ld: epoch %ld, traced on example 1 of %d\n",
                tl->iteration, tl->iteration, l->examples.n);
    else
        fprintf(out, "Iteration %ld: epoch %d, example %d of %d\n",
                tl->iteration, tl->epoch, tl->example, l->examples.n);
    if (t->mode == BP_TRAIN_BATCH && l->examples.n > 1)
        text_wrap(out, "  ", "  ",
                  "In batch mode the weights change only at the end of the "
                  "epoch, by the changes of all the examples summed; this "
                  "derivation shows example 1's part, as if applied alone.");
    if (t->momentum > 0)
        text_wrap(out, "  ", "  ",
                  "With momentum, training adds alpha times the previous "
                  "change to each change; this derivation shows "
                  "eta delta x alone.");
    fputc('\n', out);
}

static int write_train(const void *arg, FILE *out)
{
    const train_job *job = arg;
    const bp_cli_args *a = job->args;
    bp_status rc;
    if (a->format == BP_FORMAT_JSON)
        return app_emitted(bp_report_train_json(job->report, out));
    if (a->format == BP_FORMAT_CSV)
        return app_emitted(bp_report_train_csv(job->report, out));
    if (job->trace) {
        bool hand = job->trace->hand_rounding && job->traced->iteration == 1;
        bp_render_options opt = {
            .mode = hand ? BP_MODE_HAND : BP_MODE_EXACT,
            .digits = 4,
            .ascii = a->ascii,
        };
        write_trace_intro(job, out);
        if ((rc = bp_render_text(job->trace, &opt, out)) != BP_OK)
            return app_emitted(rc);
        fputs("\n\n", out);
    } else if (!a->compare_eta && too_wide(job->report->lesson)) {
        write_no_trace(job->report->lesson, a->trace_at ? a->trace_at : 1,
                       out);
    }
    return app_emitted(bp_report_train_text(job->report, out));
}

/* The report and the --plot SVG, all or nothing: both are opened
 * first, and if either fails neither is kept. */
static int write_outputs(const bp_cli_args *a, const train_job *job,
                         const bp_train_report *report)
{
    bp_output text, svg;
    int rc = app_output_open(&text, a->output);
    if (rc != 0)
        return rc;
    if (a->plot && (rc = app_output_open(&svg, a->plot)) != 0) {
        bp_output_abort(&text);
        return rc;
    }
    int emitted = write_train(job, text.fp);
    if (a->plot && emitted != 0) {
        bp_output_abort(&svg);
    } else if (a->plot) {
        /* the plot is committed first: a failed report then removes it */
        int plotted = app_emitted(bp_report_train_svg(report, svg.fp));
        if ((rc = app_output_close(&svg, a->plot, plotted)) != 0) {
            bp_output_abort(&text);
            return rc;
        }
    }
    rc = app_output_close(&text, a->output, emitted);
    if (rc != 0 && a->plot && emitted == 0)
        remove(a->plot);
    return rc;
}

/* ------------------------------------------------------------------ */
/* The command                                                         */
/* ------------------------------------------------------------------ */

typedef struct {
    bp_lesson *lesson;
    bp_net *initial;
    bp_train_run runs[MAX_RATES];
    int n_runs;
    traced_lesson traced;
    bool has_traced;
    bp_trace *trace;
    bp_data_spec spec;
    bp_example_set test; /* --test or --split; n == 0: none */
    char test_from[512];
} train_state;

static void state_free(train_state *s)
{
    bp_data_spec_free(&s->spec);
    bp_data_set_free(&s->test);
    bp_trace_free(s->trace);
    if (s->has_traced)
        traced_free(&s->traced);
    for (int i = 0; i < s->n_runs; i++)
        run_free(&s->runs[i]);
    bp_net_free(s->initial);
    bp_lesson_free(s->lesson);
}

static int fail(train_state *s, bp_status status, const bp_error *err)
{
    bp_error e;
    if (!err) {
        bp_error_set(&e, status, s->lesson->file, (bp_pos){0, 0},
                     "out of memory");
        err = &e;
    }
    app_report(err);
    state_free(s);
    return app_exit_code(status);
}

/* The trace of the iteration asked for (text output only). */
static int build_trace(train_state *s, const bp_cli_args *a,
                       const bp_train_config *cfg)
{
    long at = a->trace_at ? a->trace_at : 1;
    bool keep = at == 1 && !a->has_seed;
    if (!traced_init(&s->traced, s->lesson, cfg, at, keep))
        return fail(s, BP_ERR_NOMEM, NULL);
    s->has_traced = true;
    bp_error err;
    s->trace = bp_trace_build(&s->traced.copy, &err);
    if (!s->trace)
        return fail(s, err.status, &err);
    return 0;
}

/* --columns NAME=LABEL,...: every entry has a NAME and a LABEL (or -). */
static bool columns_valid(const char *map)
{
    for (const char *p = map; p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        if (!eq || eq == p || eq == p + len - 1)
            return false;
        p = end ? end + 1 : NULL;
    }
    return true;
}

/* --data and its options: the lesson's examples replaced by the file's,
 * the test set read or split off, the inputs standardised.  0, or the
 * exit code after saying why not. */
static int load_data(train_state *s, const bp_cli_args *a)
{
    bp_lesson *l = s->lesson;
    if (!a->data && (a->test || a->split > 0 || a->standardize ||
                     a->one_hot || a->columns))
        return bp_cli_usage_error("--test, --split, --standardize, "
                                  "--one-hot and --columns go with "
                                  "--data FILE.csv");
    if (!a->data && l->examples.n == 0)
        return bp_cli_usage_error("'%s' has no examples: train it on a data "
                                  "file with --data FILE.csv", a->lesson);
    if (!a->data)
        return 0;
    if (a->test && a->split > 0)
        return bp_cli_usage_error("--test FILE and --split hold out two "
                                  "ways: give one");
    if (a->columns && !columns_valid(a->columns))
        return bp_cli_usage_error("--columns takes NAME=LABEL or NAME=-, "
                                  "separated by commas, not '%s'",
                                  a->columns);
    s->spec = (bp_data_spec){.columns = a->columns, .one_hot = a->one_hot};
    bp_example_set data;
    bp_error err;
    bp_status st = bp_data_read(a->data, l, &s->spec, &data, &err);
    if (st == BP_OK && a->test &&
        (st = bp_data_read(a->test, l, &s->spec, &s->test, &err)) != BP_OK)
        bp_data_set_free(&data);
    if (st != BP_OK) {
        app_report(&err);
        return app_exit_code(st);
    }
    bp_data_set_free(&l->examples);
    l->examples = data;
    if (a->test)
        snprintf(s->test_from, sizeof s->test_from, "from %s", a->test);
    if (a->split > 0) {
        if (l->examples.n < 2) {
            return bp_cli_usage_error("--split needs at least 2 examples, "
                                      "and %s has 1", a->data);
        }
        uint64_t seed = a->has_seed ? a->seed : 1;
        if (bp_data_split(&l->examples, a->split, seed, &s->test) != BP_OK)
            return app_exit_code(BP_ERR_NOMEM);
        snprintf(s->test_from, sizeof s->test_from, "--split %g: drawn "
                 "with seed %llu", a->split, (unsigned long long)seed);
    }
    if (a->standardize)
        bp_data_standardize(&l->examples, s->test.n ? &s->test : NULL);
    return 0;
}

/* After epochs k, 2k, ... and the last, when only the text report needs
 * E: k divides the report's stride (its rows are all measured) and gives
 * the curve about 4 values a column (plot.h: 60 columns); every epoch of
 * the curve's first column, where it falls steepest. */
static int measure_every(const bp_cli_args *a, const bp_train_config *cfg)
{
    if (a->format != BP_FORMAT_TEXT || a->plot || a->compare_eta)
        return 1;
    int stride = bp_report_train_stride(cfg->rules.epochs);
    int want = cfg->rules.epochs / 240, k = 1;
    for (int d = 1; d <= want && d <= stride; d++)
        if (stride % d == 0)
            k = d;
    return k;
}

int cmd_train(int argc, char **argv)
{
    bp_cli_args a;
    int rc;
    if (!bp_cli_parse(&train_command, argc, argv, &a, &rc))
        return rc;
    double rates[MAX_RATES];
    int n_rates = 1;
    if (a.compare_eta && (n_rates = parse_rates(a.compare_eta, rates)) == 0)
        return BP_EXIT_USAGE;
    if (a.compare_eta && a.trace_at)
        return bp_cli_usage_error("--trace-at traces one run; --compare-eta "
                                  "makes several");
    train_state s = {0};
    s.lesson = app_load_training_lesson(a.lesson, &rc);
    if (!s.lesson)
        return rc;
    bp_train_config cfg;
    if ((rc = train_setup(s.lesson, &a, "train", &cfg)) != 0) {
        state_free(&s);
        return rc;
    }
    if ((rc = load_data(&s, &a)) != 0) {
        state_free(&s);
        return rc;
    }
    cfg.test = s.test.n ? &s.test : NULL;
    cfg.measure_every = measure_every(&a, &cfg);
    cfg.measure_first = cfg.measure_every > 1 ? cfg.rules.epochs / 60 : 0;
    if (!a.compare_eta)
        rates[0] = cfg.eta;
    s.initial = bp_net_from_lesson(s.lesson);
    if (!s.initial)
        return fail(&s, BP_ERR_NOMEM, NULL);
    for (int i = 0; i < n_rates; i++) {
        bp_status st = run_train(s.lesson, &cfg, rates[i], &s.runs[i]);
        s.n_runs++;
        if (st != BP_OK)
            return fail(&s, st, NULL);
    }
    /* One run that diverged has nothing to report but that: its weights,
     * outputs and curve are inf and nan.  (--compare-eta shows a rate
     * that diverged as such beside the others.) */
    if (!a.compare_eta && s.runs[0].result.stop == BP_STOP_DIVERGED) {
        bp_error err;
        bp_error_set(&err, BP_ERR_NUMERIC, s.lesson->file, (bp_pos){0, 0},
                     "training diverged in epoch %d: E is no longer a "
                     "finite number (the weights grew past double precision, "
                     "about 1.8e308); try a smaller learning rate than %g",
                     s.runs[0].result.n_epochs, rates[0]);
        return fail(&s, BP_ERR_NUMERIC, &err);
    }
    /* The iteration to trace must be one that training made. */
    long made = s.runs[0].result.n_epochs;
    if (cfg.rules.mode == BP_TRAIN_STOCHASTIC)
        made *= s.lesson->examples.n;
    if (a.trace_at > 1 && a.trace_at > made) {
        state_free(&s);
        return bp_cli_usage_error("--trace-at %ld: training made %ld "
                                  "iteration%s", a.trace_at, made,
                                  made == 1 ? "" : "s");
    }
    if (a.format == BP_FORMAT_TEXT && !a.compare_eta &&
        !too_wide(s.lesson) && (rc = build_trace(&s, &a, &cfg)) != 0)
        return rc;
    bp_train_report report = {
        .lesson = s.lesson,
        .cfg = &cfg,
        .drawn = cfg.rules.init,
        .initial = s.initial,
        .runs = s.runs,
        .n_runs = s.n_runs,
        .ascii = a.ascii,
        .data = a.data,
        .test = cfg.test,
        .test_from = s.test_from,
        .standardized = a.standardize,
        .classes = s.spec.classes,
        .n_classes = s.spec.n_classes,
    };
    train_job job = {&a, &report, s.trace, &s.traced};
    rc = write_outputs(&a, &job, &report);
    state_free(&s);
    return rc;
}
