import ArgumentParser
import CivCommandLine
import CivKit

@main
struct CivDedup: FilterCommand {
    static let configuration = CommandConfiguration(
        commandName: "civ-dedup",
        abstract: "Drop documents that duplicate an earlier one: exactly, or nearly (reposted articles).",
        discussion: """
        Reads civ records (from civ-clean) and writes each record that duplicates no earlier \
        kept one, as soon as it is read. Exact duplicates: the same text up to white space and \
        punctuation (a 64-bit content hash). Near duplicates: candidates from LSH banding of \
        MinHash signatures over character shingles and from anchors (each kept document's least \
        shingles under a second hash), verified on bottom-k shingle samples: a duplicate when \
        the coverage (the share of the smaller document's sampled shingles in lines mostly \
        shared with the other) reaches --coverage and either the Jaccard estimate reaches \
        --threshold or the smaller document's containment in the larger reaches --containment \
        (a truncated repost). Duplicates are dropped and counted; with --mark they are kept \
        with %duplicate-of (OFFSET SOURCE of the first copy), %duplicate-kind, \
        %duplicate-jaccard and %duplicate-containment.

        Memory: what is kept of each indexed document (origin, band keys, shingle sample: \
        \(DocumentLog.recordSize(k: 64, bands: 8)) bytes with the default parameters) goes to an unlinked \
        temporary file in $TMPDIR; in memory stay its keys (content hash, bands, anchors), at \
        most \(LSHIndex.bytesPerDocument(hashes: 24, bands: 8)) bytes a document. The keys are held in two \
        generations of half of what --max-memory allows each; when the newer is full, the older \
        one's keys are written to a temporary file too (counted as index.spilled, said once on \
        stderr; nothing left in memory), where later documents still find exact and near \
        duplicates of it. With --no-spill, or when the file cannot be written, the older \
        generation is forgotten instead (counted as index.forgotten). When no temporary file can \
        be made at all, the documents' records stay in memory. --signatures lets a second pass \
        cluster across shards.

        Work per document is bounded whatever the input: a band or anchor key shared by more \
        than --key-limit documents (a template sentence, a site footer) takes no more of them \
        and is not looked up for candidates (index.common-keys, candidates.common-keys), and at \
        most --max-candidates candidates are verified per document, those named by the most \
        keys first (candidates.unverified).

        Examples:
          cat *.txt | civ-clean | civ-dedup | civ-jsonl > unique.jsonl
          civ-clean crawl.txt.gz | civ-dedup --mark --stats=table > marked.civ

        \(FilterHelp.exitCodes)
        """,
        version: CivVersion.string
    )

    @OptionGroup var options: FilterOptions

    @Flag(help: "Keep duplicates, marked with %duplicate-of, %duplicate-kind, %duplicate-jaccard, %duplicate-containment.")
    var mark = false

    @Option(help: "Near duplicate at this Jaccard estimate or above (0-1), coverage permitting.")
    var threshold = DedupStage.Options().threshold

    @Option(help: "Near duplicate when the smaller document's containment in the larger reaches this (0-1; above 1 turns it off), coverage permitting.")
    var containment = DedupStage.Options().containment

    @Option(help: "Least coverage of a near duplicate: the share of the smaller document's sampled shingles in lines mostly shared with the other (0-1; 0 turns the test off).")
    var coverage = DedupStage.Options().coverage

    @Option(help: "A line is shared when this share of its sampled shingles is (0-1).")
    var lineShare = DedupStage.Options().lineShare

    @Option(help: "Count a near duplicate's lines as a kept document's when each of the pair keeps this share of its sampled shingles in lines the other does not cover (two articles under one long footer): the next one is then not taken for a copy (0-1; 0 turns it off).")
    var ownLines = DedupStage.Options().ownLines

    @Option(help: "Index a near duplicate too when it holds this many times the shingles of the copy it matched (a full article after a truncated repost; 0: never).")
    var fullerCopy = DedupStage.Options().fullerCopy

    @Option(help: "Shingles sampled a kept document (bottom-k; 1-255).")
    var sketchSize = DedupStage.Options().sketchSize

    @Option(help: "Anchors a kept document (its least sampled shingles, looked up by later documents; 0-sketch size).")
    var anchors = DedupStage.Options().anchors

    @Option(help: "Most kept documents a band or anchor key names; a key held by this many (a phrase or template common to a site or campaign) takes no more and is skipped by lookups (at least 1).")
    var keyLimit = DedupStage.Options().keyLimit

    @Option(help: "Most candidates verified a document, those named by the most keys first (at least 1).")
    var maxCandidates = DedupStage.Options().maxCandidates

    @Option(help: "Characters a shingle (1-16).")
    var shingleSize = 4

    @Flag(help: "Shingle every line (default: prose lines only: with a sentence end 。！？； or at least 40 characters; all lines of a document without one).")
    var allLines = false

    @Option(help: "MinHash functions (a multiple of --bands).")
    var hashes = DedupStage.Options().hashes

    @Option(help: "LSH bands (rows a band: hashes / bands).")
    var bands = DedupStage.Options().bands

    @Option(help: "Leave out of the shingles the prose lines already seen in this many kept documents (a shared site footer); 0: off.")
    var commonLines = 2

    @Option(help: "Memory for the index, MiB (fractions allowed); past it, the older half of the kept documents' keys moves to a temporary file (in $TMPDIR), where later documents still find them.")
    var maxMemory: Double = 1024

    @Flag(help: "Past --max-memory, forget the older half of the kept documents instead of moving it to a temporary file.")
    var noSpill = false

    @Option(help: "Write every document's signature to FILE (one line each, tab-separated) for a cross-shard pass.")
    var signatures: String?

    func validate() throws {
        guard (0 ... 1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1") }
        guard (0 ... 1).contains(coverage), (0 ... 1).contains(lineShare), (0 ... 1).contains(ownLines) else { throw ValidationError("--coverage, --line-share and --own-lines must be between 0 and 1") }
        guard (1 ... 255).contains(sketchSize), (0 ... sketchSize).contains(anchors) else { throw ValidationError("--sketch-size must be between 1 and 255, --anchors between 0 and it") }
        guard keyLimit >= 1, maxCandidates >= 1 else { throw ValidationError("--key-limit and --max-candidates must be at least 1") }
        guard fullerCopy >= 0 else { throw ValidationError("--fuller-copy must not be negative") }
        guard containment >= 0 else { throw ValidationError("--containment must not be negative") }
        guard (1 ... 16).contains(shingleSize) else { throw ValidationError("--shingle-size must be between 1 and 16") }
        guard bands >= 1, hashes >= bands, hashes % bands == 0, hashes <= 1024 else {
            throw ValidationError("--hashes must be a multiple of --bands, at most 1024")
        }
        guard commonLines >= 0 && commonLines <= 255 else { throw ValidationError("--common-lines must be between 0 and 255") }
        guard maxMemory >= 0.01 else { throw ValidationError("--max-memory must be at least 0.01 (MiB)") }
    }

    func run() throws {
        let run = FilterRun(tool: "civ-dedup")
        run.configure(options)
        let writer = RecordWriter(output: run.output)
        var o = DedupStage.Options()
        o.threshold = threshold
        o.containment = containment
        o.coverage = coverage
        o.fullerCopy = fullerCopy
        o.lineShare = lineShare
        o.ownLines = ownLines
        o.sketchSize = sketchSize
        o.anchors = anchors
        o.keyLimit = keyLimit
        o.maxCandidates = maxCandidates
        o.shingleSize = shingleSize
        o.proseLinesOnly = !allLines
        o.commonLines = commonLines
        o.hashes = hashes
        o.bands = bands
        o.mark = mark
        o.spill = !noSpill
        o.maxDocuments = Int(maxMemory * Double(1 << 20)) / LSHIndex.bytesPerDocument(hashes: hashes, bands: bands, sketchSize: sketchSize, anchors: anchors)
        let stage = DedupStage(options: o)
        var signatureOutput: ByteOutput?
        if let path = signatures {
            do {
                let out = try ByteOutput(path: path)
                try out.write(stage.signatureHeader())
                signatureOutput = out
                stage.signatureSink = { record, signature, decision in
                    try out.write(DedupStage.signatureLine(record, signature, decision))
                }
            } catch let error as CivError {
                StandardError.write("civ-dedup: \(error)\n")
                throw ExitCode(error.exitCode.rawValue)
            }
        }
        var warnedFull = false, warnedSpill = false, warnedLog = false
        let code = run.run(paths: options.files) { record in
            var record = record
            if try stage.process(&record, counters: &run.counters) {
                try writer.write(record)
                run.counters.add("documents.out")
            }
            if !warnedLog, let error = stage.log.error {
                warnedLog = true
                StandardError.write("civ-dedup: \(Self.reason(error)); the kept documents' records stay in memory\n")
            }
            if !warnedSpill && stage.spilledDocuments > 0 {
                warnedSpill = true
                StandardError.write("civ-dedup: index full (--max-memory \(maxMemory.formatted) MiB, \(o.maxDocuments) documents); the older kept documents go to a temporary file\n")
            }
            if !warnedFull && stage.forgotten > 0 {
                warnedFull = true
                let why = stage.spillError.map { " (\(Self.reason($0)))" } ?? ""
                StandardError.write("civ-dedup: index full (--max-memory \(maxMemory.formatted) MiB, \(o.maxDocuments) documents); the oldest kept documents are being forgotten\(why)\n")
            }
        }
        var final = code
        do { try signatureOutput?.flush() } catch {
            StandardError.write("civ-dedup: cannot write \(signatures ?? ""): \(error)\n")
            if final == .success { final = .ioError }
        }
        try run.exit(final, options: options)
    }
}

extension CivDedup {
    /// A temporary file's error, without `CivError`'s "cannot write standard output".
    static func reason(_ error: CivError) -> String {
        if case let .writeFailed(reason) = error { return reason }
        return "\(error)"
    }
}

extension Double {
    /// `1024` rather than `1024.0`.
    fileprivate var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}
