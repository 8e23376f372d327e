/*
** paths.c -- where the equilib program finds the files it ships: the
** models folder (see paths.h for the order of the search).
**
** The build defines, for the program target only:
**   EQ_MODELS_REL     the models folder relative to the program's folder
**                     once installed ("../share/equilib/models");
**   EQ_BUILD_DIR      the folder the program is built in;
**   EQ_SOURCE_MODELS  the source tree's models folder.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static int is_dir(const char *p)
{
    struct stat st;
    return p != NULL && p[0] != '\0' && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Whether a and b name the same existing folder. */
static int same_dir(const char *a, const char *b)
{
    char ra[PATH_MAX], rb[PATH_MAX];
    return realpath(a, ra) != NULL && realpath(b, rb) != NULL &&
           strcmp(ra, rb) == 0;
}

/* Append s to the list of places tried, in buf. */
static void tried(char *buf, size_t size, const char *s)
{
    size_t len = strlen(buf);
    if (len + 1 < size)
        snprintf(buf + len, size - len, "%s%s", len ? ", " : "", s);
}

/* The folder of the running program, or "" if it cannot be found. */
static void exe_dir(char *out, size_t size)
{
    char exe[PATH_MAX], *slash;
    out[0] = '\0';
    if (realpath("/proc/self/exe", exe) == NULL ||
        (slash = strrchr(exe, '/')) == NULL)
        return;
    *slash = '\0';
    snprintf(out, size, "%s", exe[0] ? exe : "/");
}

/* Found: give path with its links and ".." resolved, or "models" if it
** is ./models. */
static char *found(char *buf, size_t size, const char *path)
{
    char real[PATH_MAX];
    if (same_dir(path, "models"))
        path = "models";
    else if (realpath(path, real) != NULL)
        path = real;
    snprintf(buf, size, "%s", path);
    return buf;
}

char *eqt_models_dir(char *buf, size_t size)
{
    char dir[PATH_MAX], cand[PATH_MAX + 64];
    const char *env = getenv("EQUILIB_MODELS");

    if (buf == NULL || size == 0)
        return NULL;
    buf[0] = '\0';
    if (is_dir(env))
        return found(buf, size, env);
    exe_dir(dir, sizeof dir);
#ifdef EQ_MODELS_REL
    if (dir[0] != '\0') {
        snprintf(cand, sizeof cand, "%s/%s", dir, EQ_MODELS_REL);
        if (is_dir(cand))
            return found(buf, size, cand);
    }
#endif
#if defined(EQ_BUILD_DIR) && defined(EQ_SOURCE_MODELS)
    if (dir[0] != '\0' && same_dir(dir, EQ_BUILD_DIR) && is_dir(EQ_SOURCE_MODELS))
        return found(buf, size, EQ_SOURCE_MODELS);
#endif
    /* Nothing: say where we looked. */
    if (env != NULL && env[0] != '\0')
        tried(buf, size, env);
    else
        tried(buf, size, "$EQUILIB_MODELS (not set)");
#ifdef EQ_MODELS_REL
    snprintf(cand, sizeof cand, "%s/%s", dir[0] ? dir : "(program folder unknown)",
             EQ_MODELS_REL);
    tried(buf, size, cand);
#endif
    return NULL;
}

char *eqt_models_glob(char *buf, size_t size, const char *name)
{
    char dir[PATH_MAX];
    size_t k = 0;
    if (buf == NULL || size == 0)
        return NULL;
    if (eqt_models_dir(dir, sizeof dir) == NULL) {
        snprintf(buf, size, "%s", dir);
        return NULL;
    }
    /* Escape glob's special characters in the folder's name. */
    for (const char *s = dir; *s != '\0' && k + 2 < size; s++) {
        if (strchr("*?[]\\", *s) != NULL)
            buf[k++] = '\\';
        buf[k++] = *s;
    }
    buf[k] = '\0';
    if (k + 1 + strlen(name) + 1 > size) {
        snprintf(buf, size, "the models folder's path is too long");
        return NULL;
    }
    snprintf(buf + k, size - k, "/%s", name);
    return buf;
}
