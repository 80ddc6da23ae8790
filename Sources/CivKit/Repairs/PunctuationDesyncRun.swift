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
    /// How much more a run of one odd character after a number must gain (a list's `3。空调`
    /// against garbage's `1?:门m`).
    static let numberMargin = 8.0
    /// How much better a character must read than 。 as P (7 of 8 real P were 。).
    /// (Tried on `--seed 2`: 8, 12, 16, 20, 30 restored 68, 72, 77, 72, 62 of 134 runs exactly;
    /// with the character model's transitions and the run after P, on seeds 2, 100 and 101: 10,
    /// 12, 13, 14, 16, 19 restored 290, 294, 296, 296, 294, 284 of 416.)
    static let previousMargin = 14.0
    var previousGain = previousMargin
    /// What 。 as P before a run whose first character is a lone 。 must pay: the character
    /// model makes a stop after a stop free, so `就是。。如果` beat `就是海。如果` (a doubled 。
    /// is rarer than a word ending before one; 。。。 stays free). (Tried on seeds 2, 100-107:
    /// 0, 3, 6, 10, 15, 25, 100 restored 968, 971, 973, 974, 975, 975, 975 of 1254 runs.)
    static let doubledStopCost = 15.0
    /// P's second byte.
    static let previousTrail: UInt8 = 0xA3
    /// The candidates likeliest after the text before (character model) also scored for a last
    /// character chosen by context before ASCII (`GBKDesyncRepair.bestFiller(_:left:right:likeliest:)`).
    static let likeliestAfterContextCount = 3
    var likeliestAfterContext = likeliestAfterContextCount
    /// The weight of the character model's word end for that last character before a clause
    /// mark (`wordEndBeforeMark`: `包非?:糜?,` is 包非常好用，, 用 ends a word before `，` far
    /// likelier than 有). (Tried on seeds 2, 100-107 with `likeliestAfterContextCount` 3: 0, 0.7,
    /// 1, 1.5, 2 restored 1005, 1007, 1007, 1005, 946 of 1254 runs; 1 without the likeliest, 1005.)
    static let wordEndBeforeMarkWeight = 1.0
    var wordEndBeforeMark = wordEndBeforeMarkWeight
    /// `previousBeforeLoneStop`: before a run whose first character is a lone 。 (P then 。, a
    /// doubled stop as reviews write it), P is a character ending in A3 only where the word it
    /// makes with the text before also reads better than the commonest lone characters ending in
    /// A3 there; else the word is chance and P is 。 (`比較好?!ｏ@` is 比较好。。显, not 比较好耍。显;
    /// `太多?!Ｓ` 太多。。有, not 太多福。有). (Tried on seeds 2, 100-107: 1007 -> 1010 of 1254
    /// runs, none lost. Letting P be such a lone character that makes no word, `看到海。前台`, at
    /// margins 0, 3, 6, 8 over `previousMargin`: 997, 997, 1010, 1009: as many `的海。` as `看到海。`.)
    var previousBeforeLoneStop = true
    /// `previousBeforeEllipsis`: before a run whose text opens with two 。 or more, P is 。: the
    /// marks are then the ellipsis reviews write (`上?!!Ｎ也` is 上。。。我也, not 上海。。我也, the
    /// same bytes). (On seeds 2, 100-107, about 100 such runs, all with P 。; the word P made with the
    /// text before, 上海, won 1 of them.)
    var previousBeforeEllipsis = true
    /// `pairBeforeLostTrail`: a run's last character chosen by context (its second byte lost
    /// before ASCII) may be two, the pair between them dropped by the pages' decoder.
    var pairBeforeLostTrail = true
    /// `questionAfterLostTrail`: a run's last character lost its second byte before the text's
    /// own `?` (？, A3 BF, replaced like the marker's), which Han text follows (`多大？有` read
    /// `啻??有`: 大 is B4 F3, F3 alone before `?`); read as before any other mark. Not right after
    /// the marks, nor before a second `?` (lines whose every character became `?` hold `??出??`).
    var questionAfterLostTrail = true
    /// `ellipsisAfterSpace`: a run whose text opens with two 。 or more is read after a space too
    /// (`過去了 ?!!!!!Ｎ`): reviews write an ellipsis after one, and P is then 。.
    var ellipsisAfterSpace = true

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

    /// Whether the run's text opens with a 。 that no second 。 follows (`。。` is an ellipsis).
    static func startsWithLoneStop(_ text: [Unicode.Scalar]) -> Bool {
        text.first == "。" && (text.count < 2 || text[1] != "。")
    }

    /// Whether the run's text opens with two 。 or more (`?!!` before an odd character): with P
    /// as 。 an ellipsis 。。。, with P a character, that character before a doubled stop.
    static func startsWithEllipsis(_ text: [Unicode.Scalar]) -> Bool {
        text.count >= 2 && text[0] == "。" && text[1] == "。"
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
                  let (text, end, lostTrailPair, afterSpace, beforeQuestion) = readRun(s, marker: i) else {
                i += 1
                continue
            }
            s.replaceSubrange(i ..< end, with: text)
            counters.add("gbk-desync.punctuation-run")
            if lostTrailPair { counters.add("gbk-desync.punctuation-run.pair-before-lost-trail") }
            if afterSpace { counters.add("gbk-desync.punctuation-run.ellipsis-after-space") }
            if beforeQuestion { counters.add("gbk-desync.punctuation-run.question-after-lost-trail") }
            changed = true
            i += text.count
        }
        return changed ? s : nil
    }

    /// The run after the marker at `i` (`?`, then marks) read again, where the text it replaces
    /// ends, whether its last character was read as two (`pairBeforeLostTrail`), and whether it
    /// was read after a space (`ellipsisAfterSpace`), and whether its last character lost its
    /// second byte before the text's own `?` (`questionAfterLostTrail`).
    func readRun(_ s: [Unicode.Scalar], marker i: Int) -> ([Unicode.Scalar], Int, Bool, Bool, Bool)? {
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
        // 吗？？？？？？还是 after NFKC, never a run; unless they are 。。。 before an odd
        // character, each `!` a 。's A3 and the next 。's A1: `了?!!Ｎ揖` is 了。。。我就.)
        guard !bytes.isEmpty, a - i - 1 < 3 || Self.fullStopsRun(s, marks: i + 1 ..< a) else { return nil }
        var j = a
        while true {
            // (An odd character's second byte is the next one's first: 0x81 or above.)
            while j < s.count, j - a < Self.maxRun, s[j].value >= 0x80, s[j] != "\u{FFFD}", s[j] != "€", let b = gbk.bytes(of: s[j]), b.trail >= 0x81 {
                bytes.append(b.lead)
                bytes.append(b.trail)
                j += 1
            }
            guard j > a, let marks = chainedMarks(s, at: j, after: bytes[bytes.count - 1]) else { break }
            for k in marks {
                bytes.append(Self.previousTrail)
                bytes.append(Self.markByte(s[k].value)!)
            }
            j = marks.upperBound
        }
        // (A pair that spells nothing: the pages' decoder dropped one pair there, looked for below.)
        var text: [Unicode.Scalar] = []
        var unreadAt: Int?
        for k in stride(from: 0, to: bytes.count - 1, by: 2) {
            if let c = gbk.character(lead: bytes[k], trail: bytes[k + 1]) {
                text.append(c)
            } else {
                guard unreadAt == nil else { return nil }
                unreadAt = text.count
                text.append(GBKDesyncRepair.replacement)
            }
        }
        let lastByte = bytes[bytes.count - 1]
        // The last character's second byte, where what ended the run gives it.
        var lastTrail: UInt8?
        // Whether a pair dropped before the last character was put back.
        var droppedBeforeLast = false
        var end = j
        var annotation: [Unicode.Scalar] = []
        // The text's own ASCII character that the last pair took.
        var putBack: [Unicode.Scalar] = []
        // Whether the run is only C, a closing mark the line's open quote or title asks for.
        var closedOpenMark = false
        // Right after the marks before an annotation's reading no character of C's row has as its
        // main reading: the characters read so, y of a pair dropped after C (x), which P is
        // chosen with.
        var readAfterMarks: [Unicode.Scalar] = []
        // Whether the run is only its last character, a letter right after marks its second byte
        // (not `?`: in a line of garbage, every character the decoder failed on, `坴?B僅`).
        var letterAfterMarks = false
        // Whether the run ends in an annotation whose reading a character of the last row has as
        // its main reading (the reading names the last character).
        var namedByReading = false
        // Whether the last character, its second byte lost, was read as two with a pair dropped
        // between them (`pairBeforeLostTrail`).
        var lostTrailPair = false
        guard j < s.count else { return nil }
        let v = s[j].value
        if v == 0x20AC {
            // `€`: 0x80 alone, the last character's second byte.
            guard let x = gbk.character(lead: lastByte, trail: 0x80) else { return nil }
            text.append(x)
            lastTrail = 0x80
            end = j + 1
        } else if v >= 0x80, let b = gbk.bytes(of: s[j]), (0x40 ... 0x7E).contains(b.trail),
                  let x = gbk.character(lead: lastByte, trail: b.lead),
                  ScalarClass.isHan(x) && (j + 1 == s.count || s[j + 1].value < 0x80 || !LostCharacterRepair.isASCIIAlphanumeric(Unicode.Scalar(b.trail)))
                    || Self.opensLatinQuote(x, letter: b.trail, s, after: j) {
            // An odd character whose second byte is ASCII: its first byte is the last character's
            // second, and the ASCII character is the text's own, read with it by the decoder and
            // put back (`非?:脋~` is 非常好~: 好 is BA C3, 脋 C3 7E). A letter only where the
            // text's ASCII goes on after it (a line of garbage holds `??躓ゴ`). Or an opening
            // quote before the text's Latin word (`opensLatinQuote`).
            text.append(x)
            lastTrail = b.lead
            end = j + 1
            putBack = [Unicode.Scalar(b.trail)]
        } else if (0x40 ... 0x7E).contains(v), j + 1 < s.count && !LostCharacterRepair.isASCIIAlphanumeric(s[j + 1])
                    || gbk.character(lead: lastByte, trail: UInt8(v)).map(ScalarClass.isHan) == true {
            // A letter: the last character's own second byte, which set the reading right (before
            // a Latin word too, where it spells a character: `惭bXP` is 裝XP, 裝 D1 62; the text's
            // own letter would have been read with the last byte). (A pair that spells nothing
            // there: one dropped before it, `好。員` as `好?:谩T`, 。's A3 and 員's 86 dropped.)
            if let x = gbk.character(lead: lastByte, trail: UInt8(v)), !GBKDesyncRepair.isPrivateUse(x) {
                text.append(x)
            } else {
                guard unreadAt == nil, j > a else { return nil }
                unreadAt = text.count
                text.append(GBKDesyncRepair.replacement)
            }
            lastTrail = UInt8(v)
            letterAfterMarks = j == a && !s[i + 1 ..< a].contains("?")
            end = j + 1
        } else if v == 0x3F, let close = LostCharacterRepair.fragmentEnd(s, at: j) {
            // `?reading)`: its second byte and its annotation's `(` read as one `?`.
            let reading = UTF8Bytes.string(s[(j + 1) ..< close])
            // (Where no character of the row has it as its main reading, `著(zhe)`, by context.)
            let read = charactersRead(lead: lastByte, reading: reading)
            let candidates = read.isEmpty ? gbk.characters(lead: lastByte) : read
            let before = text.isEmpty ? leftContext(s, before: i) : Array(text.suffix(3))
            let after = desync.hanContext(s, after: close + 1)
            let single = candidates.count == 1 ? candidates[0] : desync.bestFiller(candidates, left: before, right: after)
            // (No character of the row read so: the run's last pair may have been dropped, the
            // row's character then one before the character read so, `之後(hòu)`; right after
            // the marks too, `?;?yàng)` for 。花樣(yàng).)
            let simplifiedLine = desync.isSimplifiedLine(s, outside: i ..< close + 1)
            // (Right after the marks, x is the run's first character: P is chosen with it below,
            // also where a character of the row has the reading only among its others: `变得?:?xū)`
            // read 呼.)
            let mainReadingInRow = !GBKReadings.shared.trails(lead: lastByte, reading: reading).isEmpty
            namedByReading = mainReadingInRow
            let readAnyRow = unreadAt == nil && (read.isEmpty || text.isEmpty && !mainReadingInRow) ? charactersRead(anyRow: reading, simplifiedLine: simplifiedLine) : []
            if text.isEmpty { readAfterMarks = readAnyRow.map(\.y) }
            if read.isEmpty, !readAnyRow.isEmpty,
               let pair = pairBeforeReading(lead: lastByte, ys: readAnyRow, left: before, right: after, against: single, simplifiedLine: simplifiedLine) {
                text += pair
                droppedBeforeLast = true
            } else {
                guard let single else { return nil }
                text.append(single)
            }
            end = close + 1
            // The annotation stays after it: it chooses the simplified form (`著(zhe)` is 着).
            annotation = Array(s[j ..< end])
            annotation[0] = "("
        } else if v == 0x3F, j + 1 == s.count || s[j + 1].value < 0x40 && s[j + 1] != "?" || questionAfterLostTrail && j > a && Self.questionBeforeText(s, at: j + 1),
                  j > a || afterMarksOnly(s, j) && (previousEndingInA3(s, before: i, wordsOnly: true) != nil || lastByte == 0xA1 && Self.closingMark(s, before: i) != nil)
                      || a - i - 1 >= 2 && Self.fullStopsRun(s, marks: i + 1 ..< a) {
            // Its second byte lost before ASCII: chosen by context, in the line's script. (Right
            // after the marks only after a P that makes a word and with text after the mark:
            // `非?:?,很` for 非常好，很; `给我???` ends a review. Not before another `?`: lines
            // whose every character became `?` hold `??出??`. Or after two 。s or more, all `!`:
            // `念?!!?` is 念。。。.)
            // (Row A1 holds no Han character: a run ending `正?!?` is 正常。, unless a quote or
            // title the line opened is still open: then its closing mark, `“好東西在?!?` is
            // “好东西在。”, `《看?!?,` 《看海》，.)
            if lastByte == 0xA1, let close = Self.closingMark(s, before: i) {
                text.append(close)
                closedOpenMark = j == a
            } else {
                let simplifiedLine = desync.isSimplifiedLine(s, outside: i ..< (j + 1))
                let candidates = desync.halfCandidates(lead: lastByte, simplifiedLine: simplifiedLine)
                let before = j > a ? Array(text.suffix(3)) : leftContext(s, before: i) + (previousEndingInA3(s, before: i, wordsOnly: true).map { [$0] } ?? [])
                let after = desync.hanContext(s, after: j + 1)
                let endWeight = j + 1 < s.count && Self.isClauseMark(s[j + 1]) ? wordEndBeforeMark : 0
                guard let x = desync.bestFiller(candidates, left: before, right: after, likeliest: likeliestAfterContext, endWeight: endWeight)
                        ?? (lastByte == 0xA1 ? GBKDesyncRepair.punctuation(lead: lastByte) : nil) else { return nil }
                // (The pair after x's second byte may have been dropped: x then y, whose second
                // byte is the one lost, `迷?!５?,` for 迷茫。但是， with (AB, CA) dropped. Only where
                // no Han text of the run stands before x: after it, a word x y won against the
                // character chosen by context far more often wrongly than rightly.)
                if pairBeforeLostTrail, j > a, unreadAt == nil, !before.contains(where: ScalarClass.isHan),
                   let pair = pairBeforeLostTrail(lead: lastByte, left: before, right: after, against: x, endWeight: endWeight, simplifiedLine: simplifiedLine) {
                    text += pair
                    droppedBeforeLast = true
                    lostTrailPair = true
                } else {
                    text.append(x)
                }
            }
            end = j + 1
        } else {
            return nil
        }
        // P: 。 unless a character ending in A3 reads clearly better with the text before. (P
        // ends text, after a character, an annotation or a closing quote: `1?:门m,` is no run;
        // after a Latin word or a number only before two odd characters or more, `mp4??梢哉f`, or
        // before a reading that names the last character, `latinBeforeNamedRun`: `tel???zǒng)` is
        // tel。總, 總 BF 82.)
        // (After a space only an ellipsis, `ellipsisAfterSpace`: `過去了 ?!!!!!Ｎ` is 过去了 。。。。。。我,
        // as reviews write it; P is then 。, `previousBeforeEllipsis`.)
        let afterSpace = ellipsisAfterSpace && i > 1 && s[i - 1] == " " && ScalarClass.isHan(s[i - 2]) && Self.startsWithEllipsis(text) && j > a
        guard i > 0, ScalarClass.isHan(s[i - 1]) || s[i - 1] == ")" || Self.isClosingQuote(s[i - 1])
                || LostCharacterRepair.isASCIIAlphanumeric(s[i - 1]) && (j - a >= 2 || namedByReading)
                || afterListNumber(s, before: i) && j > a || afterSpace else { return nil }
        let left = leftContext(s, before: i)
        let right = desync.hanContext(s, after: end)
        var previous: Unicode.Scalar = "。"
        var repaired = desync.score(left) + desync.score(text + right)
        // (Right after the marks, a context-chosen last character was chosen after P by word.)
        // (Not C in row A1, 。: `富?!?` is 富。。 unless P reads clearly better, `正常。`.)
        let chosenAfterP = j == a && v == 0x3F && LostCharacterRepair.fragmentEnd(s, at: j) == nil && !closedOpenMark && lastByte != 0xA1
        // (A title ends in no 。: before its 》, P is the character reading best after the text.)
        // (The Han text P is read before.)
        let pRight = chosenAfterP ? [] : Array((text + right).prefix { ScalarClass.isHan($0) }.prefix(3))
        if closedOpenMark, text == ["》"], let p = previousEndingInA3(s, before: i, wordsOnly: false) {
            previous = p
            repaired = desync.score(left + [p] + text + right)
        } else if !previousBeforeEllipsis || !Self.startsWithEllipsis(text),
                  let p = previousEndingInA3(s, before: i, right: pRight, wordsOnly: true),
                  chosenAfterP || !breaksCommonerWord(hanBefore(s, i), p),
                  chosenAfterP || !previousBeforeLoneStop || !Self.startsWithLoneStop(text)
                      || previousEndingInA3(s, before: i, right: pRight, wordsOnly: false) == p {
            // (Before a lone 。, `previousBeforeLoneStop`: the word P makes must also read best
            // among the row's commonest lone characters.)
            // (With the character model's transitions into and out of P: `黑海` is a word, but
            // `小黑。很轻` reads better than `小黑海很轻`.)
            if gainAsPrevious(p, before: text, left: left, right: right) > previousGain || chosenAfterP {
                previous = p
                repaired = desync.score(left + [p] + text + right)
            }
        }
        // One pair dropped inside the run (private use or unmapped, as the pages' decoder read
        // them): one character read again stands where two were; put back where it reads
        // clearly better, or where a pair spells nothing. (Where no odd character shows, only
        // before a letter after marks other than `?`: `非?;A的` is 非常基礎的, 基 BB F9, 礎 B5 41,
        // (F9, B5) dropped, so the mark's BB read with the letter as one character.)
        // The run's score as read, where a pair was put back below `dropGain`.
        var repairedAsRead: Double?
        if j > a || letterAfterMarks, !droppedBeforeLast {
            // Each character's two bytes, where the run gives both (not a last one chosen).
            var pairs: [(lead: UInt8, trail: UInt8)?] = (0 ..< text.count).map { k in
                2 * k + 1 < bytes.count ? (bytes[2 * k], bytes[2 * k + 1]) : lastTrail.map { (lastByte, $0) }
            }
            var put = 0
            let asRead = repaired
            let readText = text
            let readPairs = pairs
            let simplifiedLine = desync.isSimplifiedLine(s, outside: i ..< end)
            while put < Self.droppedPairs, let across = acrossDroppedPair(text, pairs: pairs, unreadAt: put == 0 ? unreadAt : nil, left: left, previous: previous,
                                                                          right: right, simplifiedLine: simplifiedLine) {
                text = across.text
                pairs = across.pairs
                put += 1
                // (A pair put back below `dropGain`, where the character read stood oddly, does
                // not itself make the run: the run read without it must pass, as a line of
                // garbage's `保??都没配` does not.)
                if across.belowDropGain { repairedAsRead = asRead }
            }
            // (Two pairs dropped side by side: three characters read as one, which one pair at a
            // time cannot put back; taken over a pair put back only where clearly better.)
            if unreadAt == nil,
               let across = acrossTwoDroppedPairs(readText, pairs: readPairs, left: left, previous: previous, right: right, simplifiedLine: simplifiedLine),
               put == 0 || bothModels(left + [previous] + across.text + right) > bothModels(left + [previous] + text + right) + Self.tripleOverPair {
                text = across.text
                pairs = across.pairs
                put = 1
                repairedAsRead = nil
            }
            // (P and a pair dropped at the first character, chosen together: chosen apart, P was
            // read before a first character that belongs after the dropped one.)
            if unreadAt ?? 0 == 0, !readText.isEmpty, let trail = bytes.count > 1 ? bytes[1] : lastTrail,
               let joint = jointWithPrevious(previousAcrossFirstDrop(Array(readText.dropFirst()), first: bytes[0],
                                                                     ys: desync.halfCandidates(trail: trail, simplifiedLine: simplifiedLine).candidates,
                                                                     left: left, right: right, simplifiedLine: simplifiedLine),
                                             against: previous, text, left: left, right: right) {
                previous = joint.previous
                text = joint.text
                put = 1
                repairedAsRead = nil
            }
            if put == 0, unreadAt != nil { return nil }
            if put > 0 {
                repaired = previous == "。" ? desync.score(left) + desync.score(text + right) : desync.score(left + [previous] + text + right)
            }
        } else if unreadAt != nil {
            return nil
        } else if !readAfterMarks.isEmpty,
                  let joint = jointWithPrevious(previousAcrossFirstDrop([], first: lastByte, ys: readAfterMarks, left: left, right: right,
                                                                        simplifiedLine: desync.isSimplifiedLine(s, outside: i ..< end)),
                                                against: previous, text, left: left, right: right, margin: readingDropGain) {
            // (The same right after the marks, the pair dropped before the annotation's reading,
            // far likelier there, so with its margin: chosen apart, x was chosen after the text
            // before P, `变得?:?xū)` read 。呼.)
            previous = joint.previous
            text = joint.text
            repaired = desync.score(left + [previous] + text + right)
        }
        let odd = Array(s[a ..< j])
        // (A closing mark alone scores like the marks it replaces: the open quote decided.)
        // (After a number with one odd character, as `1?:门m` in garbage, only far better.)
        let needed = margin + (j - a < 2 && !ScalarClass.isHan(s[i - 1]) && s[i - 1] != ")" && !Self.isClosingQuote(s[i - 1]) ? Self.numberMargin : 0)
        // (Marks alone before C's lost second byte, C in row A1, after a P making a word: 。 or
        // that P before 。, as the P's margin chose; they score as the marks they replace.)
        let marksOnly = j == a && lastByte == 0xA1
        let oddScore = desync.score(left + odd) + desync.score(right) + needed
        guard closedOpenMark || marksOnly || repaired > oddScore && repairedAsRead.map({ $0 > oddScore }) ?? true else { return nil }
        // (A run holds Han text and the page's marks, and the ASCII its last pair took is the
        // text's own: a reading that writes anything else, a symbol of GBK's rows A1-A9 or a
        // closing bracket the line never opened, reads the text's own `??` wrong: `包??都沒送`
        // is no run whose last pair took `]`, 沒 being 9B 5D.)
        guard text.allSatisfy(ScalarClass.isChineseContext), putBack.allSatisfy({ Self.mayEndRun($0, in: s, before: i) }) else { return nil }
        return ([previous] + text + annotation + putBack, end, lostTrailPair, afterSpace && !ScalarClass.isHan(s[i - 1]),
                v == 0x3F && end == j + 1 && j + 1 < s.count && s[j + 1] == "?")
    }

    /// How much better (word model and character model, as `total` scores) a reading with a
    /// dropped pair put back must score than the run read without one. (Tried on `--seed 2`,
    /// 100 and 101: runs without a drop gain up to 23 from a wrong pair, most of those with one
    /// 29 or more; 22, 25 and 28 restored 96, 97 and 97 of 134 runs on seed 2; later 20, 25, 30
    /// restored 294, 296, 293 of 416 on the three.)
    static let dropMargin = 25.0
    var dropGain = dropMargin
    /// `tripleMargin` (`PunctuationDesyncTriple.swift`).
    var tripleGain = tripleMargin
    /// The same before a reading no character of the last row has (the pair is far likelier there).
    /// (Tried on `--seed 2`, 100, 101: -10, 0, 5 restored 100, 99, 95 runs; 10 lost one; 25 three.)
    static let readingDropMargin = 5.0
    var readingDropGain = readingDropMargin
    /// How much the margin for a dropped pair moves with how the character read at its place
    /// stands between its neighbours (`standing`, less `usualStanding`): one pair's two characters
    /// read as one make an odd character (`湖景` read `喊`: -18.5, the margin 20.5), a character
    /// of the text stands well (`可用` read so: -11.2, the margin 27.8); the totals, where the
    /// character put back costs the word model a word, see too little of it. (Tried on seeds 2,
    /// 100-107 with `usualStanding` -14: weights 0, 0.5, 0.75, 1, 1.25, 1.5 restored 975, 977,
    /// 978, 978, 977, 977 of 1254 runs; with weight 1, -12, -13, -15, -16 restored 976, 976, 978, 975.)
    static let readStandingMargin = 1.0
    var readStandingWeight = readStandingMargin
    /// About how a character of the text stands between its neighbours (`standing`).
    static let usualStanding = -14.0
    /// The pairs of candidates kept per place by the character model, then scored in context.
    static let dropPairsScored = 4
    /// The most dropped pairs put back in one run. (2, tried on seeds 2, 100 and 101, restored
    /// no run more: a second pair's place reads well enough either way.)
    static let droppedPairs = 1

    /// `text` (the run read again, before it `left` and P, after it `right`) with the one pair
    /// the pages' decoder dropped put back: the character at k, read from the first byte of one
    /// character and the second byte of the next, becomes those two, x (its first byte, a second
    /// byte t) and y (a first byte u, its second byte), where (t, u) is a pair the decoder
    /// drops. The place and the two characters are those scoring best, taken only when clearly
    /// better than the text as read (at `unreadAt`, a pair that spells nothing, the place is
    /// known); nil otherwise.
    func acrossDroppedPair(_ text: [Unicode.Scalar], pairs: [(lead: UInt8, trail: UInt8)?], unreadAt: Int?, left: [Unicode.Scalar], previous: Unicode.Scalar,
                           right: [Unicode.Scalar], simplifiedLine: Bool) -> (text: [Unicode.Scalar], pairs: [(lead: UInt8, trail: UInt8)?], belowDropGain: Bool)? {
        let gbk = GBKPairs.shared
        let model = CharacterModel.shared
        let before = left + [previous]
        func total(_ t: [Unicode.Scalar]) -> Double { bothModels(before + t + right) }
        let places = unreadAt.map { [$0] } ?? Array(text.indices)
        var best: (score: Double, text: [Unicode.Scalar], at: Int)?
        for k in places {
            guard let (lead, trail) = pairs[k] else { continue }
            let xHalf = desync.halfCandidates(lead: lead, simplifiedLine: simplifiedLine)
            let yHalf = desync.halfCandidates(trail: trail, simplifiedLine: simplifiedLine)
            let xs = xHalf.candidates
            let ys = yHalf.candidates
            let prior = desync.simplified(k > 0 ? text[k - 1] : previous)
            let next = k + 1 < text.count ? desync.simplified(text[k + 1]) : right.first.map(desync.simplified)
            var ranked: [(rank: Double, x: Unicode.Scalar, y: Unicode.Scalar)] = []
            // The ys by their first bytes (one a byte: they share the second), so that each x meets
            // only the ys the decoder would have dropped it with (a grid of some 190 × 120 pairs a
            // place, tested one by one, was 5% of civ-clean's work on a corpus with such runs).
            var yByLead = [(y: Unicode.Scalar, sy: CharacterModel.Looked, tail: Double)](repeating: ("\0", model.looked("\0"), 0), count: 256)
            var leads = BoilerplateRules.FirstByteSet()
            var inOrder = true, lastLead = -1
            var bestTail = -Double.infinity
            for y in ys {
                guard let u = gbk.bytes(of: y)?.lead, ScalarClass.isHan(y) else { continue }
                if Int(u) <= lastLead { inOrder = false }
                lastLead = Int(u)
                let sy = desync.simplified(y)
                let tail = next.map { model.logProbability($0, after: sy) } ?? 0
                yByLead[Int(u)] = (y, model.looked(sy), tail)
                bestTail = max(bestTail, tail)
                leads.insert(u)
            }
            let droppedAfter = Self.droppedAfter
            for x in xs {
                // (。 too: A1 A3, its A3 dropped with a first byte below A1 after it.)
                guard let t = gbk.bytes(of: x)?.trail, t >= 0x81, ScalarClass.isHan(x) || x == "。" else { continue }
                let sx = desync.simplified(x)
                let into = model.logProbability(sx, after: prior)
                // (No x whose best pair could not rank above the last kept: see `keepDroppedPair`.)
                if ranked.count == Self.dropPairsScored, into + bestTail <= ranked[ranked.count - 1].rank { continue }
                let lookedX = model.looked(sx)
                if inOrder {
                    // (In the ys' order, first bytes ascending: ties keep the first found, as before.)
                    leads.intersection(droppedAfter[Int(t)]).forEachByte { u in
                        let (y, sy, tail) = yByLead[Int(u)]
                        keepDroppedPair(&ranked, x: x, sx: lookedX, into: into, y: y, sy: sy, tail: tail)
                    }
                } else {
                    for y in ys {
                        guard let u = gbk.bytes(of: y)?.lead, ScalarClass.isHan(y) else { continue }
                        keepDroppedPair(&ranked, x: x, sx: lookedX, trail: t, into: into, y: y, lead: u, next: next)
                    }
                }
            }
            // (The lexicon's words too, where the character read makes none with its neighbours:
            // one that does is likelier the text's own.)
            let read = desync.simplified(text[k])
            let readInWord = desync.lexicon.frequency(of: [prior, read]) > 0 || next.map { desync.lexicon.frequency(of: [read, $0]) > 0 } ?? false
            let words = readInWord ? [] : droppedPairWords(xHalf, among: yHalf.codes, prior: prior, next: next, limit: dropWords) { code, dropped in
                guard let y = yHalf.character(code: code), let u = gbk.bytes(of: y)?.lead, dropped.contains(u), ScalarClass.isHan(y) else { return nil }
                return y
            }
            for (_, x, y) in ranked + words {
                var t = text
                t.replaceSubrange(k ... k, with: [x, y])
                let v = total(t)
                if best == nil || v > best!.score { best = (v, t, k) }
            }
        }
        guard let best else { return nil }
        // (The margin moves with how oddly the character read at the place stands.)
        let asRead = total(text)
        if unreadAt == nil, best.score <= asRead + dropGain + readStandingWeight * (standing(text, at: best.at, previous: previous, right: right) - Self.usualStanding) {
            return nil
        }
        var put = pairs
        put.replaceSubrange(best.at ... best.at, with: [nil, nil])
        return (best.text, put, unreadAt == nil && best.score <= asRead + dropGain)
    }

    /// `droppedPairWords`: the pairs x y scored at a place beside the character model's best, as
    /// many of the lexicon's words x y, x of the place's first byte, y of its second, (x's second
    /// byte, y's first) a pair the decoder drops, ranked by the character model and the word's
    /// frequency. The model alone ranks a common word below pairs of common characters (`命令`
    /// read `妙`, (FC, C1) dropped, was not among its 4 best; `名额` was, and won). (Tried on seeds
    /// 2, 100-107: 0, 2, 4, 8 words restored 1010, 1011, 1011, 1011 of 1254 runs; a bonus for
    /// such a word at a place whose character makes none, 3, 6, 10, lost 3, 3, 14.)
    static let dropWordsScored = 2
    var dropWords = dropWordsScored

    /// The `limit` best of the lexicon's words x y: x one of `xs` after whose second byte t the
    /// decoder drops some pair, the word's second code among `yCodes`, y what `yOf` gives for that
    /// code and the first bytes dropped after t (y in the line's script, its first byte one of
    /// them; nil: none); ranked by the character model (x after `prior`, or at a start where
    /// none; `next` after y) and the word's frequency. For a place's first and second byte
    /// (`droppedPairWords`, `dropWords` of them) and for a run's last character read as two
    /// (`pairBeforeLostTrail`). (y is looked up only for a word ranking among the best kept:
    /// `keepBest` would pass the others.)
    func droppedPairWords(_ xs: GBKDesyncRepair.HalfCandidates, among yCodes: some CodeFilter, prior: Unicode.Scalar?, next: Unicode.Scalar?, limit: Int,
                          y yOf: (_ code: UInt32, _ dropped: BoilerplateRules.FirstByteSet) -> Unicode.Scalar?) -> [(rank: Double, x: Unicode.Scalar, y: Unicode.Scalar)] {
        let gbk = GBKPairs.shared
        let model = CharacterModel.shared
        let lexicon = desync.lexicon
        var words: [(rank: Double, x: Unicode.Scalar, y: Unicode.Scalar)] = []
        guard limit > 0 else { return words }
        var key: [UInt32] = [0]
        for (xCode, x) in xs.byCode {
            // (Only an x after whose second byte the decoder drops some pair.)
            guard let t = gbk.bytes(of: x)?.trail, Self.droppingTrails.contains(t), ScalarClass.isHan(x) else { continue }
            key[0] = xCode
            let dropped = Self.droppedAfter[Int(t)]
            let sx = desync.simplified(x)
            let into = prior.map { model.logProbability(sx, after: $0) } ?? model.logStart(sx)
            for w in lexicon.fillers(prefixCodes: key[...], suffixCodes: [][...], among: yCodes) {
                // (y's simplified form is the word's code: a half's codes are its candidates' simplified forms.)
                let sy = lexicon.scalar(code: w.code)
                let rank = into + model.logProbability(sy, after: sx) + (next.map { model.logProbability($0, after: sy) } ?? 0) + log(Double(max(w.frequency, 1)))
                guard words.count < limit || rank > words[words.count - 1].rank, let y = yOf(w.code, dropped) else { continue }
                words.keepBest((rank, x, y), limit: limit) { $0.rank > $1.rank }
            }
        }
        return words
    }

    /// How much better `left p text right` reads than with 。 as P: the word model, the
    /// character model's transitions into and out of P (`黑海` is a word, but `小黑。很轻` reads
    /// better than `小黑海很轻`), less `doubledStopCost` where 。 would stand before a lone 。.
    func gainAsPrevious(_ p: Unicode.Scalar, before text: [Unicode.Scalar], left: [Unicode.Scalar], right: [Unicode.Scalar]) -> Double {
        let after = (text + right).first
        return desync.score(left + [p] + text + right) - (desync.score(left) + desync.score(text + right))
            + transitions(left.last, p, after) - transitions(left.last, "。", after)
            + (Self.startsWithLoneStop(text) ? Self.doubledStopCost : 0)
    }

    /// The words `P x` ranked (by the character model into P and the word's frequency) and
    /// scored with a dropped pair put back at the run's first character.
    static let firstDropWordsScored = 4
    /// The ys scored after each such x, best first by the character model.
    static let firstDropYsScored = 3
    /// How much better P and the first character's dropped pair chosen together must read than
    /// chosen apart (both models, as `bothModels` scores). (On seeds 2, 100-107 the joint reading
    /// scored 14.0 and 20.8 above the one chosen apart where it was right, at most 12.1 where
    /// wrong: 13 and 14 restored 982 and 981 of 1254 runs.)
    static let jointMargin = 13.0
    var jointGain = jointMargin

    /// `joint` (P and the run read, chosen together) where it reads `margin` (`jointGain` unless
    /// given) better (both models) than `previous` and `text` chosen apart, and its P passes
    /// `previousGain`.
    func jointWithPrevious(_ joint: (previous: Unicode.Scalar, text: [Unicode.Scalar], score: Double)?, against previous: Unicode.Scalar,
                           _ text: [Unicode.Scalar], left: [Unicode.Scalar], right: [Unicode.Scalar], margin: Double? = nil) -> (previous: Unicode.Scalar, text: [Unicode.Scalar])? {
        guard let joint, joint.score > bothModels(left + [previous] + text + right) + (margin ?? jointGain),
              gainAsPrevious(joint.previous, before: joint.text, left: left, right: right) > previousGain else { return nil }
        return (joint.previous, joint.text)
    }

    /// P and the run's first character chosen together, where the pages' decoder dropped the pair
    /// after the first character: the first character, read from C's first byte `first` and the
    /// next character's second byte, becomes x (first byte `first`) and y (one of `ys`), before
    /// `rest`, where P x is a word (`有些?:踔` is 有些模糊甚至: 模 C4 A3, 糊 BA FD, 甚 C9 F5,
    /// (FD, C9) dropped, so the run's first character reads 乎, BA F5; before an annotation's
    /// reading, the ys are the characters read so). The best by both models, whatever its margin
    /// (the caller's).
    func previousAcrossFirstDrop(_ rest: [Unicode.Scalar], first: UInt8, ys: [Unicode.Scalar], left: [Unicode.Scalar], right: [Unicode.Scalar],
                                 simplifiedLine: Bool) -> (previous: Unicode.Scalar, text: [Unicode.Scalar], score: Double)? {
        guard let last = left.last, !ys.isEmpty else { return nil }
        let gbk = GBKPairs.shared
        let model = CharacterModel.shared
        let lexicon = desync.lexicon
        let xs = desync.halfCandidates(lead: first, simplifiedLine: simplifiedLine)
        guard !xs.byCode.isEmpty else { return nil }
        let ps = desync.halfCandidates(trail: Self.previousTrail, simplifiedLine: simplifiedLine)
        let sLast = desync.simplified(last)
        var ranked: [(rank: Double, p: Unicode.Scalar, x: Unicode.Scalar)] = []
        var key: [UInt32] = [0]
        for (code, p) in ps.byCode where ScalarClass.isHan(p) {
            key[0] = code
            let into = model.logProbability(desync.simplified(p), after: sLast)
            for w in lexicon.fillers(prefixCodes: key[...], suffixCodes: [], among: xs.codes) {
                let rank = into + log(Double(max(w.frequency, 1)))
                // (x is looked up only for a word that ranks among the best kept.)
                guard ranked.count < Self.firstDropWordsScored || rank > ranked[ranked.count - 1].rank,
                      let x = xs.character(code: w.code) else { continue }
                ranked.keepBest((rank, p, x), limit: Self.firstDropWordsScored) { $0.rank > $1.rank }
            }
        }
        guard !ranked.isEmpty else { return nil }
        let next = (rest.first ?? right.first).map(desync.simplified)
        var best: (previous: Unicode.Scalar, text: [Unicode.Scalar], score: Double)?
        for (_, p, x) in ranked {
            guard let t = gbk.bytes(of: x)?.trail, t >= 0x81, ScalarClass.isHan(x) else { continue }
            let dropped = Self.droppedAfter[Int(t)]
            let sx = model.looked(desync.simplified(x))
            var bestYs: [(rank: Double, y: Unicode.Scalar)] = []
            for y in ys {
                guard let u = gbk.bytes(of: y)?.lead, dropped.contains(u), ScalarClass.isHan(y) else { continue }
                let sy = desync.simplified(y)
                let rank = model.logProbability(model.looked(sy), after: sx) + (next.map { model.logProbability($0, after: sy) } ?? 0)
                bestYs.keepBest((rank, y), limit: Self.firstDropYsScored) { $0.rank > $1.rank }
            }
            for (_, y) in bestYs {
                let t2 = [x, y] + rest
                let v = bothModels(left + [p] + t2 + right)
                if best == nil || v > best!.score { best = (p, t2, v) }
            }
        }
        return best
    }

    /// The character model's transitions into and out of `text[k]`: from the character before it
    /// (P where k is 0) and into the next (the first of `right` where k is the last).
    func standing(_ text: [Unicode.Scalar], at k: Int, previous: Unicode.Scalar, right: [Unicode.Scalar]) -> Double {
        transitions(k > 0 ? text[k - 1] : previous, text[k], k + 1 < text.count ? text[k + 1] : right.first)
    }

    /// A text as the dropped-pair searches score it: the word model, and the character model
    /// weighed as `GBKDesyncRepair` weighs it.
    func bothModels(_ all: [Unicode.Scalar]) -> Double {
        desync.score(all) + GBKDesyncRepair.characterModelWeight * CharacterModel.shared.score(all.map(desync.simplified))
    }

    /// For each byte t, the bytes u such that the pair (t, u) is one the pages' decoder dropped:
    /// unmapped or private use in GBK.
    static let droppedAfter: [BoilerplateRules.FirstByteSet] = (0 ..< 256).map { t in
        var mask = BoilerplateRules.FirstByteSet()
        for u in 0 ..< 256 {
            if let c = GBKPairs.shared.character(lead: UInt8(t), trail: UInt8(u)), !GBKDesyncRepair.isPrivateUse(c) { continue }
            mask.insert(UInt8(u))
        }
        return mask
    }

    /// Keeps in `ranked` (best first) the `dropPairsScored` best pairs x y by the character model:
    /// x after the text before it (`into`), y (simplified `sy`) after x, the next character after
    /// y (`tail`, read once a y), where (x's second byte, y's first byte) is a pair the decoder
    /// drops (`droppedAfter`). (Once `dropPairsScored` are kept, a pair whose `into + tail` is no
    /// better than the last kept is passed without a look-up: no log-probability is above 0, and
    /// rounding keeps the order, so its rank could not be either.)
    private func keepDroppedPair(_ ranked: inout [(rank: Double, x: Unicode.Scalar, y: Unicode.Scalar)], x: Unicode.Scalar, sx: CharacterModel.Looked,
                                 into: Double, y: Unicode.Scalar, sy: CharacterModel.Looked, tail: Double) {
        if ranked.count == Self.dropPairsScored, into + tail <= ranked[ranked.count - 1].rank { return }
        let rank = into + CharacterModel.shared.logProbability(sy, after: sx) + tail
        ranked.keepBest((rank, x, y), limit: Self.dropPairsScored) { $0.rank > $1.rank }
    }

    /// `keepDroppedPair` with y's simplified form and the next character's probability after it,
    /// for any y: none where (x's second byte `t`, y's first byte `u`) spells a character the
    /// decoder keeps.
    private func keepDroppedPair(_ ranked: inout [(rank: Double, x: Unicode.Scalar, y: Unicode.Scalar)], x: Unicode.Scalar, sx: CharacterModel.Looked, trail t: UInt8,
                                 into: Double, y: Unicode.Scalar, lead u: UInt8, next: Unicode.Scalar?) {
        if let dropped = GBKPairs.shared.character(lead: t, trail: u), !GBKDesyncRepair.isPrivateUse(dropped) { return }
        let sy = desync.simplified(y)
        keepDroppedPair(&ranked, x: x, sx: sx, into: into, y: y, sy: CharacterModel.shared.looked(sy), tail: next.map { CharacterModel.shared.logProbability($0, after: sy) } ?? 0)
    }

    /// The last two characters of a run ended by an annotation whose reading no character of
    /// the last row has: x of that row (a second byte t) and y read so (`ys`, a first byte u), where
    /// the decoder dropped (t, u); the best pair by the character model then the word model,
    /// when it reads clearly better than `single`, the row's character chosen by context.
    func pairBeforeReading(lead: UInt8, ys: [(y: Unicode.Scalar, u: UInt8)], left: [Unicode.Scalar], right: [Unicode.Scalar], against single: Unicode.Scalar?,
                           simplifiedLine: Bool) -> [Unicode.Scalar]? {
        let gbk = GBKPairs.shared
        let model = CharacterModel.shared
        guard !ys.isEmpty else { return nil }
        let prior = left.last.map(desync.simplified), next = right.first.map(desync.simplified)
        var ranked: [(rank: Double, x: Unicode.Scalar, y: Unicode.Scalar)] = []
        for x in desync.halfCandidates(lead: lead, simplifiedLine: simplifiedLine).candidates {
            // (。 too, the row A1 its x (`stopBeforeDroppedReading`): its A3 and y's first byte
            // 81-A0 are a private-use pair, `了。呵呵。搶(qiǎng)` read `了?:呛恰?qiǎng)`.)
            guard let t = gbk.bytes(of: x)?.trail, t >= 0x81, ScalarClass.isHan(x) || x == "。" else { continue }
            let sx = desync.simplified(x)
            let into = prior.map { model.logProbability(sx, after: $0) } ?? model.logStart(sx)
            let lookedX = model.looked(sx)
            for (y, u) in ys {
                keepDroppedPair(&ranked, x: x, sx: lookedX, trail: t, into: into, y: y, lead: u, next: next)
            }
        }
        func total(_ t: [Unicode.Scalar]) -> Double { bothModels(left + t + right) }
        guard let best = bestScored(ranked, by: total) else { return nil }
        if let single, best.score <= total([single]) + readingDropGain { return nil }
        return best.pair
    }

    /// How much better (both models) x y must read than the row's character chosen by context
    /// (`pairBeforeLostTrail`). (On seeds 2, 100-107, where Han text of the run stood before x,
    /// some 95 pairs read up to 18.6 better where the character alone was right, about 1 where
    /// the pair was: margins 10, 13, 16 there restored 980, 1003, 1016 of 1254 runs, 1012 before,
    /// 16 making one worse. With none before x, the right pairs (但是, 而且) read 16.2-18.1
    /// better, the others at most 14.7 (`“为了`, where 为 was wrong too): 15 restored 1017, none
    /// worse.)
    static let lostTrailDropMargin = 15.0
    var lostTrailDropGain = lostTrailDropMargin
    /// The words x y ranked (character model and frequency), then scored in context.
    static let lostTrailPairsScored = 4

    /// The run's last two characters where the last one's second byte was lost before ASCII and
    /// the pages' decoder dropped the pair before it: x of row `lead` (a second byte t) and y (a
    /// first byte u, its second byte the one lost), (t, u) a pair the decoder drops, `x y` a word
    /// of the lexicon; the best by both models (with the word end before a clause mark, as
    /// `endWeight` weighs it), when it reads `lostTrailDropGain` better than `single`, the row's
    /// character chosen by context. (`迷?!５?,`: 但 is B5 AB, 是 CA C7, (AB, CA) private use:
    /// 迷茫。但是，, not 迷茫。等，.)
    func pairBeforeLostTrail(lead: UInt8, left: [Unicode.Scalar], right: [Unicode.Scalar], against single: Unicode.Scalar, endWeight: Double,
                             simplifiedLine: Bool) -> [Unicode.Scalar]? {
        let model = CharacterModel.shared
        let ranked = droppedPairWords(desync.halfCandidates(lead: lead, simplifiedLine: simplifiedLine), among: CodeTest(test: nil),
                                      prior: left.last.map(desync.simplified), next: right.first.map(desync.simplified), limit: Self.lostTrailPairsScored) { code, dropped in
            character(code: code, leads: dropped, simplifiedLine: simplifiedLine)
        }
        func total(_ t: [Unicode.Scalar]) -> Double {
            bothModels(left + t + right) + (right.isEmpty ? endWeight * model.logProbability("，", after: desync.simplified(t[t.count - 1])) : 0)
        }
        guard let best = bestScored(ranked, by: total), best.score > total([single]) + lostTrailDropGain else { return nil }
        return best.pair
    }

    /// Of `ranked`'s pairs x y, the one `total` scores best (the first of equals), with its score.
    func bestScored(_ ranked: [(rank: Double, x: Unicode.Scalar, y: Unicode.Scalar)], by total: ([Unicode.Scalar]) -> Double) -> (score: Double, pair: [Unicode.Scalar])? {
        var best: (score: Double, pair: [Unicode.Scalar])?
        for (_, x, y) in ranked {
            let v = total([x, y])
            if best == nil || v > best!.score { best = (v, [x, y]) }
        }
        return best
    }

    /// The Han character, in the line's script, whose simplified form is the lexicon's `code` and
    /// whose first byte is one of `leads`; nil if none.
    func character(code: UInt32, leads: BoilerplateRules.FirstByteSet, simplifiedLine: Bool) -> Unicode.Scalar? {
        var found: Unicode.Scalar?
        leads.intersection(Self.leadBytes).forEachByte { u in
            guard found == nil else { return }
            let half = desync.halfCandidates(lead: u, simplifiedLine: simplifiedLine)
            if half.codes.contains(code), let c = half.character(code: code), ScalarClass.isHan(c) { found = c }
        }
        return found
    }

    /// The first bytes of GBK's double-byte characters, 81-FE.
    static let leadBytes: BoilerplateRules.FirstByteSet = {
        var set = BoilerplateRules.FirstByteSet()
        for u in UInt8(0x81) ... 0xFE { set.insert(u) }
        return set
    }()

    /// The Han characters of any row whose main reading is `reading`, in the line's script, with
    /// their first bytes (y of a pair dropped before an annotation's reading).
    func charactersRead(anyRow reading: String, simplifiedLine: Bool) -> [(y: Unicode.Scalar, u: UInt8)] {
        let gbk = GBKPairs.shared
        let readings = GBKReadings.shared
        var ys: [(y: Unicode.Scalar, u: UInt8)] = []
        for u in UInt8(0x81) ... 0xFE {
            for t in readings.trails(lead: u, reading: reading) {
                if let y = gbk.character(lead: u, trail: t), ScalarClass.isHan(y), !desync.inLineScript([y], simplifiedLine: simplifiedLine).isEmpty { ys.append((y, u)) }
            }
        }
        return ys
    }

    /// The characters of row `lead` whose main reading is `reading`; else those with it among
    /// their other readings (the page annotates the reading in context: `著(zhe)`, whose main
    /// reading is zhù, is 著, not a pair dropped before a character read zhe).
    func charactersRead(lead: UInt8, reading: String) -> [Unicode.Scalar] {
        let gbk = GBKPairs.shared
        let main = GBKReadings.shared.trails(lead: lead, reading: reading).compactMap { gbk.character(lead: lead, trail: $0) }
        guard main.isEmpty else { return main }
        let table = PinyinTable.shared
        return gbk.characters(lead: lead).filter { c in
            ScalarClass.isHan(c) && (table.readings(of: c).contains(reading) || table.readings(of: desync.simplified(c)).contains(reading))
        }
    }

    /// The closing mark of the quote or title mark the line opened before `i` and left open.
    static func closingMark(_ s: [Unicode.Scalar], before i: Int) -> Unicode.Scalar? {
        var closed: [Unicode.Scalar] = []
        var k = i
        while k > 0 {
            k -= 1
            let c = s[k]
            if isClosingQuote(c) {
                closed.append(c)
                continue
            }
            let close: Unicode.Scalar
            switch c { case "“": close = "”"; case "‘": close = "’"; case "《": close = "》"; case "「": close = "」"; case "『": close = "』"
            default: continue }
            guard let m = closed.lastIndex(of: close) else { return close }
            closed.remove(at: m)
        }
        return nil
    }

    /// Whether the marks at `marks` are 。s read off by one (`!`, the last one any mark, C's first
    /// byte) before an odd character or an annotation's reading (C's second byte read with its
    /// `(`: `了?!!??zǒng)` is 了。。。總, 總 BF 82); or, all `!`, 。s before a `?`, the last one's
    /// first byte alone before ASCII or the line's end (`了?!!?` is 了。。。). (Before a reading
    /// after `!`, the last 。's A3 was dropped with the next character's first byte,
    /// `stopBeforeDroppedReading`: `句?!!!!?ài)` is 句。。。。。愛(ài).)
    static func fullStopsRun(_ s: [Unicode.Scalar], marks: Range<Int>) -> Bool {
        let u = marks.upperBound
        guard u < s.count, s[marks.dropLast()].allSatisfy({ $0 == "!" }) else { return false }
        return s[u].value >= 0x80 || LostCharacterRepair.fragmentEnd(s, at: u) != nil
            || s[u - 1] == "!" && s[u] == "?" && (u + 1 == s.count || s[u + 1].value < 0x80 && s[u + 1] != "?")
            || letterEndsStops(s, at: u)
    }

    /// Whether the letter at `u`, right after 。s read off by one, is C's second byte: with the
    /// last mark's byte (C's first) it spells a Han character, and no Latin word goes on after it
    /// (`fullStopsBeforeLetter`: `的?!!,F(xiàn)` is 的。。。現(xiàn), 現 AC 46; `?!!o.` is the
    /// text's own `so.` after 。。。, A1 6F spelling nothing).
    static func letterEndsStops(_ s: [Unicode.Scalar], at u: Int) -> Bool {
        guard (0x40 ... 0x7E).contains(s[u].value), u + 1 == s.count || !LostCharacterRepair.isASCIIAlphanumeric(s[u + 1]),
              let lead = markByte(s[u - 1].value), let c = GBKPairs.shared.character(lead: lead, trail: UInt8(s[u].value)) else { return false }
        return ScalarClass.isHan(c)
    }

    /// Whether the run's last character `x`, whose second byte is the ASCII `letter` read with it
    /// (`openQuoteBeforeLatin`), is an opening quote before the text's own Latin word: the quote's
    /// A1 B0 (“) or A1 AE (‘) read across, B0 or AE with the word's first letter (`?!癿an”` is
    /// 。“man”, `??纯础癝hell` 。看看“Shell; a one-letter word before its closing quote too, `?!皍”`
    /// for 。“u”). The word goes on in ASCII or the quote closes right after it.
    static func opensLatinQuote(_ x: Unicode.Scalar, letter: UInt8, _ s: [Unicode.Scalar], after j: Int) -> Bool {
        let close: Unicode.Scalar
        switch x { case "“": close = "”"; case "‘": close = "’"
        default: return false }
        guard LostCharacterRepair.isASCIIAlphanumeric(Unicode.Scalar(letter)) else { return false }
        return j + 1 < s.count && (s[j + 1].value < 0x80 || s[j + 1] == close)
    }

    /// Whether the ASCII character `c`, which a run's last pair took (a second byte 40-7E), may
    /// be the text's own: anything but a closing bracket that the line did not open before the
    /// marker at `i` (`非?:脋~`, a man page's `可用`^~'`, but not `包??都沒送`'s `]`).
    static func mayEndRun(_ c: Unicode.Scalar, in s: [Unicode.Scalar], before i: Int) -> Bool {
        let open: Unicode.Scalar
        switch c { case "]": open = "["; case "}": open = "{"
        default: return true }
        var depth = 0
        for k in stride(from: i - 1, through: 0, by: -1) {
            if s[k] == c { depth += 1 } else if s[k] == open { if depth == 0 { return true }; depth -= 1 }
        }
        return false
    }

    /// An ASCII mark ending a clause (`,` `!` `;` `:` `.`), which the page made of a full-width one.
    static func isClauseMark(_ c: Unicode.Scalar) -> Bool {
        switch c { case ",", "!", ";", ":", ".": return true
        default: return false }
    }

    /// A closing quote or title mark, which the page kept full-width (`言”。看` is `言”??`).
    static func isClosingQuote(_ c: Unicode.Scalar) -> Bool {
        switch c { case "”", "’", "》", "」", "』": return true
        default: return false }
    }

    /// Whether a number ends right before the marker at `i` (a list's item, `2。`), itself after
    /// Han text or punctuation, never a Latin word's digits.
    func afterListNumber(_ s: [Unicode.Scalar], before i: Int) -> Bool {
        var k = i
        while k > 0, ("0" ... "9").contains(s[k - 1]) { k -= 1 }
        return k < i && (k == 0 || !LostCharacterRepair.isASCIIAlphanumeric(s[k - 1]))
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

    /// Whether the `?` at `k` is the text's own question mark before its Han text
    /// (`questionAfterLostTrail`): a Han character follows it.
    static func questionBeforeText(_ s: [Unicode.Scalar], at k: Int) -> Bool {
        k + 1 < s.count && s[k] == "?" && ScalarClass.isHan(s[k + 1])
    }

    /// Whether the `?` at `j`, right after the marks, may be C's first byte alone: before a mark
    /// and anything but `?` (`非?:?,很`, `非?:?!!!`), before a space or an ASCII full stop
    /// (`非?:?.最`, `滄?!? 之`), or at the line's end, alone or before one mark (`正?!?`, `非?:?!`).
    func afterMarksOnly(_ s: [Unicode.Scalar], _ j: Int) -> Bool {
        if j + 1 == s.count || s[j + 1] == " " || s[j + 1] == "." { return true }
        guard Self.markByte(s[j + 1].value) != nil else { return false }
        return j + 2 == s.count || s[j + 2] != "?"
    }

    /// The marks at `j`, right after a run's odd characters, that the replace made inside the run:
    /// the last odd character's second byte (`last`) and A3 spell a character (`。`), and A3 with
    /// the next character's first byte was a mark's pair, so the run goes on one byte later after
    /// them (`。嘿嘿。。` reads `?:俸佟!?`: 佟 is D9 A1, then A3 A1 was replaced by `!`). Only
    /// before more odd characters or a `?` (not a letter: a line of garbage holds `??船?c陶`);
    /// three marks or more only as `fullStopsRun`'s. Nil where the run ends there.
    func chainedMarks(_ s: [Unicode.Scalar], at j: Int, after last: UInt8) -> Range<Int>? {
        guard GBKPairs.shared.character(lead: last, trail: Self.previousTrail) != nil else { return nil }
        var k = j
        while k < s.count, Self.markByte(s[k].value) != nil, s[k] != "?" || isQuestionMark(s, at: k) { k += 1 }
        guard k > j, k < s.count, k - j < 3 || Self.fullStopsRun(s, marks: j ..< k) else { return nil }
        let v = s[k].value
        guard v >= 0x80 && s[k] != "\u{FFFD}" || s[k] == "?" else { return nil }
        return j ..< k
    }

    /// Up to 3 Han characters before the marker at `i`, past the annotation of the character
    /// before P (`確(què)?:` : 確 is what P follows).
    func leftContext(_ s: [Unicode.Scalar], before i: Int) -> [Unicode.Scalar] {
        desync.hanContext(s, before: i > 1 ? Self.annotationStart(s, endingAt: i) ?? i : i)
    }

    /// Where the annotation `(letters)` ending right before `k` opens (the index of its `(`);
    /// nil where no annotation ends there.
    static func annotationStart(_ s: [Unicode.Scalar], endingAt k: Int) -> Int? {
        guard k > 0, s[k - 1] == ")" else { return nil }
        var m = k - 1
        while m > 0, LostCharacterRepair.isPinyinLetter(s[m - 1]) { m -= 1 }
        guard m > 0, m < k - 1, s[m - 1] == "(" else { return nil }
        return m - 1
    }

    /// Whether P, making a word with the last character before it alone, would break a commoner
    /// word that the text before already ends: `冲突?:芏嗳` is 冲突。很多人, not 冲突兀很多人
    /// (冲突 is commoner than 突兀), but `是非?:玫` is 是非常好的 (非常 is commoner than 是非).
    /// The character model's one transition into P (突→兀) cannot see the word it breaks.
    func breaksCommonerWord(_ left: [Unicode.Scalar], _ p: Unicode.Scalar) -> Bool {
        guard left.count >= 2 else { return false }
        let lexicon = desync.lexicon
        let simplified = left.map(desync.simplified)
        let withP = lexicon.frequency(of: [simplified[simplified.count - 1], desync.simplified(p)])
        guard withP > 0 else { return false }
        return (2 ... min(4, simplified.count)).contains { n in lexicon.frequency(of: simplified.suffix(n)) > withP }
    }

    /// Up to 4 Han characters before `i`, past the annotations among them (`有衝(chōng)突`).
    func hanBefore(_ s: [Unicode.Scalar], _ i: Int) -> [Unicode.Scalar] {
        var han: [Unicode.Scalar] = []
        var k = i
        while k > 0, han.count < 4 {
            if s[k - 1] == ")" {
                guard let open = Self.annotationStart(s, endingAt: k) else { break }
                k = open
                continue
            }
            guard ScalarClass.isHan(s[k - 1]) else { break }
            han.append(s[k - 1])
            k -= 1
        }
        return han.reversed()
    }

    /// The character model's transitions into P (or any character) from `left` and out of it into `right`.
    func transitions(_ left: Unicode.Scalar?, _ p: Unicode.Scalar, _ right: Unicode.Scalar?) -> Double {
        let model = CharacterModel.shared
        let sp = desync.simplified(p)
        return (left.map { model.logProbability(sp, after: desync.simplified($0)) } ?? 0)
            + (right.map { model.logProbability(desync.simplified($0), after: sp) } ?? 0)
    }

    /// P: the character ending in A3 that reads best after the Han text before the marker (past
    /// the annotation of the character before it), and before `right` (the run read again:
    /// `危害`, `確保`); with `wordsOnly`, only one making a word there, else nil (without: a
    /// title's last character before its `》`).
    func previousEndingInA3(_ s: [Unicode.Scalar], before i: Int, right: [Unicode.Scalar] = [], wordsOnly: Bool) -> Unicode.Scalar? {
        let left = leftContext(s, before: i)
        guard !left.isEmpty else { return nil }
        let han = desync.halfCandidates(trail: Self.previousTrail, simplifiedLine: desync.isSimplifiedLine(s, outside: i ..< i + 1))
        guard let p = desync.bestFiller(han, left: left, right: right, wordsOnly: wordsOnly), ScalarClass.isHan(p) else { return nil }
        return p
    }
}
