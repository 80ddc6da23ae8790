import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Restores characters a crawl mangled into `?` + pinyin-like fragment + `)`, usually followed by
/// `?` + the character's real reading + `)`: `日?qǐng)?bào)报道` → `日报报道`, `实打?qū),` → `实打实,`.
///
/// Runs after Traditional→Simplified conversion and pinyin-annotation removal (the context is
/// simplified) and before punctuation normalization (the `?` and `)` are still ASCII).
/// The first fragment is noise; the second, when present, is the reading. Candidates are the
/// characters with that reading, else the characters that complete a lexicon word with the
/// neighbours (and the commonest one-character words); the one whose surroundings (up to 4 Han
/// neighbours each side) then segment into the most probable words wins, without a reading only
/// when it holds most of the probability of them all (else the fragment is removed, counted).
///
/// Real pages keep a trace of the character: its second GBK byte, after the `)`. As an ASCII
/// character (`?jǐn)U`: 擴 is 94 55), or, when it joined the bytes after it into a run of odd
/// characters, as the mark `LostCharacterTrace` left for it (`traceMark`). Only the ~1/190 of
/// characters whose GBK form (or whose traditional form's) ends in that byte are candidates then.
///
/// The noise tells the character's first byte. Real pages were GBK pages annotated by a naive
/// byte-level replace: where the second byte of the character P before the fragment (left
/// unannotated) and the lost character's first byte spelled a traditional character S, S's
/// reading was put between the lost character's bytes (`日?qǐng)?bào)`: 日 is C8 D5, D5 88 is 請,
/// qǐng; 報 is 88 F3). So the first bytes L with GBK(trail(P), L) read as the noise (usually 1–3,
/// `GBKReadings`) and the second byte give the character exactly; the reading, the few of row L
/// read so; nothing more, row L's ~190 characters, chosen by the context or removed.
/// `LostCharacterTrace` leaves P's second byte before the `?` (`previousMark`: P itself is
/// simplified by then). Where no L fits (P ASCII or not GBK, no such reading), as before.
public final class LostCharacterRepair: LineRepair, Sendable {
    public let name = "lost-character"
    private let lexiconOverride: Lexicon?
    private let pinyinOverride: PinyinTable?
    /// Reads the candidates a second byte leaves (GBK characters, traditional ones among them)
    /// as the simplified text they stand in.
    private let converter: TraditionalToSimplified?
    /// Per second GBK byte, its Han characters as simplified, each once (`trailCandidates`).
    private let trailCandidateLists = LazyTable<Candidates>(count: 256)
    /// Per first GBK byte, its row's Han characters as simplified, each once (`leadCandidates`).
    private let leadCandidateLists = LazyTable<Candidates>(count: 256)
    /// Context-only candidates complete words of up to this many characters; the segmentation
    /// scoring them looks at this many Han neighbours each side and words up to `maxSegment`.
    static let window = 4
    static let maxSegment = 6
    static let maxLetters = 7
    /// Log-probability a candidate pays when the reading is not its main one.
    static let secondaryReadingPenalty = log(1e-4)

    /// The tables default to the bundled ones, loaded only when a line has a fragment.
    public init(lexicon: Lexicon? = nil, pinyin: PinyinTable? = nil, converter: TraditionalToSimplified? = nil) {
        lexiconOverride = lexicon
        pinyinOverride = pinyin
        self.converter = converter
    }

    /// Where `LostCharacterTrace` put a lost character's second GBK byte `b` (0x80–0xFE) after its
    /// fragment: U+F0000 + b, a private-use code point of plane 15 that no GBK text decodes to.
    /// It lives only between the two repairs, inside one line's cleaning.
    static func traceMark(_ b: UInt8) -> Unicode.Scalar { Unicode.Scalar(0xF0000 + UInt32(b))! }

    static func traceByte(_ c: Unicode.Scalar) -> UInt8? {
        (0xF0080 ... 0xF00FE).contains(c.value) ? UInt8(c.value - 0xF0000) : nil
    }

    /// Where `LostCharacterTrace` put the second GBK byte `b` (0x81–0xFE) of the character before
    /// a fragment, right before its `?`: U+F0100 + b. Like `traceMark`, it lives only between the
    /// two repairs, and this one removes every one.
    static func previousMark(_ b: UInt8) -> Unicode.Scalar { Unicode.Scalar(0xF0100 + UInt32(b))! }

    static func previousByte(_ c: Unicode.Scalar) -> UInt8? {
        (0xF0181 ... 0xF01FE).contains(c.value) ? UInt8(c.value - 0xF0100) : nil
    }

    /// The lost character's possible first bytes: those that after `previous` (the second byte of
    /// the character before the fragment) spell a character whose main reading is the noise.
    static func firstBytes(previous: UInt8?, noise: String) -> [UInt8] {
        previous.map { GBKReadings.shared.seconds(after: $0, reading: noise) } ?? []
    }

    private var lexicon: Lexicon { lexiconOverride ?? .shared }
    private var pinyin: PinyinTable { pinyinOverride ?? .shared }

    /// `pinyin`: the reading and a lexicon word agree; `context`: no reading, but one character
    /// completing a word there is far likelier than all others; `guess`: the reading's most common
    /// character, no word fitting any; removed: `unresolved` (no word fits) and `ambiguous` (no
    /// reading, no character likely enough).
    /// `trailByte`: no reading, but the character's second GBK byte left one candidate far likelier
    /// than the others with that byte.
    /// `remembered`: no reading, but the same noise had one earlier in the document.
    /// `firstByte`: the noise gave the first byte, the second byte or the reading the rest;
    /// `firstByteContext`: the noise gave the first byte, the context one of its row.
    enum Outcome: String {
        case pinyin, context, guess, unresolved, ambiguous, trailByte = "trail-byte", remembered
        case firstByte = "first-byte", firstByteContext = "first-byte-context"
    }

    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters) -> Bool {
        var memory = CleaningMemory()
        return repair(line, into: &output, counters: &counters, memory: &memory)
    }

    /// With what the page's earlier fragments taught (`memory.lost`), which this one adds to.
    public func repair(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], counters: inout Counters, memory: inout CleaningMemory) -> Bool {
        // Fragments are rare (a few lines in a damaged page): this works on scalars.
        guard Self.mayHaveFragment(line) || Self.mayHaveReplacement(line), let repaired = repairFragments(UTF8Bytes.scalars(line), counters: &counters, memory: &memory.lost) else { return false }
        UTF8Bytes.write(repaired, to: &output)
        return true
    }

    /// The line with its fragments repaired, or nil when it has none.
    func repairFragments(_ s: [Unicode.Scalar], counters: inout Counters) -> [Unicode.Scalar]? {
        var memory = LostCharacterMemory()
        return repairFragments(s, counters: &counters, memory: &memory)
    }

    func repairFragments(_ s: [Unicode.Scalar], counters: inout Counters, memory: inout LostCharacterMemory) -> [Unicode.Scalar]? {
        // (Room for the line at once: before its first fragment it grew by doubling.)
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var changed = false
        var i = 0
        while i < s.count {
            // The text up to the next `?`, U+FFFD or mark (most of the line), which every test below
            // passes on as it is, copied as one run.
            var plain = i
            while plain < s.count, s[plain] != "?", s[plain] != Self.replacement, Self.previousByte(s[plain]) == nil { plain += 1 }
            if plain > i {
                out.append(contentsOf: s[i ..< plain])
                i = plain
                continue
            }
            // A character lost whole where a desynchronised GBK stream met ASCII (`类似� 0x`: 于's
            // first byte lost, its second one read with the space as no character): known only by
            // the words it completes with the text before, taken when those leave one likely.
            if s[i] == Self.replacement, let previous = out.last, ScalarClass.isHan(previous),
               i + 1 == s.count || s[i + 1].value < 0x80 {
                let (c, outcome) = choose(left: context(out, s, after: i).left, right: [], reading: nil, confidence: Self.replacementConfidence)
                if outcome == .context {
                    if !changed { out.reserveCapacity(s.count); changed = true }
                    out.append(c)
                    counters.add("\(name).replacement")
                    i += 1
                    continue
                }
            }
            // The byte before a fragment, which `LostCharacterTrace` marked: read below, never kept.
            if Self.previousByte(s[i]) != nil {
                if !changed { out.reserveCapacity(s.count); changed = true }
                i += 1
                continue
            }
            // A fragment: `?` + letters + `)`. Glued to a preceding Latin word (`what?no)`), only
            // with a tone mark, which no English has (`IBM?pāi)?de)`).
            guard s[i] == "?", let end = Self.fragmentEnd(s, at: i),
                  i == 0 || !Self.isASCIILetter(s[i - 1]) || Self.hasToneMark(s[(i + 1) ..< end]) else {
                out.append(s[i])
                i += 1
                continue
            }
            var last = end
            var reading: String?
            if end + 1 < s.count, s[end + 1] == "?", let end2 = Self.fragmentEnd(s, at: end + 1) {
                reading = UTF8Bytes.string(s[(end + 2) ..< end2])
                last = end2
            }
            // The character's second GBK byte after the noise: an ASCII character standing alone
            // (not a Latin word's: `?qǐng)ok`), or the mark of one that joined a run.
            var trail: UInt8?
            if reading == nil, end + 1 < s.count {
                let next = s[end + 1]
                if let b = Self.traceByte(next) {
                    trail = b
                } else if (0x40 ... 0x7E).contains(next.value), end + 2 == s.count || !Self.isASCIIAlphanumeric(s[end + 2]),
                          Self.hasToneMark(s[(i + 1) ..< end]) {
                    trail = UInt8(next.value)
                }
                if trail != nil { last = end + 1 }
                // A `?` alone after the noise (no fragment of its own): the character's second byte,
                // 0x80 or above, met what cannot follow it (ASCII, or a character the page annotates)
                // and was read alone. Its value is lost; the `?` is the character's, not the text's.
                if trail == nil, next == "?", Self.fragmentEnd(s, at: end + 1) == nil, Self.hasToneMark(s[(i + 1) ..< end]) {
                    last = end + 1
                }
            }
            // A lone `?letters)` without a tone mark is more likely prose (`好了吗?ok)`) than a
            // fragment: the mangled fragments of real crawls carry tone marks (`?qū)`).
            if reading == nil, !Self.hasToneMark(s[(i + 1) ..< end]) {
                out.append(s[i])
                i += 1
                continue
            }
            if !changed { out.reserveCapacity(s.count); changed = true }
            var (left, right) = context(out, s, after: last)
            // A number right after stands for a numeral: 第 in `参见?dì) 3章` makes 第一, a word.
            if right.isEmpty, let next = s[(last + 1)...].prefix(2).first(where: { $0 != " " }), ScalarClass.isASCIIDigit(next) {
                right = ["一"]
            }
            let noise = UTF8Bytes.string(s[(i + 1) ..< end])
            let firsts = Self.firstBytes(previous: i > 0 ? Self.previousByte(s[i - 1]) : nil, noise: noise)
            // The same noise after the same byte is the same character on a page: one read with its
            // reading earlier teaches a fragment without one (if it is of the first bytes' rows).
            let known = trail == nil && reading == nil ? memory.character(noise: noise) : nil
            var choice: (Unicode.Scalar, Outcome)? = if let known, fitsFirstBytes(known, firsts) { (known, .remembered) } else {
                chooseByFirstBytes(firsts, trail: trail, reading: reading, left: left, right: right)
            }
            if choice == nil { choice = trail.map { chooseByTrail($0, left: left, right: right) } }
            // A letter glued to a Latin word (`加?jǐn)dbr_netfilter`: 載 is DD 64, `d`) is the
            // character's second byte only where that leaves one character making a word with the
            // text before, likely enough (`日?qǐng)ok` keeps its `ok`).
            if choice == nil, trail == nil, reading == nil, last == end, end + 2 < s.count, (0x40 ... 0x7E).contains(s[end + 1].value),
               Self.isASCIIAlphanumeric(s[end + 2]), !left.isEmpty {
                let (c, found) = chooseAmong(prepared: preparedTrailCandidates(UInt8(s[end + 1].value)), left: left, right: [], wordsOnly: true)
                if found {
                    choice = (c, .trailByte)
                    last = end + 1
                }
            }
            var (c, outcome) = choice ?? choose(left: left, right: right, reading: reading)
            // The same noise stands for the same character on a page (`日?qǐng)?bào)` each time): one
            // read with its reading teaches the fragments without one (if its bytes fit their trace).
            if reading != nil, outcome == .pinyin || outcome == .firstByte {
                memory.learn(noise: noise, character: c)
            } else if reading == nil, outcome != .context, outcome != .trailByte, outcome != .firstByte, outcome != .firstByteContext,
                      let known = memory.character(noise: noise),
                      trail.map({ fits(known, trail: $0) }) ?? true, firsts.isEmpty || fitsFirstBytes(known, firsts) {
                (c, outcome) = (known, .remembered)
            }
            // Unresolved: the fragment goes, counted; no `?noise)` and no U+FFFD is left in the text.
            if outcome != .unresolved && outcome != .ambiguous { out.append(c) }
            counters.add("\(name).\(outcome.rawValue)")
            i = last + 1
        }
        return changed ? out : nil
    }

    /// The Han characters next to what ends at `s[last]`: before it, from `out` (repaired ones
    /// count); after it, from `s`. (Copied out, so that no slice of `out` is alive when it grows:
    /// that would copy it all.)
    func context(_ out: [Unicode.Scalar], _ s: [Unicode.Scalar], after last: Int) -> (left: [Unicode.Scalar], right: [Unicode.Scalar]) {
        var l = out.count
        while l > 0, out.count - l < Self.window, ScalarClass.isHan(out[l - 1]) { l -= 1 }
        var r = last + 1
        while r < s.count, r - last <= Self.window, ScalarClass.isHan(s[r]) { r += 1 }
        return (Array(out[l...]), Array(s[(last + 1) ..< r]))
    }

    /// Picks the character for one fragment (pair) between `left` and `right` context.
    func choose(left: [Unicode.Scalar], right: [Unicode.Scalar], reading: String?, confidence: Double = contextConfidence) -> (Unicode.Scalar, Outcome) {
        // Taken once: the property reads `Lexicon.shared` (a lazy global's check and a retain) at
        // every use, a hundred times a choice.
        let lexicon = self.lexicon
        if let reading {
            // Tone marks in the crawl are reliable; fall back to any tone only for unknown readings.
            var candidates = pinyin.characters(reading: reading)
            let toned = !candidates.isEmpty
            if !toned { candidates = pinyin.characters(tonelessReading: reading) }
            if !candidates.isEmpty {
                let key = toned ? reading : PinyinTable.toneless(reading)
                // A character read this way only in its rarer readings (机 read wèi) is that much
                // less likely to be meant: its score pays for it (log 1e-4), so that a word it
                // forms (值机) does not beat the character the reading usually spells (为).
                func isMainReading(_ c: Unicode.Scalar) -> Bool {
                    self.pinyin.mainReading(of: c).map { toned ? $0 : PinyinTable.toneless($0) } == key
                }
                let (c, inWord) = best(candidates, left: left, right: right, weight: { isMainReading($0) ? 0 : Self.secondaryReadingPenalty }) { c in
                    // Prior: how common c is in words, much less when this is not its main reading (说 read yuè).
                    Double(self.lexicon.characterFrequency(c)) * (isMainReading(c) ? 1 : 0.05)
                }
                return (c, inWord ? .pinyin : .guess)
            }
        }
        // No usable reading: only the words the context completes can tell. Every character that
        // completes a word over the fragment, and the commonest characters that stand alone (的,
        // 了), are scored by the segmentation of the context; the best is taken only when it holds
        // most of the probability of them all (`contextConfidence`): a choice between close ones
        // (客房?准: 标准 or 批准) would be a guess put into the text as if it were read.
        let covering = coveringWords(codes: left.map(lexicon.code(of:)) + [nil] + right.map(lexicon.code(of:)), at: left.count)
        var codes = covering.flatMap { $0.words.map(\.code) }
        guard !codes.isEmpty else { return ("\u{FFFD}", .unresolved) }
        let found = CodeSet(codes)
        codes.sort()
        var candidates: [Unicode.Scalar] = []
        for (p, code) in codes.enumerated() where p == 0 || codes[p - 1] != code { candidates.append(lexicon.scalar(code: code)) }
        for c in Self.commonSingles where !(lexicon.code(of: c).map(found.contains) ?? false) { candidates.append(c) }
        var top: (c: Unicode.Scalar, score: Double, inWord: Bool) = ("\u{FFFD}", -.infinity, false)
        var scores: [Double] = []
        var plain = -Double.infinity
        // U+FFFD, in no word and never alone, scores the context with a character priced as a
        // word seen once standing alone: what every other character alone adds to the mass.
        candidates.append("\u{FFFD}")
        // (Not the character model: with it, the words' own choice here, 实打[实] or 标准/批准 left
        // alone, went to the character pairs, 打开 and 标准.)
        scoreEach(candidates, left: left, right: right, covering: covering) { c, score, inWord in
            if c == "\u{FFFD}" { plain = score; return }
            scores.append(score)
            if score > top.score || (score == top.score && c.value < top.c.value) { top = (c, score, inWord) }
        }
        // (A lexicon with one-character words of its own prices them itself: nothing to add.)
        let others = lexicon.hasSingleCharacterWords ? 0 : Double(max(SingleCharacterWords.shared.totalFrequency - Self.commonSinglesFrequency, 0))
        let mass = scores.reduce(0) { $0 + exp($1 - top.score) } + exp(plain - top.score) * others
        if top.inWord, 1 / mass >= confidence { return (top.c, .context) }
        return ("\u{FFFD}", .ambiguous)
    }

    /// The candidate a second GBK byte `trail` leaves: the characters (simplified) whose GBK form
    /// ends in it, scored by the segmentation of the context; the best is taken only when it holds
    /// `trailConfidence` of their probability (the set is complete: nothing else can be meant).
    func chooseByTrail(_ trail: UInt8, left: [Unicode.Scalar], right: [Unicode.Scalar]) -> (Unicode.Scalar, Outcome) {
        let (c, found) = chooseAmong(prepared: preparedTrailCandidates(trail), left: left, right: right)
        return found ? (c, .trailByte) : (c, .ambiguous)
    }

    /// The character the first bytes `firsts` leave: with the second byte, the one GBK spells (of
    /// one or a few: the context chooses); with the reading, those of their rows read so (main
    /// reading, else any); with neither, their rows' characters, taken when the context gives one
    /// `firstByteConfidence` of their probability (else removed). Nil when none fits (as before).
    func chooseByFirstBytes(_ firsts: [UInt8], trail: UInt8?, reading: String?, left: [Unicode.Scalar], right: [Unicode.Scalar]) -> (Unicode.Scalar, Outcome)? {
        guard !firsts.isEmpty else { return nil }
        let gbk = GBKPairs.shared
        let candidates: [Unicode.Scalar]
        if let trail {
            candidates = simplifiedHan(firsts.compactMap { gbk.character(lead: $0, trail: trail) })
        } else if let reading {
            var raw: [Unicode.Scalar] = []
            for lead in firsts {
                raw += GBKReadings.shared.trails(lead: lead, reading: reading).compactMap { gbk.character(lead: lead, trail: $0) }
            }
            if raw.isEmpty {
                raw = firsts.flatMap { gbk.characters(lead: $0) }.filter { c in
                    pinyin.readings(of: converter?.simplified(c) ?? c).contains(reading)
                }
            }
            candidates = simplifiedHan(raw)
        } else if firsts.count == 1 {
            candidates = leadCandidates(firsts[0]).scalars   // (made once a row, already simplified)
        } else {
            candidates = simplifiedHan(firsts.flatMap { gbk.characters(lead: $0) })
        }
        guard !candidates.isEmpty else { return nil }
        if candidates.count == 1 { return (candidates[0], .firstByte) }
        if trail != nil || reading != nil {
            // A few, all spelt by the bytes and the noise: the likeliest in context.
            let model = CharacterModel.Between(.shared, after: left.last, before: right.first)
            let (c, _) = best(candidates, left: left, right: right, weight: { Self.characterModelWeight * model.score($0) }) {
                Double(self.lexicon.characterFrequency($0))
            }
            return (c, .firstByte)
        }
        // (One row, the common case: its candidates made once, as a second byte's are.)
        let prepared = firsts.count == 1 ? leadCandidates(firsts[0]) : Candidates(candidates, lexicon: lexicon)
        let (c, found) = chooseAmong(prepared: prepared, left: left, right: right, confidence: Self.firstByteConfidence)
        return found ? (c, .firstByteContext) : ("\u{FFFD}", .ambiguous)
    }

    /// Whether `c` (simplified) is a character of the rows of `firsts`.
    func fitsFirstBytes(_ c: Unicode.Scalar, _ firsts: [UInt8]) -> Bool {
        firsts.contains { leadCandidates($0).scalars.contains(c) }
    }

    /// Tuned on `scripts/eval-clean --only lost`, seeds 2, 100, 101 (noise only: restored / wrong:
    /// 0.7: 154/16, 140/15, 149/15; 0.5: 157/18, 140/16, 149/15; 0.3 as 0.5 but 140/17 on 100):
    /// below 0.7 it guesses about as often wrong as right, and a removal is honest.
    static let firstByteConfidence = 0.7

    /// Whether `c` (simplified) is one of the characters a second GBK byte `trail` leaves.
    func fits(_ c: Unicode.Scalar, trail: UInt8) -> Bool {
        GBKPairs.shared.characters(trail: trail).contains { (converter?.simplified($0) ?? $0) == c }
    }

    /// The Han characters of `gbk` as simplified, each once, in their first one's order.
    func simplifiedHan(_ gbk: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var candidates: [Unicode.Scalar] = []
        var seen = CodeSet([])   // (by scalar value: a hashed set cost a fifth of the choice)
        for c in gbk where ScalarClass.isHan(c) {
            let simple = converter?.simplified(c) ?? c
            if seen.insert(simple.value) { candidates.append(simple) }
        }
        return candidates
    }

    /// `simplifiedHan` of the characters whose GBK form ends in `trail`, made once per byte (it
    /// cost ~20,000 instructions a choice, a sixth of it).
    func trailCandidates(_ trail: UInt8) -> [Unicode.Scalar] { preparedTrailCandidates(trail).scalars }

    /// `simplifiedHan` of the characters of row `lead`, made once per byte.
    private func leadCandidates(_ lead: UInt8) -> Candidates {
        leadCandidateLists.value(Int(lead)) { Candidates(simplifiedHan(GBKPairs.shared.characters(lead: lead)), lexicon: lexicon) }
    }

    private func preparedTrailCandidates(_ trail: UInt8) -> Candidates {
        trailCandidateLists.value(Int(trail)) { Candidates(simplifiedHan(GBKPairs.shared.characters(trail: trail)), lexicon: lexicon) }
    }

    /// Candidates with their lexicon codes (nil: in no word) and the codes as bits, as `scoreEach`
    /// needs them: a byte's, made once.
    struct Candidates {
        let scalars: [Unicode.Scalar]
        let codes: [UInt32?]
        let codeSet: CodeSet
        /// How often each is a word alone, and the log of that (at least 1): what `scoreEach`
        /// prices a candidate standing alone by, looked up and taken once a byte, not once a choice.
        let alone: [(frequency: Int, logFrequency: Double)]

        init(_ scalars: [Unicode.Scalar], lexicon: Lexicon) {
            self.scalars = scalars
            codes = scalars.map(lexicon.code(of:))
            codeSet = CodeSet(codes.compactMap { $0 })
            alone = zip(scalars, codes).map { c, code in
                let f = LostCharacterRepair.aloneFrequency(c, code: code, lexicon: lexicon)
                return (f, log(Double(max(f, 1))))
            }
        }
    }

    /// The Han character (simplified) among the candidates that holds `trailConfidence` of their
    /// probability (by the word model and the character model), in a word there (or, unless
    /// `wordsOnly`, between two Han neighbours); false when none does.
    private func chooseAmong(prepared: Candidates, left: [Unicode.Scalar], right: [Unicode.Scalar], wordsOnly: Bool = false,
                             confidence: Double = trailConfidence) -> (Unicode.Scalar, Bool) {
        let candidates = prepared.scalars
        guard !candidates.isEmpty else { return ("\u{FFFD}", false) }
        var top: (c: Unicode.Scalar, score: Double, inWord: Bool) = ("\u{FFFD}", -.infinity, false)
        var scores: [Double] = []
        let model = CharacterModel.Between(.shared, after: left.last, before: right.first)
        scoreEach(candidates, left: left, right: right, codes: (prepared.codes, prepared.codeSet), alone: prepared.alone) { c, score, inWord in
            // The words say which candidates fit; the character model, which of them fits best
            // with its neighbours (the lost character is often in no word there).
            let score = score + Self.characterModelWeight * model.score(c)
            scores.append(score)
            if score > top.score || (score == top.score && c.value < top.c.value) { top = (c, score, inWord) }
        }
        let mass = scores.reduce(0) { $0 + exp($1 - top.score) }
        // In a word or, between two Han neighbours, in none (的 in 转换[的]种类): the set is
        // complete, and the character model tells which fits both neighbours (requiring a word
        // removed twice as many on `--seed 2`). With one neighbour, one pair is too little (他[开]).
        let fits = top.inWord || (!wordsOnly && !left.isEmpty && !right.isEmpty)
        return fits && 1 / mass >= confidence ? (top.c, true) : ("\u{FFFD}", false)
    }

    /// Tuned on `scripts/eval-clean --seed 2` (see README).
    static let trailConfidence = 0.7

    /// How much the character model's log-probability counts beside the word model's, for the
    /// characters a second byte leaves (tried on `--seed 2`: 0, 1 and 2; 1 restored the most, 2
    /// made more wrong).
    static let characterModelWeight = 1.0

    /// Without a reading, the context alone must hold this share of the probability for its best
    /// character. Tuned on `scripts/eval-clean --seed 2` (noise-only fragments restored / wrong:
    /// 0.6: 9.7% / 2.6%, 0.7: 8.3% / 0.9%, 0.8: 5.7% / 0%): a wrong character costs more than a removal.
    static let contextConfidence = 0.7

    /// The characters most often a word alone: candidates wherever the context is scored.
    static let commonSingles: [Unicode.Scalar] = SingleCharacterWords.shared.mostFrequent(64)
    static let commonSinglesFrequency = commonSingles.reduce(0) { $0 + SingleCharacterWords.shared.frequency($1) }

    /// Each candidate's score: the log-probability of the context's most probable segmentation
    /// with it at the fragment, and whether it is part of a word there.
    ///
    /// A unigram model over the words of the lexicon, by dynamic programming over the context.
    /// Only the spans covering the fragment depend on the candidate, so the rest is looked up once,
    /// and the spans covering it with one lexicon search each (`fillers`: every character that
    /// completes a word there), whatever the number of candidates. Characters are mapped to the
    /// lexicon's codes once. The forward pass up to the fragment is shared by all candidates.
    private func scoreEach(_ candidates: [Unicode.Scalar], left: [Unicode.Scalar], right: [Unicode.Scalar],
                           covering given: Covering? = nil, codes givenCodes: (list: [UInt32?], set: CodeSet)? = nil,
                           alone givenAlone: [(frequency: Int, logFrequency: Double)]? = nil,
                           _ visit: (Unicode.Scalar, Double, Bool) -> Void) {
        // The candidates' lexicon codes (nil: in no word), looked up once (or given, with their bits).
        let lexicon = self.lexicon  // (once: see `choose`)
        let candidateCodeList: [UInt32?] = givenCodes?.list ?? candidates.map(lexicon.code(of:))
        let k = left.count, n = left.count + 1 + right.count
        let maxSegment = Self.maxSegment
        // Codes of the context, nil where a character is in no word (a span holding it is no word).
        let codes: [UInt32?] = left.map(lexicon.code(of:)) + [nil] + right.map(lexicon.code(of:))
        let context = left + ["\u{FFFD}"] + right
        // A character alone is priced by how often it is a word alone (新 in 新的), from its own
        // table when the lexicon has no one-character words (the bundled one).
        let singles: SingleCharacterWords? = lexicon.hasSingleCharacterWords ? nil : .shared
        let logTotal = log(Double(max(lexicon.totalFrequency + (singles?.totalFrequency ?? 0), 1)))
        // A lone character costs as much as a word seen once (more if the lexicon lists it).
        func logProbability(_ f: Int, single: Bool) -> Double { single || f > 0 ? log(Double(max(f, 1))) - logTotal : -.infinity }
        func frequency(_ j: Int, _ i: Int) -> Int {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: i - j) { buffer in
                for p in j ..< i {
                    guard let c = codes[p] else { return 0 }
                    buffer[p - j] = c
                }
                return lexicon.frequency(codes: UnsafeBufferPointer(buffer))
            }
        }
        // Log-probabilities of the spans [j, i) (row j, column i) that do not cover k.
        var spans = Array(repeating: -Double.infinity, count: (n + 1) * (n + 1))
        for j in 0 ..< n {
            for i in (j + 1) ... min(n, j + maxSegment) where !(j ... i - 1).contains(k) {
                // A lexicon without one-character words (the bundled one) needs no look-up for them.
                let single = i - j == 1
                let f = single ? Self.aloneFrequency(context[j], code: codes[j], singles: singles, lexicon: lexicon) : frequency(j, i)
                spans[j * (n + 1) + i] = logProbability(f, single: single)
            }
        }
        // The words over k (only those the candidates complete: their codes as a bit set), unless given.
        let covering = given ?? coveringWords(codes: codes, at: k, among: givenCodes?.set ?? CodeSet(candidateCodeList.compactMap { $0 }))
        // The forward pass up to k is the same for every candidate.
        var best = [0.0] + Array(repeating: -Double.infinity, count: n)
        if k > 0 {
            for i in 1 ... k {
                for j in max(0, i - maxSegment) ..< i {
                    let v = best[j] + spans[j * (n + 1) + i]
                    if v > best[i] { best[i] = v }
                }
            }
        }
        // Exactly one span of a segmentation covers k, so a candidate's best segmentation is the
        // best over the spans covering k that it makes a word (or leaves alone) of: the best
        // split left of the span (`best`, forward) plus the span plus the best split right of it
        // (`right`, backward). Both are the same for every candidate.
        var right = Array(repeating: -Double.infinity, count: n + 1)
        right[n] = 0
        if k + 1 < n {
            for i in stride(from: n - 1, through: k + 1, by: -1) {
                for i2 in (i + 1) ... min(n, i + maxSegment) {
                    let v = spans[i * (n + 1) + i2] + right[i2]
                    if v > right[i] { right[i] = v }
                }
            }
        }
        // Per completing character, its best word over k: (code, score), sorted by code.
        var scored: [(code: UInt32, score: Double)] = []
        for (j, i, words) in covering {
            for word in words { scored.append((word.code, best[j] + logProbability(word.frequency, single: false) + right[i])) }
        }
        scored.sort { $0.code < $1.code || ($0.code == $1.code && $0.score > $1.score) }
        func bestWord(_ code: UInt32) -> Double? {
            var lo = 0, hi = scored.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if scored[mid].code < code { lo = mid + 1 } else { hi = mid }
            }
            return lo < scored.count && scored[lo].code == code ? scored[lo].score : nil
        }
        // A candidate that completes no word over k (and is no word alone) scores what the context
        // scores with a character seen once alone at k, the same for all of them.
        let plainScore = best[k] + logProbability(0, single: true) + right[k + 1]
        // (Each candidate's word and lone frequency looked up once: ~100 candidates a choice.)
        // (A byte's candidates come with their lone frequencies and logs, `Candidates.alone`.)
        for (index, (c, code)) in zip(candidates, candidateCodeList).enumerated() {
            let word = code.flatMap(bestWord)
            let aloneFrequency = givenAlone?[index].frequency ?? Self.aloneFrequency(c, code: code, singles: singles, lexicon: lexicon)
            if word == nil && aloneFrequency == 0 {
                visit(c, plainScore, false)
            } else {
                let aloneProbability = givenAlone.map { $0[index].logFrequency - logTotal } ?? logProbability(aloneFrequency, single: true)
                let alone = best[k] + aloneProbability + right[k + 1]
                if let word, word > alone { visit(c, word, true) } else { visit(c, alone, false) }
            }
        }
    }

    /// How often `c` (lexicon code `code`) is a word alone, as `scoreEach` prices it: from
    /// `SingleCharacterWords` when the lexicon has no one-character words (the bundled one).
    static func aloneFrequency(_ c: Unicode.Scalar, code: UInt32?, lexicon: Lexicon) -> Int {
        aloneFrequency(c, code: code, singles: lexicon.hasSingleCharacterWords ? nil : .shared, lexicon: lexicon)
    }

    /// The same given `singles`, the table the lexicon's lone characters are read from (nil: the
    /// lexicon's own one-character words), which a caller asking for many takes once.
    @inline(__always)
    static func aloneFrequency(_ c: Unicode.Scalar, code: UInt32?, singles: SingleCharacterWords?, lexicon: Lexicon) -> Int {
        if let singles { return singles.frequency(c) }
        return code.map { code in withUnsafePointer(to: code) { lexicon.frequency(codes: UnsafeBufferPointer(start: $0, count: 1)) } } ?? 0
    }

    /// The candidate giving the context its most probable segmentation (plus its `weight`), then
    /// the highest prior, then the lowest code point; and whether it is part of a word there (else
    /// no word fits any candidate).
    private func best(_ candidates: [Unicode.Scalar], left: [Unicode.Scalar], right: [Unicode.Scalar],
                      weight: (Unicode.Scalar) -> Double = { _ in 0 },
                      prior: (Unicode.Scalar) -> Double) -> (Unicode.Scalar, Bool) {
        var winner: (c: Unicode.Scalar, key: (Double, Double), inWord: Bool)?
        scoreEach(candidates, left: left, right: right) { c, score, inWord in
            let score = score + weight(c)
            // The prior only decides between equal scores: not computed for a loser.
            if let w = winner, score < w.key.0 { return }
            let key = (score, prior(c))
            if let w = winner, key < w.key || (key == w.key && c.value > w.c.value) { return }
            winner = (c, key, inWord)
        }
        return (winner!.c, winner!.inWord)
    }

    /// Per span [j, i) of the context over the fragment at k (2 to `maxSegment` characters), the
    /// characters completing a word there (codes) and the word's frequency.
    typealias Covering = [(j: Int, i: Int, words: [(code: UInt32, frequency: Int)])]

    /// The words over k of the context `codes` (nil at k and where a character is in no word);
    /// with `among`, only those completed by its characters.
    private func coveringWords(codes: [UInt32?], at k: Int, among accepted: CodeSet? = nil) -> Covering {
        let lexicon = self.lexicon  // (once: see `choose`)
        var covering: Covering = []
        let n = codes.count
        // The context as plain codes both ways, sliced for each span (the gap and characters in
        // no word hold 0, never read: no span holding one is searched).
        let forward = codes.map { $0 ?? 0 }
        let backward = Array(forward.reversed())
        for j in max(0, k + 1 - Self.maxSegment) ... k {
            guard (j ..< k).allSatisfy({ codes[$0] != nil }) else { continue }
            for i in (k + 1) ... min(n, j + Self.maxSegment) where i - j > 1 {
                guard codes[i - 1] != nil || i - 1 == k else { break }
                let words = if let accepted {
                    lexicon.fillers(in: forward, backward: backward, from: j, to: i, gap: k, among: accepted)
                } else {
                    lexicon.fillers(in: forward, backward: backward, from: j, to: i, gap: k, among: CodeTest(test: nil))
                }
                if !words.isEmpty { covering.append((j, i, words)) }
            }
        }
        return covering
    }

    /// A set of small integers (lexicon codes, BMP scalar values) as bits.
    struct CodeSet: CodeFilter {
        private var words: [UInt64]

        init(_ codes: [UInt32]) {
            words = Array(repeating: 0, count: Int((codes.max() ?? 0) >> 6) + 1)
            for c in codes { words[Int(c >> 6)] |= 1 << (c & 63) }
        }

        /// An empty set with room for the values below `bound` (filled one by one, growing it as
        /// they come cost more than the choices the set served: ~12,000 instructions a call).
        init(below bound: UInt32) {
            words = Array(repeating: 0, count: Int(bound >> 6) + 1)
        }

        @inline(__always)
        func contains(_ c: UInt32) -> Bool {
            let w = Int(c >> 6)
            return w < words.count && words[w] & (1 << (c & 63)) != 0
        }

        /// Adds `c`; false when it was there already.
        @inline(__always)
        mutating func insert(_ c: UInt32) -> Bool {
            let w = Int(c >> 6)
            if w >= words.count { words.append(contentsOf: repeatElement(0, count: w + 1 - words.count)) }
            let bit: UInt64 = 1 << (c & 63)
            guard words[w] & bit == 0 else { return false }
            words[w] |= bit
            return true
        }
    }

    static let replacement: Unicode.Scalar = "\u{FFFD}"
    /// A U+FFFD is filled when its best character holds this share of the probability (tried on
    /// `--seed 2`'s mojibake, runs with no odd character restored: 0.7 12/137, 0.5 17, 0.3 24,
    /// 0.1 30): lower guesses more, and a wrong guess hides the damage the U+FFFD shows.
    static let replacementConfidence = 0.5
    private static let replacementBytes: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Whether the line holds U+FFFD (a byte search).
    static func mayHaveReplacement(_ p: UnsafeBufferPointer<UInt8>) -> Bool { UTF8Bytes.contains(p, replacementBytes) }

    /// Cheap byte test before any decoding: a `?` followed by the first byte of a pinyin letter
    /// (a–z, or the lead bytes C3–C7 and E1 of the tone-marked ones; Han starts at E3).
    static func mayHaveFragment(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Bytes.anyQuestionMark(in: p) { q in
            guard q + 1 < p.count else { return false }
            let b = p[q + 1]
            return (0x61 ... 0x7A).contains(b) || (0xC3 ... 0xC7).contains(b) || b == 0xE1
        }
    }

    /// Index of the `)` ending a fragment whose `?` is at `q`: 1…7 pinyin letters in between.
    static func fragmentEnd(_ s: [Unicode.Scalar], at q: Int) -> Int? {
        var j = q + 1
        while j < s.count, j - q <= maxLetters, isPinyinLetter(s[j]) { j += 1 }
        return j > q + 1 && j < s.count && s[j] == ")" ? j : nil
    }

    static func hasToneMark(_ letters: ArraySlice<Unicode.Scalar>) -> Bool {
        letters.contains { PinyinAnnotationRemoval.toneMarked[$0] != nil }
    }

    static func isPinyinLetter(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x61 ... 0x7A: return true
        case 0x80...: return toneLetters.contains(c)
        default: return false
        }
    }

    static let toneLetters = Set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêếềḿńňǹ".unicodeScalars)

    static func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        isASCIILetter(c) || ScalarClass.isASCIIDigit(c)
    }

    static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A
    }
}

/// What a document's fragments taught so far: the character each noise stood for where a reading
/// followed it. Per document, and bounded (a page has a few fragments; a pathological one stops
/// teaching at `capacity`).
public struct LostCharacterMemory {
    private var characters: [String: Unicode.Scalar] = [:]
    static let capacity = 64

    public init() {}

    mutating func learn(noise: String, character: Unicode.Scalar) {
        guard characters.count < Self.capacity || characters[noise] != nil else { return }
        characters[noise] = character
    }

    func character(noise: String) -> Unicode.Scalar? { characters[noise] }

    public mutating func forget() { characters.removeAll(keepingCapacity: true) }
}
