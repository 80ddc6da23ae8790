/// What the lines cleaned so far tell the repairs of the next one. `LineCleaner` hands it to
/// every repair (`LineRepair.repair(_:into:counters:memory:)`); `CleanStage` keeps one for the
/// stream and forgets the page's part where a page starts.
public struct CleaningMemory {
    /// The character each lost-character noise stood for on this page (`LostCharacterRepair`).
    public var lost = LostCharacterMemory()
    /// Whether the lines around read as traditional (`TraditionalConversion`).
    public var script = ScriptContext()

    public init() {}

    /// Where a page starts: what its lost characters taught belonged to the page before. The
    /// line before stays the line before (a `cat` of one site's pages shares its script).
    public mutating func forgetPage() { lost.forget() }
}

/// The script of a line's neighbourhood, for a line that holds no character telling traditional
/// from simplified text (`他看著我。`: every character is used by both, and ICU's table changes
/// 著): it is converted when the line before it was read as traditional, or when the crawler
/// annotated one of its characters that conversion changes (annotators mark traditional text).
public struct ScriptContext {
    /// The last non-empty line was converted as traditional.
    var lineBeforeIsTraditional = false
    /// The line being cleaned lost a pinyin annotation after a character conversion changes
    /// (`PinyinAnnotationRemoval`); reset once the line is converted or left.
    var lineWasAnnotated = false

    public init() {}
}
