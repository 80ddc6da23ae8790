import Foundation
import Testing
@testable import CivKit

/// The fast Traditional→Simplified converter against ICU's C API, and its table against the
/// installed ICU's rules.
enum T2S {
    static let fast = try! TraditionalToSimplified()
    static let icu = try! ICUTransliterator(id: "Traditional-Simplified")
    static let rules = try! TraditionalToSimplified.tableRules()

    /// The count `TraditionalConversion` has always recorded for a line (its code, verbatim).
    static func referenceCount(_ line: String, _ converted: String) -> Int {
        if converted == line { return 0 }
        let a = Array(line.unicodeScalars), b = Array(converted.unicodeScalars)
        return a.count == b.count ? zip(a, b).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) } : max(1, abs(a.count - b.count))
    }

    /// Converts bytes with the fast converter.
    static func fastBytes(_ converter: TraditionalToSimplified, _ bytes: [UInt8]) -> (bytes: [UInt8], count: Int) {
        var out: [UInt8] = []
        let count = bytes.withUnsafeBufferPointer { converter.convert(utf8: $0, into: &out) }
        return (out, count)
    }

    /// Lines converted by ICU in batches (one call per batch, joined with "\n": no rule holds a
    /// line feed) and one by one by the fast converter; returns descriptions of the differences.
    static func differences(_ lines: [String], fast converter: TraditionalToSimplified = fast, icu reference: ICUTransliterator = icu,
                            limit: Int = 10) -> [String] {
        var problems: [String] = []
        var batchStart = 0
        while batchStart < lines.count && problems.count < limit {
            let batch = Array(lines[batchStart..<min(lines.count, batchStart + 20000)])
            batchStart += batch.count
            let expected = Array(reference.transliterate(batch.joined(separator: "\n")).utf8)
                .split(separator: 0x0A, omittingEmptySubsequences: false)
            if expected.count != batch.count {
                problems.append("ICU returned \(expected.count) lines for \(batch.count)")
                continue
            }
            for (line, want) in zip(batch, expected) {
                let (got, count) = fastBytes(converter, Array(line.utf8))
                if !got.elementsEqual(want) {
                    problems.append("\(line.debugDescription): ICU \(String(decoding: want, as: UTF8.self).debugDescription), fast \(String(decoding: got, as: UTF8.self).debugDescription)")
                } else {
                    let wantCount = referenceCount(line, String(decoding: want, as: UTF8.self))
                    if count != wantCount { problems.append("\(line.debugDescription): count \(count), expected \(wantCount)") }
                }
                if problems.count >= limit { break }
            }
        }
        return problems
    }

    static func string(_ scalars: [Unicode.Scalar]) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// Every Unicode scalar value (all planes, no surrogates).
    static let allScalars: [Unicode.Scalar] = (0...0x10FFFF).compactMap { Unicode.Scalar(UInt32($0)) }
    /// The same without the line feed, for tests that put one scalar on a line.
    static let lineScalars: [Unicode.Scalar] = allScalars.filter { $0 != "\n" }

}

@Suite struct TraditionalConversionTableTests {
    @Test func tableMatchesInstalledICURules() throws {
        let hint = "the installed ICU (\(ICUTransliterator.icuVersion)) has other Traditional-Simplified rules than Sources/CivKit/Resources/\(TraditionalToSimplified.tableName): run scripts/generate-t2s-table"
        for escaped in [false, true] {
            let icuRules = try TransliterationRules.parse(try T2S.icu.rules(escapeUnprintable: escaped))
            #expect(icuRules.count == T2S.rules.count, "\(icuRules.count) rules in ICU, \(T2S.rules.count) in the table; \(hint)")
            let firstDifference = zip(icuRules, T2S.rules).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(firstDifference == nil, "rule \((firstDifference?.offset ?? 0) + 1): ICU \(firstDifference?.element.0.description ?? ""), table \(firstDifference?.element.1.description ?? ""); \(hint)")
        }
    }

    @Test func tableHeaderNamesSourceAndLicence() throws {
        let text = try #require(DataFile.contents(TraditionalToSimplified.tableName))
        let header = text.split(separator: "\n").prefix { $0.hasPrefix("#") }.joined(separator: "\n")
        #expect(header.contains("ICU \(ICUTransliterator.icuVersion)"))
        #expect(header.contains("Unicode License v3"))
        #expect(header.contains("scripts/generate-t2s-table"))
        #expect(header.contains("\(T2S.rules.count) rules"))
    }

    @Test func tableLoadsAsICUCompiledIt() {
        #expect(T2S.fast.ruleCount == T2S.rules.count)
        #expect(T2S.rules.contains(TransliterationRule(key: "甚麼", value: "什么")))
        #expect(T2S.rules.contains(TransliterationRule(key: "「", value: "“")))
        #expect(T2S.fast.lengthPreserving)
    }

    /// No rule turns a string into a different but canonically equivalent one: byte equality of a
    /// line and its conversion (what the fast counter checks) is then String equality (what
    /// `TraditionalConversion` checks).
    @Test func noRuleProducesACanonicalEquivalent() {
        let equivalent = T2S.rules.filter { $0.key == $0.value && !$0.key.utf8.elementsEqual($0.value.utf8) }
        #expect(equivalent.isEmpty, "\(equivalent.prefix(5))")
    }

    @Test func parserReadsQuotesAndEscapes() throws {
        let rules = try TransliterationRules.parse(#"""
            \u9EBC > \u4E48 ;
            '>' > '<';
            a\ b > '''x''' ;
            \U0002000B\x{4E00} > \x41'';
            c >;
            'q''r' > \;;
            """#)
        #expect(rules == [
            TransliterationRule(key: "麼", value: "么"),
            TransliterationRule(key: ">", value: "<"),
            TransliterationRule(key: "a b", value: "'x'"),
            TransliterationRule(key: "\u{2000B}一", value: "A'"),
            TransliterationRule(key: "c", value: ""),
            TransliterationRule(key: "q'r", value: ";"),
        ])
    }

    @Test func parserRejectsWhatATableCannotHold() {
        for rules in ["a { b > c;", "[ab] > c;", "$x = a;", "a > b | c;", "a < b;", "a <> b;", "::Null;", "a → b;",
                      "\\n > a;", "\\uD800 > a;", "> a;", "a > b", "ab > c; ^a > b;", "a* > b;", "\\u12 > a;"] {
            #expect(throws: TransliterationRules.SyntaxError.self, "\(rules)") { try TransliterationRules.parse(rules) }
        }
    }
}

@Suite struct TraditionalConversionDifferentialTests {
    @Test func everyScalarInOneText() {
        let text = T2S.string(T2S.allScalars)
        let want = Array(T2S.icu.transliterate(text).utf8)
        let (got, count) = T2S.fastBytes(T2S.fast, Array(text.utf8))
        #expect(got.count == want.count)
        let at = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(at == nil && got == want, "first difference at byte \(at ?? -1)")
        #expect(count == T2S.referenceCount(text, String(decoding: want, as: UTF8.self)))
    }

    @Test func everyScalarAloneAndBesideKeys() {
        // Alone (the start and end of a line), and after a key that begins phrases (瞭: 瞭解…)
        // and before a key (麼).
        for context in [("", ""), ("瞭", "麼")] {
            let lines = T2S.lineScalars.map { T2S.string(Array(context.0.unicodeScalars) + [$0] + Array(context.1.unicodeScalars)) }
            let problems = T2S.differences(lines)
            #expect(problems.isEmpty, "context \(context): \(problems)")
        }
    }

    @Test func changesMatchesICUOnEveryScalar() {
        var wrong: [String] = []
        // Batches through ICU: each scalar on a line of its own.
        let lines = T2S.lineScalars.map { String(Character($0)) }
        let converted = Array(T2S.icu.transliterate(lines.joined(separator: "\n")).utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(converted.count == lines.count)
        for (scalar, out) in zip(T2S.lineScalars, converted) {
            let icuChanges = String(decoding: out, as: UTF8.self) != String(Character(scalar))
            if T2S.fast.changes(scalar) != icuChanges { wrong.append("U+\(String(scalar.value, radix: 16))") }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }

    @Test func everyPhraseKeyInContexts() {
        let keys = T2S.rules.map(\.key)
        let phrases = keys.filter { $0.unicodeScalars.count > 1 }
        let singlesThatChange = T2S.rules.filter { $0.key.unicodeScalars.count == 1 && $0.key != $0.value }.map(\.key)
        let phraseStarts = Set(phrases.map { String($0.unicodeScalars.first!) }).sorted()
        var lines: [String] = []
        for phrase in phrases {
            let scalars = Array(phrase.unicodeScalars)
            let first = String(scalars.first!), last = String(scalars.last!)
            let head = T2S.string(Array(scalars.dropLast())), tail = T2S.string(Array(scalars.dropFirst()))
            lines += [phrase, "a" + phrase + "b", "中" + phrase + "文", "國" + phrase + "們", phrase + phrase,
                      first + phrase, phrase + last, head, tail, head + "。" + tail, "「" + phrase + "」",
                      phrase + "\r", " " + phrase + " "]
            // Preceded by keys: a changing single key, each phrase start, and its own first character twice.
            lines += ["於" + phrase, "瞭" + phrase, first + first + tail]
            lines += stride(from: 0, to: singlesThatChange.count, by: 97).map { singlesThatChange[$0] + phrase }
        }
        for start in phraseStarts { lines += phrases.filter { !$0.hasPrefix(start) }.prefix(3).map { start + $0 } }
        let problems = T2S.differences(lines)
        #expect(problems.isEmpty, "\(problems)")
    }

    /// Phrase keys that overlap (a suffix of one is a prefix of another) or touch.
    @Test func overlappingAndAdjacentPhraseKeys() {
        let phrases = T2S.rules.map(\.key).filter { $0.unicodeScalars.count > 1 }.map { Array($0.unicodeScalars) }
        var byPrefix: [String: [[Unicode.Scalar]]] = [:]
        for p in phrases {
            for n in 1..<p.count { byPrefix[T2S.string(Array(p.prefix(n))), default: []].append(p) }
        }
        var lines: [String] = []
        for a in phrases {
            for n in 1..<a.count {
                for b in byPrefix[T2S.string(Array(a.suffix(n)))] ?? [] where b != a || n < a.count {
                    lines.append(T2S.string(a + b.dropFirst(n)))
                }
            }
        }
        #expect(lines.count > 500, "only \(lines.count) overlapping pairs")
        var generator = SplitMix(state: 7)
        for _ in 0..<20000 {
            let a = phrases.randomElement(using: &generator)!, b = phrases.randomElement(using: &generator)!
            lines.append(T2S.string(a + b))
        }
        let problems = T2S.differences(lines)
        #expect(problems.isEmpty, "\(problems)")
    }

    /// Random strings over the characters of the rules' keys and values and a few others.
    @Test func randomStringsOverTheRulesAlphabet() {
        var alphabet = Set<Unicode.Scalar>()
        for rule in T2S.rules { alphabet.formUnion(rule.key.unicodeScalars); alphabet.formUnion(rule.value.unicodeScalars) }
        alphabet.formUnion("a ,。\r\u{0}\u{FFFD}\u{20000}🙂".unicodeScalars)
        let letters = alphabet.sorted { $0.value < $1.value }
        // Phrase-heavy: half of the picks come from the phrase keys' characters.
        let phraseLetters = Array(Set(T2S.rules.filter { $0.key.unicodeScalars.count > 1 }.flatMap(\.key.unicodeScalars)))
        var generator = SplitMix(state: 42)
        var lines: [String] = []
        for _ in 0..<100_000 {
            let length = Int.random(in: 1...12, using: &generator)
            lines.append(T2S.string((0..<length).map { _ in
                Bool.random(using: &generator) ? phraseLetters.randomElement(using: &generator)! : letters.randomElement(using: &generator)!
            }))
        }
        let problems = T2S.differences(lines)
        #expect(problems.isEmpty, "\(problems)")
    }

    /// A few MB of real traditional prose: `CIV_T2S_CORPUS`, made by scripts/make-corpus.
    @Test func traditionalCorpus() throws {
        let hint = "set CIV_T2S_CORPUS to a file of traditional prose, e.g. `scripts/make-corpus traditional 8 /tmp/t2s.txt`, then `CIV_T2S_CORPUS=/tmp/t2s.txt swift test --filter TraditionalConversion`"
        guard let path = ProcessInfo.processInfo.environment["CIV_T2S_CORPUS"], !path.isEmpty else {
            Issue.record("CIV_T2S_CORPUS is not set: \(hint)")
            return
        }
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
            Issue.record("CIV_T2S_CORPUS=\(path) is missing or empty: \(hint)")
            return
        }
        let lines = String(decoding: data, as: UTF8.self).utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let problems = T2S.differences(lines)
        #expect(problems.isEmpty, "\(problems)")
        // The corpus must hold what the converter is for.
        let changed = lines.prefix(2000).filter { T2S.fast.convert($0) != $0 }.count
        #expect(changed > 1000, "only \(changed) of the first 2000 corpus lines hold traditional characters")
    }
}

@Suite struct TraditionalConversionEngineTests {
    @Test func stringAPI() {
        #expect(T2S.fast.convert("甚麼東西？我瞭解了。") == "什么东西？我了解了。")
        #expect(T2S.fast.convert("abc") == "abc")
        #expect(T2S.fast.convert("") == "")
        #expect(T2S.fast.convertCounting("「臺灣」").changes == 4)
        #expect(T2S.fast.changes("門") && !T2S.fast.changes("门") && !T2S.fast.changes("姜") && !T2S.fast.changes("a"))
    }

    /// The phrases' quick test on the three bytes after their first code point passes every
    /// phrase that matches, whatever its rest: one ASCII byte, one character, two.
    @Test func phraseFilterPassesEveryMatch() throws {
        let converter = try TraditionalToSimplified(rules: [
            TransliterationRule(key: "乾a", value: "X"),
            TransliterationRule(key: "乾隆", value: "Y"),
            TransliterationRule(key: "乾坤大", value: "Z"),
            TransliterationRule(key: "乾", value: "干"),
        ])
        #expect(converter.convert("乾a乾隆乾坤大乾坤乾b乾") == "XYZ干坤干b干")
        #expect(converter.convert("乾坤大") == "Z")
        #expect(converter.convert("乾坤") == "干坤")
    }

    @Test func needsConversion() {
        func needs(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { T2S.fast.needsConversion(utf8: $0) } }
        #expect(needs("簡體中文的門"))
        #expect(!needs("简体中文的门"))
        #expect(!needs("于思 单于"))  // keys, but ICU keeps them
        #expect(!needs(""))
        #expect(needs("于飛"))
    }

    /// Counts as `TraditionalConversion` counts: positions when lengths agree, else the length
    /// difference; checked with rules that change lengths, which ICU's table has none of.
    @Test func countingSemantics() throws {
        #expect(T2S.fastBytes(T2S.fast, Array("甚麼東西".utf8)).count == 3)  // 西 stays
        #expect(T2S.fastBytes(T2S.fast, Array("于思于飛".utf8)).count == 1)
        #expect(T2S.fastBytes(T2S.fast, Array("简体".utf8)).count == 0)

        let rules = "ab > x; c > de; f > ; gh > hg; ij > ji; k > k; \\U0001F600 > s; 🙂 > '𝔸𝔹'; L > '\(String(repeating: "長", count: 60))';"
        let icu = try ICUTransliterator(rules: rules)
        let fast = try TraditionalToSimplified(rules: try TransliterationRules.parse(rules))
        #expect(!fast.lengthPreserving)
        var lines = ["ab", "c", "abc", "f", "ff", "ghij", "abcc", "zzz", "gh", "k", "kab", "😀🙂", "L", "aLb", "cab", "abcfc", ""]
        var generator = SplitMix(state: 3)
        let letters = Array("abcdfghijkLxz😀🙂中".unicodeScalars)
        for _ in 0..<20000 {
            lines.append(T2S.string((0..<Int.random(in: 0...8, using: &generator)).map { _ in letters.randomElement(using: &generator)! }))
        }
        let problems = T2S.differences(lines, fast: fast, icu: icu)
        #expect(problems.isEmpty, "\(problems)")
        // Lengths that cancel out: compared position by position, like the repair.
        #expect(T2S.fastBytes(fast, Array("abcz".utf8)).count == T2S.referenceCount("abcz", "xdez"))
    }

    /// ICU refuses a rule that an earlier, shorter key masks: the first matching rule is the longest.
    @Test func icuRejectsMaskedPhraseRules() {
        #expect(throws: CivError.self) { try ICUTransliterator(rules: "a > x; ab > y;") }
        #expect(throws: Never.self) { try ICUTransliterator(rules: "ab > y; a > x;") }
    }

    @Test func neverTrapsOnInvalidUTF8() {
        var generator = SplitMix(state: 11)
        let samples: [[UInt8]] = [[0xFF], [0xE9], [0xE9, 0x96], [0xE9, 0x96, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                  [0xC0, 0x80], [0xE0, 0x80, 0x80], Array("甚".utf8) + [0xBA], Array("甚麼".utf8).dropLast()]
        var inputs = samples
        for _ in 0..<20000 { inputs.append((0..<Int.random(in: 0...16, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
        for bytes in inputs {
            // No trap, and ASCII bytes (which no rule holds) come out as they went in.
            let (out, _) = T2S.fastBytes(T2S.fast, bytes)
            #expect(out.filter { $0 < 0x80 } == bytes.filter { $0 < 0x80 })
            _ = bytes.withUnsafeBufferPointer { T2S.fast.needsConversion(utf8: $0) }
        }
        #expect(T2S.fastBytes(T2S.fast, [0xFF] + Array("門".utf8) + [0xE9]).bytes == [0xFF] + Array("门".utf8) + [0xE9])
    }

    /// Pieces cut anywhere convert as the whole does (streaming of very long lines).
    @Test func piecesConvertAsTheWhole() {
        let text = Array(String(repeating: "於是我們瞭解了甚麼是鬼子薑。abc「臺灣」🙂", count: 50).utf8)
        let (whole, count) = T2S.fastBytes(T2S.fast, text)
        var generator = SplitMix(state: 5)
        for _ in 0..<300 {
            var out: [UInt8] = [], pending: [UInt8] = [], rest = text[...], changes = 0
            while !rest.isEmpty {
                let take = min(rest.count, Int.random(in: 1...40, using: &generator))
                pending += rest.prefix(take)
                rest = rest.dropFirst(take)
                let result = pending.withUnsafeBufferPointer { T2S.fast.convertPiece(utf8: $0, final: rest.isEmpty, into: &out) }
                changes += result.changes
                pending.removeFirst(result.consumed)
            }
            #expect(pending.isEmpty && out == whole && changes == count)
        }
    }

    /// `civ-clean --convert-only`'s loop: lines, newlines and their absence kept; long lines in pieces.
    @Test func convertOnlyStream() throws {
        let long = String(repeating: "於是我們瞭解了甚麼是鬼子薑。", count: ConvertOnly.pieceBytes / 30)
        for input in ["", "\n", "門\n", "門", "甚麼\r\n瞭解\n\n", "a\nb", long + "\n" + long, long, "\n" + long + "\n門"] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("civ-t2s-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            var counters = Counters()
            do {
                let output = try ByteOutput(path: path)
                try ConvertOnly.run(ByteInput(bytes: Array(input.utf8)), to: output, converter: T2S.fast, counters: &counters)
                try output.flush()
            }
            let got = try Data(contentsOf: URL(fileURLWithPath: path))
            let lines = input.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            let want = lines.map { T2S.icu.transliterate($0) }.joined(separator: "\n")
            #expect(got == Data(want.utf8), "input of \(input.utf8.count) bytes")
            let wantCount = lines.reduce(0) { $0 + T2S.referenceCount($1, T2S.icu.transliterate($1)) }
            #expect(counters["traditional"] == wantCount)
            #expect(counters["lines"] == (input.isEmpty ? 0 : lines.count - (input.hasSuffix("\n") ? 1 : 0)))
        }
    }
}
