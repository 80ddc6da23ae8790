/// Runs the line repairs in their fixed order. The order matters:
/// 1. pinyin annotations go first, so ICU's phrase rules see `甚麼`, not `甚(shén)麼`;
/// 2. Traditional→Simplified;
/// 3. lost characters (`日?qǐng)?bào)` → `日报`), judged against simplified neighbours and while
///    their `?` and `)` are still ASCII; 4. spurious commas (`,、` → `、`); 5. punctuation back
///    to full width; 6. white space. Steps 3–6 decide on each other's results (a removed comma
///    changes a mark's neighbours, or completes a fragment), so they run as a group until
///    nothing changes. Each only removes characters or widens ASCII marks, so the group
///    settles, in one round on ordinary text, and cleaning a clean line changes nothing.
public final class LineCleaner {
    public let repairs: [any LineRepair]
    /// Run after `repairs`, repeatedly, until the line stops changing.
    public let settlingRepairs: [any LineRepair]
    /// A bound on the rounds, far above what any line needs (each round that changes something
    /// removes or widens at least one mark).
    static let maxSettlingRounds = 8

    public init(repairs: [any LineRepair], settlingRepairs: [any LineRepair] = []) {
        self.repairs = repairs
        self.settlingRepairs = settlingRepairs
    }

    /// The standard civ-clean sequence.
    public static func standard() throws -> LineCleaner {
        let converter = try TraditionalToSimplified()
        return LineCleaner(repairs: [
            PinyinAnnotationRemoval(isTraditional: converter.changes),
            TraditionalConversion(converter: converter),
        ], settlingRepairs: [
            LostCharacterRepair(),
            SpuriousCommaRemoval(),
            PunctuationNormalization(),
            WhitespaceNormalization(),
        ])
    }

    public func clean(_ line: String, counters: inout Counters) -> String {
        var text = line
        for repair in repairs { text = repair.repair(text, counters: &counters) }
        for _ in 0..<Self.maxSettlingRounds {
            let before = text
            for repair in settlingRepairs { text = repair.repair(text, counters: &counters) }
            if text == before { break }
        }
        return text
    }

    /// Cleans without counting (used to map split points back to raw offsets).
    public func clean(_ line: String) -> String {
        var scratch = Counters()
        return clean(line, counters: &scratch)
    }
}
