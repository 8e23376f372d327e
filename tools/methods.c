/*
** methods.c -- the one place where the command-line program knows the
** methods: what each applies to and what its results carry.  Every other
** file of the program asks here, by capability, never by method.
**
** This holds until the library's method table (eq_method_count,
** eq_method_caps, eq_method_check_game, eq_method_check_tree) is in
** include/equilib.h; these functions then become calls to it.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdio.h>

#include "cli.h"

/* Capabilities per method, indexed by eq_method. */
static const unsigned caps[] = {
    [EQ_METHOD_PURE] = CAP_SUBGAME,
    [EQ_METHOD_ZEROSUM] = CAP_VALUE | CAP_SUBGAME,
    [EQ_METHOD_LEMKE] = CAP_LABEL | CAP_SUBGAME,
    [EQ_METHOD_ENUM] = CAP_SUBGAME,
    [EQ_METHOD_SPE] = CAP_SUBGAMES,
    [EQ_METHOD_MIP] = CAP_OBJECTIVE | CAP_UNIQUE | CAP_SUBGAME,
    [EQ_METHOD_CORRELATED] = CAP_OBJECTIVE | CAP_CORRELATED | CAP_SUBGAME,
    [EQ_METHOD_QRE] = CAP_QRE_PATH | CAP_SUBGAME,
};

int cli_methods(void)
{
    int n = 0;
    while (eq_method_name((eq_method)n) != NULL)
        n++;
    return n;
}

unsigned method_caps(int m)
{
    return m >= 0 && m < (int)(sizeof caps / sizeof caps[0]) ? caps[m] : 0;
}

int method_applies_game(int m, const eq_game *g, char *why, size_t len)
{
    (void)g;   /* eq_solve gives its own reasons (players, constant sum) */
    if (m == EQ_METHOD_SPE) {
        snprintf(why, len, "method 'spe' needs a game tree (.efg or .game), "
                 "not a strategic-form game");
        return 0;
    }
    return 1;
}

int method_applies_tree(int m, const eq_tree *t, char *why, size_t len)
{
    const char *name = eq_method_name((eq_method)m);
    (void)t;
    if (m == EQ_METHOD_SPE || m == EQ_METHOD_ZEROSUM || m == EQ_METHOD_LEMKE ||
        m == EQ_METHOD_PURE || m == EQ_METHOD_ENUM)
        return 1;
    snprintf(why, len,
             "method '%s' does not apply to a game tree: solve its reduced strategic "
             "form (equilib convert FILE --to nfg, then solve that with -m %s), or "
             "use it for the subgames with -m spe --sub %s",
             name ? name : "?", name ? name : "?", name ? name : "?");
    return 0;
}

int method_spe_subgame(int asked, const eq_tree *t)
{
    if (asked >= 0)
        return asked;
    return eq_tree_players(t) == 2 ? EQ_METHOD_ENUM : EQ_METHOD_PURE;
}
