import PropertyBased
import Testing
@testable import CivKit

@Suite struct LostCharacterRepairTests {
    let repair = LostCharacterRepair()

    func run(_ line: String) -> (String, Counters) {
        var counters = Counters()
        let out = repair.repair(line, counters: &counters)
        return (out, counters)
    }

    /// A second byte's candidates, made once, are its Han characters as simplified, each once, in
    /// the order of their first one.
    @Test func aSecondBytesCandidatesAreItsHanCharactersSimplified() throws {
        let repair = LostCharacterRepair(converter: try TraditionalToSimplified())
        let converter = try TraditionalToSimplified()
        for trail: UInt8 in [0x55, 0x78, 0xA1, 0xB5, 0xD8, 0xFE] {
            var expected: [Unicode.Scalar] = []
            for c in GBKPairs.shared.characters(trail: trail) where ScalarClass.isHan(c) {
                let simple = converter.simplified(c)
                if !expected.contains(simple) { expected.append(simple) }
            }
            #expect(repair.trailCandidates(trail) == expected)
            #expect(repair.trailCandidates(trail) == expected)
        }
    }

    @Test func pairWithReading() {
        let (out, counters) = run("张掖日?qǐng)?bào)报道")
        #expect(out == "张掖日报报道")
        #expect(counters.compact == "lost-character.pinyin=1")
        #expect(run("要?jiǎng)?chuàng)新").0 == "要创新")
    }

    /// A `?` alone after the noise is the character's second byte, read alone before what cannot
    /// follow it: it goes with the fragment, and the context chooses the character.
    @Test func aLoneSecondByteAfterTheNoiseGoesWithIt() {
        let (out, counters) = run("中华人民共?shǒu)?国成立")
        #expect(out == "中华人民共和国成立")
        #expect(counters.compact == "lost-character.context=1")
        // Where the context does not tell, the fragment goes with its `?`.
        let (removed, removal) = run("符号名列表及对应?fěi)? 数值")
        #expect(removed == "符号名列表及对应 数值")
        #expect(removal.compact == "lost-character.ambiguous=1")
        // Not a fragment's own `?`: `?fěi)?dì)` is a reading.
        #expect(run("请参见?wěn)?dì)3章").0 == "请参见第3章")
    }

    /// A second byte leaves the characters ending in it; the character model picks the one that
    /// fits its neighbours even where it makes no word with them (的 between 转换 and 种类).
    @Test func aSecondByteChoiceNeedsNoWord() {
        let (out, counters) = run("显示了活动转换?fěi)\u{F00C4}种类")
        #expect(out == "显示了活动转换的种类")
        #expect(counters.compact == "lost-character.trail-byte=1")
    }

    @Test func loneFragmentResolvedByContext() {
        let (out, counters) = run("实打?qū),肩并肩")
        #expect(out == "实打实,肩并肩")
        #expect(counters.compact == "lost-character.context=1")
    }

    /// A character that forms no word with its neighbours is priced by how often it is a word
    /// alone: 新 (新的), 到 (1到2) and 将 beat 心, 道 and 江, read the same.
    @Test func aCharacterAloneIsPricedAsAWordAlone() {
        #expect(run("增加了一个?ā)?xīn)的栏目").0 == "增加了一个新的栏目")
        #expect(run("从1?māo)?dào)2公里").0 == "从1到2公里")
        #expect(run("会议?hùn)?jiāng)在明天召开").0 == "会议将在明天召开")
        #expect(SingleCharacterWords.shared.frequency("新") > SingleCharacterWords.shared.frequency("心"))
        #expect(SingleCharacterWords.shared.frequency("龘") == 0)
    }

    /// A number right after the fragment counts as a numeral: 第 makes 第一 with it.
    /// U+FFFD between Han text and ASCII is a character lost whole (a desynchronised GBK stream's
    /// last first byte, read with the ASCII byte after it as no character): filled where the words
    /// it completes leave one character likely, else left as it is.
    @Test func aReplacementCharacterBeforeASCIIIsFilledFromTheWordsBefore() {
        var counters = Counters()
        #expect(repair.repair("请查看系统的配置文\u{FFFD} /etc/fstab", counters: &counters) == "请查看系统的配置文件 /etc/fstab")
        #expect(counters.compact == "lost-character.replacement=1")
        // Several characters as likely (输出, 输入): left.
        #expect(repair.repair("会把结果输出到标准输\u{FFFD} stdout 中", counters: &counters) == "会把结果输出到标准输\u{FFFD} stdout 中")
        // Not before Han text, nor after a mark.
        #expect(repair.repair("配置文\u{FFFD}系统", counters: &counters) == "配置文\u{FFFD}系统")
        #expect(repair.repair("配置文。\u{FFFD} a", counters: &counters) == "配置文。\u{FFFD} a")
        #expect(counters.compact == "lost-character.replacement=1")
    }

    @Test func aNumberAfterTheFragmentIsANumeral() {
        #expect(run("请参见?wěn)?dì)3章").0 == "请参见第3章")
        #expect(run("请参见?wěn)?dì) 3章").0 == "请参见第 3章")
    }

    @Test func seedLines() {
        #expect(run("来源:张掖市广播电视台 张掖日?qǐng)?bào)").0 == "来源:张掖市广播电视台 张掖日报")
        #expect(run("围绕“心连心,点对点,实打?qū),肩并肩”十二字方针").0 == "围绕“心连心,点对点,实打实,肩并肩”十二字方针")
    }

    @Test func neighboursKeepTheirWords() {
        // 部长 is a word, but 指挥部 + 常务 segments the context better than 指挥 + 部长 + 务.
        #expect(run("市创建指挥部?qǐng)?cháng)务副总指挥").0 == "市创建指挥部常务副总指挥")
        #expect(run("区委副书记、区?qǐng)?zhǎng)康峰").0 == "区委副书记、区长康峰")
    }

    @Test func readingWithoutFittingWordIsAGuess() {
        // No Han neighbours: the most common character read bào.
        let (out, counters) = run("(?qǐng)?bào)) ok")
        #expect(out == "(报) ok")
        #expect(counters.compact == "lost-character.guess=1")
    }

    @Test func nothingFitsRemovesTheFragment() {
        let (out, counters) = run("abc ?qū), 123")
        #expect(out == "abc , 123")
        #expect(counters.compact == "lost-character.unresolved=1")
    }

    /// Without a reading, several characters completing words is no recovery: the fragment goes.
    @Test func ambiguousContextRemovesTheFragment() {
        let (out, counters) = run("标准：?miè)准。")
        #expect(out == "标准：准。")
        #expect(counters.compact == "lost-character.ambiguous=1")
    }

    /// Without a reading, a character is put in only when the context makes it far likelier than
    /// every other: 设置, 位置 and 配置 all fit `?置`, so the fragment goes (a wrong character is
    /// worse than none); 共和国 leaves no rival.
    @Test func contextAloneNeedsAClearWinner() {
        let (out, counters) = run("请在系统?ā)置里面修改")
        #expect(out == "请在系统置里面修改")
        #expect(counters.compact == "lost-character.ambiguous=1")
        #expect(run("中华人民共?ǎ)国成立").0 == "中华人民共和国成立")
    }

    /// The commonest one-character words are candidates too, and their mass counts against a
    /// character that only completes a rare word.
    @Test func commonSingleCharactersAreCandidates() {
        #expect(LostCharacterRepair.commonSingles.contains("的"))
        #expect(LostCharacterRepair.commonSingles.count == 64)
        #expect(SingleCharacterWords.shared.mostFrequent(3) == Array(SingleCharacterWords.shared.mostFrequent(64).prefix(3)))
        let table = SingleCharacterWords(lines: ["甲\t5", "乙\t9", "丙\t1"])
        #expect(table.mostFrequent(2) == ["乙", "甲"])
    }

    /// A character read this way only in a rarer reading pays for it: a rare word it forms (值机,
    /// 机 also read wèi) no longer beats the reading's usual character (为).
    @Test func aRareReadingPaysForItsWord() {
        let repair = LostCharacterRepair(lexicon: Lexicon(entries: [("值机", 5), ("为了", 1000)]),
                                         pinyin: PinyinTable(lines: ["为\twèi wéi", "机\tjī wèi"]))
        var counters = Counters()
        #expect(repair.repair("值?bǎn)?wèi)", counters: &counters) == "值为")
    }

    /// Glued to a Latin word, a fragment is still one when it carries a tone mark.
    @Test func fragmentAfterALatinWord() {
        let (out, counters) = run("外观继承了IBM?pāi)?de)风格")
        #expect(!out.contains("?") && !out.contains(")"))
        #expect(out.hasPrefix("外观继承了IBM") && out.hasSuffix("风格") && out.unicodeScalars.count == "外观继承了IBM风格".unicodeScalars.count + 1)
        #expect(counters.names.count == 1 && counters.names[0].hasPrefix("lost-character."))
    }

    @Test func severalFragmentsInOneLine() {
        let (out, counters) = run("据张掖日?qǐng)?bào)报道,要?jiǎng)?chuàng)新,实打?qū),肩并肩")
        #expect(out == "据张掖日报报道,要创新,实打实,肩并肩")
        #expect(counters["lost-character.pinyin"] == 2)
        #expect(counters["lost-character.context"] == 1)
        #expect(counters.names.count == 2)
    }

    @Test(arguments: ["为什么?他说", "是吗?(图)", "真的?", "?", "??)", "问题?ab", "what?no) 好", "?ABC)", "?abcdefgh)", "大家准备好了吗?ok)", "是吗?a)"])
    func realQuestionMarksStay(line: String) {
        let (out, counters) = run(line)
        #expect(out == line)
        #expect(counters.isEmpty)
    }

    @Test func lineWithoutQuestionMarkIsIdentical() {
        let line = "市委书记卢小亨深入甘州区调研(记者王瑞云) 3月3日,qǐng)"
        let (out, counters) = run(line)
        #expect(out == line)
        #expect(counters.isEmpty)
    }

    @Test func emptyTables() {
        let bare = LostCharacterRepair(lexicon: Lexicon(entries: [(String, Int)]()), pinyin: PinyinTable(lines: []))
        var counters = Counters()
        #expect(bare.repair("没有问号的一行", counters: &counters) == "没有问号的一行")
        #expect(bare.repair("日?ab)?bào)", counters: &counters) == "日")
        #expect(counters.compact == "lost-character.unresolved=1")
    }

    @Test func smallTablesDecide() {
        let lexicon = Lexicon(entries: [("日报", 100), ("日暴", 1), ("创新", 50), ("新", 10)])
        let pinyin = PinyinTable(lines: ["报\tbào", "暴\tbào pù", "创\tchuàng chuāng"])
        let small = LostCharacterRepair(lexicon: lexicon, pinyin: pinyin)
        var counters = Counters()
        #expect(small.repair("日?x)?bào)", counters: &counters) == "日报")
        #expect(small.repair("?x)?pù)", counters: &counters) == "暴")
        #expect(small.repair("?x)?chuang)新", counters: &counters) == "创新")
        #expect(small.repair("?xǔ)新", counters: &counters) == "创新")
        #expect(counters.compact == "lost-character.pinyin=2 lost-character.guess=1 lost-character.context=1")
    }

    static let alphabet: [Character] = Array("张掖日报道实打肩并要创新的了abcqǐngbàoūü()),,。、“” \t1")

    @Test func identityWithoutQuestionMark() async {
        await propertyCheck(input: Gen<Character?>.element(of: Self.alphabet).map { $0! }.string(of: 0 ... 40)) { line in
            var counters = Counters()
            #expect(repair.repair(line, counters: &counters) == line)
            #expect(counters.isEmpty)
        }
    }

    @Test func identityWithoutClosingParenthesis() async {
        let chars = Self.alphabet.filter { $0 != ")" } + ["?"]
        await propertyCheck(input: Gen<Character?>.element(of: chars).map { $0! }.string(of: 0 ... 40)) { line in
            var counters = Counters()
            #expect(repair.repair(line, counters: &counters) == line)
        }
    }
}

@Suite struct LexiconTests {
    @Test func bundledLexicon() {
        let lexicon = Lexicon.shared
        #expect(lexicon.contains("日报"))
        #expect(lexicon.frequency(of: "创新") > 1000)
        #expect(lexicon.frequency(of: Array("实打实".unicodeScalars)) > 0)
        #expect(!lexicon.contains("报报"))
        #expect(lexicon.maxWordLength >= 4)
        #expect(lexicon.count > 100_000)
        #expect(lexicon.characterFrequency("报") > lexicon.characterFrequency("鲍"))
    }

    @Test func fillers() {
        let lexicon = Lexicon.shared
        let afterShiDa = lexicon.fillers(prefix: Array("实打".unicodeScalars), suffix: [Unicode.Scalar]())
        #expect(afterShiDa.contains { $0.character == "实" })
        let beforeXin = lexicon.fillers(prefix: [Unicode.Scalar](), suffix: Array("新".unicodeScalars))
        #expect(beforeXin.contains { $0.character == "创" })
        let between = lexicon.fillers(prefix: Array("日".unicodeScalars), suffix: Array("报道".unicodeScalars))
        #expect(between.allSatisfy { $0.frequency > 0 })
    }

    @Test func fillersOnSmallLexicon() {
        let lexicon = Lexicon(lines: ["甲乙丙\t3", "甲丁丙\t5", "甲乙\t2", "乙丙\t7", "丁\t9", "甲乙\t1", "一二三四五六七\t4"])
        #expect(lexicon.count == 6)
        #expect(lexicon.maxWordLength == 7)
        #expect(lexicon.frequency(of: "甲乙") == 2) // a repeated word keeps its highest frequency
        #expect(lexicon.frequency(of: "丁") == 9)
        #expect(lexicon.frequency(of: "一二三四五六七") == 4) // longer than a packed key
        #expect(lexicon.frequency(of: "一二三四五六") == 0)
        #expect(lexicon.totalFrequency == 30)
        #expect(lexicon.characterFrequency("丙") == 15)
        let mid = lexicon.fillers(prefix: ["甲"], suffix: ["丙"])
        #expect(mid.map(\.character) == ["丁", "乙"] || mid.map(\.character) == ["乙", "丁"])
        #expect(Set(mid.map(\.frequency)) == [3, 5])
        #expect(lexicon.fillers(prefix: [Unicode.Scalar](), suffix: ["丙"]).map(\.character) == ["乙"])
        #expect(lexicon.fillers(prefix: ["甲"], suffix: [Unicode.Scalar]()).map(\.character) == ["乙"])
        #expect(lexicon.fillers(prefix: ["甲", "乙", "丙"], suffix: [Unicode.Scalar]()).isEmpty)
    }

    @Test func pinyinTable() {
        let table = PinyinTable.shared
        #expect(table.readings(of: "报") == ["bào"])
        #expect(table.characters(reading: "bào").contains("报"))
        #expect(!table.characters(reading: "bāo").contains("报"))
        #expect(table.characters(tonelessReading: "bao").contains("报"))
        #expect(table.characters(reading: "lǜ").contains("绿"))
        #expect(table.characters(tonelessReading: "lv").contains("绿"))
        #expect(PinyinTable.toneless("lǜ") == "lü")
        #expect(PinyinTable.toneless("chuàng") == "chuang")
        // Decomposed tone marks are the same reading.
        #expect(table.characters(reading: "ba\u{300}o").contains("报"))
    }
}
