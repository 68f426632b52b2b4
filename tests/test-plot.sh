#!/bin/sh
# test-plot.sh PLOT_DEMO: the SVG learning curves are well-formed XML with
# the expected polylines, ticks and axis titles, never write NaN or inf,
# thin long curves and escape labels.  Needs python3 (skipped without).
# Run from the source root.  Prints TAP.
demo=$1
command -v python3 >/dev/null 2>&1 || { echo "1..0 # SKIP python3 absent"; exit 77; }
dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT
. "$(dirname "$0")/tap.sh"

# svg_is CASE CURVES DOTS MAXPOINTS: the SVG of CASE parses, has CURVES
# polylines and DOTS single-point circles, each polyline at most MAXPOINTS
# points, numbered ticks on both axes, the axis titles and a legend entry
# per curve
svg_is() {
    "$demo" svg "$1" >"$dir/$1.svg" || return 1
    python3 - "$dir/$1.svg" "$2" "$3" "$4" <<'PY'
import sys, re, xml.etree.ElementTree as ET
path, curves, dots, maxpts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
root = ET.parse(path).getroot()
ns = '{http://www.w3.org/2000/svg}'
assert root.tag == ns + 'svg', root.tag
poly = [e for e in root.iter(ns + 'polyline') if e.get('class') == 'curve']
circ = [e for e in root.iter(ns + 'circle') if e.get('class') == 'curve']
assert len(poly) == curves, ('polylines', len(poly))
assert len(circ) == dots, ('dots', len(circ))
for p in poly:
    pts = p.get('points').split()
    assert 2 <= len(pts) <= maxpts, len(pts)
    for pt in pts:
        x, y = map(float, pt.split(','))
        assert 90 <= x <= 730 and 50 <= y <= 370, pt
def group(cls):
    g = [e for e in root.iter(ns + 'g') if e.get('class') == cls]
    assert len(g) == 1, cls
    return g[0]
for axis in ('x-axis', 'y-axis'):
    ticks = [t.text for t in group(axis).iter(ns + 'text') if t.get('class') == 'tick']
    assert len(ticks) >= 2 or (axis == 'x-axis' and len(ticks) == 1), (axis, ticks)
    for t in ticks:
        float(t)
texts = {e.get('class'): ''.join(e.itertext()) for e in root.iter(ns + 'text')}
assert texts['x-label'] == 'epoch', texts
assert texts['y-label'] == 'E (sum over D)', texts
legend = [e for e in group('legend').iter(ns + 'text')]
assert len(legend) == curves + dots + sum(1 for e in legend if e.text.endswith('(no values)')), len(legend)
raw = open(path, encoding='utf-8').read()
assert not re.search(r'nan|inf', raw, re.I), 'a NaN or inf written'
PY
}

check "two curves: two polylines" svg_is small 2 0 8
check "one epoch: a dot, no polyline" svg_is one 0 1 0
check "all values equal" svg_is flat 1 0 4
check "values over seven orders of magnitude" svg_is wide 1 0 8
check "NaN, infinities and 1e308 are skipped" svg_is bad 2 0 8
check "200000 epochs thinned to at most 1000 points" svg_is huge 2 0 1000
check "labels are escaped" svg_is escape 1 0 8
check "the escaped title" python3 -c '
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
t = r.find("{http://www.w3.org/2000/svg}title").text
l = [e for e in r.iter("{http://www.w3.org/2000/svg}text") if e.text and e.text.startswith("a<b")]
assert t == "T<&>", t
assert l[0].text == "a<b & \"c\" '"'"'d'"'"'  \ufffd ok", repr(l[0].text)' "$dir/escape.svg"
check "the spike of the long curve is kept" python3 -c '
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
p = [e for e in r.iter("{http://www.w3.org/2000/svg}polyline")][0]
ys = [float(pt.split(",")[1]) for pt in p.get("points").split()]
assert min(ys) == 50.0, min(ys)' "$dir/huge.svg"

# the text plot: NaN never written, a curve with no value said so
"$demo" text bad >"$dir/bad.txt"
check "text: no NaN written" sh -c "! grep -qi 'nan\|inf' '$dir/bad.txt'"
check "text: a curve without values" grep -q 'nothing (no values)' "$dir/bad.txt"
"$demo" ascii huge >"$dir/huge.txt"
check "ascii: only ASCII" sh -c "! LC_ALL=C grep -q '[^ -~]' '$dir/huge.txt'"
check "text: 15 rows, axis, labels, title, legend" test "$(wc -l <"$dir/huge.txt")" -eq 21

echo "1..$n"
[ "$failed" -eq 0 ]
