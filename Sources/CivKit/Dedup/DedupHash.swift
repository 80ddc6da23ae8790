/// civ-dedup's 64-bit hashing: a seeded multiply-xorshift mix (the finalizer of SplitMix64 /
/// MurmurHash3), no Foundation or standard-library hashing (whose seed changes per process, which
/// would make signatures incomparable across runs and shards).
public enum DedupHash {
    /// Mixes 64 bits into 64 well-spread bits (SplitMix64's finalizer; a bijection).
    @inline(__always)
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Folds one more value into a running hash.
    @inline(__always)
    public static func combine(_ h: UInt64, _ v: UInt64) -> UInt64 {
        mix(h ^ (v &* 0xFF51_AFD7_ED55_8CCD))
    }

    /// Hash of bytes, eight at a time.
    public static func hash(_ p: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        var h = mix(seed ^ UInt64(p.count))
        var i = 0
        let n = p.count
        while i + 8 <= n {
            var w: UInt64 = 0
            withUnsafeMutableBytes(of: &w) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(p)[i ..< i + 8])) }
            h = combine(h, w)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        return combine(h, tail)
    }

    /// A deterministic stream of 64-bit values (SplitMix64), for MinHash coefficients.
    public struct Sequence {
        private var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state = state &+ 1
            return DedupHash.mix(state)
        }
    }
}
