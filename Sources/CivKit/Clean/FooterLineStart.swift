/// A page that begins on a line of its own right under the old page's footer (`cat` of a page
/// saved with its final newline: nothing glued): walking up from a certain page start (a
/// breadcrumb, a head byline) over the new page's head lines (a banner, a menu, a search box, a
/// greeting, a title), the first line that is a footer's line ending as a footer ends
/// (`…赣公网安备 36040202000345号`, `…建议使用1366×768以上分辨率浏览`, `声明：…如有侵权请联系删除。`,
/// `某某网版权所有 联系电话：0817-2228000`) is the old page's last; the line under it begins the
/// next page. A page's head holds no footer's words, so the walk stops, with no cut, at a footer
/// line that ends otherwise (its last line may be glued to the next page: the glued searches'
/// case), at an article's line (not a site's greeting or a keyword line, `isMarkedHeadLine`), at
/// a line holding an end glued to text (`holdsJoin`), or at a line ending in a footer's link (the old page's link row under its notice: `…网站地图 - 联系我们`).
/// Counted as `pages.footer-line-split`.
enum FooterLineStart {
    /// Words that only a page's footer prints (its copyright, registration, identifier, credit,
    /// repost notice, screen advice).
    /// A contact's address label (`地址：…解放路28号`) is a footer's too: a head prints a hotline, no address.
    static let footerWords = ["版权所有", "©", "Copyright", "ICP备", "公网安备", "网站标识码", "技术支持", "联系删除", "分辨率",
                              "地址：", "地址:"].map { Array($0.utf8) }

    /// Whether `p` is a footer's line: it holds a footer's word.
    static func isFooterLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        footerWords.contains { UTF8Bytes.contains(p, $0) }
    }

    /// Whether `p` is a footer's line that ends as only a page's last line ends (`endsLastLine`),
    /// with its ends inside the line followed by a space or a mark, never glued to Han text (a
    /// footer's line glued to the next page's first line may end as a footer too: `…公网安备…号
    /// 某某网 新闻热线:0739-5123000`, `…Powered by Discuz! X3.5分享`).
    static func endsPage(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        !p.isEmpty && isFooterLine(p) && endsLastLine(p) && !holdsJoin(p)
    }

    /// A footer's last words: a sure end (`PageHeadCut.endsPageSurely`: `…号-1`, `联系删除`), one
    /// before a sentence's mark (`…如有侵权请联系删除。`), a registration number's `号` after its
    /// digits, a footer link of `minEndLinkScalars` or more (`分辨率浏览`; a short one, `分享`,
    /// `订阅`, may be the next page's first line), or a contact phone's digits after `电话：`
    /// (a head's phone is a hotline: `新闻热线：…`).
    static func endsLastLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        if PageHeadCut.endsPageSurely(p) || PageHeadCut.endsSurelyBeforeMark(p) { return true }
        let (last, lastStart) = UTF8Bytes.scalar(p, endingAt: p.count)
        if last == 0x53F7, lastStart > 0, p[lastStart - 1] >= 0x30, p[lastStart - 1] <= 0x39 { return true }
        if PageHeadCut.endLinks.contains(where: { $0.count >= minEndLinkBytes && RulePrefilter.hasSuffix(p, $0) }) { return true }
        return endsInPhone(p)
    }

    /// A line with no footer's word that still ends as only a page's last line ends: in a page's
    /// closing words (`page-closing-words.txt`), before a sentence's mark or not: an app's closing
    /// prompt (`打开某某，查看更多精彩内容`), a repost notice (`…如有侵权请联系我们删除。`), a comment
    /// box's heading (`…网友评论`). No head line ends so. (Not every sure end of a glued line: a
    /// page's own link, `本文链接：…/88123.html`, has its related links and prev/next under it.)
    static func endsSurelyAlone(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        ownClosingStart(p) < p.count
    }

    /// Whether `p` ends in a footer's link (`page-end-links.txt`: `…网站地图 - 联系我们`, `返回顶部`):
    /// the old page's link row under its notice, or a head's top bar; no cut above it either way.
    static func endsInLink(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        PageHeadCut.endLinks.contains { RulePrefilter.hasSuffix(p, $0) }
    }

    /// Four Han characters' bytes: the shortest footer link read as a page's last words.
    static let minEndLinkBytes = 12

    /// Whether `p` ends in a phone number's digits (and dashes) right after `电话：` or `电话:`.
    static func endsInPhone(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = p.count, digits = 0
        while i > 0, p[i - 1] == 0x2D || (p[i - 1] >= 0x30 && p[i - 1] <= 0x39) {
            if p[i - 1] != 0x2D { digits += 1 }
            i -= 1
        }
        guard digits >= minPhoneDigits, i > 0 else { return false }
        let (colon, s) = UTF8Bytes.scalar(p, endingAt: i)
        return PageHeadCut.isColon(colon) && RulePrefilter.hasSuffix(UnsafeBufferPointer(rebasing: p[..<s]), phoneLabel)
    }

    static let phoneLabel = Array("电话".utf8)
    /// A phone number's fewest digits (`12345` hotlines aside, a number with its area code).
    static let minPhoneDigits = 7

    /// Whether Han or Latin text follows an end inside `p` (`PageHeadCut.endsFooter`; `…人民路88号Untitled
    /// Document`): a join of two pages. A Latin word before Han text is a footer's own (`湘ICP备…`, `Copyright © 2024 某某网`) unless
    /// it is a sure end (`…Gzip enabled`). A link's word that begins a field's label
    /// (`发布时间：`, a byline's) is the label's own.
    /// No join falls inside the line's own closing words (`查看更多|精彩内容` in `…查看更多精彩内容`,
    /// `ownClosingStart`) nor before a rest too short for a page's first line (`设为首页收藏|本站`:
    /// fewer than `minJoinRestScalars`) or that is only a link's words (`柘溪发布|公众号`).
    static func holdsJoin(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let closing = ownClosingStart(p)
        var i = 0
        while i < closing {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if i > 0, ScalarClass.isHan(v) || PageHeadCut.isLatinLetter(v), !restIsShort(p, from: i) {
                let before = UnsafeBufferPointer(rebasing: p[..<i])
                let last = UTF8Bytes.scalar(before, endingAt: i).value
                if PageHeadCut.isLatinLetter(last) {
                    if ScalarClass.isHan(v), PageHeadCut.endsPageSurely(before) { return true }
                } else if PageHeadCut.endsFooter(before), !endsShortLabel(p, from: i) { return true }
            }
            i += length
        }
        return false
    }

    /// Where the closing words `p` ends with begin (`PageHeadCut.closingWords`, its longest such
    /// word), a sentence's mark after them aside; `p.count` for none.
    static func ownClosingStart(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var end = p.count
        if end > 0 {
            let (v, s) = UTF8Bytes.scalar(p, endingAt: end)
            if PageHeadCut.sentenceEnds.contains(v) { end = s }
        }
        let body = UnsafeBufferPointer(rebasing: p[..<end])
        let longest = PageHeadCut.closingWords.filter { RulePrefilter.hasSuffix(body, $0) }.map(\.count).max()
        return longest.map { end - $0 } ?? p.count
    }

    /// Whether fewer than `minJoinRestScalars` scalars follow byte `i` of `p`, or only a footer
    /// link's words (`page-end-links.txt`).
    static func restIsShort(_ p: UnsafeBufferPointer<UInt8>, from i: Int) -> Bool {
        if PageHeadCut.endLinks.contains(where: { $0.count == p.count - i && RulePrefilter.hasSuffix(p, $0) }) { return true }
        var j = i, scalars = 0
        while j < p.count {
            scalars += 1
            if scalars >= minJoinRestScalars { return false }
            j += UTF8Bytes.scalar(p, at: j).length
        }
        return true
    }

    /// The fewest scalars of a page's first line glued after an end (`岚溪网`).
    static let minJoinRestScalars = 3

    /// A line of a page's head that reads as an article's by its marks: a site's greeting
    /// (`某某乡人民政府欢迎您！　今天是：…`, `CleanStage.isWelcome`) or a keyword line of short items
    /// between commas (`某某新闻，某某县新闻网，某某最新消息，…`, `HeadlessPageStart.isKeywordList`).
    /// The walk up goes on over it to the old page's footer.
    static func isMarkedHeadLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        HeadlessPageStart.isKeywordList(p) || CleanStage.isWelcome(String(decoding: p, as: UTF8.self))
    }

    /// Whether the text from `i` is the rest of a short label, at most `maxLabelRestScalars` Han
    /// characters then a colon (`时间：` after `发布`, a calendar's `今天是：` after a greeting's `！`):
    /// a field of the head, no page glued there (`…关闭某某检测中心天气:` is a glued line's longer item).
    static func endsShortLabel(_ p: UnsafeBufferPointer<UInt8>, from i: Int) -> Bool {
        var j = i, scalars = 0
        while j < p.count, scalars <= maxLabelRestScalars {
            let (v, length) = UTF8Bytes.scalar(p, at: j)
            if PageHeadCut.isColon(v) { return scalars > 0 }
            guard ScalarClass.isHan(v) else { return false }
            scalars += 1
            j += length
        }
        return false
    }

    static let maxLabelRestScalars = 3

    /// Given the non-empty lines above a certain page start (`line(0)` the highest, `line(count -
    /// 1)` right above the start), the index of the line that begins the page, or nil: the line
    /// under the nearest footer's last line, with at least that line between it and the start.
    /// `start`, the certain start's line, is itself no glued line (`holdsJoin`): a page glued
    /// there began in it (`…联系我们欢迎访问某某网站`), whatever footer line stands above.
    static func pageStart(count: Int, line: (Int) -> [UInt8], start: [UInt8]?) -> Int? {
        // The nearest footer line up, by the cheap tests; the joins are read only once one is found
        // (most page starts have none in reach).
        var k = count - 1
        while k >= 0 {
            let found: Bool? = line(k).withUnsafeBufferPointer { p in
                if isFooterLine(p) { return endsLastLine(p) }
                if endsSurelyAlone(p) { return true }
                if (BodyEdges.isArticleLine(p) && !isMarkedHeadLine(p)) || endsInLink(p) { return false }
                return nil
            }
            if let found {
                guard found, k + 1 < count else { return nil }
                break
            }
            k -= 1
        }
        guard k >= 0 else { return nil }
        for j in k ..< count where line(j).withUnsafeBufferPointer({ holdsJoin($0) || (j > k && PageHeadCut.nameGluedAfterEnd($0) != nil) }) {
            return nil
        }
        if let start, start.withUnsafeBufferPointer({ holdsJoin($0) }) { return nil }
        return k + 1
    }
}
