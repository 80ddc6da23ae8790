import Foundation
import Testing
@testable import CivKit

/// Whole documents against expected outputs checked by hand against the original articles
/// (regenerate with scripts/update-golden, then review the diff).
@Suite struct GoldenTests {
    static let pipeline = "cat testdata/seeds/*.txt | civ-clean"

    @Test func cleanedSeedsMatchGolden() throws {
        let r = try Support.shell(Self.pipeline)
        #expect(r.status == 0)
        #expect(r.text == (try Support.golden("seeds.clean")))
    }

    @Test func extractedSeedsMatchGolden() throws {
        let r = try Support.shell(Self.pipeline + " | civ-extract")
        #expect(r.status == 0)
        #expect(r.text == (try Support.golden("seeds.extract")))
    }

    @Test func jsonOfSeedsMatchesGolden() throws {
        let r = try Support.shell(Self.pipeline + " | civ-extract | civ-jsonl")
        #expect(r.status == 0)
        #expect(r.text == (try Support.golden("seeds.jsonl")))
        #expect(r.text.split(separator: "\n").count == 2)
        // And the real pipeline's output meets the schema, by a real validator.
        let validated = try Support.shell("set -o pipefail; civ-clean testdata/seeds/*.txt | civ-extract | civ-segment | civ-jsonl | scripts/validate-jsonl Sources/CivKit/Resources/civ-document.schema.json")
        #expect(validated.status == 0, "\(validated.stderr)")
    }

    /// Segmenting first changes none of the facts civ-extract finds in the text.
    @Test func segmentedSeedsGiveTheSameFacts() throws {
        let facts = "grep -E '^%(official|event-date|place-visited|campaign) '"
        let r = try Support.shell(Self.pipeline + " | civ-segment | civ-extract | " + facts)
        let golden = try Support.golden("seeds.extract").split(separator: "\n")
            .filter { line in ["%official ", "%event-date ", "%place-visited ", "%campaign "].contains { line.hasPrefix($0) } }
        #expect(r.text.split(separator: "\n") == golden)
        #expect(golden.count == 30)
    }

    @Test func eachSeedFileCleansToItsGoldenText() throws {
        for name in Support.seedNames {
            let r = try Support.shell("civ-clean testdata/seeds/\(name) | grep -v '^%'")
            #expect(r.text == (try Support.golden(name.replacingOccurrences(of: ".txt", with: ".text"))), "\(name)")
        }
    }

    /// The promises of the issue, checked directly on the cleaned text, not only by comparison.
    @Test func cleanedSeedsHaveNoDamageLeft() throws {
        let r = try Support.shell(Self.pipeline)
        let records = try readRecords(r.stdout)
        #expect(records.count == 2)
        for record in records {
            let text = record.text
            let values = record.fields.map(\.value).joined(separator: "\n")
            for scalar in (text + values).unicodeScalars {
                #expect(!converter.changes(scalar), "traditional character \(scalar) left")
            }
            #expect(text.firstMatch(of: try Regex(#"\(\p{Ll}+\)"#)) == nil, "pinyin annotation left")
            #expect(text.firstMatch(of: try Regex(#"[?？]\p{Ll}+\)"#)) == nil, "lost-character fragment left")
            #expect(!text.contains("\u{FFFD}"))
            for boilerplate in ["您当前的位置", "鲜花", "握手", "雷人", "鸡蛋", "相关分类", "人参与互动", "版权所有", "摘要", "发布者", "查看内容", ">>"] {
                #expect(!text.contains(boilerplate), "boilerplate \(boilerplate) left")
            }
            #expect(!text.contains("\u{00A0}") && !text.contains("\u{3000}"))
        }
    }

    /// Every sentence of each article body survives: the sentences of the original page (its
    /// Han characters, converted with ICU one sentence at a time) all appear in the cleaned text.
    @Test func everyBodySentenceSurvives() throws {
        let records = try readRecords(try Support.shell(Self.pipeline).stdout)
        let cleaned = records.map { $0.text.unicodeScalars.filter(ScalarClass.isHan).map(String.init).joined() }.joined()
        let expected: [(String, Int)] = [("聂晓葵强调", 1), ("共同打一场立体攻坚战", 1), ("郭建斌汇报了今年以来我区创建全国文明城市工作整体情况", 1),
                                          ("中国张掖网讯据张掖日报报道", 1), ("切实为群众营造干净整洁有序的人居环境", 1), ("实打实", 1)]
        for (sentence, count) in expected {
            #expect(cleaned.components(separatedBy: sentence).count - 1 == count, "\(sentence)")
        }
        // Paragraph counts: title + 6 paragraphs, title + 4 paragraphs.
        #expect(records.map(\.lines.count) == [7, 5])
    }

    func readRecords(_ data: Data) throws -> [Record] {
        let reader = RecordReader(input: ByteInput(bytes: Array(data)))
        var records: [Record] = []
        while let r = try reader.next() { records.append(r) }
        return records
    }
}
