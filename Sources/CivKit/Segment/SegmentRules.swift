import Foundation

/// The rules civ-segment runs on ICU's word tokens, in order, towards the PKU convention (the
/// People's Daily standard of SIGHAN 2005):
///
/// 0. a dash or ellipsis written doubled is one token (`——`, `……`);
/// 1. numbers: digits (ASCII or full-width, with a decimal point, after a minus sign) joined with
///    a unit after them: date, time, percent, 万/亿 (`1998年`, `12月`, `20号`, `１７％`, `3.5亿`,
///    `1万亿`); 年 only after four digits (`10 年` is a duration); a unit ICU joined to the word
///    after it taken off that word (`9月 底`, `50万 人次`); `80 年代` apart;
/// 2. Chinese numerals: numeral tokens joined (`二○○一年`, `三十一日`), 第 with its number
///    (`第一`, `第一 个`), 百分之 with its number (`百分之三十五`); 年 after a year written digit by
///    digit, 月/日 after a run; a number ICU cut before its measure word joined (`五 十五岁` →
///    `五十五 岁`);
/// 2a. consecutive tokens spelling a word of the domain lexicon or the user's, longest first
///    (`宣传 部长` → `宣传部长`);
/// 2b. ICU's words that PKU splits: a number and its measure word (`一 次`, `两 个`, `十五 岁`,
///    `首 次`, `三 大`; `一个`, `百年` stay), a time after a number and its direction (`5 年 前`),
///    a function character stuck to a neighbour or a character and a complement after it when
///    the lexicons lack the pair (`新 的`, `年 来`, `唱 出`, `较 好`), a pronoun or an adverb and
///    the word of two characters after it (`不 知道`, `也 可以`), a word of three characters
///    the lexicons lack that is a word and a complement (`了解 到`), or any word and 是 or 着
///    (`尤其 是`, `意味 着`), and a word of 4-6 characters the lexicons lack that is two words
///    they list (`公共 秩序`);
/// 3. runs of single Han characters (where ICU's dictionary knew no word), with the short token
///    before them, re-segmented by unigram probability over the lexicons (`计算 机` → `计算机`,
///    `委员 会` → `委员会`), never into a number with its measure word; a three-character name
///    found this way is surname + given name (`江 泽民`);
/// 3b. two two-character words that make a common four-character word (`社会主义`); a word
///    doubled character by character (`高高兴兴`); 们 after a noun stays apart (`孩子 们`);
/// 4. given names: a surname followed by two single characters that are not function words,
///    and not by a third that is not one either, makes surname + given name (`聂 晓葵`); before
///    that, two such characters and a place suffix make a place name (`水心村`);
/// 5. a domain word the convention writes in parts, in its parts (`县委书记` → `县委 书记`; the
///    domain lexicon's third column), unless the user listed it.
///
/// White space stays a token through the rules, so that none joins across it. Tokens made by
/// rules 0–2b are not re-segmented by rule 3. Known weakness: the three-character split of rule 3
/// also cuts a common word ICU did not know whose first character is a surname (`计 算机` when
/// ICU gives `计 算 机`); a list of the lexicon's person names would tell them apart.
struct SegmentRules: Sendable {
    /// A token: the scalars `start..<end` of the line. Rules only move boundaries, so every token
    /// is a range of the line's scalars.
    struct Token: Equatable {
        // 32-bit offsets keep a token at 12 bytes: a line is at most 1 MiB (`Limits`).
        private var first: Int32
        private var past: Int32
        /// Made by a rule that the re-segmentation must not undo.
        var fixed: Bool

        init(start: Int, end: Int, fixed: Bool = false) {
            first = Int32(start)
            past = Int32(end)
            self.fixed = fixed
        }

        var start: Int {
            get { Int(first) }
            set { first = Int32(newValue) }
        }
        var end: Int {
            get { Int(past) }
            set { past = Int32(newValue) }
        }
        var count: Int { end - start }
    }

    /// The line's scalars and its tokens, as the rules pass them on.
    struct Line {
        var text: [Unicode.Scalar]
        var tokens: [Token]
        /// The rules' scratch, kept with the line so that a segmenter reuses its storage from line
        /// to line: the tokens a rule writes, and the re-segmentation's cells.
        var spare: [Token] = []
        var cells: [PathCell] = []

        func isSingleHan(_ t: Token) -> Bool { t.count == 1 && ScalarClass.isHan(text[t.start]) }
        @inline(__always) func isHan(_ t: Token) -> Bool {
            // A loop, not allSatisfy over the range: that was a call of ~50 instructions a token.
            guard t.count > 0 else { return false }
            for k in t.start..<t.end where !ScalarClass.isHan(text[k]) { return false }
            return true
        }
        func first(_ t: Token) -> Unicode.Scalar { text[t.start] }
        func last(_ t: Token) -> Unicode.Scalar { text[t.end - 1] }
        func scalars(_ t: Token) -> ArraySlice<Unicode.Scalar> { text[t.start..<t.end] }
        func all(_ t: Token, _ test: (Unicode.Scalar) -> Bool) -> Bool { (t.start..<t.end).allSatisfy { test(text[$0]) } }
        func `is`(_ t: Token, _ s: Unicode.Scalar) -> Bool { t.count == 1 && text[t.start] == s }
    }

    /// The domain lexicon shipped with civ (`segment-lexicon.tsv` and the divisions' names).
    static let domainLexicon = DomainLexicon.shared.words

    let lexicon: Lexicon
    let domain: Lexicon
    let user: Lexicon?
    /// The domain words the convention writes in parts (`DomainLexicon.compounds`).
    let compounds: Lexicon
    let surnames: ScalarSet
    /// The main lexicon's short words, hashed (nil: its codes do not pack); searched instead of
    /// the lexicon for words of up to `WordTable.maxLength` characters.
    private let shortWords: WordTable?
    private let pairLengths: PairLengths
    /// The first two characters of the domain's and the user's words (an exact no: their
    /// searches are skipped for the spans that begin otherwise).
    private let domainStarts: WordStarts
    private let userStarts: WordStarts
    private let compoundStarts: WordStarts
    /// The main lexicon's four-character words frequent enough for rule 3b (nil: all may be).
    private let commonFourCharacterWords: FourCharacterWords?
    /// `ruleCharacterTable`, and whether a listed word begins outside the Basic Multilingual Plane.
    private let ruleCharacters: [UInt8]
    private let anyListedStart: Bool
    private let logTotal: Double
    /// The log probabilities of a single character and of a word only ICU knows (see below).
    private let logSingle: Double
    private let logICU: Double
    private let maxLength: Int

    init(lexicon: Lexicon, domain: Lexicon, user: Lexicon?, compounds: Lexicon = DomainLexicon.shared.compounds) {
        self.lexicon = lexicon
        self.domain = domain
        self.user = user
        self.compounds = compounds
        var names = ScalarSet("")
        for line in DataFile.lines("surnames.txt") {
            for word in line.split(separator: " ") where word.unicodeScalars.count == 1 && word.unicodeScalars.first!.value < 0x10000 {
                names.insert(word.unicodeScalars.first!)
            }
        }
        surnames = names
        shortWords = WordTable(lexicon)
        pairLengths = PairLengths(lexicon)
        domainStarts = WordStarts(domain)
        userStarts = user.map(WordStarts.init) ?? WordStarts()
        compoundStarts = WordStarts(compounds)
        commonFourCharacterWords = FourCharacterWords(lexicon, minimumFrequency: Self.compoundFrequency)
        ruleCharacters = Self.ruleCharacterTable(domainStarts: domainStarts, userStarts: userStarts)
        anyListedStart = domainStarts.startsAnywhere || userStarts.startsAnywhere
        logTotal = log(Double(lexicon.totalFrequency))
        logSingle = log(Self.singleFrequency) - logTotal
        logICU = log(Self.icuFrequency) - logTotal
        maxLength = min(8, max(lexicon.maxWordLength, domain.maxWordLength, user?.maxWordLength ?? 0))
    }

    /// `ruleCharacters`: the `RuleCharacter` bits of the line's characters or'ed together, when
    /// the caller found them (`withRuleCharacters`) while reading the line.
    func apply(_ line: inout Line, ruleCharacters: UInt8? = nil) {
        // Each rule reads `line.tokens` and writes `out`, which then become the tokens.
        var out: [Token] = [], cells: [PathCell] = []
        swap(&out, &line.spare)
        swap(&cells, &line.cells)
        // The first four rules change nothing on a line without their characters (most lines
        // lack some): one scan of the line spares their passes over the tokens.
        let may = ruleCharacters.map(Self.mayChange) ?? mayChange(line.text)
        // Each pass returns false when the line holds nothing it changes, without writing
        // `out`: the tokens stay.
        if may.marks, joinRepeatedMarks(line, into: &out) { swap(&line.tokens, &out) }
        if may.numbers, joinNumbers(line, into: &out) { swap(&line.tokens, &out) }
        if may.numerals, joinChineseNumerals(line, into: &out) { swap(&line.tokens, &out) }
        if may.listedWords, joinListedWords(line, into: &out) {
            swap(&line.tokens, &out)
        }
        if splitLooseTokens(line, into: &out) { swap(&line.tokens, &out) }
        if resegment(line, cells: &cells, into: &out) { swap(&line.tokens, &out) }
        if joinCompounds(line, into: &out) { swap(&line.tokens, &out) }
        // Rule 5 in the same pass: it changes only tokens of two characters or more, rule 4 only
        // single characters.
        if joinGivenNames(line, splittingCompounds: may.listedWords, into: &out) { swap(&line.tokens, &out) }
        swap(&out, &line.spare)
        swap(&cells, &line.cells)
    }

    /// Whether the line holds a character that rules 0, 1, 2 and 2a act on: a mark that may be
    /// doubled, a digit, a Chinese numeral or 第, the first character of a listed word.
    func mayChange(_ text: [Unicode.Scalar]) -> (marks: Bool, numbers: Bool, numerals: Bool, listedWords: Bool) {
        // One table read a character (`ruleCharacters`) where four set tests were.
        var flags = anyListedStart ? RuleCharacter.listed : 0
        ruleCharacters.withUnsafeBufferPointer { table in
            for c in text where c.value < 0x10000 {
                flags |= table[Int(c.value)]
                if flags == RuleCharacter.all { break }
            }
        }
        return Self.mayChange(flags)
    }

    /// The same from the `RuleCharacter` bits of the line's characters.
    static func mayChange(_ flags: UInt8) -> (marks: Bool, numbers: Bool, numerals: Bool, listedWords: Bool) {
        (flags & RuleCharacter.mark != 0, flags & RuleCharacter.digit != 0, flags & RuleCharacter.numeral != 0, flags & RuleCharacter.listed != 0)
    }

    /// Calls `body` with `ruleCharacterTable` and the bits every line starts with (`listed`
    /// when a listed word begins outside the Basic Multilingual Plane), so that a caller reading
    /// the line's characters anyway collects their bits for `apply` (one read a character, not
    /// a scan of its own).
    func withRuleCharacters<R>(_ body: (UnsafeBufferPointer<UInt8>, UInt8) -> R) -> R {
        ruleCharacters.withUnsafeBufferPointer { body($0, anyListedStart ? RuleCharacter.listed : 0) }
    }

    /// The bits of `ruleCharacters`.
    enum RuleCharacter {
        static let mark: UInt8 = 1, digit: UInt8 = 2, numeral: UInt8 = 4, listed: UInt8 = 8
        static let all: UInt8 = 15
    }

    /// For each character of the Basic Multilingual Plane, which of rules 0, 1, 2 and 2a it may
    /// set off (`RuleCharacter`): a mark that may be doubled, a digit, a Chinese numeral or 第,
    /// the first character of a domain or user word.
    static func ruleCharacterTable(domainStarts: WordStarts, userStarts: WordStarts) -> [UInt8] {
        var table = [UInt8](repeating: 0, count: 0x10000)
        repeatedMarks.forEach { table[Int($0.value)] |= RuleCharacter.mark }
        // `isDigit`'s characters: ASCII and full-width digits.
        for v in [0x30 ... 0x39, 0xFF10 ... 0xFF19].joined() { table[v] |= RuleCharacter.digit }
        numerals.forEach { table[Int($0.value)] |= RuleCharacter.numeral }
        table[Int(("第" as Unicode.Scalar).value)] |= RuleCharacter.numeral
        domainStarts.forEachFirst { table[Int($0.value)] |= RuleCharacter.listed }
        userStarts.forEachFirst { table[Int($0.value)] |= RuleCharacter.listed }
        return table
    }

    /// The frequency of a word in the lexicons (the highest), 0 when it is in none.
    func frequency(_ word: ArraySlice<Unicode.Scalar>) -> Int {
        guard !word.isEmpty else { return 0 }
        var f = 0
        if word.count >= 2, word.count <= WordTable.maxLength, let shortWords {
            var key: UInt64 = 0, k = 0
            for c in word {
                guard let code = lexicon.code(of: c) else { key = 0; break }
                key |= UInt64(code &+ 1) &<< UInt64(16 &* k)
                k += 1
            }
            if key != 0 { f = shortWords.frequency(key) }
        } else if word.count >= 2, let a = lexicon.code(of: word[word.startIndex]), let b = lexicon.code(of: word[word.startIndex + 1]),
           word.count > PairLengths.longest || pairLengths.lengths(a, b) & 1 << word.count != 0 {
            f = lexicon.frequency(of: word)
        }
        if word.count <= domain.maxWordLength, word.count < 2 || domainStarts.mayStart(word[word.startIndex], word[word.startIndex + 1]) {
            let d = domain.frequency(of: word)
            if d > f { f = d }
        }
        if let user, word.count <= user.maxWordLength, word.count < 2 || userStarts.mayStart(word[word.startIndex], word[word.startIndex + 1]) {
            let u = user.frequency(of: word)
            if u > f { f = u }
        }
        return f
    }

    // MARK: Rule 0: dashes and ellipses

    /// Marks written doubled or more (`——`, `……`), one token, as they are one mark.
    static let repeatedMarks = ScalarSet("—…－-·.")

    func joinRepeatedMarks(_ line: Line, into out: inout [Token]) -> Bool {
        let tokens = line.tokens, text = line.text, repeatedMarks = Self.repeatedMarks
        // Only a mark of one character (joined to the token before it).
        func mayChange(_ b: UnsafeBufferPointer<Token>, _ k: Int) -> Bool {
            b[k].count == 1 && repeatedMarks.contains(text[b[k].start])
        }
        // A local function, not a closure: `@inline(__always)` makes it part of the loop.
        @inline(__always) func act(_ i: inout Int, _ out: inout [Token]) {
            let t = tokens[i]
            i += 1
            if t.count == 1, Self.repeatedMarks.contains(line.first(t)), let last = out.last,
               line.all(last, { $0 == line.first(t) }) {
                out[out.count - 1].end = t.end
                out[out.count - 1].fixed = true
            } else {
                out.append(t)
            }
        }
        return Self.rewrite(tokens, into: &out, where: mayChange, act)
    }

    // MARK: Rule 1: digits and their units

    static func isDigit(_ c: Unicode.Scalar) -> Bool {
        ScalarClass.isASCIIDigit(c) || (c.value >= 0xFF10 && c.value <= 0xFF19)
    }

    /// Digits, possibly with decimal points inside (`3.5`, `９．８`).
    static func isNumber(_ line: Line, _ t: Token) -> Bool {
        guard t.count > 0, isDigit(line.first(t)), isDigit(line.last(t)) else { return false }
        return line.all(t) { isDigit($0) || $0 == "." || $0 == "．" }
    }

    static let digitUnits = ScalarSet("年月日号时分秒％%万亿点")
    /// Units of two characters taken whole (`80 年代` is a decade: the number stays apart).
    static let digitUnitPairs: Set<[Unicode.Scalar]> = [Array("万亿".unicodeScalars), Array("月份".unicodeScalars)]
    /// Units that ICU's dictionary joins to the word after them (`万人`, `万余`, `月底`, `日夜`,
    /// `年底`): the number takes the unit, the rest is a token of its own (`50万 人次`, `9月 底`).
    static let unitsBeforeWords = ScalarSet("万亿年月日")
    static let minusSigns = ScalarSet("－-")

    func joinNumbers(_ line: Line, into out: inout [Token]) -> Bool {
        let tokens = line.tokens, text = line.text
        // Only a number, which begins with a digit.
        func mayChange(_ b: UnsafeBufferPointer<Token>, _ k: Int) -> Bool {
            b[k].count > 0 && Self.isDigit(text[b[k].start])
        }
        // A local function, not a closure: `@inline(__always)` makes it part of the loop.
        @inline(__always) func act(_ i: inout Int, _ out: inout [Token]) {
            var t = tokens[i]
            if Self.isNumber(line, t) {
                // A minus sign before the number, when no digit or letter comes before the sign.
                if let prev = out.last, prev.count == 1, Self.minusSigns.contains(line.first(prev)),
                   out.count < 2 || !{ c in Self.isDigit(c) || c.properties.isAlphabetic && !ScalarClass.isHan(c) }(line.last(out[out.count - 2])) {
                    t.start = prev.start
                    out.removeLast()
                }
                // 年 only after a year (`1998年`; `10 年` is a duration).
                var rest: Token?
                if i + 1 < tokens.count, !tokens[i + 1].fixed {
                    let u = tokens[i + 1]
                    let unit = (u.count == 1 && Self.digitUnits.contains(line.first(u))) || (u.count == 2 && Self.digitUnitPairs.contains(Array(line.scalars(u))))
                    let year = tokens[i].count == 4
                    if unit, !line.is(u, "年") || year {
                        t.end = u.end
                        i += 1
                        // 亿 after 万 (`1万 亿` → `1万亿`).
                        if line.is(u, "万"), i + 1 < tokens.count, line.is(tokens[i + 1], "亿") {
                            t.end = tokens[i + 1].end
                            i += 1
                        }
                    } else if !unit, u.count >= 2, Self.unitsBeforeWords.contains(line.first(u)), line.first(u) != "年" || year, line.isHan(u),
                              !(u.count == 2 && line.last(u) == "度") {
                        // Not 年度, 月度 (`2018 年度`: a word of its own).
                        t.end = u.start + 1
                        rest = Token(start: u.start + 1, end: u.end)
                        i += 1
                    }
                }
                t.fixed = true
                out.append(t)
                if let rest { out.append(rest) }
                i += 1
                return
            }
            out.append(t)
            i += 1
        }
        return Self.rewrite(tokens, into: &out, where: mayChange, act)
    }

    // MARK: Rule 2: Chinese numerals

    static let numerals = ScalarSet("零○〇一二三四五六七八九十百千万亿两")
    static let digitNumerals = ScalarSet("零○〇一二三四五六七八九")

    static func isNumeral(_ line: Line, _ t: Token) -> Bool { t.count > 0 && line.all(t) { numerals.contains($0) } }

    func joinChineseNumerals(_ line: Line, into out: inout [Token]) -> Bool {
        let tokens = line.tokens
        let text = line.text, numerals = Self.numerals
        // Most tokens begin with no numeral, 第 or 百: none of the cases below.
        func mayChange(_ b: UnsafeBufferPointer<Token>, _ k: Int) -> Bool {
            let c = text[b[k].start]
            return numerals.contains(c) || c == "第"
        }
        // A local function, not a closure: `@inline(__always)` makes it part of the loop.
        @inline(__always) func act(_ i: inout Int, _ out: inout [Token]) {
            // 第 and the number after it, which may run over several tokens (`第 一` → `第一`,
            // `第十 五次` → `第十五 次`); a measure word stuck to the number stays apart
            // (`第 一个` → `第一 个`, `第三次` → `第三 次`).
            if line.first(tokens[i]) == "第", let (end, j, rest) = ordinal(line, tokens, from: i) {
                out.append(Token(start: tokens[i].start, end: end, fixed: true))
                if let rest { out.append(rest) }
                i = j
                return
            }
            // 百分之 and the number after it, one word (`百分之三十五`; ICU gives `百分 之 三十五`).
            if let numberStart = Self.percentWordEnd(line, tokens, from: i), numberStart < tokens.count,
               !tokens[numberStart].fixed, Self.isNumeral(line, tokens[numberStart]) {
                var j = numberStart + 1
                while j < tokens.count, !tokens[j].fixed, Self.isNumeral(line, tokens[j]) { j += 1 }
                out.append(Token(start: tokens[i].start, end: tokens[j - 1].end, fixed: true))
                i = j
                return
            }
            guard !tokens[i].fixed, Self.isNumeral(line, tokens[i]) else {
                out.append(tokens[i])
                i += 1
                return
            }
            var j = i + 1
            var run = tokens[i]
            while j < tokens.count, !tokens[j].fixed, Self.isNumeral(line, tokens[j]) {
                run.end = tokens[j].end
                j += 1
            }
            // A last token of numeral + 年/月/日 (ICU's `一年` in `二 ○ ○ 一年`) joins a run of two
            // or more characters; 年 only a year written digit by digit (`二十 五年` is a duration).
            let unit = j < tokens.count && !tokens[j].fixed && tokens[j].count == 2 ? line.last(tokens[j]) : " "
            if run.count >= 2, unit == "月" || unit == "日" || unit == "年" && line.all(run, { Self.digitNumerals.contains($0) }),
               Self.numerals.contains(line.first(tokens[j])) {
                run.end = tokens[j].end
                j += 1
            } else if j < tokens.count, !tokens[j].fixed, let cut = countedCut(line, tokens[j]), cut > tokens[j].start {
                // The rest of a number ICU cut before its measure word (`五 十五岁` → `五十五 岁`).
                run.end = cut
                out.append(Token(start: run.start, end: run.end, fixed: true))
                out.append(Token(start: cut, end: tokens[j].end, fixed: true))
                i = j + 1
                return
            } else if j < tokens.count, tokens[j].count == 1 {
                let unit = line.first(tokens[j])
                let digitByDigit = run.count >= 2 && line.all(run) { Self.digitNumerals.contains($0) }
                if (unit == "年" && digitByDigit) || ((unit == "月" || unit == "日") && run.count >= 2 && j > i + 1) {
                    run.end = tokens[j].end
                    j += 1
                }
            }
            run.fixed = j > i + 1
            out.append(run)
            i = j
        }
        return Self.rewrite(tokens, into: &out, where: mayChange, act)
    }

    /// When the token at `i` is 第 with or without numerals and numerals follow it (or a measure
    /// word ends it: `第三次`): where the ordinal ends, the index of the token after the tokens it
    /// took, and the rest of its last token (a token of its own).
    func ordinal(_ line: Line, _ tokens: [Token], from i: Int) -> (end: Int, next: Int, rest: Token?)? {
        let first = tokens[i], text = line.text, numerals = Self.numerals
        guard !first.fixed, text[first.start] == "第" else { return nil }
        var end = first.start + 1
        while end < first.end, numerals.contains(text[end]) { end += 1 }
        if end < first.end {
            // 第三次: split only before a measure word.
            guard end > first.start + 1, first.end - end == 1, Self.measureWords.contains(text[end]) else { return nil }
            return (end, i + 1, Token(start: end, end: first.end, fixed: true))
        }
        var j = i + 1
        while j < tokens.count, !tokens[j].fixed {
            var k = tokens[j].start
            while k < tokens[j].end, numerals.contains(text[k]) { k += 1 }
            if k == tokens[j].start { break }
            end = k
            j += 1
            if k < tokens[j - 1].end { return (end, j, Token(start: k, end: tokens[j - 1].end, fixed: true)) }
        }
        return end > first.start + 1 && j > i + 1 ? (end, j, nil) : nil
    }

    static let percentWord = Array("百分之".unicodeScalars)

    /// When tokens from `i` on spell 百分之 (whole tokens, none fixed), the index of the token after them.
    static func percentWordEnd(_ line: Line, _ tokens: [Token], from i: Int) -> Int? {
        guard line.first(tokens[i]) == "百" else { return nil }
        var j = i, length = 0
        while j < tokens.count, !tokens[j].fixed, length + tokens[j].count <= percentWord.count {
            for k in tokens[j].start..<tokens[j].end where line.text[k] != percentWord[length + k - tokens[j].start] { return nil }
            length += tokens[j].count
            j += 1
            if length == percentWord.count { return j }
        }
        return nil
    }

    // MARK: Rule 2a: the domain's and the user's words

    /// Consecutive tokens that spell a word of the domain lexicon or the user's, the longest
    /// first, one token (`宣传 部长` → `宣传部长`); ICU's tokens are never cut for them.
    func joinListedWords(_ line: Line, into out: inout [Token]) -> Bool {
        let tokens = line.tokens
        let longest = max(domain.maxWordLength, user?.maxWordLength ?? 0)
        let text = line.text, domainStarts = domainStarts, userStarts = userStarts, hasUser = user != nil
        // A word spans two tokens or more, so two characters or more: it begins with a
        // listed pair (the user's asked only when there is one: most tokens pass neither).
        func mayChange(_ b: UnsafeBufferPointer<Token>, _ k: Int) -> Bool {
            guard b[k].end < text.count else { return false }
            let first = text[b[k].start], second = text[b[k].start + 1]
            return domainStarts.mayStart(first, second) || (hasUser && userStarts.mayStart(first, second))
        }
        // A local function, not a closure: `@inline(__always)` makes it part of the loop.
        @inline(__always) func act(_ i: inout Int, _ out: inout [Token]) {
            var j = i + 1
            var match = 0
            while j < tokens.count, !tokens[j].fixed, !tokens[j - 1].fixed, tokens[j].end - tokens[i].start <= longest {
                let word = line.text[tokens[i].start..<tokens[j].end]
                if domain.frequency(of: word) > 0 || (user?.frequency(of: word) ?? 0) > 0 { match = j }
                j += 1
            }
            if match > 0 {
                out.append(Token(start: tokens[i].start, end: tokens[match].end, fixed: true))
                i = match + 1
            } else {
                out.append(tokens[i])
                i += 1
            }
        }
        return Self.rewrite(tokens, into: &out, where: mayChange, act)
    }

    // MARK: Rule 2b: ICU's words that PKU splits

    /// Numbers that PKU writes apart from a measure word after them (`每年` is a word), and 首
    /// counting the first (`首 次`, `首 批`).
    static let countNumerals = ScalarSet("零○〇一二三四五六七八九十百千万亿两几多首")
    /// Measure words that PKU writes apart from the number before them (`一 次`, `两 个`,
    /// `十五 岁`), with the nouns and the adjective it counts the same way (`两 国`, `三 大`).
    static let measureWords = ScalarSet("年次位种条批天项个名件家场届张台辆座所篇本份封支头匹块间层段句笔户岁周片棵株颗根枚把声轮幅部步章节杯套架艘首群串遍趟顿元代人国大")
    /// Measures of time, and the directions ICU joins to them (`年前`, `天后`), which after a number
    /// are two words.
    static let timeMeasures = ScalarSet("年天月")
    static let directions = ScalarSet("前后内间来")
    /// Characters that are words of their own far more often than parts of a word ICU found
    /// but the lexicons lack (`新的`, `的是`, `年来`, `图为`).
    static let looseCharacters = ScalarSet("的了是在有都也就不来为之此要更")

    func splitLooseTokens(_ line: Line, into out: inout [Token]) -> Bool {
        // The sets in locals: a static's every read goes through its lazy initialisation check.
        let countNumerals = Self.countNumerals, measureWords = Self.measureWords
        let looseCharacters = Self.looseCharacters, complements = Self.complements, timeMeasures = Self.timeMeasures
        let looseFirsts = Self.looseFirsts
        let tokens = line.tokens
        let longestCompound = Self.longestCompound, text = line.text, classes = Self.looseClassTable
        @inline(__always) func looseClass(_ c: Unicode.Scalar) -> UInt8 { c.value < 0x10000 ? classes[Int(c.value)] : 0 }
        // Only tokens of two characters or more that no rule made, and that meet the first test
        // of a case below (the sets asked through `looseClassTable`: one read a character).
        func mayChange(_ b: UnsafeBufferPointer<Token>, _ k: Int) -> Bool {
            let t = b[k]
            guard t.count >= 2, !t.fixed else { return false }
            let a = looseClass(text[t.start]), z = looseClass(text[t.end - 1])
            if a & LooseClass.countNumeral != 0, z & LooseClass.measureWord != 0 { return true }
            switch t.count {
            case 2:
                return (a & LooseClass.timeMeasure != 0 && z & LooseClass.direction != 0) || a & LooseClass.loose != 0
                    || z & (LooseClass.loose | LooseClass.complement) != 0
            case 3: return z & LooseClass.complement != 0 || text[t.end - 1] == "是" || a & LooseClass.looseFirst != 0
            default: return t.count <= longestCompound
            }
        }
        // A local function, not a closure: `@inline(__always)` makes it part of the loop.
        @inline(__always) func act(_ i: inout Int, _ out: inout [Token]) {
            let t = tokens[i]
            i += 1
            // Most tokens begin with no numeral: one set test before the measure word's.
            if !t.fixed, t.count >= 2, countNumerals.contains(line.first(t)), measureWords.contains(line.last(t)),
               let cut = countedCut(line, t) {
                // A number and its measure word (`一 次`, `十五 岁`).
                out.append(Token(start: t.start, end: cut, fixed: true))
                out.append(Token(start: cut, end: t.end, fixed: true))
                return
            }
            if !t.fixed, t.count == 2 {
                let a = line.first(t), b = line.last(t)
                // A time after a number and the direction after it (`5 年 前`, `两 天 后`).
                if timeMeasures.contains(a), Self.directions.contains(b), let prev = out.last,
                   Self.isDigit(line.last(prev)) || countNumerals.contains(line.last(prev)) || line.last(prev) == "余" {
                    out.append(Token(start: t.start, end: t.start + 1, fixed: true))
                    out.append(Token(start: t.start + 1, end: t.end, fixed: true))
                    return
                }
                let loose = looseCharacters.contains(a) || looseCharacters.contains(b)
                // A character and a complement or particle after it (`拿 出`, `送 到`, `较 好`),
                // left to the re-segmentation, which may join each to its other neighbour
                // (`很好 看` → `很 好看`).
                let complement = !loose && complements.contains(b)
                if loose || complement, ScalarClass.isHan(a), ScalarClass.isHan(b), frequency(line.scalars(t)) == 0 {
                    out.append(Token(start: t.start, end: t.start + 1))
                    out.append(Token(start: t.start + 1, end: t.end))
                    return
                }
            } else if !t.fixed, t.count == 3, complements.contains(line.last(t)) || line.last(t) == "是" || looseFirsts.contains(line.first(t)),
                      line.isHan(t), let cut = threeCharacterCut(line, t) {
                // Fixed, or the re-segmentation would take the pair after the cut (`感 受到`).
                out.append(Token(start: t.start, end: cut, fixed: true))
                out.append(Token(start: cut, end: t.end, fixed: true))
                return
            } else if !t.fixed, t.count >= 4, t.count <= Self.longestCompound, line.isHan(t), let cut = compoundCut(line, t) {
                out.append(Token(start: t.start, end: cut))
                out.append(Token(start: cut, end: t.end))
                return
            }
            out.append(t)
        }
        return Self.rewrite(tokens, into: &out, where: mayChange, act)
    }

    /// The bits of `looseClassTable`: the sets of rule 2b a character is in.
    enum LooseClass {
        static let countNumeral: UInt8 = 1, measureWord: UInt8 = 2, timeMeasure: UInt8 = 4, direction: UInt8 = 8
        static let loose: UInt8 = 16, complement: UInt8 = 32, looseFirst: UInt8 = 64
    }

    /// For each character of the Basic Multilingual Plane, the sets of rule 2b it is in
    /// (`LooseClass`): the rule's test of every token read six bit sets where it now reads this
    /// table twice.
    static let looseClassTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x10000)
        let sets = [(countNumerals, LooseClass.countNumeral), (measureWords, LooseClass.measureWord), (timeMeasures, LooseClass.timeMeasure),
                    (directions, LooseClass.direction), (looseCharacters, LooseClass.loose), (complements, LooseClass.complement),
                    (looseFirsts, LooseClass.looseFirst)]
        for (set, bit) in sets { set.forEach { table[Int($0.value)] |= bit } }
        return table
    }()

    /// Where a token of numerals and one measure word after them (`一次`, `十五岁`, `几十年`) is
    /// cut, or nil: not a year written digit by digit (`二○○一年`), not a word (`isCountedWord`);
    /// 首 counts alone (`首次`), 大 after one numeral only (`三 大`; `十五大` is a party congress).
    func countedCut(_ line: Line, _ t: Token) -> Int? {
        guard t.count >= 2, Self.measureWords.contains(line.last(t)) else { return nil }
        let cut = t.end - 1, first = line.first(t), last = line.last(t)
        if t.count > 2, last == "大" || last == "首" { return nil }
        let countNumerals = Self.countNumerals
        for k in t.start..<cut {
            let c = line.text[k]
            guard countNumerals.contains(c), c != "首" || t.count == 2 && last != "首" else { return nil }
        }
        if last == "年", t.count >= 3, line.text[t.start..<cut].allSatisfy({ Self.digitNumerals.contains($0) }) { return nil }
        if t.count == 2, Self.isCountedWord(first, last) { return nil }
        return cut
    }

    /// A number and a measure word that are words of their own: `一个`, `百年`, `千年`, `万年`, `万岁`.
    static func isCountedWord(_ number: Unicode.Scalar, _ measure: Unicode.Scalar) -> Bool {
        switch (number, measure) {
        case ("一", "个"), ("百", "年"), ("千", "年"), ("万", "年"), ("万", "岁"): true
        default: false
        }
    }

    /// Where a token of three Han characters is cut, or nil: 是 and 着 off a word even when the
    /// lexicons list the three (`尤其 是`, `可能 是`, `意味 着`: the copula and the aspect particle
    /// are words of their own); a pronoun or an adverb off the word after it (`不 知道`, `也 可以`,
    /// `在 一起`); when the lexicons lack the three, a complement or direction off the word before
    /// it (`了解 到`, `会议 上`), a two-character direction off the verb (`走 进去`, `不 下去`).
    func threeCharacterCut(_ line: Line, _ t: Token) -> Int? {
        let last = line.last(t)
        if last == "是" || last == "着", frequency(line.text[t.start..<(t.end - 1)]) > 0 { return t.end - 1 }
        if Self.looseFirsts.contains(line.first(t)), frequency(line.text[(t.start + 1)..<t.end]) > 0 { return t.start + 1 }
        guard Self.complements.contains(last), frequency(line.scalars(t)) == 0, frequency(line.text[t.start..<(t.end - 1)]) > 0 else { return nil }
        return Self.directionFirsts.contains(line.text[t.start + 1]) && Self.directionLasts.contains(last) ? t.start + 1 : t.end - 1
    }

    /// Pronouns and adverbs that the convention writes apart from the word after them, even when
    /// the lexicons list the three characters as a word (`不 知道`, `也 可以`, `他 认为`); not
    /// 每, 这, 那, 最, whose pairs are words themselves (`每个 人`, `最大 值`).
    static let looseFirsts = ScalarSet("他她我你它也在都就还又不很太没各")

    /// Complements, direction words and particles that the PKU convention writes apart from the
    /// word before them unless the two are a word of the lexicons (`看到` is one; `了解 到`,
    /// `领导 下`, `充满 了`).
    static let complements = ScalarSet("到在成给出完好为掉住向进起回过开上下来去里中了着的地得")
    /// Two-character directions: one of the first set, then 来 or 去 (`出来`, `下去`).
    static let directionFirsts = ScalarSet("出进起回过开上下")
    static let directionLasts = ScalarSet("来去")

    /// ICU's dictionary holds many compounds of two words that the PKU convention writes apart
    /// (`公共秩序`, `坚守岗位`) and the lexicons do not list as words; those of up to this many
    /// characters are cut in two.
    static let longestCompound = 6

    /// Where an ICU token that no lexicon lists cuts into two words the lexicons list (each of
    /// two characters or more; the most probable pair), or nil.
    func compoundCut(_ line: Line, _ t: Token) -> Int? {
        // Not a doubled word (`咕噜咕噜`).
        guard frequency(line.scalars(t)) == 0, t.count % 2 != 0 || line.text[t.start..<(t.start + t.count / 2)] != line.text[(t.start + t.count / 2)..<t.end] else { return nil }
        var best: Int?, bestScore = 0
        for cut in (t.start + 2)...(t.end - 2) {
            let a = frequency(line.text[t.start..<cut])
            guard a > 0 else { continue }
            let b = frequency(line.text[cut..<t.end])
            if b > 0, a * b > bestScore {
                best = cut
                bestScore = a * b
            }
        }
        return best
    }

    // MARK: Rule 3: re-segmentation of single characters

    /// The frequency a single character is scored with (the lexicon lists words of 2+ characters
    /// only), and the one a word ICU found but the lexicons lack is scored with.
    static let singleFrequency = 100.0
    static let icuFrequency = 200.0
    /// The longest token before a run of single characters that joins the run's window
    /// (`委员 会`); the token after it does not (`新 世纪` stays, the PKU convention).
    static let neighbourLength = 2
    /// The most tokens one DP window holds; a longer run of single characters (rare outside
    /// damaged text) is cut into windows of this size.
    static let longestWindow = 4096

    func resegment(_ line: Line, cells: inout [PathCell], into out: inout [Token]) -> Bool {
        let tokens = line.tokens
        let text = line.text, neighbourLength = Self.neighbourLength
        // Only a single Han character that no rule made, with another such after it or a
        // short token that no rule made before it.
        func mayChange(_ b: UnsafeBufferPointer<Token>, _ k: Int) -> Bool {
            let t = b[k]
            guard t.count == 1, !t.fixed, ScalarClass.isHan(text[t.start]) else { return false }
            return (k + 1 < b.count && b[k + 1].count == 1 && !b[k + 1].fixed)
                || (k > 0 && b[k - 1].count <= neighbourLength && !b[k - 1].fixed)
        }
        // A local function, not a closure: `@inline(__always)` makes it part of the loop.
        @inline(__always) func act(_ i: inout Int, _ out: inout [Token]) {
            // A run of single Han characters that no rule made.
            guard line.isSingleHan(tokens[i]), !tokens[i].fixed else {
                out.append(tokens[i])
                i += 1
                return
            }
            var j = i + 1
            while j < tokens.count, line.isSingleHan(tokens[j]), !tokens[j].fixed { j += 1 }
            // With the short word before it (`委员 会`), when no rule changed that word.
            var start = i
            if start > 0, !tokens[start - 1].fixed, tokens[start - 1].count <= Self.neighbourLength,
               line.isHan(tokens[start - 1]), out.last == tokens[start - 1] {
                start -= 1
                out.removeLast()
            }
            if j - start < 2 {
                out.append(tokens[i])
                i += 1
                return
            }
            // A very long run in windows of a bounded size, so that memory stays bounded.
            while start < j {
                let end = j - start > Self.longestWindow + Self.longestWindow / 2 ? start + Self.longestWindow : j
                bestPath(line, tokens[start..<end], cells: &cells, into: &out)
                start = end
            }
            i = j
        }
        return Self.rewrite(tokens, into: &out, where: mayChange, act)
    }

    /// The re-segmentation's cell for position k of a window: the main lexicon's code of the
    /// character (looked up once), the last position <= k whose character is in no word (-1:
    /// none), the end of ICU's token starting there (0: none), and the DP's best score and back
    /// pointer for a cut before position k.
    struct PathCell {
        var code: UInt32 = 0
        var lastUncoded: Int32 = -1
        /// The lengths of the main lexicon's words beginning here (`PairLengths`).
        var lengths: UInt32 = 0
        var icuEnd: Int32 = 0
        var best = -Double.infinity
        var back: Int32 = 0
        /// A word of the domain's lexicon (`domainListed`) or of the user's (`userListed`) may
        /// begin here (`WordStarts`): asked once a position, not once a span.
        var listed: UInt8 = 0
        static let domainListed: UInt8 = 1, userListed: UInt8 = 2
    }

    static let countPrefixes = ScalarSet("零○〇一二三四五六七八九十百千万亿两几多半余每数")

    /// The most probable segmentation of the window's characters into words of the lexicons,
    /// ICU's own tokens and single characters, appended to `out`.
    func bestPath(_ line: Line, _ window: ArraySlice<Token>, cells: inout [PathCell], into out: inout [Token]) {
        let base = window.first!.start
        let n = window.last!.end - base
        let chars = line.text[base..<(base + n)]
        @inline(__always) func char(_ k: Int) -> Unicode.Scalar { chars[base + k] }
        // Reset in place: appending n + 1 fresh cells a window went through the generic append.
        if cells.count < n + 1 { cells.append(contentsOf: repeatElement(PathCell(), count: n + 1 - cells.count)) }
        cells.withUnsafeMutableBufferPointer { c in
            for k in 0...n { c[k] = PathCell() }
        }
        // The cells through a buffer: the nested functions reached the inout array through
        // accessors at every read.
        let first = out.count
        cells.withUnsafeMutableBufferPointer { cells in
            for t in window { cells[t.start - base].icuEnd = Int32(t.end - base) }
            for k in 0..<n {
                if let c = lexicon.code(of: char(k)) {
                    cells[k].code = c
                    cells[k].lastUncoded = k > 0 ? cells[k - 1].lastUncoded : -1
                } else {
                    cells[k].lastUncoded = Int32(k)
                }
                if k > 0 {
                    let a = char(k - 1), b = char(k)
                    cells[k - 1].listed = (domainStarts.mayStart(a, b) ? PathCell.domainListed : 0)
                        | (user != nil && userStarts.mayStart(a, b) ? PathCell.userListed : 0)
                }
            }
            // The pairs' word lengths in a short loop of their own: its probes of the table (a
            // cache miss each, most of this function's time) do not depend on each other, and
            // the processor overlaps them, where in the loop above each waited for the last.
            for k in stride(from: 1, to: n, by: 1) where cells[k].lastUncoded < k - 1 {
                cells[k - 1].lengths = pairLengths.lengths(cells[k - 1].code, cells[k].code)
            }
            func frequency(_ s: Int, _ e: Int) -> Int {
                var f = 0
                if cells[e - 1].lastUncoded < s, cells[s].lengths & 1 << (e - s) == 0 {
                    // No word of this length begins with these two characters.
                } else if cells[e - 1].lastUncoded < s, e - s <= WordTable.maxLength, let shortWords {
                    f = shortWords.frequency(WordTable.key(count: e - s) { cells[s + $0].code })
                } else if cells[e - 1].lastUncoded < s {
                    f = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: e - s) { codes in
                        for k in s..<e { codes[k - s] = cells[k].code }
                        return lexicon.frequency(codes: UnsafeBufferPointer(codes))
                    }
                }
                if e - s <= domain.maxWordLength, cells[s].listed & PathCell.domainListed != 0 {
                    let d = domain.frequency(of: chars[(base + s)..<(base + e)])
                    if d > f { f = d }
                }
                if let user, e - s <= user.maxWordLength, cells[s].listed & PathCell.userListed != 0 {
                    let u = user.frequency(of: chars[(base + s)..<(base + e)])
                    if u > f { f = u }
                }
                return f
            }
            /// Whether a lexicon word over `s..<e` that ICU did not find may be one: not a number
            /// with its measure word (`两个`, `第一天`, `多万元`: PKU writes them apart), not a
            /// noun with 们, not a word with 是 or 着 after it.
            let countPrefixes = Self.countPrefixes
            func mayJoin(_ s: Int, _ e: Int) -> Bool {
                // Nor a noun with 们 (`官兵 们`; `我们`, `人们` are words), a word with 是 or 着 (rule 2b).
                if e - s > 2, char(e - 1) == "们" || char(e - 1) == "是" || char(e - 1) == "着" { return false }
                var k = s
                if char(k) == "第" { k += 1 }
                var numerals = 0
                while k < e - 1, countPrefixes.contains(char(k)) {
                    k += 1
                    numerals += 1
                }
                return numerals == 0 || k != e - 1
            }
            // Forward: each reachable position relaxes only the spans that may be a word (single
            // character, ICU's token, a length the pair lengths list, any length at a listed
            // pair) where the backward loop scored every span of up to `maxLength` characters.
            // Relaxations of a position come in ascending order of their start as before, and
            // only a strictly better score wins: the same path, ties included.
            cells[0].best = 0
            for s in 0..<n {
                let before = cells[s].best
                guard before > -.infinity else { continue }
                @inline(__always) func relax(_ e: Int, _ score: Double) {
                    if before + score > cells[e].best {
                        cells[e].best = before + score
                        cells[e].back = Int32(s)
                    }
                }
                relax(s + 1, logSingle)
                let limit = min(n, s + maxLength)
                guard limit >= s + 2 else { continue }
                let icuEnd = Int(cells[s].icuEnd)
                let listed = cells[s].listed != 0
                // The lengths to try, bit `e - s`: all of them at a listed pair, else the main
                // lexicon's and ICU's.
                var lengths: UInt64
                if listed {
                    lengths = (1 << UInt64(limit - s + 1)) - 1
                } else {
                    lengths = UInt64(cells[s].lengths)
                    if icuEnd > s, icuEnd - s < 64 { lengths |= 1 << UInt64(icuEnd - s) }
                    lengths &= (1 << UInt64(limit - s + 1)) - 1
                }
                lengths &= ~3
                while lengths != 0 {
                    let e = s + lengths.trailingZeroBitCount
                    lengths &= lengths - 1
                    let isICU = icuEnd == e
                    // Most spans are no word of any lexicon: the main lexicon's pair lengths and
                    // the listed words' first pairs say so before any search (or mayJoin).
                    let main = cells[e - 1].lastUncoded < s && cells[s].lengths & 1 << (e - s) != 0
                    if !isICU && !main && !listed { continue }
                    let f = (main || listed) && (isICU || mayJoin(s, e)) ? frequency(s, e) : 0
                    var score = f > 0 ? log(Double(f)) - logTotal : -.infinity
                    if isICU { score = max(score, logICU) }
                    relax(e, score)
                }
            }
            // The tokens from the back pointers, last first, then put in order.
            var e = n
            while e > 0 {
                let s = Int(cells[e].back)
                // A three-character name the lexicon knows whole but ICU did not (`江泽民`) is
                // surname + given name, the PKU convention.
                if e - s == 3, surnames.contains(char(s)), (s..<e).allSatisfy({ cells[$0].icuEnd == $0 + 1 }) {
                    out.append(Token(start: base + s + 1, end: base + e))
                    out.append(Token(start: base + s, end: base + s + 1))
                } else {
                    out.append(Token(start: base + s, end: base + e))
                }
                e = s
            }
        }
        var a = first, b = out.count - 1
        while a < b {
            out.swapAt(a, b)
            a += 1
            b -= 1
        }
    }

    // MARK: Rule 3b: compounds of two words

    /// Rarer compounds are left in their parts.
    static let compoundFrequency = 100

    /// Two two-character words that make a four-character word of the lexicons (`社会 主义`,
    /// `国民 经济`), one token.
    func joinCompounds(_ line: Line, into out: inout [Token]) -> Bool {
        let tokens = line.tokens
        let text = line.text
        // Whether the characters `s..<e` may be a word `frequency` rates at least
        // `compoundFrequency`: one of the main lexicon's common four-character words, or a word of
        // the domain's or the user's (asked as `frequency` asks them). Most pairs of tokens are
        // neither, and the search is skipped.
        let common = commonFourCharacterWords, domainStarts = domainStarts, userStarts = userStarts, hasUser = user != nil
        @inline(__always) func mayBeCompound(_ s: Int, _ e: Int) -> Bool {
            guard e - s == 4 else { return true }
            let a = text[s], b = text[s + 1]
            return common?.mayContain(a, b, text[s + 2], text[s + 3]) ?? true
                || domainStarts.mayStart(a, b) || (hasUser && userStarts.mayStart(a, b))
        }
        // Only a token whose first two characters are the same, or two tokens of two
        // characters, none fixed, that may make a compound: on most lines no token passes, and
        // the tokens stay.
        func mayChange(_ b: UnsafeBufferPointer<Token>, _ k: Int) -> Bool {
            let t = b[k]
            if t.count < 4, t.start + 1 < text.count, text[t.start] == text[t.start + 1] { return true }
            return t.count == 2 && !t.fixed && k + 1 < b.count && b[k + 1].count == 2 && !b[k + 1].fixed && mayBeCompound(t.start, b[k + 1].end)
        }
        // A local function, not a closure: `@inline(__always)` makes it part of the loop.
        @inline(__always) func act(_ i: inout Int, _ out: inout [Token]) {
            // A word doubled character by character (`高高兴兴` from 高兴; ICU gives `高 高兴 兴`).
            if tokens[i].count < 4, tokens[i].start + 1 < line.text.count, line.text[tokens[i].start] == line.text[tokens[i].start + 1],
               let end = doubledWordEnd(line, tokens, from: i) {
                out.append(Token(start: tokens[i].start, end: tokens[end - 1].end))
                i = end
                return
            }
            if i + 1 < tokens.count, !tokens[i].fixed, !tokens[i + 1].fixed, tokens[i].count == 2, tokens[i + 1].count == 2,
               line.isHan(tokens[i]), line.isHan(tokens[i + 1]), mayBeCompound(tokens[i].start, tokens[i + 1].end),
               frequency(line.text[tokens[i].start..<tokens[i + 1].end]) >= Self.compoundFrequency {
                out.append(Token(start: tokens[i].start, end: tokens[i + 1].end))
                i += 2
                return
            }
            out.append(tokens[i])
            i += 1
        }
        return Self.rewrite(tokens, into: &out, where: mayChange, act)
    }

    /// When tokens from `i` on spell AABB (four Han characters, A not B, AB a word of the
    /// lexicons) in two tokens or more, none fixed, the index of the token after them.
    func doubledWordEnd(_ line: Line, _ tokens: [Token], from i: Int) -> Int? {
        let s = tokens[i].start
        guard tokens[i].count < 4, s + 4 <= line.text.count else { return nil }
        let text = line.text
        guard text[s] == text[s + 1], text[s + 2] == text[s + 3], text[s] != text[s + 2],
              ScalarClass.isHan(text[s]), ScalarClass.isHan(text[s + 2]) else { return nil }
        var j = i
        while j < tokens.count, tokens[j].end <= s + 4, !tokens[j].fixed { j += 1 }
        guard j > i + 1, tokens[j - 1].end == s + 4, frequency([text[s], text[s + 2]][...]) > 0 else { return nil }
        return j
    }

    // MARK: Rule 4: given names

    /// Characters that stand alone far more often than in a given name.
    static let functionCharacters = ScalarSet("的了是在和与及或等也都就还又把被对向从到为以于之其这那个们我你他她它说讲要将会能可不没有而但并且着过地得所此每各该某上下中内外前后里年月日时人")

    /// The generic part of a place name that the convention writes with the name (`水心村`).
    static let placeSuffixes = ScalarSet("村镇乡")

    func joinGivenNames(_ line: Line, splittingCompounds: Bool = false, into out: inout [Token]) -> Bool {
        let tokens = line.tokens
        let placeSuffixes = Self.placeSuffixes, text = line.text
        let compoundStarts = compoundStarts, longestCompound = compounds.maxWordLength, surnames = surnames
        // Only three single characters, a surname first (a name) or a place suffix last (a place
        // name), or a token that may be a domain word in parts.
        func mayChange(_ b: UnsafeBufferPointer<Token>, _ k: Int) -> Bool {
            let t = b[k]
            if t.count == 1 {
                return k + 2 < b.count && b[k + 1].count == 1 && b[k + 2].count == 1
                    && (surnames.contains(text[t.start]) || placeSuffixes.contains(text[b[k + 2].start]))
            }
            return splittingCompounds && t.count >= 2 && t.count <= longestCompound
                && compoundStarts.mayStart(text[t.start], text[t.start + 1])
        }
        // A local function, not a closure: `@inline(__always)` makes it part of the loop.
        @inline(__always) func act(_ i: inout Int, _ out: inout [Token]) {
            // A place name no lexicon knows: two single characters (not function words or
            // numerals, no such character before them) and a place suffix (`水 心 村` → `水心村`,
            // `户 胡 镇`), before the surnames below can take them (`王 岗 镇`).
            // Token lengths first: most tokens are no single character.
            if tokens[i].count == 1, i + 2 < tokens.count, tokens[i + 1].count == 1, tokens[i + 2].count == 1,
               placeSuffixes.contains(line.first(tokens[i + 2])),
               isNamePart(line, tokens[i]), isNamePart(line, tokens[i + 1]), line.isSingleHan(tokens[i + 2]),
               i == 0 || !isNamePart(line, tokens[i - 1]) {
                out.append(Token(start: tokens[i].start, end: tokens[i + 2].end))
                i += 3
                return
            }
            if !splittingCompounds || tokens[i].count < 2 || !appendParts(line, tokens[i], to: &out) { out.append(tokens[i]) }
            if line.isSingleHan(tokens[i]), surnames.contains(line.first(tokens[i])), i + 2 < tokens.count,
               line.isSingleHan(tokens[i + 1]), line.isSingleHan(tokens[i + 2]),
               !Self.functionCharacters.contains(line.first(tokens[i + 1])),
               !Self.functionCharacters.contains(line.first(tokens[i + 2])),
               !(i + 3 < tokens.count && line.isSingleHan(tokens[i + 3]) && !Self.functionCharacters.contains(line.first(tokens[i + 3]))) {
                out.append(Token(start: tokens[i + 1].start, end: tokens[i + 2].end))
                i += 3
                return
            }
            i += 1
        }
        return Self.rewrite(tokens, into: &out, where: mayChange, act)
    }

    /// A single Han character that may be part of a name: not a function word, not a numeral.
    func isNamePart(_ line: Line, _ t: Token) -> Bool {
        line.isSingleHan(t) && !Self.functionCharacters.contains(line.first(t)) && !Self.numerals.contains(line.first(t))
    }

    // MARK: Rule 5: domain words in their parts

    /// When `t` is a domain word the convention writes in parts (`县委书记` → `县委 书记`) and not a
    /// word the user listed (that stays whole), appends its parts and returns true.
    func appendParts(_ line: Line, _ t: Token, to out: inout [Token]) -> Bool {
        guard t.count <= compounds.maxWordLength, compoundStarts.mayStart(line.text[t.start], line.text[t.start + 1]) else { return false }
        let word = line.scalars(t)
        let cuts = compounds.frequency(of: word)
        guard cuts != 0, (user?.frequency(of: word) ?? 0) == 0 else { return false }
        var start = t.start
        for k in 1..<t.count where cuts & 1 << k != 0 {
            out.append(Token(start: start, end: t.start + k, fixed: t.fixed))
            start = t.start + k
        }
        out.append(Token(start: start, end: t.end, fixed: t.fixed))
        return true
    }
}

/// A set of characters of the Basic Multilingual Plane as a bit set (8 KiB): membership without
/// hashing. Characters outside the plane are never members.
struct ScalarSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)

    init(_ characters: String) {
        for c in characters.unicodeScalars { insert(c) }
    }

    mutating func insert(_ c: Unicode.Scalar) {
        precondition(c.value < 0x10000, "ScalarSet holds characters of the BMP only")
        bits[Int(c.value >> 6)] |= 1 << UInt64(c.value & 63)
    }

    @inline(__always) func contains(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x10000 && bits[Int(c.value >> 6)] & (1 << UInt64(c.value & 63)) != 0
    }

    /// Calls `body` with each member, in scalar order.
    func forEach(_ body: (Unicode.Scalar) -> Void) {
        for (w, word) in bits.enumerated() where word != 0 {
            for b in 0 ..< 64 where word & (1 << UInt64(b)) != 0 { body(Unicode.Scalar(UInt32(w << 6 | b))!) }
        }
    }
}

/// The first characters and the first pairs of characters (hashed into bits) of a lexicon's words
/// of two or more characters: a span that begins otherwise is no such word (no false negatives).
/// For the small lexicons (the domain's, the user's), whose searches the segmenter would otherwise
/// make at nearly every token. Pairs, not first and second characters apart: with the division
/// names, nearly every pair of a line had a listed first and a listed second character.
struct WordStarts: Sendable {
    private var firsts = ScalarSet("")
    private var pairs = [UInt64](repeating: 0, count: 1024)
    /// A word begins with a character outside the Basic Multilingual Plane: every span may.
    private var any = false

    init() {}

    init(_ lexicon: Lexicon) {
        for length in stride(from: 2, through: lexicon.maxWordLength, by: 1) {
            lexicon.forEachWordStart(length: length) { a, b in
                let first = lexicon.scalar(code: a), second = lexicon.scalar(code: b)
                if first.value < 0x10000, second.value < 0x10000 {
                    firsts.insert(first)
                    let h = Self.pair(first, second)
                    pairs[h >> 6] |= 1 << UInt64(h & 63)
                } else {
                    any = true
                }
            }
        }
    }

    @inline(__always) func mayBegin(_ first: Unicode.Scalar) -> Bool { any || firsts.contains(first) }

    /// A word begins with a character outside the Basic Multilingual Plane (every span may begin one).
    var startsAnywhere: Bool { any }

    /// Calls `body` with each first character (of the Basic Multilingual Plane).
    func forEachFirst(_ body: (Unicode.Scalar) -> Void) { firsts.forEach(body) }

    @inline(__always) func mayStart(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        guard !any else { return true }
        guard firsts.contains(first) else { return false }
        let h = Self.pair(first, second)
        return pairs[h >> 6] & (1 << UInt64(h & 63)) != 0
    }

    /// A pair hashed into 16 bits.
    @inline(__always) static func pair(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Int {
        Int((first.value &* 0x9E37_79B1 ^ second.value &* 0x85EB_CA6B) >> 16)
    }
}
