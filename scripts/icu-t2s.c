/*
 * icu-t2s: the reference Traditional->Simplified conversion, a bare loop over ICU's
 * "Traditional-Simplified" transliterator (C API), for benchmarks and differential tests.
 *
 *     icu-t2s < in.txt > out.txt
 *
 * Reads standard input line by line (lines of any length; input streamed, one line in memory),
 * converts each line's text (without its '\n') with one utrans_transUChars call, and writes it
 * as UTF-8 followed by the '\n' it had: a last line without '\n' stays without, a '\r' before a
 * '\n' is part of the line (the transliterator leaves it alone), NUL bytes pass through.
 * Invalid UTF-8 becomes U+FFFD (ICU's u_strFromUTF8WithSub). Exit 0, or 1 on an ICU error,
 * 74 on a write error.
 *
 * Build (scripts/build-icu-t2s does this and caches the binary in .build/civ-tools/):
 *     gcc -O2 -o icu-t2s scripts/icu-t2s.c $(pkg-config --cflags --libs icu-uc icu-i18n)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>

static void fail(const char *what, UErrorCode status) {
    fprintf(stderr, "icu-t2s: %s: %s\n", what, u_errorName(status));
    exit(1);
}

static void *grow(void *p, size_t bytes) {
    p = realloc(p, bytes);
    if (p == NULL) {
        fprintf(stderr, "icu-t2s: out of memory\n");
        exit(1);
    }
    return p;
}

int main(void) {
    static const UChar id[] = u"Traditional-Simplified";
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    UTransliterator *trans = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, &parseError, &status);
    if (U_FAILURE(status)) fail("utrans_openU(Traditional-Simplified)", status);

    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    char *line = NULL;      /* input line */
    size_t lineCap = 0;
    UChar *text = NULL;     /* UTF-16 text being transliterated */
    int32_t textCap = 0;
    UChar *orig = NULL;     /* the line's UTF-16 text, kept to retry after a buffer overflow */
    int32_t origCap = 0;
    char *out = NULL;       /* UTF-8 result */
    int32_t outCap = 0;

    ssize_t n;
    while ((n = getline(&line, &lineCap, stdin)) != -1) {
        int newline = n > 0 && line[n - 1] == '\n';
        int32_t len8 = (int32_t)(newline ? n - 1 : n);
        if ((ssize_t)len8 != (newline ? n - 1 : n)) {
            fprintf(stderr, "icu-t2s: line longer than 2 GiB\n");
            return 1;
        }

        /* UTF-8 -> UTF-16 (never more UTF-16 units than UTF-8 bytes) */
        if (origCap < len8 + 1) {
            origCap = len8 + 1;
            orig = grow(orig, (size_t)origCap * sizeof(UChar));
        }
        int32_t len16 = 0;
        status = U_ZERO_ERROR;
        u_strFromUTF8WithSub(orig, origCap, &len16, line, len8, 0xFFFD, NULL, &status);
        if (U_FAILURE(status)) fail("u_strFromUTF8WithSub", status);

        /* transliterate in place; the result may be longer than the input: grow and retry */
        int32_t cap = len16 + len16 / 4 + 16;
        int32_t textLen, limit;
        for (;;) {
            if (textCap < cap) {
                textCap = cap;
                text = grow(text, (size_t)textCap * sizeof(UChar));
            }
            memcpy(text, orig, (size_t)len16 * sizeof(UChar));
            textLen = len16;
            limit = len16;
            status = U_ZERO_ERROR;
            utrans_transUChars(trans, text, &textLen, textCap, 0, &limit, &status);
            if (status == U_BUFFER_OVERFLOW_ERROR || textLen > textCap) {
                cap = (textLen > cap ? textLen : cap) * 2 + 16;
                continue;
            }
            if (U_FAILURE(status)) fail("utrans_transUChars", status);
            break;
        }

        /* UTF-16 -> UTF-8 (at most 3 bytes a unit) */
        int32_t need = textLen * 3 + 1;
        if (outCap < need) {
            outCap = need;
            out = grow(out, (size_t)outCap);
        }
        int32_t len8out = 0;
        status = U_ZERO_ERROR;
        u_strToUTF8WithSub(out, outCap, &len8out, text, textLen, 0xFFFD, NULL, &status);
        if (U_FAILURE(status)) fail("u_strToUTF8WithSub", status);

        if (fwrite(out, 1, (size_t)len8out, stdout) != (size_t)len8out
            || (newline && putchar('\n') == EOF)) {
            fprintf(stderr, "icu-t2s: write error\n");
            return 74;
        }
    }
    if (ferror(stdin)) {
        fprintf(stderr, "icu-t2s: read error\n");
        return 74;
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "icu-t2s: write error\n");
        return 74;
    }
    utrans_close(trans);
    free(line); free(text); free(orig); free(out);
    return 0;
}
