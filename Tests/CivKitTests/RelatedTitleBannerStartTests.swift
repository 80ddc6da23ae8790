import Testing
@testable import CivKit

/// A site's name glued after a related list's last title, right above the new page's breadcrumb
/// (`RelatedTitleBannerStart`): found by its form, a site's word after a stem that the title's
/// last word bounds.
struct RelatedTitleBannerStartTests {
    static func start(_ line: String) -> String? {
        var line = line
        return line.withUTF8 { p in RelatedTitleBannerStart.start(in: p).map { String(decoding: p[$0...], as: UTF8.self) } }
    }

    @Test func aNameAfterATitlesLastWordBeginsAtItsStem() {
        // The longest stem the title's last word bounds (`材料|公文写作网`, not `写作网`).
        #expect(Self.start("南门老街改造工作汇报材料公文写作网") == "公文写作网")
        #expect(Self.start("桐江社区志愿服务工作总结公文素材库") == "公文素材库")
        // No word straddles the join (`信息中心`, `中心`).
        #expect(Self.start("县委召开专题会议研究部署创建工作信息中心柳溪论坛") == "柳溪论坛")
        // The item after a label's colon is the title; a number's unit is the title's.
        #expect(Self.start("3、东门社区：共建共享美丽家园一百易资讯") == "一百易资讯")
        #expect(Self.start("文明伴我行作文400字公文素材库") == "公文素材库")
    }

    @Test func noCutInAGenericNameOrThePagesOwnLines() {
        // A stem that is a word: its qualifier stands before it, unbounded.
        #expect(Self.start("关于开展文明创建工作的通知河西区人民政府网") == nil)
        #expect(Self.start("河西区人民政府网") == nil)
        // A field's value, a footer's links, a banner with its slogan, a byline, a sentence.
        #expect(Self.start("来源：南溪新闻网") == nil)
        #expect(Self.start("小黑屋|手机版|柳溪论坛") == nil)
        #expect(Self.start("万宁新闻网 - 万宁人自己的新闻网") == nil)
        #expect(Self.start("2023-11-07 16:45 桐城网") == nil)
        #expect(Self.start("本文转载自南门老街改造工作汇报材料。公文写作网") == nil)
    }

    @Test func theNameBeginsThePageAboveItsBreadcrumb() throws {
        let first = "滨江区老旧小区改造完工\n南门片区的老旧小区改造完工，居民们很满意。\n相关推荐\n南门老街改造工作汇报材料"
        let second = "公文写作网\n范文 > 工作报告 > 政府工作报告\n关于老旧小区改造工作情况的报告\n2024-03-02 浏览：1024\n现将老旧小区改造工作情况报告如下。"
        let (records, _, stage) = try Support.cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)])
        #expect(stage.counters["pages.head-cut-split"] == 1)
        // The same page alone, its banner on a line of its own: one document.
        let (alone, _, _) = try Support.cleanRecords(Array(second.utf8))
        #expect(alone.count == 1)
    }
}
