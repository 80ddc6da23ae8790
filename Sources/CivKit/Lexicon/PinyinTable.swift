/// Readings of characters (`pinyin.tsv`, from pypinyin / Unihan), both ways: a character's
/// readings, and the characters read a given way, with or without tone.
///
/// Queried in place in a binary image (`PinyinImage`): the bundled one is `pinyin.bin`, generated
/// from `pinyin.tsv` and memory-mapped. Immutable, so one instance serves every thread.
public final class PinyinTable: Sendable {
    /// The bundled table, mapped on first use.
    public static let shared = PinyinTable(image: DataFile.image("pinyin.bin", source: "pinyin.tsv", PinyinImage.init))

    private let image: PinyinImage

    init(image: PinyinImage) { self.image = image }

    /// Parses `char<TAB>reading reading …` lines; characters keep their order in the file.
    public convenience init(lines: [String]) {
        do {
            self.init(image: try PinyinImage(ImageBytes(copying: PinyinImage.build(lines: lines)), name: "(built pinyin table)"))
        } catch {
            fatalError("civ: a pinyin table built in memory fails its own checks: \(error)")
        }
    }

    /// The character's readings, most common first; empty when unknown.
    public func readings(of c: Unicode.Scalar) -> [String] { image.readings(of: c) }

    /// The character's most common reading (the first of `readings(of:)`), nil when unknown.
    public func mainReading(of c: Unicode.Scalar) -> String? { image.firstReading(of: c) }

    /// Characters with this tone-marked reading (`bào`). String comparison is canonical, so
    /// decomposed tone marks match too.
    public func characters(reading: String) -> [Unicode.Scalar] {
        image.characters(reading: reading.lowercased())
    }

    /// Characters with this reading in any tone (`bao`, `bào`, `lv`, `lü` all work).
    public func characters(tonelessReading reading: String) -> [Unicode.Scalar] {
        image.characters(toneless: Self.toneless(reading.lowercased()))
    }

    /// The reading without tone marks, `ü` kept (`lǜ` → `lü`; `v` written for `ü` becomes `ü`).
    public static func toneless(_ reading: String) -> String { PinyinImage.toneless(reading) }
}
