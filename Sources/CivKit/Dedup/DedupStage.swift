/// civ-dedup's stage: for each record in stream order, decides whether it duplicates an earlier
/// kept record — exactly (same text up to white space and punctuation, by content hash) or
/// nearly (candidates from LSH banding of MinHash signatures and from anchors, verified on
/// shingle samples: `ShingleSketch`) — and says what to do.
///
/// A document is decided as soon as it arrives, against the documents kept before it, so the
/// filter streams. A duplicate names the first copy (a kept document, never itself or a later
/// one). What is kept of each indexed document (origin, band keys, shingle sample) goes to a
/// temporary file (`DocumentLog`); in memory stay the keys, in two generations of at most
/// `maxDocuments / 2` documents each (`LSHIndex`): when the newer one is full, the older one's
/// keys move to a temporary file (`SpilledIndex`, counted as `index.spilled`; with `spill` off,
/// or when the file cannot be written, they are forgotten instead, counted as
/// `index.forgotten`) and the newer becomes the older. Spilled documents are still found.
public final class DedupStage {
    public struct Options: Sendable, Equatable {
        /// Characters a shingle.
        public var shingleSize = 4
        /// Shingle prose lines only (see `Shingler`).
        public var proseLinesOnly = true
        /// Leave out of the shingles the prose lines already seen in this many kept documents
        /// (a shared footer; see `LineCounts`); 0 turns it off.
        public var commonLines = 2
        /// MinHash functions; a multiple of `bands`.
        public var hashes = 24
        public var bands = 8
        /// A candidate (sharing an LSH band or an anchor) is compared by shingle samples
        /// (`ShingleSketch`): a near duplicate when its coverage reaches `coverage` and either its
        /// Jaccard estimate reaches `threshold` or the smaller document's containment in the larger
        /// reaches `containment` (truncated reposts), the smaller holding at least
        /// `containmentMinRatio` of the larger's shingles.
        public var threshold = 0.4
        public var containment = 0.4
        public var containmentMinRatio = 0.25
        /// Coverage: the share of the smaller document's sampled shingles in lines of which at
        /// least `lineShare` is shared (a template sibling shares whole lines, not the others).
        public var coverage = 0.7
        public var lineShare = 0.2
        /// A near duplicate whose pair each keep at least this share of their sampled shingles in
        /// lines the other does not cover (two articles under one long footer look so; a truncated
        /// repost, or one missing a paragraph, has lines of its own on one side only) has its prose
        /// lines counted in `LineCounts` as a kept document's: the lines it shares become common,
        /// so that the next article under the same footer is not taken for a copy too; 0 turns it off.
        public var ownLines = 0.2
        /// A near duplicate holding at least this many times the shingles of the copy it matched
        /// is indexed too (0: never).
        public var fullerCopy = 1.25
        /// Sampled shingles kept a document, and how many of them are its anchors.
        public var sketchSize = 64
        public var anchors = 8
        /// Most documents a band or anchor key holds; a key holding this many (a phrase or
        /// template sentence common to a campaign or a site) takes no more and is skipped by
        /// lookups (`LSHIndex`), counted as `index.common-keys` and `candidates.common-keys`.
        public var keyLimit = 8
        /// Most candidates verified a document (the most often named first), the rest counted as
        /// `candidates.unverified`: each costs a read of the log and a sample comparison.
        public var maxCandidates = 64
        /// Keep duplicates, with fields saying what they duplicate.
        public var mark = false
        /// Most documents indexed in memory (see `LSHIndex.bytesPerDocument`).
        public var maxDocuments = Int.max
        /// Past `maxDocuments`, move the older generation to a temporary file (`SpilledIndex`)
        /// rather than forget it.
        public var spill = true
        public var seed: UInt64 = 0x6D69_6E68_6173_6821

        public init() {}
    }

    /// Where a kept document came from: its `%source` and `%offset`.
    public struct Origin: Equatable, Sendable {
        public var source: String
        public var offset: Int64
    }

    public enum Decision: Equatable {
        case keep
        case exact(of: Origin)
        case near(of: Origin, jaccard: Double, containment: Double)
    }

    public let options: Options
    public let hasher: MinHasher
    /// The older generation (nil until the first is full) and the newer one.
    private var older: LSHIndex?
    private var newer: LSHIndex
    private let generationSize: Int
    /// Kept documents forgotten so far (the older generation dropped).
    public private(set) var forgotten = 0
    /// Generations moved to temporary files, oldest first.
    private var spilled: [SpilledIndex] = []
    /// Kept documents moved to temporary files so far.
    public private(set) var spilledDocuments = 0
    /// Why the last spill failed (then the generation was forgotten), if one did.
    public private(set) var spillError: CivError?
    /// Documents the index holds now.
    public var indexed: Int { (older?.count ?? 0) + newer.count }
    private var signature = MinHasher.Signature(values: [], shingles: 0, contentHash: 0)
    private var lineCounts: LineCounts?
    private var lineHashes: [UInt64] = []
    /// Documents seen, in order (the number of the next one).
    public private(set) var documentsSeen = 0

    /// Where each document's signature goes with `--signatures`, written as it is decided.
    public var signatureSink: ((_ record: Record, _ signature: MinHasher.Signature, _ decision: Decision) throws -> Void)?

    public init(options: Options = Options()) {
        self.options = options
        hasher = MinHasher(count: options.hashes, shingler: Shingler(size: options.shingleSize, proseLinesOnly: options.proseLinesOnly), seed: options.seed)
        generationSize = options.maxDocuments == .max ? .max : max(1, options.maxDocuments / 2)
        log = DocumentLog(k: options.sketchSize, bands: options.bands)
        newer = LSHIndex(hashes: options.hashes, bands: options.bands, sketchSize: options.sketchSize, anchors: options.anchors,
                         keyLimit: options.keyLimit, maxDocuments: generationSize, log: log)
        if options.commonLines > 0 && options.proseLinesOnly { lineCounts = LineCounts(commonAt: options.commonLines) }
    }

    /// The field names civ-dedup writes with `--mark`.
    public enum Field {
        /// `OFFSET SOURCE` of the first copy (offset first: a source name may hold spaces).
        public static let duplicateOf = "duplicate-of"
        /// `exact` or `near`.
        public static let duplicateKind = "duplicate-kind"
        /// Jaccard estimate of the two shingle sets (1 for exact duplicates).
        public static let jaccard = "duplicate-jaccard"
        /// Containment estimate of the smaller document in the larger.
        public static let containment = "duplicate-containment"
    }

    /// Decides on one record; with `mark`, the record gets the duplicate fields. Returns true when
    /// the record is to be written.
    public func process(_ record: inout Record, counters: inout Counters) throws -> Bool {
        documentsSeen += 1
        if let counts = lineCounts {
            hasher.signature(of: record.lines, into: &signature, lineHashes: &lineHashes, isCommon: counts.isCommon)
        } else {
            hasher.signature(of: record.lines, into: &signature)
        }
        let decision = decide(signature, counters: &counters)
        switch decision {
        case .keep:
            lineCounts?.add(document: &lineHashes)
            if signature.shingles > 0 {
                let source = record[FieldKey.source] ?? "-"
                let offset = record[FieldKey.offset].flatMap { Int64($0) } ?? -Int64(documentsSeen)
                index(source: source, offset: offset, counters: &counters)
                counters.add("index.documents")
            } else {
                counters.add("kept.empty-text")
            }
        case let .exact(origin):
            counters.add(options.mark ? "marked.duplicate-exact" : "dropped.duplicate-exact")
            if options.mark { annotate(&record, origin, kind: "exact", jaccard: 1, containment: 1) }
        case let .near(origin, j, c):
            // More likely a look-alike than a copy (see `ownLines`): the lines it shares count
            // as a site's boilerplate from now on.
            if lastNearOwn, lineCounts != nil {
                lineCounts?.add(document: &lineHashes)
                counters.add("lines.counted-look-alike")
            }
            // A copy much fuller than the one it matched (the full article after a truncated
            // repost) is indexed too, under the first copy's name: later copies then meet the
            // fuller text.
            if lastNearFuller {
                index(source: origin.source, offset: origin.offset, counters: &counters)
                counters.add("index.fuller-copies")
            }
            counters.add(options.mark ? "marked.duplicate-near" : "dropped.duplicate-near")
            if options.mark { annotate(&record, origin, kind: "near", jaccard: j, containment: c) }
        }
        try signatureSink?(record, signature, decision)
        return decision == .keep || options.mark
    }

    /// Adds the current signature to the newer generation, spilling the older when it is full.
    private func index(source: String, offset: Int64, counters: inout Counters) {
        if newer.isFull {
            if let old = older {
                do {
                    guard options.spill else { throw CivError.writeFailed(reason: "no spill") }
                    spilled.append(try SpilledIndex(old))
                    spilledDocuments += old.count
                    counters.add("index.spilled", old.count)
                } catch {
                    if options.spill { spillError = error as? CivError }
                    forgotten += old.count
                    counters.add("index.forgotten", old.count)
                }
            }
            older = newer
            newer = LSHIndex(hashes: options.hashes, bands: options.bands, sketchSize: options.sketchSize, anchors: options.anchors,
                             keyLimit: options.keyLimit, maxDocuments: generationSize, presized: true, log: log)
        }
        let common = newer.commonKeys
        newer.insert(signature, source: source, offset: offset)
        counters.add("index.common-keys", newer.commonKeys - common)
    }

    /// Whether the last near duplicate decided is much fuller than the copy it matched.
    private var lastNearFuller = false
    /// Whether the last near duplicate decided and its first copy each have lines of their own.
    private var lastNearOwn = false

    /// Both documents keep at least `ownLines` of their sampled shingles in lines of their own.
    private func hasOwnLinesBothSides(_ c: ShingleSketch.Comparison) -> Bool {
        options.ownLines > 0 && 1 - c.coverage >= options.ownLines && 1 - c.largerCoverage >= options.ownLines
    }

    /// The document at hand holds at least `fullerCopy` times the shingles of the one it matched.
    private func isFuller(_ c: ShingleSketch.Comparison) -> Bool {
        options.fullerCopy > 0 && c.storedIsSmaller && c.sizeRatio * options.fullerCopy <= 1
    }

    /// Spill files now (for tests).
    public var spillFiles: Int { spilled.count }
    /// The log of indexed documents (shared by the generations).
    public let log: DocumentLog

    /// The decision for a signature against the kept documents (nothing recorded).
    public func decide(_ signature: MinHasher.Signature, counters: inout Counters) -> Decision {
        guard signature.shingles > 0 else { return .keep }
        let generations = [older, newer].compactMap { $0 }   // older first: the first copy
        for run in spilled {
            if let doc = run.exactMatch(signature.contentHash) { return .exact(of: origin(run, doc)) }
        }
        for index in generations {
            if let doc = index.exactMatch(signature.contentHash) { return .exact(of: origin(index, doc)) }
        }
        // One search over all generations (they share the log): the bound on candidates
        // verified is the document's, however many generations there are.
        lastNearFuller = false
        lastNearOwn = false
        search.begin()
        for run in spilled { run.collect(signature, into: &search) }
        for index in generations { index.collect(signature, into: &search) }
        let inMemory = generations.first?.base ?? log.count
        let found = search.nearest(log: log, sketch: signature.sketch, lineShare: options.lineShare, limit: options.maxCandidates,
                                   below: inMemory) { self.score($0) }
        counters.add("candidates.checked", search.candidates - search.candidatesBelow)
        counters.add("candidates.checked-spilled", search.candidatesBelow)
        counters.add("candidates.common-keys", search.commonKeys)
        if search.unverified > 0 {
            counters.add("candidates.unverified", search.unverified)
            counters.add("candidates.limited-documents")
        }
        guard let f = found else { return .keep }
        lastNearFuller = isFuller(f.comparison)
        lastNearOwn = hasOwnLinesBothSides(f.comparison)
        let o = log.origin(f.doc)
        return .near(of: Origin(source: o.source, offset: o.offset), jaccard: f.comparison.jaccard, containment: f.comparison.containment)
    }

    private var search = CandidateSearch()

    /// A candidate's score when it is a near duplicate (its containment plus Jaccard: the
    /// fullest copy wins), nil when it is not.
    func score(_ c: ShingleSketch.Comparison) -> Double? {
        guard c.coverage >= options.coverage else { return nil }
        if c.jaccard >= options.threshold || (c.containment >= options.containment && c.sizeRatio >= options.containmentMinRatio) {
            return c.containment + c.jaccard
        }
        return nil
    }

    private func origin(_ run: SpilledIndex, _ doc: Int) -> Origin {
        let o = run.origin(doc)
        return Origin(source: o.source, offset: o.offset)
    }

    private func origin(_ index: LSHIndex, _ doc: Int) -> Origin {
        let o = index.origin(doc)
        return Origin(source: o.source, offset: o.offset)
    }

    private func annotate(_ record: inout Record, _ origin: Origin, kind: String, jaccard: Double, containment: Double) {
        record[Field.duplicateOf] = "\(origin.offset) \(origin.source)"
        record[Field.duplicateKind] = kind
        record[Field.jaccard] = Self.format(jaccard)
        record[Field.containment] = Self.format(containment)
    }

    static func format(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        return hundredths >= 100 ? "1.00" : "0.\(hundredths < 10 ? "0" : "")\(hundredths)"
    }

    /// One line of a `--signatures` file: `OFFSET<TAB>SOURCE<TAB>SHINGLES<TAB>CONTENT-HASH<TAB>
    /// DECISION<TAB>V0,V1,…` (values in hexadecimal), with a header line naming the parameters.
    public func signatureHeader() -> String {
        "#civ-dedup-signatures 1 shingle=\(options.shingleSize) prose-lines-only=\(options.proseLinesOnly) common-lines=\(options.commonLines) own-lines=\(options.ownLines) hashes=\(options.hashes) bands=\(options.bands) seed=\(options.seed)\n"
    }

    public static func signatureLine(_ record: Record, _ signature: MinHasher.Signature, _ decision: Decision) -> String {
        var line = record[FieldKey.offset] ?? "-"
        line += "\t" + (record[FieldKey.source] ?? "-")
        line += "\t\(signature.shingles)\t" + String(signature.contentHash, radix: 16)
        switch decision {
        case .keep: line += "\tkeep\t"
        case .exact: line += "\texact\t"
        case .near: line += "\tnear\t"
        }
        for (i, v) in signature.values.enumerated() {
            if i > 0 { line += "," }
            line += String(v, radix: 16)
        }
        return line + "\n"
    }
}
