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
        // Into four words on the stack, indexed without checks or branches: the inline array's
        // checked subscripts cost more than the hashing (every short line of every document is
        // signed).
        guard let base = p.baseAddress, p.count > 1 else { return }
        let (w0, w1, w2, w3) = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4) { w in
            w.initialize(repeating: 0)
            var previous = UInt32(base[0])
            for i in 1 ..< p.count {
                let b = UInt32(base[i])
                let bit = Self.bit(previous, b)
                w[bit >> 6] |= UInt64(1) << UInt64(bit & 63)
                previous = b
            }
            return (w[0], w[1], w[2], w[3])
        }
        words[0] = w0
        words[1] = w1
        words[2] = w2
        words[3] = w3
    }

    /// Which of the 256 bits the pair `a b` sets.
    @inline(__always)
    private static func bit(_ a: UInt32, _ b: UInt32) -> Int {
        Int(((a << 8 | b) &* 0x9E37_79B1) >> 24)
    }

    /// The signature of the byte pairs inside each of `literals` (none across two of them).
    init(literals: [[UInt8]]) {
        for literal in literals where literal.count > 1 {
            for i in 1 ..< literal.count { insert(literal[i - 1], literal[i]) }
        }
    }

    @inline(__always)
    private mutating func insert(_ a: UInt8, _ b: UInt8) {
        let bit = Self.bit(UInt32(a), UInt32(b))
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
