import Foundation

// Rule 2a of `SegmentRules`: tokens that spell a word of the domain lexicon or the user's, joined.
extension SegmentRules {
    // MARK: Rule 2a: the domain's and the user's words

    /// Consecutive tokens that spell a word of the domain lexicon or the user's, the longest
    /// first, one token (`宣传 部长` → `宣传部长`); ICU's tokens are never cut for them.
    func joinListedWords(_ line: Line, into out: inout [Token]) -> Bool {
        let tokens = line.tokens
        let longest = max(domain.maxWordLength, user?.maxWordLength ?? 0)
        let domainStarts = domainStarts, userStarts = userStarts, hasUser = user != nil
        // The line's characters through a buffer: a word asked about is a piece of it, not an
        // array slice (a reference to the array's storage, counted).
        return line.text.withUnsafeBufferPointer { text in
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
                    let word = UnsafeBufferPointer(rebasing: text[tokens[i].start..<tokens[j].end])
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
    }
}
