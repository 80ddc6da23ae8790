/// SEO spam lines: gambling and adult keywords stuffed one after another on a line above or
/// under the article (`皇冠体育 bet365 澳门赌场 太阳城娱乐 真人视讯`). The words are
/// `Resources/spam-words.txt` (at most 128); a line is spam when it holds `minimumWords` different ones and
/// no `，` or `。` (prose about a crackdown names one or two, in sentences).
public struct SpamLines: Sendable {
    public static let minimumWords = 3
    /// All the words found in one pass over the line (a search per word cost as much as the
    /// rest of the zone rules once the list grew).
    let automaton: KeywordAutomaton

    public init(words: [String]) {
        automaton = KeywordAutomaton(literals: words.map { Array($0.utf8) })
    }

    public static let standard = SpamLines(words: DataFile.lines("spam-words.txt"))

    public func isSpam(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        // The cheap test first: prose has a comma or a full stop.
        if UTF8Bytes.contains(p, Self.fullWidthComma) || UTF8Bytes.contains(p, Self.fullStop) { return false }
        return automaton.literals(in: p).nonzeroBitCount >= Self.minimumWords
    }

    public func isSpam(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { isSpam($0) }
    }

    static let fullWidthComma = Array("，".utf8)
    static let fullStop = Array("。".utf8)
}
