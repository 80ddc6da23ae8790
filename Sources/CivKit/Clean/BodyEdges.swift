/// Where a page's body begins and ends, and the short lines around it that read as links,
/// labels or widgets rather than as text (`查看原文`, `下载 相关 举报`, `第1页 / 共6页`,
/// `今天是：`, `建议使用1280×800分辨率 IE9.0以上浏览器`): a rule of position, punctuation and
/// Han-character density, for the forms no pattern of the table names.
///
/// The body begins at its first full sentence (a `。`, or a long line with other sentence
/// marks: a title may hold `，` or `？`), or at the last head byline above it (a short line with a
/// date or a credit: lines of verse may follow a WeChat post's byline); the nearest line above
/// it that no rule took (and no `摘要：` line) is the title, never taken. It ends at its last line
/// with any sentence mark. A line outside those edges (above the title, below
/// the last sentence) is *link-like* when it has no sentence punctuation, names nobody (no credit
/// label: `编辑`, `来源`…), is no date and no parenthesised credit (`（文明西青）`), and is
/// very short, or mostly not Han characters, or a row of short items, or a label ending in a
/// colon. A sentence of the article is never outside the edges, so none is taken; lines of
/// verse without punctuation inside the body (WeChat posts) are inside them.
public struct BodyEdges: Sendable {
    /// Where the body begins: its first full sentence, or the last head byline above it (0 when
    /// the document has no full sentence: then nothing is above it).
    public let anchor: Int
    /// Lines below this index, the last sentence's, may be taken (`count`: none).
    public let lastSentence: Int

    public init(_ lines: [String]) {
        anchor = Self.anchor(lines, kept: { _ in true })
        lastSentence = lines.lastIndex { Self.withBytes($0, Self.isSentence) } ?? lines.count
    }

    init(anchor: Int, lastSentence: Int) {
        self.anchor = anchor
        self.lastSentence = lastSentence
    }

    /// The first `kept` body sentence, or the last head byline above it (taken or not).
    static func anchor(_ lines: [String], kept: (Int) -> Bool) -> Int {
        var anchor = lines.indices.first { kept($0) && withBytes(lines[$0], isBodySentence) } ?? 0
        if let byline = lines[..<anchor].lastIndex(where: { withBytes($0, isBylineLike) }) {
            anchor = byline
        }
        return anchor
    }

    /// The edges once the rules have taken lines: a sentence a rule took above the article (a
    /// document site's `《…》由会员分享，可在线阅读…`) is not where its body begins.
    public func afterRules(_ lines: [String], kept: (Int) -> Bool) -> BodyEdges {
        // The common case: the first sentence begins the body, and no rule took it.
        if anchor < lines.count, kept(anchor), Self.withBytes(lines[anchor], Self.isBodySentence) { return self }
        return BodyEdges(anchor: max(anchor, Self.anchor(lines, kept: kept)), lastSentence: lastSentence)
    }

    /// The title's index: the nearest line above the anchor that is not empty, was not `taken`
    /// by another rule, and is no summary (`摘要：…`); -1 when there is none.
    /// A widget's row (`播放 字幕 倍速 全屏`, `00:00 / 02:31`) is passed over when a line above it
    /// can be the title.
    ///
    /// A forum post's or blog's byline stands above its title (`发表于 2020-7-14 09:22:41 | 只看该作者`,
    /// then the title, then the text): when the anchor is such a byline, the line above it reads
    /// as a link or label (`[复制链接]`, `分类：随笔`), and one short line, no sentence and no
    /// summary, lies between it and the first sentence, that line is the title.
    public func title(in lines: [String], taken: (Int) -> Bool) -> Int {
        if anchor < lines.count, !Self.withBytes(lines[anchor], Self.isBodySentence) {
            var below: [Int] = []
            for k in anchor + 1 ..< lines.count where !lines[k].isEmpty && !taken(k) {
                below.append(k)
                if below.count == 3 { break }
            }
            // The title alone, or with its subtitle under it (an e-paper's date, title, subtitle, text).
            let headed = below.count >= 2 && Self.withBytes(lines[below[1]], Self.isBodySentence)
                || below.count == 3 && Self.withBytes(lines[below[2]], Self.isBodySentence) && Self.withBytes(lines[below[1]], Self.isTitleLike)
            if headed, Self.withBytes(lines[below[0]], Self.isTitleLike),
               (0 ..< anchor).last(where: { !lines[$0].isEmpty && !taken($0) }).map({ Self.withBytes(lines[$0], Self.isLinkLike) }) ?? true {
                return below[0]
            }
        }
        var j = anchor - 1
        while j >= 0, lines[j].isEmpty || taken(j) || Self.withBytes(lines[j], Self.isSummary) { j -= 1 }
        var k = j
        while k >= 0, lines[k].isEmpty || taken(k) || Self.withBytes(lines[k], Self.isSummary) || Self.withBytes(lines[k], Self.isWidgetRow) { k -= 1 }
        return k >= 0 ? k : j
    }

    /// A short line under a byline that may title the text below it: no sentence, summary, byline or widget row.
    static func isTitleLike(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        p.count <= 4 * maxBylineScalars && !isSentence(p) && !isSummary(p) && scalarCount(p) <= maxBylineScalars && !isBylineLike(p) && !isWidgetRow(p)
    }

    /// A row of a player's or a tool's widgets, never a title: a link-like line mostly not Han
    /// characters, or of three or more items of at most three characters.
    static func isWidgetRow(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isLinkLike(p) else { return false }
        var scalars = 0, han = 0, items: [Int] = [0]
        var i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            i += length
            if ScalarClass.isSpace(v) || v == 0x7C || v == 0xFF5C || v == 0x2F {
                if items[items.count - 1] > 0 { items.append(0) }
                continue
            }
            scalars += 1
            items[items.count - 1] += 1
            if ScalarClass.isHan(v) { han += 1 }
        }
        if items.last == 0 { items.removeLast() }
        return han * 2 < scalars || (items.count >= 3 && items.allSatisfy { $0 <= 3 })
    }

    /// A link-like line of at most `maxShortScalars` characters (`![]()`, `TOP`, `查看原文`).
    static func isShortLinkLike(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        p.count <= 4 * maxShortScalars && scalarCount(p) <= maxShortScalars && isLinkLike(p)
    }

    static let exclamationMarks = ["！", "？"].map { Array($0.utf8) }
    static let maxExclamationScalars = 16

    /// Above the title, a short line whose only sentence mark closes it (`这已经是最后一期了哦！`):
    /// a site's notice, not the article, which begins below its title.
    static func isShortExclamation(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 3, p.count <= 4 * maxExclamationScalars, exclamationMarks.contains(where: { p[(p.count - 3)...].elementsEqual($0) }),
              scalarCount(p) <= maxExclamationScalars, !hasCredit(p) else { return false }
        let body = UnsafeBufferPointer(rebasing: p[..<(p.count - 3)])
        return !isSentence(body)
    }

    static let summaryLabels = ["摘要", "内容提要", "提要", "导语", "核心提示", "简介"].map { Array($0.utf8) }

    static func isSummary(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        summaryLabels.contains { p.count >= $0.count && p[..<$0.count].elementsEqual($0) }
    }

    static func withBytes<T>(_ line: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var line = line
        return line.withUTF8(body)
    }

    /// `，。！？；`: a sentence, or a clause of one.
    static let sentenceMarks = ["，", "。", "！", "？", "；"].map { Array($0.utf8) }

    /// (On bytes, one walk per lead byte: `，！？；` are EF BC 8C / 81 / 9F / 9B, `。` is E3 80 82.)
    static func isSentence(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Bytes.containsThreeBytes(p, lead: 0xEF, second: 0xBC) { $0 == 0x8C || $0 == 0x81 || $0 == 0x9F || $0 == 0x9B }
            || UTF8Bytes.containsThreeBytes(p, lead: 0xE3, second: 0x80) { $0 == 0x82 }
    }

    static let fullStop = Array("。".utf8)
    /// Bytes of a line with sentence marks but no `。` that make it body text, not a title.
    static let minBodyBytes = 72

    /// A line of the body's text: a `。`, or a long line with another sentence mark.
    static func isBodySentence(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Bytes.contains(p, fullStop) || (p.count >= minBodyBytes && isSentence(p))
    }

    /// A line of an article that a page's head never reaches up past: a sentence end (`。！？`),
    /// or a long line with a comma. A short line with only a comma or a semicolon is an app's
    /// prompt or a slogan (`打开某某新闻，阅读体验更佳`), which a page's head may hold.
    static func isArticleLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isSentence(p) else { return false }
        return p.count >= minBodyBytes || CleanStage.isProse(p)
    }

    /// A head byline's longest line: bylines are short (a document site's `上传人：… 上传时间：…
    /// 格式：… 页数：…` is no byline).
    static let maxBylineScalars = 48

    /// A short line with a date or a credit (`2022-08-03 文明桐溪 文明桐溪`, `□记者 方雨桐`): a byline.
    static func isBylineLike(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count <= 4 * maxBylineScalars, !UTF8Bytes.contains(p, fullStop), scalarCount(p) <= maxBylineScalars else { return false }
        return BylineNamedPageStart.hasDate(p) || hasCredit(p)
    }

    /// A clock time, `9:22` or `09:22:41`: digits, an ASCII colon, two digits.
    static func hasClockTime(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 4 else { return false }
        func digit(_ i: Int) -> Bool { p[i] >= 0x30 && p[i] <= 0x39 }
        for i in 1 ..< p.count - 2 where p[i] == 0x3A && digit(i - 1) && digit(i + 1) && digit(i + 2) { return true }
        return false
    }

    static func scalarCount(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        p.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
    }

    /// The labels of a credit or byline: a line holding one names people or a source.
    static let creditLabels = ["记者", "通讯员", "摄影", "编辑", "作者", "来源", "审核", "责编", "校对", "出品", "监制", "策划", "统筹", "撰稿"]
        .map { Array($0.utf8) }
    /// A credit label with a name after it (`编辑：郑可`, `□记者 方雨桐`; not `只看该作者`).
    static func hasCredit(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        // One pass for all labels; only a label found is searched again for what follows it.
        var held = creditAutomaton.literals(in: p)
        while held != 0 {
            let label = creditLabels[held.trailingZeroBitCount]
            held &= held - 1
            if let at = UTF8Bytes.firstIndex(of: label, in: p), at + label.count < p.count { return true }
        }
        return false
    }

    static let creditAutomaton = KeywordAutomaton(literals: creditLabels)

    static let maxShortScalars = 6
    /// The longest link-like line: site tools, labels and rows of links are short.
    static let maxLinkScalars = 48

    /// `.`, `!`, `?`, `…` closing a line: a sentence, whatever its script.
    static func endsSentence(_ v: UInt32) -> Bool {
        v == 0x2E || v == 0x21 || v == 0x3F || v == 0x2026
    }
    static let maxItemScalars = 8

    /// Whether a line outside the body reads as a link, label or widget (see the type's comment).
    public static func isLinkLike(_ line: String) -> Bool {
        withBytes(line, isLinkLike)
    }

    public static func isLinkLike(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !p.isEmpty, p.count <= LinkLines.maxLineBytes, !isSentence(p) else { return false }
        if hasCredit(p) { return false }
        // A short date line without a bar is a byline or a notice's date.
        if BylineNamedPageStart.hasDate(p) && !UTF8Bytes.contains(p, UInt8(ascii: "|")) && scalarCount(p) <= maxBylineScalars { return false }
        // A date whose digits a crawl lost (`年月日`, under a notice's signature).
        if NoticeClosing.isDateOnly(p) { return false }
        var scalars = 0, han = 0, items: [Int] = [0]
        var first: UInt32 = 0, last: UInt32 = 0
        var i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            i += length
            if ScalarClass.isSpace(v) || v == 0x7C || v == 0xFF5C {
                if items[items.count - 1] > 0 { items.append(0) }
                continue
            }
            if scalars == 0 { first = v }
            last = v
            scalars += 1
            items[items.count - 1] += 1
            if ScalarClass.isHan(v) { han += 1 }
        }
        if items.last == 0 { items.removeLast() }
        // Long lines, and lines ending like an ASCII-punctuated sentence (a man page's `….`), are text.
        guard scalars > 0, scalars <= maxLinkScalars, !endsSentence(last) else { return false }
        // `（文明西青）`: a source or author credit in brackets.
        if (first == 0xFF08 || first == 0x28) && (last == 0xFF09 || last == 0x29) && han * 2 >= scalars { return false }
        if scalars <= maxShortScalars { return true }
        if han * 2 < scalars { return true }
        if (last == 0xFF1A || last == 0x3A) && scalars <= 2 * maxShortScalars { return true }
        if items.count >= 3 && items.allSatisfy({ $0 <= maxItemScalars }) { return true }
        return items.count == 2 && items.allSatisfy { $0 <= 5 }
    }
}
