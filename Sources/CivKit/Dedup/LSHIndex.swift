/// One generation of the documents civ-dedup has kept, indexed for search: in memory only a
/// `KeyTable` (4 bytes a key), the documents themselves (origin, band keys, shingle sample) in
/// the shared `DocumentLog` (a temporary file), read back for the candidates a search finds.
///
/// Keys a document (`keysPerDocument`): its content hash (exact duplicates), one per LSH band
/// (a hash of the band's rows' full 32-bit MinHash values: pairs of high Jaccard) and its
/// anchors (its `anchors` least sampled shingles under the `ShingleSketch` hash, below
/// `anchorCeiling`): a document being decided looks up its own shingles below the ceiling (about
/// one in eight) and meets every kept document one of whose anchors it holds, however low their
/// Jaccard (truncated and rewritten reposts). The table is kept between 60% and 75% full
/// (`bytesPerDocument`); it grows by rebuilding from the log.
///
/// A band or anchor key stores at most `keyLimit` documents: a key held by more (a campaign
/// phrase, a site's template sentence) says little about any pair, and would make every later
/// document holding it a candidate of them all. Past the limit the key takes no more documents
/// (counted by `commonKeys`) and a lookup finding it full skips it (`CandidateSearch`).
public final class LSHIndex {
    public let hashes: Int
    public let bands: Int
    public let rows: Int
    public let anchors: Int
    /// Most documents a band or anchor key stores; a key holding this many is skipped by lookups.
    public let keyLimit: Int
    /// Band and anchor keys not stored so far, their key holding `keyLimit` documents already.
    public private(set) var commonKeys = 0
    /// Most documents the index holds; past it, `insert` refuses.
    public let maxDocuments: Int
    /// Where the documents are; this generation's are `base ..< base + count`.
    public let log: DocumentLog
    public let base: Int
    public private(set) var count = 0
    private(set) var keys: KeyTable

    /// Shingles with a sampling hash below this are anchors (one in 8).
    public static let anchorCeiling: UInt32 = 1 << 29
    static let maxLoad = 0.75
    static let grownLoad = 0.6

    /// Documents examined by the last `nearest` call (for counters).

    public var isFull: Bool { count >= maxDocuments }

    /// With `presized`, the table is made at once for `maxDocuments` (no growth): for the
    /// generations after the first. `log`: the log shared with the other generations (a new one
    /// when nil).
    public init(hashes: Int = 24, bands: Int = 8, sketchSize: Int = 64, anchors: Int = 8, keyLimit: Int = 8,
                maxDocuments: Int = .max, presized: Bool = false, log: DocumentLog? = nil) {
        precondition(keyLimit >= 1)
        self.keyLimit = keyLimit
        precondition(bands >= 1 && hashes >= bands && hashes % bands == 0, "hashes must be a multiple of bands")
        self.hashes = hashes
        self.bands = bands
        self.rows = hashes / bands
        self.anchors = anchors
        self.maxDocuments = min(maxDocuments, KeyTable.maxDocuments)
        self.log = log ?? DocumentLog(k: sketchSize, bands: bands)
        precondition(self.log.bands == bands && self.log.k == sketchSize)
        base = self.log.count
        let perDocument = Self.keysPerDocument(bands: bands, anchors: anchors)
        keys = KeyTable(slots: presized ? Int(Double(self.maxDocuments * perDocument) / Self.maxLoad) + 1 : 1024)
    }

    public static func keysPerDocument(bands: Int, anchors: Int) -> Int { 1 + bands + anchors }

    /// Bytes a document costs in memory at most (the table at its least fill): the figure
    /// `--max-memory` divides by. (The log's bytes a document, `DocumentLog.recordSize`, are on disk.)
    public static func bytesPerDocument(hashes: Int, bands: Int, sketchSize: Int = 64, anchors: Int = 8) -> Int {
        Int((Double(4 * keysPerDocument(bands: bands, anchors: anchors)) / grownLoad).rounded(.up))
    }

    /// Bytes the index holds in memory now.
    public var memoryBytes: Int { keys.bytes }

    // MARK: Keys

    /// A content hash's key.
    static func contentKey(_ hash: UInt64) -> UInt64 { DedupHash.mix(hash ^ 0x6578_6163_7421) }

    /// An anchor's key (a sampling hash).
    @inline(__always)
    static func anchorKey(_ g: UInt32) -> UInt64 { DedupHash.mix(UInt64(g) | 0x616E_6368 << 32) }

    /// A band's key: a hash of the band number and its rows' values.
    static func bandKey(_ band: Int, _ values: [UInt32], rows: Int) -> UInt64 {
        var h = DedupHash.mix(UInt64(band) &+ 0x6261_6E64)
        for r in band * rows ..< (band + 1) * rows { h = DedupHash.combine(h, UInt64(values[r])) }
        return h
    }

    static func bandKeys(_ values: [UInt32], bands: Int) -> [UInt64] {
        (0 ..< bands).map { bandKey($0, values, rows: values.count / bands) }
    }

    // MARK: Search

    /// The document (numbered in the log) whose text has this content hash, if one is indexed.
    public func exactMatch(_ hash: UInt64) -> Int? { CandidateSearch.exactMatch(keys, log: log, base: base, hash: hash) }

    /// Adds the documents `signature` meets in this generation to `search`'s candidates.
    func collect(_ signature: MinHasher.Signature, into search: inout CandidateSearch) {
        precondition(signature.values.count == hashes)
        search.collect(keys, base: base, bandKeys: Self.bandKeys(signature.values, bands: bands), sketch: signature.sketch, keyLimit: keyLimit)
    }

    // MARK: Insertion

    /// Adds a kept document; false (and nothing added) when the index is full.
    @discardableResult
    public func insert(_ signature: MinHasher.Signature, source: String, offset: Int64) -> Bool {
        guard !isFull else { return false }
        precondition(signature.values.count == hashes)
        let doc = log.append(contentHash: signature.contentHash, offset: offset, source: source, shingles: signature.shingles,
                             bandKeys: Self.bandKeys(signature.values, bands: bands), sketch: signature.sketch)
        precondition(doc == base + count, "only the newest generation takes documents")
        count += 1
        let needed = keys.count + Self.keysPerDocument(bands: bands, anchors: anchors)
        if Double(needed) > Self.maxLoad * Double(keys.slots) { rebuild(slots: Int(Double(needed) / Self.grownLoad) + 1) }
        let dropped = log.withRecord(doc) { addKeys(of: $0, local: count - 1) } ?? 0
        commonKeys += dropped
        return true
    }

    /// Stores a document's keys (the content hash always: exact copies are not indexed twice);
    /// returns how many band and anchor keys were full.
    private func addKeys(of d: DocumentLog.StoredDocument, local: Int) -> Int {
        var dropped = 0
        keys.insert(Self.contentKey(d.contentHash), doc: local)
        for band in 0 ..< bands where !keys.insert(d.bandKey(band), doc: local, limit: keyLimit) { dropped += 1 }
        for i in 0 ..< min(anchors, d.sampleSize) {
            let g = ShingleSketch.g(d.sampleEntry(i))
            if g >= Self.anchorCeiling { break }
            if !keys.insert(Self.anchorKey(g), doc: local, limit: keyLimit) { dropped += 1 }
        }
        return dropped
    }

    /// A larger table, the keys read again from the log (the old table freed first: no peak of both).
    private func rebuild(slots: Int) {
        keys = KeyTable(slots: 1)
        keys = KeyTable(slots: slots)
        log.forEachRecord(base ..< base + count - 1) { doc, d in _ = addKeys(of: d, local: doc - base) }
    }

    /// Where an indexed document came from.
    public func origin(_ doc: Int) -> (source: String, offset: Int64) { log.origin(doc) }
}

/// One generation of keys, in memory (`LSHIndex`) or spilled (`SpilledIndex`): `DedupStage`
/// collects the candidates of all of them into one search.
protocol CandidateSource: AnyObject {
    var log: DocumentLog { get }
    /// Adds the documents `signature` meets in this generation to `search`'s candidates.
    func collect(_ signature: MinHasher.Signature, into search: inout CandidateSearch)
}

extension CandidateSource {
    /// The document of this generation alone that `signature` most likely repeats, among those
    /// sharing a band with it or holding one of their anchors in it: each candidate is compared
    /// by the two documents' shingle samples, and `score` gives a qualifying candidate's score
    /// (nil: not a duplicate); the highest wins. At most `limit` candidates are verified, and
    /// `candidates` says how many were (see `CandidateSearch.nearest`).
    func nearest(_ signature: MinHasher.Signature, lineShare: Double, limit: Int = .max, candidates: inout Int,
                 score: (ShingleSketch.Comparison) -> Double?) -> (doc: Int, comparison: ShingleSketch.Comparison)? {
        var search = CandidateSearch()
        collect(signature, into: &search)
        let found = search.nearest(log: log, sketch: signature.sketch, lineShare: lineShare, limit: limit, score: score)
        candidates = search.candidates
        return found
    }
}

extension LSHIndex: CandidateSource {}
extension SpilledIndex: CandidateSource {}

/// A table of keys to document numbers: in memory (`KeyTable`) or in a spill file.
protocol KeyLookup {
    /// Calls `body` with the documents stored under `key` (and, rarely, others: see `KeyTable`).
    func forEach(_ key: UInt64, _ body: (Int) -> Void)
}

extension KeyTable: KeyLookup {}

/// The search for a document's duplicate: candidates collected from the keys of every
/// generation (`collect`, global document numbers), then verified on their records in the log
/// (`nearest`); reused buffers.
///
/// The work a document is bounded whatever the stream: a key holding `keyLimit` documents (a
/// phrase or template common to a site or a campaign) is skipped (`commonKeys`), and at most
/// `limit` candidates are verified, those named by the most keys first (a repost shares many
/// anchors and bands with its first copy; a document sharing one phrase, one), then the earliest.
struct CandidateSearch {
    /// Documents named by the keys looked up, once a key naming them.
    private var hits: [Int] = []
    private var bucket: [Int] = []
    private var ranked: [(doc: Int, hits: Int)] = []
    private var scratch: [UInt64] = []
    private var lineCounts: [Int32] = []
    /// Documents compared by the last `nearest`.
    private(set) var candidates = 0
    /// Of them, documents numbered below this (the spilled ones, for counters).
    private(set) var candidatesBelow = 0
    /// Candidates of the last `nearest` left unverified, past its limit.
    private(set) var unverified = 0
    /// Keys skipped since `begin`: each held `keyLimit` documents.
    private(set) var commonKeys = 0

    /// The earliest document whose content hash is `hash`.
    static func exactMatch(_ keys: some KeyLookup, log: DocumentLog, base: Int, hash: UInt64) -> Int? {
        var found: Int? = nil
        keys.forEach(LSHIndex.contentKey(hash)) { local in
            let doc = base + local
            if (found == nil || doc < found!) && log.withRecord(doc, { $0.contentHash }) == hash { found = doc }
        }
        return found
    }

    /// Starts a document's search.
    mutating func begin() {
        hits.removeAll(keepingCapacity: true)
        commonKeys = 0
    }

    /// Adds the documents of one generation's keys (numbered from `base`) under the document's
    /// band keys and its shingles below the anchor ceiling.
    mutating func collect(_ keys: some KeyLookup, base: Int, bandKeys: [UInt64], sketch: [UInt64], keyLimit: Int) {
        for key in bandKeys { collect(keys, key, base: base, keyLimit: keyLimit) }
        for e in sketch {
            let g = ShingleSketch.g(e)
            if g >= LSHIndex.anchorCeiling { break }
            collect(keys, LSHIndex.anchorKey(g), base: base, keyLimit: keyLimit)
        }
    }

    private mutating func collect(_ keys: some KeyLookup, _ key: UInt64, base: Int, keyLimit: Int) {
        bucket.removeAll(keepingCapacity: true)
        keys.forEach(key) { bucket.append($0) }
        if bucket.count >= keyLimit {
            commonKeys += 1
            return
        }
        for local in bucket { hits.append(base + local) }
    }

    /// The collected candidate with the highest score (ties: the earliest), verified on the
    /// log's records, at most `limit` of them (the most often named first, then the earliest).
    mutating func nearest(log: DocumentLog, sketch: [UInt64], lineShare: Double, limit: Int, below: Int = 0,
                          score: (ShingleSketch.Comparison) -> Double?) -> (doc: Int, comparison: ShingleSketch.Comparison)? {
        hits.sort()
        ranked.removeAll(keepingCapacity: true)
        for doc in hits {
            if let last = ranked.last, last.doc == doc { ranked[ranked.count - 1].hits += 1 } else { ranked.append((doc, 1)) }
        }
        unverified = 0
        if ranked.count > limit {
            ranked.sort { $0.hits != $1.hits ? $0.hits > $1.hits : $0.doc < $1.doc }
            unverified = ranked.count - limit
            ranked.removeLast(unverified)
            ranked.sort { $0.doc < $1.doc }
        }
        candidates = ranked.count
        candidatesBelow = 0
        var best: (doc: Int, comparison: ShingleSketch.Comparison, score: Double)? = nil
        for (doc, _) in ranked {
            if doc < below { candidatesBelow += 1 }
            let comparison: ShingleSketch.Comparison? = log.withRecord(doc) { d in
                scratch.removeAll(keepingCapacity: true)
                for i in 0 ..< d.sampleSize { scratch.append(d.sampleEntry(i)) }
                return sketch.withUnsafeBufferPointer { all in
                    scratch.withUnsafeBufferPointer { stored in
                        ShingleSketch.compare(all: all, distinct: sketch.count, stored: stored, storedDistinct: d.distinct,
                                              k: log.k, lineShare: lineShare, scratch: &lineCounts)
                    }
                }
            }
            if let c = comparison, let s = score(c), best == nil || s > best!.score { best = (doc, c, s) }
        }
        return best.map { ($0.doc, $0.comparison) }
    }
}
