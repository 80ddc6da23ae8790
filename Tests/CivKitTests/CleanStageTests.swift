import Foundation
import Testing
import PropertyBased
@testable import CivKit

@Suite struct PageSplittingTests {
    let seedA = try! Array(Support.seedBytes(Support.seedNames[0]))
    let seedB = try! Array(Support.seedBytes(Support.seedNames[1]))

    @Test func concatenatedSeedsGiveTwoDocumentsAtTheRightOffsets() throws {
        for (first, second) in [(seedA, seedB), (seedB, seedA)] {
            let (records, rejects, stage) = try Support.cleanRecords(first + second)
            #expect(records.count == 2)
            #expect(rejects.isEmpty)
            #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.count)])
            #expect(records.map { $0[FieldKey.length] } == [String(first.count), String(second.count)])
            #expect(stage.counters["pages.glued-line-split"] == 1)
        }
    }

    /// Offsets count raw bytes, whatever decoding removed or changed: GB18030, CRLF, NUL bytes.
    @Test func gluedSplitOffsetsCountRawBytes() throws {
        let gb = try Support.shell("for f in testdata/seeds/*.txt; do iconv -f UTF-8 -t GB18030 $f; done")
        let gbSizes = try Support.shell("for f in testdata/seeds/*.txt; do iconv -f UTF-8 -t GB18030 $f | wc -c; done").text.split(separator: "\n").map { String($0) }
        let (gbRecords, _, _) = try Support.cleanRecords(Array(gb.stdout))
        #expect(gbRecords.map { $0[FieldKey.length]! } == gbSizes)
        #expect(gbRecords.map { $0[FieldKey.encoding] } == ["GB18030", "GB18030"])

        let crlf = Array(String(decoding: seedA + seedB, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let (crlfRecords, _, _) = try Support.cleanRecords(crlf)
        let firstCRLF = String(decoding: seedA, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8.count
        #expect(crlfRecords.map { $0[FieldKey.offset]! } == ["0", String(firstCRLF)])

        let lastLine = seedA.lastIndex(of: 0x0A)! + 1
        let withNUL = Array(seedA[..<lastLine]) + [UInt8](repeating: 0, count: 8) + Array(seedA[lastLine...]) + seedB
        let (nulRecords, _, _) = try Support.cleanRecords(withNUL)
        #expect(nulRecords.map { $0[FieldKey.offset]! } == ["0", String(seedA.count + 8)])
    }

    /// The cut in the raw glued line is searched from an estimate (annotations removed): found
    /// when cleaning removes more than that (lost-character fragments, white space) and when it
    /// keeps what looks like an annotation (`条款(a)`).
    @Test func gluedSplitOffsetIsFoundWhateverTheEstimate() throws {
        let lastLine = seedA.lastIndex(of: 0x0A)! + 1
        for damage in ["张掖日?qǐng)?bào)报道?jì)?zhě)　 　", "条款(a)条款(b)条款(c)条款(d)条款(e)", "乡镇,、条款(a)，日?qǐng)?bào)"] {
            let first = Array(seedA[..<lastLine]) + Array(damage.utf8) + Array(seedA[lastLine...])
            let (records, _, stage) = try Support.cleanRecords(first + seedB)
            #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.count)], "\(damage)")
            #expect(stage.counters["pages.glued-line-split"] == 1)
        }
    }

    /// A page whose first line is an icon font's glyphs, glued after the old page's registration
    /// number, begins at the glyphs, not at the end of the line (no Han character follows them).
    @Test func gluedSplitBeforeSymbolsBeginsAtTheSymbols() throws {
        let first = "某某市开展文明交通劝导活动\n2024-05-06 来源：某某市文明办\n5月5日，某某市组织志愿者在主要路口开展文明交通劝导。\n"
            + "主办单位：某某市文明办 地址：某某市人民路1号\n网站标识码:4300000001 湘ICP备12345678号-1"
        for glyphs in ["☰✦◈", "⛶❖", "🔍"] {
            try Support.expectCutBetween(first, glyphs + "\n看点热榜 官网\n某某县“文明小课堂”走进社区\n近日，某某县文明办组织宣讲员走进社区，讲解垃圾分类知识。\n",
                                         counter: "pages.glued-line-split")
        }
    }

    @Test func pagesWithFinalNewlinesSplitAtTheirFirstLine() throws {
        let (records, _, stage) = try Support.cleanRecords(seedA + [0x0A] + seedB + [0x0A])
        #expect(records.count == 2)
        #expect(records[1][FieldKey.offset] == String(seedA.count + 1))
        #expect(stage.counters["pages.glued-line-split"] == 0)
        // A page's first line is counted in its own document's repairs, not the previous one's.
        let (alone, _, _) = try Support.cleanRecords(seedB, wholeInput: true)
        #expect(records[1][FieldKey.repairs] == alone[0][FieldKey.repairs])
    }

    @Test func aFileArgumentIsOneDocument() throws {
        let (records, _, _) = try Support.cleanRecords(seedA + seedB, name: "both.txt", wholeInput: true)
        #expect(records.count == 1)
        #expect(records[0][FieldKey.source] == "both.txt")
    }

    @Test func blankInputIsNoDocument() throws {
        let (records, rejects, _) = try Support.cleanRecords(Array("\n\n \n".utf8))
        #expect(records.isEmpty && rejects.isEmpty)
    }
}

@Suite struct BoilerplateTests {
    func cleanDocument(_ lines: [String]) -> (Record, Counters) {
        var record = Record(lines: lines)
        var counters = Counters()
        BoilerplateRemoval().repair(&record, counters: &counters)
        RepeatedSummaryRemoval().repair(&record, counters: &counters)
        return (record, counters)
    }

    @Test func multiLineBreadcrumbBecomesOneField() {
        let (record, counters) = cleanDocument(["您当前的位置：", "中国张掖网", ">>", "问政", ">>", "卢小亨活动报道集", "标题", "正文。"])
        #expect(record[FieldKey.breadcrumb] == "您当前的位置：中国张掖网 >> 问政 >> 卢小亨活动报道集")
        #expect(record.lines == ["标题", "正文。"])
        #expect(counters["moved.breadcrumb"] == 6)
    }

    @Test func countersOverTwoLinesAndBylinesAreTaken() {
        let (record, counters) = cleanDocument(["标题", "来源：张掖日报", "0", "人参与互动", "2022年03月03日 23:55", "正文。"])
        #expect(record.lines == ["标题", "正文。"])
        #expect(record.values(FieldKey.byline) == ["来源：张掖日报", "2022年03月03日 23:55"])
        #expect(counters["dropped.counter"] == 2)
    }

    @Test func tailBoilerplateIsDropped() {
        let (record, counters) = cleanDocument(["标题", "正文。", "鲜花", "握手", "雷人", "路过", "鸡蛋", "相关分类"])
        #expect(record.lines == ["标题", "正文。"])
        #expect(counters["dropped.reactions"] == 5 && counters["dropped.related"] == 1)
    }

    @Test func otherPortalsFormsAreTaken() {
        let (record, counters) = cleanDocument([
            "本篇文章520字，读完约2分钟", "标题", "2021-06-01 08:30:00 字号：", "正文一。", "正文二。",
            "来源：县融媒体中心", "编辑：小李", "更多精彩内容请关注本站", "回首页", "返 回", "回顶部", "上一篇：另一篇文章",
            "您当前使用的浏览器版本过低，可能导致部分功能不能正常使用。", "转载请注明出处",
            "| 责编：| 王五 |", "违法和不良信息举报电话：12345", "全部评论", "暂无评论，快来发表你的评论吧",
        ])
        #expect(record.lines == ["标题", "正文一。", "正文二。"])
        #expect(record.values(FieldKey.byline) == ["2021-06-01 08:30:00 字号：", "来源：县融媒体中心", "编辑：小李", "| 责编：| 王五 |"])
        #expect(counters["dropped.navigation"] == 4 && counters["dropped.notice"] == 2 && counters["dropped.promotion"] == 1)
        #expect(counters["dropped.comments"] == 2)
    }

    @Test func bodyLinesThatMentionBoilerplateWordsStay() {
        let lines = ["标题", "他说，来源：群众的意见很重要。", "市民送上鲜花。", "版权所有的问题也要重视。",
                     "要关注更多群众的需求。", "返回家乡的青年越来越多。", "编辑部的同志们说，要做好工作。"]
        #expect(cleanDocument(lines).0.lines == lines)
    }

    @Test func repeatedSummaryIsDroppedAndANewOneKept() {
        let (a, ca) = cleanDocument(["标题", "摘要：7月19日上午，市委常委、宣传部长聂晓葵深入安源区督导 ...", "7月19日上午，市委常委、宣传部长聂晓葵深入安源区督导全国文明城市创建。"])
        #expect(a.lines.count == 2 && a[FieldKey.summary] == nil && ca["dropped.summary"] == 1)
        let (b, cb) = cleanDocument(["标题", "摘要：本文介绍创建工作的三点经验", "正文另有内容。"])
        #expect(b.lines == ["标题", "正文另有内容。"] && b[FieldKey.summary] == "本文介绍创建工作的三点经验" && cb["moved.summary"] == 1)
    }

    @Test func gluedLinesSplitOnlyBeforeAPageStartOrAfterAClosedMarker() {
        let rules = BoilerplateRules.standard
        #expect(rules.gluedPageStart(in: "相关分类您当前的位置：").map { String("相关分类您当前的位置："[$0...]) } == "您当前的位置：")
        let copyright = "（注：本文版权所有，未经授权，严禁转载！）萍乡城事网—萍乡最具影响力门户网站"
        #expect(rules.gluedPageStart(in: copyright).map { String(copyright[$0...]) } == "萍乡城事网—萍乡最具影响力门户网站")
        #expect(rules.gluedPageStart(in: "相关阅读：市委书记调研") == nil)
        // A copyright line running into the next page's breadcrumb further on.
        let glued = "版权所有：某某新闻网 Copyright © 2015-2023 All Rights Reserved当前位置：首页 > 要闻 > 正文"
        #expect(rules.gluedPageStart(in: glued).map { String(glued[$0...]) } == "当前位置：首页 > 要闻 > 正文")
        let banner = "版权所有：某某新闻网 Copyright © 2015-2023 All Rights Reserved萍乡城事网—萍乡最具影响力门户网站"
        #expect(rules.gluedPageStart(in: banner).map { String(banner[$0...]) } == "萍乡城事网—萍乡最具影响力门户网站")
        // Not glued: a copyright line alone, or one that only mentions a position.
        #expect(rules.gluedPageStart(in: "版权所有：张掖日报社") == nil)
        #expect(rules.gluedPageStart(in: "版权所有：某某网 所在位置不详") == nil)
        // A file's XML declaration after an end marker: the next file (a feed) begins there.
        let feed = "相关文章<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        #expect(rules.gluedPageStart(in: feed).map { String(feed[$0...]) } == "<?xml version=\"1.0\" encoding=\"utf-8\"?>")
        #expect(rules.gluedPageStart(in: "配置文件以<?xml version=\"1.0\"?>开头") == nil)
        // A trail whose first item is the site's home under its name begins at the name, after a footer's link.
        let trail = "打开APP 查看更多网易首页 > 网易号 > 正文"
        #expect(rules.gluedPageStart(in: trail).map { String(trail[$0...]) } == "网易首页 > 网易号 > 正文")
        // A menu of the reading tools, its items with 进入 and 阅读, glued after the old page's last buttons.
        let tools = "返回顶部 关闭进入长者模式|无障碍阅读 设为首页|加入收藏"
        #expect(rules.gluedPageStart(in: tools).map { String(tools[$0...]) } == "进入长者模式|无障碍阅读 设为首页|加入收藏")
        #expect(rules.gluedPageStart(in: "老人可选择进入长者模式阅读网页。") == nil)
        // The same menu as a page's own first line is not cut after its 进入.
        #expect(rules.gluedPageStart(in: "进入长者模式|无障碍阅读 设为首页|加入收藏") == nil)
        // WeChat's last heading closes the copy: whatever is glued after it is the next page's.
        let wechat = "喜欢此内容的人还喜欢亚洲精品一区二区三区|免费高清在线观看"
        #expect(rules.gluedPageStart(in: wechat).map { String(wechat[$0...]) } == "亚洲精品一区二区三区|免费高清在线观看")
        #expect(rules.gluedPageStart(in: "喜欢此内容的人还喜欢") == nil)
        // With no footer's end before the name, the cut stays at the home page's link.
        let plain = "下一篇：市容整治见成效首页 > 要闻 > 正文"
        #expect(rules.gluedPageStart(in: plain).map { String(plain[$0...]) } == "首页 > 要闻 > 正文")
    }

    @Test func registrationWidgetAndFontSizeLinesAreDropped() throws {
        let page = ["当前位置：首页 > 要闻 > 正文", "市委召开创建工作会议", "A- A+", "字号：大 中 小",
                    "会议要求，全市上下要攻坚克难，补齐短板。", "分享到：微信 微博 QQ空间", "扫一扫 用手机打开本页",
                    "会议强调，要把群众满意作为标准。", "京ICP备12345678号", "京公网安备 11010502030000号"].joined(separator: "\n")
        let (records, _, stage) = try Support.cleanRecords(Array(page.utf8), wholeInput: true)
        #expect(records.first?.lines == ["市委召开创建工作会议", "会议要求，全市上下要攻坚克难，补齐短板。", "会议强调，要把群众满意作为标准。"])
        #expect(stage.counters["dropped.registration"] == 2)
        #expect(stage.counters["dropped.widget"] == 2)
        #expect(stage.counters["dropped.fontsize"] == 2)
        // Prose that mentions these words stays.
        let prose = ["市委召开会议", "他说，要把经验分享到基层，扫一扫二维码就能学习。", "大中小学校要做好准备。"].joined(separator: "\n")
        let (kept, _, _) = try Support.cleanRecords(Array(prose.utf8), wholeInput: true)
        #expect(kept.first?.lines.count == 3)
    }

    @Test func pagesAfterATooLongLineAreTheirOwnDocuments() throws {
        var options = CleanStage.Options()
        options.maxDocumentBytes = 1000
        let page = "当前位置：首页 > 要闻 > 正文\n市委召开创建工作会议\n会议要求，全市上下要攻坚克难。\n"
        let input = String(repeating: "长", count: 2000) + "\n" + page + page + page
        let stage = try CleanStage(options: options)
        var records: [Record] = [], rejects: [Record] = []
        try stage.process(ByteInput(bytes: Array(input.utf8), maxLineBytes: 1000), wholeInputIsOneDocument: false,
                          emit: { records.append($0) }, reject: { rejects.append($0) })
        #expect(rejects.map { $0[FieldKey.reject] } == ["too-large"])
        #expect(records.count == 3)
    }

    @Test func bannersOfSitesNotNamedNetworkStartPages() {
        let rules = BoilerplateRules.standard
        #expect(rules.startsPage("曲靖在线—曲靖最具影响力门户网站 门户 城事资讯 查看内容"))
        #expect(rules.startsPage("萍乡城事网—萍乡最具影响力门户网站"))
        // A dash in prose is no banner.
        #expect(!rules.startsPage("会议指出——要以创建为抓手，推动工作。"))
    }

    @Test func pagesGluedAfterACopyrightLineSplit() throws {
        let a = "当前位置：首页 > 要闻 > 正文\n市委召开创建工作会议\n会议要求，全市上下要攻坚克难。\n版权所有：某某新闻网 Copyright © 2015-2023 All Rights Reserved"
        let b = "当前位置：首页 > 要闻 > 正文\n区委书记调研背街小巷整治\n调研中，他强调要补齐短板。\n版权所有：某某新闻网"
        let (records, _, _) = try Support.cleanRecords(Array((a + b).utf8))
        #expect(records.count == 2)
        #expect(records.first?.lines.contains("会议要求，全市上下要攻坚克难。") == true)
        #expect(records.last?.lines.contains("调研中，他强调要补齐短板。") == true)
    }
}

@Suite struct DecodingAndRejectionTests {
    /// A seed saved as GB18030 (its traditional characters in GBK's extension, whose trail bytes
    /// look like Big5's) comes out as the UTF-8 seed does, its two-character buttons included.
    @Test func aGB18030PageIsReadAsGB18030Throughout() throws {
        for name in Support.seedNames {
            let utf8 = try Array(Support.seedBytes(name))
            let gb18030 = try #require(TextDecoder.encode(String(decoding: utf8, as: UTF8.self), charset: .gb18030))
            let expected = try Support.cleanRecords(utf8, name: name, wholeInput: true).records
            let (records, _, stage) = try Support.cleanRecords(gb18030, name: name, wholeInput: true)
            #expect(records.map(\.lines) == expected.map(\.lines))
            #expect(records.first?[FieldKey.encoding] == "GB18030")
            #expect(stage.counters["decoded.big5-line"] == 0)
        }
    }

    /// Short lines are decided by the text each reading gives: `點贊` in GB18030 bytes is not `鰎豪`.
    @Test func aShortLegacyLineReadsAsTheEncodingThatGivesWords() throws {
        let line = try #require(TextDecoder.encode("點贊", charset: .gb18030))
        var counters = Counters()
        #expect(TextDecoder.decodeLine(line, counters: &counters).0 == "點贊")
        #expect(TextDecoder.decodeLine(line, preferred: .big5, counters: &counters).0 == "點贊")
        let big5 = try #require(TextDecoder.encode("報導說明", charset: .big5))
        #expect(TextDecoder.decodeLine(big5, preferred: .gb18030, counters: &counters) == ("報導說明", .big5))
        #expect(counters["decoded.other-encoding-than-document"] == 2)
    }

    @Test func gb18030LinesAreDecoded() throws {
        let text = "市委书记调研创建工作。"
        let gbk: [UInt8] = [202, 208, 206, 175, 202, 233, 188, 199, 181, 247, 209, 208, 180, 180, 189, 168, 185, 164, 215, 247, 161, 163]
        let (records, _, stage) = try Support.cleanRecords(gbk, name: "gbk.txt", wholeInput: true)
        #expect(records.first?.lines == [text])
        #expect(records.first?[FieldKey.encoding] == "GB18030")
        #expect(stage.counters["decoded.gb18030-line"] == 1)
    }

    @Test func big5IsNotTakenForGB18030() throws {
        let big5 = try Support.shell("printf '市委書記調研創建全國文明城市工作。\\n' | iconv -f UTF-8 -t BIG5")
        let (records, _, _) = try Support.cleanRecords(Array(big5.stdout), wholeInput: true)
        #expect(records.first?.lines == ["市委书记调研创建全国文明城市工作。"])
        #expect(records.first?[FieldKey.encoding] == "Big5")
    }

    @Test func damagedUTF8IsRepairedNotReadAsGBK() {
        var counters = Counters()
        let bytes = Array("市委书记调研创建全国文明城市工作".utf8) + [0xE5] + Array("。".utf8)
        let (text, encoding) = TextDecoder.decodeLine(bytes, counters: &counters)
        #expect(encoding == .utf8)
        #expect(text == "市委书记调研创建全国文明城市工作\u{FFFD}。")
        #expect(counters["replaced.invalid-utf8"] == 1)
    }

    @Test func nulBytesAreRemovedAndCounted() throws {
        let (records, _, stage) = try Support.cleanRecords(Array("标题\n正\0文。\n".utf8), wholeInput: true)
        #expect(records.first?.lines == ["标题", "正文。"])
        #expect(stage.counters["removed.control-byte"] == 1)
    }

    @Test func binaryIsRejectedWithItsReason() throws {
        let binary = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let (records, rejects, stage) = try Support.cleanRecords(binary, name: "blob.bin", wholeInput: true)
        #expect(records.isEmpty)
        #expect(rejects.first?[FieldKey.reject] == "binary")
        #expect(stage.counters["rejected.binary"] == 1)
    }

    @Test func boilerplateOnlyPageIsRejectedAsEmpty() throws {
        let (records, rejects, _) = try Support.cleanRecords(Array("鲜花\n握手\n相关分类\n".utf8), wholeInput: true)
        #expect(records.isEmpty && rejects.first?[FieldKey.reject] == "empty")
    }

    @Test func aPageOnOneLineIsKeptNotTakenForABanner() throws {
        let seed = try String(decoding: Support.seedBytes(Support.seedNames[0]), as: UTF8.self)
        let oneLine = seed.replacingOccurrences(of: "\n", with: " ")
        let (records, rejects, _) = try Support.cleanRecords(Array(oneLine.utf8), wholeInput: true)
        #expect(rejects.isEmpty)
        #expect(records.first?.lines.count == 1)
        #expect(records.first?.lines.first?.contains("郭建斌汇报了今年以来我区创建全国文明城市工作整体情况") == true)
    }

    @Test func tooLargeDocumentIsRejectedWithoutBufferingIt() throws {
        var options = CleanStage.Options()
        options.maxDocumentBytes = 1000
        let big = Array(String(repeating: "市委书记调研。\n", count: 500).utf8)
        let (records, rejects, _) = try Support.cleanRecords(big, wholeInput: true, options: options)
        #expect(records.isEmpty)
        #expect(rejects.first?[FieldKey.reject] == "too-large")
        #expect((rejects.first?.lines.joined().utf8.count ?? .max) <= 1000)
    }
}

@Suite struct WARCTests {
    func warc(_ type: String, uri: String, body: String, declaredExtra: Int = 0) -> String {
        let length = body.utf8.count + declaredExtra
        return "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Target-URI: \(uri)\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: text/plain\r\nContent-Length: \(length)\r\n\r\n\(body)\r\n\r\n"
    }

    @Test func wetConversionRecordsBecomeDocumentsWithTheirURL() throws {
        let input = warc("warcinfo", uri: "", body: "software: x") + warc("conversion", uri: "http://a.cn/1.html", body: "標題\n會(huì)上,市委書記講話。") + warc("conversion", uri: "http://a.cn/2.html", body: "第二篇。")
        let (records, _, stage) = try Support.cleanRecords(Array(input.utf8), name: "x.wet")
        #expect(records.map { $0[FieldKey.url] } == ["http://a.cn/1.html", "http://a.cn/2.html"])
        #expect(records[0].lines == ["标题", "会上，市委书记讲话。"])
        #expect(records[0][FieldKey.warcRecordID] == "urn:uuid:1")
        #expect(stage.counters["warc.skipped.warcinfo"] == 1)
        #expect(stage.problems.isEmpty)
    }

    @Test func offsetsAndLengthsTileTheFile() throws {
        for newline in ["\r\n", "\n"] {
            let input = (warc("conversion", uri: "http://a.cn/1.html", body: "第一篇。") + warc("conversion", uri: "http://a.cn/2.html", body: "第二篇。"))
                .replacingOccurrences(of: "\r\n", with: newline)
            let (records, _, _) = try Support.cleanRecords(Array(input.utf8))
            let offsets = records.compactMap { $0[FieldKey.offset].flatMap(Int.init) }
            let lengths = records.compactMap { $0[FieldKey.length].flatMap(Int.init) }
            #expect(offsets == [0, lengths[0]])
            #expect(lengths.reduce(0, +) == input.utf8.count)
        }
    }

    @Test func recordCutInItsHeadersIsReported() throws {
        let input = warc("conversion", uri: "http://a.cn/1.html", body: "第一篇。") + "WARC/1.0\r\nWARC-Type: conv"
        let (records, _, stage) = try Support.cleanRecords(Array(input.utf8))
        #expect(records.count == 1)
        #expect(stage.problems.count == 1 && stage.counters["input.truncated-warc-record"] == 1)
    }

    @Test func truncatedRecordIsKeptMarkedAndReported() throws {
        let input = warc("conversion", uri: "http://a.cn/1.html", body: "市委书记讲话。", declaredExtra: 100)
        let (records, _, stage) = try Support.cleanRecords(Array(input.utf8))
        #expect(records.first?["truncated"] == "yes")
        #expect(stage.problems.count == 1)
    }
}

@Suite struct RulePrefilterTests {
    @Test func readsRequiredPrefixesOffAnchoredPatterns() {
        func strings(_ p: [[UInt8]]?) -> [String]? { p?.map { String(decoding: $0, as: UTF8.self) } }
        #expect(strings(RulePrefilter.requiredPrefixes(of: "^(上一篇|下一篇)\\s*[：:]")) == ["上一篇", "下一篇"])
        #expect(strings(RulePrefilter.requiredPrefixes(of: "^(上一期\\s*下一期|查看全文)$")) == ["上一期", "查看全文"])
        #expect(strings(RulePrefilter.requiredPrefixes(of: "^现在升级\\s*稍后再说$")) == ["现在升级"])
        #expect(strings(RulePrefilter.requiredPrefixes(of: "^转载请注明?")) == ["转载请注"])
        #expect(RulePrefilter.requiredPrefixes(of: "^\\d+\\s*人参与互动$")?.count == 10)
        #expect(RulePrefilter.requiredPrefixes(of: "^\\d*\\s*人参与互动$") == nil)
        #expect(strings(RulePrefilter.requiredPrefixes(of: "^(Copyright\\b|©|版权所有\\s*([：:©(（]|$))")) == ["Copyright", "©", "版权所有"])
        #expect(strings(RulePrefilter.requiredPrefixes(of: "^(a[|)]b|c)")) == ["a", "c"])
        #expect(RulePrefilter.requiredPrefixes(of: "^\\d{4}-\\d{1,2}")?.count == 10)
        // Optional groups and digits, classes, groups of groups and unanchored patterns give no prefilter.
        #expect(strings(RulePrefilter.requiredPrefixes(of: "^((回首页|返\\s*回)\\s*)+$")) == ["回首页", "返"])
        #expect(RulePrefilter.requiredPrefixes(of: "^((回首页|返回)\\s*)*$") == nil)
        #expect(strings(RulePrefilter.requiredPrefixes(of: "^((A-|A\\+)\\s*){2,}$")) == ["A-", "A+"])
        // Escaped punctuation is itself; a class of plain characters gives each of them.
        #expect(strings(RulePrefilter.requiredPrefixes(of: "^\\[复制链接\\]$")) == ["[复制链接]"])
        #expect(strings(RulePrefilter.requiredPrefixes(of: "^([【\\[][^】\\]]{0,14}打印)+")) == ["【", "["])
        #expect(strings(RulePrefilter.requiredPrefixes(of: "^((…|\\.)+[（(]|[（(])剩余")) == ["…", ".", "（", "("])
        #expect(RulePrefilter.requiredPrefixes(of: "^[^，。]{0,6}下载") == nil)
        #expect(RulePrefilter.requiredPrefixes(of: "^[a-z]+") == nil)
        #expect(RulePrefilter.requiredPrefixes(of: "^\\.?注") == nil)
        #expect(RulePrefilter.requiredPrefixes(of: "^((A-|A\\+)\\s*){0,2}$") == nil)
        #expect(RulePrefilter.requiredPrefixes(of: "^((回首页|返回)?\\s*)+$") == nil)
        for pattern in ["^(来源|作者)?：", "^[（(]?注", "查看内容$", "^\\|?\\s*(来源)", "^(\\s*a|b)", "^\\d{0,2}年", "^(a|b"] {
            #expect(RulePrefilter.requiredPrefixes(of: pattern) == nil, "\(pattern)")
        }
    }

    @Test func firstByteSetHoldsExactlyThePrefixesFirstBytes() {
        let prefixes: [[UInt8]] = [[0x00], [0x3F], [0x40, 1], [0x7F], [0x80], [0xBF, 2], [0xC0], [0xE4, 0xB8], [0xFF]]
        let set = BoilerplateRules.FirstByteSet(prefixes: prefixes)
        for b in 0 ... 255 { #expect(set.contains(UInt8(b)) == prefixes.contains { $0.first == UInt8(b) }, "\(b)") }
        let all = BoilerplateRules.FirstByteSet(prefixes: nil)
        #expect((0 ... 255).allSatisfy { all.contains(UInt8($0)) })
    }

    /// The prefilter never rules out a line its rule's regex matches. (A pattern may stand in
    /// several rules with other keywords, `网 —` and `网 –`: one of them must let the line through.)
    @Test func neverRulesOutAMatchingLine() throws {
        let boilerplate = ["上一篇：市委召开会议", "阅读 123", "浏览次数：45次", "0 人参与互动", "鲜花 握手 雷人 路过 鸡蛋",
                           "现在升级 稍后再说", "版权所有：张掖日报社", "Copyright 2020 新闻网", "© 2021", "转载请注明出处",
                           "相关分类", "相关阅读：", "来源：张掖日报", "编辑：王某", "| 编辑：| 马越 |", "2019-7-22 10:34| 发布者：admin",
                           "您当前的位置 : 中国张掖网", "萍乡城事网—萍乡最具影响力门户网站", "2024年3月3日 10:00", "2024-03-12 16:27:37 信息来源：市融媒体中心",
                           "点击查看全文", "返回顶部", "本篇文章304字，读完约1分钟", "暂无评论，快来发表你的评论吧",
                           "监督举报电话：12318", "更多精彩资讯请关注张掖发布", "您当前使用的浏览器版本过低", "（注：本文版权所有，未经授权，严禁转载！）"]
        let seeds = try Support.seedNames.flatMap { String(decoding: try Support.seedBytes($0), as: UTF8.self).split(separator: "\n").map(String.init) }
        var matched = 0
        for rule in BoilerplateRules.standard.rules where !rule.spansTwoLines {
            for line in boilerplate + seeds + seeds.map({ Support.cleaner.clean($0) }) {
                guard line.utf8.count <= BoilerplateRules.maxLineBytes, rule.regex.matches(line) else { continue }
                matched += 1
                let siblings = BoilerplateRules.standard.rules.filter { $0.pattern == rule.pattern && $0.kind == rule.kind }
                #expect(siblings.contains { $0.mayMatch(line) }, "rule \(rule.kind) /\(rule.pattern)/ ruled out \(line)")
            }
        }
        #expect(matched >= 30)
        // Two-line rules: checked on the pair before it is joined.
        for rule in BoilerplateRules.standard.rules where rule.spansTwoLines {
            for (a, b) in [("0", "人参与互动"), ("12", "人参与互动"), ("相关分类", "x")] where rule.regex.matches(a + "\n" + b) {
                matched += 1
                #expect(rule.mayMatch(a, then: b), "rule \(rule.kind) ruled out \(a) / \(b)")
            }
        }
        #expect(matched >= 32)
    }
}

@Suite struct DecodingCensusTests {
    /// The word-at-a-time census agrees with a byte-by-byte count on every mix of ASCII,
    /// controls, DEL, tab and UTF-8, at every alignment.
    @Test func censusAgreesWithBytewiseCount() async {
        // Runs of three-byte characters, with the lead bytes whose second byte is limited: E0
        // (an overlong form below A0) and ED (a surrogate from A0).
        let pieces: [[UInt8]] = [[0x41], [0x20], [0x09], [0x00], [0x1F], [0x7F], [0x7E], Array("中".utf8), [0xE4, 0xB8], [0xFF], Array("é".utf8),
                                 Array("中".utf8), Array("鄉".utf8), [0xE0, 0x80, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEF, 0xBF, 0xBF],
                                 [0xE2, 0x80, 0x8B], [0xEF, 0xBB, 0xBF], [0xE2, 0x80], [0x8B], [0xEF, 0xBB], [0xBF]]
        await propertyCheck(input: Gen.int(in: 0 ... pieces.count - 1).array(of: 0 ... 40)) { picks in
            let bytes = picks.flatMap { pieces[$0] }
            let (controls, ascii, valid) = bytes.withUnsafeBufferPointer(TextDecoder.census)
            #expect(controls == bytes.filter(TextDecoder.isControlByte).count)
            #expect(ascii == bytes.allSatisfy { $0 < 0x80 })
            #expect(valid == (String(validating: bytes, as: UTF8.self) != nil))
            // The invisible characters it notes are those the line cleaner would search for.
            let invisible = bytes.withUnsafeBufferPointer { WhitespaceNormalization.hasInvisible($0) }
            #expect(bytes.withUnsafeBufferPointer(TextDecoder.scan).invisible == invisible)
            var scratch = Counters(), mayHaveInvisible = false
            let (decoded, _) = TextDecoder.decodeLineToUTF8(bytes, counters: &scratch, mayHaveInvisible: &mayHaveInvisible)
            #expect(mayHaveInvisible || !decoded.withUnsafeBufferPointer { WhitespaceNormalization.hasInvisible($0) })
        }
    }
}

@Suite struct UTF8BytesTests {
    /// Byte search, scalar reading and the backward step agree with plain Swift on any bytes.
    @Test func searchAndScalarsAgreeWithTheStandardLibrary() async {
        // (Three-byte forms the fast reading must leave to the full one: overlong, surrogate, cut short.)
        let pieces: [[UInt8]] = [[0x41], [0x20], Array("中".utf8), Array("，".utf8), Array("“".utf8), [0xE2, 0x80, 0x8B], [0xEF, 0xBB, 0xBF], [0xE2], [0x80], [0xFF], Array("🙂".utf8),
                                 [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8], Array("é".utf8)]
        let gen = Gen.int(in: 0 ... pieces.count - 1).array(of: 0 ... 30)
        await propertyCheck(input: gen, Gen.int(in: 0 ... pieces.count - 1).array(of: 1 ... 3)) { picks, needlePicks in
            let bytes = picks.flatMap { pieces[$0] }, needle = needlePicks.flatMap { pieces[$0] }
            let naive = bytes.count >= needle.count && (0 ... bytes.count - needle.count).contains { Array(bytes[$0 ..< $0 + needle.count]) == needle }
            bytes.withUnsafeBufferPointer { p in
                #expect(UTF8Bytes.contains(p, needle) == naive)
                // The word-at-a-time scans find what a byte loop finds, from every start.
                for start in 0 ... p.count {
                    #expect(UTF8Bytes.nextASCII(p, from: start) == (start ..< p.count).first { p[$0] < 0x80 } ?? p.count)
                    let a = needle[0], b = needle[needle.count - 1]
                    #expect(UTF8Bytes.firstIndex(of: a, or: b, in: p, from: start) == (start ..< p.count).first { p[$0] == a || p[$0] == b } ?? p.count)
                }
                // Reading forward scalar by scalar gives what the standard library's repairing decoder gives.
                var scalars: [UInt32] = [], ends: [Int] = []
                var i = 0
                while i < p.count { let (v, n) = UTF8Bytes.scalar(p, at: i); scalars.append(v); i += n; ends.append(i) }
                // The whole line read at once (`scalars`, the repairs' decoder) reads the same.
                #expect(UTF8Bytes.scalars(p).map(\.value) == scalars)
                let decoded = String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value)
                if decoded.contains(0xFFFD) {
                    #expect(scalars.contains(0xFFFD))
                } else {
                    #expect(scalars == decoded)
                    // And backwards, from each scalar's end.
                    #expect(ends.map { UTF8Bytes.scalar(p, endingAt: $0).value } == decoded)
                }
            }
        }
    }

    /// `write` replaces the output with the scalars' UTF-8, characters of every length.
    /// A String made from bytes known to be valid is the String their validation makes, and
    /// every cleaned line is such bytes (what civ-clean makes its lines' Strings from).
    @Test func validBytesMakeTheSameString() {
        for text in ["", "abc", "萍乡城事网—萍乡最具影响力门户网站", "鄉(xiāng) 🙂 é\u{301}", "\u{FEFF}x\u{200B}"] {
            let bytes = Array(text.utf8)
            #expect(UTF8Bytes.string(ofValid: bytes) == text)
            #expect(Array(UTF8Bytes.string(ofValid: bytes).utf8) == bytes)
        }
        var counters = Counters(), memory = CleaningMemory(), spare: [UInt8] = []
        for line in ["萍鄉(xiāng)城事網(wǎng),、園區(qū)", "张掖日?qǐng)?bào)", "嵉墓ぷ魍苿\u{A0}(一)企业?", "实打?qū),"] {
            var bytes = Array(line.utf8)
            Support.cleaner.clean(&bytes, spare: &spare, counters: &counters, memory: &memory)
            #expect(String(validating: bytes, as: UTF8.self) != nil)
        }
    }

    @Test func writeGivesTheScalarsUTF8() {
        var output = Array("left over from the line before".utf8)
        for text in ["", "a", "é网🙂", "甘肃张掖 a—b 𠀀"] {
            UTF8Bytes.write(Array(text.unicodeScalars), to: &output)
            #expect(output == Array(text.utf8))
        }
    }
}

/// civ-clean given civ records: their text is cleaned again, their fields kept.
@Suite struct RecordsInTests {
    let seeds = try! Array(Support.seedBytes(Support.seedNames[0])) + Array(Support.seedBytes(Support.seedNames[1]))

    static func serialized(_ records: [Record]) -> [UInt8] { records.flatMap { RecordFormat.serialize($0) } }

    @Test func cleaningCleanedRecordsGivesTheSameBytes() throws {
        let once = Self.serialized(try Support.cleanRecords(seeds).records)
        let (records, rejects, stage) = try Support.cleanRecords(once)
        #expect(Self.serialized(records) == once)
        #expect(rejects.isEmpty)
        #expect(stage.counters["documents.from-records"] == 2)
        #expect(stage.counters["documents.in"] == 2 && stage.counters["documents.out"] == 2)
        // After a byte-order mark and blank lines too.
        let marked = try Support.cleanRecords([0xEF, 0xBB, 0xBF, 0x0A, 0x0A] + once).records
        #expect(Self.serialized(marked) == once)
    }

    @Test func aRecordNotYetCleanedIsCleanedWholeWithItsFieldsKept() throws {
        let raw = Record(fields: [Record.Field(FieldKey.source, "page.txt"), Record.Field("url", "http://example.cn/1")],
                         lines: ["當(dāng)前位置:首頁(yè) > 要聞", "市委書(shū)記調(diào)研,強調(diào)要抓好落實。", "相关阅读："])
        let (records, _, _) = try Support.cleanRecords(RecordFormat.serialize(raw))
        #expect(records.count == 1)
        #expect(records.first?["url"] == "http://example.cn/1")
        #expect(records.first?.lines == ["市委书记调研，强调要抓好落实。"])
        #expect(records.first?[FieldKey.breadcrumb] != nil)
        #expect(records.first?[FieldKey.repairs]?.hasPrefix("pinyin-annotation=5 ") == true)
    }

    @Test func changesToACleanedRecordAreAddedToItsRepairs() throws {
        let cleaned = Record(fields: [Record.Field(FieldKey.source, "-"), Record.Field(FieldKey.repairs, "punctuation=2")],
                             lines: ["市委书记调研,强调要抓好落实"])
        let (records, _, _) = try Support.cleanRecords(RecordFormat.serialize(cleaned))
        #expect(records.first?.lines == ["市委书记调研，强调要抓好落实"])
        #expect(records.first?[FieldKey.repairs] == "punctuation=3")
    }

    @Test func aTruncatedRecordIsPassedOnAndReported() throws {
        let once = Self.serialized(try Support.cleanRecords(seeds).records)
        let cut = Array(once.dropLast(5))
        let (records, _, stage) = try Support.cleanRecords(cut)
        #expect(records.count == 2)
        #expect(records.last?["truncated"] == "yes")
        #expect(stage.counters["input.truncated-record"] == 1)
        #expect(stage.problems.count == 1)
    }
}
