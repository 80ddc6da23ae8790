/// Readings of characters (`pinyin.tsv`, from pypinyin / Unihan), both ways: a character's
/// readings, and the characters read a given way, with or without tone.
public final class PinyinTable: Sendable {
    /// The bundled table, loaded on first use.
    public static let shared = PinyinTable(lines: DataFile.lines("pinyin.tsv"))

    private let readingsByCharacter: [Unicode.Scalar: [String]]
    private let charactersByReading: [String: [Unicode.Scalar]]
    private let charactersByToneless: [String: [Unicode.Scalar]]

    /// Parses `char<TAB>reading reading …` lines; characters keep their order in the file.
    public init(lines: [String]) {
        var byCharacter: [Unicode.Scalar: [String]] = [:]
        var byReading: [String: [Unicode.Scalar]] = [:]
        var byToneless: [String: [Unicode.Scalar]] = [:]
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, let c = fields[0].unicodeScalars.first, fields[0].unicodeScalars.count == 1 else { continue }
            let readings = fields[1].split(separator: " ").map { $0.lowercased() }
            byCharacter[c] = readings
            for r in readings where byReading[r]?.last != c { byReading[r, default: []].append(c) }
            for r in Set(readings.map(Self.toneless)) { byToneless[r, default: []].append(c) }
        }
        readingsByCharacter = byCharacter
        charactersByReading = byReading
        charactersByToneless = byToneless
    }

    /// The character's readings, most common first; empty when unknown.
    public func readings(of c: Unicode.Scalar) -> [String] { readingsByCharacter[c] ?? [] }

    /// Characters with this tone-marked reading (`bào`). String equality is canonical, so
    /// decomposed tone marks match too.
    public func characters(reading: String) -> [Unicode.Scalar] {
        charactersByReading[reading.lowercased()] ?? []
    }

    /// Characters with this reading in any tone (`bao`, `bào`, `lv`, `lü` all work).
    public func characters(tonelessReading reading: String) -> [Unicode.Scalar] {
        charactersByToneless[Self.toneless(reading.lowercased())] ?? []
    }

    /// The reading without tone marks, `ü` kept (`lǜ` → `lü`; `v` written for `ü` becomes `ü`).
    public static func toneless(_ reading: String) -> String {
        var out = String.UnicodeScalarView()
        for s in reading.unicodeScalars {
            if let base = toneBase[s] { out.append(base) }
            else if s == "v" { out.append("ü") }
            else if s.value >= 0x300 && s.value <= 0x36F {
                // Combining marks: drop tones, but a combining diaeresis makes u into ü.
                if s.value == 0x308, out.last == "u" { out.removeLast(); out.append("ü") }
            } else { out.append(s) }
        }
        return String(out)
    }

    private static let toneBase: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (base, marked) in [("a", "āáǎà"), ("e", "ēéěè"), ("i", "īíǐì"), ("o", "ōóǒò"), ("u", "ūúǔù"),
                               ("ü", "ǖǘǚǜ"), ("ê", "\u{1EBF}\u{1EC1}"), ("m", "ḿ"), ("n", "ńňǹ")] as [(Unicode.Scalar, String)] {
            for m in marked.unicodeScalars { table[m] = base }
        }
        return table
    }()
}
