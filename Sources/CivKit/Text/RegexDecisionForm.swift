/// A pattern that matches somewhere in a text exactly when another does, and that ICU decides
/// faster: for callers that ask only whether a line matches, not where the match ends.
///
/// Two rewrites keep the answer: a part at the pattern's end that may match nothing (`(…)?`,
/// `\s*`, `[：:]?`) is dropped, since whatever precedes it matching is enough; a greedy run of any
/// characters or any but spaces (`.{0,40}`, `\S{2,24}`) is made lazy (`.{0,40}?`), since
/// backtracking still tries every length (greediness picks which match is found first, not
/// whether one is). (Runs of other classes stay greedy: lazy, some cost ICU more.) On v7's
/// lines the copyright row's tail `(.{0,80}?(?i:all rights reserved)\.?)?` cost ICU some 11
/// thousand instructions a line, spent on where the match ends; the dated byline's greedy
/// `.{0,40}(来源|…)` 14 thousand, lazy 4 thousand.
/// Anything this reader does not know (`\Q`, `\x41`, back references, free spacing, atomic
/// groups, possessive quantifiers) leaves the pattern as it is.
enum RegexDecisionForm {
    /// `pattern`'s deciding form: `pattern` itself where nothing can be dropped or made lazy.
    static func pattern(of pattern: String) -> String {
        // (Read at every start-up for some 250 rows: most end with what they require and hold no
        // quantified dot, seen in one pass without a copy.)
        guard mayRewrite(pattern) else { return pattern }
        let bytes = Array(pattern.utf8)
        guard let items = items(bytes) else { return pattern }
        var form = withoutOptionalTail(bytes, items)
        if !mayHoldPossessive(form) { form = lazyRuns(form) }
        return form == bytes ? pattern : String(decoding: form, as: UTF8.self)
    }

    /// Whether `pattern` ends with a quantifier that allows nothing or holds a `.` or `\S`
    /// followed by a quantifier: else neither rewrite applies.
    static func mayRewrite(_ pattern: String) -> Bool {
        var pattern = pattern
        return pattern.withUTF8 { p in
            guard let base = p.baseAddress, p.count > 1 else { return false }
            let last = base[p.count - 1]
            if last == UInt8(ascii: "?") || last == UInt8(ascii: "*") { return true }
            // (`{0,n}` at the end; `{2,8}` is required.)
            if last == UInt8(ascii: "}"), let open = p.lastIndex(of: UInt8(ascii: "{")), open + 1 < p.count, base[open + 1] == 0x30 { return true }
            for i in 1 ..< p.count where base[i].isQuantifierStart && (base[i - 1] == UInt8(ascii: ".") || base[i - 1] == UInt8(ascii: "S")) { return true }
            return false
        }
    }

    /// One top-level piece of a pattern: an atom and its quantifier (`start ..< end`), or a `|`.
    struct Item: Equatable {
        var start: Int
        var end: Int
        /// The quantifier lets the atom match nothing (`?`, `*`, `{0,n}`).
        var mayBeAbsent: Bool
        var isBar: Bool
    }

    /// The top-level pieces of `p`, or nil where it holds what this reader does not know.
    static func items(_ p: [UInt8]) -> [Item]? {
        var out: [Item] = []
        var i = 0
        while i < p.count {
            if p[i] == UInt8(ascii: "|") {
                out.append(Item(start: i, end: i + 1, mayBeAbsent: false, isBar: true))
                i += 1
                continue
            }
            guard let atomEnd = atomEnd(p, i) else { return nil }
            guard let (end, mayBeAbsent) = quantifier(p, atomEnd) else { return nil }
            out.append(Item(start: i, end: end, mayBeAbsent: mayBeAbsent, isBar: false))
            i = end
        }
        return out
    }

    /// `p` without the pieces at its end that may match nothing; as it is when `|` stands at its
    /// top level (the last alternative could become empty).
    static func withoutOptionalTail(_ p: [UInt8], _ items: [Item]) -> [UInt8] {
        guard !items.contains(where: \.isBar) else { return p }
        var end = items.count
        while end > 0, items[end - 1].mayBeAbsent { end -= 1 }
        return end == items.count ? p : Array(p[..<(end == 0 ? 0 : items[end - 1].end)])
    }

    /// `p` with each greedy quantified `.` or `\S` (`.{0,40}`, `.*`, `\S{2,24}`) made lazy.
    static func lazyRuns(_ p: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(p.count + 4)
        var i = 0, classDepth = 0
        // The quantifier at `i`, if any, copied and marked lazy. (`{n}`, one count, has no
        // greediness; one already lazy or possessive stays.)
        func makeLazy() {
            guard let (end, _, ranges) = counting(p, i), end > i else { return }
            out.append(contentsOf: p[i ..< end])
            i = end
            if ranges, !(i < p.count && (p[i] == UInt8(ascii: "?") || p[i] == UInt8(ascii: "+"))) { out.append(UInt8(ascii: "?")) }
        }
        while i < p.count {
            let b = p[i]
            out.append(b)
            i += 1
            switch b {
            case UInt8(ascii: "\\"):
                guard i < p.count else { continue }
                out.append(p[i])
                i += 1
                if p[i - 1] == UInt8(ascii: "S"), classDepth == 0 { makeLazy() }
            case UInt8(ascii: "["): classDepth += 1
            case UInt8(ascii: "]") where classDepth > 0: classDepth -= 1
            case UInt8(ascii: ".") where classDepth == 0: makeLazy()
            default: break
            }
        }
        return out
    }

    /// Whether `p` may hold an atomic group or a possessive quantifier (`(?>`, `*+`, `?+`, `}+`,
    /// `++`), whose first choice is final: there greediness decides whether a match is found.
    static func mayHoldPossessive(_ p: [UInt8]) -> Bool {
        var i = 0, classDepth = 0
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "\\") { i += 2; continue }
            if b == UInt8(ascii: "[") { classDepth += 1 } else if b == UInt8(ascii: "]"), classDepth > 0 { classDepth -= 1 }
            if classDepth == 0, i + 1 < p.count {
                if b == UInt8(ascii: "("), p[i + 1] == UInt8(ascii: "?"), i + 2 < p.count, p[i + 2] == UInt8(ascii: ">") { return true }
                if b.isQuantifierEnd, p[i + 1] == UInt8(ascii: "+") { return true }
            }
            i += 1
        }
        return false
    }

    /// Where the atom at `i` ends: an escape, a class, a group, one character; nil for what this
    /// reader does not know.
    static func atomEnd(_ p: [UInt8], _ i: Int) -> Int? {
        let b = p[i]
        switch b {
        case UInt8(ascii: "\\"):
            guard i + 1 < p.count else { return nil }
            let c = p[i + 1]
            switch c {
            case UInt8(ascii: "p"), UInt8(ascii: "P"), UInt8(ascii: "N"), UInt8(ascii: "x"):
                guard i + 2 < p.count, p[i + 2] == UInt8(ascii: "{"), let close = p[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) else { return nil }
                return close + 1
            // (Quoting, code units, controls, octal and back references: not read.)
            case UInt8(ascii: "Q"), UInt8(ascii: "E"), UInt8(ascii: "u"), UInt8(ascii: "U"), UInt8(ascii: "c"), 0x30 ... 0x39: return nil
            default: return c < 0x80 ? i + 2 : scalarEnd(p, i + 1)
            }
        case UInt8(ascii: "["):
            var j = i + 1
            if j < p.count, p[j] == UInt8(ascii: "^") { j += 1 }
            if j < p.count, p[j] == UInt8(ascii: "]") { return nil }
            return closingEnd(p, from: j, open: b, close: UInt8(ascii: "]"))
        case UInt8(ascii: "("):
            // (Comments and free spacing change how the rest reads.)
            if i + 2 < p.count, p[i + 1] == UInt8(ascii: "?") {
                var k = i + 2
                while k < p.count, p[k].isASCIILetterOrMinus { if p[k] == UInt8(ascii: "x") { return nil }; k += 1 }
                if p[i + 2] == UInt8(ascii: "#") { return nil }
            }
            return closingEnd(p, from: i + 1, open: b, close: UInt8(ascii: ")"))
        case UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"), UInt8(ascii: "{"): return nil
        default:
            return b < 0x80 ? i + 1 : scalarEnd(p, i)
        }
    }

    /// Past the `close` that ends a class or group opened before `start` (`open` nested in it
    /// counted, escapes skipped, a class inside a group read whole); nil when none does.
    static func closingEnd(_ p: [UInt8], from start: Int, open: UInt8, close: UInt8) -> Int? {
        var j = start, depth = 1
        while j < p.count {
            let c = p[j]
            if c == UInt8(ascii: "\\") {
                j += 2
                continue
            }
            if c == UInt8(ascii: "["), open == UInt8(ascii: "(") {
                guard let end = atomEnd(p, j) else { return nil }
                j = end
                continue
            }
            if c == open {
                depth += 1
            } else if c == close {
                depth -= 1
                if depth == 0 { return j + 1 }
            }
            j += 1
        }
        return nil
    }

    /// The end of the UTF-8 character whose lead byte is at `i`.
    static func scalarEnd(_ p: [UInt8], _ i: Int) -> Int? {
        let b = p[i]
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0
        return length == 0 || i + length > p.count ? nil : i + length
    }

    /// The quantifier at `i` (none: `i` itself), with a lazy or possessive mark after it: where it
    /// ends and whether it lets its atom match nothing; nil for a `{` that is no count.
    static func quantifier(_ p: [UInt8], _ i: Int) -> (end: Int, mayBeAbsent: Bool)? {
        guard let (counted, mayBeAbsent, _) = counting(p, i) else { return nil }
        var end = counted
        if end > i, end < p.count, p[end] == UInt8(ascii: "?") || p[end] == UInt8(ascii: "+") { end += 1 }
        return (end, mayBeAbsent)
    }

    /// The quantifier at `i` without its mark: where it ends, whether it lets its atom match
    /// nothing, and whether it allows more than one count (all but `{n}`); nil for a `{` that is no count.
    static func counting(_ p: [UInt8], _ i: Int) -> (end: Int, mayBeAbsent: Bool, ranges: Bool)? {
        guard i < p.count else { return (i, false, false) }
        switch p[i] {
        case UInt8(ascii: "?"), UInt8(ascii: "*"): return (i + 1, true, true)
        case UInt8(ascii: "+"): return (i + 1, false, true)
        case UInt8(ascii: "{"):
            var j = i + 1
            let minStart = j
            while j < p.count, (0x30 ... 0x39).contains(p[j]) { j += 1 }
            guard j > minStart, j < p.count else { return nil }
            let mayBeAbsent = p[minStart ..< j].allSatisfy { $0 == 0x30 }
            var ranges = false
            if p[j] == UInt8(ascii: ",") {
                ranges = true
                j += 1
                while j < p.count, (0x30 ... 0x39).contains(p[j]) { j += 1 }
            }
            guard j < p.count, p[j] == UInt8(ascii: "}") else { return nil }
            return (j + 1, mayBeAbsent, ranges)
        default:
            return (i, false, false)
        }
    }
}

private extension UInt8 {
    var isASCIILetterOrMinus: Bool { (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A || self == 0x2D }
    /// `*`, `+`, `?` or `}`: a quantifier's last byte.
    var isQuantifierEnd: Bool { self == 0x2A || self == 0x2B || self == 0x3F || self == 0x7D }
    /// `*`, `+`, `?` or `{`: a quantifier's first byte.
    var isQuantifierStart: Bool { self == 0x2A || self == 0x2B || self == 0x3F || self == 0x7B }
}
