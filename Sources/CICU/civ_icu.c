#include "civ_icu.h"

#include <stdio.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucnv.h>
#include <unicode/uclean.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <unicode/uregex.h>
#include <unicode/utext.h>
#include <stdlib.h>

static void copy_error(UErrorCode status, char *error, int32_t capacity) {
    if (error == NULL || capacity <= 0) return;
    strncpy(error, u_errorName(status), (size_t)capacity - 1);
    error[capacity - 1] = '\0';
}

void civ_icu_version(char *out, int32_t capacity) {
    UVersionInfo info;
    char buffer[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(info);
    u_versionToString(info, buffer);
    if (capacity <= 0) return;
    strncpy(out, buffer, (size_t)capacity - 1);
    out[capacity - 1] = '\0';
}

civ_transliterator *civ_transliterator_open(const char *id, char *error, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UChar uid[128];
    u_uastrncpy(uid, id, 127);
    uid[127] = 0;
    UTransliterator *t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &status);
    if (U_FAILURE(status)) {
        copy_error(status, error, errorCapacity);
        return NULL;
    }
    return (civ_transliterator *)t;
}

civ_transliterator *civ_transliterator_open_rules(const uint16_t *rules, int32_t length, char *error, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    static const UChar id[] = { 'c', 'i', 'v', '-', 'r', 'u', 'l', 'e', 's', 0 };
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, (const UChar *)rules, length, &parseError, &status);
    if (U_FAILURE(status)) {
        if (error != NULL && errorCapacity > 0) {
            snprintf(error, (size_t)errorCapacity, "%s (line %d, offset %d)", u_errorName(status), (int)parseError.line, (int)parseError.offset);
        }
        return NULL;
    }
    return (civ_transliterator *)t;
}

void civ_transliterator_close(civ_transliterator *t) {
    if (t) utrans_close((UTransliterator *)t);
}

int32_t civ_transliterator_transliterate(civ_transliterator *t, uint16_t *text, int32_t *length, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t limit = *length;
    int32_t textLength = *length;
    utrans_transUChars((UTransliterator *)t, (UChar *)text, &textLength, capacity, 0, &limit, &status);
    *length = textLength;
    return (int32_t)status;
}

int32_t civ_transliterator_rules(civ_transliterator *t, int32_t escapeUnprintable, uint16_t *out, int32_t capacity, char *error, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = utrans_toRules((const UTransliterator *)t, (UBool)(escapeUnprintable != 0), (UChar *)out, capacity, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return length;
    if (U_FAILURE(status)) {
        copy_error(status, error, errorCapacity);
        return -1;
    }
    return length;
}

civ_break_iterator *civ_break_open(int32_t kind, const char *locale, char *error, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIteratorType type;
    switch (kind) {
    case CIV_BREAK_CHARACTER: type = UBRK_CHARACTER; break;
    case CIV_BREAK_LINE: type = UBRK_LINE; break;
    case CIV_BREAK_SENTENCE: type = UBRK_SENTENCE; break;
    default: type = UBRK_WORD; break;
    }
    UBreakIterator *b = ubrk_open(type, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        copy_error(status, error, errorCapacity);
        return NULL;
    }
    return (civ_break_iterator *)b;
}

void civ_break_close(civ_break_iterator *b) {
    if (b) ubrk_close((UBreakIterator *)b);
}

int32_t civ_break_set_text(civ_break_iterator *b, const uint16_t *text, int32_t length) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText((UBreakIterator *)b, (const UChar *)text, length, &status);
    return (int32_t)status;
}

int32_t civ_break_first(civ_break_iterator *b) { return ubrk_first((UBreakIterator *)b); }

int32_t civ_break_next(civ_break_iterator *b) {
    int32_t next = ubrk_next((UBreakIterator *)b);
    return next == UBRK_DONE ? -1 : next;
}

int32_t civ_break_rule_status(civ_break_iterator *b) { return ubrk_getRuleStatus((UBreakIterator *)b); }

int32_t civ_convert_to_utf16(const char *charset, const char *bytes, int32_t length, uint16_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -1;
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    if (U_FAILURE(status)) {
        ucnv_close(converter);
        return -1;
    }
    int32_t written = ucnv_toUChars(converter, (UChar *)out, capacity, bytes, length, &status);
    ucnv_close(converter);
    if (U_FAILURE(status) || status == U_STRING_NOT_TERMINATED_WARNING && written > capacity) return -1;
    return written;
}

int32_t civ_convert_from_utf16(const char *charset, const uint16_t *text, int32_t length, char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) return -1;
    int32_t written = ucnv_fromUChars(converter, out, capacity, (const UChar *)text, length, &status);
    ucnv_close(converter);
    if (status == U_BUFFER_OVERFLOW_ERROR && (out == NULL || capacity == 0)) return written;
    if (U_FAILURE(status)) return -1;
    return written;
}

/// Every pair decoded alone (a fresh converter state each): the reference the bulk reading below
/// must match, and its fallback.
static void civ_gbk_pairs_one_by_one(UConverter *converter, uint16_t *out) {
    for (int lead = 0x81; lead <= 0xFE; lead++) {
        for (int trail = 0x40; trail <= 0xFE; trail++) {
            char pair[2] = {(char)lead, (char)trail};
            UChar units[4];
            UErrorCode status = U_ZERO_ERROR;
            ucnv_reset(converter);
            int32_t n = ucnv_toUChars(converter, units, 4, pair, 2, &status);
            uint16_t value = 0;
            if (U_SUCCESS(status) && n == 1) value = units[0];
            out[(lead - 0x81) * 191 + (trail - 0x40)] = value;
        }
    }
}

int32_t civ_gbk_pair_table(uint16_t *out) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open("GB18030", &status);
    if (U_FAILURE(status)) return -1;
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    // All pairs but those with second byte 7F (never a pair) read in one call, a twelfth of the
    // cost of 24,000 calls: taken only when every pair gave one unit from its own two bytes, else
    // each pair is read alone.
    enum { pairs = 126 * 190 };
    char *bytes = malloc(2 * pairs);
    UChar *units = malloc((pairs + 8) * sizeof(UChar));
    int32_t *offsets = malloc((pairs + 8) * sizeof(int32_t));
    if (bytes == NULL || units == NULL || offsets == NULL) {
        free(bytes); free(units); free(offsets); ucnv_close(converter); return -1;
    }
    int k = 0;
    for (int lead = 0x81; lead <= 0xFE; lead++) {
        for (int trail = 0x40; trail <= 0xFE; trail++) {
            if (trail == 0x7F) continue;
            bytes[2 * k] = (char)lead;
            bytes[2 * k + 1] = (char)trail;
            k++;
        }
    }
    status = U_ZERO_ERROR;
    ucnv_reset(converter);
    UChar *target = units;
    const char *source = bytes;
    ucnv_toUnicode(converter, &target, units + pairs + 8, &source, bytes + 2 * pairs, offsets, 1, &status);
    int whole = U_SUCCESS(status) && target - units == pairs;
    for (int m = 0; whole && m < pairs; m++) {
        if (offsets[m] != 2 * m || U16_IS_SURROGATE(units[m])) whole = 0;
    }
    if (whole) {
        k = 0;
        for (int lead = 0x81; lead <= 0xFE; lead++) {
            for (int trail = 0x40; trail <= 0xFE; trail++) {
                out[(lead - 0x81) * 191 + (trail - 0x40)] = trail == 0x7F ? 0 : units[k++];
            }
        }
    } else {
        civ_gbk_pairs_one_by_one(converter, out);
    }
    free(bytes); free(units); free(offsets);
    ucnv_close(converter);
    return 0;
}

/// The same table read one pair at a time (the test's reference for the bulk reading).
int32_t civ_gbk_pair_table_one_by_one(uint16_t *out) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open("GB18030", &status);
    if (U_FAILURE(status)) return -1;
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    civ_gbk_pairs_one_by_one(converter, out);
    ucnv_close(converter);
    return 0;
}

/// Texts up to this many UTF-8 bytes are matched as UTF-16 (at most as many units): ICU's
/// matcher runs on a UTF-16 buffer directly, while on a UTF-8 UText it moves through the text by
/// utext calls, several times slower (the boilerplate rules' lines are at most 1 KiB).
#define CIV_REGEX_UTF16_BYTES 4096

struct civ_regex {
    URegularExpression *regex;
    UText text;
    /// Names the handle in the memo (an address may be reused by a later handle).
    uint64_t serial;
};

static uint64_t civ_regex_serials = 0;

civ_regex *civ_regex_open(const char *pattern, int32_t length, char *error, int32_t errorCapacity) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError parseError;
    UText patternText = UTEXT_INITIALIZER;
    utext_openUTF8(&patternText, pattern, length, &status);
    URegularExpression *regex = uregex_openUText(&patternText, 0, &parseError, &status);
    utext_close(&patternText);
    if (U_FAILURE(status)) {
        copy_error(status, error, errorCapacity);
        return NULL;
    }
    civ_regex *r = (civ_regex *)calloc(1, sizeof(civ_regex));
    if (r == NULL) {
        uregex_close(regex);
        copy_error(U_MEMORY_ALLOCATION_ERROR, error, errorCapacity);
        return NULL;
    }
    r->regex = regex;
    r->serial = __atomic_add_fetch(&civ_regex_serials, 1, __ATOMIC_RELAXED);
    UText initial = UTEXT_INITIALIZER;
    r->text = initial;
    return r;
}

void civ_regex_close(civ_regex *r) {
    if (r == NULL) return;
    uregex_close(r->regex);
    utext_close(&r->text);
    free(r);
}

/// The UTF-8 offset in valid `text` of the UTF-16 offset `units`.
static int64_t utf8_offset(const char *text, int64_t length, int32_t units) {
    int64_t i = 0;
    int32_t u = 0;
    while (u < units && i < length) {
        unsigned char lead = (unsigned char)text[i];
        if (lead < 0x80) { i += 1; u += 1; }
        else if (lead < 0xE0) { i += 2; u += 1; }
        else if (lead < 0xF0) { i += 3; u += 1; }
        else { i += 4; u += 2; }
    }
    return i;
}

/// The last text converted to UTF-16 on this thread, and its units: the rules tried one after
/// another on one line convert it once (a byte comparison is far cheaper than the conversion).
typedef struct {
    int64_t length;  // -1: none
    int32_t count;
    char text[CIV_REGEX_UTF16_BYTES];
    UChar units[CIV_REGEX_UTF16_BYTES];
} civ_regex_last_text;
static _Thread_local civ_regex_last_text last_text = { .length = -1 };

static int64_t civ_regex_search(civ_regex *r, const char *text, int64_t length) {
    UErrorCode status = U_ZERO_ERROR;
    if (length <= CIV_REGEX_UTF16_BYTES) {
        // Valid UTF-8 (u_strFromUTF8 refuses anything else) as UTF-16: the same code points,
        // so the same match; ill-formed text takes the UText path below.
        civ_regex_last_text *last = &last_text;
        if (last->length != length || memcmp(last->text, text, (size_t)length) != 0) {
            last->length = -1;
            int32_t count = 0;
            u_strFromUTF8(last->units, CIV_REGEX_UTF16_BYTES, &count, text, (int32_t)length, &status);
            if (U_SUCCESS(status)) {
                memcpy(last->text, text, (size_t)length);
                last->length = length;
                last->count = count;
            }
        }
        if (last->length == length) {
            status = U_ZERO_ERROR;  // not NUL-terminated: a warning, the length is given
            uregex_setText(r->regex, last->units, last->count, &status);
            if (U_FAILURE(status)) return -2;
            UBool found = uregex_find(r->regex, 0, &status);
            if (U_FAILURE(status)) return -2;
            if (!found) return -1;
            int32_t end = uregex_end(r->regex, 0, &status);
            return U_FAILURE(status) ? -2 : utf8_offset(text, length, end);
        }
        status = U_ZERO_ERROR;
    }
    // Reopening into the same UText reuses it: no allocation per match.
    utext_openUTF8(&r->text, text, length, &status);
    uregex_setUText(r->regex, &r->text, &status);
    if (U_FAILURE(status)) return -2;
    UBool found = uregex_find64(r->regex, 0, &status);
    if (U_FAILURE(status)) return -2;
    if (!found) return -1;
    int64_t end = uregex_end64(r->regex, 0, &status);
    return U_FAILURE(status) ? -2 : end;
}

/// The memo of recent matches: boilerplate lines recur on every page of a site (reaction
/// buttons, breadcrumbs, copyright notes), and each is tried against the same rules again. A
/// match depends only on the pattern and the text, so a line met before is answered from here,
/// its bytes compared in full (the hash only finds the slot). Per thread, direct-mapped,
/// allocated on first use (and kept: the filters match on their main thread only): 8192 slots of 280 bytes, texts up to
/// CIV_REGEX_MEMO_TEXT_BYTES (boilerplate lines are short; longer ones are searched every time).
#define CIV_REGEX_MEMO_BITS 13
#define CIV_REGEX_MEMO_SLOTS (1 << CIV_REGEX_MEMO_BITS)
#define CIV_REGEX_MEMO_TEXT_BYTES 240

typedef struct {
    uint64_t hash;
    uint64_t serial;  // 0: empty
    int64_t end;
    int64_t length;
    char text[CIV_REGEX_MEMO_TEXT_BYTES];
} civ_regex_memo_slot;
static _Thread_local civ_regex_memo_slot *memo_slots = NULL;

static uint64_t memo_hash(const char *text, int64_t length) {
    uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)length;
    int64_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t w;
        memcpy(&w, text + i, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; i < length; i++) h = (h ^ (unsigned char)text[i]) * 0x100000001b3ULL;
    return h ^ (h >> 32);
}

int64_t civ_regex_first_match_end(civ_regex *r, const char *text, int64_t length) {
    if (length > CIV_REGEX_MEMO_TEXT_BYTES) return civ_regex_search(r, text, length);
    if (memo_slots == NULL) {
        memo_slots = (civ_regex_memo_slot *)calloc(CIV_REGEX_MEMO_SLOTS, sizeof(civ_regex_memo_slot));
        if (memo_slots == NULL) return civ_regex_search(r, text, length);
    }
    uint64_t hash = memo_hash(text, length);
    civ_regex_memo_slot *slot = &memo_slots[((hash ^ (r->serial * 0x9E3779B97F4A7C15ULL)) * 0x9E3779B97F4A7C15ULL) >> (64 - CIV_REGEX_MEMO_BITS)];
    if (slot->serial == r->serial && slot->hash == hash && slot->length == length && memcmp(slot->text, text, (size_t)length) == 0) {
        return slot->end;
    }
    int64_t end = civ_regex_search(r, text, length);
    if (end >= -1) {
        slot->serial = r->serial;
        slot->hash = hash;
        slot->length = length;
        slot->end = end;
        memcpy(slot->text, text, (size_t)length);
    }
    return end;
}
