/*
 * icu-segment: the reference word segmentation, a bare loop over ICU's dictionary-based word
 * BreakIterator (locale zh, C API), for benchmarks and evaluation (scripts/eval-segment).
 *
 *     icu-segment < in.txt > out.txt
 *
 * Reads standard input line by line, converts each line to UTF-16 (invalid UTF-8 becomes
 * U+FFFD), breaks it with one ubrk_setText and a ubrk_next loop, and writes the pieces that are
 * not white space as UTF-8 separated by single spaces, then '\n'. Exit 0, or 1 on an ICU error.
 *
 *     gcc -O2 -o icu-segment scripts/icu-segment.c $(pkg-config --cflags --libs icu-uc icu-i18n)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

static void fail(const char *what, UErrorCode status) {
    fprintf(stderr, "icu-segment: %s: %s\n", what, u_errorName(status));
    exit(1);
}

static void *grow(void *p, size_t bytes) {
    p = realloc(p, bytes);
    if (p == NULL) { fprintf(stderr, "icu-segment: out of memory\n"); exit(1); }
    return p;
}

int main(void) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &status);
    if (U_FAILURE(status)) fail("ubrk_open", status);
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);

    char *line = NULL;
    size_t lineCap = 0;
    UChar *text = NULL;
    int32_t textCap = 0;
    char *piece = NULL;
    int32_t pieceCap = 0;
    ssize_t n;
    while ((n = getline(&line, &lineCap, stdin)) != -1) {
        if (n > 0 && line[n - 1] == '\n') n--;
        if (n > 0 && line[n - 1] == '\r') n--;
        if (textCap < n + 1) { textCap = (int32_t)n + 1; text = grow(text, sizeof(UChar) * textCap); }
        int32_t len16 = 0;
        status = U_ZERO_ERROR;
        u_strFromUTF8WithSub(text, textCap, &len16, line, (int32_t)n, 0xFFFD, NULL, &status);
        if (U_FAILURE(status)) fail("u_strFromUTF8WithSub", status);
        ubrk_setText(bi, text, len16, &status);
        if (U_FAILURE(status)) fail("ubrk_setText", status);
        int first = 1;
        int32_t start = ubrk_first(bi), end;
        while ((end = ubrk_next(bi)) != UBRK_DONE) {
            int space = 1;
            for (int32_t i = start; i < end && space;) {
                UChar32 c;
                U16_NEXT(text, i, end, c);
                space = u_isUWhiteSpace(c);
            }
            if (!space) {
                int32_t len8 = 0;
                if (pieceCap < 3 * (end - start) + 1) { pieceCap = 3 * (end - start) + 1; piece = grow(piece, pieceCap); }
                status = U_ZERO_ERROR;
                u_strToUTF8(piece, pieceCap, &len8, text + start, end - start, &status);
                if (U_FAILURE(status)) fail("u_strToUTF8", status);
                if (!first) putchar(' ');
                fwrite(piece, 1, len8, stdout);
                first = 0;
            }
            start = end;
        }
        putchar('\n');
    }
    free(line); free(text); free(piece);
    ubrk_close(bi);
    return fflush(stdout) == 0 ? 0 : 74;
}
