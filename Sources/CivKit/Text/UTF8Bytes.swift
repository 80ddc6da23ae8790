/// Scalar-level reading of UTF-8 bytes in a buffer, for the byte-level line repairs.
///
/// The repairs see decoded lines (valid UTF-8), but they are public units and must not trap on
/// any bytes: a byte that does not start a well-formed sequence reads as one scalar U+FFFD.
public enum UTF8Bytes {
    /// The scalar starting at `i` and its length in bytes.
    ///
    /// ASCII and well-formed three-byte characters (all of CJK) are read inline at the caller;
    /// anything else by a call. The compiler did not inline the whole decoder, and the call cost
    /// about as much as the decoding in the repairs' loops.
    @inlinable @inline(__always)
    public static func scalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 & 0xF0 == 0xE0, i + 2 < p.count {
            let b1 = UInt32(p[i + 1]), b2 = UInt32(p[i + 2])
            if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 {
                let v = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
                if v >= 0x800 && (v < 0xD800 || v > 0xDFFF) { return (v, 3) }
            }
        }
        return anyScalar(p, at: i)
    }

    /// `scalar(_:at:)` for any bytes.
    @inlinable @inline(never)
    public static func anyScalar(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = p.count
        if b0 >= 0xE0 && b0 < 0xF0 {
            if i + 2 < n {
                let b1 = UInt32(p[i + 1]), b2 = UInt32(p[i + 2])
                if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 {
                    let v = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
                    if v >= 0x800 && (v < 0xD800 || v > 0xDFFF) { return (v, 3) }
                }
            }
            return (0xFFFD, 1)
        }
        if b0 >= 0xC2 && b0 < 0xE0 {
            if i + 1 < n, p[i + 1] & 0xC0 == 0x80 { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
            return (0xFFFD, 1)
        }
        if b0 >= 0xF0 && b0 < 0xF5, i + 3 < n {
            let b1 = UInt32(p[i + 1]), b2 = UInt32(p[i + 2]), b3 = UInt32(p[i + 3])
            if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && b3 & 0xC0 == 0x80 {
                let v = (b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)
                if v >= 0x10000 && v <= 0x10FFFF { return (v, 4) }
            }
        }
        return (0xFFFD, 1)
    }

    /// A String of bytes known to be valid UTF-8 (a decoded line after the line repairs, which
    /// write valid UTF-8 from valid UTF-8), made without validating them again: that validation
    /// was most of a cleaned line's String's cost (13 instructions a byte of Chinese text, an
    /// allocation and a copy 1.5). Debug builds (the tests) still validate.
    static func string(ofValid bytes: [UInt8]) -> String {
        assert(String(validating: bytes, as: UTF8.self) != nil, "invalid UTF-8 given as valid")
        return String(copying: unsafe UTF8Span(unchecked: bytes.span))
    }

    /// The scalars of `p`, for repairs that work on scalars (rare lines: fragments, mojibake runs).
    public static func scalars(_ p: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] { scalars(p) { _, _ in } }

    /// `scalars(_:)`, each scalar's value and index also given to `noting` as it is read (the GBK
    /// repair notes its suspects so, instead of reading the line again for them).
    @inline(__always)
    static func scalars(_ p: UnsafeBufferPointer<UInt8>, noting: (_ value: UInt32, _ index: Int) -> Void) -> [Unicode.Scalar] {
        // Written through a pointer (no more scalars than bytes): appending checked the array's
        // capacity and uniqueness once a character. The values taken as scalars unchecked: a
        // well-formed three-byte sequence's is one, and `anyScalar` returns valid ones only (made
        // again, with overflow checks, this was ~40 instructions a Han character, and the GBK
        // repair reads most lines of Chinese prose so).
        Array(unsafeUninitializedCapacity: p.count) { out, count in
            guard let bytes = p.baseAddress, let scalars = out.baseAddress else { count = 0; return }
            let n = p.count
            var i = 0, k = 0
            while i < n {
                let b0 = UInt32(bytes[i])
                var v = b0, length = 1
                if b0 >= 0x80 {
                    (v, length) = (0, 0)
                    if b0 & 0xF0 == 0xE0, i &+ 2 < n {
                        let b1 = UInt32(bytes[i &+ 1]), b2 = UInt32(bytes[i &+ 2])
                        let three = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
                        if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, three >= 0x800, three & 0xF800 != 0xD800 { (v, length) = (three, 3) }
                    }
                    if length == 0 { (v, length) = anyScalar(p, at: i) }
                }
                (scalars + k).initialize(to: unsafeBitCast(v, to: Unicode.Scalar.self))
                noting(v, k)
                k &+= 1
                i &+= length
            }
            count = k
        }
    }

    /// The String of `scalars` (a fragment's letters, a reading), made from their UTF-8 in place:
    /// `String(String.UnicodeScalarView(slice))` appended them one by one, ~4,400 instructions
    /// for a fragment's few letters.
    public static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var n = 0
            for c in scalars { UTF8.encode(c) { buffer[n] = $0; n += 1 } }
            return n
        }
    }

    /// `scalars` as UTF-8 in `output`, which they replace.
    public static func write(_ scalars: [Unicode.Scalar], to output: inout [UInt8]) {
        // Room for the worst case, written through a pointer, the unused end dropped: appending
        // byte by byte checked the array's capacity and uniqueness three times a character.
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: repeatElement(0, count: scalars.count * 4))
        let written = output.withUnsafeMutableBufferPointer { out in
            var n = 0
            for c in scalars {
                let v = c.value
                switch v {
                case 0 ..< 0x80:
                    out[n] = UInt8(v); n += 1
                case 0x80 ..< 0x800:
                    out[n] = UInt8(0xC0 | v >> 6); out[n + 1] = UInt8(0x80 | v & 0x3F); n += 2
                case 0x800 ..< 0x10000:
                    out[n] = UInt8(0xE0 | v >> 12); out[n + 1] = UInt8(0x80 | v >> 6 & 0x3F); out[n + 2] = UInt8(0x80 | v & 0x3F); n += 3
                default:
                    out[n] = UInt8(0xF0 | v >> 18); out[n + 1] = UInt8(0x80 | v >> 12 & 0x3F)
                    out[n + 2] = UInt8(0x80 | v >> 6 & 0x3F); out[n + 3] = UInt8(0x80 | v & 0x3F); n += 4
                }
            }
            return n
        }
        output.removeLast(output.count - written)
    }

    /// The scalar ending just before `end` and its start index (ASCII and three-byte characters
    /// read inline, as `scalar(_:at:)` does).
    @inlinable @inline(__always)
    public static func scalar(_ p: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> (value: UInt32, start: Int) {
        if end >= 1, p[end - 1] < 0x80 { return (UInt32(p[end - 1]), end - 1) }
        if end >= 3, p[end - 3] & 0xF0 == 0xE0 {
            let (v, length) = scalar(p, at: end - 3)
            if length == 3 { return (v, end - 3) }
        }
        return anyScalar(p, endingAt: end)
    }

    /// `scalar(_:endingAt:)` for any bytes.
    @inlinable @inline(never)
    public static func anyScalar(_ p: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> (value: UInt32, start: Int) {
        var s = end - 1
        // Back over at most three continuation bytes to a lead byte.
        while s > 0, end - s < 4, p[s] & 0xC0 == 0x80 { s -= 1 }
        let (v, length) = scalar(p, at: s)
        if s + length == end { return (v, s) }
        return (0xFFFD, end - 1)
    }

    /// The nearest scalar that is not a space before `end`, or nil.
    @inlinable
    public static func previousNonSpace(_ p: UnsafeBufferPointer<UInt8>, before end: Int) -> UInt32? {
        var e = end
        while e > 0 {
            let (v, s) = scalar(p, endingAt: e)
            if !ScalarClass.isSpace(v) { return v }
            e = s
        }
        return nil
    }

    /// The nearest scalar that is not a space at or after `start`, with its index, or nil.
    @inlinable
    public static func nextNonSpace(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> (value: UInt32, index: Int)? {
        var i = start
        while i < p.count {
            let (v, length) = scalar(p, at: i)
            if !ScalarClass.isSpace(v) { return (v, i) }
            i += length
        }
        return nil
    }

    /// The first index at or after `start` holding an ASCII byte, or `p.count`. Chinese text is
    /// mostly multi-byte: eight bytes are tested at a time, and the repairs that act only on
    /// ASCII marks skip the Han between them.
    @inlinable
    public static func nextASCII(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = p.baseAddress else { return p.count }
        var i = start
        let raw = UnsafeRawPointer(base)
        while i + 8 <= p.count {
            // The first byte without its high bit is the word's lowest clear high bit.
            let ascii = ~raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080
            if ascii != 0 { return i + ascii.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < p.count, p[i] >= 0x80 { i += 1 }
        return i
    }

    /// The first index at or after `start` holding byte `a` or byte `b`, or `p.count`; eight
    /// bytes at a time (a zero byte in `word ^ a…a` is a hit).
    @inlinable
    public static func firstIndex(of a: UInt8, or b: UInt8, in p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = p.baseAddress else { return p.count }
        let ones: UInt64 = 0x0101_0101_0101_0101, highBits: UInt64 = 0x8080_8080_8080_8080
        let aa = UInt64(a) &* ones, bb = UInt64(b) &* ones
        let raw = UnsafeRawPointer(base)
        var i = start
        while i + 8 <= p.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let xa = word ^ aa, xb = word ^ bb
            // Borrows only move up: the lowest flag is the first hit, exactly.
            let hits = ((xa &- ones) & ~xa | (xb &- ones) & ~xb) & highBits
            if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < p.count, p[i] != a, p[i] != b { i += 1 }
        return i
    }

    /// True when the byte occurs in the buffer (memchr).
    @inlinable
    public static func contains(_ p: UnsafeBufferPointer<UInt8>, _ byte: UInt8) -> Bool {
        guard let base = p.baseAddress, p.count > 0 else { return false }
        return memchr(base, Int32(byte), p.count) != nil
    }

    /// The index of the first `byte` at or after `start`, or nil (memchr).
    public static func firstIndex(of byte: UInt8, in p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = p.baseAddress, start < p.count,
              let hit = memchr(base + start, Int32(byte), p.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether the buffer holds the three bytes `lead second x`, `x` passing `third`: a memchr walk
    /// over the lead byte (rare in Chinese text for the marks' leads E3 and EF), where a test per
    /// mark was one memchr per mark over its last byte (frequent: any continuation byte).
    @inline(__always)
    public static func containsThreeBytes(_ p: UnsafeBufferPointer<UInt8>, lead: UInt8, second: UInt8, third: (UInt8) -> Bool) -> Bool {
        guard let base = p.baseAddress, p.count >= 3 else { return false }
        var from = 0
        while from < p.count - 2, let hit = memchr(base + from, Int32(lead), p.count - 2 - from) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if base[i + 1] == second && third(base[i + 2]) { return true }
            from = i + 1
        }
        return false
    }

    /// Whether some `?` of the buffer passes `test`, given its offset (a memchr walk: the
    /// lost-character and punctuation-run repairs' cheap tests look at what follows a `?`).
    public static func anyQuestionMark(in p: UnsafeBufferPointer<UInt8>, where test: (Int) -> Bool) -> Bool {
        guard let base = p.baseAddress else { return false }
        var from = 0
        while from < p.count, let hit = memchr(base + from, 0x3F /* ? */, p.count - from) {
            let q = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if test(q) { return true }
            from = q + 1
        }
        return false
    }

    /// Where `needle` first occurs in the buffer, or nil (0 for an empty needle).
    /// memchr finds the needle's last byte (for Han a continuation byte, a 64th as common as a
    /// lead byte in Chinese text), then the rest is compared; the ends found grow, so the first
    /// match found is the leftmost. A byte loop on the first byte stopped at every Han
    /// character's lead byte; glibc's memmem spends more on setting up than on searching a line
    /// (callgrind).
    public static func firstIndex(of needle: [UInt8], in p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let last = needle.last else { return 0 }
        guard needle.count <= p.count, let base = p.baseAddress else { return nil }
        let m = needle.count
        var from = m - 1
        while from < p.count, let hit = memchr(base + from, Int32(last), p.count - from) {
            let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) // index of the last byte
            var j = m - 2
            while j >= 0 && p[end - (m - 1) + j] == needle[j] { j -= 1 }
            if j < 0 { return end - (m - 1) }
            from = end + 1
        }
        return nil
    }

    /// True when `needle` occurs in the buffer (see `firstIndex(of:in:)`).
    public static func contains(_ p: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        firstIndex(of: needle, in: p) != nil
    }

    /// Appends the UTF-8 encoding of a scalar value.
    @inlinable
    public static func append(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0 ..< 0x80: out.append(UInt8(v))
        case 0x80 ..< 0x800:
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        case 0x800 ..< 0x10000:
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
