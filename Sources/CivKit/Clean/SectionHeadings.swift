/// The numbered items of an article's own structure: section headings (`一、主要做法`,
/// `（二）抓实点位整治`) and list items (`1.采购人信息`, `2、…`). Short and without a sentence
/// mark, they look like links to the rules outside the body; among the text's lines they are
/// the text's.
public enum SectionHeadings {
    /// Han numerals a heading counts with: 一 … 十 (a switch, not a Set: asked of many lines).
    @inline(__always)
    static func isNumeral(_ v: UInt32) -> Bool {
        switch v {
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341: return true
        default: return false
        }
    }
    /// At most this many numerals (`十二、`).
    static let maxNumerals = 3

    /// A line that opens with a Han numeral and `、` (`六、其他事项`), or one in brackets
    /// (`（一）`, `(一)`). The cheap test first: the first byte of 一…十 (E4 or E5) or a bracket.
    public static func isEnumerated(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = p.first, first == 0xE4 || first == 0xE5 || first == 0xEF || first == 0x28 else { return false }
        var i = 0
        var bracketed = false
        if p[0] == 0x28 { i = 1; bracketed = true }
        else if p.count >= 3, p[0] == 0xEF, p[1] == 0xBC, p[2] == 0x88 { i = 3; bracketed = true }
        var count = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            guard isNumeral(v) else { break }
            count += 1
            i += length
        }
        guard count >= 1, count <= maxNumerals, i < p.count else { return false }
        let (mark, _) = UTF8Bytes.scalar(p, at: i)
        // `、` after a bare numeral; `）` or `)` closing a bracketed one.
        return bracketed ? mark == 0xFF09 || mark == 0x29 : mark == 0x3001
    }

    /// A list item numbered in digits: `1.采购人信息`, `2、…`, `3．…` (the number short, the mark right after it).
    public static func isNumberedItem(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < p.count, i < 2, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
        guard i > 0, i < p.count else { return false }
        if p[i] == 0x2E { return i + 1 < p.count && !(p[i + 1] >= 0x30 && p[i + 1] <= 0x39) }
        let (mark, _) = UTF8Bytes.scalar(p, at: i)
        return mark == 0x3001 || mark == 0xFF0E
    }

    /// An entry's contents on one line, `简介，主要职责，所获成绩，`: each item between the commas is a
    /// heading on a line of its own below (within `maxLinesUnderContents`); words between commas that
    /// the text does not head with are the text's. The cheap test first: the line ends in `，`.
    public static func isContentsLine(_ lines: [String], _ i: Int) -> Bool {
        guard BodyEdges.withBytes(lines[i], endsInComma) else { return false }
        // The items' bytes between the commas (EF BC 8C), on bytes: String's split reads Characters.
        let p = Array(lines[i].utf8)
        var items: [ArraySlice<UInt8>] = []
        var start = 0, k = 0
        while k + 2 < p.count {
            if p[k] == 0xEF, p[k + 1] == 0xBC, p[k + 2] == 0x8C {
                items.append(p[start ..< k])
                k += 3
                start = k
            } else {
                k += 1
            }
        }
        guard items.count >= 2, items.allSatisfy({ !$0.isEmpty && $0.count <= maxContentsItemBytes && !$0.contains(0x20) }) else { return false }
        let below = lines[(i + 1) ..< min(lines.count, i + 1 + maxLinesUnderContents)]
        return items.allSatisfy { item in below.contains { $0.utf8.count == item.count && $0.utf8.elementsEqual(item) } }
    }
    static let maxContentsItemBytes = 36
    static let maxLinesUnderContents = 60

    /// A short line ending in a full-width comma (EF BC 8C).
    static func endsInComma(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        p.count >= 9 && p.count <= 300 && p[p.count - 1] == 0x8C && p[p.count - 2] == 0xBC && p[p.count - 3] == 0xEF
    }
}
