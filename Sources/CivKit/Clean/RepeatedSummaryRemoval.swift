/// Handles the summary line portal pages put above the article (`摘要: 7月19日上午,… 郭建 ...`):
/// a truncated copy of the first paragraph. When its text is found again in the body it is
/// dropped (`dropped.summary`); otherwise it is moved to the `summary` field (`moved.summary`),
/// so no sentence is lost.
public struct RepeatedSummaryRemoval: DocumentRepair {
    public let name = "summary"
    /// Also in brackets, as aggregators print it (`[摘要]9月16日至17日，…...`).
    static let labels = ["摘要：", "摘要:", "内容摘要：", "内容提要：", "提要：", "导读：", "导读 ", "[摘要]", "【摘要】", "[导读]", "【导读】"]
    static let labelBytes = labels.map { Array($0.utf8) }
    /// Characters of the summary that must be found in the body to call it a repeat.
    static let probeLength = 24

    /// An unlabelled summary is this long at least (`minCutCopyBytes`, about 40 characters): a
    /// title the lead begins with is shorter.
    static let minCutCopyBytes = 120

    public init() {}

    /// An unlabelled summary: a head line cut mid-sentence (it ends in a Han character, holds a
    /// `，` or `。`) whose whole text the lines right below begin with, joined (`…从测评结果看，农`
    /// above `…情况。` / `…从测评结果看，农贸市场…`). Every character of it stays in the body.
    /// The cheap tests first: the line's length and its last character.
    static func isCutCopyOfLead(_ lines: [String], at i: Int) -> Bool {
        var line = lines[i]
        return line.withUTF8 { p in
            guard p.count >= minCutCopyBytes, i + 1 < lines.count, ScalarClass.isHan(UTF8Bytes.scalar(p, endingAt: p.count).value),
                  UTF8Bytes.contains(p, commaBytes) || UTF8Bytes.contains(p, fullStopBytes) else { return false }
            var matched = 0
            for j in (i + 1) ..< lines.count where matched < p.count {
                var next = lines[j]
                let same = next.withUTF8 { q -> Bool in
                    let n = min(q.count, p.count - matched)
                    guard n > 0, UnsafeBufferPointer(rebasing: q[..<n]).elementsEqual(UnsafeBufferPointer(rebasing: p[matched ..< matched + n])) else { return false }
                    matched += n
                    return true
                }
                if !same { return false }
            }
            return matched == p.count
        }
    }

    static let commaBytes = Array("，".utf8)
    static let fullStopBytes = Array("。".utf8)

    public func repair(_ document: inout Record, counters: inout Counters, taken: inout [TakenLine]) {
        let limit = min(document.lines.count, BoilerplateRules.zoneLines)
        for i in 0..<limit {
            let line = document.lines[i]
            // Compared as bytes: String.hasPrefix compares characters, far slower, on every head line.
            var bytes = line
            // (The unlabelled summary's cheap test in the same pass: a long line ending in a Han character.)
            var mayBeCutCopy = false
            guard let l = bytes.withUTF8({ p in
                mayBeCutCopy = p.count >= Self.minCutCopyBytes && ScalarClass.isHan(UTF8Bytes.scalar(p, endingAt: p.count).value)
                return Self.labelBytes.firstIndex { RulePrefilter.hasPrefix(p, $0) }
            }) else {
                if mayBeCutCopy, Self.isCutCopyOfLead(document.lines, at: i) {
                    document.lines.remove(at: i)
                    counters.add("dropped.summary")
                    taken.append(TakenLine(index: i, counter: "dropped.summary"))
                    return
                }
                continue
            }
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
