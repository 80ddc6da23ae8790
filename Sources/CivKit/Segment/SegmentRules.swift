import Foundation

/// The rules civ-segment runs on ICU's word tokens, in order, towards the PKU convention (the
/// People's Daily standard of SIGHAN 2005):
///
/// 0. a dash or ellipsis written doubled is one token (`——`, `……`);
/// 1. numbers: digits (ASCII or full-width, with a decimal point, after a minus sign) joined with
///    a unit after them: time, percent, 万/亿 (`1998年`, `12月`, `１７％`, `3.5亿`); 年 only after
///    four digits (`10 年` is a duration);
/// 2. Chinese numerals: numeral tokens joined (`二○○一年`, `三十一日`), 第 with its number
///    (`第一`, `第一 个`); 年 after a year written digit by digit, 月/日 after a run;
/// 2b. ICU's two-character words that PKU splits: a small number and its measure word (`一 次`,
///    `两 个`; `一个` stays), and a function character stuck to a neighbour when the lexicons
///    lack the pair (`新 的`, `年 来`);
/// 3. runs of single Han characters (where ICU's dictionary knew no word), with the short token
///    before them, re-segmented by unigram probability over the lexicons (`计算 机` → `计算机`,
///    `委员 会` → `委员会`), never into a number with its measure word; a three-character name
///    found this way is surname + given name (`江 泽民`);
/// 3b. two two-character words that make a common four-character word (`社会主义`);
/// 4. given names: a surname followed by two single characters that are not function words
///    makes surname + given name (`聂 晓葵`).
///
/// Tokens made by rules 0–2b are not re-segmented by rule 3.
struct SegmentRules: Sendable {
    struct Token {
        var scalars: [Unicode.Scalar]
        var fixed = false
        init(_ scalars: [Unicode.Scalar], fixed: Bool = false) {
            self.scalars = scalars
            self.fixed = fixed
        }
        var isSingleHan: Bool { scalars.count == 1 && ScalarClass.isHan(scalars[0]) }
        var isHan: Bool { !scalars.isEmpty && scalars.allSatisfy(ScalarClass.isHan) }
    }

    /// The domain lexicon shipped with civ (`segment-lexicon.tsv`).
    static let domainLexicon = Lexicon(lines: DataFile.lines("segment-lexicon.tsv"))

    let lexicon: Lexicon
    let domain: Lexicon
    let user: Lexicon?
    let surnames: Set<Unicode.Scalar>
    private let logTotal: Double
    private let maxLength: Int

    init(lexicon: Lexicon, domain: Lexicon, user: Lexicon?) {
        self.lexicon = lexicon
        self.domain = domain
        self.user = user
        var names = Set<Unicode.Scalar>()
        for line in DataFile.lines("surnames.txt") {
            for word in line.split(separator: " ") where word.unicodeScalars.count == 1 {
                names.insert(word.unicodeScalars.first!)
            }
        }
        surnames = names
        logTotal = log(Double(lexicon.totalFrequency))
        maxLength = min(8, max(lexicon.maxWordLength, domain.maxWordLength, user?.maxWordLength ?? 0))
    }

    func apply(_ input: [Token]) -> [Token] {
        var tokens = joinRepeatedMarks(input)
        tokens = joinNumbers(tokens)
        tokens = joinChineseNumerals(tokens)
        tokens = splitLooseTokens(tokens)
        tokens = resegment(tokens)
        tokens = joinCompounds(tokens)
        tokens = joinGivenNames(tokens)
        return tokens
    }

    // MARK: Rule 0: dashes and ellipses

    /// Marks written doubled or more (`——`, `……`), one token, as they are one mark.
    static let repeatedMarks: Set<Unicode.Scalar> = ["—", "…", "－", "-", "·", "."]

    func joinRepeatedMarks(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        for t in tokens {
            if t.scalars.count == 1, Self.repeatedMarks.contains(t.scalars[0]), let last = out.last,
               last.scalars.allSatisfy({ $0 == t.scalars[0] }) {
                out[out.count - 1].scalars.append(t.scalars[0])
                out[out.count - 1].fixed = true
            } else {
                out.append(t)
            }
        }
        return out
    }

    // MARK: Rule 2b: ICU's words that PKU splits

    /// Measure words that PKU writes apart from the number before them (`一 次`, `两 个`).
    /// Numbers that stay apart from a measure word after them (`百年`, `每年` are words).
    static let smallNumbers: Set<Unicode.Scalar> = Set("一二三四五六七八九两几多".unicodeScalars)
    static let measureWords: Set<Unicode.Scalar> = Set("年次位种条批天项个名件家场届张台辆座所篇本份封支头匹块间层段句笔户岁周".unicodeScalars)
    /// Characters that are words of their own far more often than parts of a word ICU found
    /// but the lexicons lack (`新的`, `的是`, `年来`, `图为`).
    static let looseCharacters: Set<Unicode.Scalar> = Set("的了是在有都也就不来为之此要更".unicodeScalars)

    func splitLooseTokens(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        for t in tokens {
            let c = t.scalars
            if !t.fixed, c.count == 2, ScalarClass.isHan(c[0]), ScalarClass.isHan(c[1]) {
                // A number and its measure word; `一个` is one word in PKU's convention.
                let counted = Self.smallNumbers.contains(c[0]) && Self.measureWords.contains(c[1]) && !(c[0] == "一" && c[1] == "个")
                let loose = (Self.looseCharacters.contains(c[0]) || Self.looseCharacters.contains(c[1])) && frequency(c[...]) == 0
                if counted || loose {
                    out.append(Token([c[0]], fixed: counted))
                    out.append(Token([c[1]], fixed: counted))
                    continue
                }
            }
            out.append(t)
        }
        return out
    }

    // MARK: Rule 3b: compounds of two words

    /// Two two-character words that make a four-character word of the lexicons (`社会 主义`,
    /// `国民 经济`), one token.
    func joinCompounds(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            if i + 1 < tokens.count, !tokens[i].fixed, !tokens[i + 1].fixed,
               tokens[i].scalars.count == 2, tokens[i + 1].scalars.count == 2, tokens[i].isHan, tokens[i + 1].isHan {
                let joined = tokens[i].scalars + tokens[i + 1].scalars
                if frequency(joined[...]) >= Self.compoundFrequency {
                    out.append(Token(joined))
                    i += 2
                    continue
                }
            }
            out.append(tokens[i])
            i += 1
        }
        return out
    }

    /// Rarer compounds are left in their parts.
    static let compoundFrequency = 100

    // MARK: Rule 1: digits and their units

    static func isDigit(_ c: Unicode.Scalar) -> Bool {
        ScalarClass.isASCIIDigit(c) || (c.value >= 0xFF10 && c.value <= 0xFF19)
    }

    /// Digits, possibly with decimal points inside (`3.5`, `９．８`).
    static func isNumber(_ s: [Unicode.Scalar]) -> Bool {
        guard let first = s.first, let last = s.last, isDigit(first), isDigit(last) else { return false }
        return s.allSatisfy { isDigit($0) || $0 == "." || $0 == "．" }
    }

    static let digitUnits: Set<String> = ["年", "月", "日", "时", "分", "秒", "％", "%", "万", "亿", "万亿", "月份", "年代", "点"]
    static let minusSigns: Set<Unicode.Scalar> = ["－", "-"]

    func joinNumbers(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            var t = tokens[i]
            if Self.isNumber(t.scalars) {
                // A minus sign before the number, when nothing joins the sign to a word before it.
                if let prev = out.last, prev.scalars.count == 1, Self.minusSigns.contains(prev.scalars[0]),
                   out.count < 2 || !out[out.count - 2].scalars.last.map({ Self.isDigit($0) || $0.properties.isAlphabetic && !ScalarClass.isHan($0) })! {
                    t.scalars = prev.scalars + t.scalars
                    out.removeLast()
                }
                // 年 only after a year (`1998年`; `10 年` is a duration).
                if i + 1 < tokens.count, Self.digitUnits.contains(String(String.UnicodeScalarView(tokens[i + 1].scalars))),
                   tokens[i + 1].scalars != ["年"] || t.scalars.count == 4 {
                    t.scalars += tokens[i + 1].scalars
                    i += 1
                }
                t.fixed = true
            }
            out.append(t)
            i += 1
        }
        return out
    }

    // MARK: Rule 2: Chinese numerals

    static let numerals: Set<Unicode.Scalar> = Set("零○〇一二三四五六七八九十百千万亿两".unicodeScalars)
    static let digitNumerals: Set<Unicode.Scalar> = Set("零○〇一二三四五六七八九".unicodeScalars)

    static func isNumeral(_ s: [Unicode.Scalar]) -> Bool { !s.isEmpty && s.allSatisfy(numerals.contains) }

    func joinChineseNumerals(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            // 第 and the number after it (`第 一` → `第一`; `第 一个` → `第一 个`).
            if tokens[i].scalars == ["第"], i + 1 < tokens.count, !tokens[i + 1].fixed,
               let first = tokens[i + 1].scalars.first, Self.numerals.contains(first) {
                var numeral = tokens[i + 1].scalars.prefix { Self.numerals.contains($0) }
                let rest = tokens[i + 1].scalars.dropFirst(numeral.count)
                var j = i + 2
                if rest.isEmpty {
                    while j < tokens.count, !tokens[j].fixed, Self.isNumeral(tokens[j].scalars) {
                        numeral += tokens[j].scalars
                        j += 1
                    }
                }
                out.append(Token(["第"] + numeral, fixed: true))
                if !rest.isEmpty { out.append(Token(Array(rest), fixed: true)) }
                i = j
                continue
            }
            guard !tokens[i].fixed, Self.isNumeral(tokens[i].scalars) else {
                out.append(tokens[i])
                i += 1
                continue
            }
            var j = i + 1
            var run = tokens[i].scalars
            while j < tokens.count, !tokens[j].fixed, Self.isNumeral(tokens[j].scalars) {
                run += tokens[j].scalars
                j += 1
            }
            // A last token of numeral + 年/月/日 (ICU's `一年` in `二 ○ ○ 一年`) joins a run of two or more characters.
            if run.count >= 2, j < tokens.count, !tokens[j].fixed, tokens[j].scalars.count == 2,
               Self.isNumeral([tokens[j].scalars[0]]), "年月日".unicodeScalars.contains(tokens[j].scalars[1]) {
                run += tokens[j].scalars
                j += 1
            } else if j < tokens.count, tokens[j].scalars.count == 1, let unit = tokens[j].scalars.first {
                let digitByDigit = run.count >= 2 && run.allSatisfy(Self.digitNumerals.contains)
                if (unit == "年" && digitByDigit) || ((unit == "月" || unit == "日") && run.count >= 2 && j > i + 1) {
                    run += [unit]
                    j += 1
                }
            }
            out.append(Token(run, fixed: j > i + 1))
            i = j
        }
        return out
    }

    // MARK: Rule 3: re-segmentation of single characters

    /// The frequency of a word in the lexicons (the highest), 0 when it is in none.
    func frequency(_ word: ArraySlice<Unicode.Scalar>) -> Int {
        var f = lexicon.frequency(of: word)
        let d = domain.frequency(of: word)
        if d > f { f = d }
        if let user {
            let u = user.frequency(of: word)
            if u > f { f = u }
        }
        return f
    }

    /// The frequency a single character is scored with (the lexicon lists words of 2+ characters
    /// only), and the one a word ICU found but the lexicons lack is scored with.
    static let singleFrequency = 100.0
    static let icuFrequency = 200.0
    /// The longest token before a run of single characters that joins the run's window
    /// (`委员 会`); the token after it does not (`新 世纪` stays, the PKU convention).
    static let neighbourLength = 2

    func resegment(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            // A run of 2+ single Han characters that no rule made.
            guard tokens[i].isSingleHan, !tokens[i].fixed else {
                out.append(tokens[i])
                i += 1
                continue
            }
            var j = i + 1
            while j < tokens.count, tokens[j].isSingleHan, !tokens[j].fixed { j += 1 }
            // One single character: a window with its neighbours still, for suffixes (`委员 会`).
            var start = i
            let end = j
            if start > 0, !tokens[start - 1].fixed, tokens[start - 1].isHan, tokens[start - 1].scalars.count <= Self.neighbourLength,
               out.last.map({ $0.scalars == tokens[start - 1].scalars }) ?? false {
                start -= 1
                out.removeLast()
            }
            if end - start < 2 {
                out.append(tokens[i])
                i += 1
                continue
            }
            out.append(contentsOf: bestPath(Array(tokens[start..<end])))
            i = end
        }
        return out
    }

    /// The most probable segmentation of the window's characters into words of the lexicons,
    /// ICU's own tokens and single characters.
    func bestPath(_ window: [Token]) -> [Token] {
        let chars = window.flatMap(\.scalars)
        let n = chars.count
        var icuEnds = Set<Int>()  // (start << 16 | end) of ICU's tokens
        var ends = [Int](repeating: 0, count: n + 1)
        var p = 0
        for t in window {
            icuEnds.insert(p << 16 | (p + t.scalars.count))
            for k in p..<(p + t.scalars.count) {
                ends[k] = p + t.scalars.count
            }
            p += t.scalars.count
        }
        /// Whether a lexicon word over `s..<e` that ICU did not find may be one: not a number
        /// with its measure word (`两个`, `第一天`, `多万元`: PKU writes them apart).
        func mayJoin(_ s: Int, _ e: Int) -> Bool {
            var k = s
            if chars[k] == "第" { k += 1 }
            var numerals = 0
            while k < e - 1, Self.countPrefixes.contains(chars[k]) {
                k += 1
                numerals += 1
            }
            return numerals == 0 || k != e - 1
        }
        var best = [Double](repeating: -.infinity, count: n + 1)
        var back = [Int](repeating: 0, count: n + 1)
        best[0] = 0
        let logSingle = log(Self.singleFrequency) - logTotal
        let logICU = log(Self.icuFrequency) - logTotal
        for e in 1...n {
            for s in max(0, e - maxLength)..<e {
                guard best[s] > -.infinity else { continue }
                var score: Double
                let f = e - s >= 2 && (icuEnds.contains(s << 16 | e) || mayJoin(s, e)) ? frequency(chars[s..<e]) : 0
                if f > 0 {
                    score = log(Double(f)) - logTotal
                } else if e - s == 1 {
                    score = logSingle
                } else {
                    score = -.infinity
                }
                if icuEnds.contains(s << 16 | e) && e - s >= 2 { score = max(score, logICU) }
                if best[s] + score > best[e] {
                    best[e] = best[s] + score
                    back[e] = s
                }
            }
        }
        var cuts: [Int] = []
        var e = n
        while e > 0 {
            cuts.append(e)
            e = back[e]
        }
        var out: [Token] = []
        var s = 0
        for e in cuts.reversed() {
            // A three-character name the lexicon knows whole but ICU did not (`江泽民`) is
            // surname + given name, the PKU convention.
            if e - s == 3, surnames.contains(chars[s]),
               (s..<e).allSatisfy({ ends[$0] == $0 + 1 }) {
                out.append(Token([chars[s]]))
                out.append(Token(Array(chars[(s + 1)..<e])))
            } else {
                out.append(Token(Array(chars[s..<e])))
            }
            s = e
        }
        return out
    }

    // MARK: Rule 4: given names

    /// Characters that stand alone far more often than in a given name.
    static let functionCharacters: Set<Unicode.Scalar> = Set("的了是在和与及或等也都就还又把被对向从到为以于之其这那个们我你他她它说讲要将会能可不没有而但并且着过地得所此每各该某上下中内外前后里年月日时人".unicodeScalars)

    static let countPrefixes: Set<Unicode.Scalar> = numerals.union("几多半余每数".unicodeScalars)

    func joinGivenNames(_ tokens: [Token]) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            out.append(tokens[i])
            if tokens[i].isSingleHan, surnames.contains(tokens[i].scalars[0]), i + 2 < tokens.count,
               tokens[i + 1].isSingleHan, tokens[i + 2].isSingleHan,
               !Self.functionCharacters.contains(tokens[i + 1].scalars[0]),
               !Self.functionCharacters.contains(tokens[i + 2].scalars[0]),
               !(i + 3 < tokens.count && tokens[i + 3].isSingleHan) {
                out.append(Token(tokens[i + 1].scalars + tokens[i + 2].scalars))
                i += 3
                continue
            }
            i += 1
        }
        return out
    }
}
