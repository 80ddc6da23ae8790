/// The main lexicon's words of four characters with a frequency of at least `minimumFrequency`,
/// hashed into 2^18 bits (32 KiB): rule 3b asks about every two two-character tokens in a row
/// (34,000 times a megabyte of prose), and nearly none is such a word; the word table's search
/// it made instead read its 256 KiB filter, a cache miss most times. No false negatives: a
/// cleared bit means no such word of the main lexicon.
struct FourCharacterWords: Sendable {
    private var bits: [UInt64]

    /// nil when the lexicon's words cannot be listed by their codes (`Lexicon.packsCodes`).
    init?(_ lexicon: Lexicon, minimumFrequency: Int) {
        guard lexicon.packsCodes else { return nil }
        var bits = [UInt64](repeating: 0, count: 1 << 12)
        lexicon.forEachPackedWord(length: 4) { key, frequency in
            guard frequency >= minimumFrequency else { return }
            // Codes + 1, 16 bits each, the first character lowest.
            func scalar(_ k: UInt64) -> Unicode.Scalar { lexicon.scalar(code: UInt32((key >> (16 * k)) & 0xFFFF) - 1) }
            let h = Self.hash(scalar(0), scalar(1), scalar(2), scalar(3))
            bits[h >> 6] |= 1 << UInt64(h & 63)
        }
        self.bits = bits
    }

    /// False when no word of the set is spelled `a b c d`.
    @inline(__always) func mayContain(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar, _ d: Unicode.Scalar) -> Bool {
        let h = Self.hash(a, b, c, d)
        return bits.withUnsafeBufferPointer { $0[h >> 6] & (1 << UInt64(h & 63)) != 0 }
    }

    @inline(__always) private static func hash(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar, _ d: Unicode.Scalar) -> Int {
        let front = UInt64(a.value) | UInt64(b.value) << 21, back = UInt64(c.value) | UInt64(d.value) << 21
        return Int(truncatingIfNeeded: (front &* 0x9E37_79B9_7F4A_7C15 ^ back &* 0xC2B2_AE3D_27D4_EB4F) >> 46)
    }
}
