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
    private let isTraditional: @Sendable (Unicode.Scalar) -> Bool
    /// Annotations that choose the simplified character are kept for it (read after conversion).
    private let choices: PinyinChoice?
    static let maxLetters = 7

    public init(isTraditional: @escaping @Sendable (Unicode.Scalar) -> Bool, keepingChoicesOf choices: PinyinChoice? = nil) {
        self.choices = choices
        syllables = PackedSyllableSet(DataFile.lines("pinyin-syllables.txt").compactMap { line in
            var key: UInt64 = 0
            for s in line.unicodeScalars {
                guard let (base, _) = Self.letter(s.value) else { return nil }
                key = key << 8 | UInt64(base)
            }
            return key
        })
        self.isTraditional = isTraditional
    }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        guard let base = line.baseAddress, var (open, close) = nextAnnotation(line, from: 0) else { return false }
        // Removing only shortens the line: the output starts as a copy of it, and each kept piece
        // after an annotation moves down in place (one copy of the line, no append per piece).
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: line)
        let written = output.withUnsafeMutableBufferPointer { out -> Int in
            var written = open, removed = 0
            while true {
                removed += 1
                let next = nextAnnotation(line, from: close + 1)
                let end = next?.open ?? line.count
                (out.baseAddress! + written).update(from: base + close + 1, count: end - close - 1)
                written += end - close - 1
                guard let next else { break }
                (open, close) = next
            }
            counters.add(.pinyinAnnotation, removed)
            return written
        }
        output.removeLast(output.count - written)
        return true
    }

    /// The next annotation to remove at or after `from`: its `(` and `)`. One that chooses the
    /// simplified character (`choices`) is passed over.
    @inline(__always)
    func nextAnnotation(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> (open: Int, close: Int)? {
        let base = line.baseAddress!
        var from = start
        while from < line.count, let hit = memchr(base + from, 0x28 /* ( */, line.count - from) {
            let open = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            from = open + 1
            guard open > 0 else { continue }
            let (han, _) = UTF8Bytes.scalar(line, endingAt: open)
            // U+5000–U+9FFF (lead byte E5–E9) are Han: most annotated characters are.
            guard han >= 0x5000 && han <= 0x9FFF || ScalarClass.isHan(han), let close = annotationEnd(line, open: open, after: han) else { continue }
            if choices?.choice(for: han, line, from: open + 1, to: close) != nil { from = close + 1; continue }
            return (open, close)
        }
        return nil
    }

    /// Index of the `)` closing a pinyin annotation that opens at `open`, or nil.
    func annotationEnd(_ p: UnsafeBufferPointer<UInt8>, open: Int, after han: UInt32) -> Int? {
        var key: UInt64 = 0
        var letters = 0
        var toned = false
        var j = open + 1
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
                return toned || isTraditional(Unicode.Scalar(han)!) ? j : nil
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

    init(_ keys: [UInt64]) {
        var bits: UInt64 = 4
        while (1 << bits) < keys.count * 4 { bits += 1 }
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
