/// Reads off a boilerplate pattern what a matching line must start with, so that the regex runs
/// only on the few lines that do. Swift's Regex costs microseconds a call even when it fails at
/// the first character, and the rules are tried on every line.
///
/// Understood: `^` then a literal, `^\d`, or `^(alt|alt|…)` whose alternatives each begin with a
/// literal. Anything else gives nil (no prefilter), which is always safe.
enum RulePrefilter {
    static let metacharacters = Set("\\.[](){}*+?|^$".unicodeScalars)

    static func requiredPrefixes(of pattern: String) -> [[UInt8]]? {
        let s = Array(pattern.unicodeScalars)
        guard s.first == "^", s.count > 1 else { return nil }
        if s[1] == "\\", s.count > 2, s[2] == "d" {
            // `\d*`, `\d?` and `\d{0,…}` may match nothing.
            if s.count > 3, "?*{".unicodeScalars.contains(s[3]) { return nil }
            return (0x30 ... 0x39).map { [UInt8($0)] }
        }
        if s[1] == "(" {
            // The group's alternatives, up to its `)`; nested groups or classes: give up.
            var alternatives: [[Unicode.Scalar]] = [[]]
            var i = 2
            while i < s.count, s[i] != ")" {
                if s[i] == "(" || s[i] == "[" { return nil }
                if s[i] == "|" { alternatives.append([]) } else { alternatives[alternatives.count - 1].append(s[i]) }
                if s[i] == "\\" && i + 1 < s.count { alternatives[alternatives.count - 1].append(s[i + 1]); i += 1 }
                i += 1
            }
            // An optional or repeated group may match nothing.
            guard i < s.count, !(i + 1 < s.count && "?*{".unicodeScalars.contains(s[i + 1])) else { return nil }
            let prefixes = alternatives.map { literalPrefix($0[...]) }
            return prefixes.contains(where: \.isEmpty) ? nil : prefixes
        }
        let prefix = literalPrefix(s[1...])
        return prefix.isEmpty ? nil : [prefix]
    }

    /// The literal characters a pattern piece starts with, as UTF-8; a character made optional
    /// by a following `?`, `*` or `{` is not part of it.
    static func literalPrefix(_ piece: ArraySlice<Unicode.Scalar>) -> [UInt8] {
        var literal = String.UnicodeScalarView()
        var i = piece.startIndex
        while i < piece.endIndex, !metacharacters.contains(piece[i]) {
            literal.append(piece[i])
            i += 1
        }
        if i < piece.endIndex, "?*{".unicodeScalars.contains(piece[i]), !literal.isEmpty { literal.removeLast() }
        return Array(String(literal).utf8)
    }

    @inline(__always)
    static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard prefix.count <= p.count else { return false }
        for k in prefix.indices where p[k] != prefix[k] { return false }
        return true
    }
}
