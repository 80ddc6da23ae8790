/// A pattern that opens with a bounded run and then a literal: `^.{0,100}电话\s*[：:]`,
/// `^[^，。]{0,60}?版权所有(?=[^\s，。的：:])`, `^[^\s：:，。（(]{1,14}网`. Its keyword is in many
/// lines of prose (`打电话询问`) where the literal stands too far in, after an excluded character,
/// or before the wrong character; this test reads that off the line's first characters, before
/// the regex runs (a regex call costs thousands of instructions even when it fails).
struct LeadPrefilter: Equatable {
    /// Characters the run cannot hold (a subset of the pattern's: `\s` is read as the common
    /// white space only), empty for `.`: the literal must stand before the first of them.
    let excluded: Set<UInt32>
    /// The run's length in characters (code points, as the regex counts).
    let minimum: Int
    let maximum: Int
    /// The literal, or the group's literal alternatives, right after the run.
    let literals: [[UInt8]]
    /// What must come right after the literal, if read: a character of `characters` (after
    /// white space when `skipsWhitespace`), or with `negated` one not in them (a subset again).
    let follower: Follower?

    init(excluded: Set<UInt32>, minimum: Int, maximum: Int, literals: [[UInt8]], follower: Follower?) {
        self.excluded = excluded
        self.minimum = minimum
        self.maximum = maximum
        self.literals = literals
        self.follower = follower
        excludedASCII = RulePrefilter.ASCIIMarks(values: excluded.filter { $0 < 128 })
        excludedOthers = excluded.filter { $0 >= 128 }.sorted()
    }

    /// `excluded` as `allows` asks it, character after character of a line: the ASCII ones as a
    /// mask, the few others in a short list (a `Set`'s hashing cost more than the rest of the test).
    private let excludedASCII: RulePrefilter.ASCIIMarks
    private let excludedOthers: [UInt32]

    @inline(__always)
    private func isExcluded(_ v: UInt32) -> Bool {
        v < 128 ? excludedASCII.contains(value: v) : excludedOthers.contains(v)
    }

    static func == (a: LeadPrefilter, b: LeadPrefilter) -> Bool {
        a.excluded == b.excluded && a.minimum == b.minimum && a.maximum == b.maximum && a.literals == b.literals && a.follower == b.follower
    }

    struct Follower: Equatable {
        let characters: Set<UInt32>
        let negated: Bool
        let skipsWhitespace: Bool
    }

    /// Code points `\s` certainly matches (a subset of ICU's `[\t\n\f\r\p{Z}]`): excluding fewer
    /// characters than the pattern only lets more lines through.
    static let commonWhitespace: Set<UInt32> = [0x09, 0x0A, 0x0C, 0x0D, 0x20, 0xA0, 0x3000]

    /// Whether `p` may match: the literal starts after `minimum` to `maximum` characters, none
    /// of them excluded, and the follower stands after it.
    func allows(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0, count = 0
        // No literal read: the run's first `minimum` characters are there, none excluded.
        let last = literals.isEmpty ? minimum : maximum
        while count <= last {
            if count >= minimum {
                if literals.isEmpty { return true }
                for literal in literals where RulePrefilter.hasPrefix(UnsafeBufferPointer(rebasing: p[i...]), literal) {
                    if follows(p, at: i + literal.count) { return true }
                }
            }
            guard i < p.count else { return false }
            let (value, length) = UTF8Bytes.scalar(p, at: i)
            if isExcluded(value) { return false }
            i += length
            count += 1
        }
        return false
    }

    private func follows(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard let follower else { return true }
        var i = start
        while i < p.count {
            let (value, length) = UTF8Bytes.scalar(p, at: i)
            // (Every White_Space character skipped, more than `\s`: a looser test, still safe.)
            if follower.skipsWhitespace, Unicode.Scalar(value)?.properties.isWhitespace ?? false {
                i += length
                continue
            }
            return follower.characters.contains(value) != follower.negated
        }
        // The line ends: a class or a lookahead needs one more character.
        return false
    }
}

extension RulePrefilter {
    /// The `LeadPrefilter` of a pattern `^` [`(?!…)`] `.`-or-`[^…]` `{m,n}` [`?`] then a literal or
    /// a group of literals `(a|b)`, then optionally `\s*` and a class, or a lookahead `(?=[…])`;
    /// nil for anything else, which is always safe.
    static func lead(of pattern: String) -> LeadPrefilter? {
        let s = scalars(of: pattern)
        guard s.count > 4, s[0] == "^", !hasTopLevelAlternation(s) else { return nil }
        var i = 1
        // A negative lookahead at the start only narrows what matches: passed over.
        if s.count > i + 2, s[i] == "(", s[i + 1] == "?", s[i + 2] == "!" {
            guard let close = s[i...].firstIndex(of: ")"), !s[(i + 3) ..< close].contains("(") else { return nil }
            i = close + 1
        }
        guard i < s.count else { return nil }
        var excluded: Set<UInt32> = []
        if s[i] == "." {
            i += 1
        } else if s[i] == "[", i + 1 < s.count, s[i + 1] == "^" {
            guard let (characters, close) = classCharacters(s, from: i + 2) else { return nil }
            excluded = characters
            i = close + 1
        } else if s[i] == "\\", i + 1 < s.count, s[i + 1] == "S" {
            excluded = LeadPrefilter.commonWhitespace
            i += 2
        } else { return nil }
        guard let (minimum, maximum, afterCount) = bounds(s, at: i) else { return nil }
        i = afterCount
        if i < s.count, s[i] == "?" { i += 1 }
        // Without a literal after it, the run's first characters are still a test (`^[^\s<>]{1,12}\s*>`).
        let runOnly = minimum > 0 && !excluded.isEmpty
            ? LeadPrefilter(excluded: excluded, minimum: minimum, maximum: maximum, literals: [], follower: nil) : nil
        guard i < s.count else { return runOnly }
        // The literal: a run of plain characters, or a group of them.
        var literals: [[UInt8]]
        if s[i] == "(" {
            guard !(i + 1 < s.count && s[i + 1] == "?"), let (alternatives, close) = topLevelAlternatives(s, open: i) else { return runOnly }
            literals = []
            for alternative in alternatives {
                guard !alternative.isEmpty, !alternative.contains(where: { metacharacters.contains($0) }) else { return runOnly }
                literals.append(utf8(alternative))
            }
            i = close + 1
            if i < s.count, optionalMarks.contains(s[i]) || s[i] == "+" { return runOnly }
        } else {
            var j = i
            while j < s.count, !metacharacters.contains(s[j]) { j += 1 }
            // The last character made optional or repeated is no part of it, and nothing follows it.
            if j < s.count, optionalMarks.contains(s[j]) || s[j] == "+" {
                j -= 1
                guard j > i else { return runOnly }
                return LeadPrefilter(excluded: excluded, minimum: minimum, maximum: maximum,
                                     literals: [utf8(s[i ..< j])], follower: nil)
            }
            guard j > i else { return runOnly }
            literals = [utf8(s[i ..< j])]
            i = j
        }
        return LeadPrefilter(excluded: excluded, minimum: minimum, maximum: maximum, literals: literals, follower: follower(s, at: i))
    }

    /// `{m,n}` at `i`: its bounds and the index after it.
    private static func bounds(_ s: [Unicode.Scalar], at start: Int) -> (Int, Int, Int)? {
        guard start < s.count, s[start] == "{" else { return nil }
        // Both bounds written (`{0,}` has no maximum, `{3}` is read as no bound: nil).
        var i = start + 1, numbers: [Int] = [0], digits = [0]
        while i < s.count, s[i] != "}" {
            if s[i] == "," {
                numbers.append(0)
                digits.append(0)
            } else if ("0" ... "9").contains(s[i]) {
                numbers[numbers.count - 1] = numbers[numbers.count - 1] * 10 + Int(s[i].value - 0x30)
                digits[digits.count - 1] += 1
            } else { return nil }
            i += 1
        }
        guard i < s.count, numbers.count == 2, digits.allSatisfy({ $0 > 0 }), numbers[0] <= numbers[1] else { return nil }
        return (numbers[0], numbers[1], i + 1)
    }

    /// What follows the literal at `i`: `\s*[…]`, `[…]` or `(?=[…])`, the class not made
    /// optional; nil (no test) otherwise.
    private static func follower(_ s: [Unicode.Scalar], at start: Int) -> LeadPrefilter.Follower? {
        var i = start, skips = false, lookahead = false
        if i + 2 < s.count, s[i] == "\\", s[i + 1] == "s", s[i + 2] == "*" {
            skips = true
            i += 3
        } else if i + 2 < s.count, s[i] == "(", s[i + 1] == "?", s[i + 2] == "=" {
            lookahead = true
            i += 3
        }
        guard i < s.count, s[i] == "[" else { return nil }
        let negated = i + 1 < s.count && s[i + 1] == "^"
        guard let (characters, close) = classCharacters(s, from: i + (negated ? 2 : 1)), !characters.isEmpty else { return nil }
        // A class that holds `\s` is read only negated (its white space a subset then); after `\s*`,
        // only a class of no white space, not negated (`\s*` may give back a space the class takes).
        if !negated, s[(i + 1) ..< close].contains("\\") && characters.contains(0x20) { return nil }
        if skips, negated || characters.contains(where: { Unicode.Scalar($0)?.properties.isWhitespace ?? true }) { return nil }
        let after = close + 1
        if lookahead {
            guard after < s.count, s[after] == ")" else { return nil }
        } else if after < s.count, optionalMarks.contains(s[after]) {
            return nil
        }
        return LeadPrefilter.Follower(characters: characters, negated: negated, skipsWhitespace: skips)
    }

    /// The characters of a class body from `start` to its `]`: plain characters, escaped
    /// punctuation and `\s` (as `LeadPrefilter.commonWhitespace`); nil for a range, a nested
    /// class, `\d` or any other escape.
    private static func classCharacters(_ s: [Unicode.Scalar], from start: Int) -> (Set<UInt32>, Int)? {
        var characters: Set<UInt32> = []
        var i = start
        while i < s.count, s[i] != "]" {
            if s[i] == "\\" {
                guard i + 1 < s.count else { return nil }
                if s[i + 1] == "s" {
                    characters.formUnion(LeadPrefilter.commonWhitespace)
                } else if isEscapedLiteral(s[i + 1]) {
                    characters.insert(s[i + 1].value)
                } else { return nil }
                i += 2
                continue
            }
            guard s[i] != "[", s[i] != "-" || i == start else { return nil }
            characters.insert(s[i].value)
            i += 1
        }
        return i < s.count ? (characters, i) : nil
    }
}
