import Foundation

// Rule 3 of `SegmentRules`: runs of single characters re-segmented by word probability.
extension SegmentRules {
    // MARK: Rule 3: re-segmentation of single characters

    /// The frequency a single character is scored with (the lexicon lists words of 2+ characters
    /// only), and the one a word ICU found but the lexicons lack is scored with.
    static let singleFrequency = 100.0
    static let icuFrequency = 200.0
    /// The longest token before a run of single characters that joins the run's window
    /// (`委员 会`); the token after it does not (`新 世纪` stays, the PKU convention).
    static let neighbourLength = 2
    /// The most tokens one DP window holds; a longer run of single characters (rare outside
    /// damaged text) is cut into windows of this size.
    static let longestWindow = 4096
    /// The frequencies below this have their word's score in `wordScores` (most words the
    /// re-segmentation finds: nine words in ten of the lexicon have a frequency below 256).
    static let scoredFrequencies = 2048

    /// Only a single Han character that no rule made, with another such after it or a short
    /// token that no rule made before it.
    @inline(__always)
    static func mayResegment(_ b: UnsafeBufferPointer<Token>, _ k: Int, _ text: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        let t = b[k]
        guard t.count == 1, !t.fixed, ScalarClass.isHan(text[t.start]) else { return false }
        return (k + 1 < b.count && b[k + 1].count == 1 && !b[k + 1].fixed)
            || (k > 0 && b[k - 1].count <= neighbourLength && !b[k - 1].fixed)
    }

    /// Clears `out` and writes to it the tokens with each run of single Han characters that no
    /// rule made (with the short token before it) re-segmented (`bestPath`); false, `out` left
    /// as it was, when the line holds no such run. The loop of `rewrite`, written out: the line's
    /// buffers are taken once, not once a window (a window is 3.5 characters on average, and its
    /// fixed costs were most of its cost), and the tokens are written through a buffer sized
    /// for the most there can be (each a range of one character or more), then trimmed to what
    /// they took: an append a token cost its checks of capacity and uniqueness. The buffer is
    /// `out` resized, not emptied: only what it grows by is filled (a new array's allocation
    /// cost more).
    func resegment(_ line: Line, cells: inout [PathCell], into out: inout [Token]) -> Bool {
        let tokens = line.tokens, text = line.text
        let found: Int? = text.withUnsafeBufferPointer { text in Self.firstChange(tokens) { Self.mayResegment($0, $1, text) } }
        guard let first = found else { return false }
        out.resizeZeroed(to: text.count)
        var written = 0
        // Cells for the longest window: its characters (the first token may have two) and its end.
        let room = min(text.count, Self.longestWindow + Self.longestWindow / 2 + 1) + 1
        if cells.count < room { cells.append(contentsOf: repeatElement(PathCell(), count: room - cells.count)) }
        tokens.withUnsafeBufferPointer { tokens in
            text.withUnsafeBufferPointer { text in
                cells.withUnsafeMutableBufferPointer { cells in
                    codeTable.withUnsafeBufferPointer { codes in
                      wordScores.withUnsafeBufferPointer { scores in
                      out.withUnsafeMutableBufferPointer { target in
                        var out = TokenSink(target)
                        let count = tokens.count, countPrefixes = Self.countPrefixes
                        @inline(__always) func isHan(_ t: Token) -> Bool {
                            guard t.count > 0 else { return false }
                            for k in t.start..<t.end where !ScalarClass.isHan(text[k]) { return false }
                            return true
                        }
                        out.append(tokens, 0..<first)
                        var i = first
                        while i < count {
                            var k = i
                            while k < count, !Self.mayResegment(tokens, k, text) { k += 1 }
                            out.append(tokens, i..<k)
                            i = k
                            guard i < count else { break }
                            // A run of single Han characters that no rule made.
                            var j = i + 1
                            while j < count, tokens[j].count == 1, !tokens[j].fixed, ScalarClass.isHan(text[tokens[j].start]) { j += 1 }
                            // With the short word before it (`委员 会`), when no rule changed that word.
                            var start = i
                            if start > 0, !tokens[start - 1].fixed, tokens[start - 1].count <= Self.neighbourLength,
                               isHan(tokens[start - 1]), out.count > 0, out.last == tokens[start - 1] {
                                start -= 1
                                out.removeLast()
                            }
                            if j - start < 2 {
                                out.append(tokens[i])
                                i += 1
                                continue
                            }
                            // A very long run in windows of a bounded size, so that memory stays bounded.
                            while start < j {
                                let end = j - start > Self.longestWindow + Self.longestWindow / 2 ? start + Self.longestWindow : j
                                bestPath(UnsafeBufferPointer(rebasing: tokens[start..<end]), text: text, codes: codes, countPrefixes: countPrefixes,
                                         scores: scores, cells: cells, into: &out)
                                start = end
                            }
                            i = j
                        }
                        written = out.count
                      }
                      }
                    }
                }
            }
        }
        out.removeLast(out.count - written)
        return true
    }

    /// The tokens rule 3 writes, into a buffer with room for all of them.
    struct TokenSink {
        let base: UnsafeMutablePointer<Token>
        let capacity: Int
        private(set) var count = 0

        init(_ buffer: UnsafeMutableBufferPointer<Token>) {
            base = buffer.baseAddress!
            capacity = buffer.count
        }

        var last: Token { base[count - 1] }

        @inline(__always) mutating func append(_ t: Token) {
            precondition(count < capacity, "more tokens than characters")
            base[count] = t
            count += 1
        }

        /// Appends `tokens[range]`.
        @inline(__always) mutating func append(_ tokens: UnsafeBufferPointer<Token>, _ range: Range<Int>) {
            precondition(count + range.count <= capacity, "more tokens than characters")
            (base + count).update(from: tokens.baseAddress! + range.lowerBound, count: range.count)
            count += range.count
        }

        mutating func removeLast() { count -= 1 }
    }

    /// The re-segmentation's cell for position k of a window: the main lexicon's code of the
    /// character (looked up once), the last position <= k whose character is in no word (-1:
    /// none), the end of ICU's token starting there (0: none), and the DP's best score and back
    /// pointer for a cut before position k.
    struct PathCell {
        var code: UInt32 = 0
        var lastUncoded: Int32 = -1
        /// The lengths of the main lexicon's words beginning here (`PairLengths`).
        var lengths: UInt32 = 0
        var icuEnd: Int32 = 0
        var best = -Double.infinity
        var back: Int32 = 0
        /// A word of the domain's lexicon (`domainListed`) or of the user's (`userListed`) may
        /// begin here (`WordStarts`): asked once a position, not once a span.
        var listed: UInt8 = 0
        static let domainListed: UInt8 = 1, userListed: UInt8 = 2
    }

    static let countPrefixes = ScalarSet("零○〇一二三四五六七八九十百千万亿两几多半余每数")

    /// The most probable segmentation of the window's characters into words of the lexicons,
    /// ICU's own tokens and single characters, appended to `out`. `codes`: the main lexicon's
    /// `codeTable`; `countPrefixes`: `Self.countPrefixes`; `scores`: `wordScores` (both taken once
    /// a line); `cells`: at least one more than the window's characters.
    func bestPath(_ window: UnsafeBufferPointer<Token>, text: UnsafeBufferPointer<Unicode.Scalar>, codes: UnsafeBufferPointer<UInt16>,
                  countPrefixes: ScalarSet, scores: UnsafeBufferPointer<Double>, cells: UnsafeMutableBufferPointer<PathCell>,
                  into out: inout TokenSink) {
        let base = window[0].start
        let n = window[window.count - 1].end &- base
        let chars = UnsafeBufferPointer(rebasing: text[base..<(base + n)])
        let cells = cells.baseAddress!
        let hasUser = user != nil
        // Each cell written whole: the code of its character, where the last character in no word
        // is, whether a listed word may begin here.
        var lastUncoded: Int32 = -1
        for k in 0..<n {
            let c = chars[k]
            var code: UInt32 = 0
            if c.value < 0x10000, !codes.isEmpty {
                // 0: no word holds the character; else its code + 1.
                let stored = codes[Int(c.value)]
                if stored == 0 { lastUncoded = Int32(truncatingIfNeeded: k) } else { code = UInt32(stored) &- 1 }
            } else if let looked = lexicon.code(of: c) {
                code = looked
            } else {
                lastUncoded = Int32(truncatingIfNeeded: k)
            }
            var listed: UInt8 = 0
            if k + 1 < n {
                let next = chars[k + 1]
                if domainStarts.mayStart(c, next) { listed = PathCell.domainListed }
                if hasUser, userStarts.mayStart(c, next) { listed |= PathCell.userListed }
            }
            cells[k] = PathCell(code: code, lastUncoded: lastUncoded, lengths: 0, icuEnd: 0, best: -.infinity, back: 0, listed: listed)
        }
        cells[n] = PathCell()
        for t in window { cells[t.start &- base].icuEnd = Int32(truncatingIfNeeded: t.end &- base) }
        // The pairs' word lengths in a short loop of their own: its probes of the table (a cache
        // miss each, most of this function's time) do not depend on each other, and the
        // processor overlaps them, where in the loop above each waited for the last.
        for k in stride(from: 1, to: n, by: 1) where Int(cells[k].lastUncoded) < k - 1 {
            cells[k - 1].lengths = pairLengths.lengths(cells[k - 1].code, cells[k].code)
        }
        /// The highest frequency of the characters `s..<e` in the lexicons, 0 when none lists them.
        @inline(__always) func frequency(_ s: Int, _ e: Int) -> Int {
            var f = 0
            let coded = Int(cells[e - 1].lastUncoded) < s
            if coded, cells[s].lengths & 1 << UInt32(e - s) == 0 {
                // No word of this length begins with these two characters.
            } else if coded, e - s <= WordTable.maxLength, let shortWords {
                f = shortWords.frequency(WordTable.key(count: e - s) { cells[s + $0].code })
            } else if coded {
                f = longWordFrequency(cells + s, count: e - s)
            }
            if cells[s].listed != 0 { f = max(f, listedFrequency(UnsafeBufferPointer(rebasing: chars[s..<e]), listed: cells[s].listed)) }
            return f
        }
        /// Whether a lexicon word over `s..<e` that ICU did not find may be one: not a number
        /// with its measure word (`两个`, `第一天`, `多万元`: PKU writes them apart), not a
        /// noun with 们, not a word with 是 or 着 after it.
        @inline(__always) func mayJoin(_ s: Int, _ e: Int) -> Bool {
            // Nor a noun with 们 (`官兵 们`; `我们`, `人们` are words), a word with 是 or 着 (rule 2b).
            let last = chars[e - 1]
            if e - s > 2, last == "们" || last == "是" || last == "着" { return false }
            var k = s
            if chars[k] == "第" { k += 1 }
            var numerals = 0
            while k < e - 1, countPrefixes.contains(chars[k]) {
                k += 1
                numerals += 1
            }
            return numerals == 0 || k != e - 1
        }
        // Forward: each reachable position relaxes only the spans that may be a word (single
        // character, ICU's token, a length the pair lengths list, any length at a listed pair)
        // where the backward loop scored every span of up to `maxLength` characters. Relaxations
        // of a position come in ascending order of their start as before, and only a strictly
        // better score wins: the same path, ties included.
        let logSingle = logSingle, logICU = logICU, logTotal = logTotal, maxLength = maxLength
        cells[0].best = 0
        for s in 0..<n {
            let before = cells[s].best
            guard before > -.infinity else { continue }
            @inline(__always) func relax(_ e: Int, _ score: Double) {
                if before + score > cells[e].best {
                    cells[e].best = before + score
                    cells[e].back = Int32(truncatingIfNeeded: s)
                }
            }
            relax(s + 1, logSingle)
            let limit = min(n, s + maxLength)
            guard limit >= s + 2 else { continue }
            let icuEnd = Int(cells[s].icuEnd)
            let listed = cells[s].listed != 0
            // The lengths to try, bit `e - s`: all of them at a listed pair, else the main
            // lexicon's and ICU's.
            var lengths: UInt64
            if listed {
                lengths = (1 << UInt64(limit - s + 1)) - 1
            } else {
                lengths = UInt64(cells[s].lengths)
                if icuEnd > s, icuEnd - s < 64 { lengths |= 1 << UInt64(icuEnd - s) }
                lengths &= (1 << UInt64(limit - s + 1)) - 1
            }
            lengths &= ~3
            while lengths != 0 {
                let e = s + lengths.trailingZeroBitCount
                lengths &= lengths - 1
                let isICU = icuEnd == e
                // Most spans are no word of any lexicon: the main lexicon's pair lengths and
                // the listed words' first pairs say so before any search (or mayJoin).
                let main = Int(cells[e - 1].lastUncoded) < s && cells[s].lengths & 1 << UInt32(e - s) != 0
                if !isICU && !main && !listed { continue }
                let f = (main || listed) && (isICU || mayJoin(s, e)) ? frequency(s, e) : 0
                // The same value as computed here, from the table for most words.
                var score = f <= 0 ? -.infinity : f < scores.count ? scores[f] : log(Double(f)) - logTotal
                if isICU { score = max(score, logICU) }
                relax(e, score)
            }
        }
        // The cuts from the back pointers, each start's end kept in its cell's `lastUncoded` (read
        // no more), then the tokens in order.
        var e = n
        while e > 0 {
            let s = Int(cells[e].back)
            cells[s].lastUncoded = Int32(truncatingIfNeeded: e)
            e = s
        }
        var s = 0
        while s < n {
            let e = Int(cells[s].lastUncoded)
            // A three-character name the lexicon knows whole but ICU did not (`江泽民`) is
            // surname + given name, the PKU convention.
            if e - s == 3, surnames.contains(chars[s]), cells[s].icuEnd == s + 1, cells[s + 1].icuEnd == s + 2, cells[s + 2].icuEnd == s + 3 {
                out.append(Token(start: base + s, end: base + s + 1))
                out.append(Token(start: base + s + 1, end: base + e))
            } else {
                out.append(Token(start: base + s, end: base + e))
            }
            s = e
        }
    }

    /// The main lexicon's frequency of the word of more than `WordTable.maxLength` characters
    /// whose codes are those of `cells[0..<count]`: a function of its own, so that the common
    /// case's frame holds no temporary allocation (nor its stack guard).
    @inline(never)
    func longWordFrequency(_ cells: UnsafeMutablePointer<PathCell>, count: Int) -> Int {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count) { codes in
            for k in 0..<count { codes[k] = cells[k].code }
            return lexicon.frequency(codes: UnsafeBufferPointer(codes))
        }
    }

    /// The highest frequency of `word` in the domain's lexicon and the user's, as `listed` (a
    /// `PathCell`'s) says either may hold it; 0 when neither does.
    @inline(never)
    func listedFrequency(_ word: UnsafeBufferPointer<Unicode.Scalar>, listed: UInt8) -> Int {
        var f = 0
        if word.count <= domain.maxWordLength, listed & PathCell.domainListed != 0 { f = domain.frequency(of: word) }
        if let user, word.count <= user.maxWordLength, listed & PathCell.userListed != 0 { f = max(f, user.frequency(of: word)) }
        return f
    }
}
