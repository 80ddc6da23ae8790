/// Reads again the run of odd characters a lost character's second GBK byte leaves behind its
/// fragment, before the GBK desynchronisation repair sees it: `?shù)氐玫饺嫱茝V` where
/// `地得到全面推廣` stood (地 is B5 D8: its first byte and an annotation's `(` were read as one bad
/// pair, `?`; its second byte D8 joined 得's first, and so on until ASCII set the reading right).
///
/// The fragment proves a character lost there, so the run's first byte is known to be that
/// character's second one: the run is re-encoded to GBK and read one byte later, its inner pairs
/// whole, its last character completed as `GBKDesyncRepair` completes a run's (a `?` after it
/// being its lost second byte, or an ASCII character after it its second byte; right after the
/// lost character, chosen with it); the lost character's second byte is left after the fragment as
/// `LostCharacterRepair.traceMark`, for that repair to choose among the characters ending in it,
/// with the simplified context, or to remove. Read again when a `?` follows the run (its last byte, alone), or
/// else when the lexicon scores the reading better than the run (`lost-character.run-read`);
/// otherwise the text stays as it is.
///
/// Where the noise gives the lost character's first bytes (`LostCharacterRepair.firstBytes`: the
/// byte before the fragment and the noise spell an annotated character), a character of the text
/// after the fragment can only be such a run's: it is read without the lexicon's say, and the lost
/// character, known up to its few first bytes, is the left context of the run's last one. The
/// second byte of the character before the fragment is left before its `?`
/// (`LostCharacterRepair.previousMark`), for the repair after the conversion, which simplifies it.
///
/// Real pages (issue 17): 5 of 14 fragments counted were followed by such a run.
public final class LostCharacterTrace: LineRepair, Sendable {
    public let name = "lost-character"
    /// Scores readings and completes the run's last character (in the line's script, by its converter).
    private let desync: GBKDesyncRepair
    /// The longest run read (a run ends at the first ASCII character).
    static let maxRun = 24
    /// How much better (log units of `GBKDesyncRepair.score`) the reading must score than the run
    /// without a `?` after it (tried on `--seed 2`: 2.0 left most runs unread).
    static let margin = 0.0
    /// How many of the lost character's candidates are tried in words with the last one (the ones
    /// the character model likes best after the text before; on `--seed 2`, 16 restored what all
    /// did, 8 fewer).
    static let pairFirsts = 16

    /// Shares the GBK repair's tables (its suspect set costs a pass over the lexicon to build).
    public init(desync: GBKDesyncRepair) {
        self.desync = desync
    }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        // The runs a punctuation replace on GBK bytes left (`?!耙`) first: their `?reading)` ends
        // would read as fragments.
        let marked = PunctuationDesyncRun.mayHaveMarker(line)
        guard marked || LostCharacterRepair.mayHaveFragment(line) else { return false }
        var s = UTF8Bytes.scalars(line)
        var changed = false
        if marked, let read = PunctuationDesyncRun(desync: desync).read(s, counters: &counters) {
            s = read
            changed = true
        }
        if let read = readRuns(s, counters: &counters) {
            s = read
            changed = true
        }
        guard changed else { return false }
        UTF8Bytes.write(s, to: &output)
        return true
    }

    /// The line with the runs after its fragments read again, nil when none is.
    func readRuns(_ line: [Unicode.Scalar], counters: inout Counters) -> [Unicode.Scalar]? {
        var s = line
        var changed = false
        var i = 0
        while i < s.count {
            // (Glued to a Latin word too: the tone mark tells a fragment, `AT?fěn)侄`.)
            guard s[i] == "?", let end = LostCharacterRepair.fragmentEnd(s, at: i),
                  LostCharacterRepair.hasToneMark(s[(i + 1) ..< end]) else {
                i += 1
                continue
            }
            // The character before the fragment, in its GBK bytes (P, whose second byte and the lost
            // character's first spelt the annotated character).
            let previous = i > 0 && ScalarClass.isHan(s[i - 1]) ? GBKPairs.shared.bytes(of: s[i - 1]).map(\.trail).flatMap { $0 >= 0x81 ? $0 : nil } : nil
            let firsts = LostCharacterRepair.firstBytes(previous: previous, noise: UTF8Bytes.string(s[(i + 1) ..< end]))
            var next = end + 1
            // A fragment with its reading after it (`?qǐng)?bào)`) left no run.
            if end + 1 < s.count, s[end + 1] == "?", let end2 = LostCharacterRepair.fragmentEnd(s, at: end + 1) {
                next = end2 + 1
            } else if let (replacement, upTo) = readRun(s, from: end + 1, firsts: firsts) {
                s.replaceSubrange((end + 1) ..< upTo, with: replacement)
                counters.add("\(name).run-read")
                changed = true
            }
            // (Only where the mechanism can act: elsewhere the repair works without it.)
            if let previous, !firsts.isEmpty {
                s.insert(LostCharacterRepair.previousMark(previous), at: i)
                next += 1
                changed = true
            }
            i = next
        }
        return changed ? s : nil
    }

    /// The run starting at `a` read again: the trace mark, the inner characters and the last one
    /// completed; and where the text it replaces ends. `firsts`: the lost character's possible
    /// first bytes, which the noise gave (then any run is read).
    func readRun(_ s: [Unicode.Scalar], from a: Int, firsts: [UInt8] = []) -> ([Unicode.Scalar], Int)? {
        let gbk = GBKPairs.shared
        // The second byte read with the ASCII character after it as one character, an odd one
        // (`?fěi)腜DF` for 的 before `PDF`: C4 50): the byte is the lost character's, the ASCII
        // character the text's.
        if a < s.count, let b = gbk.bytes(of: s[a]), b.lead >= 0x80, b.trail < 0x80, desync.isSuspect(s[a].value) {
            return ([LostCharacterRepair.traceMark(b.lead), Unicode.Scalar(b.trail)], a + 1)
        }
        var bytes: [UInt8] = []
        var j = a
        while j < s.count, j - a < Self.maxRun, s[j].value >= 0x80, s[j] != "\u{FFFD}", let b = gbk.bytes(of: s[j]) {
            bytes.append(b.lead)
            bytes.append(b.trail)
            j += 1
        }
        guard j > a else { return nil }
        // The inner pairs: the run read one byte later.
        guard let shifted = gbk.characters(pairsOf: bytes, from: 1) else { return nil }
        let run = Array(s[a ..< j])
        // A `?` (or U+FFFD) after the run is its last character's lost second byte (not another
        // fragment's start): with the fragment before, proof enough of a run.
        let dangling = j < s.count && (s[j] == "\u{FFFD}" || s[j] == "?" && LostCharacterRepair.fragmentEnd(s, at: j) == nil)
        // An ASCII character after it that completes its last byte into a character, alone (not
        // a Latin word's), may be that character's second byte, which set the reading right
        // (`…靡蛔x的` where `得一讀的` stood: 讀 is D7 78).
        let lastByte = bytes[bytes.count - 1]
        let resync: Unicode.Scalar? = !dangling && lastByte >= 0x80 && j < s.count && (0x40 ... 0x7E).contains(s[j].value)
            && (j + 1 == s.count || !LostCharacterRepair.isASCIIAlphanumeric(s[j + 1]))
            ? gbk.character(lead: lastByte, trail: UInt8(s[j].value)) : nil
        // The lost characters the first bytes and the run's first byte spell.
        let lost = firsts.compactMap { gbk.character(lead: $0, trail: bytes[0]) }
        if !dangling {
            // Else the reading must score better than the run (the same length when the ASCII
            // character completes the last one), unless the first bytes prove a run; one
            // character is too little to tell a run from the text's own (`，`).
            guard j - a >= 2 || resync != nil else { return nil }
        }
        if !dangling, lost.isEmpty {
            let left = desync.hanContext(s, before: a - 1 - fragmentLength(s, endingAt: a - 1))
            // With the text after the ASCII character that completes the last one: read, they are
            // one text (`绮徒Y束` read `餐結束`, a word across); left, they stand apart.
            let following = resync == nil ? [] : desync.hanContext(s, after: j + 1)
            guard desync.score(left + shifted + (resync.map { [$0] } ?? []) + following) > desync.score(left + run) + desync.score(following) + Self.margin
            else { return nil }
        }
        // The last character, whose first byte is the run's last, completed as
        // `GBKDesyncRepair.complete` completes a run's, with its `bestFiller` (not `complete`
        // itself: it completes the first half too, which is the lost character's, chosen later).
        var text = [LostCharacterRepair.traceMark(bytes[0])] + shifted
        var end = dangling ? j + 1 : j
        let right = desync.hanContext(s, after: end)
        if lastByte < 0x80 {
            // The last pair took an ASCII character as its second byte: it is the text's.
            text.append(Unicode.Scalar(lastByte))
        } else if let c = resync {
            // Its second byte is the ASCII character after the run, read alone (`…茝V`: 廣 is 8F 56).
            text.append(c)
            end = j + 1
        } else {
            // Its second byte lost: in the line's script (no traditional candidate on a simplified line).
            let simplifiedLine = desync.isSimplifiedLine(s, outside: a ..< end)
            let candidates = desync.halfCandidates(lead: lastByte, simplifiedLine: simplifiedLine)
            // Right after the lost character (the run holds no whole one), its left context is
            // that one's likeliest reading (chosen again later, with this one as its right
            // context), and the two making a word together (`前台[小姐]`) beat the two chosen
            // apart. (Further from it, on `--seed 2`, the lost character's reading as context
            // restored fewer.)
            var lastLeft = Array(shifted.suffix(3))
            var joint: Unicode.Scalar?
            if shifted.isEmpty {
                let left = desync.hanContext(s, before: a - 1 - fragmentLength(s, endingAt: a - 1))
                let firsts = lost.isEmpty ? desync.halfCandidates(trail: bytes[0], simplifiedLine: simplifiedLine) : desync.halfCandidates(lost)
                let first = desync.bestFiller(firsts, left: left, right: [])
                lastLeft = Array((first.map { left + [$0] } ?? []).suffix(3))
                let apart = [first, desync.bestFiller(candidates, left: lastLeft, right: right)]
                joint = desync.bestPair(desync.halfCandidates(likeliest(firsts.candidates, after: left.last)), candidates, left: left, middle: [], right: right, against: apart)?.1 ?? apart[1]
            }
            if let c = joint ?? desync.bestFiller(candidates, left: lastLeft, right: right) ?? GBKDesyncRepair.punctuation(lead: lastByte) {
                text.append(c)
            }
        }
        return (text, end)
    }

    /// The `pairFirsts` of `candidates` the character model likes best after `previous`.
    private func likeliest(_ candidates: [Unicode.Scalar], after previous: Unicode.Scalar?) -> [Unicode.Scalar] {
        guard candidates.count > Self.pairFirsts else { return candidates }
        let model = CharacterModel.Between(.shared, after: previous.map(desync.simplified), before: nil)
        var top: [(score: Double, c: Unicode.Scalar)] = []
        for c in candidates where ScalarClass.isHan(c) {
            top.keepBest((model.score(desync.simplified(c)), c), limit: Self.pairFirsts) { $0.score > $1.score }
        }
        return top.map(\.c)
    }

    /// The length of the fragment (`?letters`) whose `)` is at `close`.
    private func fragmentLength(_ s: [Unicode.Scalar], endingAt close: Int) -> Int {
        var k = close
        while k > 0, s[k - 1] != "?" { k -= 1 }
        return close - k + 1
    }
}
