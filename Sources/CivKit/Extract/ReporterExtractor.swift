/// Field `reporter`, once per reporter: `（记者王瑞云）`, `记者 张三 李四`, `记者：张三、李四`,
/// `本报记者 张三`, `江北日报记者 许静`, and correspondents: `记者 张三 通讯员 李四` gives both;
/// interns, authors and photographers too (`实习生 杨帆`, `作者：王婧`, `摄影 孙博`, `（赵峰 摄）`).
///
/// Also `□王思言` (an e-paper's byline), `福鼎新闻网讯（郑红）`, `（记者 吴 霞）` (a two-character name written with a
/// space), `记者刘常忠孙卫通讯员魏飞报道` (names written together), `（王长江）` ending the page's
/// last lines (`（台山政府网/许莺）`), `…现场。张羽 摄`, `来源：区委宣传部 卢珊、王妍` (names after an
/// office) and `2016-12-09 13:14:45卢素平 来源：…` (a name glued to a byline's time).
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
        // Every credit of the byline and head lines (a photographer's caption and the reporter's
        // byline), else those of the first tail line with one.
        var credited: [String] = []
        func add(_ names: [String]) { for n in names where !credited.contains(n) { credited.append(n) } }
        for line in body.bylineCandidates {
            add(Self.reporters(in: line))
            if let name = Self.nameAfterTime(in: line) { add([name]) }
        }
        for line in body.tailCandidates where credited.isEmpty { add(Self.reporters(in: line)) }
        // （王长江） closing the article, maybe above an editor's line.
        for last in record.lines.suffix(3).reversed() where credited.isEmpty {
            credited = Self.closingCredit(in: FoldedLine(last, limit: ExtractScope.lineWindow, fromEnd: true))
        }
        for name in credited { record.addExtracted(FieldKey.reporter, name, counters: &counters) }
    }

    /// The labels' first characters: a bit test before the set and the label look-ups.
    static let labelFirsts = ScalarBits(ExtractLabels.standard.reporter.compactMap(\.first))

    /// Characters that end a media name right before a label: 江北日报记者 许静, 电视台记者.
    static let mediaEnds: Set<Unicode.Scalar> = ["报", "台", "网", "社"]

    /// The names after every reporter label of the line (记者 陈某 通讯员 黄某), in order, once each.
    static func reporters(in line: FoldedLine) -> [String] {
        let labels = ExtractLabels.standard
        var all: [String] = []
        if let credit = originCredit(in: line) { all = credit.names }
        var i = 0
        while i < line.count {
            if line[i] == "讯" || endsOutlet(at: i + 1, in: line), line.matches(["("], at: i + 1) || line.matches(["(", " "], at: i + 1) {
                // 福鼎新闻网讯（郑红）7月5日: names alone after a dispatch's 讯, or right after
                // the outlet's name (梅岭在线（刘敏 黄志刚）).
                let open = line.skipSpaces(from: i + 2)
                var close = open
                while line.isHan(at: close) || line.isSpace(at: close) || line[close] == "、" { close += 1 }
                if close < line.count, line[close] == ")" {
                    let found = names(in: line, from: open)
                    if found.reduce(0, { $0 + $1.unicodeScalars.count }) == (open..<close).filter({ line.isHan(at: $0) }).count {
                        for name in found where !all.contains(name) { all.append(name) }
                    }
                }
                i += 1
            } else if line[i] == "□" || line[i] == "■", line.skipSpaces(from: 0) == i {
                // □王思言: an e-paper's byline opens with a box.
                for name in names(in: line, from: i + 1) where !all.contains(name) { all.append(name) }
                i += 1
            } else if line[i] == "摄", let name = photographer(before: i, in: line) {
                if !all.contains(name) { all.append(name) }
                i += 1
            } else if labelFirsts.contains(line[i]),
                      !line.isHan(at: i - 1) || mediaEnds.contains(line[i - 1]) || endsWithName(all.last, at: i, in: line)
                        || isCreditLine(line),
                      let label = line.match(labels.reporter, at: i) {
                for name in names(in: line, from: i + label.count) where !all.contains(name) { all.append(name) }
                i += label.count
            } else {
                i += 1
            }
        }
        return all
    }

    /// True when an outlet's name (在线, 新闻网) ends right before `i`, at the line's start.
    static func endsOutlet(at i: Int, in line: FoldedLine) -> Bool {
        guard i < line.count, line[i] == "(", i <= SiteExtractor.maxLength else { return false }
        return ExtractLabels.standard.siteSuffix.contains { $0.count < i && line.matches($0, at: i - $0.count) }
            && (0..<i).allSatisfy { line.isHan(at: $0) }
    }

    /// `NAME 摄` ending a credit (（图为会议现场 赵峰 摄）): the name before a spaced 摄 that ends
    /// the line or a parenthesis.
    static func photographer(before i: Int, in line: FoldedLine) -> String? {
        guard line.isSpace(at: i - 1), i + 1 == line.count || terminators.contains(line[i + 1]) || line.isSpace(at: i + 1) else { return nil }
        var k = i - 1
        while k > 0 && line.isSpace(at: k - 1) { k -= 1 }
        var j = k
        while line.isHan(at: j - 1) { j -= 1 }
        guard (2...4).contains(k - j), j == 0 || line[j - 1] == " " || line[j - 1] == "(" || line[j - 1] == "。",
              ExtractLabels.standard.startsWithSurname(Array(line.folded[j..<k])) else { return nil }
        return line.value(j..<k)
    }

    /// A short line of its own, no sentence in it (`齐鲁晚报·齐鲁壹点记者 赵波`): a label there
    /// follows a medium's name, whatever its last character.
    static func isCreditLine(_ line: FoldedLine) -> Bool {
        line.count <= 30 && !line.folded.contains(",") && !line.folded.contains("。")
    }

    /// True when `name` is written right before `i` (记者孙卫通讯员魏飞: the label after a name).
    static func endsWithName(_ name: String?, at i: Int, in line: FoldedLine) -> Bool {
        guard let name else { return false }
        let n = name.unicodeScalars.count
        return i >= n && line.value(i - n..<i) == name
    }

    /// Characters an office's name ends with: 来源：区委宣传部 卢珊 (not 来源：甘肃日报 张掖).
    static let officeEnds: Set<Unicode.Scalar> = ["部", "办", "室", "局", "委", "组", "心", "站", "所", "院", "府"]

    /// `来源：区委宣传部 卢珊、王妍`: the office (the origin) and the names after it, each of
    /// two or three characters, up to the end of the line or a terminator.
    static func originCredit(in line: FoldedLine) -> (origin: Range<Int>, names: [String])? {
        // Most lines hold no colon: one scan for it before the label search at every character.
        guard line.folded.contains(":"), let found = line.labelWithColon(ExtractLabels.standard.origin) else { return nil }
        var k = found.value
        while line.isHan(at: k) { k += 1 }
        guard k > found.value + 1, line.isSpace(at: k), officeEnds.contains(line[k - 1]) else { return nil }
        let names = names(in: line, from: k)
        var end = line.skipSpaces(from: k)
        for name in names {
            end = line.skipSpaces(from: end + name.unicodeScalars.count)
            if end < line.count, separators.contains(line[end]) { end = line.skipSpaces(from: end + 1) }
        }
        guard !names.isEmpty, names.allSatisfy({ (2...3).contains($0.unicodeScalars.count) }),
              end == line.count || terminators.contains(line[end]) || line.labelWithColon(ExtractLabels.standard.anyLabel, from: end)?.label == end
        else { return nil }
        return (found.value..<k, names)
    }

    /// `2016-12-09 13:14:45卢素平 来源：三明日报`: a name written right after a byline's time,
    /// before another label.
    static func nameAfterTime(in line: FoldedLine) -> String? {
        guard let d = DateScanner.date(at: line.skipSpaces(from: 0), in: line), d.hour != nil else { return nil }
        var k = d.end
        while line.isHan(at: k) { k += 1 }
        guard (2...3).contains(k - d.end), ExtractLabels.standard.startsWithSurname(Array(line.folded[d.end..<k])),
              line.isSpace(at: k), line.labelWithColon(ExtractLabels.standard.anyLabel, from: k) != nil else { return nil }
        return line.value(d.end..<k)
    }

    /// `……开展整治。（王长江）`: names alone in parentheses ending one of the last three lines,
    /// after a sentence or on their own.
    static func closingCredit(in line: FoldedLine) -> [String] {
        var end = line.count
        while end > 0 && line.isSpace(at: end - 1) { end -= 1 }
        guard end > 0, line[end - 1] == ")" else { return [] }
        var open = end - 1
        while open > 0 && line[open - 1] != "(" && line[open - 1] != ")" { open -= 1 }
        guard open > 0, line[open - 1] == "(", open - 1 == line.skipSpaces(from: 0) || line[open - 2] == "。" || line[open - 2] == "!" || line[open - 2] == "?" else { return [] }
        // （台山政府网/许莺）: the outlet before a slash; （樊城区人大办 卢静）: an office before a space.
        if let slash = (open..<end - 1).last(where: { line[$0] == "/" }) { open = slash + 1 }
        var office = open
        while line.isHan(at: office) { office += 1 }
        if office > open + 1, line.isSpace(at: office), officeEnds.contains(line[office - 1]) || mediaEnds.contains(line[office - 1]) {
            open = office + 1
        }
        // （区委宣传部）: an office, no names.
        let notInName = OfficialWords.standard.notInName
        let found = names(in: line, from: open).filter { !$0.unicodeScalars.contains(where: notInName.contains) }
        let written = found.reduce(0) { $0 + $1.unicodeScalars.count }
        let inside = (open..<end - 1).filter { line.isHan(at: $0) }.count
        return written == inside ? found : []
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
            // 吴 霞: a two-character name written with a space between its characters.
            if k - j == 1, line.isSpace(at: k), line.isHan(at: k + 1), !line.isHan(at: k + 2),
               labels.singleSurnames.contains(line[j]), line.match(labels.nameStop, at: k + 1) == nil {
                names.append(line.value(j..<j + 1) + line.value(k + 1..<k + 2))
                k += 2
                if k == line.count || terminators.contains(line[k]) { return names }
                while k < line.count && separators.contains(line[k]) { k += 1 }
                if k == line.count || line.match(labels.nameStop, at: k) != nil { return names }
                j = k
                continue
            }
            // 刘常忠孙卫: two names written together before a label or the end.
            if (5...6).contains(k - j), atEnd, !beforeColon, let pair = twoNames(j..<k, in: line) {
                names += pair
                return names
            }
            guard (2...4).contains(k - j), !beforeColon, atEnd || separators.contains(line[k]),
                  labels.startsWithSurname(Array(line.folded[j..<k])) || looseName(j..<k, stopped: stopped, in: line)
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

    /// A name without a Han surname (其木格), read only in a credit line of its own (`记者：其木格
    /// 乔丽`): between separators, no label after it, no character of an office or post.
    static func looseName(_ r: Range<Int>, stopped: Bool, in line: FoldedLine) -> Bool {
        guard !stopped, (3...4).contains(r.count), isCreditLine(line) else { return false }
        let notInName = OfficialWords.standard.notInName
        let labels = ExtractLabels.standard.reporter
        return !r.contains { notInName.contains(line[$0]) || DateScanner.isNumeral(line[$0]) || line.match(labels, at: $0) != nil }
    }

    /// Five or six characters read as two names, each starting with a surname: 3 + 2, 2 + 3 or
    /// 3 + 3 (the longer first name when both fit).
    static func twoNames(_ r: Range<Int>, in line: FoldedLine) -> [String]? {
        let labels = ExtractLabels.standard
        for first in r.count == 6 ? [3] : [3, 2] {
            let cut = r.lowerBound + first
            if labels.singleSurnames.contains(line[r.lowerBound]), labels.singleSurnames.contains(line[cut]) {
                return [line.value(r.lowerBound..<cut), line.value(cut..<r.upperBound)]
            }
        }
        return nil
    }
}
