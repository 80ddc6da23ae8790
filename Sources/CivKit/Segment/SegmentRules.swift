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
///
/// Each rule has a file of its own: RepeatedMarksRule (0), NumberRules (1, 2), ListedWordsRule
/// (2a), LooseTokensRule (2b), Resegmentation (3), CompoundsRule (3b), NameRules (4, 5);
/// CharacterSets holds the sets they test characters with.
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
            // Unchecked: a line's offsets fit (its tokens are made by the million).
            first = Int32(truncatingIfNeeded: start)
            past = Int32(truncatingIfNeeded: end)
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
        var count: Int { end &- start }
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
    let shortWords: WordTable?
    let pairLengths: PairLengths
    /// The main lexicon's `codeTable`, which rule 3 reads for every character of its windows:
    /// held here, one load nearer than `Lexicon.code(of:)` (which reads it through the lexicon:
    /// SegmentRules.apply took 0.7% more instructions that way).
    let codeTable: [UInt16]
    /// The first two characters of the domain's and the user's words (an exact no: their
    /// searches are skipped for the spans that begin otherwise).
    let domainStarts: WordStarts
    let userStarts: WordStarts
    let compoundStarts: WordStarts
    /// The main lexicon's four-character words frequent enough for rule 3b (nil: all may be).
    let commonFourCharacterWords: FourCharacterWords?
    /// `ruleCharacterTable`, and whether a listed word begins outside the Basic Multilingual Plane.
    let ruleCharacters: [UInt8]
    let anyListedStart: Bool
    let logTotal: Double
    /// The log probabilities of a single character and of a word only ICU knows (see below).
    let logSingle: Double
    let logICU: Double
    /// `log(f) - logTotal` for each frequency f below `Self.scoredFrequencies` (f = 0: never read):
    /// the re-segmentation's score of a word, read where it called `log` for every word found.
    let wordScores: [Double]
    let maxLength: Int

    init(lexicon: Lexicon, domain: Lexicon, user: Lexicon?, compounds: Lexicon = DomainLexicon.shared.compounds) {
        self.lexicon = lexicon
        self.domain = domain
        self.user = user
        self.compounds = compounds
        // The words of one character (of the Basic Multilingual Plane), split on the bytes:
        // splitting Strings into Characters was a third of this initialiser's start-up cost.
        var names = ScalarSet("")
        DataFile.forEachLine("surnames.txt") { line in
            for word in line.split(separator: UInt8(ascii: " ")) {
                let scalars = String(decoding: UnsafeBufferPointer(rebasing: word), as: UTF8.self).unicodeScalars
                if scalars.count == 1, let c = scalars.first, c.value < 0x10000 { names.insert(c) }
            }
        }
        surnames = names
        shortWords = WordTable(lexicon)
        pairLengths = PairLengths(lexicon)
        codeTable = lexicon.codeTable
        domainStarts = WordStarts(domain)
        userStarts = user.map(WordStarts.init) ?? WordStarts()
        compoundStarts = WordStarts(compounds)
        commonFourCharacterWords = FourCharacterWords(lexicon, minimumFrequency: Self.compoundFrequency)
        ruleCharacters = Self.ruleCharacterTable(domainStarts: domainStarts, userStarts: userStarts)
        anyListedStart = domainStarts.startsAnywhere || userStarts.startsAnywhere
        logTotal = log(Double(lexicon.totalFrequency))
        logSingle = log(Self.singleFrequency) - logTotal
        logICU = log(Self.icuFrequency) - logTotal
        let logTotal = logTotal
        wordScores = (0 ..< Self.scoredFrequencies).map { log(Double($0)) - logTotal }
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

    /// The main lexicon's code for `c` (as `Lexicon.code(of:)`), read from `codeTable`.
    @inline(__always) func mainCode(of c: Unicode.Scalar) -> UInt32? {
        if c.value < 0x10000, !codeTable.isEmpty {
            let stored = codeTable[Int(c.value)]
            return stored == 0 ? nil : UInt32(stored) &- 1
        }
        return lexicon.code(of: c)
    }

    /// `frequency` of the word of the two characters `a`, `b`, asked of the main lexicon's table
    /// alone when neither small lexicon may hold it (most pairs): no array slice (a counted
    /// reference) nor the general case's tests.
    @inline(__always) func frequency(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Int {
        guard let shortWords, !domainStarts.mayStart(a, b), user == nil || !userStarts.mayStart(a, b) else { return frequency([a, b][...]) }
        guard let x = mainCode(of: a), let y = mainCode(of: b) else { return 0 }
        return shortWords.frequency(WordTable.key(count: 2) { $0 == 0 ? x : y })
    }

    /// The frequency of a word in the lexicons (the highest), 0 when it is in none.
    func frequency(_ word: ArraySlice<Unicode.Scalar>) -> Int {
        guard !word.isEmpty else { return 0 }
        var f = 0
        if word.count >= 2, word.count <= WordTable.maxLength, let shortWords {
            var key: UInt64 = 0, k = 0
            for c in word {
                guard let code = mainCode(of: c) else { key = 0; break }
                key |= UInt64(code &+ 1) &<< UInt64(16 &* k)
                k += 1
            }
            if key != 0 { f = shortWords.frequency(key) }
        } else if word.count >= 2, let a = mainCode(of: word[word.startIndex]), let b = mainCode(of: word[word.startIndex + 1]),
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
}
