/// Field `event-date`, once per date: the days the text says something happened, in text order.
///
/// Reads every text line (not the byline lines at the top: short, no comma or full stop) for `M月D日` (or 号), `YYYY年M月D日`
/// and `YYYY-M-D`, the first two in Chinese numerals too (`七月十九日`, `二〇二一年十二月三十日`); `10月27日、28日`, `10月27日至28日` and `10月27日—28日` are two dates. A date without a year
/// takes the publication year (`published`), or the year before when it would fall more than six
/// months after publication (a December event published in January); without a publication
/// date it is written `--MM-DD`. An impossible date (2月30日) is none. A dispatch's dateline
/// (`文明风9月20日讯`, `北京2月15日电`) is no event; `并于19日召开` after `9月13日至16日` is the
/// 19th of that month; `昨日`/`昨天` opening a clause (or after 到, 至, 于) is the day before
/// publication.
public struct EventDateExtractor: BodyExtractor {
    public let name = "event-date"
    public init() {}

    public func extract(from record: inout Record, body: BodyText, counters: inout Counters) {
        guard record[FieldKey.eventDate] == nil else { return }
        let published = record[FieldKey.published].flatMap(Self.publicationDate)
        var seen: Set<String> = []
        for (index, line) in body.lines.enumerated() {
            if index < ExtractScope.headLines, line.count <= 60, !line.folded.contains(","), !line.folded.contains("。"),
               HeaderLine.isByline(line) { continue }
            for date in Self.dates(in: line, published: published) where seen.insert(date).inserted {
                record.addExtracted(FieldKey.eventDate, date, counters: &counters)
            }
        }
    }

    /// `2019-07-22T10:34:00+08:00` → (2019, 7, 22).
    static func publicationDate(_ iso: String) -> (year: Int, month: Int, day: Int)? {
        let parts = iso.prefix(10).split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return (y, m, d)
    }

    /// The dates of a line, resolved, in text order (repeats included).
    static func dates(in line: FoldedLine, published: (year: Int, month: Int, day: Int)?) -> [String] {
        var out: [String] = []
        var last: (month: Int, day: Int)?   // the line's last month and day, for 于19日
        var i = 0
        while i < line.count {
            if line[i] == "昨", let published, !line.isHan(at: i - 1) || "到至于".unicodeScalars.contains(line[i - 1]),
               line.matches(["昨", "日"], at: i) || line.matches(["昨", "天"], at: i) {
                out.append(dayBefore(published).iso8601)
                i += 2
                continue
            }
            guard DateScanner.isNumeral(line[i]), i == 0 || !DateScanner.isNumeral(line[i - 1]) else {
                i += 1
                continue
            }
            if let d = DateScanner.date(at: i, in: line) {
                out.append(FoundDate(year: d.year, month: d.month, day: d.day).iso8601)
                last = (d.month, d.day)
                i = max(d.end, i + 1)
                continue
            }
            // 于19日: a day of the month named before it in the line.
            if let before = last, line.matches(["于"], at: i - 1), let (day, end) = dayMark(at: i, in: line), day > before.day {
                if let s = resolve(month: before.month, day: day, published: published) { out.append(s) }
                last = (before.month, day)
                i = end
                continue
            }
            guard let (month, afterMonth) = DateScanner.numeral(at: i, in: line, digits: 1...2),
                  line.matches(["月"], at: afterMonth), (1...12).contains(month),
                  var (day, end) = dayMark(at: afterMonth + 1, in: line) else {
                i += 1
                continue
            }
            // 9月20日讯, 2月15日电: the dispatch's dateline.
            if line.matches(["讯"], at: end) || line.matches(["电"], at: end) {
                i = end
                continue
            }
            while true {
                last = (month, day)
                if let s = resolve(month: month, day: day, published: published) { out.append(s) }
                // 27日、28日 / 27日至28日 / 27日—28日: another day of the same month.
                guard end < line.count, Self.dayJoins.contains(line[end]) else { break }
                let after = line[end] == "—" && line.matches(["—"], at: end + 1) ? end + 2 : end + 1
                guard let (next, nextEnd) = dayMark(at: after, in: line), next > day else { break }
                (day, end) = (next, nextEnd)
            }
            i = end
        }
        return out
    }

    /// What joins two days of one month: a list (、) or a range (至, 到, dashes, ~).
    static let dayJoins: Set<Unicode.Scalar> = ["、", "至", "到", "-", "—", "–", "~"]

    /// The day before the publication date.
    static func dayBefore(_ p: (year: Int, month: Int, day: Int)) -> FoundDate {
        if p.day > 1 { return FoundDate(year: p.year, month: p.month, day: p.day - 1) }
        let (y, m) = p.month > 1 ? (p.year, p.month - 1) : (p.year - 1, 12)
        return FoundDate(year: y, month: m, day: FoundDate.daysIn(month: m, year: y))
    }

    /// `D日` or `D号` at `i`: the day and where the mark ends.
    static func dayMark(at i: Int, in line: FoldedLine) -> (Int, Int)? {
        guard let (day, afterDay) = DateScanner.numeral(at: i, in: line, digits: 1...2), (1...31).contains(day),
              line.matches(["日"], at: afterDay) || line.matches(["号"], at: afterDay) else { return nil }
        return (day, afterDay + 1)
    }

    static func resolve(month: Int, day: Int, published: (year: Int, month: Int, day: Int)?) -> String? {
        guard let published else {
            guard day <= FoundDate.daysIn(month: month, year: 2000) else { return nil }
            return "--" + FoundDate(year: 2000, month: month, day: day).iso8601.dropFirst(5)
        }
        let year = month > published.month + 6 ? published.year - 1 : published.year
        guard day <= FoundDate.daysIn(month: month, year: year) else { return nil }
        return FoundDate(year: year, month: month, day: day).iso8601
    }
}
