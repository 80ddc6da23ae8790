/// Field `site`: the web site that carried the page.
///
/// In order: the first element of a breadcrumb (`您当前的位置：中国张掖网 >> 问政` → 中国张掖网,
/// unless it is 首页), the name before the dash of a banner (`萍乡城事网—萍乡最具影响力门户网站`
/// → 萍乡城事网), a site name opening the first paragraph (`中国张掖网讯据…` → 中国张掖网). The
/// `breadcrumb` and `banner` fields come first; in plain text, such lines at the top.
public struct SiteExtractor: BodyExtractor {
    public let name = "site"
    static let maxLength = 24
    static let openers: Set<Unicode.Scalar> = [" ", "(", "[", "【", "〔"]

    public init() {}

    public func extract(from record: inout Record, body: BodyText, counters: inout Counters) {
        guard record[FieldKey.site] == nil else { return }
        let head = body.headLines
        let site = record.values(FieldKey.breadcrumb).lazy.compactMap { Self.breadcrumbSite(FoldedLine($0)) }.first
            ?? record.values(FieldKey.banner).lazy.compactMap { Self.bannerSite(FoldedLine($0), strict: false) }.first
            ?? head.lazy.filter(Self.isBreadcrumb).compactMap(Self.breadcrumbSite).first
            ?? head.prefix(3).lazy.compactMap { Self.bannerSite($0, strict: true) }.first
            ?? head.lazy.compactMap(Self.leadSite).first
        if let site { record.addExtracted(FieldKey.site, site, counters: &counters) }
    }

    /// The separators' first characters: a bit test before the word look-up at every character.
    static let separatorFirsts = ScalarBits(ExtractLabels.standard.crumbSeparator.compactMap(\.first))
    static let bannerSeparatorFirsts = ScalarBits(ExtractLabels.standard.bannerSeparator.compactMap(\.first))

    /// A line that starts with 当前位置： or has two breadcrumb separators (`>>`).
    static func isBreadcrumb(_ line: FoldedLine) -> Bool {
        let labels = ExtractLabels.standard
        let start = line.skipSpaces(from: 0)
        if let w = line.match(labels.breadcrumb, at: start), line.afterColon(from: start + w.count) != nil { return true }
        var separators = 0
        var i = 0
        while i < line.count {
            if separatorFirsts.contains(line[i]), let w = line.match(labels.crumbSeparator, at: i), w != ["/"] {
                separators += 1
                i += w.count
            } else {
                i += 1
            }
        }
        return separators >= 2
    }

    /// The first element of a breadcrumb, after its label.
    static func breadcrumbSite(_ line: FoldedLine) -> String? {
        let labels = ExtractLabels.standard
        var start = line.skipSpaces(from: 0)
        if let w = line.match(labels.breadcrumb, at: start), let v = line.afterColon(from: start + w.count) { start = v }
        var end = start
        while end < line.count && !(separatorFirsts.contains(line[end]) && line.match(labels.crumbSeparator, at: end) != nil) { end += 1 }
        let element = line.value(start..<end)
        guard (2...maxLength).contains(element.unicodeScalars.count),
              !labels.home.contains(FoldedLine.word(element)) else { return nil }
        return element
    }

    /// The name before a banner's dash. `strict` (plain-text lines): the name must end like a
    /// site name (网, 在线…) and text must follow the dash; otherwise a banner without a dash
    /// gives its first word if that ends like a site name.
    static func bannerSite(_ line: FoldedLine, strict: Bool) -> String? {
        let labels = ExtractLabels.standard
        let start = line.skipSpaces(from: 0)
        var end = start
        while end < line.count && !(bannerSeparatorFirsts.contains(line[end]) && line.match(labels.bannerSeparator, at: end) != nil) { end += 1 }
        let hasDash = end < line.count
        if !hasDash {
            guard !strict else { return nil }
            end = start
            while end < line.count && line[end] != " " { end += 1 }
        }
        let name = line.value(start..<end)
        let word = FoldedLine.word(name)
        guard (2...maxLength).contains(word.count), !word.contains(" ") else { return nil }
        let endsLikeSite = labels.siteSuffix.contains { word.count > $0.count && word.reversed().starts(with: $0.reversed()) }
        if strict || !hasDash {
            guard endsLikeSite else { return nil }
        }
        if strict {
            guard let dash = line.match(labels.bannerSeparator, at: end),
                  line.skipSpaces(from: end + dash.count) < line.count else { return nil }
        }
        return name
    }

    /// `中国张掖网讯据张掖日报报道…`: a site name and 讯 or 消息 opening a line (not after 据:
    /// 据人民网消息 names a source).
    static func leadSite(_ line: FoldedLine) -> String? {
        let labels = ExtractLabels.standard
        var start = 0
        while start < line.count && openers.contains(line[start]) { start += 1 }
        if line.match(labels.attribution, at: start) != nil { return nil }
        var k = start
        while k < line.count && k - start < maxLength && line.isHan(at: k) {
            for suffix in labels.siteSuffix where k + suffix.count - start >= 2 && line.matches(suffix, at: k) {
                if labels.siteLead.contains(where: { line.matches($0, at: k + suffix.count) }) {
                    return line.value(start..<(k + suffix.count))
                }
            }
            k += 1
        }
        return nil
    }
}
