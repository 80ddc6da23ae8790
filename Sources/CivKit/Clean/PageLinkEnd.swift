/// A page's own link as its last line (`本文链接：https://…/3187.html`, `地址：http://…/content_1.shtml`,
/// the last line a CMS prints under an article): a field's colon, then a URL that ends in a page's
/// file name (`.html`, `.htm`, `.shtml`). Nothing of the old page follows it on the line: a URL
/// holds no Han character, and a page's address ends at its file name. Read as a sure end
/// (`PageHeadCut.endsPageSurely`): the next page's first line glued after it begins that page. A
/// site's home (`网址：http://www.example.cn`), which a notice's contacts give before more fields
/// (`…cn联系电话：…`), ends in no file name and is no end.
enum PageLinkEnd {
    /// The file names' endings a page's URL has.
    static let pageEndings = [".html", ".htm", ".shtml"].map { Array($0.utf8) }
    static let schemes = ["http://", "https://"].map { Array($0.utf8) }
    /// A URL's longest run looked back over.
    static let maxURLBytes = 200
    /// The last bytes of `pageEndings`: only a `before` ending in one is read.
    static let lastBytes: [UInt8] = Array(Set(pageEndings.compactMap(\.last))).sorted()

    /// Whether `before` ends in a field's URL of a page (`…：http://…/3187.html`).
    static func endsInPageLink(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = before.last, lastBytes.contains(last),
              pageEndings.contains(where: { RulePrefilter.hasSuffix(before, $0) }) else { return false }
        // Back over the URL's bytes (printable ASCII, no space) to its scheme.
        var i = before.count
        while i > 0, before.count - i < maxURLBytes, before[i - 1] > 0x20, before[i - 1] < 0x7F { i -= 1 }
        let url = UnsafeBufferPointer(rebasing: before[i...])
        guard let scheme = schemes.first(where: { url.starts(with: $0) }), url.count > scheme.count + pageEndings[1].count else { return false }
        // The field's colon right before it (spaces aside).
        while i > 0, before[i - 1] == 0x20 { i -= 1 }
        guard i > 0 else { return false }
        return PageHeadCut.isColon(UTF8Bytes.scalar(before, endingAt: i).value)
    }
}
