#include "internal.h"
eq_status eq_game_read_nfg(eq_game **out, const char *path, eq_diag *diag)
{ (void)path; (void)diag; *out = NULL; return EQ_ERR_UNSUPPORTED; }
eq_status eq_game_parse_nfg(eq_game **out, const char *text, size_t len, const char *name, eq_diag *diag)
{ (void)text; (void)len; (void)name; (void)diag; *out = NULL; return EQ_ERR_UNSUPPORTED; }
eq_status eq_game_write_nfg(const eq_game *g, char **text) { (void)g; *text = NULL; return EQ_ERR_UNSUPPORTED; }
eq_status eq_game_save_nfg(const eq_game *g, const char *path) { (void)g; (void)path; return EQ_ERR_UNSUPPORTED; }
