/// The boilerplate and byline rules of `Resources/boilerplate.tsv` (its header documents them).
public final class BoilerplateRules: @unchecked Sendable {
    public enum Action: Equatable, Sendable { case drop, moveToField(String) }
    public enum Scope: String, Sendable { case first, head, tail, any }
    public enum Boundary: String, Sendable { case startsPage = "starts-page", endsPage = "ends-page", none = "-" }

    public struct Rule: @unchecked Sendable {
        public let kind: String
        public let action: Action
        public let scope: Scope
        public let boundary: Boundary
        public let keyword: String?
        public let pattern: String
        let regex: Regex<AnyRegexOutput>
        /// Matched against a line and the next one joined by `\n`.
        public let spansTwoLines: Bool

        func matches(_ text: String) -> Bool {
            guard text.utf8.count <= BoilerplateRules.maxLineBytes else { return false }
            if let k = keyword, !text.containsBytes(k) { return false }
            return (try? regex.firstMatch(in: text)) != nil
        }

        /// Where a match ends in `text`, if it matches.
        func matchEnd(in text: String) -> String.Index? {
            guard text.utf8.count <= BoilerplateRules.maxLineBytes else { return nil }
            if let k = keyword, !text.containsBytes(k) { return nil }
            return (try? regex.firstMatch(in: text))?.range.upperBound
        }
    }

    /// Lines of the head and the tail zones.
    public static let zoneLines = 12
    /// Boilerplate lines are short (about 100 characters at most in the seeds); a longer line is
    /// never taken for one, so prose cannot vanish into a field (a whole page on one line once
    /// matched the banner rule) and no pattern runs over megabyte lines.
    public static let maxLineBytes = 1024

    public let rules: [Rule]

    public init(tsv lines: [String]) throws {
        rules = try lines.map { line in
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count == 6, let scope = Scope(rawValue: cols[2]), let boundary = Boundary(rawValue: cols[3]) else {
                throw CivError.icu("boilerplate.tsv: malformed rule line: \(line)")
            }
            let action: Action = cols[1] == "drop" ? .drop : .moveToField(String(cols[1].dropFirst("field:".count)))
            let pattern = cols[5].replacingOccurrences(of: "\\n", with: "\n")
            return Rule(kind: cols[0], action: action, scope: scope, boundary: boundary,
                        keyword: cols[4] == "-" ? nil : cols[4], pattern: cols[5], regex: try Regex(pattern),
                        spansTwoLines: pattern.containsBytes("\n"))
        }
    }

    public static let standard: BoilerplateRules = {
        do { return try BoilerplateRules(tsv: DataFile.lines("boilerplate.tsv")) } catch { fatalError("\(error)") }
    }()

    /// Whether `rule` applies to line `index` of a document of `count` lines.
    static func inScope(_ rule: Rule, index: Int, count: Int) -> Bool {
        switch rule.scope {
        case .first: return index == 0
        case .head: return index < zoneLines
        case .tail: return index >= count - zoneLines
        case .any: return true
        }
    }

    /// True when `line` begins a new page (a breadcrumb or a site banner).
    public func startsPage(_ line: String) -> Bool {
        rules.contains { $0.boundary == .startsPage && !$0.spansTwoLines && $0.matches(line) }
    }

    /// In a line where one page's last line and the next page's first line were glued together
    /// (files without a final newline, then `cat`), where the next page begins: right after an
    /// end-of-page marker (`相关分类`, a copyright note), provided that what follows starts a page
    /// or the marker closes with a bracket or final punctuation (then it cannot go on).
    public func gluedPageStart(in line: String) -> String.Index? {
        for rule in rules where rule.boundary == .endsPage && !rule.spansTwoLines {
            guard let end = rule.matchEnd(in: line), end < line.endIndex else { continue }
            let rest = String(line[end...])
            let last = line[line.index(before: end)]
            if startsPage(rest) || "）)！!。".contains(last) { return end }
        }
        return nil
    }
}
