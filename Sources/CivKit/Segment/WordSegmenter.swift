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

    /// `words`: a caller's own words (`--lexicon FILE`), added to the bundled lexicons.
    public init(words: Lexicon? = nil) throws {
        breaker = try ICUBreakIterator(kind: .word)
        rules = SegmentRules(lexicon: .shared, domain: SegmentRules.domainLexicon, user: words)
    }

    /// The tokens of `line`, white space dropped. They concatenate to `line` without its white space.
    public func tokens(_ line: String) -> [String] {
        let segmented = segmentedLine(line)
        return segmented.tokens.map { t in
            var s = String.UnicodeScalarView()
            s.append(contentsOf: segmented.text[t.start..<t.end])
            return String(s)
        }
    }

    /// `line` as tokens separated by single spaces.
    public func segment(_ line: String) -> String {
        let ranges = tokenRanges(line)
        var utf8 = line
        return utf8.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + ranges.count)
            for (n, r) in ranges.enumerated() {
                if n > 0 { out.append(0x20) }
                out.append(contentsOf: bytes[r])
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The tokens of `line` as ranges of its UTF-8 bytes, in order, white space left out.
    public func tokenRanges(_ line: String) -> [Range<Int>] {
        let segmented = segmentedLine(line)
        // The byte offset of each scalar, and of the end.
        var offsets = [Int](repeating: 0, count: segmented.text.count + 1)
        for (k, c) in segmented.text.enumerated() {
            offsets[k + 1] = offsets[k] + UTF8.width(c)
        }
        return segmented.tokens.map { offsets[$0.start]..<offsets[$0.end] }
    }

    /// ICU's tokens of `line` (white space dropped), then the rules.
    func segmentedLine(_ line: String) -> SegmentRules.Line {
        let scalars = Array(line.unicodeScalars)
        var tokens: [SegmentRules.Token] = []
        // ICU's boundaries are UTF-16 offsets: walk the scalars beside them.
        var k = 0, offset = 0, start = 0
        for boundary in breaker.boundaries(Array(line.utf16)).dropFirst() {
            while offset < Int(boundary), k < scalars.count {
                offset += scalars[k].value > 0xFFFF ? 2 : 1
                k += 1
            }
            // White space stays a token until the end, so that no rule joins across it.
            if k > start {
                let space = (start..<k).allSatisfy { ScalarClass.isSpace(scalars[$0]) }
                tokens.append(SegmentRules.Token(start: start, end: k, fixed: space))
            }
            start = k
        }
        var segmented = SegmentRules.Line(text: scalars, tokens: tokens)
        rules.apply(&segmented)
        segmented.tokens.removeAll { t in (t.start..<t.end).allSatisfy { ScalarClass.isSpace(scalars[$0]) } }
        return segmented
    }
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
