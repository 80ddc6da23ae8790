import Foundation
import Testing
@testable import CivKit

/// The shortcuts civ-clean takes for speed give what the long way gives: the regex memo, the
/// keyword-less rule lists, the digit skip of `hasDate`.
@Suite struct SpeedPathTests {
    /// The memo answers a text met before with the handle's own answer, never another handle's,
    /// also once handles are closed and others opened (perhaps at the same address), and for texts
    /// that differ in one byte or only in length.
    @Test func regexMemoKeepsEachHandlesOwnAnswers() throws {
        let texts = ["相关分类", "相关分类您当前的位置", "您当前的位置：首页", "相关分类 ", "相关分", ""].map { Array($0.utf8) }
        for round in 0 ..< 50 {
            let patterns = ["相关分类$", "^您当前", "位置", "^相关分\(round % 2 == 0 ? "类" : "")"]
            let regexes = try patterns.map { try ICURegex($0) }
            for _ in 0 ..< 2 {
                for text in texts {
                    for (regex, pattern) in zip(regexes, patterns) {
                        let fresh = try ICURegex(pattern)
                        let expected = text.withUnsafeBufferPointer { fresh.firstMatchEnd(in: $0) }
                        #expect(text.withUnsafeBufferPointer { regex.firstMatchEnd(in: $0) } == expected, "\(pattern) on \(String(decoding: text, as: UTF8.self))")
                    }
                }
            }
        }
    }

    /// More distinct texts than the memo holds: evicted answers are searched again, right.
    @Test func regexMemoUnderEviction() throws {
        let regex = try ICURegex("^第\\d+7条$")
        for pass in 0 ..< 2 {
            for n in 0 ..< 20_000 {
                let text = Array("第\(n)条".utf8)
                let end = text.withUnsafeBufferPointer { regex.firstMatchEnd(in: $0) }
                #expect(end == (n % 10 == 7 && n >= 10 ? text.count : nil), "pass \(pass), \(n)")
            }
        }
    }

    /// Every line of the labelled pages, at every zone: the rule the keyword-less lists and the
    /// openings (`RulePrefilter.openingBit`) give is the one the full candidate lists give.
    @Test func keywordlessCandidatesTakeTheSameRule() {
        let rules = BoilerplateRules.standard
        var lines: [[UInt8]] = []
        for page in LabelledPagesTests.pages + LabelledPagesTests.pages(in: "testdata/pages/heldout") {
            LineEnds.forEachLine(in: page.bytes) { lines.append(Array($0)) }
        }
        lines += ["鲜花 握手 雷人 路过 鸡蛋", "0 人参与互动", "相关分类", "您当前的位置 : 中国张掖网 >> 问政 >>", "2023-01-02 来源：某某网"].map { Array($0.utf8) }
        #expect(lines.count > 500)
        var taken = 0
        for line in lines where line.count <= BoilerplateRules.maxLineBytes {
            line.withUnsafeBufferPointer { p in
                let keywords = rules.keywords(in: p)
                for (index, count) in [(0, 40), (3, 40), (20, 40), (38, 40), (1, 3)] {
                    let takes: (Int) -> Bool = { r in !rules.rules[r].spansTwoLines && rules.rules[r].matches(p, keywords: keywords) }
                    let full = rules.firstCandidate(index: index, count: count, firstByte: p.first ?? 0, where: takes)
                    let short = rules.firstCandidate(index: index, count: count, line: p, keywords: { keywords }, where: takes)
                    #expect(full == short, "\(String(decoding: p, as: UTF8.self)) at \(index) of \(count)")
                    if full != nil { taken += 1 }
                }
            }
        }
        #expect(taken > 50)
    }

    /// `hasDate` skips eight digit-free bytes at a time: it agrees with the byte loop on lines
    /// whose dates fall at every offset.
    @Test func hasDateAgreesWithTheByteLoop() {
        func slow(_ line: [UInt8]) -> Bool {
            var run = 0
            for (i, b) in line.enumerated() {
                if b >= 0x30 && b <= 0x39 { run += 1; continue }
                if run == 4 {
                    var j = i
                    if b == 0x2D || b == 0x2F || b == 0x2E { j += 1 } else if line[i...].starts(with: BylineNamedPageStart.year) { j += 3 } else { j = -1 }
                    if j > 0, j < line.count, line[j] >= 0x30 && line[j] <= 0x39 { return true }
                }
                run = 0
            }
            return false
        }
        var generator = SystemRandomNumberGenerator()
        let pieces = ["2023", "-", "/", ".", "年", "5", "12", "来源", "：", " ", "a", "网", "19", "0"].map { Array($0.utf8) }
        for _ in 0 ..< 5000 {
            var line: [UInt8] = []
            for _ in 0 ..< Int.random(in: 0 ... 14, using: &generator) { line += pieces.randomElement(using: &generator)! }
            let fast = line.withUnsafeBufferPointer { BylineNamedPageStart.hasDate($0) }
            #expect(fast == slow(line), "\(String(decoding: line, as: UTF8.self))")
        }
        #expect(Array("发布时间：2023-01-02".utf8).withUnsafeBufferPointer { BylineNamedPageStart.hasDate($0) })
        #expect(!Array("发布时间：二〇二三年一月".utf8).withUnsafeBufferPointer { BylineNamedPageStart.hasDate($0) })
    }

    /// The summary read on bytes: the label off the front, `.`, `…` and spaces off the end, the
    /// first 24 characters as the probe (a repeat found by them is dropped, else moved whole).
    @Test func summaryCutOnBytes() {
        func summary(_ lines: [String]) -> (String?, [String]) {
            var record = Record(lines: lines)
            var counters = Counters()
            RepeatedSummaryRemoval().repair(&record, counters: &counters)
            return (record[FieldKey.summary], record.lines)
        }
        #expect(summary(["标题", "摘要：本文介绍创建工作的三点经验 ...… ", "正文。"]).0 == "本文介绍创建工作的三点经验")
        #expect(summary(["导读：…", "正文。"]).0 == "")
        #expect(summary(["摘要:a.b…c …", "正文。"]).0 == "a.b…c")
        // 24 characters of the summary found in the body: a repeat.
        let body = "7月19日上午，市委常委、宣传部长聂晓葵深入安源区督导全国文明城市创建。"
        let repeated = summary(["标题", "内容摘要：" + String(body.prefix(30)) + " ...", body])
        #expect(repeated.0 == nil && repeated.1 == ["标题", body])
        // The 24th character differs: no repeat.
        let differing = String(body.prefix(23)) + "X" + String(body.dropFirst(24).prefix(6))
        #expect(summary(["标题", "摘要：" + differing, body]).0 == differing)
    }

    /// `isSentence` and `isProse` walk the marks' lead bytes: they agree with a search for each
    /// mark (`BodyEdges.sentenceMarks`, `CleanStage.sentenceEnds`) on byte strings made of the
    /// marks, their bytes alone (as continuation bytes of other characters: `伂` ends in 82),
    /// broken marks, ASCII and Han, marks at every offset and at the ends.
    @Test func sentenceMarkWalksAgreeWithTheMarkSearch() {
        var generator = SplitMix(state: 12)
        let pieces: [[UInt8]] = ["，", "。", "！", "？", "；", "：", "、", "（", "中", "伂", "a", " "].map { Array($0.utf8) }
            + [[0xEF], [0xE3], [0xBC], [0x80], [0x82], [0x8C], [0x81], [0x9F], [0x9B], [0xEF, 0xBC], [0xE3, 0x80], [0xEF, 0xBC, 0x8D], [0xE3, 0x80, 0x81]]
        for _ in 0 ..< 20_000 {
            var line: [UInt8] = []
            for _ in 0 ..< Int.random(in: 0 ... 10, using: &generator) { line += pieces.randomElement(using: &generator)! }
            line.withUnsafeBufferPointer { p in
                #expect(BodyEdges.isSentence(p) == BodyEdges.sentenceMarks.contains { UTF8Bytes.contains(p, $0) }, "\(line)")
                #expect(CleanStage.isProse(p) == CleanStage.sentenceEnds.contains { UTF8Bytes.contains(p, $0) }, "\(line)")
            }
        }
        #expect(Array("他说，好".utf8).withUnsafeBufferPointer { BodyEdges.isSentence($0) && !CleanStage.isProse($0) })
        #expect(Array("好。".utf8).withUnsafeBufferPointer { BodyEdges.isSentence($0) && CleanStage.isProse($0) })
        #expect(!Array("首页 > 新闻".utf8).withUnsafeBufferPointer { BodyEdges.isSentence($0) })
    }

    /// `PageHeadCut.longestItemMatch` finds the places where the text's first scalar stands by a
    /// byte search: it gives what reading every scalar of the line gives, on lines of items
    /// between separators, brackets, quotes and labels, the text's name at every place.
    @Test func itemMatchSearchAgreesWithTheScalarWalk() {
        func walk(_ text: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> Int {
            var best = 0, j = 0, previous: UInt32 = 0x20
            while j < line.count {
                let (v, length) = UTF8Bytes.scalar(line, at: j)
                if PageHeadCut.isSeparator(previous) || previous == 0x3011 || previous == 0x3E || previous == 0x201D {
                    var a = 0, b = j, scalars = 0, han = 0
                    while a < text.count, b < line.count {
                        let (x, xl) = UTF8Bytes.scalar(text, at: a)
                        let (y, yl) = UTF8Bytes.scalar(line, at: b)
                        guard x == y, xl == yl else { break }
                        if PageHeadCut.isColon(x) { han = 0; break }
                        scalars += 1
                        if ScalarClass.isHan(x) { han += 1 }
                        a += xl
                        b += yl
                    }
                    if han >= PageHeadCut.minMatchHan, !(a < text.count && PageHeadCut.isColon(UTF8Bytes.scalar(text, at: a).value)),
                       !PageHeadCut.itemIsLabel(line, from: j) {
                        best = max(best, scalars)
                    }
                }
                previous = v
                j += length
            }
            return best
        }
        var generator = SplitMix(state: 7)
        let pieces = ["某某", "新闻", "某某新闻网", "网", "首页", " ", " | ", ">", "】", "【", "”", "“", "：", "来源：", "编辑", "a", "2024",
                      "区", "某", "—", "😀", "·"]
        for _ in 0 ..< 5000 {
            var text = "", line = ""
            for _ in 0 ..< Int.random(in: 0 ... 5, using: &generator) { text += pieces.randomElement(using: &generator)! }
            for _ in 0 ..< Int.random(in: 0 ... 12, using: &generator) { line += pieces.randomElement(using: &generator)! }
            let (t, l) = (Array(text.utf8), Array(line.utf8))
            t.withUnsafeBufferPointer { t in
                l.withUnsafeBufferPointer { l in
                    #expect(PageHeadCut.longestItemMatch(t, in: l) == walk(t, in: l), "\(text) in \(line)")
                }
            }
        }
        #expect(Array("某某新闻网".utf8).withUnsafeBufferPointer { t in Array("首页 | 某某新闻".utf8).withUnsafeBufferPointer { PageHeadCut.longestItemMatch(t, in: $0) } } == 4)
    }

    /// `UTF8Bytes.firstIndex(of:in:)` searches by the needle's last byte: it finds the leftmost
    /// match, as a byte loop does, on byte strings with overlapping and partial matches.
    @Test func firstIndexFindsTheLeftmostMatch() {
        func loop(_ needle: [UInt8], _ p: [UInt8]) -> Int? {
            guard !needle.isEmpty else { return 0 }
            guard needle.count <= p.count else { return nil }
            return (0 ... p.count - needle.count).first { Array(p[$0 ..< $0 + needle.count]) == needle }
        }
        var generator = SplitMix(state: 3)
        let pieces: [[UInt8]] = ["首页", "首", "页", "位置", "a", "aa", "中"].map { Array($0.utf8) } + [[0xE9], [0xA6], [0x96]]
        for _ in 0 ..< 20_000 {
            var needle: [UInt8] = [], line: [UInt8] = []
            for _ in 0 ..< Int.random(in: 0 ... 3, using: &generator) { needle += pieces.randomElement(using: &generator)! }
            for _ in 0 ..< Int.random(in: 0 ... 10, using: &generator) { line += pieces.randomElement(using: &generator)! }
            #expect(line.withUnsafeBufferPointer { UTF8Bytes.firstIndex(of: needle, in: $0) } == loop(needle, line), "\(needle) in \(line)")
        }
    }
    /// `BoilerplateRules.opensHead` rules out rules by the first byte: on every tail (from each
    /// scalar on) of the labelled pages' lines and of glued lines written here, it answers as
    /// trying every rule of `headOpeningRules` does.
    @Test func headOpeningsByFirstByteTakeWhatEveryRuleTakes() {
        let rules = BoilerplateRules.standard
        var lines: [[UInt8]] = []
        for page in LabelledPagesTests.pages { LineEnds.forEachLine(in: page.bytes) { lines.append(Array($0)) } }
        lines = Array(lines.prefix(2000))
        lines += ["…二十年。返回", "打开APP", "某某网版权所有无障碍 | 长者模式", "立即下载某某新闻客户端", "繁体 | 无障碍 | 适老化", "登录 | 注册", ""].map { Array($0.utf8) }
        var opened = 0
        for line in lines where line.count <= PageHeadCut.maxLineBytes {
            line.withUnsafeBufferPointer { p in
                var i = 0
                while i <= p.count {
                    let rest = UnsafeBufferPointer(rebasing: p[i...])
                    let every = rules.headOpeningRules.contains { $0.matches(rest) }
                    #expect(rules.opensHead(rest) == every, "\(String(decoding: rest, as: UTF8.self))")
                    if every { opened += 1 }
                    if i == p.count { break }
                    i += UTF8Bytes.scalar(p, at: i).length
                }
            }
        }
        #expect(opened > 0)
    }
}
