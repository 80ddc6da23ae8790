/// Converts a line to Simplified Chinese (ICU `Traditional-Simplified`) and counts the
/// characters that changed.
public final class TraditionalConversion: LineRepair {
    public let name = "traditional"
    public let converter: TraditionalToSimplified

    public init(converter: TraditionalToSimplified) {
        self.converter = converter
    }

    public func repair(_ line: String, counters: inout Counters) -> String {
        let converted = converter.convert(line)
        if converted == line { return line }
        // Phrase rules can change a phrase's length; count changed positions where lengths agree.
        let a = Array(line.unicodeScalars), b = Array(converted.unicodeScalars)
        let changed = a.count == b.count ? zip(a, b).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) } : max(1, abs(a.count - b.count))
        counters.add(name, changed)
        return converted
    }
}
