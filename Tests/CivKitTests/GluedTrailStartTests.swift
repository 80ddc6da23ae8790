import Testing
@testable import CivKit

/// A trail or a home-first menu glued after the old page's last line (`GluedTrailStart`): cut
/// right after a sure join, nowhere else.
struct GluedTrailStartTests {
    func start(_ line: String) -> String? {
        var line = line
        let rules = BoilerplateRules.standard
        return line.withUTF8 { p in
            rules.gluedTrailStart(in: p, keywords: rules.keywords(in: p)).map { String(decoding: p[$0...], as: UTF8.self) }
        }
    }

    @Test func aTrailGluedAfterASureJoinBeginsAtItsFirstItem() {
        // After a sentence's end, a closing bracket, a Latin footer word, a footer's link, a registration number.
        #expect(start("未经书面许可不得转载、摘编。某某新闻网 > 乡镇动态 > 正文") == "某某新闻网 > 乡镇动态 > 正文")
        #expect(start("第2集 创建进行时（下）某某啦 > 知识大全 > 知识百科 > 创建工作有什么意义") == "某某啦 > 知识大全 > 知识百科 > 创建工作有什么意义")
        #expect(start("地址：http://www.example.cn/news/3187.html某某新闻网 > 乡镇动态 > 正文") == "某某新闻网 > 乡镇动态 > 正文")
        #expect(start("联系客服某某新闻网 > 乡镇动态 > 正文") == "某某新闻网 > 乡镇动态 > 正文")
        #expect(start("建议使用IE9.0以上版本浏览器某某论坛 › 城事热议 › 查看帖子") == "某某论坛 › 城事热议 › 查看帖子")
    }

    @Test func aHomeFirstMenuGluedAfterASureJoinBegins() {
        #expect(start("技术支持：某某网络科技有限公司首页 | 版面导航 | 标题导航") == "首页 | 版面导航 | 标题导航")
        #expect(start("转载请注明来源及作者。首页 | 资讯 | 本地 | 政务") == "首页 | 资讯 | 本地 | 政务")
    }

    @Test func noCutWithoutASureJoinOrAFullTrail() {
        // Han text before the first item: where the name begins is unknown.
        #expect(start("东洲区召开创建调度会某某网 > 作文大全 > 小学作文") == nil)
        // A trail of two items only; a page's own trail; prose with `>` in it.
        #expect(start("未经书面许可不得转载。某某新闻网 > 正文") == nil)
        #expect(start("某某新闻网 > 乡镇动态 > 正文") == nil)
        #expect(start("当前位置：某某新闻网 > 乡镇动态 > 正文") == nil)
        #expect(start("检测结果显示，指标A > 指标B > 指标C，符合要求。") == nil)
        // A footer's menu whose first item is no home page's link, or with a single bar.
        #expect(start("转载请注明来源及作者。关于我们 | 联系我们 | 网站地图") == nil)
        #expect(start("转载请注明来源及作者。首页 | 联系我们") == nil)
    }

    @Test func aGluedTrailSplitsTheStreamAndIsCounted() throws {
        let first = "某某县召开创建工作会议\n会议要求，全市上下要攻坚克难。\n本文为某某网原创稿件，转载请注明来源及作者。"
        let second = "某某新闻网 > 乡镇动态 > 正文\n某某镇开展环境整治\n2024-05-08 09:15 来源：某某镇\n近日，某某镇组织志愿者清理河道。"
        try Support.expectCutBetween(first, second, counter: "pages.glued-trail-split")
        // No page before it holding a sentence: no cut (a page's own head).
        let (alone, _, _) = try Support.cleanRecords(Array(("某某网\n联系客服" + second).utf8))
        #expect(alone.count == 1)
    }
}
