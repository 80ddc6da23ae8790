import CICU
import Foundation

/// A Swift handle on an ICU break iterator (word or sentence, locale `zh`). Calls are
/// serialized by a lock: the ICU object is not thread-safe.
public final class ICUBreakIterator: @unchecked Sendable {
    private let lock = NSLock()
    public enum Kind: Int32 { case character = 0, word = 1, line = 2, sentence = 3 }

    private let handle: OpaquePointer
    private var text: [UInt16] = []

    public init(kind: Kind, locale: String = "zh") throws {
        var error = [CChar](repeating: 0, count: 64)
        guard let h = civ_break_open(kind.rawValue, locale, &error, Int32(error.count)) else {
            throw CivError.icu("cannot open break iterator: \(String(nulTerminated: error))")
        }
        handle = h
    }

    deinit { civ_break_close(handle) }

    /// ICU's boundaries in `text` (UTF-16 offsets, from 0 to `text.count`).
    public func boundaries(_ text: [UInt16]) -> [Int32] {
        var result: [Int32] = []
        text.withUnsafeBufferPointer { boundaries($0, into: &result) }
        return result
    }

    /// ICU's boundaries in `text` (UTF-16 offsets, from 0 to `text.count`), replacing the
    /// contents of `result` (its storage reused from call to call).
    public func boundaries(_ text: UnsafeBufferPointer<UInt16>, into result: inout [Int32]) {
        if text.isEmpty {
            result.removeAll(keepingCapacity: true)
            result.append(0)
            return
        }
        lock.lock()
        defer { lock.unlock() }
        guard civ_break_set_text(handle, text.baseAddress, Int32(text.count)) <= 0 else {
            result.removeAll(keepingCapacity: true)
            return
        }
        // Written through a buffer sized for the most there can be (one an offset, the boundaries
        // rising): an append a boundary cost its checks of capacity and uniqueness. Resized, not
        // emptied: only what it grows by is filled.
        let capacity = text.count + 1
        result.resizeZeroed(to: capacity)
        let made = result.withUnsafeMutableBufferPointer { b in
            var made = 0
            b[made] = civ_break_first(handle)
            made += 1
            while made < capacity {
                let end = civ_break_next(handle)
                if end < 0 { break }
                b[made] = end
                made += 1
            }
            return made
        }
        result.removeLast(capacity - made)
    }

    /// Splits `string` at ICU's boundaries. Each piece comes with ICU's rule status
    /// (for words: 0–99 none/space/punctuation, 100+ number, 200+ letter, 400+ ideographic).
    public func pieces(_ string: String) -> [(text: String, status: Int32)] {
        if string.isEmpty { return [] }
        lock.lock()
        defer { lock.unlock() }
        text.removeAll(keepingCapacity: true)
        text.append(contentsOf: string.utf16)
        var result: [(String, Int32)] = []
        text.withUnsafeBufferPointer { p in
            guard civ_break_set_text(handle, p.baseAddress, Int32(p.count)) <= 0 else { return }
            var start = Int(civ_break_first(handle))
            while true {
                let end = Int(civ_break_next(handle))
                if end < 0 { break }
                result.append((String(decoding: p[start..<end], as: UTF16.self), civ_break_rule_status(handle)))
                start = end
            }
        }
        return result
    }
}
