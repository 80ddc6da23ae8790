/// Reads off a boilerplate pattern what a matching line must start with, so that the regex runs
/// only on the few lines that do. Swift's Regex costs microseconds a call even when it fails at
/// the first character, and the rules are tried on every line.
///
/// Understood: `^` then a literal (escaped punctuation such as `\.` included); `^\d` (not made
/// optional by `?`, `*` or `{0`); a class of plain characters (`^[【\[]`: each of them);
/// `^(alt|alt|…)` whose alternatives each begin with a literal or such a class (nested groups
/// and classes inside them are skipped over). Anything else gives nil (no prefilter), which is
/// always safe.
enum RulePrefilter {
    static let metacharacters = ASCIIMarks("\\.[](){}*+?|^$")
    static let optionalMarks = ASCIIMarks("?*{")

    /// A few ASCII characters as a mask: asked of every character of some 270 patterns at every
    /// start-up, where a `Set`'s hashing cost more than reading the pattern.
    struct ASCIIMarks {
        private let low: UInt64, high: UInt64

        init(_ marks: String) { self.init(values: marks.unicodeScalars.map(\.value)) }

        init(values: some Sequence<UInt32>) {
            var low: UInt64 = 0, high: UInt64 = 0
            for v in values {
                precondition(v < 128, "RulePrefilter.ASCIIMarks: ASCII only")
                if v < 64 { low |= 1 << v } else { high |= 1 << (v - 64) }
            }
            (self.low, self.high) = (low, high)
        }

        @inline(__always)
        func contains(_ c: Unicode.Scalar) -> Bool { contains(value: c.value) }

        @inline(__always)
        func contains(value v: UInt32) -> Bool {
            v < 64 ? low >> v & 1 != 0 : v < 128 && high >> (v - 64) & 1 != 0
        }
    }

    /// A pattern's scalars, read off its UTF-8: `Array(pattern.unicodeScalars)` counted them, then
    /// copied them, a few thousand instructions a pattern for each of five readings at start-up.
    static func scalars(of pattern: String) -> [Unicode.Scalar] {
        var pattern = pattern
        return pattern.withUTF8 { p in
            var out: [Unicode.Scalar] = []
            out.reserveCapacity(p.count)
            var i = 0
            while i < p.count {
                let (v, length) = UTF8Bytes.scalar(p, at: i)
                out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                i += length
            }
            return out
        }
    }

    /// Scalars as UTF-8, written one by one (no String made on the way).
    static func utf8(_ scalars: some Sequence<Unicode.Scalar>) -> [UInt8] {
        var out: [UInt8] = []
        for c in scalars { UTF8Bytes.append(c.value, to: &out) }
        return out
    }

    static func requiredPrefixes(of pattern: String) -> [[UInt8]]? {
        let s = scalars(of: pattern)
        guard s.first == "^", s.count > 1 else { return nil }
        return prefixes(of: s[1...])
    }

    /// What a line the pattern matches must end with, read off a pattern ending in `$` after a
    /// literal (`查看内容$`) or a group of literal alternatives (`。(社会|财经)$`); nil otherwise
    /// (a class, a quantifier, a nested group, `\n`, an option: anything else), which is always safe.
    static func requiredSuffixes(of pattern: String) -> [[UInt8]]? {
        let s = scalars(of: pattern)
        // (On scalars: Foundation's `String.contains` cost more at start-up than the rest of the table.)
        guard s.count >= 2, s[s.count - 1] == "$", !(s.count >= 3 && s[s.count - 2] == "\\"),
              !s.indices.dropLast().contains(where: { (s[$0] == "(" && s[$0 + 1] == "?") || (s[$0] == "\\" && s[$0 + 1] == "n") }),
              !s.contains("\n"), !hasTopLevelAlternation(s) else { return nil }
        let beforeEnd = s[..<(s.count - 1)]
        if beforeEnd.last == ")" {
            // The group's alternatives: literals only, no nesting, no escapes.
            guard let open = beforeEnd.lastIndex(of: "(") else { return nil }
            let inside = beforeEnd[(open + 1) ..< (beforeEnd.count - 1)]
            guard !inside.isEmpty, !inside.contains(where: { $0 != "|" && metacharacters.contains($0) }),
                  open == 0 || s[open - 1] != "\\" else { return nil }
            let alternatives = inside.split(separator: "|", omittingEmptySubsequences: false)
            guard alternatives.allSatisfy({ !$0.isEmpty }) else { return nil }
            return alternatives.map { utf8($0) }
        }
        // A trailing run of plain characters (not escaped, not quantified: nothing follows it).
        var start = beforeEnd.count
        while start > 0, !metacharacters.contains(beforeEnd[start - 1]) { start -= 1 }
        guard start < beforeEnd.count, start == 0 || beforeEnd[start - 1] != "\\" else { return nil }
        // A run right after `)`, `]` or `}` is still required; one after `?`, `*`, `+`, `|` too,
        // except `|`, which makes it one alternative of several.
        guard start == 0 || beforeEnd[start - 1] != "|" else { return nil }
        return [utf8(beforeEnd[start...])]
    }

    /// Whether the pattern is an alternation at its top level (`^a|b$`): its end then binds one
    /// alternative only.
    static func hasTopLevelAlternation(_ s: [Unicode.Scalar]) -> Bool {
        var depth = 0, i = 0
        while i < s.count {
            switch s[i] {
            case "\\": i += 1
            case "[":
                while i < s.count, s[i] != "]" { i += s[i] == "\\" ? 2 : 1 }
            case "(": depth += 1
            case ")": depth -= 1
            case "|" where depth == 0: return true
            default: break
            }
            i += 1
        }
        return false
    }

    @inline(__always)
    static func hasSuffix(_ p: UnsafeBufferPointer<UInt8>, _ suffix: [UInt8]) -> Bool {
        guard suffix.count <= p.count else { return false }
        let offset = p.count - suffix.count
        for k in suffix.indices where p[offset + k] != suffix[k] { return false }
        return true
    }

    /// What a match of `piece` (a pattern without its `^`) must start with, or nil.
    static func prefixes(of piece: ArraySlice<Unicode.Scalar>) -> [[UInt8]]? {
        let s = Array(piece)
        guard let first = s.first else { return nil }
        if first == "\\", s.count > 1, s[1] == "d" {
            if s.count > 2, s[2] == "?" || s[2] == "*" { return nil }
            // `\d{0,…}` may match nothing; `\d{4}` may not.
            if s.count > 3, s[2] == "{", s[3] == "0" { return nil }
            return (0x30 ... 0x39).map { [UInt8($0)] }
        }
        if first == "(" {
            guard let (alternatives, close) = topLevelAlternatives(s, open: 0) else { return nil }
            // An optional or repeated-from-zero group may match nothing; `{2,}` may not.
            if close + 1 < s.count, optionalMarks.contains(s[close + 1]),
               !(s[close + 1] == "{" && close + 2 < s.count && ("1" ... "9").contains(s[close + 2])) { return nil }
            var all: [[UInt8]] = []
            for alternative in alternatives {
                // An alternative that is a group in turn (`((a|b)\s*)+`) is read the same way.
                guard let prefixes = alternative.first == "(" || alternative.first == "[" ? prefixes(of: alternative[...]) : nonEmpty(literalPrefix(alternative[...])) else { return nil }
                all += prefixes
            }
            return all
        }
        // A class of plain characters (`[【\[]`, `[（(]`), not made optional: each of them.
        if first == "[", let (characters, close) = plainClass(s), !(close + 1 < s.count && optionalMarks.contains(s[close + 1])) {
            return characters.map { Array(String($0).utf8) }
        }
        return nonEmpty(literalPrefix(piece))
    }

    /// The characters of a class opening `s` that lists plain characters only (escaped
    /// punctuation allowed; no range, no negation, no property), and the index of its `]`.
    static func plainClass(_ s: [Unicode.Scalar]) -> ([Unicode.Scalar], Int)? {
        var characters: [Unicode.Scalar] = []
        var i = 1
        while i < s.count, s[i] != "]" {
            if s[i] == "^" || s[i] == "-" || s[i] == "[" { return nil }
            if s[i] == "\\" {
                guard i + 1 < s.count, isEscapedLiteral(s[i + 1]) else { return nil }
                characters.append(s[i + 1])
                i += 2
                continue
            }
            characters.append(s[i])
            i += 1
        }
        return i < s.count && !characters.isEmpty ? (characters, i) : nil
    }

    /// A character that a backslash makes literal: ASCII punctuation (`\.`, `\[`), not a class
    /// such as `\d` or `\s`.
    static func isEscapedLiteral(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && !c.properties.isAlphabetic && !("0" ... "9").contains(c)
    }

    private static func nonEmpty(_ prefix: [UInt8]) -> [[UInt8]]? { prefix.isEmpty ? nil : [prefix] }

    /// The alternatives of the group opening at `open`, split at its own `|` only (not those of
    /// nested groups or inside classes), and the index of its `)`; nil when it never closes.
    static func topLevelAlternatives(_ s: [Unicode.Scalar], open: Int) -> ([[Unicode.Scalar]], Int)? {
        var alternatives: [[Unicode.Scalar]] = [[]]
        var depth = 0
        var i = open + 1
        while i < s.count {
            let c = s[i]
            if c == "\\" && i + 1 < s.count {
                alternatives[alternatives.count - 1] += [c, s[i + 1]]
                i += 2
                continue
            }
            if c == "[" {
                // A class: copied whole (its `|` and `)` are literals).
                var j = i + 1
                while j < s.count, s[j] != "]" { j += s[j] == "\\" ? 2 : 1 }
                guard j < s.count else { return nil }
                alternatives[alternatives.count - 1] += s[i ... j]
                i = j + 1
                continue
            }
            if c == ")" && depth == 0 { return (alternatives, i) }
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if c == "|" && depth == 0 { alternatives.append([]) } else { alternatives[alternatives.count - 1].append(c) }
            i += 1
        }
        return nil
    }

    /// The literal characters a pattern piece starts with, as UTF-8; a character made optional
    /// by a following `?`, `*` or `{` is not part of it.
    static func literalPrefix(_ piece: ArraySlice<Unicode.Scalar>) -> [UInt8] {
        // Written as UTF-8 as it is read (a String's scalars cost more than the reading), with
        // where its last character starts.
        var literal: [UInt8] = [], lastStart = 0
        func append(_ c: Unicode.Scalar) {
            lastStart = literal.count
            UTF8Bytes.append(c.value, to: &literal)
        }
        var i = piece.startIndex
        while i < piece.endIndex {
            // An escaped punctuation mark is itself (`\.`, `\[`).
            if piece[i] == "\\", i + 1 < piece.endIndex, isEscapedLiteral(piece[i + 1]) {
                if i + 2 < piece.endIndex, optionalMarks.contains(piece[i + 2]) { break }
                append(piece[i + 1])
                i += 2
                continue
            }
            guard !metacharacters.contains(piece[i]) else { break }
            append(piece[i])
            i += 1
        }
        if i < piece.endIndex, optionalMarks.contains(piece[i]), !literal.isEmpty { literal.removeSubrange(lastStart...) }
        return literal
    }

    /// A line's opening as one bit of 64: a hash of its first three bytes (all bits for a shorter
    /// line). Han openings share their first byte (most rules and most lines start with E4–E9),
    /// not their first character: a rule whose `openingBits` lack the line's bit cannot take it.
    @inline(__always)
    static func openingBit(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard p.count >= 3 else { return ~0 }
        return openingBit(UInt32(p[0]) | UInt32(p[1]) << 8 | UInt32(p[2]) << 16)
    }

    @inline(__always)
    private static func openingBit(_ firstThree: UInt32) -> UInt64 {
        1 << ((UInt64(firstThree) &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }

    /// The opening bits of the lines `prefixes` allow: every bit when there is none, or when a
    /// prefix is shorter than three bytes.
    static func openingBits(of prefixes: [[UInt8]]?) -> UInt64 {
        guard let prefixes else { return ~0 }
        return prefixes.reduce(0) { bits, prefix in
            prefix.count < 3 ? ~0 : bits | openingBit(UInt32(prefix[0]) | UInt32(prefix[1]) << 8 | UInt32(prefix[2]) << 16)
        }
    }

    /// The ASCII bytes a line may hold, read off a pattern `^…$` built of ASCII pieces only: `\d`,
    /// `\s`, ASCII literals, classes of them (ranges allowed), groups, `|` inside them and
    /// quantifiers (`^\d{1,8}$`, a bare date `^\d{4}[-/.]\d{1,2}…$`); nil for anything else (`.`,
    /// `\S`, a negated class, a lookaround, an option, a non-ASCII literal, `\n`), which is always
    /// safe. As two 64-bit words (bytes 0–63, 64–127); line terminators, which `$` may stand
    /// before, are in it.
    static func asciiAlphabet(of pattern: String) -> (UInt64, UInt64)? {
        let s = scalars(of: pattern)
        guard s.count >= 3, s[0] == "^", s[s.count - 1] == "$", s[s.count - 2] != "\\", !hasTopLevelAlternation(s) else { return nil }
        var set: (UInt64, UInt64) = (0, 0)
        func add(_ c: Unicode.Scalar) { if c.value < 64 { set.0 |= 1 << c.value } else { set.1 |= 1 << (c.value - 64) } }
        func addClass(_ c: Unicode.Scalar) -> Bool {
            switch c {
            case "d": for d in 0x30 ... 0x39 { add(Unicode.Scalar(UInt8(d))) }
            case "s": for w in [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20] { add(Unicode.Scalar(UInt8(w))) }
            default:
                guard isEscapedLiteral(c) else { return false }
                add(c)
            }
            return true
        }
        for t in [0x0A, 0x0B, 0x0C, 0x0D] { add(Unicode.Scalar(UInt8(t))) }
        var i = 1
        let end = s.count - 1
        while i < end {
            let c = s[i]
            guard c.isASCII else { return nil }
            switch c {
            case "\\":
                guard i + 1 < end, addClass(s[i + 1]) else { return nil }
                i += 2
            case "[":
                guard i + 1 < end, s[i + 1] != "^" else { return nil }
                var j = i + 1
                while j < end, s[j] != "]" {
                    if s[j] == "\\" {
                        guard j + 1 < end, addClass(s[j + 1]) else { return nil }
                        j += 2
                    } else if j + 2 < end, s[j + 1] == "-", s[j + 2] != "]" {
                        // A range of plain ASCII characters (`0-9`).
                        guard s[j].isASCII, s[j + 2].isASCII, s[j] != "[", s[j + 2] != "\\", s[j + 2] != "[", s[j].value <= s[j + 2].value else { return nil }
                        for v in s[j].value ... s[j + 2].value { add(Unicode.Scalar(UInt8(v))) }
                        j += 3
                    } else {
                        guard s[j].isASCII, s[j] != "[" else { return nil }
                        add(s[j])
                        j += 1
                    }
                }
                guard j < end else { return nil }
                i = j + 1
            case "(":
                // A plain or non-capturing group; any other `(?` (a lookaround, an option) is not read.
                if i + 1 < end, s[i + 1] == "?" {
                    guard i + 2 < end, s[i + 2] == ":" else { return nil }
                    i += 3
                } else { i += 1 }
            case ")", "|", "?", "*", "+": i += 1
            case "{":
                i += 1
                while i < end, s[i] != "}" {
                    guard ("0" ... "9").contains(s[i]) || s[i] == "," else { return nil }
                    i += 1
                }
                guard i < end else { return nil }
                i += 1
            case ".", "^", "$", "]", "}": return nil
            default:
                add(c)
                i += 1
            }
        }
        return set
    }

    /// Whether `p` may match a pattern whose `asciiAlphabet` is `alphabet`: every ASCII byte of
    /// it in the alphabet, and no Han character (a lead byte E4–E9, U+4000–U+9FFF: no `\d` or `\s`
    /// character lies there). Other characters are left to the regex (full-width digits are `\d`).
    @inline(__always)
    static func holdsOnly(_ p: UnsafeBufferPointer<UInt8>, _ alphabet: (UInt64, UInt64)) -> Bool {
        for b in p {
            if b < 64 {
                if alphabet.0 & (1 << b) == 0 { return false }
            } else if b < 128 {
                if alphabet.1 & (1 << (b - 64)) == 0 { return false }
            } else if b &- 0xE4 < 6 { return false }
        }
        return true
    }

    /// The bytes a matching line's first bytes may be, one set a byte, read off a pattern's fixed
    /// opening: after `^`, digits (`\d`, `\d{4}`), literals and classes of plain characters
    /// (`[-/.]`, ASCII ranges, `\d`), each not optional; a quantifier with a minimum takes that many
    /// and ends the opening, as does a class holding a wider character (its first byte) or
    /// anything else. `wide`: the bytes where a `\d` stands, which a wider digit (full-width) may
    /// start: a line with a byte ≥ 0x80 there is left to the regex. Nil for fewer than two bytes.
    static func fixedOpening(of pattern: String) -> (bytes: [BoilerplateRules.FirstByteSet], wide: UInt64)? {
        let s = scalars(of: pattern)
        // (`^ab|cd`: the opening binds one alternative only.)
        guard s.first == "^", !hasTopLevelAlternation(s) else { return nil }
        var bytes: [BoilerplateRules.FirstByteSet] = [], wide: UInt64 = 0
        var i = 1
        reading: while i < s.count, bytes.count < 64 {
            var set = BoilerplateRules.FirstByteSet(), isDigit = false, literal: [UInt8]? = nil, next = i + 1
            switch s[i] {
            case "\\":
                guard i + 1 < s.count else { break reading }
                if s[i + 1] == "d" {
                    for d in UInt8(0x30) ... 0x39 { set.insert(d) }
                    isDigit = true
                } else if isEscapedLiteral(s[i + 1]) {
                    literal = [UInt8(s[i + 1].value)]
                } else { break reading }
                next = i + 2
            case "[":
                guard let close = s[i...].firstIndex(of: "]"), close > i + 1, s[i + 1] != "^" else { break reading }
                var j = i + 1, ends = false
                while j < close {
                    let c = s[j]
                    if c == "\\" {
                        guard j + 1 < close else { break reading }
                        if s[j + 1] == "d" {
                            for d in UInt8(0x30) ... 0x39 { set.insert(d) }
                            isDigit = true
                        } else if isEscapedLiteral(s[j + 1]) { set.insert(UInt8(s[j + 1].value)) } else { break reading }
                        j += 2
                    } else if j + 2 < close, s[j + 1] == "-" {
                        guard c.isASCII, s[j + 2].isASCII, c.value <= s[j + 2].value, c != "\\", s[j + 2] != "\\" else { break reading }
                        for v in c.value ... s[j + 2].value { set.insert(UInt8(v)) }
                        j += 3
                    } else {
                        guard c != "[" else { break reading }
                        // A wider character: its first byte, and the opening ends here (widths differ).
                        set.insert(Array(String(c).utf8)[0])
                        if !c.isASCII { ends = true }
                        j += 1
                    }
                }
                next = close + 1
                if ends {
                    guard next >= s.count || !optionalMarks.contains(s[next]) && s[next] != "+" else { break reading }
                    bytes.append(set)
                    if isDigit { wide |= 1 << (bytes.count - 1) }
                    break reading
                }
            default:
                guard !metacharacters.contains(s[i]) else { break reading }
                literal = Array(String(s[i]).utf8)
            }
            // Its count: once, or a quantifier's minimum (then the opening ends).
            var count = 1, last = false
            if next < s.count {
                switch s[next] {
                case "?", "*": break reading
                case "+": last = true
                case "{":
                    var k = next + 1, n = 0
                    while k < s.count, ("0" ... "9").contains(s[k]) { n = n * 10 + Int(s[k].value - 0x30); k += 1 }
                    guard k < s.count, n > 0 else { break reading }
                    count = n
                    last = s[k] != "}"
                    next = s[k] == "}" ? k + 1 : next
                default: break
                }
            }
            for _ in 0 ..< count {
                if let literal {
                    for b in literal {
                        var one = BoilerplateRules.FirstByteSet()
                        one.insert(b)
                        bytes.append(one)
                    }
                } else {
                    bytes.append(set)
                    if isDigit { wide |= 1 << (bytes.count - 1) }
                }
            }
            if last { break reading }
            i = next
        }
        let fitting = bytes.prefix(64)
        return fitting.count >= 2 ? (Array(fitting), wide) : nil
    }

    /// Whether `p` opens as `opening` (`fixedOpening`) allows.
    @inline(__always)
    static func opensAs(_ p: UnsafeBufferPointer<UInt8>, _ opening: (bytes: [BoilerplateRules.FirstByteSet], wide: UInt64)) -> Bool {
        for (k, set) in opening.bytes.enumerated() {
            guard k < p.count else { return false }
            if set.contains(p[k]) { continue }
            return p[k] >= 0x80 && opening.wide & (1 << k) != 0
        }
        return true
    }

    @inline(__always)
    static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard prefix.count <= p.count else { return false }
        for k in prefix.indices where p[k] != prefix[k] { return false }
        return true
    }
}
