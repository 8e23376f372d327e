/*
** test_embed.c -- the library embedded in a host program: a host that uses
** GLPK itself keeps its own GLPK state through our solves, a host without
** GLPK is left without any, and several threads solve LP-based methods
** and models at once, with the answers one thread gets, which match the
** values derived by hand in embed_rounds.c.  threads.c runs the same
** rounds without Criterion, under ThreadSanitizer in tools/test.sh.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <string.h>

#include <criterion/criterion.h>
#include <glpk.h>

#include "embed_rounds.h"
#include "lp.h"

static void setup(void)
{
    char err[256] = "";
    cr_assert(er_setup(err, sizeof err), "%s", err);
}

/* A host with GLPK state of its own solves with the library (zero-sum,
** correlated and mip LPs, and spe over LP stages): its terminal hook,
** error hook, memory cap, output switch and problem survive. */
Test(embed, host_glpk_state_survives, .init = setup, .fini = er_teardown)
{
    er_host h;
    er_answers a;
    char err[256] = "";
    glp_prob *P = er_host_setup(&h, 3);
    cr_assert(er_round(&a, err, sizeof err), "%s", err);
    cr_assert(er_by_hand(&a, err, sizeof err), "%s", err);
    cr_assert(er_host_intact(&h, P, 3, err, sizeof err), "%s", err);
}

/* The same after an error inside GLPK in one of our solves (GLPK's own
** memory cap, set through lp.c's parameters, exceeded): our environment
** is freed, the host's is not, and GLPK's message went to our hook, not
** the host's. */
Test(embed, host_survives_our_glpk_error)
{
    er_host h;
    eqi_lp *lp = NULL;
    eqi_lp_parm p;
    const double one = 1.0;
    char err[256] = "";
    glp_prob *P = er_host_setup(&h, 3);
    cr_assert_eq(eqi_lp_new(&lp, 300, 300, EQI_LP_MAX), EQ_OK);
    cr_assert_eq(eqi_lp_add_block(lp, 0, 0, 300, 300, &one, 0, 0), EQ_OK);
    for (int k = 0; k < 300; k++) {
        cr_assert_eq(eqi_lp_set_row_bounds(lp, k, -HUGE_VAL, 1), EQ_OK);
        cr_assert_eq(eqi_lp_set_obj(lp, k, 1), EQ_OK);
    }
    eqi_lp_parm_init(&p);
    p.mem_limit = 1;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_ERR_LP);
    cr_assert(strstr(eqi_lp_errmsg(lp), "memory allocation limit exceeded") != NULL,
              "%s", eqi_lp_errmsg(lp));
    cr_assert_eq(h.len, 0, "the host saw '%s'", h.out);
    p.mem_limit = 0;
    cr_assert_eq(eqi_lp_solve(lp, &p), EQ_OK, "%s", eqi_lp_errmsg(lp));
    cr_assert(fabs(eqi_lp_obj_value(lp) - 1.0) < 1e-9);
    eqi_lp_free(lp);
    cr_assert(er_host_intact(&h, P, 3, err, sizeof err), "%s", err);
}

/* A host that does not use GLPK is left without a GLPK environment:
** glp_init_env() afterwards creates one (returns 0). */
Test(embed, no_glpk_state_left, .init = setup, .fini = er_teardown)
{
    er_answers a;
    char err[256] = "";
    cr_assert(er_round(&a, err, sizeof err), "%s", err);
    cr_assert_eq(glp_init_env(), 0, "a GLPK environment was left in the thread");
    glp_free_env();
}

/* Four threads solve zero-sum, correlated and mip LPs and instantiate a
** model and solve it by spe at once, each round bit for bit what one
** thread gets, which is what the hand derivation gives. */
Test(embed, threads_solve_at_once, .init = setup, .fini = er_teardown)
{
    char err[256] = "";
    cr_assert(er_threads(4, 40, 0, err, sizeof err), "%s", err);
}

/* The same with half the threads hosts that use GLPK themselves, so their
** LP solves go through lp.c's helper threads; each host's state
** survives. */
Test(embed, threads_with_glpk_hosts, .init = setup, .fini = er_teardown)
{
    char err[256] = "";
    cr_assert(er_threads(4, 40, 1, err, sizeof err), "%s", err);
}
