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
        var pieces: [SegmentRules.Token] = []
        for piece in breaker.pieces(line) {
            let scalars = Array(piece.text.unicodeScalars)
            if scalars.allSatisfy(ScalarClass.isSpace) { continue }
            pieces.append(SegmentRules.Token(scalars))
        }
        return rules.apply(pieces).map { token in
            var s = String.UnicodeScalarView()
            s.append(contentsOf: token.scalars)
            return String(s)
        }
    }

    /// `line` as tokens separated by single spaces.
    public func segment(_ line: String) -> String {
        tokens(line).joined(separator: " ")
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
        breaker.pieces(line).compactMap { piece in
            let trimmed = piece.text.trimmingSpaces()
            return trimmed.isEmpty ? nil : trimmed
        }
    }
}
