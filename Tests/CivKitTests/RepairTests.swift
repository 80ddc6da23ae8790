import Testing
import PropertyBased
@testable import CivKit

/// Runs one repair on a line and returns the result and its counters.
func apply(_ repair: any LineRepair, _ line: String) -> (String, Counters) {
    var counters = Counters()
    let out = repair.repair(line, counters: &counters)
    return (out, counters)
}

let converter = try! TraditionalToSimplified()
let pinyinRemoval = PinyinAnnotationRemoval(isTraditional: converter.changes)

/// Crawl-like text: traditional and simplified Han, annotations, ASCII and CJK punctuation, spaces.
var crawlTextGen: Generator<String, some Sequence> { textGen("鄉乡網(xiāng)wǎng)門們me,:;?!、。“”  \u{3000}\u{00A0}1a0國", length: 0...30) }

@Suite struct PinyinAnnotationTests {
    @Test func removesTonedAnnotationsAfterHan() {
        let (out, counters) = apply(pinyinRemoval, "萍鄉(xiāng)城事網(wǎng)—萍鄉(xiāng)最具")
        #expect(out == "萍鄉城事網—萍鄉最具")
        #expect(counters["pinyin-annotation"] == 3)
    }

    @Test func removesNeutralToneOnlyAfterTraditional() {
        #expect(apply(pinyinRemoval, "甚(shén)麼(me)").0 == "甚麼")
        #expect(apply(pinyinRemoval, "他們(men)").0 == "他們")
        // 条 is not traditional: `(a)` after it is a real list label.
        #expect(apply(pinyinRemoval, "第三条(a)项").0 == "第三条(a)项")
    }

    @Test func keepsRealParentheses() {
        for line in ["新时代文明实践中心(站)和", "张掖日报(记者王瑞云)", "GDP(国内生产总值)", "例如(xyz)", "(xiāng)开头", "abc(xiāng)"] {
            #expect(apply(pinyinRemoval, line).0 == line)
        }
    }

    @Test func packedSyllableSetAgreesWithSet() async {
        let keyGen = Gen.int(in: 0 ... 5000).map { UInt64($0) }
        await propertyCheck(input: keyGen.array(of: 0 ... 600), keyGen.array(of: 0 ... 50)) { keys, probes in
            let packed = PackedSyllableSet(keys)
            let set = Set(keys.filter { $0 != 0 })
            for key in keys + probes + [0] { #expect(packed.contains(key) == set.contains(key)) }
        }
    }

    @Test func wordAndLetterReadingsAgree() {
        // With eight bytes after `(`, an annotation is looked up as one word among the common
        // spellings; at a line's end it is read letter by letter. Every syllable with every tone
        // mark on every letter (and bare, and with ü as v) must fare the same both ways.
        let syllables = DataFile.lines("pinyin-syllables.txt")
        var spellings: [String] = []
        for syllable in syllables {
            let letters = Array(syllable.unicodeScalars)
            spellings += [syllable, syllable.replacingOccurrences(of: "ü", with: "v"), syllable.uppercased()]
            for (i, letter) in letters.enumerated() {
                for (marked, base) in PinyinAnnotationRemoval.toneMarked where base == letter {
                    var s = letters
                    s[i] = marked
                    spellings.append(String(String.UnicodeScalarView(s)))
                }
            }
        }
        var removed = 0
        for spelling in spellings {
            for han in ["鄉", "条"] {
                let alone = apply(pinyinRemoval, "\(han)(\(spelling))").0
                let followed = apply(pinyinRemoval, "\(han)(\(spelling))城事網的").0
                #expect(followed == alone + "城事網的", "\(han)(\(spelling))")
                if alone == han { removed += 1 }
            }
        }
        // Every syllable's four tones after both characters, and bare after the traditional one.
        #expect(removed >= syllables.count * 9)
    }

    @Test func commonSpellingsTakeEachToneWherePinyinMarksIt() {
        let syllables = PackedSyllableSet([0x78_69_61_6E_67, 0x7A_68_6F_75, 0x6C_76, 0x6E_67])
        let toneless = ["xiang", "zhou", "lv", "ng", "qu"].map { $0.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        let spellings = PinyinAnnotationRemoval.commonSpellings(of: toneless, syllables: syllables)
        let packed = { (s: String) in Array((s + ")").utf8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
        #expect(Set(spellings) == Set(["xiang", "xiāng", "xiáng", "xiǎng", "xiàng", "zhou", "zhōu", "zhóu", "zhǒu", "zhòu",
                                       "lǖ", "lǘ", "lǚ", "lǜ", "ng", "ńg", "ňg", "ǹg"].map(packed)))
    }

    @Test func neverRemovesHanCharacters() async {
        await propertyCheck(input: crawlTextGen) { line in
            let han = { (s: String) in s.unicodeScalars.filter(ScalarClass.isHan) }
            #expect(Array(han(apply(pinyinRemoval, line).0)) == Array(han(line)))
        }
    }
}

@Suite struct TraditionalConversionTests {
    let conversion = TraditionalConversion(converter: converter)

    @Test func convertsWithICUIncludingPhraseRules() {
        let (out, counters) = apply(conversion, "萍鄉城事網 甚麼 顯著 瞭解")
        #expect(out == "萍乡城事网 什么 显著 了解")
        #expect(counters["traditional"] >= 4)
    }

    @Test func annotationsMustGoFirstForPhraseRules() {
        // Converted with the annotation still inside, the phrase rule 甚麼 → 什么 cannot fire.
        let stripped = apply(pinyinRemoval, "甚(shén)麼(me)").0
        #expect(apply(conversion, stripped).0 == "什么")
    }

    @Test func simplifiedAndASCIIAreUnchanged() {
        let (out, counters) = apply(conversion, "市委书记 2019-7-22 10:34 admin")
        #expect(out == "市委书记 2019-7-22 10:34 admin")
        #expect(counters.isEmpty)
    }
}

@Suite struct SpuriousCommaTests {
    @Test func dropsCommasBeforePunctuation() {
        #expect(apply(SpuriousCommaRemoval(), "乡镇,、园区").0 == "乡镇、园区")
        #expect(apply(SpuriousCommaRemoval(), "是吗,?好,。对,,").0 == "是吗?好。对,")
        #expect(apply(SpuriousCommaRemoval(), "乡镇,、园区").1["spurious-comma"] == 1)
    }

    @Test func keepsOrdinaryCommas() {
        for line in ["市委,区委", "1,,2", "a,.b"] { #expect(apply(SpuriousCommaRemoval(), line).0 == line) }
    }
}

@Suite struct PunctuationTests {
    @Test func restoresFullWidthInChineseContext() {
        #expect(apply(PunctuationNormalization(), "7月19日上午,市委常委、宣传部长").0 == "7月19日上午，市委常委、宣传部长")
        #expect(apply(PunctuationNormalization(), "来源:张掖市").0 == "来源：张掖市")
        #expect(apply(PunctuationNormalization(), "中心(站)和社区").0 == "中心（站）和社区")
        #expect(apply(PunctuationNormalization(), "严禁转载!)").0 == "严禁转载！）")
        #expect(apply(PunctuationNormalization(), "要做好;要抓好?").0 == "要做好；要抓好？")
    }

    @Test func keepsNumbersTimesAndEnglish() {
        for line in ["10:34", "共1,000人", "http://example.com/a", "Hello, world!", "2019-7-22 10:34| admin"] {
            #expect(apply(PunctuationNormalization(), line).0 == line)
        }
    }

    @Test func parenthesesStayPaired() async {
        await propertyCheck(input: crawlTextGen) { line in
            let out = apply(PunctuationNormalization(), line).0
            let opens = out.unicodeScalars.filter { $0 == "（" }.count, closes = out.unicodeScalars.filter { $0 == "）" }.count
            let asciiOpens = line.unicodeScalars.filter { $0 == "(" }.count, asciiCloses = line.unicodeScalars.filter { $0 == ")" }.count
            #expect(opens <= asciiOpens && closes <= asciiCloses)
            #expect(out.unicodeScalars.count == line.unicodeScalars.count)
        }
    }
}

@Suite struct WhitespaceTests {
    @Test func normalizesCrawlSpaces() {
        #expect(apply(WhitespaceNormalization(), "\u{00A0}\u{00A0}  康峰表示").0 == "康峰表示")
        #expect(apply(WhitespaceNormalization(), "\u{3000}\u{3000}会上").0 == "会上")
        #expect(apply(WhitespaceNormalization(), "对标创建标准\u{00A0} 聚力攻坚克难").0 == "对标创建标准 聚力攻坚克难")
        #expect(apply(WhitespaceNormalization(), "（记者王瑞云） 3月3日").0 == "（记者王瑞云）3月3日")
        #expect(apply(WhitespaceNormalization(), "零\u{200B}宽").0 == "零宽")
        #expect(apply(WhitespaceNormalization(), "本报记者 王伟 李强 报道，会议召开。").0 == "本报记者 王伟 李强 报道，会议召开。")
        #expect(apply(WhitespaceNormalization(), "时强调 对标创建标准 聚力攻坚克难").0 == "时强调 对标创建标准 聚力攻坚克难")
    }

    @Test func outputHasNoRunsNoEndsAndIsIdempotent() async {
        await propertyCheck(input: crawlTextGen) { line in
            let once = apply(WhitespaceNormalization(), line).0
            #expect(!once.contains("  ") && !once.hasPrefix(" ") && !once.hasSuffix(" "))
            #expect(!once.unicodeScalars.contains { ScalarClass.isSpace($0) && $0 != " " })
            #expect(apply(WhitespaceNormalization(), once).0 == once)
        }
    }
}

@Suite struct LineCleanerTests {
    @Test func cleansASeedLine() {
        let raw = "\u{00A0}\u{00A0}  會(huì)上,郭建斌匯報(bào)了今年以來(lái)我區(qū)創(chuàng)建全國(guó)文明城市工作整體情況。"
        #expect(Support.cleaner.clean(raw) == "会上，郭建斌汇报了今年以来我区创建全国文明城市工作整体情况。")
    }

    @Test func cleaningIsIdempotent() async {
        await propertyCheck(input: crawlTextGen) { line in
            let once = Support.cleaner.clean(line)
            #expect(Support.cleaner.clean(once) == once)
        }
    }

    /// Every string of up to four marks from a crawl alphabet: cleaning twice equals cleaning once.
    @Test func cleaningIsIdempotentOnAllShortStrings() {
        let alphabet = Array("鄉乡(x)門們,:;?!、。 1a“").map(String.init) + ["\u{3000}", "\u{00A0}", "（", "，"]
        var failures: [String] = []
        for a in alphabet { for b in alphabet { for c in alphabet { for d in alphabet {
            let line = a + b + c + d
            let once = Support.cleaner.clean(line)
            if Support.cleaner.clean(once) != once { failures.append(line) }
        } } } }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    /// `LineCleaner.clean` returns at once on an empty line: right only while no repair changes
    /// one (or counts anything on it).
    @Test func noRepairChangesAnEmptyLine() {
        let cleaner = Support.cleaner
        for repair in cleaner.repairs + cleaner.settlingRepairs {
            var output: [UInt8] = [], counters = Counters()
            let changed = [UInt8]().withUnsafeBufferPointer { repair.repair($0, into: &output, counters: &counters) }
            #expect(!changed && counters.isEmpty, "\(repair.name)")
        }
        var line: [UInt8] = [], spare: [UInt8] = [], counters = Counters()
        cleaner.clean(&line, spare: &spare, counters: &counters)
        #expect(line.isEmpty && counters.isEmpty)
    }

    /// The line given shares its buffer with the raw line the caller keeps; were it to become
    /// the scratch buffer, the next repair would write into a shared buffer (and allocate).
    @Test func scratchNeverTakesTheGivenLinesBuffer() {
        for text in ["你好,世界", "會(huì)上,郭建斌匯報(bào)了", "\u{00A0}張掖  日報"] {
            let raw = Array(text.utf8)
            var line = raw, spare: [UInt8] = [], counters = Counters()
            Support.cleaner.clean(&line, spare: &spare, counters: &counters)
            let rawBuffer = raw.withUnsafeBufferPointer { $0.baseAddress }
            #expect(line != raw)
            #expect(spare.withUnsafeBufferPointer { $0.baseAddress } != rawBuffer, "\(text)")
            #expect(line.withUnsafeBufferPointer { $0.baseAddress } != rawBuffer, "\(text)")
        }
    }

    @Test func cleanedTextHasNoPinyinAnnotationsOrTraditional() async {
        await propertyCheck(input: crawlTextGen) { line in
            let out = Support.cleaner.clean(line)
            #expect(!out.contains("(xiāng)") && !out.contains("(wǎng)"))
            #expect(!out.unicodeScalars.contains { converter.changes($0) })
        }
    }
}
