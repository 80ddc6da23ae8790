import Foundation
import Testing
@testable import CivKit

/// The forms of the fifth held-out set (`testdata/pages/heldout5/`: people's congress and
/// statistics portals, tender notices, county apps, news-client accounts, Q&A, document and radio
/// sites): each rule takes its chrome, and a line of the text of a like shape stays.
@Suite struct PortalChromeTests {
    func clean(_ lines: [String]) -> (Record, Counters) { Support.removeBoilerplate(lines) }

    static let body = ["市政协召开创建工作推进会", "6月12日，市政协召开创建全国文明城市工作推进会。", "会议要求，各委员要深入一线、建言献策。"]

    @Test func anEnumeratedHeadingUnderTheTextIsTheText() {
        // An agenda whose items have no sentence mark: its last item, in the tail zone below the
        // last sentence, is no link.
        let lines = ["您好，欢迎访问青川市人大网！今天是：2024年3月5日 星期二", "青川市人大常委会第九次会议议程", "一、审议有关条例草案",
                     "二、听取市政府工作情况的报告", "三、其他事项", "【打印本页】【关闭窗口】", "网站地图 | 联系我们 | 使用帮助"]
        let (record, counters) = clean(lines)
        #expect(record.lines == Array(lines[1 ... 4]))
        #expect(counters["dropped.link-like"] == 0)
        #expect(BodyEdges.withBytes("六、其他事项", SectionHeadings.isEnumerated))
        #expect(BodyEdges.withBytes("（十二）强化组织领导", SectionHeadings.isEnumerated))
        #expect(!BodyEdges.withBytes("一是部分群众参与度不高", SectionHeadings.isEnumerated))
        #expect(!BodyEdges.withBytes("十分重要", SectionHeadings.isEnumerated))
        // A short link under a footer's line (not under the text) still goes.
        let footer = Self.body + ["网站地图 | 联系我们 | 使用帮助", "二、往期回顾"]
        #expect(clean(footer).0.lines == Self.body)
    }

    @Test func aTenderNoticesContactsAreItsBodyTheFootersAreNot() {
        let lines = ["某某县道路标识更新项目询价公告", "潜在供应商应在交易网获取采购文件，并于2024年6月3日前提交响应文件。", "一、项目基本情况",
                     "预算金额：32万元", "二、对本次采购提出询问，请按以下方式联系", "1.采购人信息", "名称：某某县城市管理局",
                     "联系人：李先生 联系电话：0735-8123456", "2.采购代理机构信息", "名称：某某招标代理有限公司",
                     "联系人：王女士 联系电话：0735-8654321", "附件：", "主办单位：某某县公共资源交易中心 电话：0735-8000000"]
        let (record, counters) = clean(lines)
        #expect(record.lines == Array(lines[0 ... 10]))
        #expect(counters["dropped.contact"] == 1)
        #expect((5 ... 10).allSatisfy { NoticeClosing.isInContactSection(lines, $0) })
        #expect(!NoticeClosing.isInContactSection(lines, 12))
        // Without the notice's section heading, the same lines are a footer's.
        let footer = Self.body + ["联系人：李先生 联系电话：0735-8123456"]
        #expect(clean(footer).0.lines == Self.body)
        #expect(!NoticeClosing.isInContactSection(footer, 3))
    }

    @Test func greetingsSearchBoxesCountersAndLabelsAtTheHeadAreDropped() {
        #expect(Support.ruleKind("您好，欢迎访问某某市政协网！今天是：2024年5月8日 星期三", index: 0) == "welcome")
        #expect(Support.ruleKind("欢迎访问某某县人民政府网！", index: 0) == "welcome")
        #expect(Support.ruleKind("今天是：欢迎访问某某市人大常委会网站！", index: 0) == "welcome")
        #expect(Support.ruleKind("您好，欢迎访问本网站，请先登录后再留言。", index: 0) == nil)
        #expect(Support.ruleKind("请输入关键字 搜索", index: 2) == "search" && Support.ruleKind("输入关键词检索", index: 2) == "search")
        #expect(Support.ruleKind("请输入关键字查询办件进度，有问题可拨打热线。", index: 2) == nil)
        #expect(Support.ruleKind("30672158", index: 5) == "counter" && Support.ruleKind("2024年", index: 5) == nil)
        #expect(Support.ruleKind("【字体：", index: 5) == "fontsize" && Support.ruleKind("字号：", index: 5) == "fontsize")
        #expect(Support.ruleKind("选择字号：", index: 5) == "fontsize")
        #expect(Support.ruleKind("字号：大 中 小", index: 5) == "fontsize" && Support.ruleKind("字体：宋体，字号：四号。", index: 5) == nil)
        #expect(Support.ruleKind("选择区域：>>", index: 3) == "navigation" && Support.ruleKind("切换城市：", index: 3) == "navigation")
        #expect(Support.ruleKind("选择区域：城区和三个乡镇先行试点", index: 3) == nil)
        #expect(Support.ruleKind("收听音频", index: 6) == "player" && Support.ruleKind("收听音频节目的市民越来越多。", index: 6) == nil)
        #expect(Support.ruleKind("乡村振兴这么干 | 第十三期", index: 0) == "banner")
        #expect(Support.ruleKind("第十三期乡村振兴培训班在县委党校开班", index: 0) == nil)
    }

    @Test func appVideoAndAccountChromeIsDropped() {
        // (`打开APP…` is also an app prompt by the navigation row that comes first.)
        #expect(Support.ruleKind("打开APP 阅读体验更佳", index: 1) == "navigation" && Support.ruleKind("打开某某新闻，阅读体验更佳", index: 1) == "promotion")
        #expect(Support.ruleKind("改版后的客户端阅读体验更佳，用户数增长了三成。", index: 1) == nil)
        #expect(Support.ruleKind("视频时长 02:15", index: 4) == "counter" && Support.ruleKind("00:00 / 02:36", index: 4) == "counter")
        #expect(Support.ruleKind("播放 1.3万", index: 4) == "counter" && Support.ruleKind("阅读 2816", index: 25) == "counter")
        #expect(Support.ruleKind("时长 02:15 的短片记录了志愿者的一天", index: 4) == nil)
        #expect(Support.ruleKind("查看原图", index: 8) == "widget" && Support.ruleKind("点击查看大图", index: 8) == "widget")
        #expect(Support.ruleKind("查看原图片中的细节后，专家作出判断。", index: 8) == nil)
        #expect(Support.ruleKind("本文为某某号作者或机构在某某新闻上传并发布，仅代表该作者或机构观点，不代表某某新闻的观点或立场。", index: 25) == "notice")
        #expect(Support.ruleKind("声明：本文由入驻某某资讯的作者撰写，观点仅代表作者本人，不代表某某资讯立场。", index: 25) == "notice")
        #expect(Support.ruleKind("本文所引数据仅代表调查时的情况。", index: 25) == nil)
        #expect(Support.ruleKind("某某号·政务 >", index: 26) == "account" && Support.ruleKind("某某市公安局官方微信号", index: 27) == "account")
        #expect(Support.ruleKind("市公安局官方微信号发布了一则提醒", index: 27) == nil)
    }

    @Test func questionAnswerDocumentAndStationListsAreDropped() {
        #expect(Support.ruleKind("我来回答", index: 5) == "qa" && Support.ruleKind("已赞过 已踩过 你对这个回答的评价是？评论 收起", index: 20) == "qa")
        #expect(Support.ruleKind("我来回答大家关心的三个问题。", index: 5) == nil)
        #expect(Support.ruleKind("热门标签：文明城市 | 测评体系 | 创文", index: 25) == "tags")
        #expect(Support.ruleKind("标签：文明养犬 志愿服务", index: 25) == nil)
        #expect(Support.ruleKind("本文标签：文明城市 测评", index: 25) == "tags")
        #expect(Support.ruleKind("加入VIP，免费下载", index: 12) == "download" && Support.ruleKind("点击查看更多>>", index: 26) == "docsite")
        #expect(Support.ruleKind("本站数据来源于各地统计部门公开发布的统计公报，如有错漏请联系我们更正。", index: 26) == "notice")
        #expect(Support.ruleKind("某某乡人民政府 主办 某某乡党政办 维护 今日访问：37 总访问：58216", index: 27) == "contact")
        // A related question list under its heading: the questions end in `？`.
        let qa = ["文明城市测评看哪些方面？", "测评分为实地考察、问卷调查和材料审核三部分。", "相关问题", "文明城市测评是暗访还是明察？",
                  "全国文明城市多少年复查一次？"]
        let (record, counters) = clean(qa)
        #expect(record.lines == Array(qa[0 ... 1]))
        #expect(counters["dropped.related"] == 3)
        #expect(!BoilerplateRemoval.isLinkText("你知道吗？测评组明天到", question: true))
        // A station's programmes and schedule under their headings.
        let radio = Self.body + ["热门点播", "《某某新闻》2024-07-03", "《百姓热线》第128期", "节目预告", "19:00 转播中央台新闻联播"]
        #expect(clean(radio).0.lines == Self.body)
        // A document site's related files under their heading; a file named in the text stays.
        let files = Self.body + ["相关资源", "街道创建工作汇报材料.docx", "2023年创文工作总结.doc"]
        #expect(clean(files).0.lines == Self.body)
        // Under a taken line, a file's name is a listing's even above the site's own sentence.
        let listing = Self.body + ["下载资源", "街道创建工作汇报材料.docx", "本站为文档分享平台，文档由用户上传，收益归作者所有。"]
        let (listed, listedCounters) = clean(listing)
        #expect(!listed.lines.contains(listing[4]))
        #expect(listedCounters["dropped.attachment"] == 1)
    }

    @Test func searchEngineLinesAndLinkBarsAreDropped() {
        #expect(BodyEdges.withBytes("文明城市测评体系2024_文明城市测评指标_创文测评标准_知道吧", SeoLines.isSeoLine))
        #expect(!BodyEdges.withBytes("设置 LC_ALL_FOO 变量", SeoLines.isSeoLine))
        #expect(!BodyEdges.withBytes("文明_城市", SeoLines.isSeoLine))
        #expect(BodyEdges.withBytes("梓川县统计局，梓川统计信息网，梓川县统计年鉴，梓川县统计公报，梓川县GDP", SeoLines.isSeoLine))
        #expect(!BodyEdges.withBytes("春眠不觉晓，处处闻啼鸟，夜来风雨声，花落知多少，春来江水绿", SeoLines.isSeoLine))
        #expect(BodyEdges.withBytes("知道吧 - 有问题，就上知道吧", SeoLines.isTaglineTitle))
        #expect(!BodyEdges.withBytes("会议 - 市委召开全会，部署明年工作。", SeoLines.isTaglineTitle))
        #expect(LinkLines.isMenu("纪检监察机关举报须知 | 12388举报网站 | 中央纪委国家监委网站 | 湖南省纪委监委网站"))
        #expect(!LinkLines.isMenu("对标创建标准聚力攻坚 | 全面提升城市建设管理 | 服务水平再上新台阶 | 群众满意"))
        let lines = ["梓川县统计局，梓川统计信息网，梓川县统计年鉴，梓川县统计公报，梓川县GDP"] + Self.body
        let (record, counters) = clean(lines)
        #expect(record.lines == Self.body)
        #expect(counters["dropped.seo"] == 1)
    }
}
