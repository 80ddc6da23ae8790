/// A repair of one line of text. civ-clean runs its line repairs in a fixed order
/// (`LineCleaner.standard`), each a unit of its own with a stable name and its own counts.
public protocol LineRepair {
    /// Stable name; what the repair changed is counted under names starting with it.
    var name: String { get }
    func repair(_ line: String, counters: inout Counters) -> String
}

/// A repair that needs the whole document (boilerplate, repeated summaries).
public protocol DocumentRepair {
    var name: String { get }
    func repair(_ document: inout Record, counters: inout Counters)
}
