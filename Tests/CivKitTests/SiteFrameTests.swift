import Foundation
import Testing
@testable import CivKit

/// The frames that question-and-answer, document, download, forum and template sites put
/// around a copied text (issue 17, forms of the second held-out set): each rule takes its lines,
/// and never a sentence of the text.
@Suite struct SiteFrameTests {
    func clean(_ lines: [String]) -> (Record, Counters) {
        Support.removeBoilerplate(lines)
    }

    @Test func aQuestionFrameGoesWithTheQuestionButNotTheAnswer() {
        let lines = ["如何做好垃圾分类", "问题描述：", "小区刚开始分类，想问问大家怎么分，谢谢！", "最佳答案",
                     "垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。", "居民可按社区张贴的指引投放。"]
        let (record, counters) = clean(lines)
        #expect(record.lines == [lines[0], lines[4], lines[5]])
        #expect(counters["dropped.qa"] == 3)
        // A question label with no answer's label below it takes only itself.
        let (alone, _) = clean(["标题", "问题描述：", "社区开展了垃圾分类宣传活动。", "居民纷纷参与。"])
        #expect(alone.lines == ["标题", "社区开展了垃圾分类宣传活动。", "居民纷纷参与。"])
    }

    @Test func readerNotesUnderTheirLabelGoButANoticesOwnTipsStay() {
        let frame = ["某某文档.docx", "温馨提示：", "游客下载时，用户名和密码是您填写的手机号，方便重复下载。", "友情提示",
                     "2、本站不支持迅雷下载，请使用浏览器自带的下载工具。", "某某文档.docx",
                     "街道组织志愿者清理了楼道杂物。", "居民纷纷点赞。"]
        let (record, counters) = clean(frame)
        // (The name above the notes is a header line above the title, below it.)
        #expect(record.lines == ["某某文档.docx", "街道组织志愿者清理了楼道杂物。", "居民纷纷点赞。"])
        #expect(counters["dropped.tips"] == 4)
        // A notice's tips to citizens are its text: no site talk, so only the label goes.
        let notice = ["关于春节期间燃放烟花爆竹的通告", "春节将至，为保障市民安全，现通告如下。", "温馨提示：",
                      "燃放烟花爆竹请远离人群和易燃物，注意安全。", "本通告自发布之日起施行。"]
        let (kept, _) = clean(notice)
        #expect(kept.lines.contains("燃放烟花爆竹请远离人群和易燃物，注意安全。"))
    }

    @Test func imageFileNamesAreDroppedWhereverTheyStand() {
        for line in ["??21.jpg", "IMG_2035.JPG", "微信图片_20230912.png", "a.gif"] {
            #expect(BodyEdges.withBytes(line, BoilerplateRemoval.isImageFileName), "\(line)")
        }
        for line in ["jpg", "见附件 图1.jpg", "照片已上传。.jpg", "参见 www.example.com/help", "格式为png"] {
            #expect(!BodyEdges.withBytes(line, BoilerplateRemoval.isImageFileName), "\(line)")
        }
        let lines = ["标题", "2023-09-12 16:05:33", "??21.jpg", "县领导为志愿服务队授旗。", "??22.jpg", "授旗仪式现场。"]
        let (record, counters) = clean(lines)
        #expect(record.lines == ["标题", "县领导为志愿服务队授旗。", "授旗仪式现场。"])
        #expect(counters["dropped.image"] == 2)
    }

    @Test func theTitleAgainInBracketsBelowItIsDropped() {
        let lines = ["创建文明城市作文300字", "2025-02-11 08:20 编辑：小蓝", "【创建文明城市作文300字】", "我们的城市正在创建全国文明城市。"]
        let (record, counters) = clean(lines)
        #expect(record.lines == ["创建文明城市作文300字", "我们的城市正在创建全国文明城市。"])
        #expect(counters[BoilerplateRemoval.repeatedTitleCounter] == 1)
        // Another bracketed line is the text's own.
        let (other, _) = clean(["标题", "【记者手记】", "我们的城市正在创建全国文明城市。"])
        #expect(other.lines == ["标题", "【记者手记】", "我们的城市正在创建全国文明城市。"])
    }

    @Test func listingsUnderTheArticleGoWithTheirItems() {
        let lines = ["标题", "街道组织志愿者清理了楼道杂物。", "居民纷纷点赞。", "热门作文", "我身边的文明故事作文", "文明伴我行作文400字",
                     "推荐阅读", "1、市城管执法局开展夜市专项整治", "2、杏林社区：共建共享美丽家园"]
        let (record, counters) = clean(lines)
        #expect(record.lines == Array(lines[0...2]))
        #expect(counters["dropped.related"] == 6)
        // A byline under a list is a credit, not an item.
        #expect(!BoilerplateRemoval.isLinkText("编辑：田心怡"))
        #expect(!BoilerplateRemoval.isLinkText("相关链接："))
        #expect(BoilerplateRemoval.isLinkText("杏林社区：共建共享美丽家园"))
    }

    @Test func documentAndDownloadSitesFrames() {
        let lines = ["已阅读3页，还剩17页未读，继续免费阅读", "文档简介", "某街道文明创建方案", "• 资源ID:2406118 资源大小：28.60KB",
                     "快捷下载 游客一键下载", "为深入推进文明城市创建工作，制定本方案。", "到年底，辖区环境面貌明显改善。",
                     "配套讲稿：", "如PPT文件的首页显示word图标，表示该PPT已包含配套word讲稿。", "【作者单位】：", "关 键 词:"]
        let (record, _) = clean(lines)
        #expect(record.lines == ["某街道文明创建方案", "为深入推进文明城市创建工作，制定本方案。", "到年底，辖区环境面貌明显改善。"])
    }

    @Test func downloadButtonsAreShortLinesWithoutSentences() {
        for line in ["快捷下载 游客一键下载", "账号登录下载", "下载资源需要5金币", "立即下载", "复制 下载"] {
            #expect(BodyEdges.withBytes(line, BoilerplateRemoval.isDownloadButton), "\(line)")
        }
        for line in ["请到官网下载安装包。", "下载地址：http://example.com", "用户可以从镜像站点下载软件包并在本地安装然后再进行配置和升级"] {
            #expect(!BodyEdges.withBytes(line, BoilerplateRemoval.isDownloadButton), "\(line)")
        }
    }

    @Test func templateWishesAndForumFramesAreDropped() {
        let lines = ["标题", "只需一步，快速开始", "[复制链接]", "测评包括实地考察、问卷调查和材料审核。",
                     "以上就是测评包括哪些内容的内容啦，希望本文可以帮到你！",
                     "GMT+8, 2023-6-3 21:15 , Processed in 0.052351 second(s), 24 queries ."]
        let (record, _) = clean(lines)
        #expect(record.lines == ["标题", "测评包括实地考察、问卷调查和材料审核。"])
        // A speech's own closing words stay.
        let (speech, _) = clean(["标题", "今年我们完成了各项任务。", "以上是我的发言，希望大家多提宝贵意见。"])
        #expect(speech.lines.count == 3)
    }

    /// Speed: the frames' rules are tried on the lines of every page's head and tail, so each is
    /// ruled out by a fixed opening or a keyword before its regex runs.
    @Test func theFramesRulesHaveAPrefilter() {
        for rule in BoilerplateRules.standard.rules where ["qa", "tips", "label", "welcome", "forum", "docsite"].contains(rule.kind) {
            #expect(rule.prefixes != nil || rule.keyword != nil, "\(rule.pattern)")
        }
    }

    @Test func aContentSummaryThatRepeatsTheLeadIsDropped() {
        var record = Record(lines: ["标题", "内容提要：楼道亮了、车棚建了，居民们都竖起了大拇指。", "楼道亮了、车棚建了，居民们都竖起了大拇指。"])
        var counters = Counters()
        RepeatedSummaryRemoval().repair(&record, counters: &counters)
        #expect(record.lines == ["标题", "楼道亮了、车棚建了，居民们都竖起了大拇指。"])
        #expect(counters["dropped.summary"] == 1)
    }
}
