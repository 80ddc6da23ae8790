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
}
