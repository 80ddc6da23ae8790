import Testing
@testable import CivKit

/// Page starts found from the new page's head (`PageHeadCut`): the names its later head lines
/// begin items with show where its glued first line begins.
struct PageHeadCutTests {
    static let article = "东江市召开创建工作会议\n会议要求，全市上下要攻坚克难。\n"

    /// `first` then `second`, cleaned: two records, the second starting where `second` does.
    @discardableResult
    static func expectPageStart(_ first: String, _ second: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CleanStage {
        let (records, _, stage) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)], sourceLocation: sourceLocation)
        return stage
    }

    @Test func headBylinesHaveADateAndAName() {
        func byline(_ line: String) -> Bool {
            var line = line
            return line.withUTF8 { PageHeadCut.isHeadByline($0) }
        }
        #expect(byline("2021-04-02 07:40:22 湘北晚报"))
        #expect(byline("原创 长岭发布 2024-01-18 17:45"))
        // A notice's signed date names no one; a sentence with a date is no byline.
        #expect(!byline("2022年3月1日"))
        #expect(!byline("Copyright © 2018-2022 桐州新闻网 All Rights Reserved"))
        #expect(!byline("2021年3月，全市完成改造任务，群众满意。"))
        // A remark under its date (a review's line) is no byline; a byline's colon comes before
        // the date, or a label after it.
        #expect(!byline("·补充点评 2007年8月16日：价高质次"))
        #expect(!byline(">补充点评 2008年4月2日:也没早餐"))
        // A related list's item is no byline, whatever it holds.
        #expect(!byline(">2001年12月17日星期一") && !byline("·2001年12月4日星期二"))
        #expect(byline("2001年12月17日星期一 东江日报"))
        #expect(byline("发布时间：2023年3月20日 来源：东江日报"))
        #expect(byline("2023年03月20日 21:07 来源：东江市人民政府"))
    }

    /// A numbered item is one item: no page begins after its number (`>2.早餐中等偏上`), even
    /// with a dated line below that reads as a head byline.
    @Test func aNumberedItemIsNotCutAfterItsNumber() throws {
        let page = "这是文章的第一句话，内容很长很长很长。\n相关新闻：\n>2.早餐中等偏上\n·2、早餐也还可以\n·2001年12月4日星期二\n表 1.26. 替换表达式"
        let (records, _, _) = try Support.cleanRecords(Array(page.utf8))
        #expect(records.count == 1)
        func number(_ s: String) -> Bool { var s = s; return s.withUTF8 { PageHeadCut.isItemNumber($0) } }
        #expect(number(">2.") && number("· 12、") && number("3．"))
        #expect(!number("2023.") && !number("第2.") && !number("版权所有"))
    }

    /// A related list holding a dated review line starts no page: the list item above it stays
    /// whole (it had been cut at `安全上下文`, as if a head began there).
    @Test func aDatedRemarkInARelatedListCutsNoItem() throws {
        let page = "这是文章的第一句话，内容很长很长很长。\n相关新闻：\n·设置指定用户的目标安全上下文\n>将目标文件的安全上下文设置为默认类型\n·补充点评 2007年8月16日：价高质次\n相关新闻："
        let (records, _, stage) = try Support.cleanRecords(Array(page.utf8))
        #expect(records.count == 1)
        #expect(stage.counters["pages.head-cut-split"] == 0)
    }

    @Test func aGluedBannerBeginsAtTheNameTheHeadRepeats() throws {
        // The old page ends in a bare link, the new one begins with its site's name: no marker
        // between them; the menu below begins an item with the name, the title starts with it.
        let first = Self.article + "下一篇：文明城市创建心得体会范文"
        let second = "西平县人民政府\n首页 政务公开 政务服务 走进西平\n当前位置：首页 >> 政务公开 >> 工作动态\n西平县领导带队督查县城创卫工作\n信息来源：县爱卫办 发布日期：2022-07-12\n7月11日，副县长带队督查创卫工作。"
        try Support.expectCutBetween(first, second, counter: "pages.head-cut-split")
    }

    /// `网站首页 | …` is a page's own menu, its first item the home page's link: no cut between
    /// 网站 and 首页 (the old page's statement above ends in the new page's glued name).
    @Test func aMenuOpeningWithTheSiteHomeLinkIsNotCut() throws {
        let first = Self.article + "声明：本文由入驻某某资讯的作者撰写，观点仅代表作者本人，不代表某某资讯立场。"
        let second = "石桥乡人民政府网\n网站首页 | 乡情概况 | 政务公开 | 乡村振兴 | 党建园地\n您的位置：网站首页 >> 乡村振兴 >> 工作动态\n石桥乡上半年乡村振兴工作总结\n上半年，全乡围绕产业发展推进各项工作。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(!records.contains { $0.lines.contains("网站") })
        // The name glued after the statement begins the page, with the menu between it and the breadcrumb.
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        #expect(records.last?.lines.contains("石桥乡上半年乡村振兴工作总结") == true)
        var line = "网站首页 | 乡情概况 | 政务公开 | 乡村振兴"
        #expect(line.withUTF8 { p in PageHeadCut.afterSiteWord(p, at: 6) } && !line.withUTF8 { p in PageHeadCut.afterSiteWord(p, at: 3) })
    }

    @Test func aTitleBeginsAtItsColumnTag() throws {
        let first = Self.article + "相关推荐：社区创建文明城市工作总结"
        let second = "【创城进行时】城东街道：小区改造暖民心\n城东街道 城东发布 2023-03-22 18:30\n近日，城东街道幸福里小区改造工程全面完工。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
    }

    @Test func aMenuBeginsAPageByItsForm() {
        func cut(_ line: String, _ later: [String] = ["某某区召开创建工作会议", "2023-01-02 来源：新华社"]) -> String? {
            var line = line
            return line.withUTF8 { p in
                PageHeadCut.cut(in: p, later: later.map { Array($0.utf8) }).map { String(decoding: p[$0.start...], as: UTF8.self) }
            }
        }
        // The home page's link opens a menu or a trail; markup opens a page's head.
        #expect(cut("下一篇：文明城市创建心得体会范文首页 学校概况 新闻中心") == "首页 学校概况 新闻中心")
        #expect(cut("相關分類<div class=\"nav\">首页</div>") == "<div class=\"nav\">首页</div>")
        // A menu of items as long as one another: its first item is as long.
        #expect(cut("北塘区举行文明家庭表彰大会新闻 | 财经 | 体育 | 娱乐") == "新闻 | 财经 | 体育 | 娱乐")
        #expect(cut("相关推荐：社区创建工作总结 | 创城工作汇报材料新闻 | 财经 | 体育 | 娱乐") == "新闻 | 财经 | 体育 | 娱乐")
        // A menu of the site tools (the table's navigation row) begins where its first tool does,
        // not at the `首页` of `设为首页`, which the trail below repeats (the home link is no name).
        let navigation = BoilerplateRules.standard.rules.filter { $0.kind == "navigation" }
        var tools = "返回列表设为首页 | 加入收藏 | 手机版"
        let start = tools.withUTF8 { p in
            PageHeadCut.cut(in: p, later: ["安溪文明网", "首页 >> 文明创建 >> 创建动态"].map { Array($0.utf8) },
                            beginsPage: { q in navigation.contains { $0.matches(q) } })?.start
        }
        #expect(start == "返回列表".utf8.count)
        // A footer's fields are no menu; a button's `返回首页` is no home link.
        #expect(cut("本版责编:罗晓 版式:蔡宁 校对:王五") == nil)
        #expect(cut("【返回首页】【打印本页】") == nil)
    }

    @Test func aGluedTitleBeginsWhereTheLeadRepeatsIt() throws {
        // No name recurs: the lead sentence below the byline repeats the title's words.
        let first = Self.article + "一图读懂创建全国文明城市测评体系"
        let second = "文明城市创建“回头看”督查发现问题127个\n2021年09月14日 15:30  来源：永安晚报\n本报讯 9月13日，永安市创建办通报了文明城市创建“回头看”督查情况。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        // A title on its own line that the lead repeats whole is not cut inside.
        let third = "南桥区召开创建全国文明城区动员大会\n2023-02-27 发布者：南桥发布\n2月27日上午，南桥区召开创建全国文明城区动员大会。"
        let text = Self.article + "\n" + third
        let (two, _, _) = try Support.cleanRecords(Array(text.utf8))
        let lineStarts = Set([0] + text.utf8.indices.filter { text.utf8[$0] == 0x0A }.map { text.utf8.distance(from: text.utf8.startIndex, to: $0) + 1 })
        #expect(two.allSatisfy { lineStarts.contains(Int($0[FieldKey.offset] ?? "") ?? -1) })
    }

    @Test func pagesWithFinalNewlinesAreCutAtLineStartsOnly() throws {
        // Not glued: the footer's owner (`抚州城事网`) and a related link (`在指定的首页/末页…`)
        // hold no page start, though the next page's trail repeats `城事` and `首页`.
        let first = Self.article + "·在指定的首页/末页处开始/停止打印\n版权所有：抚州城事网 Copyright © 2015-2022 All Rights Reserved\n"
        let second = "当前位置：首页 > 城事资讯 > 正文\n城事资讯汇总发布\n2022-05-17 来源：某某区融媒体中心\n5月16日，某某区召开推进会。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
    }

    @Test func aNoticeSignedWithADateIsOnePage() throws {
        let notice = "关于开展文明单位复查工作的通知\n发布日期：2022-03-02 来源：市文明办\n各有关单位：\n请各单位于3月31日前提交自查报告。\n河阳市精神文明建设委员会办公室\n2022年3月1日\n河阳市文明办 2022-03-02 发布"
        let (records, _, _) = try Support.cleanRecords(Array(notice.utf8))
        #expect(records.count == 1)
    }

    @Test func noCutAtALabelOrWithoutANameTheHeadRepeats() {
        func cut(_ lines: [String], searchable: Int) -> Int? {
            PageHeadCut.cut(in: lines.map { Array($0.utf8) }, searchable: searchable)?.start
        }
        // `来源：` begins a footer's field, not a page, though the byline below has one too.
        #expect(cut(["本文来源：https://www.example.com/1.html", "某某区召开创建工作会议", "2023-01-02 来源：某某区融媒体中心"], searchable: 1) == nil)
        // Nothing of the glued line recurs at an item start below.
        #expect(cut(["一图读懂创建全国文明城市测评体系长河市召开迎检工作部署会", "时间：2023-07-03 来源：新华社"], searchable: 1) == nil)
        // The old page's name recurring in its own footer is no new page's.
        #expect(PageHeadCut.cut(in: [Array("主办：中共凤岭县委宣传部".utf8), Array("凤岭县委宣传部 版权所有".utf8)], searchable: 1,
                                oldPageNames: { $0 == Array("凤岭".utf8) }) == nil)
    }

    /// A footer's owner line (`…主办 某某市|政务数据中心承办`) is the old page's, though a menu
    /// item below begins like its tail (`政务`): the page begins at its glued first line below.
    @Test func noPageBeginsInsideAFootersOwnerLine() throws {
        let first = Self.article + "东江市人民政府办公室主办 东江市政务数据中心承办\n政府网站标识码：3310230011 浙ICP备15001234号-1\n建议使用1366×768分辨率 IE9.0以上版本浏览器"
        let second = "设为首页 | 加入收藏 | 联系我们\n河阳网 www.heyang.com.cn\n新闻中心  政务  财经  教育\n您现在的位置：河阳网首页 → 新闻中心 → 本地新闻\n河阳县召开创建推进会\n2019-11-21 08:45:33 河阳日报\n11月20日，河阳县召开创建工作推进会，总结前一阶段工作。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        func owner(_ s: String) -> Bool { var s = s; return s.withUTF8 { PageHeadCut.namesFooterOwner($0) } }
        #expect(owner("政务数据中心承办") && owner("某某网 版权所有"))
        #expect(!owner("政务公开 | 新闻中心"))
    }

    @Test func aSiteNameGluedAfterAFooterBeginsThePageAboveItsTrail() throws {
        // The new page's name recurs nowhere below: the join is a footer's link, a registration
        // number, a Latin word ending a footer; the trail right below makes the page start certain.
        for end in ["微信订阅号\n联系客服", "Copyright © 2019-2024 某某网 版权所有 粤ICP备19054321号", "百度统计\nRSS 订阅",
                    "Copyright © 2020 某某网 All Rights Reserved",
                    // The old page's last sentence; a link that wraps onto a line whose first word the trail repeats.
                    "本文为河阳新闻网原创稿件，转载请注明来源。", "上一条：沣岭镇召开防汛\n工作部署会\n联系客服",
                    "某某晚报社版权所有 未经书面授权不得转载", "发表评论\n发布"] {
            let first = Self.article + end
            let second = "资讯中心 - 职场范文网\n首页 > 经验分享 > 工作计划\n社区创建文明城市工作计划\n2024-02-17 09:12 经验分享\n为提升居民文明素养，特制定本计划。"
            let (records, _, stage) = try Support.cleanRecords(Array((first + second).utf8))
            #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)], "\(end)")
            // (Behind a registration number or `All Rights Reserved`, the table's closing rows cut first.)
            #expect(stage.counters["pages.head-cut-split"] + stage.counters["pages.glued-line-split"] == 1)
        }
    }

    @Test func aGluedBannerHigherUpBeginsThePageByItsForm() throws {
        // A menu and a calendar line stand between the glued banner and the trail.
        let first = Self.article + "百度统计\nRSS 订阅"
        let second = "沣岭镇人民政府\n今天是：2023年7月3日 星期一\n首页 | 镇情概况 | 政务公开 | 新闻动态\n当前位置：首页 > 新闻动态 > 通知公告\n关于开展文明家庭评选的通知\n发布时间：2023-07-03 来源：党政办\n各村（社区）：请于7月底前推荐。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        // A footer's own buttons after a link, higher up, are no banner: the page starts at its trail.
        let footer = Self.article + "打印本页 关闭窗口\n版权所有：某某镇人民政府\n"
        let third = "当前位置：首页 > 新闻动态\n某某镇召开创建工作会议\n发布时间：2023-07-03\n会议要求，全镇上下要攻坚克难。"
        let (two, _, _) = try Support.cleanRecords(Array((footer + third).utf8))
        #expect(two.map { $0[FieldKey.offset] } == ["0", String(footer.utf8.count)])
    }

    @Test func aGluedNameNeedsAFootersEndAndANamesForm() {
        func start(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { p in PageHeadCut.nameGluedAfterEnd(p).map { String(decoding: p[$0...], as: UTF8.self) } }
        }
        #expect(start("联系客服公文素材库") == "公文素材库")
        #expect(start("转载请注明来源。”公文素材库") == "公文素材库")
        #expect(start("Gzip enabled龙腾资讯网 首页 社会 民生 旅游 财经") == "龙腾资讯网 首页 社会 民生 旅游 财经")
        // A registration number's site number ends it too.
        #expect(start("湘ICP备09012345号-2资讯速览 · 蕖城") == "资讯速览 · 蕖城")
        // A site's own Latin name, a join inside prose or a tail that is no name: no cut.
        #expect(start("CCTV新闻频道") == nil)
        #expect(start("相关搜索：文明城市 志愿服务 税务局资讯速览") == nil)
        #expect(start("联系客服：0736-4821006") == nil)
        // A feed item's date or a footer's stamp in digits ends the old page.
        #expect(start("Sun, 12 May 2024 09:30:00 +0800湘中资讯网 - 湖南本地新闻门户") == "湘中资讯网 - 湖南本地新闻门户")
        #expect(start("更新时间：2024-05-12湘中资讯网") == "湘中资讯网")
        // Digits after no mark (`共3`, a count) are no stamp.
        #expect(start("共3湘中资讯网") == nil)
        // A footer field's or a credit's value ends at its own suffix (an office, a role).
        #expect(start("主办：岚溪市人民检察院 技术支持：岚溪政务网络中心苎溪师范学院新闻网") == "苎溪师范学院新闻网")
        #expect(start("责编：气象网编辑枫洇市公安局交通警察支队") == "枫洇市公安局交通警察支队")
        // Not without the field's label, nor in a value too short before the suffix, nor with no name after it.
        #expect(start("岚溪政务网络中心苎溪师范学院新闻网") == nil)
        #expect(start("技术支持：中心苎溪师范学院新闻网") == nil)
        #expect(start("技术支持：岚溪政务网络中心") == nil)
    }

    @Test func aSiteNameGluedAfterACreditBeginsThePage() throws {
        // A menu stands between the glued line and the trail: the join is the credit's end.
        let first = Self.article + "责编：气象网编辑"
        let second = "枫洇市公安局交通警察支队\n首页 | 警务公开 | 通知公告 | 交通管制\n当前位置：首页 > 通知公告\n关于实施交通管制的通告\n发布时间：2024-03-20\n为保障赛事顺利进行，决定实施临时交通管制。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
    }

    /// After an end that nothing of the old page follows (an identifier's digits after a field's
    /// colon, WeChat's `写留言`, an app's `…出品`, a comment box's `快来抢沙发吧`, an app's `查看更多精彩`,
    /// a browser prompt's `稍后再说`, `下载某某新闻客户端`), a name glued to it begins the next page though
    /// only the byline, three lines below, shows a page began; the head reaches up past an app's
    /// prompt with a comma (`打开某某新闻，阅读体验更佳`).
    @Test func aNameGluedAfterASureEndBeginsThePageAboveItsByline() throws {
        let heads = ["云上滨江\n打开APP 阅读体验更佳\n组图｜南门片区老旧小区换新颜\n滨江县融媒体中心 2024-09-02 18:05\n近日，南门片区老旧小区改造完工。",
                     "潮声新闻\n打开潮声新闻，阅读体验更佳\n南门片区：小网格里的大文明\n原创 滨江发布 2024-09-02 18:05 湖南\n在南门片区，每个网格都有一块积分榜。"]
        for end in ["滇ICP备05006123号-1 网站标识码：5304000099", "在看\n写留言", "下载云上滨江APP · 滨江县融媒体中心出品",
                    "网易跟贴\n还没有人跟贴，快来抢沙发吧", "打开APP，查看更多精彩", "您使用的浏览器版本过低\n现在升级 稍后再说", "立即升级　暂不升级",
                    "返回某某首页\n下载某某新闻客户端"] {
            for second in heads {
                let first = Self.article + end
                let (records, _, stage) = try Support.cleanRecords(Array((first + second).utf8))
                #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)], "\(end) | \(second.prefix(12))")
                #expect(stage.counters["pages.head-cut-split"] == 1)
            }
        }
        // A time's two digits after a colon are no identifier: nothing marks the join, no cut.
        let first = Self.article + "集合时间：08:30"
        let (records, _, _) = try Support.cleanRecords(Array((first + heads[0]).utf8))
        #expect(!records.contains { $0[FieldKey.offset] == String(first.utf8.count) })
    }

    @Test func aPlatformsBareFirstLineGluedAtALinesEndBeginsThePageAboveItsByline() throws {
        // (`PageHeadCut.platformFirstLineStart`, `Resources/page-first-lines.txt`.)
        let heads = ["百家号\n关注\n滨江观察\n2024-03-02 09:15 发布于湖南\n滨江：南门老街完成改造\n南门老街的石板路修好了，街坊们很高兴。",
                     "查看原文\n其他\n南门老街的新面貌\n2024-03-02 滨江文明 滨江文明\n南门老街的石板路修好了，街坊们很高兴。",
                     "分享\n滨江社区 互动 老街动态\n南门老街的新面貌\n2024-03-02 09:15 滨江论坛\n南门老街的石板路修好了，街坊们很高兴。"]
        for (end, short) in [("东洲区召开老旧小区改造调度会", false), ("版权所有 Powered by Discuz! X3.5", true),
                             ("联系我们", true), ("评论热议", true)] {
            for second in heads where short || !second.hasPrefix("分享") {
                let first = Self.article + "相关阅读\n" + end
                let (records, _, stage) = try Support.cleanRecords(Array((first + second).utf8))
                #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)], "\(end) | \(second.prefix(6))")
                #expect(stage.counters["pages.head-cut-split"] == 1)
            }
        }
        func start(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { p in PageHeadCut.platformFirstLineStart(p).map { String(decoding: p[$0...], as: UTF8.self) } }
        }
        #expect(start("东洲区召开调度会百家号") == "百家号")
        #expect(start("技术支持：某某网络科技有限公司美篇") == "美篇")
        // A field's value, a trail's item, a share button's words, a line of its own: no page's start.
        #expect(start("来源：滨江百家号") == nil)
        #expect(start("首页 > 经验分享") == nil)
        #expect(start("心得体会分享") == nil)
        #expect(start("扫码 分享") == nil)
        #expect(start("百家号") == nil)
    }

    @Test func aSureEndHasItsShape() {
        func start(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { p in
                PageHeadCut.nameGluedAfterEnd(p, ends: PageHeadCut.endsPageSurely).map { String(decoding: p[$0...], as: UTF8.self) }
            }
        }
        #expect(start("网站标识码：5304000017城南社区") == "城南社区")
        #expect(start("湘ICP备09012345号-2资讯速览 · 蕖城") == "资讯速览 · 蕖城")
        #expect(start("写留言清风兰泽——中共兰泽县纪律检查委员会") == "清风兰泽——中共兰泽县纪律检查委员会")
        #expect(start("下载滨江通APP · 滨江县融媒体中心出品潮音新闻") == "潮音新闻")
        // A time, a count without a label, a number apart from the name, a link that may name
        // its owner after it (`版权所有`), a building's number (`18号楼`): no sure end.
        #expect(start("集合时间：08:30城南社区服务中心") == nil)
        #expect(start("共12345城南社区服务中心") == nil)
        #expect(start("电话：0877-6012345 城南社区服务中心") == nil)
        #expect(start("版权所有城南社区服务中心") == nil)
        #expect(start("地址：府前大道18号城南社区服务中心") == nil)
        #expect(start("邮编：652500城南社区") == "城南社区")
        // `版权所有` after its owner's name; a notice's last words; a visitor counter's.
        #expect(start("copyright@ 2008-2024 百川文库网站版权所有云上滨江") == "云上滨江")
        #expect(start("本站内容均由网友提供，如有侵权请联系删除云上滨江") == "云上滨江")
        #expect(start("您是本站第 0012873 位访客云上滨江") == "云上滨江")
        #expect(start("© 版权所有云上滨江") == nil)
        // An empty comment box's prompt, an app's last prompt, an old browser's upgrade buttons, an app-download link.
        #expect(start("还没有人跟贴，快来抢沙发吧云上滨江") == "云上滨江")
        #expect(start("打开APP，查看更多精彩云上滨江") == "云上滨江")
        #expect(start("现在升级 稍后再说云上滨江") == "云上滨江")
        #expect(start("立即升级　暂不升级云上滨江") == "云上滨江")
        #expect(start("下载某某新闻客户端云上滨江") == "云上滨江")
        // A forum's Latin footer's last words.
        #expect(start("© 2001-2017 Comsenz Inc.云上论坛") == "云上论坛")
        #expect(start("Time 0.021349 second(s),query:4 Gzip enabled云上滨江") == "云上滨江")
        #expect(start("Powered by PHPWind云上滨江") == nil)
    }

    /// The name glued after a footer's end wins over a run found inside it: the head's later
    /// lines begin an item with the name's last words (`县纪律检查委员会` in the title below).
    @Test func aGluedNameWinsOverARunInsideIt() {
        var line = "技术支持：兰泽政务网络中心清风兰泽——中共兰泽县纪律检查委员会"
        let later = ["首页 | 工作动态 | 审查调查", "县纪律检查委员会通报三起典型问题"].map { Array($0.utf8) }
        let cut = line.withUTF8 { p in PageHeadCut.cut(in: p, later: later).map { String(decoding: p[$0.start...], as: UTF8.self) } }
        #expect(cut == "清风兰泽——中共兰泽县纪律检查委员会")
    }

    /// A spam banner glued after the old page's last line begins the next page: at its first spam
    /// word (with the `澳门` before it), or after a footer's end in its first item.
    @Test func aGluedSpamBannerBeginsThePage() throws {
        let first = Self.article + "相关阅读：南湖区举行文明家庭表彰大会"
        let second = "澳门新葡京娱乐场_真人百家乐_时时彩计划_北京赛车\n您的位置：首页 > 时政要闻\n东江市召开创建工作推进会\n时间：2023-07-03 来源：东江发布\n7月3日，东江市召开创建工作推进会。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        func start(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { p in PageHeadCut.spamBannerStart(p).map { String(decoding: p[$0...], as: UTF8.self) } }
        }
        #expect(start("返回列表六合彩开奖结果 北京赛车计划 棋牌游戏下载") == "六合彩开奖结果 北京赛车计划 棋牌游戏下载")
        #expect(start("技术支持：某某科技有限公司开奖走势图 北京赛车计划 棋牌游戏大厅") == "开奖走势图 北京赛车计划 棋牌游戏大厅")
        // A spam line of the old page's own (the word glued inside one of its items), prose about
        // a crackdown, a first item glued to text that no footer's end closes: no cut.
        #expect(start("亚洲精品一区二区三区|免费高清在线观看|午夜福利影院|国产精品视频") == nil)
        #expect(start("警方捣毁一个六合彩和百家乐窝点，抓获嫌疑人12名。") == nil)
        #expect(start("村镇工作汇报开奖走势图 北京赛车计划 棋牌游戏大厅") == nil)
        // A spam line's own first item before its first listed word, at the line's start: no cut;
        // a page ending in such a line above its copyright (whose years date no page) stays whole.
        #expect(start("网上赌场开户送彩金 时时彩平台 AV在线 亚洲色图") == nil)
        let page = Self.article + "网上赌场开户送彩金 时时彩平台 AV在线 亚洲色图 无码高清\nCopyright © 2018-2022 东江新闻网 All Rights Reserved"
        let (one, _, _) = try Support.cleanRecords(Array(page.utf8))
        #expect(one.count == 1)
    }

    /// A site's name with its slogan (a comma in it) glued after a sure end, a menu between it
    /// and the trail below: the page begins at the name. A title with a comma, with no sure end
    /// before it, is not cut.
    @Test func aNameWithItsSloganGluedAfterASureEndBeginsThePage() throws {
        let first = Self.article + "下载云上滨江APP · 滨江县融媒体中心出品"
        let second = "问答吧 - 有问题，就上问答吧\n首页 | 分类 | 问答 | 百科 | 登录\n问答吧 > 社会民生 > 城市管理\n文明城市测评主要看哪些方面？\n测评主要看公共秩序、环境卫生和志愿服务。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        func start(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { p in
                PageHeadCut.nameGluedAfterEnd(p, ends: PageHeadCut.endsPageSurely).map { String(decoding: p[$0...], as: UTF8.self) }
            }
        }
        #expect(start("写留言问答吧 - 有问题，就上问答吧") == "问答吧 - 有问题，就上问答吧")
        #expect(start("文明楼道评比，让邻里更温暖") == nil)
        #expect(start("返回顶部文明楼道评比，让邻里更温暖") == nil)
    }

    /// A title or a prompt with quotes glued after a sure end (an identifier's digits, a
    /// page's closing markup) begins the page; a quoted phrase after a tag that closes no page
    /// (`</b>`), or after no end, does not.
    @Test func aQuotedNameGluedAfterASureEndBeginsThePage() throws {
        func start(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { p in
                PageHeadCut.nameGluedAfterEnd(p, ends: PageHeadCut.endsPageSurely).map { String(decoding: p[$0...], as: UTF8.self) }
            }
        }
        #expect(start("网站标识码：4311270012微信扫一扫 关注“沅坪公共资源交易”") == "微信扫一扫 关注“沅坪公共资源交易”")
        #expect(start("<nav id=\"k2\"><sup id=\"k2\"></sup></nav>“红色文艺轻骑兵”走进田间地头") == "“红色文艺轻骑兵”走进田间地头")
        #expect(start("<b>记者</b>“红色文艺轻骑兵”走进田间地头") == nil)
        #expect(start("文艺轻骑兵“红色文艺轻骑兵”走进田间地头") == nil)
        // Whole pages: a WeChat title after a mirror's stray tags, its byline below.
        let first = Self.article + "<tfoot id=\"k2\"></tfoot>\n<nav id=\"k2\"><sup id=\"k2\"></sup></nav>"
        let second = "“红色文艺轻骑兵”走进田间地头\n原创 桐岭文明实践 2024-09-12 18:30 发表于湖南\n9月10日下午，志愿服务队来到槐塘村，为村民送上一台文艺演出。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
    }

    /// A footer field's value that ends by one suffix and goes on to another (`…融媒体中心技术部`)
    /// ends at the last: the glued name begins after it, not inside the value.
    @Test func aFieldValueEndsAtItsLastSuffix() {
        func start(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { p in PageHeadCut.nameGluedAfterEnd(p).map { String(decoding: p[$0...], as: UTF8.self) } }
        }
        #expect(start("技术支持：桐岭县融媒体中心技术部湖溪人大网") == "湖溪人大网")
        #expect(start("技术支持：岚溪政务网络中心清风栎川") == "清风栎川")
        // The value alone: no name glued after it.
        #expect(start("技术支持：桐岭县融媒体中心技术部") == nil)
    }

    /// A document viewer's note below its page counter (`第2页 / 共6页` then `已阅读2页，还剩4页
    /// 未读`) is the same preview's, though the note is a page's first line on a preview page.
    @Test func aPreviewNoteBelowTheViewersPageCounterIsNoPageStart() throws {
        #expect(PageHeadCut.followsViewerPageCounter(Array("第2页 / 共6页".utf8)))
        #expect(PageHeadCut.followsViewerPageCounter(Array("第12页/共30页".utf8)))
        #expect(!PageHeadCut.followsViewerPageCounter(Array("第2页 / 共6页，请下载".utf8)))
        #expect(!PageHeadCut.followsViewerPageCounter(Array("共6页".utf8)))
        #expect(!PageHeadCut.followsViewerPageCounter(nil))
        let text = "社区文明创建工作方案\n一、工作目标\n以市民满意为标准，提升群众满意度。\n第2页 / 共6页\n已阅读2页，还剩4页未读，继续免费阅读\n下载本文档"
        let (records, rejects, _) = try Support.cleanRecords(Array(text.utf8))
        #expect(records.count + rejects.count == 1)
        // The note after an article with no counter above it still begins a page (here one
        // left empty by its boilerplate, rejected).
        let (two, twoRejects, _) = try Support.cleanRecords(Array("社区文明创建工作方案\n以市民满意为标准，提升群众满意度。\n已阅读3页，还剩17页未读，继续免费阅读\n下载本文档".utf8))
        #expect(two.count + twoRejects.count == 2)
    }

    /// A page with no sentence at all (an agenda) ending in a sure end with the next page's
    /// name glued: the next page's byline below cuts there, though no article stands above. The
    /// same page with a name glued after no sure end (a link's title) is not cut.
    @Test func aPageWithNoSentenceIsCutAtASureEndAboveTheNextByline() throws {
        let first = "湖溪人大网\n首页 | 人大要闻 | 代表工作\n当前位置：首页 > 会议公告\n市人大常委会第二十三次会议议程\n一、审议工作报告\n二、审议有关人事任免事项\n网站标识码：4307000042"
        let second = "湖溪人大网\n当前位置：首页 > 代表工作\n把家门口的事办在群众心坎上\n发布时间：2024-10-28 10:06:57 来源：湖溪日报\n西湖街道人大代表联络站设在菜市场旁的社区服务中心里。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        let agenda = "市人大常委会第二十三次会议议程\n一、审议工作报告\n二、审议有关人事任免事项\n下一篇：代表工作动态\n发布时间：2024-10-28 10:06:57 来源：湖溪日报"
        let (one, _, _) = try Support.cleanRecords(Array(agenda.utf8))
        #expect(one.count == 1)
        #expect(PageHeadCut.isDigitDateTime(UnsafeBufferPointer(start: nil, count: 0)) == false)
    }

    /// A bare date with its weekday right under a related list's item is the list's next item,
    /// its marker lost: no head byline, so no cut at a common word the list repeats (`一个`,
    /// eval-dedup's seed 3). The same date under a calendar (an e-paper's edition) is one, and so
    /// is a dated line with a name under a list item.
    @Test func aBareDateUnderAListItemIsNoByline() throws {
        func byline(_ line: String, above: String?) -> Bool {
            var line = line
            return line.withUTF8 { PageHeadCut.isHeadByline($0, above: { above.map { Array($0.utf8) } }) }
        }
        #expect(!byline("2001年12月4日星期二", above: ">5.1.2. 网络接口名称"))
        #expect(!byline("2001年12月4日 周二", above: "·同事们都开始读了"))
        #expect(byline("2024年05月16日 星期四", above: "262728293031"))
        #expect(byline("2001年12月4日星期二", above: nil))
        #expect(byline("2001年12月4日星期二 东江日报", above: ">5.1.2. 网络接口名称"))
        let page = "这是文章的第一句话，内容很长很长很长。\n相关新闻：\niconv_open - 分配一个字符集转换的描述符\n>显示屏也是镜面的\n>首先, 你 可以 给出 一个 映射说明行, 如\n>5.1.2. 网络接口名称\n2001年12月4日星期二\n>一个唯一且有效的用户名\n长的很好看 纯纯的白色很不错"
        let (records, _, stage) = try Support.cleanRecords(Array(page.utf8))
        #expect(records.count == 1)
        #expect(stage.counters["pages.head-cut-split"] == 0)
    }

    /// A footer's phone number (`联系电话：0712-5201234`) is no date: its line is no head byline,
    /// and a page alone is not cut in its footer (`网站 | 市人民政府门户网站`, at a `网站` the
    /// footer's next line begins an item with). A byline's date is still one.
    @Test func aPhoneNumberIsNoBylineDate() throws {
        func byline(_ line: String) -> Bool {
            var line = line
            return line.withUTF8 { PageHeadCut.isHeadByline($0) }
        }
        #expect(!byline("地址：澴水县城关镇人民大道88号　联系电话：0712-5201234"))
        #expect(byline("发布时间：2025-04-09 16:42　来源：县创建办"))
        #expect(byline("1998-05-12 来源：东江日报"))
        let page = "县领导督导城区创文重点点位整改工作\n发布时间：2025-04-09 16:42　来源：县创建办\n4月8日下午，县委副书记、县长带队督导城区创建全国文明城市重点点位整改工作。\n相关链接：\n中国政府网 | 省人民政府门户网站 | 市人民政府门户网站 | 县人大 | 县政协\n政府网站找错 | 网站地图 | 联系我们\n主办：澴水县人民政府办公室　承办：澴水县大数据中心\n地址：澴水县城关镇人民大道88号　联系电话：0712-5201234"
        let (records, _, _) = try Support.cleanRecords(Array(page.utf8))
        #expect(records.count == 1)
    }

    /// A name glued after a sure end (`技术支持：…技术部清风栎川`) begins the page over a short
    /// run an earlier footer line shares with the new head's menu (`…创建工作调度会` and
    /// `工作动态`), wherever the glued line stands above the breadcrumb. Without the sure end (a
    /// plain link's title glued) the cut stays where the head shows it.
    @Test func aNameAfterASureEndWinsOverAShortRunAbove() throws {
        let first = "桐岭县开展文明城市创建督查\n本台讯 9月18日，县创建办组织4个督查组，对城区主次干道开展督查。\n编辑：龙慧  审核：彭志强\n相关视频\n桐岭县召开第三季度创建工作调度会\n“文明交通我先行”主题活动启动\n桐岭县融媒体中心（桐岭广播电视台）版权所有\n湘ICP备18011736号-1\n技术支持：桐岭县融媒体中心技术部"
        let second = "清风栎川\n中共栎川县纪律检查委员会 栎川县监察委员会\n首页 | 工作动态 | 审查调查 | 纪律审查 | 警示教育\n当前位置：首页 > 警示教育 > 通报曝光\n关于几起违反中央八项规定精神问题的通报\n发布时间：2024-09-20 来源：县纪委监委\n近日，县纪委监委通报了几起问题。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        #expect(records.compactMap { Int($0[FieldKey.length] ?? "") }.reduce(0, +) == first.utf8.count + second.utf8.count)
    }

    /// Where `PageHeadCut.gluedGreetingStart` begins the page in `line`.
    static func greetingStart(_ line: String) -> Int? {
        var line = line
        return line.withUTF8 { PageHeadCut.gluedGreetingStart($0) }
    }

    /// A site's greeting glued after the old page's footer (`…公网安备42092502000123号今天是：　欢迎
    /// 访问…网站！`) begins the page, above a menu and a breadcrumb; the greeting, a `！` line, is
    /// no article, so the breadcrumb below is the same page's. A greeting after a comma (a quote in
    /// a sentence) or naming no site is no page start.
    @Test func aGluedGreetingBeginsThePage() throws {
        let first = Self.article + "网站标识码：4209250003　鄂ICP备05012345号　鄂公网安备42092502000123号"
        let second = "今天是：　欢迎访问澄湖市人大常委会网站！\n首页　人大要闻　常委会工作　代表之窗　立法工作\n当前位置：首页 > 人大要闻\n市人大常委会开展文明行为促进条例执法检查\n2025-06-12 09:15　来源：市人大教科文卫工委\n6月10日至11日，市人大常委会副主任带领执法检查组开展执法检查。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        let (alone, _, _) = try Support.cleanRecords(Array(second.utf8))
        #expect(alone.count == 1)
        let start = Self.greetingStart
        #expect(start("鄂公网安备42092502000123号今天是：　欢迎访问澄湖市人大常委会网站！") == "鄂公网安备42092502000123号".utf8.count)
        #expect(start("不代表本站立场。您好，欢迎访问青岚县公共资源交易网！") == "不代表本站立场。".utf8.count)
        #expect(start("立即升级　暂不升级今天是：　欢迎访问澄湖市人大常委会网站！") == "立即升级　暂不升级".utf8.count)
        #expect(start("活动结束时，市民说，欢迎访问澄湖文明网！") == nil)
        #expect(start("澄湖市人大常委会主办欢迎访问澄湖市人大常委会网站！") == nil)
        #expect(start("鄂ICP备05012345号欢迎访问本站，祝您愉快！") == nil)
        #expect(start("欢迎访问澄湖市人大常委会网站！") == nil)
        // A portal's greeting with its calendar and no `！`; without the calendar, or naming no site, none.
        #expect(start("友情链接 - 网站客服 - 联系我们欢迎访问澄湖市人大常委会网站　今天是：2025年9月3日 星期三") == "友情链接 - 网站客服 - 联系我们".utf8.count)
        #expect(start("友情链接 - 网站客服 - 联系我们欢迎访问澄湖市人大常委会网站　详情请见") == nil)
        #expect(start("友情链接 - 网站客服 - 联系我们欢迎访问澄湖市　今天是：2025年9月3日 星期三") == nil)
    }

    /// A township portal's greeting names its site first (`某某乡人民政府欢迎您！　今天是：…`): glued
    /// after the old page's footer end (a copyright's years, a registration's `号`, a footer link),
    /// the name begins the page, above its menu and its title; after an article's sentence, a
    /// comma or a separator, or closed by neither `！` nor a calendar, the greeting is the line's own.
    @Test func aNameFirstGreetingBeginsThePage() throws {
        let first = Self.article + "关于我们 | 联系我们 | 广告服务\n青岚网络公司版权所有 ©2001-2025"
        let second = "石溪镇人民政府欢迎您！　今天是：2025年4月8日 星期二\n网站首页 | 镇情概况 | 政务公开 | 工作动态\n工作动态\n石溪镇开展春季森林防火专项检查\n信息来源：石溪镇　发布时间：2025年4月8日\n4月7日，石溪镇组织开展春季森林防火专项检查，对辖区重点林区逐一排查。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        let (single, _, _) = try Support.cleanRecords(Array(second.utf8))
        #expect(single.count == 1)
        let start = Self.greetingStart
        #expect(start("青岚网络公司版权所有 ©2001-2025石溪镇人民政府欢迎您！　今天是：2025年4月8日 星期二") == "青岚网络公司版权所有 ©2001-2025".utf8.count)
        #expect(start("湘ICP备12345678号石溪镇人民政府欢迎你！") == "湘ICP备12345678号".utf8.count)
        #expect(start("新闻热线：0731-5551234 联系我们石溪镇人民政府欢迎您　今天是：2025年4月8日") == "新闻热线：0731-5551234 联系我们".utf8.count)
        #expect(start("这里的山水越来越美，游客越来越多。石溪欢迎您！") == nil)
        #expect(start("村支书笑着说，石溪镇欢迎您！") == nil)
        #expect(start("湘ICP备12345678号 石溪镇人民政府欢迎您！") == nil)
        #expect(start("湘ICP备12345678号石溪镇人民政府欢迎您来参观。") == nil)
        #expect(start("湘ICP备12345678号石溪镇人民政府欢迎您的到来") == nil)
        // On a line of its own, the greeting is a page's first line; a sentence's welcome is not.
        func alone(_ line: String) -> Bool {
            var line = line
            return line.withUTF8 { PageHeadCut.isNameFirstGreeting($0) }
        }
        #expect(alone("石溪镇人民政府欢迎您！　今天是：2025年4月8日 星期二"))
        #expect(!alone("他说，石溪欢迎您！"))
        #expect(!alone("欢迎您！"))
    }

    /// A hacked site's page opens with a spam banner above its greeting: glued after the old
    /// page's last link (`…网站地图六合彩开奖结果直播_澳门娱乐城…`), it begins the page, not the
    /// greeting below it. With no spam words glued there, the page begins at the greeting.
    @Test func aSpamBannerAboveAGreetingBeginsThePage() throws {
        let old = Self.article + "梓阳市精神文明建设指导委员会办公室　版权所有\n网站地图"
        let spam = "六合彩开奖结果直播_澳门娱乐城官网注册送彩金_真人百家乐开户_足球投注app下载\n"
        let page = "欢迎访问嵩原经济信息网！\n嵩原县前三季度经济运行情况\n时间：2024-10-28 来源：嵩原县统计局\n前三季度，全县经济运行总体平稳、稳中有进。"
        let (records, _, _) = try Support.cleanRecords(Array((old + spam + page).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(old.utf8.count)])
        let plain = old + "\n"
        let (two, _, _) = try Support.cleanRecords(Array((plain + page).utf8))
        #expect(two.map { $0[FieldKey.offset] } == ["0", String(plain.utf8.count)])
    }

    /// A spam banner glued after a footer notice's number (`…请与本网联系。电话：029-63901234六合彩
    /// 开奖结果直播_…`) begins where the number ends, though the line holds a sentence; spam words
    /// in a sentence's own clause (`…严厉打击六合彩、百家乐等赌博活动`) begin nothing.
    @Test func aSpamBannerAfterANoticesNumberBeginsThePage() {
        func start(_ line: String) -> Int? {
            var line = line
            return line.withUTF8 { PageHeadCut.spamBannerStart($0) }
        }
        let notice = "本文仅代表作者观点，如涉及版权问题请与本网联系。电话：029-63901234"
        #expect(start(notice + "六合彩开奖结果直播_澳门娱乐城官网注册送彩金_真人百家乐开户") == notice.utf8.count)
        #expect(start("公安机关表示，将严厉打击六合彩、百家乐、澳门娱乐城等网络赌博活动") == nil)
        #expect(start("公安机关表示，将严厉打击网络赌博。六合彩百家乐") == "公安机关表示，将严厉打击网络赌博。".utf8.count)
        #expect(start("如涉及版权问题请与本网联系，六合彩开奖结果直播_澳门娱乐城官网注册送彩金") == nil)
    }

    /// A head longer than one line above the breadcrumb (a menu glued after the old page's
    /// closing bracket, the site's name, then the trail): the page began in the glued line, above
    /// the whole head, not at the breadcrumb.
    @Test func aMenuGluedAboveTheSiteNameBeginsThePage() throws {
        let first = Self.article + "相关视频\n第1集 文明创建在行动(上)\n第2集 文明创建在行动(下)"
        let second = "学校概况 机构设置 师资队伍 教育教学 德育之窗 党建园地\n东江市第三实验小学\n当前位置:首页 - 德育之窗 - 正文\n我校开展文明礼仪进校园活动\n发布时间：2023-05-12 浏览次数：312\n5月11日，我校开展文明礼仪进校园活动。"
        try Support.expectCutBetween(first, second, counter: "pages.head-cut-split")
    }

    /// The walk up the head stops at the first line that is none of a head's (a footer's contact
    /// line): a bar of links above it (`12388举报网站`, its `举报` a link's end) is the old page's.
    /// The glued line's `公众号` ends the old page as the link list says (a `号` after no digits).
    @Test func theWalkUpTheHeadStopsAtTheOldPageFooter() throws {
        let first = Self.article + "举报须知 | 12388举报网站 | 省纪委监委网站 | 市纪委监委网站\n监督举报电话：0736-12388 地址：东江县滨江路66号 邮编：415600\n东江县纪委监委 版权所有 湘ICP备16020117号-1 扫码关注“清风东江”微信公众号"
        let second = "柳岸镇人民政府\n首页 | 走进柳岸 | 政务公开 | 村务公开 | 便民服务\n您现在的位置:首页 > 村务公开 > 财务公开\n上湾村第三季度村级财务收支公开\n发布日期：2024-10-15 来源：上湾村村民委员会\n现将上湾村第三季度财务收支情况公开如下，接受全体村民监督。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        func lines(_ text: String) -> [[UInt8]] { text.split(separator: "\n").map { Array($0.utf8) } }
        let head = lines("12388举报网站 | 省纪委监委网站 | 市纪委监委网站\n监督举报电话：0736-12388 地址：东江县滨江路66号\n扫码关注微信公众号柳岸镇人民政府\n首页 | 走进柳岸 | 政务公开 | 村务公开\n今天是：2024年10月15日 星期二")
        #expect(PageHeadCut.gluedHeadLine(above: 5, lines: { head[$0] }, afterOldText: { _ in true }) == 2)
        // Above the contact line (no head line, no glued name) nothing is read.
        #expect(PageHeadCut.gluedHeadLine(above: 2, lines: { head[$0] }, afterOldText: { _ in true }) == nil)
        func headLine(_ s: String) -> Bool { var s = s; return s.withUTF8 { PageHeadCut.isHeadLine($0) } }
        #expect(headLine("东江市第三实验小学") && headLine("今天是：2024年10月15日 星期二") && headLine("首页 | 走进柳岸 | 政务公开 | 村务公开 | 便民服务"))
        #expect(!headLine("版权所有：某某镇人民政府") && !headLine("东江市第三实验小学开展文明礼仪进校园活动") && !headLine("打开APP，阅读全文"))
        // A channel list's short items between bars, punctuation or not; a glued line's first item is longer.
        #expect(headLine("新闻综合频道 | 公共频道 | FM98.6 东江之声 | FM104.2 交通音乐台"))
        #expect(!headLine("一图读懂创建全国文明城市测评体系设为首页 | 加入收藏 | 手机版"))
    }

    /// A station's channel list between its menu and its breadcrumb is head too: its name glued
    /// after the old page's closing words (`联系删除`) begins the page.
    @Test func aChannelListIsPartOfTheHead() throws {
        let first = Self.article + "© 2024 问答吧 本站内容均由网友提供，仅供参考，如有侵权请联系删除"
        let second = "东江广播电视台\n首页 | 新闻 | 直播 | 点播 | 节目单 | 联系我们\n新闻综合频道 | 公共频道 | FM98.6 东江之声 | FM104.2 交通音乐台\n当前位置:首页 > 新闻 > 本台新闻\n城东街道开展文明交通劝导活动\n2024-05-12 09:20 来源：东江广播电视台\n5月11日，城东街道开展文明交通劝导活动。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
    }

    /// A copyright's owner that the old page names in its banner ends the old page: a site's
    /// name glued after it, above the new page's menu and breadcrumb, begins the next page.
    @Test func aNameGluedAfterTheCopyrightOwnerBeginsThePage() throws {
        let first = "丰文百科 - 开放的百科知识库\n首页 | 分类 | 热门词条\n东江电视台\n东江电视台是东江县的县级广播电视播出机构，开播于一九八六年。\n本站内容来自网络，如有侵权请联系删除。 Copyright © 2025 丰文百科"
        let second = "华夏政务网\n首页 | 要闻 | 地方政务 | 部委动态 | 专题\n您现在的位置: 华夏政务 > 地方政务 > 湖南省\n东江县开展文明交通劝导活动\n2025-06-12 09:20 来源：东江县融媒体中心\n6月11日，东江县开展文明交通劝导活动。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        func cut(_ line: String, old: [String]) -> Int? {
            var line = line
            return line.withUTF8 { p in
                PageHeadCut.nameGluedAfterCopyrightOwner(p, oldPageNames: { name in old.contains { $0.utf8.elementsEqual(name) } })
            }
        }
        // The longest name the old page holds is the owner (not `丰文`).
        #expect(cut("Copyright © 2025 丰文百科华夏政务网", old: ["丰文", "丰文百科"]) == "Copyright © 2025 丰文百科".utf8.count)
        // An owner the old page never names (a name of the new page's own) cuts nothing.
        #expect(cut("Copyright © 2025 丰文百科华夏政务网", old: []) == nil)
    }

    /// A mobile page's top bar: its back button (`返回`, `< 返回`) glued after the old page's last
    /// line, the app bar (`打开APP`) right below or below the site's name, then a title and the
    /// app's byline: the page begins at the button. A `返回` with no app bar below, or after a
    /// separator, begins nothing.
    @Test func aMobilePagesBackButtonAboveItsAppBarBeginsThePage() throws {
        let second = "\n打开APP\n某某区：小区“微更新”让居民幸福感升级\n某某融媒 2023-04-12 17:40 发表于浙江\n近日，某某区多个老旧小区完成微更新。"
        let first = Self.article + "相关推荐\n某某区开展文明交通劝导活动"
        try Support.expectCutBetween(first, "返回" + second, counter: "pages.head-cut-split")
        try Support.expectCutBetween(first, "< 返回\n某某新闻" + second, counter: "pages.head-cut-split")
        let beginsPage: (UnsafeBufferPointer<UInt8>) -> Bool = { String(decoding: $0, as: UTF8.self) == "打开APP" }
        func start(_ line: String, _ below: [String]) -> Int? {
            PageHeadCut.backButtonStart(Array(line.utf8), below: ArraySlice(below.map { Array($0.utf8) }), beginsPage: beginsPage)
        }
        #expect(start("攻坚克难。返回", ["打开APP"]) == "攻坚克难。".utf8.count)
        #expect(start("攻坚克难。< 返回", ["某某新闻", "打开APP"]) == "攻坚克难。".utf8.count)
        #expect(start("攻坚克难。返回", ["某某区：小区焕新"]) == nil)
        #expect(start("首页 | 返回", ["打开APP"]) == nil)
        #expect(start("返回", ["打开APP"]) == nil)
    }

    /// A news app's top bar (`打开“掌上某某” 阅读体验更佳`) glued after the old page's last line,
    /// whatever ends it (a footer's resolution note, a registration number, a sentence), begins
    /// the page at its `打开`. After a separator, a space or an
    /// opening quote, or with a sentence's end inside it, the prompt is the line's own.
    @Test func anAppsTopBarPromptBeginsThePage() throws {
        let second = "打开“掌上柳岸” 阅读体验更佳\n柳岸县城区新增120个公共停车位\n柳岸融媒　2025-03-14 09:20\n近日，柳岸县城区新增120个公共停车位，缓解了群众停车难问题。"
        let footer = Self.article + "主办：某某县人民政府办公室\n联系电话：0731-5551234　建议使用1366×768以上分辨率浏览"
        try Support.expectCutBetween(footer, second, counter: "pages.head-cut-split")
        // (After a sure end the no-head search finds it too: its counter, not the head cut's.)
        let sure = Self.article + "相关推荐\n湘ICP备12345678号-2"
        let (two, _, _) = try Support.cleanRecords(Array((sure + "打开柳岸新闻，阅读体验更佳\n" + second.split(separator: "\n", maxSplits: 1)[1]).utf8))
        #expect(two.map { $0[FieldKey.offset] } == ["0", String(sure.utf8.count)])
        let (single, _, _) = try Support.cleanRecords(Array(second.utf8))
        #expect(single.count == 1)
        func start(_ line: String) -> Int? {
            var line = line
            return line.withUTF8 { PageHeadCut.appPromptStart($0) }
        }
        let end = "建议使用1366×768以上分辨率浏览"
        #expect(start(end + "打开“掌上柳岸” 阅读体验更佳") == end.utf8.count)
        #expect(start("湘ICP备12345678号下载柳岸新闻APP，阅读体验更好！") == "湘ICP备12345678号".utf8.count)
        #expect(start("打开“掌上柳岸” 阅读体验更佳") == 0)
        #expect(start("关于我们 | 打开APP 阅读体验更佳") == nil)
        #expect(start("湘ICP备12345678号 打开APP，阅读体验更佳") == nil)
        #expect(start("他说：“打开APP阅读体验更佳") == nil)
        #expect(start("打开以后。阅读体验更佳") == nil)
        #expect(start("建议使用新版浏览器，阅读体验更佳") == nil)
        #expect(start(end + "打开“掌上柳岸” 阅读体验更佳 | 首页") == nil)
    }

    /// After a sure end that a sentence's mark closes (`…如有侵权请联系删除。`, a site's notice), a
    /// portal's greeting naming its site first begins the page though the notice reads as a
    /// sentence; after an article's sentence it is still the article's.
    @Test func aNameFirstGreetingAfterANoticesSureEndBeginsThePage() throws {
        let start = Self.greetingStart
        let notice = "声明：本站部分内容来源于网络，仅供参考，不代表本站观点，如有侵权请联系删除。"
        #expect(start(notice + "石溪镇人民政府欢迎您！　今天是：2025年4月8日 星期二") == notice.utf8.count)
        #expect(start("这里的山水越来越美，游客越来越多，欢迎大家联系。石溪欢迎您！") == nil)
        let page = "石溪镇人民政府欢迎您！　今天是：2025年4月8日 星期二\n网站首页 | 镇情概况 | 政务公开 | 工作动态\n工作动态\n石溪镇开展春季森林防火专项检查\n信息来源：石溪镇　发布时间：2025年4月8日\n4月7日，石溪镇组织开展春季森林防火专项检查，对辖区重点林区逐一排查。"
        let (records, _, _) = try Support.cleanRecords(Array((Self.article + notice + page).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String((Self.article + notice).utf8.count)])
    }

    /// A lottery banner whose first items no list holds (`大发快三 | 幸运飞艇`), glued after the old
    /// page's last sentence: walking back from its first listed word (`北京赛车`) over short items
    /// joined alike, the page begins after the footer's end before the first item, not at a later
    /// item a glued start's rule reads (`彩票app下载 | …`). Long items, other joins, a clause's own
    /// words or a line with no end before the items begin nothing.
    @Test func aLotteryBannersUnlistedItemsBeginThePage() throws {
        func start(_ line: String) -> Int? {
            var line = line
            return line.withUTF8 { PageHeadCut.spamBannerStart($0) }
        }
        let notice = "声明：本站部分内容来源于网络，如有侵权请联系删除。"
        let banner = "好运快三 | 吉祥飞艇 | 北京赛车pk10 | 时时彩计划 | 彩票app下载 | 彩票网页版登录入口"
        #expect(start(notice + banner) == notice.utf8.count)
        #expect(start("湘ICP备12345678号-2" + banner) == "湘ICP备12345678号-2".utf8.count)
        // An item longer than a banner's, or joined otherwise, stops the walk.
        #expect(start(notice + "这是一个很长很长的项目名称啊 | 北京赛车pk10 | 时时彩计划") == nil)
        #expect(start(notice + "好运三分_吉祥赛艇 | 北京赛车pk10 | 时时彩计划") == nil)
        #expect(start("本网讯，好运快三 | 吉祥飞艇 | 北京赛车pk10 | 时时彩计划") == nil)
        let page = "\n首页 > 新闻中心 > 地方新闻 > 正文\n柳岸县启动“文明餐桌”行动\n2025-02-26 来源：柳岸县融媒体中心\n近日，柳岸县启动“文明餐桌”行动，倡导节约用餐。"
        let old = Self.article + "猜你喜欢\n" + notice
        let (records, _, _) = try Support.cleanRecords(Array((old + banner + page).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(old.utf8.count)])
    }

    /// A spam banner's items after a Latin word of its own (`彩票app下载 | …`) read as a name glued
    /// after a footer's Latin word: inside a banner (two spam words before it) they are the
    /// banner's, which begins the page whole, on a line of its own or after the old page's end.
    @Test func aNameInsideASpamBannerIsNoPageStart() throws {
        let banner = "幸运快三 | 极速飞艇 | 北京赛车pk10 | 时时彩计划 | 彩票app下载 | 彩票网页版登录入口"
        func glued(_ s: String) -> Int? { var s = s; return s.withUTF8 { PageHeadCut.nameGluedAfterEnd($0) } }
        #expect(glued(banner) == nil)
        #expect(glued("腾讯视频app下载 | 东江新闻网") != nil)
        let second = banner + "\n首页 > 新闻中心 > 地方新闻 > 正文\n东江县启动文明餐桌行动\n2024-02-26 来源：东江县融媒体中心\n近日，东江县启动文明餐桌行动。"
        for end in ["联系电话：0731-5551234　建议使用1366×768以上分辨率浏览", "东江新闻网版权所有　联系电话：0731-5551234\n"] {
            try Self.expectPageStart(Self.article + end, second)
        }
    }

    /// An e-paper's footer credit ends at its maker (`技术支持：某某电子`); an app's last prompt
    /// (`阅读更多精彩内容`) and a repost notice (`转载请注明出处`) end a page: a name glued after
    /// them begins the next page whole.
    @Test func footerCreditsAndPromptsEndThePageBeforeAGluedName() throws {
        let second = "东源资讯网 - 关注本地民生 服务百姓生活\n首页 本地 民生 教育 健康 财经\n您的位置：首页 > 本地 > 正文\n东源县老旧小区改造有哪些新变化\n"
            + "时间：2024-03-21 14:08:36　作者：小编\n今年以来，东源县老旧小区改造有了不少新变化。"
        for end in ["地址：东江市滨江大道8号　技术支持：某某电子", "下载掌上东江APP，阅读更多精彩内容", "Copyright © 2024 本站所有 转载请注明出处"] {
            try Self.expectPageStart(Self.article + end, second)
        }
        #expect(Array("技术支持：某某电子".utf8).withUnsafeBufferPointer { PageHeadCut.endsFieldValue($0) })
        #expect(Array("下载掌上东江APP，阅读更多精彩内容".utf8).withUnsafeBufferPointer { PageHeadCut.endsPageSurely($0) })
        #expect(Array("转载请注明出处".utf8).withUnsafeBufferPointer { PageHeadCut.endsFooter($0) })
    }

    /// A trail whose first item names its site before `首页` (`东源网首页 > 资讯`) on a line of its
    /// own is one start: no cut at `首页` inside it. A site's sponsor line under its name
    /// (`某某办公室主办`) is a head line: the walk up reaches the name glued above it.
    @Test func aNamedHomeTrailIsNotCutAndASponsorLineIsHead() throws {
        let first = Self.article + "东江新闻网版权所有　联系电话：0731-5551234\n"
        let second = "东源网首页 > 资讯 > 地方 > 正文\n东源一社区把议事厅搬到楼道口\n2024-03-08 10:15:32　来源: 东源晚报\n近日，东源一社区把议事厅搬到了楼道口。"
        try Self.expectPageStart(first, second)
        let glued = Self.article + "本站部分内容来源于网络，如有侵权请联系删除"
        let sponsored = "东江文明网\n东江市精神文明建设指导委员会办公室主办\n首页 | 文明创建 | 志愿服务 | 道德模范\n位置：首页 > 文明创建 > 区县动态\n"
            + "东源区举办清明主题活动\n来源：东源区文明办　日期：2024/04/02\n4月1日，东源区举办清明主题活动。"
        try Self.expectPageStart(glued, sponsored)
        func head(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { PageHeadCut.isHeadLine($0) } }
        #expect(head("东江市精神文明建设指导委员会办公室主办"))
        #expect(!head("主办：东江市人民政府办公室") && !head("东江日报社主办　版权所有"))
    }

    /// A site's short name (two characters and `网`) glued after a footer's end reads as a page's
    /// first line, and a spam banner whose first item is a minute draw (`五分彩…`) begins there.
    @Test func aShortSiteNameAndAMinuteDrawBannerBeginThePage() throws {
        func glued(_ s: String) -> String? { var s = s; return s.withUTF8 { p in PageHeadCut.nameGluedAfterEnd(p).map { String(decoding: p[$0...], as: UTF8.self) } } }
        #expect(glued("Sun, 12 May 2024 09:30:00 +0800东源网") == "东源网")
        #expect(glued("打开APP 查看更多东源网") == "东源网")
        #expect(glued("打开APP 查看更多东源") == nil && glued("打开APP 查看更多新闻网站") == "新闻网站")
        func spam(_ s: String) -> String? { var s = s; return s.withUTF8 { p in PageHeadCut.spamBannerStart(p).map { String(decoding: p[$0...], as: UTF8.self) } } }
        #expect(spam("3、东源社区：共建共享美丽家园五分彩开奖走势图 北京赛车pk10计划 棋牌游戏大厅下载") == "五分彩开奖走势图 北京赛车pk10计划 棋牌游戏大厅下载")
        try Self.expectPageStart(Self.article + "打开APP 查看更多",
                                 "东源网\n首页 新闻 图片 视频 政务 文旅 民生\n图片频道 > 东源影像\n组图：东源老城区微改造见新颜\n2024-06-12 09:20 来源：东源网\n近日，东源老城区微改造完工。")
    }

    /// A banner line that a banner's rule takes whole (`^…网—…`) may hold the old page's last
    /// words first, ended surely (`…阅读更多精彩内容`): the page begins after them. A notice ending
    /// surely (`…如有侵权请联系删除。`, a sentence) with a banner glued after it, above the new
    /// page's title and byline, begins the page at the banner (it had begun at the title).
    @Test func aBannerAfterASureEndBeginsThePage() throws {
        let banner = "东源生活网—东源最具人气本地门户 门户 本地资讯 镇街动态 查看内容\n\n东源镇积分超市激活乡村文明新风\n\n"
            + "2023-10-11 09:47| 发布者: 东源小编| 评论: 0|来自: 东源镇人民政府\n\n    近日，东源镇积分超市正式开张，村民用积分兑换生活用品。"
        let stage = try Self.expectPageStart(Self.article + "下载掌上东江APP，阅读更多精彩内容", banner)
        #expect(stage.counters["pages.banner-after-sure-end-split"] == 1)
        for end in ["声明：本站部分内容来源于网络，仅供参考，如有侵权请联系删除。", "Copyright 2024 版权所有 本站内容来源于网络，如有侵权请联系删除"] {
            let stage2 = try Self.expectPageStart(Self.article + end, banner)
            #expect(stage2.counters["pages.head-cut-split"] == 1, "\(end)")
        }
        func sure(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { PageHeadCut.endsNoticeSurely($0) } }
        #expect(sure("如有侵权请联系删除。") && sure("如有侵权请联系删除") && !sure("会议要求，全市上下要攻坚克难。"))
    }

    /// A page's first line longer than a name, glued after the old page's footer end: a menu
    /// (`…技术支持：某某信息中心首页 | 政协概况 | …`) or a keyword line of short items between commas
    /// (`…微信公众号东源县统计局,东源统计信息网,…`) begins the page there (`headGluedAfterEnd`), above
    /// the breadcrumb; a menu line whole holds no join (`首页 | 新闻发布会` after the link `发布`),
    /// nor does a line whose old part holds a clause.
    @Test func aMenuOrKeywordLineGluedAfterAFooterEndBeginsThePage() throws {
        func glued(_ s: String) -> String? {
            var s = s
            return s.withUTF8 { p in PageHeadCut.headGluedAfterEnd(p).map { String(decoding: p[$0...], as: UTF8.self) } }
        }
        #expect(glued("备案号：赣ICP备14005678号-1　技术支持：东源区信息中心首页 | 政协概况 | 履职动态 | 委员风采")
                == "首页 | 政协概况 | 履职动态 | 委员风采")
        #expect(glued("东源县监委 版权所有  湘ICP备16020117号-1  扫码关注微信公众号东源县统计局，东源统计信息网，东源县统计年鉴，东源县统计公报")
                == "东源县统计局，东源统计信息网，东源县统计年鉴，东源县统计公报")
        #expect(glued("首页 | 新闻发布会 | 政策解读 | 图片直播 | 视频回放") == nil)
        #expect(glued("会议要求，根据第12号东源县统计局，东源统计信息网，东源县统计年鉴，东源县GDP") == nil)
        #expect(glued("东源县监委 版权所有  扫码关注微信公众号东源县统计局，东源统计信息网。东源县统计年鉴，东源县GDP") == nil)
        let keywords = "东源县统计局,东源统计信息网,东源县统计年鉴,东源县统计公报,东源县GDP,东源县人口\n首页 > 统计数据 > 月度数据\n"
            + "2024年6月全县社会消费品零售总额 2024-07-26 来源：县统计局\n全县社会消费品零售总额比上年同期增长，市场运行平稳。"
        try Self.expectPageStart(Self.article + "东源县监委 版权所有  湘ICP备16020117号-1  扫码关注“清风东源”微信公众号", keywords)
    }

    /// Cleaning drops a closing tag (`</footer>`), so the first raw cut whose cleaned prefix reaches a
    /// split's place would stand before it: a closing tag is the old page's last markup, no cut
    /// before it (`CleanStage.isClosingTag`).
    @Test func aClosingTagStaysWithTheOldPage() throws {
        let (_, _, stage) = try Support.cleanRecords(Array("东源".utf8))
        let old = "<footer>东源区融媒体中心 版权所有</footer>"
        var cleaned = Array(old.utf8), spare: [UInt8] = [], counters = Counters()
        stage.cleaner.clean(&cleaned, spare: &spare, counters: &counters)
        let target = String(decoding: cleaned, as: UTF8.self).unicodeScalars.count
        let line = Array((old + "东源新闻网—东源县委宣传部主办").utf8)
        #expect(stage.rawByteOffset(of: target, cleanedFrom: line, raw: line, encoding: .utf8) == old.utf8.count)
    }
}
