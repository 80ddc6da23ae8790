import Foundation
import Testing
@testable import CivKit

/// civ's conversion on top of ICU's table: the exceptions from OpenCC's dictionaries, simplified
/// and Japanese lines left alone, pinyin annotations choosing the character; `--icu-exact` as
/// ICU alone.
enum Choice {
    static let civ = try! TraditionalToSimplified(icuExact: false)
    static let cleaner = Support.cleaner
    static let exact = try! LineCleaner.standard(icuExact: true)
    static let han: (String) -> [Unicode.Scalar] = { $0.unicodeScalars.filter { ScalarClass.isHan($0) } }
}

@Suite struct ConversionExceptionTests {
    @Test func exceptionsFixWhatICUGetsWrongInContext() {
        #expect(Choice.civ.convert("俱樂部") == "俱乐部")
        #expect(Choice.civ.convert("沈先生說") == "沈先生说")
        #expect(Choice.civ.convert("乾隆年間") == "乾隆年间")
        #expect(Choice.civ.convert("乾安縣") == "乾安县")
        #expect(Choice.civ.convert("效果顯著") == "效果显著")
        // ICU alone gets them wrong (what the exceptions are for).
        #expect(T2S.fast.convert("俱樂部") == "具乐部")
        #expect(T2S.fast.convert("乾安縣") == "干安县")
    }

    @Test func exceptionsKeepWhatICUGetsRight() {
        #expect(Choice.civ.convert("甚麼東西？我瞭解了。") == "什么东西？我了解了。")
        #expect(Choice.civ.convert("乾淨的衣服") == "干净的衣服")
        #expect(Choice.civ.convert("看著他") == "看着他")
        #expect(Choice.civ.convert("乾斷食") == "干断食")
    }

    @Test func icuExactIsICUsTableAlone() throws {
        let exact = try TraditionalToSimplified(icuExact: true)
        #expect(exact.ruleCount == T2S.fast.ruleCount)
        for line in ["俱樂部 沈先生 乾隆 顯著 乾安縣", "显著的俱乐部，摔跤", "東京都の学校で国語の授業"] {
            #expect(exact.convert(line) == T2S.icu.transliterate(line))
        }
        var counters = Counters()
        #expect(Choice.exact.clean("显著的俱乐部，摔跤，乾(qián)隆", counters: &counters) == T2S.icu.transliterate("显著的俱乐部，摔跤，乾隆"))
    }

    @Test func mergedOrderPutsLongerExceptionPhrasesFirstAndReplacesCharacterRules() {
        let rule: (String, String) -> (key: ArraySlice<UInt8>, value: ArraySlice<UInt8>) = { (Array($0.utf8)[...], Array($1.utf8)[...]) }
        let merged = TraditionalToSimplified.merging(
            icu: [rule("乾坤", "乾坤"), rule("乾", "干"), rule("乾", "x"), rule("門", "门")],
            exceptions: [rule("乾隆", "乾隆"), rule("乾安縣", "乾安县"), rule("俱", "俱"), rule("乾", "y")])
        let text = merged.map { String(decoding: $0.key, as: UTF8.self) + ">" + String(decoding: $0.value, as: UTF8.self) }
        #expect(text == ["乾安縣>乾安县", "乾隆>乾隆", "乾坤>乾坤", "乾>y", "乾>x", "門>门", "俱>俱"])
    }

    @Test func exceptionsTableNamesSourceAndLicence() throws {
        let text = try #require(DataFile.contents(TraditionalToSimplified.exceptionsName))
        #expect(text.contains("OpenCC") && text.contains("Apache License 2.0") && text.contains("scripts/generate-t2s-exceptions"))
        #expect(DataFile.lines(TraditionalToSimplified.exceptionsName).allSatisfy { $0.split(separator: "\t").count == 2 })
    }
}

/// Left words (`scripts/generate-t2s-exceptions`): a common word that ends on the first character
/// of a phrase rule is an exception phrase itself, so the phrase does not take that character.
@Suite struct LeftWordTests {
    @Test func aWordEndingOnAPhraseRulesFirstCharacterKeepsIt() {
        #expect(Choice.civ.convert("對於單元文件命令") == "对于单元文件命令")  // not the name 於單
        #expect(Choice.civ.convert("作用於單元名稱") == "作用于单元名称")
        #expect(Choice.civ.convert("看著文字") == "看着文字")  // not 著文
        #expect(Choice.civ.convert("就衝著書本身") == "就冲着书本身")  // not 著書
        #expect(Choice.civ.convert("和精美的圖畫一起") == "和精美的图画一起")  // not 畫一 (划一)
        // What ICU's rules and the earlier exceptions gave.
        #expect(T2S.fast.convert("看著文字") == "看著文字")
        #expect(T2S.fast.convert("圖畫一起") == "图划一起")
    }

    @Test func thePhraseRuleDecidesWhereNoWordEndsOnIt() {
        #expect(Choice.civ.convert("於單") == "於单")
        #expect(Choice.civ.convert("他著書立說") == "他著书立说")
        #expect(Choice.civ.convert("整齊畫一") == "整齐划一")
        #expect(Choice.civ.convert("魯迅著有") == "鲁迅著有")
    }

    @Test func whereWordAndPhraseAgreeOnTheSharedCharacterThePhraseDecides() {
        // 學名 (a word) and 名著 both read 名 as 名: the phrase's 著 stands; so does 明瞭's 了.
        #expect(Choice.civ.convert("史學名著") == "史学名著")
        #expect(Choice.civ.convert("如果聲明瞭這個參數") == "如果声明了这个参数")
    }

    /// Every two-character exception that converts as its characters alone is such a word: no
    /// phrase rule beginning on its last character takes that character from it.
    @Test func noPhraseRuleTakesALeftWordsLastCharacter() throws {
        let exceptions = try TraditionalToSimplified.tableRules(TraditionalToSimplified.exceptionsName)
        let phrases = (T2S.rules + exceptions).filter { $0.key.unicodeScalars.count >= 2 }
        var firstOf: [Unicode.Scalar: [String]] = [:]
        for rule in phrases { firstOf[rule.key.unicodeScalars.first!, default: []].append(rule.key) }
        var words = 0
        for rule in exceptions where rule.key.unicodeScalars.count == 2 {
            let scalars = Array(rule.key.unicodeScalars)
            guard rule.value == scalars.map({ Choice.civ.convert(String($0)) }).joined(), let keys = firstOf[scalars[1]] else { continue }
            words += 1
            for key in keys {
                let text = String(scalars[0]) + key
                #expect(Choice.civ.convert(text).hasPrefix(rule.value), "\(text)")
            }
        }
        #expect(words >= 100)
    }
}

@Suite struct SimplifiedTextLeftAloneTests {
    /// Simplified prose written for this test, with the words ICU's table changes on simplified
    /// text (显著, 俱乐部, 摔跤, 姊妹, 乾隆, 慰藉, 倡言, the surname 沈, 乾坤, 著作).
    static let prose = [
        "近年来，全市文明城市创建工作成效显著，群众满意度明显提升。",
        "区老年人俱乐部组织姊妹花舞蹈队参加了社区文艺汇演。",
        "沈阳市民沈建国说，孩子在操场上摔了一跤，老师及时送去了医院。",
        "展览介绍了乾隆年间的城市规划，也展出了一部关于乾坤湾的著作。",
        "他倡言节约，给困难群众带去了慰藉。",
        "这些措施著眼长远，惠及千家万户。",
    ]

    @Test func simplifiedProseKeepsEveryHanCharacter() {
        for line in Self.prose {
            var counters = Counters()
            let cleaned = Choice.cleaner.clean(line, counters: &counters)
            #expect(Choice.han(cleaned) == Choice.han(line), "\(line) → \(cleaned)")
            #expect(counters["traditional"] == 0)
        }
        // ICU alone changes them (what the detection is for).
        #expect(Self.prose.filter { Choice.han(T2S.icu.transliterate($0)) != Choice.han($0) }.count >= 5)
    }

    @Test func simplifiedLinesAreCountedAsLeftAlone() {
        var counters = Counters()
        _ = Choice.cleaner.clean("近年来，全市创建工作成效显著。", counters: &counters)
        _ = Choice.cleaner.clean("萍鄉城事網", counters: &counters)
        _ = Choice.cleaner.clean("没有要转换的字。", counters: &counters)
        #expect(counters["traditional.left-simplified"] == 0)  // 显著 is an exception: nothing to change
        _ = Choice.cleaner.clean("姊姊来了。", counters: &counters)
        #expect(counters["traditional.left-simplified"] == 1)
        #expect(counters["traditional.lines"] == 1)
    }

    @Test func japaneseIsLeftAlone() {
        var counters = Counters()
        #expect(Choice.cleaner.clean("東京都の学校で国語の授業", counters: &counters) == "東京都の学校で国語の授業")
        #expect(counters["traditional.left-japanese"] == 1)
        #expect(Choice.exact.clean("東京都の学校で国語の授業") == "东京都の学校で国语の授业")
    }

    @Test func traditionalAndMixedLinesAreConverted() {
        #expect(Choice.cleaner.clean("萍鄉(xiāng)城事網(wǎng)") == "萍乡城事网")
        #expect(Choice.cleaner.clean("部門負(fù)責人說，效果顯著") == "部门负责人说，效果显著")
        // Characters OpenCC converts by default that simplified text may use: more of them than
        // simplified-only characters make the line traditional.
        #expect(Choice.cleaner.clean("相剋") == "相克")
        #expect(Choice.cleaner.clean("袷袢 袷衣 袷裙；袷袢 夹衣 夹裙") == "袷袢 夹衣 夹裙；袷袢 夹衣 夹裙")
    }

    @Test func verdicts() {
        let detection = ScriptDetection()
        func verdict(_ s: String) -> ScriptDetection.Verdict {
            var t = s
            return t.withUTF8 { detection.verdict($0) }
        }
        #expect(verdict("萍鄉") == .traditional)
        #expect(verdict("显著的俱乐部") == .simplified)
        #expect(verdict("ひらがな東京") == .japanese)
        #expect(verdict("東京都の学校") == .japanese)
        #expect(verdict("東京都カタカナ") == .japanese)
        #expect(verdict("東京・國語") == .traditional)  // the katakana middle dot is no kana
        #expect(verdict("剋") == .traditional)
        #expect(verdict("剋们们") == .simplified)
        #expect(verdict("abc") == .simplified)
    }

    /// Random simplified lines over characters ICU's table changes and simplified text uses (no
    /// traditional-only character; as many simplified-only ones, 们这个说, as leaning ones, 乾):
    /// no Han character changes.
    @Test func randomSimplifiedLinesKeepTheirHanCharacters() {
        let pool = Array("显著俱乐部摔跤姊妹乾隆慰藉倡言沈阳坤著作们这个说发后面干台系里只么云的是一了在人有我他".unicodeScalars)
        let simplifiedOnly = Array("们这个说".unicodeScalars)
        var random = SplitMix(state: 17)
        for _ in 0 ..< 2000 {
            var line = String.UnicodeScalarView()
            for _ in 0 ..< Int(random.next() % 12 + 1) {
                let c = pool[Int(random.next() % UInt64(pool.count))]
                line.append(c)
                if c == "乾" { line.append(simplifiedOnly[Int(random.next() % 4)]) }
            }
            let text = String(line)
            let cleaned = Choice.cleaner.clean(text)
            #expect(Choice.han(cleaned) == Choice.han(text), "\(text) → \(cleaned)")
        }
    }
}

/// A line with no character that tells traditional from simplified text (`他看著我。`) follows
/// its neighbourhood (`ScriptContext`): the line before, or the crawler's annotations.
@Suite struct ScriptContextTests {
    /// The lines cleaned one after another with one memory, as `CleanStage` cleans a stream.
    static func cleanStream(_ lines: [String], counters: inout Counters) -> [String] {
        var memory = CleaningMemory(), spare: [UInt8] = []
        return lines.map { line in
            var bytes = Array(line.utf8)
            Choice.cleaner.clean(&bytes, spare: &spare, counters: &counters, memory: &memory)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    static func cleanStream(_ lines: [String]) -> [String] {
        var counters = Counters()
        return cleanStream(lines, counters: &counters)
    }

    @Test func anUndecidedLineAfterATraditionalOneIsConverted() {
        var counters = Counters()
        #expect(Self.cleanStream(["記者來到現場。", "他看著我。"], counters: &counters) == ["记者来到现场。", "他看着我。"])
        #expect(counters["traditional.by-context"] == 1)
        #expect(counters["traditional.left-simplified"] == 0)
        // Blank lines between keep the neighbourhood; a run of undecided lines follows it on.
        #expect(Self.cleanStream(["記者來到現場。", "", "他看著我。", "乾杯！"]) == ["记者来到现场。", "", "他看着我。", "干杯！"])
    }

    @Test func anUndecidedLineElsewhereIsLeft() {
        var counters = Counters()
        #expect(Self.cleanStream(["他看著我。"], counters: &counters) == ["他看著我。"])
        #expect(counters["traditional.left-simplified"] == 1)
        #expect(counters["traditional.by-context"] == 0)
        // After a simplified line, after a line conversion leaves alone (a date, ASCII), and
        // after a line read as simplified.
        #expect(Self.cleanStream(["记者来到现场。", "他看著我。"]) == ["记者来到现场。", "他看著我。"])
        #expect(Self.cleanStream(["記者來到現場。", "2024-05-01", "他看著我。"]) == ["记者来到现场。", "2024-05-01", "他看著我。"])
        #expect(Self.cleanStream(["記者來到現場。", "效果显著", "他看著我。"]) == ["记者来到现场。", "效果显著", "他看著我。"])
        // Kana is no neighbourhood either.
        #expect(Self.cleanStream(["東京都の学校", "他看著我。"]) == ["東京都の学校", "他看著我。"])
    }

    @Test func anAnnotationAfterACharacterConversionChangesMakesTheLineTraditional() {
        var counters = Counters()
        #expect(Choice.cleaner.clean("他看著(zhe)我。", counters: &counters) == "他看着我。")
        #expect(counters["traditional.by-context"] == 1)
        // An annotation after a character conversion keeps is no such sign.
        #expect(Choice.cleaner.clean("他(tā)看著我。") == "他看著我。")
        // Nor is it for the next line.
        #expect(Self.cleanStream(["你(nǐ)好", "他看著我。"]) == ["你好", "他看著我。"])
    }

    @Test func aPageOfTraditionalTextConvertsItsUndecidedLines() throws {
        let page = "縣委書記到學校調研\n他看著我。\n記者 張三"
        let (records, _, _) = try Support.cleanRecords(Array(page.utf8))
        #expect(records.count == 1)
        #expect(records.first?.text.contains("他看着我。") == true, "\(records.first?.text ?? "")")
    }

    /// Random streams of simplified lines (the pool of `randomSimplifiedLinesKeepTheirHanCharacters`),
    /// cleaned with one memory: no line is read as traditional, so none is converted for its
    /// neighbourhood either.
    @Test func simplifiedStreamsKeepTheirHanCharacters() {
        let pool = Array("显著俱乐部摔跤姊妹乾隆慰藉倡言沈阳坤著作们这个说发后面干台系里只么云的是一了在人有我他".unicodeScalars)
        let simplifiedOnly = Array("们这个说".unicodeScalars)
        var random = SplitMix(state: 29)
        for _ in 0 ..< 200 {
            var lines: [String] = []
            for _ in 0 ..< Int(random.next() % 8 + 2) {
                var line = String.UnicodeScalarView()
                for _ in 0 ..< Int(random.next() % 12 + 1) {
                    let c = pool[Int(random.next() % UInt64(pool.count))]
                    line.append(c)
                    if c == "乾" { line.append(simplifiedOnly[Int(random.next() % 4)]) }
                }
                lines.append(String(line))
            }
            let cleaned = Self.cleanStream(lines)
            #expect(cleaned.map(Choice.han) == lines.map(Choice.han), "\(lines) → \(cleaned)")
        }
    }
}

@Suite struct PinyinChoiceTests {
    @Test func annotationsChooseTheCharacter() {
        #expect(Choice.cleaner.clean("乾(qián)坤") == "乾坤")
        #expect(Choice.cleaner.clean("乾(qián)隆年間") == "乾隆年间")
        #expect(Choice.cleaner.clean("把衣服晾乾(gān)了") == "把衣服晾干了")
        #expect(Choice.cleaner.clean("他看著(zhe)遠方") == "他看着远方")
        #expect(Choice.cleaner.clean("這部著(zhù)作") == "这部著作")
        #expect(Choice.cleaner.clean("乾安縣") == "乾安县")
    }

    @Test func theChoiceDecidesWhereNoPhraseDoes() {
        #expect(Choice.cleaner.clean("乾(qián)字") == "乾字")
        #expect(Choice.exact.clean("乾(qián)字") == "干字")
        // Read after conversion: keyed by the default conversion too.
        var counters = Counters()
        #expect(PinyinChoice().repair("这是着(zhù)，那是干(qián)", counters: &counters) == "这是著，那是乾")
        #expect(PinyinChoice().repair("着(zhe)急，干(gān)净", counters: &counters) == "着(zhe)急，干(gān)净")
    }

    @Test func choicesAreCounted() {
        var counters = Counters()
        _ = Choice.cleaner.clean("乾(qián)坤，著(zhù)名，乾(gān)淨", counters: &counters)
        #expect(counters["pinyin-choice"] == 2)
        #expect(counters["pinyin-annotation"] == 1)
    }

    @Test func simplifiedLineWithAChoiceLosesTheAnnotation() {
        #expect(Choice.cleaner.clean("乾(qián)坤湾") == "乾坤湾")
    }

    @Test func icuExactIgnoresTheChoice() {
        #expect(Choice.exact.clean("乾(qián)卦") == "干卦")
        #expect(Choice.cleaner.clean("乾(qián)卦") == "乾卦")
    }
}

@Suite struct ConvertOnlyDetectionTests {
    /// `civ-clean --convert-only` without `--icu-exact`: each line as the `traditional` repair
    /// converts it (simplified and Japanese lines kept), lines without a change copied in runs.
    @Test func convertOnlyConvertsAsTheRepair() throws {
        let repair = TraditionalConversion(converter: Choice.civ, detection: ScriptDetection())
        let mixed = ["显著的俱乐部，摔跤", "萍鄉城事網", "没有要转换的字", "東京都の学校で国語の授業", "", "孩子们摔了一跤，他看著", "相剋", "abc"]
        for input in [mixed.joined(separator: "\n"), mixed.joined(separator: "\n") + "\n", mixed.reversed().joined(separator: "\n"), "姊姊来了", "門"] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("civ-t2s-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            var counters = Counters()
            do {
                let output = try ByteOutput(path: path)
                try ConvertOnly.run(ByteInput(bytes: Array(input.utf8)), to: output, converter: Choice.civ, detection: ScriptDetection(), counters: &counters)
                try output.flush()
            }
            let got = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            var wantCounters = Counters()
            let want = input.split(separator: "\n", omittingEmptySubsequences: false)
                .map { repair.repair(String($0), counters: &wantCounters) }.joined(separator: "\n")
            #expect(got == want)
            for name in ["traditional", "traditional.lines", "traditional.left-simplified", "traditional.left-japanese"] {
                #expect(counters[name] == wantCounters[name], "\(name)")
            }
        }
    }
}
