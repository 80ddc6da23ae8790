/// The `ShingleSketch` samples of the documents an `LSHIndex` holds, by document number, and a
/// second source of candidates: each document's anchors.
///
/// Per document: up to `k` sampling hashes (4 bytes each) with their lines (1 byte each), the
/// sample's size and the document's distinct shingles. Anchors: a document's (at most
/// `anchors`) least sampling hashes below `anchorCeiling` go into an open-addressing table of
/// (hash, document) pairs; a document being decided looks up its own shingles below the ceiling
/// (about one in `ceilingFraction`) and meets every kept document one of whose anchors it holds.
/// MinHash banding finds pairs by Jaccard; anchors find them by containment (a truncated or
/// partly rewritten repost holds some of the full article's anchors however low their Jaccard).
public final class SketchStore {
    public let k: Int
    public let anchors: Int
    /// Shingles with a sampling hash below this are anchors (one in 8).
    public static let anchorCeiling: UInt32 = 1 << 29

    private(set) var hashes: [UInt32] = []
    private(set) var lines: [UInt8] = []
    private(set) var sizes: [UInt8] = []
    private(set) var distinct: [UInt32] = []

    private var anchorTable: DocumentTable<UInt32>

    private var scratch: [UInt64] = []
    private var lineCounts: [Int32] = []

    public init(k: Int = 64, anchors: Int = 8, presizedFor documents: Int? = nil) {
        precondition(k >= 1 && k <= 255 && anchors <= k)
        self.k = k
        self.anchors = anchors
        var size = 1024
        if let n = documents, n < Int(Int32.max) / max(anchors, 8) {
            while n * anchors * 10 > size * 7 { size *= 2 }
            hashes.reserveCapacity(n * k)
            lines.reserveCapacity(n * k)
            sizes.reserveCapacity(n)
            distinct.reserveCapacity(n)
        }
        anchorTable = DocumentTable(slots: size)
    }

    public var count: Int { sizes.count }

    /// Bytes a document costs: its sample, and its anchors at the tables' mean fill.
    public static func bytesPerDocument(k: Int, anchors: Int) -> Int {
        k * 5 + 1 + 4 + Int((Double(anchors * 8) / 0.52).rounded(.up))
    }

    public var memoryBytes: Int {
        hashes.capacity * 4 + lines.capacity + sizes.capacity + distinct.capacity * 4 + anchorTable.bytes
    }

    /// Stores the least `k` entries of a normalized sketch as document `count`.
    public func append(_ sketch: [UInt64]) {
        let doc = count
        let n = min(k, sketch.count)
        for i in 0 ..< k {
            let e = i < n ? sketch[i] : 0
            hashes.append(ShingleSketch.g(e))
            lines.append(UInt8(truncatingIfNeeded: e))
        }
        sizes.append(UInt8(n))
        distinct.append(UInt32(clamping: sketch.count))
        for i in 0 ..< min(anchors, n) where ShingleSketch.g(sketch[i]) < Self.anchorCeiling {
            anchorTable.insert(ShingleSketch.g(sketch[i]), doc: doc, unique: false)
        }
    }

    /// Calls `body` with each stored document one of whose anchors is among `sketch`'s entries
    /// (a document may come more than once).
    public func forEachAnchorMatch(_ sketch: [UInt64], _ body: (Int) -> Void) {
        for e in sketch {
            let key = ShingleSketch.g(e)
            if key >= Self.anchorCeiling { break }
            anchorTable.forEach(key, body)
        }
    }

    /// The comparison of a document's full sketch with stored document `doc`'s sample.
    public func compare(_ sketch: [UInt64], with doc: Int, lineShare: Double) -> ShingleSketch.Comparison {
        let n = Int(sizes[doc])
        scratch.removeAll(keepingCapacity: true)
        let base = doc * k
        for i in 0 ..< n { scratch.append(UInt64(hashes[base + i]) << 32 | UInt64(lines[base + i])) }
        return sketch.withUnsafeBufferPointer { all in
            scratch.withUnsafeBufferPointer { stored in
                ShingleSketch.compare(all: all, distinct: sketch.count, stored: stored, storedDistinct: Int(distinct[doc]),
                                      k: k, lineShare: lineShare, scratch: &lineCounts)
            }
        }
    }
}
