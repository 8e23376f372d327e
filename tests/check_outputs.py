#!/usr/bin/python3
"""Strict parsing of every output of the equilib command line.

Usage: check_outputs.py PATH/TO/equilib SOURCE_ROOT [sanitized]

Runs `equilib solve` with every method and every output format that
`equilib help solve` lists, on every shipped model (models/) and fixture
(tests/fixtures/), with a few variants (--exact, --all, --sub correlated,
--qre FILE), and `equilib report` in every format; then parses each output
with a strict parser:

  json  json.loads with parse_constant raising (no NaN, Infinity), every
        number the shortest decimal that reads back to its double, the
        documented top-level keys and the shape of each equilibrium;
  csv   the csv module with strict=True: one header, every row as long as
        the header, LF line ends, no inf or nan among the cells;
  md    a pipe table: header, separator, every row with the header's
        number of cells once escaped pipes are taken out;
  tex   a booktabs tabular whose rows have its number of columns; when
        pdflatex is installed every table is compiled in a document that
        loads booktabs alone, and must fit the line (no overfull box).

A method that does not apply must say so on standard error with exit
status 2 and nothing on standard output.  It also provokes the defects of
issue 9 directly (write errors, report's file limit, "(null)", "unknown
method N", unreached information sets, 10-digit numbers) and checks the
manual page against the option table.  Standard library only.

With `sanitized` (the AddressSanitizer build, where every run is about
ten times slower), each method and variant on each file runs in one
format, turning through the five from one to the next, so that every
emitter still runs under the sanitizers on every method; and the default
report fixes the option whose delay scan is quick (israel) and takes 40
samples.  The Release build runs everything.
"""
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

EQ, ROOT = sys.argv[1], sys.argv[2]
SANITIZED = len(sys.argv) > 3 and sys.argv[3] == "sanitized"
FAILURES = []
RUNS = 0


def fail(what, why):
    FAILURES.append(f"{what}: {why}")


def run(args, cwd=ROOT, **kw):
    global RUNS
    RUNS += 1
    return subprocess.run([EQ] + args, cwd=cwd, capture_output=True, text=True,
                          timeout=1800, **kw)


# ---- what there is to run ----------------------------------------------

def listed(help_text, name):
    """The choices of a value named in --help: 'NAME is one of: a, b, c.'"""
    m = re.search(rf"^{name} is one of: (.*)\.$", help_text, re.M)
    if not m:
        fail("help", f"no '{name} is one of:' line")
        return []
    return [x.strip() for x in m.group(1).split(",")]


PER_OPTION = ("models/nato_membership.game", "models/israel_option.game",
              "models/hybrid_assurances.game")


def input_files():
    out = []
    for base in ("models", "tests/fixtures"):
        for d, _, names in os.walk(os.path.join(ROOT, base)):
            for n in sorted(names):
                if n.endswith((".nfg", ".efg", ".game")):
                    out.append(os.path.relpath(os.path.join(d, n), ROOT))
    return sorted(out)


# ---- strict parsers ------------------------------------------------------

def no_constant(name):
    raise ValueError(f"bare {name} in JSON")


def shortest(raw):
    """Whether raw is the shortest decimal that reads back to its double."""
    v = float(raw)
    digits = len(re.sub(r"[^0-9]", "", re.sub(r"[eE].*", "", raw)).strip("0")) or 1
    best = len(re.sub(r"[^0-9]", "", re.sub(r"e.*", "", repr(v))).strip("0")) or 1
    return digits <= best


def parse_json(text, what):
    bad = []

    def num(raw):
        if not shortest(raw):
            bad.append(raw)
        return float(raw)

    try:
        doc = json.loads(text, parse_constant=no_constant, parse_float=num,
                         parse_int=lambda s: int(s))
    except ValueError as e:
        fail(what, f"invalid JSON: {e}")
        return None
    if bad:
        fail(what, f"numbers that are not the shortest round-trip form: {bad[:3]}")
    return doc


SOLVE_KEYS = ["equilib", "schema", "command", "file", "title", "form", "players",
              "infosets", "method", "parameters", "complete", "value", "objective",
              "unique", "lp", "equilibria"]
EQ_KEYS = ["behaviour", "beliefs", "payoffs", "payoffs_exact", "path", "outcomes", "certificate",
           "correlated_stages"]
BEH_KEYS = ["infoset", "player", "label", "reached", "probabilities", "probabilities_exact"]


def check_solve_json(doc, what, model):
    if not isinstance(doc, dict):
        return fail(what, "not an object")
    missing = [k for k in SOLVE_KEYS if k not in doc]
    if missing:
        return fail(what, f"missing top-level keys {missing}")
    if doc["schema"] != 1 or doc["command"] != "solve" or not isinstance(doc["equilib"], str):
        fail(what, "bad equilib/schema/command")
    if not isinstance(doc["method"], dict) or not isinstance(doc["method"].get("name"), str):
        fail(what, "method is not an object with a name")
    if not isinstance(doc["parameters"], dict) or (model and not doc["parameters"]):
        fail(what, "parameters missing for a model")
    nsets = len(doc["infosets"])
    for k, e in enumerate(doc["equilibria"]):
        miss = [x for x in EQ_KEYS if x not in e]
        if miss:
            fail(what, f"equilibrium {k + 1} lacks {miss}")
            continue
        if len(e["behaviour"]) != nsets or len(e["payoffs"]) != len(doc["players"]):
            fail(what, f"equilibrium {k + 1}: behaviour or payoffs of the wrong length")
        for b in e["behaviour"]:
            if [x for x in BEH_KEYS if x not in b] or not isinstance(b["reached"], bool):
                fail(what, f"equilibrium {k + 1}: a behaviour entry lacks keys or 'reached'")
                break
            if len(b["probabilities"]) != len(doc["infosets"][b["infoset"]]["actions"]):
                fail(what, "probabilities do not match the actions")
            if b["probabilities_exact"] is not None:
                for p, x in zip(b["probabilities"], b["probabilities_exact"]):
                    if abs(p - Fraction(x)) > Fraction(1, 10**15):
                        fail(what, f"probability {p!r} is not its exact value {x}")
        if (e["beliefs"] is None) != (doc["form"] == "strategic") or \
                len(e["beliefs"] or [None] * nsets) != nsets:
            fail(what, f"equilibrium {k + 1}: beliefs null for a tree, or of the wrong length")
        for b in e["beliefs"] or []:
            if [x for x in ("infoset", "reached", "nodes", "supporting") if x not in b]:
                fail(what, f"equilibrium {k + 1}: a belief entry lacks keys")
                break
            mus = [n["belief"] for n in b["nodes"]]
            if None not in mus and abs(sum(mus) - 1) > 1e-9:
                fail(what, f"equilibrium {k + 1}: beliefs at set {b['infoset']} sum to {sum(mus)}")
        c = e["certificate"]
        if not isinstance(c, dict) or not isinstance(c.get("kind"), str) or "value" not in c:
            fail(what, "certificate is not {kind, value, exact}")
        if "sequential_regret" not in c or "bayes_gap" not in c:
            fail(what, "certificate lacks sequential_regret or bayes_gap")
    for r in (doc["lp"] or {}).get("ranges", []):
        for end in ("lo", "hi"):
            if r[end] is not None and not isinstance(r[end], float) and not isinstance(r[end], int):
                fail(what, f"LP range end {r[end]!r}")


REPORT_KEYS = ["equilib", "schema", "command", "files", "method", "paper", "contrast", "robust",
               "thresholds"]
CONTRAST_KEYS = ["file", "title", "choices", "breakpoints", "grid"]
ROBUST_KEYS = ["file", "title", "samples", "failures", "seed", "claims"]
CLAIM_KEYS = ["name", "description", "text", "hits", "share", "lo", "hi", "matters_most"]
PAPER_KEYS = ["file", "title", "choices", "parameters", "equilibrium", "path", "classes",
              "payoffs", "in_force", "spe_count", "flags", "beliefs"]
THRESHOLD_KEYS = ["file", "title", "choices", "parameter", "baseline", "lo", "hi", "value",
                  "text"]
BREAK_KEYS = ["fraction", "change_percent", "path_before", "path_after", "classes_before",
              "classes_after", "spe_before", "spe_after", "flags", "tie", "clamp", "what"]


def check_report_json(doc, what):
    if not isinstance(doc, dict) or [k for k in REPORT_KEYS if k not in doc]:
        return fail(what, "missing report keys")
    if not isinstance(doc["paper"], dict) or not isinstance(doc["thresholds"], dict):
        return fail(what, "a table is not an object")
    for r in doc["paper"].get("rows", []):
        if [k for k in PAPER_KEYS if k not in r]:
            fail(what, f"a paper row lacks {[k for k in PAPER_KEYS if k not in r]}")
        for c in (r.get("classes") or {}):
            if c not in doc["paper"].get("classes", []):
                fail(what, f"class {c} is not among the table's classes")
    for r in doc["contrast"].get("rows", []):
        if [k for k in CONTRAST_KEYS if k not in r]:
            fail(what, f"a contrast row lacks {[k for k in CONTRAST_KEYS if k not in r]}")
    for r in doc["robust"].get("rows", []):
        if [k for k in ROBUST_KEYS if k not in r]:
            fail(what, f"a robust row lacks {[k for k in ROBUST_KEYS if k not in r]}")
        for c in r.get("claims", []):
            if [k for k in CLAIM_KEYS if k not in c] or not c["lo"] <= c["share"] <= c["hi"] \
                    or (c["hits"] == 0 and c["lo"] != 0):
                fail(what, f"a claim is malformed: {c}")
    for r in doc["thresholds"].get("rows", []):
        keys = THRESHOLD_KEYS + (BREAK_KEYS if r.get("value") is not None else [])
        if [k for k in keys if k not in r]:
            fail(what, f"a threshold row lacks {[k for k in keys if k not in r]}")
    if "(null)" in json.dumps(doc):
        fail(what, "the report says (null)")


BAD_CELL = re.compile(r"^-?(inf|nan|infinity)$", re.I)


def parse_csv(text, what):
    if "\r" in text.replace('"\r', "").replace('\r"', ""):
        fail(what, "CR outside a quoted field")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as e:
        return fail(what, f"invalid CSV: {e}")
    if not rows:
        return fail(what, "no header")
    head = rows[0]
    if len(set(head)) != len(head):
        fail(what, f"repeated column names {head}")
    for i, r in enumerate(rows[1:], 2):
        if len(r) != len(head):
            return fail(what, f"row {i} has {len(r)} fields, the header {len(head)}")
        if r == head:
            return fail(what, f"a second header at row {i}")
        for cell in r:
            if BAD_CELL.match(cell.strip()):
                return fail(what, f"row {i} holds '{cell}'")
    return rows


def md_cells(line):
    if not (line.startswith("| ") and line.endswith(" |")):
        return None
    return re.split(r"(?<!\\)\|", line[1:-1])


def parse_md(text, what):
    lines = text.rstrip("\n").split("\n")
    if len(lines) < 2:
        return fail(what, "no header and separator")
    head = md_cells(lines[0])
    if head is None or not re.fullmatch(r"(\|-+:?)+\|", lines[1]):
        return fail(what, "bad header or separator")
    if lines[1].count("|") - 1 != len(head):
        fail(what, "separator does not match the header")
    for i, l in enumerate(lines[2:], 3):
        c = md_cells(l)
        if c is None or len(c) != len(head):
            return fail(what, f"line {i}: {len(c) if c else 0} cells, header {len(head)}")
        for cell in c:
            if BAD_CELL.match(cell.strip()):
                return fail(what, f"line {i} holds '{cell}'")
    return True


TEX_COLS = re.compile(r"\{\\small\\setlength\{\\tabcolsep\}\{4pt\}%\n\\begin\{tabular\}\{@\{\}((?:p\{[^{}]*\})+)@\{\}\}")


def parse_tex(text, what):
    m = TEX_COLS.match(text)
    if not m:
        return fail(what, "does not open with a tabular of p{} columns")
    ncols = m.group(1).count("p{")
    for rule in ("\\toprule", "\\midrule", "\\bottomrule", "\\end{tabular}}%\n"):
        if rule not in text:
            return fail(what, f"lacks {rule}")
    body = text[m.end():].split("\\bottomrule")[0]
    for line in body.split("\n"):
        if not line.strip() or line.strip() in ("\\toprule", "\\midrule"):
            continue
        if not line.endswith("\\tabularnewline"):
            return fail(what, f"row not ended by \\tabularnewline: {line[:60]}")
        if len(re.split(r"(?<!\\)&", line)) != ncols:
            return fail(what, f"a row without {ncols} columns: {line[:60]}")
        if re.search(r"(?<![\\a-z])(inf|nan)\b", line, re.I):
            return fail(what, f"inf or nan in {line[:60]}")
    return True


def parse_text(text, what):
    if not text.strip():
        fail(what, "empty")
    for bad in ("(null)", "unknown method"):
        if bad in text:
            fail(what, f"says {bad}")
    if re.search(r"(?<![A-Za-z])-?(inf|nan)(?![A-Za-z])", text):
        fail(what, "prints inf or nan")


TEX_TABLES = []
TEX_SKIPPED = []
TEX_COMPILE_MAX = 200_000


REPORT_TEX = []


def parse_report(fmt, text, what):
    """A report in Markdown or LaTeX holds several tables, each under a bold
    heading: each must parse as one table.  LaTeX reports are compiled as
    a document's body (their tables are paragraphs, to break across
    pages)."""
    if fmt == "md":
        chunks = [c for c in text.split("\n\n") if c.strip() and not c.startswith("**")]
        if len(chunks) < 2:
            fail(what, f"{len(chunks)} tables, want the paper table and the thresholds")
        for c in chunks:
            parse_md(c, what)
        return True
    REPORT_TEX.append((what, text))
    heads = re.split(r"\\par\\noindent\{\\raggedright\\textbf\{.*\}\\par\}\\smallskip\\noindent\n",
                     text)
    tables = [h for h in heads if h.strip()]
    if len(tables) < 2 or len(heads) != len(tables) + 1:
        return fail(what, f"{len(tables)} tables under {len(heads) - 1} headings")
    for t in tables:
        for part in t.split("\\par\\noindent\n"):   # a long table goes on in another
            parse_tex(part, what)
    return True


def parse(fmt, text, what, kind, model=False):
    if kind == "report" and fmt in ("md", "tex"):
        return parse_report(fmt, text, what)
    if fmt == "json":
        doc = parse_json(text, what)
        if doc is not None:
            (check_solve_json(doc, what, model) if kind == "solve" else check_report_json(doc, what))
        return doc
    if fmt == "csv":
        return parse_csv(text, what)
    if fmt == "md":
        return parse_md(text, what)
    if fmt == "tex":
        # Tables of more than TEX_COMPILE_MAX bytes (the beliefs at every
        # node of security.game: thousands of rows) are parsed, not
        # compiled: boxed whole they exceed TeX's main memory, and no
        # paper prints them whole.
        if len(text) <= TEX_COMPILE_MAX:
            TEX_TABLES.append((what, text))
        else:
            TEX_SKIPPED.append(what)
        return parse_tex(text, what)
    return parse_text(text, what)


# ---- the runs --------------------------------------------------------------

def solve_one(f, method, fmt, extra, tmp):
    args = ["solve", f, "-m", method, "--format", fmt] + extra
    what = " ".join(args)
    r = run(args)
    if r.returncode == 2:
        if r.stdout:
            fail(what, "exit 2 with output on standard output")
        if not re.search(r"[a-z]+ [a-z]+", r.stderr):
            fail(what, "exit 2 without a sentence")
        if re.search(r"unknown method \d", r.stderr):
            fail(what, r.stderr.strip())
        return "refused"
    if r.returncode not in (0, 1):
        fail(what, f"exit {r.returncode}: {r.stderr.strip()[:200]}")
        return "crashed"
    if r.returncode == 1 and not r.stderr:
        fail(what, "exit 1 without a message")
    if r.returncode == 1 and not r.stdout:
        return "failed"             # the method failed, and said so
    parse(fmt, r.stdout, what, "solve", model=f.endswith(".game"))
    if "--qre" in extra:
        path = extra[extra.index("--qre") + 1]
        with open(path, newline="") as fh:
            rows = parse_csv(fh.read(), what + " (the path file)")
        if rows is not None and (len(rows) < 2 or rows[0][0] != "lambda"):
            fail(what, "the path file has no points")
    return "parsed"


def variants(f):
    out = [[]]
    if f.endswith(".nfg"):
        out.append(["--exact"])
    else:
        out += [["--all"], ["--sub", "correlated"]]
    return out


def main():
    help_text = run(["help", "solve"]).stdout
    methods = listed(help_text, "METHOD")
    formats = listed(help_text, "FORMAT")
    if len(methods) < 8 or set(formats) != {"text", "json", "csv", "md", "tex"}:
        fail("help", f"methods {methods}, formats {formats}")
    files = input_files()
    tmp = tempfile.mkdtemp(prefix="eq_outputs.")
    jobs = []
    for f in files:
        for m in methods:
            # The per-option files are security.game with `option` fixed:
            # every method runs on security.game itself, so these get the
            # default method (spe) in every format.
            if f.endswith(PER_OPTION) and m != "spe":
                continue
            for i, fmt in enumerate(formats):
                for j, v in enumerate(variants(f)):
                    if not SANITIZED or (i + j + len(jobs)) % len(formats) == 0:
                        jobs.append((f, m, fmt, v))
                if m == "qre" and f.endswith(".nfg") and (not SANITIZED or fmt == "csv"):
                    q = os.path.join(tmp, f"path{len(jobs)}.csv")
                    jobs.append((f, m, fmt, ["--qre", q]))
    with ThreadPoolExecutor(max_workers=4) as ex:
        results = list(ex.map(lambda j: solve_one(*j, tmp), jobs))
    parsed = results.count("parsed")
    if parsed < len(files):
        fail("solve", f"only {parsed} outputs parsed")
    for fmt in formats:
        # The report scans every parameter of every model at every
        # combination of its named choices: security.game's (47 parameters,
        # 8 combinations, a tree of up to 8,406 nodes) takes minutes, far more
        # under the sanitizers, so the default report (every shipped model)
        # scans `delay` alone with the option and timing fixed, in text and
        # JSON, and security.game is left out of the per-file runs; the
        # other models cover every format in full.
        # Under the sanitizers, the option whose delay scan is quick
        # (membership's, with its changes of the SPE count, takes minutes
        # there) and fewer samples.
        heavy = fmt not in ("text", "json")
        if not heavy:
            what = f"report --format {fmt}"
            quick = ["-p", "option=israel", "--samples", "40"] if SANITIZED else \
                ["-p", "option=membership"]
            r = run(["report", "--format", fmt, "--vary", "delay", "-p", "timing=after"] + quick)
            if r.returncode != 0:
                fail(what, f"exit {r.returncode}: {r.stderr[:200]}")
            parse(fmt, r.stdout, what, "report")
        for f in files:
            if not f.endswith(".game") or "/cli/" in f:
                continue
            # fearon_offer.game (101 offers x 20 types) is as heavy: every
            # breakpoint scan solves its tree hundreds of times.
            # The per-option files include security.game: as heavy.
            big = f.endswith(("models/security.game", "/fearon_offer.game") + PER_OPTION)
            if big:
                continue
            # A model the reader refuses (the include fixtures' error
            # cases) gets no report in any format: it must be refused with
            # FILE:LINE:COL and exit 2, which is checked here instead.
            chk = run(["check", f])
            if chk.returncode != 0:
                if chk.returncode != 2 or not re.search(r"\.game:\d+:\d+: ", chk.stderr):
                    fail(f"check {f}", f"exit {chk.returncode} without FILE:LINE:COL: "
                                      f"{chk.stderr[:200]}")
                continue
            # security_resolve.game's two-sided game has ten information
            # sets (1,024 pure profiles for pbe at every point of every
            # scan): its full report takes about 25 s of CPU, so each
            # format scans the prior p_resolute alone.
            narrow = ["--vary", "p_resolute"] if f.endswith("models/security_resolve.game") else []
            for extra in ([], ["--sub", "correlated"]):
                what = f"report {f} --format {fmt} {' '.join(extra + narrow)}"
                r = run(["report", f, "--format", fmt] + extra + narrow)
                if r.returncode != 0 and not r.stderr:
                    fail(what, f"exit {r.returncode} without a message")
                if r.returncode != 0 and fmt == "text" and not r.stdout:
                    continue        # nothing solved, and it said why
                parse(fmt, r.stdout, what, "report")
    defects(tmp)
    compile_tex(tmp)
    manual()
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(jobs)} solves ({parsed} parsed, {results.count('refused')} refused with a "
          f"reason), {RUNS} runs in all, {len(TEX_TABLES)} LaTeX tables compiled, "
          f"{len(TEX_SKIPPED)} too large to compile whole (parsed only)")
    for x in FAILURES[:60]:
        print("FAIL", x)
    print(f"{len(FAILURES)} failures")
    return 1 if FAILURES else 0


# ---- the defects of issue 9, provoked on purpose ------------------------------

def defects(tmp):
    toy = "tests/fixtures/report/toy.game"
    # Write errors: a full device, a closed standard output.
    for args in (["report", toy], ["solve", "models/chicken.nfg", "-f", "json"], ["--help"]):
        with open("/dev/full", "w") as full:
            r = subprocess.run([EQ] + args, cwd=ROOT, stdout=full, stderr=subprocess.PIPE,
                               text=True)
        if r.returncode != 2 or "No space" not in r.stderr:
            fail(f"{' '.join(args)} > /dev/full", f"exit {r.returncode}, {r.stderr.strip()!r}")
        r = subprocess.run(["/bin/sh", "-c", '"$0" "$@" >&-', EQ] + args, cwd=ROOT,
                           capture_output=True, text=True)
        if r.returncode != 2 or "Bad file descriptor" not in r.stderr:
            fail(f"{' '.join(args)} >&-", f"exit {r.returncode}, {r.stderr.strip()!r}")
    # No file limit in report: 70 files give 70 rows.
    many = []
    for i in range(70):
        p = os.path.join(tmp, f"toy{i:02d}.game")
        shutil.copy(os.path.join(ROOT, toy), p)
        many.append(p)
    r = run(["report", "--format", "json"] + many)
    doc = parse_json(r.stdout, "report of 70 files")
    timings = 2   # toy.game: timing in {before, after}
    rows = (doc or {}).get("paper", {}).get("rows", [])
    if len(rows) != 70 * timings:
        fail("report of 70 files", f"{len(rows)} rows, want {70 * timings}")
    # "(null)" in the concept of a model that declares none.
    for fmt in ("text", "json", "csv"):
        r = run(["report", "tests/fixtures/game/entry.game", "--format", fmt])
        if "(null)" in r.stdout or "solved by enum" not in r.stdout:
            fail(f"report entry.game --format {fmt}", "the subgame method is not named")
    # qre, correlated and mip on a tree (once "unknown method N"): solved,
    # or refused with a sentence; lemke on three players: refused.
    for m in ("qre", "correlated", "mip"):
        r = run(["solve", "models/entry_deterrence.efg", "-m", m, "-f", "json"])
        if (r.returncode not in (0, 2) or "unknown method" in r.stderr or
                (r.returncode == 0 and parse_json(r.stdout, f"-m {m} on a tree") is None) or
                (r.returncode == 2 and "tree" not in r.stderr)):
            fail(f"solve entry_deterrence.efg -m {m}", r.stderr.strip())
    r = run(["solve", "tests/fixtures/game/nato.game", "-m", "lemke"])
    if r.returncode != 2 or "two players" not in r.stderr:
        fail("solve nato.game -m lemke", f"exit {r.returncode}: {r.stderr.strip()}")
    unreached()
    beliefs()
    roundtrip()
    output_file(tmp)
    special_names(tmp)
    sensitivity(tmp)
    report_checks()
    sweep_against_breakpoints()
    robust(tmp)


SECURITY = "models/security.game"


def report_claims_checks():
    """The timing contrast, the ranking and the claims of
    tests/fixtures/report/claims.game against its hand-derived values:
    Russia resumes in the window when delay > 3.5 (guard) or > 7.5 (arms),
    never before; with delay uniform over [0, 10] and 400 Latin-hypercube
    samples (strata of width 1/40, so 3.5 and 7.5 fall on their edges, and
    the shares are exact): P(war | guard, after) = 0.65, P(war | arms,
    after) = 0.25, arms strictly first in 0.4 of the samples, none before
    (a tie at 0); x + y < 1 holds on half of the unit square, its Sobol
    indices 1/3 each."""
    fx = "tests/fixtures/report/claims.game"
    args = ["report", fx, "-f", "json", "--samples", "400"]
    doc = parse_json(run(args).stdout, " ".join(args))
    if doc is None:
        return
    what = "report claims.game"
    check_report_json(doc, what)
    bks = {r["choices"]["option"]: r["breakpoints"] for r in doc["contrast"]["rows"]}
    for option, at in (("guard", 3.5), ("arms", 7.5)):
        b = bks.get(option, {})
        if (b.get("before") != [] or len(b.get("after", [])) != 1
                or abs(b["after"][0]["value"] - at) > 1e-9
                or b["after"][0]["war_before"] != 0 or b["after"][0]["war_after"] != 1):
            fail(what, f"{option}: breakpoints in delay {b}, want none before, {at} after")
    for r in doc["contrast"]["rows"]:
        edge = 3.5 if r["choices"]["option"] == "guard" else 7.5
        for g in r["grid"]:
            want = {"before": 0, "after": 1 if g["delay"] > edge else 0}
            if {t: g["timings"][t]["war"] for t in want} != want:
                fail(what, f"{r['choices']} at delay {g['delay']}: {g['timings']}")
    rob = doc["robust"]["rows"]
    if len(rob) != 1 or rob[0]["samples"] != 400 or rob[0]["failures"] != 0:
        return fail(what, f"robust rows {rob}")
    rank = {tuple(g["choices"].items()): g["options"] for g in rob[0]["ranking"]}
    want = {(("timing", "before"),): [("guard", 0, 0), ("arms", 0, 0)],
            (("timing", "after"),): [("arms", 0.25, 0.4), ("guard", 0.65, 0)]}
    for k, opts in want.items():
        got = rank.get(k, [])
        if [o["option"] for o in got] != [o[0] for o in opts] or any(
                abs(o["war"] - w) > 1e-12 or abs(o["first"] - f) > 1e-12
                or not o["first_lo"] <= f <= o["first_hi"]
                for o, (_, w, f) in zip(got, opts)):
            fail(what, f"ranking at {k}: {got}, want {opts}")
    claims = {c["name"]: c for c in rob[0]["claims"]}
    half, safer = claims.get("half"), claims.get("arms_safer")
    if half is None or not half["lo"] < 0.5 < half["hi"] or abs(half["share"] - 0.5) > 0.05:
        fail(what, f"claim half: {half}, want an interval around 1/2")
    elif not all(abs(half["matters_most"].get(n, 0) - 1 / 3) < 0.1 for n in ("x", "y")):
        fail(what, f"claim half: Sobol indices {half['matters_most']}, want about 1/3 each")
    if safer is None or abs(safer["share"] - 0.4) > 1e-12:
        fail(what, f"claim arms_safer: {safer}, want 0.4")
    # No claims, no study: the toy without claims gets no robust rows.
    doc = parse_json(run(["report", "tests/fixtures/report/toy.game", "-f", "json"]).stdout,
                     "report toy.game")
    if doc is not None and doc["robust"]["rows"] != []:
        fail("report toy.game", f"robust rows {doc['robust']['rows']} for a model without claims")


def report_checks():
    """The report's content against values derived by hand: toy.game's
    thresholds (cost = value = 5 and value = cost = 3, where Russia's
    value - cost of fighting on meets the 0 of a cease-fire, only when
    admission waits for one), the named choices it varies, -p and --vary
    across models, and a threshold of security.game from the closed forms
    of models/ANCHORS.md (anchor 8: delay 0.8821721489 under the Israel
    option after a cease-fire, for an ordinary Russia)."""
    toy = "tests/fixtures/report/toy.game"
    doc = parse_json(run(["report", toy, "-f", "json"]).stdout, "report toy.game")
    if doc is None:
        return
    rows = {(r["choices"].get("timing"), r["parameter"]): r for r in doc["thresholds"]["rows"]}
    for (timing, name), (value, frac, pct, before, after) in {
            ("after", "cost"): (5, "5", 200 / 3, "keep_fighting", "cease_fire"),
            ("after", "value"): (3, "3", -40, "cease_fire", "keep_fighting")}.items():
        r = rows.get((timing, name))
        what = f"report toy.game: {name} at timing={timing}"
        if r is None or r.get("value") is None:
            fail(what, "no threshold")
        elif (abs(r["value"] - value) > 1e-12 or r["fraction"] != frac
              or abs(r["change_percent"] - pct) > 1e-9 or before not in r["path_before"]
              or after not in r["path_after"] or not r["tie"]):
            fail(what, f"got {r}")
    for name in ("cost", "value"):
        r = rows.get(("before", name))
        if r is None or r.get("value") is not None or not r.get("text", "").startswith("none in"):
            fail(f"report toy.game: {name} at timing=before", f"want no threshold, got {r}")
    report_claims_checks()
    # Every named choice: timing x borders for the membership model.
    doc = parse_json(run(["report", "tests/fixtures/game/old_nato.game", "-f", "json", "--vary",
                          "honour"]).stdout, "report old_nato.game")
    combos = sorted((r["choices"]["timing"], r["choices"]["borders"])
                    for r in (doc or {}).get("paper", {}).get("rows", []))
    if combos != sorted((t, b) for t in ("before", "after") for b in ("lines_of_control", "legal")):
        fail("report old_nato.game", f"choices {combos}")
    # -p in the models that have the parameter; unknown names are errors.
    doc = parse_json(run(["report", toy, "tests/fixtures/game/old_israel.game", "-f", "json", "-p",
                          "cost=4", "--vary", "cost"]).stdout, "report -p cost=4")
    base = {r["baseline"] for r in (doc or {}).get("thresholds", {}).get("rows", [])}
    if base != {4}:
        fail("report -p cost=4 --vary cost", f"baselines {base}")
    for args, word in ((["-p", "nosuch=1"], "nosuch"), (["--vary", "nosuch"], "nosuch"),
                       (["--vary", "timing"], "named choice")):
        r = run(["report", toy] + args)
        if r.returncode != 2 or word not in r.stderr:
            fail(f"report {' '.join(args)}", f"exit {r.returncode}: {r.stderr.strip()}")
    # Classes by their declared names, and a closed-form threshold (anchor
    # 8 is derived for an ordinary Russia: Russia's type off).
    args = ["report", SECURITY, "-f", "json", "--vary", "delay", "-p", "option=israel",
            "-p", "timing=after", "-p", "p_revanchist=0", "-p", "revenge=0"]
    doc = parse_json(run(args).stdout, " ".join(args))
    if doc is not None:
        if doc["paper"]["classes"] != ["war_continues", "war_resumes", "direct_war", "peace"]:
            fail(" ".join(args), f"classes {doc['paper']['classes']}")
        if not [r for r in doc["thresholds"]["rows"]
                if r["value"] is not None and abs(r["value"] - 0.8821721489) < 1e-9]:
            fail(" ".join(args), "no threshold at delay 0.8821721489")


def sweep_against_breakpoints():
    """Issue 10, section 4: a 2-D sweep's regime boundaries agree with
    `breakpoints` along each axis.  tests/fixtures/game/old_nato.game (admission
    before a cease-fire) over honour x block_value, 15 x 15 points placed
    off the breakpoints: along every grid line, each point's path is the
    path of the breakpoints' segment that holds it; two neighbours with
    different paths bracket a breakpoint where the path changes; and a
    breakpoint where the path changes, alone between two neighbours, has
    neighbours with different paths."""
    model = "tests/fixtures/game/old_nato.game"
    axes = {"honour": (0.01, 0.99), "block_value": (0.5, 29.5)}
    n = 15
    spec = [f"{k}={lo}:{hi}:{n}" for k, (lo, hi) in axes.items()]
    doc = parse_json(run(["sweep", model, "-p", "timing=before", "-f", "json", "--vary", spec[0],
                          "--vary", spec[1]]).stdout, "sweep honour x block_value")
    if doc is None:
        return
    cell = {(r["values"]["honour"], r["values"]["block_value"]): r["path"] for r in doc["rows"]}
    xs = {k: [a["values"] for a in doc["axes"] if a["name"] == k][0] for k in axes}
    checked = 0
    for k, other in (("honour", "block_value"), ("block_value", "honour")):
        for y in xs[other]:
            what = f"sweep/breakpoints along {k} at {other}={y!r}"
            bd = parse_json(run(["breakpoints", model, "-p", "timing=before", "-p",
                                 f"{other}={y!r}", "--vary", k, "-f", "json"]).stdout, what)
            if bd is None:
                continue
            bps = [b["value"] for b in bd["breakpoints"]]
            segs = bd["segments"]
            path_at = [cell[(x, y) if k == "honour" else (y, x)] for x in xs[k]]
            # Each point's path is its segment's.
            for x, p in zip(xs[k], path_at):
                inside = [i for i, b in enumerate(bps) if abs(b - x) < 1e-12]
                if inside:
                    continue
                s = sum(1 for b in bps if b < x)
                if segs[s]["path"] != p:
                    fail(what, f"{k}={x!r}: sweep path {p!r}, breakpoints segment {segs[s]['path']!r}")
            # Path changes between neighbours bracket a path-changing breakpoint, and back.
            changing = [b for i, b in enumerate(bps) if segs[i]["path"] != segs[i + 1]["path"]]
            for j in range(n - 1):
                lo, hi = xs[k][j], xs[k][j + 1]
                inner = [b for b in changing if lo < b < hi]
                if path_at[j] != path_at[j + 1] and not inner:
                    fail(what, f"the path changes in [{lo}, {hi}] with no breakpoint there")
                if len(inner) == 1 and path_at[j] == path_at[j + 1]:
                    fail(what, f"breakpoint {inner[0]} changes the path, the cells around it do not")
                checked += len(inner)
    if checked < 10:
        fail("sweep against breakpoints", f"only {checked} path changes inside the grid")


def breakpoint_values(args, what):
    doc = parse_json(run(["breakpoints", SECURITY, "-f", "json"] + args).stdout, what)
    if doc is None:
        return []
    for key in ("equilib", "schema", "command", "parameter", "baseline", "breakpoints",
                "segments"):
        if key not in doc:
            fail(what, f"no '{key}'")
    return doc.get("breakpoints", [])


def sensitivity(tmp):
    """sweep and breakpoints: every format parses strictly; sweep's output
    is the same for -j 1 and -j 2; breakpoints of models/security.game
    against the closed forms derived by hand in models/ANCHORS.md
    ("Closed-form anchors"): 5/28 (anchor 3, the West honours assurances
    iff audience_hybrid > lambda (west_war_cost - west_stake)), 1/28 (anchor
    5, a concession buys the peace), 0.8821721489 and 3.6675685452 (anchors
    8 and 2, over the delay), 31/532 (anchor 10, Russia ceases fire to
    rearm), 11/700 (anchor 11, the West pays a holdout's price), 1/7
    (anchor 12, the legal borders provoke a test), 4/21 and 2/7 (anchor
    12b, the West covers the lines rather than grant the pre-2022 line
    iff legal_revanchism (1 - share_2014) > 1/7), -1/100 (anchor 13, a
    hostile ally blocks the accession the West would not buy: ally_view <
    -holdout_cost), each printed without bisection noise.  Anchors 11 to
    13 are derived for a West known to be resolute (a tested guarantee
    honoured as anchor 3 says), so they are scanned at p_resolute = 1,
    where the type's chance node sends all play to the resolute type;
    71/150 (anchor 14, Russia's test under the West's private type: it
    accepts a pre-2022 pledge, Ukraine free-riding, iff p_resolute >
    71/150), scanned over [0.46, 0.49] (the default prior is 0.745).
    Anchors 1 to 14 are derived for an ordinary Russia, so they are
    scanned at p_revanchist = 0 and revenge = 0 (the revanchist copy then
    the ordinary type); 3/50 (anchor 15, a revanchist Russia tests an
    Israel option with high arms built, Ukraine quiet, iff revenge >
    held + russia_cost - q2) at the default prior."""
    grid = ["--vary", "option", "--vary", "timing"]
    KNOWN = ["-p", "p_resolute=1"]
    ORDINARY = ["-p", "p_revanchist=0", "-p", "revenge=0"]
    for fmt in ("text", "json", "csv", "md", "tex"):
        r = run(["sweep", SECURITY, "-f", fmt] + grid)
        what = f"sweep -f {fmt}"
        if r.returncode != 0:
            fail(what, f"exit {r.returncode}: {r.stderr.strip()}")
            continue
        if fmt == "json":
            doc = parse_json(r.stdout, what)
            if doc is not None and (len(doc.get("rows", [])) != 8 or doc.get("complete") is not True
                                    or doc.get("command") != "sweep"):
                fail(what, "not 8 complete rows")
        elif fmt == "csv":
            rows = parse_csv(r.stdout, what)
            if rows is not None and len(rows) != 9:
                fail(what, f"{len(rows)} lines, want a header and 8 rows")
        else:
            parse(fmt, r.stdout, what, "sweep")
    args = ["sweep", SECURITY, "-f", "csv", "--vary", "delay=0:10:21", "--vary", "option"]
    one, two = run(args + ["-j", "1"]), run(args + ["-j", "2"])
    if one.returncode != 0 or one.stdout != two.stdout:
        fail("sweep -j 1 / -j 2", "outputs differ")
    # Every format of a scan over the delay; the option whose scan is quick
    # (membership's is among the anchors below).
    for fmt in ("csv", "md", "tex", "text"):
        r = run(["breakpoints", SECURITY, "--vary", "delay", "-p", "option=israel", "-p",
                 "timing=after", "-f", fmt])
        if r.returncode != 0:
            fail(f"breakpoints -f {fmt}", r.stderr.strip())
        else:
            parse(fmt, r.stdout, f"breakpoints -f {fmt}", "breakpoints")
    anchors = [
        (["--vary", "audience_hybrid", "-p", "option=hybrid", "-p", "timing=before"], "5/28", 5 / 28),
        (["--vary", "concession", "-p", "option=none"], "1/28", 1 / 28),
        (["--vary", "delay", "-p", "option=israel", "-p", "timing=after"], None, 0.8821721489),
        (["--vary", "delay", "-p", "option=membership", "-p", "timing=after"], None, 3.6675685452),
        (["--vary", "rearm_cost", "-p", "option=membership", "-p", "timing=after"], "31/532",
         31 / 532),
        (["--vary", "veto_price", "-p", "option=membership", "-p", "timing=after"] + KNOWN,
         "11/700", 11 / 700),
        (["--vary", "legal_revanchism=0.1:0.2", "-p", "option=membership", "-p",
          "timing=before"] + KNOWN, "1/7", 1 / 7),
        (["--vary", "legal_revanchism=0.1:0.2", "-p", "option=membership", "-p",
          "timing=before", "-p", "share_2014=0.25"] + KNOWN, "4/21", 4 / 21),
        (["--vary", "share_2014", "-p", "option=membership", "-p", "timing=before", "-p",
          "legal_revanchism=0.2"] + KNOWN, "2/7", 2 / 7),
        (["--vary", "ally_view", "-p", "option=membership", "-p", "timing=before"] + KNOWN,
         "-1/100", -1 / 100),
        (["--vary", "p_resolute=0.46:0.49", "-p", "option=membership", "-p", "timing=before"],
         "71/150", 71 / 150),
    ]
    anchors = [(args + ORDINARY, frac, want) for args, frac, want in anchors]
    anchors.append((["--vary", "revenge=0.03:0.09", "-p", "option=israel", "-p",
                     "timing=before"], "3/50", 3 / 50))
    if SANITIZED:
        # Membership's tree (15,846 nodes since Russia's type) makes each of
        # its scans minutes long under the sanitizers; the sanitized run is
        # there for memory errors, which the other options' scans exercise
        # through the same code.  Every anchor, membership's included, is
        # checked here in the Release run and by tests/test_security2.c in
        # both builds.
        anchors = [a for a in anchors if "option=membership" not in a[0]]
    for args, frac, want in anchors:
        what = "breakpoints " + " ".join(args)
        got = [b for b in breakpoint_values(args, what) if abs(b["value"] - want) < 1e-9]
        if not got:
            fail(what, f"no breakpoint at {want}")
        elif frac is not None and got[0]["fraction"] != frac:
            fail(what, f"fraction {got[0]['fraction']}, want {frac}")
        elif not shortest(got[0]["text"]):
            fail(what, f"printed {got[0]['text']}, not the shortest decimal")
    r = run(["sweep", SECURITY])
    if r.returncode != 2 or "--vary" not in r.stderr:
        fail("sweep without --vary", f"exit {r.returncode}")
    r = run(["sweep", SECURITY, "--vary", "nosuch=0:1:3"])
    if r.returncode != 2 or "nosuch" not in r.stderr:
        fail("sweep --vary nosuch", f"exit {r.returncode}: {r.stderr.strip()}")


BOX = """game "Box"
players A
param x = 0.5 in [0, 1]
param y = 0.5 in [0, 1]
node root: A chooses
  left  -> (x)
  right -> (y)
"""


def robust(tmp):
    """robust: every format parses strictly; a claim that holds on a known
    share of a uniform box -- x + y < 1 on [0, 1]^2 holds on half of it (the
    triangle below the diagonal has area 1/2) -- comes out with 1/2 inside
    its 95% interval; the output is the same for -j 1 and -j 2; the
    model's regimes: A takes the larger of x and y, so "left" holds on
    y < x, again half the box."""
    box = os.path.join(tmp, "box.game")
    with open(box, "w") as fh:
        fh.write(BOX)
    args = ["robust", box, "-n", "400", "--seed", "7", "--claim", "half: x + y < 1"]
    for fmt in ("text", "json", "csv", "md", "tex"):
        r = run(args + ["-f", fmt])
        what = f"robust -f {fmt}"
        if r.returncode != 0:
            fail(what, f"exit {r.returncode}: {r.stderr.strip()}")
        elif fmt == "json":
            doc = parse_json(r.stdout, what)
            items = {i["name"]: i for i in (doc or {}).get("items", [])}
            half = items.get("half")
            if half is None or not half["lo"] <= 0.5 <= half["hi"] or abs(half["share"] - 0.5) > 0.1:
                fail(what, f"x + y < 1: {half}, want 1/2 inside the interval")
            left = [i for i in items.values() if i["kind"] == "regime" and "left" in i["name"]]
            if len(left) != 1 or not left[0]["lo"] <= 0.5 <= left[0]["hi"]:
                fail(what, f"regime left: {left}, want 1/2 inside the interval")
        else:
            parse(fmt, r.stdout, what, "robust")
    one, two = run(args + ["-j", "1", "-f", "csv"]), run(args + ["-j", "2", "-f", "csv"])
    if one.returncode != 0 or one.stdout != two.stdout:
        fail("robust -j 1 / -j 2", "outputs differ")
    r = run(["robust", box, "--claim", "P(nosuch) > 0"])
    if r.returncode != 2 or "nosuch" not in r.stderr:
        fail("robust --claim P(nosuch)", f"exit {r.returncode}: {r.stderr.strip()}")


ODD = ('NFG 1 R "odd | names, & 50% $x$ #1 {a} ~b^c" { "P|1, \\"q\\"" "P_2 & co" }\n'
       '{ { "a|b" "c,d" } { "e%f" "g{h}~^\\\\" } }\n1 1 0 0 0 0 1 1\n')


def special_names(tmp):
    """Names holding the characters each format must escape or quote: they
    come back whole from CSV, keep Markdown's columns, and compile in
    LaTeX."""
    path = os.path.join(tmp, "odd.nfg")
    with open(path, "w") as fh:
        fh.write(ODD)
    for fmt in ("json", "csv", "md", "tex", "text"):
        what = f"solve odd.nfg --format {fmt}"
        r = run(["solve", path, "--format", fmt])
        if r.returncode != 0:
            fail(what, f"exit {r.returncode}: {r.stderr.strip()}")
            continue
        got = parse(fmt, r.stdout, what, "solve")
        if fmt == "csv" and got and got[1][1:3] != ['P|1, "q"', "a|b"]:
            fail(what, f"names came back as {got[1][1:3]}")
        if fmt == "json" and got and got["players"][0] != 'P|1, "q"':
            fail(what, f"names came back as {got['players']}")


def unreached():
    """Entry deterrence by enum on the reduced form: equilibria 2 and 3 play
    Out, so the Incumbent's set is unreached (by hand); equilibrium 1 plays
    In, so it is reached.  Every format must say so."""
    f = ["solve", "models/entry_deterrence.efg", "-m", "enum"]
    doc = parse_json(run(f + ["-f", "json"]).stdout, "unreached json")
    if doc:
        got = [[b["reached"] for b in e["behaviour"]] for e in doc["equilibria"]]
        if got != [[True, True], [True, False], [True, False]]:
            fail("unreached json", f"reached flags {got}")
    rows = parse_csv(run(f + ["-f", "csv"]).stdout, "unreached csv") or [[]]
    col = rows[0].index("reached") if "reached" in rows[0] else None
    inc = [r[col] for r in rows[1:] if col is not None and r[1] == "Incumbent"]
    if inc != ["true", "true", "false", "false", "false", "false"]:
        fail("unreached csv", f"Incumbent's reached cells {inc}")
    for fmt in ("md", "tex"):
        lines = [l for l in run(f + ["-f", fmt]).stdout.split("\n") if "Incumbent" in l]
        marks = ["false" in l for l in lines]
        if marks != [False, False, True, True, True, True]:
            fail(f"unreached {fmt}", f"marks {marks}")
    text = run(f).stdout
    if text.count("(unreached)") != 2:
        fail("unreached text", f"{text.count('(unreached)')} marks, want 2")


def beliefs():
    """Beer-quiche (tests/fixtures/bayes/beer_quiche.efg), by hand: the
    receiver earns 1 for dueling a weak sender or leaving a strong one
    alone, 0 otherwise, so with belief m that the sender is weak, duel pays
    m and not 1 - m: duel is optimal iff m >= 1/2.  The prior is 1/10 weak.
    Pooling on beer: after beer the receiver believes the prior (0.1 weak)
    and does not duel; after quiche (unreached) duel must deter the weak
    type (3 > 2), so the supporting beliefs are weak in [1/2, 1]: vertices
    (1/2, 1/2) and (1, 0).  Pooling on quiche mirrors it.  Every format
    must carry these values and mark the unreached set."""
    f = ["solve", "tests/fixtures/bayes/beer_quiche.efg", "-m", "pbe"]
    doc = parse_json(run(f + ["-f", "json"]).stdout, "beliefs json")
    want = {"beer": ("after beer", "after quiche"), "quiche": ("after quiche", "after beer")}
    pools = []
    for e in (doc or {}).get("equilibria", []):
        pool = "beer" if e["behaviour"][0]["probabilities"][0] == 1 else "quiche"
        pools.append(pool)
        on, off = want[pool]
        sets = {b["label"]: b for b in e["beliefs"]}
        a, b = sets[on], sets[off]
        if not a["reached"] or [n["belief"] for n in a["nodes"]] != [0.1, 0.9]:
            fail("beliefs json", f"pooling on {pool}: {on} {a}")
        if b["reached"] or sorted(map(tuple, b["supporting"] or [])) != [(0.5, 0.5), (1, 0)]:
            fail("beliefs json", f"pooling on {pool}: {off} {b}")
        if (b["nodes"][0]["lo"], b["nodes"][0]["hi"]) != (0.5, 1):
            fail("beliefs json", f"pooling on {pool}: weak's range at {off}")
        if not 0.5 <= b["nodes"][0]["belief"] <= 1:
            fail("beliefs json", f"pooling on {pool}: belief {b['nodes'][0]['belief']}")
        c = e["certificate"]
        if c["sequential_regret"] is None or c["sequential_regret"] > 1e-9 or c["bayes_gap"] > 1e-9:
            fail("beliefs json", f"assessment certificate {c}")
    if sorted(pools) != ["beer", "quiche"]:
        fail("beliefs json", f"pooling equilibria {pools}, want beer and quiche")
    rows = parse_csv(run(f + ["-f", "csv"]).stdout, "beliefs csv") or [[]]
    head = rows[0]
    if head[-4:] != ["node", "belief", "belief_lo", "belief_hi"]:
        fail("beliefs csv", f"header {head}")
    else:
        got = [(r[0], r[2], r[6], r[5], float(r[8]), float(r[9])) for r in rows[1:]
               if r[6] in ("weak, beer", "weak, quiche")]
        want_rows = [("1", "after beer", "weak, beer", "true", 0.1, 0.1),
                     ("1", "after quiche", "weak, quiche", "false", 0.5, 1.0),
                     ("2", "after beer", "weak, beer", "false", 0.5, 1.0),
                     ("2", "after quiche", "weak, quiche", "true", 0.1, 0.1)]
        if sorted(got) != want_rows:
            fail("beliefs csv", f"rows {got}")
    text = run(f).stdout
    if text.count("(supported from 0.5 to 1)") != 2 or text.count("  (unreached):") != 2:
        fail("beliefs text", "the supporting range [1/2, 1] or the unreached mark is missing")
    for fmt in ("md", "tex"):
        out = run(f + ["-f", fmt]).stdout
        if "weak, quiche" not in out or "belief" not in out:
            fail(f"beliefs {fmt}", "no belief rows")
    # The model declares pbe: solve without -m uses it.
    doc = parse_json(run(["solve", "tests/fixtures/bayes/beer_quiche.game", "-f", "json"]).stdout,
                     "declared pbe")
    if not doc or doc["method"]["name"] != "pbe" or len(doc["equilibria"]) != 2:
        fail("declared pbe", "beer_quiche.game not solved by its declared concept")
    # perfect.efg by hand: player 1's second move is a (3 > 0), so 2 answers
    # r and 1 takes Out; plain Lemke mixes a and b there, --perfect plays a.
    doc = parse_json(run(["solve", "tests/fixtures/bayes/perfect.efg", "-m", "lemke",
                          "--perfect", "-f", "json"]).stdout, "lemke --perfect")
    got = [b["probabilities"] for b in doc["equilibria"][0]["behaviour"]] if doc else None
    if got != [[1, 0], [0, 1], [1, 0]]:
        fail("lemke --perfect", f"behaviour {got}, want Out, r, a")
    # spe on Selten's horse (no proper subgame) says so and points on.
    out = run(["solve", "tests/fixtures/bayes/horse.efg"]).stdout
    if "no proper subgame" not in out or "-m sequential" not in out:
        fail("spe on horse.efg", "does not say the tree has no proper subgame")


def roundtrip():
    """Numbers read back to the doubles computed: battle of the sexes' mixed
    equilibrium is (2/3, 1/3) by hand; JSON and CSV must carry the same
    doubles, within 1e-15 of the fractions (10 digits would be 3e-11 off)."""
    f = ["solve", "models/battle_of_sexes.nfg", "-m", "enum"]
    doc = parse_json(run(f + ["-f", "json"]).stdout, "round trip json")
    rows = parse_csv(run(f + ["-f", "csv"]).stdout, "round trip csv")
    if not doc or not rows:
        return
    js = [p for e in doc["equilibria"] for b in e["behaviour"] for p in b["probabilities"]]
    cs = [float(r[3]) for r in rows[1:]]
    if js != cs:
        fail("round trip", "JSON and CSV disagree")
    mixed = [e["behaviour"][0]["probabilities"] for e in doc["equilibria"]
             if 0 < e["behaviour"][0]["probabilities"][0] < 1]
    mixed = mixed[0] if len(mixed) == 1 else [None, None]
    if None in mixed or abs(mixed[0] - 2 / 3) > 1e-15 or abs(mixed[1] - 1 / 3) > 1e-15:
        fail("round trip", f"mixed equilibrium {mixed}, want 2/3, 1/3 to 1e-15")


def output_file(tmp):
    """-o FILE: written whole; an input is never overwritten; a failed run
    leaves an existing FILE alone; standard input reads every format."""
    out = os.path.join(tmp, "out.json")
    r = run(["solve", "models/chicken.nfg", "-f", "json", f"--output={out}"])
    with open(out) as fh:
        if r.returncode != 0 or parse_json(fh.read(), "-o FILE") is None:
            fail("-o FILE", "no JSON written")
    src = os.path.join(tmp, "in.nfg")
    shutil.copy(os.path.join(ROOT, "models/chicken.nfg"), src)
    before = open(src).read()
    r = run(["solve", src, "-o", src])
    if r.returncode != 2 or open(src).read() != before:
        fail("-o INPUT", "the input file was not protected")
    with open(out, "w") as fh:
        fh.write("keep")
    r = run(["solve", "models/chicken.nfg", "-m", "bogus", "-o", out])
    if open(out).read() != "keep" or [n for n in os.listdir(tmp) if ".tmp." in n]:
        fail("-o after an error", "FILE changed or a temporary file left")
    for f in ("models/chicken.nfg", "models/entry_deterrence.efg",
              "tests/fixtures/game/entry.game"):
        with open(os.path.join(ROOT, f)) as fh:
            r = run(["solve", "-", "-f", "json"], stdin=fh)
        doc = parse_json(r.stdout, f"solve - < {f}")
        if r.returncode != 0 or not doc or not doc["equilibria"]:
            fail(f"solve - < {f}", f"exit {r.returncode}: {r.stderr.strip()}")


def compile_tex(tmp):
    """Every LaTeX table in one document loading booktabs alone; each must
    compile and fit the line.  On failure, each is compiled alone to name
    it."""
    if shutil.which("pdflatex") is None:
        print("pdflatex not installed: LaTeX tables parsed, not compiled")
        return

    def build(tables, name):
        d = os.path.join(tmp, name)
        os.makedirs(d, exist_ok=True)
        body = "".join("\\par\\noindent\\sbox0{%s}\\ifdim\\wd0>\\linewidth"
                       "\\errmessage{table %d is wider than the line}\\fi\\usebox0\\par\n"
                       % (t, i) for i, (_, t) in enumerate(tables))
        with open(os.path.join(d, "t.tex"), "w") as fh:
            fh.write("\\documentclass{article}\n\\usepackage{booktabs}\n"
                     "\\begin{document}\n" + body + "\\end{document}\n")
        r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
                           cwd=d, capture_output=True, text=True, timeout=600)
        log = open(os.path.join(d, "t.log"), errors="replace").read()
        return r.returncode == 0 and "Overfull \\hbox" not in log, log

    for i, (what, t) in enumerate(REPORT_TEX):
        d = os.path.join(tmp, f"report{i}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "t.tex"), "w") as fh:
            fh.write("\\documentclass{article}\n\\usepackage{booktabs}\n"
                     "\\begin{document}\n" + t + "\\end{document}\n")
        r = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"],
                           cwd=d, capture_output=True, text=True, timeout=600)
        log = open(os.path.join(d, "t.log"), errors="replace").read()
        # Overfull \vbox (a table taller than a page) is not checked: a
        # thresholds row whose path runs to many lines can be, alone.
        bad = [l for l in log.split("\n") if l.startswith("!") or "Overfull \\hbox" in l]
        if r.returncode != 0 or bad:
            fail(what, f"LaTeX: {bad[:2]}")
    ok, log = build(TEX_TABLES, "all")
    if ok:
        return
    for i, (what, t) in enumerate(TEX_TABLES):
        ok1, log1 = build([(what, t)], f"one{i}")
        if not ok1:
            err = [l for l in log1.split("\n") if l.startswith("!") or "Overfull" in l]
            fail(what, f"LaTeX: {err[:2]}")
            return


def manual():
    """tools/equilib.1 is what `equilib --man` makes from the option table,
    and every option of every command's --help is in it."""
    r = run(["--man"])
    with open(os.path.join(ROOT, "tools/equilib.1")) as fh:
        if fh.read() != r.stdout:
            fail("tools/equilib.1", "differs from 'equilib --man': regenerate it")
    for cmd in ("solve", "check", "convert", "report"):
        h = run([cmd, "--help"]).stdout
        for opt in re.findall(r"^  (?:-\w, )?\s*--([\w-]+)", h, re.M):
            if f"\\-\\-{opt.replace('-', chr(92) + '-')}" not in r.stdout:
                fail("manual page", f"lacks --{opt} of {cmd}")
        if "exit status" not in h:
            fail(f"{cmd} --help", "no exit status")


if __name__ == "__main__":
    sys.exit(main())
