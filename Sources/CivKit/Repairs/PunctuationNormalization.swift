/// Restores full-width punctuation in Chinese prose. The pages went through NFKC, which turned
/// `，：；？！（）` into ASCII; a mark becomes full-width again when it stands in Chinese
/// context (a Han character or CJK punctuation on its left, or on its right for `(`), so
/// `10:34`, `1,000`, `http://` and English stay ASCII.
public struct PunctuationNormalization: LineRepair {
    public let name = "punctuation"

    public init() {}

    static let fullWidth: [Unicode.Scalar: Unicode.Scalar] = [
        ",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）",
    ]

    static let widened = Set(fullWidth.values)

    public func repair(_ line: String, counters: inout Counters) -> String {
        guard line.utf8.contains(where: { $0 == 0x2C || $0 == 0x3A || $0 == 0x3B || $0 == 0x3F || $0 == 0x21 || $0 == 0x28 || $0 == 0x29 }) else {
            return line
        }
        var scalars = Array(line.unicodeScalars)
        var changed = 0
        var openStack: [Bool] = [] // for each open `(`: was it made full-width?
        for i in scalars.indices {
            let s = scalars[i]
            guard let wide = Self.fullWidth[s] else { continue }
            let left = Self.neighbour(scalars, from: i, step: -1)
            let right = Self.neighbour(scalars, from: i, step: 1)
            let chineseLeft = left.map(ScalarClass.isChineseContext) ?? false
            // A mark on the right that this repair itself may widen does not count: the decision
            // must not depend on whether it was widened already (cleaning stays idempotent).
            let chineseRight = right.map { ScalarClass.isChineseContext($0) && !Self.widened.contains($0) } ?? false
            let convert: Bool
            switch s {
            case "(":
                convert = chineseLeft || chineseRight
                openStack.append(convert)
            case ")":
                convert = openStack.popLast() ?? chineseLeft
            case ",", ":":
                // Between two digits it is a number or a time: 1,000 and 10:34.
                let digits = (left.map(ScalarClass.isASCIIDigit) ?? false) && (right.map(ScalarClass.isASCIIDigit) ?? false)
                convert = !digits && (chineseLeft || (s == "," && chineseRight))
            default:
                convert = chineseLeft
            }
            if convert {
                scalars[i] = wide
                changed += 1
            }
        }
        guard changed > 0 else { return line }
        counters.add(name, changed)
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    /// The nearest scalar that is not a space, left (step -1) or right (step 1) of `i`.
    static func neighbour(_ scalars: [Unicode.Scalar], from i: Int, step: Int) -> Unicode.Scalar? {
        var j = i + step
        while j >= 0 && j < scalars.count {
            if !ScalarClass.isSpace(scalars[j]) { return scalars[j] }
            j += step
        }
        return nil
    }
}
