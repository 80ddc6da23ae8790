// Plain-named wrappers around the ICU C API calls civ uses.
// ICU's own headers rename every function with a version suffix through macros
// (utrans_openU -> utrans_openU_72); Swift cannot see through those, so Swift code
// calls these instead. Only fixed-width integer types appear here, no ICU headers.
#ifndef CIV_ICU_H
#define CIV_ICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Opaque handles.
typedef struct civ_transliterator civ_transliterator;
typedef struct civ_break_iterator civ_break_iterator;

/// ICU version string, e.g. "72.1". Writes a NUL-terminated string into `out`.
void civ_icu_version(char *out, int32_t capacity);

/// Opens a transliterator by ID (e.g. "Traditional-Simplified"), forward direction.
/// Returns NULL on failure and writes ICU's error name into `error` (may be NULL).
civ_transliterator *civ_transliterator_open(const char *id, char *error, int32_t errorCapacity);
/// Opens a transliterator from rules (`utrans_openU` with UTRANS_FORWARD and the rules text),
/// for tests that compare other rule sets with ICU. Returns NULL on failure and writes ICU's error
/// name, with the offending rule's line and offset, into `error` (may be NULL).
civ_transliterator *civ_transliterator_open_rules(const uint16_t *rules, int32_t length, char *error, int32_t errorCapacity);
void civ_transliterator_close(civ_transliterator *t);

/// Transliterates `text[0..<*length]` in place. `capacity` is the buffer size in UTF-16 units.
/// On return *length is the new length. Returns 0 on success, otherwise an ICU error code
/// (U_BUFFER_OVERFLOW_ERROR = 15 when capacity is too small; *length then holds the needed length).
int32_t civ_transliterator_transliterate(civ_transliterator *t, uint16_t *text, int32_t *length, int32_t capacity);

/// The transliterator's rules as ICU writes them (`utrans_toRules`): one `KEY > VALUE;` line per
/// rule for a rule-based transliterator. With `escapeUnprintable` non-zero, characters outside
/// printable ASCII are written as \uXXXX / \UXXXXXXXX escapes. Writes at most `capacity` UTF-16
/// units into `out` (which may be NULL when `capacity` is 0, to measure) and returns the full
/// length; returns -1 on any other ICU error (its name then in `error`, which may be NULL).
int32_t civ_transliterator_rules(civ_transliterator *t, int32_t escapeUnprintable, uint16_t *out, int32_t capacity, char *error, int32_t errorCapacity);

/// Break iterator kinds.
enum { CIV_BREAK_CHARACTER = 0, CIV_BREAK_WORD = 1, CIV_BREAK_LINE = 2, CIV_BREAK_SENTENCE = 3 };

/// Opens a break iterator for `locale` (e.g. "zh"). Returns NULL on failure.
civ_break_iterator *civ_break_open(int32_t kind, const char *locale, char *error, int32_t errorCapacity);
void civ_break_close(civ_break_iterator *b);
/// Sets UTF-16 text; the buffer must outlive the iteration. Returns 0 on success.
int32_t civ_break_set_text(civ_break_iterator *b, const uint16_t *text, int32_t length);
/// First boundary (always 0).
int32_t civ_break_first(civ_break_iterator *b);
/// Next boundary, or -1 when done.
int32_t civ_break_next(civ_break_iterator *b);
/// Rule status of the boundary just returned (UBRK_WORD_NONE = 0..99 means no word: spaces, punctuation).
int32_t civ_break_rule_status(civ_break_iterator *b);

/// Converts bytes in `charset` (e.g. "GB18030", "Big5") to UTF-16, stopping at the first
/// illegal or unassigned sequence. Returns the UTF-16 length written, or -1 when the input is
/// not valid in that charset or `capacity` is too small.
int32_t civ_convert_to_utf16(const char *charset, const char *bytes, int32_t length, uint16_t *out, int32_t capacity);

/// Converts UTF-16 to bytes in `charset`. Returns the byte length (when `out` is NULL or
/// `capacity` 0, only measures), or -1 on failure.
int32_t civ_convert_from_utf16(const char *charset, const uint16_t *text, int32_t length, char *out, int32_t capacity);

/// GB18030's two-byte characters (the GBK area), for reading a desynchronised GBK stream again:
/// writes into `out[(lead - 0x81) * 191 + (trail - 0x40)]` (lead 0x81-0xFE, trail 0x40-0xFE;
/// 126 × 191 entries) the BMP character the pair decodes to, 0 where it decodes to none or to more
/// than one unit (the user-defined areas give their private-use characters, as ICU's GB18030 and
/// Windows' code page 936 read them). Returns 0, or -1 when ICU has no GB18030 converter.
int32_t civ_gbk_pair_table(uint16_t *out);
int32_t civ_gbk_pair_table_one_by_one(uint16_t *out);

/// A compiled ICU regular expression (uregex), matched against UTF-8 text: converted into the
/// handle's UTF-16 buffer when short and valid (ICU matches UTF-16 several times faster than
/// through a UTF-8 UText), else through a UText. Not thread-safe: callers serialize use of one handle.
typedef struct civ_regex civ_regex;

/// Compiles a pattern given as UTF-8. Returns NULL on failure and writes ICU's error name into
/// `error` (may be NULL).
civ_regex *civ_regex_open(const char *pattern, int32_t length, char *error, int32_t errorCapacity);
void civ_regex_close(civ_regex *r);

/// Searches UTF-8 `text` for the pattern's first match; returns the byte offset where it ends,
/// or -1 when there is none, or -2 on an ICU error. Short texts' answers are remembered (per
/// thread, a few hundred KiB): a text met again with the same handle is not searched again.
int64_t civ_regex_first_match_end(civ_regex *r, const char *text, int64_t length);

#ifdef __cplusplus
}
#endif
#endif
