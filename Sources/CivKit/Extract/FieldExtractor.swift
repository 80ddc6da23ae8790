/// One kind of fact civ-extract finds in a record.
///
/// An extractor adds fields and never changes the text. It leaves a field alone when an earlier
/// stage already set it, and counts each field it adds as `extract.FIELD`.
public protocol FieldExtractor: Sendable {
    var name: String { get }
    func extract(from record: inout Record, counters: inout Counters)
    /// The same, for extractors that read the whole text: `body` is the record's text lines,
    /// folded once for all of them.
    func extract(from record: inout Record, body: BodyText, counters: inout Counters)
    /// True when the extractor reads `body`.
    var readsBody: Bool { get }
}

extension FieldExtractor {
    public var readsBody: Bool { false }
    public func extract(from record: inout Record, body: BodyText, counters: inout Counters) {
        extract(from: &record, counters: &counters)
    }
}

/// A record's text lines as the body extractors read them: folded (`FoldedLine`), without the
/// spaces civ-segment put between words.
public struct BodyText: Sendable {
    let lines: [FoldedLine]
    /// `Record.bylineCandidates` and `tailCandidates`, folded once for the byline extractors.
    let bylineCandidates: [FoldedLine]
    let tailCandidates: [FoldedLine]
    /// The first text lines as `bylineCandidates` reads them (after the byline fields).
    var headLines: ArraySlice<FoldedLine> { bylineCandidates[(bylineCandidates.count - headCount)...] }
    private let headCount: Int

    init(_ record: Record) {
        let segmented = record[FieldKey.segmented] == "yes"
        lines = record.lines.map { FoldedLine(segmented ? String(String.UnicodeScalarView($0.unicodeScalars.filter { $0 != " " })) : $0) }
        bylineCandidates = record.bylineCandidates
        tailCandidates = record.tailCandidates
        headCount = min(record.lines.count, ExtractScope.headLines)
    }
}

/// An extractor of facts in the whole text.
protocol BodyExtractor: FieldExtractor {}

extension BodyExtractor {
    public var readsBody: Bool { true }
    public func extract(from record: inout Record, counters: inout Counters) {
        extract(from: &record, body: BodyText(record), counters: &counters)
    }
}

/// The standard extractors, in the order civ-extract runs them.
public struct ExtractionPipeline: Sendable {
    public var extractors: [any FieldExtractor]

    public static let standardExtractors: [any FieldExtractor] = [
        TitleExtractor(), PublicationTimeExtractor(), OriginExtractor(), SiteExtractor(),
        ReporterExtractor(), PublisherExtractor(), OfficialsExtractor(), EventDateExtractor(),
        PlacesVisitedExtractor(), PlacesExtractor(), CampaignExtractor(), DirectiveExtractor(),
    ]

    public init(extractors: [any FieldExtractor] = ExtractionPipeline.standardExtractors) {
        self.extractors = extractors
    }

    public func run(on record: inout Record, counters: inout Counters) {
        var body: BodyText?
        for extractor in extractors {
            if extractor.readsBody {
                if body == nil { body = BodyText(record) }
                extractor.extract(from: &record, body: body!, counters: &counters)
            } else {
                extractor.extract(from: &record, counters: &counters)
            }
        }
    }

    /// Runs the extractors; on a record that did not come through civ-clean (no `repairs`
    /// field: plain text such as `civ-extract < page.txt`), they read a cleaned copy made by
    /// `stage` (pinyin removed, simplified, boilerplate moved to fields), and only the fields
    /// they find are added: the record's text stays as it was given.
    public func run(on record: inout Record, counters: inout Counters, cleaningRawTextWith stage: CleanStage) {
        guard record[FieldKey.repairs] == nil else { return run(on: &record, counters: &counters) }
        var copy = stage.cleanedCopy(of: record)
        let before = copy.fields.count
        run(on: &copy, counters: &counters)
        record.fields.append(contentsOf: copy.fields[before...])
        counters.add("extract.raw-text-cleaned")
    }
}

extension Record {
    /// Adds a field an extractor found and counts it.
    mutating func addExtracted(_ key: String, _ value: String, counters: inout Counters) {
        add(key, value)
        counters.add("extract.\(key)")
    }

    /// Where bylines are: the `byline` fields civ-clean moved out of the text, then the first
    /// lines of the text (plain text, or a byline civ-clean did not recognize).
    var bylineCandidates: [FoldedLine] {
        values(FieldKey.byline).map { FoldedLine($0) }
            + lines.prefix(ExtractScope.headLines).map { FoldedLine($0, limit: ExtractScope.lineWindow) }
    }

    /// The last lines of the text, after the head lines: credits such as `（来源：…）` end a page.
    var tailCandidates: [FoldedLine] {
        let start = max(min(ExtractScope.headLines, lines.count), lines.count - ExtractScope.tailLines)
        return lines[start...].map { FoldedLine($0, limit: ExtractScope.lineWindow, fromEnd: true) }
    }
}

enum ExtractScope {
    static let headLines = 10
    static let tailLines = 5
    /// Scalars read at the start of a head line (at the end of a tail line).
    static let lineWindow = 200
}

/// Values after a byline label: `来源：张掖市广播电视台 张掖日报`, `发布者：admin| 评论：0`.
enum BylineValue {
    static let closing: Set<Unicode.Scalar> = ["|", ",", ";", "。", "、", "】", "]"]
    static let trailing: Set<Unicode.Scalar> = [" ", "-", "—", "–", "_", "·", ",", "、", ";", ":", "."]

    /// The first non-empty value after one of `labels` + colon. It ends at `|`, at a comma or
    /// full stop, at a closing parenthesis it did not open, at another `LABEL:`, at a date, and,
    /// when `stopAtSpace`, at a space.
    static func after(_ labels: [FoldedLine.Word], in line: FoldedLine, stopAtSpace: Bool, maxLength: Int) -> String? {
        let all = ExtractLabels.standard.anyLabel
        var from = 0
        while let found = line.labelWithColon(labels, from: from) {
            var j = found.value
            var depth = 0
            scan: while j < line.count {
                let c = line[j]
                switch c {
                case "(": depth += 1
                case ")": if depth == 0 { break scan } else { depth -= 1 }
                case " " where stopAtSpace: break scan
                case _ where closing.contains(c): break scan
                default:
                    // 来源： 发布日期：… : a value that starts with the next label is empty.
                    if let w = line.match(all, at: j), line.afterColon(from: j + w.count) != nil { break scan }
                    if line.isDigit(at: j), DateScanner.date(at: j, in: line) != nil { break scan }
                }
                j += 1
            }
            while j > found.value && trailing.contains(line[j - 1]) { j -= 1 }
            let value = line.value(found.value..<j)
            if !value.isEmpty && value.unicodeScalars.count <= maxLength { return value }
            from = found.label + 1
        }
        return nil
    }
}

/// Lines that are page furniture rather than article: plain text still has them at the top.
enum HeaderLine {
    /// `LABEL: …` (来源：, 发布时间：, 作者：…) or a line that starts with a date.
    static func isByline(_ line: FoldedLine) -> Bool {
        line.labelWithColon(ExtractLabels.standard.anyLabel) != nil
            || DateScanner.date(at: line.skipSpaces(from: 0), in: line) != nil
            || datedHeader(line) != nil
    }

    static let maxDatedHeaderName = 24

    /// The date of a header line that names the paper or site before it: an e-paper's
    /// `平凉日报 2019年10月18日 第01版`, a site's `东胜区融媒体中心 2022-09-05 11:20`, a repost's
    /// `原创 咸安发布 2023-08-21 18:30 发表于湖北`. Before the date a short name and a space, no
    /// punctuation; after it nothing but a page heading, a weekday or 发表于.
    static func datedHeader(_ line: FoldedLine) -> FoundDate? {
        guard line.count <= 60 else { return nil }
        var i = 0
        while i < line.count {
            let c = line[i]
            if c == "," || c == "。" || c == ":" || c == "(" || i > maxDatedHeaderName { return nil }
            if c == " ", i > 0, i + 1 < line.count, DateScanner.isNumeral(line[i + 1]) { break }
            i += 1
        }
        guard i > 0, i < line.count, let d = DateScanner.date(at: i + 1, in: line) else { return nil }
        let rest = line.skipSpaces(from: d.end)
        if rest == line.count || isPageHeading(line, at: rest)
            || line.matches(["发", "表", "于"], at: rest) || line.matches(["星", "期"], at: rest) { return d }
        return nil
    }

    static func isHeader(_ line: FoldedLine) -> Bool {
        isByline(line) || isPageHeading(line) || SiteExtractor.isBreadcrumb(line) || SiteExtractor.bannerSite(line, strict: true) != nil
    }

    /// An e-paper's page heading: `第一版：要闻`, `第01版`, `第A3版 综合`.
    static func isPageHeading(_ line: FoldedLine, at start: Int = 0) -> Bool {
        var i = line.skipSpaces(from: start)
        guard line.matches(["第"], at: i) else { return false }
        i += 1
        let start = i
        while i < line.count, i - start < 4, DateScanner.isNumeral(line[i]) || (line[i].isASCII && line[i].properties.isAlphabetic) { i += 1 }
        return i > start && line.matches(["版"], at: i)
    }
}
