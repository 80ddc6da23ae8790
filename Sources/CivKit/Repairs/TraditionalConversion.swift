/// Converts a line to Simplified Chinese (ICU `Traditional-Simplified`, through the table-driven
/// `TraditionalToSimplified`, byte for byte what ICU's C API gives) and counts the characters
/// that changed.
public struct TraditionalConversion: LineRepair {
    public let name = "traditional"
    public let converter: TraditionalToSimplified

    public init(converter: TraditionalToSimplified) {
        self.converter = converter
    }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        // A simplified line costs one scan and no copy.
        output.removeAll(keepingCapacity: true)
        guard let changes = converter.convertIfChanged(utf8: line, into: &output) else { return false }
        counters.add(.traditional, changes)
        return true
    }
}
