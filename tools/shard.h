/*
** shard.h -- shards of a sweep or robust run (--shard I/N) and their merge
** (equilib merge), and the records both they and the MPI build pass: one
** JSON object per grid point or sample, exact to the bit.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_SHARD_H
#define EQUILIB_SHARD_H

#include <cjson/cJSON.h>

#include "cli.h"
#include "out_json.h"

/* Where a merged run's records come from: arrays of records, in index
** order, together covering the whole grid or all samples once. */
typedef struct replay {
    const cJSON **parts;
    int nparts;
} replay;

/* One sweep row, whether from a point or from a record.  Arrays borrowed. */
typedef struct srow {
    long long index;
    const double *v;          /* per axis: its value */
    const char *path;
    const double *cls, *pay;  /* per class, per player */
    int spe;                  /* -1: not counted */
    double regret;
    int nnotes;
    const char *const *notes;
} srow;

/* Shard I of N (1-based) of total indices: [*i0, *i1). */
void shard_range(long long total, int i, int n, long long *i0, long long *i1);

/* A number exactly, non-finite ones as "nan", "inf", "-inf"; and back
** (NaN for anything else). */
cJSON *jnumx(double v);
double numx(const cJSON *j);

/* Whether every model file of c can be hashed (not standard input):
** 0, or an exit status after a message. */
int shard_check(const cli *c);

/* The head of a shard file for command cmd ("sweep" or "robust") of the
** run c describes, covering [i0, i1) of total; then "records" is open.
** Returns 0 or an exit status after a message (a model file unreadable). */
int shard_head(jw *w, const cli *c, const char *cmd, long long total, long long i0,
               long long i1);

/* A sweep row and a robust sample as records, and a sweep record back
** (into arrays of naxes, nc, np and notes the caller sized: nnotes at most
** maxnotes).  Returns 0, or -1 for a malformed record. */
cJSON *srow_record(const srow *r, int naxes, int nc, int np);
int srow_from_record(const cJSON *rec, srow *r, int naxes, int nc, int np, double *v,
                     double *cls, double *pay, const char **notes, int maxnotes);

/* Walk the records of rp in order, checking that their indices run from
** 0 to total - 1 once each.  fn returns non-zero to stop (its value is
** returned).  Returns 0, fn's value, or EXIT_USAGE after a message. */
int replay_each(const replay *rp, long long total, int (*fn)(void *ud, const cJSON *rec),
                void *ud);

#endif /* EQUILIB_SHARD_H */
