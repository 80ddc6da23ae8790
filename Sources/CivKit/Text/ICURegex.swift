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
    private let handle: OpaquePointer
    private let lock = NSLock()

    public init(_ pattern: String) throws {
        var error = [CChar](repeating: 0, count: 64)
        var source = pattern
        let opened = source.withUTF8 { p in
            p.withMemoryRebound(to: CChar.self) { civ_regex_open($0.baseAddress, Int32($0.count), &error, Int32(error.count)) }
        }
        guard let opened else {
            throw CivError.icu("cannot compile regular expression \(pattern): \(String(nulTerminated: error))")
        }
        handle = opened
        self.pattern = pattern
    }

    deinit { civ_regex_close(handle) }

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
