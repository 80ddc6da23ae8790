import CICU
import Foundation

/// A regular expression compiled by ICU's regex engine and matched on UTF-8 bytes in place.
///
/// civ-clean tries its boilerplate patterns on every line; Swift's Regex took several
/// microseconds a call and a quarter of civ-clean's time in profiles, ICU's engine (the one
/// civ already links) a fraction of that. One handle is not thread-safe: calls are serialized
/// by a lock, uncontended in the single-threaded filters.
public final class ICURegex: @unchecked Sendable {
    public let pattern: String
    /// The compiled pattern; nil until the first match when made with `compilingOnFirstUse`.
    /// Read and set under `lock` only.
    private var handle: OpaquePointer?
    private let lock = NSLock()

    public init(_ pattern: String) throws {
        handle = try Self.compile(pattern)
        self.pattern = pattern
    }

    /// A pattern compiled at its first match, not now: civ-clean reads some 200 boilerplate
    /// patterns at start-up, most of which no line of a small page reaches (compiling them all
    /// was a fifth of its start-up). The caller checks the pattern beforehand (`validate`), as
    /// `DataFileCheck` and the tests do for the tables; one that fails at first use stops the
    /// program with its message.
    public init(compilingOnFirstUse pattern: String) {
        self.pattern = pattern
        handle = nil
    }

    /// Throws what compiling `pattern` throws (nothing is kept).
    public static func validate(_ pattern: String) throws {
        civ_regex_close(try compile(pattern))
    }

    private static func compile(_ pattern: String) throws -> OpaquePointer {
        var error = [CChar](repeating: 0, count: 64)
        var source = pattern
        let opened = source.withUTF8 { p in
            p.withMemoryRebound(to: CChar.self) { civ_regex_open($0.baseAddress, Int32($0.count), &error, Int32(error.count)) }
        }
        guard let opened else {
            throw CivError.icu("cannot compile regular expression \(pattern): \(String(nulTerminated: error))")
        }
        return opened
    }

    deinit { if let handle { civ_regex_close(handle) } }

    /// ICU wants a pointer even for empty text.
    nonisolated(unsafe) private static let emptyText: UnsafeMutablePointer<CChar> = {
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        p.pointee = 0
        return p
    }()

    /// The UTF-8 offset where the first match in `text` ends, or nil when there is none.
    public func firstMatchEnd(in text: UnsafeBufferPointer<UInt8>) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        let handle: OpaquePointer
        if let compiled = self.handle {
            handle = compiled
        } else {
            do { handle = try Self.compile(pattern) } catch { fatalError("civ: \(error)") }
            self.handle = handle
        }
        let end = text.withMemoryRebound(to: CChar.self) { p in
            civ_regex_first_match_end(handle, p.baseAddress ?? UnsafePointer(Self.emptyText), Int64(p.count))
        }
        return end >= 0 ? Int(end) : nil
    }

    public func firstMatchEnd(in text: String) -> Int? {
        var text = text
        return text.withUTF8 { firstMatchEnd(in: $0) }
    }

    public func matches(_ text: String) -> Bool { firstMatchEnd(in: text) != nil }
}
