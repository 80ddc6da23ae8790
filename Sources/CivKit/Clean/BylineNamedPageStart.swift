/// A page start that only the lines after it reveal.
///
/// In a `cat` of pages without final newlines, the next page's first line (its title, a
/// breadcrumb trail, a banner) is glued to the last line of the page before, and often no marker
/// says where it begins (`…创城工作汇报材料白沙新闻网 > 区县新闻 > 正文`). The page's head byline,
/// a line or two further on, dates the page and names its source
/// (`2024年03月05日 10:22 来源：白沙区融媒体中心`), and a local site's first lines begin with that
/// same place name (`白沙新闻网`, `南溪县:以“绣花功夫”提升城市颜值`): the page began at the name.
/// The same holds when the first line was not glued: a title, then such a byline, after an
/// article, begins a page.
public enum BylineNamedPageStart {
    /// The head byline's longest useful line: bylines are short.
    static let maxBylineBytes = 300
    /// The first line of a page (title, trail, banner) is short and holds no sentence end.
    static let maxFirstLineScalars = 100
    /// How many lines before a byline may hold the page's first line (trail, then title).
    public static let linesBeforeByline = 2

    static let come = Array("来".utf8)
    static let sourceLabels = [Array("来源".utf8), Array("来自".utf8)]

    /// The source a head byline names, as the UTF-8 bytes of its first two Han characters, or
    /// nil when `line` is no head byline: a short line with a date (`2022-11-02`, `2021年09月14日`)
    /// and a `来源：` or `来自：` label followed by Han characters.
    public static func sourceName(inByline line: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard line.count <= maxBylineBytes, UTF8Bytes.contains(line, come), hasDate(line) else { return nil }
        for label in sourceLabels {
            var from = 0
            while from < line.count, let hit = UTF8Bytes.firstIndex(of: label, in: UnsafeBufferPointer(rebasing: line[from...])) {
                let afterLabel = from + hit + label.count
                if let name = nameAfterColon(line, at: afterLabel) { return name }
                from = afterLabel
            }
        }
        return nil
    }

    /// After a label: optional spaces, a colon, optional spaces, then two Han characters.
    private static func nameAfterColon(_ line: UnsafeBufferPointer<UInt8>, at start: Int) -> [UInt8]? {
        guard let (colon, colonIndex) = UTF8Bytes.nextNonSpace(line, from: start), colon == 0x3A || colon == 0xFF1A else { return nil }
        var i = colonIndex + (colon == 0x3A ? 1 : 3)
        guard let (_, first) = UTF8Bytes.nextNonSpace(line, from: i) else { return nil }
        i = first
        var name: [UInt8] = []
        for _ in 0..<2 {
            guard i < line.count else { return nil }
            let (v, length) = UTF8Bytes.scalar(line, at: i)
            guard ScalarClass.isHan(v) else { return nil }
            name.append(contentsOf: line[i ..< i + length])
            i += length
        }
        return name
    }

    /// Four digits, then `-`, `/`, `.` or `年`, then a digit: a date. With `yearFirst`, only a
    /// year beginning with 1 or 2: an area code's four digits (`联系电话：0712-5201234`) date nothing.
    static func hasDate(_ line: UnsafeBufferPointer<UInt8>, yearFirst: Bool = false) -> Bool {
        var run = 0, i = 0
        while i < line.count {
            // Outside a run of digits, eight bytes that hold none are passed at once (most of a
            // Chinese line): a byte is a digit when it is below 10 once xored with 0x30.
            if run == 0, i + 8 <= line.count {
                let x = UnsafeRawPointer(line.baseAddress! + i).loadUnaligned(as: UInt64.self) ^ 0x3030_3030_3030_3030
                if (x &- 0x0A0A_0A0A_0A0A_0A0A) & ~x & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b = line[i]
            if b >= 0x30 && b <= 0x39 {
                run += 1
            } else {
                if run == 4, !yearFirst || line[i - 4] == 0x31 || line[i - 4] == 0x32 {
                    var j = i
                    if b == 0x2D || b == 0x2F || b == 0x2E { j += 1 } else if line[i...].starts(with: year) { j += year.count } else { j = -1 }
                    if j > 0, j < line.count, line[j] >= 0x30 && line[j] <= 0x39 { return true }
                }
                run = 0
            }
            i += 1
        }
        return false
    }

    static let year = Array("年".utf8)
    static let sentenceEnds: [UInt32] = [0x3002, 0xFF01, 0xFF1F]

    /// Where in `line` the page named `name` begins: the first place the name occurs with no
    /// more than a short first line after it, holding no sentence end. 0 is the whole line.
    public static func pageStart(in line: UnsafeBufferPointer<UInt8>, name: [UInt8]) -> Int? {
        var from = 0
        while from < line.count, let hit = UTF8Bytes.firstIndex(of: name, in: UnsafeBufferPointer(rebasing: line[from...])) {
            let start = from + hit
            if isFirstLine(UnsafeBufferPointer(rebasing: line[start...])) { return start }
            from = start + name.count
        }
        return nil
    }

    private static func isFirstLine(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var scalars = 0, i = 0
        while i < text.count {
            let (v, length) = UTF8Bytes.scalar(text, at: i)
            if sentenceEnds.contains(v) { return false }
            scalars += 1
            if scalars > maxFirstLineScalars { return false }
            i += length
        }
        return true
    }
}
