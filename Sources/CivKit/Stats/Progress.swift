#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One progress line on standard error, rewritten in place (`\r`) at most every quarter second:
/// bytes read, documents, MB/s, and the time left when the input's size is known (plain files).
/// Filters show it only when standard error is a terminal and `--quiet` is not given, so logs,
/// pipes and Hadoop tasks never see it.
public final class Progress {
    public let tool: String
    /// Total input bytes when known (the sum of the regular, uncompressed input files).
    public var totalBytes: Int?
    /// Where documents are counted (read at each update).
    public var documents: () -> Int = { 0 }
    /// Bytes of the input files consumed, when that is not the bytes read (compressed files);
    /// the time left is reckoned on it against `totalBytes`.
    public var consumed: (() -> Int)?
    public private(set) var bytes = 0
    private let start: Double
    private var lastDraw: Double
    private let write: (String) -> Void
    private var drawn = false

    public init(tool: String, write: @escaping (String) -> Void = StandardError.write) {
        self.tool = tool
        self.write = write
        start = Progress.now()
        lastDraw = start
    }

    /// Whether a filter should show progress: standard error is a terminal.
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Counts bytes read; redraws when a quarter second has passed.
    public func add(bytes n: Int) {
        bytes += n
        let t = Progress.now()
        if t - lastDraw >= 0.25 {
            lastDraw = t
            write("\r" + line(elapsed: t - start) + "\u{1B}[K")
            drawn = true
        }
    }

    /// Clears the line, so that a message starts on a clean one; the next update redraws it.
    public func clear() {
        if drawn { write("\r\u{1B}[K") }
        drawn = false
    }

    /// The last line, ending in a line feed (none when nothing was read).
    public func finish() {
        guard bytes > 0 || drawn else { return }  // nothing read (a file could not be opened)
        write("\r" + line(elapsed: Progress.now() - start, final: true) + "\u{1B}[K\n")
        drawn = false
    }

    /// `civ-clean: 12.5 MB, 340 documents, 41.2 MB/s, ETA 0:07`
    public func line(elapsed: Double, final: Bool = false) -> String {
        let mb = Double(bytes) / 1e6
        let rate = elapsed > 0 ? mb / elapsed : 0
        var s = "\(tool): \(Progress.format(mb)) MB, \(documents()) documents, \(Progress.format(rate)) MB/s"
        if !final, let total = totalBytes, total > 0 {
            let done = max(0, consumed?() ?? bytes)
            if done > 0, done < total, elapsed > 0 {
                s += ", ETA \(Progress.clock(elapsed * Double(total - done) / Double(done)))"
            }
            s += " (\(min(100, done * 100 / total))%)"
        }
        return s
    }

    static func format(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// `m:ss`, or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        let two = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
    }
}
