/// The boilerplate and byline rules of `Resources/boilerplate.tsv` (its header documents them).
public final class BoilerplateRules: @unchecked Sendable {
    public enum Action: Equatable, Sendable { case drop, moveToField(String) }
    public enum Scope: String, Sendable { case first, head, tail, any }
    public enum Boundary: String, Sendable {
        case startsPage = "starts-page", endsPage = "ends-page", closesPage = "closes-page", none = "-"
        /// A page's first line found only inside a glued line (a menu of the site's tools, which a
        /// page's head holds below its banner too: not a page start as a line of its own).
        case startsGlued = "starts-glued"
    }

    /// A class, not a struct: the rules are tried on every line, and copying a struct that
    /// holds a compiled regex costs reference counting each time.
    public final class Rule: @unchecked Sendable {
        public let kind: String
        public let action: Action
        public let scope: Scope
        public let boundary: Boundary
        public let keyword: String?
        public let pattern: String
        let regex: ICURegex
        /// The regex asked only whether a line matches (`RegexDecisionForm`): `regex` itself, or
        /// its pattern without a tail that may match nothing and with its `.` and `\S` runs lazy.
        let decidingRegex: ICURegex
        /// Matched against a line and the next one joined by `\n`.
        public let spansTwoLines: Bool
        /// The literals a line must all contain (the keyword column, split at spaces).
        let keywordBytes: [[UInt8]]
        /// The literals a line must not contain (the keyword column's `!`-marked ones).
        let forbiddenBytes: [[UInt8]]
        /// Their bits in `BoilerplateRules.keywords` (set once the table is read).
        fileprivate(set) var keywordMask: KeywordAutomaton.Bits = 0
        /// Those of them past the automaton's 128 literals, searched in the line one by one (a
        /// table that grows past 64 keywords stays correct, only slower on its last rules).
        fileprivate(set) var unindexedKeywords: [[UInt8]] = []
        /// `dropped.KIND` or `moved.KIND`: built once, counted on every line taken.
        let counterName: String
        /// A comment's byline (`comment-byline`): the short lines under it are replies.
        let beginsReplies: Bool
        /// What the line must start with, read off the pattern (`RulePrefilter`); nil: anything.
        let prefixes: [[UInt8]]?
        /// What the line must end with, read off the pattern (`RulePrefilter`); nil: anything.
        let suffixes: [[UInt8]]?
        /// The ASCII bytes the line may hold, read off a pattern of ASCII pieces (`RulePrefilter.asciiAlphabet`).
        let asciiAlphabet: (UInt64, UInt64)?
        /// What the line must start with, read off an opening in `(?:…)`, which `prefixes` leaves
        /// unread so that the rule is not looked for inside lines (`^(?:位置)…`): a test of the line only.
        let hiddenPrefixes: [[UInt8]]?
        /// The bytes each of the line's first bytes may be, read off a fixed opening (`^\d{4}[-/.]`:
        /// four digits, then `-`, `/` or `.`), and where a wider character may stand (`RulePrefilter.fixedOpening`).
        let opening: (bytes: [FirstByteSet], wide: UInt64)?
        /// Where the line's literal may stand after a bounded opening run (`^.{0,100}电话\s*[：:]`:
        /// `RulePrefilter.lead`), tested last: it reads the line's first characters.
        let lead: LeadPrefilter?

        init(kind: String, action: Action, scope: Scope, boundary: Boundary, keyword: String?, pattern: String,
             regex: ICURegex, decidingRegex: ICURegex? = nil, spansTwoLines: Bool) {
            self.kind = kind
            self.action = action
            self.scope = scope
            self.boundary = boundary
            self.keyword = keyword
            self.pattern = pattern
            self.regex = regex
            self.decidingRegex = decidingRegex ?? regex
            self.spansTwoLines = spansTwoLines
            let literals = keyword.map { BoilerplateRules.fields($0, separator: 0x20).filter { !$0.isEmpty }.map { Array($0.utf8) } } ?? []
            let forbidden = literals.filter { $0.count > 1 && $0[0] == UInt8(ascii: "!") }
            keywordBytes = literals.filter { !($0.count > 1 && $0[0] == UInt8(ascii: "!")) }
            forbiddenBytes = forbidden.map { Array($0.dropFirst()) }
            counterName = (action == .drop ? "dropped." : "moved.") + kind
            beginsReplies = kind == "comment-byline"
            prefixes = RulePrefilter.requiredPrefixes(of: pattern)
            let endsLine = pattern.utf8.last == UInt8(ascii: "$")
            // Only where no prefix rules lines out already (read off ~270 patterns at every start-up),
            // or where it is one byte only (`\d`: many lines of dates and counts start with a digit).
            suffixes = endsLine && (prefixes == nil || prefixes!.allSatisfy { $0.count == 1 }) ? RulePrefilter.requiredSuffixes(of: pattern) : nil
            // (Read only off a pattern opening with a digit: the others hold a Han literal or class.)
            asciiAlphabet = endsLine && pattern.utf8.dropFirst().first == UInt8(ascii: "\\") ? RulePrefilter.asciiAlphabet(of: pattern) : nil
            // (Read off the patterns opening with a digit: the Han openings have their prefixes.)
            opening = pattern.utf8.dropFirst().first == UInt8(ascii: "\\") ? RulePrefilter.fixedOpening(of: pattern) : nil
            hiddenPrefixes = prefixes == nil && pattern.utf8.starts(with: "^(?:".utf8) ? RulePrefilter.requiredPrefixes(of: "^(" + String(pattern.dropFirst(4))) : nil
            // (Read off the patterns opening with a run: `.`, `[^`, `\S` or a negative lookahead.)
            lead = pattern.utf8.dropFirst().first.map { "([.\\".utf8.contains($0) } ?? false ? RulePrefilter.lead(of: pattern) : nil
        }

        /// Byte checks that rule a line out before the regex runs (most lines, most rules).
        func mayMatch(_ text: String) -> Bool {
            var text = text
            return text.withUTF8(mayMatch)
        }

        func mayMatch(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
            guard p.count <= BoilerplateRules.maxLineBytes, hasShape(p) else { return false }
            return keywordBytes.allSatisfy { UTF8Bytes.contains(p, $0) } && holdsNoForbidden(p) && (lead?.allows(p) ?? true)
        }

        /// The same checks given the keywords the line holds (`BoilerplateRules.keywords(in:)`).
        @inline(__always)
        func mayMatch(_ p: UnsafeBufferPointer<UInt8>, keywords: KeywordAutomaton.Bits) -> Bool {
            guard p.count <= BoilerplateRules.maxLineBytes, keywordMask & ~keywords == 0, hasShape(p) else { return false }
            return (unindexedKeywords.isEmpty || unindexedKeywords.allSatisfy { UTF8Bytes.contains(p, $0) }) && holdsNoForbidden(p)
                && (lead?.allows(p) ?? true)
        }

        /// Whether the line starts, ends and is spelt as the pattern requires (`RulePrefilter`).
        @inline(__always)
        private func hasShape(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
            if let prefixes, !prefixes.contains(where: { RulePrefilter.hasPrefix(p, $0) }) { return false }
            if let suffixes, !suffixes.contains(where: { RulePrefilter.hasSuffix(p, $0) }) { return false }
            if let hiddenPrefixes, !hiddenPrefixes.contains(where: { RulePrefilter.hasPrefix(p, $0) }) { return false }
            if let opening, !RulePrefilter.opensAs(p, opening) { return false }
            if let asciiAlphabet, !RulePrefilter.holdsOnly(p, asciiAlphabet) { return false }
            return true
        }

        @inline(__always)
        private func holdsNoForbidden(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
            forbiddenBytes.isEmpty || !forbiddenBytes.contains { UTF8Bytes.contains(p, $0) }
        }

        /// The rule on a line's UTF-8 bytes.
        func matches(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
            guard mayMatch(p) else { return false }
            return regexTakes(p)
        }

        /// The rule on a line's UTF-8 bytes, given the keywords the line holds (a caller trying
        /// many rules on one line finds them once).
        func matches(_ p: UnsafeBufferPointer<UInt8>, keywords: KeywordAutomaton.Bits) -> Bool {
            guard mayMatch(p, keywords: keywords) else { return false }
            return regexTakes(p)
        }

        private func regexTakes(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
            guard boundary == .closesPage else { return decidingRegex.firstMatchEnd(in: p) != nil }
            guard let end = regex.firstMatchEnd(in: p) else { return false }
            // A page's last line (its pattern stops where the next page may begin) is taken
            // only whole: text after the match is another page's, or not boilerplate.
            return boundary != .closesPage || end == p.count
        }

        /// The same checks for a line and the next one, before they are joined by `\n`: the prefix
        /// on the first, the keyword in either.
        func mayMatch(_ first: String, then second: String) -> Bool {
            guard first.utf8.count + 1 + second.utf8.count <= BoilerplateRules.maxLineBytes else { return false }
            var first = first, second = second
            return first.withUTF8 { p in
                if let prefixes, !prefixes.contains(where: { RulePrefilter.hasPrefix(p, $0) }) { return false }
                return keywordBytes.allSatisfy { k in UTF8Bytes.contains(p, k) || second.withUTF8 { UTF8Bytes.contains($0, k) } }
            }
        }

        func matches(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { matches($0) }
        }

        /// Where a match ends in the line's bytes (an offset), given its keywords, if it matches.
        func matchEnd(in p: UnsafeBufferPointer<UInt8>, keywords: KeywordAutomaton.Bits) -> Int? {
            guard mayMatch(p, keywords: keywords) else { return nil }
            return regex.firstMatchEnd(in: p)
        }

        /// Where a match ends in `text`, if it matches.
        func matchEnd(in text: String) -> String.Index? {
            guard mayMatch(text), let end = regex.firstMatchEnd(in: text) else { return nil }
            return text.utf8.index(text.utf8.startIndex, offsetBy: end)
        }
    }

    /// Lines of the head and the tail zones.
    public static let zoneLines = 12
    /// Boilerplate lines are short (about 100 characters at most in the seeds); a longer line is
    /// never taken for one, so prose cannot vanish into a field (a whole page on one line once
    /// matched the banner rule) and no pattern runs over megabyte lines.
    public static let maxLineBytes = 1024

    public let rules: [Rule]
    /// Every rule's keywords, and the marks `gluedPageStart` looks for, found in one pass.
    let keywords: KeywordAutomaton
    private let fullStopBit: KeywordAutomaton.Bits
    private let positionBit: KeywordAutomaton.Bits
    /// The literals a glued trail or home-first menu holds one of (`GluedTrailStart.literals`).
    private let gluedTrailBits: KeywordAutomaton.Bits
    private let pageStartRules: [Rule]
    private let gluedStartRules: [Rule]
    /// Both, those with a fixed opening: the starts looked for inside a line.
    private let inLineStartRules: [Rule]
    /// For each of them, the words of `inLineStartBytes` its pattern holds, as bits.
    private let inLineStartWords: [Int]
    /// The rules by whose form a glued line's tail begins a page once a page start below is
    /// certain (`PageHeadCut`): menus of the site tools that close a page, and glued starts.
    let headOpeningRules: [Rule]
    /// Their first bytes, beside them: `PageHeadCut.cut` asks them at each place of a glued
    /// line, and most are ruled out by the place's first byte without touching the rule.
    private let headOpeningFirstBytes: [FirstByteSet]
    private let pageEndRules: [Rule]
    private let pageCloseRules: [Rule]
    /// The site banners' rules, whatever their scope and boundary.
    private let bannerRules: [Rule]
    /// Their first bytes, beside them: asked of every line of the input, most rules are ruled
    /// out by its first byte without a call.
    private let pageStartFirstBytes: [FirstByteSet]
    private let pageEndFirstBytes: [FirstByteSet]
    private let pageCloseFirstBytes: [FirstByteSet]
    /// And their keyword masks (`Rule.keywordMask`), tested before a rule is touched.
    private let pageStartMasks: [KeywordAutomaton.Bits]
    private let pageEndMasks: [KeywordAutomaton.Bits]
    private let pageCloseMasks: [KeywordAutomaton.Bits]
    /// And the opening bits of their prefixes (`RulePrefilter.openingBits`).
    private let pageStartOpenings: [UInt64]
    private let pageEndOpenings: [UInt64]
    private let pageCloseOpenings: [UInt64]
    /// Per rule, kept beside the rules as plain values, so that the loop over every line and
    /// rule rules most of them out without touching (and reference counting) the rule objects.
    let scopes: [Scope]
    let firstBytes: [FirstByteSet]
    /// The keyword bits each rule needs in a line (`Rule.keywordMask`), and which rules span two
    /// lines: most candidates of a line fail on their keywords, decided here without a retain
    /// and a call per rule (millions of them in a large input).
    let keywordMasks: [KeywordAutomaton.Bits]
    let spansTwoLines: [Bool]
    /// The opening bits of each rule's prefixes (`RulePrefilter.openingBits`): of the rules a
    /// line's first byte leaves (all the Han openings for a line of Chinese), those whose prefixes
    /// begin otherwise than the line are passed over without a call.
    let openings: [UInt64]
    /// For each zone a line is in (`zone(index:count:)`) and each first byte, the rules that
    /// may take the line, in table order: the loop over every short line of every document
    /// visits only these (`candidateStarts[k] ..< candidateStarts[k + 1]` of `candidateRules`).
    private let candidateRules: [UInt16]
    private let candidateStarts: [Int32]
    /// The same lists without the rules that need a keyword (`keywordMasks` not 0) and span one
    /// line: all a line holding no keyword (most lines) can be taken by.
    private let keywordlessRules: [UInt16]
    private let keywordlessStarts: [Int32]

    /// The bytes a line may start with to be matched by a rule (all, without a prefilter); as
    /// well any set of bytes (`PageHeadCut.sureEndLastBytes`, `PunctuationDesyncRun.droppedAfter`).
    struct FirstByteSet: Sendable {
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        init() {}

        init(prefixes: [[UInt8]]?) {
            guard let prefixes else { words = (~0, ~0, ~0, ~0); return }
            for prefix in prefixes { if let b = prefix.first { insert(b) } }
        }

        mutating func insert(_ b: UInt8) {
            let bit = UInt64(1) << (b & 63)
            switch b >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }

        /// The bytes in the set, ascending.
        var bytes: [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount)
            forEachByte { out.append($0) }
            return out
        }

        /// Each byte of the set, ascending.
        @inline(__always)
        func forEachByte(_ body: (UInt8) -> Void) {
            func each(_ word: UInt64, _ k: Int) {
                var w = word
                while w != 0 {
                    body(UInt8(k << 6 | w.trailingZeroBitCount))
                    w &= w - 1
                }
            }
            each(words.0, 0)
            each(words.1, 1)
            each(words.2, 2)
            each(words.3, 3)
        }

        /// The bytes in both sets.
        func intersection(_ other: FirstByteSet) -> FirstByteSet {
            var both = FirstByteSet()
            both.words = (words.0 & other.words.0, words.1 & other.words.1, words.2 & other.words.2, words.3 & other.words.3)
            return both
        }

        @inline(__always)
        func contains(_ b: UInt8) -> Bool {
            let bit = UInt64(1) << (b & 63)
            switch b >> 6 {
            case 0: return words.0 & bit != 0
            case 1: return words.1 & bit != 0
            case 2: return words.2 & bit != 0
            default: return words.3 & bit != 0
            }
        }
    }

    /// `checkingPatterns`: compile every pattern now, so that a bad one throws here (the table
    /// check, `DataFileCheck`); otherwise each is compiled when a line first reaches it.
    public init(tsv lines: [String], checkingPatterns: Bool = false) throws {
        let rules: [Rule] = try lines.map { line in
            let cols = Self.fields(line, separator: 0x09)
            guard cols.count == 6, let scope = Scope(rawValue: cols[2]), let boundary = Boundary(rawValue: cols[3]) else {
                throw CivError.icu("boilerplate.tsv: malformed rule line: \(line)")
            }
            let action: Action = cols[1] == "drop" ? .drop : .moveToField(String(cols[1].dropFirst("field:".count)))
            // (Foundation's replacement cost half a million instructions a row at start-up: on bytes, where needed.)
            let pattern = Self.holdsEscapedNewline(cols[5]) ? Self.unescapingNewlines(cols[5]) : cols[5]
            // (A closing row's match must end the line: its whole regex answers.)
            let deciding = boundary == .closesPage ? pattern : RegexDecisionForm.pattern(of: pattern)
            return Rule(kind: cols[0], action: action, scope: scope, boundary: boundary,
                        keyword: cols[4] == "-" ? nil : cols[4], pattern: cols[5],
                        regex: checkingPatterns ? try ICURegex(pattern) : ICURegex(compilingOnFirstUse: pattern),
                        decidingRegex: deciding == pattern ? nil : checkingPatterns ? try ICURegex(deciding) : ICURegex(compilingOnFirstUse: deciding),
                        spansTwoLines: pattern.utf8.contains(0x0A))
        }
        self.rules = rules
        var literals = [Self.fullStopBytes] + Self.inLineStartBytes
        for rule in rules { for k in rule.keywordBytes where !literals.contains(k) { literals.append(k) } }
        let indexed = Array(literals.prefix(KeywordAutomaton.maxLiterals))
        keywords = KeywordAutomaton(literals: indexed)
        for rule in rules {
            rule.keywordMask = keywords.mask(of: rule.keywordBytes.filter(indexed.contains))
            rule.unindexedKeywords = rule.keywordBytes.filter { !indexed.contains($0) }
        }
        fullStopBit = keywords.mask(of: [Self.fullStopBytes])
        positionBit = keywords.mask(of: Self.inLineStartBytes)
        gluedTrailBits = keywords.mask(of: GluedTrailStart.literals.filter(indexed.contains))
        pageStartRules = rules.filter { $0.boundary == .startsPage && !$0.spansTwoLines }
        gluedStartRules = rules.filter { $0.boundary == .startsGlued && !$0.spansTwoLines }
        inLineStartRules = (pageStartRules + gluedStartRules).filter { $0.prefixes != nil }
        headOpeningRules = rules.filter { ($0.kind == "navigation" && $0.boundary == .closesPage) || $0.boundary == .startsGlued }
        // (An empty prefix admits any first byte.)
        headOpeningFirstBytes = headOpeningRules.map { FirstByteSet(prefixes: $0.prefixes.flatMap { $0.contains(where: \.isEmpty) ? nil : $0 }) }
        inLineStartWords = inLineStartRules.map { rule in
            Self.inLineStartBytes.enumerated().reduce(0) { mask, word in Self.holds(rule.pattern, word.element) ? mask | 1 << word.offset : mask }
        }
        pageEndRules = rules.filter { $0.boundary == .endsPage && !$0.spansTwoLines }
        pageCloseRules = rules.filter { $0.boundary == .closesPage && !$0.spansTwoLines }
        // (Anchored ones only: `查看内容$` ends a banner, it does not make one.)
        bannerRules = rules.filter { $0.kind == "banner" && !$0.spansTwoLines && $0.pattern.hasPrefix("^") }
        let scopes = rules.map(\.scope), keywordMasks = rules.map(\.keywordMask), spansTwoLines = rules.map(\.spansTwoLines)
        self.scopes = scopes
        self.keywordMasks = keywordMasks
        openings = rules.map { RulePrefilter.openingBits(of: $0.prefixes) }
        self.spansTwoLines = spansTwoLines
        let firstBytes = rules.map { FirstByteSet(prefixes: $0.prefixes) }
        self.firstBytes = firstBytes
        let admitted = firstBytes.map(\.bytes)
        (candidateRules, candidateStarts) = Self.candidateLists(scopes: scopes, admitted: admitted) { _ in true }
        (keywordlessRules, keywordlessStarts) = Self.candidateLists(scopes: scopes, admitted: admitted) { keywordMasks[$0] == 0 || spansTwoLines[$0] }
        pageStartFirstBytes = pageStartRules.map { FirstByteSet(prefixes: $0.prefixes) }
        pageEndFirstBytes = pageEndRules.map { FirstByteSet(prefixes: $0.prefixes) }
        pageCloseFirstBytes = pageCloseRules.map { FirstByteSet(prefixes: $0.prefixes) }
        pageStartMasks = pageStartRules.map(\.keywordMask)
        pageEndMasks = pageEndRules.map(\.keywordMask)
        pageCloseMasks = pageCloseRules.map(\.keywordMask)
        pageStartOpenings = pageStartRules.map { RulePrefilter.openingBits(of: $0.prefixes) }
        pageEndOpenings = pageEndRules.map { RulePrefilter.openingBits(of: $0.prefixes) }
        pageCloseOpenings = pageCloseRules.map { RulePrefilter.openingBits(of: $0.prefixes) }
    }

    /// For each zone and first byte (`zone << 8 | byte`), the rules that `included` keeps, in scope
    /// and admitting the byte, in table order (`candidateRules`, `candidateStarts`). Counted, then
    /// written in place: appending rule by rule, testing every byte for every rule, cost some 7M
    /// instructions at every start-up.
    /// (`admitted`: each rule's `FirstByteSet.bytes`.)
    private static func candidateLists(scopes: [Scope], admitted: [[UInt8]], including included: (Int) -> Bool) -> ([UInt16], [Int32]) {
        let inZones = (0 ..< 8).map { zone in scopes.indices.filter { included($0) && inScope(scopes[$0], zone: zone) } }
        // (On buffers: some 75 thousand entries, and an array's uniqueness test on each cost more
        // than the entry.)
        var starts = [Int32](repeating: 0, count: 8 * 256 + 1)
        starts.withUnsafeMutableBufferPointer { starts in
            for zone in 0 ..< 8 {
                for r in inZones[zone] { admitted[r].withUnsafeBufferPointer { for b in $0 { starts[(zone << 8 | Int(b)) + 1] += 1 } } }
            }
            for k in 1 ..< starts.count { starts[k] += starts[k - 1] }
        }
        var next = starts
        let total = Int(starts[starts.count - 1])
        let list = [UInt16](unsafeUninitializedCapacity: total) { buffer, count in
            next.withUnsafeMutableBufferPointer { next in
                for zone in 0 ..< 8 {
                    for r in inZones[zone] {
                        admitted[r].withUnsafeBufferPointer { bytes in
                            for b in bytes {
                                let k = zone << 8 | Int(b)
                                buffer[Int(next[k])] = UInt16(r)
                                next[k] += 1
                            }
                        }
                    }
                }
            }
            count = total
        }
        return (list, starts)
    }

    /// Whether one of `rules` may match `line` holding `keywords` (first byte, then the rule's prefilter).
    @inline(__always)
    private static func anyMayMatch(_ rules: [Rule], _ firstBytes: [FirstByteSet], _ masks: [KeywordAutomaton.Bits], _ openings: [UInt64],
                                    _ line: UnsafeBufferPointer<UInt8>, keywords: KeywordAutomaton.Bits) -> Bool {
        let first = line.first ?? 0, opening = RulePrefilter.openingBit(line)
        for r in rules.indices where firstBytes[r].contains(first) && masks[r] & ~keywords == 0 && openings[r] & opening != 0
            && rules[r].mayMatch(line, keywords: keywords) { return true }
        return false
    }

    /// The keywords of the rules (and the marks `gluedPageStart` looks for) that `line` holds;
    /// 0 for a line longer than any rule takes.
    func keywords(in line: UnsafeBufferPointer<UInt8>) -> KeywordAutomaton.Bits {
        line.count <= Self.maxLineBytes ? keywords.literals(in: line) : 0
    }

    public static let standard: BoilerplateRules = {
        do { return try BoilerplateRules(tsv: DataFile.lines("boilerplate.tsv")) } catch { fatalError("\(error)") }
    }()

    /// Whether `rule` applies to line `index` of a document of `count` lines.
    static func inScope(_ rule: Rule, index: Int, count: Int) -> Bool {
        inScope(rule.scope, index: index, count: count)
    }

    /// The zones line `index` of `count` lies in, as bits: 1 the first line, 2 the head, 4 the tail.
    @inline(__always)
    static func zone(index: Int, count: Int) -> Int {
        (index == 0 ? 1 : 0) | (index < zoneLines ? 2 : 0) | (index >= count - zoneLines ? 4 : 0)
    }

    static func inScope(_ scope: Scope, zone: Int) -> Bool {
        switch scope {
        case .first: return zone & 1 != 0
        case .head: return zone & 2 != 0
        case .tail: return zone & 4 != 0
        case .any: return true
        }
    }

    /// Calls `body` with the index of each rule that may take line `index` of `count` starting
    /// with `firstByte` (its scope and first byte allow it), in table order, until it returns true;
    /// returns that index.
    @inline(__always)
    func firstCandidate(index: Int, count: Int, firstByte: UInt8, where body: (Int) -> Bool) -> Int? {
        let k = Self.zone(index: index, count: count) << 8 | Int(firstByte)
        return candidateRules.withUnsafeBufferPointer { list in
            for j in Int(candidateStarts[k]) ..< Int(candidateStarts[k + 1]) where body(Int(list[j])) { return Int(list[j]) }
            return nil
        }
    }

    /// The same, given the line's keywords (asked only when some rule may start the line): only
    /// the rules whose keywords the line holds, and those over two lines, are visited (the rules
    /// passed over could not take it: `Rule.mayMatch` fails on their keywords), in the same order;
    /// a line holding none visits only the rules that need none. Rules whose prefixes begin
    /// otherwise than `line` (`openings`) are passed over too.
    @inline(__always)
    func firstCandidate(index: Int, count: Int, line: UnsafeBufferPointer<UInt8>, keywords: () -> KeywordAutomaton.Bits, where body: (Int) -> Bool) -> Int? {
        let k = Self.zone(index: index, count: count) << 8 | Int(line.first ?? 0)
        guard candidateStarts[k] < candidateStarts[k + 1] else { return nil }
        let held = keywords()
        let opening = RulePrefilter.openingBit(line)
        return openings.withUnsafeBufferPointer { openings in
            guard held == 0 else {
                // The rules of one line whose keywords the line lacks are passed over here, without a
                // call (most candidates of most lines): `Rule.mayMatch` fails on them.
                return candidateRules.withUnsafeBufferPointer { list in
                    keywordMasks.withUnsafeBufferPointer { masks in
                        spansTwoLines.withUnsafeBufferPointer { twoLines in
                            for j in Int(candidateStarts[k]) ..< Int(candidateStarts[k + 1]) {
                                let r = Int(list[j])
                                if (masks[r] & ~held != 0 && !twoLines[r]) || openings[r] & opening == 0 { continue }
                                if body(r) { return r }
                            }
                            return nil
                        }
                    }
                }
            }
            return keywordlessRules.withUnsafeBufferPointer { list in
                for j in Int(keywordlessStarts[k]) ..< Int(keywordlessStarts[k + 1]) where openings[Int(list[j])] & opening != 0 && body(Int(list[j])) { return Int(list[j]) }
                return nil
            }
        }
    }

    @inline(__always)
    static func inScope(_ scope: Scope, index: Int, count: Int) -> Bool {
        switch scope {
        case .first: return index == 0
        case .head: return index < zoneLines
        case .tail: return index >= count - zoneLines
        case .any: return true
        }
    }

    /// True when `line` begins a new page (a breadcrumb or a site banner).
    public func startsPage(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { startsPage($0) }
    }

    /// The same on a line's UTF-8 bytes: civ-clean asks it of every line, before the line
    /// becomes a String.
    public func startsPage(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        startsPage(line, keywords: keywords(in: line))
    }

    /// The same, given the line's `keywords(in:)` (civ-clean finds them once a line).
    func startsPage(_ line: UnsafeBufferPointer<UInt8>, keywords: KeywordAutomaton.Bits) -> Bool {
        let first = line.first ?? 0, opening = RulePrefilter.openingBit(line)
        for r in pageStartRules.indices where pageStartFirstBytes[r].contains(first) && pageStartMasks[r] & ~keywords == 0
            && pageStartOpenings[r] & opening != 0 && pageStartRules[r].matches(line, keywords: keywords) { return true }
        return false
    }

    /// Whether a rule of `headOpeningRules` takes `p` (a glued line's tail: a menu of the site
    /// tools, a glued start): each rule tried only when `p`'s first byte may begin it.
    func opensHead(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = p.first else { return headOpeningRules.contains { $0.matches(p) } }
        for r in headOpeningRules.indices where headOpeningFirstBytes[r].contains(first) && headOpeningRules[r].matches(p) { return true }
        return false
    }

    /// `gluedPageStart(in:)` on UTF-8 bytes: the byte offset where the next page begins.
    public func gluedPageStart(in line: UnsafeBufferPointer<UInt8>) -> Int? {
        gluedPageStart(in: line, keywords: keywords(in: line))
    }

    /// The same, given the line's `keywords(in:)`.
    func gluedPageStart(in line: UnsafeBufferPointer<UInt8>, keywords: KeywordAutomaton.Bits) -> Int? {
        // The String version's own first tests, on the bytes: a line that passes none of them
        // (most lines) needs no String. (A line longer than `maxLineBytes` passes none.)
        guard line.count <= Self.maxLineBytes else { return nil }
        let mayEnd = Self.anyMayMatch(pageEndRules, pageEndFirstBytes, pageEndMasks, pageEndOpenings, line, keywords: keywords)
        let mayClose = !mayEnd && keywords & fullStopBit == 0 && Self.anyMayMatch(pageCloseRules, pageCloseFirstBytes, pageCloseMasks, pageCloseOpenings, line, keywords: keywords)
        let mayHoldBreadcrumb = keywords & positionBit != 0
        guard mayEnd || mayClose || mayHoldBreadcrumb else { return nil }
        // A line that may hold only a start inside it (`首页`, `位置` in prose, most such lines): the
        // String version's last test, on the bytes from the second byte on (its own candidates, from
        // the second character on, are among these), builds no String when no start is there.
        if !mayEnd && !mayClose && laterPageStart(in: line, from: 1) == nil { return nil }
        return gluedPageStart(bytes: line, keywords: keywords)
    }

    /// `GluedTrailStart.start` on a line's bytes, given its `keywords(in:)`: a line holding none of
    /// its literals is not searched.
    func gluedTrailStart(in line: UnsafeBufferPointer<UInt8>, keywords: KeywordAutomaton.Bits) -> Int? {
        guard keywords & gluedTrailBits != 0 else { return nil }
        return GluedTrailStart.start(in: line) { startsPage($0) }
    }

    /// In a line where one page's last line and the next page's first line were glued together
    /// (files without a final newline, then `cat`), where the next page begins: right after an
    /// end-of-page marker (`相关分类`, a copyright note), provided that what follows starts a page
    /// or the marker closes with a bracket or final punctuation (then it cannot go on).
    ///
    /// When neither holds, a page start further on in the line still splits it: a copyright line
    /// whose site name and `All Rights Reserved` run straight into the next page's breadcrumb
    /// (`版权所有：某某网 Copyright © 2023 All Rights Reserved当前位置：首页`). Only the starts
    /// that have a fixed opening (the breadcrumb markers) are looked for there.
    public func gluedPageStart(in line: String) -> String.Index? {
        var text = line
        return text.withUTF8 { gluedPageStart(bytes: $0, keywords: keywords(in: $0)) }.map { line.utf8.index(line.startIndex, offsetBy: $0) }
    }

    /// The same on a line's bytes, given its `keywords(in:)`: the byte offset. The line becomes
    /// a String only where a rule's answer reads one (a marker matched with text after it, a
    /// start found inside the line): most lines that reach here hold neither.
    func gluedPageStart(bytes p: UnsafeBufferPointer<UInt8>, keywords: KeywordAutomaton.Bits) -> Int? {
        // The line as a String, made once when first asked for, and an offset as its index.
        var madeText: String? = nil
        func text() -> String {
            if let madeText { return madeText }
            let made = String(decoding: p, as: UTF8.self)
            madeText = made
            return made
        }
        func index(_ offset: Int) -> String.Index { let line = text(); return line.utf8.index(line.startIndex, offsetBy: offset) }
        for rule in pageEndRules {
            guard let end = rule.matchEnd(in: p, keywords: keywords), end < p.count else { continue }
            let restBytes = UnsafeBufferPointer(rebasing: p[end...])
            // (A page's keyword line, `某某新闻，某某县新闻网，某某最新消息，…`, is its first line too.)
            if startsPage(restBytes) || LinkLines.isMenu(String(decoding: restBytes, as: UTF8.self)) || Self.closesBefore(p, end, in: text, index)
                || gluedStartRules.contains(where: { $0.matches(restBytes) }) || HeadlessPageStart.isKeywordList(restBytes) { return end }
            // A site's name right after the marker is the next page's banner, unless the marker
            // may be followed by its owner (`版权所有某某网`, with no owner named before it).
            if ScalarClass.isHan(UTF8Bytes.scalar(p, at: end).value) {
                let line = text(), at = index(end)
                if isBannerName(String(line[at...])), !Self.mayNameOwnerAfter(line[..<at]) { return end }
            }
            if let start = laterPageStart(in: p, from: end) { return start }
            if Self.mayHoldBannerAfterLatin(p), let start = bannerAfterLatin(in: text(), after: index(end)) {
                return text().utf8.distance(from: text().startIndex, to: start)
            }
        }
        // A page's last line (a registration number, `All Rights Reserved`, `【关闭窗口】`) with
        // more text right after it, no space between: the next page's first line.
        // A page's last line has no full stop (prose lines do, and are most lines): one byte scan
        // spares them the rules.
        let closable = !UTF8Bytes.contains(p, Self.fullStopBytes)
        for rule in pageCloseRules where closable {
            guard let end = rule.matchEnd(in: p, keywords: keywords), end < p.count else { continue }
            if let next = Unicode.Scalar(UTF8Bytes.scalar(p, at: end).value), Self.mayBeginPage(next) { return end }
        }
        // A breadcrumb (or another start with a fixed opening) inside the line, after whatever
        // last line the page before ended with (`下一篇：某某工作会议召开您当前的位置：首页 >> 要闻`).
        // (Only past the line's first character: a line that begins with one, `首页 > 新闻`, is a page's own line.)
        if p.count <= Self.maxLineBytes, p.count > 1, Self.inLineStartBytes.contains(where: { UTF8Bytes.contains(UnsafeBufferPointer(rebasing: p[1...]), $0) }),
           let startOffset = laterPageStart(in: p, from: Self.firstCharacterLength(p, in: text)), !startsPage(p),
           // A line a glued start's rule takes from its first character (`进入长者模式|无障碍阅读`) is
           // that page's own first line, not a start glued after `进入`.
           !gluedStartRules.contains(where: { $0.matches(p) }) {
            let line = text(), start = index(startOffset)
            // A welcome inside a sentence (`他说：欢迎来到…！`) is the sentence's.
            // `网站首页 | 乡情概况 | …` is a menu whose first item is the home page, not a trail glued after `网站`.
            if line[..<start] == "网站" { return nil }
            // A greeting right after a colon or a quote mark is someone's speech (`他说：您好，欢迎…`).
            if line[start...].hasPrefix("您好") || line[start...].hasPrefix("你好"),
               let before = line[..<start].unicodeScalars.last, "：:“\"「，".unicodeScalars.contains(before) { return nil }
            // (Unless a sure end closes the text before: `网站标识码：4307000042欢迎来到…` is a field's value, no speech.)
            if line[start...].hasPrefix("欢迎"), line[..<start].unicodeScalars.contains(where: { "，。！？；：:".unicodeScalars.contains($0) }),
               !PageHeadCut.endsSurely(UnsafeBufferPointer(rebasing: p[..<startOffset])) { return nil }
            // A trail whose first item names its site (`…分辨率浏览华源网首页 > 资讯`) begins at the name.
            return PageHeadCut.namedHomeStart(p, home: startOffset) ?? startOffset
        }
        return nil
    }

    /// Whether the Character before `end` closes (`）)！!。`): then nothing can go on after the
    /// marker. Read on the bytes where no scalar around it can join it into a larger Character
    /// (ASCII, Han, anything below U+0600 before it; below U+0300 or Han after it), else as the
    /// String reads it.
    static func closesBefore(_ p: UnsafeBufferPointer<UInt8>, _ end: Int, in text: () -> String, _ index: (Int) -> String.Index) -> Bool {
        let (v, s) = UTF8Bytes.scalar(p, endingAt: end)
        let after = end == p.count || p[end] < 0xCC || (0xE4 ... 0xE9).contains(p[end])
        let before = s == 0 || { let b = UTF8Bytes.scalar(p, endingAt: s).value; return b < 0x600 || ScalarClass.isHan(b) }()
        if after && before { return closingMarks.contains(v) }
        let line = text()
        return "）)！!。".contains(line[line.index(before: index(end))])
    }
    static let closingMarks: [UInt32] = [0xFF09, 0x29, 0xFF01, 0x21, 0x3002]

    /// The length in bytes of the line's first Character: its first scalar's where what follows
    /// cannot join it (ASCII or Han, after ASCII but CR, or after Han), else as the String counts it.
    static func firstCharacterLength(_ p: UnsafeBufferPointer<UInt8>, in text: () -> String) -> Int {
        let (v, length) = UTF8Bytes.scalar(p, at: 0)
        if (v < 0x80 && v != 0x0D) || ScalarClass.isHan(v) {
            if length >= p.count || p[length] < 0x80 || (0xE4 ... 0xE9).contains(p[length]) { return length }
        }
        let line = text()
        return line.utf8.distance(from: line.startIndex, to: line.index(after: line.startIndex))
    }

    /// `line` split at every `separator` byte, empty fields kept. On bytes: String's split
    /// compares Characters (grapheme clusters), 20 thousand instructions a table row at start-up.
    static func fields(_ line: String, separator: UInt8) -> [String] {
        var line = line
        return line.withUTF8 { p in
            var fields: [String] = [], start = 0
            for i in 0 ... p.count where i == p.count || p[i] == separator {
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: p[start ..< i]), as: UTF8.self))
                start = i + 1
            }
            return fields
        }
    }

    /// Whether `text` holds `word`, on bytes.
    static func holds(_ text: String, _ word: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { UTF8Bytes.contains($0, word) }
    }

    /// `pattern` with each `\n` (backslash, n) made a line feed, left to right.
    static func unescapingNewlines(_ pattern: String) -> String {
        let bytes = Array(pattern.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x5C, i + 1 < bytes.count, bytes[i + 1] == 0x6E {
                out.append(0x0A)
                i += 2
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `\n` in a pattern (a rule over two lines), found on bytes: Foundation's search costs more.
    static func holdsEscapedNewline(_ pattern: String) -> Bool {
        let bytes = Array(pattern.utf8)
        return bytes.indices.dropLast().contains { bytes[$0] == 0x5C && bytes[$0 + 1] == 0x6E }
    }

    /// Whether `text` matches a site banner's rule (any scope: a glued line's tail is a page's first line).
    func isBanner(_ text: String) -> Bool {
        bannerRules.contains { $0.matches(text) }
    }

    /// A glued line's tail that is a banner by its rule and names a site in its first item: no
    /// digits there (`备10001234号江岸网` is a registration's number and unit, then a banner).
    func isBannerName(_ text: String) -> Bool {
        let firstItem = text.unicodeScalars.prefix { !$0.properties.isWhitespace }
        return !firstItem.contains { ("0"..."9").contains($0) } && isBanner(text)
    }

    /// A footer ending in `版权所有` (`版权所有：`, `版权所有©`) whose owner is not named before it:
    /// the owner may follow.
    static func mayNameOwnerAfter(_ before: Substring) -> Bool {
        var marker = before
        while let last = marker.unicodeScalars.last, " ：:©(（".unicodeScalars.contains(last) { marker = marker.dropLast() }
        guard marker.hasSuffix("所有") else { return false }
        let owner = marker.dropLast(marker.hasSuffix("版权所有") ? 4 : 2)
        return owner.unicodeScalars.filter { ScalarClass.isHan($0) }.count < minOwnerHan
    }
    static let minOwnerHan = 2

    /// In a footer line, Han text glued right after Latin letters (`…Power by
    /// DedeCms百科知识网`) that reads as a site's banner: the next page's first line.
    func bannerAfterLatin(in line: String, after from: String.Index) -> String.Index? {
        // The cheap test first.
        var bytes = line
        guard bytes.withUTF8(Self.mayHoldBannerAfterLatin) else { return nil }
        var previous: Unicode.Scalar? = nil
        var i = from
        let scalars = line.unicodeScalars
        while i < scalars.endIndex {
            let c = scalars[i]
            // After letters only: after digits a Han character is their unit (`…备10001234号`, `12号`).
            if let p = previous, p.isASCII, p.properties.isAlphabetic, ScalarClass.isHan(c.value),
               isBannerName(String(line.unicodeScalars[i...])) {
                return i
            }
            previous = c
            i = scalars.index(after: i)
        }
        return nil
    }

    /// `bannerAfterLatin`'s cheap test: an ASCII letter right before a multi-byte character's lead byte.
    static func mayHoldBannerAfterLatin(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        p.indices.dropLast().contains { i in (p[i] | 0x20) >= 0x61 && (p[i] | 0x20) <= 0x7A && p[i + 1] >= 0xE3 }
    }

    /// `位置`, which every breadcrumb marker holds: the cheap test before looking for one inside a line.
    static let positionBytes = Array("位置".utf8)
    /// The words that other page starts with a fixed opening hold, looked for inside a line too: a
    /// site's welcome (`欢迎来到某某文库！`), a preview's note (`已阅读3页，还剩17页未读`), a menu of the
    /// site's tools (`繁体 | 无障碍 | 适老化`: such a menu names 无障碍), a trail from the home page
    /// (`首页 > 精选范文`), a government portal's bar of links (`中国政府网 省政府网`), a reading-time
    /// note (`本篇文章512字，读完约1分钟`), a forum archive's first line (`查看完整版本：[-- 标题 --]`). A
    /// rule's openings are searched when the line holds a word its pattern holds.
    static let inLineStartBytes = ["位置", "欢迎", "已阅读", "无障碍", "首页", "政府网", "读完", "查看完整版本"].map { Array($0.utf8) }
    static let fullStopBytes = Array("。".utf8)

    /// Whether a page's first line may begin with `c`: not white space, not a digit, nor a mark
    /// that goes on with what came before (`-1`, `）`, `，`).
    static func mayBeginPage(_ c: Unicode.Scalar) -> Bool {
        if c.properties.isWhitespace || ("0"..."9").contains(c) { return false }
        // (A parenthesis right after a number labels it: `监督电话：0739-6152307（镇纪委）`.)
        return !"-–—)）]】，,。.、：:；;！!？?|/·（(".unicodeScalars.contains(c)
    }

    /// The first place after `from` where a page-start rule with a fixed opening matches.
    func laterPageStart(in line: String, after from: String.Index) -> String.Index? {
        var text = line
        let base = line.utf8.distance(from: line.startIndex, to: from)
        return text.withUTF8 { laterPageStart(in: $0, from: base) }.map { line.utf8.index(line.startIndex, offsetBy: $0) }
    }

    /// The same on a line's bytes, from byte offset `base` on: the offset.
    func laterPageStart(in p: UnsafeBufferPointer<UInt8>, from base: Int) -> Int? {
        // Where an opening stands, and whether only a rule for a glued start has it.
        var found: [(at: Int, gluedOnly: Bool)] = []
        // Only the rules whose pattern holds one of the words the line holds (`位置`, `首页`…).
        var held = 0
        for (k, word) in Self.inLineStartBytes.enumerated() where UTF8Bytes.contains(p, word) { held |= 1 << k }
        guard held != 0 else { return nil }
        for (r, rule) in inLineStartRules.enumerated() where inLineStartWords[r] & held != 0 {
            let gluedOnly = rule.boundary == .startsGlued
            for prefix in rule.prefixes ?? [] {
                var i = base
                while i + prefix.count <= p.count {
                    let rest = UnsafeBufferPointer(rebasing: p[i...])
                    guard let hit = UTF8Bytes.firstIndex(of: prefix, in: rest) else { break }
                    // Glued after text, never after a separator: `无障碍 | 长者模式 | 繁体版` is one menu,
                    // `位置：首页 >> 要闻` one trail.
                    if !gluedOnly || !PageHeadCut.isSeparator(UTF8Bytes.scalar(p, endingAt: i + hit).value) {
                        found.append((i + hit, gluedOnly))
                    }
                    i += hit + 1
                }
            }
        }
        found.sort { $0.at < $1.at || ($0.at == $1.at && !$0.gluedOnly) }
        for (start, gluedOnly) in found {
            let rest = UnsafeBufferPointer(rebasing: p[start...])
            if gluedOnly ? gluedStartRules.contains(where: { $0.matches(rest) }) : startsPage(rest) {
                return siteNameBeforeHome(in: p, at: start) ?? start
            }
        }
        return nil
    }

    /// A trail whose first item is the site's home page under its name (`网易首页 > 网易号 > 正文`),
    /// glued after the old page's last line: where that name begins, when a footer's end stands
    /// right before it (`打开APP 查看更多网易首页`); nil to keep the cut at `首页`.
    func siteNameBeforeHome(in p: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        guard UnsafeBufferPointer(rebasing: p[start...]).starts(with: Self.homeBytes) else { return nil }
        var j = start, names: [Int] = []
        while j > 0, names.count < Self.maxSiteNameHan {
            let (v, s) = UTF8Bytes.scalar(p, endingAt: j)
            guard ScalarClass.isHan(v) else { break }
            j = s
            names.append(j)
        }
        // The longest name of two characters or more after which the old page ends.
        return names.dropFirst().reversed().first { j in j > 0 && PageHeadCut.endsFooter(UnsafeBufferPointer(rebasing: p[..<j])) }
    }
    static let homeBytes = Array("首页".utf8)
    static let maxSiteNameHan = 4
}
