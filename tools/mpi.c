/*
** mpi.c -- `mpirun -np N equilib-mpi sweep|robust ...`: the work of one
** run spread over MPI ranks (built with -DEQ_MPI=ON as the separate
** program equilib-mpi; the ordinary equilib never links MPI).
**
** Dynamic load balancing: the grid points or samples are cut into small
** chunks of consecutive indices (about 128 per rank, since points differ
** in cost).  Every rank other than 0 asks rank 0 for work, gets 8 small
** chunks at once, computes their records (shard.h: the same records a
** shard file holds) and sends them back with its next request, packed in
** binary (below): doubles as their 8 bytes, strings with their lengths,
** so that nothing is printed as JSON text and parsed back.  Rank 0 keeps
** the records of its own chunks as they are.  Rank 0
** hands work out and, while no request waits, computes one small chunk
** at a time itself, so that a request waits at most that long.  When every chunk is back, rank 0
** alone prints: it sums the records up in index order exactly as `equilib
** merge` does, so the output is byte-identical to a single-process run.
** A rank that fails sends its message; rank 0 stops handing out work,
** prints "rank K: message" and exits 2, having printed nothing else.
** Ranks other than 0 keep quiet and have standard output on /dev/null.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shard.h"

#ifndef EQ_MPI

int cli_mpi_size = 1, cli_mpi_rank = 0;

int mpi_run(cli *c)
{
    (void)c;
    cli_error("this equilib was built without MPI (cmake -DEQ_MPI=ON builds equilib-mpi)");
    return EXIT_USAGE;
}

#else

#include <mpi.h>

int cli_mpi_size = 1, cli_mpi_rank = 0;

enum { TAG_DONE = 1, TAG_FAIL = 2, TAG_WORK = 3 };
#define GRAB 8LL              /* small chunks handed to a rank at once */
#define MINCHUNK 32LL         /* points or samples in a small chunk, at least:
                                 each chunk costs a set-up (a robust study
                                 is made afresh) and a message */

/* Send "CHUNK\n" and text with tag to rank 0. */
static void send_text(int tag, long long chunk, const char *text)
{
    size_t n = strlen(text);
    char head[32];
    int h = snprintf(head, sizeof head, "%lld\n", chunk);
    char *buf = malloc((size_t)h + n + 1);
    if (buf == NULL) {
        MPI_Send("-1\nout of memory", 17, MPI_CHAR, 0, TAG_FAIL, MPI_COMM_WORLD);
        return;
    }
    memcpy(buf, head, (size_t)h);
    memcpy(buf + h, text, n + 1);
    MPI_Send(buf, (int)((size_t)h + n + 1), MPI_CHAR, 0, tag, MPI_COMM_WORLD);
    free(buf);
}

/*
** The binary form of a chunk's records, a cJSON tree in pre-order: a type
** byte, then for a number its 8 bytes (the double as it is in memory: the
** ranks run the same program on the same kind of machine), for a string
** its length (4 bytes) and bytes, for an array its item count (4 bytes)
** and items, for an object its count and, per member, the key as a string
** and the value.  Numbers come back bit for bit, so the records are those
** a JSON round trip gives (cJSON prints doubles to 17 digits).  Raw JSON
** text (out_json.c writes numbers so, in their shortest exact form) goes
** as a string and comes back as cJSON parses it, as after a round trip.
*/
enum { PK_NULL, PK_FALSE, PK_TRUE, PK_NUM, PK_STR, PK_ARR, PK_OBJ, PK_RAW };

typedef struct pbuf {
    unsigned char *p;
    size_t n, cap;
    int bad;            /* out of memory, or a value with no binary form */
} pbuf;

static void put(pbuf *b, const void *x, size_t k)
{
    if (b->bad)
        return;
    if (b->n + k > b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 4096;
        unsigned char *q;
        while (cap < b->n + k)
            cap *= 2;
        if ((q = realloc(b->p, cap)) == NULL) {
            b->bad = 1;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, x, k);
    b->n += k;
}

static void put_str(pbuf *b, const char *s)
{
    size_t k = strlen(s);
    uint32_t len = (uint32_t)k;
    if (k > UINT32_MAX) {
        b->bad = 1;
        return;
    }
    put(b, &len, sizeof len);
    put(b, s, k);
}

/* Raw JSON text that is a number, as cJSON's parser reads it (strtod on
** the text): 0 with *d, or -1 for other raw text. */
static int raw_number(const char *raw, double *d)
{
    char *end;
    if (raw == NULL || *raw == '\0')
        return -1;
    *d = strtod(raw, &end);
    return *end == '\0' ? 0 : -1;
}

/* Turn v's raw numbers (out_json.c's jnum, jint) into cJSON numbers in
** place, as printing and parsing them would; -1 for other raw text. */
static int unraw(cJSON *v)
{
    for (cJSON *c = v->child; c != NULL; c = c->next) {
        double d;
        if (cJSON_IsRaw(c)) {
            if (raw_number(c->valuestring, &d) != 0)
                return -1;
            cJSON_free(c->valuestring);
            c->valuestring = NULL;
            c->type = cJSON_Number;
            cJSON_SetNumberValue(c, d);
        } else if ((cJSON_IsArray(c) || cJSON_IsObject(c)) && unraw(c) != 0) {
            return -1;
        }
    }
    return 0;
}

static void pack(pbuf *b, const cJSON *v)
{
    double d;
    unsigned char t;
    if (cJSON_IsNull(v)) {
        t = PK_NULL, put(b, &t, 1);
    } else if (cJSON_IsFalse(v)) {
        t = PK_FALSE, put(b, &t, 1);
    } else if (cJSON_IsTrue(v)) {
        t = PK_TRUE, put(b, &t, 1);
    } else if (cJSON_IsNumber(v)) {
        t = PK_NUM, put(b, &t, 1);
        put(b, &v->valuedouble, sizeof v->valuedouble);
    } else if (cJSON_IsString(v)) {
        t = PK_STR, put(b, &t, 1);
        put_str(b, v->valuestring);
    } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
        uint32_t n = (uint32_t)cJSON_GetArraySize(v);
        t = cJSON_IsArray(v) ? PK_ARR : PK_OBJ;
        put(b, &t, 1);
        put(b, &n, sizeof n);
        for (const cJSON *c = v->child; c != NULL; c = c->next) {
            if (t == PK_OBJ)
                put_str(b, c->string);
            pack(b, c);
        }
    } else if (cJSON_IsRaw(v) && raw_number(v->valuestring, &d) == 0) {
        t = PK_NUM, put(b, &t, 1);
        put(b, &d, sizeof d);
    } else if (cJSON_IsRaw(v) && v->valuestring != NULL) {
        t = PK_RAW, put(b, &t, 1);
        put_str(b, v->valuestring);
    } else {
        b->bad = 1;
    }
}

/* Read k bytes at *at of [p, end) into x; -1 past the end. */
static int get(const unsigned char **at, const unsigned char *end, void *x, size_t k)
{
    if ((size_t)(end - *at) < k)
        return -1;
    memcpy(x, *at, k);
    *at += k;
    return 0;
}

/* A string of the binary form, NUL-terminated into a malloc'd copy. */
static char *get_str(const unsigned char **at, const unsigned char *end)
{
    uint32_t len;
    char *s;
    if (get(at, end, &len, sizeof len) != 0 || (size_t)(end - *at) < len ||
        (s = malloc((size_t)len + 1)) == NULL)
        return NULL;
    memcpy(s, *at, len);
    s[len] = '\0';
    *at += len;
    return s;
}

/* The value at *at, or NULL (malformed, too deep, or out of memory). */
static cJSON *unpack(const unsigned char **at, const unsigned char *end, int depth)
{
    unsigned char t;
    cJSON *v = NULL;
    if (depth > 64 || get(at, end, &t, 1) != 0)
        return NULL;
    switch (t) {
    case PK_NULL: return cJSON_CreateNull();
    case PK_FALSE: return cJSON_CreateFalse();
    case PK_TRUE: return cJSON_CreateTrue();
    case PK_NUM: {
        double d;
        return get(at, end, &d, sizeof d) == 0 ? cJSON_CreateNumber(d) : NULL;
    }
    case PK_STR: case PK_RAW: {
        char *s = get_str(at, end);
        if (s != NULL)
            v = t == PK_STR ? cJSON_CreateString(s) : cJSON_Parse(s);
        free(s);
        return v;
    }
    case PK_ARR: case PK_OBJ: {
        uint32_t n;
        if (get(at, end, &n, sizeof n) != 0 ||
            (v = t == PK_ARR ? cJSON_CreateArray() : cJSON_CreateObject()) == NULL)
            return NULL;
        for (uint32_t i = 0; i < n; i++) {
            char *key = t == PK_OBJ ? get_str(at, end) : NULL;
            cJSON *c = (t == PK_ARR || key != NULL) ? unpack(at, end, depth + 1) : NULL;
            if (c == NULL) {
                free(key);
                cJSON_Delete(v);
                return NULL;
            }
            if (t == PK_ARR)
                cJSON_AddItemToArray(v, c);
            else
                cJSON_AddItemToObject(v, key, c);
            free(key);
        }
        return v;
    }
    default:
        return NULL;
    }
}

/* Send the chunk number and the records arr (NULL: none) packed to rank
** 0 with TAG_DONE and return 0; or if they cannot be packed, a TAG_FAIL
** message, returning -1 (rank 0 then sends no more work). */
static int send_records(long long chunk, const cJSON *arr)
{
    pbuf b = { NULL, 0, 0, 0 };
    put(&b, &chunk, sizeof chunk);
    if (arr != NULL)
        pack(&b, arr);
    if (b.bad || b.n > INT_MAX) {
        send_text(TAG_FAIL, chunk, b.bad ? "out of memory (packing records)"
                                         : "a chunk's records exceed 2 GB");
        free(b.p);
        return -1;
    }
    MPI_Send(b.p, (int)b.n, MPI_BYTE, 0, TAG_DONE, MPI_COMM_WORLD);
    free(b.p);
    return 0;
}

/* The records of [i0, i1); NULL after a message. */
static cJSON *chunk_records(sense_job *j, long long i0, long long i1)
{
    cJSON *arr = cJSON_CreateArray();
    if (arr == NULL) {
        cli_error("out of memory");
        return NULL;
    }
    if (sense_job_run(j, i0, i1, arr) != 0) {
        cJSON_Delete(arr);
        return NULL;
    }
    return arr;
}

static int worker(cli *c)
{
    sense_job *j = NULL;
    long long chunk = -1;
    cJSON *recs = NULL;
    int rc = sense_job_new(c, &j);
    for (;;) {
        long long w[3];
        if (rc != 0) {
            send_text(TAG_FAIL, chunk, cli_last_error);
            break;
        }
        if (send_records(chunk, recs) != 0) {
            rc = EXIT_USAGE;
            break;
        }
        cJSON_Delete(recs);
        recs = NULL;
        MPI_Recv(w, 3, MPI_LONG_LONG, 0, TAG_WORK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if ((chunk = w[0]) < 0)
            break;
        if ((recs = chunk_records(j, w[1], w[2])) == NULL)
            rc = EXIT_USAGE;
    }
    cJSON_Delete(recs);
    sense_job_free(j);
    return rc;
}

static int master(cli *c)
{
    sense_job *j = NULL;
    int rc = sense_job_new(c, &j), active = cli_mpi_size - 1, failed = rc != 0;
    long long total = rc == 0 ? sense_job_total(j) : 0, cs, nchunks, next = 0;
    cJSON **recs = NULL;
    char failmsg[600] = "";
    /* Rank 0 computes one small chunk at a time and answers requests in
    ** between; the other ranks take GRAB small chunks at once, so that a
    ** request waits at most one small chunk of rank 0's. */
    cs = total / (16LL * GRAB * cli_mpi_size);
    cs = cs < MINCHUNK ? MINCHUNK : cs;
    nchunks = (total + cs - 1) / cs;
    if (!failed && (recs = calloc((size_t)nchunks + 1, sizeof *recs)) == NULL) {
        cli_error("out of memory");
        failed = 1, rc = EXIT_USAGE;
    }
    while (active > 0 || (!failed && next < nchunks)) {
        MPI_Status st;
        int flag = 0, n, src;
        unsigned char *msg;
        long long id = -1, w[3] = { -1, 0, 0 };
        if (!failed && next < nchunks) {
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
            if (!flag) {
                long long k = next++, i1 = (k + 1) * cs > total ? total : (k + 1) * cs;
                if ((recs[k] = chunk_records(j, k * cs, i1)) == NULL)
                    failed = 1, rc = EXIT_USAGE;
                else if (unraw(recs[k]) != 0) {
                    cli_error("rank 0: chunk %lld: a record holds raw JSON "
                              "that is no number", k);
                    failed = 1, rc = EXIT_USAGE;
                }
                continue;
            }
        } else {
            MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
        }
        MPI_Get_count(&st, MPI_BYTE, &n);
        src = st.MPI_SOURCE;
        if ((msg = malloc((size_t)n + 1)) == NULL) {
            cli_error("rank 0: out of memory");
            MPI_Abort(MPI_COMM_WORLD, EXIT_USAGE);
            return EXIT_USAGE;
        }
        MPI_Recv(msg, n, MPI_BYTE, src, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        msg[n] = '\0';
        if (st.MPI_TAG == TAG_FAIL) {
            /* "CHUNK\nmessage" as text */
            char *nl = strchr((char *)msg, '\n');
            if (!failed)
                snprintf(failmsg, sizeof failmsg, "rank %d: %.500s", src,
                         nl ? nl + 1 : (char *)msg);
            if (!failed)
                rc = EXIT_USAGE;
            failed = 1;
            active--;
            free(msg);
            continue;
        }
        /* The chunk number, then (but for the first request) its records. */
        if ((size_t)n >= sizeof id)
            memcpy(&id, msg, sizeof id);
        if (id >= 0 && id < nchunks && recs != NULL && recs[id] == NULL) {
            const unsigned char *at = msg + sizeof id;
            if ((recs[id] = unpack(&at, msg + n, 0)) == NULL || at != msg + n) {
                if (!failed)
                    snprintf(failmsg, sizeof failmsg, "rank %d: chunk %lld: "
                             "malformed records (or out of memory)", src, id);
                failed = 1, rc = EXIT_USAGE;
            }
        }
        free(msg);
        if (!failed && next < nchunks) {
            long long last = next + GRAB > nchunks ? nchunks : next + GRAB;
            w[0] = next, w[1] = next * cs;
            w[2] = last * cs > total ? total : last * cs;
            next = last;
        } else {
            active--;
        }
        MPI_Send(w, 3, MPI_LONG_LONG, src, TAG_WORK, MPI_COMM_WORLD);
    }
    sense_job_free(j);
    if (failed && *failmsg)
        cli_error("%s", failmsg);
    if (!failed) {
        /* Every chunk is back: print as `equilib merge` would. */
        replay rp;
        const cJSON **parts = calloc((size_t)nchunks + 1, sizeof *parts);
        cli run = *c;
        int np = 0;
        /* a rank's several small chunks came back as one, in the first's
        ** place; replay_each checks that the indices are all there */
        for (long long k = 0; parts != NULL && k < nchunks; k++)
            if (recs[k] != NULL)
                parts[np++] = recs[k];
        rp.parts = parts;
        rp.nparts = np;
        if (parts == NULL) {
            cli_error("out of memory");
            rc = EXIT_USAGE;
        }
        if (rc == 0) {
            run.replay = &rp;
            rc = c->cmd == CMD_SWEEP ? cmd_sweep(&run) : cmd_robust(&run);
        }
        free(parts);
    }
    for (long long k = 0; recs != NULL && k < nchunks; k++)
        cJSON_Delete(recs[k]);
    free(recs);
    return rc;
}

int mpi_run(cli *c)
{
    if (c->shard_n > 0) {
        if (cli_mpi_rank == 0)
            cli_usage_error(c->cmdname, "--shard is for job arrays; under mpirun the ranks "
                            "share the work without it");
        return EXIT_USAGE;
    }
    return cli_mpi_rank == 0 ? master(c) : worker(c);
}

int cli_main(int argc, char **argv);

int main(int argc, char **argv)
{
    int rc;
    MPI_Init(&argc, &argv);
    MPI_Comm_size(MPI_COMM_WORLD, &cli_mpi_size);
    MPI_Comm_rank(MPI_COMM_WORLD, &cli_mpi_rank);
    if (cli_mpi_rank != 0) {
        /* Rank 0 alone speaks and writes; the others only compute, and only
        ** for sweep and robust. */
        cli_quiet = 1;
        if (freopen("/dev/null", "w", stdout) == NULL || argc < 2 ||
            (strcmp(argv[1], "sweep") != 0 && strcmp(argv[1], "robust") != 0)) {
            MPI_Finalize();
            return 0;
        }
    }
    rc = cli_main(argc, argv);
    MPI_Finalize();
    return rc;
}

#endif
