#!/usr/bin/env bash
# The figures of `equilib sweep --plot`: each format is a valid file, the
# regime map of tests/fixtures/game/regimes.game has the regimes and the
# boundaries derived by hand there, the line plot steps where the class
# probability jumps, and bad uses fail with a message and status 2.
# Usage: plot.sh PATH/TO/equilib SOURCE_ROOT
#
# The fixture: a chooser takes the best of X (worth a, plus 0.3 with
# bonus = some), Y (worth b) and Z (worth 1/2 + c, c at its default 0).
#   Map over a = 0, 0.3, 0.6, 0.9 and b = 0.1, 0.45, 0.8 (no grid point on
#   a tie): rows b = 0.1 and 0.45 read Z Z X X, row b = 0.8 reads Y Y Y X.
#   Three regimes.  Along a row the boundary is where X overtakes the best
#   other: a = 1/2 in the first two rows, a = b = 0.8 in the third (the
#   midpoints of the cells would put them at 0.45 and 0.75).  Along a
#   column (a = 0, 0.3: Z Z Y; a = 0.6: X X Y; a = 0.9: X X X) it is where
#   Y overtakes the best other: b = 1/2 for a = 0 and 0.3, b = a = 0.6 for
#   a = 0.6 (the midpoints would put them at 0.625).
#   Map over a = 0, 0.15, 0.3, 0.45 and b the same: Z and Y only, two
#   regimes.
#   Line plot of P(took_x) over a = 0.05, 0.35, 0.65, 0.95 with b = 0.2:
#   it jumps from 0 to 1 at a = 1/2 (bonus = none) and at a = 0.2 (bonus =
#   some, a + 0.3 = 1/2), both inside a grid step.
set -u
eq=$1
root=$2
fix=$root/tests/fixtures/game/regimes.game
py=/usr/bin/python3
# Under AddressSanitizer: fontconfig's cache and PLplot's loaded drivers
# live until exit (tests/lsan_plot.supp); the program's own leaks still fail.
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$root/tests/lsan_plot.supp"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 pass=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }

map=(--vary a=0:0.9:4 --vary b=0.1:0.8:3)
map2=(--vary a=0:0.45:4 --vary b=0.1:0.8:3)
line=(--vary a=0.05:0.95:4 --vary bonus --plot-class took_x)

# Each format, both kinds.
for ext in svg pdf png; do
  for kind in map line; do
    eval "args=(\"\${$kind[@]}\")"
    f=$tmp/$kind.$ext
    if "$eq" sweep "$fix" "${args[@]}" -f csv -o "$tmp/$kind.csv" --plot "$f" 2>"$tmp/err"; then
      ok
    else
      bad "$kind.$ext: exit $?"; sed 's/^/  err: /' "$tmp/err" | head -5
    fi
    grep -q 'took_' "$tmp/$kind.csv" && ok || bad "$kind.$ext: the table was not written with the figure"
  done
done
"$eq" sweep "$fix" "${map2[@]}" -o /dev/null --plot "$tmp/map2.svg" 2>/dev/null && ok || bad "map2.svg"
ls "$tmp" | grep -q '\.tmp\.' && bad "a temporary file was left behind" || ok
# The same figure for every -j (rows come in grid order whatever the threads).
"$eq" sweep "$fix" "${map[@]}" -j 2 -o /dev/null --plot "$tmp/map_j2.svg" 2>/dev/null &&
  cmp -s "$tmp/map.svg" "$tmp/map_j2.svg" && ok || bad "map.svg differs with -j 2"

if "$py" - "$tmp" <<'EOF'
import re, struct, sys
import xml.etree.ElementTree as ET
d = sys.argv[1]
errors = []

def check(cond, what):
    if not cond:
        errors.append(what)

# PNG: the signature, then IHDR with the page's width (1100) and a height
# of at least the plot's part (700).
for kind in ("map", "line"):
    b = open(f"{d}/{kind}.png", "rb").read()
    check(b[:8] == b"\x89PNG\r\n\x1a\n", f"{kind}.png: no PNG signature")
    check(b[12:16] == b"IHDR", f"{kind}.png: no IHDR chunk first")
    w, h = struct.unpack(">II", b[16:24])
    check(w == 1100 and 700 < h < 2000, f"{kind}.png: IHDR {w}x{h}")
    check(b[-8:-4] == b"IEND", f"{kind}.png: no IEND chunk last")

# PDF: the header and the end-of-file marker.
for kind in ("map", "line"):
    b = open(f"{d}/{kind}.pdf", "rb").read()
    check(b.startswith(b"%PDF-1."), f"{kind}.pdf: no %PDF header")
    check(b.rstrip().endswith(b"%%EOF"), f"{kind}.pdf: no %%EOF trailer")
    check(b"startxref" in b[-1024:], f"{kind}.pdf: no startxref")

NS = "{http://www.w3.org/2000/svg}"
PT = re.compile(r"[ML] ([-0-9.e]+) ([-0-9.e]+)")

def paths(name):
    root = ET.parse(f"{d}/{name}").getroot()   # raises unless well-formed XML
    check(root.tag == NS + "svg", f"{name}: root is {root.tag}")
    out = []
    for p in root.iter(NS + "path"):
        style = p.get("style", "")
        fill = re.search(r"fill:(rgb\([^)]*\))", style)
        stroke = re.search(r"stroke:(rgb\([^)]*\))", style)
        pts = [(float(x), float(y)) for x, y in PT.findall(p.get("d", ""))]
        out.append((fill.group(1) if fill else None, stroke.group(1) if stroke else None, pts))
    return out

PLAIN = {"rgb(0%,0%,0%)", "rgb(100%,100%,100%)", "rgb(58.823529%,58.823529%,58.823529%)"}

# Regime map: one fill colour per regime (black, white: text, marker and
# background), and the boundaries where derived by hand, along the rows
# and along the columns: the regions are polygons whose vertices on the
# grid lines are the exact breakpoints, so a point where regions of two
# colours meet on a grid line (away from the grid points) is a boundary.
def near(v, vals, tol):
    return any(abs(v - w) < tol for w in vals)

for name, want, rows, cols in (
        ("map.svg", 3,
         # rows b = 0.1, 0.45: Z to X at a = 1/2; b = 0.8: Y to X at a = b
         {(0.1, 0.5), (0.45, 0.5), (0.8, 0.8)},
         # columns a = 0, 0.3: Z to Y at b = 1/2; a = 0.6: X to Y at b = a
         {(0.0, 0.5), (0.3, 0.5), (0.6, 0.6)}),
        ("map2.svg", 2, None, None)):
    ps = paths(name)
    fills = [(f, pts) for f, s, pts in ps if f and f not in PLAIN and pts]
    check(len({f for f, _ in fills}) == want,
          f"{name}: {len({f for f, _ in fills})} regime colours, want {want}")
    if rows is None:
        continue
    # the map's regions start at the frame's left (x > 105; the legend's
    # boxes are at 70..100 on a page 1100 wide); a = 0 .. 0.9 left to
    # right, b = 0.1 .. 0.8 with y (the paths' coordinates are PLplot's,
    # y upwards, flipped by the page's transform)
    cells = [(f, pts) for f, pts in fills if min(x for x, _ in pts) > 105]
    xs = [x for _, pts in cells for x, _ in pts]
    ys = [y for _, pts in cells for _, y in pts]
    x0, x1, ytop, ybot = min(xs), max(xs), min(ys), max(ys)
    colours = {}
    for f, pts in cells:
        for x, y in pts:
            key = (0.9 * (x - x0) / (x1 - x0), 0.1 + 0.7 * (y - ytop) / (ybot - ytop))
            colours.setdefault((round(key[0], 4), round(key[1], 4)), set()).add(f)
    meet = [k for k, fs in colours.items() if len(fs) > 1]
    ga, gb, tol = (0.0, 0.3, 0.6, 0.9), (0.1, 0.45, 0.8), 2e-3
    got_rows = {(b, round(a, 2)) for a, b in meet if near(b, gb, tol) and not near(a, ga, tol)
                for b in [min(gb, key=lambda g: abs(g - b))]}
    got_cols = {(a, round(b, 2)) for a, b in meet if near(a, ga, tol) and not near(b, gb, tol)
                for a in [min(ga, key=lambda g: abs(g - a))]}
    exact = all(abs(a - w) < tol for a, b in meet if near(b, gb, tol) and not near(a, ga, tol)
                for w in [0.5 if b < 0.6 else 0.8])
    check(got_rows == rows, f"{name}: boundaries along the rows at (b, a) = {sorted(got_rows)}, "
          f"want {sorted(rows)}")
    check(got_cols == cols, f"{name}: boundaries along the columns at (a, b) = "
          f"{sorted(got_cols)}, want {sorted(cols)}")
    check(exact, f"{name}: a row boundary off its breakpoint by more than {tol}")

# Line plot: two series (two colours), each a step: one vertical segment,
# at a = 0.5 (none) and 0.2 (some).
ps = paths("line.svg")
series = {}
for f, s, pts in ps:
    if s and s not in PLAIN and len(pts) > 2:
        series.setdefault(s, []).append(pts)
check(len(series) == 2, f"line.svg: {len(series)} series drawn, want 2")
jumps = []
for s, lines in series.items():
    for pts in lines:
        xa, xb = pts[0][0], pts[-1][0]
        for (p, q) in zip(pts, pts[1:]):
            if abs(p[0] - q[0]) < 1e-6 and abs(p[1] - q[1]) > 1:
                jumps.append(round(0.05 + 0.9 * (p[0] - xa) / (xb - xa), 3))
check(sorted(jumps) == [0.2, 0.5], f"line.svg: jumps at a = {sorted(jumps)}, want [0.2, 0.5]")

for e in errors:
    print("FAIL", e)
sys.exit(1 if errors else 0)
EOF
then ok; else bad "file contents"; fi

# check NAME WANT_RC STDERR_PATTERN -- ARGS...
check() {
  local name=$1 want=$2 epat=$3; shift 4
  "$eq" "$@" >/dev/null 2>"$tmp/err"
  local rc=$?
  if [ "$rc" -eq "$want" ] && grep -qE -- "$epat" "$tmp/err"; then ok; else
    bad "$name: exit $rc, want $want, stderr /$epat/"; sed 's/^/  err: /' "$tmp/err" | head -5
  fi
}
check bad-extension 2 "must end in .svg, .pdf or .png" -- sweep "$fix" "${map[@]}" --plot "$tmp/x.jpg"
grep -q "^usage: " "$tmp/err" && ok || bad "bad-extension: no usage line"
check no-extension 2 "must end in" -- sweep "$fix" "${map[@]}" --plot "$tmp/figure"
check unwritable 2 "cannot create a file beside it" -- sweep "$fix" "${map[@]}" --plot "$tmp/no/such/dir/x.png"
check no-interval 2 "needs one interval parameter" -- sweep "$fix" --vary bonus --plot "$tmp/x.svg"
check three-intervals 2 "not 3" -- sweep "$fix" "${map[@]}" --vary c=0:0.5:2 --plot "$tmp/x.svg"
check map-with-choices 2 "fix bonus with -p bonus=CHOICE" -- sweep "$fix" "${map[@]}" --vary bonus \
  --plot "$tmp/x.svg"
check unknown-class 2 "no such class" -- sweep "$fix" --vary a=0:1:3 --plot "$tmp/x.svg" \
  --plot-class war
check class-on-map 2 "applies to a line plot" -- sweep "$fix" "${map[@]}" --plot "$tmp/x.svg" \
  --plot-class took_x
check decreasing 2 "must increase" -- sweep "$fix" --vary a=0.9,0.1 --plot "$tmp/x.svg"
check with-shard 2 "not with --shard" -- sweep "$fix" "${map[@]}" --shard 1/2 -o "$tmp/s.json" \
  --plot "$tmp/x.svg"
check not-sweep 2 "does not apply to breakpoints" -- breakpoints "$fix" --vary a --plot "$tmp/x.svg"
# An input file is never overwritten: a model named like a figure.
cp "$fix" "$tmp/model.svg"
check input-file 2 "input file; refusing to overwrite" -- sweep "$tmp/model.svg" --input-format game \
  --vary a=0:1:3 --plot "$tmp/model.svg"
cmp -s "$fix" "$tmp/model.svg" && ok || bad "input-file: the model was changed"
check same-as-output 2 "same file as -o" -- sweep "$fix" --vary a=0:1:3 -o "$tmp/o.svg" --plot "$tmp/o.svg"
# No figure is left from a failed run.
[ ! -e "$tmp/x.svg" ] && [ ! -e "$tmp/x.jpg" ] && ok || bad "a failed run left a figure"
ls "$tmp" | grep -q '\.tmp\.' && bad "a failed run left a temporary file" || ok

echo "plot: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
