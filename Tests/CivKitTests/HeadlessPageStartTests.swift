import Testing
@testable import CivKit

/// Pages with no head (`HeadlessPageStart`): the title glued after the old page's sure end, the
/// text right below, no byline or breadcrumb to show a page began.
struct HeadlessPageStartTests {
    static let article = "东江市召开创建工作会议\n会议要求，全市上下要攻坚克难。\n"

    func start(_ line: String) -> String? {
        var line = line
        return line.withUTF8 { p in HeadlessPageStart.start(in: p).map { String(decoding: p[$0...], as: UTF8.self) } }
    }

    @Test func aFirstLineGluedAfterASureEndBeginsWhateverItsForm() {
        // A title with digits, a quoted title, an app's prompt with a comma, a spam banner.
        #expect(start("网站标识码：4307000042关于市政协十三届三次会议第0218号提案的答复") == "关于市政协十三届三次会议第0218号提案的答复")
        #expect(start("某某新闻 · 某某传媒出品“把村民的事当成自己的事”") == "“把村民的事当成自己的事”")
        #expect(start("技术支持：某某县融媒体中心技术部打开某某新闻，阅读体验更佳") == "打开某某新闻，阅读体验更佳")
        #expect(start("技术支持：某某县融媒体中心技术部时时彩计划 北京赛车pk10 幸运飞艇") == "时时彩计划 北京赛车pk10 幸运飞艇")
        #expect(start("湘ICP备13004417号-1某某县统计公报 2023") == "某某县统计公报 2023")
        // A footer's notice with commas before the sure end; the same after a sentence is no footer's.
        #expect(start("© 2024 某某吧 本站内容均由网友提供，仅供参考，如有侵权请联系删除某某广播电视台") == "某某广播电视台")
        #expect(start("本站内容均由网友提供。如有侵权请联系删除某某广播电视台") == nil)
        // Lines of like shape with no sure end, or a sentence after it: no start.
        #expect(start("湘ICP备13004417号关于市政协十三届三次会议提案的答复") == nil)
        #expect(start("联系电话：0736-4218866关于市政协十三届三次会议提案的答复") == nil)
        #expect(start("网站标识码：4307000042本网站由市人大常委会办公室主办。欢迎提出意见和建议。") == nil)
        #expect(start("网站标识码：4307000042网站") == nil)
    }

    /// A keyword line (short items between commas) is a page's first line; a sentence's clauses
    /// are not; a WeChat QR box's last words end a page.
    @Test func aKeywordLineAndAWeChatQRBoxEnd() {
        // (Cleaned lines: their commas full width.)
        #expect(start("下载某某APP · 某某县融媒体中心出品某某县统计局，某某统计信息网，某某县统计年鉴，某某县统计公报，某某县GDP，某某县人口")?.hasPrefix("某某县统计局") == true)
        #expect(start("下载某某APP · 某某县融媒体中心出品今年以来，全县统计工作围绕中心服务大局，扎实推进各项改革，取得明显成效") == nil)
        #expect(start("微信扫一扫 关注该公众号“把村民的事当成自己的事”") == "“把村民的事当成自己的事”")
        #expect(start("微信扫一扫 关注“某某发布”公众号村民的事") == nil)
    }

    /// A forum's Latin footer ends its page surely (`Gzip enabled`, `Comsenz Inc.`): a title glued
    /// after it begins the next; a Latin word that is no footer's end does not.
    @Test func aForumsLatinFooterIsASureEnd() {
        #expect(start("Time 0.021349 second(s),query:4 Gzip enabled南门片区老旧小区换新颜") == "南门片区老旧小区换新颜")
        #expect(start("Processed in 0.041 second(s), 5 queries, Gzip On南门片区老旧小区换新颜") == "南门片区老旧小区换新颜")
        #expect(start("© 2001-2017 Comsenz Inc.南门片区老旧小区换新颜") == "南门片区老旧小区换新颜")
        #expect(start("Powered by Discuz南门片区老旧小区换新颜") == nil)
    }

    /// A site engine's credit with its version (`Powered by Discuz! X3.5`) is the last line a
    /// forum's template prints: a name glued after it begins the next page. A version's digits
    /// after other words, or a credit too long for an engine's name, are no such end.
    @Test func anEngineCreditWithItsVersionIsASureEnd() {
        #expect(start("Copyright © 2001-2025, Tencent Cloud. Discuz Team. Powered by Discuz! X3.5南门片区老旧小区换新颜") == "南门片区老旧小区换新颜")
        #expect(start("Powered by PHPWind 9.0南门片区老旧小区换新颜") == "南门片区老旧小区换新颜")
        #expect(start("Power by DedeCMS V5.7南门片区老旧小区换新颜") == "南门片区老旧小区换新颜")
        #expect(start("当前版本 V5.7南门片区老旧小区换新颜") == nil)
        func ends(_ s: String) -> Bool { var s = s; return s.withUTF8 { PageHeadCut.endsEngineCredit($0) } }
        #expect(ends("Powered by Discuz! X3.5"))
        #expect(!ends("Powered by 某某论坛系统 3.5"))
        #expect(!ends("Powered by a long list of words nobody prints 3.5"))
    }

    /// A spam banner glued after a sure end begins there, not at a spam word after a short
    /// Latin word inside its first item (`亚洲AV无码`); a footer's Latin word still ends the old page.
    @Test func aSpamBannerBeginsAfterTheSureEndNotInsideItsItem() {
        func spam(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { p in PageHeadCut.spamBannerStart(p).map { String(decoding: p[$0...], as: UTF8.self) } }
        }
        let banner = "网站标识码：4311270012久久精品国产一区二区_亚洲AV无码专区在线观看_六合彩开奖直播现场_澳门娱乐城注册送彩金"
        #expect(spam(banner) == nil)
        #expect(start(banner)?.hasPrefix("久久精品") == true)
        #expect(spam("Copyright 2020 All Rights Reserved澳门威尼斯人娱乐官网_六合彩开奖直播现场")?.hasPrefix("澳门威尼斯人") == true)
    }

    /// The search over the lines above an article line: the nearest glued line, no further than
    /// an article line or the old page's first line.
    @Test func theSearchStopsAtAnArticleLineOrTheOldPagesStart() {
        func cut(_ lines: [String], oldTextFrom: Int = 0) -> (Int, Int)? {
            HeadlessPageStart.cut(above: lines.count, line: { (Array(lines[$0].utf8), $0 >= oldTextFrom) }).map { ($0.line, $0.start) }
        }
        let glued = "网站标识码：4307000042“把村民的事当成自己的事”"
        #expect(cut(["会议要求，全市上下要攻坚克难。", glued, "——访柏溪村驻村第一书记"]).map { $0.0 } == 1)
        #expect(cut([glued, "会议要求，全市上下要攻坚克难，推动各项工作落到实处，取得实效。", "一、基本情况"]) == nil)
        #expect(cut([glued, "——访柏溪村驻村第一书记"], oldTextFrom: 1) == nil)
        #expect(cut([glued] + Array(repeating: "相关链接", count: HeadlessPageStart.maxHeadLines)) == nil)
    }

    /// A site's name glued after a footer's whole link (four characters or more) or a rights
    /// notice's sentence begins a page with no head; a button's short word (`更多`, `发布`,
    /// `分享`) opens phrases of the page's own.
    @Test func aNameGluedAfterAFootersWholeLinkBeginsAHeadlessPage() throws {
        func name(_ line: String) -> String? {
            var line = line
            return line.withUTF8 { p in HeadlessPageStart.nameAfterFooterLink(in: p).map { String(decoding: p[$0...], as: UTF8.self) } }
        }
        #expect(name("东江晚报社版权所有 未经书面授权不得转载东江新闻") == "东江新闻")
        #expect(name("赣ICP备18003921号   建议使用1366*768分辨率浏览统计公报网 - 收录各县历年统计公报") == "统计公报网 - 收录各县历年统计公报")
        #expect(name("微信订阅号 联系客服每日看点") == "每日看点")
        #expect(name("打开APP阅读更多精彩内容") == nil)
        #expect(name("新闻发布会文字实录") == nil)
        #expect(name("分享至好友和朋友圈") == nil)
        // In a line with a sentence, only after a rights notice's sentence (the page's last).
        #expect(name("市民可拨打热线或联系客服咨询。东江看点") == nil)
        #expect(name("本文为东江新闻网原创稿件，转载请注明来源及作者。东江看点") == "东江看点")
        #expect(name("所刊登的各类新闻的版权，均为原作者所有，未经书面许可不得转载、摘编。东江看点") == "东江看点")
        #expect(name("会议要求全市上下攻坚克难，推动工作落实。东江看点") == nil)
        let first = Self.article + "关于我们 | 网站声明\n东江网版权所有 未经书面授权禁止转载"
        let second = "点击上方蓝字 关注我们\n志愿服务进社区 温暖送到家门口\n近日，东江区组织志愿者走进社区，为居民提供便民服务。"
        try Support.expectCutBetween(first, second, counter: "pages.headless-split")
    }

    @Test func aHeadlessPageIsCutAtItsTitleGluedAfterASureEnd() throws {
        let first = Self.article + "主办：湖溪市人大常委会办公室\n网站标识码：4307000042"
        let second = "关于市政协十三届三次会议第0218号提案的答复\n许建华委员：\n您提出的《关于加强背街小巷管理的建议》收悉，现答复如下。"
        try Support.expectCutBetween(first, second, counter: "pages.headless-split")
    }

    /// An old page with no sentence (an agenda) ending in a sure end: cut as well.
    @Test func anAgendaEndingInASureEndIsCutAboveAHeadlessPage() throws {
        let first = "湖溪人大网\n市人大常委会第二十三次会议议程\n一、审议工作报告\n二、审议有关人事任免事项\n网站标识码：4307000042"
        let second = "“把村民的事当成自己的事”\n——访柏溪村驻村第一书记\n柏溪村地处县北部山区，三年来变了模样。"
        let (records, _, _) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
    }

    /// A page's own head or foot holding a sure end, a heading and text below: one page.
    @Test func aSureEndWithNothingGluedOrAboveNoTextIsNoCut() throws {
        let page = Self.article + "网站标识码：4307000042\n一、基本情况\n全市共改造背街小巷112条。"
        let (one, _, _) = try Support.cleanRecords(Array(page.utf8))
        #expect(one.count == 1)
        // A body line naming a code after a colon, a heading below: the line is a sentence, no cut.
        let body = Self.article + "项目编号：2024010203城南片区改造，总投资三千万元。\n二、下一步工作\n继续推进改造。"
        let (same, _, _) = try Support.cleanRecords(Array(body.utf8))
        #expect(same.count == 1)
    }
}
