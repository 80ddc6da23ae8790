/// Handles the summary line portal pages put above the article (`摘要: 7月19日上午,… 郭建 ...`):
/// a truncated copy of the first paragraph. When its text is found again in the body it is
/// dropped (`dropped.summary`); otherwise it is moved to the `summary` field (`moved.summary`),
/// so no sentence is lost.
public struct RepeatedSummaryRemoval: DocumentRepair {
    public let name = "summary"
    static let labels = ["摘要：", "摘要:", "内容摘要：", "内容提要：", "提要：", "导读：", "导读 "]
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
            // On bytes: the label is a byte prefix; trailing `.`, `…` and spaces are cut off the
            // end (building Strings of scalars cost tens of thousands of instructions a summary).
            let (content, probe): (String, String) = bytes.withUTF8 { p in
                let start = Self.labelBytes[l].count
                var end = p.count
                while end > start {
                    if p[end - 1] == 0x2E || p[end - 1] == 0x20 { end -= 1 }
                    else if end - 3 >= start, p[end - 3] == 0xE2, p[end - 2] == 0x80, p[end - 1] == 0xA6 { end -= 3 } // …
                    else { break }
                }
                var probeEnd = start
                for _ in 0 ..< Self.probeLength where probeEnd < end { probeEnd += UTF8Bytes.scalar(p, at: probeEnd).length }
                return (String(decoding: UnsafeBufferPointer(rebasing: p[start ..< end]), as: UTF8.self),
                        String(decoding: UnsafeBufferPointer(rebasing: p[start ..< probeEnd]), as: UTF8.self))
            }
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
