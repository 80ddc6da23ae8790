import PropertyBased
import Testing
@testable import CivKit

/// Desynchronisation runs a punctuation replace on GBK bytes leaves (issue 17, 8 of 18 real runs;
/// `scripts/make-corpus`'s `Damager.punctuation_desync` makes the same damage). The texts here are
/// the team's own.
@Suite struct PunctuationDesyncRunTests {
    static let converter = LostCharacterTraceTests.converter
    static let cleaner = LostCharacterTraceTests.cleaner
    static let markBytes: [UInt8: Unicode.Scalar] = [0xA1: "!", 0xA8: "(", 0xA9: ")", 0xAC: ",", 0xBA: ":", 0xBB: ";", 0xBF: "?"]

    /// `text` (traditional, ASCII marks standing for the page's full-width ones, `(reading)`
    /// annotations) as the damaged pages show it: its GBK bytes, every A3 and mark byte at any offset
    /// replaced by the ASCII mark, read as the pages were read (a first byte alone before ASCII `?`,
    /// with an annotation's `(` one `?`; 0x80 alone `€`; private-use and unmapped pairs dropped).
    static func damage(_ text: String) -> String {
        let gbk = GBKPairs.shared
        var raw: [UInt8] = []
        let s = Array(text.unicodeScalars)
        for (k, c) in s.enumerated() {
            if c.value >= 0x80 {
                let b = gbk.bytes(of: c)!
                raw += [b.lead, b.trail]
                continue
            }
            // An annotation's parentheses are ASCII on the page; the text's marks full-width.
            let annotation = c == "(" && k + 1 < s.count && LostCharacterRepair.isPinyinLetter(s[k + 1])
                || c == ")" && k > 0 && LostCharacterRepair.isPinyinLetter(s[k - 1])
            if !annotation, let b = markBytes.first(where: { $0.value == c })?.key {
                raw += [0xA3, b]
            } else {
                raw.append(UInt8(c.value))
            }
        }
        var replaced: [UInt8] = []
        var i = 0
        while i < raw.count {
            if raw[i] == 0xA3, i + 1 < raw.count, let m = markBytes[raw[i + 1]] {
                replaced.append(UInt8(m.value))
                i += 2
            } else {
                replaced.append(raw[i])
                i += 1
            }
        }
        var out = String.UnicodeScalarView()
        i = 0
        while i < replaced.count {
            let x = replaced[i]
            if x < 0x80 {
                out.append(Unicode.Scalar(x))
                i += 1
            } else if x == 0x80 {
                out.append("€")
                i += 1
            } else if i + 1 < replaced.count, replaced[i + 1] >= 0x40 {
                if let c = gbk.character(lead: x, trail: replaced[i + 1]), !GBKDesyncRepair.isPrivateUse(c) { out.append(c) }
                i += 2
            } else {
                out.append("?")
                i += i + 1 < replaced.count && replaced[i + 1] == 0x28 ? 2 : 1
            }
        }
        return String(out)
    }

    /// `text` damaged by the mechanism comes out as `expected`, the run read and counted.
    func expectReadBack(_ text: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let damaged = Self.damage(text)
        #expect(damaged != text, sourceLocation: sourceLocation)
        let (out, counters) = clean(damaged)
        #expect(out == expected, "\(damaged)", sourceLocation: sourceLocation)
        #expect(counters.compact.contains("gbk-desync.punctuation-run"), sourceLocation: sourceLocation)
    }

    /// `expectReadBack`, and that `variant` (the repair with the rule under test switched off)
    /// does not read `text` back: the rule is what restores it; counted under `counter` if given.
    func expectReadBack(_ text: String, _ expected: String, butNotBy variant: PunctuationDesyncRun, counted counter: String? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        expectReadBack(text, expected, sourceLocation: sourceLocation)
        #expect(Self.read(text, by: variant) != text, sourceLocation: sourceLocation)
        if let counter { #expect(clean(Self.damage(text)).1.compact.contains(counter), sourceLocation: sourceLocation) }
    }

    /// The repair as civ-clean builds it, with `change` made (a rule switched off, a margin moved).
    static func variant(_ change: (inout PunctuationDesyncRun) -> Void = { _ in }) -> PunctuationDesyncRun {
        var run = PunctuationDesyncRun(desync: GBKDesyncRepair(converter: converter))
        change(&run)
        return run
    }

    /// `text` damaged, its runs read by `run` alone (a variant of the repair); nil where none is.
    static func read(_ text: String, by run: PunctuationDesyncRun) -> String? {
        var counters = Counters()
        return run.read(Array(damage(text).unicodeScalars), counters: &counters).map { String(String.UnicodeScalarView($0)) }
    }

    func clean(_ line: String) -> (String, Counters) {
        var counters = Counters()
        let out = Self.cleaner.clean(line, counters: &counters)
        return (out, counters)
    }

    /// The damage as the real pages show it (the finding's examples, re-made from invented text).
    @Test func theDamageIsThePagesForm() {
        #expect(Self.damage("完成了。可以說") == "完成了??梢哉f")
        #expect(Self.damage("有難點。基層") == "有難點?;鶎?")
    }

    @Test(arguments: [
        // Run ended by a letter: 說 is 95 66 (`f`).
        ("我們已經完成了這項任務。可以說,新的工作開始了", "我们已经完成了这项任务。可以说，新的工作开始了"),
        // C is “ (A1 B0): `!` then the run.
        ("會議取得了成功。“一個(gè)城市的文明”", "会议取得了成功。“一个城市的文明”"),
        // P after a closing quote, which the page kept full-width.
        ("他說“工作完成了”。可以說,新的工作開始了", "他说“工作完成了”。可以说，新的工作开始了"),
        // P after a number, two odd characters after the marks.
        ("他用的是mp4。可以說,新的工作開始了", "他用的是mp4。可以说，新的工作开始了"),
        // P after a Latin word, no odd character, the run's last character named by its
        // annotation's reading (`latinBeforeNamedRun`): `tel???zǒng)`, 總 BF 82.
        ("設定檔放在/etc/tel。總(zǒng)是要先讀它", "设定档放在/etc/tel。总是要先读它"),
        ("這是我們的DOWN。總(zǒng)體感覺很好", "这是我们的DOWN。总体感觉很好"),
        // P after a list's number, one odd character: `2??照{` (空 BF D5, 調 D5 7B).
        ("房間有兩個問題:1。床太小,2。空調太吵", "房间有两个问题：1。床太小，2。空调太吵"),
        // P and C 。 among four: `了?!!!Ｎ揖`, the last 。's A3 read with 我's CE.
        ("他記不清了。。。。我可以說,很好", "他记不清了。。。。我可以说，很好"),
    ])
    func aMarkedRunIsReadBack(text: String, expected: String) {
        expectReadBack(text, expected)
    }

    @Test(arguments: [
        // 著's main reading is zhù: the run's `?zhe)` names it by another of its readings (看 is
        // BF B4, 著 D6 F8: `??粗?zhe)`), not a pair dropped before a character read zhe.
        ("他們都走了。看著(zhe)空空的房間", "他们都走了。看着空空的房间"),
        // A mark made inside the run: 嘿 (BA D9) 。 (A1 A3) 可 (BF C9): `?:俸佟??梢`, 佟 is
        // D9 A1, then A3 BF was replaced by `?`; the run goes on one byte later after it.
        ("這本書真不錯。嘿嘿。可以說,很好", "这本书真不错。嘿嘿。可以说，很好"),
    ])
    func aRunReadsOnPastItsInnerMarks(text: String, expected: String) {
        expectReadBack(text, expected)
    }

    @Test(arguments: [
        // 好 (BA C3) then the text's `~`: the last pair took it, 脋 (C3 7E); put back after 好.
        ("我覺得服務非常好~下次還來", "我觉得服务非常好~下次还来"),
        // 裝 (D1 62) before a Latin word: its second byte `b` ends the run, XP is the text's.
        ("這個價格很合理。可以安裝XP,不錯", "这个价格很合理。可以安装XP，不错"),
        // P 常, C 好 before the text's own marks: `非?:?!!!`.
        ("服務態度非常好!!!下次再來", "服务态度非常好！！！下次再来"),
    ])
    func aRunEndsAtTheTextsASCII(text: String, expected: String) {
        expectReadBack(text, expected)
    }

    @Test(arguments: [
        // P 常 (B3 A3) would make 平常 with 平 alone and break 水平, the commoner word the text
        // before ends: `水平??头亢艽?` is 水平。客房, not 水平常客房.
        ("他說那裡的服務水平。客房很大,也很乾淨", "他说那里的服务水平。客房很大，也很干净"),
        // The same past the annotation of the character before: 衝(chōng)突 ends 冲突, not 突兀.
        ("兩個程序沒有衝(chōng)突。很多人都說好,真的", "两个程序没有冲突。很多人都说好，真的"),
        // 非常 is commoner than the 是非 it breaks: P stays 常.
        ("這家店的服務是非常好的,下次再來", "这家店的服务是非常好的，下次再来"),
    ])
    func pBreaksNoCommonerWordBeforeIt(text: String, expected: String) {
        expectReadBack(text, expected)
    }

    @Test(arguments: [
        // P 海 (BA A3), then a lone 。 (A1 A3) as the run's first character: `是大?!Ｔ缟虾芎?` would
        // read 是大。。早上 were a stop after a stop free, as the character model makes it.
        ("房間很大,窗外是大海。早上很好,可以散步", "房间很大，窗外是大海。早上很好，可以散步"),
    ])
    func pBeforeALoneFullStopPaysForTheDoubledStop(text: String, expected: String) {
        expectReadBack(text, expected)
    }

    @Test(arguments: [
        // 。基 then 本: 基's second byte F9 and 本's first B1 make a private-use pair, dropped;
        // the run reads 基本 as one odd character.
        ("他們做得很好。基本上沒有問題了", "他们做得很好。基本上没有问题了"),
        // 湖 (BA FE) then 邊 (DF 85): FE DF is private use.
        ("我們昨天去看了。湖邊的風景很美", "我们昨天去看了。湖边的风景很美"),
        // The last pair (之's AE, 後's E1) dropped before the annotation's `?hòu)`: no character
        // of row D6 reads hòu, 之 (D6 AE) and 後 (E1 E1) do.
        ("工作完成了。可以之後(hòu)再說", "工作完成了。可以之后再说"),
        // 。's A3 and 員's 86 (a private-use pair) dropped before 員's `T`: `非?:谩T工`.
        ("服務非常好。員工也很熱情", "服务非常好。员工也很热情"),
    ])
    func aPairDroppedInsideTheRunIsPutBack(text: String, expected: String) {
        expectReadBack(text, expected)
    }

    @Test(arguments: [
        // After odd characters: 呵 (BA C7) 呵 。 (A1 A3) 搶 (93 8C): `了?:呛恰?qiǎng)`, 恰 is C7 A1,
        // then A3 93 (private use) dropped, and 93's 8C met the annotation's `(`.
        ("今天又降價了。呵呵。搶(qiǎng)了兩本書", "今天又降价了。呵呵。抢了两本书"),
        // Right after the marks: P 。, C 。, then 書 (95 F8), A3 95 dropped: `遍?!?shū)`.
        ("這本小說我讀了很多遍。。書(shū)裡的故事很感人", "这本小说我读了很多遍。。书里的故事很感人"),
        // Five 。s (`fullStopsRun`), the last one's A3 dropped with 愛's 90: `句?!!!!?ài)`.
        ("他只寫了這幾句。。。。。愛(ài)情就是這樣", "他只写了这几句。。。。。爱情就是这样"),
    ])
    func aStopBeforeADroppedReadingIsPutBack(text: String, expected: String) {
        // (stopBeforeDroppedReading: row A1 has no Han character, so the run was left.)
        expectReadBack(text, expected)
    }

    @Test(arguments: [
        // Three 。s, the last one's A3 with 總's BF replaced by `?`, 總's 82 read with its
        // annotation's `(`: `了?!!??zǒng)`, three marks before a reading (`fullStopsRun`).
        ("他說了很多。。。總(zǒng)之很好", "他说了很多。。。总之很好"),
        ("這台電腦我用了一年。。。總(zǒng)體感覺還不錯", "这台电脑我用了一年。。。总体感觉还不错"),
    ])
    func fullStopsBeforeAReadingAreARun(text: String, expected: String) {
        expectReadBack(text, expected)
    }

    @Test(arguments: [
        // Three 。s, the last one's A3 with 現's AC replaced by `,`, 現's 46 the letter `F`:
        // `的?!!,F(xiàn)` (`fullStopsBeforeLetter`).
        ("這本書還是簡單易行的。。。現(xiàn)實生活節奏很快", "这本书还是简单易行的。。。现实生活节奏很快"),
        ("他說得很對。。。現(xiàn)在就去做", "他说得很对。。。现在就去做"),
    ])
    func fullStopsBeforeALetterAreARun(text: String, expected: String) {
        expectReadBack(text, expected)
    }

    @Test(arguments: [
        // 常 (B3 A3) before 好 (BA C3): `非?:糜?,`, 用 (D3 C3) its second byte lost before `,`.
        // 用 makes no lexicon word with 好 and is not among the row's commonest lone characters:
        // only as likely after 好 (`likeliestAfterContext`) is it scored, and only the word end
        // before the mark (`wordEndBeforeMark`) puts it above 有.
        ("這個包非常好用,可以帶去旅行", "这个包非常好用，可以带去旅行"),
        ("鍵盤非常好用,手感也不錯", "键盘非常好用，手感也不错"),
    ])
    func theLastCharacterBeforeAMarkEndsAWord(text: String, expected: String) {
        expectReadBack(text, expected, butNotBy: Self.variant { $0.likeliestAfterContext = 0 })
        expectReadBack(text, expected, butNotBy: Self.variant { $0.wordEndBeforeMark = 0 })
    }

    @Test(arguments: [
        // P 。 (A1 A3) before a lone 。: `比較好?!ｏ@`, 顯 (EF 40) its `@` the run's end. 好耍 is a
        // lexicon word (耍 CB A3), but a commoner lone character reads better after 好: the word is
        // chance, and P stays 。 (`previousBeforeLoneStop`).
        ("這台筆記本的配置比較好。。顯卡也不錯", "这台笔记本的配置比较好。。显卡也不错"),
        // 多福 (福 B8 A3) is a word; 太多。。 is a review's doubled stop.
        ("每天練習耗時太多。。有一本這樣的書就夠了", "每天练习耗时太多。。有一本这样的书就够了"),
    ])
    func aWordBeforeALoneStopMustReadBestAsP(text: String, expected: String) {
        expectReadBack(text, expected, butNotBy: Self.variant { $0.previousBeforeLoneStop = false })
    }

    @Test func aLoneStopIsOneNoSecondFollows() {
        #expect(PunctuationDesyncRun.startsWithLoneStop(Array("。前台".unicodeScalars)))
        #expect(PunctuationDesyncRun.startsWithLoneStop(["。"]))
        #expect(!PunctuationDesyncRun.startsWithLoneStop(Array("。。我".unicodeScalars)))
        #expect(!PunctuationDesyncRun.startsWithLoneStop(Array("前台".unicodeScalars)))
        #expect(!PunctuationDesyncRun.startsWithLoneStop([]))
    }

    @Test func onlyASCIIClauseMarksEndAClause() {
        for c in [",", "!", ";", ":", "."] as [Unicode.Scalar] { #expect(PunctuationDesyncRun.isClauseMark(c)) }
        for c in ["a", "1", " ", "(", "?", "，"] as [Unicode.Scalar] { #expect(!PunctuationDesyncRun.isClauseMark(c)) }
    }

    @Test func onlyALetterSpellingAHanCharacterWithTheLastMarkEndsStops() {
        #expect(PunctuationDesyncRun.letterEndsStops(Array("的?!!,F(xiàn)".unicodeScalars), at: 5))
        // `!` (A1) with a letter spells nothing: the text's own `so.` after 。。。.
        #expect(!PunctuationDesyncRun.letterEndsStops(Array("神?!!o.".unicodeScalars), at: 4))
        // A Latin word goes on after the letter.
        #expect(!PunctuationDesyncRun.letterEndsStops(Array("的?!!,Fun".unicodeScalars), at: 5))
    }

    @Test func fullStopsRunReachesAReadingAfterAnyLastMark() {
        let s = Array("了?!!??zǒng)之".unicodeScalars)
        #expect(PunctuationDesyncRun.fullStopsRun(s, marks: 2 ..< 5))
        // Not where a mark before the last is not `!` (the text's own `?!?`), nor before a `?` that is no reading.
        #expect(!PunctuationDesyncRun.fullStopsRun(Array("了?!?!?zǒng)之".unicodeScalars), marks: 2 ..< 5))
        #expect(!PunctuationDesyncRun.fullStopsRun(Array("了?!!??之".unicodeScalars), marks: 2 ..< 5))
    }

    @Test(arguments: [
        // C “ (A1 B0), then the word: B0 with `m` is 癿 (`?!癿an”`), the run's last character “.
        ("詳見使用說明。“man”是查看說明的命令", "详见使用说明。“man”是查看说明的命令"),
        // A one-letter word right before its closing quote: `?!皍”`.
        ("這個選項很常用。“u”表示更新", "这个选项很常用。“u”表示更新"),
        // After odd characters: 看 (BF B4) 看 “: `??纯础癝hell` (础 B4 A1, 癝 B0 53).
        ("先讀一下提示。看看“Shell”一節", "先读一下提示。看看“Shell”一节"),
    ])
    func anOpeningQuoteBeforeALatinWordEndsTheRun(text: String, expected: String) {
        expectReadBack(text, expected)
    }

    @Test func onlyAnOpeningQuoteBeforeTheTextsLatinOpensOne() {
        let s = Array("癿an”".unicodeScalars)
        #expect(PunctuationDesyncRun.opensLatinQuote("“", letter: 0x6D, s, after: 0))
        // Not a closing quote, not a Han character, not a mark as the letter, not at the line's end.
        #expect(!PunctuationDesyncRun.opensLatinQuote("”", letter: 0x6D, s, after: 0))
        #expect(!PunctuationDesyncRun.opensLatinQuote("好", letter: 0x6D, s, after: 0))
        #expect(!PunctuationDesyncRun.opensLatinQuote("“", letter: 0x7E, s, after: 0))
        #expect(!PunctuationDesyncRun.opensLatinQuote("“", letter: 0x6D, Array("癿".unicodeScalars), after: 0))
        // Before Han text the letter would be no word of the text's.
        #expect(!PunctuationDesyncRun.opensLatinQuote("“", letter: 0x6D, Array("癿好".unicodeScalars), after: 0))
    }

    @Test(arguments: [
        // P 模 (C4 A3) and C 糊 (BA FD), then 甚 (C9 F5): FD C9 is private use, dropped, so the run
        // reads 乎 (BA F5) for 糊甚; chosen apart, 。 came before 乎 and the pair was not put back.
        ("這張照片拍得有些模糊甚至看不清楚", "这张照片拍得有些模糊甚至看不清楚"),
        ("這個問題說得很模糊甚至讓人誤會", "这个问题说得很模糊甚至让人误会"),
    ])
    func pAndAPairDroppedAtTheFirstCharacterAreChosenTogether(text: String, expected: String) {
        // (Chosen apart, as before: P 。 before the character read.)
        expectReadBack(text, expected, butNotBy: Self.variant { $0.jointGain = .infinity })
    }

    @Test(arguments: [
        // P 模 (C4 A3), C 糊 (BA FD), then 虛 (CC 93): FD CC is private use, dropped, and 虛's 93
        // meets its annotation's `(`: `變得?:?xū)`. Row BA has 呼, read xū only among its others;
        // chosen apart, 糊 was not looked for after 變得 without P, and the run read 。呼.
        ("時間久了,記憶變得模糊虛(xū)幻了", "时间久了，记忆变得模糊虚幻了"),
        ("我覺得這裡變得模糊虛(xū)假了", "我觉得这里变得模糊虚假了"),
    ])
    func pAndAPairDroppedBeforeAReadingRightAfterTheMarksAreChosenTogether(text: String, expected: String) {
        #expect(Self.damage(text).contains("變得?:?xū)"))
        // (Without the joint choice: the margin made unreachable.)
        expectReadBack(text, expected, butNotBy: Self.variant { $0.readingDropGain = .infinity })
    }

    @Test(arguments: [
        // C 花 (BB A8) then 樣 (98 D3): A8 98 is no character the decoder keeps, dropped, and 樣's D3 meets its
        // annotation's `(`: `?;?yàng)`, no odd character between the mark and the reading; row BB
        // has no character read yàng, 花 and 樣 do.
        ("我又想起了那些日子。花樣(yàng)的年華", "我又想起了那些日子。花样的年华"),
        ("回想起來。花樣(yàng)年華真的很美", "回想起来。花样年华真的很美"),
    ])
    func aPairDroppedRightAfterTheMarksIsPutBackBeforeTheReading(text: String, expected: String) {
        expectReadBack(text, expected)
    }

    @Test(arguments: [
        // P 常 (B3 A3), C 基 (BB F9), then 礎 (B5 41): F9 B5 is no character the decoder keeps,
        // dropped, and 礎's `A` follows the mark: `非?;A的`, no odd character, the marks' BB read
        // with the letter as one character.
        ("這個工具提供了非常基礎的功能", "这个工具提供了非常基础的功能"),
        ("這本書講的都是非常基礎的內容", "这本书讲的都是非常基础的内容"),
    ])
    func aPairDroppedBeforeALetterRightAfterTheMarksIsPutBack(text: String, expected: String) {
        #expect(Self.damage(text).contains("非?;A的"))
        expectReadBack(text, expected)
    }

    @Test func aClosingBracketTheRunsLastPairTookIsTheLinesOnlyWhereItOpenedOne() {
        let opened = Array("看[選項".unicodeScalars), unopened = Array("看選項".unicodeScalars)
        #expect(PunctuationDesyncRun.mayEndRun("]", in: opened, before: opened.count))
        #expect(!PunctuationDesyncRun.mayEndRun("]", in: unopened, before: unopened.count))
        #expect(!PunctuationDesyncRun.mayEndRun("]", in: Array("看[選]項".unicodeScalars), before: 5))
        #expect(PunctuationDesyncRun.mayEndRun("~", in: unopened, before: unopened.count))
        #expect(PunctuationDesyncRun.mayEndRun("`", in: unopened, before: unopened.count))
    }

    @Test(arguments: [
        // 女 (C5 AE) then 主 (D6 F7): AE D6 is private use; read as one, 坯, which stands oddly
        // between 。 and 的, so the pair is put back though it gains less than `dropMargin`.
        ("這部劇我看了三遍。。。女主的性格很好", "这部剧我看了三遍。。。女主的性格很好"),
        ("這部電影真不錯。。。女主的演技很自然", "这部电影真不错。。。女主的演技很自然"),
        // 命 (C3 FC) then 令 (C1 EE): FC C1 is private use; read as one, 妙.
        ("配置寫好了。可用下面的命令得到結果", "配置写好了。可用下面的命令得到结果"),
    ])
    func aPairWhoseCharacterReadStandsOddlyIsPutBackBelowTheDropMargin(text: String, expected: String) {
        // (Without the standing, the margin alone leaves the odd character.)
        expectReadBack(text, expected, butNotBy: Self.variant { $0.readStandingWeight = 0 })
    }

    @Test(arguments: [
        // 命 (C3 FC) then 令 (C1 EE): FC C1 is private use, dropped; the two read as one, 妙 (C3
        // EE). By the character model alone, pairs of common characters rank above 命令, and 名额
        // won; the lexicon's words for the place are scored too (`droppedPairWords`).
        ("這是新的寫法。可以用下面的命令來(lái)激活", "这是新的写法。可以用下面的命令来激活"),
        ("設定好了。可以用下面的命令來(lái)啟動", "设定好了。可以用下面的命令来启动"),
    ])
    func aDroppedPairThatMakesAWordIsScored(text: String, expected: String) {
        expectReadBack(text, expected, butNotBy: Self.variant { $0.dropWords = 0 })
    }

    @Test(arguments: [
        // 上 (C9 CF) ends in no A3: P is the first 。 (A1 A3) of 。。。, and the same bytes read
        // 上海。。 (海 BA A3) with the word 上海 (`previousBeforeEllipsis`).
        ("這本書的重點不在故事上。。。我也不多說了", "这本书的重点不在故事上。。。我也不多说了"),
        ("這本書的重點不在故事上。。。。。我也不多說了", "这本书的重点不在故事上。。。。。我也不多说了"),
    ])
    func beforeAnEllipsisPIsAStop(text: String, expected: String) {
        expectReadBack(text, expected, butNotBy: Self.variant { $0.previousBeforeEllipsis = false })
    }

    @Test(arguments: [
        // 茫 (C3 A3) is P, 。 (A1 A3) C; 但 (B5 AB) is read with 。's A3 as ５, (AB, CA) is private
        // use, dropped, and 是 (CA C7) lost its second byte before `,`: the row B5's character
        // chosen by context alone was 等 (`pairBeforeLostTrail`).
        ("讀完以後我感到很迷茫。但是,還是想再讀一遍", "读完以后我感到很迷茫。但是，还是想再读一遍"),
        // 而 (B6 F8), 且 (C7 D2): (F8, C7) is private use.
        ("我們去看了大海。而且,還吃了很多東西", "我们去看了大海。而且，还吃了很多东西"),
    ])
    func aPairDroppedBeforeALostSecondByteIsPutBack(text: String, expected: String) {
        expectReadBack(text, expected, butNotBy: Self.variant { $0.pairBeforeLostTrail = false }, counted: "gbk-desync.punctuation-run.pair-before-lost-trail")
    }

    @Test(arguments: [
        // 可 (BF C9) is C; 小 (D0 A1) lost its second byte before the text's own ？ (A3 BF, made
        // `?` like the marker's), Han text after it (`questionAfterLostTrail`).
        ("房間打掃得很乾淨。可是有些小?還算可以吧", "房间打扫得很干净。可是有些小？还算可以吧"),
        // 看 (BF B4) lost its second byte before ？.
        ("這個問題很難。可是你想想看?其實很簡單", "这个问题很难。可是你想想看？其实很简单"),
    ])
    func aLostSecondByteBeforeTheTextsQuestionMarkIsRead(text: String, expected: String) {
        expectReadBack(text, expected, butNotBy: Self.variant { $0.questionAfterLostTrail = false }, counted: "gbk-desync.punctuation-run.question-after-lost-trail")
    }

    @Test(arguments: [
        // The first 。's A1 shows as `?` after the space; each `!` is a 。's A3 and the next 。's
        // A1 (`ellipsisAfterSpace`; the space before 。 then goes as elsewhere).
        ("那些日子都過去了 。。。我只記得一點點", "那些日子都过去了。。。我只记得一点点"),
        ("看完以後想了很久 。。。。。。我還是喜歡這個結局", "看完以后想了很久。。。。。。我还是喜欢这个结局"),
    ])
    func anEllipsisAfterASpaceIsARun(text: String, expected: String) {
        expectReadBack(text, expected, butNotBy: Self.variant { $0.ellipsisAfterSpace = false }, counted: "gbk-desync.punctuation-run.ellipsis-after-space")
    }

    @Test func noPairIsPutBackAfterHanTextOfTheRun() {
        // After Han text of the run, a word x y is not read over the character chosen by context:
        // 符 (B7 FB) lost its second byte before `>`, and 服务 (服 B7 FE, 務 CE F1, (FE, CE)
        // private use) read far better after the run's 操作 (without the rule's condition it won;
        // with it, a pair is put back inside the run instead, wrongly: the run stays hard).
        let (out, counters) = clean(Self.damage("輸出的文件不存在。可以使用重定向操作符>寫入它"))
        #expect(!out.contains("服务"), "\(out)")
        #expect(!counters.compact.contains("gbk-desync.punctuation-run.pair-before-lost-trail"))
        // 常 (B3 A3) is P, 好 (BA C3) read with its A3 as `:`, 用 (D3 C3) lost its second byte.
        expectReadBack("這個包非常好用,可以裝很多東西", "这个包非常好用，可以装很多东西")
    }

    @Test(arguments: [
        // 二 (B6 FE), 十 (CA AE), 一 (D2 BB): FE CA and AE D2 are private use, both dropped, so the
        // three read as one, 痘 (B6 BB); one pair at a time would have to put back 二 and the junk
        // of 十's first byte and 一's second. 二十一 is a word of three characters.
        ("到了車站。。我們都二十一歲(suì)了", "到了车站。。我们都二十一岁了"),
        ("我們都已經。。他們都二十一歲(suì)了。", "我们都已经。。他们都二十一岁了。"),
    ])
    func twoPairsDroppedSideBySideArePutBackTogether(text: String, expected: String) {
        #expect(Self.damage(text).contains("级粴q"))
        expectReadBack(text, expected)
        // (Without the three-character search, one pair is put back there, wrong.)
        let read = Self.read(text, by: Self.variant { $0.tripleGain = .infinity })
        #expect(read.map { !$0.contains("二十一") } ?? true)
    }

    @Test func theCharacterReadStandsWorseWhereAPairWasDropped() {
        let run = Self.variant()
        // 坯 (女 and 主 read as one) between 。 and 的; 女 itself there.
        let odd = run.standing(Array("坯的".unicodeScalars), at: 0, previous: "。", right: [])
        let right = run.standing(Array("女的".unicodeScalars), at: 0, previous: "。", right: [])
        #expect(odd < PunctuationDesyncRun.usualStanding)
        #expect(odd < right)
    }

    @Test(arguments: [
        // P 常 (B3 A3) and C 好 (BA C3) at the line's end: `非?:?`, 好's second byte alone.
        ("這家飯店的服務非常好", "这家饭店的服务非常好"),
        // C 。 (A1 A3): `正?!?`; row A1 holds no Han character.
        ("他說一切正常。", "他说一切正常。"),
        // 。s after a character not ending in A3: `多?!!?`, the last one's second byte lost.
        ("他說了很多。。。", "他说了很多。。。"),
        // P 常 (B3 A3), C 好 (BA C3) before a space: `非?:? 房`.
        ("服務態度非常好 房間也很大", "服务态度非常好 房间也很大"),
    ])
    func aRunAtTheLinesEndIsReadBack(text: String, expected: String) {
        let damaged = Self.damage(text)
        let (out, _) = clean(damaged)
        #expect(out == expected, "\(damaged)")
    }

    @Test(arguments: [
        // P 。 and C ” (A1 B1) at the line's end: `東西?!?`, ”'s second byte alone; the line's
        // open “ asks for ” (without it, `正?!?` is 正常。).
        ("他說“這是好東西。”", "他说“这是好东西。”"),
        // P 常 (B3 A3), C ” before ，: `正?!?,他`.
        ("“一切正常”,他說", "“一切正常”，他说"),
        // P 海 (BA A3) before 》 (A1 B7): a title ends in no 。, its last character is chosen.
        ("我想去《看海》,這句話說得好", "我想去《看海》，这句话说得好"),
    ])
    func aClosingMarkTheLineAsksForEndsTheRun(text: String, expected: String) {
        expectReadBack(text, expected)
    }

    @Test func theClosingMarkIsTheOpenOnes() {
        let s = Array("《看“好”》和“他說《書》".unicodeScalars)
        #expect(PunctuationDesyncRun.closingMark(s, before: s.count) == "”")
        #expect(PunctuationDesyncRun.closingMark(s, before: 5) == "》")
        #expect(PunctuationDesyncRun.closingMark(s, before: 7) == nil)
    }

    @Test func theCharacterBeforePIsFoundPastItsAnnotation() {
        let run = Self.variant()
        let s = Array("要確(què)?:".unicodeScalars)
        #expect(run.leftContext(s, before: s.count - 2) == Array("要確".unicodeScalars))
        // (A lost character's `?noise)` is no annotation.)
        let t = Array("要?què)?:".unicodeScalars)
        #expect(run.leftContext(t, before: t.count - 2).isEmpty)
    }

    // (`保??都沒配`: 都沒 read with a pair put back below `dropMargin`, where the character read
    // stood oddly, would pass as a run; such a pair does not itself make one.)
    // (`包??都沒送`: 沒 is 9B 5D; read as a run whose last pair took the text's `]`, it would
    // write a bracket the line never opened.)
    @Test(arguments: ["手機保??都沒配", "鍵盤保??都沒配", "錢包??都沒送", "東西??都沒送到,很生氣", "真的嗎??我們明天再去", "真的是這樣嗎?!?", "真的嗎?!!!我不信,真的", "這是什麼?!我不知道", "好吃?,下次再來", "不錯!(真的)很好",
                      "能不能發到收貨地址的嗎??????還是我自己又再花了20塊錢去拿的貨",
                      "能不能發(fā)到收貨(huò)地址的嗎???????yǎ)?hái)是我自己又再花了20塊錢"])
    func theTextsOwnMarksAreLeft(text: String) {
        let (out, counters) = clean(text)
        #expect(!counters.compact.contains("gbk-desync.punctuation-run"), "\(out)")
    }

    /// Where the run ends at the next character's ASCII second byte (a letter), after 。 and a
    /// character C whose first byte is a mark's: damaged and read again (without the lexicon's
    /// say), the text comes back exactly.
    @Test func damagedAndReadAgainGivesTheTextBack() async {
        let gbk = GBKPairs.shared
        // (P is 。 here whatever the run reads: `。模块` could be `了模块`; and no pair was dropped,
        // though rare characters read worse than a common pair put back: `岿丄`, `开往`.)
        let run = Self.variant { $0.margin = -.infinity; $0.previousGain = .infinity; $0.dropGain = .infinity; $0.tripleGain = .infinity }
        let firsts = Array(Self.markBytes.keys).filter { $0 >= 0xBA }.flatMap { gbk.characters(lead: $0) }.filter(ScalarClass.isHan)
        let lasts = (UInt8(0x81) ... 0xA0).flatMap { gbk.characters(lead: $0) }.filter { ScalarClass.isHan($0) && (0x41 ... 0x7A).contains(gbk.bytes(of: $0)!.trail) }
        await propertyCheck(input: Gen.int(in: 0 ... firsts.count - 1), Gen.int(in: 0 ... lasts.count - 1)) { f, l in
            let c = firsts[f], x = lasts[l]
            guard let odd = gbk.character(lead: gbk.bytes(of: c)!.trail, trail: gbk.bytes(of: x)!.lead), !GBKDesyncRepair.isPrivateUse(odd) else { return }
            let text = "工作完成了。\(c)\(x)的"
            let damaged = Self.damage(text)
            var counters = Counters()
            let out = run.read(Array(damaged.unicodeScalars), counters: &counters).map { String(String.UnicodeScalarView($0)) }
            #expect(out == text, "\(damaged)")
        }
    }
}
