/// One literal rule of a transliterator: where `key` matches, `value` replaces it.
public struct TransliterationRule: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    public var description: String { "\(key) > \(value);" }

    // Byte for byte: String's == would take canonically equivalent spellings as equal.
    public static func == (a: Self, b: Self) -> Bool { a.key.utf8.elementsEqual(b.key.utf8) && a.value.utf8.elementsEqual(b.value.utf8) }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Array(key.utf8))
        hasher.combine(Array(value.utf8))
    }
}

/// Reads ICU transliteration rules of the literal kind (`KEY > VALUE;`, with quoted or escaped
/// characters), as `utrans_toRules` writes them for ICU's Traditional-Simplified. Anything a
/// table of literal rules cannot hold (contexts, sets, variables, `::` IDs, cursors, reverse or
/// two-way rules) is an error, never skipped: the fast converter would not reproduce it.
/// `scripts/generate-t2s-table` has a C twin of this parser; the tests compare the two.
public enum TransliterationRules {
    public struct SyntaxError: Error, CustomStringConvertible, Equatable {
        public var rule: Int
        public var message: String
        public var near: String
        public var description: String { "rule \(rule): \(message) near \"\(near)\"" }
    }

    public static func parse(_ text: String) throws -> [TransliterationRule] {
        let scalars = Array(text.unicodeScalars)
        var pos = 0
        var rules: [TransliterationRule] = []

        func fail(_ message: String) -> SyntaxError {
            let from = max(0, pos - 20), to = min(scalars.count, pos + 20)
            var near = String.UnicodeScalarView()
            near.append(contentsOf: scalars[from..<to])
            return SyntaxError(rule: rules.count + 1, message: message, near: String(near))
        }
        func next() throws -> Unicode.Scalar {
            guard pos < scalars.count else { throw fail("unexpected end of the rules") }
            defer { pos += 1 }
            return scalars[pos]
        }
        func isRuleSpace(_ c: Unicode.Scalar) -> Bool {
            switch c.value {
            case 0x09...0x0D, 0x20, 0x85, 0x200E, 0x200F, 0x2028, 0x2029: return true
            default: return false
            }
        }
        func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
            switch c.value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
            default: return false
            }
        }
        func hexValue(_ c: Unicode.Scalar) -> UInt32? {
            switch c.value {
            case 0x30...0x39: return c.value - 0x30
            case 0x41...0x46: return c.value - 0x41 + 10
            case 0x61...0x66: return c.value - 0x61 + 10
            default: return nil
            }
        }
        func hex(_ count: Int) throws -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<count {
                guard let h = hexValue(try next()) else { throw fail("bad hex digit in a \\u, \\U or \\x escape") }
                value = value &* 16 &+ h
            }
            return value
        }
        func escape() throws -> Unicode.Scalar {
            let c = try next()
            let value: UInt32
            switch c {
            case "u": value = try hex(4)
            case "U": value = try hex(8)
            case "x":
                if pos < scalars.count, scalars[pos] == "{" {
                    pos += 1
                    var v: UInt32 = 0, digits = 0
                    while true {
                        let d = try next()
                        if d == "}" { break }
                        guard let h = hexValue(d), digits < 6 else { throw fail("bad \\x{...} escape") }
                        v = v * 16 + h
                        digits += 1
                    }
                    if digits == 0 { throw fail("empty \\x{} escape") }
                    value = v
                } else {
                    value = try hex(2)
                }
            default:
                if isASCIIAlphanumeric(c) { throw fail("unsupported escape (\\ before a letter or digit other than u, U, x)") }
                value = c.value
            }
            guard let scalar = Unicode.Scalar(value) else { throw fail("escape gives no Unicode scalar value") }
            return scalar
        }
        /// One side of a rule, up to the unquoted `stop`, as literal text.
        func side(until stop: Unicode.Scalar) throws -> String {
            var out = String.UnicodeScalarView()
            while true {
                var c = try next()
                if c == stop { break }
                if isRuleSpace(c) { continue }
                if c == "\\" {
                    c = try escape()
                } else if c == "'" {
                    if pos < scalars.count, scalars[pos] == "'" {
                        pos += 1
                    } else {
                        // A quoted run: literal up to the closing quote; '' inside is a quote.
                        while true {
                            let q = try next()
                            if q == "'" {
                                if pos < scalars.count, scalars[pos] == "'" { pos += 1 } else { break }
                            }
                            out.append(q)
                        }
                        continue
                    }
                } else if c.isASCII && !isASCIIAlphanumeric(c) {
                    throw fail("rule syntax that a literal table cannot hold")
                } else if c == "\u{2190}" || c == "\u{2192}" || c == "\u{2194}" {
                    throw fail("arrow operator where a literal was expected (reverse or two-way rule?)")
                }
                out.append(c)
            }
            return String(out)
        }

        while true {
            while pos < scalars.count, isRuleSpace(scalars[pos]) { pos += 1 }
            if pos >= scalars.count { break }
            let key = try side(until: ">")
            let value = try side(until: ";")
            if key.isEmpty { throw fail("empty key") }
            rules.append(TransliterationRule(key: key, value: value))
        }
        return rules
    }
}
