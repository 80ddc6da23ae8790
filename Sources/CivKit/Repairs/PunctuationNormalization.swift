/// Restores full-width punctuation in Chinese prose. The pages went through NFKC, which turned
/// `，：；？！（）` into ASCII; a mark becomes full-width again when it stands in Chinese
/// context (a Han character or CJK punctuation on its left, or on its right for `(`), so
/// `10:34`, `1,000`, `http://` and English stay ASCII.
public struct PunctuationNormalization: LineRepair {
    public let name = "punctuation"

    public init() {}

    /// The full-width form of an ASCII mark this repair widens, or 0.
    @inline(__always)
    static func fullWidth(_ b: UInt8) -> UInt32 {
        switch b {
        case 0x2C: return 0xFF0C // ，
        case 0x3A: return 0xFF1A // ：
        case 0x3B: return 0xFF1B // ；
        case 0x3F: return 0xFF1F // ？
        case 0x21: return 0xFF01 // ！
        case 0x28: return 0xFF08 // （
        case 0x29: return 0xFF09 // ）
        default: return 0
        }
    }

    /// The marks this repair may produce.
    @inline(__always)
    static func isWidened(_ v: UInt32) -> Bool {
        switch v {
        case 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01, 0xFF08, 0xFF09: return true
        default: return false
        }
    }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        var changed = 0
        var copiedUpTo = 0
        // For each open `(`: was it made full-width? A bit stack; deeper nesting than 64 is
        // not prose, and its extra levels count as not widened.
        var openStack: UInt64 = 0
        var depth = 0
        var next = 0
        while true {
            let i = UTF8Bytes.nextASCII(line, from: next)
            guard i < line.count else { break }
            next = i + 1
            let b = line[i]
            let wide = Self.fullWidth(b)
            guard wide != 0 else { continue }
            // The left neighbour as already repaired (a widened mark is CJK punctuation). Most
            // marks follow a Han character (lead byte E5–E9, U+5000–U+9FFF): read in place.
            var left: UInt32?
            let chineseLeft: Bool
            if i - copiedUpTo >= 3, (0xE5 ... 0xE9).contains(line[i - 3]), line[i - 2] & 0xC0 == 0x80, line[i - 1] & 0xC0 == 0x80 {
                left = UInt32(line[i - 3] & 0x0F) << 12 | UInt32(line[i - 2] & 0x3F) << 6 | UInt32(line[i - 1] & 0x3F)
                chineseLeft = true
            } else {
                left = UTF8Bytes.previousNonSpace(UnsafeBufferPointer(rebasing: line[copiedUpTo ..< i]), before: i - copiedUpTo)
                if left == nil, changed > 0 {
                    left = output.withUnsafeBufferPointer { UTF8Bytes.previousNonSpace($0, before: $0.count) }
                }
                chineseLeft = left.map(ScalarClass.isChineseContext) ?? false
            }
            // The right neighbour decides only for `(`, `,` and `:`; the other marks skip reading it.
            var right: UInt32? { UTF8Bytes.nextNonSpace(line, from: i + 1)?.value }
            // A mark on the right that this repair itself may widen does not count: the decision
            // must not depend on whether it was widened already (cleaning stays idempotent).
            func isChineseRight(_ right: UInt32?) -> Bool { right.map { ScalarClass.isChineseContext($0) && !Self.isWidened($0) } ?? false }
            let convert: Bool
            switch b {
            case 0x28: // (
                convert = chineseLeft || isChineseRight(right)
                if depth < 64 { openStack = openStack << 1 | (convert ? 1 : 0) }
                depth += 1
            case 0x29: // )
                if depth > 0 {
                    convert = depth <= 64 && openStack & 1 == 1
                    if depth <= 64 { openStack >>= 1 }
                    depth -= 1
                } else {
                    convert = chineseLeft
                }
            case 0x2C, 0x3A: // , :  Between two digits it is a number or a time: 1,000 and 10:34.
                // The right neighbour is read only where it decides: after a digit, or for a
                // comma without Chinese on its left.
                let leftDigit = left.map(ScalarClass.isASCIIDigit) ?? false
                let right = leftDigit || (!chineseLeft && b == 0x2C) ? right : nil
                let digits = leftDigit && (right.map(ScalarClass.isASCIIDigit) ?? false)
                convert = !digits && (chineseLeft || (b == 0x2C && isChineseRight(right)))
            default:
                convert = chineseLeft
            }
            guard convert else { continue }
            if changed == 0 { beginOutput(&output, with: line, upTo: i) }
            else { output.append(contentsOf: UnsafeBufferPointer(rebasing: line[copiedUpTo ..< i])) }
            // (Three appends in place: every mark is U+FF01–U+FF1F, three bytes.)
            output.append(0xEF)
            output.append(UInt8(0x80 | wide >> 6 & 0x3F))
            output.append(UInt8(0x80 | wide & 0x3F))
            copiedUpTo = i + 1
            changed += 1
        }
        guard changed > 0 else { return false }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: line[copiedUpTo...]))
        counters.add(.punctuation, changed)
        return true
    }
}
