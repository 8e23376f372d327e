"""The Python package against values derived by hand and against the
command-line program's own output (EQUILIB_CLI, else build/equilib).

Run with Debian's python3: /usr/bin/python3 -m pytest tools/python/tests
"""
import json
import math
import os
import re
import subprocess
import sys

import numpy as np
import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "python"))

import equilib  # noqa: E402

MODELS = os.path.join(ROOT, "models")
CLI = os.environ.get("EQUILIB_CLI", os.path.join(ROOT, "build", "equilib"))
NATO = os.path.join(ROOT, "tests", "fixtures", "game", "old_nato.game")


def cli_json(*args):
    out = subprocess.run([CLI] + list(args) + ["-f", "json"], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


# ---- strategic-form games -------------------------------------------------

def test_matching_pennies_is_half_half():
    # Each player is indifferent only at 1/2: p - (1 - p) = (1 - p) - p.
    g = equilib.Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    for method in ("enum", "lemke", "zerosum", "qre"):
        eqs = g.solve(method=method)
        assert len(eqs) == 1, method
        for s in eqs[0]["strategies"]:
            assert s == pytest.approx([0.5, 0.5], abs=1e-6)
        assert eqs[0]["payoffs"] == pytest.approx([0, 0], abs=1e-6)
    ex = g.solve(method="enum", exact=True)[0]
    assert ex["exact_strategies"] == [["1/2", "1/2"], ["1/2", "1/2"]]
    assert ex["exact_payoffs"] == ["0", "0"]
    # No pure equilibrium: an answer, not an error.
    assert g.solve(method="pure") == []


def test_prisoners_dilemma_defect_is_dominant():
    # T=5 > R=3 and P=1 > S=0: Defect strictly dominates, so (Defect,
    # Defect) with payoffs (1, 1) is the only equilibrium.
    A = np.array([[3, 0], [5, 1]])
    g = equilib.Game.from_arrays(A, A.T, players=["P1", "P2"],
                                 actions=[["C", "D"], ["C", "D"]], title="PD")
    assert g.players == ["P1", "P2"] and g.actions == [["C", "D"], ["C", "D"]]
    assert g.title == "PD"
    eqs = g.solve()
    assert len(eqs) == 1
    assert eqs[0]["strategies"][0] == pytest.approx([0, 1])
    assert eqs[0]["strategies"][1] == pytest.approx([0, 1])
    assert eqs[0]["payoffs"] == pytest.approx([1, 1])
    # The shipped file is the same game.
    f = equilib.load(os.path.join(MODELS, "prisoners_dilemma.nfg"))
    assert np.array_equal(f.payoffs(0), A) and np.array_equal(f.payoffs(1), A.T)
    assert f.solve()[0]["payoffs"] == pytest.approx([1, 1])


def test_battle_of_sexes_objectives_by_name():
    # Mixed: She plays Opera with 2/3 (He indifferent: p = 2(1 - p)), He
    # with 1/3; payoffs (2/3, 2/3), the welfare-worst equilibrium.
    g = equilib.Game.from_file(os.path.join(MODELS, "battle_of_sexes.nfg"))
    e = g.solve(method="mip", objective="welfare", minimize=True)[0]
    assert e["strategies"][0] == pytest.approx([2 / 3, 1 / 3], abs=1e-9)
    assert e["payoffs"] == pytest.approx([2 / 3, 2 / 3], abs=1e-9)
    e = g.solve(method="mip", objective="player:He")[0]
    assert e["payoffs"] == pytest.approx([1, 2])


def test_three_players_from_arrays():
    # Each of three players gets 1 when all play the same action, else 0:
    # every common pure profile is an equilibrium.
    u = np.zeros((2, 2, 2))
    u[0, 0, 0] = u[1, 1, 1] = 1
    g = equilib.Game.from_arrays(u, u, u)
    eqs = g.solve(method="pure")
    assert len(eqs) == 2
    assert sorted(tuple(int(np.argmax(s)) for s in e["strategies"]) for e in eqs) == \
        [(0, 0, 0), (1, 1, 1)]


def test_errors_carry_the_library_message():
    g = equilib.Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    with pytest.raises(equilib.EquilibError, match=r"unknown option 'methd' \(method, "):
        g.solve(methd="enum")
    with pytest.raises(equilib.EquilibError, match="unknown method 'lemk'"):
        g.solve(method="lemk")
    with pytest.raises(equilib.EquilibError,
                       match="option select does not apply to a strategic-form game"):
        g.solve(select="first")
    with pytest.raises(equilib.EquilibError, match="not constant-sum"):
        equilib.Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]]).solve(method="zerosum")
    bad = os.path.join(HERE, "bad.game")
    with open(bad, "w") as f:
        f.write("players A B\nnode x: A choices\n")
    try:
        with pytest.raises(equilib.EquilibError, match=r"bad\.game:\d+:\d+: "):
            equilib.Model(bad)
    finally:
        os.remove(bad)
    with pytest.raises(equilib.EquilibError, match="no_such.nfg"):
        equilib.Game.from_file("no_such.nfg")
    m = equilib.Model(NATO)
    with pytest.raises(equilib.EquilibError, match="honour"):
        m.solve({"honour": 2})
    with pytest.raises(equilib.EquilibError, match="option objective does not apply"):
        m.solve(objective="welfare")


def test_limits_by_name_stop_a_long_enum():
    # A 30 x 30 game: enum stops after its first search level at
    # max_vertices=1 (status 10, EQ_ERR_STOPPED) and says which limit;
    # matching pennies under limits it never reaches is still (1/2, 1/2).
    rng = np.random.default_rng(30)
    A = rng.integers(0, 100, size=(30, 30)).astype(float)
    B = rng.integers(0, 100, size=(30, 30)).astype(float)
    g = equilib.Game.from_arrays(A, B)
    with pytest.raises(equilib.EquilibError) as e:
        g.solve(method="enum", threads=1, max_vertices=1)
    assert e.value.status == 10
    assert "max_vertices" in e.value.message
    with pytest.raises(equilib.EquilibError) as e:
        g.solve(method="enum", time_limit=-1)
    assert "time_limit" in e.value.message
    pennies = equilib.Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    eqs = pennies.solve(method="enum", max_vertices=1000, time_limit=3600.0,
                        exact=True)
    assert eqs[0]["exact_strategies"] == [["1/2", "1/2"], ["1/2", "1/2"]]
    names = [o["name"] for o in equilib.options()]
    assert {"time_limit", "max_pivots", "max_vertices"} <= set(names)


def test_options_are_listed():
    names = [o["name"] for o in equilib.options()]
    for n in ("method", "sub", "select", "objective", "exact", "jobs", "count"):
        assert n in names


# ---- trees ------------------------------------------------------------------

def test_entry_deterrence_backward_induction():
    # The incumbent prefers Accommodate (1) to Fight (-1), so the entrant
    # enters (1 > 0): (In, Accommodate) with payoffs (1, 1).
    t = equilib.load(os.path.join(MODELS, "entry_deterrence.efg"))
    h = t.infoset("Incumbent")
    assert h >= 0 and t.node("Incumbent decides") >= 0
    assert t.player("Incumbent") == 1
    acc = t.action(h, "Accommodate")
    e = t.solve()
    assert len(e) == 1
    assert e[0]["behaviour"][h][acc] == pytest.approx(1)
    assert e[0]["payoffs"] == pytest.approx([1, 1])
    # (Out, Fight) is a Nash equilibrium of the whole tree too.
    allnash = t.solve(method="enum")
    assert any(x["payoffs"] == pytest.approx([0, 2]) for x in allnash)


# ---- models -------------------------------------------------------------------

def test_model_solve_at_defaults():
    # timing = after: Russia keeps fighting and the war goes on, payoffs
    # (-war_cost, -war_loss, -west_stake) = (-4, -10, -6).
    m = equilib.Model(NATO)
    r = m.solve()
    assert r["path"] == "ceasefire_first: Russia keep_fighting; outcome war_goes_on"
    assert (r["E(Russia)"], r["E(Ukraine)"], r["E(West)"]) == (-4, -10, -6)
    assert r["timing"] == "after"
    assert [p["name"] for p in m.params][:2] == ["timing", "delay"]


def _same(a, b):
    if isinstance(b, float) or isinstance(a, float):
        return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)
    return a == b


def test_membership_sweep_matches_the_command_line():
    spec = ["timing", "honour=0:1:11"]
    df = equilib.Model(NATO).sweep(spec, {"borders": "legal"}, jobs=2)
    ref = cli_json("sweep", NATO, "--vary", spec[0], "--vary", spec[1], "-p",
                   "borders=legal")
    assert len(df) == len(ref["rows"]) == 22
    for (_, row), want in zip(df.iterrows(), ref["rows"]):
        for k, v in want["values"].items():
            assert _same(row[k], v), (k, row[k], v)
        assert row["path"] == want["path"]
        for p, v in want["payoffs"].items():
            assert _same(row["E(%s)" % p], v)
        for c, v in want["classes"].items():
            assert _same(row["P(%s)" % c], v)
        assert row["SPEs"] == want["spe_count"]
        assert _same(row["regret"], want["regret"])
        assert row["flags"] == "; ".join(want["flags"])


def test_security_sweep_with_classes_matches_the_command_line():
    path = os.path.join(MODELS, "security.game")
    df = equilib.Model(path).sweep(["option", "timing"])
    ref = cli_json("sweep", path, "--vary", "option", "--vary", "timing")
    assert len(df) == len(ref["rows"])
    assert any(c.startswith("P(") for c in df.columns)
    for (_, row), want in zip(df.iterrows(), ref["rows"]):
        assert row["path"] == want["path"]
        for c, v in want["classes"].items():
            assert _same(row["P(%s)" % c], v)


def test_breakpoints_match_the_command_line():
    for param, extra in (("honour", []), ("delay", ["-p", "timing=after"]),
                         ("honour", ["-p", "borders=legal"])):
        ref = cli_json("breakpoints", NATO, "--vary", param, *extra)
        params = dict(e.split("=") for e in extra[1::2])
        df = equilib.Model(NATO).breakpoints(param, params)
        assert len(df) == len(ref["breakpoints"]), param
        for (_, row), want in zip(df.iterrows(), ref["breakpoints"]):
            assert row["value"] == want["value"] or \
                math.isclose(row["value"], want["value"], rel_tol=1e-13)
            assert row["text"] == want["text"]
            assert (row["fraction"] or None) == want["fraction"]
            assert row["flags"] == want["flags"]
            assert row["what"] == want["what"]


def test_breakpoint_of_honour_is_exact():
    # The breakpoint at honour = 7/20 (from the CLI and the model's
    # conditions): the row says so with its fraction.
    df = equilib.Model(NATO).breakpoints("honour")
    assert "7/20" in list(df["fraction"])


def test_readme_example_runs():
    # The README's Python example, run as written from the repository's top.
    text = open(os.path.join(ROOT, "README.md")).read()
    m = re.search(r"<!-- python-example -->\s*```python\n(.*?)```", text, re.S)
    assert m, "README.md has no Python example"
    code = m.group(1)
    assert len(code.strip().splitlines()) < 10
    env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "tools", "python"))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    assert "cease_fire" in out and "5/28" in out
