/// The lexicon in binary form, queried in place: `lexicon.bin` mapped from disk, or an image built
/// in memory for a caller's own words. No hash tables are built at load time: the segmenter's
/// (`WordTable`, `PairLengths`) are stored in the bundled image, ready to be read in place.
///
/// Words are grouped by length, so each group is a table of fixed-width records sorted by scalar
/// value (binary search for a word or a prefix), with the group's order read backwards beside it
/// (for a suffix). Characters are stored as codes, their rank in the sorted alphabet: 2 bytes for
/// the bundled lexicon, and code order is scalar order.
///
/// Layout, little-endian, sections 8-byte aligned:
///
///     "CIVLEX\0\0", then UInt64 fields: version (2), file size, word count, total frequency,
///       group count (= longest word), code width (2 or 4), frequency width (4: UInt32, 8: Int64),
///       alphabet count, alphabet offset, character frequencies offset,
///       word table capacity (0: none), its slots offset, its filter offset,
///       pair lengths capacity (0: none), its slots offset, its filter offset, starts offset (0: none),
///       four-character bits' minimum frequency, their offset (0: none)
///     per group (words of length 1, 2, …): UInt64 count, words, frequencies, backward offsets
///     alphabet: UInt32 scalar values, ascending; character frequencies: Int64 per letter
///     group words: count × length codes; frequencies: count × width; backward: count × UInt32
///     word table: 2 × capacity UInt64 slots, `WordTable.filterWords` UInt64 filter words;
///     pair lengths: capacity UInt64 slots, `PairLengths.filterWords` UInt64 filter words (the
///       layouts of `WordTable` and `PairLengths`)
///     starts: per group, (alphabet count + 1) Int32 forwards, as many backwards (see below)
///     four-character bits: `FourCharacterBits.wordCount` UInt64 (`FourCharacterBits`' set)
struct LexiconImage: @unchecked Sendable {
    static let magic: [UInt8] = Array("CIVLEX\0\0".utf8)
    static let version: UInt64 = 5

    struct Group {
        let count: Int, words: Int, frequencies: Int, backward: Int
    }

    /// Where the bytes came from, for error messages.
    let name: String
    private let storage: ImageBytes
    private let bytes: UnsafeRawBufferPointer
    let wordCount: Int
    let totalFrequency: Int
    let maxWordLength: Int
    private let codeWidth: Int
    private let frequencyWidth: Int
    private let alphabetCount: Int
    private let alphabet: Int
    private let characterFrequencies: Int
    /// `groups[n - 1]`: the words of `n` characters.
    private let groups: [Group]
    /// Per group, where the words beginning with each code start (forwards), and where those
    /// ending with each code start (in the backward order): the words of code `c` are
    /// `starts[c] ..< starts[c + 1]`. Built on load by counting (a millisecond or two for the
    /// bundled lexicon): a search then starts inside one character's words, which lie together,
    /// instead of probing the whole mapped file (memory latency was most of a query's cost).
    /// The bundled image stores them (counting every word was a fifth of civ-segment's start-up):
    /// read and checked (ascending, within the group) on load.
    private let forwardStarts: [[Int32]]
    private let backwardStarts: [[Int32]]
    /// The code + 1 of each character of the Basic Multilingual Plane, 0 for none: a character's
    /// code without a search (the segmenter asks for one per character). Empty when the alphabet
    /// has 65535 letters or more.
    private let bmpCodes: [UInt16]
    /// The stored tables' sections (capacity 0: none).
    private let wordTableCapacity: Int, wordTableSlots: Int, wordTableFilter: Int
    private let pairLengthsCapacity: Int, pairLengthsSlots: Int, pairLengthsFilter: Int
    /// The stored four-character bits' section (0: none) and minimum frequency.
    private let fourCharacterBits: Int, fourCharacterMinimumFrequency: Int

    /// Checks the header and that every section lies inside the bytes; reads after that stay inside
    /// (the two kinds of stored index are checked where used).
    init(_ storage: ImageBytes, name: String) throws(ImageError) {
        self.name = name
        self.storage = storage
        bytes = storage.buffer
        var header = try ImageHeaderReader(bytes, magic: Self.magic, version: Self.version, fieldCount: 17)
        wordCount = try header.field(max: UInt64(bytes.count))
        totalFrequency = try header.signedField()
        maxWordLength = try header.field(max: 4096)
        codeWidth = try header.field()
        frequencyWidth = try header.field()
        alphabetCount = try header.field(max: 0x110000)
        guard codeWidth == 4 || (codeWidth == 2 && alphabetCount <= 0x10000), frequencyWidth == 4 || frequencyWidth == 8 else {
            throw ImageError("unknown code or frequency width")
        }
        alphabet = try header.section(header.field(max: UInt64(bytes.count)), count: alphabetCount, width: 4)
        characterFrequencies = try header.section(header.field(max: UInt64(bytes.count)), count: alphabetCount, width: 8)
        // A table's capacity is a power of two (its probes wrap with a mask).
        func capacity(_ value: Int) throws(ImageError) -> Int {
            guard value == 0 || (value >= 2 && value & (value - 1) == 0) else { throw ImageError("a table capacity (\(value)) is not a power of two") }
            return value
        }
        wordTableCapacity = try capacity(header.field(max: UInt64(bytes.count)))
        wordTableSlots = try header.section(header.field(max: UInt64(bytes.count)), count: 2 * wordTableCapacity, width: 8)
        wordTableFilter = try header.section(header.field(max: UInt64(bytes.count)), count: wordTableCapacity == 0 ? 0 : WordTable.filterWords, width: 8)
        pairLengthsCapacity = try capacity(header.field(max: UInt64(bytes.count)))
        pairLengthsSlots = try header.section(header.field(max: UInt64(bytes.count)), count: pairLengthsCapacity, width: 8)
        pairLengthsFilter = try header.section(header.field(max: UInt64(bytes.count)), count: pairLengthsCapacity == 0 ? 0 : PairLengths.filterWords, width: 8)
        let storedStarts = try header.field(max: UInt64(bytes.count))
        fourCharacterMinimumFrequency = try header.signedField()
        let storedFourCharacterBits = try header.field(max: UInt64(bytes.count))
        fourCharacterBits = storedFourCharacterBits == 0 ? 0
            : try header.section(storedFourCharacterBits, count: FourCharacterBits.wordCount, width: 8)
        guard wordTableCapacity == 0 || (alphabetCount < 0xFFFF && wordTableSlots % 8 == 0 && wordTableFilter % 8 == 0), pairLengthsSlots % 8 == 0, pairLengthsFilter % 8 == 0 else {
            throw ImageError("a stored table is misaligned or its codes do not pack")
        }
        var groups: [Group] = []
        var total = 0
        for length in 1 ... max(maxWordLength, 1) where length <= maxWordLength {
            let count = try header.field(max: UInt64(bytes.count))
            let words = try header.section(header.field(max: UInt64(bytes.count)), count: count, width: length * codeWidth)
            let frequencies = try header.section(header.field(max: UInt64(bytes.count)), count: count, width: frequencyWidth)
            let backward = try header.section(header.field(max: UInt64(bytes.count)), count: count, width: 4)
            groups.append(Group(count: count, words: words, frequencies: frequencies, backward: backward))
            total += count
        }
        guard total == wordCount else { throw ImageError("its groups hold \(total) words, its header says \(wordCount)") }
        var previous: UInt32?
        for i in 0 ..< alphabetCount {
            let value = bytes.u32(alphabet + 4 * i)
            guard Unicode.Scalar(value) != nil, previous.map({ $0 < value }) ?? true else {
                throw ImageError("its alphabet is not ascending Unicode scalars")
            }
            previous = value
        }
        self.groups = groups
        var forwardStarts: [[Int32]] = [], backwardStarts: [[Int32]] = []
        if storedStarts != 0 {
            let perGroup = alphabetCount + 1
            let offset = try header.section(storedStarts, count: 2 * groups.count * perGroup, width: 4)
            let table = (bytes.baseAddress! + offset).assumingMemoryBound(to: Int32.self)
            for (g, group) in groups.enumerated() {
                for direction in 0 ..< 2 {
                    // Read and checked in one pass: ascending from 0 to the group's count, so
                    // that every search stays inside the group.
                    let stored = table + (2 * g + direction) * perGroup
                    var ascending = true
                    let starts = [Int32](unsafeUninitializedCapacity: perGroup) { starts, count in
                        var previous: Int32 = 0
                        for c in 0 ..< perGroup {
                            let start = Int32(littleEndian: stored[c])
                            if start < previous || (c == 0 && start != 0) { ascending = false }
                            starts[c] = start
                            previous = start
                        }
                        count = perGroup
                    }
                    guard ascending, Int(starts[perGroup - 1]) == group.count else {
                        throw ImageError("its stored starts are not ascending within their group")
                    }
                    if direction == 0 { forwardStarts.append(starts) } else { backwardStarts.append(starts) }
                }
            }
        } else {
            for (g, group) in groups.enumerated() {
                let length = g + 1
                var first = [Int32](repeating: 0, count: alphabetCount + 1), last = first
                // Counted through buffers (every word of the mapped lexicon passes here at start-up).
                var problem: String?
                let image = bytes, width = codeWidth, letters = alphabetCount
                first.withUnsafeMutableBufferPointer { first in
                    last.withUnsafeMutableBufferPointer { last in
                        var previous: UInt32 = 0
                        for w in 0 ..< group.count {
                            let a = Self.code(image, group, length, width, word: w, at: 0)
                            guard a >= previous else { problem = "its words are not sorted"; return }
                            previous = a
                            let b = Self.code(image, group, length, width, word: w, at: length - 1)
                            guard Int(a) < letters, Int(b) < letters else { problem = "a word has a character code outside the alphabet"; return }
                            first[Int(a) + 1] += 1
                            last[Int(b) + 1] += 1
                        }
                    }
                }
                if let problem { throw ImageError(problem) }
                for c in 0 ..< alphabetCount {
                    first[c + 1] += first[c]
                    last[c + 1] += last[c]
                }
                forwardStarts.append(first)
                backwardStarts.append(last)
            }
        }
        self.forwardStarts = forwardStarts
        self.backwardStarts = backwardStarts
        var table: [UInt16] = []
        if alphabetCount < 0xFFFF {
            table = [UInt16](repeating: 0, count: 0x10000)
            for i in 0 ..< alphabetCount {
                let value = bytes.u32(alphabet + 4 * i)
                if value < 0x10000 { table[Int(value)] = UInt16(i + 1) }
            }
        }
        bmpCodes = table
    }

    // MARK: Queries

    /// `WordTable`'s slots and filter as the image stores them, nil when it stores none.
    var storedWordTable: FilteredSlots? {
        guard wordTableCapacity > 0 else { return nil }
        return storedTable(slots: wordTableSlots, capacity: wordTableCapacity, filter: wordTableFilter)
    }

    /// `PairLengths`'s slots and filter as the image stores them, nil when it stores none.
    var storedPairLengths: FilteredSlots? {
        guard pairLengthsCapacity > 0 else { return nil }
        return storedTable(slots: pairLengthsSlots, capacity: pairLengthsCapacity, filter: pairLengthsFilter)
    }

    /// A stored table's slots and filter at their byte offsets, read in place.
    private func storedTable(slots: Int, capacity: Int, filter: Int) -> FilteredSlots {
        let base = bytes.baseAddress!
        return FilteredSlots(slots: (base + slots).assumingMemoryBound(to: UInt64.self), capacity: capacity,
                             filter: (base + filter).assumingMemoryBound(to: UInt64.self), owner: storage)
    }

    /// `FourCharacterBits`' set as the image stores it and its minimum frequency, nil when it
    /// stores none.
    var storedFourCharacterBits: (bits: UnsafePointer<UInt64>, minimumFrequency: Int)? {
        guard fourCharacterBits != 0 else { return nil }
        return ((bytes.baseAddress! + fourCharacterBits).assumingMemoryBound(to: UInt64.self), fourCharacterMinimumFrequency)
    }

    /// The code + 1 of each character of the Basic Multilingual Plane (0: in no word), for a
    /// caller that looks up many characters; empty when an alphabet that large does not fit 16
    /// bits (then `code(of:)` searches).
    var codeTable: [UInt16] { bmpCodes }

    /// The character's code, nil when no word contains it.
    func code(of c: Unicode.Scalar) -> UInt32? {
        if c.value < 0x10000, !bmpCodes.isEmpty {
            let code = bmpCodes[Int(c.value)]
            return code == 0 ? nil : UInt32(code - 1)
        }
        var lo = 0, hi = alphabetCount
        while lo < hi {
            let mid = (lo + hi) >> 1
            if bytes.u32(alphabet + 4 * mid) < c.value { lo = mid + 1 } else { hi = mid }
        }
        return lo < alphabetCount && bytes.u32(alphabet + 4 * lo) == c.value ? UInt32(lo) : nil
    }

    /// How many distinct characters the words hold (the codes are `0 ..< characterCount`).
    var characterCount: Int { alphabetCount }

    var hasSingleCharacterWords: Bool { !groups.isEmpty && groups[0].count > 0 }

    func scalar(_ code: UInt32) -> Unicode.Scalar {
        guard Int(code) < alphabetCount else { corrupt("a word has a character code outside the alphabet") }
        return Unicode.Scalar(bytes.u32(alphabet + 4 * Int(code)))!  // checked on load
    }

    func characterFrequency(code: UInt32) -> Int { Int(bytes.i64(characterFrequencies + 8 * Int(code))) }

    /// The frequency of the word spelled by `codes`, 0 when absent.
    func frequency(codes: UnsafeBufferPointer<UInt32>) -> Int {
        let length = codes.count
        guard length >= 1, length <= maxWordLength else { return 0 }
        let group = groups[length - 1]
        guard Int(codes[0]) < alphabetCount else { return 0 }
        let starts = forwardStarts[length - 1]
        var lo = Int(starts[Int(codes[0])]), hi = Int(starts[Int(codes[0]) + 1])
        while lo < hi {
            let mid = (lo + hi) >> 1
            var order = 0
            for k in 1 ..< max(length, 1) {
                let c = code(group, length, word: mid, at: k)
                if c != codes[k] { order = c < codes[k] ? -1 : 1; break }
            }
            if order == 0 { return frequency(group, word: mid) }
            if order < 0 { lo = mid + 1 } else { hi = mid }
        }
        return 0
    }

    /// The words of `length` characters that begin with `key` and go on with any character and then
    /// `rest`, read backwards when `reversed`: (that character's code, the word's frequency), in
    /// the order of the groups' words (forwards or backwards).
    func fillers(length: Int, key: ArraySlice<UInt32>, rest: ArraySlice<UInt32>, reversed: Bool, among accepted: ((UInt32) -> Bool)? = nil) -> [(code: UInt32, frequency: Int)] {
        fillers(length: length, key: key, rest: rest, reversed: reversed, among: CodeTest(test: accepted))
    }

    /// The same, keeping the filling characters `accepted` contains.
    func fillers(length: Int, key: ArraySlice<UInt32>, rest: ArraySlice<UInt32>, reversed: Bool, among accepted: some CodeFilter) -> [(code: UInt32, frequency: Int)] {
        guard length >= 1, length <= maxWordLength, key.count + 1 + rest.count == length else { return [] }
        let group = groups[length - 1]
        if key.count == 1 && codeWidth == 2 && frequencyWidth == 4 {
            return fillers(group, length: length, after: key.first!, rest: rest, reversed: reversed, among: accepted)
        }
        func word(_ p: Int) -> Int {
            guard reversed else { return p }
            let w = Int(bytes.u32(group.backward + 4 * p))
            guard w < group.count else { corrupt("a backward index is out of range") }
            return w
        }
        func at(_ w: Int, _ k: Int) -> UInt32 { code(group, length, word: w, at: reversed ? length - 1 - k : k) }
        var lo = 0, hi = group.count
        // Only the words sharing the key's first character (the last one, read backwards).
        if let k0 = key.first {
            guard Int(k0) < alphabetCount else { return [] }
            let starts = reversed ? backwardStarts[length - 1] : forwardStarts[length - 1]
            lo = Int(starts[Int(k0)])
            hi = Int(starts[Int(k0) + 1])
        }
        let end = hi
        while lo < hi {
            let mid = (lo + hi) >> 1, w = word(mid)
            var less = false
            for k in 0 ..< key.count where at(w, k) != key[key.startIndex + k] {
                less = at(w, k) < key[key.startIndex + k]
                break
            }
            if less { lo = mid + 1 } else { hi = mid }
        }
        var found: [(code: UInt32, frequency: Int)] = []
        scan: for p in lo ..< end {
            let w = word(p)
            for k in 0 ..< key.count where at(w, k) != key[key.startIndex + k] { break scan }
            let filler = at(w, key.count)
            if !accepted.contains(filler) { continue scan }
            for k in 0 ..< rest.count where at(w, key.count + 1 + k) != rest[rest.startIndex + k] { continue scan }
            found.append((filler, frequency(group, word: w)))
        }
        return found
    }

    /// `fillers` for a key of one character in the bundled lexicon's layout (2-byte codes, 4-byte
    /// frequencies), read directly: that character's words are its starts' range, so there is no
    /// search and no key to compare (the repairs ask for a character's two-character words whose
    /// second character is among a few, many times a damaged line).
    private func fillers(_ group: Group, length: Int, after k0: UInt32, rest: ArraySlice<UInt32>, reversed: Bool,
                         among accepted: some CodeFilter) -> [(code: UInt32, frequency: Int)] {
        guard Int(k0) < alphabetCount else { return [] }
        let starts = reversed ? backwardStarts[length - 1] : forwardStarts[length - 1]
        let lo = Int(starts[Int(k0)]), end = Int(starts[Int(k0) + 1])  // within the group: checked on load
        let base = bytes.baseAddress!
        let words = base + group.words, frequencies = base + group.frequencies, backward = base + group.backward
        var found: [(code: UInt32, frequency: Int)] = []
        scan: for p in lo ..< end {
            var w = p
            if reversed {
                w = Int(UInt32(littleEndian: backward.loadUnaligned(fromByteOffset: 4 &* p, as: UInt32.self)))
                guard w < group.count else { corrupt("a backward index is out of range") }
            }
            let word = words + w &* length &* 2
            // The k-th character read from the key's end.
            func at(_ k: Int) -> UInt32 {
                UInt32(UInt16(littleEndian: word.loadUnaligned(fromByteOffset: 2 &* (reversed ? length - 1 - k : k), as: UInt16.self)))
            }
            let filler = at(1)
            if !accepted.contains(filler) { continue scan }
            for k in 0 ..< rest.count where at(2 + k) != rest[rest.startIndex + k] { continue scan }
            found.append((filler, Int(UInt32(littleEndian: frequencies.loadUnaligned(fromByteOffset: 4 &* w, as: UInt32.self)))))
        }
        return found
    }

    /// Calls `body` with the second and third codes and the frequency of each three-character word
    /// beginning with `first` (a repair that knows a word's first character and not the others).
    func forEachThreeCharacterWord(first k0: UInt32, _ body: (UInt32, UInt32, Int) -> Void) {
        guard maxWordLength >= 3, Int(k0) < alphabetCount else { return }
        let group = groups[2], starts = forwardStarts[2]
        for w in Int(starts[Int(k0)]) ..< Int(starts[Int(k0) + 1]) {
            body(code(group, 3, word: w, at: 1), code(group, 3, word: w, at: 2), frequency(group, word: w))
        }
    }

    /// Calls `body` with each word of `length` characters (1 to 4) as its codes + 1 packed 16 bits
    /// each, the first character lowest, and its frequency; nothing when codes take more than 16
    /// bits (`packsCodes`).
    func forEachPackedWord(length: Int, _ body: (UInt64, Int) -> Void) {
        guard packsCodes, length >= 1, length <= min(4, maxWordLength) else { return }
        let group = groups[length - 1]
        if codeWidth == 2 && frequencyWidth == 4 {
            // The bundled lexicon's layout read directly: the segmenter hashes every short word
            // at start-up, and the general reads (width tests, checked arithmetic) were half of it.
            let words = bytes.baseAddress! + group.words, frequencies = bytes.baseAddress! + group.frequencies
            for w in 0 ..< group.count {
                let word = words + w &* length &* 2
                var key: UInt64 = 0
                for k in 0 ..< length {
                    key |= (UInt64(UInt16(littleEndian: word.loadUnaligned(fromByteOffset: 2 &* k, as: UInt16.self))) &+ 1) << UInt64(16 &* k)
                }
                body(key, Int(UInt32(littleEndian: frequencies.loadUnaligned(fromByteOffset: 4 &* w, as: UInt32.self))))
            }
            return
        }
        for w in 0 ..< group.count {
            var key: UInt64 = 0
            for k in 0 ..< length { key |= UInt64(code(group, length, word: w, at: k) + 1) << (16 * k) }
            body(key, frequency(group, word: w))
        }
    }

    /// The number of words of `length` characters.
    func wordCount(length: Int) -> Int { length >= 1 && length <= maxWordLength ? groups[length - 1].count : 0 }

    /// Whether every code + 1 fits in 16 bits.
    var packsCodes: Bool { alphabetCount < 0xFFFF }

    /// Calls `body` with the codes of the first two characters of the words of `length`
    /// characters (2 or more), once per distinct pair (the words are sorted).
    func forEachWordStart(length: Int, _ body: (UInt32, UInt32) -> Void) {
        guard length >= 2, length <= maxWordLength else { return }
        let group = groups[length - 1]
        if codeWidth == 2 {
            // Read directly, as in `forEachPackedWord` (every word passes here at start-up).
            let words = bytes.baseAddress! + group.words
            var previous = UInt64.max
            for w in 0 ..< group.count {
                let word = words + w &* length &* 2
                let a = UInt32(UInt16(littleEndian: word.loadUnaligned(as: UInt16.self)))
                let b = UInt32(UInt16(littleEndian: word.loadUnaligned(fromByteOffset: 2, as: UInt16.self)))
                let pair = UInt64(a) << 32 | UInt64(b)
                if pair == previous { continue }
                previous = pair
                body(a, b)
            }
            return
        }
        var previous: (UInt32, UInt32)?
        for w in 0 ..< group.count {
            let pair = (code(group, length, word: w, at: 0), code(group, length, word: w, at: 1))
            if let previous, previous == pair { continue }
            previous = pair
            body(pair.0, pair.1)
        }
    }

    @inline(__always)
    private func code(_ group: Group, _ length: Int, word w: Int, at k: Int) -> UInt32 {
        Self.code(bytes, group, length, codeWidth, word: w, at: k)
    }

    @inline(__always)
    private static func code(_ bytes: UnsafeRawBufferPointer, _ group: Group, _ length: Int, _ codeWidth: Int, word w: Int, at k: Int) -> UInt32 {
        let offset = group.words + (w * length + k) * codeWidth
        return codeWidth == 2 ? UInt32(bytes.u16(offset)) : bytes.u32(offset)
    }

    @inline(__always)
    private func frequency(_ group: Group, word w: Int) -> Int {
        frequencyWidth == 4 ? Int(bytes.u32(group.frequencies + 4 * w)) : Int(bytes.i64(group.frequencies + 8 * w))
    }

    private func corrupt(_ reason: String) -> Never {
        fatalError("civ: data file \(name) is corrupt (\(reason)); regenerate it with scripts/generate-lexicon --binary")
    }

    // MARK: Building

    /// The indices of the words of `length` characters back to back in `flat`, in the order of
    /// `less` (which compares from the first character on, or from the last when `backward`).
    /// Words of up to four characters of the Basic Multilingual Plane (nearly all) are sorted by
    /// one 64-bit key each, the character compared first highest: the same order (equal keys are
    /// equal words) at a fraction of the comparisons' cost (civ-segment builds its domain words
    /// at every start).
    static func sortedOrder(_ flat: UnsafeBufferPointer<UInt32>, length: Int, backward: Bool, less: (Int, Int) -> Bool) -> [Int] {
        let count = length == 0 ? 0 : flat.count / length
        guard length <= 4, flat.allSatisfy({ $0 < 0x10000 }) else {
            var order = Array(0 ..< count)
            order.sort(by: less)
            return order
        }
        var keyed = [(key: UInt64, index: Int)]()
        keyed.reserveCapacity(count)
        for i in 0 ..< count {
            var key: UInt64 = 0
            for k in 0 ..< length {
                key = key << 16 | UInt64(flat[i * length + (backward ? length - 1 - k : k)])
            }
            keyed.append((key, i))
        }
        keyed.sort { $0.key < $1.key }
        return keyed.map(\.index)
    }

    /// Parses `word<TAB>frequency` lines; a line without a frequency counts as frequency 1.
    static func entries(lines: [String]) -> [(String, Int)] {
        lines.map { line -> (String, Int) in
            guard let tab = line.utf8.firstIndex(of: 9) else { return (line, 1) }
            return (String(line[..<tab]), Int(line[line.utf8.index(after: tab)...]) ?? 1)
        }
    }

    /// The image of these words; a repeated word keeps its highest frequency. The same entries
    /// give the same bytes. With `tables`, the segmenter's hash tables are stored too (the
    /// bundled lexicon: 6 MiB more, its start-up's largest cost spared).
    static func build(entries: some Sequence<(String, Int)>, tables: Bool = false) -> [UInt8] {
        // Per length: the words' scalars back to back, and their frequencies.
        var scalarsByLength: [[UInt32]] = []
        var frequenciesByLength: [[Int]] = []
        var scalars: [UInt32] = []
        for (word, frequency) in entries where !word.isEmpty {
            scalars.removeAll(keepingCapacity: true)
            for c in word.unicodeScalars { scalars.append(c.value) }
            let length = scalars.count
            while scalarsByLength.count < length { scalarsByLength.append([]); frequenciesByLength.append([]) }
            scalarsByLength[length - 1].append(contentsOf: scalars)
            frequenciesByLength[length - 1].append(frequency)
        }
        // Sorted and without repeats, per length. Comparisons and letters on buffers, letters of
        // the Basic Multilingual Plane in a table: with sets, dictionaries and checked subscripts
        // this cost civ-segment a sixth of its start-up (its domain words are built here).
        var words: [[UInt32]] = [], frequencies: [[Int]] = []
        var bmpLetters = [Bool](repeating: false, count: 0x10000)
        var otherLetters = Set<UInt32>()
        for (n, flat) in scalarsByLength.enumerated() {
            let length = n + 1
            var unique: [UInt32] = [], uniqueFrequencies: [Int] = []
            flat.withUnsafeBufferPointer { flat in
                func less(_ a: Int, _ b: Int) -> Bool {
                    for k in 0 ..< length where flat[a * length + k] != flat[b * length + k] {
                        return flat[a * length + k] < flat[b * length + k]
                    }
                    return false
                }
                let order = sortedOrder(flat, length: length, backward: false, less: less)
                var previous: Int?
                for i in order {
                    if let p = previous, !less(p, i) {
                        uniqueFrequencies[uniqueFrequencies.count - 1] = max(uniqueFrequencies.last!, frequenciesByLength[n][i])
                        continue
                    }
                    unique.append(contentsOf: flat[i * length ..< (i + 1) * length])
                    uniqueFrequencies.append(frequenciesByLength[n][i])
                    previous = i
                }
            }
            for c in unique {
                if c < 0x10000 { bmpLetters[Int(c)] = true } else { otherLetters.insert(c) }
            }
            words.append(unique)
            frequencies.append(uniqueFrequencies)
        }
        var alphabet: [UInt32] = []
        for c in 0 ..< 0x10000 where bmpLetters[c] { alphabet.append(UInt32(c)) }
        alphabet += otherLetters.sorted()
        var bmpCodes = [UInt32](repeating: 0, count: 0x10000)
        var otherCodes: [UInt32: UInt32] = [:]
        for (i, c) in alphabet.enumerated() {
            if c < 0x10000 { bmpCodes[Int(c)] = UInt32(i) } else { otherCodes[c] = UInt32(i) }
        }
        func code(_ c: UInt32) -> UInt32 { c < 0x10000 ? bmpCodes[Int(c)] : otherCodes[c]! }
        var characterFrequencies = [Int](repeating: 0, count: alphabet.count)
        for (n, flat) in words.enumerated() {
            for (i, c) in flat.enumerated() { characterFrequencies[Int(code(c))] += frequencies[n][i / (n + 1)] }
        }
        let codeWidth = alphabet.count <= 0x10000 ? 2 : 4
        let frequencyWidth = frequencies.joined().allSatisfy { $0 >= 0 && $0 <= Int(UInt32.max) } ? 4 : 8

        var out = ImageWriter()
        out.append(magic)
        out.append(version)
        let fileSize = out.reserve()
        out.append(UInt64(frequencies.reduce(0) { $0 + $1.count }))
        out.append(Int64(frequencies.joined().reduce(0, +)))
        out.append(UInt64(words.count))
        out.append(UInt64(codeWidth))
        out.append(UInt64(frequencyWidth))
        out.append(UInt64(alphabet.count))
        let alphabetField = out.reserve(), characterFrequenciesField = out.reserve()
        let wordTableFields = (capacity: out.reserve(), slots: out.reserve(), filter: out.reserve())
        let pairLengthsFields = (capacity: out.reserve(), slots: out.reserve(), filter: out.reserve())
        let startsField = out.reserve()
        let fourCharacterFields = (minimumFrequency: out.reserve(), bits: out.reserve())
        var groupFields: [(words: Int, frequencies: Int, backward: Int)] = []
        for n in words.indices {
            out.append(UInt64(frequencies[n].count))
            groupFields.append((out.reserve(), out.reserve(), out.reserve()))
        }
        out.set(alphabetField, to: out.align())
        for c in alphabet { out.append(c) }
        out.set(characterFrequenciesField, to: out.align())
        for f in characterFrequencies { out.append(Int64(f)) }
        for (n, flat) in words.enumerated() {
            let length = n + 1
            out.set(groupFields[n].words, to: out.align())
            for c in flat {
                if codeWidth == 2 { out.append(UInt16(code(c))) } else { out.append(code(c)) }
            }
            out.set(groupFields[n].frequencies, to: out.align())
            for f in frequencies[n] {
                if frequencyWidth == 4 { out.append(UInt32(f)) } else { out.append(Int64(f)) }
            }
            // Words are unique, so reading backwards orders them totally too.
            let backward = flat.withUnsafeBufferPointer { flat in
                sortedOrder(flat, length: length, backward: true) { a, b in
                    for k in stride(from: length - 1, through: 0, by: -1) where flat[a * length + k] != flat[b * length + k] {
                        return flat[a * length + k] < flat[b * length + k]
                    }
                    return false
                }
            }
            out.set(groupFields[n].backward, to: out.align())
            for w in backward { out.append(UInt32(w)) }
        }
        out.set(fileSize, to: out.align())
        guard tables else { return out.bytes }
        // The tables are built from the image of the words (the one way they are built).
        guard let words = try? LexiconImage(ImageBytes(copying: out.bytes), name: "(lexicon being built)") else {
            fatalError("civ: a lexicon built in memory fails its own checks")
        }
        if let (slots, filter) = WordTable.build(words) {
            out.set(wordTableFields.capacity, to: slots.count / 2)
            out.set(wordTableFields.slots, to: out.offset)
            for w in slots { out.append(UInt64(littleEndian: w)) }
            out.set(wordTableFields.filter, to: out.offset)
            for w in filter { out.append(UInt64(littleEndian: w)) }
        }
        let pairs = PairLengths.build(words)
        out.set(pairLengthsFields.capacity, to: pairs.count)
        out.set(pairLengthsFields.slots, to: out.offset)
        for w in pairs { out.append(UInt64(littleEndian: w)) }
        out.set(pairLengthsFields.filter, to: out.offset)
        for w in PairLengths.filter(pairs) { out.append(UInt64(littleEndian: w)) }
        out.set(startsField, to: out.offset)
        for g in words.groups.indices {
            for start in words.forwardStarts[g] { out.append(start) }
            for start in words.backwardStarts[g] { out.append(start) }
        }
        if let bits = FourCharacterBits.build(words, minimumFrequency: FourCharacterBits.storedMinimumFrequency) {
            out.set(fourCharacterFields.minimumFrequency, to: FourCharacterBits.storedMinimumFrequency)
            out.set(fourCharacterFields.bits, to: out.align())
            for w in bits { out.append(UInt64(littleEndian: w)) }
        }
        out.set(fileSize, to: out.align())
        return out.bytes
    }
}
