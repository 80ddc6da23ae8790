/// Field `origin`: who published the article first, `来源：张掖市广播电视台 张掖日报` or
/// `来自：安源区政府`. The value may contain spaces; it ends at `|`, a comma, another label
/// (作者：, 编辑：, 发布者：, 时间：…) or a date; names after an office (`来源：区委宣传部 卢珊、王妍`)
/// are reporters, not part of it. Looks in the `byline` fields, then the first and the last text
/// lines.
public struct OriginExtractor: BodyExtractor {
    public let name = "origin"
    public var maxLength = 60
    public init() {}

    public func extract(from record: inout Record, body: BodyText, counters: inout Counters) {
        guard record[FieldKey.origin] == nil else { return }
        let labels = ExtractLabels.standard.origin
        let candidates = body.bylineCandidates + body.tailCandidates
        if let value = candidates.lazy.compactMap({ line in
            // 来源：区委宣传部 卢珊、王妍: the names are the authors, not the origin.
            if let credit = ReporterExtractor.originCredit(in: line) { return line.value(credit.origin) }
            return BylineValue.after(labels, in: line, stopAtSpace: false, maxLength: maxLength)
        }).first {
            record.addExtracted(FieldKey.origin, value, counters: &counters)
        }
    }
}
