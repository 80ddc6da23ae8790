/// Where a page began, found from its head once the head shows a page began.
///
/// In a `cat` of pages without final newlines, the new page's first line (banner, menu, trail,
/// title) is glued to the old page's last line, and often nothing at the junction says where:
/// `下一篇：文明城市创建心得体会范文西平县人民政府`, `地址:河阳市滨江路1号双河新闻网`. The lines
/// of the new page's head that follow (menu, trail, title, byline) name its site and place again,
/// at the start of an item (`走进西平`, `西平县领导带队…`, `首页 | 双河要闻`, `原创 长岭发布`): the
/// page began where the glued line's tail starts with text that the head's later lines begin an
/// item with. Asked only when a page start below is certain (a breadcrumb or banner line, a
/// head byline after the old page's article), and only of the lines after the old page's last
/// sentence, so no article is ever cut.
public enum PageHeadCut {
    /// How many lines a page's head may hold above its byline or breadcrumb (site name, menus,
    /// trail, title): the lines kept to look back over.
    public static let windowLines = 8
    /// How many lines below a breadcrumb the byline may come (title, a blank, a second title):
    /// the cut at the breadcrumb waits that long for it.
    public static let linesToByline = 3
    /// Lines longer than this are no head line: not searched, and no match is sought in them.
    static let maxLineBytes = 300
    /// The lines the new page's name is looked for in: the last ones, those that show a page
    /// began (a trail and a title above a byline; a banner and a menu above a breadcrumb). Lines
    /// further up may still be the old page's footer, naming the old site.
    static let laterLines = 3
    /// A cut needs the new part's first characters to recur: at least this many Han characters.
    static let minMatchHan = 2

    /// A head byline: a short line, no sentence, with a date and a name (Han characters other
    /// than the date's own `年月日`), such as `2021-04-02 07:40:22 湘北晚报` or
    /// `原创 长岭发布 2024-01-18 17:45`. A phone number's area code is no year
    /// (`联系电话：0712-5201234`, a footer's contact line).
    public static func isHeadByline(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count <= BylineNamedPageStart.maxBylineBytes, BylineNamedPageStart.hasDate(p, yearFirst: true), !BodyEdges.isSentence(p),
              !isCopyright(p), !isDatedRemark(p), !isListItem(p) else { return false }
        var i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if ScalarClass.isHan(v) && !dateCharacters.contains(v) { return true }
            i += length
        }
        return isDigitDateTime(p)
    }

    /// `isHeadByline`, with the non-empty line above: a bare date with its weekday
    /// (`2001年12月4日星期二`, a calendar's or a list's date) right under a related list's item
    /// (`>…`, `·…`) is that list's next item, its marker lost, no page's byline; an e-paper's
    /// edition date under its calendar (`2024年05月16日 星期四`) still is one.
    @inline(__always)
    public static func isHeadByline(_ p: UnsafeBufferPointer<UInt8>, above: () -> [UInt8]?) -> Bool {
        guard isHeadByline(p) else { return false }
        guard let above = above(), above.withUnsafeBufferPointer({ isListItem($0) }) else { return true }
        return !isBareDateWithWeekday(p)
    }

    /// A date and its weekday, nothing else (`2001年12月4日星期二`, `2024-05-16 周四`).
    static func isBareDateWithWeekday(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0, weekday = false
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if weekdayWords.contains(where: { p[i...].starts(with: $0) }) {
                guard !weekday else { return false }
                weekday = true
                i += length
                continue
            }
            guard (v >= 0x30 && v <= 0x39) || v == 0x2D || v == 0x2F || v == 0x2E || v == 0x20 || v == 0x3000
                    || dateCharacters.contains(v) || weekdayNames.contains(v) else { return false }
            i += length
        }
        return weekday
    }

    static let weekdayWords = ["星期", "周"].map { Array($0.utf8) }
    static let weekdayNames: [UInt32] = Array("期一二三四五六日天".unicodeScalars.map(\.value))

    /// A news app's byline line below its credit line: a date in digits and a time, nothing else
    /// (`2024-07-21 16:48`); a notice's signed date has no time (`2022年3月1日`).
    static func isDigitDateTime(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var colons = 0
        for b in p {
            if b == 0x3A { colons += 1 } else if !(b >= 0x30 && b <= 0x39) && b != 0x2D && b != 0x2F && b != 0x20 { return false }
        }
        return colons >= 1 && colons <= 2
    }

    /// A remark under its date (`补充点评 2008年4月2日：也没早餐`, a review's or comment's line): the
    /// date's `日` followed by a colon and more. A byline puts its colon before the date
    /// (`发布时间：2023年3月20日`) or labels what follows it (`2023年3月20日 来源：…`).
    static func isDatedRemark(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let found = UTF8Bytes.firstIndex(of: dayColon, in: p).map { $0 + dayColon.count }
            ?? UTF8Bytes.firstIndex(of: dayASCIIColon, in: p).map { $0 + dayASCIIColon.count }
        guard var i = found else { return false }
        while i < p.count, p[i] == 0x20 { i += 1 }
        return i < p.count
    }

    /// A related list's item (`>2001年12月17日星期一`, `·…`): its date dates no page.
    static func isListItem(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        p.first == 0x3E || p.count >= 2 && p[0] == 0xC2 && p[1] == 0xB7
    }

    static let dayColon = Array("日：".utf8)
    static let dayASCIIColon = Array("日:".utf8)

    /// A copyright line's years (`Copyright © 2018-2022 桐州新闻网`) date no page.
    static func isCopyright(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Bytes.contains(p, copyrightSign) || UTF8Bytes.contains(p, copyrightWord) || UTF8Bytes.contains(p, copyrightWordLower)
    }

    static let copyrightSign = Array("©".utf8)
    static let copyrightWord = Array("Copyright".utf8)
    static let copyrightWordLower = Array("copyright".utf8)

    /// A list item's number (`2.`, `>2.`, `· 12、`): what stands before it is the item's text,
    /// never a page's glued first line (`>2.早餐中等偏上` is one item).
    static func isItemNumber(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < p.count {   // > - * · and spaces
            if p[i] == 0x3E || p[i] == 0x20 || p[i] == 0x2D || p[i] == 0x2A { i += 1 }
            else if i + 1 < p.count, p[i] == 0xC2, p[i + 1] == 0xB7 { i += 2 }
            else { break }
        }
        let digits = i
        while i < p.count, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
        guard i > digits, i - digits <= 3 else { return false }
        let rest = UnsafeBufferPointer(rebasing: p[i...])
        return rest.elementsEqual([0x2E]) || rest.elementsEqual(ideographicComma) || rest.elementsEqual(fullWidthStop)
    }

    static let ideographicComma = Array("、".utf8)
    static let fullWidthStop = Array("．".utf8)

    static let dateCharacters: [UInt32] = [0x5E74, 0x6708, 0x65E5, 0x65F6, 0x5206, 0x79D2] // 年月日时分秒

    /// Given the lines after the old page's last sentence (`lines[..<later]` may hold the glued
    /// line; `lines[later...]` are only looked in), the first line holding a cut and the byte
    /// offset of the cut in it (never 0: a glued line has the old page's text first).
    /// `oldPageNames` says whether the old page's text (above these lines) holds a name: the
    /// new page's name is its own (a name both hold is the old site's, recurring in its footer).
    /// `beginsPage` says whether a line's tail is a page's first line by its own form (a menu
    /// of the site tools, a breadcrumb): a cut where nothing recurs; `isFirstLine`, whether it is
    /// one by a rule for a page's first line, asked only where Latin text follows Han; `isBanner`,
    /// whether it is a site's banner, whose name a later line may hold inside an item.
    public static func cut(in lines: [[UInt8]], searchable: Int, oldPageNames: ([UInt8]) -> Bool = { _ in false },
                           beginsPage: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in false },
                           isFirstLine: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in false },
                           isBanner: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in false }, anywhere: Bool = false,
                           lineAboveStart: Int? = nil, sentenceAboveMenus: Int? = nil, gluedHead: Int? = nil) -> (line: Int, start: Int)? {
        // The strongest kind of cut wins, then the earliest line: a weak sign in the old page's
        // footer must not win over the name in the glued line.
        var found: (line: Int, start: Int, strength: Int)? = nil
        for k in 0 ..< min(searchable, lines.count) {
            let after = lines[max(k + 1, lines.count - laterLines)...].filter { $0.count <= maxLineBytes }
            guard !after.isEmpty, lines[k].count <= maxLineBytes else { continue }
            // A platform's bare first line (`百家号`, `查看原文`) glued at the line's end: as sure.
            if platformFirstLineStrength > (found?.strength ?? -1), k < lines.count - 1,
               let start = lines[k].withUnsafeBufferPointer({ platformFirstLineStart($0) }) {
                found = (k, start, platformFirstLineStrength)
                continue
            }
            // A mobile page's back button glued after the old page, its app bar below: surer than a name.
            if backButtonStrength > (found?.strength ?? -1), let start = backButtonStart(lines[k], below: lines[(k + 1)...].prefix(backButtonBarLines), beginsPage: beginsPage) {
                found = (k, start, backButtonStrength)
                continue
            }
            if let (start, strength) = lines[k].withUnsafeBufferPointer({ cut(in: $0, later: after, oldPageNames: oldPageNames, beginsPage: beginsPage, isFirstLine: isFirstLine,
                                                                   isBanner: isBanner, anywhere: anywhere,
                                                                   aboveStart: k == lineAboveStart || k == sentenceAboveMenus || k == gluedHead) }),
               strength > (found?.strength ?? -1), !lines[k].withUnsafeBufferPointer({ isItemNumber(UnsafeBufferPointer(rebasing: $0[..<start])) }),
               !lines[k].withUnsafeBufferPointer({ namesFooterOwner(UnsafeBufferPointer(rebasing: $0[start...])) }) {
                found = (k, start, strength)
            }
        }
        return found.map { ($0.line, $0.start) }
    }

    /// Whether `tail`, read as the new page's first line, names a footer's owner (`…主办
    /// 某某县|政务数据中心承办`): it is the old page's footer, cut where a menu's item below
    /// recurs (`政务`); no page's first line holds these words.
    static func namesFooterOwner(_ tail: UnsafeBufferPointer<UInt8>) -> Bool {
        footerOwnerWords.contains { UTF8Bytes.contains(tail, $0) }
    }

    static let footerOwnerWords = [rightsReserved] + ["主办", "承办", "协办"].map { Array($0.utf8) }

    /// Where a mobile page's back button (`返回`, `< 返回`) glued after the old page's last line
    /// begins, when one of the lines below it is the page's app bar by a glued start's rule
    /// (`打开APP`; `beginsPage`): the two buttons of a mobile page's top bar (`…二十年。返回` above
    /// `打开APP`, a title, an app's byline). The button is too short to be a first line by itself.
    static func backButtonStart(_ p: [UInt8], below: ArraySlice<[UInt8]>, beginsPage: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int? {
        guard p.count > backButton.count, p.suffix(backButton.count).elementsEqual(backButton) else { return nil }
        // (Its arrow before it, `<`, spaces between.)
        var start = p.count - backButton.count, j = start
        while j > 0, p[j - 1] == 0x20 { j -= 1 }
        if j > 0, p[j - 1] == 0x3C { start = j - 1 }
        guard start > 0, !p.withUnsafeBufferPointer({ afterSeparator($0, at: start) }),
              below.contains(where: { line in line.withUnsafeBufferPointer { beginsPage($0) } }) else { return nil }
        return start
    }

    static let backButton = Array("返回".utf8)

    /// Where a platform's bare first line (`Resources/page-first-lines.txt`: `百家号`, `查看原文`,
    /// `美篇`, `分享`) glued at the end of the old page's last line begins: asked only of the head
    /// lines above a certain page start (a byline, a breadcrumb), which show that a page began.
    /// Such a line is too short for a glued name's rules (`nameGluedAfterEnd` needs four
    /// characters and a join), but nothing of a page's own text ends in it and heads a page
    /// below. After a footer's end (`endsFooter`: `…X3.5`, `…推荐`, a sentence's end) or a sure
    /// end, any of them; after other text, only those of three characters or more (`分享`, `美篇`
    /// may end a button's or a column's words), and not after a separator or in a field's value
    /// (`来源：某某百家号`).
    static func platformFirstLineStart(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard p.count <= maxLineBytes else { return nil }
        for word in platformFirstLines where p.count > word.count && RulePrefilter.hasSuffix(p, word) {
            let start = p.count - word.count
            let before = UnsafeBufferPointer(rebasing: p[..<start])
            // (A field's value ended by its suffix, an identifier after a colon, a link, a Latin
            // footer word, a sentence's end: the old page's end, whatever field it stands in.)
            if endsSurely(before) || endsFooter(before) { return start }
            let last = UTF8Bytes.scalar(p, endingAt: start).value
            guard BodyEdges.scalarCount(UnsafeBufferPointer(rebasing: p[start...])) > 2, !isSeparator(last), !afterOpening(p, at: start),
                  !containsFieldColon(before) else { continue }
            return start
        }
        return nil
    }

    /// Whether the text before a platform's first line is a field's value (`来源：某某百家号`,
    /// `作者:…`): a colon in its last item (after the last space or separator).
    static func containsFieldColon(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var j = p.count
        while j > 0 {
            let (v, start) = UTF8Bytes.scalar(p, endingAt: j)
            if isColon(v) { return true }
            if v == 0x20 || v == 0x3000 || v == 0x7C || v == 0xFF5C { return false }
            j = start
        }
        return false
    }

    /// The bare first lines of platforms' pages (`Resources/page-first-lines.txt`).
    static let platformFirstLines: [[UInt8]] = DataFile.byteLines("page-first-lines.txt")
    /// As strong as a name glued after a sure end.
    static let platformFirstLineStrength = 3
    /// As strong as a name glued after a sure end.
    static let backButtonStrength = 3
    /// The app bar stands right below the back button, or below the site's name.
    static let backButtonBarLines = 2

    /// The line above a certain page start (`start`, an index of `lines`; nil: none) that holds
    /// the page's first line glued after the old page's end (`headGluedAfterEnd`), read as surely
    /// as the line right above the start: going up over the new page's head (`isHeadLine`: a
    /// site's name, menus, a calendar, a search box) to the first line that is not one (the old
    /// page's last line, the new page's first glued to it), the nearest such line (the lines
    /// above it are the old page's, whose footer links read as ends too: `12388举报网站`). Only
    /// lines after the old page's text (`afterOldText`), at most `windowLines`; empty lines skipped.
    static func gluedHeadLine(above start: Int?, lines: (Int) -> [UInt8], afterOldText: (Int) -> Bool) -> Int? {
        guard let start else { return nil }
        var k = start - 1, seen = 0
        while k >= 0, seen < windowLines, afterOldText(k) {
            let line = lines(k)
            k -= 1
            if line.isEmpty { continue }
            seen += 1
            let found = line.withUnsafeBufferPointer { p in
                (head: isHeadLine(p), glued: p.count <= maxLineBytes && headGluedAfterEnd(p) != nil)
            }
            if found.glued { return k + 1 }
            guard found.head else { return nil }
        }
        return nil
    }

    /// A line of a page's head above its breadcrumb, with no sentence or clause mark: a menu, a
    /// calendar (`今天是：…`), or a line as short as a site's name (`桐江市第二实验中学`). A related
    /// list's title, a footer's contact line is longer; a footer's owner line (`版权所有：…`,
    /// `主办：…`, `©`) is none, however short (the buttons above it read as a glued name:
    /// `打印本页 关闭窗口`).
    static func isHeadLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        if isSponsorLine(p) { return true }
        guard p.count <= maxLineBytes, !BodyEdges.isSentence(p), !isCopyright(p),
              !RepeatedSiteLines.footerWords.contains(where: { UTF8Bytes.contains(p, $0) }) else { return false }
        return BodyEdges.scalarCount(p) <= maxShortHeadLineScalars || p.starts(with: today) || isShortItemBar(p) || CleanStage.isMenu(Array(p))
    }

    /// Where the new page's first line begins in a line above its start that holds it glued after
    /// the old page's end: a short name (`nameGluedAfterEnd`), or a longer head line, a menu or a
    /// list of short items (`isHeadListLine`: `首页 | 政协概况 | …`, a keyword line `梓川县统计局,梓川统计
    /// 信息网,…`), right after a footer's end (`endsFooter`: `…技术支持：某某信息中心`, `…微信公众号`),
    /// at a Han character or a page's opening mark not after a separator. The first such join wins.
    /// (A line that is a head line whole, a menu, holds no join: `首页 | 新闻发布|会 | …` after `发布`.
    /// The old page's part holds no sentence mark: its last line is a footer's, never an article's.)
    static func headGluedAfterEnd(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        if let name = nameGluedAfterEnd(p) { return name }
        guard !isHeadLine(p) else { return nil }
        var i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if i > 0, ScalarClass.isHan(v) || CleanStage.opensPage(v), !afterSeparator(p, at: i),
               case let before = UnsafeBufferPointer(rebasing: p[..<i]), endsFooter(before), !BodyEdges.isSentence(before),
               isHeadListLine(UnsafeBufferPointer(rebasing: p[i...])), !holdsSpamBanner(before) {
                return i
            }
            i += length
        }
        return nil
    }

    /// A head line longer than a name: a menu or a bar's short items (`isShortItemBar`) with no
    /// sentence mark, or a keyword line (`HeadlessPageStart.isKeywordList`: short items between
    /// commas, which read as a clause's); no footer's words.
    static func isHeadListLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !RepeatedSiteLines.footerWords.contains(where: { UTF8Bytes.contains(p, $0) }) else { return false }
        if !BodyEdges.isSentence(p) { return isShortItemBar(p) || CleanStage.isMenu(Array(p)) }
        return HeadlessPageStart.isKeywordList(p)
    }

    /// A site's sponsor line under its name (`某某市精神文明建设指导委员会办公室主办`): Han characters
    /// only, at most `maxSponsorScalars`, ending in `主办`. A footer's owner line has a colon
    /// (`主办：…`) or more words (`某某日报社主办　版权所有`).
    static func isSponsorLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count > sponsorWord.count, p.count <= 3 * maxSponsorScalars, RulePrefilter.hasSuffix(p, sponsorWord) else { return false }
        var i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            guard ScalarClass.isHan(v) else { return false }
            i += length
        }
        return true
    }

    static let sponsorWord = Array("主办".utf8)
    static let maxSponsorScalars = 24

    /// Three or more items between bars (`|`, `｜`), each as short as a head line, spaces aside
    /// (`新闻综合频道 | 公共频道 | FM98.6 某某之声`), punctuation allowed: a channel list. (A glued
    /// line's first item is longer: `…测评体系设为首页 | 加入收藏`.)
    static func isShortItemBar(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var items = 1, scalars = 0, i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if v == 0x7C || v == 0xFF5C {
                items += 1
                scalars = 0
            } else if v != 0x20 && v != 0x3000 {
                scalars += 1
                if scalars > maxShortHeadLineScalars { return false }
            }
            i += length
        }
        return items >= 3
    }

    /// A site's name, a calendar or a button: a head line or a bar's item this short (a related
    /// list's title is longer: `北塘区举行文明家庭表彰大会`).
    static let maxShortHeadLineScalars = 12

    /// The best cut in one line: the position whose text begins the longest run found at an
    /// item start of a later line (at least `minMatchHan` Han characters); the earliest on a tie.
    /// Failing that (a weaker cut: its strength says which, 2 to 0), the first position whose text begins a page by its form (a menu or trail
    /// opening with the home page's link, markup, `beginsPage`), then a menu's first item as long
    /// as its others (`uniformMenuStart`).
    static func cut(in p: UnsafeBufferPointer<UInt8>, later: [[UInt8]], oldPageNames: ([UInt8]) -> Bool = { _ in false },
                    beginsPage: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in false }, isFirstLine: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in false },
                    isBanner: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in false }, anywhere: Bool = false, aboveStart: Bool = false) -> (start: Int, strength: Int)? {
        // Right above the start, a copyright's owner the old page names elsewhere ends it too.
        func nameGluedAboveStart() -> Int? { headGluedAfterEnd(p) ?? nameGluedAfterCopyrightOwner(p, oldPageNames: oldPageNames) }
        // The old page's last sentence may only end in the new page's glued name.
        // After a sure end, any page's first line short of a sentence (`…技术部欢迎来到某某文库！ |
        // 帮助中心`, a title with digits) begins the page, as where no head shows one (`HeadlessPageStart`).
        if let sure = HeadlessPageStart.start(in: p) { return (sure, 3) }
        // A site's greeting glued after the old page's last text begins the page by its form,
        // whatever the head repeats (`…公网安备42092502000123号今天是：　欢迎访问澄湖市人大常委会网站！`).
        if let greeting = gluedGreetingStart(p) { return (greeting, 3) }
        // A news app's top bar glued after the old page's last line (`…分辨率浏览打开“掌上某某”
        // 阅读体验更佳`): the prompt ends the line, so it is the new page's first line.
        // (On a line of its own it may stand under the page's banner: no cut by it there.)
        if let prompt = appPromptStart(p), prompt > 0 { return (prompt, 3) }
        guard !BodyEdges.isSentence(p) else {
            // A spam banner glued after the old page's last sentence, a later item of which reads
            // as a name glued after an end (`…联系删除。大发快三 | … | 彩票app下载 | 彩票网页版登录入口`,
            // after `app`): the page began at the banner.
            if aboveStart { return nameGluedAboveStart().map { glued in (spamBannerStart(p).flatMap { $0 < glued ? $0 : nil } ?? glued, 3) } }
            // A notice ending in a sure end, before its mark or not (`…如有侵权请联系删除。`), is the
            // old page's last line: a name glued after it (`某某网—某某最具人气本地门户 …`) begins the page.
            if let name = nameGluedAfterEnd(p, ends: endsNoticeSurely) { return (name, 3) }
            // Higher up, a short line with only a comma may end in a site's name and slogan glued
            // after a sure end (`…出品知道吧 - 有问题，就上知道吧`); no other cut there (a title's).
            return BodyEdges.isArticleLine(p) ? nil : nameGluedAfterEnd(p, ends: endsPageSurely).map { ($0, 2) }
        }
        var best: (start: Int, length: Int)? = nil
        var opening: Int? = nil, bannerStart: Int? = nil
        var i = 0, scalarsBefore = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if scalarsBefore >= 2, scalarsAfter(p, from: i) >= minFirstLineScalars, ScalarClass.isHan(v) || CleanStage.opensPage(v) || latinAfterHan(p, at: i, v), !afterSeparator(p, at: i),
               !afterOpening(p, at: i) {
                let rest = UnsafeBufferPointer(rebasing: p[i...])
                // After a footer's words (`…版权所有河西区…`) the name may be the old site's: only
                // a longer run (a name and more) cuts there.
                let afterFooter = !RepeatedSiteLines.mayFollow(p, at: i) || insideFooterField(p, at: i)
                // The home page's link recurs in every trail: no name (`设为首页 | 加入收藏` above `首页 >> …`).
                let opensSite = opensSite(rest)
                let isHome = homeWords.contains { rest.starts(with: $0) }
                let run = isHome ? 0 : later.reduce(0) { m, line in max(m, line.withUnsafeBufferPointer { longestItemMatch(rest, in: $0) }) }
                if run > (best?.length ?? 0), !afterFooter || run >= minRunAfterFooter, !oldPageNames(name(at: i, in: p)) { best = (i, run) }
                // A site's banner (`沙溪县人民政府`) whose name the head repeats inside an item
                // (`走进沙溪`): the name's first two characters, found anywhere, begin it.
                if bannerStart == nil, !afterFooter, ScalarClass.isHan(v), later.contains(where: { line in line.withUnsafeBufferPointer { UTF8Bytes.contains($0, name(at: i, in: p)) } }),
                   !oldPageNames(name(at: i, in: p)), isBanner(rest) {
                    bannerStart = i
                }
                // A title's words in the lead: no name, so the old page may hold them too.
                let before = UTF8Bytes.scalar(p, endingAt: i).value
                let lead = anywhere ? later.reduce(0) { m, line in max(m, line.withUnsafeBufferPointer { longestMatchAnywhere(rest, in: $0, notAfter: before) }) } : 0
                if lead > (best?.length ?? 0), !afterFooter { best = (i, lead) }
                // A page's Latin first line glued after Han text (`…材料Untitled Document`), by its rule.
                // (`网站首页 | …` opens with the home page's link whole: no cut between 网站 and 首页.)
                if opening == nil, !afterFooter, !afterSiteName(p, at: i), (opensSite && !afterSiteWord(p, at: i)) || beginsPage(rest) || (latinAfterHan(p, at: i, v) && isFirstLine(rest)) { opening = i }
            }
            scalarsBefore += 1
            i += length
        }
        // Right above a certain page start, a short name glued after a link or a footer's end.
        // Higher up (a menu or a calendar line between it and the page start), only a site's
        // banner by its form (`…RSS 订阅沣岭镇人民政府`), not after a footer's words: a footer's own
        // buttons read as a name too (`打印本页 关闭窗口`, `分享让更多人看到`).
        // A credit's or a footer field's value ended by its own suffix (`责编：气象网编辑`,
        // `技术支持：某某网络中心`) is as sure a join there: a name in such a field ends there.
        let glued = aboveStart ? nameGluedAboveStart() : nameGluedAfterEnd(p).flatMap { i in
            endsFieldValue(UnsafeBufferPointer(rebasing: p[..<i]))
                || (RepeatedSiteLines.mayFollow(p, at: i) && !insideFooterField(p, at: i) && isBanner(UnsafeBufferPointer(rebasing: p[i...]))) ? i : nil
        }
        // Its form is a surer sign than two characters some later item begins with (`工作部署会`
        // above `首页 > 经验分享 > 工作计划`), there or on a line above; so is it than a run found
        // inside the name it begins (`写留言清风兰泽——中共兰泽县纪律…`: not at `县纪律`).
        if let glued, (best?.length ?? 0) < minRunAfterFooter || best.map({ $0.start > glued }) == true { return (glued, 3) }
        // After an end that nothing of the old page follows (an identifier's digits, `写留言`), a
        // name glued begins the page on any line of the head, not only right above its start,
        // and whatever the head repeats before it: that text is the old page's (a site's next
        // page names the same county: `…滨江县融媒体中心出品` above `滨江县融媒体中心 2024-09-02`).
        if let sure = nameGluedAfterEnd(p, ends: endsPageSurely) { return (sure, 3) }
        if let spam = spamBannerStart(p) { return (spam, 3) }
        // Right above the start, with nothing the head repeats but two characters (`工作` of a title's
        // `工作汇报` in `范文 > 工作报告`, which also reads as a banner's name from there): a site's name
        // by its form after a related list's last title (`…工作汇报材料公文写作网`), unless the whole
        // line is the new page's banner (`某某市人民政府网`).
        if aboveStart, (best?.length ?? 0) < minRunAfterFooter, !isBanner(p),
           let name = RelatedTitleBannerStart.start(in: p) { return (name, 2) }
        let weak = opening
        let found = best.map { ($0.start, 2) } ?? bannerStart.map { ($0, 2) } ?? weak.map { ($0, 1) } ?? uniformMenuStart(p).map { ($0, 0) }
        guard let (start, strength) = found else { return nil }
        return (openingTag(before: start, in: p) ?? start, strength)
    }

    /// Where a site's greeting glued after other text begins: `欢迎访问…网站！`, `欢迎来到…文库!`,
    /// after `您好，` or a calendar's `今天是：` (its date, if any, a script's output), the greeting
    /// naming a site (its name ends in `网`, `网站`, `门户`, `平台`, `论坛`, `文库`) and followed by
    /// `！` and no sentence. The text before is the old page's, ended as a footer or a sentence
    /// ends (`endsFooter`: a registration number, `。`, a closing word) or by a button's Han
    /// characters (`立即升级　暂不升级`), not by a separator, a comma or a footer's word (a
    /// greeting after a space or a comma is the line's own: `市民说，欢迎访问…`).
    static func gluedGreetingStart(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard p.count <= maxLineBytes, let hit = UTF8Bytes.firstIndex(of: welcome, in: p), hit > 0 else { return nil }
        if let named = nameFirstGreetingStart(p, welcomeAt: hit) { return named }
        let start = greetingStart(p, welcomeAt: hit)
        guard start > 0, !afterSeparator(p, at: start), namesSite(UnsafeBufferPointer(rebasing: p[(hit + welcome.count)...])) else { return nil }
        let before = UnsafeBufferPointer(rebasing: p[..<start])
        guard endsFooter(before) || (ScalarClass.isHan(UTF8Bytes.scalar(before, endingAt: start).value) && RepeatedSiteLines.mayFollow(p, at: start)) else { return nil }
        return start
    }

    /// A greeting that names its site first (`大塘乡人民政府欢迎您！`, `某某网欢迎你！　今天是：…`), the
    /// form township and county portals print above their menu: `欢迎您` or `欢迎你`, then `！` (or
    /// spaces and a calendar's `今天是`) and no sentence after it, the name before it two to
    /// `maxGreetingNameScalars` Han characters glued after a footer's or a sentence's end
    /// (`endsFooter`: `…版权所有 ©1997-2024`, `…号`, `。`). Where the name begins is that end, the
    /// earliest one in the Han run; with no end there (`我们热烈欢迎您！` after a comma or a colon), or
    /// after an article's sentence (`…。武汉欢迎您！`), it is the line's own.
    static func nameFirstGreetingStart(_ p: UnsafeBufferPointer<UInt8>, welcomeAt hit: Int) -> Int? {
        guard greetsYou(p, welcomeAt: hit) else { return nil }
        let (low, scalars) = hanRun(before: hit, in: p)
        var i = low, left = scalars
        while left >= 2 {
            let before = UnsafeBufferPointer(rebasing: p[..<i])
            // After an article's sentence the greeting is the article's (`…。武汉欢迎您！`).
            if i > 0, !afterSeparator(p, at: i), endsFooter(before) {
                return sentenceEnds.contains(UTF8Bytes.scalar(before, endingAt: i).value) && BodyEdges.isArticleLine(before)
                    && !endsSurelyBeforeMark(before) ? nil : i
            }
            i += UTF8Bytes.scalar(p, at: i).length
            left -= 1
        }
        return nil
    }

    /// Where a news app's top-bar prompt glued at the end of a line begins (`…建议使用1366×768以上
    /// 分辨率浏览打开“掌上某某” 阅读体验更佳`, `…号-2打开某某新闻，阅读体验更佳`): the line ends in
    /// `阅读体验更佳` (or `更好`, a `！` after it), and the nearest `打开` or `下载` before it,
    /// at most `maxAppPromptScalars` away with no sentence mark between, begins the prompt. A
    /// page's own lines never end in an app's prompt with text glued before it: the prompt is the
    /// new page's top bar. After a separator or a space (a bar's last item, `关于我们 | 打开APP…`)
    /// or an opening quote, the prompt is the line's own; a browser note (`建议使用新版浏览器，阅读
    /// 体验更佳`) is a footer's. 0: the line is the prompt alone.
    static func appPromptStart(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard p.count <= maxLineBytes else { return nil }
        var end = p.count
        while end > 0, case let (v, s) = UTF8Bytes.scalar(p, endingAt: end), v == 0x21 || v == 0xFF01 || v == 0x20 || v == 0x3000 { end = s }
        guard let closing = appPromptEnds.first(where: { RulePrefilter.hasSuffix(UnsafeBufferPointer(rebasing: p[..<end]), $0) }) else { return nil }
        var j = end - closing.count, scalars = 0
        while j > 0, scalars <= maxAppPromptScalars {
            let (v, s) = UTF8Bytes.scalar(p, endingAt: j)
            if sentenceEnds.contains(v) { return nil }
            if let opening = appPromptOpenings.first(where: { RulePrefilter.hasSuffix(UnsafeBufferPointer(rebasing: p[..<j]), $0) }) {
                let start = j - opening.count
                guard start == 0 || (!afterSeparator(p, at: start) && !afterOpening(p, at: start)) else { return nil }
                return start
            }
            j = s
            scalars += 1
        }
        return nil
    }

    static let appPromptEnds = ["阅读体验更佳", "阅读体验更好"].map { Array($0.utf8) }
    static let appPromptOpenings = ["打开", "下载"].map { Array($0.utf8) }
    /// An app's name and its quotes between the opening word and `阅读体验更佳` (`“掌上某某” `).
    static let maxAppPromptScalars = 16

    /// Whether a sentence ends in a sure end before its mark (`…如有侵权请联系删除。`, a site's
    /// notice): the old page's last line, however much it reads as an article's sentence.
    static func endsSurelyBeforeMark(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        let (v, s) = UTF8Bytes.scalar(before, endingAt: before.count)
        return sentenceEnds.contains(v) && endsPageSurely(UnsafeBufferPointer(rebasing: before[..<s]))
    }

    /// Whether `before` ends surely (`endsPageSurely`), or in a sentence that does so before its
    /// mark (`…如有侵权请联系删除。`, `endsSurelyBeforeMark`).
    static func endsNoticeSurely(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        endsPageSurely(before) || endsSurelyBeforeMark(before)
    }

    /// A line that is a name-first greeting alone (`大塘乡人民政府欢迎您！　今天是：…`): a page's first line.
    static func isNameFirstGreeting(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let hit = UTF8Bytes.firstIndex(of: welcome, in: p), hit > 0, greetsYou(p, welcomeAt: hit) else { return false }
        let (low, scalars) = hanRun(before: hit, in: p)
        return low == 0 && scalars >= 2
    }

    /// After the `欢迎` at `hit`: `您` or `你`, then `！` or spaces and a calendar's `今天是`, and no `。`.
    static func greetsYou(_ p: UnsafeBufferPointer<UInt8>, welcomeAt hit: Int) -> Bool {
        var after = hit + welcome.count
        guard let you = welcomedYou.first(where: { UnsafeBufferPointer(rebasing: p[after...]).starts(with: $0) }) else { return false }
        after += you.count
        let rest = UnsafeBufferPointer(rebasing: p[after...])
        var j = 0
        while j < rest.count, case let (w, n) = UTF8Bytes.scalar(rest, at: j), w == 0x20 || w == 0x3000 { j += n }
        let closed = rest.first == 0x21 || rest.starts(with: fullWidthBang) || (j > 0 && UnsafeBufferPointer(rebasing: rest[j...]).starts(with: today))
        return closed && !UTF8Bytes.contains(rest, BodyEdges.fullStop)
    }

    /// The Han run right before `end`, at most `maxGreetingNameScalars` long: where it begins, and its length.
    static func hanRun(before end: Int, in p: UnsafeBufferPointer<UInt8>) -> (start: Int, scalars: Int) {
        var low = end, scalars = 0
        while low > 0, scalars < maxGreetingNameScalars {
            let (v, start) = UTF8Bytes.scalar(p, endingAt: low)
            guard ScalarClass.isHan(v) else { break }
            low = start
            scalars += 1
        }
        return (low, scalars)
    }

    /// Where the greeting whose `欢迎` stands at `hit` begins: a `您好，` before it, and a
    /// calendar's `今天是：` before that.
    static func greetingStart(_ p: UnsafeBufferPointer<UInt8>, welcomeAt hit: Int) -> Int {
        var start = hit
        for opening in greetingOpenings where RulePrefilter.hasSuffix(UnsafeBufferPointer(rebasing: p[..<start]), opening) {
            start -= opening.count
            break
        }
        return calendarStart(before: start, in: p) ?? start
    }

    /// After `欢迎`: `访问`, `来到` or `光临`, a site's name (at most `maxGreetingNameScalars`
    /// scalars, no punctuation) ending in a site's word, then `！` (or spaces and a calendar's
    /// `今天是`); what follows holds no `。`.
    static func namesSite(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let verb = greetingVerbs.first(where: { p.starts(with: $0) }) else { return false }
        var i = verb.count, scalars = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if v == 0xFF01 || v == 0x21 {
                let name = UnsafeBufferPointer(rebasing: p[verb.count ..< i])
                return scalars >= 2 && siteWords2.contains { RulePrefilter.hasSuffix(name, $0) }
                    && !UTF8Bytes.contains(UnsafeBufferPointer(rebasing: p[i...]), BodyEdges.fullStop)
            }
            // Or a portal's calendar after the name and spaces, no `！` (`欢迎访问某某人大常委会网站　今天是：…`).
            if v == 0x20 || v == 0x3000 {
                let name = UnsafeBufferPointer(rebasing: p[verb.count ..< i])
                var j = i
                while j < p.count, case let (w, n) = UTF8Bytes.scalar(p, at: j), w == 0x20 || w == 0x3000 { j += n }
                return scalars >= 2 && siteWords2.contains { RulePrefilter.hasSuffix(name, $0) }
                    && UnsafeBufferPointer(rebasing: p[j...]).starts(with: today)
                    && !UTF8Bytes.contains(UnsafeBufferPointer(rebasing: p[j...]), BodyEdges.fullStop)
            }
            guard ScalarClass.isHan(v) || isLatinLetter(v) || (v >= 0x30 && v <= 0x39), scalars < maxGreetingNameScalars else { return false }
            scalars += 1
            i += length
        }
        return false
    }

    /// Where a calendar's `今天是：` (and its date) right before `i` begins (`今天是：　`, `今天是:2024年10月25日 星期五 `).
    static func calendarStart(before i: Int, in p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let at = UTF8Bytes.firstIndex(of: today, in: UnsafeBufferPointer(rebasing: p[..<i])) else { return nil }
        // Between: a colon, spaces, a date with its weekday: nothing with a comma or a sentence.
        let between = UnsafeBufferPointer(rebasing: p[(at + today.count) ..< i])
        guard BodyEdges.scalarCount(between) <= maxCalendarScalars, !UTF8Bytes.contains(between, BodyEdges.fullStop),
              !between.contains(0x2C), !UTF8Bytes.contains(between, SpamLines.fullWidthComma) else { return nil }
        return at
    }

    static let welcome = Array("欢迎".utf8)
    static let today = Array("今天是".utf8)
    static let welcomedYou = ["您", "你"].map { Array($0.utf8) }
    static let fullWidthBang = Array("！".utf8)
    static let greetingOpenings = ["您好，", "你好，", "您好！", "你好！", "您好,", "你好,", "您好!", "你好!"].map { Array($0.utf8) }
    static let greetingVerbs = ["访问", "来到", "光临"].map { Array($0.utf8) }
    static let siteWords2 = ["网", "网站", "門戶", "门户", "平台", "论坛", "文库", "文档", "網", "網站"].map { Array($0.utf8) }
    static let maxGreetingNameScalars = 20
    static let maxCalendarScalars = 20

    /// Where a page's first line, a short name (`公文素材库`, `资讯中心 - 职场范文网`, `龙腾资讯网 首页
    /// 社会 民生`), begins when glued after the old page's last line with nothing marking the join:
    /// asked only of the line right above a certain page start (a breadcrumb), whose site name
    /// need not recur below. The join: after a footer's link (`联系客服`, `RSS 订阅`; the table
    /// `page-end-links.txt`), a registration number (`粤ICP备19054321号`), a Latin word ending a
    /// footer (`All Rights Reserved`, `Gzip enabled`, `3187.html`), a closing bracket or a
    /// sentence's end (`…不得转载。公文素材库`). The first such join whose whole tail reads as a
    /// name wins.
    static func nameGluedAfterEnd(_ p: UnsafeBufferPointer<UInt8>,
                                  ends: (UnsafeBufferPointer<UInt8>) -> Bool = endsFooter) -> Int? {
        // The tail is a name to the end: only the last `maxGluedNameScalars` name characters may
        // begin it (a sentence line is searched from its end, not along its length).
        var low = p.count, scalars = 0
        while low > 0, scalars < maxGluedNameScalars {
            let (v, start) = UTF8Bytes.scalar(p, endingAt: low)
            guard ScalarClass.isHan(v) || isTitleBarSeparator(v) || isComma(v) || isTitleQuote(v) else { break }
            low = start
            scalars += 1
        }
        var i = low
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if i > 0, ScalarClass.isHan(v) || isOpeningTitleQuote(v), ends(UnsafeBufferPointer(rebasing: p[..<i])), isGluedName(UnsafeBufferPointer(rebasing: p[i...])) {
                // A spam banner's item after a Latin word of its own (`…北京赛车pk10 | 彩票app下载 | 彩票
                // 网页版登录入口`): the banner's, not a page's name; the banner begins the page.
                if holdsSpamBanner(UnsafeBufferPointer(rebasing: p[..<i])) { return nil }
                return endsFieldValue(UnsafeBufferPointer(rebasing: p[..<i])) ? lastFieldValueEnd(p, after: i) : i
            }
            i += length
        }
        return nil
    }

    /// Whether `before` holds a spam banner's words (`minSpamWords` of `Resources/spam-words.txt`)
    /// after its last clause mark: a name glued inside it is one of the banner's items.
    static func holdsSpamBanner(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        let tail = UnsafeBufferPointer(rebasing: before[afterLastClauseMark(before)...])
        return SpamLines.standard.automaton.literals(in: tail).nonzeroBitCount >= minSpamWords
    }

    /// Where a name glued after a copyright's owner begins (`Copyright © 2025 某某百科神州政务网`):
    /// the owner, Han characters after the sign or the word and its years, is the longest of
    /// them that the old page names elsewhere (`oldPageNames`: its banner, `某某百科 - 开放的百科
    /// 知识库`), a site's name; a name (`isGluedName`) after it is the next page's.
    static func nameGluedAfterCopyrightOwner(_ p: UnsafeBufferPointer<UInt8>, oldPageNames: ([UInt8]) -> Bool) -> Int? {
        // After the last sign (or word).
        var sign: Int? = nil
        for mark in [copyrightSign, copyrightWord] where sign == nil {
            var from = 0
            while let at = UTF8Bytes.firstIndex(of: mark, in: UnsafeBufferPointer(rebasing: p[from...])) {
                from += at + mark.count
                sign = from
            }
        }
        guard let sign else { return nil }
        // Between the sign and the owner: spaces, years, dashes, the word after the sign.
        var i = sign
        while i < p.count, case let (v, length) = UTF8Bytes.scalar(p, at: i),
              v == 0x20 || v == 0x3000 || v == 0x2D || (v >= 0x30 && v <= 0x39) || isLatinLetter(v) || v == 0xA9 { i += length }
        let owner = i
        var end: Int? = nil, han = 0
        while i < p.count, han < maxOwnerHan {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            guard ScalarClass.isHan(v) else { break }
            i += length
            han += 1
            if han >= minMatchHan, oldPageNames(Array(p[owner ..< i])) { end = i }
        }
        guard let end, end < p.count, isGluedName(UnsafeBufferPointer(rebasing: p[end...])) else { return nil }
        return end
    }

    /// A copyright's owner is a site's or a company's name, this many Han characters at most.
    static let maxOwnerHan = 12

    /// Whether `before` ends in a sure end (`endsPageSurely`) or a footer field's value ended by
    /// its own suffix (`技术支持：某某中心`): nothing of the old page follows either.
    static func endsSurely(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !before.isEmpty else { return false }
        if endsPageSurely(before) { return true }
        return valueEndLastScalars.contains(UTF8Bytes.scalar(before, endingAt: before.count).value) && endsFieldValue(before)
    }

    /// Whether `before` ends the old page.
    static func endsFooter(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        let (last, lastStart) = UTF8Bytes.scalar(before, endingAt: before.count)
        let second = lastStart > 0 ? UTF8Bytes.scalar(before, endingAt: lastStart).value : 0
        // A bare Latin word is a site's own name (`CCTV新闻`), no footer before it.
        if isLatinLetter(last) { return !before.allSatisfy { isLatinLetter(UInt32($0)) } }
        if sentenceEnds.contains(last) || (closingQuotes.contains(last) && sentenceEnds.contains(second)) { return true }
        if last == 0x29 || last == 0xFF09 || last == 0x5D || last == 0x3011 { return true }
        // A date or a time in digits ends a feed's item or a footer's stamp (`09:30:00 +0800`,
        // `更新时间：2024-05-12`): digits after `+`, `-`, `:` or `/`.
        if last >= 0x30 && last <= 0x39 { return endsInDigitStamp(before) || endsPageSurely(before) }
        // `号` after digits ends a registration number (`ICP备…号`, `公网安备…号`); after no digit,
        // a link may (`公众号`, in the links' table below).
        if last == 0x53F7, second >= 0x30 && second <= 0x39 { return true }
        // (Only a line ending in a sure end's last byte can end in one: most lines are not asked.)
        if let b = before.last, sureEndLastBytes.contains(b), endsPageSurely(before) { return true }
        if valueEndLastScalars.contains(last), endsFieldValue(before) { return true }
        // The cheap test first: the last character of some link (asked at every Han character of a head line's tail).
        guard endLinkLastScalars.contains(last) else { return false }
        return endLinks.contains { link in before.count >= link.count && before[(before.count - link.count)...].elementsEqual(link) }
    }

    /// Where a spam banner glued after the old page's last line begins (`…表彰大会澳门威尼斯人娱乐
    /// 官网_金沙娱乐城_百家乐平台`): at its first spam word (`Resources/spam-words.txt`), with the
    /// `澳门` that casinos' names begin with, glued right after the old page's Han text; or, in the
    /// same item, right after a footer's end (`…发布五分彩开奖走势图 北京赛车pk10计划 棋牌游戏`). The
    /// text from there holds `minSpamWords` spam words and no `，`/`。`; the text before, none.
    /// After a line's last clause, only right after a footer's end.
    static func spamBannerStart(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        let automaton = SpamLines.standard.automaton
        // A line with a sentence or a clause (`，`, `。`) is looked in only after the last: the old
        // page's footer notice may end in a number the banner is glued after
        // (`…请与本网联系。电话：029-63901234六合彩开奖结果直播_…`), never a clause of its own.
        let from = afterLastClauseMark(p)
        let tail = UnsafeBufferPointer(rebasing: p[from...])
        // The words found in one pass (most head lines hold none); where the first of them stands.
        var found = automaton.literals(in: tail)
        guard found.nonzeroBitCount >= minSpamWords else { return nil }
        var first = p.count
        while found != 0 {
            let k = found.trailingZeroBitCount
            found &= found - 1
            if let at = UTF8Bytes.firstIndex(of: automaton.literals[k], in: tail) { first = min(first, from + at) }
        }
        guard first < p.count else { return nil }
        var start = first
        if RulePrefilter.hasSuffix(UnsafeBufferPointer(rebasing: p[..<start]), casinoOpening) { start -= casinoOpening.count }
        // The old page's last text, then the banner's first item: a footer's end in that item,
        // which may come before the first spam word's (`五分彩开奖走势图 北京赛车`).
        let separator = bannerSeparator(after: first, in: p)
        var j = start, crossed = false
        while j > 0 {
            let (v, s) = UTF8Bytes.scalar(p, endingAt: j)
            if isSeparator(v) {
                guard v == separator, !crossed, j == start else { break }
                crossed = true
                j = s
                continue
            }
            // (A short Latin word glued to Han text is the banner item's own, `亚洲AV无码…`, no
            // footer's last word as `Reserved` is.)
            if s > 0, !endsInShortLatinWord(UnsafeBufferPointer(rebasing: p[..<j])), endsFooter(UnsafeBufferPointer(rebasing: p[..<j])),
               ScalarClass.isHan(UTF8Bytes.scalar(p, at: j).value) { return j }
            if j <= from { break }
            j = s
        }
        // A lottery banner whose first items no list holds (`…联系删除。大发快三 | 幸运飞艇 | 北京赛车pk10 | …`).
        if let walked = bannerItemsStart(p, first: first, from: from) { return walked }
        // After a clause, only a footer's end right before the banner's item begins it.
        if from > 0 { return nil }
        // Glued with no end between: the old page's last item (a link's title) is longer than the
        // few characters a spam line's first item may hold before its first listed word (`网上赌场开户送彩金`).
        guard start > 0, BodyEdges.scalarCount(UnsafeBufferPointer(rebasing: p[j ..< start])) >= minGluedItemScalars,
              ScalarClass.isHan(UTF8Bytes.scalar(p, endingAt: start).value) else { return nil }
        // Glued to an item of the banner itself, after the separator its items are joined by
        // (`亚洲精品一区二区三区|免费高清在线观看|…`: a spam line of the old page): no cut.
        if !crossed, j > 0, UTF8Bytes.scalar(p, endingAt: j).value == separator { return nil }
        return start
    }

    /// Where a spam banner begins whose first items are no listed spam words (`…如有侵权请联系删除。
    /// 大发快三 | 幸运飞艇 | 北京赛车pk10 | 时时彩计划`: lottery names change from site to site): walking
    /// back from the first listed word (at `first`) over the items before it, each as short as a
    /// spam banner's item (`maxSpamItemScalars`) and joined by the same separators as the first
    /// join, to a footer's end glued before an item (`endsFooter`, a short Latin word aside). Not
    /// before `from` (the line's last clause mark); at most `maxSpamItems` items.
    static func bannerItemsStart(_ p: UnsafeBufferPointer<UInt8>, first: Int, from: Int) -> Int? {
        var j = first, join: Slice<UnsafeBufferPointer<UInt8>>? = nil
        for _ in 0 ..< maxSpamItems {
            // The join before the item: a run of separators, the same at every item.
            var k = j
            while k > from, isSeparator(UTF8Bytes.scalar(p, endingAt: k).value) { k = UTF8Bytes.scalar(p, endingAt: k).start }
            guard k < j, k > from else { return nil }
            if let join, !join.elementsEqual(p[k ..< j]) { return nil }
            join = p[k ..< j]
            // The item before it, walked back to its first character or a footer's end inside it.
            var scalars = 0
            j = k
            while j > 0, !isSeparator(UTF8Bytes.scalar(p, endingAt: j).value) {
                let (_, s) = UTF8Bytes.scalar(p, endingAt: j)
                j = s
                scalars += 1
                if scalars > maxSpamItemScalars || j < from { return nil }
                let before = UnsafeBufferPointer(rebasing: p[..<j])
                if j > 0, ScalarClass.isHan(UTF8Bytes.scalar(p, at: j).value), !endsInShortLatinWord(before), endsFooter(before) { return j }
                if j == from { return nil }
            }
        }
        return nil
    }

    /// A spam banner's item (`北京赛车pk10`, `彩票网页版登录入口`) holds at most this many characters.
    static let maxSpamItemScalars = 10
    /// Items walked back over before the first listed spam word.
    static let maxSpamItems = 4

    /// The byte after the line's last `，` or `。` (0: none).
    static func afterLastClauseMark(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var i = p.count
        while i >= 3 {
            if (p[i - 1] == 0x8C && p[i - 2] == 0xBC && p[i - 3] == 0xEF) || (p[i - 1] == 0x82 && p[i - 2] == 0x80 && p[i - 3] == 0xE3) { return i }
            i -= 1
        }
        return 0
    }

    /// Whether `before` ends in a Latin word of at most `maxBannerLatinLetters` letters after Han
    /// text (`亚洲AV`).
    static func endsInShortLatinWord(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = before.count
        while i > 0, isLatinLetter(UInt32(before[i - 1])) { i -= 1 }
        return before.count - i >= 1 && before.count - i <= maxBannerLatinLetters && i > 0 && before[i - 1] >= 0x80
    }

    static let maxBannerLatinLetters = 2

    /// The first separator after `i`: the one a banner's items are joined by (`_`, `|`, a space).
    static func bannerSeparator(after i: Int, in p: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var k = i
        while k < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: k)
            if isSeparator(v) { return v }
            k += length
        }
        return nil
    }

    /// The old page's last item before a spam banner glued with no end between holds this many characters.
    static let minGluedItemScalars = 6
    /// A glued spam banner holds this many different spam words (a whole spam line, `SpamLines`, three).
    static let minSpamWords = 2
    static let casinoOpening = Array("澳门".utf8)

    /// Whether `before` ends the old page beyond doubt, so that a name glued after it is the next
    /// page's wherever the head below shows a page began: a registration number with its site
    /// number (`湘ICP备09012345号-2`; a bare `…号` may go on, `…号楼`), an identifier of digits
    /// after a field's colon (`网站标识码:5304000017`, `总访问:58216`: five digits or more, where
    /// a time has two), words that close a page (`写留言`, `…融媒体中心出品`, a forum's `Gzip enabled`;
    /// `Resources/page-closing-words.txt`), or `版权所有` after its owner's name.
    static func endsPageSurely(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let last = before.last else { return false }
        if last >= 0x30 && last <= 0x39 {
            var i = before.count
            while i > 0, before[i - 1] >= 0x30, before[i - 1] <= 0x39 { i -= 1 }
            guard i > 0 else { return false }
            if before[i - 1] == 0x2D { return RulePrefilter.hasSuffix(UnsafeBufferPointer(rebasing: before[..<(i - 1)]), registrationEnd) && before.count - i <= 2 }
            if before[i - 1] == 0x2E { return endsEngineCredit(before) }
            return before.count - i >= minIdentifierDigits && isColon(UTF8Bytes.scalar(before, endingAt: i).value)
        }
        // A page's closing markup (`</nav>`, `</html>`) or a forum's Latin footer (`Gzip enabled`,
        // `Comsenz Inc.`; page-closing-words.txt).
        // Or a page's own link ending a field (`本文链接：https://…/3187.html`, `PageLinkEnd`).
        if last < 0x80 { return (sureEndLastBytes.contains(last) && closingWords.contains { RulePrefilter.hasSuffix(before, $0) }) || PageLinkEnd.endsInPageLink(before) }
        // `版权所有` with its owner named before it (`百川文库网站版权所有`); with no owner before
        // (`版权所有：`, `版权所有某某网`) the owner may follow.
        if RulePrefilter.hasSuffix(before, rightsReserved) {
            let owner = UnsafeBufferPointer(rebasing: before[..<(before.count - rightsReserved.count)])
            guard owner.count >= 6 else { return false }
            let (v, s) = UTF8Bytes.scalar(owner, endingAt: owner.count)
            return ScalarClass.isHan(v) && ScalarClass.isHan(UTF8Bytes.scalar(owner, endingAt: s).value)
        }
        return closingWords.contains { RulePrefilter.hasSuffix(before, $0) }
    }

    static let rightsReserved = Array("版权所有".utf8)

    /// Whether `before` ends in a site engine's credit with its version (`Powered by Discuz! X3.5`,
    /// `Powered by PHPWind 9.0`), the last line a forum's or a CMS's template prints: the credit
    /// words, then a short run of printable ASCII to the end (the engine's name and version).
    /// Read where the line ends in a version's digits after a dot; a bare name (`Powered by
    /// Discuz`) may go on with its version, glued in the next page's place.
    static func endsEngineCredit(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        let tail = UnsafeBufferPointer(rebasing: before[max(0, before.count - maxEngineCreditBytes)...])
        return engineCreditWords.contains { words in
            guard let at = UTF8Bytes.firstIndex(of: words, in: tail) else { return false }
            let name = tail[(at + words.count)...]
            return !name.isEmpty && name.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        }
    }

    /// The credit's words (`Powered by`, and `Power by` as templates print it) and the longest credit read.
    static let engineCreditWords = [Array("Powered by ".utf8), Array("Power by ".utf8)]
    static let maxEngineCreditBytes = 32

    /// Where a name glued after a sure end (`endsPageSurely`) begins in a head line with no
    /// sentence (`网站标识码：4307000042湖溪人大网`): asked of a page with no sentence at all, whose
    /// head lines are all there is above the next page's byline.
    public static func sureCut(in p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard p.count <= maxLineBytes, !BodyEdges.isSentence(p) else { return nil }
        return nameGluedAfterEnd(p, ends: endsPageSurely)
    }

    /// Whether `previous`, the line above a page start, is a document viewer's page counter
    /// (`第2页 / 共6页`): the preview's note right below it (`已阅读2页，还剩4页未读`, a page's
    /// first line on a preview page) is the same viewer's, no page start.
    static func followsViewerPageCounter(_ previous: [UInt8]?) -> Bool {
        guard let previous, previous.count <= maxViewerCounterBytes else { return false }
        return previous.withUnsafeBufferPointer { p in
            var i = 0
            func skip(_ word: [UInt8]) -> Bool {
                guard p[i...].starts(with: word) else { return false }
                i += word.count
                return true
            }
            func digits() -> Bool {
                let from = i
                while i < p.count, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
                return i > from
            }
            func spaces() { while i < p.count, p[i] == 0x20 { i += 1 } }
            guard skip(pageOrdinal), digits(), skip(pageWord) else { return false }
            spaces()
            guard i < p.count, p[i] == 0x2F else { return false }
            i += 1
            spaces()
            return skip(pageTotal) && digits() && skip(pageWord) && i == p.count
        }
    }

    static let maxViewerCounterBytes = 40
    static let pageOrdinal = Array("第".utf8)
    static let pageTotal = Array("共".utf8)
    static let pageWord = Array("页".utf8)

    /// An identifier's digits after a colon: more than a time's or a date's field.
    static let minIdentifierDigits = 5
    static let registrationEnd = Array("号".utf8)

    /// The words that close a page (`Resources/page-closing-words.txt`).
    static let closingWords: [[UInt8]] = DataFile.byteLines("page-closing-words.txt")
    /// The last bytes of the sure ends `endsPageSurely` reads after a line's last non-digit (a
    /// page link's, `PageLinkEnd`, too).
    static let sureEndLastBytes: BoilerplateRules.FirstByteSet = {
        var set = BoilerplateRules.FirstByteSet()
        for word in closingWords + [rightsReserved] { if let b = word.last { set.insert(b) } }
        for b in PageLinkEnd.lastBytes { set.insert(b) }
        return set
    }()

    /// Whether `before` ends a footer field's or a credit's value with the suffix such a value
    /// ends with (an office, a company, a role: `技术支持：岚溪政务网络中心`, `责编：气象网编辑`): the
    /// value, Han characters only and two or more before the suffix, right after the field's
    /// label and colon. A site's name glued after it begins the next page.
    static func endsFieldValue(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let suffix = valueEndSuffixes.first(where: { before.count > $0.count && before[(before.count - $0.count)...].elementsEqual($0) }) else { return false }
        var j = before.count - suffix.count, han = 0
        while j > 0 {
            let (v, start) = UTF8Bytes.scalar(before, endingAt: j)
            if isColon(v) {
                let label = UnsafeBufferPointer(rebasing: before[..<start])
                return han >= 2 && fieldLabels.contains { word in label.count >= word.count && label[(label.count - word.count)...].elementsEqual(word) }
            }
            guard ScalarClass.isHan(v), han < maxFieldValueHan else { return false }
            han += 1
            j = start
        }
        return false
    }

    /// Where the old page's footer text that an end found at `i` stops inside goes on to: a
    /// field's value to its last suffix (`技术支持：某某日报社|数字传媒中心`, `lastFieldValueEnd`), then
    /// a page's closing words begun at or before it to their end (`共有 访客发表了评论|网友评论`:
    /// `评论` is a link's word, `网友评论` closes the page). The searches that cut a glued line at
    /// its earliest end (`cut`, `GluedTrailStart`) move their cut there; `i` when nothing goes on.
    static func footerRunEnd(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        guard i > 0, i < p.count else { return i }
        var end = endsFieldValue(UnsafeBufferPointer(rebasing: p[..<i])) ? lastFieldValueEnd(p, after: i) : i
        for word in closingWords where word.count > 0 {
            var s = max(0, end - word.count + 1)
            while s <= end, s + word.count < p.count {
                if p[s ..< s + word.count].elementsEqual(word) { end = s + word.count; break }
                s += 1
            }
        }
        return end
    }

    /// Where a footer field's value that ends at `i` by a suffix, and goes on to a later one
    /// (`技术支持：某某融媒体中心|技术部|某某网`, `技术支持：某某日报社|数字传媒中心|关闭`), ends: at the last
    /// such suffix with Han text after it, whatever that text (a name, a trail, a short button).
    static func lastFieldValueEnd(_ p: UnsafeBufferPointer<UInt8>, after i: Int) -> Int {
        var last = i, k = i
        while k < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: k)
            if k > i, ScalarClass.isHan(v), valueEndLastScalars.contains(UTF8Bytes.scalar(p, endingAt: k).value),
               endsFieldValue(UnsafeBufferPointer(rebasing: p[..<k])) {
                last = k
            }
            k += length
        }
        return last
    }

    /// What a footer field's or a credit's value ends with: an office or company (an e-paper's
    /// software maker, `技术支持：某某电子`), a role.
    static let valueEndSuffixes = ["中心", "公司", "办公室", "报社", "电视台", "电子", "编辑", "技术部"].map { Array($0.utf8) }
    /// Their last characters: the cheap test (asked at every Han character of a head line's tail).
    static let valueEndLastScalars: [UInt32] = valueEndSuffixes.map { suffix in suffix.withUnsafeBufferPointer { UTF8Bytes.scalar($0, endingAt: $0.count).value } }
    /// The labels of such fields: the footer's (`主办`, `技术支持`) and the credits' (`责编`, `编辑`).
    static let fieldLabels = RepeatedSiteLines.footerWords + ["责编", "编辑", "审核"].map { Array($0.utf8) }
    /// A field's value is short: a longer run of Han characters after the colon is prose.
    static let maxFieldValueHan = 16

    /// Whether `before` ends in two or more ASCII digits after `+`, `-`, `:` or `/`.
    static func endsInDigitStamp(_ before: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = before.count
        while i > 0, before[i - 1] >= 0x30, before[i - 1] <= 0x39 { i -= 1 }
        guard before.count - i >= 2, i > 0 else { return false }
        let mark = before[i - 1]
        return mark == 0x2B || mark == 0x2D || mark == 0x3A || mark == 0x2F
    }

    static let sentenceEnds: [UInt32] = [0x3002, 0xFF01, 0xFF1F] // 。！？
    static let closingQuotes: [UInt32] = [0x201D, 0x2019, 0x300D, 0x300F, 0xFF09] // ”’」』）

    /// The link texts a page's last line ends with (`Resources/page-end-links.txt`).
    static let endLinks: [[UInt8]] = DataFile.byteLines("page-end-links.txt")

    /// The links' last characters.
    static let endLinkLastScalars: [UInt32] = {
        var last: [UInt32] = []
        for link in endLinks where !link.isEmpty {
            let v = link.withUnsafeBufferPointer { UTF8Bytes.scalar($0, endingAt: $0.count).value }
            if !last.contains(v) { last.append(v) }
        }
        return last
    }()

    /// A page's first line glued at a join: at most `maxGluedNameScalars`, at least
    /// `minFirstLineScalars` Han characters (or a site's short name, two and `网`: `岚溪网`), the
    /// first item two or more; only Han characters, spaces and the separators of a title bar
    /// (`·`, `-`, `—`, `|`, `_`).
    static func isGluedName(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        if p.count == 9, siteNameEnds.contains(UTF8Bytes.scalar(p, endingAt: 9).value),
           ScalarClass.isHan(UTF8Bytes.scalar(p, at: 0).value), ScalarClass.isHan(UTF8Bytes.scalar(p, at: 3).value) { return true }
        var i = 0, scalars = 0, han = 0, firstItem = 0, inFirstItem = true
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            scalars += 1
            if scalars > maxGluedNameScalars { return false }
            if ScalarClass.isHan(v) {
                han += 1
                if inFirstItem { firstItem += 1 }
            } else if isTitleBarSeparator(v) || isComma(v) {
                // (A slogan after the name: `知道吧 - 有问题，就上知道吧`.)
                inFirstItem = false
            } else if !isTitleQuote(v) {
                // (Quotes go on with the item: `“红色文艺轻骑兵”走进田间地头`, `关注“某某交易”`.)
                return false
            }
            i += length
        }
        return han >= minFirstLineScalars && firstItem >= 2
    }

    @inline(__always)
    static func isComma(_ v: UInt32) -> Bool { v == 0xFF0C || v == 0x2C }

    /// The quotes a title or a prompt holds (`“…”`, `《…》`).
    @inline(__always)
    static func isTitleQuote(_ v: UInt32) -> Bool { v == 0x201C || v == 0x201D || v == 0x300A || v == 0x300B }

    @inline(__always)
    static func isOpeningTitleQuote(_ v: UInt32) -> Bool { v == 0x201C || v == 0x300A }

    @inline(__always)
    static func isTitleBarSeparator(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x3000 || v == 0xB7 || v == 0x2D || v == 0x2014 || v == 0x7C || v == 0xFF5C || v == 0x5F
    }

    /// A glued name with a menu after it (`龙腾资讯网 首页 社会 民生 旅游 财经`) holds at most this many scalars.
    static let maxGluedNameScalars = 40

    @inline(__always)
    static func isLatinLetter(_ v: UInt32) -> Bool { (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }

    /// A Latin letter right after a Han character (`…工作汇报材料Untitled Document`): where a
    /// page's Latin first line may be glued; only its form (`beginsPage`) can cut there.
    static func latinAfterHan(_ p: UnsafeBufferPointer<UInt8>, at i: Int, _ v: UInt32) -> Bool {
        guard (v | 0x20) >= 0x61, (v | 0x20) <= 0x7A, i > 0 else { return false }
        return ScalarClass.isHan(UTF8Bytes.scalar(p, endingAt: i).value)
    }

    /// The home page's link, first in a menu or trail (`首页 | 新闻`, `网站首页 机构概况`,
    /// `首页 > 心得体会`), or markup (`<div class="nav">`).
    static func opensSite(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        if p.count >= 2, p[0] == 0x3C, (p[1] | 0x20) >= 0x61, (p[1] | 0x20) <= 0x7A { return true }
        for word in homeWords where p.count > word.count && p.starts(with: word) {
            let (v, _) = UTF8Bytes.scalar(p, at: word.count)
            if v != 0x2F, v != 0x3A, v != 0xFF1A, isSeparator(v) || v == 0xFF5C { return true }
        }
        return false
    }

    static let homeWords = ["首页", "网站首页", "首頁", "網站首頁"].map { Array($0.utf8) }

    /// Whether `网站` (`網站`) ends right before `i`: the first half of the link `网站首页`.
    static func afterSiteWord(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        siteWords.contains { RulePrefilter.hasSuffix(UnsafeBufferPointer(rebasing: p[..<i]), $0) }
    }

    static let siteWords = ["网站", "網站"].map { Array($0.utf8) }

    /// Whether the line's text before `i` is a site's name alone, Han characters ending in `网`
    /// (`华源网首页 > 资讯 > 正文`): the trail's first item links the home page by the site's
    /// name; no page begins inside it.
    static func afterSiteName(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i > 0, siteNameEnds.contains(UTF8Bytes.scalar(p, endingAt: i).value) else { return false }
        return hanRun(before: i, in: p).start == 0
    }

    /// Where a trail whose first item names its site before the home page's link (`华源网首页 >
    /// 资讯`), glued after the old page's last line, begins when the home link found is at `home`:
    /// the site's name, Han characters ending in `网`, begins at the earliest footer's end in the
    /// Han run before it (`endsFooter`: `…分辨率浏览|华源网首页`, `…技术支持：某某电子|华源网首页`),
    /// never after a separator. nil: no name there, or no end to begin it.
    public static func namedHomeStart(_ p: UnsafeBufferPointer<UInt8>, home: Int) -> Int? {
        guard home > 0, home < p.count, homeWords.contains(where: { UnsafeBufferPointer(rebasing: p[home...]).starts(with: $0) }),
              siteNameEnds.contains(UTF8Bytes.scalar(p, endingAt: home).value) else { return nil }
        let (low, scalars) = hanRun(before: home, in: p)
        var i = low, left = scalars
        while left >= minSiteNameScalars {
            if i > 0, !afterSeparator(p, at: i), endsFooter(UnsafeBufferPointer(rebasing: p[..<i])) { return i }
            i += UTF8Bytes.scalar(p, at: i).length
            left -= 1
        }
        return nil
    }

    static let siteNameEnds: [UInt32] = [0x7F51, 0x7DB2] // 网 網
    /// A site's name before its `网`: two characters at least (`华源网`).
    static let minSiteNameScalars = 3

    /// A menu of three or more items as long as one another (`新闻 | 财经 | 体育 | 娱乐`,
    /// `首頁 新聞 政務 民生`) ending the line, its first item glued after other text: where that
    /// item, as long as the others, begins.
    static func uniformMenuStart(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        // Items: runs of Han characters between a menu's separators, as (end, scalars).
        var items: [(end: Int, scalars: Int)] = []
        var i = 0, current = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if v == 0x20 || v == 0x3000 || v == 0x7C || v == 0xFF5C {
                if current > 0 { items.append((i, current)); current = 0 }
            } else if ScalarClass.isHan(v) {
                current += 1
            } else {
                items.removeAll()
                current = 0
            }
            i += length
        }
        if current > 0 { items.append((p.count, current)) }
        guard let n = items.last?.scalars, n >= 2, n <= 4 else { return nil }
        var k = items.count - 1
        while k > 0, items[k - 1].scalars == n { k -= 1 }
        guard items.count - k >= 3, k > 0, items[k - 1].scalars >= n + 2 else { return nil }
        var start = items[k - 1].end
        for _ in 0 ..< n { start = UTF8Bytes.scalar(p, endingAt: start).start }
        return RepeatedSiteLines.mayFollow(p, at: start) ? start : nil
    }

    /// The run a cut right after a footer's words, or inside a footer's field, needs (`河西区`):
    /// the old site's name there is often a common word or two (`抚州|城事网` before `城事资讯`).
    static let minRunAfterFooter = 3

    /// A page's first line holds at least this many characters (`阅读原文`, `西平县人民政府`).
    static let minFirstLineScalars = 4

    static func scalarsAfter(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var n = 0
        for i in start ..< p.count where p[i] & 0xC0 != 0x80 {
            n += 1
            if n >= minFirstLineScalars { break }
        }
        return n
    }

    /// The first two characters from `i`: the name a cut there gives the new page.
    static func name(at i: Int, in p: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var end = i
        for _ in 0 ..< 2 where end < p.count { end += UTF8Bytes.scalar(p, at: end).length }
        return Array(p[i ..< end])
    }

    /// A title may begin with a bracketed column tag (`【创城进行时】城东街道：…`): the cut found
    /// after such a tag moves to its opening bracket.
    static func openingTag(before start: Int, in p: UnsafeBufferPointer<UInt8>) -> Int? {
        let (close, closeStart) = UTF8Bytes.scalar(p, endingAt: start)
        guard close == 0x3011 else { return nil }
        var j = closeStart
        while j > 0 {
            let (v, s) = UTF8Bytes.scalar(p, endingAt: j)
            if v == 0x3010 { return s > 0 && RepeatedSiteLines.mayFollow(p, at: s) ? s : nil }
            if v == 0x3011 { return nil }
            j = s
        }
        return nil
    }

    /// Whether the character before `i` separates items (a menu's or trail's, or a label's
    /// colon): a glued page never begins there, the old page's last character is text.
    static func afterSeparator(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let (v, _) = UTF8Bytes.scalar(p, endingAt: i)
        return isSeparator(v)
    }

    @inline(__always)
    static func isSeparator(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x3000 || v == 0xA0 || v == 0x7C || v == 0x3E || v == 0x203A || v == 0xBB || v == 0x3A || v == 0xFF1A
            || v == 0x2D || v == 0x2014 || v == 0x2013 || v == 0x5F || v == 0x2F || v == 0x3001 || v == 0xFF1E || v == 0x2192
    }

    @inline(__always)
    static func isColon(_ v: UInt32) -> Bool { v == 0x3A || v == 0xFF1A }

    /// Whether the character before `i` opens a bracket or a quote (`(<tr>)`), or is `©`: what
    /// follows goes on with it.
    static func afterOpening(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let v = UTF8Bytes.scalar(p, endingAt: i).value
        return v == 0x28 || v == 0xFF08 || v == 0x5B || v == 0x3010 || v == 0x300A || v == 0x201C || v == 0xA9
    }

    /// Whether `i` lies inside the value of a footer's field (`版权所有：抚州|城事网`,
    /// `主办：中共|凤岭县委`): the owner's name, not a page's start.
    static func insideFooterField(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        var j = i
        while j > 0 {
            let (v, start) = UTF8Bytes.scalar(p, endingAt: j)
            if isColon(v) {
                let before = UnsafeBufferPointer(rebasing: p[..<start])
                return RepeatedSiteLines.footerWords.contains { word in before.count >= word.count && before[(before.count - word.count)...].elementsEqual(word) }
            }
            if isSeparator(v) { return false }
            j = start
        }
        return false
    }

    /// Whether the item of `line` starting at `j` ends in a colon (`当前位置：`, `来源:`).
    static func itemIsLabel(_ line: UnsafeBufferPointer<UInt8>, from j: Int) -> Bool {
        var i = j
        while i < line.count {
            let (v, length) = UTF8Bytes.scalar(line, at: i)
            if isColon(v) { return true }
            if isSeparator(v) { return false }
            i += length
        }
        return false
    }

    /// A title's words the lead sentence repeats (`文明城市创建“回头看”督查`): a run this long
    /// counts wherever it stands.
    static let minRunAnywhere = 6

    /// The longest prefix of `text`, in scalars, that `line` holds anywhere but after `notAfter`
    /// (the character before the cut: a run that goes on to the left is the same title, not a
    /// glued one's start), counted only when it has `minRunAnywhere` Han characters; 0 otherwise.
    static func longestMatchAnywhere(_ text: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>, notAfter: UInt32) -> Int {
        var best = 0, j = 0
        while j < line.count {
            if j > 0, UTF8Bytes.scalar(line, endingAt: j).value == notAfter {
                j += UTF8Bytes.scalar(line, at: j).length
                continue
            }
            var a = 0, b = j, scalars = 0, han = 0
            while a < text.count, b < line.count {
                let (x, xl) = UTF8Bytes.scalar(text, at: a)
                let (y, yl) = UTF8Bytes.scalar(line, at: b)
                guard x == y, xl == yl else { break }
                scalars += 1
                if ScalarClass.isHan(x) { han += 1 }
                a += xl
                b += yl
            }
            if han >= minRunAnywhere { best = max(best, scalars) }
            j += UTF8Bytes.scalar(line, at: j).length
        }
        return best
    }

    /// The longest prefix of `text`, in scalars, that `line` holds at an item start (its start,
    /// or right after a separator or a closing bracket), counted only when it has
    /// `minMatchHan` Han characters and is no label (it ends at a colon both hold); 0 otherwise.
    /// A match begins only where `line` holds the text's first scalar: those places are found by
    /// a byte search (memchr for its last byte), not by reading every scalar of `line` at every
    /// place of the text tried (`cut` asks it of each later line at each place). Cleaned lines are
    /// valid UTF-8, so the scalar's bytes found are that scalar, and the one before is the item's
    /// opening (a line's start reads as after a space).
    static func longestItemMatch(_ text: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> Int {
        guard !text.isEmpty else { return 0 }
        let firstLength = UTF8Bytes.scalar(text, at: 0).length, last = text[firstLength - 1]
        var best = 0, from = firstLength - 1
        while let hit = UTF8Bytes.firstIndex(of: last, in: line, from: from) {
            let j = hit - (firstLength - 1)
            from = j + firstLength
            var same = true
            for k in 0 ..< firstLength - 1 where line[j + k] != text[k] { same = false; break }
            guard same else { continue }
            let previous = j == 0 ? 0x20 : UTF8Bytes.scalar(line, endingAt: j).value
            if isSeparator(previous) || previous == 0x3011 || previous == 0x3E || previous == 0x201D {
                var a = 0, b = j, scalars = 0, han = 0
                while a < text.count, b < line.count {
                    let (x, xl) = UTF8Bytes.scalar(text, at: a)
                    let (y, yl) = UTF8Bytes.scalar(line, at: b)
                    guard x == y, xl == yl else { break }
                    // A label both begin with (`来源：`) is a field, no page's name.
                    if isColon(x) { han = 0; break }
                    scalars += 1
                    if ScalarClass.isHan(x) { han += 1 }
                    a += xl
                    b += yl
                }
                // Nor is a label's word on either side (`编辑：`, `当前位置：`).
                if han >= minMatchHan, !(a < text.count && isColon(UTF8Bytes.scalar(text, at: a).value)), !itemIsLabel(line, from: j) {
                    best = max(best, scalars)
                }
            }
        }
        return best
    }
}
