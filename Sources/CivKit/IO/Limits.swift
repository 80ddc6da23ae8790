/// The sizes that bound what any filter holds in memory, so that each stays under 64 MiB peak
/// resident memory whatever its input (`scripts/bench` measures it on a 100 MB line). News
/// pages are well under these; input past them is cut or rejected and counted, never held whole.
public enum Limits {
    /// Largest document (civ-clean) or record text (the other filters) held in memory; larger
    /// ones are rejected as `too-large` (civ-clean) or cut with `%truncated yes`.
    public static let maxDocumentBytes = 4 << 20
    /// Largest input line read whole: a longer line is cut there and the rest skipped, counted
    /// (civ-clean rejects its document as `too-large`).
    public static let maxLineBytes = 1 << 20
    /// Largest block of WARC headers kept for one record: headers past it are skipped, counted.
    public static let maxWARCHeaderBytes = 1 << 20
    /// Most fields one record keeps (a record of 300,000 distinct keys took 86 MiB in
    /// civ-jsonl): later ones are skipped, the record passed on with `%truncated yes`, counted.
    public static let maxFieldsPerRecord = 10_000
    /// Most text lines one record or document holds: memory goes with the lines as much as with
    /// the bytes (4 MiB of 16-byte lines took 96 MiB in civ-extract, 50,000 lines of a page 79 MiB). Past it, as past
    /// `maxDocumentBytes`.
    public static let maxLinesPerDocument = 20_000
}
