import Testing
import PropertyBased
@testable import CivKit

/// A generator of strings over `alphabet` (as characters) of the given lengths.
func textGen(_ alphabet: String, length: ClosedRange<Int>) -> Generator<String, some Sequence> {
    Gen<Character?>.element(of: Array(alphabet)).map { $0! }.string(of: length)
}

/// Text with the characters that matter to the format: %, \, newlines, CR, CJK, spaces.
var recordTextGen: Generator<String, some Sequence> { textGen("ab%\\\n\r 中文ne", length: 0...24) }
var fieldKeyGen: Generator<String, some Sequence> { textGen("az09-.", length: 0...8).map { "k" + $0 } }

@Suite struct RecordFormatTests {
    @Test func serializesTheDocumentedLayout() {
        var record = Record(lines: ["第一行", "%不是字段", "\\反斜杠"])
        record[FieldKey.source] = "a.txt"
        record.add(FieldKey.reporter, "王瑞云")
        record.add(FieldKey.reporter, "两行\n值")
        let text = String(decoding: RecordFormat.serialize(record), as: UTF8.self)
        #expect(text == "%civ 1\n%source a.txt\n%reporter 王瑞云\n%reporter 两行\\n值\n第一行\n\\%不是字段\n\\\\反斜杠\n%end\n")
    }

    @Test func valueEscapingRoundTrips() async {
        await propertyCheck(input: recordTextGen) { value in
            let escaped = RecordFormat.escapeValue(value)
            #expect(!escaped.contains("\n") && !escaped.contains("\r"))
            #expect(RecordFormat.unescapeValue(escaped) == value)
        }
    }

    @Test func recordsRoundTripThroughWriterAndReader() async throws {
        let lineGen = recordTextGen.map { $0.replacingOccurrences(of: "\n", with: "") }
        let recordGen = zip(zip(fieldKeyGen, recordTextGen).array(of: 0...4), lineGen.array(of: 0...5))
        await propertyCheck(count: 200, input: recordGen.array(of: 1...3)) { specs in
            let records = specs.map { fields, lines in
                Record(fields: fields.map { Record.Field($0.0, $0.1) }, lines: lines)
            }
            let bytes = records.flatMap(RecordFormat.serialize)
            let reader = RecordReader(input: ByteInput(bytes: bytes))
            var back: [Record] = []
            while let r = try? reader.next() { back.append(r) }
            #expect(back == records)
            #expect(reader.problems.isEmpty)
            // The boundary never occurs inside text: splitting on it gives exactly the records.
            let framed: [UInt8] = [0x0A] + bytes
            let boundary = Array("\n%end\n".utf8)
            let boundaries = framed.indices.filter { framed[$0...].starts(with: boundary) }.count
            #expect(boundaries == records.count)
        }
    }

    @Test func plainTextIsOneDocument() throws {
        let reader = RecordReader(input: ByteInput(bytes: Array("第一行\n第二行".utf8), name: "page.txt"))
        let record = try #require(try reader.next())
        #expect(reader.isPlainText)
        #expect(record.lines == ["第一行", "第二行"])
        #expect(record[FieldKey.source] == "page.txt")
        #expect(try reader.next() == nil)
    }

    @Test func longPlainTextComesInMarkedParts() throws {
        let text = (0..<10).map { "行\($0)" }.joined(separator: "\n")
        let reader = RecordReader(input: ByteInput(bytes: Array(text.utf8)), maxDocumentBytes: 20)
        var parts: [Record] = []
        while let r = try reader.next() { parts.append(r) }
        #expect(parts.count > 1)
        #expect(parts.flatMap(\.lines) == text.split(separator: "\n").map(String.init))
        #expect(parts.map { $0["part"] } == (1...parts.count).map { String($0) })
    }

    @Test func truncatedRecordIsPassedOnAndReported() throws {
        let bytes = Array("%civ 1\n%source a\ntext\n%civ 1\n%source b\nmore".utf8)
        let reader = RecordReader(input: ByteInput(bytes: bytes))
        let first = try #require(try reader.next())
        let second = try #require(try reader.next())
        #expect(first["truncated"] == "yes" && first.lines == ["text"])
        #expect(second["source"] == "b" && second["truncated"] == "yes" && second.lines == ["more"])
        #expect(reader.problems == [.truncatedRecord(offset: 0), .truncatedRecord(offset: 22)])
    }

    @Test func textBetweenRecordsBecomesARecordAndIsReported() throws {
        let bytes = Array("%civ 1\na\n%end\nstray\n%civ 1\nb\n%end\n".utf8)
        let reader = RecordReader(input: ByteInput(bytes: bytes))
        var lines: [[String]] = []
        while let r = try reader.next() { lines.append(r.lines) }
        #expect(lines == [["a"], ["stray"], ["b"]])
        #expect(reader.problems == [.textOutsideRecord(offset: 14)])
    }

    @Test func crlfStreamsAndBlankLinesBetweenRecordsReadCleanly() throws {
        let bytes = Array("%civ 1\r\n%source x\r\n%repairs\r\ntext\r\n%end\r\n\r\n%civ 1\n二\n%end\n\n".utf8)
        let reader = RecordReader(input: ByteInput(bytes: bytes))
        var records: [Record] = []
        while let r = try reader.next() { records.append(r) }
        #expect(records == [Record(fields: [.init("source", "x"), .init("repairs", "")], lines: ["text"]), Record(lines: ["二"])])
        #expect(reader.problems.isEmpty)
    }

    @Test func aByteOrderMarkOrBlankLinesBeforeTheFirstRecordKeepItARecordStream() throws {
        for prefix in ["\u{FEFF}", "\n\n", "\r\n", "\u{FEFF}\n"] {
            let bytes = Array((prefix + "%civ 1\n%source a\n一\n%end\n%civ 1\n二\n%end\n").utf8)
            let reader = RecordReader(input: ByteInput(bytes: bytes))
            var records: [Record] = []
            while let r = try reader.next() { records.append(r) }
            #expect(records.map(\.lines) == [["一"], ["二"]], "prefix \(prefix.unicodeScalars.map { $0.value })")
            #expect(reader.problems.isEmpty)
        }
        // Plain text that starts with blank lines keeps them.
        let plain = RecordReader(input: ByteInput(bytes: Array("\n\n第一行\n第二行\n".utf8)))
        #expect(try plain.detectPlainText())
        var lines: [String] = []
        while let line = try plain.nextPlainText() { lines.append(line) }
        #expect(lines == ["", "", "第一行", "第二行"])
    }

    @Test func unknownVersionIsReadAndReported() throws {
        let reader = RecordReader(input: ByteInput(bytes: Array("%civ 2\n%source a\ntext\n%end\n".utf8)))
        #expect(try reader.next() == Record(fields: [.init("source", "a")], lines: ["text"]))
        #expect(reader.problems == [.unknownVersion(offset: 0, version: "2")])
    }

    @Test func oversizedRecordIsCutNotBuffered() throws {
        let text = (0..<100).map { "第\($0)行" }.joined(separator: "\n")
        let bytes = Array("%civ 1\n\(text)\n%end\n".utf8)
        let reader = RecordReader(input: ByteInput(bytes: bytes), maxDocumentBytes: 100)
        let record = try #require(try reader.next())
        #expect(record["truncated"] == "yes")
        #expect(record.lines.joined(separator: "\n").utf8.count <= 100)
        guard case .recordTooLarge = reader.problems.first else { Issue.record("no recordTooLarge problem"); return }
    }

    @Test func plainTextIsDecodedLikeCrawlInput() throws {
        let gbk: [UInt8] = [202, 208, 206, 175, 202, 233, 188, 199, 0x0A]
        let reader = RecordReader(input: ByteInput(bytes: gbk))
        #expect(try reader.next()?.lines == ["市委书记"])
        #expect(reader.decoding["decoded.gb18030-line"] == 1)
    }

    @Test func countersSaturateAndSkipNegativeInput() {
        var counters = Counters(compact: "a=\(Int.max) b=-3 c=2")
        counters.add("a", 1)
        #expect(counters["a"] == Int.max && counters["b"] == 0 && counters["c"] == 2)
    }

    /// Few names are found by a scan, many through an index built on the way: both keep
    /// first-seen order and one count a name, through merges and `removeAll`.
    @Test func countersKeepOrderAndCountsForFewAndManyNames() {
        for count in [3, 12, 13, 14, 40] {
            var counters = Counters()
            var expected: [String] = []
            for k in 0 ..< count {
                let name = "dropped.kind-\(k)"
                counters.add(name, k + 1)
                if k % 4 == 0 { counters.add("whitespace") }
                expected.append(name)
                if k == 0 { expected.append("whitespace") }
            }
            for k in stride(from: count - 1, through: 0, by: -1) { counters.add("dropped.kind-\(k)") }
            #expect(counters.names == expected)
            #expect((0 ..< count).allSatisfy { counters["dropped.kind-\($0)"] == $0 + 2 })
            #expect(counters["dropped.kind-\(count)"] == 0)
            var merged = Counters()
            merged.add("dropped.kind-1", 5)
            merged.merge(counters)
            merged.merge(counters)
            #expect(merged["dropped.kind-1"] == 5 + 2 * 3 || count < 2)
            #expect(merged["dropped.kind-0"] == 4)
            #expect(Counters(compact: counters.compact) == counters)
            counters.removeAll()
            #expect(counters.isEmpty && counters["dropped.kind-0"] == 0)
            counters.add("dropped.kind-7")
            #expect(counters.names == ["dropped.kind-7"] && counters["dropped.kind-7"] == 1)
        }
    }

    @Test func subscriptSetKeepsOneValueInPlace() {
        var record = Record(fields: [.init("a", "1"), .init("b", "2"), .init("a", "3")])
        record["a"] = "9"
        #expect(record.fields == [.init("a", "9"), .init("b", "2")])
        record["a"] = nil
        #expect(record.fields == [.init("b", "2")])
    }

    @Test func fieldKeysAreValidated() {
        #expect(Record.isValidKey("warc-record-id"))
        #expect(Record.isValidKey("dropped.summary"))
        #expect(!Record.isValidKey(""))
        #expect(!Record.isValidKey("Title"))
        #expect(!Record.isValidKey("-x"))
    }
}

@Suite struct ByteInputTests {
    @Test func linesKeepOffsetsAndTheMissingFinalNewline() throws {
        let input = ByteInput(bytes: Array("ab\n\nc".utf8))
        #expect(try input.nextLine() == InputLine(bytes: Array("ab".utf8), offset: 0, hasNewline: true))
        #expect(try input.nextLine() == InputLine(bytes: [], offset: 3, hasNewline: true))
        #expect(try input.nextLine() == InputLine(bytes: Array("c".utf8), offset: 4, hasNewline: false))
        #expect(try input.nextLine() == nil)
    }

    @Test func overlongLinesAreCutAndTheRestSkipped() throws {
        let input = ByteInput(bytes: Array(String(repeating: "x", count: 100).utf8) + [0x0A, 0x79], maxLineBytes: 10)
        let line = try #require(try input.nextLine())
        #expect(line.bytes.count == 10 && line.discardedBytes == 90 && line.hasNewline)
        #expect(try input.nextLine()?.offset == 101)
    }

    @Test func readsAcrossChunkBoundaries() throws {
        // Lines longer than one read chunk, from a real pipe.
        let long = String(repeating: "长", count: ByteInput.chunkSize)
        let path = "/tmp/civ-byteinput-\(UInt32.random(in: 0...UInt32.max)).txt"
        try (long + "\nshort\n").write(toFile: path, atomically: false, encoding: .utf8)
        defer { unlink(path) }
        let input = try ByteInput(path: path)
        #expect(try input.nextLine()?.bytes.count == long.utf8.count)
        #expect(try input.nextLine()?.bytes == Array("short".utf8))
        #expect(try input.nextLine() == nil)
    }
}

import Foundation
