/// Field `reporter`, once per reporter: `（记者王瑞云）`, `记者 张三 李四`, `记者：张三、李四`,
/// `本报记者 张三`, `江北日报记者 许静`, and correspondents: `记者 张三 通讯员 李四` gives both;
/// interns, authors and photographers too (`实习生 杨帆`, `作者：王婧`, `摄影 孙博`, `（赵峰 摄）`).
///
/// A name is 2–4 Han characters starting with a surname (so 记者了解到 gives none). Names end at
/// punctuation, a space, a label (时间：) or a word such as 通讯员 or 报道; the label must not
/// follow a Han character (接受记者采访 is no credit) unless one that ends a media name
/// (日报记者). Looks in the `byline` fields, then the first and the last text lines, and takes
/// the first line with a credit.
public struct ReporterExtractor: BodyExtractor {
    public let name = "reporter"
    static let separators: Set<Unicode.Scalar> = [" ", "、", ",", "/"]
    static let terminators: Set<Unicode.Scalar> = [")", "]", "】", "〕", "|", "。", ";", ":"]

    public init() {}

    public func extract(from record: inout Record, body: BodyText, counters: inout Counters) {
        guard record[FieldKey.reporter] == nil else { return }
        for line in body.bylineCandidates + body.tailCandidates {
            let names = Self.reporters(in: line)
            guard !names.isEmpty else { continue }
            for name in names { record.addExtracted(FieldKey.reporter, name, counters: &counters) }
            return
        }
    }

    /// The labels' first characters: a bit test before the set and the label look-ups.
    static let labelFirsts = ScalarBits(ExtractLabels.standard.reporter.compactMap(\.first))

    /// Characters that end a media name right before a label: 江北日报记者 许静, 电视台记者.
    static let mediaEnds: Set<Unicode.Scalar> = ["报", "台", "网", "社"]

    /// The names after every reporter label of the line (记者 陈某 通讯员 黄某), in order, once each.
    static func reporters(in line: FoldedLine) -> [String] {
        let labels = ExtractLabels.standard
        var all: [String] = []
        var i = 0
        while i < line.count {
            if line[i] == "摄", let name = photographer(before: i, in: line) {
                if !all.contains(name) { all.append(name) }
                i += 1
            } else if labelFirsts.contains(line[i]), !line.isHan(at: i - 1) || mediaEnds.contains(line[i - 1]),
                      let label = line.match(labels.reporter, at: i) {
                for name in names(in: line, from: i + label.count) where !all.contains(name) { all.append(name) }
                i += label.count
            } else {
                i += 1
            }
        }
        return all
    }

    /// `NAME 摄` ending a credit (（图为会议现场 赵峰 摄）): the name before a spaced 摄 that ends
    /// the line or a parenthesis.
    static func photographer(before i: Int, in line: FoldedLine) -> String? {
        guard line.isSpace(at: i - 1), i + 1 == line.count || terminators.contains(line[i + 1]) || line.isSpace(at: i + 1) else { return nil }
        var k = i - 1
        while k > 0 && line.isSpace(at: k - 1) { k -= 1 }
        var j = k
        while line.isHan(at: j - 1) { j -= 1 }
        guard (2...4).contains(k - j), j == 0 || line[j - 1] == " " || line[j - 1] == "(",
              ExtractLabels.standard.startsWithSurname(Array(line.folded[j..<k])) else { return nil }
        return line.value(j..<k)
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
            // A word before a colon is the next label (记者 邱晨 时间：…), not a name.
            let beforeColon = line.afterColon(from: k) != nil
            guard (2...4).contains(k - j), labels.startsWithSurname(Array(line.folded[j..<k])), !beforeColon,
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
