/// Drops boilerplate lines and moves bylines, banners and breadcrumbs out of the text into
/// record fields, following `BoilerplateRules`. Each line taken is counted as `dropped.KIND`
/// or `moved.KIND`.
public struct BoilerplateRemoval: DocumentRepair {
    public let name = "boilerplate"
    public let rules: BoilerplateRules
    public let spam: SpamLines
    /// The zone lines of the run's earlier documents (`RepeatedSiteLines`): one per run.
    public let siteLines: RepeatedSiteLines
    public let siteTalk: SiteTalk

    public init(rules: BoilerplateRules = .standard, spam: SpamLines = .standard, siteLines: RepeatedSiteLines = RepeatedSiteLines(),
                siteTalk: SiteTalk = .standard) {
        self.rules = rules
        self.spam = spam
        self.siteLines = siteLines
        self.siteTalk = siteTalk
    }

    /// The rules that need no pattern, tried on lines of the head and tail zones that no rule of
    /// the table took: spam (`dropped.spam`), search engines' lines (`dropped.seo`), menus (`dropped.menu`), markup (`dropped.markup`).
    func structuralKind(_ line: String, index: Int, count: Int) -> String? {
        guard index < BoilerplateRules.zoneLines || index >= count - BoilerplateRules.zoneLines else { return nil }
        if spam.isSpam(line) { return "dropped.spam" }
        if BodyEdges.withBytes(line, SeoLines.isSeoLine) || (index == 0 && BodyEdges.withBytes(line, SeoLines.isTaglineTitle)) { return "dropped.seo" }
        if LinkLines.isMenu(line) { return "dropped.menu" }
        if LinkLines.isMarkup(line) { return "dropped.markup" }
        // Markup around boilerplate (`<div class="share">分享到：</div>`): the rules read its text.
        if let text = LinkLines.textOfMarkup(line), text != line, ruleTaking(text, index: index, count: count) != nil { return "dropped.markup" }
        return nil
    }

    /// Outside the body's edges (`BodyEdges`), in a zone: a line an earlier page of the run held
    /// (`dropped.repeated`, `RepeatedSiteLines`), or a link-like line (`dropped.link-like`).
    func outsideKind(_ line: String) -> String? {
        var line = line
        return line.withUTF8 { p in
            if RepeatedSiteLines.isCandidate(p), siteLines.contains(p) { return "dropped.repeated" }
            return BodyEdges.isLinkLike(p) && !Self.isKeywordLine(p) ? "dropped.link-like" : nil
        }
    }

    /// The article's keywords under it (`关键词：文明城市 创建 调研`): metadata, no row of links (a site's
    /// `热门标签：…` is a row's). The cheap test first: the label's first byte.
    static func isKeywordLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.first == 0xE5 else { return false }
        return keywordLabels.contains { p.count > $0.count + 3 && RulePrefilter.hasPrefix(p, $0) }
    }
    static let keywordLabels = ["关键词：", "关键字：", "关键词:", "关键字:"].map { Array($0.utf8) }

    /// Whether `line`, or its last cell after a bar (`词条 | 鹤汀乡`), is the name the body's first
    /// sentence begins with (`鹤汀乡，隶属于…`): an entry's title above an encyclopedia's text, no link.
    /// Asked of head lines a rule outside the body would take, on bytes: most fail at the first byte.
    static func namesFirstSentence(_ line: String, _ sentence: String) -> Bool {
        BodyEdges.withBytes(line) { p in
            BodyEdges.withBytes(sentence) { s in namesFirstSentence(p, s) }
        }
    }

    static func namesFirstSentence(_ p: UnsafeBufferPointer<UInt8>, _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        // The name: after the line's one bar, if any, without the spaces around it.
        var start = 0, bars = 0, i = 0
        while i < p.count {
            if p[i] == 0x7C {
                bars += 1
                start = i + 1
            } else if p[i] == 0xEF, i + 2 < p.count, p[i + 1] == 0xBD, p[i + 2] == 0x9C {
                bars += 1
                start = i + 3
            }
            i += 1
        }
        var end = p.count
        while start < end, p[start] == 0x20 { start += 1 }
        while end > start, p[end - 1] == 0x20 { end -= 1 }
        let length = end - start
        guard bars <= 1, length >= 4, length <= 4 * maxEntryNameCharacters, s.count > length, s[0] == p[start] else { return false }
        for k in 0 ..< length where s[k] != p[start + k] { return false }
        // What follows the name in the sentence: `，`, `,`, `（`, `(` or `是`.
        let (next, _) = UTF8Bytes.scalar(s, at: length)
        return next == 0xFF0C || next == 0x2C || next == 0xFF08 || next == 0x28 || next == 0x662F
    }
    static let maxEntryNameCharacters = 16

    /// The document's lines outside its body, in the zones, that may be a site's: remembered
    /// for the run's later pages.
    func rememberSiteLines(_ lines: [String], title: Int, edges: BodyEdges) {
        // (A page without a sentence, `hasTrail`, has its last sentence at `lines.count`: no tail.)
        let tail = min(lines.count, max(edges.lastSentence + 1, lines.count - BoilerplateRules.zoneLines, 0)) ..< lines.count
        // The page's first line, when above its title, and its last, when below its last sentence:
        // where a glued next page of the site begins, and where the page before it ended.
        siteLines.remember(lines, head: 0 ..< max(0, min(title, BoilerplateRules.zoneLines)), tail: tail,
                           first: title > 0, last: edges.lastSentence < lines.count - 1)
    }

    /// Whether a row takes a line of the head zone for a breadcrumb. Asked only of documents
    /// without prose (few).
    @inline(never)
    func hasTrail(_ lines: [String]) -> Bool {
        (0 ..< min(lines.count, BoilerplateRules.zoneLines)).contains { ruleKind(lines[$0], index: $0, count: lines.count) == "breadcrumb" }
    }

    /// The first rule of one line that takes `line` (line `index` of `count`).
    func ruleTaking(_ line: String, index: Int, count: Int) -> Int? {
        var line = line
        let firstByte = line.utf8.first ?? 0
        return line.withUTF8 { p in
            var keywords: KeywordAutomaton.Bits?
            return rules.firstCandidate(index: index, count: count, firstByte: firstByte) { r in
                guard !rules.rules[r].spansTwoLines else { return false }
                if keywords == nil { keywords = rules.keywords(in: p) }
                return rules.rules[r].matches(p, keywords: keywords!)
            }
        }
    }

    /// Lines of a related-links list under its heading (`相关阅读：`): short, without sentence
    /// punctuation, in the tail zone. With `question`, a linked question ends in `？`
    /// (`相关问题` / `全国文明城市多少年复查一次？`), or a headline in `！` (`往期推荐` / `暑期防溺水，这些知识请收好！`),
    /// though no mark stands inside it. A dated item (`…怎么注册？附详细步骤　03-12`, `isDatedItem`) may ask
    /// and go on: the listing's date closes it.
    static func isLinkText(_ line: String, question: Bool = false) -> Bool {
        let scalars = line.unicodeScalars
        var n = 0
        var colonLast = false
        var questionMarkLast = false
        let dated = question && isDatedItem(line)
        for c in scalars {
            // A linked title may hold a comma (`文明养犬，从拴绳开始`), never a full stop; a colon
            // inside it (`杏林社区：共建共享美丽家园`), not closing a label (`编辑：`) or naming a credit.
            if questionMarkLast && !dated { return false }
            if question && (c == "？" || c == "！") {
                questionMarkLast = true
                n += 1
                continue
            }
            if "。！？；".unicodeScalars.contains(c) { return false }
            colonLast = c == "：" || c == ":"
            n += 1
            if n > 40 { return false }
        }
        if colonLast { return false }
        if line.contains("：") || line.contains(":") {
            if BodyEdges.withBytes(line, BodyEdges.hasCredit) { return false }
        }
        return n >= 4
    }

    /// A listing's item closed by its month and day after a space (`泉溪县老旧小区改造名单公布　03-19`).
    static func isDatedItem(_ line: String) -> Bool {
        let tail = Array(line.unicodeScalars.suffix(6))
        guard tail.count == 6, ScalarClass.isSpace(tail[0].value), tail[3] == "-" else { return false }
        return [1, 2, 4, 5].allSatisfy { tail[$0].properties.numericType != nil && tail[$0].isASCII }
    }

    static let maxLinesUnderTaken = 3

    /// Whether kept line `title` is the title of a listing's item that `rule` took at line `item` in the
    /// tail (an aggregator's related item, `蕖城举办第三届农民丰收节` over `12日，…展销本地农产品200余种。社会`;
    /// an app feed's, `男子深夜翻墙进入动物园被拘五日` over `2024/06/18 推荐`): the item's own line (a feed's
    /// footer, or a related row's line holding a summary's `。`), the title right above it, short and
    /// without a sentence mark or a credit. A related list's heading (`相关阅读`) takes no line above it:
    /// that is the text's last.
    static func itemTitleAbove(_ lines: [String], item: Int, title: Int, rule: BoilerplateRules.Rule) -> Bool {
        guard title == item - 1, rule.scope == .tail, item >= lines.count - BoilerplateRules.zoneLines,
              rule.kind == "feed" || (rule.kind == "related" && BodyEdges.withBytes(lines[item]) { UTF8Bytes.contains($0, BodyEdges.fullStop) })
        else { return false }
        return BodyEdges.withBytes(lines[title]) { p in
            !p.isEmpty && p.count <= 4 * maxItemTitleScalars && BodyEdges.scalarCount(p) <= maxItemTitleScalars
                && !BodyEdges.isSentence(p) && !BodyEdges.hasCredit(p) && !BylineNamedPageStart.hasDate(p)
        }
    }
    static let maxItemTitleScalars = 40

    /// Whether the nearest non-empty line below `i` is the body's first sentence, no sentence being
    /// kept above: line `i` is the text's title (a document site's file name above the text, under
    /// its form), no attachment. (Under the text, a file above the site's own sentence is a
    /// listing's.) Asked of few lines.
    @inline(never)
    func titlesText(_ lines: [String], _ i: Int, keptIndices: [Int]) -> Bool {
        var k = i + 1
        while k < lines.count, lines[k].isEmpty { k += 1 }
        return k < lines.count && BodyEdges.withBytes(lines[k], BodyEdges.isBodySentence)
            && !keptIndices.contains { BodyEdges.withBytes(lines[$0], BodyEdges.isBodySentence) }
    }

    /// The index of the nearest non-empty line above `i`, or -1.
    @inline(never)
    func previousLine(_ lines: [String], before i: Int) -> Int {
        var k = i - 1
        while k >= 0, lines[k].isEmpty { k -= 1 }
        return k
    }

    /// Whether line `i` is an enumerated heading (`六、其他事项`) right under a kept line of the
    /// text that is one too or a sentence: the article's next section or item, not a link.
    @inline(never)
    func continuesEnumeration(_ lines: [String], _ i: Int, previousKept: Int?) -> Bool {
        guard BodyEdges.withBytes(lines[i], SectionHeadings.isEnumerated), let k = previousKept,
              k == previousLine(lines, before: i) else { return false }
        return BodyEdges.withBytes(lines[k]) { SectionHeadings.isEnumerated($0) || BodyEdges.isSentence($0) }
    }

    /// Whether line `i`, which a rule of shape outside the body would take, is the text's own
    /// structure: an enumerated heading continuing the kept line above it (`四、评标结果` under
    /// `三、开标时间：…`), or a row of a flattened table (`LinkLines.isTableRow`). Asked only of lines
    /// such a rule takes.
    @inline(never)
    func isTextStructure(_ lines: [String], _ i: Int, previousKept: Int?) -> Bool {
        continuesEnumeration(lines, i, previousKept: previousKept) || LinkLines.isTableRow(lines, i)
    }

    /// The line below which head rules no longer hold: the text's last sentence, not counting
    /// one a rule takes (a welcome `您好，欢迎访问某某网！` above a notice whose items have no
    /// sentence mark); the document's end when no other is left. Looked for only when the last
    /// sentence lies in the head zone (rare).
    @inline(never)
    func headRulesEnd(_ lines: [String], lastSentence: Int) -> Int {
        // (With no line below it in the head zone, nothing changes.)
        guard lastSentence + 1 < min(lines.count, BoilerplateRules.zoneLines) else { return lastSentence }
        var k = lastSentence
        while k >= 0 {
            // (A sentence with a full stop is the text's: no rule is tried on it.)
            let (sentence, plain) = BodyEdges.withBytes(lines[k]) { p in
                (BodyEdges.isSentence(p), UTF8Bytes.contains(p, BodyEdges.fullStop) || p.count > BoilerplateRules.maxLineBytes)
            }
            if sentence && (plain || ruleTaking(lines[k], index: k, count: lines.count) == nil) { return k }
            k -= 1
        }
        return lines.count
    }

    /// The kind of the first rule of one line that takes `line`, if any.
    func ruleKind(_ line: String, index: Int, count: Int) -> String? {
        ruleTaking(line, index: index, count: count).map { rules.rules[$0].kind }
    }

    /// Below a question's label (`问题描述：`), the question, down to the answer's label
    /// (`最佳答案`) within `maxQuestionLines`: that label's index; nil for an answer's label, or
    /// when none follows.
    func questionEnd(_ lines: [String], label: Int) -> Int? {
        guard lines[label].hasPrefix("问题") else { return nil }
        var j = label + 1
        while j < lines.count, j <= label + Self.maxQuestionLines {
            if ruleKind(lines[j], index: j, count: lines.count) == "qa" { return j }
            j += 1
        }
        return nil
    }
    static let maxQuestionLines = 3

    static let repeatedTitleCounter = "dropped.repeated-title"

    /// The title again, in brackets, among the next kept lines below it (`【创建文明城市作文300字】`
    /// under `创建文明城市作文300字`): a template's heading, not the text.
    static func bracketedTitle(_ lines: [String], title: Int, kept: [Bool]) -> Int? {
        let length = lines[title].utf8.count
        var seen = 0
        for j in title + 1 ..< lines.count where kept[j] && !lines[j].isEmpty {
            // The cheap test first: the length of the title and two brackets.
            let line = lines[j].utf8
            if line.count == length + 6 || line.count == length + 2 || line.count == length + 4,
               ["【" + lines[title] + "】", "[" + lines[title] + "]", "《" + lines[title] + "》"].contains(lines[j]) {
                return j
            }
            seen += 1
            if seen == maxLinesToBracketedTitle { break }
        }
        return nil
    }
    static let maxLinesToBracketedTitle = 3

    /// The counter of a line dropped for its shape alone (an image's file name, an attachment's
    /// below the body, where `附件：` lists them: above it, a document site's file name is the
    /// title), a watermark, a download button), nil for none.
    static func shapeKind(_ p: UnsafeBufferPointer<UInt8>, belowBody: Bool) -> String? {
        if let ext = fileNameExtension(p) {
            if imageExtensions.contains(ext) { return "dropped.image" }
            if belowBody { return "dropped.attachment" }
        }
        if isGalleryCounter(p) { return "dropped.counter" }
        if isWatermark(p) { return "dropped.watermark" }
        if isDownloadButton(p) { return "dropped.download" }
        return nil
    }

    /// An image's file name alone on a line (`??21.jpg`, `IMG_2035.JPG`): what a caption's
    /// picture left behind.
    static func isImageFileName(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        fileNameExtension(p).map(imageExtensions.contains) ?? false
    }

    /// The extension of an image's or an attachment's file name alone on a line (`IMG_2035.JPG`,
    /// `2.赛事期间公交线路调整一览表.xlsx` under `附件：`), lowercased; nil for other lines. The
    /// cheap test first: a line ending in the last letter of an extension.
    static func fileNameExtension(_ p: UnsafeBufferPointer<UInt8>) -> String? {
        guard p.count >= 5, p.count <= maxImageNameBytes else { return nil }
        let last = p[p.count - 1] | 0x20
        guard last >= 0x61, last <= 0x7A, extensionLastLetters >> (last - 0x61) & 1 != 0 else { return nil }
        guard let dot = p.lastIndex(of: 0x2E), dot > 0 else { return nil }
        let ext = String(decoding: p[(dot + 1)...].map { $0 | 0x20 }, as: UTF8.self)
        guard imageExtensions.contains(ext) || attachmentExtensions.contains(ext) else { return nil }
        // One name: no white space, no sentence mark before the dot.
        let isName = !p[..<dot].contains(where: { $0 == 0x20 || $0 == 0x09 }) && !BodyEdges.isSentence(UnsafeBufferPointer(rebasing: p[..<dot]))
        return isName ? ext : nil
    }
    static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "gif", "webp", "bmp"]
    /// The documents an article attaches (`附件：` lists): office files and archives.
    static let attachmentExtensions: Set<String> = ["xls", "xlsx", "doc", "docx", "pdf", "wps", "et", "ppt", "pptx", "zip", "rar", "7z", "ofd"]
    /// The extensions' last letters, a bit each from `a` (a plain mask: asked of many lines).
    static let extensionLastLetters: UInt32 = imageExtensions.union(attachmentExtensions).reduce(0) { $0 | 1 << UInt32($1.utf8.last! - 0x61) }

    /// A gallery's counter between its photos alone on a line: `1/6`, `（3/12）` (a byte test, not
    /// a row: such a row's keyword `/` would be tried on many lines). The cheap test first: the length.
    static func isGalleryCounter(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 3, p.count <= maxGalleryCounterBytes else { return false }
        var i = 0, end = p.count
        // Full-width brackets (EF BC 88, EF BC 89) or ASCII ones around it.
        if p[0] == 0x28, p[end - 1] == 0x29 { i = 1; end -= 1 }
        else if p.count >= 9, p[0] == 0xEF, p[1] == 0xBC, p[2] == 0x88, p[end - 3] == 0xEF, p[end - 2] == 0xBC, p[end - 1] == 0x89 { i = 3; end -= 3 }
        var before = 0, after = 0, slash = false
        while i < end {
            let b = p[i]
            if b >= 0x30 && b <= 0x39 {
                if slash { after += 1 } else { before += 1 }
            } else if b == 0x2F, !slash {
                slash = true
            } else if b != 0x20 {
                return false
            }
            i += 1
        }
        return slash && (1 ... 3).contains(before) && (1 ... 3).contains(after)
    }
    static let maxGalleryCounterBytes = 16

    /// A forum's anti-scraping watermark alone on a line (`8 u) T/ R! B3 e- k& q% x; w 6 m# H9 F`):
    /// ASCII only, `minWatermarkTokens` or more tokens of one or two characters between spaces,
    /// some of them punctuation. The cheap test first: an ASCII first byte on a short line.
    static func isWatermark(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = p.first, first < 0x80, p.count <= maxWatermarkBytes else { return false }
        var tokens = 0, punctuated = 0, length = 0, hasPunctuation = false
        for i in 0 ... p.count {
            // (A space after the last byte closes the last token.)
            let b = i < p.count ? p[i] : 0x20
            guard b < 0x80 else { return false }
            if b == 0x20 {
                if length > 0 {
                    tokens += 1
                    if hasPunctuation { punctuated += 1 }
                }
                length = 0
                hasPunctuation = false
                continue
            }
            length += 1
            if length > 2 { return false }
            let isAlphanumeric = (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
            if !isAlphanumeric { hasPunctuation = true }
        }
        return tokens >= minWatermarkTokens && punctuated * 3 >= tokens
    }
    static let minWatermarkTokens = 6
    static let maxWatermarkBytes = 120

    /// A download site's buttons and prices, wherever they stand: a short line holding `下载`
    /// and no sentence mark, colon or quote (`快捷下载 游客一键下载`, `账号登录下载`,
    /// `下载资源需要5金币`, `立即下载`). A byte test, not a rule of the table: asked of every line,
    /// whose first byte rules no pattern out. The cheap test first: the line's length.
    static func isDownloadButton(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= downloadBytes.count, p.count <= 4 * maxDownloadScalars, UTF8Bytes.contains(p, downloadBytes),
              BodyEdges.scalarCount(p) <= maxDownloadScalars, !BodyEdges.isSentence(p) else { return false }
        return !downloadExcluded.contains { UTF8Bytes.contains(p, $0) } && !p.contains(0x3A)
    }
    static let downloadBytes = Array("下载".utf8)
    static let downloadExcluded = ["：", "“", "”", "、"].map { Array($0.utf8) }
    static let maxDownloadScalars = 20
    static let maxImageNameBytes = 120

    /// Joins lines taken together with a space, except after a full-width colon.
    static func joinLines(_ lines: [String]) -> String {
        lines.dropFirst().reduce(lines[0]) { joined, next in joined.hasSuffix("：") ? joined + next : joined + " " + next }
    }

    /// A line that can be the trail's last item, wrapped: short (`正文`, `本地新闻`), without
    /// punctuation, or a further piece of the trail (`新闻中心 > 正文`).
    static func isCrumbItem(_ line: String) -> Bool {
        if line.contains(">") || line.contains("»") || line.contains("＞") { return true }
        var n = 0
        for c in line.unicodeScalars {
            if "，。！？；：“”".unicodeScalars.contains(c) { return false }
            n += 1
            if n > maxWrappedCrumb { return false }
        }
        return true
    }
    static let maxWrappedCrumb = 8

    /// Lines that only separate breadcrumb items.
    static func isCrumbSeparator(_ line: String) -> Bool {
        [">>", ">", "»", "/", "→", "-", "＞", "＞＞"].contains(line)
    }

    public func repair(_ document: inout Record, counters: inout Counters, taken explained: inout [TakenLine]) {
        repair(&document, counters: &counters, taken: &explained, lineKeywords: [])
    }

    /// The same, given each line's `BoilerplateRules.keywords(in:)` where known (`CleanStage`
    /// found them when it read the line; an empty array or nil: found here).
    func repair(_ document: inout Record, counters: inout Counters, taken explained: inout [TakenLine], lineKeywords: [KeywordAutomaton.Bits?]) {
        let lines = document.lines
        let knownKeywords = lineKeywords.count == lines.count ? lineKeywords : []
        var kept: [String] = []
        // Menus, spam and markup are judged as what surrounds an article: a document without a
        // line of prose (a word list, a one-line page) has nothing around, and keeps its lines.
        // A page without prose whose trail a row takes (an agenda under `当前位置：首页 > 常委会工作`,
        // its items without a sentence mark) is a page all the same: its menus are a site's.
        let hasProse = lines.contains(where: CleanStage.isProse) || hasTrail(lines)
        let edges = BodyEdges(lines)
        // Lines above the body's anchor that the rules outside the body would take, decided once
        // the title is known (the nearest line above the anchor that no rule took).
        var above: [(index: Int, counter: String)] = []
        // The first comment byline a row took (`Rule.beginsReplies`): the replies under it go too.
        var commentByline: Int?
        var keptIndices: [Int] = []
        // A notice's closing and what lies between it and the text (`NoticeClosing`) are kept.
        var closing = hasProse ? NoticeClosing.protectedLines(lines) : []
        // Where head rules stop holding (below the last sentence, a date is a notice's date, no byline).
        let ruleEdges = hasProse && edges.lastSentence < BoilerplateRules.zoneLines
            ? BodyEdges(anchor: edges.anchor, lastSentence: headRulesEnd(lines, lastSentence: edges.lastSentence)) : edges
        // The last line taken (a rule, a shape, outside the body): a file's name right under it in
        // the tail is a listing's (`相关资源` / `某某汇报材料.docx`), not the text's.
        var lastTaken = -1
        var i = 0
        while i < lines.count {
            // Longer lines are never taken for boilerplate (`BoilerplateRules.maxLineBytes`).
            guard lines[i].utf8.count <= BoilerplateRules.maxLineBytes, !closing.contains(i) else {
                kept.append(lines[i])
                keptIndices.append(i)
                i += 1
                continue
            }
            // The first rule that takes the line, tried on its bytes: rules are ruled out by scope,
            // first byte and opening from plain arrays, then by their prefilter, before any regex runs.
            var line = lines[i]
            let taking: Int? = line.withUTF8 { p in
                // Its keywords found only when a rule is left to try (a line no rule may start with is not read).
                var keywords: KeywordAutomaton.Bits = 0
                return rules.firstCandidate(index: i, count: lines.count, line: p, keywords: {
                    keywords = i < knownKeywords.count ? knownKeywords[i] ?? rules.keywords(in: p) : rules.keywords(in: p)
                    return keywords
                }) { r in
                    // Head rules hold above the body's end: a date under a notice's last sentence is its date, no byline.
                    if rules.scopes[r] == .head && i > ruleEdges.lastSentence { return false }
                    // What `Rule.matches` tests first, read from a plain array.
                    if !rules.spansTwoLines[r], rules.keywordMasks[r] & ~keywords != 0 { return false }
                    let rule = rules.rules[r]
                    if rule.spansTwoLines {
                        return i + 1 < lines.count && rule.mayMatch(lines[i], then: lines[i + 1]) && rule.matches(lines[i] + "\n" + lines[i + 1])
                    }
                    return rule.matches(p, keywords: keywords)
                }
            }
            guard let r = taking else {
                // (Below the body's start, right under it or with blank lines between: at most
                // `maxLinesUnderTaken` down. Above the body, a document site's file name is its title,
                // also right above the text's first sentence under a form the rows took.)
                let belowBody = i > edges.lastSentence || (lastTaken >= i - Self.maxLinesUnderTaken && i > edges.anchor
                    && i >= lines.count - BoilerplateRules.zoneLines && lastTaken == previousLine(lines, before: i) && !titlesText(lines, i, keptIndices: keptIndices))
                if hasProse, let counter = line.withUTF8({ Self.shapeKind($0, belowBody: belowBody) }) ?? structuralKind(lines[i], index: i, count: lines.count)
                    ?? (SectionHeadings.isContentsLine(lines, i) ? "dropped.contents" : nil),
                   counter != "dropped.menu" || !LinkLines.isTableRow(lines, i) {
                    explained.append(TakenLine(index: i, counter: counter))
                    counters.add(counter)
                    lastTaken = i
                } else {
                    let belowTheBody = i >= lines.count - BoilerplateRules.zoneLines && i > edges.lastSentence
                    // Head lines are decided once the title is known (the body may begin lower than its
                    // first sentence when a rule took that one).
                    if hasProse, i < BoilerplateRules.zoneLines, i < edges.anchor || !belowTheBody {
                        if let counter = outsideKind(lines[i]) {
                            if !isTextStructure(lines, i, previousKept: keptIndices.last),
                               !(i < edges.anchor && Self.namesFirstSentence(lines[i], lines[edges.anchor])) { above.append((i, counter)) }
                        } else if BodyEdges.withBytes(lines[i], BodyEdges.isShortExclamation) {
                            above.append((i, "dropped.link-like"))
                        }
                    } else if hasProse, i >= lines.count - BoilerplateRules.zoneLines, i > edges.lastSentence,
                              let counter = outsideKind(lines[i]), !isTextStructure(lines, i, previousKept: keptIndices.last) {
                        explained.append(TakenLine(index: i, counter: counter))
                        counters.add(counter)
                        lastTaken = i
                        i += 1
                        continue
                    }
                    kept.append(lines[i])
                    keptIndices.append(i)
                }
                i += 1
                continue
            }
            let rule = rules.rules[r]
            // A notice's own contact lines (`NoticeClosing.isInContactSection`), though a footer's form.
            if hasProse, rule.kind == "contact", NoticeClosing.isInContactSection(lines, i) {
                closing.append(i)
                kept.append(lines[i])
                keptIndices.append(i)
                i += 1
                continue
            }
            if rule.beginsReplies, commentByline == nil { commentByline = i }
            var taken = rule.spansTwoLines ? [lines[i], lines[i + 1]] : rule.kind == "breadcrumb" ? breadcrumb(lines, from: i) : [lines[i]]
            if rule.kind == "related" && rule.scope == .tail {
                while i + taken.count < lines.count, Self.isLinkText(lines[i + taken.count], question: true) { taken.append(lines[i + taken.count]) }
            } else if rule.kind == "tips" {
                // The reader's notes under the label: site talk, or a further label (`友情提示`).
                while i + taken.count < lines.count, lines[i + taken.count].utf8.count <= SiteTalk.maxLineBytes,
                      siteTalk.isReaderNote(lines[i + taken.count]) || ruleKind(lines[i + taken.count], index: i + taken.count, count: lines.count) == "tips" {
                    taken.append(lines[i + taken.count])
                }
            } else if rule.kind == "qa", let answer = questionEnd(lines, label: i) {
                taken = Array(lines[i ..< answer])
            }
            for j in i ..< i + taken.count {
                explained.append(TakenLine(index: j, counter: rule.counterName))
            }
            // A listing's item below the body (its summary, `…。社会`, or its footer, `2024/06/18 推荐`) takes its
            // title, the kept line right above it (`itemTitleAbove`).
            if hasProse, let title = keptIndices.last, Self.itemTitleAbove(lines, item: i, title: title, rule: rule), !closing.contains(title) {
                kept.removeLast()
                keptIndices.removeLast()
                explained.append(TakenLine(index: title, counter: rule.counterName))
                counters.add(rule.counterName)
            }
            lastTaken = i + taken.count - 1
            switch rule.action {
            case .drop:
                counters.add(rule.counterName, taken.count)
            case let .moveToField(field):
                document.add(field, Self.joinLines(taken))
                counters.add(rule.counterName, taken.count)
            }
            i += taken.count
        }
        // Which lines no rule took (a mask, not a Set: asked of every document).
        var isKept = [Bool](repeating: false, count: lines.count)
        for i in keptIndices { isKept[i] = true }
        let body = hasProse ? edges.afterRules(lines, kept: { isKept[$0] }) : edges
        let title = hasProse ? body.title(in: lines, taken: { !isKept[$0] }) : -1
        // A site's header lines above a line a rule took (a menu, a breadcrumb), above the title.
        if hasProse, title > 0 {
            above += headerLines(lines, title: title, kept: isKept, already: above.map(\.index)).map { ($0, "dropped.header") }
        }
        if hasProse, title >= 0, let repeated = Self.bracketedTitle(lines, title: title, kept: isKept) {
            above.append((repeated, Self.repeatedTitleCounter))
        }
        if !above.isEmpty {
            var dropped = Set<Int>()
            // Above the title; below it, a widget's row (`播放 字幕 倍速 全屏`) above the byline, and
            // the title again in brackets.
            for line in above where line.index < title || line.counter == Self.repeatedTitleCounter
                || (line.index > title && line.index < body.anchor && BodyEdges.withBytes(lines[line.index], BodyEdges.isWidgetRow)) {
                dropped.insert(line.index)
                explained.append(TakenLine(index: line.index, counter: line.counter))
                counters.add(line.counter)
            }
            if !dropped.isEmpty {
                let pairs = zip(keptIndices, kept).filter { !dropped.contains($0.0) }
                kept = pairs.map(\.1)
                keptIndices = pairs.map(\.0)
            }
        }
        if hasProse { dropReplies(lines, commentByline: commentByline, kept: &kept, keptIndices: &keptIndices, explained: &explained, counters: &counters) }
        if hasProse { dropSiteTalk(lines, kept: &kept, keptIndices: &keptIndices, title: title, protected: closing, explained: &explained, counters: &counters) }
        if hasProse { rememberSiteLines(lines, title: title, edges: edges) }
        document.lines = kept
    }

    /// Replies under a post: in the tail zone, below a sentence of the text, a dated and timed
    /// byline (`发表于 2020-7-14 10:03:12 | 只看该作者`, `2019-12-27 09:11 游客`), or a comment's
    /// byline the table took (`山里的风 7-02·湖南`, `Rule.beginsReplies`), begins the replies, and the
    /// short kept lines without a full stop under it are theirs (`支持，我们那边也变好了`).
    func dropReplies(_ lines: [String], commentByline: Int?, kept: inout [String], keptIndices: inout [Int], explained: inout [TakenLine], counters: inout Counters) {
        let zoneStart = max(0, lines.count - BoilerplateRules.zoneLines)
        // The cheap test first: a short line with a clock time, in the tail zone (most pages have none).
        var post: Int?
        for i in zoneStart ..< lines.count where lines[i].utf8.count <= Self.maxPostBytes {
            if i == commentByline || BodyEdges.withBytes(lines[i], { BodyEdges.hasClockTime($0) && BodyEdges.isBylineLike($0) }),
               zip(keptIndices, kept).contains(where: { $0.0 < i && BodyEdges.withBytes($0.1, BodyEdges.isBodySentence) }) {
                post = i
                break
            }
        }
        guard let post else { return }
        var dropped = Set<Int>()
        for (k, index) in keptIndices.enumerated() where index > post {
            let isReply = BodyEdges.withBytes(kept[k]) { p in
                BodyEdges.scalarCount(p) <= Self.maxReplyScalars && !UTF8Bytes.contains(p, BodyEdges.fullStop)
            }
            if isReply { dropped.insert(k) }
        }
        guard !dropped.isEmpty else { return }
        for k in dropped.sorted() {
            explained.append(TakenLine(index: keptIndices[k], counter: "dropped.comments"))
            counters.add("dropped.comments")
        }
        let pairs = zip(keptIndices, kept).enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
        kept = pairs.map(\.1)
        keptIndices = pairs.map(\.0)
    }
    static let maxReplyScalars = 40
    static let maxPostBytes = 4 * BodyEdges.maxBylineScalars

    /// Kept lines above the title, in the head zone, that a line a rule took follows before the
    /// title (`桐江市第二实验中学` above `当前位置：首页 - 德育之窗 - 正文`): a site's name without a
    /// tagline, its slogans and tools, never the article, which begins at its title. Short lines
    /// without a sentence mark, a credit or a date only (a byline above the title stays).
    func headerLines(_ lines: [String], title: Int, kept: [Bool], already: [Int]) -> [Int] {
        var header: [Int] = []
        var takenBelow = false, titleAbove = false
        for i in stride(from: min(title, BoilerplateRules.zoneLines) - 1, through: 0, by: -1) where !lines[i].isEmpty {
            guard kept[i] else {
                takenBelow = true
                continue
            }
            // An enumerated item (`一、项目名称：…`) is the text's: the text begins above the line
            // taken for its title (a notice whose first sentence lies low), and the nearest kept line
            // above its items is its real title, never a header; the site's header lies above that.
            if BodyEdges.withBytes(lines[i], SectionHeadings.isEnumerated) {
                takenBelow = false
                titleAbove = true
                continue
            }
            if titleAbove {
                titleAbove = false
                continue
            }
            guard takenBelow, !already.contains(i) else { continue }
            let isHeader = BodyEdges.withBytes(lines[i]) { p in
                p.count <= 4 * Self.maxHeaderScalars && BodyEdges.scalarCount(p) <= Self.maxHeaderScalars && !BodyEdges.isSentence(p)
                    && !BodyEdges.hasCredit(p) && !BylineNamedPageStart.hasDate(p)
            }
            if isHeader { header.append(i) }
        }
        return header
    }
    static let maxHeaderScalars = 30

    /// Site talk (`SiteTalk`) where the body begins and ends: the kept lines of the head zone below
    /// the title, down to the first sentence that is not site talk, and those of the tail zone, up
    /// to the last such sentence (lines without a sentence mark are passed over: a kept signature
    /// or English notice does not end the run). A sentence of the article between two of its
    /// sentences is never reached. In the tail, the body ends at its last sentence kept: very
    /// short link-like lines below it (`![]()`) go too, also above a related list whose items have
    /// commas (the edges saw those as sentences); longer ones may be the end of a text in
    /// ASCII punctuation (`…（authentication agent）了. 详见`) above a taken copyright note.
    /// A notice's closing (`protected`, `NoticeClosing`) is the text's: a short signature is no link.
    func dropSiteTalk(_ lines: [String], kept: inout [String], keptIndices: inout [Int], title: Int, protected: [Int] = [],
                      explained: inout [TakenLine], counters: inout Counters) {
        var dropped = Set<Int>()
        var linkLike = Set<Int>()
        // A run is taken only when a sentence of the article ends it or lies beyond it: a
        // document of site talk alone (a one-paragraph review that names a 会员) keeps its lines.
        func walk(_ positions: [Int], tail: Bool, inZone: (Int) -> Bool) {
            var talks: [Int] = [], links: [Int] = []
            // In the tail, a slogan right under the line above it (`isSlogan`), taken when that line is a short link.
            var slogan: Int?
            for k in positions {
                let index = keptIndices[k]
                // The title and what is above it are not the body.
                if index <= title { continue }
                let zoned = inZone(index)
                let (talk, sentence) = BodyEdges.withBytes(kept[k]) { p in (siteTalk.isSiteTalk(p), BodyEdges.isSentence(p)) }
                if sentence && !talk {
                    dropped.formUnion(talks)
                    linkLike.formUnion(links)
                    return
                }
                guard zoned, !protected.contains(index) else { continue }
                let below = slogan
                slogan = nil
                if talk {
                    talks.append(k)
                } else if tail, BodyEdges.withBytes(kept[k], BodyEdges.isShortLinkLike),
                          !isTextStructure(lines, index, previousKept: k > 0 ? keptIndices[k - 1] : nil) {
                    links.append(k)
                    // An account's card under a post: its name, then its slogan (`城管微讯` / `城市管理让城市更美好`).
                    if let below, keptIndices[below] == index + 1 { links.append(below) }
                } else if tail, BodyEdges.withBytes(kept[k], Self.isSlogan) {
                    slogan = k
                }
            }
        }
        let zone = BoilerplateRules.zoneLines
        walk(Array(keptIndices.indices), tail: false) { $0 < zone }
        walk(keptIndices.indices.reversed(), tail: true) { $0 >= lines.count - zone }
        guard !dropped.isEmpty || !linkLike.isEmpty else { return }
        for k in dropped.sorted() {
            explained.append(TakenLine(index: keptIndices[k], counter: "dropped.site-talk"))
            counters.add("dropped.site-talk")
        }
        for k in linkLike.sorted() {
            explained.append(TakenLine(index: keptIndices[k], counter: "dropped.link-like"))
            counters.add("dropped.link-like")
        }
        dropped.formUnion(linkLike)
        let pairs = zip(keptIndices, kept).enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
        kept = pairs.map(\.1)
        keptIndices = pairs.map(\.0)
    }

    /// A slogan: four to `maxSloganScalars` Han characters and nothing else (`城市管理让城市更美好`).
    /// Taken only right under an account's name that goes below the body (`dropSiteTalk`).
    static func isSlogan(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 12, p.count <= 3 * maxSloganScalars, !BodyEdges.hasCredit(p) else { return false }
        var i = 0, n = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            guard ScalarClass.isHan(v) else { return false }
            i += length
            n += 1
        }
        return n >= 4 && n <= maxSloganScalars
    }
    static let maxSloganScalars = 16

    /// The lines of a breadcrumb that starts at `start`, which may continue over several lines:
    /// `您当前的位置 :` / `中国张掖网` / `>>` / `问政` / `>>` / `卢小亨活动报道集`.
    func breadcrumb(_ lines: [String], from start: Int) -> [String] {
        var taken = [lines[start]]
        var j = start + 1
        let first = lines[start]
        // A marker line with nothing after its colon, or ending in a separator, goes on below;
        // after a separator only with a crumb (`正文`), not the title under the trail.
        if (first.hasSuffix("：") || first.hasSuffix(":") || (first.hasSuffix(">") && j < lines.count && Self.isCrumbItem(lines[j]))), j < lines.count {
            taken.append(lines[j])
            j += 1
        }
        while j + 1 < lines.count, Self.isCrumbSeparator(lines[j]) {
            taken.append(contentsOf: lines[j...j + 1])
            j += 2
        }
        return taken
    }
}
