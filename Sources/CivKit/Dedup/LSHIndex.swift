/// The documents civ-dedup has kept so far, indexed for near-duplicate search by LSH banding.
///
/// Per document it holds (see `bytesPerDocument`): the signature cut to 8 bits a position
/// (`hashes` bytes; b-bit MinHash, the Jaccard estimate corrected for chance agreement), its
/// shingle count (4 bytes), where it came from (a source-name number and an offset, 12 bytes),
/// one entry per band in a shared open-addressing table of document numbers (4 bytes each, the
/// table kept between 35% and 70% full) and one entry in the exact-duplicate table (content hash
/// and document number, 12 bytes, the same fill).
///
/// A band's key is its rows' 8-bit values, so the tables can be rebuilt from the stored
/// signatures when they grow; two documents share a band's bucket when all its rows agree
/// (true agreement, plus chance agreement of 8-bit values, which the estimate then rejects).
public final class LSHIndex {
    public let hashes: Int
    public let bands: Int
    public let rows: Int
    /// Most documents the index holds; past it, `insert` refuses (documented policy: later
    /// documents are still compared with the indexed ones, but are not indexed themselves).
    public let maxDocuments: Int

    private var compact: [UInt8] = []
    private(set) var shingleCounts: [UInt32] = []
    private(set) var sourceNumbers: [UInt32] = []
    private(set) var offsets: [Int64] = []
    private(set) var sourceNames: [String] = []
    private var sourceNumberOf: [String: UInt32] = [:]
    let sketches: SketchStore

    private var bandTable: [UInt32]
    private var bandMask: Int
    private var bandEntries = 0

    private var exactTable: DocumentTable<UInt64>

    /// Documents examined by the last `nearest` call (for counters).
    public private(set) var lastCandidates = 0
    private var seen: [UInt32] = []
    private var mine: [UInt8] = []

    public var count: Int { shingleCounts.count }
    public var isFull: Bool { count >= maxDocuments }

    /// With `presized`, the arrays and tables are made at once for `maxDocuments` (no growth, so
    /// no copies and no slack past the budget): for the generations after the first.
    public init(hashes: Int = 120, bands: Int = 40, sketchSize: Int = 64, anchors: Int = 8, maxDocuments: Int = .max, presized: Bool = false) {
        precondition(bands >= 1 && hashes >= bands && hashes % bands == 0, "hashes must be a multiple of bands")
        self.hashes = hashes
        self.bands = bands
        self.rows = hashes / bands
        self.maxDocuments = maxDocuments
        sketches = SketchStore(k: sketchSize, anchors: anchors, presizedFor: presized ? maxDocuments : nil)
        var bandSize = 1024, exactSize = 256
        if presized && maxDocuments < Int(Int32.max) / max(bands, 8) {
            while maxDocuments * bands * 10 > bandSize * 7 { bandSize *= 2 }
            while maxDocuments * 10 > exactSize * 7 { exactSize *= 2 }
            compact.reserveCapacity(maxDocuments * hashes)
            shingleCounts.reserveCapacity(maxDocuments)
            sourceNumbers.reserveCapacity(maxDocuments)
            offsets.reserveCapacity(maxDocuments)
        }
        bandTable = [UInt32](repeating: 0, count: bandSize)
        bandMask = bandSize - 1
        exactTable = DocumentTable(slots: exactSize)
    }

    /// Bytes a document costs in the index, on average, tables at their mean fill (about 52%):
    /// the figure `--max-memory` divides by.
    public static func bytesPerDocument(hashes: Int, bands: Int, sketchSize: Int = 64, anchors: Int = 8) -> Int {
        let fixed = hashes + 4 + 4 + 8
        let tables = Double(bands * 4 + 12) / 0.52
        return fixed + Int(tables.rounded(.up)) + SketchStore.bytesPerDocument(k: sketchSize, anchors: anchors)
    }

    /// Bytes the index holds now (arrays' sizes; source names not counted).
    public var memoryBytes: Int {
        sketches.memoryBytes + compact.capacity + shingleCounts.capacity * 4 + sourceNumbers.capacity * 4 + offsets.capacity * 8
            + bandTable.count * 4 + exactTable.bytes
    }

    // MARK: Exact duplicates

    /// The document whose text has this content hash, if one is indexed.
    /// (Hash 0 is stored as 1, as the spill files store it.)
    public func exactMatch(_ hash: UInt64) -> Int? { exactTable.first(hash == 0 ? 1 : hash) }

    private func insertExact(_ hash: UInt64, doc: Int) { exactTable.insert(hash == 0 ? 1 : hash, doc: doc, unique: true) }

    // MARK: Near duplicates

    /// A band's key: a hash of the band number and its rows' 8-bit values.
    @inline(__always)
    static func bandKey(_ band: Int, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, rows: Int) -> UInt64 {
        var h = DedupHash.mix(UInt64(band) &+ 0x6261_6E64)
        var i = start
        let end = start + rows
        // Eight rows a word.
        while i < end {
            var w: UInt64 = 0
            var s: UInt64 = 0
            while i < end && s < 64 {
                w |= UInt64(bytes[i]) << s
                s += 8
                i += 1
            }
            h = DedupHash.combine(h, w)
        }
        return h
    }

    @inline(__always)
    private func bandSlot(_ band: Int, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        Int(truncatingIfNeeded: Self.bandKey(band, bytes, from: start, rows: rows)) & bandMask
    }

    /// Document `doc`'s key in `band`.
    func bandKey(_ band: Int, doc: Int) -> UInt64 {
        compact.withUnsafeBufferPointer { c in
            Self.bandKey(band, UnsafeBufferPointer(rebasing: c[doc * hashes ..< (doc + 1) * hashes]), from: band * rows, rows: rows)
        }
    }

    /// A content hash as a spill key (apart from band keys).
    static func contentKey(_ hash: UInt64) -> UInt64 { DedupHash.mix(hash ^ 0x6578_6163_7421) }

    /// Each indexed document's content hash (as a spill key).
    func forEachContentHash(_ body: (UInt64, Int) -> Void) {
        exactTable.forEachEntry { key, doc in body(Self.contentKey(key), doc) }
    }

    /// The indexed document that `signature` most likely repeats, among those sharing a band
    /// with it or holding one of their anchors in it (see `SketchStore`): each candidate is
    /// compared by the two documents' shingle samples, and `score` gives a qualifying candidate's
    /// score (nil: not a duplicate); the highest wins.
    public func nearest(_ signature: MinHasher.Signature, lineShare: Double,
                        score: (_ comparison: ShingleSketch.Comparison) -> Double?)
        -> (doc: Int, comparison: ShingleSketch.Comparison)?
    {
        precondition(signature.values.count == hashes)
        seen.removeAll(keepingCapacity: true)
        if mine.count != hashes { mine = [UInt8](repeating: 0, count: hashes) }
        for i in 0 ..< hashes { mine[i] = UInt8(truncatingIfNeeded: signature.values[i]) }
        mine.withUnsafeBufferPointer { m in
            compact.withUnsafeBufferPointer { c in
                for band in 0 ..< bands {
                    let start = band * rows
                    var slot = bandSlot(band, m, from: start)
                    while bandTable[slot] != 0 {
                        let doc = Int(bandTable[slot] - 1)
                        slot = (slot + 1) & bandMask
                        let base = doc * hashes
                        var same = true
                        for r in start ..< start + rows where c[base + r] != m[r] { same = false; break }
                        if same && !seen.contains(UInt32(doc)) { seen.append(UInt32(doc)) }
                    }
                }
            }
        }
        sketches.forEachAnchorMatch(signature.sketch) { doc in
            if !seen.contains(UInt32(doc)) { seen.append(UInt32(doc)) }
        }
        var best: (doc: Int, comparison: ShingleSketch.Comparison, score: Double)? = nil
        for d in seen {
            let doc = Int(d)
            let comparison = sketches.compare(signature.sketch, with: doc, lineShare: lineShare)
            if let s = score(comparison), best == nil || s > best!.score { best = (doc, comparison, s) }
        }
        lastCandidates = seen.count
        return best.map { ($0.doc, $0.comparison) }
    }

    /// Adds a kept document; false (and nothing added) when the index is full.
    @discardableResult
    public func insert(_ signature: MinHasher.Signature, source: String, offset: Int64) -> Bool {
        guard !isFull else { return false }
        precondition(signature.values.count == hashes)
        let doc = count
        for v in signature.values { compact.append(UInt8(truncatingIfNeeded: v)) }
        shingleCounts.append(UInt32(clamping: signature.shingles))
        if let n = sourceNumberOf[source] {
            sourceNumbers.append(n)
        } else {
            let n = UInt32(sourceNames.count)
            sourceNames.append(source)
            sourceNumberOf[source] = n
            sourceNumbers.append(n)
        }
        offsets.append(offset)
        sketches.append(signature.sketch)
        insertExact(signature.contentHash, doc: doc)
        if (bandEntries + bands) * 10 > (bandMask + 1) * 7 { growBands() }
        addBands(of: doc)
        return true
    }

    private func addBands(of doc: Int) {
        compact.withUnsafeBufferPointer { c in
            let sig = UnsafeBufferPointer(rebasing: c[doc * hashes ..< (doc + 1) * hashes])
            for band in 0 ..< bands {
                var slot = bandSlot(band, sig, from: band * rows)
                while bandTable[slot] != 0 { slot = (slot + 1) & bandMask }
                bandTable[slot] = UInt32(doc + 1)
            }
        }
        bandEntries += bands
    }

    /// Doubles the band table and re-adds every document but the one being inserted (the last).
    private func growBands() {
        var size = (bandMask + 1) * 2
        while (bandEntries + bands) * 10 > size * 7 { size *= 2 }
        bandTable = [UInt32](repeating: 0, count: size)
        bandMask = size - 1
        bandEntries = 0
        for doc in 0 ..< count - 1 { addBands(of: doc) }
    }

    /// Where an indexed document came from.
    public func origin(_ doc: Int) -> (source: String, offset: Int64) {
        (sourceNames[Int(sourceNumbers[doc])], offsets[doc])
    }
}
