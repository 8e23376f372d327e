#!/usr/bin/python3
"""check_limits.py -- the command line's limits: --time-limit, --max-pivots,
--max-vertices and SIGINT stop with a message on standard error, exit
status 1, and the output printed with "complete": false (JSON) or an
INCOMPLETE line (text, CSV, Markdown, LaTeX); every equilibrium printed is
still certified.

Usage: check_limits.py EQUILIB EQGEN SOURCE_DIR

Timing bounds here are generous ("it stops", not "it is fast"): the machine
may be loaded.  Debian's python3, standard library only.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

EQ, GEN, SRC = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(args, **kw):
    return subprocess.run([EQ] + args, capture_output=True, text=True, **kw)


def certified(d, exact):
    """Every equilibrium of a JSON output has a certificate <= 1e-7, and
    (exact) an exact certificate of 0."""
    for e in d["equilibria"]:
        c = e["certificate"]
        if not (c["value"] <= 1e-7):
            return False
        if exact and c.get("exact") != "0":
            return False
    return True


tmp = tempfile.mkdtemp(prefix="eqlimits_")
g30 = os.path.join(tmp, "g30.nfg")
g9 = os.path.join(tmp, "g9.nfg")
subprocess.run([GEN, "uniform", "30", "30", "1", g30], check=True)
subprocess.run([GEN, "uniform", "9", "9", "3", g9], check=True)

# enum on a random 30 x 30 game runs for hours; with --time-limit 0.5 it
# stops, well within 20 s even on a loaded machine.
t0 = time.monotonic()
p = run(["solve", g30, "--time-limit", "0.5", "-f", "json"], timeout=120)
dt = time.monotonic() - t0
check(p.returncode == 1, "30x30 enum --time-limit 0.5: exit %d" % p.returncode)
check(dt < 20, "30x30 enum --time-limit 0.5 took %.1f s" % dt)
check("time limit of 0.5 s reached" in p.stderr and "output incomplete" in p.stderr,
      "30x30 enum: message %r" % p.stderr)
d = json.loads(p.stdout)
check(d["complete"] is False, "30x30 enum: complete is not false")
check("time limit" in d.get("stopped", ""), "30x30 enum: no stopped reason")
check(certified(d, False), "30x30 enum: an uncertified equilibrium")

# The other formats carry a marked line.
for fmt, mark in (("text", "INCOMPLETE: "), ("csv", "# INCOMPLETE: "),
                  ("md", "**Incomplete:** "), ("tex", "% INCOMPLETE: ")):
    p = run(["solve", g30, "--time-limit", "0.2", "-f", fmt], timeout=120)
    check(p.returncode == 1 and mark in p.stdout,
          "30x30 enum -f %s: exit %d, no %r line" % (fmt, p.returncode, mark))

# lemke with one pivot: nothing found, said so, exit 1.
p = run(["solve", g30, "-m", "lemke", "--max-pivots", "1", "-f", "json"])
check(p.returncode == 1 and "max_pivots" in p.stderr, "lemke --max-pivots 1: %d %r"
      % (p.returncode, p.stderr))
d = json.loads(p.stdout)
check(d["complete"] is False and d["equilibria"] == [], "lemke --max-pivots 1: output")

# enum --exact with vertex limits across the run: each printed equilibrium
# has exact certificate 0 and is one of the full run's; some limit keeps
# some.
full = run(["solve", g9, "--exact", "-f", "json"])
check(full.returncode == 0, "9x9 enum --exact: exit %d" % full.returncode)
d = json.loads(full.stdout)
check(d["complete"] is True, "9x9 enum: complete is not true")
key = lambda e: tuple(tuple(b["probabilities_exact"]) for b in e["behaviour"])
want = {key(e) for e in d["equilibria"]}
kept = 0
for n in (1, 10, 50, 100, 200, 400, 800, 1600):
    p = run(["solve", g9, "--exact", "--max-vertices", str(n), "-f", "json"])
    d = json.loads(p.stdout)
    if p.returncode == 0:
        check(d["complete"] is True and {key(e) for e in d["equilibria"]} == want,
              "--max-vertices %d: finished with another set" % n)
        continue
    check(p.returncode == 1 and "max_vertices" in p.stderr,
          "--max-vertices %d: exit %d, %r" % (n, p.returncode, p.stderr))
    check(d["complete"] is False, "--max-vertices %d: complete is not false" % n)
    check(certified(d, True), "--max-vertices %d: an uncertified equilibrium" % n)
    got = {key(e) for e in d["equilibria"]}
    check(got <= want, "--max-vertices %d: an equilibrium not in the full set" % n)
    kept = max(kept, len(got))
check(kept > 0, "no vertex limit kept an equilibrium")

# Bad values are usage errors.
for args in (["--time-limit", "0"], ["--time-limit", "x"], ["--max-pivots", "-1"],
             ["--max-vertices", "0"]):
    p = run(["solve", g9] + args)
    check(p.returncode == 2 and "usage:" in p.stderr, "%s: exit %d" % (args, p.returncode))

# SIGINT to a running sweep: the rows so far, marked, exit 1.  A million
# points would take minutes.  The signal goes 1 s after the start; on a
# slow machine (a sanitizer build under load) no point may be done by
# then, which is a correct answer (0 rows, marked) but tests nothing, so
# the run is repeated with the signal 4 s, then 16 s after the start.
model = os.path.join(SRC, "tests", "fixtures", "game", "old_nato.game")
out = os.path.join(tmp, "sweep.json")
for wait in (1.0, 4.0, 16.0):
    proc = subprocess.Popen([EQ, "sweep", model, "--vary", "delay=0:10:1000", "--vary",
                             "rate=0:0.5:1000", "-f", "json", "-o", out],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(wait)
    proc.send_signal(signal.SIGINT)
    try:
        so, se = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        so, se = proc.communicate()
        check(False, "sweep: SIGINT did not stop it")
    check(proc.returncode == 1, "sweep SIGINT: exit %s" % proc.returncode)
    check("interrupted (SIGINT)" in se, "sweep SIGINT: message %r" % se)
    d = json.load(open(out))
    check(d["complete"] is False and "SIGINT" in d.get("stopped", ""), "sweep SIGINT: marking")
    if d["rows"]:
        break
check(0 < len(d["rows"]) < 1000000, "sweep SIGINT: %d rows" % len(d["rows"]))

# --time-limit on sweep (CSV: a marked last line) and robust (JSON).
p = run(["sweep", model, "--vary", "delay=0:10:1000", "--vary", "rate=0:0.5:1000",
         "-f", "csv", "--time-limit", "0.5"], timeout=120)
lines = p.stdout.splitlines()
check(p.returncode == 1 and lines and lines[-1].startswith("# INCOMPLETE: sweep: time limit"),
      "sweep --time-limit: exit %d, last line %r" % (p.returncode, lines[-1:] or None))
p = run(["robust", model, "-n", "100000000", "--time-limit", "0.5", "-f", "json"],
        timeout=120)
d = json.loads(p.stdout)
check(p.returncode == 1 and d["complete"] is False and 0 < d["samples"] < 100000000,
      "robust --time-limit: exit %d" % p.returncode)

if failures:
    print("%d failure(s)" % len(failures))
    sys.exit(1)
print("ok")
