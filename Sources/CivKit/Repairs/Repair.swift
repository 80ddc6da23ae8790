/// A repair of one line of text, on its UTF-8 bytes. civ-clean runs its line repairs in a fixed
/// order (`LineCleaner.standard`), each a unit of its own with a stable name and its own counts.
///
/// A repair first looks for anything to do, and on a line it would not change returns false
/// without writing: undamaged lines cost one scan per repair and no copy.
public protocol LineRepair: Sendable {
    /// Stable name; what the repair changed is counted under names starting with it.
    var name: String { get }
    /// Writes the repaired line into `output` (replacing its contents) and returns true, or
    /// returns false, leaving `output` undefined, when the line needs no repair. Given valid
    /// UTF-8, writes valid UTF-8 (civ-clean makes its lines' Strings without validating them).
    func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool
    /// The same, given what the lines before taught (`CleaningMemory`), which the repair may add
    /// to. Repairs that learn nothing from other lines keep the default, which ignores it.
    func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters, memory: inout CleaningMemory) -> Bool
}

extension LineRepair {
    @inline(__always)
    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters, memory: inout CleaningMemory) -> Bool {
        repair(line, into: &output, counters: &counters)
    }

    /// The repair on a string (tests, and the rare callers that hold strings).
    public func repair(_ line: String, counters: inout Counters) -> String {
        var input = line
        var output: [UInt8] = []
        let changed = input.withUTF8 { repair($0, into: &output, counters: &counters) }
        return changed ? String(decoding: output, as: UTF8.self) : line
    }

    /// Starts `output` as a copy of `line[..<end]`: a repair's first change comes at `end`.
    @inline(__always)
    func beginOutput(_ output: inout [UInt8], with line: UnsafeBufferPointer<UInt8>, upTo end: Int) {
        output.removeAll(keepingCapacity: true)
        output.reserveCapacity(line.count + 16)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<end]))
    }
}

/// A repair that needs the whole document (boilerplate, repeated summaries).
public protocol DocumentRepair {
    var name: String { get }
    func repair(_ document: inout Record, counters: inout Counters)
    /// The same repair, also saying which lines it took out of the text (`civ-clean --explain`).
    func repair(_ document: inout Record, counters: inout Counters, taken: inout [TakenLine])
}

/// A line a document repair took out of the text: its index among the lines the repair was
/// given, and the counter it went to (`dropped.KIND`, `moved.KIND`).
public struct TakenLine: Equatable, Sendable {
    public let index: Int
    public let counter: String
    public init(index: Int, counter: String) {
        self.index = index
        self.counter = counter
    }
}

extension DocumentRepair {
    public func repair(_ document: inout Record, counters: inout Counters) {
        var ignored: [TakenLine] = []
        repair(&document, counters: &counters, taken: &ignored)
    }
}
