"""equilib for Python: games, trees and parametric models solved by libequilib.

A thin layer of ctypes over the C library (include/equilib.h); no compiled
extension.  Options are passed by name, as keyword arguments, and reach
the library as text (eq_options_set): ``method="mip"``,
``objective="player:He"``, ``select="welfare"``, ``count=True``.
``equilib.options()`` lists them; among them the limits ``time_limit``
(seconds), ``max_pivots`` and ``max_vertices``, whose stop raises
EquilibError with status 10 (EQ_ERR_STOPPED).  Every failure raises
EquilibError with the library's own message.

    import equilib
    g = equilib.Game.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    g.solve()[0]["strategies"]             # [array([.5, .5]), array([.5, .5])]
    m = equilib.Model("models/nato_membership.game")
    m.sweep(["timing", "audience_member=0.05:1:5"])  # a pandas DataFrame

The library is found through EQUILIB_LIB, else the checkout's build/,
else the system (see equilib._lib).
"""
import ctypes
import math
import os

from . import _lib
from ._lib import lib, Diag, POINT_FN

try:
    import numpy as _np
except ImportError:  # pragma: no cover - numpy is a dependency of from_arrays only
    _np = None
try:
    import pandas as _pd
except ImportError:
    _pd = None

__all__ = ["EquilibError", "Game", "Tree", "Model", "options", "version", "load"]


class EquilibError(Exception):
    """A failure of the library: .status is its eq_status code, .message its text."""

    def __init__(self, status, message):
        self.status = status
        self.message = message or _s(lib.eq_status_string(status))
        super().__init__(self.message)


def _s(b):
    return b.decode("utf-8") if b is not None else None


def _b(s):
    return s.encode("utf-8")


def version():
    """The library's version, "MAJOR.MINOR.PATCH"."""
    return _s(lib.eq_version())


def options():
    """The options the library takes by name: a list of dicts (name, scope, help)."""
    scopes = [(1, "game"), (2, "tree"), (4, "analysis")]
    out = []
    for i in range(lib.eq_option_count()):
        sc = lib.eq_option_scope(i)
        out.append({"name": _s(lib.eq_option_name(i)),
                    "scope": [w for bit, w in scopes if sc & bit],
                    "help": _s(lib.eq_option_help(i))})
    return out


def _text(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float):
        return repr(v)
    return str(v)


class _Options:
    """An eq_options handle filled from keyword arguments; None leaves a default."""

    def __init__(self, kw):
        h = ctypes.c_void_p()
        if lib.eq_options_new(ctypes.byref(h)) != 0:
            raise MemoryError("equilib: out of memory")
        self.h = h
        for k, v in kw.items():
            if v is None:
                continue
            s = lib.eq_options_set(h, _b(k), _b(_text(v)))
            if s != 0:
                msg = _s(lib.eq_options_errmsg(h))
                self.close()
                raise EquilibError(s, msg)

    def error(self, s):
        return EquilibError(s, _s(lib.eq_options_errmsg(self.h)))

    def close(self):
        if self.h:
            lib.eq_options_free(self.h)
            self.h = None

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()


def _diag_error(s, d, what):
    msg = d.message.decode("utf-8", "replace")
    return EquilibError(s, msg or "%s: %s" % (what, _s(lib.eq_status_string(s))))


def load(path):
    """A Game (.nfg), Tree (.efg) or Model (.game), by the file's extension."""
    ext = os.path.splitext(path)[1].lower()
    if ext == ".nfg":
        return Game.from_file(path)
    if ext == ".efg":
        return Tree.from_file(path)
    return Model(path)


class Game:
    """A strategic-form game (eq_game)."""

    def __init__(self, handle):
        self._h = handle

    def __del__(self):
        if getattr(self, "_h", None):
            lib.eq_game_free(self._h)
            self._h = None

    @classmethod
    def from_file(cls, path):
        """Read a Gambit .nfg file."""
        h, d = ctypes.c_void_p(), Diag()
        s = lib.eq_game_read_nfg(ctypes.byref(h), _b(os.fspath(path)), ctypes.byref(d))
        if s != 0:
            raise _diag_error(s, d, path)
        return cls(h)

    @classmethod
    def from_arrays(cls, *payoffs, players=None, actions=None, title=None):
        """A game from one payoff array per player, all of the same shape
        (k_0, ..., k_{n-1}): payoffs[p][i_0, ..., i_{n-1}] is player p's payoff
        at that profile.  For two players, from_arrays(A, B) with A and B m x n
        matrices.  players: names; actions: one list of names per player."""
        if _np is None:
            raise ImportError("equilib: Game.from_arrays needs numpy")
        if not payoffs:
            raise ValueError("from_arrays: no payoff array")
        arrs = [_np.asarray(a, dtype=float) for a in payoffs]
        shape = arrs[0].shape
        if any(a.shape != shape for a in arrs):
            raise ValueError("from_arrays: the payoff arrays differ in shape")
        if len(shape) != len(arrs):
            raise ValueError("from_arrays: %d players need %d-dimensional arrays, not %d"
                             % (len(arrs), len(arrs), len(shape)))
        n = len(arrs)
        nact = (ctypes.c_int * n)(*shape)
        h = ctypes.c_void_p()
        s = lib.eq_game_new(ctypes.byref(h), n, nact)
        if s != 0:
            raise EquilibError(s, "from_arrays: cannot make a game of shape %s" % (shape,))
        g = cls(h)
        for p, a in enumerate(arrs):
            if not _np.all(_np.isfinite(a)):
                raise ValueError("from_arrays: player %d has a payoff that is not finite" % p)
            dst = lib.eq_game_payoffs_mut(h, p)
            flat = _np.ascontiguousarray(a).ravel()   # row-major, as the library's layout
            ctypes.memmove(dst, flat.ctypes.data, flat.nbytes)
        if title is not None:
            g._check(lib.eq_game_set_title(h, _b(title)))
        for p, name in enumerate(players or []):
            g._check(lib.eq_game_set_player_name(h, p, _b(name)))
        for p, names in enumerate(actions or []):
            for a, name in enumerate(names):
                g._check(lib.eq_game_set_action_name(h, p, a, _b(name)))
        return g

    def _check(self, s):
        if s != 0:
            raise EquilibError(s, _s(lib.eq_game_errmsg(self._h)))

    @property
    def title(self):
        return _s(lib.eq_game_title(self._h))

    @property
    def players(self):
        return [_s(lib.eq_game_player_name(self._h, p))
                for p in range(lib.eq_game_players(self._h))]

    @property
    def actions(self):
        return [[_s(lib.eq_game_action_name(self._h, p, a))
                 for a in range(lib.eq_game_actions(self._h, p))]
                for p in range(lib.eq_game_players(self._h))]

    def payoffs(self, p):
        """Player p's payoffs as an array of the game's shape (a copy)."""
        shape = tuple(len(a) for a in self.actions)
        ptr = lib.eq_game_payoffs(self._h, p)
        return _np.ctypeslib.as_array(ptr, shape=(int(lib.eq_game_profiles(self._h)),)) \
            .copy().reshape(shape)

    def solve(self, **options):
        """Solve with the options given by name (method, exact, objective, ...).
        Returns a list of equilibria, each a dict: strategies (one array of
        probabilities per player), payoffs (an array), regret (the
        certificate), and with exact=True, exact_strategies and
        exact_payoffs as fraction texts."""
        out = ctypes.c_void_p()
        with _Options(options) as o:
            s = lib.eq_solve_with(self._h, o.h, ctypes.byref(out))
            if s != 0:
                err = o.error(s)
                lib.eq_result_free(out)
                raise err
        try:
            r, n = out, lib.eq_game_players(self._h)
            acts = [lib.eq_game_actions(self._h, p) for p in range(n)]
            exact = lib.eq_result_is_exact(r)
            eqs = []
            for k in range(lib.eq_result_count(r)):
                e = {"strategies": [_np.array(lib.eq_result_strategy(r, k, p)[:acts[p]])
                                    for p in range(n)],
                     "payoffs": _np.array([lib.eq_result_payoff(r, k, p) for p in range(n)]),
                     "regret": lib.eq_result_regret(r, k)}
                if exact:
                    e["exact_strategies"] = [[_s(lib.eq_result_strategy_exact(r, k, p, a))
                                              for a in range(acts[p])] for p in range(n)]
                    e["exact_payoffs"] = [_s(lib.eq_result_payoff_exact(r, k, p))
                                          for p in range(n)]
                eqs.append(e)
            return eqs
        finally:
            lib.eq_result_free(out)


class Tree:
    """An extensive-form game (eq_tree), read from a Gambit .efg file."""

    def __init__(self, handle):
        self._h = handle

    def __del__(self):
        if getattr(self, "_h", None):
            lib.eq_tree_free(self._h)
            self._h = None

    @classmethod
    def from_file(cls, path):
        h, d = ctypes.c_void_p(), Diag()
        s = lib.eq_tree_read_efg(ctypes.byref(h), _b(os.fspath(path)), ctypes.byref(d))
        if s != 0:
            raise _diag_error(s, d, path)
        return cls(h)

    @property
    def players(self):
        return [_s(lib.eq_tree_player_name(self._h, p))
                for p in range(lib.eq_tree_players(self._h))]

    def node(self, label):
        """The index of the node labelled label, or -1."""
        return lib.eq_tree_find_node(self._h, _b(label))

    def infoset(self, label):
        """The index of the information set labelled label, or -1."""
        return lib.eq_tree_find_infoset(self._h, _b(label))

    def player(self, name):
        return lib.eq_tree_find_player(self._h, _b(name))

    def action(self, infoset, name):
        return lib.eq_tree_find_action(self._h, infoset, _b(name))

    def solve(self, **options):
        """Solve with the options given by name (method, sub, select, all, ...).
        Returns a list of equilibria, each a dict: behaviour (one array per
        information set, in index order), payoffs, regret."""
        out = ctypes.c_void_p()
        with _Options(options) as o:
            s = lib.eq_tree_solve_with(self._h, o.h, ctypes.byref(out))
            if s != 0:
                err = o.error(s)
                lib.eq_tree_result_free(out)
                raise err
        try:
            t, n = self._h, lib.eq_tree_players(self._h)
            nh = lib.eq_tree_infosets(t)
            eqs = []
            for k in range(lib.eq_tree_result_count(out)):
                beh = [_np.array(lib.eq_tree_result_behaviour(out, k, h)
                                 [:lib.eq_tree_infoset_actions(t, h)]) for h in range(nh)]
                eqs.append({"behaviour": beh,
                            "payoffs": _np.array([lib.eq_tree_result_payoff(out, k, p)
                                                  for p in range(n)]),
                            "regret": lib.eq_tree_result_regret(out, k)})
            return eqs
        finally:
            lib.eq_tree_result_free(out)


_BREAK_WORDS = [(1, "profile"), (2, "SPE count"), (4, "chance"), (8, "exact"),
                (16, "bisection"), (32, "selection tie"), (64, "tie at the point"),
                (128, "at the bound")]


class Model:
    """A parametric model (.game file, eq_model).

    Its methods solve it under the concept it declares, with options by
    name over it (method, sub, select, all, ...; jobs, count, clamps,
    grid).  As the command line does, count and clamps are on unless
    given: each point reports its number of subgame-perfect equilibria and
    the min/max clamps at their bound.  Parameters are a dict of
    NAME: value (a number, or a choice's name)."""

    DEFAULTS = {"count": True, "clamps": True}

    def __init__(self, path):
        h, d = ctypes.c_void_p(), Diag()
        s = lib.eq_model_read(ctypes.byref(h), _b(os.fspath(path)), ctypes.byref(d))
        if s != 0:
            raise _diag_error(s, d, path)
        self._h = h
        self.path = os.fspath(path)
        self._pt = None
        self._cache = None     # (key, analysis, options) of the last solve

    def __del__(self):
        if getattr(self, "_h", None):
            self._drop_cache()
            if self._pt:
                lib.eq_point_free(self._pt)
            lib.eq_model_free(self._h)
            self._h = None

    def _drop_cache(self):
        if self._cache is not None:
            lib.eq_analysis_free(self._cache[1])
            self._cache = None

    @property
    def title(self):
        return _s(lib.eq_model_title(self._h))

    @property
    def players(self):
        return [_s(lib.eq_model_player_name(self._h, p))
                for p in range(lib.eq_model_players(self._h))]

    @property
    def classes(self):
        return [_s(lib.eq_model_class_name(self._h, c))
                for c in range(lib.eq_model_classes(self._h))]

    @property
    def givens(self):
        return [_s(lib.eq_model_given_name(self._h, g))
                for g in range(lib.eq_model_givens(self._h))]

    @property
    def params(self):
        """The parameters: a list of dicts (name, description, domain, default)."""
        m, out = self._h, []
        for k in range(lib.eq_model_params(m)):
            d = {"name": _s(lib.eq_model_param_name(m, k)),
                 "description": _s(lib.eq_model_param_description(m, k))}
            if lib.eq_model_param_is_enum(m, k):
                ch = [_s(lib.eq_model_param_choice(m, k, c))
                      for c in range(lib.eq_model_param_choices(m, k))]
                d["choices"] = ch
                d["default"] = ch[int(lib.eq_model_param_default(m, k))]
            else:
                d["lo"] = lib.eq_model_param_lo(m, k)
                d["hi"] = lib.eq_model_param_hi(m, k)
                d["default"] = lib.eq_model_param_default(m, k)
            out.append(d)
        return out

    # ---- settings ----------------------------------------------------

    def _analysis(self, params, options):
        """A new eq_analysis with params and options set."""
        a = ctypes.c_void_p()
        s = lib.eq_analysis_new(ctypes.byref(a), self._h)
        if s != 0:
            raise EquilibError(s, "out of memory")
        try:
            for k, v in (params or {}).items():
                s = lib.eq_analysis_set(a, _b("%s=%s" % (k, _text(v))))
                if s != 0:
                    raise EquilibError(s, _s(lib.eq_analysis_errmsg(a)))
            opts = dict(self.DEFAULTS)
            opts.update(options)
            with _Options(opts) as o:
                s = lib.eq_analysis_use_options(a, o.h)
                if s != 0:
                    raise o.error(s)
        except BaseException:
            lib.eq_analysis_free(a)
            raise
        return a

    def _value_of(self, k, x):
        if lib.eq_model_param_is_enum(self._h, k):
            return _s(lib.eq_model_param_choice(self._h, k, int(x)))
        return x

    def _row(self, pt, cols):
        """A point as a dict: the values of the parameters in cols, then the
        outcome, with the command line's column names."""
        m = self._h
        row = {_s(lib.eq_model_param_name(m, k)): self._value_of(k, lib.eq_point_value(pt, k))
               for k in cols}
        ok = lib.eq_point_status(pt) == 0
        row["path"] = _s(lib.eq_point_path(pt)) if ok else ""
        for c, name in enumerate(self.classes):
            row["P(%s)" % name] = lib.eq_point_class_prob(pt, c)
        for p, name in enumerate(self.players):
            row["E(%s)" % name] = lib.eq_point_payoff(pt, p)
        row["SPEs"] = lib.eq_point_spe_count(pt)
        row["regret"] = lib.eq_point_regret(pt)
        notes = [_s(lib.eq_point_note(pt, i)) for i in range(lib.eq_point_notes(pt))]
        row["flags"] = "; ".join(notes) if ok else _s(lib.eq_point_errmsg(pt))
        return row

    # ---- solving -----------------------------------------------------

    def solve(self, params=None, **options):
        """Solve at the parameters (dict; others at their defaults).  Returns
        a dict: the values of every parameter, path, P(class) for each
        outcome class, E(player) for each player, SPEs, regret, flags, and
        given (for each named node: reach and the class probabilities from
        it on).  Raises EquilibError when the model cannot be solved there."""
        # The analysis (concept and measures) is kept while the options stay
        # the same; the parameters go in as values, so a loop of solves
        # builds nothing but the values.
        key = tuple(sorted(options.items()))
        if self._cache is None or self._cache[0] != key:
            a = self._analysis(None, options)
            self._drop_cache()
            self._cache = (key, a)
        a = self._cache[1]
        np_ = lib.eq_model_params(self._h)
        values = (ctypes.c_double * (np_ + 1))()
        lib.eq_model_defaults(self._h, values)
        d = Diag()
        for k, v in (params or {}).items():
            s = lib.eq_model_set_param(self._h, values, _b("%s=%s" % (k, _text(v))),
                                       ctypes.byref(d))
            if s != 0:
                raise _diag_error(s, d, "%s=%s" % (k, v))
        if not self._pt:
            pt = ctypes.c_void_p()
            s = lib.eq_point_new(ctypes.byref(pt), self._h)
            if s != 0:
                raise EquilibError(s, "out of memory")
            self._pt = pt
        s = lib.eq_point_solve(self._pt, a, values)
        if s != 0:
            raise EquilibError(s, _s(lib.eq_point_errmsg(self._pt)))
        row = self._row(self._pt, range(lib.eq_model_params(self._h)))
        row["given"] = {
            name: dict([("reach", lib.eq_point_given_reach(self._pt, g))] +
                       [("P(%s)" % c, lib.eq_point_given_class_prob(self._pt, g, ci))
                        for ci, c in enumerate(self.classes)])
            for g, name in enumerate(self.givens)}
        return row

    def sweep(self, vary, params=None, **options):
        """Solve at every point of a grid: vary is a list of axes as the
        command line's --vary takes them ("NAME=LO:HI:N", "NAME=a,b,c",
        "NAME"), the first varying slowest.  One row per point, in grid
        order, with the varied values, path, P(class), E(player), SPEs,
        regret and flags (the notes; or the message of a point that failed):
        a pandas DataFrame when pandas is installed, else a list of dicts."""
        if isinstance(vary, str):
            vary = [vary]
        a = self._analysis(params, options)
        rows, failure = [], []
        try:
            for spec in vary:
                s = lib.eq_analysis_vary(a, _b(spec))
                if s != 0:
                    raise EquilibError(s, "%s: %s" % (spec, _s(lib.eq_analysis_errmsg(a))))
            cols = [lib.eq_analysis_axis_param(a, j) for j in range(lib.eq_analysis_axes(a))]

            def take(_ud, pt):
                try:
                    rows.append(self._row(pt, cols))
                    return 0
                except BaseException as e:   # never let an exception cross C
                    failure.append(e)
                    return 1

            fn = POINT_FN(take)
            s = lib.eq_model_sweep(a, fn, None)
            if failure:
                raise failure[0]
            if s != 0:
                raise EquilibError(s, _s(lib.eq_analysis_errmsg(a)))
        finally:
            lib.eq_analysis_free(a)
        return _pd.DataFrame(rows) if _pd is not None else rows

    def breakpoints(self, param, params=None, **options):
        """Every value of one parameter ("NAME" or "NAME=LO:HI") at which the
        equilibrium changes, the others at params.  Rows: parameter, value,
        text (the shortest decimal), fraction (exact, or None), error,
        flags (in words), what (the change in words): a DataFrame when
        pandas is installed, else a list of dicts.  An enumerated
        parameter has no breakpoints; see segments()."""
        rows = []
        b = self._breaks(param, params, options)
        try:
            name = _s(lib.eq_model_param_name(self._h, lib.eq_breaks_param(b)))
            for i in range(lib.eq_breaks_count(b)):
                fl = lib.eq_breaks_flags(b, i)
                rows.append({"parameter": name,
                             "value": lib.eq_breaks_value(b, i),
                             "text": _s(lib.eq_breaks_text(b, i)),
                             "fraction": _s(lib.eq_breaks_fraction(b, i)),
                             "error": lib.eq_breaks_error(b, i),
                             "flags": ", ".join(w for bit, w in _BREAK_WORDS if fl & bit),
                             "what": _s(lib.eq_breaks_what(b, i))})
        finally:
            lib.eq_breaks_free(b)
        if _pd is not None:
            return _pd.DataFrame(rows, columns=["parameter", "value", "text", "fraction",
                                                "error", "flags", "what"])
        return rows

    def segments(self, param, params=None, **options):
        """The outcome on each stretch between breakpoints (or at each choice
        of an enumerated parameter): lo, hi, then the columns of a sweep row."""
        rows = []
        b = self._breaks(param, params, options)
        try:
            for s in range(lib.eq_breaks_segments(b)):
                row = {"lo": lib.eq_breaks_segment_lo(b, s), "hi": lib.eq_breaks_segment_hi(b, s)}
                row.update(self._row(lib.eq_breaks_segment(b, s), []))
                rows.append(row)
        finally:
            lib.eq_breaks_free(b)
        return _pd.DataFrame(rows) if _pd is not None else rows

    def _breaks(self, param, params, options):
        a = self._analysis(params, options)
        b = ctypes.c_void_p()
        try:
            s = lib.eq_model_breakpoints(a, _b(param), ctypes.byref(b))
            if s != 0:
                msg = _s(lib.eq_breaks_errmsg(b)) if b else "out of memory"
                lib.eq_breaks_free(b)
                raise EquilibError(s, msg)
        finally:
            lib.eq_analysis_free(a)
        return b
