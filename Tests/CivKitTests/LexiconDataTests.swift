import Foundation
import Testing
@testable import CivKit

/// The binary images lexicon.bin and pinyin.bin: generated from the committed TSVs, answering as
/// the TSVs say, and refusing damaged bytes with a message instead of reading out of bounds.
@Suite struct LexiconDataTests {
    static let resources = Support.packageRoot.appendingPathComponent("Sources/CivKit/Resources")
    static let regenerate = "the committed image does not match the committed TSV: run scripts/generate-lexicon --binary and commit both"

    static func lines(_ name: String) throws -> [String] {
        let text = try String(contentsOf: resources.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: resources.appendingPathComponent(name)))
    }

    static let lexiconLines = try! lines("lexicon.tsv")

    @Test func lexiconImageMatchesTSV() throws {
        let built = LexiconImage.build(entries: LexiconImage.entries(lines: Self.lexiconLines), tables: true)
        #expect(built == (try Self.bytes("lexicon.bin")), "lexicon.bin: \(Self.regenerate)")
    }

    @Test func pinyinImageMatchesTSV() throws {
        let built = PinyinImage.build(lines: try Self.lines("pinyin.tsv"))
        #expect(built == (try Self.bytes("pinyin.bin")), "pinyin.bin: \(Self.regenerate)")
    }

    /// civ-segment's domain words: segment-lexicon.tsv and the gazetteer's division names.
    @Test func segmentImagesMatchTSVs() throws {
        let gazetteer = try String(contentsOf: Self.resources.appendingPathComponent("gazetteer.tsv"), encoding: .utf8)
        let domain = DomainWords.entries(lines: try Self.lines("segment-lexicon.tsv"), gazetteer: gazetteer)
        #expect(LexiconImage.build(entries: domain.words) == (try Self.bytes("segment-words.bin")), "segment-words.bin: \(Self.regenerate)")
        #expect(LexiconImage.build(entries: domain.compounds) == (try Self.bytes("segment-compounds.bin")), "segment-compounds.bin: \(Self.regenerate)")
        // What the segmenter maps is what it would build from the TSVs.
        let built = DomainLexicon(lines: DataFile.lines("segment-lexicon.tsv"), gazetteer: DataFile.contents("gazetteer.tsv"))
        for word in ["县委书记", "海淀区", "张掖市", "全国文明城市", "新时代文明实践中心", "城区"] {
            #expect(DomainLexicon.shared.words.frequency(of: word) == built.words.frequency(of: word), "\(word)")
            #expect(DomainLexicon.shared.compounds.frequency(of: word) == built.compounds.frequency(of: word), "\(word)")
        }
        #expect(DomainLexicon.shared.words.count == built.words.count && DomainLexicon.shared.compounds.count == built.compounds.count)
    }

    @Test func buildingIsDeterministic() {
        let entries = LexiconImage.entries(lines: Self.lexiconLines)
        #expect(LexiconImage.build(entries: entries) == LexiconImage.build(entries: entries.reversed()))
    }

    /// Every word's frequency, every character's, and the totals, against the TSV read plainly.
    @Test func bundledLexiconAnswersAsTheTSV() {
        var words: [String: Int] = [:]
        var characters: [Unicode.Scalar: Int] = [:]
        for (word, frequency) in LexiconImage.entries(lines: Self.lexiconLines) { words[word] = max(words[word] ?? 0, frequency) }
        for (word, frequency) in words { for c in word.unicodeScalars { characters[c, default: 0] += frequency } }
        let lexicon = Lexicon.shared
        #expect(lexicon.count == words.count)
        #expect(lexicon.totalFrequency == words.values.reduce(0, +))
        #expect(lexicon.maxWordLength == words.keys.map(\.unicodeScalars.count).max())
        let wrong = words.filter { lexicon.frequency(of: $0.key) != $0.value }.map(\.key)
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
        #expect(characters.allSatisfy { lexicon.characterFrequency($0.key) == $0.value })
        #expect(lexicon.characterFrequency("a") == 0)
        #expect(lexicon.frequency(of: "") == 0)
        #expect(lexicon.frequency(of: "报报") == 0)
        #expect(lexicon.frequency(of: String(repeating: "报", count: 40)) == 0)
    }

    /// fillers() against a scan of all words, for patterns cut from sample words.
    @Test func fillersAnswerAsAScan() {
        let entries = LexiconImage.entries(lines: Self.lexiconLines)
        var words: [Int: [([Unicode.Scalar], Int)]] = [:]
        for (word, frequency) in entries { words[word.unicodeScalars.count, default: []].append((Array(word.unicodeScalars), frequency)) }
        let lexicon = Lexicon.shared
        for (n, (word, _)) in entries.enumerated() where n % 2500 == 0 {
            let s = Array(word.unicodeScalars)
            for gap in s.indices {
                let prefix = Array(s[..<gap]), suffix = Array(s[(gap + 1)...])
                let reversed = suffix.count > prefix.count
                let expected = (words[s.count] ?? [])
                    .filter { Array($0.0[..<gap]) == prefix && Array($0.0[(gap + 1)...]) == suffix }
                    .sorted { a, b in
                        let (x, y) = reversed ? (a.0.reversed().map(\.value), b.0.reversed().map(\.value)) : (a.0.map(\.value), b.0.map(\.value))
                        return x.lexicographicallyPrecedes(y)
                    }
                    .map { ($0.0[gap], $0.1) }
                let found = lexicon.fillers(prefix: prefix, suffix: suffix)
                #expect(found.map(\.character) == expected.map(\.0), "\(word) gap \(gap)")
                #expect(found.map(\.frequency) == expected.map(\.1), "\(word) gap \(gap)")
            }
        }
    }

    /// The repairs' form of fillers (codes, `among`; a one-character key reads the image its own
    /// way) against a scan of all words filtered by the same test, both ways round and by span.
    @Test func codedFillersAmongAnswerAsAScan() {
        let entries = LexiconImage.entries(lines: Self.lexiconLines)
        var words: [Int: [([Unicode.Scalar], Int)]] = [:]
        for (word, frequency) in entries { words[word.unicodeScalars.count, default: []].append((Array(word.unicodeScalars), frequency)) }
        let lexicon = Lexicon.shared
        let among: (UInt32) -> Bool = { $0 % 3 != 0 }
        var checked = 0
        for (n, (word, _)) in entries.enumerated() where n % 1500 == 0 {
            let s = Array(word.unicodeScalars), codes = s.map { lexicon.code(of: $0)! }
            for gap in s.indices {
                let reversed = s.count - 1 - gap > gap
                let expected = (words[s.count] ?? [])
                    .filter { Array($0.0[..<gap]) == Array(s[..<gap]) && Array($0.0[(gap + 1)...]) == Array(s[(gap + 1)...]) }
                    .sorted { a, b in
                        let (x, y) = reversed ? (a.0.reversed().map(\.value), b.0.reversed().map(\.value)) : (a.0.map(\.value), b.0.map(\.value))
                        return x.lexicographicallyPrecedes(y)
                    }
                    .map { (lexicon.code(of: $0.0[gap])!, $0.1) }
                    .filter { among($0.0) }
                let found = lexicon.fillers(prefixCodes: codes[..<gap], suffixCodes: codes[(gap + 1)...], among: CodeTest(test: among))
                #expect(found.map(\.code) == expected.map(\.0), "\(word) gap \(gap)")
                #expect(found.map(\.frequency) == expected.map(\.1), "\(word) gap \(gap)")
                let spanned = lexicon.fillers(in: codes, backward: codes.reversed(), from: 0, to: s.count, gap: gap, among: CodeTest(test: among))
                #expect(spanned.map(\.code) == expected.map(\.0), "\(word) gap \(gap)")
                checked += expected.count
            }
        }
        #expect(checked > 100)
    }

    @Test func bundledPinyinAnswersAsTheTSV() throws {
        let table = PinyinTable.shared
        for line in try Self.lines("pinyin.tsv") {
            let fields = line.split(separator: "\t")
            let c = fields[0].unicodeScalars.first!
            let readings = fields[1].split(separator: " ").map(String.init)
            #expect(table.readings(of: c) == readings, "\(c)")
            #expect(table.mainReading(of: c) == readings.first, "\(c)")
            for r in readings {
                #expect(table.characters(reading: r).contains(c), "\(c) \(r)")
                #expect(table.characters(reading: r.uppercased()).contains(c), "\(c) \(r)")
                #expect(table.characters(tonelessReading: PinyinTable.toneless(r)).contains(c), "\(c) \(r)")
            }
        }
        #expect(table.readings(of: "a").isEmpty)
        #expect(table.mainReading(of: "a") == nil)
        #expect(table.characters(reading: "").isEmpty)
        #expect(table.characters(reading: "zzz").isEmpty)
        #expect(table.characters(tonelessReading: "zzz").isEmpty)
    }

    @Test func smallPinyinTableKeepsFileOrder() {
        let table = PinyinTable(lines: ["报\tbào", "暴\tBÀO pù", "豹\tbào", "x", "ab\tab", "包\tbāo"])
        #expect(table.characters(reading: "bào") == ["报", "暴", "豹"])
        #expect(table.characters(tonelessReading: "bao") == ["报", "暴", "豹", "包"])
        #expect(table.readings(of: "暴") == ["bào", "pù"])
        #expect(table.mainReading(of: "暴") == "bào")
        #expect(table.mainReading(of: "x") == nil)
        #expect(table.characters(reading: "ab").isEmpty)
    }

    @Test func lexiconOfOddEntries() {
        // Negative and huge frequencies (64-bit storage), characters beyond the BMP, a lone character.
        let lexicon = Lexicon(entries: [("𠀀𠀁", -3), ("大小", Int(UInt32.max) + 5), ("大", 2), ("", 9)])
        #expect(lexicon.count == 3)
        #expect(lexicon.frequency(of: "𠀀𠀁") == -3)
        #expect(lexicon.frequency(of: "大小") == Int(UInt32.max) + 5)
        #expect(lexicon.totalFrequency == Int(UInt32.max) + 4)
        #expect(lexicon.fillers(prefix: ["𠀀"], suffix: [Unicode.Scalar]()).map(\.character) == ["𠀁"])
        #expect(Lexicon(entries: [(String, Int)]()).fillers(prefix: ["大"], suffix: [Unicode.Scalar]()).isEmpty)
    }

    /// Every truncation, and damaged header bytes: an error naming the problem, or (when the
    /// damage happens to leave a consistent header) queries that stay inside the bytes.
    @Test func damagedImagesAreRefused() throws {
        let lexicon = LexiconImage.build(entries: [("甲乙丙", 3), ("甲丁丙", 5), ("乙丙", 7), ("丁", 9)])
        let pinyin = PinyinImage.build(lines: ["报\tbào", "暴\tbào pù"])
        for (image, open) in [(lexicon, Self.openLexicon), (pinyin, Self.openPinyin)] {
            #expect(throws: Never.self) { try open(image) }
            for length in 0 ..< image.count {
                #expect(throws: ImageError.self) { try open(Array(image[..<length])) }
            }
            #expect(throws: ImageError.self) { try open(image + [0]) }
            var wrongVersion = image
            wrongVersion[8] = 9
            let error = try #require(throws: ImageError.self) { try open(wrongVersion) }
            #expect(error.description.contains("version 9"))
            for i in 0 ..< min(image.count, 200) {
                for value: UInt8 in [0, 1, 0x7F, 0xFF] {
                    var damaged = image
                    damaged[i] = value
                    try? open(damaged)
                }
            }
        }
    }

    /// The stored tables' header fields and start indices are checked on load: a capacity that is
    /// no power of two, or starts that leave their group, are refused.
    @Test func damagedStoredTablesAreRefused() throws {
        let image = LexiconImage.build(entries: [("甲乙丙", 3), ("甲丁丙", 5), ("乙丙", 7), ("丁", 9)], tables: true)
        #expect(throws: Never.self) { try Self.openLexicon(image) }
        func field(_ index: Int) -> Int {
            (0 ..< 8).reduce(0) { $0 | Int(image[8 + 8 * index + $1]) << (8 * $1) }
        }
        // Header fields after the magic: version, size, then 8 lexicon fields, then word table
        // capacity (index 10), …, pair lengths capacity (13), its slots, its filter, starts offset (16).
        #expect(field(10) > 0 && field(13) > 0 && field(16) > 0)
        var capacity = image
        capacity[8 + 8 * 10] = 3
        #expect(throws: ImageError.self) { try Self.openLexicon(capacity) }
        var starts = image
        starts[field(16) + 4] = 0x7F  // the second start of the first group, far past its words
        #expect(throws: ImageError.self) { try Self.openLexicon(starts) }
    }

    static func openLexicon(_ bytes: [UInt8]) throws {
        let lexicon = Lexicon(image: try LexiconImage(ImageBytes(copying: bytes), name: "test"))
        // Within bounds even when counts or offsets changed consistently (codes and indices are
        // checked on use; a damaged one there is fatal, which these header bytes never reach).
        _ = lexicon.frequency(of: "甲乙丙")
        _ = lexicon.characterFrequency("丙")
    }

    static func openPinyin(_ bytes: [UInt8]) throws {
        let table = PinyinTable(image: try PinyinImage(ImageBytes(copying: bytes), name: "test"))
        _ = table.readings(of: "暴")
        _ = table.characters(reading: "bào")
        _ = table.characters(tonelessReading: "bao")
    }
}
