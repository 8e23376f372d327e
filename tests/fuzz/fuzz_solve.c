/* fuzz_solve.c -- libFuzzer target for the solvers: the input is a small
** game, and every method that applies to it must return either a reason
** for refusing or equilibria that pass their certificate.
**
** Input: byte 0 holds the shape (bits 0-1: rows - 1, bits 2-3: columns - 1,
** bit 4: a third player with two actions), then one signed byte per payoff
** (missing bytes are 0), bit 5 of byte 0 scales them by 10^-6 and bit 6 by
** 10^6 (both: mixed magnitudes, even payoffs scaled down).
** Checks:
**   - every equilibrium of a Nash method has max regret <= 1e-7 times the
**     payoffs' range (eq_result_regret, recomputed from the game);
**   - with --exact (methods with EQ_CAP_EXACT, two players) the exact
**     certificate is "0";
**   - enum --exact, which lists every extreme equilibrium, contains every
**     equilibrium that lemke --exact finds (to 1e-9), and every one of
**     lemke in double precision that is an equilibrium to roundoff (max
**     regret <= 1e-14 of the range), to 1e-6.  lemke's double-precision
**     answers are only promised to within 1e-7 of the range, and such an
**     epsilon-equilibrium can lie far from every exact one: on the 2 x 4
**     game of corpus/solve/lemke_near_tie, payoffs 37 and -1.15e8 in one
**     matrix, rounding leads lemke to put 3.5e-6 on an action 37 worse
**     (regret 1.3e-4 = 1e-12 of the range), which no equilibrium does.
** A failed check traps, so libFuzzer and the replay both report it. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "equilib.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static eq_game *make_game(const uint8_t *data, size_t size, double *range)
{
    int shape = size > 0 ? data[0] : 0;
    int k[3] = { (shape & 3) + 1, ((shape >> 2) & 3) + 1, 2 };
    int n = (shape & 16) ? 3 : 2;
    double scale = 1.0, lo = INFINITY, hi = -INFINITY;
    size_t at = 1;
    eq_game *g = NULL;

    if (eq_game_new(&g, n, k) != EQ_OK)
        return NULL;
    if (shape & 32)
        scale *= 1e-6;
    if (shape & 64)
        scale *= 1e6;
    for (int p = 0; p < n; p++) {
        double *u = eq_game_payoffs_mut(g, p);
        for (size_t i = 0; i < eq_game_profiles(g); i++) {
            int8_t b = at < size ? (int8_t)data[at] : 0;
            at++;
            /* Mixed magnitudes: with both bits, odd entries are scaled up. */
            u[i] = (double)b * ((shape & 96) == 96 && (i & 1) ? 1e6 : scale);
            lo = fmin(lo, u[i]);
            hi = fmax(hi, u[i]);
        }
    }
    *range = hi > lo ? hi - lo : 1.0;
    return g;
}

/* Each solve may poll its cancel callback FUZZ_POLLS times (qre's path
** follower polls once a step, enum between vertices, lemke every pivot),
** then it stops with EQ_ERR_STOPPED, a refusal with a reason.  This bounds
** a unit deterministically: qre's path on 3-player games with payoffs of
** 1 and 1e6 (corpus/solve/qre_slow_3p, qre_timeout_3p) took 50,000 to
** 100,000 steps, up to 125 s under the sanitizers on a loaded machine,
** past libFuzzer's -timeout=120 (under 200 steps since path.c's step
** control measures corrections relative to each coordinate).  The fuzzer
** looks for wrong answers; speed is measured by the benchmarks. */
#define FUZZ_POLLS 20000

static int budget(void *ud)
{
    long *left = ud;
    return --*left < 0;
}

static eq_result *solve(const eq_game *g, eq_method m, int exact)
{
    eq_solve_opts o;
    eq_result *r = NULL;
    eq_limits lim;
    long left = FUZZ_POLLS;
    eq_limits_init(&lim);
    lim.cancel = budget;
    lim.cancel_ud = &left;
    eq_solve_opts_init(&o);
    o.method = m;
    o.exact = exact;
    o.max_equilibria = 64;
    o.limits = &lim;
    if (eq_solve(g, &o, &r) != EQ_OK) {
        eq_result_free(r);
        return NULL;          /* a refusal with a reason is allowed */
    }
    return r;
}

static void check_certificates(const eq_game *g, const eq_result *r, double range)
{
    const char *name = eq_method_name(eq_result_method(r));
    for (int k = 0; k < eq_result_count(r); k++) {
        double reg = eq_result_regret(r, k);
        if (!(reg >= 0.0 && reg <= 1e-7 * range)) {
            fprintf(stderr, "fuzz_solve: %s equilibrium %d: max regret %.17g, "
                    "payoff range %.17g\n", name, k, reg, range);
            __builtin_trap();
        }
        if (eq_result_is_exact(r) && eq_game_players(g) == 2) {
            const char *x = eq_result_regret_exact(r, k);
            if (x == NULL || strcmp(x, "0") != 0) {
                fprintf(stderr, "fuzz_solve: %s --exact equilibrium %d: exact "
                        "regret %s\n", name, k, x ? x : "(none)");
                __builtin_trap();
            }
        }
    }
}

/* Whether equilibrium k of a is within tol of some equilibrium of b. */
static int contained(const eq_result *a, int k, const eq_result *b, double tol)
{
    for (int j = 0; j < eq_result_count(b); j++) {
        int same = 1;
        for (int p = 0; p < eq_result_players(a) && same; p++) {
            const double *x = eq_result_strategy(a, k, p), *y = eq_result_strategy(b, j, p);
            for (int i = 0; i < eq_result_actions(a, p) && same; i++)
                same = fabs(x[i] - y[i]) <= tol;
        }
        if (same)
            return 1;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    double range = 1.0;
    eq_game *g = make_game(data, size, &range);
    eq_result *lemke = NULL, *lemke_x = NULL, *all = NULL;

    if (g == NULL)
        return 0;
    for (int m = 0; m < eq_method_count(); m++) {
        unsigned caps = eq_method_caps((eq_method)m);
        if (eq_method_check_game((eq_method)m, g, NULL, 0) != EQ_OK)
            continue;
        for (int exact = 0; exact < 2; exact++) {
            eq_result *r;
            if (exact && !(caps & EQ_CAP_EXACT))
                continue;
            if ((r = solve(g, (eq_method)m, exact)) == NULL)
                continue;
            /* A correlated equilibrium's marginals need not be Nash. */
            if ((eq_method)m != EQ_METHOD_CORRELATED)
                check_certificates(g, r, range);
            if ((eq_method)m == EQ_METHOD_LEMKE && !exact && lemke == NULL)
                lemke = r;
            else if ((eq_method)m == EQ_METHOD_LEMKE && exact && lemke_x == NULL)
                lemke_x = r;
            else if ((eq_method)m == EQ_METHOD_ENUM && exact && all == NULL)
                all = r;
            else
                eq_result_free(r);
        }
    }
    /* enum --exact stopped at 64 equilibria may miss some: check only a
    ** complete list. */
    if (lemke != NULL && all != NULL && eq_result_solution(all) != EQ_SOL_PARTIAL)
        for (int k = 0; k < eq_result_count(lemke); k++)
            if (eq_result_regret(lemke, k) <= 1e-14 * range &&
                !contained(lemke, k, all, 1e-6)) {
                fprintf(stderr, "fuzz_solve: lemke's equilibrium %d (max regret "
                        "%.17g) is not among enum --exact's %d\n", k,
                        eq_result_regret(lemke, k), eq_result_count(all));
                __builtin_trap();
            }
    if (lemke_x != NULL && all != NULL && eq_result_solution(all) != EQ_SOL_PARTIAL)
        for (int k = 0; k < eq_result_count(lemke_x); k++)
            if (!contained(lemke_x, k, all, 1e-9)) {
                fprintf(stderr, "fuzz_solve: lemke --exact's equilibrium %d is "
                        "not among enum --exact's %d\n", k, eq_result_count(all));
                __builtin_trap();
            }
    eq_result_free(lemke);
    eq_result_free(lemke_x);
    eq_result_free(all);
    eq_game_free(g);
    return 0;
}
