/*
** mpi.c -- `mpirun -np N equilib-mpi sweep|robust ...`: the work of one
** run spread over MPI ranks (built with -DEQ_MPI=ON as the separate
** program equilib-mpi; the ordinary equilib never links MPI).
**
** Dynamic load balancing: the grid points or samples are cut into small
** chunks of consecutive indices (about 64 per rank, since points differ
** in cost).  Work goes out in orders of consecutive small chunks, as
** many as half the chunks left shared among the ranks (guided
** self-scheduling: large orders first, single chunks at the end, so that
** the ranks finish together).  Rank 0 sends every other rank its first
** order unasked; a rank asks for its next order before computing the one
** it holds, so the next is there when it is done.  It computes the
** order's records (shard.h: the same records a shard file holds) and
** sends them back packed in binary (below): doubles as their 8 bytes,
** strings with their lengths, so that nothing is printed as JSON text and
** parsed back.  Rank 0 computes orders of its own, sized the same way,
** and answers requests between them (an order costs a set-up, so fewer,
** larger ones are cheaper; the others hold an order ahead, so they do not
** wait for the answer); it keeps its own records as they are.  When every chunk is back, rank 0
** alone prints: it sums the records up in index order exactly as `equilib
** merge` does, so the output is byte-identical to a single-process run.
** A rank that fails sends its message; rank 0 stops handing out work,
** prints "rank K: message" and exits 2, having printed nothing else.
** Ranks other than 0 keep quiet and have standard output on /dev/null.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#define _POSIX_C_SOURCE 200809L   /* nanosleep */
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

#include <time.h>

#include <mpi.h>

int cli_mpi_size = 1, cli_mpi_rank = 0;

enum { TAG_DONE = 1, TAG_FAIL = 2, TAG_WORK = 3, TAG_REQ = 4 };
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

/* The last records sent, in flight until rank 0 takes them. */
static MPI_Request sent_req = MPI_REQUEST_NULL;
static unsigned char *sent_buf;

/* Wait until the last records sent have been taken, and free them. */
static void sent_wait(void)
{
    MPI_Wait(&sent_req, MPI_STATUS_IGNORE);
    free(sent_buf);
    sent_buf = NULL;
}

/* Send the chunk number and the records arr packed to rank 0 with
** TAG_DONE and return 0; or if they cannot be packed, a TAG_FAIL message,
** returning -1 (rank 0 then sends no more work).  The send does not wait
** for rank 0 to take them: a message this large goes only when rank 0
** receives it, which it does between chunks of its own, and meanwhile
** this rank computes its next order.  The buffer is freed at the next
** send (rank 0 has long taken it then) or by sent_wait. */
static int send_records(long long chunk, const cJSON *arr)
{
    pbuf b = { NULL, 0, 0, 0 };
    put(&b, &chunk, sizeof chunk);
    pack(&b, arr);
    sent_wait();
    if (b.bad || b.n > INT_MAX) {
        send_text(TAG_FAIL, chunk, b.bad ? "out of memory (packing records)"
                                         : "a chunk's records exceed 2 GB");
        free(b.p);
        return -1;
    }
    sent_buf = b.p;
    MPI_Isend(b.p, (int)b.n, MPI_BYTE, 0, TAG_DONE, MPI_COMM_WORLD, &sent_req);
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

/* Wait for a message from src with tag (MPI_ANY_*: any), its status in
** *st.  Open MPI's blocking probe spins on the core; a rank waiting here
** sleeps instead, from 50 us up to 1 ms between looks, so that on a
** shared or oversubscribed node a waiting rank leaves the core to the
** ranks that compute (a message waits at most a millisecond, a small
** chunk takes tens). */
static void wait_msg(int src, int tag, MPI_Status *st)
{
    long ns = 50000;
    for (;;) {
        int flag = 0;
        MPI_Iprobe(src, tag, MPI_COMM_WORLD, &flag, st);
        if (flag)
            return;
        {
            struct timespec t = { 0, ns };
            nanosleep(&t, NULL);
        }
        ns = ns < 500000 ? 2 * ns : 1000000;
    }
}

/* Ask rank 0 for work: an empty message. */
static void request(void)
{
    MPI_Send(NULL, 0, MPI_BYTE, 0, TAG_REQ, MPI_COMM_WORLD);
}

/* A rank other than 0: asks for work, and asks for the next order before
** computing the one it holds, so that the order is there when it is done
** (rank 0 answers only between chunks of its own). */
static int worker(cli *c)
{
    sense_job *j = NULL;
    long long w[3];
    MPI_Status st;
    int rc = sense_job_new(c, &j);
    /* The first order comes unasked (rank 0 sends one to every rank as it
    ** starts), so no rank waits for a first answer. */
    wait_msg(0, TAG_WORK, &st);
    MPI_Recv(w, 3, MPI_LONG_LONG, 0, TAG_WORK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    if (rc != 0) {
        if (w[0] >= 0)      /* else rank 0 has stopped and hears no more */
            send_text(TAG_FAIL, w[0], cli_last_error);
        sense_job_free(j);
        return rc;
    }
    while (w[0] >= 0 && rc == 0) {
        long long id = w[0];
        cJSON *recs;
        request();
        if ((recs = chunk_records(j, w[1], w[2])) == NULL) {
            send_text(TAG_FAIL, id, cli_last_error);
            rc = EXIT_USAGE;
        } else if (send_records(id, recs) != 0) {
            rc = EXIT_USAGE;
        }
        cJSON_Delete(recs);
        /* The answer to the request above, received even after a failure
        ** so that no message is left behind. */
        wait_msg(0, TAG_WORK, &st);
        MPI_Recv(w, 3, MPI_LONG_LONG, 0, TAG_WORK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    }
    sent_wait();
    sense_job_free(j);
    return rc;
}

/* Rank 0's state while it hands out work. */
typedef struct deal {
    long long total, cs, nchunks, next;
    long long pending;      /* orders out whose records are not back */
    long long *pend;        /* per rank */
    char *stopped;          /* per rank: sent the end, or failed */
    int live;               /* ranks other than 0 not stopped */
    int failed, rc;
    cJSON **recs;           /* per small chunk; an order's records in its first's place */
    char failmsg[600];
} deal;

/* Answer rank src's request: the next order, or the end.  Orders shrink
** as the work runs out (guided self-scheduling: half the remaining small
** chunks shared among the ranks), so that the ranks finish together. */
/* The next order into w: its first small chunk, first and end index. */
static void take(deal *D, long long w[3])
{
    long long left = D->nchunks - D->next, give = left / (2LL * cli_mpi_size);
    give = give < 1 ? 1 : give;
    w[0] = D->next, w[1] = D->next * D->cs;
    D->next += give;
    w[2] = D->next * D->cs > D->total ? D->total : D->next * D->cs;
}

static void answer(deal *D, int src)
{
    long long w[3] = { -1, 0, 0 };
    if (!D->failed && D->next < D->nchunks) {
        take(D, w);
        D->pend[src]++, D->pending++;
    } else {
        D->stopped[src] = 1;
        D->live--;
    }
    MPI_Send(w, 3, MPI_LONG_LONG, src, TAG_WORK, MPI_COMM_WORLD);
}

/* Take one message from another rank: a request, records, or a failure. */
static void receive(deal *D)
{
    MPI_Status st;
    int n, src;
    unsigned char *msg;
    long long id = -1;
    wait_msg(MPI_ANY_SOURCE, MPI_ANY_TAG, &st);
    MPI_Get_count(&st, MPI_BYTE, &n);
    src = st.MPI_SOURCE;
    if ((msg = malloc((size_t)n + 1)) == NULL) {
        cli_error("rank 0: out of memory");
        MPI_Abort(MPI_COMM_WORLD, EXIT_USAGE);
        return;
    }
    MPI_Recv(msg, n, MPI_BYTE, src, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    msg[n] = '\0';
    if (st.MPI_TAG == TAG_REQ) {
        answer(D, src);
    } else if (st.MPI_TAG == TAG_FAIL) {
        /* "CHUNK\nmessage" as text; the rank sends nothing more (its
        ** request, if any, came before and is answered) */
        char *nl = strchr((char *)msg, '\n');
        if (!D->failed)
            snprintf(D->failmsg, sizeof D->failmsg, "rank %d: %.500s", src,
                     nl ? nl + 1 : (char *)msg);
        D->failed = 1, D->rc = EXIT_USAGE;
        D->pending -= D->pend[src];
        D->pend[src] = 0;
        if (!D->stopped[src])
            D->stopped[src] = 1, D->live--;
    } else {
        /* The order's first chunk number, then its records. */
        if ((size_t)n >= sizeof id)
            memcpy(&id, msg, sizeof id);
        D->pend[src]--, D->pending--;
        if (id >= 0 && id < D->nchunks && D->recs[id] == NULL) {
            const unsigned char *at = msg + sizeof id;
            if ((D->recs[id] = unpack(&at, msg + n, 0)) == NULL || at != msg + n) {
                if (!D->failed)
                    snprintf(D->failmsg, sizeof D->failmsg, "rank %d: chunk %lld: "
                             "malformed records (or out of memory)", src, id);
                D->failed = 1, D->rc = EXIT_USAGE;
            }
        }
    }
    free(msg);
}

static int master(cli *c)
{
    sense_job *j = NULL;
    deal D;
    cJSON **recs;
    long long nchunks;
    int rc;
    memset(&D, 0, sizeof D);
    D.rc = sense_job_new(c, &j);
    D.failed = D.rc != 0;
    D.live = cli_mpi_size - 1;
    D.total = D.rc == 0 ? sense_job_total(j) : 0;
    /* Small chunks, the unit of the orders: about 64 per rank. */
    D.cs = D.total / (64LL * cli_mpi_size);
    D.cs = D.cs < MINCHUNK ? MINCHUNK : D.cs;
    D.nchunks = (D.total + D.cs - 1) / D.cs;
    D.recs = calloc((size_t)D.nchunks + 1, sizeof *D.recs);
    D.pend = calloc((size_t)cli_mpi_size, sizeof *D.pend);
    D.stopped = calloc((size_t)cli_mpi_size, 1);
    if (D.recs == NULL || D.pend == NULL || D.stopped == NULL) {
        cli_error("out of memory");
        MPI_Abort(MPI_COMM_WORLD, EXIT_USAGE);
        return EXIT_USAGE;
    }
    /* Every other rank's first order, unasked. */
    for (int r = 1; r < cli_mpi_size; r++)
        answer(&D, r);
    while (D.live > 0 || D.pending > 0 || (!D.failed && D.next < D.nchunks)) {
        if (!D.failed && D.next < D.nchunks) {
            int flag = 0;
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
            if (!flag) {
                /* An order of rank 0's own, guided like the others': each
                ** order costs a set-up (a robust study is made afresh), and
                ** the others hold an order ahead, so rank 0's answering
                ** only between its orders keeps nobody waiting. */
                long long w[3];
                take(&D, w);
                if ((D.recs[w[0]] = chunk_records(j, w[1], w[2])) == NULL)
                    D.failed = 1, D.rc = EXIT_USAGE;
                else if (unraw(D.recs[w[0]]) != 0) {
                    cli_error("rank 0: chunk %lld: a record holds raw JSON "
                              "that is no number", w[0]);
                    D.failed = 1, D.rc = EXIT_USAGE;
                }
                continue;
            }
        }
        receive(&D);
    }
    free(D.pend);
    free(D.stopped);
    recs = D.recs, nchunks = D.nchunks, rc = D.rc;
    sense_job_free(j);
    if (D.failed && *D.failmsg)
        cli_error("%s", D.failmsg);
    if (!D.failed) {
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
    /* mpirun hands rank 0 a pseudo-terminal as standard output, which
    ** stdio would then flush line by line: one write through the pty and
    ** mpirun's forwarding per row (about a third of rank 0's writing
    ** time for a sweep of 40,000 rows).  Rank 0 writes in full blocks. */
    if (cli_mpi_rank == 0)
        setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    rc = cli_main(argc, argv);
    MPI_Finalize();
    return rc;
}

#endif
