/*
** mpi.c -- `mpirun -np N equilib-mpi sweep|robust ...`: the work of one
** run spread over MPI ranks (built with -DEQ_MPI=ON as the separate
** program equilib-mpi; the ordinary equilib never links MPI).
**
** Dynamic load balancing: the grid points or samples are cut into small
** chunks of consecutive indices (about 128 per rank, since points differ
** in cost).  Every rank other than 0 asks rank 0 for work, gets 8 small
** chunks at once, computes their records (shard.h: the same records a
** shard file holds) and sends them back with its next request.  Rank 0
** hands work out and, while no request waits, computes one small chunk
** at a time itself, so that a request waits at most that long.  When every chunk is back, rank 0
** alone prints: it sums the records up in index order exactly as `equilib
** merge` does, so the output is byte-identical to a single-process run.
** A rank that fails sends its message; rank 0 stops handing out work,
** prints "rank K: message" and exits 2, having printed nothing else.
** Ranks other than 0 keep quiet and have standard output on /dev/null.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
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

/* The records of [i0, i1) as JSON text; NULL after a message. */
static char *chunk_text(sense_job *j, long long i0, long long i1)
{
    cJSON *arr = cJSON_CreateArray();
    char *text = NULL;
    if (arr == NULL)
        cli_error("out of memory");
    else if (sense_job_run(j, i0, i1, arr) == 0 && (text = cJSON_PrintUnformatted(arr)) == NULL)
        cli_error("out of memory");
    cJSON_Delete(arr);
    return text;
}

static int worker(cli *c)
{
    sense_job *j = NULL;
    long long chunk = -1;
    char *text = NULL;
    int rc = sense_job_new(c, &j);
    for (;;) {
        long long w[3];
        if (rc != 0) {
            send_text(TAG_FAIL, chunk, cli_last_error);
            break;
        }
        send_text(TAG_DONE, chunk, text ? text : "");
        free(text);
        text = NULL;
        MPI_Recv(w, 3, MPI_LONG_LONG, 0, TAG_WORK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if ((chunk = w[0]) < 0)
            break;
        if ((text = chunk_text(j, w[1], w[2])) == NULL)
            rc = EXIT_USAGE;
    }
    free(text);
    sense_job_free(j);
    return rc;
}

static int master(cli *c)
{
    sense_job *j = NULL;
    int rc = sense_job_new(c, &j), active = cli_mpi_size - 1, failed = rc != 0;
    long long total = rc == 0 ? sense_job_total(j) : 0, cs, nchunks, next = 0;
    char **texts = NULL, failmsg[600] = "";
    /* Rank 0 computes one small chunk at a time and answers requests in
    ** between; the other ranks take GRAB small chunks at once, so that a
    ** request waits at most one small chunk of rank 0's. */
    cs = total / (16LL * GRAB * cli_mpi_size);
    cs = cs < MINCHUNK ? MINCHUNK : cs;
    nchunks = (total + cs - 1) / cs;
    if (!failed && (texts = calloc((size_t)nchunks + 1, sizeof *texts)) == NULL) {
        cli_error("out of memory");
        failed = 1, rc = EXIT_USAGE;
    }
    while (active > 0 || (!failed && next < nchunks)) {
        MPI_Status st;
        int flag = 0, n, src;
        char *msg, *nl;
        long long id, w[3] = { -1, 0, 0 };
        if (!failed && next < nchunks) {
            MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &st);
            if (!flag) {
                long long k = next++, i1 = (k + 1) * cs > total ? total : (k + 1) * cs;
                if ((texts[k] = chunk_text(j, k * cs, i1)) == NULL)
                    failed = 1, rc = EXIT_USAGE;
                continue;
            }
        } else {
            MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
        }
        MPI_Get_count(&st, MPI_CHAR, &n);
        src = st.MPI_SOURCE;
        if ((msg = malloc((size_t)n + 1)) == NULL) {
            cli_error("rank 0: out of memory");
            MPI_Abort(MPI_COMM_WORLD, EXIT_USAGE);
            return EXIT_USAGE;
        }
        MPI_Recv(msg, n, MPI_CHAR, src, st.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        msg[n] = '\0';
        id = strtoll(msg, &nl, 10);
        nl = strchr(msg, '\n');
        if (st.MPI_TAG == TAG_FAIL) {
            if (!failed)
                snprintf(failmsg, sizeof failmsg, "rank %d: %.500s", src, nl ? nl + 1 : msg);
            if (!failed)
                rc = EXIT_USAGE;
            failed = 1;
            active--;
            free(msg);
            continue;
        }
        if (id >= 0 && id < nchunks && texts != NULL && nl != NULL) {
            size_t len = strlen(nl + 1);
            memmove(msg, nl + 1, len + 1);
            texts[id] = msg;
        } else {
            free(msg);
        }
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
        cJSON **parts = calloc((size_t)nchunks + 1, sizeof *parts);
        cli run = *c;
        int np = 0;
        /* a rank's several small chunks came back as one, in the first's
        ** place; replay_each checks that the indices are all there */
        for (long long k = 0; parts != NULL && k < nchunks && rc == 0; k++)
            if (texts[k] != NULL && (parts[np++] = cJSON_Parse(texts[k])) == NULL) {
                cli_error("chunk %lld: malformed records", k);
                rc = EXIT_USAGE;
            }
        rp.parts = (const cJSON **)parts;
        rp.nparts = np;
        if (parts == NULL) {
            cli_error("out of memory");
            rc = EXIT_USAGE;
        }
        if (rc == 0) {
            run.replay = &rp;
            rc = c->cmd == CMD_SWEEP ? cmd_sweep(&run) : cmd_robust(&run);
        }
        for (int k = 0; parts != NULL && k < np; k++)
            cJSON_Delete(parts[k]);
        free(parts);
    }
    for (long long k = 0; texts != NULL && k < nchunks; k++)
        free(texts[k]);
    free(texts);
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
