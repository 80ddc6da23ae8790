import Foundation

/// Reads again the runs a page's punctuation replace on GBK bytes left (issue 17: 8 of 18 real
/// desynchronisation runs, on 4 sites). The mirror pages' tools replaced the full-width marks
/// ！，；？：（） (A3 A1, A3 AC, …) by ASCII ones on the GBK bytes, at any offset: where a character
/// P's second byte is A3 (。 is A1 A3) and the next character C's first byte is a mark's second
/// byte, the pair was replaced too. P's first byte, alone before ASCII, shows as `?`; the mark
/// follows; then C's second byte reads with the next character's first, and so on, until ASCII
/// sets the reading right: `共同體。可以說` became `共同體??梢哉f` (可 is BF C9).
///
/// The marker gives the run exactly: C is the mark's byte and the first odd character's first
/// byte; the inner characters are the run read one byte later; the last one's first byte is the
/// run's last byte, and its second byte is what ended the run (every real run ended so): a letter
/// (`摫O` for 監, B1 4F; the letter is consumed), `€` (0x80 alone), or, before an annotation, the
/// `(` read with it as one `?` (`?dòng)`: the reading tells the character among its row's). Only
/// before a `?` that ASCII follows (its second byte lost) is the last one chosen by context, as
/// `GBKDesyncRepair` completes a run's. P is 。 (7 of 8 real runs), unless a character ending in
/// A3 makes a word with the text before (`解牛`).
///
/// Read again only when the lexicon scores the reading better than the odd characters (`??` in
/// a review followed by its own text reads worse shifted), counted `gbk-desync.punctuation-run`.
struct PunctuationDesyncRun {
    let desync: GBKDesyncRepair
    /// The longest run read (real ones hold 0–10 odd characters).
    static let maxRun = 32
    /// How much better (log units of `GBKDesyncRepair.score`) the reading must score.
    static let defaultMargin = 4.0
    var margin = defaultMargin
    /// How much better a character must read than 。 as P (7 of 8 real P were 。).
    /// (Tried on `--seed 2`: 8, 12, 16, 20, 30 restored 68, 72, 77, 72, 62 of 134 runs exactly.)
    static let previousMargin = 16.0
    /// P's second byte.
    static let previousTrail: UInt8 = 0xA3

    /// The second GBK byte of the full-width form of the ASCII mark `v` (the first is A3).
    @inline(__always)
    static func markByte(_ v: UInt32) -> UInt8? {
        switch v {
        case 0x21: return 0xA1  // !
        case 0x28: return 0xA8  // (
        case 0x29: return 0xA9  // )
        case 0x2C: return 0xAC  // ,
        case 0x3A: return 0xBA  // :
        case 0x3B: return 0xBB  // ;
        case 0x3F: return 0xBF  // ?
        default: return nil
        }
    }

    /// The cheap test: `?`, one of the marks, then a multi-byte character.
    static func mayHaveMarker(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Bytes.anyQuestionMark(in: p) { q in
            // (A letter after the mark: C's own second byte, `?,F(xiàn)` for 現, AC 46.)
            q + 2 < p.count && markByte(UInt32(p[q + 1])) != nil
                && (p[q + 2] >= 0xC2 || p[q + 2] >= 0x40 && p[q + 2] <= 0x7E || markByte(UInt32(p[q + 2])) != nil)
        }
    }

    /// The line with its marked runs read again, nil when none is.
    func read(_ line: [Unicode.Scalar], counters: inout Counters) -> [Unicode.Scalar]? {
        var s = line
        var changed = false
        var i = 0
        while i + 2 < s.count {
            guard s[i] == "?", Self.markByte(s[i + 1].value) != nil,
                  s[i + 2].value >= 0x40 && s[i + 2] != "\u{7F}" || Self.markByte(s[i + 2].value) != nil,
                  let (text, end) = readRun(s, marker: i) else {
                i += 1
                continue
            }
            s.replaceSubrange(i ..< end, with: text)
            counters.add("gbk-desync.punctuation-run")
            changed = true
            i += text.count
        }
        return changed ? s : nil
    }

    /// The run after the marker at `i` (`?`, then marks) read again, and where the text it
    /// replaces ends.
    func readRun(_ s: [Unicode.Scalar], marker i: Int) -> ([Unicode.Scalar], Int)? {
        let gbk = GBKPairs.shared
        // The bytes from the character after P on: each mark's byte, with the A3 it was replaced
        // with before the next mark (`?!!` for 。。。: A1 A3 A1 A3 A1 …), then the odd characters'
        // bytes; read in pairs from the start.
        var bytes: [UInt8] = []
        var a = i + 1
        while a < s.count, let m = Self.markByte(s[a].value), s[a] != "?" || isQuestionMark(s, at: a) {
            if !bytes.isEmpty { bytes.append(Self.previousTrail) }
            bytes.append(m)
            a += 1
        }
        // (Three marks or more after the marker are the text's own: `吗??????还是` is
        // 吗？？？？？？还是 after NFKC, never a run.)
        guard !bytes.isEmpty, a - i - 1 < 3 else { return nil }
        var j = a
        // (An odd character's second byte is the next one's first: 0x81 or above.)
        while j < s.count, j - a < Self.maxRun, s[j].value >= 0x80, s[j] != "\u{FFFD}", s[j] != "€", let b = gbk.bytes(of: s[j]), b.trail >= 0x81 {
            bytes.append(b.lead)
            bytes.append(b.trail)
            j += 1
        }
        guard var text = gbk.characters(pairsOf: bytes, from: 0) else { return nil }
        let lastByte = bytes[bytes.count - 1]
        var end = j
        var annotation: [Unicode.Scalar] = []
        guard j < s.count else { return nil }
        let v = s[j].value
        if v == 0x20AC {
            // `€`: 0x80 alone, the last character's second byte.
            guard let x = gbk.character(lead: lastByte, trail: 0x80) else { return nil }
            text.append(x)
            end = j + 1
        } else if (0x40 ... 0x7E).contains(v), j + 1 < s.count, !LostCharacterRepair.isASCIIAlphanumeric(s[j + 1]) {
            // A letter: the last character's own second byte, which set the reading right.
            guard let x = gbk.character(lead: lastByte, trail: UInt8(v)) else { return nil }
            text.append(x)
            end = j + 1
        } else if v == 0x3F, let close = LostCharacterRepair.fragmentEnd(s, at: j) {
            // `?reading)`: its second byte and its annotation's `(` read as one `?`.
            let reading = String(String.UnicodeScalarView(s[(j + 1) ..< close]))
            // (Where no character of the row has it as its main reading, `著(zhe)`, by context.)
            let read = GBKReadings.shared.trails(lead: lastByte, reading: reading).compactMap { gbk.character(lead: lastByte, trail: $0) }
            let candidates = read.isEmpty ? gbk.characters(lead: lastByte) : read
            let before = text.isEmpty ? desync.hanContext(s, before: i) : Array(text.suffix(3))
            guard let x = candidates.count == 1 ? candidates[0]
                    : desync.bestFiller(candidates, left: before, right: desync.hanContext(s, after: close + 1))
            else { return nil }
            text.append(x)
            end = close + 1
            // The annotation stays after it: it chooses the simplified form (`著(zhe)` is 着).
            annotation = Array(s[j ..< end])
            annotation[0] = "("
        } else if v == 0x3F, j + 1 == s.count || s[j + 1].value < 0x40 && s[j + 1] != "?",
                  j > a || j + 2 < s.count && Self.markByte(s[j + 1].value) != nil && s[j + 2].value >= 0x80 && previousByWord(s, before: i) != nil {
            // Its second byte lost before ASCII: chosen by context, in the line's script. (Right
            // after the marks only after a P that makes a word and with text after the mark:
            // `非?:?,很` for 非常好，很; `给我???` ends a review. Not before another `?`: lines
            // whose every character became `?` hold `??出??`.)
            let simplifiedLine = desync.isSimplifiedLine(s, outside: i ..< (j + 1))
            let candidates = desync.halfCandidates(lead: lastByte, simplifiedLine: simplifiedLine)
            let before = j > a ? Array(text.suffix(3)) : desync.hanContext(s, before: i) + [previousByWord(s, before: i)!]
            guard let x = desync.bestFiller(candidates, left: before, right: desync.hanContext(s, after: j + 1)) else { return nil }
            text.append(x)
            end = j + 1
        } else {
            return nil
        }
        // P: 。 unless a character ending in A3 reads clearly better with the text before. (P
        // ends text, after a character or an annotation: `1?:门m,` is no run.)
        guard i > 0, ScalarClass.isHan(s[i - 1]) || s[i - 1] == ")" else { return nil }
        let left = desync.hanContext(s, before: i)
        let right = desync.hanContext(s, after: end)
        var previous: Unicode.Scalar = "。"
        var repaired = desync.score(left) + desync.score(text + right)
        if let p = previousByWord(s, before: i) {
            let withP = desync.score(left + [p] + text + right)
            // (Right after the marks, a context-chosen last character was chosen after this P.)
            let chosenAfterP = j == a && v == 0x3F && LostCharacterRepair.fragmentEnd(s, at: j) == nil
            if withP > repaired + Self.previousMargin || chosenAfterP {
                previous = p
                repaired = withP
            }
        }
        let odd = Array(s[a ..< j])
        guard repaired > desync.score(left + odd) + desync.score(right) + margin else { return nil }
        return ([previous] + text + annotation, end)
    }

    /// Whether the `?` at `a`, after the marker's `?`, is a mark (C's first byte BF) rather than
    /// a first byte alone: before a character or a letter (C's second byte), or before a `?` that
    /// is one (before ASCII or a reading). Before another mark it is a first byte alone (`非?:?!`
    /// for 非常好！: 好's second byte before ！).
    func isQuestionMark(_ s: [Unicode.Scalar], at a: Int) -> Bool {
        guard a + 1 < s.count, LostCharacterRepair.fragmentEnd(s, at: a) == nil else { return false }
        let next = s[a + 1].value
        if next >= 0x80 || (0x40 ... 0x7E).contains(next) { return true }
        guard s[a + 1] == "?", a + 2 < s.count else { return false }
        return LostCharacterRepair.fragmentEnd(s, at: a + 1) != nil || s[a + 2].value < 0x40
    }

    /// The character ending in A3 that makes a word with the Han text before the marker, if any.
    func previousByWord(_ s: [Unicode.Scalar], before i: Int) -> Unicode.Scalar? {
        let left = desync.hanContext(s, before: i)
        guard !left.isEmpty else { return nil }
        let han = desync.halfCandidates(trail: Self.previousTrail, simplifiedLine: desync.isSimplifiedLine(s, outside: i ..< i + 1))
        guard let p = desync.bestFiller(han, left: left, right: [], wordsOnly: true), ScalarClass.isHan(p) else { return nil }
        return p
    }
}
