/// Normalizes white space: no-break, full-width and other Unicode spaces become ASCII spaces,
/// runs collapse to one, ends are trimmed, and a space next to full-width punctuation (which
/// carries its own width) is dropped: `（记者王瑞云） 3月3日` → `（记者王瑞云）3月3日`.
/// Zero-width spaces and stray byte-order marks go. A space between two Han characters stays,
/// even in prose where it is usually a stray (`引导市场 主体`): it also separates names
/// (`本报记者 王伟 李强 报道`), and those matter more to the facts than a stray space does.
public struct WhitespaceNormalization: LineRepair {
    public let name = "whitespace"

    public init() {}

    @inline(__always)
    static func isInvisible(_ v: UInt32) -> Bool { v == 0x200B || v == 0xFEFF }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        let n = line.count
        // Until the first change the output is the input: `line[..<same]`.
        var writing = false
        var same = 0
        var pendingSpace = false
        var changes = 0
        var hasKept = false
        var lastKeptIsCJKPunctuation = false
        // Where the last kept run of characters ends: its last character is classified only
        // when a space follows it (a run ends at every full-width mark, most of them no space's
        // neighbour). -1: `lastKeptIsCJKPunctuation` holds the answer.
        var lastKeptRunEnd = -1
        @inline(__always) func lastKeptIsCJK() -> Bool {
            lastKeptRunEnd >= 0 ? ScalarClass.isCJKPunctuation(UTF8Bytes.scalar(line, endingAt: lastKeptRunEnd).value) : lastKeptIsCJKPunctuation
        }
        @inline(__always) func startWriting() {
            if !writing { beginOutput(&output, with: line, upTo: same); writing = true }
        }
        var i = 0
        Self.mayStartSpace.withUnsafeBufferPointer { mayStartSpace in
            while i < n {
                // A run of characters none of which can be white space (most of a Chinese line):
                // only its first character decides a pending space, and only its last what
                // follows.
                var end = i
                while end < n {
                    let b = line[end]
                    if !mayStartSpace[Int(b)] { end += 1; continue }
                    // Most three-byte characters with those lead bytes are punctuation (`、。“”，：`),
                    // not white space: they stay in the run.
                    guard b >= 0xE2, end + 2 < n, line[end + 1] & 0xC0 == 0x80, line[end + 2] & 0xC0 == 0x80,
                          !Self.mayBeSpace(b, line[end + 1], line[end + 2]) else { break }
                    end += 3
                }
                if end > i {
                    if pendingSpace {
                        let first = UTF8Bytes.scalar(line, at: i).value
                        if ScalarClass.isCJKPunctuation(first) || lastKeptIsCJK() { changes += 1; startWriting() }
                        else if writing { output.append(0x20) }
                        pendingSpace = false
                    }
                    if writing { output.append(contentsOf: UnsafeBufferPointer(rebasing: line[i ..< end])) }
                    else { same = end }
                    hasKept = true
                    lastKeptRunEnd = end
                    i = end
                    continue
                }
                let (v, length) = UTF8Bytes.scalar(line, at: i)
                if Self.isInvisible(v) {
                    changes += 1
                    startWriting()
                    i += length
                    continue
                }
                if ScalarClass.isSpace(v) {
                    if v != 0x20 || pendingSpace || !hasKept { changes += 1; startWriting() }
                    if hasKept { pendingSpace = true }
                    i += length
                    continue
                }
                let isCJKPunctuation = ScalarClass.isCJKPunctuation(v)
                if pendingSpace {
                    if isCJKPunctuation || lastKeptIsCJK() { changes += 1; startWriting() }
                    else if writing { output.append(0x20) }
                    pendingSpace = false
                }
                if writing { output.append(contentsOf: UnsafeBufferPointer(rebasing: line[i ..< i + length])) }
                else { same = i + length }
                hasKept = true
                lastKeptIsCJKPunctuation = isCJKPunctuation
                lastKeptRunEnd = -1
                i += length
            }
        }
        if pendingSpace { changes += 1; startWriting() }
        guard changes > 0 else { return false }
        counters.add(.whitespace, changes)
        return true
    }

    /// Removes zero-width spaces and byte-order marks, counted as white space. The line
    /// cleaner does this first, so that no other repair sees an invisible neighbour that only
    /// this repair would remove later (cleaning stays idempotent).
    /// U+200B is E2 80 8B, U+FEFF is EF BB BF.
    static func hasInvisible(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Bytes.contains(p, zeroWidthSpace) || UTF8Bytes.contains(p, byteOrderMark)
    }

    /// The bytes that may begin white space or an invisible character: tab, space, and the lead
    /// bytes of U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2), U+3000 (E3), U+FEFF (EF). Never a
    /// continuation byte, so a scan for them cannot stop inside a character.
    static let mayStartSpace: [Bool] = (0 ... 255).map { [0x09, 0x20, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF].contains($0) }

    /// Whether the three-byte character `b0 b1 b2` (lead byte E2, E3 or EF) may be white space or
    /// invisible: U+2000–U+200B, U+202F, U+205F (E2 80 80–8B, E2 80 AF, E2 81 9F), U+3000
    /// (E3 80 80), U+FEFF (EF BB BF). Anything it lets by is decided by the scalar path.
    @inline(__always)
    static func mayBeSpace(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        switch b0 {
        case 0xE2: return (b1 == 0x80 && (b2 <= 0x8B || b2 == 0xAF)) || (b1 == 0x81 && b2 == 0x9F)
        case 0xE3: return b1 == 0x80 && b2 == 0x80
        case 0xEF: return b1 == 0xBB && b2 == 0xBF
        default: return true
        }
    }

    static let zeroWidthSpace: [UInt8] = [0xE2, 0x80, 0x8B]
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    public func removeInvisible(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        guard Self.hasInvisible(line) else { return false }
        output.removeAll(keepingCapacity: true)
        var removed = 0
        var i = 0
        while i < line.count {
            let (v, length) = UTF8Bytes.scalar(line, at: i)
            if Self.isInvisible(v) && length == 3 { removed += 1 }
            else { output.append(contentsOf: UnsafeBufferPointer(rebasing: line[i ..< i + length])) }
            i += length
        }
        counters.add(.whitespace, removed)
        return removed > 0
    }
}
