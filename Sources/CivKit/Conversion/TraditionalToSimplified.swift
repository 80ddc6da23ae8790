import Foundation

/// Traditional to Simplified Chinese with ICU's `Traditional-Simplified` transliterator.
///
/// The conversion goes through ICU's C API, so its output is ICU's own, phrase rules (甚麼, 瞭解)
/// included. A later fast path (per-code-point table plus ICU's phrase rules) must match it byte
/// for byte; `changes(_:)` is the per-code-point half of that knowledge.
public final class TraditionalToSimplified: @unchecked Sendable {
    private let transliterator: ICUTransliterator
    private let cacheLock = NSLock()
    private var singleCache: [UInt32: Bool] = [:]

    public init() throws {
        transliterator = try ICUTransliterator(id: "Traditional-Simplified")
    }

    public func convert(_ text: String) -> String {
        // ASCII-only text has nothing to convert; skip the ICU round trip.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return transliterator.transliterate(text)
    }

    /// True when ICU converts this scalar on its own to something else (it is traditional).
    public func changes(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x2E80 { return false }
        cacheLock.lock()
        let known = singleCache[scalar.value]
        cacheLock.unlock()
        if let known { return known }
        let s = String(Character(scalar))
        let result = transliterator.transliterate(s) != s
        cacheLock.lock()
        singleCache[scalar.value] = result
        cacheLock.unlock()
        return result
    }
}
