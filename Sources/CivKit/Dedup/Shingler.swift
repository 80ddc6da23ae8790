/// Character shingles of a document's text, read off its UTF-8 bytes.
///
/// The text is read as a sequence of scalars with white space and punctuation skipped (ASCII
/// punctuation and spaces, CJK symbols and punctuation U+3000–U+303F, general punctuation
/// U+2000–U+206F, full-width forms' punctuation, line breaks): two copies that differ only
/// there read the same. A shingle is `size` consecutive kept scalars; each is hashed (a seeded
/// mix of its scalars) and handed to `body` as a 64-bit value, without allocating. A text with
/// fewer kept scalars than `size` but at least one gives one shingle of all of them.
///
/// With `proseLinesOnly` (the default), only prose lines are shingled: lines with a sentence end
/// (`。！？；!?;`) or at least `proseLineLength` kept scalars. Related-link lists, navigation,
/// titles and other short lines that civ-clean leaves (boilerplate it has no rule for) then do
/// not dilute the similarity of two copies of an article. A document without a prose line is
/// shingled whole. The content hash always covers every line.
public struct Shingler: Sendable {
    public let size: Int
    public let seed: UInt64
    public let proseLinesOnly: Bool

    public static let maxSize = 16
    public static let proseLineLength = 40

    public init(size: Int = 4, proseLinesOnly: Bool = true, seed: UInt64 = 0x6369_762D_6465_6475) {
        precondition(size >= 1 && size <= Self.maxSize, "shingle size must be in 1...\(Self.maxSize)")
        self.size = size
        self.seed = seed
        self.proseLinesOnly = proseLinesOnly
    }

    /// True when a line is prose: a sentence end, or at least `proseLineLength` kept scalars.
    public static func isProseLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var kept = 0
        var i = 0
        let n = p.count
        while i < n {
            let b = p[i]
            if b < 0x80 {
                if b == 0x21 || b == 0x3F || b == 0x3B { return true }   // ! ? ;
                i += 1
                if !isSkipped(UInt32(b)) { kept += 1 }
                continue
            }
            let s = UTF8Bytes.scalar(p, at: i)
            i += s.length
            switch s.value {
            case 0x3002, 0xFF01, 0xFF1F, 0xFF1B: return true          // 。！？；
            default: if !isSkipped(s.value) { kept += 1 }
            }
            if kept >= proseLineLength { return true }
        }
        return kept >= proseLineLength
    }

    /// True for scalars the shingles skip.
    @inline(__always)
    public static func isSkipped(_ v: UInt32) -> Bool {
        if v < 0x80 {
            // Keep ASCII letters and digits only.
            let lower = v | 0x20
            return !((v >= 0x30 && v <= 0x39) || (lower >= 0x61 && lower <= 0x7A))
        }
        if v >= 0x3000 && v <= 0x303F { return true }       // CJK symbols and punctuation, ideographic space
        if v >= 0x2000 && v <= 0x206F { return true }       // general punctuation, spaces
        if v >= 0xFF00 && v <= 0xFF0F { return true }       // full-width ！＂＃…／
        if v >= 0xFF1A && v <= 0xFF20 { return true }       // ：；＜＝＞？＠
        if v >= 0xFF3B && v <= 0xFF40 { return true }
        if v >= 0xFF5B && v <= 0xFF65 { return true }
        if v == 0xA0 || v == 0xFEFF || v == 0xFFFD || v == 0xB7 { return true }
        return false
    }

    /// Calls `body` with each shingle's hash, in order; returns the number of kept scalars.
    /// `contentHash` is set to a hash of the kept scalars (the text up to white space and
    /// punctuation), which decides exact duplicates.
    @discardableResult
    public func forEachShingle(of lines: [String], contentHash: inout UInt64, _ body: (UInt64) -> Void) -> Int {
        var hashes: [UInt64] = []
        return forEachShingle(of: lines, contentHash: &contentHash, lineHashes: &hashes, isCommon: { _ in false }) { h, _ in body(h) }
    }

    /// The hash of a line's kept scalars (never 0).
    @inline(__always)
    static func lineHash(_ p: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var h = DedupHash.mix(seed ^ 0x6C69_6E65)
        var i = 0
        while i < p.count {
            let s = UTF8Bytes.scalar(p, at: i)
            i += s.length
            if !isSkipped(s.value) { h = DedupHash.combine(h, UInt64(s.value)) }
        }
        return h == 0 ? 1 : h
    }

    /// As above, `body` also given the index of the line the shingle ends in; also sets `lineHashes[i]` to the hash of line `i` when it is a prose line (0
    /// otherwise), and leaves out of the shingles the prose lines `isCommon` names (lines that
    /// other, unrelated documents share: a site's footer), unless every prose line is common.
    @discardableResult
    public func forEachShingle(of lines: [String], contentHash: inout UInt64, lineHashes: inout [UInt64],
                               isCommon: (UInt64) -> Bool, _ body: (_ shingle: UInt64, _ line: Int) -> Void) -> Int {
        // Ring of the last `size` scalars, in a fixed-size buffer on the stack.
        var ring = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                    UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var kept = 0
        var content = DedupHash.mix(seed)
        let k = size
        // 0: shingle every line; 1: prose lines; 2: prose lines that are not common.
        var mode = 0
        lineHashes.removeAll(keepingCapacity: true)
        if proseLinesOnly {
            for var line in lines {
                let h: UInt64 = line.withUTF8 { Self.isProseLine($0) ? Self.lineHash($0, seed: seed) : 0 }
                lineHashes.append(h)
                if h != 0 {
                    mode = max(mode, 1)
                    if !isCommon(h) { mode = 2 }
                }
            }
        }
        withUnsafeMutableBytes(of: &ring) { raw in
            let r = raw.bindMemory(to: UInt64.self)
            for (index, var line) in lines.enumerated() {
                let shingled = mode == 0 || (lineHashes[index] != 0 && (mode == 1 || !isCommon(lineHashes[index])))
                line.withUTF8 { p in
                    var i = 0
                    let n = p.count
                    while i < n {
                        let v: UInt32
                        let b = p[i]
                        if b < 0x80 { v = UInt32(b); i += 1 } else {
                            let s = UTF8Bytes.scalar(p, at: i)
                            v = s.value
                            i += s.length
                        }
                        if Self.isSkipped(v) { continue }
                        content = DedupHash.combine(content, UInt64(v))
                        if !shingled { continue }
                        r[kept % k] = UInt64(v)
                        kept += 1
                        if kept >= k {
                            // Hash the window oldest first.
                            var h = seed
                            var j = kept - k
                            while j < kept {
                                h = DedupHash.combine(h, r[j % k])
                                j += 1
                            }
                            body(h, index)
                        }
                    }
                }
            }
            if kept > 0 && kept < k {
                var h = seed
                for j in 0 ..< kept { h = DedupHash.combine(h, r[j]) }
                body(h, lines.count - 1)
            }
        }
        contentHash = content
        return kept
    }
}
