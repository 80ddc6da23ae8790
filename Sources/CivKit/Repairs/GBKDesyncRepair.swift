import Foundation

/// Reads again the runs a desynchronised GBK byte stream left: one byte lost, the pairs after it
/// read off by one, so that each character shown is the second byte of one character and the first
/// byte of the next (`嵉墓ぷ魍苿` where `的工作推` stood). Until the decoder meets ASCII or an
/// invalid pair, which sets it right again, at the price of one more byte.
///
/// Re-encoded to GBK (`GBKPairs`, ICU's GB18030 two-byte area) and read one byte shifted, such a
/// run gives the text back: its inner pairs whole; its first and last characters only by half
/// (the second byte of the first, the first byte of the last; the other halves are lost), each
/// completed with the character that scores best with its neighbours among those making lexicon
/// words there and the commonest lone ones (a mark where only row A1 or A3 fits, else left out).
/// A run is repaired only when the lexicon scores the text clearly better so
/// (`gbk-desync.repaired`); a candidate whose shifted reading makes words but does not win is left
/// as it is (`gbk-desync.left`). A run holding a character only damage makes (GBK's user-defined
/// cells, which ICU reads as private use) is proven: it needs only to read better, as Han text
/// between ordinary characters. U+FFFD after a run is its last character's lost second byte.
///
/// The common case costs one byte scan: a line without a character of the kinds such runs show
/// (characters in few or no lexicon words, kana, Greek, Cyrillic, box drawing and the other
/// symbols of GBK's rows A1–A9) is left without decoding.
public final class GBKDesyncRepair: LineRepair, Sendable {
    public let name = "gbk-desync"
    static let leftCounter = "gbk-desync.left", repairedCounter = "gbk-desync.repaired"
    private let lexiconOverride: Lexicon?
    /// Scoring reads traditional characters as their simplified forms (the lexicon is simplified;
    /// a mirror's traditional page desynchronises like any other).
    private let converter: TraditionalToSimplified?
    /// One bit per BMP scalar: a character that may be part of a run.
    private let suspects: [UInt64]
    /// `HalfCandidates` of each byte's characters, by `halfKey` (made on first use).
    private let halves = LazyTable<HalfCandidates>(count: 4 * 256)

    /// A Han character in words of less total frequency than this is rare enough to suspect.
    static let rareFrequency = 1000
    /// Context scored on each side of a candidate run.
    static let context = 4
    static let maxWord = 4
    /// How far before a suspect a run's start is looked for (the first suspect of a run is near
    /// its start: runs are read left to right).
    static let maxRun = 48
    /// How far after a suspect its run's end is looked for: a run goes on to the first ASCII
    /// character or the line's end, however far (a byte below 0x80 is the only one that sets the
    /// decoder right again in double-byte text).
    static let maxRunAfter = 4096
    /// How far the cheap evidence looks on each side of a suspect.
    static let evidenceReach = 3
    /// The most shifted characters the cheap evidence reads: `evidenceReach` on each side of p and p's own.
    static let evidenceWidth = 2 * evidenceReach + 1
    /// How many of a half's commonest candidates are scored beside those that make words.
    static let commonCandidates = 3
    /// How many of the pairs of halves making a word are scored in their context.
    /// (On `--seed 2`, 4 restored what scoring all of them did, lost characters and mojibake runs.)
    static let pairsScored = 4
    /// How many of the best-looking spans through a suspect are completed and scored.
    static let spansTried = 6
    /// A span whose shifted characters score less above the ones they replace than this is not
    /// completed and scored (that costs lexicon searches; most suspects in prose end here).
    static let minimumSpanGain = -15.0
    /// How much better (in the scoring's log units) the repaired text must score: more for a run
    /// of two odd characters, whose halves are most of the repair (tuned with `scripts/eval-clean
    /// --seed 2`: the lowest margins undamaged prose never reaches there).
    static let margin = 24.0
    static let shortRunMargin = 32.0
    /// The margin for a run of one odd character that took the ASCII character after it (`腒VM`):
    /// one character read from its second byte alone, against a rare one.
    /// (Tried on `--seed 2`: 24 repaired 22 more runs exactly, but two undamaged lines of
    /// `make-corpus traditional`, already odd, score 24.4 and 24.9.)
    static let swallowingMargin = 25.0
    /// The margin for a run proven by a character only runs hold: the damage is certain, the
    /// reading need only be better than the odd text.
    static let provenMargin = 4.0
    /// And a third of its characters in words (a name read shifted rarely makes one: `\u{E139}期`
    /// → 谁榔诏).
    static let provenCoverage = 0.34
    /// The least share of the repaired characters in lexicon words; a third for runs of three odd
    /// characters or more (tuned on `--seed 2`: no undamaged line of `make-corpus` changes more).
    static let minimumCoverage = 0.5
    static let longRunCoverage = 0.34
    /// Runs of up to this many odd characters need two suspects among them.
    static let shortRun = 3
    /// Each character's score is measured against an unknown one, whose log-probability is
    /// `-log(total) - singlePenalty`: a character in no word scores 0.
    static let singlePenalty = 3.0
    /// A common mark between words scores as a common lone character does.
    static let punctuationScore = 14.0
    /// How much the character model's log-probability of a half's transitions counts beside the
    /// word model's score.
    /// (Tried on `--seed 2`: 0, 1 and 2; 1 restored the most runs.)
    static let characterModelWeight = 1.0
    /// The same for a run's first and last halves, chosen among ~100 characters each with the
    /// text on one side only in part (tried on `--seed 2`'s mojibake runs: 0, 0.3, 0.5, 0.7, 1
    /// restored 927, 966, 963, 955, 948 exactly; lost characters' runs, which keep 1, unchanged).
    static let halfWeight = 0.5
    /// The lexicon codes a choice's bit sets have room for from the start (the bundled lexicon
    /// has ~5,800 characters; a larger one's sets grow).
    static let codeBound: UInt32 = 0x2000
    /// How much the character model's gain (the repaired window's log-probability less the
    /// damaged one's) counts beside the word model's in deciding a run (tried on `--seed 2`: 0,
    /// 0.25, 0.5, 1, 2, 4 repaired 959, 969, 974, 990, 976, 945 of 1499 exactly; undamaged
    /// `make-corpus` prose unchanged at each).
    static let runModelWeight = 1.0

    public init(lexicon: Lexicon? = nil, converter: TraditionalToSimplified? = nil) {
        lexiconOverride = lexicon
        self.converter = converter
        var bits = [UInt64](repeating: 0, count: 1024)
        // Whole words where the range covers them (the Han blocks are 27,000 bits, set at every start).
        func set(_ range: ClosedRange<UInt32>) {
            var v = range.lowerBound
            while v <= range.upperBound {
                if v & 63 == 0, range.upperBound - v >= 63 {
                    bits[Int(v >> 6)] = ~0
                    v += 64
                } else {
                    bits[Int(v >> 6)] |= 1 << (v & 63)
                    v += 1
                }
            }
        }
        func clear(_ v: UInt32) { bits[Int(v >> 6)] &= ~(1 << (v & 63)) }
        // GBK's symbol rows: Greek, Cyrillic, box drawing, kana, bopomofo, numbered forms, the
        // rarer signs of row A1.
        for r: ClosedRange<UInt32> in [0x0391 ... 0x03C9, 0x0401 ... 0x0451, 0x2500 ... 0x254B, 0x3041 ... 0x30FE,
                                       0x3105 ... 0x3129, 0x2160 ... 0x217B, 0x2488 ... 0x249B, 0x3220 ... 0x3229,
                                       0x2225 ... 0x223D, 0x2261 ... 0x226F, 0x2299 ... 0x2299, 0x2312 ... 0x2312,
                                       0x3013 ... 0x3013, 0x2016 ... 0x2016, 0x00A4 ... 0x00A4, 0x00A8 ... 0x00A8,
                                       0x02C7 ... 0x02C9, 0xFFE0 ... 0xFFE1, 0x2640 ... 0x2642,
                                       // GBK's user-defined areas and the empty cells of its
                                       // symbol rows as ICU reads them: private use, in a run
                                       // wherever a second byte AA–AF or F8–FE meets a first byte
                                       // (half the runs hold one).
                                       0xE000 ... 0xE864, 0xFFFD ... 0xFFFD] { set(r) }
        // Han characters in few lexicon words; traditional ones are ordinary on a traditional page.
        set(0x3400 ... 0x4DBF)
        set(0x4E00 ... 0x9FFF)
        (lexicon ?? .shared).forEachCharacter { c, frequency in
            if frequency >= Self.rareFrequency, c.value < 0x10000 { clear(c.value) }
        }
        if let converter {
            for v: UInt32 in 0x4E00 ... 0x9FFF where bits[Int(v >> 6)] & (1 << (v & 63)) != 0 {
                if converter.changes(Unicode.Scalar(v)!) { clear(v) }
            }
        }
        suspects = bits
        logTotal = log(Double(max((lexicon ?? .shared).totalFrequency, 1)))
    }

    var lexicon: Lexicon { lexiconOverride ?? .shared }

    @inline(__always)
    func isSuspect(_ v: UInt32) -> Bool { v < 0x10000 && suspects[Int(v >> 6)] & (1 << (v & 63)) != 0 }

    /// The cheap test: any suspect character in the line (UTF-8 bytes, one pass, no copy).
    /// (On raw pointers: every line of a page passes here, and the checked reads cost a third more.)
    func mayHaveRun(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let line = p.baseAddress else { return false }
        let n = p.count
        return suspects.withUnsafeBufferPointer { table in
            // The values of two- and three-byte sequences are below 0x10000: inside the table.
            let bits = table.baseAddress!
            @inline(__always) func suspect(_ v: UInt32) -> Bool { bits[Int(v >> 6)] & (1 << (v & 63)) != 0 }
            var i = 0
            // Before the last three bytes, a sequence's second and third bytes are inside the line:
            // no bound is tested there, and a three-byte character (most of Chinese text) is
            // told first. The last bytes are read as before.
            while i < n - 2 {
                let b = line[i]
                if b < 0x80 { i += 1; continue }
                if b & 0xF0 == 0xE0 {
                    if suspect(UInt32(b & 0x0F) << 12 | UInt32(line[i + 1] & 0x3F) << 6 | UInt32(line[i + 2] & 0x3F)) { return true }
                    i += 3
                } else if b < 0xE0 {
                    if suspect(UInt32(b & 0x1F) << 6 | UInt32(line[i + 1] & 0x3F)) { return true }
                    i += 2
                } else {
                    i += 4
                }
            }
            while i < n {
                let b = line[i]
                if b < 0x80 { i += 1; continue }
                if b < 0xE0 {
                    if i + 1 < n, suspect(UInt32(b & 0x1F) << 6 | UInt32(line[i + 1] & 0x3F)) { return true }
                    i += 2
                } else if b < 0xF0 {
                    if i + 2 < n, suspect(UInt32(b & 0x0F) << 12 | UInt32(line[i + 1] & 0x3F) << 6 | UInt32(line[i + 2] & 0x3F)) { return true }
                    i += 3
                } else {
                    i += 4
                }
            }
            return false
        }
    }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        guard mayHaveRun(line) else { return false }
        // The suspects noted as the line is read: the view and the run search look at them alone.
        var suspectsAt: [Int] = []
        let s = suspects.withUnsafeBufferPointer { bits in
            UTF8Bytes.scalars(line) { v, k in
                if v < 0x10000, bits[Int(v >> 6)] & (1 << (v & 63)) != 0 { suspectsAt.append(k) }
            }
        }
        // A mirror that converted the page to traditional and annotated it converted and annotated
        // the runs' odd characters too: the runs are read on the text as it was before.
        let unmirrored = converter.flatMap { MirroredText(s, suspectsAt: suspectsAt, converter: $0, isSuspect: isSuspect) }
        guard let repaired = unmirrored.map({ view in view.replacing(runs(view.text, suspectsAt: view.suspectsAt, counters: &counters), in: s) })
                ?? repairRuns(s, suspectsAt: suspectsAt, counters: &counters)
        else { return false }
        UTF8Bytes.write(repaired, to: &output)
        return true
    }

    /// One run found and read again: `s[start ..< end]` becomes `text`.
    struct Repair { let start: Int, end: Int, text: [Unicode.Scalar] }

    /// The line with its runs repaired, nil when none is.
    func repairRuns(_ s: [Unicode.Scalar], suspectsAt: [Int], counters: inout Counters) -> [Unicode.Scalar]? {
        let repairs = runs(s, suspectsAt: suspectsAt, counters: &counters)
        guard !repairs.isEmpty else { return nil }
        var out: [Unicode.Scalar] = []
        var copied = 0
        for r in repairs {
            out.append(contentsOf: s[copied ..< r.start])
            out.append(contentsOf: r.text)
            copied = r.end
        }
        out.append(contentsOf: s[copied...])
        return out
    }

    /// The runs of the line repaired, in order, none overlapping. `suspectsAt`: where `s`'s
    /// suspects stand, in order.
    func runs(_ s: [Unicode.Scalar], suspectsAt: [Int], counters: inout Counters) -> [Repair] {
        var repairs: [Repair] = []
        var free = 0
        var p = 0
        var next = 0
        while true {
            // The first suspect from max(p, free) on (which never goes back; found again if it did).
            let from = max(p, free)
            while next > 0, suspectsAt[next - 1] >= from { next -= 1 }
            while next < suspectsAt.count, suspectsAt[next] < from { next += 1 }
            guard next < suspectsAt.count else { break }
            p = suspectsAt[next]
            defer { p += 1 }
            // U+FFFD after a character: a second byte before ASCII, the run (if any) ends before it.
            var at = p
            if s[p] == Self.replacement {
                guard p > free, s[p - 1].value >= 0x80, s[p - 1] != Self.replacement else { continue }
                at = p - 1
            }
            switch readAgain(s, at: at, from: free) {
            case nil: continue
            case .passed(let end):
                free = end
            case .left(let end):
                counters.add(Self.leftCounter)
                free = end
            case .repaired(let r):
                counters.add(Self.repairedCounter)
                repairs.append(r)
                free = r.end
                p = r.end - 1
            }
        }
        return repairs
    }

    /// `passed`: no span of the chain could be a run; the suspects before its end would find the
    /// same spans again (they all end where it does), at the cost of the whole chain each time.
    enum Outcome { case passed(end: Int), left(end: Int), repaired(Repair) }

    /// Tries the runs through the suspect character at `p` (none starting before `from`).
    func readAgain(_ s: [Unicode.Scalar], at p: Int, from lowest: Int) -> Outcome? {
        let gbk = GBKPairs.shared
        guard gbk.bytes(of: s[p]) != nil else { return nil }
        /// The character `s[m]`'s second byte and `s[m + 1]`'s first byte make. Common marks
        /// (，。：“) end a chain before the suspect: in prose they are the text's own far more often
        /// than a run's. Not after it: a run goes on to ASCII, and its pairs read `。` too (场；).
        func shifted(_ m: Int, marksEnd: Bool = true) -> Unicode.Scalar? {
            guard !marksEnd || (!Self.isCommonMark(s[m]) && !Self.isCommonMark(s[m + 1])),
                  let x = gbk.bytes(of: s[m]), let y = gbk.bytes(of: s[m + 1]) else { return nil }
            return gbk.character(lead: x.trail, trail: y.lead)
        }
        // A repeated character (哒哒哒, 崽崽) reads as another repeated one: prose, not a run.
        if (p > 0 && s[p - 1] == s[p]) || (p + 1 < s.count && s[p + 1] == s[p]) { return nil }
        // Cheap evidence first, on the shifted characters next to p alone: a word among them.
        var a = p, b = p + 1
        let lex = lexicon
        var t: [Unicode.Scalar] = []   // t[m - a]: shifted(m)
        var mapped: [Unicode.Scalar] = []
        // (On the stack, made arrays only where the evidence holds: most suspects end here, and
        // two arrays each cost more than the lookups.)
        let sees = withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: 2 * Self.evidenceWidth) { buffer -> Bool in
            let shown = buffer.baseAddress!, simple = shown + Self.evidenceWidth
            var n = 0
            // (The characters before p are written backwards and reversed in place.)
            while a > lowest, p - a < Self.evidenceReach, gbk.bytes(of: s[a - 1]) != nil, let c = shifted(a - 1) { shown[n] = c; n += 1; a -= 1 }
            var x = 0, y = n - 1
            while x < y { (shown[x], shown[y]) = (shown[y], shown[x]); x += 1; y -= 1 }
            while b < s.count, b - p <= Self.evidenceReach, let c = shifted(b - 1) { shown[n] = c; n += 1; b += 1 }
            for k in 0 ..< n { simple[k] = simplified(shown[k]) }
            let near = UnsafeBufferPointer(start: simple, count: n)
            var sees = false
            let from = max(0, p - a - 3), to = min(n - 1, p - a + 3)
            if from < to {
                // (Each character's code read once; a pair holding a character in no word is none.)
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 2) { pair in
                    var previous = lex.code(of: near[from])
                    for m in from ..< to {
                        let code = lex.code(of: near[m + 1])
                        defer { previous = code }
                        guard let x = previous, let y = code else { continue }
                        pair[0] = x
                        pair[1] = y
                        if lex.frequency(codes: UnsafeBufferPointer(pair)) > 0 { sees = true; break }
                    }
                }
            }
            // Or the shifted characters next to p are mostly ordinary ones, as random pairs of bytes
            // seldom are (a short run whose words need its halves: 捎诒黄舳 → 由于被启动).
            if !sees {
                let nearest = near[max(0, p - a - 2) ..< min(n, p - a + 2)]
                var ordinary = 0
                for c in nearest where ScalarClass.isHan(c) && !isSuspect(c.value) { ordinary += 1 }
                sees = nearest.count >= 3 && ordinary >= nearest.count - 1
            }
            // Or a character only a run shows: private use (GBK's user-defined cells), or U+FFFD.
            if !sees { sees = (max(lowest, p - Self.evidenceReach) ..< min(s.count, p + Self.evidenceReach + 1)).contains { isDamageMark(s, $0) } }
            // Or, a few suspects on before ASCII, a suspect whose second byte is ASCII: a short run's
            // last pair, which took the ASCII character after the run (`腒VM` for 的KVM: 的 is B5 C4,
            // 腒 C4 4B; `蛘逧DITOR` for 或者EDITOR). Suspects only: on a traditional page, ordinary
            // characters with an ASCII second byte before ASCII are common (each would cost a chain).
            if !sees {
                var m = p
                while m < s.count, m - p <= Self.evidenceReach, isSuspect(s[m].value) {
                    if tookASCII(s, m) { sees = true; break }
                    m += 1
                }
            }
            if sees {
                t = Array(UnsafeBufferPointer(start: shown, count: n))
                mapped = Array(near)
            }
            return sees
        }
        guard sees else { return nil }
        // Then the whole chain around p whose shifted readings all exist: a run lies inside.
        var before: [Unicode.Scalar] = []
        while a > lowest, p - a < Self.maxRun, gbk.bytes(of: s[a - 1]) != nil, let c = shifted(a - 1, marksEnd: false) { before.append(c); a -= 1 }
        t = before.reversed() + t
        mapped = before.reversed().map(simplified) + mapped
        while b < s.count, b - p < Self.maxRunAfter, let c = shifted(b - 1, marksEnd: false) { t.append(c); mapped.append(simplified(c)); b += 1 }
        // A run reads well back to its start; before it, the text in step reads shifted as odd
        // characters, three in four or more. Spans are sought from there on only (in prose the
        // chain goes on to ASCII, a whole paragraph perhaps, and reads odd all along).
        var readsFrom = a
        var oddBits = 0, k = b - 2
        while k >= a {
            oddBits = (oddBits << 1 | (isSuspect(mapped[k - a].value) ? 1 : 0)) & 0xF
            if b - 2 - k >= 3, oddBits.nonzeroBitCount >= 3 { readsFrom = k; break }
            k -= 1
        }
        let spans = bestSpans(s, a: readsFrom, b: b, p: p, shiftedText: Array(mapped[(readsFrom - a)...]))
        var tried = false
        var winner: (gain: Double, repair: Repair)?
        // The spans end where the run can (mostly the chain's end): their last halves are one.
        var lastHalf: LastHalf?
        for (i, j) in spans {
            // A run of one odd character is both halves and nothing whole: too little to tell
            // from prose's own rare characters (呢, 啦 are in no lexicon word).
            // Two suspects at least in a short run: prose's rare characters come one at a time
            // (兴坪, 唐韵笙).
            // Proof of damage: a private-use character inside (U+FFFD after the run proves damage
            // but not where it starts: `屏�(` is 屏幕( with 幕's bytes lost, 屏 whole).
            // A stray private-use character (an icon font's glyph) in prose is no run's; unless
            // another in the span is not stray: in a long run, odd characters make a word now and
            // then (`故抢\u{E12F}亲拥`: 抢亲).
            let privateUse = (i ..< j).filter { Self.isPrivateUse(s[$0]) }
            if !privateUse.isEmpty, !privateUse.contains(where: { !isStray(s, $0) }) { continue }
            let proven = s[i ..< j].contains { Self.isPrivateUse($0) }
            let endsInReplacement = j < s.count && s[j] == Self.replacement
            // One odd character before U+FFFD: a run (褂� for 使用, 诰� for 邻居), or a whole
            // character whose successor lost both bytes (屏� for 屏幕): a byte lost two characters
            // or one before ASCII, as likely; the reading decides.
            let oneBeforeReplacement = j - i == 1 && endsInReplacement
            // A private-use character alone is too little: its two bytes are both halves.
            let oneSwallowingASCII = j - i == 1 && swallowsASCII(s, i)
            guard (proven && j - i >= 2) || oneBeforeReplacement || oneSwallowingASCII || (j - i >= 2 && (j - i > Self.shortRun || s[i ..< j].filter({ isSuspect($0.value) }).count + (endsInReplacement ? 1 : 0) >= 2)),
                  let (text, end) = complete(s, i: i, j: j, shiftedText: Array(t[(i - a) ..< max(i - a, j - 1 - a)]), lastHalf: &lastHalf) else { continue }
            // (One that does not win is not counted as left: most are the text's own rare characters.)
            if !oneSwallowingASCII { tried = true }
            let lo = max(0, i - Self.context), hi = min(s.count, max(b, end) + Self.context)
            let before = score(Array(s[lo ..< hi]))
            let repairedWindow = Array(s[lo ..< i]) + text + Array(s[end ..< hi])
            // The word model's score, and the character model's gain: odd characters follow each
            // other as real text never does.
            let model = CharacterModel.shared
            let after = score(repairedWindow)
                + Self.runModelWeight * (model.score(repairedWindow.map(simplified)) - model.score(s[lo ..< hi].map(simplified)))
            // A proven run of two odd characters or more needs only to read better, and as Chinese
            // text: Han characters and marks (Big5 read as GBK, `臨Τ翴┬丁`, has private-use
            // characters too, and reads shifted as `处长@翴小A些`).
            let readsAsText = text.indices.allSatisfy { k in ScalarClass.isHan(text[k]) || ScalarClass.isCJKPunctuation(text[k]) || (k == text.count - 1 && text[k].value < 0x80) }
                && !text.contains(where: Self.isPrivateUse)
            // ... and between ordinary characters: Big5 read as GBK is odd all along the line.
            let lenient = proven && j - i >= 2 && readsAsText && (i == 0 || !isSuspect(s[i - 1].value))
                && (end == s.count || !isSuspect(s[end].value))
            let required = lenient ? Self.provenMargin : oneSwallowingASCII ? Self.swallowingMargin : j - i == 2 && !endsInReplacement ? Self.shortRunMargin : Self.margin
            // (A run of one odd character is one character and the ASCII one: in no word but by chance.)
            if readsAsText, after - before >= required, winner == nil || after - before > winner!.gain,
               oneSwallowingASCII || wordCoverage(repairedWindow, from: i - lo, count: text.count) >= (lenient ? Self.provenCoverage : j - i >= Self.shortRun ? Self.longRunCoverage : Self.minimumCoverage) {
                winner = (after - before, Repair(start: i, end: end, text: text))
            }
        }
        if let winner { return .repaired(winner.repair) }
        return tried ? .left(end: b) : .passed(end: b)
    }

    /// Where a run can end: before ASCII or U+FFFD (the last character's second byte before ASCII
    /// that cannot follow it), at the line's end, or after a character whose second byte is ASCII
    /// (the run's last pair took it: `鋓d`). Nowhere else: inside double-byte text the decoder
    /// stays off by one (a run ending there would need a second byte lost). Except before a
    /// traditional character: a mirror that converted the page converted the run's odd characters
    /// too (`謀` for 谋), whose bytes are then no longer the run's; what reads is before it. Unless
    /// that character's second byte is ASCII and ASCII follows: it is the run's last pair, which
    /// took the ASCII character after the run (`講ista` for 持vista: 持 is B3 D6, 講 D6 76), a
    /// character of the double-byte rows' extensions, which simplified text rarely holds and a
    /// mirror's conversion rarely makes.
    func isRunEnd(_ s: [Unicode.Scalar], _ j: Int) -> Bool {
        if j == s.count || s[j].value < 0x80 || s[j] == Self.replacement { return true }
        if let converter, converter.changes(s[j]), !tookASCII(s, j) { return true }
        guard j > 0, let last = GBKPairs.shared.bytes(of: s[j - 1]) else { return false }
        return last.trail < 0x80
    }

    /// Candidate spans `[i, j)` inside the chain `[a, b)` around the suspect p, best first: where
    /// the shifted reading's characters score most above the characters they replace; `j` where a
    /// run can end after p (inside the chain, only its end can be one), `i` anywhere before it (the
    /// suspect may be the text's own, just before a run that goes on to ASCII).
    func bestSpans(_ s: [Unicode.Scalar], a: Int, b: Int, p: Int, shiftedText t: [Unicode.Scalar]) -> [(Int, Int)] {
        let ends = ((max(p, a) + 1) ... b).filter { isRunEnd(s, $0) }
        guard !ends.isEmpty else { return [] }
        let lo = max(0, a - Self.context), hi = min(s.count, b + Self.context)
        let original = perCharacter(s[lo ..< hi].map(simplified))
        let shifted = perCharacter(t)
        // gain(i, j) = Σ shifted[i ..< j - 1] − Σ original[i ..< j] = sum[j - 1] − sum[i] − original[j - 1],
        // sum[k] = Σ (shifted − original)[a ..< k].
        var sum = [Double](repeating: 0, count: b - a + 1)
        for m in a ..< b { sum[m - a + 1] = sum[m - a] + (m - a < shifted.count ? shifted[m - a] - original[m - lo] : 0) }
        var candidates: [(gain: Double, i: Int, j: Int)] = []
        for j in ends {
            for i in a ..< j {
                let g = sum[j - 1 - a] - sum[i - a] - original[j - 1 - lo]
                if g >= Self.minimumSpanGain { candidates.append((g, i, j)) }
            }
        }
        candidates.sort { $0.gain > $1.gain || ($0.gain == $1.gain && $0.j - $0.i > $1.j - $1.i) }
        return candidates.prefix(Self.spansTried).map { ($0.i, $0.j) }
    }

    /// Whether the line holds no traditional character outside the run `s[run]`. A half is
    /// completed in the line's script: on such a line, a traditional candidate (統 beside 结) is
    /// not the text's.
    func isSimplifiedLine(_ s: [Unicode.Scalar], outside run: Range<Int>) -> Bool {
        converter.map { c in !s[..<run.lowerBound].contains(where: c.changes) && !s[run.upperBound...].contains(where: c.changes) } ?? false
    }

    /// The candidates for a half that are in the line's script (all of them unless the line is simplified).
    func inLineScript(_ candidates: [Unicode.Scalar], simplifiedLine: Bool) -> [Unicode.Scalar] {
        guard simplifiedLine, let converter else { return candidates }
        return candidates.filter { !converter.changes($0) }
    }

    /// A last half chosen for spans ending at `j`: the same for each whose shifted text holds three
    /// characters or more (its context) on a line of the same script.
    struct LastHalf { let j: Int, simplifiedLine: Bool, choice: Unicode.Scalar?, end: Int }

    /// The text the odd characters `s[i ..< j]` stood for: the half characters completed (or
    /// left out) around the shifted ones; and where the replaced text ends (past `j` when the
    /// last character's second byte is the ASCII character after the run).
    func complete(_ s: [Unicode.Scalar], i: Int, j: Int, shiftedText t: [Unicode.Scalar]) -> ([Unicode.Scalar], Int)? {
        var lastHalf: LastHalf?
        return complete(s, i: i, j: j, shiftedText: t, lastHalf: &lastHalf)
    }

    func complete(_ s: [Unicode.Scalar], i: Int, j: Int, shiftedText t: [Unicode.Scalar], lastHalf: inout LastHalf?) -> ([Unicode.Scalar], Int)? {
        let gbk = GBKPairs.shared
        guard let first = gbk.bytes(of: s[i]), let last = gbk.bytes(of: s[j - 1]) else { return nil }
        // After the run, Han text or a word's end: ASCII (or U+FFFD before it, or the line's end)
        // is a boundary, which the character model scores (a run's last character before a
        // Latin word ends a word: 与, 为, 用 more often than 有, 我).
        let left = hanContext(s, before: i), han = hanContext(s, after: j)
        let right = han.isEmpty ? [Self.boundary] : han
        let simplifiedLine = isSimplifiedLine(s, outside: i ..< j)
        let firstCandidates = halfCandidates(trail: first.lead, simplifiedLine: simplifiedLine)
        let lastCandidates = halfCandidates(lead: last.trail, simplifiedLine: simplifiedLine)
        var text: [Unicode.Scalar] = []
        var firstChoice = bestFiller(firstCandidates, left: left, right: Array(t.prefix(3)), modelWeight: Self.halfWeight)
        // A run of one or two odd characters is mostly its halves: chosen apart, each sees
        // nothing of the other (`诰�` for 邻居: 邻 is known by its second byte, 居 by its first).
        // The pairs making a word together are scored with them.
        var jointLast: Unicode.Scalar?
        if t.count <= 1, last.trail >= 0x80, !(j < s.count && (0x40 ... 0x7E).contains(s[j].value)) {
            let apart = [firstChoice, bestFiller(lastCandidates, left: t, right: right, modelWeight: Self.halfWeight)]
            if let pair = bestPair(firstCandidates, lastCandidates, left: left, middle: t, right: right, against: apart) {
                firstChoice = pair.0
                jointLast = pair.1
            }
        }
        if let c = firstChoice ?? Self.punctuation(trail: first.lead) { text.append(c) }
        text.append(contentsOf: t)
        var end = j
        // The last character's second byte may be the ASCII character after the run (`拈_始`:
        // 開 is E9 5F), which the decoder read alone.
        var lastChoice: Unicode.Scalar?
        if jointLast == nil, t.count >= 3, let known = lastHalf, known.j == j, known.simplifiedLine == simplifiedLine {
            lastChoice = known.choice
            end = known.end
        } else {
            // Its left context: the run's text, and before a short run the first half and the
            // text before the run (类[似][于] before ASCII: 似于 alone tells less than 类似于).
            let lastLeft = t.count >= 3 ? Array(t.suffix(3)) : Array((firstChoice.map { left + [$0] } ?? []) + t).suffix(3)
            lastChoice = jointLast ?? bestFiller(lastCandidates, left: Array(lastLeft), right: right, modelWeight: Self.halfWeight)
            if j < s.count, (0x40 ... 0x7E).contains(s[j].value), let c = gbk.character(lead: last.trail, trail: UInt8(s[j].value)),
               bestFiller([c], left: Array(t.suffix(3)), right: hanContext(s, after: j + 1), wordsOnly: true) != nil {
                lastChoice = c
                end = j + 1
            }
            if jointLast == nil, t.count >= 3 { lastHalf = LastHalf(j: j, simplifiedLine: simplifiedLine, choice: lastChoice, end: end) }
        }
        if last.trail < 0x80 {
            // The last pair took an ASCII character as its second byte: it is the text's.
            text.append(Unicode.Scalar(last.trail))
        } else if let c = lastChoice ?? Self.punctuation(lead: last.trail) { text.append(c) }
        // The last character's second byte before ASCII that cannot follow it (`，` `0`) was read
        // as U+FFFD: the run's, not the text's.
        if end == j, j < s.count, s[j] == Self.replacement { end = j + 1 }
        return (text, end)
    }

    static let replacement: Unicode.Scalar = "\u{FFFD}"
    /// What stands for a word boundary after a run in its right context (a character that is not Han text).
    static let boundary: Unicode.Scalar = " "

    /// `s[m]` is a suspect whose second byte is an ASCII character (40–7E), ASCII (or the line's
    /// end) after it and no suspect before: a run of one pair that took the ASCII character after
    /// the run.
    func swallowsASCII(_ s: [Unicode.Scalar], _ m: Int) -> Bool {
        isSuspect(s[m].value) && (m == 0 || !isSuspect(s[m - 1].value)) && tookASCII(s, m)
    }

    /// `s[m]`'s second byte is an ASCII character (40–7E) and ASCII (or the line's end) follows:
    /// it may be a run's last pair, which took the ASCII character after the run.
    func tookASCII(_ s: [Unicode.Scalar], _ m: Int) -> Bool {
        guard m + 1 == s.count || s[m + 1].value < 0x80, let bytes = GBKPairs.shared.bytes(of: s[m]) else { return false }
        return (0x40 ... 0x7E).contains(bytes.trail)
    }

    /// GBK's user-defined cells as ICU reads them (private use), and U+FFFD: in Chinese prose,
    /// only a damaged stream holds them.
    @inline(__always)
    static func isOnlyInRuns(_ c: Unicode.Scalar) -> Bool { isPrivateUse(c) || c == replacement }

    @inline(__always)
    static func isPrivateUse(_ c: Unicode.Scalar) -> Bool { (0xE000 ... 0xE864).contains(c.value) }

    /// `s[m]` is U+FFFD, or a private-use character that is not stray.
    func isDamageMark(_ s: [Unicode.Scalar], _ m: Int) -> Bool {
        s[m] == Self.replacement || (Self.isPrivateUse(s[m]) && !isStray(s, m))
    }

    /// A private-use character whose neighbours, with it taken out, stand in lexicon words (`宽\u{E61C}度`,
    /// `\u{E60A}分享到`): a glyph of an icon font in prose, not a run's pair of bytes, whose
    /// neighbours are odd characters.
    func isStray(_ s: [Unicode.Scalar], _ m: Int) -> Bool {
        let lo = max(0, m - 3), hi = min(s.count, m + 4)
        let text = Array(s[lo ..< m]) + Array(s[(m + 1) ..< hi])
        let k = m - lo   // the right neighbour's index in text; the left one's is k - 1
        guard !text.isEmpty else { return false }
        let (_, starts, _) = viterbi(text.map(simplified))
        var inWord = [Bool](repeating: false, count: text.count)
        var e = text.count
        while e > 0 { let b = starts[e]; if e - b >= 2 { for x in b ..< e { inWord[x] = true } }; e = b }
        return (k == 0 || inWord[k - 1]) && (k == text.count || inWord[k])
    }

    /// The marks of ordinary prose; a run's odd marks are others (「＞〉) far more often.
    static func isCommonMark(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x3001, 0x3002, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01, 0x201C, 0x201D, 0xFF08, 0xFF09: return true
        default: return false
        }
    }

    /// The full-width mark a half with this second byte most likely was (、。，“”：；？！), nil
    /// for another byte.
    static func punctuation(trail: UInt8) -> Unicode.Scalar? {
        switch trail {
        case 0xA2: return "、"
        case 0xA3: return "。"
        case 0xAC: return "，"
        case 0xB0: return "“"
        case 0xB1: return "”"
        case 0xBA: return "："
        case 0xBB: return "；"
        case 0xBF: return "？"
        default: return nil
        }
    }

    /// The same for a half with this first byte: row A1 (。、“”) or row A3 (，：；？！（）).
    static func punctuation(lead: UInt8) -> Unicode.Scalar? {
        switch lead {
        case 0xA1: return "。"
        case 0xA3: return "，"
        default: return nil
        }
    }

    /// Up to 3 Han characters before `i` / from `j` on.
    func hanContext(_ s: [Unicode.Scalar], before i: Int) -> [Unicode.Scalar] {
        var k = i
        while k > 0, i - k < 3, ScalarClass.isHan(s[k - 1]) { k -= 1 }
        return Array(s[k ..< i])
    }

    func hanContext(_ s: [Unicode.Scalar], after j: Int) -> [Unicode.Scalar] {
        var k = j
        while k < s.count, k - j < 3, ScalarClass.isHan(s[k]) { k += 1 }
        return Array(s[j ..< k])
    }

    /// The candidate scoring best with the context among those that make a lexicon word there and
    /// (unless `wordsOnly`) the commonest lone characters, by the word model and the character
    /// model's transitions (weighted `modelWeight`); nil when there is none.
    func bestFiller(_ candidates: [Unicode.Scalar], left: [Unicode.Scalar], right: [Unicode.Scalar], wordsOnly: Bool = false, modelWeight: Double = characterModelWeight) -> Unicode.Scalar? {
        bestFiller(halfCandidates(candidates), left: left, right: right, wordsOnly: wordsOnly, modelWeight: modelWeight)
    }

    /// `bestFiller`, also scoring the `likeliest` candidates by the character model's transition
    /// from the character before (`likeliestAfterContext`): where the lexicon has no word across
    /// the place, only the commonest lone characters were scored, and the character lost, less
    /// common alone but likely after the text (`好用，`, 用 no word with 好 in the lexicon), was never
    /// tried. `endWeight` weighs the character model's word end after the candidate where no Han
    /// text follows (`wordEndBeforeMark`, before a clause mark).
    func bestFiller(_ half: HalfCandidates, left: [Unicode.Scalar], right: [Unicode.Scalar], likeliest: Int, endWeight: Double = 0) -> Unicode.Scalar? {
        var extra: [UInt32] = []
        if likeliest > 0, let last = left.last {
            let model = CharacterModel.shared
            let before = simplified(last)
            var top: [(p: Double, code: UInt32)] = []
            for (code, c) in half.byCode where ScalarClass.isHan(c) {
                top.keepBest((model.logProbability(simplified(c), after: before), code), limit: likeliest) { $0.p > $1.p || ($0.p == $1.p && $0.code < $1.code) }
            }
            extra = top.map(\.code)
        }
        return bestFiller(half, left: left, right: right, extra: extra, endWeight: endWeight)
    }

    /// A half's candidates as `bestFiller` and `bestPair` use them: each lexicon code's first
    /// candidate (its simplified form's code), the codes as a bit set for the lexicon's searches
    /// (a dictionary of them cost more than the rest of the choice), and the codes of the
    /// `commonCandidates` commonest lone characters among them. Of a byte's characters, made
    /// once (`halfCandidates(lead:trail:simplifiedLine:)`): making them cost ~10,000
    /// instructions a choice, a sixth of it.
    struct HalfCandidates {
        let candidates: [Unicode.Scalar]
        let byCode: [(code: UInt32, c: Unicode.Scalar)]
        let codes: LostCharacterRepair.CodeSet
        let commonest: [UInt32]

        /// The candidate whose simplified form is the lexicon's `code` (the first offered).
        func character(code: UInt32) -> Unicode.Scalar? { byCode.first { $0.code == code }?.c }
    }

    func halfCandidates(_ candidates: [Unicode.Scalar]) -> HalfCandidates {
        let lex = lexicon
        var byCode: [(code: UInt32, c: Unicode.Scalar)] = []
        byCode.reserveCapacity(candidates.count)
        var seen = LostCharacterRepair.CodeSet(below: Self.codeBound)
        for c in candidates { if let code = lex.code(of: simplified(c)), seen.insert(code) { byCode.append((code, c)) } }
        // The first few by (frequency descending, code ascending), picked in one pass, not sorted.
        let frequencies = SingleCharacterWords.shared
        var top: [(frequency: Int, code: UInt32)] = []
        top.reserveCapacity(Self.commonCandidates + 1)
        for (code, c) in byCode {
            top.keepBest((frequencies.frequency(c), code), limit: Self.commonCandidates) {
                $0.frequency > $1.frequency || ($0.frequency == $1.frequency && $0.code < $1.code)
            }
        }
        return HalfCandidates(candidates: candidates, byCode: byCode, codes: seen, commonest: top.map(\.code))
    }

    /// The `HalfCandidates` of the characters whose first byte is `lead` (or whose second byte is
    /// `trail`), in the line's script (`inLineScript`).
    func halfCandidates(lead: UInt8, simplifiedLine: Bool) -> HalfCandidates {
        let key = (simplifiedLine && converter != nil ? 2 : 0) * 256 + Int(lead)
        return halves.value(key) { halfCandidates(inLineScript(GBKPairs.shared.characters(lead: lead), simplifiedLine: simplifiedLine)) }
    }

    func halfCandidates(trail: UInt8, simplifiedLine: Bool) -> HalfCandidates {
        let key = (simplifiedLine && converter != nil ? 3 : 1) * 256 + Int(trail)
        return halves.value(key) { halfCandidates(inLineScript(GBKPairs.shared.characters(trail: trail), simplifiedLine: simplifiedLine)) }
    }

    func bestFiller(_ half: HalfCandidates, left: [Unicode.Scalar], right: [Unicode.Scalar], wordsOnly: Bool = false, modelWeight: Double = characterModelWeight,
                    extra: [UInt32] = [], endWeight: Double = 0) -> Unicode.Scalar? {
        let lex = lexicon
        let byCode = half.byCode
        guard !byCode.isEmpty else { return nil }
        let codes = half.codes
        // The context's codes as far as each side has them (a character in no word ends it there):
        // the prefixes and suffixes tried are slices of these, none made for each.
        var leftCodes: [UInt32] = [], rightCodes: [UInt32] = []
        for c in left.reversed() { guard let code = lex.code(of: simplified(c)) else { break }; leftCodes.append(code) }
        leftCodes.reverse()
        for c in right { guard let code = lex.code(of: simplified(c)) else { break }; rightCodes.append(code) }
        // The codes to score, each once (bits and a list: a hashed set cost ~2,000 instructions a choice).
        var fitting: [UInt32] = []
        var fits = LostCharacterRepair.CodeSet(below: Self.codeBound)
        for x in 0 ... leftCodes.count {
            for y in 0 ... rightCodes.count where x + y >= 1 && x + 1 + y <= Self.maxWord {
                for w in lex.fillers(prefixCodes: leftCodes[(leftCodes.count - x)...], suffixCodes: rightCodes[..<y], among: codes) {
                    if fits.insert(w.code) { fitting.append(w.code) }
                }
            }
        }
        // The commonest lone characters too: the character lost may be in no word here (的).
        if !wordsOnly {
            for code in half.commonest where fits.insert(code) { fitting.append(code) }
        }
        for code in extra where fits.insert(code) { fitting.append(code) }
        var best: (score: Double, c: Unicode.Scalar)?
        // One window, its middle character set for each candidate.
        // (Read as simplified once: the context's characters were mapped again for each candidate.)
        var window = left.map(simplified)
        window.append(" ")
        window.append(contentsOf: right.map(simplified))
        let model = CharacterModel.shared
        let before = left.last.map(simplified), after = right.first.map(simplified)
        for code in fitting.sorted() {
            let c = half.character(code: code)!
            let simple = simplified(c)
            window[left.count] = simple
            var v = score(simplified: window) + modelWeight * model.score(simple, after: before, before: after)
            // (A mark stands for a word boundary in the model: the candidate's word-end probability.)
            if endWeight != 0, after == nil { v += endWeight * model.logProbability("，", after: simple) }
            if best == nil || v > best!.score { best = (v, c) }
        }
        return best?.c
    }

    /// The two halves `x` `y` of a short run (`x middle y`) that make a lexicon word together, best
    /// with the context, when they score better than the halves chosen `apart`; nil otherwise.
    func bestPair(_ firstHalf: HalfCandidates, _ lastHalf: HalfCandidates, left: [Unicode.Scalar], middle: [Unicode.Scalar],
                  right: [Unicode.Scalar], against apart: [Unicode.Scalar?]) -> (Unicode.Scalar, Unicode.Scalar)? {
        let lex = lexicon
        // The last halves' codes as bits (as in `bestFiller`).
        let lastCodes = lastHalf.codes
        let middleCodes = middle.map { lex.code(of: simplified($0)) }
        guard !lastHalf.byCode.isEmpty, !middleCodes.contains(nil) else { return nil }
        // The pairs making a word, ranked first by the word's frequency and the character model's
        // transitions at its edges (a lookup each); only the best few are scored in their context
        // (a segmentation each: scoring every pair cost more than the rest of the repair).
        let model = CharacterModel.shared
        let before = left.last.map(simplified), after = right.first.map(simplified)
        let edges = CharacterModel.Between(model, after: before, before: nil)
        // (A last half is known by its code until it is scored: the code is its simplified form's.)
        var ranked: [(rank: Double, x: Unicode.Scalar, code: UInt32)] = []
        var prefix = [UInt32](repeating: 0, count: 1 + middleCodes.count)
        for (k, code) in middleCodes.enumerated() { prefix[k + 1] = code! }
        // (Each code's first candidate, in their order.)
        for (code, x) in firstHalf.byCode {
            prefix[0] = code
            let edge = edges.score(simplified(x))
            for w in lex.fillers(prefixCodes: prefix[...], suffixCodes: [], among: lastCodes) {
                let rank = log(Double(max(w.frequency, 1))) + edge + (after.map { model.logProbability($0, after: lex.scalar(code: w.code)) } ?? 0)
                ranked.keepBest((rank, x, w.code), limit: Self.pairsScored) { $0.rank > $1.rank }
            }
        }
        var best: (score: Double, x: Unicode.Scalar, y: Unicode.Scalar)?
        for (_, x, code) in ranked {
            let y = lastHalf.character(code: code)!
            let v = jointScore(left, x, middle, y, right)
            if best == nil || v > best!.score { best = (v, x, y) }
        }
        guard let best else { return nil }
        if let x = apart[0], let y = apart[1], jointScore(left, x, middle, y, right) >= best.score { return nil }
        return (best.x, best.y)
    }

    /// The word model's score of `left x middle y right`, with the character model's of the
    /// transitions that depend on `x` and `y`.
    private func jointScore(_ left: [Unicode.Scalar], _ x: Unicode.Scalar, _ middle: [Unicode.Scalar], _ y: Unicode.Scalar,
                            _ right: [Unicode.Scalar]) -> Double {
        let inner = ([x] + middle + [y]).map(simplified)
        let edges = Array(left.suffix(1)).map(simplified) + inner + Array(right.prefix(1)).map(simplified)
        let transitions = CharacterModel.shared.score(edges) + (left.isEmpty ? CharacterModel.shared.score(inner[0], after: nil, before: nil) : 0)
        return score(left + [x] + middle + [y] + right) + Self.characterModelWeight * transitions
    }

    /// The simplified form scoring reads a character as.
    @inline(__always)
    func simplified(_ c: Unicode.Scalar) -> Unicode.Scalar { converter?.simplified(c) ?? c }

    // MARK: Scoring: a unigram word model over the lexicon, each character measured against an
    // unknown lone character (0), so texts of different lengths compare.

    /// (Stored: `wordScore` is asked at every word the segmentation finds, and a log each time cost more than the rest of it.)
    private let logTotal: Double

    func wordScore(_ frequency: Int, length: Int) -> Double {
        log(Double(max(frequency, 1))) - logTotal + Double(length) * (logTotal + Self.singlePenalty)
    }

    func singleScore(_ c: Unicode.Scalar) -> Double {
        if ScalarClass.isHan(c) {
            let f = SingleCharacterWords.shared.frequency(c)
            return f > 0 ? wordScore(f, length: 1) : 0
        }
        // A mark between words is as likely as a common character (a run often ends in one: 。，).
        return ScalarClass.isCJKPunctuation(c) ? Self.punctuationScore : 0
    }

    /// The share of `text[from ..< from + count]` that the best segmentation of `text` puts in
    /// words of two or more characters: a true run reads as words, a name read shifted as a word
    /// or two among lone characters (唐韵笙等 → 唐对象系人).
    func wordCoverage(_ text: [Unicode.Scalar], from: Int, count: Int) -> Double {
        guard count > 0 else { return 0 }
        let (_, starts, _) = viterbi(text.map(simplified))
        var covered = 0
        var i = text.count
        while i > 0 {
            let j = starts[i]
            if i - j >= 2 { covered += max(0, min(i, from + count) - max(j, from)) }
            i = j
        }
        return Double(covered) / Double(count)
    }

    /// The best segmentation's score. (Its text and table on the stack: scoring made most of
    /// the repair's allocations.)
    func score(_ text: [Unicode.Scalar]) -> Double {
        withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: text.count) { mapped in
            for k in text.indices { mapped.initializeElement(at: k, to: simplified(text[k])) }
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: text.count + 1) { best in
                segment(UnsafeBufferPointer(mapped), best: best.baseAddress!, from: nil, value: nil)
            }
        }
    }

    /// `score` of a text already read as simplified.
    func score(simplified text: [Unicode.Scalar]) -> Double {
        text.withUnsafeBufferPointer { text in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: text.count + 1) { best in
                segment(text, best: best.baseAddress!, from: nil, value: nil)
            }
        }
    }

    /// Each character's share of the best segmentation's score (a word's score split evenly).
    func perCharacter(_ text: [Unicode.Scalar]) -> [Double] {
        let (_, from, value) = viterbi(text)
        var shares = [Double](repeating: 0, count: text.count)
        var i = text.count
        while i > 0 {
            let j = from[i]
            for k in j ..< i { shares[k] = value[i] / Double(i - j) }
            i = j
        }
        return shares
    }

    private func viterbi(_ text: [Unicode.Scalar]) -> (best: Double, from: [Int], value: [Double]) {
        let n = text.count
        var best = [Double](repeating: -.infinity, count: n + 1)
        var from = [Int](repeating: 0, count: n + 1)
        var value = [Double](repeating: 0, count: n + 1)
        let score = text.withUnsafeBufferPointer { text in
            best.withUnsafeMutableBufferPointer { best in
                from.withUnsafeMutableBufferPointer { from in
                    value.withUnsafeMutableBufferPointer { value in
                        segment(text, best: best.baseAddress!, from: from.baseAddress!, value: value.baseAddress!)
                    }
                }
            }
        }
        return (score, from, value)
    }

    /// The best segmentation of `text` by dynamic programming: `best[i]` the score of `text[..<i]`
    /// (n + 1 entries), `from[i]` where its last word starts and `value[i]` that word's score,
    /// when asked for.
    private func segment(_ text: UnsafeBufferPointer<Unicode.Scalar>, best: UnsafeMutablePointer<Double>,
                         from: UnsafeMutablePointer<Int>?, value: UnsafeMutablePointer<Double>?) -> Double {
        let n = text.count
        let lex = lexicon
        best[0] = 0
        guard n > 0 else { return 0 }
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: n) { codes -> Double in
            // The lexicon's codes, `.max` for a character in no word (a span holding it is none).
            for k in 0 ..< n { codes[k] = lex.code(of: text[k]) ?? .max }
            for i in 1 ... n {
                // Alone.
                let single = singleScore(text[i - 1])
                best[i] = best[i - 1] + single
                from?[i] = i - 1
                value?[i] = single
                // Longer and longer words ending at i, until one holds a character in no word (as
                // every longer one then does).
                var j = i - 2
                while j >= 0, i - j <= Self.maxWord, codes[i - 1] != .max, codes[j] != .max {
                    let f = lex.frequency(codes: UnsafeBufferPointer(rebasing: codes[j ..< i]))
                    if f > 0 {
                        let w = wordScore(f, length: i - j)
                        if best[j] + w > best[i] { best[i] = best[j] + w; from?[i] = j; value?[i] = w }
                    }
                    j -= 1
                }
            }
            return best[n]
        }
    }
}
