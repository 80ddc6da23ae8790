import Foundation
import Testing
@testable import CivKit

/// The structural rules around a page's body (`BodyEdges`: link-like lines above the title and
/// below the last sentence) and across the pages of a run (`RepeatedSiteLines`).
@Suite struct BodyEdgesTests {
    func clean(_ lines: [String], removal: BoilerplateRemoval = BoilerplateRemoval()) -> (Record, Counters) {
        var record = Record(lines: lines)
        var counters = Counters()
        removal.repair(&record, counters: &counters)
        return (record, counters)
    }

    @Test func linkLikeLinesAreShortSparseRowsOrLabels() {
        for line in ["查看原文", "资源描述", "下载 相关 举报", "第1页 / 共6页", "今天是：", "建议使用1280×800分辨率 IE9.0以上浏览器",
                     "往期回顾 电子版 数字报", "回复 举报", "查看：1290|回复：5", "TOP"] {
            #expect(BodyEdges.isLinkLike(line), "\(line)")
        }
        // Sentences, credits, dates, bracketed sources and Han titles are not.
        for line in ["会议要求，全市上下要攻坚克难。", "编辑：郑可", "□记者 方雨桐", "2022年3月1日", "（文明西青）",
                     "河阳市第三届道德模范名单公布", "渠州市精神文明建设委员会办公室",
                     // Sentences in ASCII punctuation (a man page's), long or closed by a full stop.
                     "因此它依赖于你修改方式的配置（通常在/etc/host.conf中）.通常（如果hosts文件在DNS或NIS之前解析）你可以在/etc/hosts中修改.",
                     "see the manual page for details."] {
            #expect(!BodyEdges.isLinkLike(line), "\(line)")
        }
        // A label at the line's end names nobody.
        #expect(BodyEdges.isLinkLike("发表于 2021-4-2 21:30:11 | 只看该作者"))
    }

    @Test func linesAboveTheTitleAndBelowTheLastSentenceAreTaken() {
        let lines = ["阅读原文", "其他", "文明，是这座城最美的风景", "2023-03-05 文明河阳 文明河阳", "清晨的公交站台", "斑马线前",
                     "构成了这座城市的文明底色。", "河阳市累计招募志愿者12万余人，活动常态开展。", "编辑：郑可", "复制 下载", "回复 举报"]
        let (record, counters) = clean(lines)
        // The title (commas and all), the byline and the verse under it stay; the credit is a field.
        #expect(record.lines == Array(lines[2...7]))
        #expect(record.values(FieldKey.byline) == ["编辑：郑可"])
        #expect(counters["dropped.link-like"] == 4)
    }

    @Test func theTitleIsTheNearestLineNoRuleTook() {
        // `相关阅读：` and the counter above the byline are the rules'; `标题` is the title, kept.
        let (a, _) = clean(["标题", "相关阅读：", "会议要求，全市上下要攻坚克难。"])
        #expect(a.lines == ["标题", "会议要求，全市上下要攻坚克难。"])
        let (b, _) = clean(["标题", "摘要：本文介绍创建工作的三点经验", "正文另有内容。"])
        #expect(b.lines.first == "标题")
    }

    @Test func aNoticesSignatureAndDateStay() {
        let lines = ["关于开展文明单位复查工作的通知", "各县（市、区）文明办，各有关单位：", "请各单位于3月31日前提交自查报告。",
                     "河阳市精神文明建设委员会办公室", "2022年3月1日", "【打印】 【关闭】"]
        let (record, _) = clean(lines)
        #expect(record.lines == Array(lines[0...4]))
        #expect(record.values(FieldKey.byline).isEmpty)
    }

    @Test func linesRepeatedOutsideTheBodiesOfARunAreDropped() {
        let removal = BoilerplateRemoval()
        func page(_ title: String) -> [String] {
            ["河西区人民政府网", "区长信箱 在线访谈 依申请公开", title, "发布时间：2023-05-08 来源：东关街道",
             "\(title)，工作人员向居民讲解了有关规定。", "本网站由河西区大数据中心设计维护"]
        }
        let (first, c1) = clean(page("东关街道开展文明养犬宣传"), removal: removal)
        #expect(first.lines.contains("本网站由河西区大数据中心设计维护") && c1["dropped.repeated"] == 0)
        let (second, c2) = clean(page("区城管局开展户外广告专项整治"), removal: removal)
        #expect(!second.lines.contains("本网站由河西区大数据中心设计维护"))
        #expect(c2["dropped.repeated"] >= 1)
        #expect(second.lines.contains("区城管局开展户外广告专项整治"))
        // A fresh run remembers nothing.
        let (other, _) = clean(page("区城管局开展户外广告专项整治"))
        #expect(other.lines.contains("本网站由河西区大数据中心设计维护"))
    }

    @Test func gluedLinesSplitWhereASitesLinesBeginOrEnd() {
        let site = RepeatedSiteLines()
        let head = ["河西区人民政府网"].map { Array($0.utf8) }, tail = ["建议使用1280×800分辨率 IE9.0以上浏览器", "分享到："].map { Array($0.utf8) }
        site.remember(head: [], tail: [], last: tail[1])
        site.remember(head: head, tail: tail, first: head[0], last: tail[0])
        func start(_ line: String, _ first: [String] = []) -> String? {
            let bytes = Array(line.utf8)
            return bytes.withUnsafeBufferPointer { site.gluedPageStart(in: $0, firstLines: first.map { Array($0.utf8) }) }
                .map { String(decoding: bytes[$0...], as: UTF8.self) }
        }
        #expect(start("建议使用1280×800分辨率 IE9.0以上浏览器阅读原文") == "阅读原文")
        #expect(start("河阳市第三届道德模范名单公布河西区人民政府网") == "河西区人民政府网")
        #expect(start("河阳市第三届道德模范名单公布青溪县人民政府门户网站", ["青溪县人民政府门户网站"]) == "青溪县人民政府门户网站")
        // A footer naming the site is one line.
        #expect(start("Copyright © 2023 河西区人民政府网") == nil)
        #expect(start("河西区人民政府办公室版权所有河西区人民政府网") == nil)
        #expect(start("会议要求，全市上下要攻坚克难河西区人民政府网") == nil)
        // A label's colon goes on with its value.
        #expect(start("分享到：微信 微博 QQ空间") == nil)
    }

    @Test func aCatOfOneSitesPagesSplitsAtEachPage() throws {
        func page(_ title: String) -> String {
            "河西区人民政府网\n首页 > 政务动态\n\(title)\n发布时间：2023-05-08 来源：东关街道\n\(title)，工作人员向居民讲解了有关规定。\n分享：\n建议使用1280×800分辨率 IE9.0以上浏览器"
        }
        let pages = [page("东关街道开展文明养犬宣传"), page("区城管局开展户外广告专项整治"), page("河西区举办文明家庭故事分享会")]
        let (records, _, stage) = try Support.cleanRecords(Array(pages.joined().utf8))
        #expect(records.count == 3)
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(pages[0].utf8.count), String(pages[0].utf8.count + pages[1].utf8.count)])
        #expect(stage.counters["pages.site-line-split"] >= 1)
        #expect(records.allSatisfy { !$0.lines.contains("建议使用1280×800分辨率 IE9.0以上浏览器") })
    }
}

/// The held-out pages of `testdata/pages/heldout/` (never tuned on): no content line is ever
/// dropped, and the boilerplate removed stays at the level reached (see the README's figures).
@Suite struct HeldOutPagesTests {
    @Test func contentIsKeptOnPagesTheRulesNeverSaw() throws {
        let pages = LabelledPagesTests.pages(in: "testdata/pages/heldout")
        #expect(pages.count >= 20)
        // Every content line kept: `tally` records each one removed.
        let t = try LabelledPagesTests.tally(pages)
        #expect(Double(t.boilerplateRemoved) >= 0.75 * Double(t.boilerplate), "\(t.boilerplateRemoved) of \(t.boilerplate) boilerplate lines removed")
    }
}
