/// Drops the stray commas crawls leave before other punctuation: `乡镇,、园区` → `乡镇、园区`,
/// `,?` → `?`, `,。` → `。`, `,,` → `,`.
public struct SpuriousCommaRemoval: LineRepair {
    public let name = "spurious-comma"

    public init() {}

    static func isFollower(_ v: UInt32) -> Bool {
        switch v {
        case 0x2C, 0x3F, 0x21, 0x3B, 0x3A, 0x29, 0x2E: return true // , ? ! ; : ) .
        case 0x3001, 0x3002, 0xFF0C, 0xFF1F, 0xFF01, 0xFF1B, 0xFF1A, 0xFF09: return true // 、。，？！；：）
        case 0x300D, 0x300F, 0x201D, 0x300B: return true // 」』”》
        default: return false
        }
    }

    /// True when the line has a comma this repair would remove.
    public func hasSpuriousComma(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while let (at, fullWidth) = nextComma(line, from: i) {
            if isSpurious(line, at: at, fullWidth: fullWidth) { return true }
            i = at + 1
        }
        return false
    }

    /// The next `,` or `，` (EF BC 8C) at or after `from`.
    @inline(__always)
    func nextComma(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> (Int, Bool)? {
        var i = from
        let n = p.count
        while true {
            i = UTF8Bytes.firstIndex(of: 0x2C, or: 0xEF, in: p, from: i)
            guard i < n else { return nil }
            if p[i] == 0x2C { return (i, false) }
            if i + 2 < n && p[i + 1] == 0xBC && p[i + 2] == 0x8C { return (i, true) }
            i += 1
        }
    }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        var removed = 0
        var copiedUpTo = 0
        var from = 0
        while let (i, fullWidth) = nextComma(line, from: from) {
            let length = fullWidth ? 3 : 1
            from = i + length
            if isSpurious(line, at: i, fullWidth: fullWidth) {
                if removed == 0 { beginOutput(&output, with: line, upTo: i) }
                else { output.append(contentsOf: UnsafeBufferPointer(rebasing: line[copiedUpTo ..< i])) }
                removed += 1
                copiedUpTo = i + length
            }
        }
        guard removed > 0 else { return false }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: line[copiedUpTo...]))
        counters.add(.spuriousComma, removed)
        return true
    }

    /// A comma directly before another mark (spaces between allowed), in Chinese context: the
    /// comma is full-width, or Chinese stands left of it, or the mark is CJK punctuation, or
    /// Chinese stands right of an ASCII mark. `1,,2` and `a,.b` are left alone. Neighbours are
    /// read in the line as given, removed commas included.
    func isSpurious(_ p: UnsafeBufferPointer<UInt8>, at i: Int, fullWidth: Bool) -> Bool {
        // Most commas are followed by a Han character (lead byte E4–E9: U+4000–U+9FFF, neither
        // space nor mark; U+FFFD when malformed): no follower, decided without a call.
        let after = i + (fullWidth ? 3 : 1)
        if after < p.count, (0xE4 ... 0xE9).contains(p[after]) { return false }
        guard let (follower, j) = UTF8Bytes.nextNonSpace(p, from: i + (fullWidth ? 3 : 1)), Self.isFollower(follower) else { return false }
        if fullWidth || ScalarClass.isCJKPunctuation(follower) { return true }
        if let left = UTF8Bytes.previousNonSpace(p, before: i), ScalarClass.isChineseContext(left) { return true }
        if let (right, _) = UTF8Bytes.nextNonSpace(p, from: j + 1), ScalarClass.isChineseContext(right) { return true }
        return false
    }
}
