import Foundation

/// Values made on first use, one per small integer key, then kept for the run and shared by its
/// threads: what the repairs derive from a GBK byte's characters (a page without damage makes none).
final class LazyTable<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    /// Allocated at the first value: a run that needs none pays nothing at start-up.
    private var values: [Value?] = []

    init(count: Int) {
        self.count = count
    }

    /// The value of `key` (0 ..< count), made by `make` the first time.
    func value(_ key: Int, make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if values.isEmpty { values = [Value?](repeating: nil, count: count) }
        if let value = values[key] { return value }
        let value = make()
        values[key] = value
        return value
    }
}
