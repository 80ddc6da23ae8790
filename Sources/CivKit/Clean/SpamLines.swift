/// SEO spam lines: gambling and adult keywords stuffed one after another on a line above or
/// under the article (`皇冠体育 bet365 澳门赌场 太阳城娱乐 真人视讯`). The words are
/// `Resources/spam-words.txt`; a line is spam when it holds `minimumWords` different ones and
/// no `，` or `。` (prose about a crackdown names one or two, in sentences).
public struct SpamLines: Sendable {
    public static let minimumWords = 3
    let words: [[UInt8]]

    public init(words: [String]) {
        self.words = words.map { Array($0.utf8) }
    }

    public static let standard = SpamLines(words: DataFile.lines("spam-words.txt"))

    public func isSpam(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        // The cheap test first: prose has a comma or a full stop.
        if UTF8Bytes.contains(p, Self.fullWidthComma) || UTF8Bytes.contains(p, Self.fullStop) { return false }
        var found = 0
        for word in words where UTF8Bytes.contains(p, word) {
            found += 1
            if found >= Self.minimumWords { return true }
        }
        return false
    }

    public func isSpam(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { isSpam($0) }
    }

    static let fullWidthComma = Array("，".utf8)
    static let fullStop = Array("。".utf8)
}
