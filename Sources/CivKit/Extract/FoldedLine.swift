/// A line prepared for pattern matching.
///
/// `folded` has the full-width forms of ASCII (`：（）｜１`) as ASCII and every space as " ", one
/// scalar for one, so a span found in `folded` cuts the same span from `original`: patterns
/// need one spelling (`:` matches `：`), values keep the text's own.
struct FoldedLine {
    typealias Word = [Unicode.Scalar]

    let original: [Unicode.Scalar]
    let folded: [Unicode.Scalar]
    /// True when the text was longer than the `limit` it was read with.
    let isCut: Bool

    /// The text, or only its first (`fromEnd`: last) `limit` scalars: bylines and credits sit at
    /// the edges of a line, and folding whole paragraphs would be most of civ-extract's time.
    init(_ text: String, limit: Int = .max, fromEnd: Bool = false) {
        var original: [Unicode.Scalar] = []
        var folded: [Unicode.Scalar] = []
        var cut = false
        var text = text
        // Decodes the UTF-8 directly: String's scalar views cost several times more here.
        text.withUTF8 { utf8 in
            var i = 0
            if fromEnd {
                var scalars = 0
                i = utf8.count
                while i > 0 && scalars < limit {
                    i -= 1
                    if utf8[i] & 0xC0 != 0x80 { scalars += 1 }
                }
                cut = i > 0
            }
            // Both arrays written in place (appending a scalar at a time, with its capacity and
            // uniqueness checks, was a quarter of civ-extract).
            let start = i
            let capacity = min(limit, utf8.count - start)
            var n = 0
            folded = [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { foldedBuffer, foldedCount in
                original = [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { originalBuffer, originalCount in
                    var i = start
                    while i < utf8.count {
                        if n == limit {
                            cut = true
                            break
                        }
                        let lead = utf8[i]
                        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                        let value: UInt32
                        if length == 3 { // Han and CJK punctuation: most of a line
                            value = (UInt32(lead) & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
                        } else {
                            var v = length == 1 ? UInt32(lead) : UInt32(lead) & (0x7F >> length)
                            for k in 1..<length { v = v << 6 | UInt32(utf8[i + k] & 0x3F) }
                            value = v
                        }
                        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                        originalBuffer.initializeElement(at: n, to: scalar)
                        foldedBuffer.initializeElement(at: n, to: FoldedLine.fold(scalar))
                        n += 1
                        i += length
                    }
                    originalCount = n
                }
                foldedCount = n
            }
        }
        self.original = original
        self.folded = folded
        isCut = cut
    }

    @inline(__always)
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        // Above U+3000 (the last space) only the full-width forms fold: Han costs two compares.
        if s.value > 0x3000 { return s.value >= 0xFF01 && s.value <= 0xFF5E ? Unicode.Scalar(s.value - 0xFEE0)! : s }
        return ScalarClass.isSpace(s) ? " " : s
    }

    static func word(_ s: String) -> Word { s.unicodeScalars.map(fold) }

    var count: Int { folded.count }
    /// The character at `i`; U+0000, which no rule looks for, past either end (the scans read one
    /// past a run's end: a line ending inside `讯（郑红` crashed civ-extract).
    subscript(i: Int) -> Unicode.Scalar { i >= 0 && i < folded.count ? folded[i] : "\u{0}" }

    func isHan(at i: Int) -> Bool { i >= 0 && i < count && ScalarClass.isHan(folded[i]) }
    func isDigit(at i: Int) -> Bool { i >= 0 && i < count && ScalarClass.isASCIIDigit(folded[i]) }
    func isSpace(at i: Int) -> Bool { i >= 0 && i < count && folded[i] == " " }

    func matches(_ word: Word, at i: Int) -> Bool {
        guard i >= 0, i + word.count <= count, !word.isEmpty else { return false }
        for k in 0..<word.count where folded[i + k] != word[k] { return false }
        return true
    }

    /// The longest of `words` (sorted longest first) that occurs at `i`.
    func match(_ words: [Word], at i: Int) -> Word? {
        // Asked at every position of a line for every word list: the word's first scalar is
        // compared before anything else, through the buffers (no closure, no copies).
        guard i >= 0, i < count else { return nil }
        let first = folded[i]
        return words.withUnsafeBufferPointer { words in
            for w in words.indices where words[w].first == first && matches(words[w], at: i) { return words[w] }
            return nil
        }
    }

    func skipSpaces(from i: Int) -> Int {
        var j = i
        while j < count && folded[j] == " " { j += 1 }
        return j
    }

    /// After a label: optional spaces, a colon, optional spaces; nil when there is no colon.
    func afterColon(from i: Int) -> Int? {
        let j = skipSpaces(from: i)
        guard j < count, folded[j] == ":" else { return nil }
        return skipSpaces(from: j + 1)
    }

    /// The first `LABEL:` at or after `from` with LABEL one of `labels`, not preceded by a Han
    /// character (资金来源： is no 来源：): where the label starts and where its value starts.
    func labelWithColon(_ labels: [Word], from: Int = 0) -> (label: Int, value: Int)? {
        // Most lines hold no colon: one scan for it instead of the labels at every character.
        guard folded[min(from, count)...].contains(":") else { return nil }
        var i = from
        while i < count {
            if !isHan(at: i - 1), let w = match(labels, at: i), let v = afterColon(from: i + w.count) { return (i, v) }
            i += 1
        }
        return nil
    }

    /// The original text of `range`, white space runs as one space, trimmed.
    func value(_ range: Range<Int>) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for i in range {
            if folded[i] == " " {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(original[i])
        }
        return String(out)
    }
}

/// A set of scalars with a lookup that costs one bit test (the extractors test every character
/// of the text against their first characters).
struct ScalarBits: Sendable {
    private var bits = [UInt64](repeating: 0, count: 0x110000 / 64)

    init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        for s in scalars { bits[Int(s.value) >> 6] |= 1 << (UInt64(s.value) & 63) }
    }

    func contains(_ s: Unicode.Scalar) -> Bool {
        bits[Int(s.value) >> 6] & (1 << (UInt64(s.value) & 63)) != 0
    }
}


/// A `kind<TAB>word` table (extract-labels.tsv, places.tsv, directives.tsv) as word lists by
/// kind, folded, each longest first so that 本报记者 wins over 记者 and >> over >.
struct KindedWords {
    private let kinds: [String: [FoldedLine.Word]]

    init(_ table: [String], file: String) {
        var kinds: [String: [FoldedLine.Word]] = [:]
        for line in table {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 2, !columns[1].isEmpty else { fatalError("civ: \(file): bad line \(line)") }
            kinds[String(columns[0]), default: []].append(FoldedLine.word(String(columns[1])))
        }
        self.kinds = kinds.mapValues { $0.sorted { $0.count > $1.count } }
    }

    subscript(kind: String) -> [FoldedLine.Word] { kinds[kind] ?? [] }
}
