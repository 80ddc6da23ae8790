/// Named counts of what a stage changed, dropped or met, in first-seen order.
///
/// Every repair and every filter counts under a stable name (`pinyin-annotation`,
/// `dropped.breadcrumb`, `reject.binary`, …) so that `--stats` and the per-document `repairs`
/// field account for everything a stage did.
public struct Counters: Equatable, Sendable {
    public private(set) var names: [String] = []
    private var counts: [String: Int] = [:]

    public init() {}

    public subscript(name: String) -> Int { counts[name] ?? 0 }

    public mutating func add(_ name: String, _ amount: Int = 1) {
        guard amount != 0 else { return }
        if counts[name] == nil { names.append(name) }
        // Saturates instead of trapping: counts come from input too (`%repairs` of a record).
        let (sum, overflow) = counts[name, default: 0].addingReportingOverflow(amount)
        counts[name] = overflow ? (amount > 0 ? Int.max : Int.min) : sum
    }

    public mutating func merge(_ other: Counters) {
        for name in other.names { add(name, other[name]) }
    }

    public var isEmpty: Bool { names.isEmpty }

    /// `name=count name=count`, the form of the `repairs` field.
    public var compact: String {
        names.map { "\($0)=\(counts[$0]!)" }.joined(separator: " ")
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
        names.map { "\(prefix)\t\($0)\t\(counts[$0]!)\n" }.joined()
    }
}
