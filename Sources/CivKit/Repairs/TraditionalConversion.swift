/// Converts a line to Simplified Chinese (ICU `Traditional-Simplified`, through the table-driven
/// `TraditionalToSimplified`) and counts the characters that changed.
public struct TraditionalConversion: LineRepair {
    public let name = "traditional"
    public let converter: TraditionalToSimplified

    public init(converter: TraditionalToSimplified) {
        self.converter = converter
    }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        // TEMPORARY: string round trip until the byte-level table converter lands.
        let text = String(decoding: line, as: UTF8.self)
        let converted = converter.convert(text)
        if converted == text { return false }
        let a = Array(text.unicodeScalars), b = Array(converted.unicodeScalars)
        let changed = a.count == b.count ? zip(a, b).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) } : max(1, abs(a.count - b.count))
        counters.add(.traditional, changed)
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: converted.utf8)
        return true
    }
}
