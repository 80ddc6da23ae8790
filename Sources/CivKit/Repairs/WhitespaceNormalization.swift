/// Normalizes white space: no-break, full-width and other Unicode spaces become ASCII spaces,
/// runs collapse to one, ends are trimmed, and a space next to full-width punctuation (which
/// carries its own width) is dropped: `（记者王瑞云） 3月3日` → `（记者王瑞云）3月3日`.
/// Zero-width spaces and stray byte-order marks go. A space between two Han characters stays,
/// even in prose where it is usually a stray (`引导市场 主体`): it also separates names
/// (`本报记者 王伟 李强 报道`), and those matter more to the facts than a stray space does.
public struct WhitespaceNormalization: LineRepair {
    public let name = "whitespace"

    public init() {}

    public func repair(_ line: String, counters: inout Counters) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var changes = 0
        var lastKept: Unicode.Scalar? = nil
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
                if ScalarClass.isCJKPunctuation(s) || lastKept.map(ScalarClass.isCJKPunctuation) == true {
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
