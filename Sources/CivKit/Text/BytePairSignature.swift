/// The adjacent byte pairs a text holds, hashed into 256 bits: a cheap test, before any byte
/// search, that a line cannot hold all of a rule's keywords (every pair of a keyword's bytes must
/// have its bit set). Boilerplate rules are tried on every short line, and a memchr per keyword
/// per rule cost more than the rules' regexes once the rules were many. Pairs of bytes, not
/// scalars: no decoding, and UTF-8's lead and continuation bytes pair up as characters do.
struct BytePairSignature: Equatable, Sendable {
    private var words = InlineArray<4, UInt64>(repeating: 0)

    init() {}

    /// The signature of the byte pairs of `p`.
    init(_ p: UnsafeBufferPointer<UInt8>) {
        guard var previous = p.first else { return }
        for b in p.dropFirst() {
            insert(previous, b)
            previous = b
        }
    }

    /// The signature of the byte pairs inside each of `literals` (none across two of them).
    init(literals: [[UInt8]]) {
        for literal in literals where literal.count > 1 {
            for i in 1 ..< literal.count { insert(literal[i - 1], literal[i]) }
        }
    }

    @inline(__always)
    private mutating func insert(_ a: UInt8, _ b: UInt8) {
        let bit = Int(((UInt32(a) << 8 | UInt32(b)) &* 0x9E37_79B1) >> 24)
        words[bit >> 6] |= UInt64(1) << UInt64(bit & 63)
    }

    /// True when every bit of `other` is set here.
    @inline(__always)
    func covers(_ other: BytePairSignature) -> Bool {
        words[0] & other.words[0] == other.words[0] && words[1] & other.words[1] == other.words[1]
            && words[2] & other.words[2] == other.words[2] && words[3] & other.words[3] == other.words[3]
    }

    static func == (a: BytePairSignature, b: BytePairSignature) -> Bool {
        (0 ..< 4).allSatisfy { a.words[$0] == b.words[$0] }
    }
}
