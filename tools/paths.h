/* paths.h -- where the equilib program finds the files it ships. */
#ifndef EQUILIB_PATHS_H
#define EQUILIB_PATHS_H

#include <stddef.h>

/*
** The folder of the shipped models (.game, .nfg and .efg files), for
** `equilib report` with no FILE.  The first that exists of:
**   1. $EQUILIB_MODELS, when set and not empty;
**   2. PREFIX/share/equilib/models, PREFIX being the folder above the one
**      that holds the running program (/proc/self/exe, links resolved):
**      the installed layout, wherever it was installed or moved to;
**   3. the source tree's models/, when the running program is the one in
**      the build folder it was built in.
** A folder that is ./models of the current folder is given as "models".
** Writes the folder's path to buf and returns buf; when none exists
** returns NULL, with buf holding the places tried, separated by ", ".
** Never prints.
*/
char *eqt_models_dir(char *buf, size_t size);

/* The glob(3) pattern of the files named `name` (itself a pattern, such as
** "*.game") in the models folder, the folder's own characters escaped.
** Returns buf, or NULL as eqt_models_dir does (buf: the places tried). */
char *eqt_models_glob(char *buf, size_t size, const char *name);

#endif
