/* fuzz_nfg.c -- libFuzzer target for the .nfg reader: parse, and when the
** input parses, write it back and parse the result again. */
#include <stddef.h>
#include <stdint.h>

#include "equilib.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    eq_game *g = NULL, *h = NULL;
    eq_diag d;
    char *text = NULL;
    if (eq_game_parse_nfg(&g, (const char *)data, size, "fuzz.nfg", &d) == EQ_OK) {
        if (eq_game_write_nfg(g, &text) == EQ_OK) {
            /* What we write we must read back. */
            size_t n = 0;
            while (text[n] != '\0')
                n++;
            if (eq_game_parse_nfg(&h, text, n, "again.nfg", &d) != EQ_OK)
                __builtin_trap();
        }
    }
    eq_free(text);
    eq_game_free(h);
    eq_game_free(g);
    return 0;
}
