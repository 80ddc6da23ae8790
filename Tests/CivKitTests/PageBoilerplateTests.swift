import Foundation
import Testing
@testable import CivKit

/// The rules of issue 17 (spam, menus, markup, related lists, pages' last lines) and the
/// labelled pages of `testdata/pages/` (what `scripts/eval-pages` measures).
@Suite struct PageBoilerplateTests {
    func clean(_ lines: [String]) -> (Record, Counters) { Support.removeBoilerplate(lines) }

    @Test func spamLinesAreDroppedUnderTheirOwnCounter() {
        let spam = "皇冠体育 bet365 澳门赌场 太阳城娱乐 真人视讯 百家乐技巧"
        let (record, counters) = clean([spam, "市委召开创建工作会议", "会议要求，全市上下要攻坚克难。"])
        #expect(record.lines == ["市委召开创建工作会议", "会议要求，全市上下要攻坚克难。"])
        #expect(counters["dropped.spam"] == 1)
        // News about a crackdown names such words in sentences; a title names one or two.
        let spamLines = SpamLines.standard
        #expect(!spamLines.isSpam("警方捣毁一个百家乐、六合彩和时时彩网络赌博团伙，抓获12人。"))
        #expect(!spamLines.isSpam("我市严厉打击六合彩等非法博彩活动"))
        #expect(spamLines.isSpam("澳门新葡京娱乐场-真人百家乐-皇冠体育投注-六合彩开奖结果"))
    }

    @Test func menusAreDroppedTitlesWithSpacesKept() {
        #expect(LinkLines.isMenu("首页 政务公开 政务服务 互动交流 走进西平"))
        #expect(LinkLines.isMenu("网站地图 | 联系我们 | 隐私声明"))
        #expect(!LinkLines.isMenu("对标创建标准 聚力攻坚克难 全面提升城市建设管理服务水平"))
        #expect(!LinkLines.isMenu("创文明城 做文明人 当文明市民"))
        #expect(!LinkLines.isMenu("会议 强调 要 抓好 落实，确保 实效"))
        // Prose that looks like a trail or a footer link: no page starts or ends there.
        #expect(!BoilerplateRules.standard.startsPage("<文件名>: 是一个无效的符号链接"))
        #expect(BoilerplateRules.standard.gluedPageStart(in: "退出xpdf远程服务器.(仅适用于-remote时)") == nil)
        #expect(BoilerplateRules.standard.gluedPageStart(in: "登录 注册当前位置：首页 > 要闻") != nil)
        // Four items are a menu when the first is 首页.
        #expect(LinkLines.isMenu("首页 政务公开 政务服务 互动交流"))
        #expect(!LinkLines.isMenu("创文明城 做文明人 当文明市民 建文明城"))
        // A credit line lists names between spaces too: no menu.
        #expect(!LinkLines.isMenu("记者 吴晓燕 刘洋 摄影 孙博"))
        let (record, counters) = clean(["首页 新闻 政务 民生 文化 旅游 专题 视频", "标题", "正文。"])
        #expect(record.lines == ["标题", "正文。"] && counters["dropped.menu"] == 1)
        // Without prose there is no article for a menu to surround: a word list stays whole.
        let (words, wordCounters) = clean(["虛偽 嘆息 潮濕 灶台 沙發 乾燥"])
        #expect(words.lines == ["虛偽 嘆息 潮濕 灶台 沙發 乾燥"] && wordCounters.isEmpty)
    }

    @Test func markupLinesAreDroppedOrReadThroughTheirTags() {
        #expect(LinkLines.isMarkup("<br/>"))
        #expect(LinkLines.isMarkup("<script>var _hmt = _hmt || [];</script>"))
        #expect(!LinkLines.isMarkup("<p>市城管局局长表示，将建立夜间巡查常态化机制。</p>"))
        let lines = ["标题", "<p>市城管局局长表示，将建立夜间巡查常态化机制。</p>", "<div class=\"share\">分享到：</div>", "<footer>东坡区融媒体中心 版权所有</footer>"]
        let (record, counters) = clean(lines)
        #expect(record.lines == Array(lines[0...1]))
        #expect(counters["dropped.markup"] == 2)
    }

    @Test func relatedListsAreTakenWithTheirHeading() {
        let lines = ["标题", "会议要求，全市上下要攻坚克难。", "相关阅读：", "南桥区开展市容秩序专项整治", "临湖街道推进老旧小区改造", "·金川市志愿者开展文明劝导"]
        let (record, counters) = clean(lines)
        #expect(record.lines == Array(lines[0...1]))
        #expect(counters["dropped.related"] == 4)
        // A sentence after the heading is no link.
        let (kept, _) = clean(["标题", "相关阅读：", "会议要求，全市上下要攻坚克难。"])
        #expect(kept.lines == ["标题", "会议要求，全市上下要攻坚克难。"])
    }

    @Test func templateFramesPaywallAndFooterLinesAreDropped() {
        let lines = ["范文标题", "下面是小编为大家整理的范文标题，供大家参考。", "正文第一段。", "（剩余3156字）",
                     "以上就是小编为大家整理的范文标题，希望对大家有所帮助。", "本文来源：https://www.example.com/a/1.html",
                     "【打印】 【关闭】", "[打印] [关闭]", "主办：某某县委宣传部 联系电话：0771-5212345", "关于我们 - 联系我们 - 网站地图"]
        let (record, _) = clean(lines)
        #expect(record.lines == ["范文标题", "正文第一段。"])
    }

    @Test func closingLinesSplitGluedPagesRightAfterThem() {
        let rules = BoilerplateRules.standard
        func rest(_ line: String) -> String? { rules.gluedPageStart(in: line).map { String(line[$0...]) } }
        #expect(rest("皖ICP备12000345号南溪县：以绣花功夫提升城市颜值") == "南溪县：以绣花功夫提升城市颜值")
        #expect(rest("鄂ICP备19001234号-1江岸网 江岸新闻") == "江岸网 江岸新闻")
        #expect(rest("如有侵权请联系我们删除，邮箱：nxxw@qq.com桐州市召开会议") == "桐州市召开会议")
        #expect(rest("【打印本页】【关闭窗口】凤岭县召开推进会") == "凤岭县召开推进会")
        #expect(rest("（记者 邵明辉 通讯员 龙雨婷）清江市推进公共厕所提质改造") == "清江市推进公共厕所提质改造")
        #expect(rest("下一篇：某某工作会议召开您当前的位置：首页 >> 要闻") == "您当前的位置：首页 >> 要闻")
        // One footer line, not two pages: a space, a digit or a dash follows the number.
        #expect(rest("桂ICP备15003456号-2 桂公网安备 45012302000123号") == nil)
        #expect(rest("京ICP备12345678号2") == nil)
        // A number's label in brackets right after it is the same line's: `（镇纪委）` begins no page.
        #expect(rest("监督电话：0739-6152307（镇纪委）  13907391526（村务监督委员会）") == nil)
        #expect(rest("举报邮箱：jb@example.com(纪检组)") == nil)
        // Dropped whole only: a line that goes on after a closing marker is not taken for one.
        let (record, _) = clean(["标题", "正文。", "【打印】会议要求，全市上下要攻坚克难。"])
        #expect(record.lines.count == 3)
    }

    /// A site's greeting ends in `！` but is no prose: the breadcrumb under it starts no second
    /// document, nor is the menu between them cut where a word of the trail recurs (`政府|采购`).
    @Test func aGreetingAboveTheBreadcrumbIsNoProse() throws {
        let page = "您好，欢迎访问青岚县公共资源交易网！今天是：2024年5月13日 星期一\n首页 | 交易信息 | 政策法规 | 办事指南 | 诚信体系\n"
            + "工程建设 | 政府采购 | 土地矿产 | 产权交易\n当前位置：首页 >> 交易信息 >> 政府采购 >> 采购公告\n"
            + "青岚县广告牌更新项目磋商公告\n潜在供应商应在交易网获取采购文件，并按时提交响应文件。"
        let (records, _, stage) = try Support.cleanRecords(Array(page.utf8))
        #expect(records.count == 1)
        #expect(stage.counters["pages.head-cut-split"] == 0)
        #expect(CleanStage.isWelcome("欢迎来到澄江市人大网！"))
        #expect(!CleanStage.isWelcome("欢迎访问的客人说：这里很好。"))
        #expect(!CleanStage.isWelcome("他说欢迎访问！"))
        // Glued after the old page's last line (a site's identifier), the greeting begins the next page.
        let rules = BoilerplateRules.standard
        let glued = "滇ICP备05006613号-1 网站标识码：5304000017您好，欢迎访问澄江市人大网！今天是：2024年10月25日 星期五"
        #expect(rules.gluedPageStart(in: glued).map { String(glued[$0...]) } == "您好，欢迎访问澄江市人大网！今天是：2024年10月25日 星期五")
        #expect(rules.gluedPageStart(in: "他说：您好，欢迎访问澄江市人大网！") == nil)
        // A menu whose first item is `网站首页` is one line of a page, not a trail glued after `网站`.
        #expect(rules.gluedPageStart(in: "网站首页 | 乡情概况 | 政务公开 | 乡村振兴 | 党建园地") == nil)
    }

    /// Lines above a page's breadcrumb (site tools, menus, the site's name) stay with the page:
    /// a page start begins a new document only after the document before has prose.
    @Test func aBreadcrumbBelowHeaderLinesStartsNoSecondDocument() throws {
        let first = "市委召开创建工作会议\n会议要求，全市上下要攻坚克难。\n皖ICP备12000345号"
        let second = "设为首页 | 加入收藏 | 手机版\n安溪文明网\n首页 >> 文明创建 >> 创建动态\n安溪县开展专项督查\n督查组随机抽查了24家餐饮门店。"
        let (records, _, stage) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.count == 2)
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        #expect(stage.counters["pages.glued-line-split"] == 1)
    }

    /// A glued first line with no marker: the head byline after it names the page's source, and
    /// the page began at that name.
    @Test func aHeadBylineNamesWhereAGluedPageBegan() throws {
        func name(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { BylineNamedPageStart.sourceName(inByline: $0) }.map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(name("2022-11-02 10:05 来源:南溪新闻网") == "南溪")
        #expect(name("2024年03月05日 10:22 来源：白沙区融媒体中心") == "白沙")
        #expect(name("2020-9-8 17:30| 发布者: songyang| 评论: 0|来自: 松阳县融媒体中心") == "松阳")
        // A tail byline has no date; a sentence quoting a source is no byline.
        #expect(name("来源：南溪新闻网") == nil)
        #expect(name("2022-11-02 10:05 来源:www.nxxw.cn") == nil)
        func start(_ line: String, _ name: String) -> Int? {
            var line = line
            return line.withUTF8 { BylineNamedPageStart.pageStart(in: $0, name: Array(name.utf8)) }
        }
        let glued = "一图读懂创建全国文明城市测评体系南溪县:以“绣花功夫”提升城市颜值"
        #expect(start(glued, "南溪") == "一图读懂创建全国文明城市测评体系".utf8.count)
        // A sentence of the article is no page's first line.
        #expect(start("南溪县将继续推进创文工作。", "南溪") == nil)

        let first = "东江市召开创建工作会议\n会议要求，全市上下要攻坚克难。\n相关推荐：社区创建文明城市工作总结 | 创城工作汇报材料"
        let second = "白沙新闻网 > 区县新闻 > 正文\n白沙区开展主题志愿服务活动\n2024年03月05日 10:22 来源：白沙区融媒体中心\n3月5日，白沙区组织志愿者1200余人开展活动。"
        let (records, _, stage) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        #expect(records.last?.lines.first == "白沙区开展主题志愿服务活动")
        // Found by the head's names (`PageHeadCut`: 白沙 begins the title) before the byline's source.
        #expect(stage.counters["pages.head-cut-split"] + stage.counters["pages.byline-named-split"] == 1)
        // Not glued: a title and its byline after an article begin a page at the title.
        let third = "南溪县:以绣花功夫提升城市颜值\n2022-11-02 10:05 来源:南溪新闻网\n今年以来，南溪县推进城市精细化管理。"
        let (two, _, _) = try Support.cleanRecords(Array((first + "\n" + third).utf8))
        #expect(two.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count + 1)])
        // Every byte is in one document or the other.
        #expect(two.compactMap { Int($0[FieldKey.length] ?? "") }.reduce(0, +) == first.utf8.count + 1 + third.utf8.count)
    }

    @Test func aTrailEndingInASeparatorTakesACrumbNotTheTitle() {
        let (titled, _) = clean(["当前位置：首页 > 新闻中心 > 部门动态 >", "市文明办召开文明城市创建工作推进会", "会议要求，抓好落实。"])
        #expect(titled.lines == ["市文明办召开文明城市创建工作推进会", "会议要求，抓好落实。"])
        #expect(titled[FieldKey.breadcrumb] == "当前位置：首页 > 新闻中心 > 部门动态 >")
        let (wrapped, _) = clean(["当前位置：首页 > 新闻中心 >", "正文", "川汇区：创文攻坚不停歇", "会议要求，抓好落实。"])
        #expect(wrapped.lines == ["川汇区：创文攻坚不停歇", "会议要求，抓好落实。"])
    }

    @Test func portalBannersMoveCreditLinesStay() {
        let (portal, _) = clean(["樊城区政府门户网站", "区人大常委会视察创建工作", "视察组先后来到米公祠。"])
        #expect(portal.lines == ["区人大常委会视察创建工作", "视察组先后来到米公祠。"] && portal[FieldKey.banner] == "樊城区政府门户网站")
        // A credit in parentheses names the medium too: it is no banner.
        let credit = "（市融媒体中心 记者 赵一鸣 通讯员 钱程）"
        let (credited, _) = clean(["标题", "检查组先后到解放路社区。", credit])
        #expect(credited.lines.last == credit && credited[FieldKey.banner] == nil)
    }

    @Test func explainSaysWhatBecameOfEachLine() throws {
        final class Lines: @unchecked Sendable { var all: [String] = [] }
        let said = Lines()
        let stage = try CleanStage()
        stage.explain = { said.all.append($0) }
        let page = "首页 > 要闻 > 正文\n市委召开创建工作会议\n\n会议要求，全市上下要攻坚克难。\n分享到：微信 微博"
        try stage.process(ByteInput(bytes: Array(page.utf8), name: "p.txt"), wholeInputIsOneDocument: true, emit: { _ in }, reject: { _ in })
        #expect(said.all == ["p.txt\t0\t1\tmoved.breadcrumb\t首页 > 要闻 > 正文\n", "p.txt\t0\t2\tkept\t市委召开创建工作会议\n",
                             "p.txt\t0\t3\tkept\t会议要求，全市上下要攻坚克难。\n", "p.txt\t0\t4\tdropped.widget\t分享到：微信 微博\n"])
    }
}

/// The labelled pages of `testdata/pages/` meet issue 17's goals: at least 95% of boilerplate
/// lines removed (dropped or moved to a field), at least 99.5% of content lines kept, and page
/// boundaries of the pages concatenated without final newlines found (see `scripts/eval-pages`).
@Suite struct LabelledPagesTests {
    struct Page {
        let name: String
        let bytes: [UInt8]
        let labels: [String]
    }

    /// The pages of a directory of `testdata/` (`NN-name.txt` with `NN-name.labels`), in name order.
    static func pages(in path: String) -> [Page] {
        let dir = Support.packageRoot.appendingPathComponent(path)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { name in
            let bytes = Array((try? Data(contentsOf: dir.appendingPathComponent(name))) ?? Data())
            let labelsURL = dir.appendingPathComponent(String(name.dropLast(4)) + ".labels")
            let labels = ((try? String(contentsOf: labelsURL, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            return Page(name: name, bytes: bytes, labels: labels)
        }
    }

    static let pages = pages(in: "testdata/pages")

    /// Content and boilerplate lines of labelled pages, and what civ-clean kept and removed of them.
    struct Tally {
        var content = 0, contentKept = 0, boilerplate = 0, boilerplateRemoved = 0
    }

    /// Each page cleaned as one document, `--explain` saying what became of each line; a content
    /// line not kept is recorded as an issue, naming its page (unless `losses` is false: the
    /// caller asserts a share).
    static func tally(_ pages: [Page], recordingLosses losses: Bool = true) throws -> Tally {
        final class Fates: @unchecked Sendable { var byPage: [String: [String]] = [:] }
        let fates = Fates()
        let stage = try CleanStage()
        stage.explain = { line in
            let cols = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            fates.byPage[cols[0], default: []].append(cols[3])
        }
        var tally = Tally()
        for page in pages {
            try stage.process(ByteInput(bytes: page.bytes, name: page.name), wholeInputIsOneDocument: true, emit: { _ in }, reject: { _ in })
            let labels = page.labels.filter { $0 != "blank" }
            let got = fates.byPage[page.name] ?? []
            try #require(got.count == labels.count, "\(page.name): \(got.count) lines explained, \(labels.count) labelled")
            for (label, fate) in zip(labels, got) {
                if label == "content" {
                    tally.content += 1
                    if fate == "kept" { tally.contentKept += 1 } else if losses { Issue.record("\(page.name): a content line was \(fate)") }
                } else if label == "boilerplate" {
                    tally.boilerplate += 1
                    if fate != "kept" { tally.boilerplateRemoved += 1 }
                }
            }
        }
        return tally
    }

    @Test func boilerplateIsRemovedAndContentKept() throws {
        #expect(Self.pages.count >= 40)
        let t = try Self.tally(Self.pages)
        #expect(Double(t.contentKept) >= 0.995 * Double(t.content))
        #expect(Double(t.boilerplateRemoved) >= 0.95 * Double(t.boilerplate), "\(t.boilerplateRemoved) of \(t.boilerplate) boilerplate lines removed")
    }

    /// Boundaries found exactly, the issue's 40 pages (01–40) concatenated in name order: issue 17
    /// asks for 90%. (The tuning pages 61–68 written later are three pages of one site and other
    /// forms the 40 lack; with them 42 of 47.)
    @Test func concatenatedPagesSplitWhereTheyStart() throws {
        var stream: [UInt8] = []
        var starts: [String] = []
        for page in Self.pages where (Int(page.name.prefix(2)) ?? 99) <= 40 {
            if !stream.isEmpty { starts.append(String(stream.count)) }
            stream += page.bytes
        }
        let (records, _, _) = try Support.cleanRecords(stream)
        let offsets = Set(records.compactMap { $0[FieldKey.offset] })
        let exact = starts.filter { offsets.contains($0) }.count
        #expect(Double(exact) >= 0.90 * Double(starts.count), "\(exact) of \(starts.count) boundaries exact")
    }

    @Test func aNoticesClosingAndItsContactAreKept() {
        // The body's name and date under a notice, and its contact above them, though a site's
        // footer holds such lines: a contact rule, a date without digits (lost) and a line an
        // earlier page of the site held do not take them.
        let lines = ["关于开展环境卫生集中整治的通告", "为改善集镇人居环境，现将有关事项通告如下。", "联系电话：，电子邮箱：dsxwmb",
                     "沣岭镇人民政府", "年月日", "主办单位：沣岭镇人民政府 联系电话：0736-4821006"]
        let siteLines = RepeatedSiteLines()
        _ = Support.removeBoilerplate(["沣岭镇人民政府", "首页 | 镇情概况 | 政务公开 | 新闻动态", "标题", "正文一句。"],
                                      removal: BoilerplateRemoval(siteLines: siteLines))
        let (record, counters) = Support.removeBoilerplate(lines, removal: BoilerplateRemoval(siteLines: siteLines))
        #expect(record.lines == Array(lines[0 ... 4]))
        #expect(counters["dropped.contact"] == 1)
        #expect(NoticeClosing.protectedLines(lines) == [2, 3, 4])
        #expect(BodyEdges.withBytes("年月日", NoticeClosing.isDateOnly))
        #expect(BodyEdges.withBytes("2023-07-03", NoticeClosing.isDateOnly))
        #expect(!BodyEdges.withBytes("2023年7月3日 星期一", NoticeClosing.isDateOnly))
        // Without a sentence of the text just above, a name and a date are a footer's.
        #expect(NoticeClosing.protectedLines(["正文一句。", "相关链接", "网站地图", "联系我们", "沣岭镇人民政府", "2023年7月3日"]).isEmpty)
    }

    @Test func aNoticesSignatureUnderItsLastSentenceIsKept() {
        // The issuing body's name under `特此通告。`, above or below the date, then attachments and
        // a print bar: the name is short and link-like, yet the notice's.
        let lines = ["关于部分道路实施交通管制的通告", "为保障赛事顺利进行，市公安局决定对部分道路实施临时交通管制。",
                     "请广大市民理解支持，服从现场交通民警指挥。", "特此通告。", "枫洇市公安局", "2024年4月1日", "【打印本页】【关闭窗口】"]
        let (record, _) = Support.removeBoilerplate(lines)
        #expect(record.lines == Array(lines[0 ... 5]))
        var dateFirst = lines
        dateFirst.swapAt(4, 5)
        #expect(NoticeClosing.protectedLines(dateFirst) == [4, 5])
        let (swapped, _) = Support.removeBoilerplate(dateFirst)
        #expect(swapped.lines == Array(dateFirst[0 ... 5]))
        // A date first and a name that is no body's (`网站地图`): not a closing.
        #expect(NoticeClosing.protectedLines(["正文一句。", "2024年4月1日", "网站地图"]).isEmpty)
    }

    @Test func appGalleryFeedAndWeChatFormsAreDropped() {
        func kind(_ line: String, index: Int = 28) -> String? { Support.ruleKind(line, index: index) }
        #expect(kind("打印 | 关闭") == "navigation" && kind("打印本页 | 关闭窗口 | 返回顶部") == "navigation")
        #expect(BodyEdges.withBytes("1/6", BoilerplateRemoval.isGalleryCounter) && BodyEdges.withBytes("（3/12）", BoilerplateRemoval.isGalleryCounter))
        #expect(!BodyEdges.withBytes("1/3。", BoilerplateRemoval.isGalleryCounter) && !BodyEdges.withBytes("2024/05/13", BoilerplateRemoval.isGalleryCounter))
        #expect(kind("- [11-03]·我院召开党组理论学习中心组（扩大）", index: 1) == "related")
        #expect(kind("[2024-05-13] 鹤渚：首批“文明示范街”名单公示", index: 1) == "related")
        #expect(kind("本文为湘楚新闻原创，未经授权不得转载。") == "copyright")
        #expect(kind("热门评论（3）") == "comments")
        #expect(kind("用微信扫码二维码", index: 6) == "widget")
        #expect(kind("关注", index: 5) == "promotion" && kind("作者最新文章") == "related")
        #expect(kind("http://www.hezhu-news.cn/bdyw/2024-05/13/content_88209.htm", index: 9) == "link")
        #expect(kind("（未完，请看下一页）") == "navigation" && kind("（未完待续）") == "navigation")
        #expect(kind("--> 2024-03-19 3 3 沅州日报 content_41736.html 1 龙洄镇：网格员当好“文明创建”的一线哨兵 /enpproperty-->") == "markup")
        // Rows whose keywords were past the automaton's first 64 literals.
        #expect(kind("视频加载中...", index: 2) == "widget" && kind("正在加载中…", index: 15) == "widget" && kind("加载中，请稍候...", index: 3) == "widget")
        #expect(kind("听新闻 00:00", index: 3) == "widget" && kind("收听本文 03:12", index: 4) == "widget" && kind("语音播报 01:25 / 03:40", index: 4) == "widget")
        #expect(kind("打开APP阅读更多精彩内容", index: 12) == "navigation" && kind("打开APP，查看全文", index: 12) == "navigation")
        #expect(kind("下载湘楚新闻客户端查看全文", index: 12) == "navigation" && kind("APP内打开", index: 2) == "navigation")
        #expect(kind("山里的风 7-02·湖南") == "comment-byline" && kind("用户8812 2024-07-02·广东") == "comment-byline")
        #expect(kind("栖梧老乡 3小时前·湖南") == "comment-byline")
        #expect(kind("收录于合集 #文明创建 12个", index: 2) == "promotion" && kind("收录于话题 #创城 #志愿服务", index: 2) == "promotion")
        #expect(kind("收录于话题", index: 2) == "promotion")
        #expect(kind("点击“阅读原文”，了解更多") == "promotion" && kind("↓点击阅读原文") == "promotion" && kind("阅读原文") == "promotion")
        #expect(kind("诉讼服务热线：12368 地址：栖梧县滨江路66号 邮编：427300") == "contact")
        // Their words in the article's sentences stay.
        #expect(kind("页面加载中出现卡顿，技术人员正在排查。", index: 10) == nil)
        #expect(kind("听新闻的人越来越多，广播站也办起来了。", index: 10) == nil)
        #expect(kind("打开APP就能预约挂号，群众少跑腿。", index: 10) == nil)
        #expect(kind("市民可拨打12345热线反映问题。") == nil && kind("服务热线：12345") == nil)
        #expect(kind("张伟 7-02·湖南省委宣传部召开会议，部署创建工作。") == nil)
        #expect(kind("本文收录于合集，欢迎转发。", index: 2) == nil && kind("点击阅读原文，报名参加志愿服务活动。") == nil)
        // The article's sentences on the same subjects stay.
        #expect(kind("市民可用手机扫码参与文明城市创建满意度调查。", index: 10) == nil)
        #expect(kind("扫黑除恶专项斗争推进会", index: 10) == nil)
        #expect(kind("全市已完工项目占计划的1/3。", index: 10) == nil)
        #expect(kind("详见http://www.example.cn/notice.html，逾期不予受理。", index: 10) == nil)
        #expect(kind("本文为记者实地采访所得。") == nil)
        // An attachment's file name below the body goes; a document site's file name above it is its title.
        let lines = ["关于调整门诊时间的通知", "国庆期间专家门诊按附件安排出诊。", "附件：", "国庆期间专家门诊出诊安排表.xlsx"]
        let (record, counters) = Support.removeBoilerplate(lines)
        #expect(record.lines == Array(lines[0 ... 1]))
        #expect(counters["dropped.attachment"] == 1)
        #expect(BodyEdges.withBytes("青石镇创建文明村镇工作汇报.docx") { BoilerplateRemoval.shapeKind($0, belowBody: false) } == nil)
        #expect(BodyEdges.withBytes("IMG_2035.JPG") { BoilerplateRemoval.shapeKind($0, belowBody: false) } == "dropped.image")
    }

    @Test func aCaptionInTagsIsNoMarkup() {
        #expect(!LinkLines.isMarkup("<h3 style=\"text-align: center;\">评比小组查看楼道消防设施</h3>"))
        #expect(LinkLines.isMarkup("<ul><li>首页</li><li>新闻</li><li>专题</li></ul>"))
        #expect(LinkLines.isMarkup("<h3><br></h3>"))
    }

    @Test func headAndFootFormsOfPortalsForumsAndEPapersAreDropped() {
        let rules = BoilerplateRules.standard
        func kind(_ line: String, index: Int = 1) -> String? { Support.ruleKind(line, index: index) }
        #expect(kind("今天是：2023年6月14日 星期三") == "calendar")
        #expect(kind("今天是个好日子，我们一起去看新建成的公园。") == nil)
        #expect(kind("本帖最后由 南浦社区工作站 于 2020-9-3 16:40 编辑") == "forum")
        #expect(kind("查看完整版本：[-- 关于拟表彰年度县级“文明家庭”的公示 --] [-- top --]") == "forum")
        #expect(kind("用户名：密码：[注册][找回密码]") == "login")
        #expect(kind("还没有账号？") == "login")
        #expect(kind("---") == "separator" && kind("***") == "separator")
        #expect(kind("相关搜索：文明城市 志愿服务 税务局", index: 28) == "related")
        #expect(kind("第05版") == "epaper" && kind("本文所在版面导航") == "epaper")
        #expect(kind("2023年10月26日 星期四上一期下一期") == "epaper")
        #expect(kind("作品由 美篇工作版 编辑制作", index: 28) == "template")
        #expect(kind("查看88.07MB") == "download")
        // A link to more is no trail: it starts no page.
        #expect(kind("更多>>  槐川日报近期报纸查看") == "navigation")
        #expect(!rules.startsPage("更多>>  槐川日报近期报纸查看") && rules.startsPage("首页 > 新闻 > 社会"))
        // A bare `位置：` opens a trail before the home page only: an address is no trail.
        #expect(rules.startsPage("位置：首页 >> 文明汀州") && !rules.startsPage("位置：滨江路1号"))
        #expect(kind("用户登录") == "login" && kind("没有帐号？") == "login" && kind("——") == nil)
        // A sentence about a password, a dash inside text, a date alone: the article's.
        #expect(kind("用户名和密码由社区统一发放，居民可凭身份证领取。") == nil)
        #expect(kind("2023年10月26日") != "epaper")
    }

    @Test func forumWatermarksAndAReadersGuideLabelledSummaryAreTaken() {
        #expect(BodyEdges.withBytes("8 u) T/ R! B3 e- k& q% x; w 6 m# H9 F", BoilerplateRemoval.isWatermark))
        #expect(BodyEdges.withBytes("; v# N- E2 n( d7 y: U", BoilerplateRemoval.isWatermark))
        // Letters or numbers between spaces, English, a glued sentence: no watermark.
        #expect(!BodyEdges.withBytes("A B C D E F G", BoilerplateRemoval.isWatermark))
        #expect(!BodyEdges.withBytes("I am ok, it is so", BoilerplateRemoval.isWatermark))
        #expect(!BodyEdges.withBytes("8 u) T/ R! B3 e- 居民说，楼道干净了。", BoilerplateRemoval.isWatermark))
        let (record, counters) = Support.removeBoilerplate(["标题", "8 u) T/ R! B3 e- k& q% x; w 6 m# H9 F", "居民说，楼道干净了。"])
        #expect(record.lines == ["标题", "居民说，楼道干净了。"] && counters["dropped.watermark"] == 1)
        var document = Record(lines: ["标题", "导读 清晨的早市、午后的学校门口、深夜的烧烤街，都能看到城管队员的身影。他们记得...",
                                      "清晨的早市、午后的学校门口、深夜的烧烤街，都能看到城管队员的身影。他们记得每个摊位。"])
        var summaryCounters = Counters()
        var taken: [TakenLine] = []
        RepeatedSummaryRemoval().repair(&document, counters: &summaryCounters, taken: &taken)
        #expect(document.lines.count == 2 && summaryCounters["dropped.summary"] == 1)
    }

    @Test func appCommentsFeedFootersRelatedSummariesAndEPaperSectionsAreDropped() {
        func kind(_ line: String, index: Int = 28) -> String? { Support.ruleKind(line, index: index) }
        // A user shown by a masked phone number, a reply between two; a user's words with the app's place.
        #expect(kind("138****1234：说得好，支持！") == "comments")
        #expect(kind("186****3307 回复 139****5520：我们村也想办来自信阳") == "comments")
        #expect(kind("老街坊：期待下一场活动🎈来自南阳") == "comments")
        // A sentence that ends in a place, a phone number in a notice: the article's.
        #expect(kind("参加本次培训的学员来自南阳。") == nil)
        #expect(kind("咨询电话：13812345678") != "comments")
        #expect(kind("2024/06/18 推荐") == "feed" && kind("2024-06-17 置顶") == "feed")
        #expect(kind("2024-06-17 上午九时") == nil)
        // A scraped copy's citation of its title; a title field without quotes may be the article's.
        #expect(kind("标题：“某某县广播电视台赴乡村拍摄专题片”") == "template" && kind("标题：某某县召开创建工作会议") == nil)
        #expect(kind("12日，某某市第三届农民丰收节在龙泉湖广场开幕，现场展销本地农产品200余种。社会") == "related")
        #expect(kind("12日，某某市第三届农民丰收节在龙泉湖广场开幕，现场展销本地农产品200余种。") == nil)
        // An e-paper's section under its number; a number then a sentence is no section.
        let (record, counters) = Support.removeBoilerplate(["版面目录", "第05版", "文明创建", "新闻内容", "标题", "居民说，楼道干净了。", "第二天，志愿者又来了。"])
        #expect(record.lines == ["标题", "居民说，楼道干净了。", "第二天，志愿者又来了。"] && counters["dropped.epaper"] == 3)
        #expect(kind("第05版\n居民说，楼道干净了。") == nil)
    }

    @Test func aChatbotsClosingIsSiteTalk() {
        #expect(SiteTalk.standard.isSiteTalk("以上就是为您撰写的工作计划，您可以根据实际情况调整。如需更正式的格式，请告诉我。"))
        // A quoted request is the article's.
        #expect(!SiteTalk.standard.isSiteTalk("“请告诉我去社区服务中心怎么走。”老人问道。"))
    }

    @Test func anUnlabelledSummaryCutMidWordIsDroppedWhenTheLeadRepeatsIt() {
        let lead = ["近日，市文明办通报了第三季度全国文明城市常态化测评情况。", "测评采取实地考察和问卷调查相结合的方式，覆盖全市6个城区76个点位，从测评结果看，农贸市场仍是失分较多的点位。"]
        let cut = "近日，市文明办通报了第三季度全国文明城市常态化测评情况。测评采取实地考察和问卷调查相结合的方式，覆盖全市6个城区76个点位，从测评结果看，农"
        var document = Record(lines: ["标题", cut] + lead)
        var counters = Counters()
        var taken: [TakenLine] = []
        RepeatedSummaryRemoval().repair(&document, counters: &counters, taken: &taken)
        #expect(document.lines == ["标题"] + lead && counters["dropped.summary"] == 1)
        // A line the body does not go on with, or one that ends its sentence, stays.
        for other in [cut + "业", String(cut.dropLast()) + "。"] {
            var kept = Record(lines: ["标题", other] + lead)
            RepeatedSummaryRemoval().repair(&kept, counters: &counters, taken: &taken)
            #expect(kept.lines.count == 4)
        }
    }
}
