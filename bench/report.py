#!/usr/bin/python3
"""report.py - Turn the benchmark suite's JSON results into Markdown and SVG.

Usage: report.py OUT_DIR RESULT.json...

Each RESULT.json is one workload binary's Google Benchmark output
(--benchmark_out=FILE --benchmark_out_format=json). Benchmarks are named
"<method>/<size>" and carry a counter N (the number of independents). Times
are divided by f's at the same size in the same run: the median of the
repetitions when there are any, the single run otherwise.

Writes to OUT_DIR:
  results.md          for the README: the targets of issue 7 met or not, and
                      per workload the cost of every method relative to f and
                      hessc's cost against the hand-written code and ADOL-C;
  <workload>.svg      cost relative to f against N, one line per method, on
                      log-log axes (drawn by hand: no plotting library needed).

Only the Python standard library is used.
"""
import html
import json
import math
import os
import sys

# Issue 7's targets: (label, numerator, denominator, bound, per-direction).
# "per-direction" divides the denominator by N as well: T(hessian) <= 0.75 N T(hvp).
TARGETS = [
    ("T(grad)/T(f) <= 3", "grad_hessc", "f", 3.0, False, "le"),
    ("T(grad) <= 1.3 x hand", "grad_hessc", "grad_by_hand", 1.3, False, "le"),
    ("T(hvp)/T(f) <= 6", "hvp_hessc", "f", 6.0, False, "le"),
    ("T(hvp) <= 1.5 x hand", "hvp_hessc", "hvp_by_hand", 1.5, False, "le"),
    ("T(hessian) <= 0.75 N T(hvp)", "hessian_hessc", "hvp_hessc", 0.75, True, "le"),
    ("ADOL-C grad >= 5 x slower", "grad_adolc", "grad_hessc", 5.0, False, "ge"),
    ("ADOL-C hvp >= 5 x slower", "hvp_adolc", "hvp_hessc", 5.0, False, "ge"),
    ("ADOL-C hessian >= 5 x slower", "hessian_adolc", "hessian_hessc", 5.0, False, "ge"),
]

# hessc's HVP cost relative to f is "flat in N" when its largest value over
# the sizes is at most this many times its smallest.
FLATNESS = 1.5

# A ratio is marked "~" when the coefficient of variation of either time over
# the repetitions is above this.
NOISY = 0.10

# Comparisons printed for each workload (numerator, denominator, per-direction).
COMPARISONS = [
    ("grad_hessc", "grad_by_hand", False),
    ("hvp_hessc", "hvp_by_hand", False),
    ("hessian_hessc", "hessian_by_hand", False),
    ("hessian_hessc", "hvp_hessc", True),
    ("grad_adolc", "grad_hessc", False),
    ("hvp_adolc", "hvp_hessc", False),
    ("hessian_adolc", "hessian_hessc", False),
    ("grad_adolc_retape", "grad_hessc", False),
    ("hvp_adolc_retape", "hvp_hessc", False),
    ("hessian_adolc_retape", "hessian_hessc", False),
    ("hessian_sparse_hessc", "hessian_sparse_by_hand", False),
    ("hessian_sparse_hessc", "hvp_hessc", False),
    ("sparsity_hessc", "hvp_hessc", False),
]

UNIT = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


class Workload:
    """One binary's results: times[size][method] in seconds, N per size."""

    def __init__(self, path):
        with open(path) as f:
            data = json.load(f)
        context = data.get("context", {})
        self.name = context.get("workload") or os.path.splitext(os.path.basename(path))[0]
        self.title = context.get("title", self.name)
        self.size_heading = context.get("size_heading", "N")
        self.load = context.get("loadavg_at_start", "?")
        self.date = context.get("date", "")
        self.notes = [context[k] for k in sorted(context) if k.startswith("note_")]
        self.times = {}
        self.cv = {}
        self.dims = {}
        self.methods = []
        runs = data.get("benchmarks", [])
        have_medians = any(r.get("aggregate_name") == "median" for r in runs)
        for r in runs:
            if r.get("error_occurred"):
                continue
            if r.get("aggregate_name") == "cv":
                method, _, size = r["run_name"].partition("/")
                self.cv.setdefault(int(size), {})[method] = r["real_time"]
                continue
            if have_medians:
                if r.get("run_type") != "aggregate" or r.get("aggregate_name") != "median":
                    continue
            elif r.get("run_type", "iteration") != "iteration":
                continue
            method, _, size = r["run_name"].partition("/")
            size = int(size)
            seconds = r["real_time"] * UNIT[r.get("time_unit", "ns")]
            self.times.setdefault(size, {})[method] = seconds
            if "N" in r:
                self.dims[size] = int(round(r["N"]))
            if method not in self.methods:
                self.methods.append(method)
        self.sizes = sorted(self.times)
        self.repetitions = "median of repetitions" if have_medians else "single run"

    def n(self, size):
        return self.dims.get(size, size)

    def noisy(self, size, num, den):
        """Whether either time varied by more than NOISY between repetitions."""
        cv = self.cv.get(size, {})
        return max(cv.get(num, 0), cv.get(den, 0)) > NOISY

    def ratio(self, size, num, den, per_direction=False):
        t = self.times.get(size, {})
        if num not in t or den not in t or t[den] <= 0:
            return None
        return t[num] / (t[den] * (self.n(size) if per_direction else 1))


def heading(num, den, per_direction):
    return "T(%s)/(N T(%s))" % (num, den) if per_direction else "T(%s)/T(%s)" % (num, den)


def fmt(value):
    if value is None:
        return "-"
    if value >= 1000:
        return "%.3g" % value if value < 1e5 else "%.2e" % value
    return "%.2f" % value


def table(w, columns):
    """Markdown table: a row per size, a column per (num, den, per_direction)."""
    columns = [c for c in columns if any(w.ratio(s, *c) is not None for s in w.sizes)]
    if not columns:
        return ""
    show_n = any(w.n(s) != s for s in w.sizes)
    head = [w.size_heading] + (["N"] if show_n else []) + [heading(*c) for c in columns]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for s in w.sizes:
        row = [str(s)] + ([str(w.n(s))] if show_n else [])
        for num, den, per_direction in columns:
            value = w.ratio(s, num, den, per_direction)
            row.append(fmt(value) + ("~" if value is not None and w.noisy(s, num, den) else ""))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def target_cells(w):
    """Per target: 'met at a/b sizes' with the range of values, or None."""
    cells = []
    for label, num, den, bound, per_direction, sense in TARGETS:
        values = [(s, w.ratio(s, num, den, per_direction)) for s in w.sizes]
        values = [(s, v) for s, v in values if v is not None]
        if not values:
            cells.append(None)
            continue
        met = [s for s, v in values if (v <= bound if sense == "le" else v >= bound)]
        lo = min(v for _, v in values)
        hi = max(v for _, v in values)
        span = fmt(lo) if lo == hi else "%s-%s" % (fmt(lo), fmt(hi))
        cells.append((len(met), len(values), span))
    hvp = [w.ratio(s, "hvp_hessc", "f") for s in w.sizes]
    hvp = [v for v in hvp if v is not None]
    flat = None
    if len(hvp) > 1:
        flat = (max(hvp) / min(hvp) <= FLATNESS, max(hvp) / min(hvp))
    return cells, flat


def summary(workloads):
    head = ["target"] + [w.name for w in workloads]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    per = [target_cells(w) for w in workloads]
    for i, (label, *_rest) in enumerate(TARGETS):
        row = [label]
        for cells, _ in per:
            c = cells[i]
            if c is None:
                row.append("-")
            else:
                met, total, span = c
                mark = "yes" if met == total else ("no" if met == 0 else "partly")
                row.append("%s (%d/%d; %s)" % (mark, met, total, span))
        lines.append("| " + " | ".join(row) + " |")
    row = ["T(hvp)/T(f) flat in N (max/min <= %.1f)" % FLATNESS]
    for _, flat in per:
        row.append("-" if flat is None else "%s (%.2f)" % ("yes" if flat[0] else "no", flat[1]))
    lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def markdown(workloads):
    out = ["# hessc benchmark results", ""]
    dates = sorted({w.date for w in workloads if w.date})
    if dates:
        out.append("Binaries started between %s and %s. " % (dates[0], dates[-1])
                   if len(dates) > 1 else "Run started %s. " % dates[0])
    out.append("Times are the %s; every ratio is between two methods timed in the same run; "
               "~ marks a ratio one of whose times varied by more than %d%% (coefficient of "
               "variation) over the repetitions. Load average (1, 5, 15 min) at the start of each "
               "binary: %s."
               % (workloads[0].repetitions, round(NOISY * 100),
                  ", ".join("%s %s" % (w.name, w.load) for w in workloads)))
    out += ["", "## Targets of issue 7",
            "",
            "Per workload: met at how many of the sizes measured, and the range of the ratio.",
            "",
            summary(workloads)]
    for w in workloads:
        out += ["## %s" % w.title, "",
                "Cost relative to f:", "",
                table(w, [(m, "f", False) for m in w.methods if m != "f"]),
                "hessc against derivatives by hand, per direction, and ADOL-C against hessc:", "",
                table(w, COMPARISONS)]
        for note in w.notes:
            out += ["- " + note]
        if w.notes:
            out.append("")
        out += ["![%s](%s.svg)" % (w.name, w.name), ""]
    return "\n".join(out)


# ---- SVG ------------------------------------------------------------------

KIND_COLOUR = {"grad": "#1f77b4", "hvp": "#d62728", "hessian": "#2ca02c"}
METHOD_STYLE = {  # dash pattern, width, marker
    "hessc": ("", 2.5, "circle"),
    "by_hand": ("7 4", 1.6, "square"),
    "central_difference": ("2 3", 1.6, "diamond"),
    "adolc": ("9 3 2 3", 1.6, "triangle"),
    "adolc_retape": ("14 4", 1.6, "cross"),
}


def split_method(method):
    kind, _, how = method.partition("_")
    return kind, how


def marker(shape, x, y, colour):
    if shape == "circle":
        return '<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"/>' % (x, y, colour)
    if shape == "square":
        return '<rect x="%.1f" y="%.1f" width="7" height="7" fill="white" stroke="%s" stroke-width="1.5"/>' % (
            x - 3.5, y - 3.5, colour)
    if shape == "diamond":
        return '<path d="M%.1f %.1f l4 4 l-4 4 l-4 -4 z" fill="white" stroke="%s" stroke-width="1.5"/>' % (
            x, y - 4, colour)
    if shape == "triangle":
        return '<path d="M%.1f %.1f l4.5 8 l-9 0 z" fill="white" stroke="%s" stroke-width="1.5"/>' % (
            x, y - 5, colour)
    return '<path d="M%.1f %.1f l8 8 M%.1f %.1f l-8 8" stroke="%s" stroke-width="1.8"/>' % (
        x - 4, y - 4, x + 4, y - 4, colour)


def power_label(k, x, y, anchor):
    if k == 0:
        text = "1"
    elif k == 1:
        text = "10"
    else:
        text = '10<tspan dy="-6" font-size="9">%d</tspan>' % k
    return '<text x="%.1f" y="%.1f" text-anchor="%s">%s</text>' % (x, y, anchor, text)


def svg(w):
    series = []
    for m in w.methods:
        if m == "f":
            continue
        points = [(w.n(s), w.ratio(s, m, "f")) for s in w.sizes]
        points = [(n, r) for n, r in points if r is not None and r > 0]
        if points:
            series.append((m, points))
    width, height = 860, 480
    left, right, top, bottom = 70, 250, 50, 60
    pw, ph = width - left - right, height - top - bottom
    xs = [n for _, pts in series for n, _ in pts] or [1, 10]
    ys = [r for _, pts in series for _, r in pts] or [1, 10]
    x0, x1 = math.floor(math.log10(min(xs))), math.ceil(math.log10(max(xs)))
    y0, y1 = math.floor(math.log10(min(ys + [1.0]))), math.ceil(math.log10(max(ys)))
    if x1 == x0:
        x1 += 1
    if y1 == y0:
        y1 += 1

    def px(n):
        return left + (math.log10(n) - x0) / (x1 - x0) * pw

    def py(r):
        return top + (y1 - math.log10(r)) / (y1 - y0) * ph

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">' % (width, height, width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="24" font-size="15" font-weight="bold">%s</text>'
           % (left, html.escape(w.title)),
           '<text x="%d" y="40" fill="#555">cost relative to f (%s), log-log</text>'
           % (left, w.repetitions)]
    # Grid and axes.
    for k in range(x0, x1 + 1):
        x = px(10 ** k)
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x, top, x, top + ph))
        out.append(power_label(k, x, top + ph + 18, "middle"))
    for k in range(y0, y1 + 1):
        y = py(10 ** k)
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (left, y, left + pw, y))
        out.append(power_label(k, left - 8, y + 4, "end"))
    out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#333"/>'
               % (left, top, pw, ph))
    out.append('<text x="%.1f" y="%d" text-anchor="middle">N (independent variables)</text>'
               % (left + pw / 2, height - 18))
    out.append('<text transform="translate(18 %.1f) rotate(-90)" text-anchor="middle">T(method) / T(f)</text>'
               % (top + ph / 2))
    # The targets for hessc's gradient and HVP.
    for bound, kind, label in [(3, "grad", "grad target 3"), (6, "hvp", "hvp target 6")]:
        if 10 ** y0 <= bound <= 10 ** y1:
            y = py(bound)
            out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s" stroke-opacity="0.5" '
                       'stroke-dasharray="1 4" stroke-width="1.5"/>' % (left, y, left + pw, y, KIND_COLOUR[kind]))
            out.append('<text x="%d" y="%.1f" text-anchor="end" font-size="10" fill="%s">%s</text>'
                       % (left + pw - 4, y - 4, KIND_COLOUR[kind], label))
    # Series and legend.
    for i, (m, points) in enumerate(series):
        kind, how = split_method(m)
        colour = KIND_COLOUR.get(kind, "#555")
        dash, stroke, shape = METHOD_STYLE.get(how, ("", 1.5, "circle"))
        coords = " ".join("%.1f,%.1f" % (px(n), py(r)) for n, r in points)
        out.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="%.1f"%s/>'
                   % (coords, colour, stroke, ' stroke-dasharray="%s"' % dash if dash else ""))
        for n, r in points:
            out.append(marker(shape, px(n), py(r), colour))
        ly = top + 8 + i * 20
        lx = left + pw + 20
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="%.1f"%s/>'
                   % (lx, ly, lx + 34, ly, colour, stroke, ' stroke-dasharray="%s"' % dash if dash else ""))
        out.append(marker(shape, lx + 17, ly, colour))
        out.append('<text x="%d" y="%d">%s</text>' % (lx + 42, ly + 4, html.escape(m)))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    out_dir, paths = argv[1], argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    workloads = [Workload(p) for p in paths]
    workloads = [w for w in workloads if w.sizes]
    if not workloads:
        sys.stderr.write("report.py: no benchmark results in %s\n" % " ".join(paths))
        return 1
    with open(os.path.join(out_dir, "results.md"), "w") as f:
        f.write(markdown(workloads))
    for w in workloads:
        with open(os.path.join(out_dir, w.name + ".svg"), "w") as f:
            f.write(svg(w))
    print("report.py: wrote %s and %s" % (
        os.path.join(out_dir, "results.md"),
        ", ".join(os.path.join(out_dir, w.name + ".svg") for w in workloads)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
