/// Field `published`: when the article was published, in ISO 8601 at China Standard Time.
///
/// `2019-7-22 10:34` gives `2019-07-22T10:34:00+08:00`; a date without a time, `2022年3月3日`,
/// gives `2022-03-03`. Forms: `Y-M-D`, `Y/M/D`, `Y.M.D`, `Y年M月D日` (or 号; also in Chinese
/// numerals, `二〇一九年七月二十二日`), each optionally
/// followed by `H:MM`, `H:MM:SS` or `H时MM分`. Looks in the `byline` fields first, then in the
/// first text lines where a byline would have it (at the start of a line, after 发布时间：, or in
/// a line with byline labels); an impossible date (2022-02-30) is no date.
public struct PublicationTimeExtractor: FieldExtractor {
    public let name = "published"
    public init() {}

    public func extract(from record: inout Record, counters: inout Counters) {
        guard record[FieldKey.published] == nil else { return }
        let found = record.values(FieldKey.byline).lazy.compactMap { DateScanner.first(in: FoldedLine($0)) }.first
            ?? record.lines.prefix(ExtractScope.headLines).lazy.compactMap {
                DateScanner.inBylineText(FoldedLine($0, limit: ExtractScope.lineWindow))
            }.first
        if let date = found { record.addExtracted(FieldKey.published, date.iso8601, counters: &counters) }
    }
}

/// A calendar date, with a time of day when the text gave one, found at `start..<end` of a line.
struct FoundDate: Equatable {
    var start = 0, end = 0
    var year = 0, month = 0, day = 0
    var hour: Int?, minute: Int?, second: Int?

    /// `2022-03-03T23:55:00+08:00`, or `2022-03-03` without a time.
    var iso8601: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        guard let h = hour, let m = minute else { return date }
        return date + "T\(pad(h, 2)):\(pad(m, 2)):\(pad(second ?? 0, 2))+08:00"
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

enum DateScanner {
    static let years = 1900...2099

    /// The first valid date in the line.
    static func first(in line: FoldedLine) -> FoundDate? {
        var i = 0
        while i < line.count {
            if isNumeral(line[i]), let d = date(at: i, in: line) { return d }
            i += 1
        }
        return nil
    }

    /// The first date of a text line, if it stands where a byline puts it: at the start of the
    /// line, after a time label (发布时间：), or anywhere in a short line with byline labels.
    static func inBylineText(_ line: FoldedLine) -> FoundDate? {
        guard let d = first(in: line) else { return nil }
        if let header = HeaderLine.datedHeader(line) { return header }
        var p = d.start
        while p > 0 && (line[p - 1] == " " || line[p - 1] == "(" || line[p - 1] == "[" || line[p - 1] == "【") { p -= 1 }
        if p == 0 { return d }
        if line[p - 1] == ":", ExtractLabels.standard.time.contains(where: { line.matches($0, at: p - 1 - $0.count) }) { return d }
        if line.count <= 120, line.labelWithColon(ExtractLabels.standard.anyLabel) != nil { return d }
        return nil
    }

    /// A valid date that starts at `i` (not inside a longer number), with its time if one follows.
    static func date(at i: Int, in line: FoldedLine) -> FoundDate? {
        guard i == 0 || !isNumeral(line[i - 1]), let (year, afterYear) = numeral(at: i, in: line, digits: 4...4),
              afterYear < line.count else { return nil }
        let separator = line[afterYear]
        // Chinese numerals are written with 年月日 only.
        guard line.isDigit(at: i) || separator == "年" else { return nil }
        var d = FoundDate(start: i, year: year)
        var j: Int
        if separator == "年" {
            guard let (month, afterMonth) = numeral(at: afterYear + 1, in: line, digits: 1...2),
                  line.matches(["月"], at: afterMonth),
                  let (day, afterDay) = numeral(at: afterMonth + 1, in: line, digits: 1...2) else { return nil }
            (d.month, d.day) = (month, day)
            j = line.matches(["日"], at: afterDay) || line.matches(["号"], at: afterDay) ? afterDay + 1 : afterDay
        } else if separator == "-" || separator == "/" || separator == "." {
            guard let (month, afterMonth) = number(at: afterYear + 1, in: line, digits: 1...2),
                  line.matches([separator], at: afterMonth),
                  let (day, afterDay) = number(at: afterMonth + 1, in: line, digits: 1...2) else { return nil }
            (d.month, d.day) = (month, day)
            j = afterDay
        } else {
            return nil
        }
        guard years.contains(d.year), (1...12).contains(d.month),
              (1...FoundDate.daysIn(month: d.month, year: d.year)).contains(d.day) else { return nil }
        d.end = j
        // Time of day: `10:34`, `23:55:00`, `10时34分`, after spaces or an ISO `T`.
        j = line.skipSpaces(from: j)
        if separator == "-", line.matches(["T"], at: j) { j += 1 }
        guard let (hour, afterHour) = number(at: j, in: line, digits: 1...2), afterHour < line.count else { return d }
        let hourMark = line[afterHour]
        guard hourMark == ":" || hourMark == "时" || hourMark == "点",
              let (minute, afterMinute) = number(at: afterHour + 1, in: line, digits: hourMark == ":" ? 2...2 : 1...2),
              hour <= 23, minute <= 59 else { return d }
        var end = afterMinute
        var second = 0
        if hourMark == ":", line.matches([":"], at: afterMinute), let (s, afterSecond) = number(at: afterMinute + 1, in: line, digits: 2...2) {
            guard s <= 59 else { return d }
            (second, end) = (s, afterSecond)
        } else if hourMark != ":", line.matches(["分"], at: afterMinute) {
            end = afterMinute + 1
        }
        (d.hour, d.minute, d.second, d.end) = (hour, minute, second, end)
        return d
    }

    /// The value of a Chinese digit (〇 and 零 are 0), or nil.
    static func chineseDigit(_ s: Unicode.Scalar) -> Int? {
        switch s {
        case "〇", "零": 0
        case "一": 1
        case "二": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    /// An ASCII digit, a Chinese digit or 十: where a number in a date can start.
    static func isNumeral(_ s: Unicode.Scalar) -> Bool {
        ScalarClass.isASCIIDigit(s) || (s.value >= 0x3007 && chineseNumerals.contains(s))
    }

    /// Every scalar of the text is tested: one bit test, not a switch.
    private static let chineseNumerals = ScalarBits("〇零一二三四五六七八九十".unicodeScalars)

    /// A number at `i`: `digits` ASCII digits (`number`), or Chinese numerals as dates write
    /// them: a year digit by digit (二〇一九), a month or day with 十 (七, 十, 十二, 二十七),
    /// not followed by another numeral.
    static func numeral(at i: Int, in line: FoldedLine, digits: ClosedRange<Int>) -> (Int, Int)? {
        guard i < line.count else { return nil }
        if line.isDigit(at: i) { return number(at: i, in: line, digits: digits) }
        var j = i
        var value = 0
        if digits.upperBound >= 4 {
            while j < line.count, j - i < digits.upperBound, let d = chineseDigit(line[j]) {
                value = value * 10 + d
                j += 1
            }
            guard digits.contains(j - i) else { return nil }
        } else {
            // [tens]十[units], or a digit alone; 〇 and 零 start no month or day.
            if let d = chineseDigit(line[j]), d > 0 {
                value = d
                j += 1
            }
            if j < line.count, line[j] == "十" {
                value = (j > i ? value : 1) * 10
                j += 1
                if j < line.count, let d = chineseDigit(line[j]), d > 0 {
                    value += d
                    j += 1
                }
            }
            guard j > i else { return nil }
        }
        guard j >= line.count || !isNumeral(line[j]) else { return nil }
        return (value, j)
    }

    /// A decimal number of `digits` ASCII digits at `i`, not followed by another digit.
    static func number(at i: Int, in line: FoldedLine, digits: ClosedRange<Int>) -> (Int, Int)? {
        var j = i
        var value = 0
        while line.isDigit(at: j) && j - i < digits.upperBound {
            value = value * 10 + Int(line[j].value - 0x30)
            j += 1
        }
        guard digits.contains(j - i), !line.isDigit(at: j) else { return nil }
        return (value, j)
    }
}
