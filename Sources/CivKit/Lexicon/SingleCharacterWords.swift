/// How often each character is a word by itself (`character-frequency.tsv`: the one-character
/// entries of jieba's dictionary). The lexicon holds words of two characters and more; a model
/// that prices a character standing alone (`新的` is 新 + 的, not a word) needs these.
public struct SingleCharacterWords: Sendable {
    private let frequencies: [UInt32: Int]
    /// Sum of all frequencies.
    public let totalFrequency: Int

    /// Parses `char<TAB>frequency` lines.
    public init(lines: [String]) {
        var frequencies: [UInt32: Int] = [:]
        var total = 0
        for line in lines {
            var line = line
            line.withUTF8 { p in
                guard let tab = p.firstIndex(of: 0x09), tab > 0 else { return }
                let (c, length) = UTF8Bytes.scalar(p, at: 0)
                guard length == tab else { return }
                var f = 0
                for b in p[(tab + 1)...] where b >= 0x30 && b <= 0x39 { f = f * 10 + Int(b - 0x30) }
                frequencies[c] = f
                total += f
            }
        }
        self.frequencies = frequencies
        totalFrequency = total
    }

    /// The bundled table, read on first use.
    public static let shared = SingleCharacterWords(lines: DataFile.lines("character-frequency.tsv"))

    /// How often `c` is a word alone; 0 when never.
    public func frequency(_ c: Unicode.Scalar) -> Int { frequencies[c.value] ?? 0 }
}
