import Testing
@testable import CivKit

/// Page starts of issue 17's tuning sets: a forum archive's first line glued after another page's
/// last line (`查看完整版本：[-- 标题 --]`, a `starts-glued` row of `boilerplate.tsv`); a page's title
/// ending in its own `？` or `！` right above its byline, which the head search reaches over
/// (`MarkedTitleHead`); a page's own link ending the old page surely (`PageLinkEnd`); a row of an
/// icon font's glyphs as the new page's first line (`IconGlyphLine`). Lines written for the tests,
/// in the forms real pages take.
struct HeadTitleAndArchiverStartTests {
    let rules = BoilerplateRules.standard

    func rest(_ line: String) -> String? {
        rules.gluedPageStart(in: line).map { String(line[$0...]) }
    }

    func isTitle(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { MarkedTitleHead.isTitle($0) }
    }

    /// A news page ending in `last`, then the page of `lines` glued after it: the records, and
    /// the first page's length in bytes.
    func records(after last: String, _ lines: [String]) throws -> (records: [Record], firstLength: Int) {
        let a = ["某某区召开文明创建推进会", "2023-05-06 来源：某某区融媒体中心", "5月5日，某某区召开文明创建推进会，部署下一阶段工作。",
                 "会议要求，各街道要对照测评体系逐项整改。", last].joined(separator: "\n")
        let (records, _, _) = try Support.cleanRecords(Array((a + lines.joined(separator: "\n")).utf8))
        return (records, a.utf8.count)
    }

    // MARK: a forum archive's first line

    @Test func anArchiversFirstLineGluedAfterTextBeginsAPage() {
        // After a title, a tag list, a footer: whatever the old page ended with.
        #expect(rest("某某镇召开志愿服务推进会查看完整版本：[-- 关于公布文明家庭名单的公示 --]") == "查看完整版本：[-- 关于公布文明家庭名单的公示 --]")
        #expect(rest("相关搜索：文明城市 志愿服务查看完整版本：[-- 小区停车难怎么办 --] [-- top --]")
                == "查看完整版本：[-- 小区停车难怎么办 --] [-- top --]")
        #expect(rest("Copyright © 2024 某某网查看完整版本：[-- 标题 --]") == "查看完整版本：[-- 标题 --]")
        // On a line of its own it starts nothing (its page's first line, or an archive's link).
        #expect(rest("查看完整版本：[-- 关于公布文明家庭名单的公示 --]") == nil)
        #expect(!rules.startsPage("查看完整版本：[-- 关于公布文明家庭名单的公示 --]"))
        // Prose that names the link, without the archiver's brackets: no page.
        #expect(rest("请登录后点击查看完整版本：共三页") == nil)
        #expect(rest("手机用户可点击查看完整版本") == nil)
    }

    @Test func aForumArchivesPageGluedAfterNewsIsADocumentOfItsOwn() throws {
        let (records, firstLength) = try records(after: "相关搜索：文明城市 志愿服务", [
            "查看完整版本：[-- 关于拟表彰县级“文明家庭”的公示 --]",
            "某某信息港 -> 某某新闻 -> 关于拟表彰县级“文明家庭”的公示 [打印本页]",
            "登录 -> 注册 -> 回复主题 -> 发表主题",
            "某某论坛 2021-12-06 09:18",
            "经乡镇推荐和群众评议，拟表彰县级“文明家庭”二十户，现予以公示。"])
        #expect(records.count == 2)
        #expect(records.last?[FieldKey.offset] == String(firstLength))
    }

    // MARK: a title ending in its own mark

    @Test func aShortTitleEndingInItsOwnMarkIsATitle() {
        #expect(isTitle("这座城的“美颜师”，你认识吗？"))
        #expect(isTitle("文明养犬，从你我做起！"))
        #expect(isTitle("“谁在守护城市的夜晚？”"))
        // Two sentences, a full stop, a semicolon, a mark inside: an article's line.
        #expect(!isTitle("他说：这是真的吗？我不信！"))
        #expect(!isTitle("我们完成了任务。你呢？"))
        #expect(!isTitle("路面平整了；你满意吗？"))
        #expect(!isTitle("谁来管？小区停车难"))
        // No mark, the mark alone, a sentence too long for a title.
        #expect(!isTitle("小区停车难谁来管"))
        #expect(!isTitle("？"))
        #expect(!isTitle("今年以来，全县各乡镇持续推进农村人居环境整治，群众满意度逐年提升，你感受到了吗？"))
    }

    /// A WeChat mirror's first line glued after the old page's related title, a tab's label, then
    /// the question's title over its byline: the page begins at `查看原文`.
    @Test func aQuestionsTitleAboveItsBylineHidesNoHeadAboveIt() throws {
        let (records, firstLength) = try records(after: "文明养犬，从拴绳开始", [
            "查看原文", "其他", "谁在守护城市的夜晚？", "2022-08-03 某某文明 某某文明",
            "每天深夜，环卫工人走上街头，清扫白天留下的垃圾。"])
        #expect(records.count == 2)
        #expect(records.last?[FieldKey.offset] == String(firstLength))
    }

    /// An article's last sentence ending in `！` over its signature with a date (a head byline's
    /// form): sentences above it, no head line, so nothing above it is searched.
    @Test func anArticlesExclamationAboveItsSignatureStaysInIt() throws {
        let page = ["某某市开展文明交通劝导活动", "2023-05-01 来源：某某市文明办",
                    "4月30日，某某市组织志愿者在主要路口开展文明交通劝导。", "活动中，志愿者劝导闯红灯行人三百余人次。",
                    "让我们携手共建文明城市！", "某某市文明办 2023-05-01"].joined(separator: "\n")
        let (records, _, _) = try Support.cleanRecords(Array(page.utf8))
        #expect(records.count == 1)
    }

    // MARK: a page's own link, an icon font's glyphs

    func endsInPageLink(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { PageLinkEnd.endsInPageLink($0) }
    }

    func isGlyphLine(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { IconGlyphLine.isLine($0) }
    }

    func headlessStart(_ line: String) -> String? {
        var line = line
        return line.withUTF8 { p in HeadlessPageStart.start(in: p).map { String(decoding: p[$0...], as: UTF8.self) } }
    }

    @Test func aFieldsLinkToAPageIsASureEnd() {
        #expect(endsInPageLink("本文链接：https://www.example.cn/content/2023/09/12/1234567.html"))
        #expect(endsInPageLink("地址：http://www.example.cn/xwdt/3187.html"))
        #expect(endsInPageLink("原文地址: http://news.example.com/a/b_1.shtml"))
        #expect(endsInPageLink("标题：某某专题片 地址：http://x.example.cn/a.htm"))
        // A site's home, a link in prose with no field, no scheme, a query after the file: no end.
        #expect(!endsInPageLink("网址：http://www.example.cn"))
        #expect(!endsInPageLink("网址：http://www.example.cn/"))
        #expect(!endsInPageLink("详情请登录http://www.example.cn/a/1.html"))
        #expect(!endsInPageLink("地址：example.html"))
        #expect(!endsInPageLink("本文链接：https://www.example.cn/1.html?from=app"))
        // The next page's first line glued after it begins that page; after a home's address, not.
        #expect(headlessStart("地址：http://www.example.cn/xwdt/3187.html今日 首页 - 帮助") == "今日 首页 - 帮助")
        #expect(headlessStart("网址：http://www.example.cn联系电话：0731-88886666") == nil)
        #expect(headlessStart("详情请登录http://www.example.cn/a/1.html查看公示名单") == nil)
    }

    @Test func aRowOfIconGlyphsIsAFirstLine() {
        #expect(isGlyphLine("✧⛶❖"))
        #expect(isGlyphLine("✧ ⛶ ❖ ☰"))
        // One glyph repeated (a rating, a divider), emoji, too few, text after: no row.
        #expect(!isGlyphLine("★★★"))
        #expect(!isGlyphLine("◆◆◆◆"))
        #expect(!isGlyphLine("✨✅⭐"))
        #expect(!isGlyphLine("✧⛶"))
        #expect(!isGlyphLine("✧⛶❖某某网"))
        // After a sure end it begins a page; after other text, not.
        #expect(headlessStart("Gzip enabled✧⛶❖") == "✧⛶❖")
        #expect(headlessStart("技术支持：某某网络科技有限公司✧⛶❖") == "✧⛶❖")
        #expect(headlessStart("返回顶部✧⛶❖") == nil)
        #expect(headlessStart("本站内容均由网友提供。✧⛶❖") == nil)
    }

    @Test func aGlyphRowGluedAfterAPagesLinkBeginsAHeadlessPage() throws {
        let (records, firstLength) = try records(after: "地址：http://www.example.cn/xwdt/3187.html", [
            "✧⛶❖", "某某热榜 官网", "某某县“流动课堂”开进集市", "6月以来，某某县文明办组织宣讲员走进各乡镇集市，讲解文明新规。"])
        #expect(records.count == 2)
        #expect(records.last?[FieldKey.offset] == String(firstLength))
    }

    // MARK: a title printed twice

    func repeatsTitle(_ line: String, above: String) -> Bool {
        var line = line, above = above
        return line.withUTF8 { p in above.withUTF8 { RepeatedTitleHead.repeatsTitle(p, above: $0) } }
    }

    @Test func aTitleRepeatedRightUnderItselfIsAPageStart() {
        let title = "「图档新闻」某某街道环卫工人清洗公共设施 擦亮城市「门面」"
        #expect(repeatsTitle(title, above: title))
        // Another line, a short label, a sentence: no title's repeat.
        #expect(!repeatsTitle(title, above: "「图档新闻」某某街道环卫工人清洗公共设施"))
        #expect(!repeatsTitle("相关推荐", above: "相关推荐"))
        #expect(!repeatsTitle("会议强调，要压实责任。", above: "会议强调，要压实责任。"))
    }

    /// An aggregator's page (its name, the title twice, the text) glued after the old page's last
    /// footer link: the page begins at its name.
    @Test func anAggregatorsNameAboveItsTitlePrintedTwiceBeginsThePage() throws {
        let title = "「图档新闻」某某街道环卫工人清洗公共设施 擦亮城市「门面」"
        let (records, firstLength) = try records(after: "RSS 订阅", [
            "每日看点", title, title, "图为11月2日，某某街道环卫工人在冲洗公交站台顶棚。", "入冬以来，街道把清洗频次提高到每周三次。"])
        #expect(records.count == 2)
        #expect(records.last?[FieldKey.offset] == String(firstLength))
        // The same page after the old page's text with no end before the name: no cut is guessed.
        let (merged, _) = try self.records(after: "相关搜索：文明城市 志愿服务 税务局", [
            "每日看点", title, title, "图为11月2日，某某街道环卫工人在冲洗公交站台顶棚。"])
        #expect(merged.count == 1)
    }
}
