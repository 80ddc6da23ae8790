import Foundation
import Testing
@testable import CivKit

/// The forms of the sixth held-out set (`testdata/pages/heldout6/`: people's congress, discipline and
/// trading portals, WeChat posts and their mirrors, a news client's comments, document and
/// encyclopedia mirrors): each rule takes its chrome, and a line of the text of a like shape stays.
@Suite struct HeldOut6ChromeTests {
    func clean(_ lines: [String]) -> (Record, Counters) { Support.removeBoilerplate(lines) }

    static let body = ["市政协召开创建工作推进会", "6月12日，市政协召开创建全国文明城市工作推进会。", "会议要求，各委员要深入一线、建言献策。"]

    @Test func aNoticesEnumeratedHeadingsAndTableAreItsText() {
        // A tender notice whose items have no sentence mark: the first sentence lies low, so the
        // head zone's headings and the table's header row stand above it; the contact section's
        // heading stands below the last sentence.
        let lines = ["某某市公共资源交易中心", "首页 | 交易信息 | 政策法规 | 办事指南 | 下载中心", "某某路提质改造工程中标候选人公示",
                     "一、项目名称：某某路提质改造工程", "二、项目编号：JS-2024-0917", "三、开标时间：2024年10月21日9时30分", "四、评标结果",
                     "排序 | 投标人名称 | 投标报价（元） | 工期（日历天） | 项目负责人",
                     "第一中标候选人 | 某某市政建设有限公司 | 8,426,315.62 | 150 | 张建军",
                     "第二中标候选人 | 某某城建工程有限责任公司 | 8,517,902.40 | 150 | 李志华",
                     "五、公示期：2024年10月23日至2024年10月25日", "投标人对评标结果有异议的，应当在公示期内以书面形式向招标人提出。", "六、联系方式",
                     "招标人：某某市住房和城乡建设局", "联系人：黄先生 电话：0739-5128806", "2024年10月22日", "版权所有：某某市公共资源交易中心",
                     "技术支持：某某软件有限公司"]
        let (record, _) = clean(lines)
        for line in lines[3 ... 15] { #expect(record.lines.contains(line), "\(line)") }
        #expect(!record.lines.contains(lines[1]))
        #expect(LinkLines.isTableRow(lines, 7) && LinkLines.isTableRow(lines, 8))
        // A menu bar has no neighbour of as many cells with a number in one.
        #expect(!LinkLines.isTableRow(lines, 1))
        #expect(!LinkLines.isTableRow(["首页 | 人大要闻 | 常委会工作", "网站地图 | 联系我们 | 使用帮助"], 0))
        #expect(LinkLines.isTableRow(["序号 | 姓名 | 得分", "1 | 张三 | 85.5"], 0))
    }

    @Test func keywordsAndAnEntrysNameAreMetadata() {
        let keywords = Self.body + ["编辑：何青", "关键词：文明城市 创建 调研 背街小巷", "更多"]
        #expect(clean(keywords).0.lines == Self.body + ["关键词：文明城市 创建 调研 背街小巷"])
        // A site's tags are no article's keywords.
        #expect(Support.ruleKind("热门标签：文明城市 复审 测评体系", index: 28) == "tags")
        let entry = ["百科全书网 - 内容开放的中文百科", "首页 | 分类 | 随便看 | 最近更新", "鹤汀乡", "词条 | 鹤汀乡", "释义 |",
                     "鹤汀乡，隶属于湖南省某某县，位于县境西南部，乡人民政府驻鹤汀村。", "1956年设鹤汀乡，1984年复设鹤汀乡。"]
        let kept = clean(entry).0.lines
        #expect(kept.contains("鹤汀乡") && kept.contains("词条 | 鹤汀乡") && !kept.contains("释义 |"))
        #expect(BoilerplateRemoval.namesFirstSentence("鹤汀乡", "鹤汀乡，隶属于某某县。"))
        #expect(!BoilerplateRemoval.namesFirstSentence("鹤汀", "鹤汀乡，隶属于某某县。"))
        #expect(!BoilerplateRemoval.namesFirstSentence("首页 | 分类 | 鹤汀乡", "鹤汀乡，隶属于某某县。"))
    }

    @Test func portalHeadsCalendarsAndReportChannelsAreDropped() {
        #expect(Support.ruleKind("今天是：2024年11月6日 星期三 请输入关键字 搜索", index: 3) == "calendar")
        #expect(Support.ruleKind("今天是2024年11月6日，请输入关键字查询办件进度。", index: 3) == nil)
        #expect(Support.ruleKind("某某市人民代表大会常务委员会主办", index: 1) == "contact")
        #expect(Support.ruleKind("本次活动由市文明办主办", index: 1) == nil)
        #expect(Support.ruleKind("举报网址：www.12388.gov.cn 举报电话：0745-12388", index: 2) == "notice")
        #expect(Support.ruleKind("举报电话：12388，欢迎群众监督。", index: 2) == nil)
        #expect(Support.ruleKind("释义 |", index: 4) == "label" && Support.ruleKind("释义", index: 4) == nil)
    }

    @Test func weChatAndClientChromeIsDropped() {
        #expect(Support.ruleKind("预览时标签不可点", index: 20) == "widget")
        #expect(Support.ruleKind("继续滑动看下一个", index: 20) == "widget" && Support.ruleKind("向上滑动看下一个", index: 20) == "widget")
        #expect(Support.ruleKind("生成图片，分享到微信朋友圈", index: 28) == "widget")
        #expect(Support.ruleKind("他把照片分享到朋友圈，引来不少点赞。", index: 28) == nil)
        #expect(Support.ruleKind("【信息时间：2024-10-22 16:40:11 阅读次数：318】【我要打印】【关闭】", index: 5) == "byline")
        #expect(Support.ruleKind("【信息时间】本市今年新增停车位1200个", index: 5) == nil)
        #expect(Support.ruleKind("【免责声明】本文来自某某新闻客户端，仅代表作者观点。某某平台提供信息发布传播服务。", index: 28) == "notice")
        #expect(Support.ruleKind("本文观点仅代表他个人，引发热议。", index: 28) == nil)
        #expect(Support.ruleKind("举报", index: 28) == "widget" && Support.ruleKind("举报电话已开通", index: 28) == nil)
        #expect(Support.ruleKind("某某网友 湖南沅坪 赞 28", index: 28) == "comment-byline")
        #expect(Support.ruleKind("活动当天 志愿者们 点赞 28人", index: 28) == nil)
        #expect(Support.ruleKind("打开某某新闻 查看更多评论", index: 28) == "comments" && Support.ruleKind("查看全部评论", index: 28) == "comments")
        #expect(Support.ruleKind("某某新闻·某某传媒出品", index: 28) == "contact")
        #expect(Support.ruleKind("这部纪录片由县融媒体中心出品", index: 28) == nil)
        // A client's comments under the text go with their byline.
        let lines = Self.body + ["【免责声明】本文来自某某新闻客户端，仅代表作者观点。", "举报", "热门评论", "某某网友 湖南沅坪 赞 28", "终于不用蹚水回家了，点赞！",
                                 "柳叶飞 湖南长沙 赞 6", "我们小区后面那条巷子什么时候改？", "打开某某新闻 查看更多评论", "某某新闻·某某传媒出品"]
        #expect(clean(lines).0.lines == Self.body)
    }

    @Test func documentAndEncyclopediaMirrorsChromeIsDropped() {
        #expect(Support.ruleKind("加入VIP免费专享", index: 10) == "docsite")
        #expect(Support.ruleKind("温馨提示：用户名和密码都是您填写的邮箱或者手机号，方便查询和重复下载（系统自动生成）", index: 11) == "docsite")
        #expect(Support.ruleKind("温馨提示：近期天气炎热，请市民注意防暑降温。", index: 11) == nil)
        // Its login and payment form, a field a line.
        for field in ["账号：", "密码：", "验证码：换一换", "邮箱/手机：", "支付方式：支付宝 微信支付", "忘记密码？"] {
            #expect(Support.ruleKind(field, index: 16) == "docsite", "\(field)")
        }
        #expect(Support.ruleKind("密码：每月更换一次", index: 16) == nil && Support.ruleKind("支付方式：按季度拨付", index: 16) == nil)
        #expect(Support.ruleKind("随便看", index: 28) == "related")
        #expect(Support.ruleKind("百科全书收录4421916条中文百科知识，基本涵盖了大多数领域的百科知识。", index: 28) == "notice")
        #expect(Support.ruleKind("我市今年共收录120条群众意见建议。", index: 28) == nil)
        // A related list's headline may end in `！`.
        #expect(BoilerplateRemoval.isLinkText("暑期防溺水，这些知识请收好！", question: true))
        #expect(!BoilerplateRemoval.isLinkText("请收好！这些知识很重要", question: true))
        let lines = Self.body + ["往期推荐", "某某县启动城区道路“白改黑”工程", "暑期防溺水，这些知识请收好！"]
        #expect(clean(lines).0.lines == Self.body)
    }
}

extension HeldOut6ChromeTests {
    @Test func aNoticesTitleAboveItsButtonsStaysWhenItsItemsComeFirst() {
        // The first sentence lies low (`五、…` is taken for the title): the notice's title above its
        // print bar is no header line, since enumerated items of the text stand between.
        let lines = ["某某市公共资源交易中心", "首页 | 交易信息 | 政策法规 | 办事指南 | 下载中心", "某某路提质改造工程中标候选人公示",
                     "【信息时间：2024-10-22 16:40:11 阅读次数：318】【我要打印】【关闭】",
                     "一、项目名称：某某路提质改造工程", "二、项目编号：JS-2024-0917", "三、开标时间：2024年10月21日9时30分",
                     "四、公示期：2024年10月23日至2024年10月25日", "投标人对评标结果有异议的，应当在公示期内以书面形式向招标人提出。"]
        let (record, counters) = clean(lines)
        #expect(record.lines == [lines[2]] + Array(lines[4...]))
        #expect(counters["dropped.header"] == 1)
        #expect(record.values(FieldKey.byline).contains { $0.contains("信息时间") })
    }
}

extension HeldOut6ChromeTests {
    @Test func anAgendaWithoutSentencesUnderATrailIsAPage() {
        // No line of prose: the trail a row takes says it is a page, whose menu is a site's.
        let lines = ["某某人大网", "首页 | 人大要闻 | 常委会工作 | 代表工作 | 立法工作", "当前位置：首页 > 常委会工作 > 会议文件", "某某市人大常委会第二十三次会议议程",
                     "一、审议《某某市养犬管理条例（草案）》", "二、听取和审议市人民政府关于农村人居环境整治工作情况的报告", "三、其他事项"]
        let (record, counters) = clean(lines)
        #expect(record.lines == Array(lines[3...]) || record.lines == [lines[0]] + Array(lines[3...]))
        #expect(counters["dropped.menu"] == 1)
        // Without the trail, a list without prose keeps its lines.
        let list = [lines[1]] + Array(lines[3...])
        #expect(clean(list).0.lines == list)
    }
}

extension HeldOut6ChromeTests {
    @Test func aDocumentSitesFileNameAboveTheTextUnderItsFormIsTheTitle() {
        // The form's lines the rows take stand right above the file name: it titles the text below
        // it, no attachment; under the text, a listed file is one.
        let form = ["资源ID:5512034 资源大小：1.2MB 全文页数：8页", "快捷下载 游客一键下载", "邮箱/手机：", "支付方式：支付宝 微信支付", "验证码：换一换",
                    "加入VIP免费专享", "账号：", "密码：", "忘记密码？"]
        let text = ["某街道2024年文明城市创建工作总结.doc", "今年以来，街道坚持把创建全国文明城市作为头号工程，扎实推进各项工作。",
                    "一是环境整治持续深化，共清理卫生死角120处。", "二是志愿服务广泛开展，组织志愿活动86场次。"]
        let welcome = ["欢迎来到某某文库！| 帮助中心 上传文档赚收益"]
        let (record, counters) = clean(welcome + form + text + ["相关文档", "社区文明创建工作方案.docx"])
        #expect(record.lines == text)
        #expect(counters["dropped.attachment"] == 0)
    }
}
