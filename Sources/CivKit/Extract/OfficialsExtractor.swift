/// Field `official`, once per person: who held which posts and what they did.
///
/// `市委常委、宣传部长、市创建指挥部常务副总指挥聂晓葵深入安源区督导…` gives 聂晓葵 with three
/// posts, role `lead`. A name (2–3 Han characters starting with a surname, 3–4 with a compound
/// surname) is an official when a post title ends right before it (`区长康峰`) and a stop word,
/// a role verb or punctuation follows it (a name cut by an ellipsis is none); the posts before
/// it, separated by `、`, are its posts. A list after one title (`市领导王某、李某、张某`) gives each name that post. The
/// role is the first role verb after the name in its sentence (`陪同` → accompany), else
/// `other`. A name before its title at the start of a clause (`宋某书记强调`) gives that post.
/// A person named twice keeps the first role found and every post. The words are in
/// `officials.tsv`. Reads every text line.
public struct OfficialsExtractor: BodyExtractor {
    public let name = "official"
    public init() {}

    public func extract(from record: inout Record, body: BodyText, counters: inout Counters) {
        guard record[FieldKey.official] == nil else { return }
        var found: [Official] = []
        for line in body.lines {
            for person in Self.officials(in: line) {
                if let i = found.firstIndex(where: { $0.name == person.name }) {
                    found[i].merge(person)
                } else {
                    found.append(person)
                }
            }
        }
        for person in found { record.addExtracted(FieldKey.official, person.fieldValue, counters: &counters) }
    }

    /// The officials of one line, in text order (a name can come twice).
    static func officials(in line: FoldedLine) -> [Official] {
        let words = OfficialWords.standard
        // Each group of people with their posts, and where its posts start and its names end:
        // the roles are read once every group's span is known.
        var groups: [(people: [Official], span: Range<Int>)] = []
        var consumed = 0   // nothing before this is read again as a post
        var i = 0
        while i < line.count {
            // A name before its title, at the start of a clause: 宋某书记强调.
            if i >= consumed, !line.isHan(at: i - 1), i == 0 || line[i - 1] != "、", let (nameEnd, title) = nameBeforeTitle(at: i, in: line) {
                let end = nameEnd + title
                groups.append(([Official(name: line.value(i..<nameEnd), posts: resolve([line.value(nameEnd..<end)]), role: "other")], i..<end))
                consumed = end
                i = end
                continue
            }
            guard line.isHan(at: i), i > consumed, let title = words.titleEnding(at: i, in: line, after: consumed),
                  let nameEnd = name(at: i, in: line) else {
                i += 1
                continue
            }
            let (posts, postStart) = postsBefore(i, title: title, in: line, after: consumed)
            var names = [line.value(i..<nameEnd)]
            var end = nameEnd
            // A list under one label: 市领导王某、李某、张某.
            while end < line.count, line[end] == "、", let next = name(at: end + 1, in: line) {
                names.append(line.value(end + 1..<next))
                end = next
            }
            groups.append((names.map { Official(name: $0, posts: resolve(posts), role: "other") }, postStart..<end))
            consumed = end
            i = end
        }
        let spans = groups.map(\.span)
        return groups.flatMap { group in
            let role = role(after: group.span.upperBound, in: line, skipping: spans)
            return group.people.map { Official(name: $0.name, posts: $0.posts, role: role) }
        }
    }

    /// The end of a name that starts at `i`: 3 characters or 2 (after a compound surname 4 or
    /// 3), followed by a boundary.
    static func name(at i: Int, in line: FoldedLine) -> Int? {
        let words = OfficialWords.standard
        let labels = ExtractLabels.standard
        guard line.isHan(at: i) else { return nil }
        // A name does not start with a stop word (书记强调), but may with a one-character one that
        // is a surname (宣传部部长和丽娟), when no title is in it (主任和部长陪同).
        var startsWithStop = false
        if let stop = words.stopWord(at: i, in: line) {
            guard stop.count == 1, labels.singleSurnames.contains(line[i]) else { return nil }
            startsWithStop = true
        }
        let lengths: [Int]
        if labels.compoundSurnames.contains(where: { line.matches($0, at: i) }) {
            lengths = [4, 3]   // 欧阳晓明, 司马光
        } else if labels.singleSurnames.contains(line[i]) {
            lengths = [3, 2]
        } else {
            return longName(at: i, in: line)
        }
        // Each reading: its end and the strength of what follows it (the length of the stop word,
        // more for punctuation). A reading holds no one-character stop word (李明在会上), nor a
        // stop word anywhere but its last character.
        var best: (end: Int, strength: Int)?
        for length in lengths {
            let end = i + length
            guard end <= line.count, (i..<end).allSatisfy({ line.isHan(at: $0) }) else { continue }
            if (i + 1..<end).contains(where: { k in
                words.stopWord(at: k, in: line).map { k < end - 1 || $0.count == 1 } ?? false
            }) { continue }
            guard isBoundary(at: end, in: line) else { continue }
            if startsWithStop, (i + 1...end).contains(where: { words.titleEnding(at: $0, in: line, after: i) != nil }) { continue }
            let strength = line.isHan(at: end) ? words.stopWord(at: end, in: line)?.count ?? 0 : 100
            // The longer reading wins unless the shorter one is followed more strongly:
            // 陈志强|调研 over 陈志|强调, 李四|陪同 over 李四陪|同.
            if best == nil || strength > best!.strength { best = (end, strength) }
        }
        // 斯 and 阿 are surnames too: 斯琴毕力格 has no reading of three characters.
        return best?.end ?? longName(at: i, in: line)
    }

    static let longNameLengths = 4...12
    static let nameDot: Set<Unicode.Scalar> = ["·", "•", "・"]

    /// A name without a Han surname: Mongolian, Tibetan or Uyghur names of four or more
    /// characters (斯琴毕力格, 阿依古丽·买买提), read only where a verb of two or more characters
    /// (带队, 督查) or punctuation follows them, and holding no character of a post (部, 局, 副).
    static func longName(at i: Int, in line: FoldedLine) -> Int? {
        let words = OfficialWords.standard
        // 委员和三级人大代表: no long name starts with a stop word or holds a numeral.
        guard words.stopWord(at: i, in: line) == nil else { return nil }
        var end = i
        var han = 0
        while end < line.count, end - i < longNameLengths.upperBound {
            let c = line[end]
            if line.isHan(at: end) {
                if words.notInName.contains(c) || DateScanner.isNumeral(c) { return nil }
                if han >= longNameLengths.lowerBound, let stop = words.stopWord(at: end, in: line) {
                    return stop.count >= 2 && !holdsTitle(i, end, line) ? end : nil
                }
                han += 1
            } else if nameDot.contains(c), han > 0, end + 1 < line.count, line.isHan(at: end + 1) {
                // the dot between a name's parts
            } else {
                return han >= longNameLengths.lowerBound && (c == "," || c == "。" || c == "、") && !holdsTitle(i, end, line) ? end : nil
            }
            end += 1
        }
        return nil
    }

    private static func holdsTitle(_ start: Int, _ end: Int, _ line: FoldedLine) -> Bool {
        (start + 1...end).contains { OfficialWords.standard.titleEnding(at: $0, in: line, after: start) != nil }
    }

    /// A name followed by a title and a boundary (`卢某书记强调`), neither after nor before a `、`
    /// (`、宣传部长、` is a post): where the name ends and the title's length. The name holds no character of a level or body (区委书记 is no 区 name).
    static func nameBeforeTitle(at i: Int, in line: FoldedLine) -> (Int, Int)? {
        let words = OfficialWords.standard
        let labels = ExtractLabels.standard
        guard line.isHan(at: i), words.stopWord(at: i, in: line) == nil else { return nil }
        let lengths: [Int]
        // (`match` compares first scalars before words: this runs at every Han character.)
        if line.match(labels.compoundSurnames, at: i) != nil {
            lengths = [4, 3]
        } else if labels.singleSurnames.contains(line[i]) {
            lengths = [3, 2]
        } else {
            return nil
        }
        for length in lengths {
            let end = i + length
            // The title may carry its rank (李华副区长).
            let titleStart = end + (words.modifiers.first(where: { line.matches($0, at: end) })?.count ?? 0)
            guard end < line.count, (i..<end).allSatisfy({ line.isHan(at: $0) && !words.notInName.contains(line[$0]) }),
                  !(i + 1..<end).contains(where: { words.stopWord(at: $0, in: line) != nil }),
                  let title = words.titles.first(where: { $0.afterName && line.matches($0.word, at: titleStart) }),
                  isBoundary(at: titleStart + title.word.count, in: line),
                  titleStart + title.word.count == line.count || line[titleStart + title.word.count] != "、" else { continue }
            return (end, titleStart + title.word.count - end)
        }
        return nil
    }

    /// What may follow a name: the end of the line, punctuation (not an ellipsis or a `?` of a
    /// lost character), a space, or a stop word.
    static func isBoundary(at i: Int, in line: FoldedLine) -> Bool {
        guard i < line.count else { return true }
        let c = line[i]
        if line.isHan(at: i) { return OfficialWords.standard.stopWord(at: i, in: line) != nil }
        if c == "." || c == "…" || c == "?" { return false }
        return !ScalarClass.isASCIIDigit(c) && !(c.properties.isAlphabetic)
    }

    /// The posts before a name at `i`: the post ending with `title`, then each `、`-separated
    /// one before it that ends with a title too; in text order, and where the first starts.
    static func postsBefore(_ i: Int, title: Int, in line: FoldedLine, after floor: Int) -> (posts: [String], start: Int) {
        let words = OfficialWords.standard
        var posts: [String] = []
        var end = i
        var titleLength = title
        var start = i
        while true {
            start = end - titleLength
            while start > floor, line.isHan(at: start - 1), end - start < 20 {
                if words.postStop.contains(line[start - 1]) {
                    // 市新时代文明实践中心主任: 时 stops no post inside 新时代.
                    guard let at = words.postWordStart(around: start - 1, in: line), at > floor else { break }
                    start = at
                } else {
                    start -= 1
                }
            }
            posts.append(line.value(start..<end))
            // Another post before it: `市委常委、宣传部长`.
            guard start - 1 > floor, line[start - 1] == "、" else { break }
            let previousEnd = start - 1
            guard let t = words.titleEnding(at: previousEnd, in: line, after: floor) else { break }
            (end, titleLength) = (previousEnd, t)
        }
        return (posts.reversed(), start)
    }

    /// The first role verb from `i` to the end of the sentence, outside the posts and names of
    /// other people (`spans`): in `市委常委叶某督导工作。市创建督导组组长陈某等随行` 陈某 随行, though
    /// 督导 comes first.
    static func role(after i: Int, in line: FoldedLine, skipping spans: [Range<Int>] = []) -> String {
        let words = OfficialWords.standard
        var j = i
        while j < line.count {
            if let span = spans.first(where: { $0.contains(j) }) {
                j = span.upperBound
                continue
            }
            let c = line[j]
            if c == "。" || c == ";" || c == "!" || c == "?" { break }
            // 蔡某在区领导闫某的陪同下，带领…: the 陪同 is 闫某's.
            if c == "在", let after = Self.endOfAccompaniedBy(from: j, in: line) {
                j = after
                continue
            }
            if let r = words.role(at: j, in: line) { return r }
            if words.isSpeech(at: j, in: line) { break }
            j += 1
        }
        return "other"
    }

    /// Where `在…的陪同下` that starts at `i` ends, within its clause.
    static func endOfAccompaniedBy(from i: Int, in line: FoldedLine) -> Int? {
        var k = i + 1
        while k < line.count, line[k] != "," && line[k] != "。" && line[k] != ";" {
            if line.matches(["的", "陪", "同", "下"], at: k) { return k + 4 }
            k += 1
        }
        return nil
    }

    /// Each post with its level and body; a post that gives no level takes the one before it.
    static func resolve(_ posts: [String]) -> [Official.Post] {
        var out: [Official.Post] = []
        for text in posts {
            var post = OfficialWords.standard.post(text)
            if post.level == nil { post.level = out.last?.level }
            out.append(post)
        }
        return out
    }
}

/// One person found by `OfficialsExtractor`, as the record field `official` holds it:
/// `NAME ROLE POST/LEVEL/BODY …` (`-` for an unknown level or body), e.g.
/// `康峰 accompany 区委副书记/区/党委 区长/区/政府`.
public struct Official: Equatable, Sendable {
    public struct Post: Equatable, Sendable {
        public var title: String
        public var level: String?
        public var body: String?
    }

    /// The roles the schema allows.
    public static let roles: Set<String> = ["lead", "accompany", "attend", "report", "other"]

    public var name: String
    public var posts: [Post]
    public var role: String

    var fieldValue: String {
        ([name, role] + posts.map { "\($0.title)/\($0.level ?? "-")/\($0.body ?? "-")" }).joined(separator: " ")
    }

    /// Reads a field value; nil when it is not one.
    public init?(field: String) {
        let parts = field.split(separator: " ").map(String.init)
        guard parts.count >= 3 else { return nil }
        var posts: [Post] = []
        for part in parts[2...] {
            let p = part.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard p.count == 3, !p[0].isEmpty else { return nil }
            posts.append(Post(title: p[0], level: p[1] == "-" ? nil : p[1], body: p[2] == "-" ? nil : p[2]))
        }
        self.init(name: parts[0], posts: posts, role: parts[1])
    }

    init(name: String, posts: [Post], role: String) {
        (self.name, self.posts, self.role) = (name, posts, role)
    }

    mutating func merge(_ other: Official) {
        if role == "other" { role = other.role }
        // 书记 after 市委书记 (卢某书记) is no other post.
        for post in other.posts where !posts.contains(where: { $0.title.hasSuffix(post.title) }) { posts.append(post) }
    }
}

/// The words of `officials.tsv` (the file describes each kind). Loaded once, on first use.
struct OfficialWords: Sendable {
    typealias Word = FoldedLine.Word
    struct Title: Sendable { let word: Word; let level: String?; let body: String?; let afterName: Bool }
    struct Level: Sendable { let word: Word; let level: String; let body: String? }

    let titles: [Title]
    let modifiers: [Word]
    let levels: [Level]
    let notLevels: [Word]
    let bodies: [(word: Word, body: String)]
    let roles: [(word: Word, role: String)]
    let stops: [Word]
    let postStop: ScalarBits
    let postWords: [Word]
    let speech: [Word]
    let notInName: ScalarBits
    let firstOfStop: ScalarBits
    let lastOfTitle: ScalarBits

    static let standard = OfficialWords(table: DataFile.lines("officials.tsv"))

    init(table: [String]) {
        var rows: [String: [[String]]] = [:]
        for line in table {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 2, !columns[1].isEmpty else { fatalError("civ: officials.tsv: bad line \(line)") }
            rows[columns[0], default: []].append(Array(columns[1...]))
        }
        func column(_ row: [String], _ k: Int) -> String? { k < row.count && row[k] != "-" && !row[k].isEmpty ? row[k] : nil }
        let longestFirst = { (a: Word, b: Word) in a.count > b.count }
        titles = (rows["title"] ?? []).map { Title(word: FoldedLine.word($0[0]), level: column($0, 1), body: column($0, 2), afterName: column($0, 3) != "no") }
            .sorted { longestFirst($0.word, $1.word) }
        modifiers = (rows["modifier"] ?? []).map { FoldedLine.word($0[0]) }.sorted(by: longestFirst)
        levels = (rows["level"] ?? []).compactMap { row in
            column(row, 1).map { Level(word: FoldedLine.word(row[0]), level: $0, body: column(row, 2)) }
        }.sorted { longestFirst($0.word, $1.word) }
        notLevels = (rows["not-level"] ?? []).map { FoldedLine.word($0[0]) }
        bodies = (rows["body"] ?? []).compactMap { row in column(row, 1).map { (FoldedLine.word(row[0]), $0) } }
        roles = (rows["role"] ?? []).compactMap { row in column(row, 1).map { (FoldedLine.word(row[0]), $0) } }
            .sorted { longestFirst($0.word, $1.word) }
        stops = ((rows["stop"] ?? []).map { FoldedLine.word($0[0]) } + roles.map(\.word) + (rows["speech"] ?? []).map { FoldedLine.word($0[0]) }).sorted(by: longestFirst)
        postStop = ScalarBits((rows["post-stop"] ?? []).compactMap { FoldedLine.word($0[0]).first })
        postWords = (rows["post-word"] ?? []).map { FoldedLine.word($0[0]) }
        speech = (rows["speech"] ?? []).map { FoldedLine.word($0[0]) }
        notInName = ScalarBits((rows["not-in-name"] ?? []).compactMap { FoldedLine.word($0[0]).first })
        firstOfStop = ScalarBits(stops.compactMap(\.first))
        lastOfTitle = ScalarBits(titles.compactMap(\.word.last))
    }

    /// Where a post word holding position `i` starts (新时代 around its 时).
    func postWordStart(around i: Int, in line: FoldedLine) -> Int? {
        for w in postWords {
            for at in max(0, i - w.count + 1)...i where line.matches(w, at: at) { return at }
        }
        return nil
    }

    /// The length of the longest title that ends right before `i` and starts after `floor`.
    func titleEnding(at i: Int, in line: FoldedLine, after floor: Int) -> Int? {
        guard i > 0, lastOfTitle.contains(line[i - 1]) else { return nil }
        return titles.first { i - $0.word.count >= floor && line.matches($0.word, at: i - $0.word.count) }?.word.count
    }

    func stopWord(at i: Int, in line: FoldedLine) -> Word? {
        guard i < line.count, firstOfStop.contains(line[i]) else { return nil }
        return line.match(stops, at: i)
    }

    func isSpeech(at i: Int, in line: FoldedLine) -> Bool {
        firstOfStop.contains(line[i]) && speech.contains { line.matches($0, at: i) }
    }

    func role(at i: Int, in line: FoldedLine) -> String? {
        guard firstOfStop.contains(line[i]) else { return nil }
        return roles.first { line.matches($0.word, at: i) }?.role
    }

    /// A post's title, level and body, read off its words (see `officials.tsv`). Words are
    /// compared on slices: an array per comparison made this a fifth of civ-extract.
    func post(_ text: String) -> Official.Post {
        let p = FoldedLine.word(text)
        let original = Array(text.unicodeScalars)
        func string(_ r: Range<Int>) -> String { String(String.UnicodeScalarView(original[r])) }
        guard let title = titles.first(where: { p.count >= $0.word.count && p.suffix($0.word.count).elementsEqual($0.word) }) else {
            return Official.Post(title: text, level: nil, body: nil)
        }
        var before = p.count - title.word.count
        var stripped = true
        while stripped {
            stripped = false
            for m in modifiers where before >= m.count && p[before - m.count..<before].elementsEqual(m) {
                before -= m.count
                stripped = true
                break
            }
        }
        var level = title.level
        var levelBody: String?
        var restStart = 0
        search: for at in 0..<min(5, before) {
            if notLevels.contains(where: { at + $0.count <= p.count && p[at..<at + $0.count].elementsEqual($0) }) { continue }
            for l in levels where at + l.word.count <= before && p[at..<at + l.word.count].elementsEqual(l.word) {
                (level, levelBody, restStart) = (l.level, l.body, at + l.word.count)
                // 二七区区委书记: the place's 区, then the post's 区委.
                let next = restStart
                if let l2 = levels.first(where: { $0.word.count > l.word.count && next + $0.word.count <= before && p[next..<next + $0.word.count].elementsEqual($0.word) }) {
                    (level, levelBody, restStart) = (l2.level, l2.body, next + l2.word.count)
                }
                break search
            }
        }
        let rest = restStart < before ? string(restStart..<before) : ""
        var body: String?
        if let named = bodies.first(where: { b in (0...max(0, before - b.word.count)).contains { at in at + b.word.count <= before && p[at..<at + b.word.count].elementsEqual(b.word) } }) {
            body = named.body
        } else if !rest.isEmpty {
            if let b = title.body, b.hasPrefix("+") {
                let suffix = String(b.dropFirst())
                body = rest.hasSuffix(suffix) ? rest : rest + suffix
            } else {
                body = rest
            }
        } else {
            body = levelBody ?? title.body.flatMap { $0.hasPrefix("+") ? nil : $0 }
        }
        return Official.Post(title: text, level: level, body: body)
    }
}
