/*
** out_json.c -- the JSON emitter: values built with cJSON, documents
** written member by member so that arrays can stream.  See out_json.h.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "out_json.h"

/* Set when cJSON could not allocate; checked by jw_close.  The program is
** single-threaded, so one flag serves every document. */
static int json_oom;

/* Write v as cJSON formats it, indented by indent spaces after each line
** break.  cJSON indents with tabs and separates keys from values with a
** tab; strings never hold a raw tab (they are escaped), so every tab is
** layout: after a colon it becomes a space, elsewhere two spaces. */
static void put_value(FILE *f, const cJSON *v, int indent)
{
    char *s;
    if (cJSON_IsObject(v) && v->child == NULL) {
        fputs("{}", f);           /* cJSON would break the line inside */
        return;
    }
    s = cJSON_Print(v);
    if (s == NULL) {
        json_oom = 1;
        fputs("null", f);
        return;
    }
    for (const char *p = s; *p; p++) {
        if (*p == '\t')
            fputs(p > s && p[-1] == ':' ? " " : "  ", f);
        else if (*p == '\n')
            fprintf(f, "\n%*s", indent, "");
        else
            fputc(*p, f);
    }
    cJSON_free(s);
}

/* A key as a JSON string, escaped by cJSON. */
static void put_key(FILE *f, const char *key)
{
    cJSON *k = cJSON_CreateString(key);
    if (k == NULL) {
        json_oom = 1;
        return;
    }
    put_value(f, k, 0);
    cJSON_Delete(k);
    fputs(": ", f);
}

void jw_open(jw *w, FILE *f)
{
    w->f = f;
    w->members = 0;
    w->items = -1;
    w->oom = 0;
    json_oom = 0;
    fputc('{', f);
}

static void next_member(jw *w, const char *key)
{
    fputs(w->members++ ? ",\n  " : "\n  ", w->f);
    put_key(w->f, key);
}

/* Write v (consumed) at this indent; NULL (out of memory) as null. */
static void put_consumed(jw *w, cJSON *v, int indent)
{
    if (v == NULL) {
        w->oom = 1;
        fputs("null", w->f);
        return;
    }
    put_value(w->f, v, indent);
    cJSON_Delete(v);
}

void jw_put(jw *w, const char *key, cJSON *v)
{
    next_member(w, key);
    put_consumed(w, v, 2);
}

void jw_array_open(jw *w, const char *key)
{
    next_member(w, key);
    fputc('[', w->f);
    w->items = 0;
}

void jw_item(jw *w, cJSON *v)
{
    fputs(w->items++ ? ",\n    " : "\n    ", w->f);
    put_consumed(w, v, 4);
}

void jw_array_close(jw *w)
{
    fputs(w->items > 0 ? "\n  ]" : "]", w->f);
    w->items = -1;
}

int jw_close(jw *w)
{
    fputs(w->members ? "\n}\n" : "}\n", w->f);
    return w->oom || json_oom ? -1 : 0;
}

void jw_head(jw *w, const char *cmd)
{
    jw_put(w, "equilib", jstr(eq_version()));
    jw_put(w, "schema", jint(JSON_SCHEMA));
    jw_put(w, "command", jstr(cmd));
}

cJSON *jnum(double v)
{
    char buf[32];
    if (!isfinite(v))
        return jnull();
    return cJSON_CreateRaw(num_repr(v, buf));
}

cJSON *jint(long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%ld", v);
    return cJSON_CreateRaw(buf);
}

cJSON *jstr(const char *s)
{
    return s == NULL ? jnull() : cJSON_CreateString(s);
}

cJSON *jbool(int b)
{
    return cJSON_CreateBool(b != 0);
}

cJSON *jnull(void)
{
    return cJSON_CreateNull();
}

cJSON *jnums(const double *v, int n)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; a != NULL && i < n; i++)
        jpush(a, jnum(v[i]));
    if (a == NULL)
        json_oom = 1;
    return a;
}

cJSON *jadd(cJSON *obj, const char *key, cJSON *item)
{
    if (obj == NULL || item == NULL || !cJSON_AddItemToObject(obj, key, item)) {
        json_oom = 1;
        cJSON_Delete(item);
        return NULL;
    }
    return item;
}

cJSON *jpush(cJSON *arr, cJSON *item)
{
    if (arr == NULL || item == NULL || !cJSON_AddItemToArray(arr, item)) {
        json_oom = 1;
        cJSON_Delete(item);
        return NULL;
    }
    return item;
}

void jw_solve_head(jw *w, const char *file, const char *title, const char *form,
                   cJSON *players, cJSON *infosets)
{
    jw_head(w, "solve");
    jw_put(w, "file", jstr(file));
    jw_put(w, "title", jstr(title));
    jw_put(w, "form", jstr(form));
    jw_put(w, "players", players);
    jw_put(w, "infosets", infosets);
}

cJSON *jinfoset(cJSON *sets, int id, const char *player, const char *label)
{
    cJSON *h = jpush(sets, cJSON_CreateObject());
    jadd(h, "id", jint(id));
    jadd(h, "player", jstr(player));
    jadd(h, "label", jstr(label));
    return jadd(h, "actions", cJSON_CreateArray());
}

cJSON *jparams(const eq_model *m, const double *values)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        json_oom = 1;
    for (int k = 0; m != NULL && k < eq_model_params(m); k++) {
        const char *name = eq_model_param_name(m, k);
        if (eq_model_param_is_enum(m, k))
            jadd(o, name, jstr(eq_model_param_choice(m, k, (int)values[k])));
        else
            jadd(o, name, jnum(values[k]));
    }
    return o;
}
