/// The scalars a text holds, hashed into 256 bits: a cheap test, before any byte search, that a
/// line cannot hold all of a rule's keywords (a keyword's scalars must all have their bits set).
/// Boilerplate rules are tried on every short line, and a memchr per keyword per rule cost more
/// than the rules' regexes once the rules were many.
struct ScalarSignature: Equatable, Sendable {
    private var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0

    init() {}

    /// The signature of every scalar of `p` (UTF-8; a stray byte counts as itself).
    init(_ p: UnsafeBufferPointer<UInt8>) {
        var i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            insert(v == 0xFFFD && length == 1 ? UInt32(p[i]) : v)
            i += length
        }
    }

    init(_ text: String) {
        for s in text.unicodeScalars { insert(s.value) }
    }

    @inline(__always)
    private mutating func insert(_ v: UInt32) {
        let bit = Int((v &* 0x9E37_79B1) >> 24)
        let mask = UInt64(1) << UInt64(bit & 63)
        switch bit >> 6 {
        case 0: w0 |= mask
        case 1: w1 |= mask
        case 2: w2 |= mask
        default: w3 |= mask
        }
    }

    /// True when every bit of `other` is set here.
    @inline(__always)
    func covers(_ other: ScalarSignature) -> Bool {
        w0 & other.w0 == other.w0 && w1 & other.w1 == other.w1 && w2 & other.w2 == other.w2 && w3 & other.w3 == other.w3
    }
}
