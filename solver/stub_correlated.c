#include "internal.h"
eq_status eqi_solve_correlated(const eq_game *g, const eq_solve_opts *o, eq_result *r)
{
    (void)g; (void)o;
    return eqi_error(r->errmsg, EQ_ERR_UNSUPPORTED, "correlated: not yet implemented");
}
