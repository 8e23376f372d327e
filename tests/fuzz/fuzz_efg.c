/* fuzz_efg.c -- libFuzzer target for the .efg reader: parse, and when the
** input parses, write it back and parse the result again. */
#include <stddef.h>
#include <stdint.h>

#include "equilib.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eq_tree *t = NULL, *u = NULL;
    eq_diag d;
    char *text = NULL;
    if (eq_tree_parse_efg(&t, (const char *)data, size, "fuzz.efg", &d) == EQ_OK) {
        if (eq_tree_write_efg(t, &text) == EQ_OK) {
            size_t n = 0;
            while (text[n] != '\0')
                n++;
            if (eq_tree_parse_efg(&u, text, n, "again.efg", &d) != EQ_OK)
                __builtin_trap();
        }
    }
    eq_free(text);
    eq_tree_free(u);
    eq_tree_free(t);
    return 0;
}
