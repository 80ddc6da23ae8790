/// Word segmentation with ICU's dictionary-based word BreakIterator: a line becomes its tokens
/// separated by single spaces. Punctuation marks are tokens; white space is not.
public final class WordSegmenter {
    private let breaker: ICUBreakIterator

    public init() throws {
        breaker = try ICUBreakIterator(kind: .word)
    }

    /// The tokens of `line`, white space dropped.
    public func tokens(_ line: String) -> [String] {
        breaker.pieces(line).compactMap { piece in
            piece.text.unicodeScalars.allSatisfy(ScalarClass.isSpace) ? nil : piece.text
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
