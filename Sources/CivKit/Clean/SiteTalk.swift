/// Lines in which a site talks about itself to its reader: template frames, member and paywall
/// notes, app and platform notices. Unlike the table's patterns, which name one site's wording,
/// a line is judged by its words (`Resources/site-talk.tsv`): one that names the site or its
/// reader (`本站`, `小编`, `会员`, weight 2) and others of such notes (`阅读`, `点击`, weight 1),
/// weighing `minimumWeight` together. Such lines are sentences, so the rules around the body
/// never take them; `BoilerplateRemoval` drops them only in the runs that begin and end a body.
public struct SiteTalk: Sendable {
    public static let minimumWeight = 3
    /// The longest line judged: notes are short, paragraphs of the article long.
    public static let maxLineBytes = 360
    let automaton: KeywordAutomaton
    let weights: [Int]

    public init(words: [(String, Int)]) {
        automaton = KeywordAutomaton(literals: words.map { Array($0.0.utf8) })
        weights = words.map(\.1)
    }

    public static let standard = SiteTalk(words: DataFile.lines("site-talk.tsv").map { line in
        let columns = line.split(separator: "\t")
        return (String(columns[0]), Int(columns[1]) ?? 1)
    })

    public func isSiteTalk(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 6, p.count <= Self.maxLineBytes else { return false }
        var held = automaton.literals(in: p)
        var weight = 0, named = false
        while held != 0 {
            let w = weights[held.trailingZeroBitCount]
            held &= held - 1
            weight += w
            if w >= 2 { named = true }
        }
        return named && weight >= Self.minimumWeight
    }

    /// A note under a reader's notes label (`温馨提示：`), where the label already says who talks:
    /// site talk, or two words of such notes without one naming the site
    /// (`快捷下载时，用户名和密码都是您填写的邮箱…`).
    public func isReaderNote(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { p in
            guard p.count >= 6, p.count <= Self.maxLineBytes else { return false }
            var held = automaton.literals(in: p)
            var weight = 0
            while held != 0 {
                weight += weights[held.trailingZeroBitCount]
                held &= held - 1
            }
            return weight >= Self.minimumWeight - 1
        }
    }

    public func isSiteTalk(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { isSiteTalk($0) }
    }
}
