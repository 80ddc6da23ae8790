/// Field `directive`, once per sentence: what an official said must be done, as written.
///
/// The rest of the sentence after 强调，, 指出，, 要求： (a verb of `directives.tsv` followed by a
/// comma or colon, or preceded by 并, 他 …: 并指出安源区作为…), then each following sentence of
/// the same paragraph that starts like a directive (要…, 必须…). `现场指出问题` is none.
public struct DirectiveExtractor: BodyExtractor {
    public let name = "directive"
    public init() {}

    public func extract(from record: inout Record, body: BodyText, counters: inout Counters) {
        guard record[FieldKey.directive] == nil else { return }
        for line in body.lines {
            for sentence in Self.directives(in: line) {
                record.addExtracted(FieldKey.directive, sentence, counters: &counters)
            }
        }
    }

    static let sentenceEnds: Set<Unicode.Scalar> = ["。", "!", "?", ";"]

    static func directives(in line: FoldedLine) -> [String] {
        let words = DirectiveWords.standard
        var out: [String] = []
        var i = 0
        while i < line.count {
            guard words.firsts.contains(line[i]), let verb = line.match(words.verbs, at: i) else {
                i += 1
                continue
            }
            var start = i + verb.count
            let punctuated = start < line.count && (line[start] == "," || line[start] == ":")
            let led = words.leads.contains { line.matches($0, at: i - $0.count) }
            guard punctuated || led, !line.isHan(at: i + verb.count) || led else {
                i += 1
                continue
            }
            if punctuated { start += 1 }
            var end = sentenceEnd(from: start, in: line)
            if end > start { out.append(line.value(start..<end)) }
            // Following sentences of the same directive: 要…。要…。
            while end + 1 < line.count, line.match(words.continuations, at: end + 1) != nil {
                let next = sentenceEnd(from: end + 1, in: line)
                out.append(line.value(end + 1..<next))
                end = next
            }
            i = max(end, i + 1)
        }
        return out
    }

    /// Where the sentence that starts at `i` ends (its full stop, not included).
    static func sentenceEnd(from i: Int, in line: FoldedLine) -> Int {
        var j = i
        var quoted = 0
        while j < line.count {
            let c = line[j]
            if c == "“" { quoted += 1 }
            if c == "”" { quoted = max(0, quoted - 1) }
            if quoted == 0 && sentenceEnds.contains(c) { break }
            j += 1
        }
        return j
    }
}

/// The words of `directives.tsv`. Loaded once, on first use.
struct DirectiveWords: Sendable {
    typealias Word = FoldedLine.Word
    let verbs, leads, continuations: [Word]
    let firsts: ScalarBits

    static let standard = DirectiveWords(table: DataFile.lines("directives.tsv"))

    init(table: [String]) {
        let kinds = KindedWords(table, file: "directives.tsv")
        func words(_ kind: String) -> [Word] { kinds[kind] }
        (verbs, leads, continuations) = (words("verb"), words("lead"), words("continuation"))
        firsts = ScalarBits(verbs.compactMap(\.first))
    }
}
