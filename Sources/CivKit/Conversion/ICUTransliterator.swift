import CICU
import Foundation

/// A Swift handle on an ICU transliterator (`Traditional-Simplified`, `Han-Latin`, …).
/// The ICU object is not thread-safe; calls are serialized by a lock (uncontended in the
/// single-threaded filters, needed where tests share one instance).
public final class ICUTransliterator: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: OpaquePointer
    public let id: String
    private var buffer: [UInt16] = []

    public init(id: String) throws {
        var error = [CChar](repeating: 0, count: 64)
        guard let h = civ_transliterator_open(id, &error, Int32(error.count)) else {
            throw CivError.icu("cannot open transliterator \(id): \(String(nulTerminated: error))")
        }
        handle = h
        self.id = id
    }

    /// A transliterator from rules of one's own (`utrans_openU` with rules), e.g. `a > b; cd > e;`.
    public init(rules: String) throws {
        var error = [CChar](repeating: 0, count: 128)
        let units = Array(rules.utf16)
        guard let h = civ_transliterator_open_rules(units, Int32(units.count), &error, Int32(error.count)) else {
            throw CivError.icu("cannot compile transliterator rules: \(String(nulTerminated: error))")
        }
        handle = h
        id = "civ-rules"
    }

    deinit { civ_transliterator_close(handle) }

    /// Transliterates `text` with ICU's C API (`utrans_transUChars`).
    public func transliterate(_ text: String) -> String {
        if text.isEmpty { return text }
        lock.lock()
        defer { lock.unlock() }
        var length = 0
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: text.utf16)
        length = buffer.count
        var capacity = max(16, length * 2)
        while true {
            if buffer.count < capacity { buffer.append(contentsOf: repeatElement(0, count: capacity - buffer.count)) }
            var len = Int32(length)
            let status = buffer.withUnsafeMutableBufferPointer { p in
                civ_transliterator_transliterate(handle, p.baseAddress, &len, Int32(capacity))
            }
            if status == 15 /* U_BUFFER_OVERFLOW_ERROR */ {
                // Start over from the original text with room for the result.
                capacity = Int(len) + 16
                buffer.removeAll(keepingCapacity: true)
                buffer.append(contentsOf: text.utf16)
                continue
            }
            if status > 0 { return text }
            return String(decoding: buffer[0..<Int(len)], as: UTF16.self)
        }
    }

    /// The transliterator's rules as ICU writes them (`utrans_toRules`); with `escapeUnprintable`,
    /// every character outside printable ASCII as a `\\uXXXX` or `\\UXXXXXXXX` escape.
    public func rules(escapeUnprintable: Bool = false) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        var error = [CChar](repeating: 0, count: 64)
        let needed = civ_transliterator_rules(handle, escapeUnprintable ? 1 : 0, nil, 0, &error, Int32(error.count))
        if needed < 0 { throw CivError.icu("cannot read the rules of \(id): \(String(nulTerminated: error))") }
        var units = [UInt16](repeating: 0, count: Int(needed) + 1)
        let length = civ_transliterator_rules(handle, escapeUnprintable ? 1 : 0, &units, Int32(units.count), &error, Int32(error.count))
        if length < 0 || length > needed { throw CivError.icu("cannot read the rules of \(id): \(String(nulTerminated: error))") }
        return String(decoding: units[0..<Int(length)], as: UTF16.self)
    }

    /// The ICU library's version, e.g. "72.1".
    public static var icuVersion: String {
        var out = [CChar](repeating: 0, count: 32)
        civ_icu_version(&out, Int32(out.count))
        return String(nulTerminated: out)
    }
}

extension String {
    /// A string from a NUL-terminated C buffer.
    init(nulTerminated chars: [CChar]) {
        let bytes = chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
