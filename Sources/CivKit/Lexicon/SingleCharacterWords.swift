/// How often each character is a word by itself (`character-frequency.tsv`: the one-character
/// entries of jieba's dictionary). The lexicon holds words of two characters and more; a model
/// that prices a character standing alone (`新的` is 新 + 的, not a word) needs these.
public struct SingleCharacterWords: Sendable {
    /// The CJK blocks the table covers by index (U+3400–U+9FFF, where all its characters are but a
    /// few): the repairs ask for every character around a fragment, a hash look-up each was 1.4%
    /// of civ-clean. The rest, if any, in `others`.
    private static let first: UInt32 = 0x3400, last: UInt32 = 0x9FFF
    private let table: [UInt32]
    private let others: [UInt32: Int]
    /// Sum of all frequencies.
    public let totalFrequency: Int

    /// Parses `char<TAB>frequency` lines.
    public init(lines: [String]) {
        self.init { add in
            for line in lines {
                var line = line
                line.withUTF8(add)
            }
        }
    }

    /// Parses the lines `forEachLine` gives to its argument, as bytes.
    private init(_ forEachLine: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) {
        var table = [UInt32](repeating: 0, count: Int(Self.last - Self.first + 1))
        var others: [UInt32: Int] = [:]
        var total = 0
        forEachLine { p in
            guard let tab = p.firstIndex(of: 0x09), tab > 0 else { return }
            let (c, length) = UTF8Bytes.scalar(p, at: 0)
            guard length == tab else { return }
            var f = 0
            for b in p[(tab + 1)...] where b >= 0x30 && b <= 0x39 { f = f * 10 + Int(b - 0x30) }
            if c >= Self.first && c <= Self.last { table[Int(c - Self.first)] = UInt32(clamping: f) } else { others[c] = f }
            total += f
        }
        self.table = table
        self.others = others
        totalFrequency = total
    }

    /// The bundled table, read on first use: its lines as bytes, no String each.
    public static let shared = SingleCharacterWords { add in DataFile.forEachLine("character-frequency.tsv", add) }

    /// How often `c` is a word alone; 0 when never.
    public func frequency(_ c: Unicode.Scalar) -> Int {
        let v = c.value
        if v >= Self.first && v <= Self.last { return Int(table[Int(v - Self.first)]) }
        return others[v] ?? 0
    }

    /// The `n` characters most often a word alone, the commonest first (ties: the lower code point).
    public func mostFrequent(_ n: Int) -> [Unicode.Scalar] {
        guard n > 0 else { return [] }
        // One pass keeping the best n in order: a sort of the whole table cost ~12M instructions.
        var best: [(c: UInt32, f: UInt32)] = []
        best.reserveCapacity(n + 1)
        func offer(_ c: UInt32, _ f: UInt32) {
            guard f > 0, best.count < n || f > best[best.count - 1].f else { return }
            best.keepBest((c, f), limit: n) { $0.f > $1.f || ($0.f == $1.f && $0.c < $1.c) }
        }
        for (i, f) in table.enumerated() { offer(Self.first + UInt32(i), f) }
        for (c, f) in others { offer(c, UInt32(clamping: f)) }
        return best.compactMap { Unicode.Scalar($0.c) }
    }
}
