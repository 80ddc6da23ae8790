/// The Traditional→Simplified converter's tables (`TraditionalToSimplified`) in binary form,
/// mapped and read in place: `t2s.bin` (ICU's rules with civ's exceptions) and `t2s-icu.bin`
/// (ICU's alone), made from `traditional-simplified.tsv` and `t2s-exceptions.tsv` by
/// `scripts/generate-t2s-table --binary`. Building the tables from the TSVs at every start-up
/// was a sixth of a small page's instructions. The TSVs stay the reviewable source; a test
/// checks the images against the installed ICU's rules.
///
/// Layout, little-endian, sections 8-byte aligned:
///
///     "CIVT2S\0\0", then UInt64 fields: version (1), file size, flags (1: a key is ASCII,
///       2: every value keeps its key's scalar count), longest key in bytes, most output bytes
///       per input byte, rule count; the BMP table's offset (0x10000 UInt32); the supplementary
///       entries' count and the offsets of their keys and entries (UInt32 each, keys ascending);
///       the pool's size and offset (bytes, ending in 16 zeros); the phrases' count and offset,
///       the groups' count and offset
///     phrase, 28 bytes: head, head mask (UInt32), rest, rest length, value, value length,
///       changes (Int32): `TraditionalToSimplified.Phrase`
///     group, 32 bytes: start, count, fallback, fallback length, fallback changes (Int32),
///       4 zero bytes, next bits (UInt64): `TraditionalToSimplified.Group`
///
/// The phrases and groups are read as those structs where they lie: the loader checks that
/// this build lays them out so (and every offset and index, so no scan can leave the file).
struct ConversionImage: @unchecked Sendable {
    static let magic: [UInt8] = Array("CIVT2S\0\0".utf8)
    static let version: UInt64 = 1
    static let bmpEntries = 0x10000
    static let phraseBytes = 28
    static let groupBytes = 32
    private static let asciiKeysFlag = 1, lengthPreservingFlag = 2

    static func name(icuExact: Bool) -> String { icuExact ? "t2s-icu.bin" : "t2s.bin" }

    let storage: ImageBytes
    /// The tables, pointing into `storage`.
    let tables: ConversionTables

    init(_ storage: ImageBytes, name: String) throws(ImageError) {
        typealias Phrase = TraditionalToSimplified.Phrase
        typealias Group = TraditionalToSimplified.Group
        guard UInt32(1).littleEndian == 1, MemoryLayout<Phrase>.stride == Self.phraseBytes, MemoryLayout<Group>.stride == Self.groupBytes,
              MemoryLayout<Phrase>.offset(of: \.changes) == 24, MemoryLayout<Group>.offset(of: \.fallbackChanges) == 16,
              MemoryLayout<Group>.offset(of: \.nextBits) == 24 else {
            throw ImageError("this build lays the conversion tables out otherwise than the image")
        }
        self.storage = storage
        let bytes = storage.buffer
        var header = try ImageHeaderReader(bytes, magic: Self.magic, version: Self.version, fieldCount: 16)
        let size = UInt64(bytes.count)
        let flags = try header.field(max: 3)
        let maxKeyBytes = try header.field(max: 1 << 16)
        let maxExpansion = try header.field(max: 1 << 16)
        let ruleCount = try header.field(max: size)
        let base = bytes.baseAddress!
        let bmp = (base + (try header.section(header.field(max: size), count: Self.bmpEntries, width: 4))).assumingMemoryBound(to: UInt32.self)
        let supplementaryCount = try header.field(max: size)
        let supplementaryKeys = (base + (try header.section(header.field(max: size), count: supplementaryCount, width: 4))).assumingMemoryBound(to: UInt32.self)
        let supplementaryEntries = (base + (try header.section(header.field(max: size), count: supplementaryCount, width: 4))).assumingMemoryBound(to: UInt32.self)
        let poolCount = try header.field(max: size)
        let pool = (base + (try header.section(header.field(max: size), count: poolCount, width: 1))).assumingMemoryBound(to: UInt8.self)
        let phraseCount = try header.field(max: size)
        let phrases = (base + (try header.section(header.field(max: size), count: phraseCount, width: Self.phraseBytes))).assumingMemoryBound(to: Phrase.self)
        let groupCount = try header.field(max: size)
        let groupsOffset = try header.section(header.field(max: size), count: groupCount, width: Self.groupBytes)
        guard groupsOffset % 8 == 0 else { throw ImageError("its groups are not 8-byte aligned") }
        guard maxKeyBytes >= 4, maxExpansion >= 1, poolCount >= TraditionalToSimplified.padding + 1 else { throw ImageError("its limits are out of range") }
        tables = ConversionTables(
            bmp: bmp, supplementaryKeys: supplementaryKeys, supplementaryEntries: supplementaryEntries, supplementaryCount: supplementaryCount,
            pool: pool, poolCount: poolCount, phrases: phrases, phraseCount: phraseCount,
            groups: (base + groupsOffset).assumingMemoryBound(to: Group.self), groupCount: groupCount,
            asciiKeys: flags & Self.asciiKeysFlag != 0, lengthPreserving: flags & Self.lengthPreservingFlag != 0,
            maxKeyBytes: maxKeyBytes, maxExpansion: maxExpansion, ruleCount: ruleCount)
        try check()
    }

    /// Every entry, phrase and group points inside the pool, the phrases and the groups.
    private func check() throws(ImageError) {
        let t = tables
        // (Values are copied in whole words: up to `padding` bytes past their end are read.)
        let poolEnd = t.poolCount - TraditionalToSimplified.padding
        func inPool(_ offset: Int, _ length: Int) -> Bool { offset >= 0 && length >= 0 && offset <= poolEnd && length <= poolEnd - offset }
        func entryIsValid(_ e: UInt32) -> Bool {
            if e == 0 { return true }
            if e & TraditionalToSimplified.groupFlag != 0 { return Int(e & ~TraditionalToSimplified.groupFlag) < t.groupCount }
            return inPool(Int(e & TraditionalToSimplified.offsetMask), Int(e >> 24))
        }
        for cp in 0 ..< Self.bmpEntries where !entryIsValid(t.bmp[cp]) { throw ImageError("a table entry (U+\(String(cp, radix: 16))) lies outside it") }
        for i in 0 ..< t.supplementaryCount {
            guard entryIsValid(t.supplementaryEntries[i]), i == 0 || t.supplementaryKeys[i - 1] < t.supplementaryKeys[i] else {
                throw ImageError("a supplementary entry is out of order or lies outside it")
            }
        }
        for k in 0 ..< t.phraseCount {
            let p = t.phrases[k]
            guard inPool(Int(p.rest), Int(p.restLength)), inPool(Int(p.value), Int(p.valueLength)), Int(p.restLength) <= t.maxKeyBytes else {
                throw ImageError("a phrase lies outside it")
            }
        }
        for g in 0 ..< t.groupCount {
            let group = t.groups[g]
            guard group.start >= 0, group.count >= 0, Int(group.start) + Int(group.count) <= t.phraseCount,
                  inPool(Int(group.fallback), Int(group.fallbackLength)) else { throw ImageError("a group lies outside it") }
        }
    }
}

extension TraditionalToSimplified {
    /// The converter's tables as an image (`ConversionImage`).
    func imageBytes() -> [UInt8] {
        let t = tables
        var w = ImageWriter()
        w.append(ConversionImage.magic)
        w.append(ConversionImage.version)
        let sizeField = w.reserve()
        w.append(UInt64((t.asciiKeys ? 1 : 0) | (t.lengthPreserving ? 2 : 0)))
        w.append(UInt64(t.maxKeyBytes))
        w.append(UInt64(t.maxExpansion))
        w.append(UInt64(t.ruleCount))
        let bmpField = w.reserve()
        w.append(UInt64(t.supplementaryCount))
        let keysField = w.reserve(), entriesField = w.reserve()
        w.append(UInt64(t.poolCount))
        let poolField = w.reserve()
        w.append(UInt64(t.phraseCount))
        let phrasesField = w.reserve()
        w.append(UInt64(t.groupCount))
        let groupsField = w.reserve()
        w.set(bmpField, to: w.align())
        for cp in 0 ..< ConversionImage.bmpEntries { w.append(t.bmp[cp]) }
        w.set(keysField, to: w.align())
        for i in 0 ..< t.supplementaryCount { w.append(t.supplementaryKeys[i]) }
        w.set(entriesField, to: w.align())
        for i in 0 ..< t.supplementaryCount { w.append(t.supplementaryEntries[i]) }
        w.set(poolField, to: w.align())
        w.append(Array(UnsafeBufferPointer(start: t.pool, count: t.poolCount)))
        w.set(phrasesField, to: w.align())
        for k in 0 ..< t.phraseCount {
            let p = t.phrases[k]
            for field in [Int32(bitPattern: p.head), Int32(bitPattern: p.headMask), p.rest, p.restLength, p.value, p.valueLength, p.changes] { w.append(field) }
        }
        w.set(groupsField, to: w.align())
        for g in 0 ..< t.groupCount {
            let group = t.groups[g]
            for field in [group.start, group.count, group.fallback, group.fallbackLength, group.fallbackChanges, 0] { w.append(field) }
            w.append(group.nextBits)
        }
        w.align()
        w.set(sizeField, to: w.offset)
        return w.bytes
    }
}
