/// The pinyin table in binary form, queried in place: `pinyin.bin` mapped from disk, or an image
/// built in memory. Sorted tables for binary search: characters with their readings, and readings
/// (tone-marked, and toneless) with their characters.
///
/// Layout, little-endian, sections 8-byte aligned:
///
///     "CIVPINY\0", then UInt64 fields: version (1), file size, character count, then offsets:
///       characters, reading starts, reading numbers; then for the tone-marked and the toneless
///       readings each: reading count, then offsets: string starts, string bytes, character
///       starts, characters
///     characters: UInt32 scalar values, ascending; reading starts: UInt32 × (count + 1) into the
///       reading numbers: UInt32 indices of the character's tone-marked readings, in file order
///     readings: UTF-8 strings ascending in String order (canonical, as String compares), at UInt32
///       starts × (count + 1) into the bytes; each one's characters, UInt32 scalars in file order,
///       at UInt32 starts × (count + 1)
struct PinyinImage: @unchecked Sendable {
    static let magic: [UInt8] = Array("CIVPINY\0".utf8)
    static let version: UInt64 = 1

    /// Readings in String order, each with its characters.
    struct ReadingTable {
        var count = 0, stringStarts = 0, strings = 0, characterStarts = 0, characters = 0
    }

    let name: String
    private let storage: ImageBytes
    private let bytes: UnsafeRawBufferPointer
    private let characterCount: Int
    private let characters: Int
    private let readingStarts: Int
    private let readingNumbers: Int
    private let toned: ReadingTable
    private let toneless: ReadingTable

    /// Checks every index and scalar (the file is small), so no later read can leave it.
    init(_ storage: ImageBytes, name: String) throws(ImageError) {
        self.name = name
        self.storage = storage
        let bytes = storage.buffer
        self.bytes = bytes
        var header = try ImageHeaderReader(bytes, magic: Self.magic, version: Self.version, fieldCount: 14)
        let size = UInt64(bytes.count)
        characterCount = try header.field(max: size)
        characters = try header.section(header.field(max: size), count: characterCount, width: 4)
        readingStarts = try header.section(header.field(max: size), count: characterCount + 1, width: 4)
        let numberCount = try Self.checkStarts(bytes, readingStarts, count: characterCount)
        readingNumbers = try header.section(header.field(max: size), count: numberCount, width: 4)
        var tables: [ReadingTable] = []
        for _ in 0 ..< 2 {
            var t = ReadingTable()
            t.count = try header.field(max: size)
            t.stringStarts = try header.section(header.field(max: size), count: t.count + 1, width: 4)
            t.strings = try header.section(header.field(max: size), count: Self.checkStarts(bytes, t.stringStarts, count: t.count), width: 1)
            t.characterStarts = try header.section(header.field(max: size), count: t.count + 1, width: 4)
            let listed = try Self.checkStarts(bytes, t.characterStarts, count: t.count)
            t.characters = try header.section(header.field(max: size), count: listed, width: 4)
            try Self.checkScalars(bytes, t.characters, count: listed, ascending: false)
            tables.append(t)
        }
        toned = tables[0]
        toneless = tables[1]
        try Self.checkScalars(bytes, characters, count: characterCount, ascending: true)
        for i in 0 ..< numberCount where Int(bytes.u32(readingNumbers + 4 * i)) >= toned.count {
            throw ImageError("a reading number is out of range")
        }
    }

    /// Checks that `count + 1` starts rise from 0; returns the last, the length they index.
    private static func checkStarts(_ bytes: UnsafeRawBufferPointer, _ offset: Int, count: Int) throws(ImageError) -> Int {
        var previous: UInt32 = 0
        for i in 0 ... count {
            let s = bytes.u32(offset + 4 * i)
            guard s >= previous, i > 0 || s == 0 else { throw ImageError("a table's starts are not ascending") }
            previous = s
        }
        return Int(previous)
    }

    private static func checkScalars(_ bytes: UnsafeRawBufferPointer, _ offset: Int, count: Int, ascending: Bool) throws(ImageError) {
        var previous: UInt32?
        for i in 0 ..< count {
            let value = bytes.u32(offset + 4 * i)
            guard Unicode.Scalar(value) != nil, !ascending || previous.map({ $0 < value }) ?? true else {
                throw ImageError("a character table holds no Unicode scalar or is out of order")
            }
            previous = value
        }
    }

    // MARK: Queries

    /// The character's tone-marked readings, in file order.
    func readings(of c: Unicode.Scalar) -> [String] {
        guard let i = index(of: c) else { return [] }
        return (Int(bytes.u32(readingStarts + 4 * i)) ..< Int(bytes.u32(readingStarts + 4 * i + 4))).map {
            string(toned, Int(bytes.u32(readingNumbers + 4 * $0)))
        }
    }

    /// The first of `readings(of:)` alone: no array (the lost-character repair asks it of every
    /// candidate).
    func firstReading(of c: Unicode.Scalar) -> String? {
        guard let i = index(of: c) else { return nil }
        let from = Int(bytes.u32(readingStarts + 4 * i)), to = Int(bytes.u32(readingStarts + 4 * i + 4))
        return from < to ? string(toned, Int(bytes.u32(readingNumbers + 4 * from))) : nil
    }

    /// The character's position in `characters`, nil when it has no readings.
    private func index(of c: Unicode.Scalar) -> Int? {
        var lo = 0, hi = characterCount
        while lo < hi {
            let mid = (lo + hi) >> 1
            if bytes.u32(characters + 4 * mid) < c.value { lo = mid + 1 } else { hi = mid }
        }
        return lo < characterCount && bytes.u32(characters + 4 * lo) == c.value ? lo : nil
    }

    func characters(reading: String) -> [Unicode.Scalar] { characters(reading, in: toned) }

    func characters(toneless reading: String) -> [Unicode.Scalar] { characters(reading, in: toneless) }

    private func characters(_ reading: String, in table: ReadingTable) -> [Unicode.Scalar] {
        var lo = 0, hi = table.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if string(table, mid) < reading { lo = mid + 1 } else { hi = mid }
        }
        guard lo < table.count, string(table, lo) == reading else { return [] }
        let from = Int(bytes.u32(table.characterStarts + 4 * lo)), to = Int(bytes.u32(table.characterStarts + 4 * lo + 4))
        return (from ..< to).map { Unicode.Scalar(bytes.u32(table.characters + 4 * $0))! }  // checked on load
    }

    private func string(_ table: ReadingTable, _ i: Int) -> String {
        let from = Int(bytes.u32(table.stringStarts + 4 * i)), to = Int(bytes.u32(table.stringStarts + 4 * i + 4))
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[(table.strings + from) ..< (table.strings + to)]), as: UTF8.self)
    }

    // MARK: Building

    /// The image of `char<TAB>reading reading …` lines (readings lowercased; a character listed
    /// twice takes its last line's readings). The same lines give the same bytes.
    static func build(lines: [String]) -> [UInt8] {
        var byCharacter: [Unicode.Scalar: [String]] = [:]
        var byReading: [String: [Unicode.Scalar]] = [:]
        var byToneless: [String: [Unicode.Scalar]] = [:]
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, let c = fields[0].unicodeScalars.first, fields[0].unicodeScalars.count == 1 else { continue }
            let readings = fields[1].split(separator: " ").map { $0.lowercased() }
            byCharacter[c] = readings
            for r in readings where byReading[r]?.last != c { byReading[r, default: []].append(c) }
            for r in Set(readings.map(toneless)) { byToneless[r, default: []].append(c) }
        }
        let characters = byCharacter.keys.sorted { $0.value < $1.value }
        let readings = byReading.keys.sorted()
        var readingNumbers: [String: Int] = [:]  // canonical: finds a reading however it is spelled
        for (i, r) in readings.enumerated() { readingNumbers[r] = i }

        var out = ImageWriter()
        out.append(magic)
        out.append(version)
        let fileSize = out.reserve()
        out.append(UInt64(characters.count))
        let charactersField = out.reserve(), startsField = out.reserve(), numbersField = out.reserve()
        var tableFields: [[Int]] = []
        for table in [byReading, byToneless] {
            out.append(UInt64(table.count))
            tableFields.append((0 ..< 4).map { _ in out.reserve() })
        }
        out.set(charactersField, to: out.align())
        for c in characters { out.append(c.value) }
        out.set(startsField, to: out.align())
        var start = 0
        out.append(UInt32(start))
        for c in characters {
            start += byCharacter[c]!.count
            out.append(UInt32(start))
        }
        out.set(numbersField, to: out.align())
        for c in characters {
            for r in byCharacter[c]! { out.append(UInt32(readingNumbers[r]!)) }
        }
        for (table, fields) in zip([byReading, byToneless], tableFields) {
            let keys = table.keys.sorted()
            let utf8 = keys.map { Array($0.utf8) }
            let lists = keys.map { table[$0]! }
            out.set(fields[0], to: out.align())
            out.append(UInt32(0))
            var position = 0
            for s in utf8 { position += s.count; out.append(UInt32(position)) }
            out.set(fields[1], to: out.align())
            for s in utf8 { out.append(s) }
            out.set(fields[2], to: out.align())
            position = 0
            out.append(UInt32(0))
            for list in lists { position += list.count; out.append(UInt32(position)) }
            out.set(fields[3], to: out.align())
            for list in lists { for c in list { out.append(c.value) } }
        }
        out.set(fileSize, to: out.align())
        return out.bytes
    }

    /// The reading without tone marks, `ü` kept (`lǜ` → `lü`; `v` written for `ü` becomes `ü`).
    static func toneless(_ reading: String) -> String {
        var out = String.UnicodeScalarView()
        for s in reading.unicodeScalars {
            if let base = toneBase[s] { out.append(base) }
            else if s == "v" { out.append("ü") }
            else if s.value >= 0x300 && s.value <= 0x36F {
                // Combining marks: drop tones, but a combining diaeresis makes u into ü.
                if s.value == 0x308, out.last == "u" { out.removeLast(); out.append("ü") }
            } else { out.append(s) }
        }
        return String(out)
    }

    private static let toneBase: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (base, marked) in [("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"), ("u", "ūúǔù"),
                               ("ü", "ǖǘǚǜ"), ("ê", "\u{1EBF}\u{1EC1}"), ("m", "ḿ"), ("n", "ńňǹ")] as [(Unicode.Scalar, String)] {
            for m in marked.unicodeScalars { table[m] = base }
        }
        return table
    }()
}
