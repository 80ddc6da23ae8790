import Foundation

// Rules 4 and 5 of `SegmentRules`: given names and place names, and domain words in their parts.
extension SegmentRules {
    // MARK: Rule 4: given names

    /// Characters that stand alone far more often than in a given name.
    static let functionCharacters = ScalarSet("的了是在和与及或等也都就还又把被对向从到为以于之其这那个们我你他她它说讲要将会能可不没有而但并且着过地得所此每各该某上下中内外前后里年月日时人")

    /// The generic part of a place name that the convention writes with the name (`水心村`).
    static let placeSuffixes = ScalarSet("村镇乡")

    func joinGivenNames(_ line: Line, splittingCompounds: Bool = false, into out: inout [Token]) -> Bool {
        let tokens = line.tokens
        let placeSuffixes = Self.placeSuffixes
        let compoundStarts = compoundStarts, longestCompound = compounds.maxWordLength, surnames = surnames
        // The line's characters through a buffer, read without bounds checks.
        return line.text.withUnsafeBufferPointer { text in
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
