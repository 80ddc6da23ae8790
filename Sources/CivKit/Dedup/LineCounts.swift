/// How many kept documents each prose line occurred in, approximately: a count-min sketch of
/// fixed size (4 rows of 2^20 saturating 8-bit counters, 4 MiB), whatever the stream's length.
///
/// A line that two unrelated kept documents share is a site's footer or template, not the
/// article: civ-dedup leaves such lines out of later documents' shingles, so that articles
/// sharing a long footer stop looking alike. Copies found as duplicates are not counted (their
/// lines are the first copy's), so an article's own lines stay uncommon. The sketch can only
/// overcount: a line may be taken for common (about 1% of lines at a million documents of five
/// prose lines), never the reverse.
public struct LineCounts {
    static let rowBits = 20
    private var cells: [UInt8]
    public let commonAt: Int

    public init(commonAt: Int = 2) {
        self.commonAt = commonAt
        cells = [UInt8](repeating: 0, count: 4 << Self.rowBits)
    }

    @inline(__always)
    private func slot(_ h: UInt64, _ row: Int) -> Int {
        let x = DedupHash.mix(h &+ UInt64(row) &* 0x9E37_79B9_7F4A_7C15)
        return row << Self.rowBits | Int(truncatingIfNeeded: x >> 40) & ((1 << Self.rowBits) - 1)
    }

    public func count(_ h: UInt64) -> Int {
        var c = Int(UInt8.max)
        for row in 0 ..< 4 { c = min(c, Int(cells[slot(h, row)])) }
        return c
    }

    public func isCommon(_ h: UInt64) -> Bool { commonAt > 0 && count(h) >= commonAt }

    /// Counts one document's prose lines (hashes, 0 for other lines), each line once.
    public mutating func add(document hashes: inout [UInt64]) {
        hashes.sort()
        var previous: UInt64 = 0
        for h in hashes where h != 0 && h != previous {
            previous = h
            for row in 0 ..< 4 {
                let s = slot(h, row)
                if cells[s] < UInt8.max { cells[s] += 1 }
            }
        }
    }
}
