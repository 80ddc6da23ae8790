/// The bit set behind the segmenter's `FourCharacterWords`: a lexicon's words of four characters
/// with a frequency of at least a minimum, hashed into 2^18 bits (32 KiB). lexicon.bin stores it
/// ready-made (building it read the whole four-character group at every start-up); this file
/// imports nothing of CivKit, as scripts/generate-lexicon compiles it with the image files.
enum FourCharacterBits {
    /// The set's size in UInt64 words.
    static let wordCount = 1 << 12
    /// The minimum frequency of the set lexicon.bin stores: the segmenter's
    /// `SegmentRules.compoundFrequency` (a test checks they agree).
    static let storedMinimumFrequency = 100

    /// The set of `image`'s words; nil when its words cannot be listed by their codes (`packsCodes`).
    static func build(_ image: LexiconImage, minimumFrequency: Int) -> [UInt64]? {
        guard image.packsCodes else { return nil }
        var bits = [UInt64](repeating: 0, count: wordCount)
        image.forEachPackedWord(length: 4) { key, frequency in
            guard frequency >= minimumFrequency else { return }
            // Codes + 1, 16 bits each, the first character lowest.
            func scalar(_ k: UInt64) -> Unicode.Scalar { image.scalar(UInt32((key >> (16 * k)) & 0xFFFF) - 1) }
            let h = hash(scalar(0), scalar(1), scalar(2), scalar(3))
            bits[h >> 6] |= 1 << UInt64(h & 63)
        }
        return bits
    }

    /// The bit of the word `a b c d`.
    @inline(__always) static func hash(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar, _ d: Unicode.Scalar) -> Int {
        let front = UInt64(a.value) | UInt64(b.value) << 21, back = UInt64(c.value) | UInt64(d.value) << 21
        return Int(truncatingIfNeeded: (front &* 0x9E37_79B9_7F4A_7C15 ^ back &* 0xC2B2_AE3D_27D4_EB4F) >> 46)
    }
}
