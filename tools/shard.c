/*
** shard.c -- `--shard I/N` on sweep and robust, and `equilib merge`.
**
** A shard file is a JSON document: the run it belongs to (each model
** file's name and FNV-1a-64 hash of its bytes, and every option that
** decides the rows: -p, --vary, --prior, --claim, --context, --samples,
** --seed, --input-format), its place (shard I of N, the index range
** [i0, i1) of the total), and its records: one per grid point or sample,
** every number written exactly (the shortest decimal that reads back to
** the same double; "nan", "inf" and "-inf" as strings).  A robust shard
** keeps per-sample records, not shares: the merge sums the samples up in
** index order (eq_robust_replay), so shares, intervals and importance
** come out as one run's, to the bit.
**
** merge reads every shard, checks that they are shards of one run (same
** models, same definition, same N) and that each of 1..N is there once,
** checks that the model files still hash the same, and runs the command
** again with its rows taken from the records: the output is the single
** run's in any --format.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shard.h"

void shard_range(long long total, int i, int n, long long *i0, long long *i1)
{
    /* (i - 1) * total / n without overflow for totals below 2^52 */
    *i0 = (long long)((double)(i - 1) * (double)total / (double)n);
    *i1 = (long long)((double)i * (double)total / (double)n);
    if (i == n)
        *i1 = total;
}

cJSON *jnumx(double v)
{
    if (isnan(v))
        return jstr("nan");
    if (isinf(v))
        return jstr(v > 0 ? "inf" : "-inf");
    return jnum(v);
}

double numx(const cJSON *j)
{
    if (cJSON_IsNumber(j))
        return j->valuedouble;
    if (cJSON_IsString(j) && strcmp(j->valuestring, "inf") == 0)
        return INFINITY;
    if (cJSON_IsString(j) && strcmp(j->valuestring, "-inf") == 0)
        return -INFINITY;
    return NAN;
}

/* FNV-1a-64 of a file's bytes into hex (17 bytes).  Returns 0 or -1. */
static int file_hash(const char *path, char *hex)
{
    uint64_t h = 14695981039346656037ULL;
    unsigned char buf[65536];
    size_t n;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        for (size_t i = 0; i < n; i++) {
            h ^= buf[i];
            h *= 1099511628211ULL;
        }
    n = (size_t)ferror(f);
    fclose(f);
    snprintf(hex, 17, "%016llx", (unsigned long long)h);
    return n ? -1 : 0;
}

static cJSON *jstrs(const char *const *s, int n)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < n; i++)
        jpush(a, jstr(s[i]));
    return a;
}

static const char *const infmt_names[] = { "guess", "nfg", "efg", "game" };

/* The options that decide the rows, as an object. */
static cJSON *definition(const cli *c)
{
    cJSON *d = cJSON_CreateObject();
    char buf[32];
    jadd(d, "files", jstrs(c->files, c->nfiles));
    jadd(d, "input_format", jstr(infmt_names[c->input_format]));
    jadd(d, "params", jstrs(c->params, c->nparams));
    jadd(d, "vary", jstrs(c->vary, c->nvary));
    jadd(d, "priors", jstrs(c->priors, c->npriors));
    jadd(d, "claims", jstrs(c->claims, c->nclaims));
    jadd(d, "contexts", jstrs(c->contexts, c->ncontexts));
    jadd(d, "samples", c->samples > 0 ? jint((long)c->samples) : jnull());
    snprintf(buf, sizeof buf, "%llu", c->seed);
    jadd(d, "seed", c->seed_set ? jstr(buf) : jnull());
    return d;
}

int shard_check(const cli *c)
{
    char hex[17];
    for (int i = 0; i < c->nfiles; i++)
        if (strcmp(c->files[i], "-") == 0 || file_hash(c->files[i], hex) != 0) {
            cli_error("%s: --shard needs a model file it can read again (not standard "
                      "input)", c->files[i]);
            return EXIT_USAGE;
        }
    return 0;
}

int shard_head(jw *w, const cli *c, const char *cmd, long long total, long long i0,
               long long i1)
{
    cJSON *models = cJSON_CreateArray(), *range = cJSON_CreateArray();
    char hex[17];
    for (int i = 0; i < c->nfiles; i++) {
        cJSON *o;
        if (strcmp(c->files[i], "-") == 0 || file_hash(c->files[i], hex) != 0) {
            cJSON_Delete(models), cJSON_Delete(range);
            cli_error("%s: --shard needs a model file it can read again (not standard "
                      "input)", c->files[i]);
            return EXIT_USAGE;
        }
        o = jpush(models, cJSON_CreateObject());
        jadd(o, "file", jstr(c->files[i]));
        jadd(o, "fnv1a64", jstr(hex));
    }
    jw_head(w, "shard");
    jw_put(w, "of", jstr(cmd));
    jw_put(w, "models", models);
    jw_put(w, "definition", definition(c));
    jw_put(w, "shard", jint(c->shard_i));
    jw_put(w, "shards", jint(c->shard_n));
    jw_put(w, "total", jint((long)total));
    jpush(range, jint((long)i0));
    jpush(range, jint((long)i1));
    jw_put(w, "range", range);
    jw_array_open(w, "records");
    return 0;
}

cJSON *srow_record(const srow *r, int naxes, int nc, int np)
{
    cJSON *o = cJSON_CreateObject(), *a;
    jadd(o, "i", jint((long)r->index));
    a = jadd(o, "v", cJSON_CreateArray());
    for (int j = 0; j < naxes; j++)
        jpush(a, jnumx(r->v[j]));
    jadd(o, "path", jstr(r->path));
    a = jadd(o, "cls", cJSON_CreateArray());
    for (int k = 0; k < nc; k++)
        jpush(a, jnumx(r->cls[k]));
    a = jadd(o, "pay", cJSON_CreateArray());
    for (int p = 0; p < np; p++)
        jpush(a, jnumx(r->pay[p]));
    jadd(o, "spe", jint(r->spe));
    jadd(o, "regret", jnumx(r->regret));
    jadd(o, "notes", jstrs(r->notes, r->nnotes));
    return o;
}

/* The n numbers of array a into x; -1 unless a has exactly n. */
static int nums_of(const cJSON *a, double *x, int n)
{
    int i = 0;
    const cJSON *e;
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != n)
        return -1;
    cJSON_ArrayForEach(e, a)
        x[i++] = numx(e);
    return 0;
}

int srow_from_record(const cJSON *rec, srow *r, int naxes, int nc, int np, double *v,
                     double *cls, double *pay, const char **notes, int maxnotes)
{
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(rec, "path");
    const cJSON *spe = cJSON_GetObjectItemCaseSensitive(rec, "spe");
    const cJSON *ns = cJSON_GetObjectItemCaseSensitive(rec, "notes"), *e;
    if (!cJSON_IsString(path) || !cJSON_IsNumber(spe) || !cJSON_IsArray(ns) ||
        nums_of(cJSON_GetObjectItemCaseSensitive(rec, "v"), v, naxes) != 0 ||
        nums_of(cJSON_GetObjectItemCaseSensitive(rec, "cls"), cls, nc) != 0 ||
        nums_of(cJSON_GetObjectItemCaseSensitive(rec, "pay"), pay, np) != 0 ||
        cJSON_GetArraySize(ns) > maxnotes)
        return -1;
    r->index = (long long)cJSON_GetObjectItemCaseSensitive(rec, "i")->valuedouble;
    r->v = v, r->cls = cls, r->pay = pay;
    r->path = path->valuestring;
    r->spe = spe->valueint;
    r->regret = numx(cJSON_GetObjectItemCaseSensitive(rec, "regret"));
    r->nnotes = 0;
    cJSON_ArrayForEach(e, ns) {
        if (!cJSON_IsString(e))
            return -1;
        notes[r->nnotes++] = e->valuestring;
    }
    r->notes = notes;
    return 0;
}

int replay_each(const replay *rp, long long total, int (*fn)(void *ud, const cJSON *rec),
                void *ud)
{
    long long next = 0;
    for (int p = 0; p < rp->nparts; p++) {
        const cJSON *rec;
        cJSON_ArrayForEach(rec, rp->parts[p]) {
            const cJSON *i = cJSON_GetObjectItemCaseSensitive(rec, "i");
            int rc;
            if (!cJSON_IsNumber(i) || (long long)i->valuedouble != next) {
                cli_error("merge: record %lld missing or out of order", next);
                return EXIT_USAGE;
            }
            if ((rc = fn(ud, rec)) != 0)
                return rc;
            next++;
        }
    }
    if (next != total) {
        cli_error("merge: %lld of %lld records: the shards are incomplete", next, total);
        return EXIT_USAGE;
    }
    return 0;
}

/* ---- merge ------------------------------------------------------------ */

/* A whole file into a NUL-terminated string; NULL after a message. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *s = NULL;
    size_t len = 0, cap = 0, n;
    if (f == NULL) {
        cli_error("%s: %s", path, strerror(errno));
        return NULL;
    }
    for (;;) {
        if (cap - len < 65536) {
            char *p = realloc(s, cap = cap * 2 + 65536);
            if (p == NULL) {
                free(s), fclose(f);
                cli_error("out of memory");
                return NULL;
            }
            s = p;
        }
        if ((n = fread(s + len, 1, cap - len - 1, f)) == 0)
            break;
        len += n;
    }
    if (ferror(f)) {
        cli_error("%s: read error", path);
        free(s), fclose(f);
        return NULL;
    }
    fclose(f);
    s[len] = '\0';
    return s;
}

static const cJSON *get(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* The strings of array a (borrowed) into a new array *out; -1 if not all
** strings. */
static int strs_of(const cJSON *a, const char ***out, int *n)
{
    const cJSON *e;
    int i = 0;
    *n = cJSON_GetArraySize(a);
    *out = calloc((size_t)*n + 1, sizeof **out);
    if (*out == NULL || !cJSON_IsArray(a))
        return -1;
    cJSON_ArrayForEach(e, a) {
        if (!cJSON_IsString(e))
            return -1;
        (*out)[i++] = e->valuestring;
    }
    return 0;
}

/* The shards of one merge, as read. */
typedef struct merge_set {
    cJSON **doc;               /* one per operand */
    int *at;                   /* per shard index: the operand, -1 */
    int nshards;
    const char *of;            /* the command the shards come from */
    const cJSON *def, *models; /* the first shard's definition and models */
} merge_set;

/* Whether operand i is a complete shard file; says why not. */
static int shard_ok(const cli *c, int i, const cJSON *d)
{
    const cJSON *cmd = d ? get(d, "command") : NULL;
    if (!cJSON_IsString(cmd) || strcmp(cmd->valuestring, "shard") != 0 ||
        !cJSON_IsString(get(d, "of")) || !cJSON_IsNumber(get(d, "shard")) ||
        !cJSON_IsNumber(get(d, "shards")) || !cJSON_IsNumber(get(d, "total")) ||
        !cJSON_IsArray(get(d, "records")) || !cJSON_IsObject(get(d, "definition")) ||
        !cJSON_IsArray(get(d, "models"))) {
        cli_error("%s: not a shard file of equilib (made by sweep or robust --shard I/N)",
                  c->files[i]);
        return 0;
    }
    if (!cJSON_IsTrue(get(d, "complete"))) {
        cli_error("%s: an incomplete shard (its run stopped early): make it again",
                  c->files[i]);
        return 0;
    }
    return 1;
}

/* Take operand i into S: the first sets what the others must match.
** Returns 0 or EXIT_USAGE with the message said. */
static int take_shard(const cli *c, merge_set *S, int i)
{
    const cJSON *d = S->doc[i];
    int k;
    if (i == 0) {
        S->of = get(d, "of")->valuestring;
        S->def = get(d, "definition");
        S->models = get(d, "models");
        S->nshards = get(d, "shards")->valueint;
        if (S->nshards < 1 || (S->at = malloc((size_t)S->nshards * sizeof *S->at)) == NULL) {
            cli_error("%s: no shards", c->files[0]);
            return EXIT_USAGE;
        }
        for (k = 0; k < S->nshards; k++)
            S->at[k] = -1;
    } else if (!cJSON_Compare(get(d, "models"), S->models, 1)) {
        cli_error("%s: a shard of another model than %s (the model files or their "
                  "bytes differ)", c->files[i], c->files[0]);
        return EXIT_USAGE;
    } else if (strcmp(get(d, "of")->valuestring, S->of) != 0 ||
               !cJSON_Compare(get(d, "definition"), S->def, 1) ||
               get(d, "shards")->valueint != S->nshards ||
               get(d, "total")->valuedouble != get(S->doc[0], "total")->valuedouble) {
        cli_error("%s: a shard of another run than %s (the command, options or shard "
                  "count differ)", c->files[i], c->files[0]);
        return EXIT_USAGE;
    }
    k = get(d, "shard")->valueint;
    if (k < 1 || k > S->nshards) {
        cli_error("%s: shard %d of %d?", c->files[i], k, S->nshards);
        return EXIT_USAGE;
    }
    if (S->at[k - 1] >= 0) {
        cli_error("%s: shard %d/%d given twice (also %s)", c->files[i], k, S->nshards,
                  c->files[S->at[k - 1]]);
        return EXIT_USAGE;
    }
    S->at[k - 1] = i;
    return 0;
}

/* Read every operand into S and check that they are the shards 1..N of
** one run, of model files that have not changed since.  Returns 0 or
** EXIT_USAGE with the message said. */
static int read_shards(const cli *c, merge_set *S)
{
    for (int i = 0; i < c->nfiles; i++) {
        char *text = slurp(c->files[i]);
        int rc;
        if (text == NULL)
            return EXIT_USAGE;
        S->doc[i] = cJSON_Parse(text);
        free(text);
        if (!shard_ok(c, i, S->doc[i]))
            return EXIT_USAGE;
        if ((rc = take_shard(c, S, i)) != 0)
            return rc;
    }
    for (int k = 0; k < S->nshards; k++)
        if (S->at[k] < 0) {
            cli_error("merge: shard %d/%d is missing", k + 1, S->nshards);
            return EXIT_USAGE;
        }
    /* The model files must still be the ones the shards were made of. */
    for (const cJSON *m = S->models->child; m != NULL; m = m->next) {
        const cJSON *file = get(m, "file"), *h = get(m, "fnv1a64");
        char hex[17];
        if (!cJSON_IsString(file) || !cJSON_IsString(h)) {
            cli_error("%s: malformed models", c->files[0]);
            return EXIT_USAGE;
        }
        if (file_hash(file->valuestring, hex) != 0) {
            cli_error("%s: cannot read the model file the shards were made of",
                      file->valuestring);
            return EXIT_USAGE;
        }
        if (strcmp(hex, h->valuestring) != 0) {
            cli_error("%s: changed since the shards were made (FNV-1a-64 %s, shards say %s)",
                      file->valuestring, hex, h->valuestring);
            return EXIT_USAGE;
        }
    }
    return 0;
}

/* Run the shards' command again from the definition, its rows or samples
** taken from the records (rp), printing what one run would print. */
static int replay_merged(const cli *c, const merge_set *S, cli *run, replay *rp)
{
    const cJSON *def = S->def;
    const cJSON *seed = get(def, "seed"), *samples = get(def, "samples");
    const cJSON *inf = get(def, "input_format");
    rp->parts = calloc((size_t)S->nshards, sizeof *rp->parts);
    rp->nparts = S->nshards;
    if (rp->parts == NULL || strs_of(get(def, "files"), &run->files, &run->nfiles) ||
        strs_of(get(def, "params"), &run->params, &run->nparams) ||
        strs_of(get(def, "vary"), &run->vary, &run->nvary) ||
        strs_of(get(def, "priors"), &run->priors, &run->npriors) ||
        strs_of(get(def, "claims"), &run->claims, &run->nclaims) ||
        strs_of(get(def, "contexts"), &run->contexts, &run->ncontexts) ||
        !cJSON_IsString(inf)) {
        cli_error("%s: malformed definition", c->files[0]);
        return EXIT_USAGE;
    }
    for (int k = 0; k < 4; k++)
        if (strcmp(inf->valuestring, infmt_names[k]) == 0)
            run->input_format = (infmt)k;
    run->samples = cJSON_IsNumber(samples) ? (long long)samples->valuedouble : 0;
    run->seed_set = cJSON_IsString(seed);
    run->seed = run->seed_set ? strtoull(seed->valuestring, NULL, 10) : 0;
    run->jobs = 0;
    run->shard_i = run->shard_n = 0;
    for (int k = 0; k < S->nshards; k++)
        rp->parts[k] = get(S->doc[S->at[k]], "records");
    run->replay = rp;
    if (strcmp(S->of, "sweep") == 0) {
        run->cmd = CMD_SWEEP, run->cmdname = "sweep";
        return cmd_sweep(run);
    }
    if (strcmp(S->of, "robust") == 0) {
        run->cmd = CMD_ROBUST, run->cmdname = "robust";
        return cmd_robust(run);
    }
    cli_error("%s: shards of '%s'?", c->files[0], S->of);
    return EXIT_USAGE;
}

int cmd_merge(cli *c)
{
    int n = c->nfiles, rc;
    merge_set S = { NULL, NULL, 0, NULL, NULL, NULL };
    replay rp = { NULL, 0 };
    cli run = *c;
    if ((S.doc = calloc((size_t)n, sizeof *S.doc)) == NULL) {
        cli_error("out of memory");
        return EXIT_USAGE;
    }
    for (int i = 0; i < n; i++)
        if (c->output != NULL && strcmp(c->output, "-") != 0 && same_file(c->output, c->files[i])) {
            free(S.doc);
            cli_error("%s: -o would overwrite a shard", c->output);
            return EXIT_USAGE;
        }
    rc = read_shards(c, &S);
    if (rc == 0)
        rc = replay_merged(c, &S, &run, &rp);
    if (run.files != c->files) free((void *)run.files);
    if (run.params != c->params) free((void *)run.params);
    if (run.vary != c->vary) free((void *)run.vary);
    if (run.priors != c->priors) free((void *)run.priors);
    if (run.claims != c->claims) free((void *)run.claims);
    if (run.contexts != c->contexts) free((void *)run.contexts);
    free((void *)rp.parts);
    for (int i = 0; i < n; i++)
        cJSON_Delete(S.doc[i]);
    free(S.doc);
    free(S.at);
    return rc;
}
