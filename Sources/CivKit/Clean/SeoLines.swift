#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines a site writes for search engines, not readers, that crawls keep above or under the text:
/// a title of keywords joined by underscores (`文明城市测评体系2024_文明城市测评指标_创文测评标准_知道吧`)
/// and a keywords line of short items between commas that repeat the site's name
/// (`梓川县统计局，梓川统计信息网，梓川县统计年鉴，梓川县统计公报`); and, as a page's first line, its
/// title tag: the site's name, a dash and a slogan naming it again (`知道吧 - 有问题，就上知道吧`).
/// Byte tests, asked of zone lines no rule took.
public enum SeoLines {
    /// A site's name (no space, `minNameScalars` to `maxNameScalars` characters), ` - ` (or `–`,
    /// `—`, `|`), then a short slogan without a full stop that holds the name again.
    public static func isTaglineTitle(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count <= 4 * maxTaglineScalars, let space = UTF8Bytes.firstIndex(of: [0x20], in: p),
              space + 2 < p.count, p[space + 1] != 0x20 else { return false }
        let name = UnsafeBufferPointer(rebasing: p[..<space])
        let nameScalars = BodyEdges.scalarCount(name)
        guard nameScalars >= minNameScalars, nameScalars <= maxNameScalars else { return false }
        let (dash, length) = UTF8Bytes.scalar(p, at: space + 1)
        guard dash == 0x2D || dash == 0x2013 || dash == 0x2014 || dash == 0x7C, space + 1 + length < p.count,
              p[space + 1 + length] == 0x20 else { return false }
        let slogan = UnsafeBufferPointer(rebasing: p[(space + 2 + length)...])
        return !UTF8Bytes.contains(slogan, BodyEdges.fullStop) && UTF8Bytes.contains(slogan, Array(name))
    }
    static let minNameScalars = 2
    static let maxNameScalars = 12
    static let maxTaglineScalars = 40

    /// Underscore-joined items, at least this many.
    static let minTitleItems = 3
    /// Comma-separated items, at least this many, of which `minRepeatingItems` open as the first does.
    static let minKeywordItems = 5
    static let minRepeatingItems = 3
    /// An item is short: a title's, a keyword's.
    static let maxItemScalars = 30
    static let maxKeywordScalars = 16
    static let maxLineBytes = 400

    public static func isSeoLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 12, p.count <= maxLineBytes else { return false }
        // The cheap tests first: an underscore, or a full-width comma (EF BC 8C).
        if UTF8Bytes.contains(p, 0x5F) { return isUnderscoreTitle(p) }
        // (Prose has a full stop: most lines end at this memchr.)
        guard !UTF8Bytes.contains(p, BodyEdges.fullStop), let first = firstComma(p), first >= 6, first + 9 <= p.count else { return false }
        // The item after the first comma opens as the first does (most lines with a comma end here).
        return (0 ..< 6).allSatisfy({ p[first + 3 + $0] == p[$0] }) && isKeywordsLine(p)
    }

    /// Items between `_`, the first opening with a Han character, none empty or long, no space
    /// or sentence mark anywhere (`LC_ALL_FOO`, a file's name, is no title: it has no Han opening).
    static func isUnderscoreTitle(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard ScalarClass.isHan(UTF8Bytes.scalar(p, at: 0).value), !BodyEdges.isSentence(p) else { return false }
        var items = 1, length = 0, i = 0
        while i < p.count {
            let (v, n) = UTF8Bytes.scalar(p, at: i)
            i += n
            if v == 0x20 || v == 0x3000 || v == 0x09 { return false }
            if v == 0x5F {
                guard length > 0 else { return false }
                items += 1
                length = 0
                continue
            }
            length += 1
            if length > maxItemScalars { return false }
        }
        return length > 0 && items >= minTitleItems
    }

    /// Items between `，` with no other mark (`。`, `、`, `：`, `！`…), each short, `minRepeatingItems` of them
    /// (the second among them) opening with the first item's first two characters.
    static func isKeywordsLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 6 else { return false }
        let opening = Array(p[0 ..< 6])
        guard ScalarClass.isHan(UTF8Bytes.scalar(p, at: 0).value), ScalarClass.isHan(UTF8Bytes.scalar(p, at: 3).value) else { return false }
        var items = 1, repeating = 1, length = 0, i = 0
        while i < p.count {
            let (v, n) = UTF8Bytes.scalar(p, at: i)
            if v == 0xFF0C {
                guard length > 0 else { return false }
                items += 1
                length = 0
                i += n
                // The second item repeats the opening (most lines with a comma end here).
                let repeats = i + 6 <= p.count && (0 ..< 6).allSatisfy { p[i + $0] == opening[$0] }
                if repeats { repeating += 1 } else if items == 2 { return false }
                continue
            }
            if v == 0x20 || LinkLines.isPunctuation(Unicode.Scalar(v) ?? " ") { return false }
            i += n
            length += 1
            if length > maxKeywordScalars { return false }
        }
        return length > 0 && items >= minKeywordItems && repeating >= minRepeatingItems
    }

    /// Where the first `，` (EF BC 8C) begins: memchr finds its last byte.
    static func firstComma(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = p.baseAddress else { return nil }
        var from = 2
        while from < p.count, let hit = memchr(base + from, 0x8C, p.count - from) {
            let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if p[end - 2] == 0xEF && p[end - 1] == 0xBC { return end - 2 }
            from = end + 1
        }
        return nil
    }
}
