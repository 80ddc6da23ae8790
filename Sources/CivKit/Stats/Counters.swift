/// Named counts of what a stage changed, dropped or met, in first-seen order.
///
/// Every repair and every filter counts under a stable name (`pinyin-annotation`,
/// `dropped.breadcrumb`, `reject.binary`, …) so that `--stats` and the per-document `repairs`
/// field account for everything a stage did.
///
/// The line repairs count on every line of the input, so their names are `FastCounter`s: fixed
/// slots, no string hashing (which profiling showed costing as much as a repair itself).
public struct Counters: Sendable {
    /// One counted name, in first-seen order.
    private enum Entry: Sendable, Equatable {
        case fast(FastCounter)
        /// Its position in `namedKeys` and `namedValues`.
        case named(Int)

        /// One byte, for `firstEntries` (whose named entries are among a counter's first eight names):
        /// a fast slot's raw value, or `namedCode` + the named position.
        var code: UInt64 {
            switch self {
            case let .fast(slot): return UInt64(slot.rawValue)
            case let .named(k): return Self.namedCode + UInt64(k)
            }
        }

        init(code: UInt64) {
            self = code < Self.namedCode ? .fast(FastCounter(rawValue: Int(code))!) : .named(Int(code - Self.namedCode))
        }

        /// Above every fast slot's raw value (`fast` has a slot for each).
        static let namedCode: UInt64 = 8
    }

    /// The entries in first-seen order.
    @inline(__always)
    private func forEachEntry(_ body: (Entry) -> Void) {
        var first = firstEntries
        for _ in 0 ..< firstCount {
            body(Entry(code: first & 0xFF))
            first >>= 8
        }
        for entry in moreEntries { body(entry) }
    }

    @inline(__always)
    private mutating func appendEntry(_ entry: Entry) {
        if firstCount < Self.inlineEntries {
            firstEntries |= entry.code << UInt64(8 * firstCount)
            firstCount += 1
        } else {
            if moreEntries.capacity == 0 { moreEntries.reserveCapacity(Self.initialCapacity) }
            moreEntries.append(entry)
        }
    }

    private var entryCount: Int { firstCount + moreEntries.count }

    /// The order of the entries: the first `inlineEntries` in `firstEntries`, a byte each from the
    /// lowest (`Entry.code`), the rest in `moreEntries`. A line's counters (a few fast names) then
    /// hold no array: they were allocated line after line, and freed as each line left the page
    /// split's window.
    private var firstEntries: UInt64 = 0
    private var firstCount = 0
    private var moreEntries: [Entry] = []
    private static let inlineEntries = 8
    /// The other names and their counts, in first-seen order: a document's few are found by
    /// comparing names (equal strings are mostly one storage, compared at once); hashing them,
    /// and growing a dictionary for every document, cost more.
    private var namedKeys: [String] = []
    private var namedValues: [Int] = []
    /// Positions by name, once there are more names than a scan should go through.
    private var namedIndex: [String: Int] = [:]
    private static let maxScannedNames = 12
    private var fast = InlineArray<8, Int>(repeating: 0)

    /// The position of `name` in `namedKeys`, or nil.
    @inline(__always)
    private func position(of name: String) -> Int? {
        if namedKeys.count > Self.maxScannedNames { return namedIndex[name] }
        for k in namedKeys.indices where namedKeys[k] == name { return k }
        return nil
    }

    public init() {}

    /// The counted names, in first-seen order.
    public var names: [String] {
        var names: [String] = []
        names.reserveCapacity(entryCount)
        forEachEntry { entry in
            switch entry {
            case let .fast(slot): names.append(slot.name)
            case let .named(k): names.append(namedKeys[k])
            }
        }
        return names
    }

    public subscript(name: String) -> Int {
        if let slot = FastCounter(name: name) { return fast[slot.rawValue] }
        return position(of: name).map { namedValues[$0] } ?? 0
    }

    public subscript(slot: FastCounter) -> Int { fast[slot.rawValue] }

    public mutating func add(_ name: String, _ amount: Int = 1) {
        guard amount != 0 else { return }
        if let slot = FastCounter(name: name) { return add(slot, amount) }
        addNamed(name, amount)
    }

    /// Adds to a name that is no `FastCounter`'s.
    private mutating func addNamed(_ name: String, _ amount: Int) {
        guard amount != 0 else { return }
        if let k = position(of: name) {
            namedValues[k] = Self.saturatingSum(namedValues[k], amount)
        } else {
            let k = namedKeys.count
            if k == 0 {
                // A document's counters start empty: room for a few names at once, not grown
                // one by one (three allocations an array for three names).
                namedKeys.reserveCapacity(Self.initialCapacity)
                namedValues.reserveCapacity(Self.initialCapacity)
            }
            appendEntry(.named(k))
            namedKeys.append(name)
            namedValues.append(amount)
            if k == Self.maxScannedNames {
                for (j, key) in namedKeys.enumerated() { namedIndex[key] = j }
            } else if k > Self.maxScannedNames {
                namedIndex[name] = k
            }
        }
    }

    @inline(__always)
    public mutating func add(_ slot: FastCounter, _ amount: Int = 1) {
        guard amount != 0 else { return }
        let old = fast[slot.rawValue]
        if old == 0 { appendEntry(.fast(slot)) }
        fast[slot.rawValue] = Self.saturatingSum(old, amount)
    }

    private static let initialCapacity = 8

    /// Saturates instead of trapping: counts come from input too (`%repairs` of a record).
    @inline(__always)
    static func saturatingSum(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : sum
    }

    public mutating func merge(_ other: Counters) {
        other.forEachEntry { entry in
            switch entry {
            case let .fast(slot): add(slot, other.fast[slot.rawValue])
            // (A named entry is never a fast counter's: `add` put those in their slots.)
            case let .named(k): addNamed(other.namedKeys[k], other.namedValues[k])
            }
        }
    }

    public var isEmpty: Bool { firstCount == 0 }

    /// `name=count name=count`, the form of the `repairs` field.
    public var compact: String {
        // Built as bytes from the entries (written once per document: String appends and a
        // look-up of each name again by string cost as much as a line repair).
        var out: [UInt8] = []
        out.reserveCapacity(entryCount * 24)
        forEachEntry { entry in
            if !out.isEmpty { out.append(0x20) }
            let count: Int
            switch entry {
            case let .fast(slot): Self.appendUTF8(slot.name, to: &out); count = fast[slot.rawValue]
            case let .named(k): Self.appendUTF8(namedKeys[k], to: &out); count = namedValues[k]
            }
            out.append(0x3D)
            Self.appendDecimal(count, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A name's bytes in one copy (appending its `utf8` view went through the view's iterator).
    @inline(__always)
    private static func appendUTF8(_ name: String, to out: inout [UInt8]) {
        var name = name
        name.withUTF8 { out.append(contentsOf: $0) }
    }

    /// `String(n)`'s digits, without the String: written from the last into room on the stack,
    /// then appended at once.
    static func appendDecimal(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(0x2D) }
        var magnitude = n.magnitude
        // (UInt.max has 20 digits.)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Empties the counters, keeping their storage (for counters reused line after line).
    public mutating func removeAll() {
        guard !isEmpty else { return }
        firstEntries = 0
        firstCount = 0
        if !moreEntries.isEmpty { moreEntries.removeAll(keepingCapacity: true) }
        if !namedKeys.isEmpty {
            namedKeys.removeAll(keepingCapacity: true)
            namedValues.removeAll(keepingCapacity: true)
            if !namedIndex.isEmpty { namedIndex.removeAll(keepingCapacity: true) }
        }
        fast = InlineArray(repeating: 0)
    }

    /// Parses the `compact` form back; malformed items and negative counts are skipped.
    public init(compact: String) {
        for item in compact.split(separator: " ") {
            guard let eq = item.lastIndex(of: "="), let n = Int(item[item.index(after: eq)...]), n >= 0 else { continue }
            add(String(item[..<eq]), n)
        }
    }

    /// One `name<TAB>count` line each, for `--stats` on standard error.
    public func report(prefix: String) -> String {
        names.map { "\(prefix)\t\($0)\t\(self[$0])\n" }.joined()
    }
}

extension Counters: Equatable {
    public static func == (a: Counters, b: Counters) -> Bool {
        a.names == b.names && a.names.allSatisfy { a[$0] == b[$0] }
    }
}

/// The counters bumped on every line: the line repairs' names.
public enum FastCounter: Int, Sendable, CaseIterable {
    case pinyinAnnotation, traditional, spuriousComma, punctuation, whitespace
    case traditionalLines, traditionalLeftSimplified, traditionalLeftJapanese

    public var name: String {
        switch self {
        case .pinyinAnnotation: return "pinyin-annotation"
        case .traditional: return "traditional"
        case .spuriousComma: return "spurious-comma"
        case .punctuation: return "punctuation"
        case .whitespace: return "whitespace"
        case .traditionalLines: return "traditional.lines"
        case .traditionalLeftSimplified: return "traditional.left-simplified"
        case .traditionalLeftJapanese: return "traditional.left-japanese"
        }
    }

    public init?(name: String) {
        // Most other names (`dropped.…`, `moved.…`, `lost-character.…`) fail on the first byte.
        switch name.utf8.first {
        case UInt8(ascii: "p"), UInt8(ascii: "t"), UInt8(ascii: "s"), UInt8(ascii: "w"): break
        default: return nil
        }
        switch name {
        case "pinyin-annotation": self = .pinyinAnnotation
        case "traditional": self = .traditional
        case "spurious-comma": self = .spuriousComma
        case "punctuation": self = .punctuation
        case "whitespace": self = .whitespace
        case "traditional.lines": self = .traditionalLines
        case "traditional.left-simplified": self = .traditionalLeftSimplified
        case "traditional.left-japanese": self = .traditionalLeftJapanese
        default: return nil
        }
    }
}
