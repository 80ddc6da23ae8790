/// Drops the stray commas crawls leave before other punctuation: `乡镇,、园区` → `乡镇、园区`,
/// `,?` → `?`, `,。` → `。`, `,,` → `,`.
public struct SpuriousCommaRemoval: LineRepair {
    public let name = "spurious-comma"

    public init() {}

    static func isFollower(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case ",", "?", "!", ";", ":", ")", ".", "、", "。", "，", "？", "！", "；", "：", "）", "」", "』", "”", "》": return true
        default: return false
        }
    }

    public func repair(_ line: String, counters: inout Counters) -> String {
        guard line.utf8.contains(UInt8(ascii: ",")) || line.containsBytes("，") else { return line }
        let scalars = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        var removed = 0
        for (i, s) in scalars.enumerated() {
            if (s == "," || s == "，"), isSpurious(scalars, at: i) {
                removed += 1
                continue
            }
            out.append(s)
        }
        guard removed > 0 else { return line }
        counters.add(name, removed)
        return String(out)
    }

    /// A comma directly before another mark (spaces between allowed), in Chinese context: the
    /// comma is full-width, or Chinese stands left of it, or the mark is CJK punctuation, or
    /// Chinese stands right of an ASCII mark. `1,,2` and `a,.b` are left alone.
    func isSpurious(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        var j = i + 1
        while j < scalars.count, ScalarClass.isSpace(scalars[j]) { j += 1 }
        guard j < scalars.count, Self.isFollower(scalars[j]) else { return false }
        if scalars[i] == "，" || ScalarClass.isCJKPunctuation(scalars[j]) { return true }
        if let left = PunctuationNormalization.neighbour(scalars, from: i, step: -1), ScalarClass.isChineseContext(left) { return true }
        if let right = PunctuationNormalization.neighbour(scalars, from: j, step: 1), ScalarClass.isChineseContext(right) { return true }
        return false
    }
}
