/// The main reading of every two-byte GBK character (`gbk-readings.bin`, pypinyin's first reading,
/// written by `scripts/generate-lexicon --gbk-readings`): what the lost-character repair needs to
/// read a fragment's noise, which is the annotation of the character S that the byte before the
/// lost character and its first byte spell (`日?qǐng)`: 日 is C8 D5, and D5 88 is 請, qǐng; the lost
/// character's first byte was 88). `pinyin.tsv` holds the lexicon's and GB2312's characters only.
///
/// Layout, little-endian, sections 8-byte aligned: "CIVGBKR\0", UInt64 version (1), file size,
/// reading count N, offsets of: string starts (UInt32 × N + 1), string bytes (UTF-8, NFC,
/// tone-marked, in order), cells (UInt16 × 126 × 191 at (lead − 0x81) × 191 + (trail − 0x40): the
/// index of the character's main reading, 0xFFFF for none). Mapped, checked on load (~50 KB).
final class GBKReadings: Sendable {
    static let shared: GBKReadings = DataFile.image("gbk-readings.bin", source: "pypinyin's pinyin_dict.json",
                                                    script: "scripts/generate-lexicon --gbk-readings", GBKReadings.open)

    static let magic: [UInt8] = Array("CIVGBKR\0".utf8)
    static let cellCount = 126 * GBKPairs.trailCount
    private static let none: UInt16 = 0xFFFF

    private let storage: ImageBytes
    private let readingCount: Int
    private let starts: Int, strings: Int, cells: Int

    private init(storage: ImageBytes, readingCount: Int, starts: Int, strings: Int, cells: Int) {
        self.storage = storage
        self.readingCount = readingCount
        self.starts = starts
        self.strings = strings
        self.cells = cells
    }

    /// Checks every start and cell, so that no later read leaves the file.
    static func open(_ storage: ImageBytes, name: String) throws(ImageError) -> GBKReadings {
        let bytes = storage.buffer
        var header = try ImageHeaderReader(bytes, magic: magic, version: 1, fieldCount: 4)
        let size = UInt64(bytes.count)
        let count = try header.field(max: 0xFFFE)
        let starts = try header.section(header.field(max: size), count: count + 1, width: 4)
        var previous: UInt32 = 0
        for i in 0 ... count {
            let s = bytes.u32(starts + 4 * i)
            guard s >= previous, i > 0 || s == 0 else { throw ImageError("its reading starts are not ascending") }
            previous = s
        }
        let strings = try header.section(header.field(max: size), count: Int(previous), width: 1)
        let cells = try header.section(header.field(max: size), count: cellCount, width: 2)
        for i in 0 ..< cellCount {
            let v = bytes.u16(cells + 2 * i)
            guard v == none || Int(v) < count else { throw ImageError("a cell's reading number is out of range") }
        }
        return GBKReadings(storage: storage, readingCount: count, starts: starts, strings: strings, cells: cells)
    }

    private func cell(lead: UInt8, trail: UInt8) -> UInt16 {
        guard lead >= 0x81, lead <= 0xFE, trail >= 0x40, trail <= 0xFE else { return Self.none }
        return storage.buffer.u16(cells + 2 * (Int(lead - 0x81) * GBKPairs.trailCount + Int(trail - 0x40)))
    }

    private func bytes(ofReading k: Int) -> UnsafeRawBufferPointer {
        let b = storage.buffer
        let from = Int(b.u32(starts + 4 * k)), to = Int(b.u32(starts + 4 * k + 4))
        return UnsafeRawBufferPointer(rebasing: b[(strings + from) ..< (strings + to)])
    }

    /// The main reading of the character GBK's bytes `lead`, `trail` spell, nil for none.
    func reading(lead: UInt8, trail: UInt8) -> String? {
        let v = cell(lead: lead, trail: trail)
        return v == Self.none ? nil : String(decoding: bytes(ofReading: Int(v)), as: UTF8.self)
    }

    /// The reading's number, nil when no GBK character has it as its main one. A binary search
    /// on UTF-8 bytes (the file's order: code point order); the crawl's tone letters are
    /// precomposed, as the file's are.
    func number(of reading: String) -> UInt16? {
        var utf8 = Array(reading.utf8)
        // Lowercase ASCII only: tone letters are lowercase already.
        for k in utf8.indices where (0x41 ... 0x5A).contains(utf8[k]) { utf8[k] |= 0x20 }
        var lo = 0, hi = readingCount
        while lo < hi {
            let mid = (lo + hi) >> 1
            if bytes(ofReading: mid).lexicographicallyPrecedes(utf8) { lo = mid + 1 } else { hi = mid }
        }
        return lo < readingCount && bytes(ofReading: lo).elementsEqual(utf8) ? UInt16(lo) : nil
    }

    /// The bytes `b` (0x81–0xFE) for which GBK's `first`, `b` spell a character read `reading`:
    /// given the byte before a lost character and its noise, its possible first bytes.
    func seconds(after first: UInt8, reading: String) -> [UInt8] {
        trails(lead: first, reading: reading, from: 0x81)
    }

    /// The second bytes (`from`–0xFE; GBK's start at 0x40) of the characters of row `lead` whose
    /// main reading is `reading`.
    func trails(lead: UInt8, reading: String, from: UInt8 = 0x40) -> [UInt8] {
        guard lead >= 0x81, lead <= 0xFE, let k = number(of: reading) else { return [] }
        // (The row's cells read in place, a load each: through `cell`'s checks and a filter's
        // closure, ~25 instructions a cell, and the lost-character repair asks this of a whole
        // row once or twice a fragment.)
        let b = storage.buffer, row = cells + 2 * Int(lead - 0x81) * GBKPairs.trailCount
        var found: [UInt8] = []
        for trail in Int(max(from, 0x40)) ... 0xFE where b.u16(row + 2 * (trail - 0x40)) == k { found.append(UInt8(trail)) }
        return found
    }
}
