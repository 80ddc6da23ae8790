import ArgumentParser
import CivCommandLine
import CivKit

@main
struct CivClean: FilterCommand {
    static let configuration = CommandConfiguration(
        commandName: "civ-clean",
        abstract: "Split raw crawl text into documents and repair it into clean simplified Chinese records.",
        discussion: """
        Reads files (WARC/WET files give one document per record) or, with no file, standard \
        input; civ records are read as records, their text cleaned again and their fields kept \
        (civ-clean | civ-clean writes what civ-clean writes); concatenated pages are split at their breadcrumbs, banners and end-of-page markers, \
        glued lines included (--whole-files: each file is one document). Each document is decoded \
        (UTF-8, else GB18030 or \
        Big5), stripped of pinyin annotations (which choose the character where one traditional form maps \
        to several), converted with ICU's Traditional-Simplified and exceptions from OpenCC's \
        dictionaries (traditional lines only: simplified and Japanese lines are left alone; \
        --icu-exact: ICU alone, every line), freed of \
        lost-character fragments, stray commas, ASCII punctuation and odd white space, and of its \
        boilerplate; bylines, banner and breadcrumb move into fields. Output: civ records (see the \
        README), one per document, as documents complete.

        Rejected documents (binary, too-large, empty after cleaning) are counted, reported on \
        standard error, and written to --rejects when given.

        Examples:
          civ-clean crawl.warc.gz | civ-extract | civ-jsonl > docs.jsonl
          cat pages/*.txt | civ-clean --rejects rejects.civ --stats=json > clean.civ
          civ-clean --shard 2/4 crawl.txt.zst > part-2.civ

        \(FilterHelp.exitCodes)
        """,
        version: CivVersion.string
    )

    @OptionGroup var options: FilterOptions


    @Option(help: ArgumentHelp("Write rejected documents to this file, as records with a %reject field.", valueName: "file"))
    var rejects: String?

    @Flag(help: "Only convert each input line from Traditional to Simplified Chinese, as civ-clean's conversion does (with --icu-exact: every line, as ICU's Traditional-Simplified transliterator would, byte for byte); no documents, records or other repairs.")
    var convertOnly = false

    @Flag(help: "Convert as ICU's Traditional-Simplified alone, byte for byte, on every line: without civ's conversion exceptions (from OpenCC's dictionaries), without leaving simplified and Japanese lines alone, without pinyin-chosen characters.")
    var icuExact = false

    @Option(help: ArgumentHelp("Clean part k of n of one large plain file, cut where pages start: n jobs (--part 1/n … n/n) write the documents of a serial run, with the same offsets (what scripts/civ-parallel runs on a single file).", valueName: "k/n"))
    var part: Shard?

    @Flag(help: "Read each file argument as one document, as the crawler saved one page a file; by default files are split into pages as standard input is.")
    var wholeFiles = false

    @Flag(help: "Say on standard error what became of every text line: SOURCE<TAB>OFFSET<TAB>LINE<TAB>kept|dropped.KIND|moved.KIND<TAB>TEXT (OFFSET: the document's %offset; LINE: its n-th non-empty cleaned line).")
    var explain = false

    @Option(help: "Largest document kept, in bytes; larger ones are rejected as too-large.")
    var maxDocumentBytes = CleanStage.defaultMaxDocumentBytes

    func validate() throws {
        if part != nil && options.files.count != 1 { throw ValidationError("--part needs exactly one file argument") }
        guard maxDocumentBytes > 0 else { throw ValidationError("--max-document-bytes must be positive") }
    }

    func run() throws {
        let run = FilterRun(tool: "civ-clean")
        if convertOnly {
            run.configure(options, documents: { 0 })
            let code: CivExitCode
            do {
                let converter = try TraditionalToSimplified(icuExact: icuExact)
                try run.forEachInput(options.files, maxLineBytes: maxDocumentBytes) { input in
                    try ConvertOnly.run(input, to: run.output, converter: converter, detection: icuExact ? nil : ScriptDetection(), counters: &run.counters)
                }
                try run.output.flush()
                code = .success
            } catch let error as CivError {
                code = run.fail(error)
            }
            return try run.exit(code, options: options)
        }
        try run.requireValidData(["boilerplate.tsv", "site-talk.tsv", "spam-words.txt"], options: options)
        var stageOptions = CleanStage.Options()
        stageOptions.maxDocumentBytes = maxDocumentBytes
        stageOptions.icuExact = icuExact
        let stage: CleanStage
        do {
            stage = try CleanStage(options: stageOptions)
        } catch let error as CivError {
            return try run.exit(run.fail(error), options: options)
        }
        if explain { stage.explain = { StandardError.write($0) } }
        run.configure(options, documents: { stage.counters["documents.in"] })
        let shard = options.shard
        let code: CivExitCode
        do {
            let writer = RecordWriter(output: run.output)
            let rejectWriter = try rejects.map { RecordWriter(output: try ByteOutput(path: $0)) }
            var skipped = 0
            // Every document is cleaned (where a page ends depends on its cleaned lines); with
            // --shard, those of other shards are then dropped, rejects included.
            func inShard(_ record: Record) -> Bool {
                if let shard, !shard.contains(record) {
                    skipped += 1
                    return false
                }
                return true
            }
            // --part: a byte range of the file, its documents' offsets counted from the file's start.
            let range = try part.map { try InputPart.range(path: options.files[0], index: $0.index, count: $0.count) }
            func placed(_ record: Record) -> Record {
                guard let range, let offset = record[FieldKey.offset].flatMap({ Int($0) }) else { return record }
                var record = record
                record[FieldKey.offset] = String(offset + range.lowerBound)
                return record
            }
            try run.forEachInput(options.files, maxLineBytes: min(Limits.maxLineBytes, maxDocumentBytes)) { input in
                if let range {
                    guard input.compression == nil, try !WARCReader.looksLikeWARC(input), input.skip(to: range.lowerBound) else {
                        throw CivError.readFailed(path: input.name, reason: "--part needs a plain (not compressed, not WARC), seekable file")
                    }
                    input.remainingLimit = range.count
                    if range.isEmpty { return }
                }
                let emit: CleanStage.Emit = { record in
                    if inShard(record) { try writer.write(placed(record)) }
                }
                let reject: CleanStage.Emit = { record in
                    if inShard(record) { try rejectWriter?.write(placed(record)) }
                }
                let isFile = input.name != "-"
                let before = stage.counters["documents.in"]
                try stage.process(input, wholeInputIsOneDocument: isFile && wholeFiles, emit: emit, reject: reject)
                // A file that held no page (empty, blank lines) is still accounted for: rejected as empty.
                if isFile && range == nil && stage.counters["documents.in"] == before {
                    try stage.process(ByteInput(bytes: [], name: input.name), wholeInputIsOneDocument: true, emit: emit, reject: reject)
                }
            }
            run.counters.add("shard.skipped", skipped)
            try writer.flush()
            try rejectWriter?.flush()
            run.counters.merge(stage.counters)
            for problem in stage.problems { run.dataProblem(problem, counter: "input.problem") }
            code = run.counters["input.problem"] > 0 ? .dataError : .success
        } catch let error as CivError {
            // Counted so far, also when output closed early: the message and --stats say how far.
            run.counters.merge(stage.counters)
            code = run.fail(error)
        }
        run.endProgress()
        for skipped in run.counters.names where skipped.hasPrefix("warc.skipped.") && !options.quiet {
            StandardError.write("civ-clean: skipped \(run.counters[skipped]) WARC \(skipped.dropFirst("warc.skipped.".count)) record(s): only conversion (WET) and text/plain resource records hold documents\n")
        }
        let rejected = run.counters.names.filter { $0.hasPrefix("rejected.") }
        if !rejected.isEmpty && !options.quiet {
            let detail = rejected.map { "\($0.dropFirst("rejected.".count)): \(run.counters[$0])" }.joined(separator: ", ")
            StandardError.write("civ-clean: rejected documents (\(detail))\(rejects == nil ? "; keep them with --rejects FILE" : " written to \(rejects!)")\n")
        }
        try run.exit(code, options: options)
    }
}
