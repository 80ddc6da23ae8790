/// How civ-segment writes a document's tokens (`--format`).
public enum TokenFormat: String, Sendable, CaseIterable {
    /// A line's (or sentence's) tokens on one line, separated by single spaces.
    case lines
    /// One token a line; an empty line after each line (or sentence).
    case tokens
    /// One token a line after its byte offset in the document's text and a tab
    /// (`15<TAB>宣传部长`); an empty line after each line (or sentence).
    case offsets

    /// The value of the `segmented` field of a record written in this format (`yes` for
    /// `lines`, which the later stages read).
    public var fieldValue: String { self == .lines ? "yes" : rawValue }
}

/// Segments the text lines of one document, in order, into the lines civ-segment writes, keeping
/// the byte offset of each line in the document's text: its lines, each followed by a line feed,
/// as UTF-8 (for a record, its text as the reader gives it, escapes undone; for plain text, the
/// decoded input).
public struct DocumentSegmenter {
    private let words: WordSegmenter
    private let sentences: SentenceSplitter?
    private let format: TokenFormat
    /// The byte offset of the next line in the document's text.
    private var offset = 0

    public init(words: WordSegmenter, sentences: SentenceSplitter?, format: TokenFormat) {
        self.words = words
        self.sentences = sentences
        self.format = format
    }

    /// The same for a line given as its bytes, valid UTF-8 (as `RecordReader.nextPlainUTF8`
    /// gives them): the plain-text path, no string per line.
    public mutating func segment(utf8 line: [UInt8], appendingTo bytes: inout [UInt8]) {
        guard format == .lines && sentences == nil else {
            segment(String(decoding: line, as: UTF8.self), appendingTo: &bytes)
            return
        }
        offset += line.count + 1
        line.withUnsafeBufferPointer { words.appendSegmented(utf8: $0, to: &bytes) }
        bytes.append(0x0A)
    }

    /// The output lines of the document's next text line as UTF-8, each ended by a line feed,
    /// appended to `bytes` (no string per output line).
    public mutating func segment(_ line: String, appendingTo bytes: inout [UInt8]) {
        if format == .lines && sentences == nil {
            offset += line.utf8.count + 1
            words.appendSegmented(line, to: &bytes)
            bytes.append(0x0A)
            return
        }
        var lines: [String] = []
        segment(line, into: &lines)
        for var out in lines {
            out.withUTF8 { bytes.append(contentsOf: $0) }
            bytes.append(0x0A)
        }
    }

    /// The output lines of the document's next text line, appended to `out`. Without sentence
    /// splitting a line gives one unit (an empty line too), with it one unit a sentence (none for
    /// a blank line).
    public mutating func segment(_ line: String, into out: inout [String]) {
        let base = offset
        offset += line.utf8.count + 1
        if format == .lines && sentences == nil {
            out.append(words.segment(line))
            return
        }
        do {
            let bytes = Array(line.utf8)
            let units = sentences?.sentenceRanges(line) ?? [0..<bytes.count]
            for unit in units {
                let text = sentences == nil ? line : String(decoding: bytes[unit], as: UTF8.self)
                let tokens = words.tokenRanges(text).map { ($0.lowerBound + unit.lowerBound)..<($0.upperBound + unit.lowerBound) }
                switch format {
                case .lines:
                    out.append(tokens.map { String(decoding: bytes[$0], as: UTF8.self) }.joined(separator: " "))
                case .tokens:
                    for t in tokens { out.append(String(decoding: bytes[t], as: UTF8.self)) }
                    out.append("")
                case .offsets:
                    for t in tokens { out.append("\(base + t.lowerBound)\t" + String(decoding: bytes[t], as: UTF8.self)) }
                    out.append("")
                }
            }
        }
    }
}
