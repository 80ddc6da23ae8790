import Foundation
import PropertyBased
import Testing
@testable import CivKit

/// The rules on ICU's tokens, each given the tokens by hand (so that a change in ICU's dictionary
/// does not change what is tested), then the whole segmenter on ICU.
@Suite struct SegmentRuleTests {
    let rules = SegmentRules(lexicon: .shared, domain: SegmentRules.domainLexicon, user: nil)

    /// The rules on tokens given as strings (ICU's tokens, as it might give them).
    func run(_ pieces: [String]) -> [String] {
        var tokens: [SegmentRules.Token] = []
        var start = 0
        for p in pieces {
            tokens.append(SegmentRules.Token(start: start, end: start + p.unicodeScalars.count))
            start += p.unicodeScalars.count
        }
        var line = SegmentRules.Line(text: Array(pieces.joined().unicodeScalars), tokens: tokens)
        rules.apply(&line)
        return line.tokens.map { String(String.UnicodeScalarView(line.text[$0.start..<$0.end])) }
    }

    @Test func repeatedDashesAndEllipsesAreOneToken() {
        #expect(run(["贺词", "—", "—", "新年"]) == ["贺词", "——", "新年"])
        #expect(run(["等", "…", "…"]) == ["等", "……"])
        #expect(run(["—", "…"]) == ["—", "…"])
    }

    @Test func digitsJoinTheirUnits() {
        #expect(run(["1998", "年", "12", "月", "31", "日"]) == ["1998年", "12月", "31日"])
        #expect(run(["增长", "１７", "％"]) == ["增长", "１７％"])
        #expect(run(["3.5", "亿"]) == ["3.5亿"])
        #expect(run(["5月", "20", "号", "上午"]) == ["5月", "20号", "上午"])
        #expect(run(["10", "年", "来"]) == ["10", "年", "来"])  // a duration, not a year
        #expect(run(["下降", "－", "5", "％"]) == ["下降", "－5％"])
        #expect(run(["1", "－", "5", "月"]) == ["1", "－", "5月"])  // a range: the dash is no sign
        #expect(run(["5", "个"]) == ["5", "个"])
        #expect(run(["1", "万", "亿", "元"]) == ["1万亿", "元"])
        // A unit ICU joined to the word after it comes off that word.
        #expect(run(["9", "月底", "完成"]) == ["9月", "底", "完成"])
        #expect(run(["31", "日夜", "兼程"]) == ["31日", "夜", "兼程"])
        #expect(run(["3", "万余", "人"]) == ["3万", "余", "人"])
        #expect(run(["1998", "年底"]) == ["1998年", "底"])
        #expect(run(["10", "年底"]) == ["10", "年底"])  // not a year
        #expect(run(["2018", "年度"]) == ["2018", "年度"])
        #expect(run(["80", "年代"]) == ["80", "年代"])  // a decade
    }

    @Test func chineseNumeralsJoin() {
        #expect(run(["二", "○", "○", "一年"]) == ["二○○一年"])
        #expect(run(["二", "○", "○", "○", "年"]) == ["二○○○年"])
        #expect(run(["三十", "一日"]) == ["三十一日"])
        #expect(run(["第", "一个"]) == ["第一", "个"])
        #expect(run(["第十", "五次", "会议"]) == ["第十五", "次", "会议"])
        #expect(run(["第二", "十一", "届"]) == ["第二十一", "届"])
        #expect(run(["第三次"]) == ["第三", "次"])
        #expect(run(["第二", "天"]) == ["第二", "天"])
        #expect(run(["第", "三", "十"]) == ["第三十"])
        #expect(run(["一", "年"]) == ["一", "年"])
        // The rest of a number ICU cut before its measure word.
        #expect(run(["五", "十五岁"]) == ["五十五", "岁"])
        #expect(run(["二十", "五年"]) == ["二十五", "年"])  // a duration: 年 joins only a year
    }

    @Test func numbersAndMeasureWordsSplit() {
        #expect(run(["一次", "会议"]) == ["一", "次", "会议"])
        #expect(run(["两个", "代表"]) == ["两", "个", "代表"])
        #expect(run(["一个", "代表"]) == ["一个", "代表"])
        #expect(run(["百年"]) == ["百年"])
        #expect(run(["一片", "繁荣"]) == ["一", "片", "繁荣"])
        #expect(run(["三大", "战役"]) == ["三", "大", "战役"])
        #expect(run(["两国", "关系"]) == ["两", "国", "关系"])
        #expect(run(["几十年"]) == ["几十", "年"])
        #expect(run(["首次", "访问"]) == ["首", "次", "访问"])
        #expect(run(["十五大"]) == ["十五大"])  // a party congress
        #expect(run(["二○○一年"]) == ["二○○一年"])  // a year
        #expect(run(["万岁"]) == ["万岁"])
        // A time after a number and the direction ICU joined to it.
        #expect(run(["5", "年前"]) == ["5", "年", "前"])
        #expect(run(["两", "天后"]) == ["两", "天", "后"])
        #expect(run(["年前", "准备"]) == ["年前", "准备"])  // before the new year
        // The re-segmentation does not make them either.
        #expect(run(["两", "个"]) == ["两", "个"])
    }

    @Test func functionCharactersComeOffWordsTheLexiconLacks() {
        #expect(run(["新的", "一", "年"]) == ["新", "的", "一", "年"])
        #expect(run(["不是"]) == ["不是"])  // a word of the lexicon
    }

    @Test func singleCharactersAreResegmentedWithTheLexicon() {
        #expect(run(["计算", "机"]) == ["计算机"])
        #expect(run(["委员", "会", "主任"]) == ["委员会", "主任"])
        #expect(run(["新", "世纪"]) == ["新", "世纪"])  // the token after a run stays
        #expect(run(["克", "林", "顿", "说"]) == ["克林顿", "说"])
    }

    @Test func aVeryLongRunIsResegmentedInWindows() {
        let run = Array(repeating: ["图", "书", "馆", "和"], count: 2500).flatMap { $0 }  // 10000 single tokens
        let out = self.run(run)
        #expect(out.joined() == run.joined())
        #expect(out.filter { $0 == "图书馆" }.count >= 2490)  // a few may be cut by a window's edge
    }

    @Test func compoundsOfTwoWordsJoin() {
        #expect(run(["社会", "主义"]) == ["社会主义"])
        #expect(run(["会议", "主任"]) == ["会议", "主任"])
    }

    @Test func compoundsICUKnowsButTheLexiconsLackSplit() {
        #expect(run(["维护", "公共秩序"]) == ["维护", "公共", "秩序"])
        #expect(run(["一帆风顺"]) == ["一帆风顺"])  // a word of the lexicon
        #expect(run(["咕噜咕噜"]) == ["咕噜咕噜"])  // doubled
    }

    @Test func pronounsAndAdverbsComeOffTheWordAfterThem() {
        #expect(run(["不知道", "怎么"]) == ["不", "知道", "怎么"])
        #expect(run(["就算是"]) == ["就算", "是"])  // 是 comes off first
        #expect(run(["也可以"]) == ["也", "可以"])
        #expect(run(["在一起"]) == ["在", "一起"])
        #expect(run(["每个人"]) == ["每个人"])  // 每 is not taken: 每个 is a word
        #expect(run(["不锈钢"]) == ["不锈钢"])  // 锈钢 is no word
    }

    @Test func complementsComeOffWordsTheLexiconsLack() {
        #expect(run(["了解到", "情况"]) == ["了解", "到", "情况"])
        #expect(run(["感受到"]) == ["感受", "到"])  // not 感 受到
        #expect(run(["走进去"]) == ["走", "进去"])
        #expect(run(["看到"]) == ["看到"])
        #expect(run(["充满了", "希望"]) == ["充满", "了", "希望"])  // a particle
        // 是 and 着 even off a word of the lexicons.
        #expect(run(["尤其是", "青年"]) == ["尤其", "是", "青年"])
        #expect(run(["意味着"]) == ["意味", "着"])
        #expect(run(["这", "意味", "着"]) == ["这", "意味", "着"])  // the re-segmentation does not make it
        #expect(run(["但是"]) == ["但是"])
        // Two characters the lexicons lack as a word: the re-segmentation decides.
        #expect(run(["唱出", "心声"]) == ["唱", "出", "心声"])
        #expect(run(["很好", "看"]) == ["很", "好看"])
    }

    @Test func pluralSuffixStaysApartAndDoubledWordsJoin() {
        // 们 after a noun is a token of its own in the PKU convention (`我们` is a word).
        #expect(run(["孩子", "们", "高", "高兴", "兴", "地"]) == ["孩子", "们", "高高兴兴", "地"])
        #expect(run(["我们"]) == ["我们"])
        #expect(run(["官兵", "们"]) == ["官兵", "们"])  // the lexicon's 官兵们 is not taken
        #expect(run(["鞋", "们"]) == ["鞋", "们"])
        #expect(run(["谢谢", "谢谢"]) == ["谢谢", "谢谢"])
    }

    @Test func namesAreSurnameAndGivenName() {
        #expect(run(["宣传部长", "聂", "晓", "葵", "深入"]) == ["宣传部长", "聂", "晓葵", "深入"])
        #expect(run(["江", "泽", "民", "同志"]) == ["江", "泽民", "同志"])
        #expect(run(["王", "说", "的"]) == ["王", "说", "的"])
        #expect(run(["卢", "小", "亨", "在", "调研"]) == ["卢", "小亨", "在", "调研"])  // a function character after
        #expect(run(["卢", "小", "亨", "峰"]) == ["卢", "小", "亨", "峰"])  // four characters: no rule
    }

    @Test func placeNamesNoLexiconKnowsAreOneWord() {
        #expect(run(["来到", "水", "心", "村", "调研"]) == ["来到", "水心村", "调研"])
        #expect(run(["王", "岗", "镇"]) == ["王岗镇"])  // not 王 岗镇
        #expect(run(["在", "乡"]) == ["在", "乡"])
        #expect(run(["三", "个", "乡"]) == ["三", "个", "乡"])  // numerals and function words are no name
        #expect(run(["较", "落", "后", "的", "乡"]) == ["较", "落后", "的", "乡"])
    }

    @Test func domainLexiconWordsAreFound() {
        #expect(SegmentRules.domainLexicon.contains("新时代文明实践中心"))
        #expect(run(["背街", "小", "巷"]) == ["背街小巷"])
        #expect(run(["宣传", "部长", "说"]) == ["宣传部长", "说"])
        // Found whole, then written in the parts the convention gives them.
        #expect(run(["新", "时代", "文明", "实践", "中心"]) == ["新", "时代", "文明", "实践", "中心"])
        #expect(run(["县", "委", "书记", "刘"]) == ["县委", "书记", "刘"])
        #expect(run(["全国", "文明", "城市"]) == ["全国", "文明", "城市"])
        #expect(run(["市", "卫", "健", "委"]) == ["市", "卫健委"])
    }

    @Test func domainWordsWithPartsAreReadFromTheThirdColumn() {
        let domain = DomainLexicon(lines: ["县委书记\t2000\t县委 书记", "创文\t2000", "门前三包\t2000\t门前 三 包"])
        #expect(domain.words.frequency(of: "县委书记") == 2000)
        #expect(domain.compounds.frequency(of: "县委书记") == 1 << 2)
        #expect(domain.compounds.frequency(of: "门前三包") == 1 << 2 | 1 << 3)
        #expect(!domain.compounds.contains("创文"))
    }

    @Test func divisionNamesAreWords() {
        #expect(run(["北京", "市", "海", "淀区"]) == ["北京市", "海淀区"])
        #expect(run(["北京", "市民"]) == ["北京", "市民"])
        #expect(!SegmentRules.domainLexicon.contains("城区"))  // two characters: often an ordinary word
    }

    @Test func percentWordJoinsItsNumber() {
        #expect(run(["增长", "百分", "之", "三十", "五"]) == ["增长", "百分之三十五"])
        #expect(run(["百分之", "五", "。"]) == ["百分之五", "。"])
        #expect(run(["百分", "之", "百"]) == ["百分之百"])
    }
}

@Suite struct WordSegmenterTests {
    let segmenter = try! WordSegmenter()

    @Test func segmentsASentenceOfTheSeeds() {
        #expect(segmenter.segment("市委常委、宣传部长聂晓葵深入安源区督导文明创建")
            .split(separator: " ").contains { $0 == "晓葵" })
        #expect(segmenter.tokens("1998年12月31日，增长１７％") == ["1998年", "12月", "31日", "，", "增长", "１７％"])
    }

    @Test func rulesDoNotJoinAcrossWhiteSpace() {
        #expect(segmenter.tokens("1998 年") == ["1998", "年"])
        #expect(segmenter.tokens("年 一") == ["年", "一"])
        #expect(segmenter.tokens("— —") == ["—", "—"])
    }

    /// A line past `WordSegmenter.exactSizingBytes` is counted before it is decoded: the counts
    /// are the string's own, and its tokens are those of its pieces, four-byte scalars included.
    @Test func longLinesAreCountedExactly() {
        for text in ["", "abc", "市委书记", "𠀀a𠀁市", "é—\u{3000}x"] {
            let counts = Array(text.utf8).withUnsafeBufferPointer { WordSegmenter.scalarCounts($0) }
            #expect(counts.scalars == text.unicodeScalars.count && counts.units == text.utf16.count, "\(text)")
        }
        let piece = "市委书记卢小亨到𠀀安源区调研，1998年12月。"
        let line = String(repeating: piece, count: WordSegmenter.exactSizingBytes / piece.utf8.count + 2)
        #expect(line.utf8.count > WordSegmenter.exactSizingBytes)
        #expect(segmenter.tokens(line) == Array(repeating: segmenter.tokens(piece), count: line.utf8.count / piece.utf8.count).flatMap { $0 })
    }

    static let alphabet: [Character] = Array("市委常委宣传部长聂晓葵新世纪的一二三○年月日第个次计算机社会主义19９.．%％—…，。、 \tabcA")

    /// Whatever the rules do, tokens are the text without its white space, in order, none empty
    /// and none holding white space.
    @Test func tokensConcatenateToTheText() async {
        await propertyCheck(count: 400, input: Gen<Character?>.element(of: Self.alphabet).map { $0! }.string(of: 0 ... 30)) { line in
            let tokens = segmenter.tokens(line)
            #expect(tokens.joined() == String(line.unicodeScalars.filter { !ScalarClass.isSpace($0) }.map(Character.init)))
            #expect(tokens.allSatisfy { !$0.isEmpty && !$0.unicodeScalars.contains(where: ScalarClass.isSpace) })
        }
    }
}

@Suite struct UserLexiconTests {
    func load(_ text: String) throws(CivError) -> Lexicon {
        try Lexicon.userWords(bytes: Data(text.utf8), name: "words.txt")
    }

    @Test func readsWordsWithAndWithoutFrequencies() throws {
        let words = try load("# comment\n卢小亨\n\n背街小巷\t5000\r\n城管  30\n")
        #expect(words.count == 3)
        #expect(words.frequency(of: "卢小亨") == Lexicon.defaultUserFrequency)
        #expect(words.frequency(of: "背街小巷") == 5000)
        #expect(words.frequency(of: "城管") == 30)
    }

    @Test func reportsTheFileAndLineOfAMalformedLine() {
        #expect(throws: CivError.malformedData("words.txt:2: the frequency is not a positive whole number: 背街小巷 x")) { try load("卢小亨\n背街小巷 x\n") }
        #expect(throws: CivError.malformedData("words.txt:3: more than a word and a frequency: 背街 小巷 5")) { try load("a\n\n背街 小巷 5") }
        #expect(throws: CivError.malformedData("words.txt:1: the frequency is not a positive whole number: 城管 0")) { try load("城管 0") }
    }

    @Test func userWordsJoinTokens() throws {
        let segmenter = try WordSegmenter(words: try load("卢小亨\n安源区督导组\n"))
        #expect(segmenter.tokens("市委书记卢小亨说") == ["市委", "书记", "卢小亨", "说"])
        // A domain word the user lists stays whole.
        #expect(try WordSegmenter(words: try load("县委书记\n")).tokens("县委书记说") == ["县委书记", "说"])
        #expect(!(try WordSegmenter().tokens("市委书记卢小亨说")).contains("卢小亨"))
    }

    @Test func commandLineReportsAMalformedLexicon() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("civ-lexicon-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.txt"), bad = dir.appendingPathComponent("bad.txt")
        try Data("卢小亨\n".utf8).write(to: good)
        try Data("卢小亨\n背街小巷 -3\n".utf8).write(to: bad)
        let ok = try Support.shell("civ-segment --lexicon \(good.path)", input: Data("市委书记卢小亨说\n".utf8))
        #expect(ok.status == 0 && ok.text == "市委 书记 卢小亨 说\n")
        let r = try Support.shell("civ-segment --lexicon \(bad.path)", input: Data("市委书记\n".utf8))
        #expect(r.status == 65)
        #expect(r.stderr.contains("\(bad.path):2:"))
        #expect(try Support.shell("civ-segment --lexicon \(dir.path)/missing.txt", input: Data()).status == 66)
    }
}

@Suite struct WordTableTests {
    /// Words of two to four characters, with the characters they share, and spans of the same
    /// characters that are no word.
    static let words: [(String, Int)] = [("文明", 50), ("文明城市", 7), ("城市", 40), ("市委", 30), ("市委书记", 5), ("书记", 20),
                                         ("明城", 0), ("全国文明城市", 3), ("新时代", 9)]
    let lexicon = Lexicon(entries: WordTableTests.words)

    func codes(_ word: String) -> [UInt32] { word.unicodeScalars.map { lexicon.code(of: $0)! } }

    /// The hashed frequencies are the lexicon's, for words and for spans that are none.
    @Test func givesTheLexiconsFrequencies() throws {
        let table = try #require(WordTable(lexicon))
        let spans = ["文明", "文明城市", "城市", "市委书记", "明城", "新时代", "市城", "城市文明", "委书", "书记市", "代时新"]
        for span in spans {
            let c = codes(span)
            #expect(table.frequency(WordTable.key(count: c.count) { c[$0] }) == lexicon.frequency(of: span), "\(span)")
        }
        let shared = try #require(WordTable(.shared))
        for word in ["计算", "计算机", "委员会", "社会主义"] {
            let c = word.unicodeScalars.map { Lexicon.shared.code(of: $0)! }
            #expect(shared.frequency(WordTable.key(count: c.count) { c[$0] }) == Lexicon.shared.frequency(of: word), "\(word)")
            #expect(Lexicon.shared.frequency(of: word) > 0)
        }
    }

    /// The tables an image stores (the bundled lexicon's) answer as the tables built from its words.
    @Test func storedTablesAnswerAsBuiltOnes() throws {
        let image = try LexiconImage(ImageBytes(copying: LexiconImage.build(entries: Self.words, tables: true)), name: "test")
        #expect(image.storedWordTable != nil && image.storedPairLengths != nil)
        #expect(lexicon.image.storedWordTable == nil && lexicon.image.storedPairLengths == nil)
        #expect(Lexicon.shared.image.storedWordTable != nil && Lexicon.shared.image.storedPairLengths != nil)
        let stored = try #require(WordTable(image)), built = try #require(WordTable(lexicon))
        let storedPairs = PairLengths(image), builtPairs = PairLengths(lexicon)
        #expect(stored.capacity == built.capacity && storedPairs.capacity == builtPairs.capacity)
        for span in ["文明", "文明城市", "城市", "市委书记", "明城", "新时代", "市城", "城市文明", "委书", "书记市", "代时新"] {
            let c = codes(span)
            let key = WordTable.key(count: c.count) { c[$0] }
            #expect(stored.frequency(key) == built.frequency(key), "\(span)")
            #expect(storedPairs.lengths(c[0], c[1]) == builtPairs.lengths(c[0], c[1]), "\(span)")
        }
    }

    /// Every word's length is listed for its first two characters, and no other length.
    @Test func listsTheLengthsOfTheWordsAPairBegins() {
        let pairs = PairLengths(lexicon)
        func lengths(_ pair: String) -> UInt32 {
            let c = codes(pair)
            return pairs.lengths(c[0], c[1])
        }
        #expect(lengths("文明") == 1 << 2 | 1 << 4)
        #expect(lengths("市委") == 1 << 2 | 1 << 4)
        #expect(lengths("全国") == 1 << 6)
        #expect(lengths("新时") == 1 << 3)
        #expect(lengths("城文") == 0)
        #expect(lengths("记书") == 0)
    }

    /// The filter before the bundled table (stored in lexicon.bin) passes every pair that begins a
    /// word, with that word's length.
    @Test func bundledPairFilterPassesEveryWordStart() {
        let shared = Lexicon.shared, pairs = PairLengths(shared)
        var missing: [String] = []
        for length in 2 ... min(shared.maxWordLength, PairLengths.longest) {
            shared.forEachWordStart(length: length) { a, b in
                if pairs.lengths(a, b) & 1 << length == 0 { missing.append("\(shared.scalar(code: a))\(shared.scalar(code: b)) \(length)") }
            }
        }
        #expect(missing.isEmpty, "\(missing.prefix(10))")
    }
}

@Suite struct TokenFormatTests {
    let words = try! WordSegmenter()
    let sentences = try! SentenceSplitter()

    func run(_ lines: [String], _ format: TokenFormat, sentences split: Bool = false) -> [String] {
        var document = DocumentSegmenter(words: words, sentences: split ? sentences : nil, format: format)
        var out: [String] = []
        for line in lines { document.segment(line, into: &out) }
        return out
    }

    @Test func linesTokensAndOffsets() {
        let text = ["1998年增长１７％。", "", " 宣传部长说"]
        #expect(run(text, .lines) == ["1998年 增长 １７％ 。", "", "宣传部长 说"])
        #expect(run(text, .tokens) == ["1998年", "增长", "１７％", "。", "", "", "宣传部长", "说", ""])
        // 1998年: 7 bytes, 增长 6, １７％ 9, 。 3, line feed 1; the empty line 1; a space.
        #expect(run(text, .offsets) == ["0\t1998年", "7\t增长", "13\t１７％", "22\t。", "", "", "28\t宣传部长", "40\t说", ""])
    }

    /// The plain-text path writes bytes: the same lines, each ended by a line feed, in every format.
    @Test func bytesAreTheLinesEachEndedByALineFeed() {
        let text = ["1998年增长１７％。", "", " 宣传部长说：　他强调，要抓落实。", "𠀀𠀁 abc"]
        for format in TokenFormat.allCases {
            for split in [false, true] {
                var document = DocumentSegmenter(words: words, sentences: split ? sentences : nil, format: format)
                var bytes: [UInt8] = []
                for line in text { document.segment(line, appendingTo: &bytes) }
                let expected = run(text, format, sentences: split).map { $0 + "\n" }.joined()
                #expect(String(decoding: bytes, as: UTF8.self) == expected, "\(format) \(split)")
                // The lines given as their bytes (civ-segment's plain text): the same.
                var fromBytes = DocumentSegmenter(words: words, sentences: split ? sentences : nil, format: format)
                var sameBytes: [UInt8] = []
                for line in text { fromBytes.segment(utf8: Array(line.utf8), appendingTo: &sameBytes) }
                #expect(sameBytes == bytes, "\(format) \(split)")
            }
        }
    }

    @Test func sentencesKeepTheirOffsetsInTheLine() {
        let text = ["市委书记调研。　他强调，要抓落实。"]
        #expect(run(text, .lines, sentences: true) == ["市委 书记 调研 。", "他 强调 ， 要 抓 落实 。"])
        let offsets = run(text, .offsets, sentences: true)
        #expect(Array(offsets.prefix(2)) == ["0\t市委", "6\t书记"])
        #expect(offsets.contains("24\t他"))  // after 。 and a full-width space
        #expect(offsets.filter(\.isEmpty).count == 2)
    }

    static let alphabet: [Character] = Array("市委常委宣传部长聂晓葵新世纪的一二三○年月日第个次计算机19９.．%％—…，。！？、 \u{3000}\tabcA")

    /// Each offset points at its token's bytes in the document's text (lines joined by line
    /// feeds), with sentences or without, and the tokens are the text without its white space.
    @Test func offsetsPointAtTheirTokens() async {
        let line = Gen<Character?>.element(of: Self.alphabet).map { $0! }.string(of: 0 ... 20)
        await propertyCheck(count: 200, input: line.array(of: 1 ... 4)) { lines in
            let text = Array(lines.map { $0 + "\n" }.joined().utf8)
            for split in [false, true] {
                var tokens = ""
                for entry in run(lines, .offsets, sentences: split) where !entry.isEmpty {
                    let parts = entry.split(separator: "\t", maxSplits: 1)
                    let offset = Int(parts[0])!, token = Array(parts[1].utf8)
                    #expect(Array(text[offset..<min(text.count, offset + token.count)]) == token, "\(lines) \(entry)")
                    tokens += parts[1]
                }
                #expect(tokens == String(lines.joined().unicodeScalars.filter { !ScalarClass.isSpace($0) }.map(Character.init)))
            }
        }
    }

    @Test func recordsKeepTheirFieldsInEveryFormat() throws {
        let input = Data("%civ 1\n%source a.txt\n%title 调研\n市委书记调研。\n%end\n%civ 1\n%source b.txt\n宣传部长说\n%end\n".utf8)
        let offsets = try Support.shell("civ-segment --format offsets", input: input)
        #expect(offsets.status == 0)
        #expect(offsets.text == "%civ 1\n%source a.txt\n%title 调研\n%segmented offsets\n0\t市委\n6\t书记\n12\t调研\n18\t。\n\n%end\n"
            + "%civ 1\n%source b.txt\n%segmented offsets\n0\t宣传部长\n12\t说\n\n%end\n")
        let tokens = try Support.shell("civ-segment --format tokens --sentences", input: input)
        #expect(tokens.status == 0)
        let reader = RecordReader(input: ByteInput(bytes: Array(tokens.stdout)))
        var records: [Record] = []
        while let r = try reader.next() { records.append(r) }
        #expect(records.map { $0[FieldKey.segmented] } == ["tokens", "tokens"])
        #expect(records.first?.lines == ["市委", "书记", "调研", "。", ""])
        #expect(records.first?[FieldKey.title] == "调研")
        #expect(try Support.shell("civ-segment --format words", input: input).status == 64)
    }
}

@Suite struct FourCharacterWordsTests {
    func mayContain(_ words: FourCharacterWords, _ word: String) -> Bool {
        let s = Array(word.unicodeScalars)
        return words.mayContain(s[0], s[1], s[2], s[3])
    }

    /// Every four-character word of the frequency asked for passes; rarer ones and other spans
    /// mostly do not (hashed bits: a few may).
    @Test func passesTheFrequentWords() throws {
        let lexicon = Lexicon(entries: [("文明城市", 700), ("市委书记", 50), ("社会主义", 100), ("城市文明", 99)])
        let words = try #require(FourCharacterWords(lexicon, minimumFrequency: 100))
        #expect(mayContain(words, "文明城市") && mayContain(words, "社会主义"))
        #expect(!mayContain(words, "市委书记") || !mayContain(words, "城市文明"))
    }

    /// The bundled lexicon's: no frequent word missing, and most spans of two two-character words
    /// told apart without a search.
    @Test func bundledLexiconsFrequentWordsAllPass() throws {
        let shared = Lexicon.shared
        let words = try #require(FourCharacterWords(shared, minimumFrequency: SegmentRules.compoundFrequency))
        var missing: [String] = [], frequent = 0
        shared.forEachPackedWord(length: 4) { key, frequency in
            guard frequency >= SegmentRules.compoundFrequency else { return }
            frequent += 1
            let s = (0 ..< 4).map { shared.scalar(code: UInt32((key >> (16 * UInt64($0))) & 0xFFFF) - 1) }
            if !words.mayContain(s[0], s[1], s[2], s[3]) { missing.append(String(String.UnicodeScalarView(s))) }
        }
        #expect(frequent > 1000 && missing.isEmpty, "\(missing.prefix(10))")
        let spans = ["城市文明", "书记市委", "工作会议", "发展经济", "我们他们"].filter { shared.frequency(of: $0) < SegmentRules.compoundFrequency }
        #expect(spans.filter { mayContain(words, $0) }.count <= 2)
    }

    /// lexicon.bin stores the set the segmenter asks for (its frequency) ready-made, bit for bit the
    /// one built from its words.
    @Test func bundledLexiconStoresTheSetBuiltFromItsWords() throws {
        let image = Lexicon.shared.image
        let stored = try #require(image.storedFourCharacterBits)
        #expect(stored.minimumFrequency == SegmentRules.compoundFrequency)
        #expect(FourCharacterBits.storedMinimumFrequency == SegmentRules.compoundFrequency)
        let built = try #require(FourCharacterBits.build(image, minimumFrequency: stored.minimumFrequency))
        let storedBits = (0 ..< FourCharacterBits.wordCount).map { UInt64(littleEndian: stored.bits[$0]) }
        #expect(storedBits == built)
        #expect(built.contains { $0 != 0 })
    }

    /// An image built with its tables stores the set; one without does not, and the set is built.
    @Test func builtImagesStoreTheSetWithTheirTables() throws {
        let entries = [("文明城市", 700), ("社会主义", 100), ("城市文明", 99)]
        let withTables = try LexiconImage(ImageBytes(copying: LexiconImage.build(entries: entries, tables: true)), name: "test")
        let plain = try LexiconImage(ImageBytes(copying: LexiconImage.build(entries: entries)), name: "test")
        #expect(withTables.storedFourCharacterBits?.minimumFrequency == FourCharacterBits.storedMinimumFrequency)
        #expect(plain.storedFourCharacterBits == nil)
        for image in [withTables, plain] {
            let words = try #require(FourCharacterWords(Lexicon(image: image), minimumFrequency: 100))
            #expect(mayContain(words, "文明城市") && mayContain(words, "社会主义"))
        }
    }
}
