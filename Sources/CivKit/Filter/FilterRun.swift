#if canImport(Glibc)
import Glibc
#endif

/// Standard error, unbuffered, for diagnostics and `--stats`.
public enum StandardError {
    public static func write(_ message: String) {
        var m = message
        m.withUTF8 { p in _ = Glibc.write(2, p.baseAddress, p.count) }
    }
}

/// The loop every record filter shares (civ-segment, civ-extract, civ-jsonl): read records from
/// the inputs, transform each, write it, count everything, and turn problems into the
/// documented exit codes. The executables only parse flags and supply the transform.
public final class FilterRun {
    public let tool: String
    public var counters = Counters()
    public let output: ByteOutput
    private var exitCode: CivExitCode = .success
    /// `--shard i/n`: records of other shards are skipped (counted as `shard.skipped`).
    public var shard: Shard?
    /// The progress line, when shown (standard error a terminal, no `--quiet`).
    public var progress: Progress?

    public init(tool: String, output: ByteOutput = ByteOutput(fileDescriptor: 1)) {
        self.tool = tool
        self.output = output
        ByteOutput.ignoreBrokenPipeSignal()
    }

    /// Notes a data problem: processing goes on, the exit code becomes `dataError`.
    public func dataProblem(_ message: String, counter: String) {
        counters.add(counter)
        progress?.clear()
        StandardError.write("\(tool): \(message)\n")
        if exitCode == .success { exitCode = .dataError }
    }

    /// Opens each path in turn (`-` is standard input; no paths means standard input) and hands
    /// it to `body`: gzip and zstd input is decompressed (`Compression`), one decompressor at a
    /// time. Every file is checked first, so a missing one stops the run before any output.
    public func forEachInput(_ paths: [String], maxLineBytes: Int, _ body: (ByteInput) throws -> Void) throws {
        let names = paths.isEmpty ? ["-"] : paths
        for name in names where name != "-" && access(name, R_OK) != 0 {
            throw CivError.cannotOpen(path: name, reason: String(cString: strerror(errno)))
        }
        // The time left is known when every input is a regular file: their sizes add up.
        var sizes: [Int] = []
        for name in names {
            var st = stat()
            guard name != "-", stat(name, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { sizes = []; break }
            sizes.append(Int(st.st_size))
        }
        if let progress, !sizes.isEmpty { progress.totalBytes = sizes.reduce(0, +) }
        var doneBefore = 0
        for (i, name) in names.enumerated() {
            let input = name == "-" ? try ByteInput.opening(fileDescriptor: 0, name: "-", maxLineBytes: maxLineBytes, ownsDescriptor: false)
                : try ByteInput.opening(path: name, maxLineBytes: maxLineBytes)
            input.willRead = { [output] in try output.flush() }
            if let progress {
                var read = 0
                input.didRead = { n in
                    read += n
                    progress.add(bytes: n)
                }
                // Compressed files: how far the decompressor has read into the file.
                let before = doneBefore
                progress.consumed = { [weak input] in before + (input?.sourcePosition?() ?? read) }
            }
            try body(input)
            if i < sizes.count { doneBefore += sizes[i] }
        }
    }

    /// Reads records (or plain text) from `paths`, calling `handleRecord` for each record and, in
    /// plain-text mode when given, `handlePlainLine` for each line instead (decoded as crawl
    /// input is: GB18030 recognized, invalid UTF-8 replaced and counted; given as its bytes,
    /// valid UTF-8).
    public func run(
        paths: [String],
        maxDocumentBytes: Int = CleanStage.defaultMaxDocumentBytes,
        handlePlainLine: (([UInt8]) throws -> Void)? = nil,
        handleRecord: (Record) throws -> Void
    ) -> CivExitCode {
        do {
            try forEachInput(paths, maxLineBytes: min(Limits.maxLineBytes, maxDocumentBytes)) { input in
                let reader = RecordReader(input: input, maxDocumentBytes: maxDocumentBytes)
                if let lineHandler = handlePlainLine, try reader.detectPlainText() {
                    while let text = try reader.nextPlainUTF8() { try lineHandler(text) }
                } else {
                    while let record = try reader.next() {
                        counters.add("documents.in")
                        if let shard, !shard.contains(record) {
                            counters.add("shard.skipped")
                            continue
                        }
                        try handleRecord(record)
                    }
                }
                report(reader.problems, in: input.name)
                counters.merge(reader.decoding)
            }
            try output.flush()
        } catch let error as CivError {
            return fail(error)
        } catch {
            return fail(.icu("\(error)"))
        }
        return exitCode
    }

    /// Turns reader problems into counts, messages and the exit code.
    public func report(_ problems: [RecordReader.Problem], in name: String) {
        for problem in problems { dataProblem(problem.message(in: name), counter: problem.counter) }
    }

    /// Prints a fatal error and returns its exit code.
    public func fail(_ error: CivError) -> CivExitCode {
        progress?.clear()
        if error == .outputClosed {
            StandardError.write("\(tool): output closed early; stopped after \(counters["documents.out"]) documents\n")
        } else {
            StandardError.write("\(tool): \(error)\n")
        }
        return error.exitCode
    }

    /// Writes the counters to standard error, one `tool<TAB>name<TAB>count` line each.
    public func printStats() {
        StandardError.write(counters.report(prefix: tool))
    }

    /// Writes the counters to standard error in `format`.
    public func printStats(_ format: StatsFormat) {
        StandardError.write(counters.report(format, tool: tool))
    }

    /// Whether the inputs named (none: standard input) include standard input and it is a pipe:
    /// then another filter is usually drawing the progress line already.
    public static func readsPipe(_ paths: [String]) -> Bool {
        guard paths.isEmpty || paths.contains("-") else { return false }
        var st = stat()
        return fstat(0, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO
    }

    /// Shows the progress line when standard error is a terminal; `documents` is read at each
    /// redraw (default: the records read).
    public func showProgress(documents: (() -> Int)? = nil) {
        guard Progress.standardErrorIsTerminal else { return }
        let progress = Progress(tool: tool)
        progress.documents = documents ?? { [unowned self] in self.counters["documents.in"] }
        self.progress = progress
    }

    /// Draws the progress line's last state, ending it with a line feed, and stops it: later
    /// messages start on a line of their own.
    public func endProgress() {
        progress?.finish()
        progress = nil
    }

    /// The end of a run's reporting: the progress line's last state, then the counters
    /// (`--stats`) and, under Hadoop Streaming, the counter lines Hadoop reads.
    public func finishReporting(stats: StatsFormat?, environment: [String: String]) {
        endProgress()
        if let stats { printStats(stats) }
        if Counters.underHadoopStreaming(environment) { StandardError.write(counters.hadoopReport(tool: tool)) }
    }
}
