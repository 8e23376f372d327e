"""Solves per second from Python and R against the command line, in one run.

    /usr/bin/python3 tools/bench/bindings.py BUILD_DIR RLIB [POINTS] [LOOP] [REPS]

On tests/fixtures/game/old_nato.game with the command line's measures (SPE
count and clamps), the grid timing x block_value over [0, 30] (POINTS
points):
  cli         the reference: `equilib sweep ... -f csv -o /dev/null`,
              wall clock of the whole command (start-up included, a few ms);
  py sweep    equilib.Model.sweep, rows into a pandas DataFrame;
  py loop     LOOP calls of Model.solve, block_value stepping over its
              domain (each a new analysis: the cost of one call);
  R sweep     eq_sweep into a data.frame (R's start-up excluded);
  R loop      LOOP calls of eq_solve.
Prints the median solves per second of each over REPS repetitions, the
ratio to the command line, and the load average before and after: on a
shared machine the figures are indicative only.
"""
import os
import statistics
import subprocess
import sys
import time

build, rlib = sys.argv[1], sys.argv[2]
points = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
loop = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
reps = int(sys.argv[5]) if len(sys.argv) > 5 else 5
root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(root, "tools", "python"))
os.environ.setdefault("EQUILIB_LIB", os.path.join(build, "libequilib.so"))
import equilib  # noqa: E402

model = os.path.join(root, "tests", "fixtures", "game", "old_nato.game")
half = points // 2
n = 2 * half
spec = ["timing", "block_value=0:30:%d" % half]


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


print("load average before: %s" % load())
print("model %s, %d grid points, %d single solves, median of %d repetitions"
      % (model, n, loop, reps))
t = {"cli": [], "py sweep": [], "py loop": [], "R sweep": [], "R loop": []}
m = equilib.Model(model)
for r in range(reps):
    t0 = time.perf_counter()
    subprocess.run([os.path.join(build, "equilib"), "sweep", model, "--vary", spec[0],
                    "--vary", spec[1], "-f", "csv", "-o", "/dev/null"], check=True)
    t["cli"].append(n / (time.perf_counter() - t0))
    t0 = time.perf_counter()
    df = m.sweep(spec)
    t["py sweep"].append(n / (time.perf_counter() - t0))
    assert len(df) == n
    t0 = time.perf_counter()
    for i in range(loop):
        m.solve({"block_value": 30.0 * (i + 1) / loop})
    t["py loop"].append(loop / (time.perf_counter() - t0))
env = dict(os.environ, R_LIBS=rlib, OPENBLAS_NUM_THREADS="1")
out = subprocess.run(["Rscript", os.path.join(root, "tools", "bench", "bindings.R"), model,
                      str(points), str(loop), str(reps)], check=True, env=env,
                     capture_output=True, text=True).stdout
for line in out.splitlines():
    kind, secs = line.split()
    t["R " + kind].append((n if kind == "sweep" else loop) / float(secs))
ref = statistics.median(t["cli"])
for k, v in t.items():
    med = statistics.median(v)
    print("%-9s %10.0f solves/s  %.2fx the command line%s"
          % (k, med, med / ref, "  (reference)" if k == "cli" else ""))
print("load average after: %s" % load())
