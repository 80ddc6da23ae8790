/// Handles the summary line portal pages put above the article (`摘要: 7月19日上午,… 郭建 ...`):
/// a truncated copy of the first paragraph. When its text is found again in the body it is
/// dropped (`dropped.summary`); otherwise it is moved to the `summary` field (`moved.summary`),
/// so no sentence is lost.
public struct RepeatedSummaryRemoval: DocumentRepair {
    public let name = "summary"
    static let labels = ["摘要：", "摘要:", "内容摘要：", "内容提要：", "提要：", "导读："]
    static let labelBytes = labels.map { Array($0.utf8) }
    /// Characters of the summary that must be found in the body to call it a repeat.
    static let probeLength = 24

    public init() {}

    public func repair(_ document: inout Record, counters: inout Counters, taken: inout [TakenLine]) {
        let limit = min(document.lines.count, BoilerplateRules.zoneLines)
        for i in 0..<limit {
            let line = document.lines[i]
            // Compared as bytes: String.hasPrefix compares characters, far slower, on every head line.
            var bytes = line
            guard let l = bytes.withUTF8({ p in Self.labelBytes.firstIndex { RulePrefilter.hasPrefix(p, $0) } }) else { continue }
            // On scalars: Character-wise prefix and suffix steps cost grapheme breaking each time.
            let scalars = Array(line.unicodeScalars)
            var end = scalars.count
            let start = min(end, Self.labels[l].unicodeScalars.count)
            while end > start, scalars[end - 1] == "." || scalars[end - 1] == "…" || scalars[end - 1] == " " { end -= 1 }
            let content = String(String.UnicodeScalarView(scalars[start ..< end]))
            let probe = String(String.UnicodeScalarView(scalars[start ..< min(end, start + Self.probeLength)]))
            let rest = document.lines.enumerated().lazy.filter { $0.offset != i }.map(\.element)
            document.lines.remove(at: i)
            // Searched as bytes: Foundation's String.contains is many times slower.
            let probeBytes = Array(probe.utf8)
            if !probe.isEmpty, rest.contains(where: { var line = $0; return line.withUTF8 { UTF8Bytes.contains($0, probeBytes) } }) {
                counters.add("dropped.summary")
                taken.append(TakenLine(index: i, counter: "dropped.summary"))
            } else {
                document.add(FieldKey.summary, String(content))
                counters.add("moved.summary")
                taken.append(TakenLine(index: i, counter: "moved.summary"))
            }
            return
        }
    }
}
