/// Field `title`: the first line of the text, when it reads like a headline.
///
/// civ-clean leaves the title as the first line. In plain text, banner, breadcrumb and byline
/// lines at the top are skipped first. The line must be followed by more text, have at most
/// `maxLength` characters and two Han characters, and not end like a sentence (。！？ or a
/// comma, colon, semicolon).
public struct TitleExtractor: FieldExtractor {
    public let name = "title"
    public var maxLength = 80
    /// How many header lines may stand above the title in plain text.
    static let maxSkippedLines = 5
    static let sentenceEnds: Set<Unicode.Scalar> = ["。", "!", "?", ",", ";", ":", "、"]

    public init() {}

    public func extract(from record: inout Record, counters: inout Counters) {
        guard record[FieldKey.title] == nil, let title = title(of: record.lines) else { return }
        record.addExtracted(FieldKey.title, title, counters: &counters)
    }

    func title(of lines: [String]) -> String? {
        var i = 0
        var candidate: FoldedLine?
        while i < lines.count && i <= Self.maxSkippedLines {
            let line = FoldedLine(lines[i], limit: maxLength * 2)
            i += 1
            if line.skipSpaces(from: 0) == line.count || HeaderLine.isHeader(line) { continue }
            candidate = line
            break
        }
        guard let line = candidate, lines[i...].contains(where: { $0.unicodeScalars.contains { !ScalarClass.isSpace($0) } })
        else { return nil }
        let title = line.value(0..<line.count)
        guard !line.isCut, title.count <= maxLength,
              let last = title.unicodeScalars.last, !Self.sentenceEnds.contains(FoldedLine.fold(last)),
              title.unicodeScalars.lazy.filter(ScalarClass.isHan).prefix(2).count == 2
        else { return nil }
        return title
    }
}
