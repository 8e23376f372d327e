/* fuzz_game.c -- libFuzzer target for the .game model parser: parse, and
** when the model parses, instantiate it at its defaults. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "equilib.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eq_model *m = NULL;
    eq_tree *t = NULL;
    eq_diag d;
    if (eq_model_parse(&m, (const char *)data, size, "fuzz.game", &d) == EQ_OK) {
        double *v = malloc(((size_t)eq_model_params(m) + 1) * sizeof *v);
        if (v != NULL && eq_model_defaults(m, v) == EQ_OK)
            (void)eq_model_instantiate(m, v, &t, &d);
        free(v);
    }
    eq_tree_free(t);
    eq_model_free(m);
    return 0;
}
