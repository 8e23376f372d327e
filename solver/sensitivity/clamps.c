/*
** clamps.c -- which min and max of a model's expressions take a constant
** argument, found once by reading the compiled code, so that an
** evaluation can tell when such a clamp is at its bound.
**
** The compiler (expr.c) emits postfix code in which every operand is a
** contiguous run of instructions.  A run that is a single CONST is a
** constant argument.  Reading the code with a stack of tags (the constant
** pool index of a value pushed by CONST, or -1) tells, at each MIN or MAX,
** whether its arguments are constants.  Conditionals compile to
**     if C then A else B:  C; JZ L; A; JMP E; L: B; E:
**     a and b:             a; JZ F; b; BOOL; JMP E; F: CONST 0; E:
**     a or b:              a; JZ R; CONST 1; JMP E; R: b; BOOL; E:
** so reading straight through, a JZ pops its condition, a JMP pops the
** value of the branch it ends (the other branch pushes its own), and the
** value found at a JMP's target is the merge of two branches: never a
** constant.
** SPDX-License-Identifier: GPL-3.0-or-later
*/
#include <stdlib.h>
#include <string.h>

#include "sens.h"

int eqi_clamp_scan(const eqi_code *c, const eqi_expr *e, eqi_clamp *out, int max)
{
    int tags[EQI_EXPR_STACK], sp = 0, n = 0;
    for (int pc = e->pc0; pc < e->pc1; pc++) {
        const eqi_instr *I = &c->ins[pc];
        int merged = 0;
        /* A JMP lands here: the top of the stack merges two branches. */
        for (int q = e->pc0; q < pc && !merged; q++)
            merged = c->ins[q].op == EQI_OP_JMP && c->ins[q].arg == pc;
        if (merged && sp > 0)
            tags[sp - 1] = -1;
        switch (I->op) {
        case EQI_OP_CONST:
            tags[sp++] = I->arg;
            break;
        case EQI_OP_VAL:
            tags[sp++] = -1;
            break;
        case EQI_OP_NEG: case EQI_OP_NOT: case EQI_OP_BOOL: case EQI_OP_ABS:
        case EQI_OP_EXP: case EQI_OP_LOG: case EQI_OP_SQRT: case EQI_OP_NORMCDF:
        case EQI_OP_INEXACT:
            if (sp > 0)
                tags[sp - 1] = -1;
            break;
        case EQI_OP_JZ:
        case EQI_OP_JMP:
            if (sp > 0)
                sp--;
            break;
        case EQI_OP_MIN:
        case EQI_OP_MAX:
            if (sp >= 2 && (tags[sp - 2] >= 0 || tags[sp - 1] >= 0) && n < max) {
                out[n].pc = pc;
                out[n].left = tags[sp - 2];
                out[n].right = tags[sp - 1];
                n++;
            }
            if (sp >= 2) {
                sp--;
                tags[sp - 1] = -1;
            }
            break;
        default:            /* a binary operator */
            if (sp >= 2) {
                sp--;
                tags[sp - 1] = -1;
            }
            break;
        }
    }
    /* A JMP that lands at the end merges the final value: no effect on
    ** the clamps found. */
    return n;
}

int eqi_clamp_binds(const eqi_code *c, const eqi_clamp *cl, double a, double b, double *bound,
                    double *other)
{
    int is_min = c->ins[cl->pc].op == EQI_OP_MIN;
    /* The constant argument is selected and the other lies strictly
    ** beyond it. */
    if (cl->left >= 0 && (is_min ? b > a : b < a)) {
        *bound = a;
        *other = b;
        return 1;
    }
    if (cl->right >= 0 && (is_min ? a > b : a < b)) {
        *bound = b;
        *other = a;
        return 1;
    }
    return 0;
}
