import Foundation

/// Traditional to Simplified Chinese, byte for byte as ICU's `Traditional-Simplified`
/// transliterator (`utrans_transUChars`), on UTF-8 bytes and without ICU.
///
/// The rules are ICU's own, read from `Resources/traditional-simplified.tsv` (generated from the
/// installed ICU by `scripts/generate-t2s-table`; a test fails when ICU's rules differ). ICU's
/// rule-based transliterator scans left to right: at each position it applies the first rule, in
/// rule order, whose key matches there, writes its value and goes on after the key; where no
/// rule matches it copies one code point. All rules that can match at a position begin with the
/// code point there, so the rules are grouped by first code point, in rule order:
///
/// - `bmp` holds one `UInt32` per BMP code point (supplementary ones in a sorted side table):
///   0 when nothing applies (no rule, or a rule that keeps its key: copying is the same);
///   else, without `groupFlag`, a replacement for the code point alone: offset of its value
///   in `pool` (bits 0–23) and its length in bytes (bits 24–30);
///   else, with `groupFlag`, the index of a `Group`: the phrase rules beginning with the code
///   point, in rule order (the first whose remaining key bytes follow wins), then the code
///   point's own rule (or copying) when none matches.
///
/// Counting: `convert(utf8:into:)` returns what `TraditionalConversion` has always counted for a
/// line: 0 when the output equals the input; else, when they hold as many scalars, the number of
/// positions whose scalar differs; else max(1, difference in scalar count). When every rule keeps
/// the scalar count of its key (true of ICU's table) that is the sum of a per-rule count, kept in
/// the table; otherwise the line is compared after conversion.
public final class TraditionalToSimplified: @unchecked Sendable {
    public static let tableName = "traditional-simplified.tsv"

    static let groupFlag: UInt32 = 1 << 31
    static let offsetMask: UInt32 = 0x00FF_FFFF
    private static let maxInlineLength = 0x7F
    /// Slack after the pool and after the worst-case output: short copies move whole words.
    static let padding = 16

    /// (Its layout is `ConversionImage`'s: the image is read in place.)
    struct Phrase {
        /// The first (up to) four bytes of `rest`, little-endian, and which of them count: a quick
        /// test before comparing the rest.
        var head: UInt32
        var headMask: UInt32
        /// The key's bytes after its first code point, in `pool`.
        var rest: Int32
        var restLength: Int32
        /// The value in `pool`; 0 when the value equals the key (the bytes are kept as they are).
        var value: Int32
        var valueLength: Int32
        var changes: Int32
    }

    struct Group {
        var start: Int32
        var count: Int32
        /// The code point's own replacement in `pool`, 0 to copy it.
        var fallback: Int32
        var fallbackLength: Int32
        var fallbackChanges: Int32
        /// One bit per `nextBit` of the three bytes after the code point with which one of its
        /// phrases may go on (all bits when a phrase's rest is shorter): most of the code points
        /// that begin phrases (不, 一, 中) begin none at a given place, and skip the phrases.
        var nextBits: UInt64
    }

    /// The bit of `nextBits` for the (up to) four bytes `next` after a code point: its first three.
    @inline(__always)
    private static func nextBit(_ next: UInt32) -> UInt64 {
        1 << ((UInt64(next & 0x00FF_FFFF) &* 0x9E37_79B9_7F4A_7C15) >> 58)
    }

    /// One step of the scan: the bytes up to `end` become `pool[value..<value+valueLength]`, or
    /// stay as they are when `value` is 0.
    private struct Step {
        var end: Int
        var value: Int
        var valueLength: Int
        var changes: Int
    }

    /// The tables the scan reads (`ConversionTables`).
    let tables: ConversionTables
    /// The mapped image the tables lie in (`ConversionImage`); nil when they were built and are owned.
    private let image: ImageBytes?
    // What callers and tests read of the tables (`ConversionTables` says what each means).
    public var maxKeyBytes: Int { tables.maxKeyBytes }
    public var lengthPreserving: Bool { tables.lengthPreserving }
    public var ruleCount: Int { tables.ruleCount }

    /// ICU's rules alone (`init(icuExact: true)`).
    public convenience init() throws {
        try self.init(icuExact: true)
    }

    /// ICU's rules with civ's conversion exceptions on top (`t2s-exceptions.tsv`, from OpenCC's
    /// dictionaries by `scripts/generate-t2s-exceptions`); `icuExact` leaves them out (ICU alone).
    /// Mapped from their image (`ConversionImage`, made from those tables by
    /// `scripts/generate-t2s-table --binary`), or built from the tables when `CIV_DATA_DIR` holds one of them.
    public convenience init(icuExact: Bool) throws {
        let overridden = DataFile.isOverridden(Self.tableName) || (!icuExact && DataFile.isOverridden(Self.exceptionsName))
        try self.init(icuExact: icuExact, fromTables: overridden)
    }

    /// The same, built from the tables (`traditional-simplified.tsv`, `t2s-exceptions.tsv`) when
    /// `fromTables`, else mapped from the image made from them.
    public convenience init(icuExact: Bool, fromTables: Bool) throws {
        guard fromTables else {
            let source = icuExact ? Self.tableName : "\(Self.tableName) and \(Self.exceptionsName)"
            self.init(image: DataFile.image(ConversionImage.name(icuExact: icuExact), source: source,
                                            script: "scripts/generate-t2s-table --binary", ConversionImage.init))
            return
        }
        if icuExact {
            guard let text = DataFile.contents(Self.tableName) else {
                throw CivError.icu("data file \(Self.tableName) is missing from the CivKit resources (scripts/generate-t2s-table makes it)")
            }
            var t = text
            let rules = try t.withUTF8 { try Self.parseTable($0) }
            try self.init(byteRules: rules)
            return
        }
        guard let text = DataFile.contents(Self.tableName), let exceptions = DataFile.contents(Self.exceptionsName) else {
            throw CivError.icu("data file \(Self.tableName) or \(Self.exceptionsName) is missing from the CivKit resources")
        }
        var t = text, e = exceptions
        let icu = try t.withUTF8 { try Self.parseTable($0) }
        let extra = try e.withUTF8 { try Self.parseTable($0) }
        try self.init(byteRules: Self.merging(icu: icu, exceptions: extra))
    }

    public static let exceptionsName = "t2s-exceptions.tsv"

    /// The rules in the order the scan wants them: exception phrases first, longest first (they
    /// win where they start), then ICU's rules, a character's own rule replaced by its exception
    /// (added at the end when ICU has none): what `scripts/generate-t2s-exceptions` assumed.
    static func merging(icu: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)], exceptions: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)]) -> [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] {
        func isCharacter(_ key: ArraySlice<UInt8>) -> Bool {
            guard let first = key.first else { return false }
            let width = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4
            return key.count == width
        }
        // A one-character key as a number (its bytes, at most four): hashing slices byte by
        // byte cost milliseconds at every start-up.
        func packed(_ key: ArraySlice<UInt8>) -> UInt32 { key.reduce(0) { $0 << 8 | UInt32($1) } }
        var characters: [UInt32: ArraySlice<UInt8>] = [:]
        var phrases: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] = []
        for rule in exceptions {
            if isCharacter(rule.key) { characters[packed(rule.key)] = rule.value } else { phrases.append(rule) }
        }
        // Stable: keys of one length keep the file's order.
        let byLength = phrases.enumerated().sorted { a, b in
            let (la, lb) = (a.element.key.count, b.element.key.count)
            return la != lb ? la > lb : a.offset < b.offset
        }.map(\.element)
        var merged = byLength
        var replaced = Set<UInt32>()
        for rule in icu {
            if isCharacter(rule.key), let value = characters[packed(rule.key)], !replaced.contains(packed(rule.key)) {
                merged.append((rule.key, value))
                replaced.insert(packed(rule.key))
            } else {
                merged.append(rule)
            }
        }
        for rule in exceptions where isCharacter(rule.key) && !replaced.contains(packed(rule.key)) {
            merged.append(rule)
            replaced.insert(packed(rule.key))
        }
        return merged
    }

    /// A converter for the given rules, in rule order (tests use it with rules of their own).
    public convenience init(rules: [TransliterationRule]) throws {
        try self.init(byteRules: rules.map { (Array($0.key.utf8)[...], Array($0.value.utf8)[...]) })
    }

    /// The rules of `traditional-simplified.tsv` (or of another table of the kind) as text, in
    /// order (tests compare them with ICU's).
    public static func tableRules(_ name: String = tableName) throws -> [TransliterationRule] {
        guard let text = DataFile.contents(name) else { throw CivError.icu("data file \(name) is missing") }
        var t = text
        return try t.withUTF8 { try parseTable($0) }.map {
            TransliterationRule(key: String(decoding: $0.key, as: UTF8.self), value: String(decoding: $0.value, as: UTF8.self))
        }
    }

    /// `KEY<TAB>VALUE` lines; `#` lines are comments, blank lines are skipped, a final `\r` is dropped.
    static func parseTable(_ bytes: UnsafeBufferPointer<UInt8>) throws -> [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] {
        let all = Array(bytes)
        var rules: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] = []
        rules.reserveCapacity(4096)
        var lineStart = 0, lineNumber = 0
        while lineStart < all.count {
            lineNumber += 1
            var lineEnd = lineStart
            while lineEnd < all.count, all[lineEnd] != 0x0A { lineEnd += 1 }
            let next = lineEnd + 1
            if lineEnd > lineStart, all[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            defer { lineStart = next }
            if lineEnd == lineStart || all[lineStart] == 0x23 /* # */ { continue }
            var tab = lineStart
            while tab < lineEnd, all[tab] != 0x09 { tab += 1 }
            guard tab < lineEnd, tab > lineStart else {
                throw CivError.icu("\(tableName) line \(lineNumber): expected KEY<TAB>VALUE (rerun scripts/generate-t2s-table)")
            }
            rules.append((all[lineStart..<tab], all[(tab + 1)..<lineEnd]))
        }
        return rules
    }

    private init(byteRules rules: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)]) throws {
        // Runs at every start-up, over some 6000 rules: the scalars go into arrays reused from
        // rule to rule.
        func scalars(_ p: UnsafeBufferPointer<UInt8>, into out: inout [UInt32]) throws {
            out.removeAll(keepingCapacity: true)
            var valid = true
            var i = 0
            while i < p.count {
                let (v, length) = UTF8Bytes.scalar(p, at: i)
                if v == 0xFFFD && length == 1 { valid = false; break }
                out.append(v)
                i += length
            }
            guard valid else { throw CivError.icu("\(Self.tableName): a rule is not valid UTF-8 (rerun scripts/generate-t2s-table)") }
        }

        var pool: [UInt8] = [0]  // offset 0 means "copy"
        func store(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
            let offset = pool.count
            pool.append(contentsOf: bytes)
            return Int32(offset)
        }

        // Group the rules by first code point, in rule order; a single-code-point rule ends its
        // group (it always matches, so nothing after it with the same start can).
        struct Pending {
            var codePoint: UInt32
            var phrases: [Phrase] = []
            var single: (value: Int32, length: Int32, changes: Int32)? = nil
        }
        // In order of first appearance; changed in place (a copy out of a dictionary and back
        // copied each group's phrases at every phrase added).
        var pending: [Pending] = []
        var groupOf: [UInt32: Int] = [:]
        groupOf.reserveCapacity(rules.count)
        var lengthPreserving = true, asciiKeys = false
        var maxKeyBytes = 4, maxExpansion = 1
        var key: [UInt32] = [], value: [UInt32] = []
        // Each rule's bytes are read in place: copying its slices out retained and released
        // them several times a rule (9M instructions at every start-up).
        for r in rules.indices {
            try rules[r].key.withUnsafeBufferPointer { ruleKey in try rules[r].value.withUnsafeBufferPointer { ruleValue in
                let rule = (key: ruleKey, value: ruleValue)
                try scalars(rule.key, into: &key)
                try scalars(rule.value, into: &value)
                guard let firstValue = key.first else { throw CivError.icu("\(Self.tableName): empty key") }
                let first = Unicode.Scalar(firstValue)!
                if first.isASCII { asciiKeys = true }
                maxKeyBytes = max(maxKeyBytes, rule.key.count)
                maxExpansion = max(maxExpansion, (rule.value.count + rule.key.count - 1) / rule.key.count)
                let same = rule.key.elementsEqual(rule.value)
                let changes: Int32
                if key.count == value.count {
                    changes = Int32(zip(key, value).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) })
                } else {
                    lengthPreserving = false
                    changes = 1
                }
                let g: Int
                if let known = groupOf[first.value] {
                    g = known
                } else {
                    g = pending.count
                    groupOf[first.value] = g
                    pending.append(Pending(codePoint: first.value))
                }
                if pending[g].single != nil { return }  // unreachable behind the code point's own rule
                if key.count == 1 {
                    pending[g].single = same ? (0, 0, 0) : (store(rule.value), Int32(rule.value.count), changes)
                } else {
                    let firstLength = UTF8.width(first)
                    let rest = UnsafeBufferPointer(rebasing: rule.key[firstLength...])
                    var head: UInt32 = 0, headMask: UInt32 = 0
                    for (k, byte) in rest.prefix(4).enumerated() {
                        head |= UInt32(byte) << (8 * k)
                        headMask |= 0xFF << (8 * k)
                    }
                    pending[g].phrases.append(Phrase(
                        head: head, headMask: headMask,
                        rest: store(rest), restLength: Int32(rest.count),
                        value: same ? 0 : store(rule.value), valueLength: same ? 0 : Int32(rule.value.count),
                        changes: changes))
                }
            } }
        }

        var entries: [UInt32: UInt32] = [:]
        var allPhrases: [Phrase] = []
        var allGroups: [Group] = []
        for group in pending {
            let cp = group.codePoint
            let single = group.single ?? (0, 0, 0)
            if group.phrases.isEmpty {
                if single.value == 0 { continue }
                if Int(single.length) <= Self.maxInlineLength, UInt32(single.value) <= Self.offsetMask {
                    entries[cp] = UInt32(single.value) | UInt32(single.length) << 24
                    continue
                }
            }
            entries[cp] = Self.groupFlag | UInt32(allGroups.count)
            let nextBits = group.phrases.reduce(UInt64(0)) { $0 | ($1.restLength >= 3 ? Self.nextBit($1.head) : ~0) }
            allGroups.append(Group(start: Int32(allPhrases.count), count: Int32(group.phrases.count),
                                   fallback: single.value, fallbackLength: single.length, fallbackChanges: single.changes,
                                   nextBits: nextBits))
            allPhrases.append(contentsOf: group.phrases)
        }

        let bmp = UnsafeMutablePointer<UInt32>.allocate(capacity: 0x10000)
        bmp.initialize(repeating: 0, count: 0x10000)
        let supplementary = entries.filter { $0.key >= 0x10000 }.sorted { $0.key < $1.key }
        for (cp, entry) in entries where cp < 0x10000 { bmp[Int(cp)] = entry }
        let supplementaryKeys = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, supplementary.count))
        let supplementaryEntries = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, supplementary.count))
        for (i, item) in supplementary.enumerated() {
            supplementaryKeys[i] = item.key
            supplementaryEntries[i] = item.value
        }
        pool.append(contentsOf: repeatElement(0, count: Self.padding))  // values are copied in whole words
        tables = ConversionTables(
            bmp: UnsafePointer(bmp), supplementaryKeys: UnsafePointer(supplementaryKeys),
            supplementaryEntries: UnsafePointer(supplementaryEntries), supplementaryCount: supplementary.count,
            pool: Self.copy(pool), poolCount: pool.count, phrases: Self.copy(allPhrases), phraseCount: allPhrases.count,
            groups: Self.copy(allGroups), groupCount: allGroups.count,
            asciiKeys: asciiKeys, lengthPreserving: lengthPreserving,
            maxKeyBytes: maxKeyBytes, maxExpansion: maxExpansion, ruleCount: rules.count)
        image = nil
    }

    /// The tables of a mapped image, read in place (`ConversionImage` checked them).
    init(image: ConversionImage) {
        tables = image.tables
        self.image = image.storage
    }

    private static func copy<T>(_ elements: [T]) -> UnsafePointer<T> {
        let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, elements.count))
        p.initialize(from: elements, count: elements.count)
        return UnsafePointer(p)
    }

    deinit {
        guard image == nil else { return }
        UnsafeMutablePointer(mutating: tables.bmp).deallocate()
        UnsafeMutablePointer(mutating: tables.supplementaryKeys).deallocate()
        UnsafeMutablePointer(mutating: tables.supplementaryEntries).deallocate()
        UnsafeMutablePointer(mutating: tables.pool).deallocate()
        UnsafeMutablePointer(mutating: tables.phrases).deallocate()
        UnsafeMutablePointer(mutating: tables.groups).deallocate()
    }

    // MARK: - Lookup

    @inline(__always)
    private func entry(_ cp: UInt32) -> UInt32 {
        if cp < 0x10000 { return tables.bmp[Int(cp)] }
        var low = 0, high = tables.supplementaryCount
        while low < high {
            let mid = (low + high) >> 1
            let key = tables.supplementaryKeys[mid]
            if key == cp { return tables.supplementaryEntries[mid] }
            if key < cp { low = mid + 1 } else { high = mid }
        }
        return 0
    }

    /// The code point starting at `i` and its length in bytes; an invalid or cut sequence is one
    /// byte long, with a code point no rule has.
    @inline(__always)
    private static func decode(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 {
            guard b0 >= 0xC2, i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return (.max, 1) }
            return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 else { return (.max, 1) }
            let cp = (b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
            return cp < 0x800 || (cp >= 0xD800 && cp < 0xE000) ? (.max, 1) : (cp, 3)
        }
        guard b0 < 0xF5, i + 3 < n, p[i + 1] & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else { return (.max, 1) }
        let cp = (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F)
        return cp < 0x10000 || cp > 0x10FFFF ? (.max, 1) : (cp, 4)
    }

    /// The rule applied at `i` (code point `length` bytes long, table entry `e`, not 0).
    @inline(__always)
    private func apply(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ length: Int, _ e: UInt32) -> Step {
        let after = i + length
        if e & Self.groupFlag == 0 {
            return Step(end: after, value: Int(e & Self.offsetMask), valueLength: Int(e >> 24), changes: 1)
        }
        let g = tables.groups[Int(e & ~Self.groupFlag)]
        var k = Int(g.start)
        let stop = k + Int(g.count)
        if k == stop { return Step(end: after, value: Int(g.fallback), valueLength: Int(g.fallbackLength), changes: Int(g.fallbackChanges)) }
        // The (up to) four bytes after the code point, for the phrases' quick test.
        var next: UInt32
        if after + 4 <= n {
            next = UInt32(littleEndian: UnsafeRawPointer(p + after).loadUnaligned(as: UInt32.self))
        } else {
            next = 0
            var j = after, shift: UInt32 = 0
            while j < n { next |= UInt32(p[j]) << shift; shift += 8; j += 1 }
        }
        let available = n - after
        // A phrase matches only where its rest's first three bytes follow (`nextBits`).
        if g.nextBits & Self.nextBit(next) == 0 { k = stop }
        while k < stop {
            let phrase = tables.phrases[k]
            k += 1
            let restLength = Int(phrase.restLength)
            guard next & phrase.headMask == phrase.head, restLength <= available else { continue }
            if restLength > 4 {
                let rest = tables.pool + Int(phrase.rest)
                var j = 4
                while j < restLength, p[after + j] == rest[j] { j += 1 }
                if j < restLength { continue }
            }
            return Step(end: after + restLength, value: Int(phrase.value), valueLength: Int(phrase.valueLength), changes: Int(phrase.changes))
        }
        return Step(end: after, value: Int(g.fallback), valueLength: Int(g.fallbackLength), changes: Int(g.fallbackChanges))
    }

    // MARK: - Bytes

    /// Where in `input` the first rule that changes something applies (nil: conversion leaves
    /// the bytes as they are). Scanning from there gives what scanning from the start would.
    public func firstChange(utf8 input: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let p = input.baseAddress else { return nil }
        let n = input.count
        var i = 0
        while i < n {
            if !tables.asciiKeys, p[i] < 0x80 { i += 1; continue }
            let (cp, length) = Self.decode(p, n, i)
            let e = entry(cp)
            if e == 0 { i += length; continue }
            let step = apply(p, n, i, length, e)
            if step.value != 0 { return i }
            i = step.end
        }
        return nil
    }

    /// True when converting `input` would change it.
    public func needsConversion(utf8 input: UnsafeBufferPointer<UInt8>) -> Bool {
        firstChange(utf8: input) != nil
    }

    /// Appends the conversion of `input` (one line, or any run of text: no key spans a line
    /// break) to `output` and returns the change count (see the type's comment). Never traps on
    /// invalid UTF-8: invalid bytes are copied one at a time.
    @discardableResult
    public func convert(utf8 input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Int {
        if let changes = convertIfChanged(utf8: input, into: &output) { return changes }
        output.append(contentsOf: input)
        return 0
    }

    /// The same when conversion changes `input`; else nil, with `output` left as it was. One scan
    /// finds the first change for both the test and the conversion (callers that skip unchanged
    /// text would otherwise scan its prefix twice).
    public func convertIfChanged(utf8 input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Int? {
        guard input.count > 0, let start = firstChange(utf8: input) else { return nil }
        return convert(utf8: input, from: start, into: &output)
    }

    /// Appends the conversion of `input` whose first change is at `start` (`firstChange`) and
    /// returns the change count.
    public func convert(utf8 input: UnsafeBufferPointer<UInt8>, from start: Int, into output: inout [UInt8]) -> Int {
        let p = input.baseAddress!
        let outputStart = output.count
        let changes = run(p, input.count, from: start, final: true, into: &output).changes
        if lengthPreserving { return changes }
        return output.withUnsafeBufferPointer { out in
            Self.countChanges(input, UnsafeBufferPointer(rebasing: out[outputStart...]))
        }
    }

    /// Converts a piece of a longer text, for streaming: appends the conversion of `input` up to
    /// the returned `consumed` offset. Unless `final`, it stops before a position where a key
    /// could reach past the end of `input`; the caller keeps `input[consumed...]` and calls again
    /// with more bytes after it. `changes` is the sum of the applied rules' counts (what
    /// `convert(utf8:into:)` returns for the whole text when `lengthPreserving`).
    public func convertPiece(utf8 input: UnsafeBufferPointer<UInt8>, final: Bool, into output: inout [UInt8]) -> (consumed: Int, changes: Int) {
        guard let p = input.baseAddress, input.count > 0 else { return (0, 0) }
        return run(p, input.count, from: 0, final: final, into: &output)
    }

    /// Appends the conversion of `p[0..<n]` to `output`, scanning from `start` (the bytes before
    /// it are copied): room for the worst case is made first (the input itself, whose prefix is
    /// already right, then zeros when values can be longer than keys), written through a pointer,
    /// and the unused end dropped.
    private func run(_ p: UnsafePointer<UInt8>, _ n: Int, from start: Int, final: Bool, into output: inout [UInt8]) -> (consumed: Int, changes: Int) {
        let base = output.count
        let bound = n * tables.maxExpansion + Self.padding
        if base == 0 && output.capacity < bound {
            // A new buffer either way (a changed line's output, most often): written into
            // uninitialized, no room filled first.
            var result = (consumed: 0, written: 0, changes: 0)
            output = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                let out = buffer.baseAddress!
                out.initialize(from: p, count: n)
                result = run(p, n, from: start, final: final, out: out)
                count = result.written
            }
            return (result.consumed, result.changes)
        }
        if output.capacity < base + bound { output.reserveCapacity(max(base + bound, output.capacity * 2)) }
        output.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        // The room after the input is overwritten or dropped, so any bytes will do: copies of
        // the input (a memcpy; appending a repeated zero went element by element).
        var room = bound - n
        while room > 0 {
            let count = n > 0 ? min(room, n) : room
            if n > 0 { output.append(contentsOf: UnsafeBufferPointer(start: p, count: count)) } else { output.append(contentsOf: repeatElement(0, count: count)) }
            room -= count
        }
        let result = output.withUnsafeMutableBufferPointer { buffer in
            run(p, n, from: start, final: final, out: buffer.baseAddress! + base)
        }
        output.removeLast(bound - result.written)
        return (result.consumed, result.changes)
    }

    /// Copies `count` bytes; up to 16 as two words, reading past `count` (within `readable`)
    /// and writing past it (into the output's padding, overwritten later or dropped).
    @inline(__always)
    private static func copy(_ from: UnsafePointer<UInt8>, readable: Int, _ to: UnsafeMutablePointer<UInt8>, _ count: Int) {
        if count <= 16 && readable >= 16 {
            let source = UnsafeRawPointer(from), target = UnsafeMutableRawPointer(to)
            target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        } else {
            to.update(from: from, count: count)
        }
    }

    /// The scan: writes to `out` (room for `n * maxExpansion + padding` bytes, holding a copy of
    /// the input up to `start`), returns the bytes consumed and written and the change count.
    /// Every code point is written, copied or replaced, without branching on which for the
    /// common case (a three-byte code point that starts no phrase): traditional and simplified
    /// characters alternate unpredictably in real text.
    private func run(_ p: UnsafePointer<UInt8>, _ n: Int, from start: Int, final: Bool, out: UnsafeMutablePointer<UInt8>) -> (consumed: Int, written: Int, changes: Int) {
        let limit = final ? n : n - tables.maxKeyBytes
        let bmp = tables.bmp, pool = tables.pool, asciiKeys = tables.asciiKeys
        var i = start, written = start, changes = 0
        while i < limit {
            if i &+ 4 <= n {
                // Three bytes (U+0800...U+FFFF, all of CJK), four readable, tested first (most of
                // the text) and as one word: lead byte 1110xxxx, two continuation bytes 10xxxxxx.
                let w = UInt32(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self))
                let cp = (w & 0x0F) << 12 | (w >> 2) & 0x0FC0 | (w >> 16) & 0x3F
                if w & 0x00C0_C0F0 == 0x0080_80E0, cp >= 0x800 {
                    let e = bmp[Int(cp)]
                    let length = e == 0 ? 3 : Int(e >> 24)
                    if e & Self.groupFlag == 0 {
                        if length <= 4 {
                            let source = e == 0 ? UnsafeRawPointer(p + i) : UnsafeRawPointer(pool + Int(e & Self.offsetMask))
                            UnsafeMutableRawPointer(out + written).storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
                            written &+= length
                            changes &+= e == 0 ? 0 : 1
                            i &+= 3
                            continue
                        }
                    } else {
                        // Phrases begin with this code point; most of the time none begins here
                        // (`Group.nextBits`), and its own rule is written as above.
                        let g = tables.groups[Int(e & ~Self.groupFlag)]
                        if i &+ 7 <= n, g.fallbackLength <= 4,
                           g.nextBits & Self.nextBit(UInt32(littleEndian: UnsafeRawPointer(p + i + 3).loadUnaligned(as: UInt32.self))) == 0 {
                            let source = g.fallback == 0 ? UnsafeRawPointer(p + i) : UnsafeRawPointer(pool + Int(g.fallback))
                            UnsafeMutableRawPointer(out + written).storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
                            written &+= g.fallback == 0 ? 3 : Int(g.fallbackLength)
                            changes &+= g.fallback == 0 ? 0 : Int(g.fallbackChanges)
                            i &+= 3
                            continue
                        }
                        let step = apply(p, n, i, 3, e)
                        if step.value != 0 {
                            Self.copy(pool + step.value, readable: Self.padding, out + written, step.valueLength)
                            written &+= step.valueLength
                            changes &+= step.changes
                        } else {
                            Self.copy(p + i, readable: n &- i, out + written, step.end &- i)
                            written &+= step.end &- i
                        }
                        i = step.end
                        continue
                    }
                }
            }
            let b0 = p[i]
            if b0 < 0x80, !asciiKeys {
                // Eight ASCII bytes (digits, marks and Latin between the Han) as one word.
                if i &+ 8 <= limit {
                    let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        UnsafeMutableRawPointer(out + written).storeBytes(of: word, as: UInt64.self)
                        written &+= 8
                        i &+= 8
                        continue
                    }
                }
                out[written] = b0
                written &+= 1
                i &+= 1
                continue
            }
            let (cp, length) = Self.decode(p, n, i)
            let e = entry(cp)
            if e == 0 {
                Self.copy(p + i, readable: n &- i, out + written, length)
                written &+= length
                i &+= length
                continue
            }
            let step = apply(p, n, i, length, e)
            if step.value != 0 {
                Self.copy(pool + step.value, readable: Self.padding, out + written, step.valueLength)
                written &+= step.valueLength
                changes &+= step.changes
            } else {
                Self.copy(p + i, readable: n &- i, out + written, step.end &- i)
                written &+= step.end &- i
            }
            i = step.end
        }
        return (i, written, changes)
    }

    /// The change count of a line and its conversion, as `TraditionalConversion` has always
    /// counted it (see the type's comment); bytes that are not UTF-8 count one scalar each.
    public static func countChanges(_ original: UnsafeBufferPointer<UInt8>, _ converted: UnsafeBufferPointer<UInt8>) -> Int {
        if original.elementsEqual(converted) { return 0 }
        func scalars(_ b: UnsafeBufferPointer<UInt8>) -> [UInt32] {
            guard let p = b.baseAddress else { return [] }
            var out: [UInt32] = []
            out.reserveCapacity(b.count / 2)
            var i = 0
            while i < b.count {
                let (cp, length) = decode(p, b.count, i)
                out.append(cp == .max ? 0x8000_0000 | UInt32(p[i]) : cp)
                i += length
            }
            return out
        }
        let a = scalars(original), b = scalars(converted)
        if a.count == b.count { return zip(a, b).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) } }
        return max(1, abs(a.count - b.count))
    }

    // MARK: - Strings

    public func convert(_ text: String) -> String {
        convertCounting(text).text
    }

    /// The converted text and its change count.
    public func convertCounting(_ text: String) -> (text: String, changes: Int) {
        var t = text
        return t.withUTF8 { input in
            var out: [UInt8] = []
            guard let changes = convertIfChanged(utf8: input, into: &out) else { return (text, 0) }
            return (String(decoding: out, as: UTF8.self), changes)
        }
    }

    /// True when ICU converts this scalar on its own to something else (it is traditional).
    public func changes(_ scalar: Unicode.Scalar) -> Bool {
        let e = entry(scalar.value)
        if e == 0 { return false }
        if e & Self.groupFlag == 0 { return true }
        return tables.groups[Int(e & ~Self.groupFlag)].fallback != 0
    }

    /// The simplified form of one character converted alone (itself when the conversion leaves it
    /// alone, or turns it into more or less than one scalar): its own rule read off the table,
    /// without `convert`'s arrays or a scan (no phrase fits in one character): scoring asks this of
    /// every GBK candidate of a half character, a hundred thousand times in 2 MiB of damaged pages.
    func simplified(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let e = entry(c.value)
        guard e != 0 else { return c }
        let value: Int, valueLength: Int
        if e & Self.groupFlag == 0 {
            (value, valueLength) = (Int(e & Self.offsetMask), Int(e >> 24))
        } else {
            let g = tables.groups[Int(e & ~Self.groupFlag)]
            (value, valueLength) = (Int(g.fallback), Int(g.fallbackLength))
        }
        guard value != 0, valueLength > 0 else { return c }
        let (cp, length) = Self.decode(tables.pool + value, valueLength, 0)
        return length == valueLength ? Unicode.Scalar(cp) ?? c : c
    }
}
