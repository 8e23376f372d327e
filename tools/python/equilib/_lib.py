"""Loading libequilib and declaring the C functions the package calls.

The library is found, in this order, at the path in the environment
variable EQUILIB_LIB; next to this source tree's build (build/ at the
repository's top, for a checkout); in the lib/ of the running Python's
prefix (a venv that the library was installed into as well, as
tools/run.sh does with cmake --install build --prefix VENV); then by the
system's loader (libequilib.so.0, as installed).  Only the functions of
include/equilib.h are used, and none of its structs: options travel by
name (eq_options).
"""
import ctypes
import ctypes.util
import glob
import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))


def _candidates():
    env = os.environ.get("EQUILIB_LIB")
    if env:
        yield env
        return
    top = os.path.normpath(os.path.join(_here, "..", "..", ".."))
    for d in ("build", "build-release"):
        yield os.path.join(top, d, "libequilib.so")
    for d in sorted(glob.glob(os.path.join(sys.prefix, "lib*"))):
        for sub in ("", "*-linux-gnu"):
            for f in sorted(glob.glob(os.path.join(d, sub, "libequilib.so.0"))):
                yield f
    yield "libequilib.so.0"
    found = ctypes.util.find_library("equilib")
    if found:
        yield found


def _load():
    errors = []
    for path in _candidates():
        if os.path.sep in path and not os.path.exists(path):
            errors.append(path + ": no such file")
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append(str(e))
    raise ImportError("equilib: cannot load libequilib (set EQUILIB_LIB to its path): "
                      + "; ".join(errors))


lib = _load()

c_int, c_uint, c_double, c_char_p, c_void_p = (ctypes.c_int, ctypes.c_uint, ctypes.c_double,
                                               ctypes.c_char_p, ctypes.c_void_p)
c_ll, c_size = ctypes.c_longlong, ctypes.c_size_t
P = ctypes.POINTER


class Diag(ctypes.Structure):
    """eq_diag: the one struct read here, whose layout the header keeps."""
    _fields_ = [("line", c_int), ("col", c_int), ("message", ctypes.c_char * 512),
                ("source_line", ctypes.c_char * 256)]


POINT_FN = ctypes.CFUNCTYPE(c_int, c_void_p, c_void_p)

_sigs = {
    "eq_version": (c_char_p, []),
    "eq_status_string": (c_char_p, [c_int]),
    # options
    "eq_option_count": (c_int, []),
    "eq_option_name": (c_char_p, [c_int]),
    "eq_option_help": (c_char_p, [c_int]),
    "eq_option_scope": (c_uint, [c_int]),
    "eq_options_new": (c_int, [P(c_void_p)]),
    "eq_options_free": (None, [c_void_p]),
    "eq_options_errmsg": (c_char_p, [c_void_p]),
    "eq_options_set": (c_int, [c_void_p, c_char_p, c_char_p]),
    "eq_options_get": (c_char_p, [c_void_p, c_char_p]),
    "eq_solve_with": (c_int, [c_void_p, c_void_p, P(c_void_p)]),
    "eq_tree_solve_with": (c_int, [c_void_p, c_void_p, P(c_void_p)]),
    "eq_analysis_use_options": (c_int, [c_void_p, c_void_p]),
    # games
    "eq_game_new": (c_int, [P(c_void_p), c_int, P(c_int)]),
    "eq_game_free": (None, [c_void_p]),
    "eq_game_read_nfg": (c_int, [P(c_void_p), c_char_p, P(Diag)]),
    "eq_game_players": (c_int, [c_void_p]),
    "eq_game_actions": (c_int, [c_void_p, c_int]),
    "eq_game_title": (c_char_p, [c_void_p]),
    "eq_game_player_name": (c_char_p, [c_void_p, c_int]),
    "eq_game_action_name": (c_char_p, [c_void_p, c_int, c_int]),
    "eq_game_set_title": (c_int, [c_void_p, c_char_p]),
    "eq_game_set_player_name": (c_int, [c_void_p, c_int, c_char_p]),
    "eq_game_set_action_name": (c_int, [c_void_p, c_int, c_int, c_char_p]),
    "eq_game_payoffs": (P(c_double), [c_void_p, c_int]),
    "eq_game_payoffs_mut": (P(c_double), [c_void_p, c_int]),
    "eq_game_profiles": (c_size, [c_void_p]),
    "eq_game_errmsg": (c_char_p, [c_void_p]),
    # results
    "eq_result_free": (None, [c_void_p]),
    "eq_result_errmsg": (c_char_p, [c_void_p]),
    "eq_result_count": (c_int, [c_void_p]),
    "eq_result_method": (c_int, [c_void_p]),
    "eq_result_strategy": (P(c_double), [c_void_p, c_int, c_int]),
    "eq_result_payoff": (c_double, [c_void_p, c_int, c_int]),
    "eq_result_regret": (c_double, [c_void_p, c_int]),
    "eq_result_is_exact": (c_int, [c_void_p]),
    "eq_result_strategy_exact": (c_char_p, [c_void_p, c_int, c_int, c_int]),
    "eq_result_payoff_exact": (c_char_p, [c_void_p, c_int, c_int]),
    "eq_method_name": (c_char_p, [c_int]),
    # trees
    "eq_tree_read_efg": (c_int, [P(c_void_p), c_char_p, P(Diag)]),
    "eq_tree_free": (None, [c_void_p]),
    "eq_tree_players": (c_int, [c_void_p]),
    "eq_tree_player_name": (c_char_p, [c_void_p, c_int]),
    "eq_tree_title": (c_char_p, [c_void_p]),
    "eq_tree_nodes": (c_int, [c_void_p]),
    "eq_tree_infosets": (c_int, [c_void_p]),
    "eq_tree_infoset_player": (c_int, [c_void_p, c_int]),
    "eq_tree_infoset_actions": (c_int, [c_void_p, c_int]),
    "eq_tree_infoset_label": (c_char_p, [c_void_p, c_int]),
    "eq_tree_infoset_action_name": (c_char_p, [c_void_p, c_int, c_int]),
    "eq_tree_find_node": (c_int, [c_void_p, c_char_p]),
    "eq_tree_find_infoset": (c_int, [c_void_p, c_char_p]),
    "eq_tree_find_player": (c_int, [c_void_p, c_char_p]),
    "eq_tree_find_action": (c_int, [c_void_p, c_int, c_char_p]),
    "eq_tree_result_free": (None, [c_void_p]),
    "eq_tree_result_count": (c_int, [c_void_p]),
    "eq_tree_result_behaviour": (P(c_double), [c_void_p, c_int, c_int]),
    "eq_tree_result_payoff": (c_double, [c_void_p, c_int, c_int]),
    "eq_tree_result_regret": (c_double, [c_void_p, c_int]),
    # models
    "eq_model_read": (c_int, [P(c_void_p), c_char_p, P(Diag)]),
    "eq_model_free": (None, [c_void_p]),
    "eq_model_title": (c_char_p, [c_void_p]),
    "eq_model_players": (c_int, [c_void_p]),
    "eq_model_player_name": (c_char_p, [c_void_p, c_int]),
    "eq_model_params": (c_int, [c_void_p]),
    "eq_model_param_name": (c_char_p, [c_void_p, c_int]),
    "eq_model_param_description": (c_char_p, [c_void_p, c_int]),
    "eq_model_param_is_enum": (c_int, [c_void_p, c_int]),
    "eq_model_param_lo": (c_double, [c_void_p, c_int]),
    "eq_model_param_hi": (c_double, [c_void_p, c_int]),
    "eq_model_param_choices": (c_int, [c_void_p, c_int]),
    "eq_model_param_choice": (c_char_p, [c_void_p, c_int, c_int]),
    "eq_model_param_default": (c_double, [c_void_p, c_int]),
    "eq_model_param_index": (c_int, [c_void_p, c_char_p]),
    "eq_model_defaults": (c_int, [c_void_p, P(c_double)]),
    "eq_model_set_param": (c_int, [c_void_p, P(c_double), c_char_p, P(Diag)]),
    "eq_model_classes": (c_int, [c_void_p]),
    "eq_model_class_name": (c_char_p, [c_void_p, c_int]),
    "eq_model_givens": (c_int, [c_void_p]),
    "eq_model_given_name": (c_char_p, [c_void_p, c_int]),
    # analysis, points, sweeps, breakpoints
    "eq_analysis_new": (c_int, [P(c_void_p), c_void_p]),
    "eq_analysis_free": (None, [c_void_p]),
    "eq_analysis_errmsg": (c_char_p, [c_void_p]),
    "eq_analysis_set": (c_int, [c_void_p, c_char_p]),
    "eq_analysis_vary": (c_int, [c_void_p, c_char_p]),
    "eq_analysis_values": (P(c_double), [c_void_p]),
    "eq_analysis_axes": (c_int, [c_void_p]),
    "eq_analysis_axis_param": (c_int, [c_void_p, c_int]),
    "eq_model_sweep": (c_int, [c_void_p, POINT_FN, c_void_p]),
    "eq_point_new": (c_int, [P(c_void_p), c_void_p]),
    "eq_point_free": (None, [c_void_p]),
    "eq_point_solve": (c_int, [c_void_p, c_void_p, P(c_double)]),
    "eq_point_status": (c_int, [c_void_p]),
    "eq_point_errmsg": (c_char_p, [c_void_p]),
    "eq_point_index": (c_ll, [c_void_p]),
    "eq_point_value": (c_double, [c_void_p, c_int]),
    "eq_point_path": (c_char_p, [c_void_p]),
    "eq_point_class_prob": (c_double, [c_void_p, c_int]),
    "eq_point_payoff": (c_double, [c_void_p, c_int]),
    "eq_point_given_reach": (c_double, [c_void_p, c_int]),
    "eq_point_given_class_prob": (c_double, [c_void_p, c_int, c_int]),
    "eq_point_spe_count": (c_int, [c_void_p]),
    "eq_point_regret": (c_double, [c_void_p]),
    "eq_point_flags": (c_uint, [c_void_p]),
    "eq_point_notes": (c_int, [c_void_p]),
    "eq_point_note": (c_char_p, [c_void_p, c_int]),
    "eq_model_solve": (c_int, [c_void_p, P(c_double), c_void_p, P(c_void_p)]),
    "eq_model_breakpoints": (c_int, [c_void_p, c_char_p, P(c_void_p)]),
    "eq_breaks_free": (None, [c_void_p]),
    "eq_breaks_errmsg": (c_char_p, [c_void_p]),
    "eq_breaks_param": (c_int, [c_void_p]),
    "eq_breaks_count": (c_int, [c_void_p]),
    "eq_breaks_value": (c_double, [c_void_p, c_int]),
    "eq_breaks_text": (c_char_p, [c_void_p, c_int]),
    "eq_breaks_fraction": (c_char_p, [c_void_p, c_int]),
    "eq_breaks_error": (c_double, [c_void_p, c_int]),
    "eq_breaks_flags": (c_uint, [c_void_p, c_int]),
    "eq_breaks_what": (c_char_p, [c_void_p, c_int]),
    "eq_breaks_segments": (c_int, [c_void_p]),
    "eq_breaks_segment_lo": (c_double, [c_void_p, c_int]),
    "eq_breaks_segment_hi": (c_double, [c_void_p, c_int]),
    "eq_breaks_segment": (c_void_p, [c_void_p, c_int]),
    "eq_breaks_baseline": (c_void_p, [c_void_p]),
}

for _name, (_res, _args) in _sigs.items():
    _f = getattr(lib, _name)
    _f.restype = _res
    _f.argtypes = _args
