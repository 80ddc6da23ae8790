/// A set of characters of the Basic Multilingual Plane as a bit set (8 KiB): membership without
/// hashing. Characters outside the plane are never members.
struct ScalarSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)

    init(_ characters: String) {
        for c in characters.unicodeScalars { insert(c) }
    }

    mutating func insert(_ c: Unicode.Scalar) {
        precondition(c.value < 0x10000, "ScalarSet holds characters of the BMP only")
        bits[Int(c.value >> 6)] |= 1 << UInt64(c.value & 63)
    }

    @inline(__always) func contains(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x10000 && bits[Int(c.value >> 6)] & (1 << UInt64(c.value & 63)) != 0
    }

    /// Calls `body` with each member, in scalar order.
    func forEach(_ body: (Unicode.Scalar) -> Void) {
        for (w, word) in bits.enumerated() where word != 0 {
            for b in 0 ..< 64 where word & (1 << UInt64(b)) != 0 { body(Unicode.Scalar(UInt32(w << 6 | b))!) }
        }
    }
}

/// The first characters and the first pairs of characters (hashed into bits) of a lexicon's words
/// of two or more characters: a span that begins otherwise is no such word (no false negatives).
/// For the small lexicons (the domain's, the user's), whose searches the segmenter would otherwise
/// make at nearly every token. Pairs, not first and second characters apart: with the division
/// names, nearly every pair of a line had a listed first and a listed second character.
struct WordStarts: Sendable {
    private var firsts = ScalarSet("")
    private var pairs = [UInt64](repeating: 0, count: 1024)
    /// A word begins with a character outside the Basic Multilingual Plane: every span may.
    private var any = false

    init() {}

    init(_ lexicon: Lexicon) {
        for length in stride(from: 2, through: lexicon.maxWordLength, by: 1) {
            lexicon.forEachWordStart(length: length) { a, b in
                let first = lexicon.scalar(code: a), second = lexicon.scalar(code: b)
                if first.value < 0x10000, second.value < 0x10000 {
                    firsts.insert(first)
                    let h = Self.pair(first, second)
                    pairs[h >> 6] |= 1 << UInt64(h & 63)
                } else {
                    any = true
                }
            }
        }
    }

    @inline(__always) func mayBegin(_ first: Unicode.Scalar) -> Bool { any || firsts.contains(first) }

    /// A word begins with a character outside the Basic Multilingual Plane (every span may begin one).
    var startsAnywhere: Bool { any }

    /// Calls `body` with each first character (of the Basic Multilingual Plane).
    func forEachFirst(_ body: (Unicode.Scalar) -> Void) { firsts.forEach(body) }

    @inline(__always) func mayStart(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        guard !any else { return true }
        guard firsts.contains(first) else { return false }
        let h = Self.pair(first, second)
        return pairs[h >> 6] & (1 << UInt64(h & 63)) != 0
    }

    /// A pair hashed into 16 bits.
    @inline(__always) static func pair(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Int {
        Int((first.value &* 0x9E37_79B1 ^ second.value &* 0x85EB_CA6B) >> 16)
    }
}
