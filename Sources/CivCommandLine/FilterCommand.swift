import ArgumentParser
import CivKit

/// The options every civ filter takes.
public struct FilterOptions: ParsableArguments {
    @Argument(help: "Input files. Default: standard input.")
    public var files: [String] = []

    @Flag(help: "Print counts of everything done, changed, dropped or rejected to standard error (tool<TAB>name<TAB>count).")
    public var stats = false

    public init() {}
}

/// Help text shared by the filters.
public enum FilterHelp {
    public static let exitCodes = """
        Exit codes: 0 done, every document written or counted; 64 bad usage; 65 malformed input \
        (a truncated record, text outside records, a truncated WARC record), processed as far \
        as possible; 66 a file cannot be opened; 74 read or write error; 141 standard output \
        closed early (as in `| head`).
        """
}

extension FilterRun {
    /// Ends a filter's run: counters to standard error with `--stats`, then the exit code.
    public func exit(_ code: CivExitCode, options: FilterOptions) throws {
        if options.stats { printStats() }
        if code != .success { throw ExitCode(code.rawValue) }
    }
}
