/*
** embed_rounds.h -- the library embedded in a host: rounds of LP-based
** solves and model solves, a host with GLPK state of its own, and threads
** running rounds at once.  Plain C without Criterion, shared by
** test_embed.c (a Criterion suite) and threads.c (a plain program, which
** tools/test.sh also runs under ThreadSanitizer, where Criterion's
** runner cannot start).  Every function returns 1 on success, or 0 with
** a message in err.
*/
#ifndef EQ_TEST_EMBED_ROUNDS_H
#define EQ_TEST_EMBED_ROUNDS_H

#include <setjmp.h>
#include <stddef.h>

#include <glpk.h>

/* The values of the model's parameter `out` visited in a round. */
#define ER_NOUTS 7

/* What one round computes; compared bit for bit between threads. */
typedef struct er_answers {
    double z_value, z_p, z_q;       /* zerosum on Z */
    double q_p, q_q;                /* qre on Z (OpenBLAS and LAPACK) */
    double c_value, c_dist[4];      /* correlated on chicken */
    double b_value, b_p;            /* mip on the battle of the sexes */
    double m_pay[ER_NOUTS][3];      /* the model: A's payoff, by subgame
                                       method zerosum, mip, correlated */
} er_answers;

/* Build the shared read-only games and model; er_teardown frees them. */
int er_setup(char *err, size_t len);
void er_teardown(void);

/* One round of every solve into a. */
int er_round(er_answers *a, char *err, size_t len);

/* Whether a holds the values derived by hand (embed_rounds.c). */
int er_by_hand(const er_answers *a, char *err, size_t len);

/* A host's GLPK terminal hook and error hook, per thread. */
typedef struct er_host {
    char out[8192];
    size_t len;
    jmp_buf jb;
    int errors;
} er_host;

/* The host sets up its GLPK state in the calling thread: output on, its
** two hooks, a memory cap of cap_mb megabytes, and a problem of its own,
** which is returned. */
glp_prob *er_host_setup(er_host *h, int cap_mb);

/* Whether that state is intact: output on, the terminal hook receives
** glp_printf and glp_simplex's report, the problem still solves to its
** value, and the cap still stops an allocation beyond it through the
** host's error hook.  Frees the thread's GLPK environment, as GLPK
** requires after an error. */
int er_host_intact(er_host *h, glp_prob *P, int cap_mb, char *err, size_t len);

/* nthreads threads run `rounds` rounds each, every round bit for bit the
** calling thread's own round, which must match the hand values; with
** hosts set, every other thread is a GLPK host (er_host_setup first,
** er_host_intact at the end). */
int er_threads(int nthreads, int rounds, int hosts, char *err, size_t len);

#endif
