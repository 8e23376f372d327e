/*
** expr.h -- arithmetic expressions of the .game model language: compiled
** once, at parse time, into postfix code over a value stack, and
** evaluated many times without allocating.  Internal; never installed.
**
**   expr  = "if" expr "then" expr "else" expr | or
**   or    = and { "or" and }            and  = not { "and" not }
**   not   = "not" not | cmp             cmp  = sum [ relop sum ]
**   sum   = prod { ("+" | "-") prod }   prod = unary { ("*" | "/") unary }
**   unary = ("-" | "+") unary | power   power = atom [ "^" unary ]
**   atom  = NUMBER | NAME | NAME "(" expr { "," expr } ")" | "(" expr ")"
**
** The code of all of a model's expressions lives in one eqi_code: an
** expression is the range [pc0, pc1) of its instructions.  Names are
** resolved while compiling, through a callback, to slots of the value
** array that evaluation reads (parameters, then lets).  An enumerated
** parameter may only be compared, with == or !=, to one of its choices.
**
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#ifndef EQUILIB_EXPR_H
#define EQUILIB_EXPR_H

#include "lexer.h"

/* Nesting deeper than this is reported as an error, which bounds both the
** parser's recursion and the evaluation stack. */
#define EQI_EXPR_DEPTH 200
/* Evaluation stack, in doubles: enough for any expression within the
** nesting limit (each level holds at most two pending operands). */
#define EQI_EXPR_STACK (2 * EQI_EXPR_DEPTH + 16)

typedef enum eqi_op {
    EQI_OP_CONST,   /* push k[arg] */
    EQI_OP_VAL,     /* push vals[arg] */
    EQI_OP_NEG, EQI_OP_NOT, EQI_OP_BOOL,
    EQI_OP_ADD, EQI_OP_SUB, EQI_OP_MUL, EQI_OP_DIV, EQI_OP_POW,
    EQI_OP_EQ, EQI_OP_NE, EQI_OP_LT, EQI_OP_LE, EQI_OP_GT, EQI_OP_GE,
    EQI_OP_MIN, EQI_OP_MAX, EQI_OP_ABS, EQI_OP_EXP, EQI_OP_LOG, EQI_OP_SQRT,
    EQI_OP_NORMCDF, /* the standard normal cdf, 0.5 erfc(-x / sqrt 2) */
    EQI_OP_INEXACT, /* its operand unchanged: a number computed in doubles
                       that stands for no rational (a mass of a beta grid
                       of non-integer shapes), which the exact verifier of
                       breakpoints declines.  Only family_types.c emits it,
                       as the call "#inexact(x)", a name no model can
                       write ('#' begins a comment) */
    EQI_OP_JZ,      /* pop; jump to arg if it was 0 */
    EQI_OP_JMP      /* jump to arg */
} eqi_op;

typedef struct eqi_instr {
    int op;
    int arg;
} eqi_instr;

/* Compiled code: instructions, the source place of each (for run-time
** errors), and the constant pool. */
typedef struct eqi_code {
    eqi_instr *ins;
    eqi_loc *loc;
    int nins;
    size_t capins;
    double *k;
    int nk;
    size_t capk;
} eqi_code;

/* What a name means, as the resolver reports it. */
typedef struct eqi_sym {
    int is_enum;            /* an enumerated parameter */
    int slot;               /* its index in the value array */
    int structural;         /* a number that depends on enumerated
                               parameters only */
    int nchoice;            /* is_enum: its choices */
    char *const *choice;
} eqi_sym;

/* Resolve name: fill *out and return 1, or return 0 if unknown. */
typedef int (*eqi_resolve_fn)(void *ud, const char *name, eqi_sym *out);

/* Where the parser stands in the token array. */
typedef struct eqi_cursor {
    const eqi_lexer *lx;
    const eqi_src *src;
    int i;
} eqi_cursor;

/* A compiled expression. */
typedef struct eqi_expr {
    int pc0, pc1;           /* its code */
    eqi_loc at;             /* where it starts */
    int structural;         /* uses enumerated parameters only */
    int nonstruct_tok;      /* otherwise: the token of the first other name
                               it uses (an index into the lexer's tokens,
                               valid while they are; 32 bytes an
                               expression, two for each payoff tuple) */
} eqi_expr;

/* Compile the expression at the cursor, appending to c; the cursor moves
** past it.  Fails with EQ_ERR_PARSE (syntax, unknown name or function,
** wrong arity, misuse of an enumerated parameter, nesting deeper than
** EQI_EXPR_DEPTH) with the diagnostic filled, or EQ_ERR_NOMEM. */
eq_status eqi_expr_compile(eqi_code *c, eqi_cursor *cur, eqi_resolve_fn resolve,
                           void *ud, eqi_expr *out);

void eqi_code_free(eqi_code *c);

/* A run-time failure: which instruction, and its operands. */
typedef struct eqi_eval_err {
    int pc;
    double a, b;
} eqi_eval_err;

/* Evaluate e over vals with stack (EQI_EXPR_STACK doubles) as scratch.
** Returns 0 and the value in *out, or a non-zero error code with *err
** filled (see eqi_eval_message).  Every value it produces is finite.
** Never allocates. */
int eqi_expr_eval(const eqi_code *c, const eqi_expr *e, const double *vals,
                  double *stack, double *out, eqi_eval_err *err);

/* As eqi_expr_eval, calling watch(ud, pc, a, b) at every min or max
** evaluated, with the instruction and its two arguments (for finding
** clamps at their bounds: sensitivity/clamps.c). */
typedef void (*eqi_watch_fn)(void *ud, int pc, double a, double b);
int eqi_expr_eval_watch(const eqi_code *c, const eqi_expr *e, const double *vals,
                        double *st, double *out, eqi_eval_err *err, eqi_watch_fn watch,
                        void *ud);

/* Whether folding op (EQI_OP_ADD ... EQI_OP_MAX) on the constants a and b
** into their double result r keeps what the exact verifier of breakpoints
** reads: the shortest decimals of a and b combined exactly give that of r
** (0.5 + 0.25 does; 1 / 3, 0.1 + 0.2 and 2 ^ 0.5 do not, so they are left
** to the evaluator, which computes the same double).  1 or 0
** (sensitivity/exact.c). */
int eqi_fold_exact(int op, double a, double b, double r);

/* The message of a failed evaluation: "division by zero", ... */
void eqi_eval_message(const eqi_code *c, int code, const eqi_eval_err *err,
                      char *buf, size_t size);

#endif /* EQUILIB_EXPR_H */
