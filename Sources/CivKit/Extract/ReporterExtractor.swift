/// Field `reporter`, once per reporter: `（记者王瑞云）`, `记者 张三 李四`, `记者：张三、李四`,
/// `本报记者 张三`.
///
/// A name is 2–4 Han characters starting with a surname (so 记者了解到 gives none). Names end at
/// punctuation, a space or a word such as 通讯员 or 报道; the label must not follow a Han
/// character (接受记者采访 is no credit). Looks in the `byline` fields, then the first and the
/// last text lines, and takes the first credit found.
public struct ReporterExtractor: FieldExtractor {
    public let name = "reporter"
    static let separators: Set<Unicode.Scalar> = [" ", "、", ",", "/"]
    static let terminators: Set<Unicode.Scalar> = [")", "]", "】", "〕", "|", "。", ";", ":"]

    public init() {}

    public func extract(from record: inout Record, counters: inout Counters) {
        guard record[FieldKey.reporter] == nil else { return }
        for line in record.bylineCandidates + record.tailCandidates {
            let names = Self.reporters(in: line)
            guard !names.isEmpty else { continue }
            for name in names { record.addExtracted(FieldKey.reporter, name, counters: &counters) }
            return
        }
    }

    /// The names after the first reporter label in the line that has any.
    static func reporters(in line: FoldedLine) -> [String] {
        let labels = ExtractLabels.standard
        var i = 0
        while i < line.count {
            if !line.isHan(at: i - 1), let label = line.match(labels.reporter, at: i) {
                let found = names(in: line, from: i + label.count)
                if !found.isEmpty { return found }
                i += label.count
            } else {
                i += 1
            }
        }
        return []
    }

    static func names(in line: FoldedLine, from: Int) -> [String] {
        let labels = ExtractLabels.standard
        var j = line.afterColon(from: from) ?? line.skipSpaces(from: from)
        var names: [String] = []
        var afterComma = false
        while true {
            var k = j
            var stopped = false
            while line.isHan(at: k) {
                if k - j >= 2, line.match(labels.nameStop, at: k) != nil {
                    stopped = true
                    break
                }
                k += 1
            }
            let atEnd = stopped || k == line.count || terminators.contains(line[k])
            guard (2...4).contains(k - j), labels.startsWithSurname(Array(line.folded[j..<k])),
                  atEnd || separators.contains(line[k])
            else {
                // After a comma a non-name means the comma was prose: 记者来到现场，看到…
                return afterComma ? [] : names
            }
            names.append(line.value(j..<k))
            if atEnd { return names }
            afterComma = false
            while k < line.count && separators.contains(line[k]) {
                if line[k] == "," { afterComma = true }
                k += 1
            }
            if k == line.count || line.match(labels.nameStop, at: k) != nil { return names }
            j = k
        }
    }
}
