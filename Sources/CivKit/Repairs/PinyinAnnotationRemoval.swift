/// Removes the pinyin annotations a crawler put after characters: `萍鄉(xiāng)` → `萍鄉`.
///
/// An annotation is `(` + one Mandarin syllable + `)` right after a Han character. With a tone
/// mark it is always an annotation; without one (neutral tone: `麼(me)`) only after a character
/// that Traditional-Simplified would change, so `条款(a)` or `(站)` stay as they are.
/// Runs before conversion: an annotation inside `甚(shén)麼` would block ICU's phrase rules.
public struct PinyinAnnotationRemoval: LineRepair {
    public let name = "pinyin-annotation"
    /// The toneless syllables, one byte a letter (`letter`).
    private let syllables: PackedSyllableSet
    /// The annotations as pages spell them, `)` included (`xiāng)`), their bytes packed
    /// little-endian: the syllables bare and with each tone mark where pinyin puts it, each
    /// checked by `spelledSyllable`. Eight bytes after `(` are read as one word and looked up
    /// here at once; any other spelling is read letter by letter.
    private let spellings: PackedSyllableSet
    private let isTraditional: @Sendable (Unicode.Scalar) -> Bool
    /// Annotations that choose the simplified character are kept for it (read after conversion).
    private let choices: PinyinChoice?
    static let maxLetters = 7

    public init(isTraditional: @escaping @Sendable (Unicode.Scalar) -> Bool, keepingChoicesOf choices: PinyinChoice? = nil) {
        self.choices = choices
        // Read as bytes: a String a line made this table a tenth of civ-clean's start-up.
        var toneless: [UInt64] = []
        DataFile.forEachLine("pinyin-syllables.txt") { line in
            var key: UInt64 = 0, j = 0
            while j < line.count {
                let (v, length) = UTF8Bytes.scalar(line, at: j)
                guard let (base, _) = Self.letter(v) else { return }
                key = key << 8 | UInt64(base)
                j += length
            }
            toneless.append(key)
        }
        syllables = PackedSyllableSet(toneless)
        spellings = PackedSyllableSet(Self.commonSpellings(of: toneless, syllables: syllables), slotsPerKey: 2)
        self.isTraditional = isTraditional
    }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        var afterTraditional = false
        return removeAnnotations(line, into: &output, counters: &counters, afterTraditional: &afterTraditional)
    }

    /// Also tells conversion when an annotation followed a character it changes: crawlers
    /// annotate traditional text, so the line is traditional whatever its characters
    /// (`他看著(zhe)我。`; `ScriptContext`).
    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters, memory: inout CleaningMemory) -> Bool {
        var afterTraditional = false
        let removed = removeAnnotations(line, into: &output, counters: &counters, afterTraditional: &afterTraditional)
        if afterTraditional { memory.script.lineWasAnnotated = true }
        return removed
    }

    /// `afterTraditional`: set when an annotation removed followed a character conversion changes.
    private func removeAnnotations(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters,
                                   afterTraditional: inout Bool) -> Bool {
        guard let base = line.baseAddress, var (open, close) = nextAnnotation(line, from: 0) else { return false }
        // The output starts as a copy of the line (its length is an upper bound), and the kept
        // pieces are written over it from the line: one copy, no append per piece.
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: line)
        let n = line.count
        let written = output.withUnsafeMutableBufferPointer { out -> Int in
            let o = out.baseAddress!
            var written = open, removed = 0
            while true {
                removed += 1
                if !afterTraditional, let han = Unicode.Scalar(UTF8Bytes.scalar(line, endingAt: open).value) { afterTraditional = isTraditional(han) }
                let start = close + 1
                let next = nextAnnotation(line, from: start)
                let end = next?.open ?? n
                Self.copy(base + start, to: o + written, count: end - start, readable: n - start)
                written += end - start
                guard let next else { break }
                (open, close) = next
            }
            counters.add(.pinyinAnnotation, removed)
            return written
        }
        output.removeLast(output.count - written)
        return true
    }

    /// Copies a piece between annotations, by words where the words read stay in the line
    /// (`readable` bytes from `source`). The words written may pass the piece's end by up to 7
    /// bytes: the output is as long as the line and at least one annotation (3 bytes or more)
    /// was removed before the piece, and the next piece is written over them.
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int, readable: Int) {
        guard count + 8 <= readable else {
            target.update(from: source, count: count)
            return
        }
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        var k = 0
        while k < count {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
            k += 8
        }
    }

    /// The next annotation to remove at or after `from`: its `(` and `)`. One that chooses the
    /// simplified character (`choices`) is passed over.
    @inline(__always)
    func nextAnnotation(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> (open: Int, close: Int)? {
        let base = line.baseAddress!
        let n = line.count
        var from = start
        while from < n, let hit = memchr(base + from, 0x28 /* ( */, n - from) {
            let open = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            from = open + 1
            guard open > 0 else { continue }
            let han: UInt32
            // U+5000–U+9FFF (lead byte E5–E9) are Han: most annotated characters are.
            if open >= 3, base[open - 3] &- 0xE5 <= 4, base[open - 2] & 0xC0 == 0x80, base[open - 1] & 0xC0 == 0x80 {
                han = UInt32(base[open - 3] & 0x0F) << 12 | UInt32(base[open - 2] & 0x3F) << 6 | UInt32(base[open - 1] & 0x3F)
            } else {
                han = UTF8Bytes.scalar(line, endingAt: open).value
                guard han >= 0x5000 && han <= 0x9FFF || ScalarClass.isHan(han) else { continue }
            }
            guard let close = annotationEnd(line, open: open, after: han) else { continue }
            if choices?.choice(for: han, line, from: open + 1, to: close) != nil { from = close + 1; continue }
            return (open, close)
        }
        return nil
    }

    /// Index of the `)` closing a pinyin annotation that opens at `open`, or nil.
    @inline(__always)
    func annotationEnd(_ p: UnsafeBufferPointer<UInt8>, open: Int, after han: UInt32) -> Int? {
        // The common spelling: the eight bytes after `(` as one word, up to its first `)`.
        if open + 9 <= p.count {
            let word = UnsafeRawPointer(p.baseAddress! + open + 1).loadUnaligned(as: UInt64.self)
            let x = word ^ 0x2929_2929_2929_2929
            let closes = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
            if closes != 0 {
                // Bytes below the first `)` are exact (a borrow moves only up).
                let bits = closes.trailingZeroBitCount + 1
                let spelling = bits == 64 ? word : word & (1 << UInt64(bits) - 1)
                if spellings.contains(spelling) {
                    // A spelling with a byte above ASCII carries a tone mark (`commonSpellings`).
                    let toned = spelling & 0x8080_8080_8080_8080 != 0
                    return toned || isTraditional(Unicode.Scalar(han)!) ? open + bits / 8 : nil
                }
            }
        }
        guard let (close, toned) = Self.spelledSyllable(p, from: open + 1, in: syllables) else { return nil }
        return toned || isTraditional(Unicode.Scalar(han)!) ? close : nil
    }

    /// The `)` after a syllable spelt from `start` and whether it carried a tone mark, or nil.
    @inline(never)
    static func spelledSyllable(_ p: UnsafeBufferPointer<UInt8>, from start: Int, in syllables: PackedSyllableSet) -> (close: Int, toned: Bool)? {
        var key: UInt64 = 0
        var letters = 0
        var toned = false
        var j = start
        while j < p.count {
            // Most letters are ASCII: taken without the decoding below.
            let c = p[j]
            if c >= 0x61 && c <= 0x7A {
                guard letters < Self.maxLetters else { return nil }
                key = key << 8 | UInt64(c)
                letters += 1
                j += 1
                continue
            }
            if c == 0x29 /* ) */ {
                guard letters > 0, syllables.contains(key) else { return nil }
                return (j, toned)
            }
            guard letters < Self.maxLetters else { return nil }
            // Letters are ASCII or two-byte tone-marked vowels, read here without a call; ḿ
            // (three bytes) and anything else goes through the general decoder.
            let b = p[j]
            let v: UInt32, length: Int
            if b < 0x80 {
                (v, length) = (UInt32(b), 1)
            } else if b >= 0xC3 && b <= 0xC7 && j + 1 < p.count && p[j + 1] & 0xC0 == 0x80 {
                (v, length) = (UInt32(b & 0x1F) << 6 | UInt32(p[j + 1] & 0x3F), 2)
            } else {
                (v, length) = UTF8Bytes.scalar(p, at: j)
            }
            guard let (base, hasTone) = Self.letter(v) else { return nil }
            key = key << 8 | UInt64(base)
            toned = toned || hasTone
            letters += 1
            j += length
        }
        return nil
    }

    /// The spellings `spellings` holds: each syllable (`toneless`, packed as `syllables`) bare
    /// and with each tone mark on the letter pinyin marks (a, else e, else the o of ou, else the
    /// last vowel; the m or n of m, n, ng, hm, hng), `)` after it, packed little-endian; only
    /// those of at most 8 bytes that `spelledSyllable` reads as written (a bare ü reads untoned,
    /// though above ASCII: left to it).
    static func commonSpellings(of toneless: [UInt64], syllables: PackedSyllableSet) -> [UInt64] {
        // Each mark's UTF-8 bytes (packed little-endian, with their count) and toneless letter.
        let marks = toneMarks.map { mark -> (bytes: UInt64, count: Int, base: UInt8) in
            var bytes: UInt64 = 0, count = 0
            UTF8.encode(Unicode.Scalar(mark)!) { bytes |= UInt64($0) << UInt64(8 * count); count += 1 }
            return (bytes, count, letter(mark)!.0)
        }
        var keys: [UInt64] = []
        keys.reserveCapacity(toneless.count * 5)
        for syllable in toneless where syllable != 0 {
            let count = (64 - syllable.leadingZeroBitCount + 7) / 8
            let letter = { (i: Int) in UInt8(truncatingIfNeeded: syllable >> UInt64(8 * (count - 1 - i))) }
            var a = -1, e = -1, ou = -1, lastVowel = -1, nasal = -1
            for i in 0 ..< count {
                switch letter(i) {
                case 0x61: if a < 0 { a = i }
                case 0x65: if e < 0 { e = i }
                case 0x69, 0x6F, 0x75, 0x76:
                    if letter(i) == 0x75, i > 0, letter(i - 1) == 0x6F, ou < 0 { ou = i - 1 }
                    lastVowel = i
                case 0x6D, 0x6E: if nasal < 0 { nasal = i }
                default: break
                }
            }
            let marked = a >= 0 ? a : e >= 0 ? e : ou >= 0 ? ou : lastVowel >= 0 ? lastVowel : nasal
            let target = marked >= 0 ? letter(marked) : 0
            // -1: the syllable bare.
            for m in -1 ..< marks.count where m < 0 || marks[m].base == target {
                var spelling: UInt64 = 0, length = 0
                for i in 0 ..< count {
                    let (bytes, n): (UInt64, Int) = i == marked && m >= 0 ? (marks[m].bytes, marks[m].count)
                        : letter(i) == 0x76 ? (0xBC_C3, 2) /* ü */ : (UInt64(letter(i)), 1)
                    if length + n < 8 { spelling |= bytes << UInt64(8 * length) }
                    length += n
                }
                guard length < 8 else { continue }
                spelling |= 0x29 << UInt64(8 * length)
                length += 1
                let read = withUnsafeBytes(of: spelling) { raw in
                    spelledSyllable(UnsafeBufferPointer(rebasing: raw.assumingMemoryBound(to: UInt8.self)[0 ..< length]), from: 0, in: syllables)
                }
                guard let read, read.close == length - 1, read.toned == (spelling & 0x8080_8080_8080_8080 != 0) else { continue }
                keys.append(spelling)
            }
        }
        return keys
    }

    /// The tone-marked letters `letter` reads (ā á ǎ à … ḿ ń ň ǹ), in scalar order.
    static let toneMarks: [UInt32] = toneMarked.keys.map(\.value).sorted()

    /// A pinyin letter: its toneless form as one byte (`ü` as `v`, which pinyin never uses
    /// otherwise) and whether it carried a tone mark.
    @inline(__always)
    static func letter(_ v: UInt32) -> (UInt8, Bool)? {
        if v >= 0x61 && v <= 0x7A { return (UInt8(v), false) }
        switch v {
        case 0xFC: return (0x76, false) // ü
        case 0x101, 0xE1, 0x1CE, 0xE0: return (0x61, true) // a
        case 0x113, 0xE9, 0x11B, 0xE8: return (0x65, true) // e
        case 0x12B, 0xED, 0x1D0, 0xEC: return (0x69, true) // i
        case 0x14D, 0xF3, 0x1D2, 0xF2: return (0x6F, true) // o
        case 0x16B, 0xFA, 0x1D4, 0xF9: return (0x75, true) // u
        case 0x1D6, 0x1D8, 0x1DA, 0x1DC: return (0x76, true) // ü
        case 0x1E3F: return (0x6D, true) // m
        case 0x144, 0x148, 0x1F9: return (0x6E, true) // n
        default: return nil
        }
    }

    /// Tone-marked letters and their toneless base (the lost-character repair tells fragments by them).
    static let toneMarked: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        let groups: [(Unicode.Scalar, String)] = [
            ("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"), ("u", "ūúǔù"), ("ü", "ǖǘǚǜ"),
            ("m", "ḿ"), ("n", "ńňǹ"),
        ]
        for (base, marked) in groups { for m in marked.unicodeScalars { table[m] = base } }
        return table
    }()
}

/// A set of up to 8-letter syllables packed into `UInt64`s (never 0): open addressing with a
/// multiplicative hash. Every annotation is looked up in it, and `Set<UInt64>` hashes with
/// SipHash, several times slower for a few hundred fixed keys.
struct PackedSyllableSet: Sendable {
    private let slots: [UInt64]
    private let shift: UInt64

    /// `slotsPerKey`: the table's size over the keys' count (rounded up to a power of two).
    init(_ keys: [UInt64], slotsPerKey: Int = 4) {
        var bits: UInt64 = 4
        while (1 << bits) < keys.count * slotsPerKey { bits += 1 }
        var slots = [UInt64](repeating: 0, count: 1 << bits)
        shift = 64 - bits
        for key in keys where key != 0 {
            var i = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & (slots.count - 1) }
            slots[i] = key
        }
        self.slots = slots
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        guard key != 0 else { return false }
        var i = Int((key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let slot = slots[i]
            if slot == key { return true }
            if slot == 0 { return false }
            i = (i + 1) & (slots.count - 1)
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
