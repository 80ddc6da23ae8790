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
        @inline(__always) func startWriting() {
            if !writing { beginOutput(&output, with: line, upTo: same); writing = true }
        }
        var i = 0
        while i < n {
            let b = line[i]
            let v: UInt32, length: Int
            if b >= 0xE4 && b <= 0xE9 && i + 2 < n && line[i + 1] & 0xC0 == 0x80 && line[i + 2] & 0xC0 == 0x80 {
                // U+4000–U+9FFF: Han, never a space or punctuation; the common case. The whole run
                // of them is taken at once.
                var end = i + 3
                while end + 2 < n, (0xE4 ... 0xE9).contains(line[end]), line[end + 1] & 0xC0 == 0x80, line[end + 2] & 0xC0 == 0x80 { end += 3 }
                if pendingSpace {
                    if lastKeptIsCJKPunctuation { changes += 1; startWriting() } else if writing { output.append(0x20) }
                    pendingSpace = false
                }
                if writing { output.append(contentsOf: UnsafeBufferPointer(rebasing: line[i ..< end])) }
                else { same = end }
                hasKept = true
                lastKeptIsCJKPunctuation = false
                i = end
                continue
            }
            (v, length) = b < 0x80 ? (UInt32(b), 1) : UTF8Bytes.scalar(line, at: i)
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
                if isCJKPunctuation || lastKeptIsCJKPunctuation { changes += 1; startWriting() }
                else if writing { output.append(0x20) }
                pendingSpace = false
            }
            if writing { output.append(contentsOf: UnsafeBufferPointer(rebasing: line[i ..< i + length])) }
            else { same = i + length }
            hasKept = true
            lastKeptIsCJKPunctuation = isCJKPunctuation
            i += length
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
