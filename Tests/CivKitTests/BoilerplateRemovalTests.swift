import Testing
@testable import CivKit

/// Issue 17's boilerplate forms of the tuning sets' misses (rows of `boilerplate.tsv`, spam words,
/// and `BoilerplateRemoval`'s dated items, listing items' titles and account slogans), each with
/// near-miss lines of an article that must stay. The lines are written here, in the pages' forms.
@Suite struct BoilerplateRemovalTests {
    func kind(_ line: String, index: Int = 28) -> String? { Support.ruleKind(line, index: index) }

    @Test func countsWithSeveralLabelsOnOneLine() {
        #expect(kind("阅读 2356　点赞 18") == "counter")
        #expect(kind("浏览 1.2万 评论 3 分享 5", index: 3) == "counter")
        #expect(kind("阅读 815 在看 12") == "counter")
        // A count that a sentence goes on with is the text's.
        #expect(kind("阅读 2356 篇文章后他写下了心得") != "counter")
        #expect(kind("阅读 30 分钟，评论 2 篇") != "counter")
    }

    @Test func aReportLinkAloneGoesAnywhere() {
        #expect(kind("举报", index: 2) == "widget")
        #expect(kind("我要举报") == "widget")
        #expect(kind("举报电话：12345", index: 2) != "widget")
        #expect(kind("举报有奖", index: 2) != "widget")
    }

    @Test func aBlogsProfileCardHoldsCountsAndDates() {
        #expect(kind("博客访问：18234", index: 3) == "profile")
        #expect(kind("博文数量：57", index: 4) == "profile")
        #expect(kind("注册时间：2015-04-02 10:11", index: 5) == "profile")
        #expect(kind("最后登录：2023/11/02", index: 5) == "profile")
        // A conference notice's registration dates, a count inside a sentence: the text's.
        #expect(kind("注册时间：5月1日至10日", index: 5) == nil)
        #expect(kind("博客访问：每天上午九时开放", index: 5) == nil)
        #expect(kind("博文数量：57篇，其中原创32篇。", index: 5) == nil)
    }

    @Test func aCommentBoxPromptGoesUnderThePost() {
        #expect(kind("给主人留下些什么吧！~~") == "comments")
        #expect(kind("说点什么吧") == "comments")
        #expect(kind("写下你的评论吧…") == "comments")
        #expect(kind("老人笑着说：“说点什么吧，大家都在等你。”") != "comments")
        #expect(kind("给作者留言吧的活动收到来信300余封。") != "comments")
    }

    @Test func anArchiversTrailWithArrows() {
        #expect(kind("某某信息港 -> 某某新闻 -> 关于拟表彰文明家庭的公示 [打印本页]", index: 1) == "breadcrumb")
        #expect(kind("登录 -> 注册 -> 回复主题 -> 发表主题", index: 1) == "breadcrumb")
        // One arrow between two words, an arrow in a sentence.
        #expect(kind("输入 -> 输出", index: 1) == nil)
        #expect(kind("流程为申请 -> 审核 -> 发证，全程网办。", index: 1) == nil)
    }

    @Test func aCommentsBylineHasADayAndATime() {
        #expect(kind("游客 2023-11-3 08:12") == "comment-byline")
        #expect(kind("山间清风 2024-05-20 18:32:07") == "comment-byline")
        // A credit with a day and a time is the text's byline; a sentence with one is the text.
        #expect(kind("编辑 2023-11-3 08:12") != "comment-byline")
        #expect(kind("责任编辑 2023-11-3 08:12") != "comment-byline")
        #expect(kind("会议于 2023-11-3 08:12 召开") != "comment-byline")
        #expect(kind("2023-11-3 08:12") != "comment-byline")
    }

    @Test func aSitesBannerWithItsSloganAfterAHyphen() {
        #expect(kind("某某资讯网 - 关注本地民生 服务百姓生活", index: 0) == "banner")
        #expect(kind("湘中资讯网 - 湖南本地新闻门户", index: 0) == "banner")
        // A dateline of a news site's report is a sentence.
        #expect(kind("某某网 - 记者从会上获悉，全市已完成改造。", index: 0) != "banner")
        #expect(kind("某某网 - 关注本地民生 服务百姓生活", index: 5) != "banner")
    }

    @Test func aPortalsGreeting() {
        #expect(kind("大岭乡人民政府欢迎您！　今天是：2024年3月12日 星期二", index: 1) == "welcome")
        #expect(kind("某某县政府网站欢迎您", index: 1) == "welcome")
        // A text's title or a quote with a greeting stays.
        #expect(kind("美丽乡村欢迎您", index: 1) != "welcome")
        #expect(kind("“家乡欢迎您！”他说。", index: 1) != "welcome")
        #expect(kind("各地游客到访，村民说欢迎您们常来。", index: 1) != "welcome")
    }

    @Test func aRepostingSitesDisclaimer() {
        #expect(kind("声明：本站部分内容来源于网络，仅供参考，如有侵权请联系删除。") == "notice")
        #expect(kind("图片来源网络，如有侵权，请与本站联系") == "notice")
        #expect(kind("文章来源于网络，如有侵权请联系删除。") == "notice")
        // A contest's rule names its organiser, not the site.
        #expect(kind("参赛作品须为原创，如有侵权请联系组委会。") == nil)
        #expect(kind("作品须为原创，如有侵权由作者承担责任。") == nil)
    }

    @Test func lotteryGamesAreSpamWords() {
        let spam = SpamLines.standard
        #expect(spam.isSpam("时时彩计划 大发快三 幸运飞艇 网页版登录入口"))
        #expect(spam.isSpam("极速赛车开奖直播 11选5 快乐十分 PK10"))
        #expect(!spam.isSpam("我国自主研制的大型飞艇完成首飞"))
        #expect(!spam.isSpam("市民购买快三等彩票应理性，警方提醒防范网络赌博，切勿轻信“稳赚”"))
    }

    @Test func aRelatedListsDatedItemMayAsk() {
        #expect(BoilerplateRemoval.isDatedItem("泉溪县老旧小区改造名单公布　03-19"))
        #expect(BoilerplateRemoval.isDatedItem("城区停车新规怎么办？附流程 12-02"))
        #expect(!BoilerplateRemoval.isDatedItem("会议定于03-19"))
        #expect(!BoilerplateRemoval.isDatedItem("改造名单公布 2024"))
        #expect(BoilerplateRemoval.isLinkText("社保卡怎么激活？附详细步骤　03-12", question: true))
        #expect(!BoilerplateRemoval.isLinkText("社保卡怎么激活？附详细步骤", question: true))
        #expect(!BoilerplateRemoval.isLinkText("社保卡怎么激活？附详细步骤　03-12"))
    }

    @Test func anAccountsSloganGoesWithItsNameUnderThePost() {
        func slogan(_ line: String) -> Bool { BodyEdges.withBytes(line, BoilerplateRemoval.isSlogan) }
        #expect(slogan("城市管理让城市更美好"))
        #expect(!slogan("城管"))
        #expect(!slogan("城市管理，让城市更美好"))
        #expect(!slogan("一二三四五六七八九十一二三四五六七"))
        let body = ["某某区开展市容整治行动", "连日来，区城管局组织执法人员对主干道开展整治。", "下一步，该局将建立长效机制，巩固整治成果。"]
        let notice = "声明：本文来自于微信公众号城建之声，作者：区城管局，授权某某网转载发布。"
        let (record, counters) = Support.removeBoilerplate(body + ["城建之声", "建设美丽城市共享幸福生活", notice])
        #expect(record.lines == body && counters["dropped.link-like"] == 2)
        // Without a name above it, the line stays: it may be the text's.
        let (alone, _) = Support.removeBoilerplate(body + ["建设美丽城市共享幸福生活", notice])
        #expect(alone.lines == body + ["建设美丽城市共享幸福生活"])
    }

    @Test func aListingItemBelowTheBodyTakesItsTitle() {
        let body = ["某某县召开文明创建推进会", "会议要求，全县上下要攻坚克难，补齐短板。", "会议还部署了下一阶段的重点工作。"]
        let item = "12日，某某市第三届农民丰收节在龙泉湖广场开幕，现场展销本地农产品200余种。社会"
        let (record, counters) = Support.removeBoilerplate(body + ["蕖城举办第三届农民丰收节", item])
        #expect(record.lines == body)
        #expect(counters["dropped.related"] == 2)
        // A dated line above the item is no item's title.
        let dated = "2024年9月12日 蕖城举办丰收节"
        let (kept, _) = Support.removeBoilerplate(body + [dated, item])
        #expect(kept.lines.contains(dated))
    }
}
