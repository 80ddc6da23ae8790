/// The main lexicon's words of four characters with a frequency of at least `minimumFrequency`,
/// hashed into 2^18 bits (32 KiB): rule 3b asks about every two two-character tokens in a row
/// (34,000 times a megabyte of prose), and nearly none is such a word; the word table's search
/// it made instead read its 256 KiB filter, a cache miss most times. No false negatives: a
/// cleared bit means no such word of the main lexicon.
struct FourCharacterWords: @unchecked Sendable {
    /// The set's words, little-endian: the lexicon image's own, read in place (copying them cost
    /// every start-up 4,096 words), or built.
    private let bits: UnsafePointer<UInt64>
    /// What keeps `bits` alive: the lexicon (whose image holds them), or the words built.
    private let owner: AnyObject

    /// nil when the lexicon's words cannot be listed by their codes (`Lexicon.packsCodes`). The
    /// set stored in the lexicon's image when it has the frequency asked for, else built.
    init?(_ lexicon: Lexicon, minimumFrequency: Int) {
        if let stored = lexicon.image.storedFourCharacterBits, stored.minimumFrequency == minimumFrequency {
            bits = stored.bits
            owner = lexicon
            return
        }
        guard let built = FourCharacterBits.build(lexicon.image, minimumFrequency: minimumFrequency) else { return nil }
        let storage = TableStorage(built.map(\.littleEndian))
        bits = UnsafePointer(storage.words)
        owner = storage
    }

    /// False when no word of the set is spelled `a b c d`.
    @inline(__always) func mayContain(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar, _ d: Unicode.Scalar) -> Bool {
        let h = FourCharacterBits.hash(a, b, c, d)
        return UInt64(littleEndian: bits[h >> 6]) & (1 << UInt64(h & 63)) != 0
    }
}
