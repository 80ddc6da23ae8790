/// A bottom-k sample of a document's shingles, each with the prose line it ends in: what
/// civ-dedup keeps of a document to verify a candidate pair more finely than MinHash can.
///
/// Every shingle gets one more 32-bit hash `g` (an entry packs `g << 32 | line`, so entries sort
/// by `g`); a kept document stores its `k` distinct entries of least `g`. The document being
/// decided has all its entries at hand, so against a stored sample the comparison is
/// coordinated sampling: below the stored sample's largest `g` (all of it when the stored
/// document has fewer than `k` shingles), both documents' shingles are fully known. From the
/// shingles there:
///
/// - Jaccard: shared / (either);
/// - containment of the smaller document in the larger: shared / the smaller's sampled shingles
///   (a truncated repost is mostly contained in the full article, whatever their Jaccard);
/// - coverage: the share of the smaller document's sampled shingles lying in lines of which at
///   least `lineShare` is shared. Edits spread over a repost leave every line mostly shared;
///   a template sibling or a shared footer shares whole lines and not the others (the
///   finer test that tells them apart at the same containment);
/// - the larger document's coverage, alike over its sampled shingles: a truncated repost or one
///   missing a paragraph leaves lines of its own in one copy only, while two articles sharing a
///   long footer each keep whole paragraphs of their own (both coverages short of 1).
public enum ShingleSketch {
    /// The sampling hash of a shingle (independent of the MinHash functions).
    @inline(__always)
    public static func entry(_ shingle: UInt64, line: Int) -> UInt64 {
        let g = DedupHash.mix(shingle ^ 0x736B_6574_6368_2121) >> 32
        return g << 32 | UInt64(min(line, 255))
    }

    @inline(__always) static func g(_ e: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: e >> 32) }
    @inline(__always) static func line(_ e: UInt64) -> Int { Int(e & 0xFF) }

    /// Sorts entries by `g` and keeps one entry per distinct `g` (its first line).
    public static func normalize(_ entries: inout [UInt64]) {
        entries.sort()
        guard entries.count > 1 else { return }
        var out = 1
        for i in 1 ..< entries.count where g(entries[i]) != g(entries[out - 1]) {
            entries[out] = entries[i]
            out += 1
        }
        entries.removeLast(entries.count - out)
    }

    public struct Comparison: Equatable, Sendable {
        public var jaccard: Double
        public var containment: Double
        public var coverage: Double
        /// The same share for the larger document's sampled shingles.
        public var largerCoverage: Double
        /// Shingles the estimates rest on (the smaller document's sample).
        public var sampled: Int
        /// The smaller document's distinct shingles over the larger's.
        public var sizeRatio: Double
        /// True when the stored document is the smaller one.
        public var storedIsSmaller: Bool
    }

    /// Compares the document at hand (`all`: every entry, normalized; `distinct`: its number of
    /// distinct shingles) with a stored sample (`stored`: the least `k` entries, sorted, of a
    /// document of `storedDistinct` distinct shingles). `lineCounts` is scratch (256 × 4), left
    /// zeroed for the next call (only the lines met are cleared: documents have few).
    public static func compare(all: UnsafeBufferPointer<UInt64>, distinct: Int,
                               stored: UnsafeBufferPointer<UInt64>, storedDistinct: Int, k: Int,
                               lineShare: Double, scratch lineCounts: inout [Int32]) -> Comparison {
        let ceiling: UInt32 = stored.count >= k ? g(stored[stored.count - 1]) : .max
        if lineCounts.count != 1024 { lineCounts = [Int32](repeating: 0, count: 1024) }
        // Sampled shingles by line: the document at hand's [line] sampled, [256 + line] shared;
        // the stored one's at 512 and 768.
        let mineSmaller = distinct <= storedDistinct
        var i = 0, j = 0, shared = 0, mineBelow = 0
        // Highest line met, each side (the ranges to read and clear).
        var mineLines = 0, storedLines = 0
        let n = all.count, m = stored.count
        while i < n && g(all[i]) <= ceiling {
            let a = g(all[i])
            while j < m && g(stored[j]) < a {
                lineCounts[512 + line(stored[j])] += 1
                storedLines = max(storedLines, line(stored[j]))
                j += 1
            }
            let hit = j < m && g(stored[j]) == a
            if hit {
                shared += 1
                lineCounts[512 + line(stored[j])] += 1; lineCounts[768 + line(stored[j])] += 1
                storedLines = max(storedLines, line(stored[j]))
                j += 1
            }
            lineCounts[line(all[i])] += 1
            if hit { lineCounts[256 + line(all[i])] += 1 }
            mineLines = max(mineLines, line(all[i]))
            mineBelow += 1
            i += 1
        }
        while j < m { lineCounts[512 + line(stored[j])] += 1; storedLines = max(storedLines, line(stored[j])); j += 1 }
        let union = mineBelow + m - shared
        let smallerSample = mineSmaller ? mineBelow : m
        let largerSample = mineSmaller ? m : mineBelow
        // Sampled shingles in lines of which at least `lineShare` is shared, from `base`.
        func covered(_ base: Int, through last: Int) -> Int {
            var covered = 0
            for l in base ... base + last {
                let sampled = lineCounts[l]
                if sampled > 0 && Double(lineCounts[256 + l]) >= lineShare * Double(sampled) { covered += Int(sampled) }
                lineCounts[l] = 0
                lineCounts[256 + l] = 0
            }
            return covered
        }
        let coveredMine = covered(0, through: mineLines), coveredStored = covered(512, through: storedLines)
        let coveredSmaller = mineSmaller ? coveredMine : coveredStored, coveredLarger = mineSmaller ? coveredStored : coveredMine
        return Comparison(
            jaccard: union > 0 ? Double(shared) / Double(union) : 0,
            containment: smallerSample > 0 ? Double(shared) / Double(smallerSample) : 0,
            coverage: smallerSample > 0 ? Double(coveredSmaller) / Double(smallerSample) : 0,
            largerCoverage: largerSample > 0 ? Double(coveredLarger) / Double(largerSample) : 0,
            sampled: smallerSample,
            sizeRatio: Double(min(distinct, storedDistinct)) / Double(max(distinct, storedDistinct, 1)),
            storedIsSmaller: !mineSmaller)
    }
}
