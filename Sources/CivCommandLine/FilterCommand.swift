import ArgumentParser
import CivKit
import Foundation

extension StatsFormat: ExpressibleByArgument {
    // The parser's defaults name each value through `String(describing:)` and string
    // interpolation, whose dynamic casts and conformance lookups cost 1.6M instructions at every
    // start (the argument set is built three times); the names are the raw values, as before.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var allValueDescriptions: [String: String] { [:] }
    public var defaultValueDescription: String { rawValue }
}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// The options every civ filter takes.
public struct FilterOptions: ParsableArguments {
    @Argument(help: "Input files; gzip and zstd files are decompressed (told by their first bytes, not their names). Default: standard input.")
    public var files: [String] = []

    @Option(help: ArgumentHelp(
        "Print counts of everything done, changed, dropped or rejected to standard error: plain --stats as tool<TAB>name<TAB>count lines, --stats=table as aligned columns, --stats=json as one JSON object.",
        valueName: "tsv|table|json"))
    public var stats: StatsFormat?

    @Option(help: ArgumentHelp(
        "Keep only the documents of shard i of n (1 ≤ i ≤ n), chosen by a stable hash of each document's identity: n jobs with --shard 1/n … n/n cover the input exactly once.",
        valueName: "i/n"))
    public var shard: Shard?

    @Flag(name: [.short, .long], help: "No progress line and no summary messages on standard error; errors only.")
    public var quiet = false

    @Flag(help: "Show the progress line also when reading a pipe (by default only the filter that reads files, or standard input from a file, shows it, so that a pipeline of civ filters draws one line).")
    public var progress = false

    public init() {}

    /// The arguments as the parser expects them: a bare `--stats` (no `=FORMAT`) is `--stats=tsv`,
    /// so that `--stats FILE` keeps FILE an input.
    public static func normalized(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var rest = false
        for a in arguments {
            if !rest && a == "--stats" { out.append("--stats=tsv"); continue }
            if a == "--" { rest = true }
            out.append(a)
        }
        return out
    }
}

extension FilterOptions {
    /// Splits off the file arguments the parser need not see: those after `--`, and those of
    /// the trailing run of words but its first (which may be an option's value: every civ option
    /// takes one value at most). The argument parser takes time quadratic in its positional
    /// arguments (20,000 files: minutes); these files are added to `files` after parsing.
    public static func splittingTrailingFiles(_ arguments: [String]) -> (arguments: [String], files: [String]) {
        var head = arguments[...], files: [String] = []
        if let dashes = arguments.firstIndex(of: "--") {
            head = arguments[..<dashes]
            files = Array(arguments[(dashes + 1)...])
        }
        var start = head.endIndex
        while start > head.startIndex, !head[start - 1].hasPrefix("-") { start -= 1 }
        // A few hundred cost nothing: those stay with the parser, and usage errors read as ever.
        guard head.endIndex - (start + 1) + files.count >= 256 else { return (arguments, []) }
        guard start + 1 < head.endIndex else { return (Array(head), files) }
        return (Array(head[...start]), Array(head[(start + 1)...]) + files)
    }
}

/// What the executables share: `main` reads the arguments through `FilterOptions.normalized`
/// and `splittingTrailingFiles`.
public protocol FilterCommand: ParsableCommand {
    var options: FilterOptions { get set }
}

extension FilterCommand {
    public static func main() {
        let (arguments, files) = FilterOptions.splittingTrailingFiles(FilterOptions.normalized(Array(CommandLine.arguments.dropFirst())))
        do {
            var command = try parseAsRoot(arguments)
            if var filter = command as? Self, !files.isEmpty {
                filter.options.files += files
                // Checked again with every file (`--part` takes one).
                try filter.validate()
                command = filter
            }
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// Help text shared by the filters.
public enum FilterHelp {
    public static let exitCodes = """
        Exit codes: 0 done, every document written or counted; 64 bad usage; 65 malformed input \
        (a truncated record, text outside records, a truncated WARC record), processed as far \
        as possible; 66 a file cannot be opened; 74 read or write error (a corrupt compressed \
        file included); 141 standard output closed early (as in `| head`).
        """
}

extension FilterRun {
    /// Applies the shared options before a run: the shard, the progress line.
    public func configure(_ options: FilterOptions, documents: (() -> Int)? = nil) {
        shard = options.shard
        if !options.quiet && (options.progress || !FilterRun.readsPipe(options.files)) { showProgress(documents: documents) }
    }

    /// Ends a filter's run: counters to standard error with `--stats` (and for Hadoop Streaming),
    /// then the exit code.
    public func exit(_ code: CivExitCode, options: FilterOptions) throws {
        finishReporting(stats: options.stats, environment: ProcessInfo.processInfo.environment)
        if code != .success { throw ExitCode(code.rawValue) }
    }
}

extension FilterRun {
    /// Checks the data tables the filter loads (`DataFileCheck`): each malformed line is reported
    /// as `FILE:LINE: why: line`, and the run ends with exit 65 before reading input.
    public func requireValidData(_ names: [String], options: FilterOptions) throws {
        let problems = DataFileCheck.problems(names)
        guard !problems.isEmpty else { return }
        for problem in problems { StandardError.write("\(tool): \(problem)\n") }
        counters.add("data.malformed-line", problems.count)
        try exit(.dataError, options: options)
    }
}
