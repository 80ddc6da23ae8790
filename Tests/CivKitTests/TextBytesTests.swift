import Testing
@testable import CivKit

/// `ICURegex` matches short valid text as UTF-16 and anything else through a UTF-8 UText: both
/// paths must give the same UTF-8 end offsets.
@Suite struct ICURegexTests {
    func end(_ pattern: String, _ bytes: [UInt8]) throws -> Int? {
        let regex = try ICURegex(pattern)
        return bytes.withUnsafeBufferPointer { regex.firstMatchEnd(in: $0) }
    }

    @Test func endsAreUTF8OffsetsAcrossCharactersOfEveryLength() throws {
        // 𠀀 (4 bytes, 2 UTF-16 units), é (2), 网 (3), a (1)
        let text = Array("a𠀀é网—x 相关分类".utf8)
        #expect(try end("^a𠀀é网", text) == 1 + 4 + 2 + 3)
        #expect(try end("—x", text) == 1 + 4 + 2 + 3 + 3 + 1)
        #expect(try end("相关分类$", text) == text.count)
        #expect(try end("^\\S{2,24}网\\s*[—–]+\\s*\\S", text) == 1 + 4 + 2 + 3 + 3 + 1)
        #expect(try end("^网", text) == nil)
        #expect(try end("^$", []) == 0)
        #expect(try end("x", []) == nil)
    }

    /// A pattern compiled at its first match matches as one compiled at once; a bad one is
    /// found by `validate` and by the table's check, not when the table is read.
    @Test func patternCompiledOnFirstUseMatchesTheSame() throws {
        let text = Array("您当前的位置：首页 >> 要闻".utf8)
        for pattern in ["^(您当前的位置|当前位置)\\s*[：:]", "要闻$", "^首页"] {
            let eager = try ICURegex(pattern), lazy = ICURegex(compilingOnFirstUse: pattern)
            let ends = text.withUnsafeBufferPointer { (eager.firstMatchEnd(in: $0), lazy.firstMatchEnd(in: $0), lazy.firstMatchEnd(in: $0)) }
            #expect(ends.0 == ends.1 && ends.1 == ends.2, "\(pattern)")
        }
        #expect(throws: CivError.self) { try ICURegex.validate("(unclosed") }
        let bad = "counter\tdrop\tany\t-\t-\t(unclosed"
        #expect((try? BoilerplateRules(tsv: [bad])) != nil)
        #expect(throws: CivError.self) { try BoilerplateRules(tsv: [bad], checkingPatterns: true) }
    }

    @Test func longAndInvalidTextGiveTheSameEnds() throws {
        let long = Array(String(repeating: "网", count: 2000).utf8) + Array("相关分类".utf8)
        #expect(long.count > 4096)
        #expect(try end("相关分类$", long) == long.count)
        #expect(try end("^网{3}", long) == 9)
        // An invalid byte: no conversion to UTF-16, the UText path reads it as U+FFFD.
        let invalid: [UInt8] = Array("网".utf8) + [0xFF] + Array("相关".utf8)
        #expect(try end("相关", invalid) == invalid.count)
        #expect(try end("^网", invalid) == 3)
        // Ill-formed in other ways: an encoded surrogate, an overlong, a value past U+10FFFF,
        // a truncated last character. Each takes the UText path and still finds what follows.
        for bad: [UInt8] in [[0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE0, 0x80, 0x80]] {
            let text = Array("网".utf8) + bad + Array("相关".utf8)
            #expect(try end("相关$", text) == text.count)
        }
        #expect(try end("相关", Array("相关".utf8) + [0xE7, 0xBD]) == 6)
        #expect(try end("𠀀+", Array("a𠀀𠀀b".utf8)) == 9)
    }
}

@Suite struct KeywordAutomatonTests {
    /// What the automaton says a text holds is what a substring search says, for literals that
    /// overlap, nest and share bytes (UTF-8 lead and continuation bytes included).
    @Test func itFindsExactlyTheLiteralsASearchFinds() {
        let literals = ["相关", "相关分类", "关分", "位置", "。", ">", ">>", "网 —", "eserved", "版权所有", "a", "ab", "b", "bab"].map { Array($0.utf8) }
        let automaton = KeywordAutomaton(literals: literals)
        let texts = ["", "a", "bab", "abab", "相关分类您当前的位置 :", "相关阅读：>>", "萍乡城事网 — 门户", "All Rights Reserved。",
                     "版权所有 Copyright", "关", "相", String(repeating: "网—x ", count: 50), "分类相关位", "\u{FFFD}相关"]
        for text in texts {
            let bytes = Array(text.utf8)
            let found = bytes.withUnsafeBufferPointer { automaton.literals(in: $0) }
            for (k, literal) in literals.enumerated() {
                let expected = bytes.withUnsafeBufferPointer { UTF8Bytes.contains($0, literal) }
                #expect((found >> k) & 1 == (expected ? 1 : 0), "\(text) holds \(String(decoding: literal, as: UTF8.self))? \(expected)")
            }
        }
        #expect(automaton.mask(of: [Array("a".utf8), Array("b".utf8)]) == 1 << 10 | 1 << 12)
    }

    @Test func theRulesKeywordsAreFoundInTheirLines() {
        let rules = BoilerplateRules.standard
        let line = Array("版权所有：某某网 转载请注明 ICP备12345678号".utf8)
        let found = line.withUnsafeBufferPointer { rules.keywords(in: $0) }
        for rule in rules.rules where !rule.keywordBytes.isEmpty {
            let all = rule.keywordBytes.allSatisfy { k in line.withUnsafeBufferPointer { UTF8Bytes.contains($0, k) } }
            // Keywords past the automaton's 128 literals are searched one by one (`unindexedKeywords`).
            let unindexed = rule.unindexedKeywords.allSatisfy { k in line.withUnsafeBufferPointer { UTF8Bytes.contains($0, k) } }
            #expect((rule.keywordMask & ~found == 0 && unindexed) == all, "\(rule.keyword ?? "")")
        }
        let long = Array(String(repeating: "版权所有", count: 100).utf8)
        #expect(long.withUnsafeBufferPointer { rules.keywords(in: $0) } == 0)
    }

    /// The shipped table's keywords all fit the automaton: a keyword past its 128 literals is
    /// searched one by one on every line in its rule's scope (two rows' `->` and `欢迎您` cost 1.5%
    /// of civ-clean's instructions). A new row reuses a literal already there (`>`, `欢迎`: its
    /// pattern still demands the rest) or the automaton grows first.
    @Test func theShippedTableFitsTheAutomaton() {
        let rules = BoilerplateRules.standard
        #expect(rules.rules.allSatisfy { $0.unindexedKeywords.isEmpty },
                "\(rules.rules.filter { !$0.unindexedKeywords.isEmpty }.map { $0.keyword ?? "" })")
    }

    /// All 128 bits answer, the last ones too: literals that share prefixes, a suffix of another,
    /// single bytes and texts of every length around the four-byte rounds of the loop.
    @Test func aFullAutomatonFindsItsLastLiterals() {
        var literals = (0 ..< 120).map { Array("词\($0)号".utf8) }
        literals += ["号", "1号", "词", "a", "ab", "bab", "。", "\u{FFFD}"].map { Array($0.utf8) }
        let automaton = KeywordAutomaton(literals: literals)
        #expect(literals.count == KeywordAutomaton.maxLiterals)
        let texts = ["", "a", "ab", "bab", "词119号", "x词127号。", "词99号词1号 bab\u{FFFD}", "词", "号1号", "ababa", "词120"]
        for text in texts {
            let bytes = Array(text.utf8)
            let found = bytes.withUnsafeBufferPointer { automaton.literals(in: $0) }
            var expected: KeywordAutomaton.Bits = 0
            for (k, literal) in literals.enumerated() where bytes.withUnsafeBufferPointer({ UTF8Bytes.contains($0, literal) }) { expected |= 1 << k }
            #expect(found == expected, "\(text)")
        }
        #expect(automaton.mask(of: [Array("\u{FFFD}".utf8)]) == 1 << 127)
    }
}

@Suite struct CountersReuseTests {
    @Test func removeAllGivesEmptyCountersThatCountAfresh() {
        var counters = Counters()
        counters.add("punctuation", 3)
        counters.add("lost-character.pinyin")
        counters.removeAll()
        #expect(counters.isEmpty && counters == Counters())
        counters.add("dropped.menu", 2)
        counters.add("whitespace")
        #expect(counters.compact == "dropped.menu=2 whitespace=1")
        #expect(counters["punctuation"] == 0 && counters["lost-character.pinyin"] == 0)
    }

    @Test func compactWritesEveryCountLikeStringDoes() {
        var counters = Counters()
        for (i, n) in [0, 1, 9, 10, 99, 1000, 123_456_789, Int.max].enumerated() { counters.add("n\(i)", n) }
        counters.add("neg", -42)
        #expect(counters.compact == "n1=1 n2=9 n3=10 n4=99 n5=1000 n6=123456789 n7=\(Int.max) neg=-42")
        #expect(Counters(compact: counters.compact)["n7"] == Int.max)
    }

    /// The order is first-seen whatever mix of fast and other names, below and past the entries
    /// kept inline, after `removeAll` and through `merge`: checked against a plain list.
    @Test func namesKeepFirstSeenOrderPastTheInlineEntries() {
        let pool = FastCounter.allCases.map(\.name) + (0 ..< 14).map { "dropped.rule\($0)" }
        var generator = SystemRandomNumberGenerator()
        var counters = Counters()
        for round in 0 ..< 200 {
            if round % 3 == 0 { counters.removeAll() } else { counters = Counters() }
            var expected: [String] = []
            var sums: [String: Int] = [:]
            for _ in 0 ..< Int.random(in: 0 ... 30, using: &generator) {
                let name = pool.randomElement(using: &generator)!
                let amount = Int.random(in: 1 ... 5, using: &generator)
                if sums[name] == nil { expected.append(name) }
                sums[name, default: 0] += amount
                counters.add(name, amount)
            }
            #expect(counters.names == expected)
            #expect(counters.compact == expected.map { "\($0)=\(sums[$0]!)" }.joined(separator: " "))
            var merged = Counters()
            merged.add("dropped.first")
            merged.merge(counters)
            #expect(merged.names == ["dropped.first"] + expected)
            #expect(expected.allSatisfy { merged[$0] == sums[$0]! })
            #expect(counters.isEmpty == expected.isEmpty)
        }
    }
}

@Suite struct LinkLinesPunctuationTests {
    /// The switch holds exactly the listed marks.
    @Test func isPunctuationIsTheListedMarks() {
        let listed = Set(LinkLines.punctuationMarks.unicodeScalars)
        #expect(listed.count == 19)
        let disagreeing = (UInt32(0) ... 0xFFFF).compactMap(Unicode.Scalar.init).filter { LinkLines.isPunctuation($0) != listed.contains($0) }
        #expect(disagreeing.isEmpty)
    }
}
