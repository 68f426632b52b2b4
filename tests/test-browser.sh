#!/bin/sh
# test-browser.sh BPTRACE: the HTML page of section 7 in Debian's headless
# chromium, driven by tests/browser/drive.js (puppeteer-core): it loads
# from disk with no request to the network; step mode walks every
# derivation by keyboard, marking each unit; quiz mode judges a right, a
# carried-forward and a wrong answer as `bptrace check` does, and saves an
# answers file that `bptrace check` reads the same; edit mode with w46 set
# shows the o_6 of `bptrace trace` of the lesson so edited.  Screenshots
# of each mode go to $BP_SCREENSHOTS (a directory) when it is set.
# Skips (77) without chromium, node, puppeteer-core (cd tests/browser &&
# PUPPETEER_SKIP_DOWNLOAD=1 npm install) or a bptrace built with the
# page's module (-Dweb_module, src/web/build.sh).  Run from the source
# root.  Prints TAP.
bptrace=$1
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-/usr/bin/chromium}
skip() { echo "1..0 # SKIP $1"; exit 0; }
[ -x "$chromium" ] || skip "no chromium"
command -v node >/dev/null || skip "no node"
command -v python3 >/dev/null || skip "no python3"
[ -d "$here/browser/node_modules/puppeteer-core" ] ||
    skip "no puppeteer-core (cd tests/browser && PUPPETEER_SKIP_DOWNLOAD=1 npm install)"
lesson=lessons/complete-example.yaml
"$bptrace" trace "$lesson" --format html -o "$dir/s7.html" || exit 99
grep -q 'need bptrace built with its WebAssembly' "$dir/s7.html" &&
    skip "bptrace has no page module (src/web/build.sh, then -Dweb_module=)"

# a right answer, a wrong one, and one carried forward from the wrong one
echo '{"net_4": "-0.7", "o_4": "0.35", "net_6": "-0.11"}' >"$dir/answers.json"
printf 'answers:\n  net_4: -0.7\n  o_4: 0.35\n  net_6: -0.11\n' >"$dir/answers.yaml"
"$bptrace" check "$lesson" "$dir/answers.yaml" --format json >"$dir/check.json"
sed 's/^\(    4 -> 6:\) -0.3$/\1 0.5/' "$lesson" >"$dir/edited.yaml"
check "the edited lesson sets w46 to 0.5" grep -q '^    4 -> 6: 0.5$' "$dir/edited.yaml"
"$bptrace" trace "$dir/edited.yaml" --format json >"$dir/edited.json"

# a variant's page: its numbers, judged against them
"$bptrace" trace "$lesson" --seed 7 --format html -o "$dir/variant.html"
"$bptrace" trace "$lesson" --seed 7 --format json >"$dir/variant.json"
net4=$(sed -n '/"name": "net_4"/,/"text"/s/.*"text": "\([^"]*\)".*/\1/p' "$dir/variant.json")
echo "{\"net_4\": \"$net4\", \"o_4\": \"0.35\"}" >"$dir/variant-answers.json"
printf 'answers:\n  net_4: %s\n  o_4: 0.35\n' "$net4" >"$dir/variant-answers.yaml"
"$bptrace" check "$lesson" --seed 7 "$dir/variant-answers.yaml" --format json >"$dir/variant-check.json"

if ! W46=0.5 CHROMIUM="$chromium" node "$here/browser/drive.js" "$dir/s7.html" "$dir" \
        >"$dir/seen.json" 2>"$dir/drive.err"; then
    sed 's/^/# /' "$dir/drive.err"
    not_ok "the browser drove the page"
    echo "1..$n"
    exit 1
fi
ok "the browser drove the page"
[ -n "${BP_SCREENSHOTS:-}" ] && mkdir -p "$BP_SCREENSHOTS" &&
    cp "$dir"/*.png "$BP_SCREENSHOTS"/

# the saved answers file, as the page wrote it, checked by bptrace
python3 -c 'import json,sys; sys.stdout.write(json.load(open(sys.argv[1]))["saved"])' \
    "$dir/seen.json" >"$dir/saved.yaml"
"$bptrace" check "$lesson" "$dir/saved.yaml" --format json >"$dir/saved-check.json"

python3 - "$dir" "$dir/s7.html" "$n" <<'PY'
import json, re, sys
d, page = sys.argv[1], open(sys.argv[2], encoding='utf-8').read()
seen = json.load(open(d + '/seen.json'))
n, failed = int(sys.argv[3]), 0
def check(desc, ok):
    global n, failed
    n += 1
    failed += not ok
    print('%s %d - %s' % ('ok' if ok else 'not ok', n, desc))
def statuses(path):
    return {it['name']: (it['status'], it['hint'] or '')
            for it in json.load(open(path))['items'] if it['status'] != 'missing'}

check('no request left the page (%s)' % seen['requests'], seen['requests'] == [])
check('no script error (%s)' % seen['errors'], seen['errors'] == [])
check('the module is ready', seen['ready'] == 'module')
order = re.findall(r'<div class="derivation" data-q="([^"]*)" data-unit="(-?\d+)"', page)
steps = seen['steps']
check('step mode has every derivation of the page (%d)' % len(order),
      len(steps) == len(order) == seen['derivations'] > 20)
check('the arrow key walks them in the page\'s order',
      [s['q'] for s in steps] == [q for q, u in order])
check('each step shows the derivations so far and no more',
      all(s['visible'] == i + 1 for i, s in enumerate(steps)))
check('the figure marks the unit being worked',
      all(s['hl'] == ('bp-u-' + s['unit'] if int(s['unit']) >= 0 else None)
          for s in steps))
check('the counter says where', steps[5]['at'] == '6 of %d: %s' % (len(order), order[5][0]))
check('the left arrow goes back one', seen['back'] == order[-2][0])

want = statuses(d + '/check.json')
got = {k: (v['status'], v['text']) for k, v in seen['verdicts'].items()}
check('bptrace check: net_4 right, o_4 wrong, net_6 ECF (%s)' % want,
      {k: v[0] for k, v in want.items()} == {'net_4': 'right', 'o_4': 'wrong', 'net_6': 'ECF'})
check('the page judges each as bptrace check does (%s)' % got,
      {k: v[0] for k, v in got.items()} == {k: v[0] for k, v in want.items()})
check('with the same hint', all(want[k][1] in got[k][1] for k in want))
check('the saved answers check as the typed ones',
      statuses(d + '/saved-check.json') == want)

edited = {q['name']: q['text'] for q in json.load(open(d + '/edited.json'))['quantities']}
check('after w46 = 0.5 the page shows o_6 = %s, as bptrace trace of the edited lesson (%s)'
      % (seen['o6_after_edit'], edited['o_6']), seen['o6_after_edit'] == edited['o_6'])
check('and the figure shows the new weight', seen['w46_in_figure'] == '0.5')
check('a bad number in edit mode is said (%s), the trace kept' % seen['bad_edit'],
      seen['bad_edit'][0] == "cannot set eta to '0,5'" and seen['bad_edit'][1] == len(order))
vwant = {k: v[0] for k, v in statuses(d + '/variant-check.json').items()}
check('a variant\'s page (--seed 7) judges as bptrace check --seed 7 (%s, %s)'
      % (seen.get('variant_verdicts'), vwant),
      seen.get('variant_verdicts') == vwant and vwant['net_4'] == 'right')
print('# page %d bytes; interactive %s ms after navigation (module %s ms); '
      'a re-trace after an edit %s ms' % (len(page.encode()), seen['interactive_ms'],
                                        seen['module_ms'], seen['retrace_ms']))
print('1..%d' % n)
sys.exit(1 if failed else 0)
PY
rc=$?
[ "$failed" -eq 0 ] || exit 1
exit $rc
