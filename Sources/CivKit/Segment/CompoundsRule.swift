import Foundation

// Rule 3b of `SegmentRules`: two two-character words that make a common four-character word,
// and doubled words.
extension SegmentRules {
    // MARK: Rule 3b: compounds of two words

    /// Rarer compounds are left in their parts.
    static let compoundFrequency = 100

    /// Two two-character words that make a four-character word of the lexicons (`社会 主义`,
    /// `国民 经济`), one token.
    func joinCompounds(_ line: Line, into out: inout [Token]) -> Bool {
        let tokens = line.tokens
        // The line's characters through a buffer, read without bounds checks.
        return line.text.withUnsafeBufferPointer { text in
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
}
