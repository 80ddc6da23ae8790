import Foundation

// Rules 1 and 2 of `SegmentRules`: digits with their units (dates, times, percentages), and
// Chinese numerals.
extension SegmentRules {
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
        let tokens = line.tokens
        // The line's characters through a buffer, read without bounds checks.
        return line.text.withUnsafeBufferPointer { text in
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
    }

    // MARK: Rule 2: Chinese numerals

    static let numerals = ScalarSet("零○〇一二三四五六七八九十百千万亿两")
    static let digitNumerals = ScalarSet("零○〇一二三四五六七八九")

    static func isNumeral(_ line: Line, _ t: Token) -> Bool { t.count > 0 && line.all(t) { numerals.contains($0) } }

    func joinChineseNumerals(_ line: Line, into out: inout [Token]) -> Bool {
        let tokens = line.tokens
        let numerals = Self.numerals
        // The line's characters through a buffer, read without bounds checks.
        return line.text.withUnsafeBufferPointer { text in
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
}
