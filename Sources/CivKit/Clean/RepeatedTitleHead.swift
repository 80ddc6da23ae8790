/// A page's title printed twice, one line under the other (the page's title bar and its heading,
/// or the heading and a share box's title: `「图档新闻」某某街道清洗公共设施` twice), after the old
/// page's text: a certain page start, as a byline is. The page began at or above the first copy:
/// the head search (`PageHeadCut`) looks in the lines above it for the new page's first line glued
/// after the old page's end (`…RSS 订阅每日看点`). An article repeats no line right under itself;
/// the title is short, holds enough Han characters to be a title (no menu's item, `相关推荐`), and
/// no sentence.
enum RepeatedTitleHead {
    /// A title's fewest Han characters and most characters.
    static let minTitleHan = 8
    static let maxTitleScalars = 60

    /// Whether `p`, the line under `above` (the non-empty line before it), repeats it as a title.
    static func repeatsTitle(_ p: UnsafeBufferPointer<UInt8>, above: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count == above.count, p.count <= 4 * maxTitleScalars, p.elementsEqual(above),
              !BodyEdges.isArticleLine(p), !UTF8Bytes.contains(p, BodyEdges.fullStop),
              BodyEdges.scalarCount(p) <= maxTitleScalars else { return false }
        var han = 0, i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if ScalarClass.isHan(v) { han += 1 }
            i += length
        }
        return han >= minTitleHan
    }
}
