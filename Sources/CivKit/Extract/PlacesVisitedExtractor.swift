/// Field `place-visited`, once per site: the concrete sites visited or inspected, in text order,
/// as written.
///
/// `先后来到萍矿安源新村、东外社区文化服务中心、西门市场及周边小区、通济小学等地` gives the five
/// sites; `在南关片区拆迁改造、东湖小区城市更新项目现场，` and `在A广场、B市场、C中心，卢某详细了解`
/// give theirs. A list follows a visit verb (来到, 走进, 深入, 察看 …), or 在 at the start of a
/// clause, or 到 before a verb of visiting (`到光明社区调研`); it ends at the clause's end or an end
/// word (等地, 现场, 督导, 的 …) and splits at 、 and 及, and at 和 between two sites (`A、B和C`,
/// `主街和集贸市场`, not `南外街道和谐社区`). After a visit verb the list counts when most of its items end with
/// a site word (社区, 市场, 小学, 项目 …); after 在, when each item does, or the last one before 现场;
/// after 到, when each does and a verb ends the list. An item is longer than its
/// site word (在社区 names no site) and holds none of the words of prose (的, 了, 我 …), so 深入安源区督导 gives none: a district is no site. Words in
/// `places.tsv`.
public struct PlacesVisitedExtractor: BodyExtractor {
    public let name = "place-visited"
    public init() {}

    public func extract(from record: inout Record, body: BodyText, counters: inout Counters) {
        guard record[FieldKey.placeVisited] == nil else { return }
        var seen: Set<String> = []
        for line in body.lines {
            for place in Self.places(in: line) where seen.insert(place).inserted {
                record.addExtracted(FieldKey.placeVisited, place, counters: &counters)
            }
        }
    }

    static func places(in line: FoldedLine) -> [String] {
        let words = PlaceWords.standard
        var out: [String] = []
        var i = 0
        while i < line.count {
            guard words.firsts.contains(line[i]) else {
                i += 1
                continue
            }
            let visit = line.match(words.visit, at: i)
            let atClauseStart = i == 0 || !line.isHan(at: i - 1)
            let at = visit == nil && atClauseStart ? line.match(words.at, at: i) : nil
            let to = visit == nil && at == nil ? line.match(words.to, at: i) : nil
            guard let trigger = visit ?? at ?? to else {
                i += 1
                continue
            }
            var items: [Range<Int>] = []
            var start = i + trigger.count
            if line.matches(["了"], at: start) { start += 1 }   // 来到了
            var j = start
            var endWord: FoldedLine.Word?
            while j < line.count {
                if words.endFirsts.contains(line[j]), let e = line.match(words.end, at: j) {
                    endWord = e
                    break
                }
                let c = line[j]
                if c == "、" || c == "及" || (c == "和" && words.splitsAtAnd(start..<j, in: line)) {
                    items.append(start..<j)
                    start = j + 1
                } else if !line.isHan(at: j) {
                    break
                }
                j += 1
            }
            items.append(start..<j)
            items = items.map { r in line.match(words.prefixes, at: r.lowerBound).map { r.lowerBound + $0.count..<r.upperBound } ?? r }
            // 深入政务中心、集贸市场、图书馆等地: kinds of site, not sites.
            items.removeAll { r in words.generic.contains { $0.count == r.count && line.matches($0, at: r.lowerBound) } }
            // 深入西湖街道、东湖街道检查: a 街道 is a division entered, no site.
            items.removeAll { r in r.count > 2 && line.matches(["街", "道"], at: r.upperBound - 2) }
            guard !items.isEmpty else {
                i += 1
                continue
            }
            let isSite = { (r: Range<Int>) in words.endsWithSite(r, in: line) }
            let keep: Bool
            if visit != nil {
                // Most items, the last or the others: 站前广场、中山路步行街、医院发热门诊.
                keep = items.filter(isSite).count * 2 > items.count
            } else if to != nil {
                // 到光明社区调研: a verb, not the clause's end, closes the list.
                // A 街道 is a division entered (到东城街道调研), no site.
                keep = endWord.map { line.isHan(at: j) && $0.count >= 2 } == true
                    && items.allSatisfy { isSite($0) && !line.matches(["街", "道"], at: $0.upperBound - 2) }
            } else {
                // 在A、B、C开展整治: a verb after sites ends the list as the clause would.
                let verbEnds = endWord.map { line.isHan(at: j) && $0.count >= 2 } == true
                let clauseEnds = j == line.count || line[j] == "," || endWord == ["现", "场"] || verbEnds
                keep = clauseEnds && (items.allSatisfy(isSite) || (endWord == ["现", "场"] && items.last.map(isSite) == true))
            }
            if keep, items.allSatisfy({ r in (2...20).contains(r.count) && !words.holdsProse(r, in: line) }) {
                out += items.map { line.value($0) }
                i = max(j, i + 1)
            } else {
                // 参观学习团先后参观了…: a list read from a word inside another is no list, but
                // what it read may hold the real one.
                i += 1
            }
        }
        return out
    }
}

/// The words of `places.tsv`. Loaded once, on first use.
struct PlaceWords: Sendable {
    typealias Word = FoldedLine.Word
    let visit, at, to, end, sites, notInSite, prefixes, generic, directions: [Word]
    let firsts: ScalarBits
    /// The end words' first characters: a bit test before trying each end word at a character.
    let endFirsts: ScalarBits

    static let standard = PlaceWords(table: DataFile.lines("places.tsv"))

    init(table: [String]) {
        let kinds = KindedWords(table, file: "places.tsv")
        func words(_ kind: String) -> [Word] { kinds[kind] }
        (visit, at, to, end, sites, notInSite) = (words("visit"), words("at"), words("to"), words("end"), words("site"), words("not-in-site"))
        prefixes = words("prefix")
        generic = words("generic")
        directions = words("direction")
        firsts = ScalarBits((visit + at + to).compactMap(\.first))
        endFirsts = ScalarBits(end.compactMap(\.first))
    }

    /// True when the item holds a word no site holds, or a verb of visiting (组深入政务中心).
    func holdsProse(_ r: Range<Int>, in line: FoldedLine) -> Bool {
        r.contains { k in
            notInSite.contains { k + $0.count <= r.upperBound && line.matches($0, at: k) }
                || visit.contains { $0.count >= 2 && k + $0.count <= r.upperBound && line.matches($0, at: k) }
        }
    }

    /// True when a 和 at the end of `r` joins two sites: the item so far ends with a site word
    /// other than 街道 (南外街道和谐社区 is one site) and the rest of the clause starts with at least
    /// two characters before one (…中心市场和垃圾压缩站).
    func splitsAtAnd(_ r: Range<Int>, in line: FoldedLine) -> Bool {
        guard endsWithSite(r, in: line), !line.matches(["街", "道"], at: r.upperBound - 2) else { return false }
        var k = r.upperBound + 1
        while line.isHan(at: k), line[k] != "、" { k += 1 }
        guard k >= r.upperBound + 3 else { return false }
        return sites.contains { w in (r.upperBound + 3...k).contains { e in e - w.count >= r.upperBound + 3 && line.matches(w, at: e - w.count) } }
    }

    /// True when the item ends with a site word and is longer than it, maybe before a
    /// direction (鹤乡小区东侧).
    func endsWithSite(_ r: Range<Int>, in line: FoldedLine) -> Bool {
        var end = r.upperBound
        if let d = directions.first(where: { $0.count < r.count && line.matches($0, at: r.upperBound - $0.count) }) { end -= d.count }
        return sites.contains { $0.count < end - r.lowerBound && line.matches($0, at: end - $0.count) }
    }
}
