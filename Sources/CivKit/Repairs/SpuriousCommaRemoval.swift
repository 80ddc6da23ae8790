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
        guard line.utf8.contains(UInt8(ascii: ",")) || line.contains("，") else { return line }
        let scalars = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        var removed = 0
        for (i, s) in scalars.enumerated() {
            // A comma right before other punctuation, in Chinese context (not `1,,2` in data).
            if s == "," || s == "，", i + 1 < scalars.count, Self.isFollower(scalars[i + 1]),
               s == "，" || (i > 0 && ScalarClass.isChineseContext(scalars[i - 1])) || ScalarClass.isCJKPunctuation(scalars[i + 1]) {
                removed += 1
                continue
            }
            out.append(s)
        }
        guard removed > 0 else { return line }
        counters.add(name, removed)
        return String(out)
    }
}
