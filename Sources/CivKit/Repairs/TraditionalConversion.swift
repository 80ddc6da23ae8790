/// Converts a line to Simplified Chinese and counts the characters that changed: ICU's
/// `Traditional-Simplified` through the table-driven `TraditionalToSimplified` (with civ's
/// conversion exceptions unless `--icu-exact`).
///
/// With `detection`, only traditional lines are converted: a line that conversion would change
/// but that holds no character only traditional text uses is simplified text and stays as it is
/// (`traditional.left-simplified`), as does a line with kana (`traditional.left-japanese`);
/// converted lines count as `traditional.lines`. A line with no character that tells either way
/// (`他看著我。`) follows its neighbourhood (`ScriptContext`): converted after a line read as
/// traditional or where the crawler annotated it (`traditional.by-context`), else left.
/// Without `detection` (`--icu-exact`), every line is converted, as ICU would.
public struct TraditionalConversion: LineRepair {
    public let name = "traditional"
    public let converter: TraditionalToSimplified
    public let detection: ScriptDetection?

    public init(converter: TraditionalToSimplified, detection: ScriptDetection? = nil) {
        self.converter = converter
        self.detection = detection
    }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        var memory = CleaningMemory()
        return repair(line, into: &output, counters: &counters, memory: &memory)
    }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters, memory: inout CleaningMemory) -> Bool {
        let annotated = memory.script.lineWasAnnotated, afterTraditional = memory.script.lineBeforeIsTraditional
        memory.script.lineWasAnnotated = false
        memory.script.lineBeforeIsTraditional = false
        // A line conversion leaves alone costs one scan and no copy.
        guard let start = converter.firstChange(utf8: line) else { return false }
        if let detection {
            switch detection.decided(line) {
            case .traditional: counters.add(.traditionalLines)
            case .simplified: counters.add(.traditionalLeftSimplified); return false
            case .japanese: counters.add(.traditionalLeftJapanese); return false
            case nil:
                guard annotated || afterTraditional else { counters.add(.traditionalLeftSimplified); return false }
                counters.add(Self.byContext)
            }
        }
        memory.script.lineBeforeIsTraditional = true
        output.removeAll(keepingCapacity: true)
        counters.add(.traditional, converter.convert(utf8: line, from: start, into: &output))
        return true
    }

    /// Lines with no character that tells, converted for their neighbourhood (`ScriptContext`).
    static let byContext = "traditional.by-context"
}
