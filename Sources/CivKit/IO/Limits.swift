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
}
