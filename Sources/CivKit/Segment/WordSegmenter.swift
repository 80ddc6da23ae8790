import Foundation

/// Word segmentation: ICU's dictionary-based word BreakIterator, then rules on its tokens (see
/// `SegmentRules`): numbers joined with their units, Chinese numerals, the runs of single
/// characters ICU leaves where its dictionary has no word re-segmented by word probability
/// (the bundled lexicon, the domain lexicon, a caller's own words), and given names. A line
/// becomes its tokens separated by single spaces. Punctuation marks are tokens; white space
/// is not.
public final class WordSegmenter {
    private let breaker: ICUBreakIterator
    private let rules: SegmentRules
    /// The scratch serves one line at a time.
    private let lock = NSLock()
    private var scratch = Scratch()

    /// The buffers of one line, reused from line to line (a line costs no allocation once they
    /// have grown); taken out of the segmenter while a line is segmented, so that the loops work on
    /// a local value (no exclusivity checks on class properties).
    private struct Scratch {
        /// The line's scalars and tokens, and the rules' scratch.
        var line = SegmentRules.Line(text: [], tokens: [])
        /// The line's UTF-16 units, at the start (grown, never shrunk: the count is `decode`'s).
        var utf16: [UInt16] = []
        var boundaries: [Int32] = []
        /// The UTF-8 offset of each scalar of the line, and of its end, at the start (grown,
        /// never shrunk).
        var byteOffsets: [Int32] = []
    }

    /// `words`: a caller's own words (`--lexicon FILE`), added to the bundled lexicons.
    public init(words: Lexicon? = nil) throws {
        breaker = try ICUBreakIterator(kind: .word)
        rules = SegmentRules(lexicon: .shared, domain: SegmentRules.domainLexicon, user: words)
    }

    /// The tokens of `line`, white space dropped. They concatenate to `line` without its white space.
    public func tokens(_ line: String) -> [String] {
        withSegmented(line) { _, segmented, _ in
            segmented.tokens.map { t in
                var s = String.UnicodeScalarView()
                s.append(contentsOf: segmented.text[t.start..<t.end])
                return String(s)
            }
        }
    }

    /// `line` as tokens separated by single spaces.
    public func segment(_ line: String) -> String {
        var out: [UInt8] = []
        appendSegmented(line, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 bytes of `line` as tokens separated by single spaces to `out`.
    public func appendSegmented(_ line: String, to out: inout [UInt8]) {
        var line = line
        line.withUTF8 { appendSegmented(utf8: $0, to: &out) }
    }

    /// The same for a line given as its bytes, which must be valid UTF-8 (a String's, or
    /// `RecordReader.nextPlainUTF8`'s).
    func appendSegmented(utf8 line: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        withSegmented(utf8: line) { bytes, segmented, offsets in
            let tokens = segmented.tokens
            guard !tokens.isEmpty else { return }
            let first = out.count
            // Room for the most the tokens can take (they are ranges of the line, apart: at most
            // its bytes, and a space after each), trimmed below to what they took: a loop adding
            // up their lengths cost more. Eight bytes of slack after it: a short token is copied
            // in one or two 8-byte words, which may run past it (the space after each token is
            // written after it), where a call to memmove a token cost more than the copy.
            // Their contents do not matter: every byte up to the last token's end is written below.
            out.appendZeroed(bytes.count + tokens.count + 8)
            let length = bytes.count
            let end = out.withUnsafeMutableBufferPointer { o in
                offsets.withUnsafeBufferPointer { offsets in
                    let source = UnsafeRawPointer(bytes.baseAddress!), target = UnsafeMutableRawPointer(o.baseAddress!)
                    var at = first
                    for t in tokens {
                        let a = Int(offsets[t.start]), n = Int(offsets[t.end]) - a
                        if n <= 16, a + 16 <= length {
                            target.storeBytes(of: source.loadUnaligned(fromByteOffset: a, as: UInt64.self), toByteOffset: at, as: UInt64.self)
                            if n > 8 {
                                target.storeBytes(of: source.loadUnaligned(fromByteOffset: a + 8, as: UInt64.self), toByteOffset: at + 8, as: UInt64.self)
                            }
                        } else {
                            (target + at).copyMemory(from: source + a, byteCount: n)
                        }
                        // Again: the token before may have run over it.
                        target.storeBytes(of: 0x20, toByteOffset: at + n, as: UInt8.self)
                        at += n + 1
                    }
                    return at
                }
            }
            // Up to the last token, without the space after it.
            out.removeLast(out.count - (end - 1))
        }
    }

    /// The tokens of `line` as ranges of its UTF-8 bytes, in order, white space left out.
    public func tokenRanges(_ line: String) -> [Range<Int>] {
        withSegmented(line) { _, segmented, offsets in
            segmented.tokens.map { Int(offsets[$0.start])..<Int(offsets[$0.end]) }
        }
    }

    /// Segments `line` (ICU's tokens, white space dropped, then the rules) and calls `body` with
    /// its UTF-8 bytes, its scalars and tokens, and the byte offset of each scalar (and the end).
    private func withSegmented<R>(_ line: String, _ body: (UnsafeBufferPointer<UInt8>, SegmentRules.Line, [Int32]) -> R) -> R {
        var string = line
        return string.withUTF8 { withSegmented(utf8: $0, body) }
    }

    /// The same for `bytes`, valid UTF-8.
    private func withSegmented<R>(utf8 bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, SegmentRules.Line, [Int32]) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        var work = Scratch()
        swap(&work, &scratch)
        Self.segment(bytes, &work, breaker: breaker, rules: rules)
        let result = body(bytes, work.line, work.byteOffsets)
        swap(&work, &scratch)
        return result
    }

    /// Fills `work.line` with the scalars and the final tokens of `bytes` (valid UTF-8).
    private static func segment(_ bytes: UnsafeBufferPointer<UInt8>, _ work: inout Scratch, breaker: ICUBreakIterator, rules: SegmentRules) {
        // Whether the line holds white space at all (found while decoding): most lines of prose
        // hold none, and then no token is tested for it, nor needs dropping after the rules.
        // And the rules' character bits of the line (`SegmentRules.withRuleCharacters`).
        let (lineHasSpace, ruleCharacters, units) = rules.withRuleCharacters { decode(bytes, &work, ruleTable: $0, ruleCharacters: $1) }
        var line = SegmentRules.Line(text: [], tokens: [])
        swap(&line, &work.line)
        defer { swap(&line, &work.line) }
        work.utf16.withUnsafeBufferPointer { breaker.boundaries(UnsafeBufferPointer(rebasing: $0[0..<units]), into: &work.boundaries) }
        // ICU's boundaries are UTF-16 offsets: walk the scalars beside them, unless the line has
        // no surrogate pair (most lines), where an offset is a scalar's index.
        let count = line.text.count
        let direct = units == count
        // The tokens written through a buffer: at most one a boundary.
        var tokens: [SegmentRules.Token] = []
        swap(&tokens, &line.tokens)
        tokens.resizeZeroed(to: max(work.boundaries.count - 1, 0))
        var made = 0
        line.text.withUnsafeBufferPointer { text in
            tokens.withUnsafeMutableBufferPointer { tokens in
                work.boundaries.withUnsafeBufferPointer { boundaries in
                    var k = 0, offset = 0, start = 0
                    for b in boundaries.dropFirst() {
                        let boundary = Int(b)
                        if direct {
                            k = min(boundary, count)
                        } else {
                            while offset < boundary, k < count {
                                offset += text[k].value > 0xFFFF ? 2 : 1
                                k += 1
                            }
                        }
                        // White space stays a token until the end, so that no rule joins across it.
                        if k > start, !lineHasSpace {
                            tokens[made] = SegmentRules.Token(start: start, end: k, fixed: false)
                            made += 1
                        } else if k > start {
                            // Only whether the token is all white space: the first character that
                            // is not settles it (most tokens: the first).
                            var space = true
                            for i in start..<k {
                                // Han characters lie above every space: one comparison for them.
                                let v = text[i].value
                                if !(v <= 0x3000 && ScalarClass.isSpace(v)) { space = false; break }
                            }
                            tokens[made] = SegmentRules.Token(start: start, end: k, fixed: space)
                            made += 1
                        }
                        start = k
                    }
                }
            }
        }
        tokens.removeLast(tokens.count - made)
        swap(&tokens, &line.tokens)
        rules.apply(&line, ruleCharacters: ruleCharacters)
        // The tokens cover the line, so one holds white space when the line does.
        guard lineHasSpace else { return }
        // The white space tokens dropped, the others moved up in place: removeAll(where:) swapped
        // every token after the first dropped one, about 40 instructions a token.
        var kept = 0
        line.text.withUnsafeBufferPointer { text in
            line.tokens.withUnsafeMutableBufferPointer { tokens in
                for k in tokens.indices {
                    let t = tokens[k]
                    var space = true
                    for i in t.start..<t.end {
                        // Han characters lie above every space: one comparison for them.
                        let v = text[i].value
                        if !(v <= 0x3000 && ScalarClass.isSpace(v)) { space = false; break }
                    }
                    if !space {
                        tokens[kept] = t
                        kept += 1
                    }
                }
            }
        }
        line.tokens.removeLast(line.tokens.count - kept)
    }

    /// The scalars of `bytes` into `line.text`, their UTF-16 units into `utf16`, the byte offset
    /// of each (and of the end) into `byteOffsets`, written in place into the arrays of the last
    /// line (resized, not made anew: a new array is an allocation and a generic metadata lookup,
    /// about 600 instructions, three a line; `utf16` and `byteOffsets` only grown, as their
    /// readers take the counts they need, not the arrays'). Returns whether a scalar is white
    /// space (one comparison a Han character, in this loop rather than a scan of its own), the
    /// bits of `ruleTable` of the line's characters (of the Basic Multilingual Plane) or'ed into
    /// `ruleCharacters`, and the number of UTF-16 units.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ work: inout Scratch,
                               ruleTable: UnsafeBufferPointer<UInt8>, ruleCharacters: UInt8) -> (space: Bool, ruleCharacters: UInt8, units: Int) {
        let n = bytes.count
        // Sized for the most scalars and UTF-16 units there can be, one a byte (a scalar of 4
        // bytes has 2 units), the scalars then trimmed to their count: counting them first, a
        // pass over the bytes, cost more than the trimming. A long line is counted first: sized
        // by its bytes, a line of Chinese at the 1 MiB cap would hold three times the memory
        // (about 7 MiB more of the 64 MiB bound).
        let (scalarRoom, unitRoom) = n <= exactSizingBytes ? (n, n) : scalarCounts(bytes)
        if work.utf16.count < unitRoom { work.utf16.resizeZeroed(to: unitRoom) }
        if work.byteOffsets.count < scalarRoom + 1 { work.byteOffsets.resizeZeroed(to: scalarRoom + 1) }
        work.line.text.resizeZeroed(to: scalarRoom)
        var scalars = 0, units = 0
        var space = false, flags = ruleCharacters
        work.utf16.withUnsafeMutableBufferPointer { utf16 in
            work.byteOffsets.withUnsafeMutableBufferPointer { offsets in
                work.line.text.withUnsafeMutableBufferPointer { text in
                    // The buffers in locals: read through the closures' captures, their addresses
                    // were loaded again at every character (the stores might have changed them).
                    let offsetsOut = offsets, textOut = text, utf16Out = utf16, source = bytes
                    var i = 0, k = 0, u = 0
                    // Each width's tests in its own branch (only 4 bytes make a surrogate pair and
                    // lie outside the rule table; a space has 1 to 3), not after them all.
                    while i < n {
                        let b0 = UInt32(source[i])
                        var value: UInt32, width: Int
                        if b0 < 0x80 {
                            value = b0; width = 1
                            if value == 0x20 || value == 0x09 { space = true }
                        } else if b0 < 0xE0 {
                            value = (b0 & 0x1F) << 6 | UInt32(source[i + 1] & 0x3F); width = 2
                            if value == 0xA0 { space = true }
                        } else if b0 < 0xF0 {
                            value = (b0 & 0x0F) << 12 | UInt32(source[i + 1] & 0x3F) << 6 | UInt32(source[i + 2] & 0x3F); width = 3
                            // Han characters lie above every space: one comparison for them.
                            if value <= 0x3000 && ScalarClass.isSpace(value) { space = true }
                        } else {
                            value = (b0 & 0x07) << 18 | UInt32(source[i + 1] & 0x3F) << 12 | UInt32(source[i + 2] & 0x3F) << 6 | UInt32(source[i + 3] & 0x3F)
                            width = 4
                        }
                        offsetsOut[k] = Int32(i)
                        // Valid: the bytes are valid UTF-8 (a String's, or the reader's decoded line).
                        textOut[k] = unsafeBitCast(value, to: Unicode.Scalar.self)
                        k &+= 1
                        if width == 4 {
                            utf16Out[u] = UInt16(0xD800 + ((value - 0x10000) >> 10))
                            utf16Out[u &+ 1] = UInt16(0xDC00 + ((value - 0x10000) & 0x3FF))
                            u &+= 2
                        } else {
                            flags |= ruleTable[Int(value)]
                            utf16Out[u] = UInt16(value)
                            u &+= 1
                        }
                        i &+= width
                    }
                    offsets[k] = Int32(n)
                    scalars = k
                    units = u
                }
            }
        }
        if scalars < scalarRoom { work.line.text.removeLast(scalarRoom - scalars) }
        return (space, flags, units)
    }

    /// Lines longer than this are counted before they are decoded (`decode`).
    static let exactSizingBytes = 16 * 1024

    /// The scalars in valid UTF-8 `bytes` and their UTF-16 units: a scalar is a byte that does
    /// not continue one, and takes a second unit when it has 4 bytes (eight bytes at a time: a
    /// continuation byte has its top bits 10, a 4-byte lead 1111; the flags summed by a multiply).
    static func scalarCounts(_ bytes: UnsafeBufferPointer<UInt8>) -> (scalars: Int, units: Int) {
        let n = bytes.count
        var count = 0, long = 0, i = 0
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            while i + 8 <= n {
                let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let continuations = w & ~(w << 1) & high
                let leads = w & (w << 1) & (w << 2) & (w << 3) & high
                count += 8 - Int(((continuations >> 7) &* ones) >> 56)
                long += Int(((leads >> 7) &* ones) >> 56)
                i += 8
            }
        }
        while i < n {
            let b = bytes[i]
            if b & 0xC0 != 0x80 { count += 1 }
            if b >= 0xF0 { long += 1 }
            i += 1
        }
        return (count, count + long)
    }
}

extension Array where Element: BitwiseCopyable {
    /// Appends `n` elements of zero bits, copied from `ZeroBlock` (the array grows as by any
    /// append, where `resizeZeroed`'s reservation of an exact capacity suits a scratch array).
    @inline(__always) mutating func appendZeroed(_ n: Int) {
        let chunk = ZeroBlock.size / MemoryLayout<Element>.stride
        var missing = n
        while missing > 0 {
            let k = Swift.min(missing, chunk)
            append(contentsOf: UnsafeBufferPointer(start: ZeroBlock.words.assumingMemoryBound(to: Element.self), count: k))
            missing -= k
        }
    }

    /// Sets the count to `n`, keeping the storage (no allocation once it is large enough); new
    /// elements are all zero bits (0, a token of no characters, NUL). Copied from a block of
    /// zeros: appending `repeatElement` filled an element in about 12 instructions.
    @inline(__always) mutating func resizeZeroed(to n: Int) {
        if count > n {
            removeLast(count - n)
        } else if count < n {
            reserveCapacity(n)
            appendZeroed(n - count)
        }
    }
}

/// 64 KiB of zero bits, read only: the source `resizeZeroed` copies new elements from.
enum ZeroBlock {
    static let size = 1 << 16
    nonisolated(unsafe) static let words = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16).initializeMemory(as: UInt8.self, repeating: 0, count: size))
}

/// Sentence splitting with ICU's sentence BreakIterator (`。！？` and their ASCII forms,
/// closing quotes kept with their sentence).
public final class SentenceSplitter {
    private let breaker: ICUBreakIterator

    public init() throws {
        breaker = try ICUBreakIterator(kind: .sentence)
    }

    /// The sentences of `line`, each trimmed of surrounding white space; empty ones dropped.
    public func sentences(_ line: String) -> [String] {
        let bytes = Array(line.utf8)
        return sentenceRanges(line).map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    /// The sentences of `line` as ranges of its UTF-8 bytes, each trimmed of surrounding white
    /// space; empty ones dropped.
    public func sentenceRanges(_ line: String) -> [Range<Int>] {
        let scalars = Array(line.unicodeScalars)
        var ranges: [Range<Int>] = []
        // ICU's boundaries are UTF-16 offsets: walk the scalars beside them, counting bytes.
        var k = 0, utf16 = 0, byte = 0
        var start = 0, startByte = 0
        for boundary in breaker.boundaries(Array(line.utf16)).dropFirst() {
            while utf16 < Int(boundary), k < scalars.count {
                utf16 += UTF16.width(scalars[k])
                byte += UTF8.width(scalars[k])
                k += 1
            }
            var first = start, firstByte = startByte, last = k, lastByte = byte
            while first < last, ScalarClass.isSpace(scalars[first]) {
                firstByte += UTF8.width(scalars[first])
                first += 1
            }
            while last > first, ScalarClass.isSpace(scalars[last - 1]) {
                last -= 1
                lastByte -= UTF8.width(scalars[last])
            }
            if last > first { ranges.append(firstByte..<lastByte) }
            start = k
            startByte = byte
        }
        return ranges
    }
}
