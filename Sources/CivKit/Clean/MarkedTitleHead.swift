/// A page's title that ends in its own `？` or `！` (`这座城的“美颜师”，你认识吗？`), right above the
/// page's head byline (`2022-08-03 文明桐溪 文明桐溪`): a question's or an exclamation's title, no
/// sentence of the old page's article. The head search (`PageHeadCut`) stops at the old page's last
/// sentence, and such a title read as one hid the head lines above it (`…从拴绳开始查看原文`, `其他`)
/// from the search. The title is short, holds one sentence mark (its last character, a closing
/// quote or bracket aside) and no `。`; the search reaches over it only where a head line (not an
/// article's line) stands above it, so an article's last sentence over its signature
/// (`共建文明城市！` over `某某市文明办 2023-05-01`, sentences above) is never searched.
enum MarkedTitleHead {
    /// A title's most characters: a line longer is an article's sentence.
    static let maxTitleScalars = 30

    /// Whether `p` is such a title: short, its only sentence mark a `？` or `！` at its end.
    static func isTitle(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !p.isEmpty, p.count <= 4 * maxTitleScalars, BodyEdges.scalarCount(p) <= maxTitleScalars,
              !UTF8Bytes.contains(p, BodyEdges.fullStop) else { return false }
        // The end, past closing quotes and brackets (`…吗？”`).
        var end = p.count
        while end > 0 {
            let (v, start) = UTF8Bytes.scalar(p, endingAt: end)
            guard closers.contains(v) else { break }
            end = start
        }
        guard end > 0 else { return false }
        let (last, start) = UTF8Bytes.scalar(p, endingAt: end)
        guard last == 0xFF1F || last == 0xFF01, start > 0 else { return false }
        // No other sentence mark before it (`！`, `？`, `；`): one sentence, a title's.
        let before = UnsafeBufferPointer(rebasing: p[..<start])
        return !UTF8Bytes.containsThreeBytes(before, lead: 0xEF, second: 0xBC) { $0 == 0x81 || $0 == 0x9F || $0 == 0x9B }
    }

    /// Closing quotes and brackets a title may end with after its mark.
    static let closers: [UInt32] = [0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x3011, 0x300B]
}
