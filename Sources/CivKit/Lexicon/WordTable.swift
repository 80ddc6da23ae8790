/// The main lexicon's words of 2 to 4 characters in an open-addressing hash table keyed by their
/// packed codes (`Lexicon.forEachPackedWord`), for the segmenter's many searches: a search reads
/// one cache line where the binary search in the mapped lexicon read a dozen (those misses were
/// an eighth of civ-segment's time). Most searches are for no word: a Bloom filter of 256 KiB,
/// which stays in the cache, answers them without reading the table. The bundled lexicon's
/// image holds the table ready-made (`LexiconImage.build(entries:tables:)`), read in place;
/// another lexicon's is built when a segmenter is made (about 175,000 words for the bundled one:
/// 18M instructions, 4 MiB).
///
/// Foundation-free and CivKit-free but for `LexiconImage`: scripts/generate-lexicon compiles it
/// with the image files to store the table.
struct WordTable: @unchecked Sendable {
    static let maxLength = 4
    /// The number of 64-bit words of the filter (2^21 bits).
    static let filterWords = 1 << 15
    /// Slots of two words, key and frequency side by side, so that a probe reads one cache line;
    /// key 0 is an empty slot (a packed code is at least 1). The filter: 2^21 bits, two set per
    /// word, both in one 64-bit word.
    private let table: FilteredSlots
    /// The number of slots (a power of two).
    var capacity: Int { table.capacity }

    /// The table the image holds, else one built from its words; nil when the lexicon's codes do
    /// not pack into 16 bits.
    init?(_ lexicon: LexiconImage) {
        if let stored = lexicon.storedWordTable {
            table = stored
            return
        }
        guard let (slots, filter) = Self.build(lexicon) else { return nil }
        table = FilteredSlots(built: slots, capacity: slots.count / 2, filter: filter)
    }

    /// The table's slots (2 words each: key, frequency) and filter words for the lexicon's words,
    /// little-endian; nil when its codes do not pack into 16 bits.
    static func build(_ lexicon: LexiconImage) -> (slots: [UInt64], filter: [UInt64])? {
        guard lexicon.packsCodes else { return nil }
        let count = (2 ... Self.maxLength).reduce(0) { $0 + lexicon.wordCount(length: $1) }
        var capacity = 1024, bits: UInt64 = 10
        // Filled to 70% at most (probes mostly stay in one cache line).
        while 10 * capacity < 14 * count {
            capacity <<= 1
            bits += 1
        }
        let shift = 64 - bits
        var slots = [UInt64](repeating: 0, count: 2 * capacity)
        var filter = [UInt64](repeating: 0, count: Self.filterWords)
        slots.withUnsafeMutableBufferPointer { slots in
            filter.withUnsafeMutableBufferPointer { filter in
                for length in 2 ... Self.maxLength {
                    lexicon.forEachPackedWord(length: length) { key, frequency in
                        var i = FilteredSlots.slot(key, shift)
                        while slots[2 * i] != 0 && slots[2 * i] != key.littleEndian { i = (i + 1) & (capacity - 1) }
                        slots[2 * i] = key.littleEndian
                        slots[2 * i + 1] = UInt64(max(0, frequency)).littleEndian
                        let (word, bits) = FilteredSlots.filterBits(key, words: Self.filterWords)
                        filter[word] |= bits.littleEndian
                    }
                }
            }
        }
        return (slots, filter)
    }

    /// The frequency of the word whose packed codes are `key`, 0 when absent.
    @inline(__always) func frequency(_ key: UInt64) -> Int {
        guard table.mayHold(key, filterWords: Self.filterWords) else { return 0 }
        let slots = table.slots
        var i = table.slot(key)
        while true {
            let k = UInt64(littleEndian: slots[2 * i])
            if k == key { return Int(truncatingIfNeeded: UInt64(littleEndian: slots[2 * i + 1])) }
            if k == 0 { return 0 }
            i = (i + 1) & table.mask
        }
    }

    /// The packed key of `count` codes (at most 4) read by `code`.
    @inline(__always) static func key(count: Int, _ code: (Int) -> UInt32) -> UInt64 {
        var key: UInt64 = 0
        for k in 0 ..< count { key |= UInt64(code(k) &+ 1) &<< UInt64(16 &* k) }
        return key
    }
}

/// For each pair of characters that begins a word of the main lexicon, the lengths of the words
/// it begins (2 to 23 characters): the re-segmentation reads it once per position and then
/// searches only the spans some word may fill, where it probed a filter for every span of up to
/// 8 characters (a cache miss each). Exact: no pair or length is missing. About 100,000 pairs
/// in 2 MiB; stored in the bundled lexicon's image like `WordTable`. Most pairs the
/// re-segmentation asks about begin no word: a Bloom filter of 64 KiB, which stays in the cache,
/// answers them without reading the table (that read was a cache miss, most of the
/// re-segmentation's time).
struct PairLengths: @unchecked Sendable {
    static let longest = 23
    /// The number of 64-bit words of the filter (2^19 bits).
    static let filterWords = 1 << 13
    /// Slots of one word: a pair's key (codes + 1, 21 bits each) in the low 42 bits, its lengths
    /// above (bit `length - 2`); 0 is an empty slot. The filter: 2^19 bits, two set per pair,
    /// both in one 64-bit word (`filter(_:)`).
    private let table: FilteredSlots
    var capacity: Int { table.capacity }

    /// The table the image holds, else one built from its words.
    init(_ lexicon: LexiconImage) {
        if let stored = lexicon.storedPairLengths {
            table = stored
            return
        }
        let slots = Self.build(lexicon)
        table = FilteredSlots(built: slots, capacity: slots.count, filter: Self.filter(slots))
    }

    /// The table's slots for the lexicon's words, little-endian.
    static func build(_ lexicon: LexiconImage) -> [UInt64] {
        // No more pairs than words; filled to 80% at most then, about 40% with the bundled lexicon.
        var capacity = 1024, bits: UInt64 = 10
        while 4 * capacity < 5 * lexicon.wordCount {
            capacity <<= 1
            bits += 1
        }
        let shift = 64 - bits
        var slots = [UInt64](repeating: 0, count: capacity)
        slots.withUnsafeMutableBufferPointer { slots in
            for length in stride(from: 2, through: min(lexicon.maxWordLength, Self.longest), by: 1) {
                lexicon.forEachWordStart(length: length) { a, b in
                    let key = Self.key(a, b)
                    var i = FilteredSlots.slot(key, shift)
                    while slots[i] != 0 && UInt64(littleEndian: slots[i]) & 0x3FF_FFFF_FFFF != key { i = (i + 1) & (capacity - 1) }
                    slots[i] = (UInt64(littleEndian: slots[i]) | key | 1 << UInt64(40 + length)).littleEndian
                }
            }
        }
        return slots
    }

    /// The filter words for the table's `slots` (little-endian, as `build` gives them): the
    /// bits of every pair they hold.
    static func filter(_ slots: [UInt64]) -> [UInt64] {
        var filter = [UInt64](repeating: 0, count: Self.filterWords)
        for slot in slots where slot != 0 {
            let (word, bits) = FilteredSlots.filterBits(UInt64(littleEndian: slot) & 0x3FF_FFFF_FFFF, words: Self.filterWords)
            filter[word] |= bits.littleEndian
        }
        return filter
    }

    @inline(__always) private static func key(_ a: UInt32, _ b: UInt32) -> UInt64 {
        UInt64(a + 1) | UInt64(b + 1) << 21
    }

    /// Bit `length` is set for each length (2 to 23) of the words beginning with the characters
    /// of codes `a`, `b`; 0 when none does.
    @inline(__always) func lengths(_ a: UInt32, _ b: UInt32) -> UInt32 {
        let key = Self.key(a, b)
        guard table.mayHold(key, filterWords: Self.filterWords) else { return 0 }
        let slots = table.slots
        var i = table.slot(key)
        while true {
            let slot = UInt64(littleEndian: slots[i])
            if slot & 0x3FF_FFFF_FFFF == key { return UInt32(truncatingIfNeeded: (slot >> 42) << 2) }
            if slot == 0 { return 0 }
            i = (i + 1) & table.mask
        }
    }
}

/// The storage both tables share: an open-addressing table of 64-bit slots (a power of two of
/// them, one or more words each) behind a Bloom filter that sets two bits of one 64-bit word per
/// key, either read in place from a lexicon image or built in memory. Little-endian, as stored.
struct FilteredSlots: @unchecked Sendable {
    let slots: UnsafePointer<UInt64>
    let filter: UnsafePointer<UInt64>
    /// The number of slots less one (a power of two less one).
    let mask: Int
    /// What `slot(_:)` shifts the key's hash by: 64 less the bits of the slot count.
    let shift: UInt64
    /// What keeps `slots` and `filter` alive: the image's bytes, or the words built.
    let owner: AnyObject
    /// The number of slots (a power of two).
    var capacity: Int { mask + 1 }

    init(slots: UnsafePointer<UInt64>, capacity: Int, filter: UnsafePointer<UInt64>, owner: AnyObject) {
        self.slots = slots
        self.filter = filter
        self.owner = owner
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
    }

    /// A table built in memory: `slots` (`capacity` slots) and `filter` copied into one allocation.
    init(built slots: [UInt64], capacity: Int, filter: [UInt64]) {
        let storage = TableStorage(slots + filter)
        self.init(slots: storage.words, capacity: capacity, filter: storage.words + slots.count, owner: storage)
    }

    /// The first slot to probe for `key` in a table whose `shift` is given (Fibonacci hashing).
    @inline(__always) static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always) func slot(_ key: UInt64) -> Int { Self.slot(key, shift) }

    /// The filter word of `key` in a filter of `words` 64-bit words (a power of two) and its two
    /// bits: the hash's top bits choose the word, the next two 6-bit fields the bits.
    @inline(__always) static func filterBits(_ key: UInt64, words: Int) -> (word: Int, bits: UInt64) {
        let h = key &* 0xC2B2_AE3D_27D4_EB4F
        let top = UInt64(64 - words.trailingZeroBitCount)
        return (Int(truncatingIfNeeded: h >> top), 1 << ((h >> (top - 6)) & 63) | 1 << ((h >> (top - 12)) & 63))
    }

    /// False when the filter proves `key` absent.
    @inline(__always) func mayHold(_ key: UInt64, filterWords: Int) -> Bool {
        let (word, bits) = Self.filterBits(key, words: filterWords)
        return UInt64(littleEndian: filter[word]) & bits == bits
    }
}

/// 64-bit words allocated for a table built in memory, freed with it.
final class TableStorage {
    let words: UnsafeMutablePointer<UInt64>
    let count: Int

    init(_ contents: [UInt64]) {
        count = contents.count
        words = .allocate(capacity: max(count, 1))
        contents.withUnsafeBufferPointer { words.initialize(from: $0.baseAddress!, count: count) }
    }

    deinit { words.deallocate() }
}
