import Foundation
import Testing
@testable import CivKit

/// The forms of the eighth held-out set (`testdata/pages/heldout8/`: a second representative sample
/// of a local-news crawl: government portals, forum reposts, document sites, an app's share page, an
/// encyclopedia mirror): each rule takes its chrome, and a line of the text of a like shape stays.
@Suite struct HeldOut8ChromeTests {
    func clean(_ lines: [String]) -> (Record, Counters) {
        Support.removeBoilerplate(lines)
    }

    static let body = ["市文明办通报二季度创建测评情况", "6月15日，市文明办对二季度全市文明城市创建实地测评情况进行通报。", "测评采取随机抽查、明察暗访的方式，共抽查点位412个。"]

    @Test func documentViewersPagesAndLabelsAreDropped() {
        #expect(Support.ruleKind("社区新时代文明实践站志愿服务活动方案_第1页", index: 2) == "docsite")
        #expect(Support.ruleKind("详见方案第1页。", index: 2) == nil && Support.ruleKind("社区新时代文明实践站志愿服务活动方案", index: 2) == nil)
        // Below the head too: the page images push it down.
        #expect(Support.ruleKind("资源描述", index: 15) == "docsite")
        #expect(Support.ruleKind("资源描述要准确、完整。", index: 15) == nil)
    }

    @Test func aForumThreadsTrailCountsAndReplyBoxAreDropped() {
        #expect(Support.ruleKind("在澄溪 互动 澄溪动态 我县举办“文明餐桌”主题宣传活动 ...", index: 1) == "forum")
        #expect(Support.ruleKind("他说 我们 还要 再干一年，大家加油 ...", index: 1) == nil)
        #expect(Support.ruleKind("412 0 查看全部", index: 6) == "counter")
        #expect(Support.ruleKind("共412条 查看全部规定", index: 6) == nil)
        #expect(Support.ruleKind("您需要登录后才可以回帖 登录 | 注册", index: 25) == "forum")
        #expect(Support.ruleKind("群众需要登录后才能查看办理进度。", index: 25) == nil)
    }

    @Test func picturesPlaceholdersAndCommentCountersAreDropped() {
        #expect(Support.ruleKind("图片", index: 8) == "image" && Support.ruleKind("[图片]", index: 8) == "image")
        #expect(Support.ruleKind("图片新闻：背街小巷换新颜", index: 3) == nil)
        #expect(Support.ruleKind("已有0人参与评论", index: 25) == "comments")
        #expect(Support.ruleKind("已有300人参与评议活动。", index: 25) == nil)
        let lines = [Self.body[0], "图片", Self.body[1], "图片", Self.body[2]]
        let (record, counters) = clean(lines)
        #expect(record.lines == Self.body && counters["dropped.image"] == 2)
    }

    @Test func aNewsSitesHotlineAndAPortalsGreetingAreDropped() {
        #expect(Support.ruleKind("梅岭资讯网 新闻热线：0739-5123000", index: 0) == "contact")
        #expect(Support.ruleKind("新闻热线：0739-5123000", index: 25) == "contact")
        // A notice's own line for questions stays (no newsroom's).
        #expect(Support.ruleKind("咨询热线：0739-5123000", index: 0) == nil)
        #expect(Support.ruleKind("市民可拨打新闻热线：0739-5123000反映问题。", index: 0) == nil)
        #expect(Support.ruleKind("欢迎访问南岭市人大常委会网站　今天是：2025年9月3日 星期三", index: 0) == "welcome")
        #expect(Support.ruleKind("欢迎访问南岭市人大常委会网站 今天是：2025年9月3日 星期三", index: 0) == "welcome")
        #expect(Support.ruleKind("欢迎来到南岭，今天是2025年9月3日。", index: 0) == nil)
    }

    @Test func aTemplatesUnfilledPlaceholderIsDropped() {
        #expect(Support.ruleKind("- 查看全部{{ item.replyCount }}条回复> 查看更多回复>", index: 25) == "markup")
        #expect(Support.ruleKind("{{title}}", index: 25) == "markup")
        #expect(Support.ruleKind("在模板中写 {{ name }} 即可引用变量，无需转义。", index: 25) == nil)
    }

    @Test func anEncyclopediasChromeIsDroppedItsEntryKept() {
        #expect(Support.ruleKind("华文百科 - 开放的百科知识库", index: 0) == "banner")
        #expect(Support.ruleKind("华文百科收录了全县的词条。", index: 0) == nil)
        #expect(Support.ruleKind("基本介绍", index: 4) == "label" && Support.ruleKind("基本信息", index: 4) == "label")
        #expect(Support.ruleKind("基本情况", index: 4) == nil)
        #expect(Support.ruleKind("词条图册 更多图册", index: 25) == "navigation")
        #expect(Support.ruleKind("词条图册收录了中心的老照片。", index: 25) == nil)
        #expect(Support.ruleKind("相关词条", index: 25) == "related")
        #expect(Support.ruleKind("相关词条已经修改。", index: 25) == nil)
        let entry = ["槐溪县融媒体中心是槐溪县委直属正科级事业单位，2019年3月整合组建。", "基本介绍", "中文名：槐溪县融媒体中心",
                     "成立时间：2019年3月", "简介，主要职责，所获成绩，", "简介", "中心内设办公室、总编室、新闻部等9个部门，现有工作人员96人。",
                     "主要职责", "负责全县重大新闻宣传和舆论引导工作；负责广播电视节目的制作、播出。", "所获成绩",
                     "中心自组建以来，先后有23件作品获省、市新闻奖。", "词条图册 更多图册", "相关词条", "槐溪县 槐溪电视台 县级融媒体中心"]
        let (record, counters) = clean(entry)
        #expect(record.lines == entry.filter { !["基本介绍", "简介，主要职责，所获成绩，", "词条图册 更多图册", "相关词条", "槐溪县 槐溪电视台 县级融媒体中心"].contains($0) })
        #expect(counters["dropped.contents"] == 1)
    }

    @Test func aContentsLineIsDroppedOnlyWhenItsItemsHeadTheText() {
        let lines = ["简介，主要职责，所获成绩，", "简介", "中心内设办公室等9个部门。", "主要职责", "负责全县新闻宣传。", "所获成绩", "先后获省新闻奖。"]
        #expect(SectionHeadings.isContentsLine(lines, 0))
        // Words between commas that no line heads with: the text's (a list cut at a line's end).
        #expect(!SectionHeadings.isContentsLine(["县委，县政府，", "县委书记讲话。", "县政府"], 0))
        #expect(!SectionHeadings.isContentsLine(["简介", "简介，主要职责", "主要职责"], 1))
    }

    @Test func aRepostsAccountLineAnAppsCreditAndAPhotographersCreditMoveToTheByline() {
        #expect(Support.ruleKind("原创 涞清发布 涞清发布 2025-03-06 18:30", index: 3) == "byline")
        #expect(Support.ruleKind("原创歌曲《文明之花》2025-03-06首发。", index: 3) == nil)
        #expect(Support.ruleKind("溆阳+ 记者 邹雨晴", index: 3) == "byline")
        #expect(Support.ruleKind("本台记者深入一线，走访了12个村。", index: 3) == nil)
        #expect(Support.ruleKind("胡志刚 摄影报道", index: 25) == "byline" && Support.ruleKind("胡志刚 刘敏 摄", index: 25) == "byline")
        #expect(Support.ruleKind("图为志愿者在拍摄。", index: 25) == nil && Support.ruleKind("记者拍摄", index: 25) == nil)
        let (record, _) = clean(Self.body + ["胡志刚 摄影报道"])
        #expect(record.lines == Self.body && record.values(FieldKey.byline) == ["胡志刚 摄影报道"])
    }

    @Test func aNoticesAttachedFilesLinkIsDroppedItsClosingKept() {
        #expect(Support.ruleKind("附件：2025年第二次实地测评问题清单.xlsx", index: 25) == "download")
        #expect(Support.ruleKind("二、督查结果排名.docx", index: 25) == nil)
        #expect(Support.ruleKind("附件：2025年第二次实地测评问题清单", index: 25) == nil)
        let notice = ["关于二季度创建测评情况的通报", "各乡镇人民政府，县直各单位：", "现将二季度测评情况通报如下。",
                      "各单位要对照问题清单逐项整改，于6月20日前将整改情况报县创建办。", "附件：2025年第二次实地测评问题清单.xlsx", "沅桥县创建办", "2025年6月3日"]
        let (record, counters) = clean(notice)
        #expect(record.lines == notice.filter { !$0.hasSuffix(".xlsx") })
        #expect(counters["dropped.download"] == 1)
        // The enclosure named without a file is the notice's own line.
        var named = notice
        named[4] = "附件：2025年第二次实地测评问题清单"
        #expect(clean(named).0.lines == named)
    }
}
