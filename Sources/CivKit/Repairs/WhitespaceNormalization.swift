/// Normalizes white space: no-break, full-width and other Unicode spaces become ASCII spaces,
/// runs collapse to one, ends are trimmed, and a space next to full-width punctuation (which
/// carries its own width) is dropped: `（记者王瑞云） 3月3日` → `（记者王瑞云）3月3日`; so is a
/// space between two Han characters in prose (a line with `。` or `，`), where Chinese uses none
/// (`引导市场 主体` → `引导市场主体`), while titles keep theirs (`时强调 对标创建标准`).
/// Zero-width spaces and stray byte-order marks go.
public struct WhitespaceNormalization: LineRepair {
    public let name = "whitespace"

    public init() {}

    public func repair(_ line: String, counters: inout Counters) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var changes = 0
        var lastKept: Unicode.Scalar? = nil
        let isProse = line.containsBytes("。") || line.containsBytes("，")
        for s in line.unicodeScalars {
            if s == "\u{200B}" || s == "\u{FEFF}" { // zero-width space, byte-order mark: invisible, dropped
                changes += 1
                continue
            }
            if ScalarClass.isSpace(s) {
                if s != " " || pendingSpace || lastKept == nil { changes += 1 }
                if lastKept != nil { pendingSpace = true }
                continue
            }
            if pendingSpace {
                let afterHan = lastKept.map(ScalarClass.isHan) == true
                if ScalarClass.isCJKPunctuation(s) || lastKept.map(ScalarClass.isCJKPunctuation) == true
                    || (isProse && afterHan && ScalarClass.isHan(s)) {
                    changes += 1
                } else {
                    out.append(" ")
                }
                pendingSpace = false
            }
            out.append(s)
            lastKept = s
        }
        if pendingSpace { changes += 1 }
        guard changes > 0 else { return line }
        counters.add(name, changes)
        return String(out)
    }
}
