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
}
