/// Where a page with no head began: its first line (a title, an app's prompt, a site's greeting,
/// a spam banner) glued right after the old page's sure end, and its text a line or a few below,
/// with no byline or breadcrumb between to show a page began
/// (`网站标识码：4307000042关于市政协…第0218号提案的答复` above `许建华委员：` and the reply;
/// `技术支持：某某融媒体中心技术部打开某某新闻，阅读体验更佳` above a title and a credit).
///
/// A sure end (`PageHeadCut.endsPageSurely`: an identifier's digits after a field's colon, a
/// registration's site number, closing words and tags; or a footer field's value ended by its own
/// suffix) is one nothing of the old page follows: whatever short line comes after it on the
/// same line is the next page's first, digits, quotes and brackets included, short of a sentence.
/// Asked only of the few lines between the old page's last sentence and a sentence below, so no
/// article is ever cut.
public enum HeadlessPageStart {
    /// The non-empty lines above the new page's first article line searched (a name, a menu, a
    /// title, a subtitle, a credit, a date; an entry's labels).
    public static let maxHeadLines = 6
    /// A page's first line glued after a sure end holds at most this many scalars.
    static let maxFirstLineScalars = 60

    /// Over the lines above an article line, the nearest first (`line(k)`, k from `count - 1` down:
    /// the line's cleaned bytes, and whether the old page's text stands above it), the first that
    /// holds a page's first line glued after a sure end, or a spam banner glued after the old
    /// page's last line: its index and the cut's byte. The search stops at an article line (asked
    /// first: a glued line may read as one by its length) or after `maxHeadLines` non-empty lines.
    @inline(__always)
    public static func cut(above count: Int, line: (Int) -> (bytes: [UInt8], oldTextAbove: Bool)) -> (line: Int, start: Int)? {
        var k = count - 1, searched = 0
        while k >= 0, searched < maxHeadLines {
            let (bytes, oldTextAbove) = line(k)
            // (An old page with no sentence at all, an agenda, may end in the sure end too.)
            guard oldTextAbove else { return nil }
            if !bytes.isEmpty {
                if let cutAt = bytes.withUnsafeBufferPointer({ Self.start(in: $0) ?? PageHeadCut.spamBannerStart($0) ?? greetingStart(in: $0) ?? nameAfterFooterLink(in: $0) }) { return (k, cutAt) }
                if bytes.withUnsafeBufferPointer({ BodyEdges.isArticleLine($0) }) { return nil }
                searched += 1
            }
            k -= 1
        }
        return nil
    }

    /// A site's greeting glued after the old page's last line (`PageHeadCut.gluedGreetingStart`),
    /// the old page's part no article line (`…鄂公网安备42092502000123号`).
    static func greetingStart(in p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let start = PageHeadCut.gluedGreetingStart(p), !BodyEdges.isArticleLine(UnsafeBufferPointer(rebasing: p[..<start])) else { return nil }
        return start
    }

    /// Where a site's name (`PageHeadCut.isGluedName`: Han characters, spaces, a title bar's
    /// separators, to the line's end) glued after a footer's last words begins: after a whole
    /// link (`…未经书面授权不得转载某某新闻`, `…联系客服某某看点`, `…建议使用1366*768分辨率浏览某某网 -
    /// 收录…`) in a line with no sentence, or after a rights notice's sentence
    /// (`…原创稿件，转载请注明来源及作者。某某看点`, `…未经书面许可不得转载、摘编。`), which a page
    /// puts last. Either ends a page surely enough where the new page's text follows a few lines
    /// below with no head between.
    static func nameAfterFooterLink(in p: UnsafeBufferPointer<UInt8>) -> Int? {
        // The cheap tests first: a name ends the line (most lines end in a sentence's mark).
        guard p.count <= PageHeadCut.maxLineBytes, !p.isEmpty, ScalarClass.isHan(UTF8Bytes.scalar(p, endingAt: p.count).value) else { return nil }
        // (The name holds no sentence mark: a line with a sentence holds it before the name.)
        if CleanStage.isProse(p) { return PageHeadCut.nameGluedAfterEnd(p, ends: endsInRightsNotice) }
        guard itemLinks.contains(where: { UTF8Bytes.contains(p, $0) }) else { return nil }
        return PageHeadCut.nameGluedAfterEnd(p, ends: endsInFooterLink)
    }

    /// Whether `before` ends in a sentence (`。`, `！`) of a rights notice: one naming reprints,
    /// copyright or infringement (`rightsWords`).
    static func endsInRightsNotice(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        let (last, lastStart) = UTF8Bytes.scalar(before, endingAt: before.count)
        guard last == 0x3002 || last == 0xFF01 else { return false }
        var from = lastStart
        while from > 0 {
            let (v, start) = UTF8Bytes.scalar(before, endingAt: from)
            if PageHeadCut.sentenceEnds.contains(v) { break }
            from = start
        }
        let sentence = UnsafeBufferPointer(rebasing: before[from ..< lastStart])
        return rightsWords.contains { UTF8Bytes.contains(sentence, $0) }
    }

    /// The words of a rights notice: reprints, copyright, infringement.
    static let rightsWords = ["转载", "版权", "侵权"].map { Array($0.utf8) }

    /// A footer's link of `minItemLinkScalars` characters or more (`page-end-links.txt`: `联系客服`,
    /// `网站地图`, `不得转载`, `分辨率浏览`). A shorter link is a button whose word also opens a
    /// phrase (`更多精彩内容`, `发布时间`, `分享至好友`, `浏览器浏览本站`); a bare `号` after digits
    /// ends a title's number too (`…第0218号提案的答复`).
    static func endsInFooterLink(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        // The cheap test first: the last character of some link (asked at every Han character of the line's tail).
        guard itemLinkLastScalars.contains(UTF8Bytes.scalar(before, endingAt: before.count).value) else { return false }
        return itemLinks.contains { RulePrefilter.hasSuffix(before, $0) }
    }

    static let minItemLinkScalars = 4
    static let itemLinks = PageHeadCut.endLinks.filter { String(decoding: $0, as: UTF8.self).unicodeScalars.count >= minItemLinkScalars }
    static let itemLinkLastScalars = Set(itemLinks.compactMap { String(decoding: $0, as: UTF8.self).unicodeScalars.last?.value })

    /// The byte in `p` where a page's first line glued after a sure end begins, or nil.
    public static func start(in p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard p.count <= PageHeadCut.maxLineBytes else { return nil }
        // Byte by byte, the cheap test first: a three-byte character's first byte (Han, a quote,
        // a bracket) after a sure end's last character (a digit, `>`, a closing word's, Latin ones
        // too, told first by its last byte).
        var i = 1
        while i < p.count {
            let b = p[i], a = p[i - 1]
            if b >= 0xE2, b <= 0xE9,
               (a >= 0x30 && a <= 0x39) || (a < 0x80 && PageHeadCut.sureEndLastBytes.contains(a)) || (a & 0xC0 == 0x80 && sureEndLastByteMask & (1 << UInt64(a & 0x3F)) != 0
                                                          && sureEndMiddleByteMask & (1 << UInt64(p[i - 2] & 0x3F)) != 0) {
                let v = UTF8Bytes.scalar(p, at: i).value
                let previous = UTF8Bytes.scalar(p, endingAt: i).value
                // (Or an icon font's row of glyphs, `IconGlyphLine`.)
                if ScalarClass.isHan(v) || PageHeadCut.isOpeningTitleQuote(v) || v == 0x3010 || v == 0x300C || IconGlyphLine.isGlyph(v),
                   previous < 0x80 || sureEndLastScalars.contains(previous) {
                    let before = UnsafeBufferPointer(rebasing: p[..<i])
                    let fieldValue = PageHeadCut.valueEndLastScalars.contains(previous) && PageHeadCut.endsFieldValue(before)
                    // (The old page's part may be a footer's notice with commas, `…仅供参考，如有侵权请联系删除`;
                    // no sentence.)
                    if fieldValue || PageHeadCut.endsPageSurely(before), !CleanStage.isProse(before),
                       isFirstLine(UnsafeBufferPointer(rebasing: p[i...])) || IconGlyphLine.isLine(UnsafeBufferPointer(rebasing: p[i...])) {
                        return fieldValue ? valueEnd(p, from: i) : i
                    }
                }
            }
            i += 1
        }
        return nil
    }

    /// The last characters of the sure ends that end in a Han character: closing words,
    /// `版权所有`, a field value's suffixes.
    /// Their last and middle UTF-8 bytes' low six bits, as sets.
    static let sureEndLastByteMask = byteMask(at: 2)
    static let sureEndMiddleByteMask = byteMask(at: 1)

    static func byteMask(at k: Int) -> UInt64 {
        sureEndLastScalars.reduce(0) { mask, v in
            let bytes = Array(String(Unicode.Scalar(v)!).utf8)
            return bytes.count == 3 ? mask | (1 << UInt64(bytes[k] & 0x3F)) : mask
        }
    }

    static let sureEndLastScalars: [UInt32] = {
        var last = PageHeadCut.valueEndLastScalars
        for word in PageHeadCut.closingWords + [PageHeadCut.rightsReserved] where !word.isEmpty {
            let v = word.withUnsafeBufferPointer { UTF8Bytes.scalar($0, endingAt: $0.count).value }
            if v >= 0x80, !last.contains(v) { last.append(v) }
        }
        return last
    }()

    /// Where a footer field's value that ends at `i` by a suffix ends when another suffix follows
    /// right after (`技术支持：某某融媒体中心|技术部|时时彩计划 北京赛车pk10…`): after the last such.
    static func valueEnd(_ p: UnsafeBufferPointer<UInt8>, from i: Int) -> Int {
        var end = i
        while let suffix = PageHeadCut.valueEndSuffixes.first(where: { p.count - end > $0.count && p[end...].starts(with: $0) }),
              isFirstLine(UnsafeBufferPointer(rebasing: p[(end + suffix.count)...])) {
            end += suffix.count
        }
        return end
    }

    /// A page's first line by its length and form: `PageHeadCut.minFirstLineScalars` to
    /// `maxFirstLineScalars` scalars, no `。`, no article line (a site's greeting, `欢迎来到某某文库！`,
    /// may hold a `！`).
    static func isFirstLine(_ tail: UnsafeBufferPointer<UInt8>) -> Bool {
        let scalars = BodyEdges.scalarCount(tail)
        guard scalars >= PageHeadCut.minFirstLineScalars, scalars <= maxFirstLineScalars,
              !UTF8Bytes.contains(tail, BodyEdges.fullStop) else { return false }
        return !BodyEdges.isArticleLine(tail) || isKeywordList(tail) || CleanStage.isWelcome(String(decoding: tail, as: UTF8.self))
    }

    /// A page's keyword line (`某某县统计局，某某统计信息网，某某县统计年鉴，…`): `minKeywords` or
    /// more short items between commas, no other sentence mark; a sentence's clauses are longer.
    static func isKeywordList(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var items = 0, itemScalars = 0, i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if PageHeadCut.isComma(v) {
                guard itemScalars > 0 else { return false }
                items += 1
                itemScalars = 0
            } else if v == 0x3002 || v == 0xFF01 || v == 0xFF1F || v == 0xFF1B || v == 0x3001 {
                return false
            } else {
                itemScalars += 1
                if itemScalars > maxKeywordScalars { return false }
            }
            i += length
        }
        return items + (itemScalars > 0 ? 1 : 0) >= minKeywords
    }

    static let minKeywords = 4
    static let maxKeywordScalars = 10
}
