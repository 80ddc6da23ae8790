/// The exit codes every civ filter uses (sysexits.h where one fits), documented in the README.
public enum CivExitCode: Int32, Sendable {
    /// Every input document was written out, or rejected and counted with its reason.
    case success = 0
    /// Bad flags or arguments (swift-argument-parser's own code for validation errors).
    case usage = 64
    /// The input was malformed (a truncated record, an unterminated WARC record, a record stream
    /// with a bad header line). Everything readable was still processed and counted.
    case dataError = 65
    /// An input file could not be opened.
    case noInput = 66
    /// Reading or writing failed (other than a closed output pipe).
    case ioError = 74
    /// The reader of standard output went away (`civ-clean | head`): the filter stops at once,
    /// as `cat` does when SIGPIPE kills it (128 + 13).
    case outputClosed = 141
}

/// Errors that end a filter run.
public enum CivError: Error, CustomStringConvertible, Equatable {
    case outputClosed
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case writeFailed(reason: String)
    case icu(String)
    /// A data file given on the command line is malformed (`--lexicon`): where and why.
    case malformedData(String)

    public var description: String {
        switch self {
        case .outputClosed: return "standard output was closed early (broken pipe); stopped"
        case let .cannotOpen(path, reason): return "cannot open \(path): \(reason)"
        case let .readFailed(path, reason): return "cannot read \(path): \(reason)"
        case let .writeFailed(reason): return "cannot write standard output: \(reason)"
        case let .icu(message): return "ICU: \(message)"
        case let .malformedData(message): return message
        }
    }

    public var exitCode: CivExitCode {
        switch self {
        case .outputClosed: return .outputClosed
        case .cannotOpen: return .noInput
        case .readFailed, .writeFailed: return .ioError
        case .icu: return .ioError
        case .malformedData: return .dataError
        }
    }
}
