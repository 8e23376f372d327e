#!/usr/bin/python3
"""Preliminary robustness shares of the claims about models/security.game.

A stopgap until `equilib robust` (branch `sens`) exists: draws every
interval parameter uniformly and independently over its domain (the
ranges in the calibration table of models/README.md), solves the eight
option x timing games with `equilib solve`, and evaluates the claims as
stated in models/README.md ("The claims as named conditions").  For each
claim it prints the share of draws where it holds and the parameters whose
mean (scaled to [0, 1]) differs most between draws where it holds and
where it fails.  Run from the repository root:

    /usr/bin/python3 models/robust_security.py [DRAWS] [SEED]
"""
import random
import re
import subprocess
import sys

MODEL = "models/security.game"
CLI = "build/equilib"
OPTIONS = ["membership", "israel", "hybrid", "none"]
TIMINGS = ["before", "after"]


def params():
    out = []
    for line in open("models/security.head"):
        m = re.match(r"param (\w+) = ([-0-9.e]+) in \[([-0-9.e]+), ([-0-9.e]+)\]", line)
        if m:
            out.append((m.group(1), float(m.group(3)), float(m.group(4))))
    return out


def solve(opt, tim, draw):
    args = [CLI, "solve", MODEL, "-p", f"option={opt}", "-p", f"timing={tim}"]
    for k, v in draw.items():
        args += ["-p", f"{k}={v!r}"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    term = {}
    for m in re.finditer(r"^\s+(\S+) \(outcome, probability ([0-9.e-]+)\)", text, re.M):
        term[m.group(1)] = term.get(m.group(1), 0) + float(m.group(2))
    moves = dict(re.findall(r"^\s+\w+ at (\S+): (\w+) 1(?:\s+\(unreached\))?$", text, re.M))
    return term, moves


def prob(term, pred):
    return sum(p for name, p in term.items() if pred(name))


def war(name):
    return name.startswith(("war_continues", "war_resumes", "direct_war"))


EPS = 1e-9


def claims(res):
    P = {k: prob(v[0], war) for k, v in res.items()}
    early = lambda n: n.startswith(("war_continues", "war_resumes_window"))
    strikes = {k: prob(v[0], lambda n: n.endswith("_strikes")) for k, v in res.items()}
    level = {k: {"low": 0, "mid": 1, "high": 2}.get(v[1].get("arming"), 0) for k, v in res.items()}
    c = {}
    c["a_keep_shooting"] = (prob(res["membership", "after"][0], early) >
                            prob(res["membership", "before"][0], early) + EPS)
    c["b_direct_war_risk"] = res["membership", "before"][1].get("honour_now_G_00_n") == "honour"
    d_all = all(strikes["membership", t] <= strikes["israel", t] + EPS for t in TIMINGS)
    d_one = any(strikes["membership", t] < strikes["israel", t] - EPS for t in TIMINGS)
    c["d_restraint"] = d_all and d_one
    own = {k: prob(v[0], lambda n: "_own_" in n) for k, v in res.items()}
    c_all = all(own["membership", t] <= own["israel", t] + EPS for t in TIMINGS)
    c_one = any(own["membership", t] < own["israel", t] - EPS for t in TIMINGS)
    c["c_free_riding"] = c_all and c_one
    e_all = all(level["israel", t] >= level["membership", t] for t in TIMINGS)
    e_one = any(level["israel", t] > level["membership", t] for t in TIMINGS)
    c["e_israel_costs_more"] = e_all and e_one
    c["f_hybrid_not_more_stable"] = all(
        P["hybrid", t] >= min(P["membership", t], P["israel", t]) - EPS for t in TIMINGS)
    g_all = all(P["membership", t] <= P[o, t] + EPS for o in OPTIONS for t in TIMINGS)
    g_one = any(P["membership", t] < P[o, t] - EPS for o in OPTIONS if o != "membership"
                for t in TIMINGS)
    c["g_membership_most_stable"] = g_all and g_one
    c["g_strict_vs_israel_hybrid"] = all(
        P["membership", t] < min(P["israel", t], P["hybrid", t]) - EPS for t in TIMINGS)
    c["timing_contrast_membership"] = abs(P["membership", "after"] - P["membership", "before"]) > EPS
    return c


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    ps = params()
    rows = []
    for _ in range(n):
        draw = {name: rng.uniform(lo, hi) for name, lo, hi in ps}
        res = {(o, t): solve(o, t, draw) for o in OPTIONS for t in TIMINGS}
        rows.append((draw, claims(res)))
    print(f"{n} draws, every interval parameter uniform over its domain")
    for claim in rows[0][1]:
        held = [d for d, c in rows if c[claim]]
        fail = [d for d, c in rows if not c[claim]]
        diffs = []
        if held and fail:
            for name, lo, hi in ps:
                if hi > lo:
                    mh = sum((d[name] - lo) / (hi - lo) for d in held) / len(held)
                    mf = sum((d[name] - lo) / (hi - lo) for d in fail) / len(fail)
                    diffs.append((abs(mh - mf), name, mh - mf))
        diffs.sort(reverse=True)
        top = ", ".join(f"{nm} {'+' if s > 0 else '-'}{a:.2f}" for a, nm, s in diffs[:3])
        print(f"{claim:28s} holds in {len(held) / n:6.1%}   most telling: {top}")


main()
