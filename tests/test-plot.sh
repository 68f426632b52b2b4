#!/bin/sh
# test-plot.sh PLOT_DEMO: the SVG learning curves are well-formed XML with
# the expected polylines, ticks and axis titles, never write NaN or inf,
# thin long curves and escape labels.  Needs python3 (skipped without).
# Run from the source root.  Prints TAP.
demo=$1
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 absent"; exit 0; }
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"

# Every SVG is checked by one python3 run (starting python3 is slow on a
# loaded machine): for each CASE CURVES DOTS MAXPOINTS, the SVG of CASE
# parses, has CURVES polylines and DOTS single-point circles, each polyline
# at most MAXPOINTS points inside the plot area, numbered ticks on both
# axes, the axis titles, a legend entry per curve, and no NaN or inf.  It
# writes one line per check to $dir/results: "ok DESC" or "not ok DESC".
for c in small one flat wide bad huge escape; do
    "$demo" svg "$c" >"$dir/$c.svg" || echo "$c" >>"$dir/demo-failed"
done
check "plot_demo wrote every SVG" test ! -e "$dir/demo-failed"
python3 - "$dir" >"$dir/results" 2>&1 <<'PY'
import re, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
NS = '{http://www.w3.org/2000/svg}'

def svg_is(name, curves, dots, maxpts):
    path = '%s/%s.svg' % (d, name)
    root = ET.parse(path).getroot()
    assert root.tag == NS + 'svg', root.tag
    poly = [e for e in root.iter(NS + 'polyline') if e.get('class') == 'curve']
    circ = [e for e in root.iter(NS + 'circle') if e.get('class') == 'curve']
    assert len(poly) == curves, ('polylines', len(poly))
    assert len(circ) == dots, ('dots', len(circ))
    for p in poly:
        pts = p.get('points').split()
        assert 2 <= len(pts) <= maxpts, len(pts)
        for pt in pts:
            x, y = map(float, pt.split(','))
            assert 90 <= x <= 730 and 50 <= y <= 370, pt
    def group(cls):
        g = [e for e in root.iter(NS + 'g') if e.get('class') == cls]
        assert len(g) == 1, cls
        return g[0]
    for axis in ('x-axis', 'y-axis'):
        ticks = [t.text for t in group(axis).iter(NS + 'text')
                 if t.get('class') == 'tick']
        assert len(ticks) >= 2 or (axis == 'x-axis' and len(ticks) == 1), \
            (axis, ticks)
        for t in ticks:
            float(t)
    texts = {e.get('class'): ''.join(e.itertext()) for e in root.iter(NS + 'text')}
    assert texts['x-label'] == 'epoch', texts
    assert texts['y-label'] == 'E (sum over D)', texts
    legend = list(group('legend').iter(NS + 'text'))
    empty = sum(1 for e in legend if e.text.endswith('(no values)'))
    assert len(legend) == curves + dots + empty, len(legend)
    raw = open(path, encoding='utf-8').read()
    assert not re.search(r'nan|inf', raw, re.I), 'a NaN or inf written'
    return root

def escaped():
    r = svg_is('escape', 1, 0, 8)
    t = r.find(NS + 'title').text
    assert t == 'T<&>', t
    l = [e for e in r.iter(NS + 'text') if e.text and e.text.startswith('a<b')]
    assert l[0].text == 'a<b & "c" \'d\'  \ufffd ok', repr(l[0].text)

def spike_kept():
    r = svg_is('huge', 2, 0, 1000)
    p = list(r.iter(NS + 'polyline'))[0]
    ys = [float(pt.split(',')[1]) for pt in p.get('points').split()]
    assert min(ys) == 50.0, min(ys)

checks = [
    ('two curves: two polylines', lambda: svg_is('small', 2, 0, 8)),
    ('one epoch: a dot, no polyline', lambda: svg_is('one', 0, 1, 0)),
    ('all values equal', lambda: svg_is('flat', 1, 0, 4)),
    ('values over seven orders of magnitude', lambda: svg_is('wide', 1, 0, 8)),
    ('NaN, infinities and 1e308 are skipped', lambda: svg_is('bad', 2, 0, 8)),
    ('200000 epochs thinned to at most 1000 points',
     lambda: svg_is('huge', 2, 0, 1000)),
    ('labels and the title are escaped', escaped),
    ('the spike of the long curve is kept', spike_kept),
]
for desc, f in checks:
    try:
        f()
        print('ok ' + desc)
    except Exception as e:  # a failed check, reported and counted
        print('not ok %s: %r' % (desc, e))
PY
check "python3 checked the SVGs" test "$(grep -c '^ok \|^not ok ' "$dir/results")" -eq 8
while IFS= read -r line; do
    case $line in
    "ok "*) ok "${line#ok }" ;;
    "not ok "*) not_ok "${line#not ok }" ;;
    *) echo "# $line" ;;
    esac
done <"$dir/results"

# the text plot: NaN never written, a curve with no value said so
"$demo" text bad >"$dir/bad.txt"
check "text: no NaN written" sh -c "! grep -qi 'nan\|inf' '$dir/bad.txt'"
check "text: a curve without values" grep -q 'nothing (no values)' "$dir/bad.txt"
"$demo" ascii huge >"$dir/huge.txt"
check "ascii: only ASCII" sh -c "! LC_ALL=C grep -q '[^ -~]' '$dir/huge.txt'"
check "text: 15 rows, axis, labels, title, legend" test "$(wc -l <"$dir/huge.txt")" -eq 21

echo "1..$n"
[ "$failed" -eq 0 ]
