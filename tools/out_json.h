/*
** out_json.h -- the one JSON emitter of the command-line program.
**
** Values are built with cJSON and printed as they are finished, so a
** document can stream: its top-level members are written one at a time,
** and a member that is an array can receive its items one at a time (the
** rows of a sweep, the equilibria of a solve) without the whole document
** ever being held in memory.
**
**   jw w;  jw_open(&w, f);
**   jw_put(&w, "equilib", jstr(eq_version()));
**   jw_array_open(&w, "equilibria");  jw_item(&w, obj) ...;  jw_array_close(&w);
**   rc = jw_close(&w);
**
** Numbers go through jnum(): the shortest decimal that reads back to the
** same double, and null for a value that is not finite (JSON has no inf
** or nan).  Exact values are strings.  Every value handed to jw_put or
** jw_item is consumed (freed), even on failure; a NULL value (cJSON out of
** memory) is remembered and makes jw_close fail.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_OUT_JSON_H
#define EQUILIB_OUT_JSON_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "equilib.h"

/* The schema version of the documents (README.md, "JSON"). */
#define JSON_SCHEMA 1

typedef struct jw {
    FILE *f;
    int members;      /* top-level members written */
    int items;        /* items of the open array, -1: none open */
    int oom;
} jw;

void jw_open(jw *w, FILE *f);
void jw_put(jw *w, const char *key, cJSON *v);
void jw_array_open(jw *w, const char *key);
void jw_item(jw *w, cJSON *v);
void jw_array_close(jw *w);
/* Close the document.  Returns 0, or -1 when a value could not be built
** (out of memory). */
int jw_close(jw *w);

/* The standard head of every document: "equilib" (the version), "schema"
** and "command". */
void jw_head(jw *w, const char *command);

/* Values.  Each returns a new cJSON item (NULL only when out of memory). */
cJSON *jnum(double v);              /* round-trip number, or null */
cJSON *jint(long v);
cJSON *jstr(const char *s);         /* NULL gives null */
cJSON *jbool(int b);
cJSON *jnull(void);
cJSON *jnums(const double *v, int n);   /* array of jnum */
/* Add to an object or array.  A NULL item or container (out of memory)
** is remembered, and the next jw_close fails.  Returns the item. */
cJSON *jadd(cJSON *obj, const char *key, cJSON *item);
cJSON *jpush(cJSON *arr, cJSON *item);

/* The head of a solve's document: the standard head, then "file",
** "title", "form" ("strategic" or "tree"), "players" and "infosets"
** (both consumed). */
void jw_solve_head(jw *w, const char *file, const char *title, const char *form,
                   cJSON *players, cJSON *infosets);
/* Append an information set {"id", "player", "label", "actions": []} to
** sets; returns its actions array, to be filled. */
cJSON *jinfoset(cJSON *sets, int id, const char *player, const char *label);

/* A model's parameter values: name -> number, or the choice's name for
** an enumerated parameter; {} when m is NULL (not a model). */
cJSON *jparams(const eq_model *m, const double *values);

#endif
