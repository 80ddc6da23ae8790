import Foundation
import Testing
@testable import CivKit

/// The forms of the seventh held-out set (`testdata/pages/heldout7/`: a representative sample of
/// government portals, e-papers, media centres, mirrors and reposts): each rule takes its chrome
/// (or moves its byline), and a line of the text of a like shape stays.
@Suite struct HeldOut7ChromeTests {
    func clean(_ lines: [String], removal: BoilerplateRemoval = BoilerplateRemoval()) -> (Record, Counters) {
        Support.removeBoilerplate(lines, removal: removal)
    }

    static let body = ["市文明办通报一季度创建测评情况", "5月15日，市文明办对一季度全市文明城市创建实地测评情况进行通报。", "测评采取随机抽查、明察暗访的方式，共抽查点位412个。"]

    @Test func anEPapersHeadIsDropped() {
        #expect(Support.ruleKind("数字报刊平台", index: 1) == "epaper" && Support.ruleKind("某某日报数字报", index: 1) == "epaper")
        #expect(Support.ruleKind("推进数字报刊平台建设。", index: 1) == nil)
        #expect(Support.ruleKind("上一期 下一期 往期回顾", index: 8) == "epaper")
        #expect(Support.ruleKind("第03版：县区新闻 上一版 下一版", index: 9) == "epaper" && Support.ruleKind("第03版：县区新闻", index: 9) == "epaper")
        #expect(Support.ruleKind("第3版刊发了评论员文章，引起热议。", index: 9) == nil)
        #expect(Support.ruleKind("上一篇 下一篇", index: 10) == "navigation")
        #expect(Support.ruleKind("上一篇文章引发热议", index: 10) == nil)
        // The edition's date with its weekday is the article's date.
        #expect(Support.ruleKind("2024年05月16日 星期四", index: 7) == "byline")
        #expect(Support.ruleKind("2024年05月16日星期四上午，全市召开推进会。", index: 7) == nil)
    }

    @Test func anEPapersTitleWithItsSubtitleUnderTheDateStays() {
        // The date is the anchor (a head byline); a title and a subtitle stand between it and the
        // first sentence: the title is the first of them, not the paper's name at the top, which
        // would be all that is left above the date once the rows took the rest.
        let head = ["沣城日报", "数字报刊平台", "1234", "567891011", "2024年05月16日 星期四", "上一期 下一期 往期回顾", "第03版：县区新闻 上一版 下一版", "上一篇 下一篇"]
        let text = ["市文明办通报一季度文明城市创建测评情况", "三个区县进入前三名 两个单位被约谈",
                    "本报讯（记者 丁一凡）5月15日，市文明办对一季度全市文明城市创建实地测评情况进行通报。", "测评采取随机抽查、明察暗访的方式，共抽查点位412个。"]
        let (record, _) = clean(head + text)
        #expect(record.lines == text)
        #expect(record.values(FieldKey.byline).contains("2024年05月16日 星期四"))
        let lines = head + text
        let edges = BodyEdges(lines)
        #expect(edges.title(in: lines, taken: { $0 != 0 && $0 < head.count }) == head.count)
        // A sentence is no subtitle.
        #expect(!Array("测评采取随机抽查的方式。".utf8).withUnsafeBufferPointer(BodyEdges.isTitleLike))
        #expect(Array(text[1].utf8).withUnsafeBufferPointer(BodyEdges.isTitleLike))
    }

    @Test func anEPapersFootIsDropped() {
        #expect(Support.ruleKind("中国互联网举报中心", index: 25) == "navigation")
        #expect(Support.ruleKind("互联网违法和不良信息举报中心", index: 25) == "navigation")
        #expect(Support.ruleKind("县纪委监委信访举报中心", index: 25) == nil)
        #expect(Support.ruleKind("您的浏览器版本太低，部分功能可能无法正常使用。", index: 26) == "notice")
        #expect(Support.ruleKind("请升级到 IE9 以上版本，或使用 Chrome、Firefox 等浏览器。", index: 27) == "notice")
        #expect(Support.ruleKind("立即升级 暂不升级", index: 28) == "notice")
        #expect(Support.ruleKind("您的浏览器需要开启定位权限，才能查询附近的办事网点。", index: 26) == nil)
        #expect(Support.ruleKind("请升级到最新版本后再办理业务。", index: 27) == nil)
        // An e-paper system's comment residue, its opening lost; a whole comment is no residue.
        #expect(Support.ruleKind("2024-05-16 丁一凡 1 1 沣城日报 content_61234.html 1 某某标题 /enpproperty -->", index: 20) == "markup")
        #expect(Support.ruleKind("<!-- 某某 -->", index: 20) == nil)
        #expect(Support.ruleKind("流程：受理 --> 审核 --> 办结。", index: 20) == nil)
        let foot = ["版权所有 ©2024 沣城日报社 陕ICP备10023456号-2", "中国互联网举报中心", "您的浏览器版本太低，部分功能可能无法正常使用。",
                    "请升级到 IE9 以上版本，或使用 Chrome、Firefox 等浏览器。", "立即升级 暂不升级"]
        #expect(clean(Self.body + foot).0.lines == Self.body)
    }

    @Test func footersDisclaimersAndDocumentSitesAreDropped() {
        #expect(Support.ruleKind("主管单位：某某县融媒体中心 地址：某某县凤城镇府前路36号", index: 27) == "contact")
        #expect(Support.ruleKind("主管部门要加强日常监管，确保整改到位。", index: 27) == nil)
        #expect(Support.ruleKind("Notice: The content above (including pictures and videos, if any) was uploaded by a Yunfan Hao user. Yunfan Hao only provides information storage space.", index: 27) == "notice")
        #expect(Support.ruleKind("Notice: the meeting is postponed to Friday.", index: 27) == nil)
        // Below the head too: the form's lines push it down.
        #expect(Support.ruleKind("《2024年某村创建文明村工作总结.docx》由用户上传分享，可在线阅读全文，更多相关文档请在某某文库搜索。", index: 14) == "docsite")
        #expect(Support.ruleKind("《某某市文明行为促进条例》由市人大常委会审议通过，自7月1日起施行。", index: 14) == nil)
    }

    @Test func aTablesPlaceholdersAndDownloadLinkAreDroppedItsCellsKept() {
        #expect(Support.ruleKind("?", index: 14) == "placeholder" && Support.ruleKind("？？", index: 14) == "placeholder")
        #expect(Support.ruleKind("？为什么", index: 14) == nil)
        #expect(Support.ruleKind("点击下载：相关数据表", index: 25) == "download")
        #expect(Support.ruleKind("点击下载“某某发布”APP，可随时查询办事进度。", index: 25) == nil)
        let lines = ["某县2024年前三季度经济运行情况", "前三季度，全县经济运行总体平稳、稳中有进，实现地区生产总值156.32亿元。", "?",
                     "表1 2024年前三季度某县主要经济指标", "?", "指标", "绝对额（亿元）", "地区生产总值", "156.32", "5.8",
                     "注：绝对额按现价计算，增长速度按不变价计算。", "?", "分产业看，农业生产形势较好，规模以上工业增加值增长8.3%。", "点击下载：相关数据表"]
        let (record, counters) = clean(lines)
        #expect(record.lines == lines.filter { $0 != "?" && $0 != "点击下载：相关数据表" })
        #expect(counters["dropped.placeholder"] == 3)
    }

    @Test func bracketedAndBulletedBylinesMoveToTheField() {
        for byline in ["（责任编辑：张帆）", "（来源：某某区人民政府网站）", "【某某县融媒体中心记者 林晓 通讯员 陈思远】", "（青檀镇 刘敏）", "初审编辑：许可"] {
            #expect(Support.ruleKind(byline, index: 25) == "byline", "\(byline)")
        }
        #expect(Support.ruleKind("【记者手记】", index: 25) == nil)
        #expect(Support.ruleKind("（一）开展村庄清洁行动，全年组织集中清理12次。", index: 25) == nil)
        #expect(Support.ruleKind("（二）完善基础设施", index: 25) == nil)
        #expect(Support.ruleKind("• 时间：2024-10-28", index: 3) == "byline" && Support.ruleKind("• 来源：某某县统计局", index: 4) == "byline")
        #expect(Support.ruleKind("• 时间紧、任务重，各单位要抓紧推进。", index: 4) == nil)
        let tail = ["（青檀镇 刘敏）", "（来源：某某区人民政府网站）"]
        let (record, _) = clean(Self.body + tail)
        #expect(record.lines == Self.body && record.values(FieldKey.byline) == tail)
    }

    @Test func aSummaryInBracketsRepeatingTheLeadIsDropped() {
        var record = Record(lines: ["某某县政协开展重点提案办理情况视察", "[摘要]9月16日至17日，某某县政协组织部分委员对重点提案办理情况进行视察。...",
                                    "某某网讯（记者 贺文斌）9月16日至17日，某某县政协组织部分委员对重点提案办理情况进行视察。"])
        var counters = Counters()
        RepeatedSummaryRemoval().repair(&record, counters: &counters)
        #expect(record.lines.count == 2 && counters["dropped.summary"] == 1)
        // A bracketed heading of the text's own is no label.
        var heading = Record(lines: ["【摘要说明】", "本文介绍某某县的做法。"])
        RepeatedSummaryRemoval().repair(&heading, counters: &counters)
        #expect(heading.lines.count == 2)
    }
}
