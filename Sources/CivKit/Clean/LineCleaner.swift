/// Runs the line repairs in their fixed order. The order matters:
/// 1. pinyin annotations go first, so ICU's phrase rules see `甚麼`, not `甚(shén)麼`;
/// 2. Traditional→Simplified;
/// 3. lost characters (`日?qǐng)?bào)` → `日报`), judged against simplified neighbours and while
///    their `?` and `)` are still ASCII;
/// 4. punctuation back to full width in Chinese context; 5. white space, once punctuation widths
///    are known; 6. spurious commas last, judged on settled marks and spacing
///    (`, 、` → `，、` → `、`), so that cleaning a clean line changes nothing.
public final class LineCleaner {
    public let repairs: [any LineRepair]

    public init(repairs: [any LineRepair]) {
        self.repairs = repairs
    }

    /// The standard civ-clean sequence.
    public static func standard() throws -> LineCleaner {
        let converter = try TraditionalToSimplified()
        return LineCleaner(repairs: [
            PinyinAnnotationRemoval(isTraditional: converter.changes),
            TraditionalConversion(converter: converter),
            LostCharacterRepair(),
            PunctuationNormalization(),
            WhitespaceNormalization(),
            SpuriousCommaRemoval(),
        ])
    }

    public func clean(_ line: String, counters: inout Counters) -> String {
        var text = line
        for repair in repairs { text = repair.repair(text, counters: &counters) }
        return text
    }

    /// Cleans without counting (used to map split points back to raw offsets).
    public func clean(_ line: String) -> String {
        var scratch = Counters()
        return clean(line, counters: &scratch)
    }
}
