#!/usr/bin/env python3
"""test-figure.py BPTRACE: the network figure's weight labels are clear, in
every network lesson (lessons/ and tests/lessons/): worked out from the
positions bptrace writes, no edge crosses a weight's label (in LaTeX the
label's own edge has a gap for it; in the HTML page's SVG and in DOT the
label's own edge runs under its white box), no two labels overlap and no
unit's circle covers one.  LaTeX: the picture's \\qbezier lines and
\\makebox(w,h) labels; HTML: the SVG's lines and label rects; DOT: the
layout `dot -Tplain` makes (skipped without dot).  A lesson too dense to
label (the 8-3-8 encoder) has no label at all and says so.  With pdflatex,
each LaTeX label's text is measured and must fit its box.  Run from the
source root.  Prints TAP."""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

BPTRACE = sys.argv[1]
UNLABELLED = {"encoder-8-3-8"}  # too dense: the weights are under Given
results = []


def check(desc, ok, why=""):
    results.append((desc, ok, why))


def trace(lesson, *args):
    return subprocess.run([BPTRACE, "trace", lesson] + list(args),
                          capture_output=True, text=True, check=True).stdout


def seg_crosses_box(a, b, box, eps=1e-6):
    """True when segment a-b enters the open box (x0, y0, x1, y1)."""
    (ax, ay), (bx, by) = a, b
    x0, y0, x1, y1 = box[0] + eps, box[1] + eps, box[2] - eps, box[3] - eps
    t0, t1 = 0.0, 1.0
    for p, q in ((ax - bx, ax - x0), (bx - ax, x1 - ax),
                 (ay - by, ay - y0), (by - ay, y1 - ay)):
        if p == 0:
            if q <= 0:
                return False
            continue
        r = q / p
        if p < 0:
            if r > t1:
                return False
            t0 = max(t0, r)
        else:
            if r < t0:
                return False
            t1 = min(t1, r)
    return t1 > t0


def boxes_overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def circle_covers(c, r, box):
    dx = max(box[0] - c[0], 0, c[0] - box[2])
    dy = max(box[1] - c[1], 0, c[1] - box[3])
    return dx * dx + dy * dy < r * r


def clear(name, fmt, edges, labels, circles):
    """edges: (owner, a, b) with owner the label's index a segment may
    cross (its own), or None; labels: boxes; circles: (centre, radius)."""
    bad = []
    for i, box in enumerate(labels):
        for owner, a, b in edges:
            if owner != i and seg_crosses_box(a, b, box):
                bad.append("edge %s-%s crosses label %d %s" % (a, b, i, box))
        for j in range(i):
            if boxes_overlap(box, labels[j]):
                bad.append("labels %d and %d overlap" % (j, i))
        for c, r in circles:
            if circle_covers(c, r, box):
                bad.append("unit at %s covers label %d" % (c, i))
    check("%s: %s labels clear of edges, labels and units" % (name, fmt),
          not bad, "; ".join(bad[:3]))


NUM = r"(-?[0-9.]+)"


def latex(name, lesson, n_weights, measure):
    tex = trace(lesson, "--format", "latex")
    pic = tex[tex.index("\\begin{picture}"):tex.index("\\end{picture}")]
    unit = float(re.search(r"\\unitlength\}\{([0-9.]+)pt", tex).group(1))
    edges = []
    for m in re.finditer(r"\\qbezier\(%s,%s\)\(%s,%s\)\(%s,%s\)"
                         % ((NUM,) * 6), pic):
        ax, ay, cx, cy, bx, by = map(float, m.groups())
        if abs(cx - (ax + bx) / 2) > 0.5 or abs(cy - (ay + by) / 2) > 0.5:
            check("%s: latex edge %s is straight" % (name, m.group(0)), False)
        edges.append((None, (ax, ay), (bx, by)))
    labels, texts = [], []
    for m in re.finditer(r"\\put\(%s,%s\)\{\\makebox\(%s,%s\)\{\\scriptsize "
                         r"\$([^$]*)\$\}\}" % ((NUM,) * 4), pic):
        x, y, w, h = map(float, m.groups()[:4])
        if w == 0:  # a unit's value beside it, as $x_{1} = 1$
            continue
        labels.append((x, y, x + w, y + h))
        texts.append((m.group(5), w * unit, h * unit))
    circles = [((float(x), float(y)), float(d) / 2) for x, y, d in
               re.findall(r"\\put\(%s,%s\)\{\\circle\{%s\}\}" % ((NUM,) * 3),
                          pic)]
    values = latex_values(pic, unit)
    check("%s: latex values of units (x, b, t) clear of edges" % name,
          not crossed(edges, values), "; ".join(crossed(edges, values)[:3]))
    if name in UNLABELLED:
        check("%s: latex figure has no weight or bias label and says why"
              % name, not labels and "listed under Given" in tex
              and not any(t.startswith("b_") for t in values))
        return
    check("%s: latex figure labels each of its %d weights" % (name, n_weights),
          len(labels) == n_weights, "%d labels" % len(labels))
    clear(name, "latex", edges, labels, circles)
    measure.extend((name, t) for t in texts)


def crossed(edges, values):
    """The value labels (text: box) that some edge crosses."""
    return ["%s crossed by %s-%s" % (t, a, b) for t, box in values.items()
            for _, a, b in edges if seg_crosses_box(a, b, box)]


def latex_values(pic, unit):
    """A unit's value beside or below it, \\makebox(0,0)[pos]{$b_{4} = 1$}:
    its box estimated (scriptsize math, 3.6pt a character, subscripts
    less), in the picture's units."""
    out = {}
    for m in re.finditer(r"\\put\(%s,%s\)\{\\makebox\(0,0\)(\[[lr]\])?"
                         r"\{\\scriptsize \$([^$]*)\$\}\}" % (NUM, NUM), pic):
        x, y = float(m.group(1)), float(m.group(2))
        text = m.group(4)
        main = re.sub(r"_\{[^}]*\}", "", text).replace(" ", "")
        subs = "".join(re.findall(r"_\{([^}]*)\}", text))
        w = (3.6 * len(main) + 2.6 * len(subs) + 2 * 3.5) / unit
        h = 3.5 / unit
        x0 = {"[l]": x, "[r]": x - w}.get(m.group(3), x - w / 2)
        out[text] = (x0, y - h, x0 + w, y + h)
    return out


def html_values(svg):
    """A unit's value beside or below it in the SVG (12px text): its box
    estimated, 6.5px a character."""
    out = {}
    for x, y, anchor, text in re.findall(
            r'<text x="%s" y="%s" text-anchor="(\w+)" class="value">'
            r'([^<]*)</text>' % (NUM, NUM), svg):
        x, y, w = float(x), float(y), 6.5 * len(text)
        x0 = {"start": x, "end": x - w}.get(anchor, x - w / 2)
        out[text] = (x0, y - 10, x0 + w, y + 3)
    return out


def html(name, lesson):
    page = trace(lesson, "--format", "html")
    svg = page[page.index("<svg"):page.index("</svg>")]
    edges, labels = [], []
    for g in re.findall(r'<g class="edge".*?</g>', svg):
        ln = re.search(r'<line x1="%s" y1="%s" x2="%s" y2="%s"' % ((NUM,) * 4),
                       g)
        ax, ay, bx, by = map(float, ln.groups())
        rect = re.search(r'<rect x="%s" y="%s" width="%s" height="%s"'
                         % ((NUM,) * 4), g)
        owner = None
        if rect:
            x, y, w, h = map(float, rect.groups())
            owner = len(labels)
            labels.append((x, y, x + w, y + h))
        edges.append((owner, (ax, ay), (bx, by)))
    circles = [((float(x), float(y)), float(r)) for x, y, r in
               re.findall(r'<circle cx="%s" cy="%s" r="%s"' % ((NUM,) * 3),
                          svg)]
    values = html_values(svg)
    check("%s: html values of units (x, b, t) clear of edges" % name,
          not crossed(edges, values), "; ".join(crossed(edges, values)[:3]))
    if name in UNLABELLED:
        check("%s: html figure has no weight or bias label" % name,
              not labels and not any(t.startswith("b") for t in values))
        return len(edges)
    check("%s: html figure labels each of its %d weights" % (name, len(edges)),
          len(labels) == len(edges) > 0, "%d labels" % len(labels))
    clear(name, "html", edges, labels, circles)
    return len(edges)


def bezier_points(pts, n=16):
    """Points along a Graphviz spline: cubic pieces sharing their ends."""
    out = []
    for k in range(0, len(pts) - 3, 3):
        p0, p1, p2, p3 = pts[k:k + 4]
        for s in range(n + 1):
            t = s / n
            u = 1 - t
            out.append((u ** 3 * p0[0] + 3 * u * u * t * p1[0]
                        + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                        u ** 3 * p0[1] + 3 * u * u * t * p1[1]
                        + 3 * u * t * t * p2[1] + t ** 3 * p3[1]))
    return out


def dot(name, lesson, n_weights, tmp):
    for opt in ([], ["--annotate"]):
        src = trace(lesson, "--format", "dot", *opt)
        plain = subprocess.run(["dot", "-Tplain"], input=src,
                               capture_output=True, text=True,
                               check=True).stdout
        boxes, index, edges, circles = [], {}, [], []
        for line in plain.splitlines():
            f = line.split()
            if f[0] == "node":
                x, y, w, h = map(float, f[2:6])
                if re.fullmatch(r"w[0-9]+", f[1]):
                    index[f[1]] = len(boxes)
                    boxes.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
                else:
                    circles.append(((x, y), w / 2))
            elif f[0] == "edge":
                n = int(f[3])
                pts = [(float(f[4 + 2 * k]), float(f[5 + 2 * k]))
                       for k in range(n)]
                edges.append((f[1], f[2], bezier_points(pts)))
        segs = []
        for tail, head, pts in edges:
            own = index.get(tail, index.get(head))
            segs += [(own, pts[k], pts[k + 1]) for k in range(len(pts) - 1)]
        check("%s: dot %s has a label node for each of its %d weights"
              % (name, " ".join(opt), n_weights), len(boxes) == n_weights)
        # a spline ends on its node's border: its last points may touch it
        shrunk = [(b[0] + 0.01, b[1] + 0.01, b[2] - 0.01, b[3] - 0.01)
                  for b in boxes]
        clear(name, "dot " + " ".join(opt), segs, shrunk, circles)


def fits(measure, tmp):
    """Each LaTeX label's text, measured by TeX, within its box."""
    doc = ["\\documentclass{article}\\usepackage{amsmath}\\begin{document}",
           "\\newlength\\w\\newlength\\h"]
    for k, (_, (text, _, _)) in enumerate(measure):
        doc.append("\\settowidth\\w{\\scriptsize $%s$}\\settoheight\\h"
                   "{\\scriptsize $%s$}\\typeout{LABEL %d \\the\\w\\space"
                   " \\the\\h}" % (text, text, k))
    doc.append("\\end{document}")
    with open(os.path.join(tmp, "m.tex"), "w") as f:
        f.write("\n".join(doc))
    log = subprocess.run(["pdflatex", "-interaction=nonstopmode", "m.tex"],
                         cwd=tmp, capture_output=True, text=True).stdout
    sizes = {int(k): (float(w), float(h)) for k, w, h in
             re.findall(r"LABEL ([0-9]+) ([0-9.]+)pt ([0-9.]+)pt", log)}
    bad = ["%s: %s is %.1fx%.1fpt in a %.1fx%.1fpt box"
           % (name, text, sizes[k][0], sizes[k][1], w, h)
           for k, (name, (text, w, h)) in enumerate(measure)
           if k in sizes and (sizes[k][0] > w or sizes[k][1] > h)]
    check("latex labels' text fits its box (pdflatex measured %d)"
          % len(sizes), len(sizes) == len(measure) and not bad,
          "; ".join(bad[:3]))


def main():
    lessons = [f for f in sorted(glob.glob("lessons/*.yaml")
                                 + glob.glob("tests/lessons/*.yaml"))
               if re.search(r"^network:", open(f).read(), re.M)]
    has_dot = shutil.which("dot") is not None
    has_tex = shutil.which("pdflatex") is not None
    measure = []
    with tempfile.TemporaryDirectory() as tmp:
        for lesson in lessons:
            name = os.path.basename(lesson)[:-5]
            n = html(name, lesson)
            latex(name, lesson, n, measure)
            if has_dot:
                dot(name, lesson, n, tmp)
        if has_tex:
            fits(measure, tmp)
    for k, (desc, ok, why) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", k, desc))
        if not ok and why:
            print("# " + why)
    skips = [s for s, have in (("dot", has_dot), ("pdflatex", has_tex))
             if not have]
    for s in skips:
        results.append(None)
        print("ok %d # SKIP no %s" % (len(results), s))
    print("1..%d" % len(results))
    return 0 if all(r is None or r[1] for r in results) else 1


sys.exit(main())
