/// Removes the pinyin annotations a crawler put after characters: `萍鄉(xiāng)` → `萍鄉`.
///
/// An annotation is `(` + one Mandarin syllable + `)` right after a Han character. With a tone
/// mark it is always an annotation; without one (neutral tone: `麼(me)`) only after a character
/// that Traditional-Simplified would change, so `条款(a)` or `(站)` stay as they are.
/// Runs before conversion: an annotation inside `甚(shén)麼` would block ICU's phrase rules.
public final class PinyinAnnotationRemoval: LineRepair {
    public let name = "pinyin-annotation"
    private let syllables: Set<String>
    private let isTraditional: (Unicode.Scalar) -> Bool
    static let maxLetters = 7

    public init(isTraditional: @escaping (Unicode.Scalar) -> Bool) {
        syllables = Set(DataFile.lines("pinyin-syllables.txt"))
        self.isTraditional = isTraditional
    }

    public func repair(_ line: String, counters: inout Counters) -> String {
        guard line.utf8.contains(UInt8(ascii: "(")) else { return line }
        let scalars = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        var removed = 0
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "(", i > 0, ScalarClass.isHan(scalars[i - 1]),
               let close = annotationEnd(scalars, open: i, after: scalars[i - 1]) {
                removed += 1
                i = close + 1
                continue
            }
            out.append(s)
            i += 1
        }
        guard removed > 0 else { return line }
        counters.add(name, removed)
        return String(out)
    }

    /// Index of the `)` closing a pinyin annotation that opens at `open`, or nil.
    func annotationEnd(_ scalars: [Unicode.Scalar], open: Int, after han: Unicode.Scalar) -> Int? {
        var toneless = String.UnicodeScalarView()
        var toned = false
        var j = open + 1
        while j < scalars.count, j - open <= Self.maxLetters + 1 {
            let c = scalars[j]
            if c == ")" {
                guard !toneless.isEmpty, syllables.contains(String(toneless)) else { return nil }
                return toned || isTraditional(han) ? j : nil
            }
            guard let (base, hasTone) = Self.letter(c) else { return nil }
            toneless.append(base)
            toned = toned || hasTone
            j += 1
        }
        return nil
    }

    /// A pinyin letter: its toneless form and whether it carried a tone mark.
    static func letter(_ c: Unicode.Scalar) -> (Unicode.Scalar, Bool)? {
        if c.value >= 0x61 && c.value <= 0x7A { return (c, false) }
        if c == "ü" { return (c, false) }
        if let base = toneMarked[c] { return (base, true) }
        return nil
    }

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
