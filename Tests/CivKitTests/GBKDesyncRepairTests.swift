import Foundation
import Testing
@testable import CivKit
import CICU

/// Desynchronises GBK text as a crawl does (and as `scripts/make-corpus`'s `gbk_desync`): the first
/// byte of the character at `start` lost, the bytes after it read in pairs as ICU's GB18030 reads
/// them (the user-defined areas as private use) up to the first ASCII character, which sets the
/// reading right again: a first byte before it read as U+FFFD, or with it as one character when
/// it is a valid second byte (0x40–0x7E); a lone first byte at the line's end read as U+FFFD.
/// (GB18030's four-byte sequences, a first byte and a digit, are not made here.)
enum Desync {
    static let gbk = GBKPairs.shared

    static func damage(_ text: [Unicode.Scalar], from start: Int) -> [Unicode.Scalar]? {
        var bytes: [UInt8] = []
        for c in text[start...] {
            if c.value < 0x80 { bytes.append(UInt8(c.value)); continue }
            guard let b = gbk.bytes(of: c) else { return nil }
            bytes += [b.lead, b.trail]
        }
        var odd: [Unicode.Scalar] = []
        var i = 1
        while i < bytes.count {
            if bytes[i] < 0x80 { odd.append(Unicode.Scalar(bytes[i])); i += 1; continue }
            if i + 1 < bytes.count, let c = gbk.character(lead: bytes[i], trail: bytes[i + 1]) {
                odd.append(c)
                i += 2
            } else {
                odd.append("\u{FFFD}")
                i += 1
            }
        }
        return Array(text[..<start]) + odd
    }
}

@Suite struct GBKDesyncRepairTests {
    let repair = GBKDesyncRepair(converter: try! TraditionalToSimplified())

    func run(_ line: String) -> (String, Counters) {
        var counters = Counters()
        return (repair.repair(line, counters: &counters), counters)
    }

    @Test func pairTable() {
        let gbk = GBKPairs.shared
        #expect(gbk.bytes(of: "的")! == (0xB5, 0xC4))
        #expect(gbk.character(lead: 0xC4, trail: 0xB9) == "墓")
        #expect(gbk.character(lead: 0xA4, trail: 0xD7) == "ぷ")
        #expect(gbk.character(lead: 0xE9, trail: 0x5F) == "開")  // a second byte in ASCII's range
        #expect(gbk.character(lead: 0xAA, trail: 0xA1) == "\u{E000}")   // user-defined area: private use
        #expect(gbk.character(lead: 0xA1, trail: 0x7F) == nil)
        #expect(gbk.bytes(of: "a") == nil)
    }

    /// The table is read from ICU in one call; it must be what reading each pair alone gives.
    @Test func pairTableReadInBulkMatchesPairByPair() {
        var bulk = [UInt16](repeating: 0, count: 126 * 191), single = bulk
        #expect(civ_gbk_pair_table(&bulk) == 0)
        #expect(civ_gbk_pair_table_one_by_one(&single) == 0)
        #expect(bulk == single)
        #expect(single.filter { $0 != 0 }.count > 23_000)
    }

    /// The characters listed per first and per second byte (once, at start) are the pairs that
    /// decode, in byte order.
    @Test func charactersPerByteAreThePairsThatDecode() {
        let gbk = Desync.gbk
        for lead in UInt8(0x81) ... 0xFE {
            #expect(gbk.characters(lead: lead) == (UInt8(0x40) ... 0xFE).compactMap { gbk.character(lead: lead, trail: $0) })
        }
        for trail in UInt8(0x40) ... 0xFE {
            #expect(gbk.characters(trail: trail) == (UInt8(0x81) ... 0xFE).compactMap { gbk.character(lead: $0, trail: trail) })
        }
        #expect(gbk.characters(lead: 0x80).isEmpty && gbk.characters(trail: 0x3F).isEmpty && gbk.characters(trail: 0xFF).isEmpty)
        #expect(gbk.characters(lead: 0xB5).contains("的") && gbk.characters(trail: 0xC4).contains("的"))
    }

    /// BRIEF's run (`墓ぷ魍` for 的工作推), read one byte late from 市 on to the line's end: no
    /// ASCII sets the reading right before it.
    @Test func briefExample() {
        let damaged = "要切实做好全械墓ぷ魍平\u{E236}\u{E0E3}繁Ｈ〉檬敌А\u{FFFD}"
        #expect(Desync.damage(Array("要切实做好全市的工作推进，确保取得实效。".unicodeScalars), from: 6) == Array(damaged.unicodeScalars))
        let (out, counters) = run(damaged)
        #expect(out == "要切实做好全市的工作推进，确保取得实效。", "\(out)")
        #expect(counters["gbk-desync.repaired"] == 1)
    }

    /// Runs made as `scripts/make-corpus` makes them: on to ASCII or the line's end, the halves at
    /// both ends completed.
    @Test func generatedRuns() {
        func damaged(_ line: String, from start: Int) -> String {
            String(String.UnicodeScalarView(Desync.damage(Array(line.unicodeScalars), from: start)!))
        }
        #expect(damaged("。 由于被启动的 shell 不需要重新读取配置", from: 2) == "。 捎诒黄舳\u{E1EA}\u{FFFD} shell 不需要重新读取配置")
        for (line, start) in [("。 由于被启动的 shell 不需要重新读取配置", 2), ("市委召开常委会议，研究部署全国文明城市创建工作。", 9),
                              ("系统管理员可以使用这个命令检查文件系统的错误。", 7)] {
            #expect(run(damaged(line, from: start)).0 == line)
        }
        #expect(run(damaged("他们当前的工作是分配端口号时, 指定端口", from: 1)).0.contains("他们当前的工作是分配端口号"))
    }

    /// A run goes on to ASCII or the line's end (a decoder off by one stays so in double-byte
    /// text): one that would end inside it, the text after it in step, would need a second byte
    /// lost. Not read as one, nor are its odd characters read as a run ending further on.
    @Test func runsEndOnlyWhereTheReadingComesRightAgain() {
        let (out, counters) = run("要切实做好全市嵉墓ぷ魍苿进，确保取得实效。")
        #expect(out == "要切实做好全市嵉墓ぷ魍苿进，确保取得实效。")
        #expect(counters["gbk-desync.repaired"] == 0)
        // Inside the run, the odd characters read `。` (场； is B3A1 A3BB: A1 A3) and the run goes on.
        let line = Array("周边还有一个大卖场；去机场比较方便。".unicodeScalars)
        let damaged = Desync.damage(line, from: 4)!
        #expect(damaged.contains("。"))
        #expect(run(String(String.UnicodeScalarView(damaged))).0.hasSuffix("去机场比较方便。"))
    }

    /// A long paragraph without ASCII: every suspect's chain goes on to its end, through text that
    /// reads odd shifted; the run at the end is found once, and the suspects before it are not
    /// read again chain by chain.
    @Test func runAtTheEndOfALongParagraph() {
        let prefix = String(repeating: "市委召开常委会议，研究部署全国文明城市创建工作，饕餮之徒也来了。", count: 12)
        let line = Array((prefix + "要切实做好全市的工作推进，确保取得实效。").unicodeScalars)
        let damaged = Desync.damage(line, from: prefix.unicodeScalars.count + 6)!
        let (out, counters) = run(String(String.UnicodeScalarView(damaged)))
        #expect(out == String(String.UnicodeScalarView(line)))
        #expect(counters["gbk-desync.repaired"] == 1)
    }

    /// A mirror that converts its pages to traditional converts a run's odd characters too (here
    /// 鞑, the pair of 各's second byte and 部's first, became 韃), whose bytes are then no longer
    /// the run's: the run is read up to it.
    @Test func runIsReadUpToAnOddCharacterConvertedToTraditional() {
        let damaged = "市委召开常委会议，芯坎渴鹑\u{E076}\u{E31D}拿鞒鞘写唇üぷ鳎\u{E0ED}\u{E026}蟾韃棵\u{FFFD} 10 月底前完成整改。"
        let (out, counters) = run(damaged)
        #expect(out.hasPrefix("市委召开常委会议，研究部署全国文明城市创建工作，要求"), "\(out)")
        #expect(counters["gbk-desync.repaired"] == 1)
    }

    /// A run of one odd character before U+FFFD is both halves: the pair making a word is chosen
    /// together (人 known by its second byte, 员 by its first).
    @Test func halvesOfAShortRunAreChosenTogether() {
        let line = Array("他们的工作人员 24 小时值班。".unicodeScalars)
        let damaged = Desync.damage(line, from: 5)!
        #expect(String(String.UnicodeScalarView(damaged)) == "他们的工作嗽\u{FFFD} 24 小时值班。")
        let (out, counters) = run(String(String.UnicodeScalarView(damaged)))
        #expect(out == "他们的工作人员 24 小时值班。")
        #expect(counters["gbk-desync.repaired"] == 1)
    }

    /// The real form: a traditional page, its run broken off at a second byte in ASCII's range
    /// (開 is E9 5F: `拈_` then `始` read in step again).
    @Test func traditionalRunEndingInASCIIByte() {
        let damaged = Array("這是秋天".unicodeScalars) + Desync.damage(Array("，意味著秋天的開始，".unicodeScalars), from: 0)!
        let out = run(String(String.UnicodeScalarView(damaged))).0
        #expect(out.contains("秋天的開"), "\(out)")
    }

    /// A run holding GBK's user-defined cells (private use, as ICU reads them) is proven damage:
    /// repaired on a smaller margin, exactly here.
    @Test func privateUseRunIsRepaired() {
        let line = Array("城管部门开展了整治行动, 效果明显。".unicodeScalars)
        let damaged = String(String.UnicodeScalarView(Desync.damage(line, from: 4)!))
        #expect(damaged == "城管部门\u{E034}沽苏\u{E383}涡卸\u{FFFD}, 效果明显。")
        let (out, counters) = run(damaged)
        #expect(out == "城管部门开展了整治行动, 效果明显。")
        #expect(counters["gbk-desync.repaired"] == 1)
        #expect(run("全市舷鹿餐\u{E0E0}\u{E0DC} 推进文明城市创建。").0 == "全市上下共同努力 推进文明城市创建。")
    }

    /// U+FFFD after a run is its last character's second byte, read before ASCII: it goes with the
    /// run. U+FFFD after an ordinary character is a character lost outright: left.
    @Test func replacementCharacterEndsARun() {
        let damaged = Desync.damage(Array("请大家使用 ls 命令查看。".unicodeScalars), from: 2)!
        #expect(String(String.UnicodeScalarView(damaged)) == "请大沂褂\u{FFFD} ls 命令查看。")
        #expect(run(String(String.UnicodeScalarView(damaged))).0 == "请大家使用 ls 命令查看。")
        let (out, counters) = run("的种类。屏\u{FFFD}(通常)太小")
        #expect(out == "的种类。屏\u{FFFD}(通常)太小")
        #expect(counters["gbk-desync.repaired"] == 0)
    }

    /// Big5 read as GBK holds private-use characters too, all along the line: not a run.
    @Test func big5ReadAsGBKIsLeftAlone() {
        // 住在這裡很方便，服務也很好，早餐種類不多。 in Big5, decoded as GB18030.
        let line = "\u{E795}\u{E6C8}硂柑\u{E099}よ獽\u{E4C7}狝叭\u{E603}\u{E099}\u{E6D4}\u{E4C7}Ν繺贺摸ぃ\u{E6CE}\u{E4C9}"
        let (out, counters) = run(line)
        #expect(out == line)
        #expect(counters["gbk-desync.repaired"] == 0)
    }

    /// Private use is also an icon font's glyph on a page: beside words, or inside one, it is not
    /// a run's.
    @Test func iconGlyphsInProseAreLeftAlone() {
        for line in ["\u{E60A} 分享到：微信 微博", "\u{E65C}首页\u{E6A2}新闻中心\u{E6A2}正文", "\u{E600} 点赞 \u{E601} 收藏",
                     "\u{E626}上一篇：市委召开常委会议", "设置窗口的宽\u{E61C}度和高度", "市委\u{E600}召开常委会议"] {
            let (out, counters) = run(line)
            #expect(out == line)
            #expect(counters["gbk-desync.repaired"] == 0)
        }
    }

    @Test func proseIsLeftAlone() {
        for line in ["市委常委、宣传部长聂晓葵深入安源区督导文明创建。",
                     "他说，要把经验分享到基层，扫一扫二维码就能学习。",
                     "饕餮、魑魅魍魉、耄耋之年，都是生僻的词。",
                     "東京都の学校で国語の授業",
                     "我都快烦死了啦，怎么办呢？",
                     "鄉(xiāng)鎮(zhèn)、園區(qū)",
                     "ΑΒΓ αβγ，┌─┐，①②③"] {
            let (out, counters) = run(line)
            #expect(out == line)
            #expect(counters["gbk-desync.repaired"] == 0)
        }
    }

    @Test func cheapTestSkipsOrdinaryLines() {
        var line = Array("市委召开会议，研究部署创建全国文明城市工作。".utf8)
        #expect(!line.withUnsafeBufferPointer { repair.mayHaveRun($0) })
        line = Array("嵉墓ぷ魍".utf8)
        #expect(line.withUnsafeBufferPointer { repair.mayHaveRun($0) })
    }

    /// The byte scan says what a search of the decoded line for a suspect says, wherever the
    /// suspect stands (first, last, after two- and four-byte characters).
    @Test func cheapTestIsTheSearchForASuspect() {
        let pieces = ["a", " ", "é", "ж", "的", "工作", "嵉", "ぷ", "\u{E1EA}", "\u{FFFD}", "𠀀", "，", "Ω"]
        var generator = SplitMix(state: 7)
        for _ in 0 ..< 2000 {
            let text = (0 ..< Int(generator.next() % 8)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let line = Array(text.utf8)
            let expected = text.unicodeScalars.contains { repair.isSuspect($0.value) }
            #expect(line.withUnsafeBufferPointer { repair.mayHaveRun($0) } == expected, "\(text)")
        }
    }

    /// A byte's candidates made once are those made from its characters each time, and the
    /// commonest lone ones are the first by (frequency descending, code ascending).
    @Test func halfCandidatesOfAByteAreItsCharacters() {
        let gbk = GBKPairs.shared
        for byte: UInt8 in [0xA1, 0xB5, 0xC4, 0xD8, 0xE9, 0x56, 0x78] {
            for simplifiedLine in [false, true] {
                for (made, characters) in [(repair.halfCandidates(lead: byte, simplifiedLine: simplifiedLine), gbk.characters(lead: byte)),
                                           (repair.halfCandidates(trail: byte, simplifiedLine: simplifiedLine), gbk.characters(trail: byte))] {
                    let fresh = repair.halfCandidates(repair.inLineScript(characters, simplifiedLine: simplifiedLine))
                    #expect(made.candidates == fresh.candidates)
                    #expect(made.byCode.map(\.code) == fresh.byCode.map(\.code) && made.byCode.map(\.c) == fresh.byCode.map(\.c))
                    #expect(made.commonest == fresh.commonest)
                    let byFrequency = fresh.byCode.sorted {
                        let (a, b) = (SingleCharacterWords.shared.frequency($0.c), SingleCharacterWords.shared.frequency($1.c))
                        return a > b || (a == b && $0.code < $1.code)
                    }
                    #expect(made.commonest == Array(byFrequency.prefix(GBKDesyncRepair.commonCandidates).map(\.code)))
                    for (code, _) in fresh.byCode { #expect(made.codes.contains(code)) }
                }
            }
        }
        // A simplified line's candidates leave out the traditional characters.
        let simplifiedOnly = repair.halfCandidates(lead: 0xE9, simplifiedLine: true).candidates
        #expect(simplifiedOnly.count < repair.halfCandidates(lead: 0xE9, simplifiedLine: false).candidates.count)
    }

    /// Scoring a text already simplified is scoring it as it stands.
    @Test func scoringSimplifiedTextIsScoringTheText() {
        for text in ["張掖日報", "的工作推", "嵉墓ぷ魍", "市委召開會議", ""] {
            let scalars = Array(text.unicodeScalars)
            #expect(repair.score(simplified: scalars.map(repair.simplified)) == repair.score(scalars))
        }
    }

    /// A word's score is measured against the repair's own lexicon's total (stored once), not the
    /// bundled one's.
    @Test func wordScoreIsMeasuredAgainstTheRepairsLexicon() {
        let small = GBKDesyncRepair(lexicon: Lexicon(entries: [("工作", 30), ("推进", 10)]))
        let logTotal = log(40.0)
        #expect(abs(small.wordScore(30, length: 2) - (log(30.0) - logTotal + 2 * (logTotal + GBKDesyncRepair.singlePenalty))) < 1e-12)
        #expect(small.wordScore(30, length: 2) != repair.wordScore(30, length: 2))
    }

    @Test func lineCleanerRunsItBeforeConversion() throws {
        let cleaner = try LineCleaner.standard()
        var counters = Counters()
        #expect(cleaner.clean("。 捎诒黄舳\u{E1EA}\u{FFFD} shell 不需要重新读取配置", counters: &counters).contains("由于被启动的"))
        #expect(counters["gbk-desync.repaired"] == 1)
        let exact = try LineCleaner.standard(icuExact: true)
        #expect(exact.clean("。 捎诒黄舳的 shell").contains("捎诒黄舳"))
    }

    // MARK: Property tests on real simplified prose (scripts/make-corpus simplified)

    static func corpusLines(_ variable: String = "CIV_SIMPLIFIED_CORPUS") -> [[Unicode.Scalar]]? {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        var generator = SplitMix(state: 17)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { Array($0.unicodeScalars) }
            .filter { line in line.count >= 40 && line.count <= 300 && line.filter { ScalarClass.isHan($0) }.count >= 20 }
            // The man pages hold real desynchronised runs, their invalid pairs written `?`
            // (`ICMP?嘈停?蛘呤悄掣鲇擅??`): not undamaged prose.
            .filter { line in !line.indices.dropFirst().dropLast().contains { line[$0] == "?" && line[$0 - 1].value > 0x7F && line[$0 + 1].value > 0x7F } }
            // Nor are the reviews holding private-use characters or U+FFFD (Big5 read as GBK).
            .filter { line in !line.contains(where: GBKDesyncRepair.isOnlyInRuns) }
        var chosen = Set<Int>()
        while chosen.count < min(400, lines.count) { chosen.insert(Int(generator.next() % UInt64(lines.count))) }
        return chosen.sorted().map { lines[$0] }
    }

    static let hint = "set CIV_SIMPLIFIED_CORPUS to simplified prose, e.g. `scripts/make-corpus simplified 1 /tmp/s.txt` (scripts/test does)"

    /// Undamaged simplified prose never changes.
    @Test func undamagedProseNeverChanges() throws {
        guard let lines = Self.corpusLines() else { Issue.record("CIV_SIMPLIFIED_CORPUS is not set: \(Self.hint)"); return }
        for line in lines {
            var counters = Counters()
            let text = String(String.UnicodeScalarView(line))
            #expect(repair.repair(text, counters: &counters) == text)
        }
    }

    /// Undamaged traditional prose never changes either (`CIV_T2S_CORPUS`, which scripts/test sets).
    @Test func undamagedTraditionalProseNeverChanges() throws {
        guard let lines = Self.corpusLines("CIV_T2S_CORPUS") else { Issue.record("CIV_T2S_CORPUS is not set: scripts/test sets it"); return }
        #expect(lines.count >= 300)
        for line in lines {
            var counters = Counters()
            let text = String(String.UnicodeScalarView(line))
            #expect(repair.repair(text, counters: &counters) == text)
        }
    }

    /// Desynchronised prose comes back: many runs exactly, and far fewer wrong Han characters.
    @Test func desyncedProseComesBack() throws {
        guard let lines = Self.corpusLines() else { Issue.record("CIV_SIMPLIFIED_CORPUS is not set: \(Self.hint)"); return }
        var generator = SplitMix(state: 5)
        var damagedCount = 0, exact = 0, errorsBefore = 0, errorsAfter = 0
        for line in lines {
            let han = line.indices.filter { ScalarClass.isHan(line[$0]) }
            let start = han[Int(generator.next() % UInt64(han.count - 12))]
            guard let damaged = Desync.damage(line, from: start), damaged != line else { continue }
            damagedCount += 1
            let out = Array(run(String(String.UnicodeScalarView(damaged))).0.unicodeScalars)
            func hanText(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] { s.filter { ScalarClass.isHan($0) } }
            if hanText(out) == hanText(line) { exact += 1 }
            errorsBefore += editDistance(hanText(damaged), hanText(line))
            errorsAfter += editDistance(hanText(out), hanText(line))
        }
        #expect(damagedCount > 300)
        #expect(Double(exact) / Double(damagedCount) >= 0.4, "\(exact) of \(damagedCount) restored exactly")
        #expect(Double(errorsAfter) <= 0.25 * Double(errorsBefore), "Han errors \(errorsBefore) → \(errorsAfter)")
    }

    func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0 ... b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// A run on a page a mirror converted to traditional and annotated after the damage: its odd
/// characters converted (`韉`, `攪`) and annotated too, which broke it at each of them.
@Suite struct MirroredRunTests {
    static let converter = try! TraditionalToSimplified()
    let repair = GBKDesyncRepair(converter: MirroredRunTests.converter)

    /// 我们今天的工作得到了全面推进… desynchronised from 的, then through OpenCC s2tw, with pinyin
    /// after some of the converted characters (`scripts/make-corpus`'s damage, `all` mix).
    static let damaged = "我們今天墓ぷ韉(jiān)玫攪(jiǎo)巳嬙平蠹葉(yè)己藶庹庋慕峁"

    @Test func aConvertedAndAnnotatedRunIsReadAsBeforeTheMirror() {
        var counters = Counters()
        let out = repair.repair(Self.damaged, counters: &counters)
        #expect(out.hasPrefix("我們今天的工作得到了"))
        #expect(!out.contains("(jiān)") && !out.contains("(jiǎo)"))
        #expect(counters["gbk-desync.repaired"] >= 1)
    }

    /// The view leaves out the annotations and reads back the converted characters no odd
    /// character of simplified text can be; where each stood is kept for the repairs.
    @Test func theViewReadsBackWhatTheMirrorChanged() throws {
        let s = Array(Self.damaged.unicodeScalars)
        let view = try #require(MirroredText(s, converter: Self.converter, isSuspect: { _ in true }))
        #expect(!view.text.contains("("))
        #expect(view.text.count + "(jiān)(jiǎo)(yè)".unicodeScalars.count == s.count)
        #expect(view.origin.count == view.text.count + 1 && view.origin.last == s.count)
        // 韉, annotated (it was on the page the mirror converted), is read as 鞯.
        #expect(view.text.contains("鞯"))
        // Plain simplified text, and a run's own odd characters, are read as they are.
        #expect(MirroredText(Array("我们今天的工作得到了全面推进".unicodeScalars), converter: Self.converter, isSuspect: { _ in true }) == nil)
        #expect(MirroredText(Array("每项必胧且桓鯱NIX路径".unicodeScalars), converter: Self.converter, isSuspect: { _ in true }) == nil)
    }

    /// The view notes where its suspects stand as it writes them (the run search looks there
    /// alone): the places a search of its text finds, whether the line's were given or not.
    @Test func theViewNotesWhereItsSuspectsStand() throws {
        let s = Array(Self.damaged.unicodeScalars)
        let lineSuspects = s.indices.filter { repair.isSuspect(s[$0].value) }
        let view = try #require(MirroredText(s, suspectsAt: lineSuspects, converter: Self.converter, isSuspect: repair.isSuspect))
        #expect(!view.suspectsAt.isEmpty)
        #expect(view.suspectsAt == view.text.indices.filter { repair.isSuspect(view.text[$0].value) })
        #expect(MirroredText(s, converter: Self.converter, isSuspect: repair.isSuspect)?.suspectsAt == view.suspectsAt)
    }
}

/// NFKC spelt a run's numbered forms in ASCII (`⒔` as `13.`), breaking the run there; the view
/// reads them as the forms, where they are glued between double-byte characters.
@Suite struct MirroredNumberedFormTests {
    @Test func numberedFormsGluedInARunAreReadAsThemselves() {
        let s = Array("課壞牟≈13.膊煌墓勿鶚(è)侄".unicodeScalars)
        let at = s.firstIndex(of: "1")!
        #expect(MirroredText.numberedForm(s, at: at)! == ("⒔", at + 3))
        let p = Array("婷畹牡紜(4)頌甯芯".unicodeScalars)
        #expect(MirroredText.numberedForm(p, at: p.firstIndex(of: "(")!)!.0 == "⑷")
        // Not with a space or ASCII beside it, nor beyond 20.
        #expect(MirroredText.numberedForm(Array("第 13.章".unicodeScalars), at: 2) == nil)
        #expect(MirroredText.numberedForm(Array("第21.章".unicodeScalars), at: 1) == nil)
        #expect(MirroredText.numberedForm(Array("共13.5元".unicodeScalars), at: 1) == nil)
    }
}

/// A run of one odd character: the byte lost was the first of the last character before ASCII,
/// whose second byte read with the ASCII character after it as one character (`的K` as `腒`).
@Suite struct GBKDesyncSwallowedASCIITests {
    let repair = GBKDesyncRepair(converter: try! TraditionalToSimplified())

    func run(_ line: String) -> (String, Counters) {
        var counters = Counters()
        return (repair.repair(line, counters: &counters), counters)
    }

    @Test func oneOddCharacterThatTookTheASCIIAfterIt() {
        let line = Array("启动虚拟机以后，请运行这台主机的KVM模块。".unicodeScalars)
        let at = line.firstIndex(of: "K")! - 1
        let damaged = String(String.UnicodeScalarView(Desync.damage(Array(line[..<at]) + Array(line[at...]), from: at)!))
        #expect(damaged == "启动虚拟机以后，请运行这台主机腒VM模块。")
        let (out, counters) = run(damaged)
        #expect(out == String(String.UnicodeScalarView(line)), "\(out)")
        #expect(counters["gbk-desync.repaired"] == 1)
    }

    /// A short run whose last pair took the ASCII character after it is found by that pair too
    /// (`蛘逧DITOR` for 或者EDITOR: the shifted characters alone make no word to see it by).
    @Test func shortRunsThatTookTheASCIIAfterThem() {
        for (line, at) in [("如果没有设置VISUAL或者EDITOR环境变量，就使用默认的编辑器。", "或"), ("在配置文件中，如果name不存在就初始化它。", "如"),
                           ("这台电脑的内存是三星DDR3的，运行很快。", "星")] {
            let scalars = Array(line.unicodeScalars)
            let damaged = String(String.UnicodeScalarView(Desync.damage(scalars, from: scalars.firstIndex(of: Unicode.Scalar(at)!)!)!))
            #expect(damaged != line)
            let (out, counters) = run(damaged)
            #expect(out == line, "\(damaged) -> \(out)")
            #expect(counters["gbk-desync.repaired"] == 1)
        }
    }

    /// A rare character of the text before ASCII stays.
    @Test func rareCharacterBeforeASCIIStays() {
        for line in ["她喜欢胤禛 这样的人。", "这种鱼叫鲃Kit，产于南方。"] {
            let (out, counters) = run(line)
            #expect(out == line)
            #expect(counters["gbk-desync.repaired"] == 0)
        }
    }
}

/// A run's last character before ASCII ends a word there: the character model's boundary after it
/// counts (设置[为] before `yes`, not 设置[我]).
@Suite struct GBKDesyncLastCharacterBeforeASCIITests {
    let repair = GBKDesyncRepair(converter: try! TraditionalToSimplified())

    @Test func lastCharacterBeforeALatinWord() {
        for (line, start) in [("你可以把这些选项设置为 yes 或者 no。", 7)] {
            let damaged = String(String.UnicodeScalarView(Desync.damage(Array(line.unicodeScalars), from: start)!))
            var counters = Counters()
            let out = repair.repair(damaged, counters: &counters)
            #expect(out == line, "\(damaged) -> \(out)")
        }
    }
}
