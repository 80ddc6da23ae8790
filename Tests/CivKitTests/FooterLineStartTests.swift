import Testing
@testable import CivKit

/// A page on a line of its own under the old page's footer (`FooterLineStart`): `cat` of a page
/// saved with its final newline, nothing glued.
struct FooterLineStartTests {
    static let article = "东江市召开创建工作会议\n会议要求，全市上下要攻坚克难，确保各项任务按期完成。\n相关阅读\n东江市举办志愿服务培训\n"
    static let page = "东江资讯网 - 关注本地民生\n首页 | 本地 | 民生 | 教育 | 健康\n当前位置：首页 > 本地 > 正文\n南门老街完成改造\n"
        + "2024-05-20 来源：东江日报\n南门老街改造工程日前完工，街面焕然一新。"

    @Test func aPageUnderTheOldPagesLastFooterLineBeginsThere() throws {
        for end in ["湘公网安备 43010202000123号", "湘ICP备12345678号-2", "湘ICP备12345678号-2 湘公网安备 43010202000123号",
                    "联系电话：0731-5551234 建议使用1280×800以上分辨率浏览", "声明：本站部分内容来源于网络，如有侵权请联系删除。",
                    "东江新闻网版权所有 联系电话：0731-5551234"] {
            let first = Self.article + end + "\n"
            let (records, _, stage) = try Support.cleanRecords(Array((first + Self.page).utf8))
            #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)], "\(end)")
            #expect(stage.counters["pages.footer-line-split"] == 1, "\(end)")
        }
    }

    @Test func aFootersLinkRowOrAGluedLineBelowTheNoticeMakesNoCutThere() throws {
        // The old page goes on under its notice (a related list, its link row): not cut after the notice.
        let links = Self.article + "本文由用户上传，如有侵权请联系删除\n相关阅读\n关于我们 - 网站地图 - 联系我们\n"
        let (records, _, stage) = try Support.cleanRecords(Array((links + Self.page).utf8))
        #expect(records.count == 2)
        #expect(records.last?[FieldKey.offset] != String((Self.article + "本文由用户上传，如有侵权请联系删除\n").utf8.count))
        #expect((stage.counters["pages.footer-line-split"] ?? 0) == 0)
    }

    @Test func aFooterLineEndsThePageOnlyWithNothingGluedInIt() {
        func ends(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { FooterLineStart.endsPage($0) } }
        #expect(ends("湘ICP备12345678号-2"))
        #expect(ends("东江新闻网版权所有 联系电话：0731-5551234"))
        #expect(ends("Copyright © 2024 东江资讯网 版权所有 湘公网安备 43010202000123号"))
        // A registration glued to the next page's banner, which ends in its hotline.
        #expect(!ends("湘公网安备 43010202000123号东江资讯网 新闻热线：0731-5551234"))
        // A head's hotline is no footer's phone; a short link may be the next page's first line.
        #expect(!ends("Copyright © 2024 东江百科 新闻热线：0731-5551234"))
        #expect(!ends("Copyright © 2024 东江百科分享"))
        // The old page's address glued to the next page's Latin first line.
        #expect(!ends("网站标识码：4301000001 地址：东江市人民路8号Untitled Document"))
        // No footer's words: a menu ending in a link.
        #expect(!ends("首页 | 本地 | 联系我们"))
    }

    /// A portal's greeting with its `！` and a keyword line of short items between commas read as
    /// an article's lines by their marks, but are the new page's head: the walk up goes on over
    /// them to the old page's footer line (the page had been cut at its title, by the byline's name).
    @Test func theWalkUpPassesAGreetingAndAKeywordLine() throws {
        let first = Self.article + "东江新闻网版权所有 联系电话：0731-5551234\n"
        let greeting = "柳岸乡人民政府欢迎您！　今天是：2024年5月20日 星期一\n网站首页 | 乡情概况 | 政务公开 | 工作动态\n工作动态\n柳岸乡召开人居环境整治推进会\n"
            + "信息来源：柳岸乡　发布时间：2024年5月20日\n5月19日，柳岸乡召开人居环境整治推进会。"
        let keywords = "柳岸新闻，柳岸县新闻网，柳岸最新消息，柳岸文明实践，柳岸今日头条\n新闻 | 财经 | 体育 | 娱乐 | 科技\n首页 > 地方频道 > 正文\n"
            + "柳岸县开展文明实践宣讲活动\n发布时间：2024-05-20 15:26:40 来源：柳岸县融媒体中心\n5月19日，柳岸县开展文明实践宣讲活动。"
        for second in [greeting, keywords] {
            let (records, _, stage) = try Support.cleanRecords(Array((first + second).utf8))
            #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
            #expect(stage.counters["pages.footer-line-split"] == 1)
        }
        func marked(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { FooterLineStart.isMarkedHeadLine($0) } }
        #expect(marked("柳岸乡人民政府欢迎您！　今天是：2024年5月20日 星期一") && marked("柳岸新闻，柳岸县新闻网，柳岸最新消息，柳岸今日头条"))
        // The byline below is no glued line: `发布` begins its label `发布时间：`.
        func join(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { FooterLineStart.holdsJoin($0) } }
        #expect(!join("信息来源：柳岸乡　发布时间：2024年5月20日") && join("联系我们柳岸乡人民政府"))
        #expect(join("返回顶部 关闭柳岸县气象服务中心天气:") && !join("柳岸乡人民政府欢迎您！今天是：2024年5月20日"))
        #expect(!marked("会议要求，全市上下要攻坚克难！") && !marked("柳岸乡召开推进会，乡党委书记出席并讲话，各村负责人参加会议"))
    }
}
