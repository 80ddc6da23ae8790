import Foundation

// Rule 2b of `SegmentRules`: ICU's words that the PKU convention splits.
extension SegmentRules {
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
        let longestCompound = Self.longestCompound, classes = Self.looseClassTable
        // The line's characters through a buffer, read without bounds checks.
        return line.text.withUnsafeBufferPointer { text in
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
                    if loose || complement, ScalarClass.isHan(a), ScalarClass.isHan(b), frequency(a, b) == 0 {
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
}
