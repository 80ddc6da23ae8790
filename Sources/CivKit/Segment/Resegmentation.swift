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

    func resegment(_ line: Line, cells: inout [PathCell], into out: inout [Token]) -> Bool {
        let tokens = line.tokens
        let text = line.text, neighbourLength = Self.neighbourLength
        // Only a single Han character that no rule made, with another such after it or a
        // short token that no rule made before it.
        func mayChange(_ b: UnsafeBufferPointer<Token>, _ k: Int) -> Bool {
            let t = b[k]
            guard t.count == 1, !t.fixed, ScalarClass.isHan(text[t.start]) else { return false }
            return (k + 1 < b.count && b[k + 1].count == 1 && !b[k + 1].fixed)
                || (k > 0 && b[k - 1].count <= neighbourLength && !b[k - 1].fixed)
        }
        // A local function, not a closure: `@inline(__always)` makes it part of the loop.
        @inline(__always) func act(_ i: inout Int, _ out: inout [Token]) {
            // A run of single Han characters that no rule made.
            guard line.isSingleHan(tokens[i]), !tokens[i].fixed else {
                out.append(tokens[i])
                i += 1
                return
            }
            var j = i + 1
            while j < tokens.count, line.isSingleHan(tokens[j]), !tokens[j].fixed { j += 1 }
            // With the short word before it (`委员 会`), when no rule changed that word.
            var start = i
            if start > 0, !tokens[start - 1].fixed, tokens[start - 1].count <= Self.neighbourLength,
               line.isHan(tokens[start - 1]), out.last == tokens[start - 1] {
                start -= 1
                out.removeLast()
            }
            if j - start < 2 {
                out.append(tokens[i])
                i += 1
                return
            }
            // A very long run in windows of a bounded size, so that memory stays bounded.
            while start < j {
                let end = j - start > Self.longestWindow + Self.longestWindow / 2 ? start + Self.longestWindow : j
                bestPath(line, tokens[start..<end], cells: &cells, into: &out)
                start = end
            }
            i = j
        }
        return Self.rewrite(tokens, into: &out, where: mayChange, act)
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
    /// ICU's own tokens and single characters, appended to `out`.
    func bestPath(_ line: Line, _ window: ArraySlice<Token>, cells: inout [PathCell], into out: inout [Token]) {
        let base = window.first!.start
        let n = window.last!.end - base
        let chars = line.text[base..<(base + n)]
        @inline(__always) func char(_ k: Int) -> Unicode.Scalar { chars[base + k] }
        // Reset in place: appending n + 1 fresh cells a window went through the generic append.
        if cells.count < n + 1 { cells.append(contentsOf: repeatElement(PathCell(), count: n + 1 - cells.count)) }
        cells.withUnsafeMutableBufferPointer { c in
            for k in 0...n { c[k] = PathCell() }
        }
        // The cells through a buffer: the nested functions reached the inout array through
        // accessors at every read.
        let first = out.count
        cells.withUnsafeMutableBufferPointer { cells in
            for t in window { cells[t.start - base].icuEnd = Int32(t.end - base) }
            for k in 0..<n {
                if let c = lexicon.code(of: char(k)) {
                    cells[k].code = c
                    cells[k].lastUncoded = k > 0 ? cells[k - 1].lastUncoded : -1
                } else {
                    cells[k].lastUncoded = Int32(k)
                }
                if k > 0 {
                    let a = char(k - 1), b = char(k)
                    cells[k - 1].listed = (domainStarts.mayStart(a, b) ? PathCell.domainListed : 0)
                        | (user != nil && userStarts.mayStart(a, b) ? PathCell.userListed : 0)
                }
            }
            // The pairs' word lengths in a short loop of their own: its probes of the table (a
            // cache miss each, most of this function's time) do not depend on each other, and
            // the processor overlaps them, where in the loop above each waited for the last.
            for k in stride(from: 1, to: n, by: 1) where cells[k].lastUncoded < k - 1 {
                cells[k - 1].lengths = pairLengths.lengths(cells[k - 1].code, cells[k].code)
            }
            func frequency(_ s: Int, _ e: Int) -> Int {
                var f = 0
                if cells[e - 1].lastUncoded < s, cells[s].lengths & 1 << (e - s) == 0 {
                    // No word of this length begins with these two characters.
                } else if cells[e - 1].lastUncoded < s, e - s <= WordTable.maxLength, let shortWords {
                    f = shortWords.frequency(WordTable.key(count: e - s) { cells[s + $0].code })
                } else if cells[e - 1].lastUncoded < s {
                    f = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: e - s) { codes in
                        for k in s..<e { codes[k - s] = cells[k].code }
                        return lexicon.frequency(codes: UnsafeBufferPointer(codes))
                    }
                }
                if e - s <= domain.maxWordLength, cells[s].listed & PathCell.domainListed != 0 {
                    let d = domain.frequency(of: chars[(base + s)..<(base + e)])
                    if d > f { f = d }
                }
                if let user, e - s <= user.maxWordLength, cells[s].listed & PathCell.userListed != 0 {
                    let u = user.frequency(of: chars[(base + s)..<(base + e)])
                    if u > f { f = u }
                }
                return f
            }
            /// Whether a lexicon word over `s..<e` that ICU did not find may be one: not a number
            /// with its measure word (`两个`, `第一天`, `多万元`: PKU writes them apart), not a
            /// noun with 们, not a word with 是 or 着 after it.
            let countPrefixes = Self.countPrefixes
            func mayJoin(_ s: Int, _ e: Int) -> Bool {
                // Nor a noun with 们 (`官兵 们`; `我们`, `人们` are words), a word with 是 or 着 (rule 2b).
                if e - s > 2, char(e - 1) == "们" || char(e - 1) == "是" || char(e - 1) == "着" { return false }
                var k = s
                if char(k) == "第" { k += 1 }
                var numerals = 0
                while k < e - 1, countPrefixes.contains(char(k)) {
                    k += 1
                    numerals += 1
                }
                return numerals == 0 || k != e - 1
            }
            // Forward: each reachable position relaxes only the spans that may be a word (single
            // character, ICU's token, a length the pair lengths list, any length at a listed
            // pair) where the backward loop scored every span of up to `maxLength` characters.
            // Relaxations of a position come in ascending order of their start as before, and
            // only a strictly better score wins: the same path, ties included.
            cells[0].best = 0
            for s in 0..<n {
                let before = cells[s].best
                guard before > -.infinity else { continue }
                @inline(__always) func relax(_ e: Int, _ score: Double) {
                    if before + score > cells[e].best {
                        cells[e].best = before + score
                        cells[e].back = Int32(s)
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
                    let main = cells[e - 1].lastUncoded < s && cells[s].lengths & 1 << (e - s) != 0
                    if !isICU && !main && !listed { continue }
                    let f = (main || listed) && (isICU || mayJoin(s, e)) ? frequency(s, e) : 0
                    var score = f > 0 ? log(Double(f)) - logTotal : -.infinity
                    if isICU { score = max(score, logICU) }
                    relax(e, score)
                }
            }
            // The tokens from the back pointers, last first, then put in order.
            var e = n
            while e > 0 {
                let s = Int(cells[e].back)
                // A three-character name the lexicon knows whole but ICU did not (`江泽民`) is
                // surname + given name, the PKU convention.
                if e - s == 3, surnames.contains(char(s)), (s..<e).allSatisfy({ cells[$0].icuEnd == $0 + 1 }) {
                    out.append(Token(start: base + s + 1, end: base + e))
                    out.append(Token(start: base + s, end: base + s + 1))
                } else {
                    out.append(Token(start: base + s, end: base + e))
                }
                e = s
            }
        }
        var a = first, b = out.count - 1
        while a < b {
            out.swapAt(a, b)
            a += 1
            b -= 1
        }
    }
}
