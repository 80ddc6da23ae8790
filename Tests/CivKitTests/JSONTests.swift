import Foundation
import PropertyBased
import Testing
@testable import CivKit

/// Scalars JSON escaping must get right, mixed into the random strings.
private let trickyScalars: [Unicode.Scalar] =
    (0x00...0x20).map { Unicode.Scalar($0)! } + [
        "\"", "\\", "/", "\u{7F}", "\u{80}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFD}", "\u{FFFF}",
        "张", "掖", "网", "，", "。", "（", "“", "\u{3000}", "\u{20000}", "\u{1F600}", "é", "\u{301}", "%", "a",
    ]

/// Strings of tricky scalars and random scalars from all of Unicode, half and half.
private let jsonStrings = Gen<UInt32>.value(in: 0...0x1F_FFFF).array(of: 0...40).map { values in
    var s = String.UnicodeScalarView()
    for v in values {
        if v < 0x10_0000 {
            s.append(trickyScalars[Int(v) % trickyScalars.count])
        } else {
            s.append(Unicode.Scalar(v - 0x10_0000) ?? "\u{D7FF}") // surrogates are no scalars
        }
    }
    return String(s)
}

/// Parses one JSON value with Foundation.
private func parseJSON(_ bytes: [UInt8]) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
}

private func documentObject(_ record: Record) throws -> [String: Any] {
    let line = DocumentJSON.line(record)
    #expect(line.last == 0x0A && line.dropLast().allSatisfy { $0 != 0x0A })
    return try #require(try parseJSON(Array(line.dropLast())) as? [String: Any])
}

/// The keys of a one-line JSON object in the order written (top level only).
private func topLevelKeys(_ line: [UInt8]) -> [String] {
    var keys: [String] = []
    var depth = 0
    var i = 0
    let s = Array(String(decoding: line, as: UTF8.self).unicodeScalars)
    while i < s.count {
        switch s[i] {
        case "{", "[": depth += 1
        case "}", "]": depth -= 1
        case "\"":
            var j = i + 1
            while s[j] != "\"" { j += s[j] == "\\" ? 2 : 1 }
            if depth == 1 && s[j + 1] == ":" { keys.append(String(String.UnicodeScalarView(s[(i + 1)..<j]))) }
            i = j
        default: break
        }
        i += 1
    }
    return keys
}

@Suite struct JSONTests {
    // MARK: JSONWriter

    @Test func escapes() {
        #expect(JSONWriter.quoted("a\"b\\c/d") == #""a\"b\\c/d""#)
        #expect(JSONWriter.quoted("\n\r\t\u{8}\u{C}\u{0}\u{1F}\u{7F}") == #""\n\r\t\b\f\u0000\u001f"# + "\u{7F}\"")
        #expect(JSONWriter.quoted("行\u{2028}段\u{2029}") == #""行\u2028段\u2029""#)
        #expect(JSONWriter.quoted("\u{FEFF}始\u{FFEF}") == #""\ufeff始"# + "\u{FFEF}\"")
        #expect(JSONWriter.quoted("张掖，“文明”😀") == "\"张掖，“文明”😀\"")
    }

    @Test func containers() {
        var w = JSONWriter()
        w.beginObject()
        w.key("a"); w.beginArray(); w.int(1); w.string(nil); w.bool(true); w.beginObject(); w.endObject(); w.endArray()
        w.key("b"); w.int(-5)
        w.key("c"); w.beginArray(); w.endArray()
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"a":[1,null,true,{}],"b":-5,"c":[]}"#)
        w.reset()
        w.string("x")
        #expect(w.bytes == Array(#""x""#.utf8))
    }

    @Test func randomStringsRoundTrip() async {
        await propertyCheck(count: 500, input: jsonStrings) { s in
            var w = JSONWriter()
            w.beginArray(); w.string(s); w.endArray()
            // Valid UTF-8, no raw control characters or line separators.
            #expect(String(validating: w.bytes, as: UTF8.self) != nil)
            #expect(!w.bytes.contains { $0 < 0x20 })
            #expect(!String(decoding: w.bytes, as: UTF8.self).unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" || $0 == "\u{FEFF}" })
            let parsed = try? parseJSON(w.bytes) as? [String]
            // Compare scalars: String == would call canonically equivalent strings equal.
            #expect(parsed.map { $0.map { Array($0.unicodeScalars) } } == [Array(s.unicodeScalars)])
        }
    }

    @Test func randomStringsAsKeysAndInDocuments() async {
        await propertyCheck(count: 200, input: jsonStrings, jsonStrings) { a, b in
            let record = Record(fields: [.init("title", a), .init("x-note", b), .init("x-note", a)], lines: [b, a])
            guard let object = try? documentObject(record) else {
                Issue.record("not JSON for \(a.debugDescription), \(b.debugDescription)")
                return
            }
            #expect((object["title"] as? String).map { Array($0.unicodeScalars) } == Array(a.unicodeScalars))
            let body = object["body"] as? String
            let expectedBody = FoldedLine(b).value(0..<b.unicodeScalars.count) == a ? a : b + "\n" + a
            #expect(body.map { Array($0.unicodeScalars) } == Array(expectedBody.unicodeScalars))
            #expect(((object["extra"] as? [String: Any])?["x-note"] as? [String])?.count == 2)
        }
    }

    // MARK: DocumentJSON

    @Test func seedDocument() throws {
        var record = seed2
        var counters = Counters()
        ExtractionPipeline().run(on: &record, counters: &counters)
        let line = DocumentJSON.line(record)
        #expect(topLevelKeys(line) == DocumentJSON.keys)
        let object = try documentObject(record)
        #expect(object["file"] as? String == "testdata/seeds/002_a935c60afc64b141.txt")
        #expect(object["offset"] as? Int == 0)
        #expect(object["length"] as? Int == 4073)
        #expect(object["url"] is NSNull)
        #expect(object["published"] as? String == "2022-03-03T23:55:00+08:00")
        #expect(object["site"] as? String == "中国张掖网")
        #expect(object["publisher"] is NSNull)
        #expect(object["reporters"] as? [String] == ["王瑞云"])
        #expect(object["body"] as? String == record.lines.dropFirst().joined(separator: "\n"))
        #expect(object["segmented"] as? Bool == false)
        #expect(object["repairs"] as? [String: Int] == ["pinyin-annotation": 188, "traditional": 285])
        let extra = try #require(object["extra"] as? [String: Any])
        #expect(extra["breadcrumb"] as? String == "您当前的位置：中国张掖网 >> 问政 >> 卢小亨活动报道集")
        #expect(extra["byline"] as? [String] == ["来源：张掖市广播电视台 张掖日报", "2022年03月03日 23:55"])
        #expect(extra.count == 2)
        let officials = try #require(object["officials"] as? [[String: Any]])
        #expect(officials.count == 1 && officials[0]["name"] as? String == "卢小亨" && officials[0]["role"] as? String == "lead")
        let post = try #require((officials[0]["posts"] as? [[String: Any]])?.first)
        #expect(post["title"] as? String == "市委书记" && post["level"] as? String == "市" && post["body"] as? String == "党委")
        #expect(object["event_dates"] as? [String] == ["2022-03-03"])
    }

    @Test func sameRecordSameBytes() {
        #expect(DocumentJSON.line(seed1) == DocumentJSON.line(seed1))
        let text = String(decoding: DocumentJSON.line(seed1), as: UTF8.self)
        #expect(text.hasPrefix(#"{"file":"testdata/seeds/000_0f8254f664746d59.txt","offset":0,"length":4503,"url":null,"title":null,"#))
    }

    @Test func emptyRecordAndOddFields() throws {
        let empty = try documentObject(Record())
        #expect(empty["file"] as? String == "-")
        #expect(empty["offset"] is NSNull && empty["title"] is NSNull)
        #expect(empty["reporters"] as? [String] == [] && empty["body"] as? String == "")
        #expect((empty["repairs"] as? [String: Any])?.isEmpty == true)

        // Values that do not fit their key are kept in extra; nothing is dropped.
        let odd = try documentObject(Record(fields: [
            .init("offset", "twelve"), .init("length", "-3"), .init("title", "一"), .init("title", "二"),
            .init("segmented", "yes"), .init("repairs", "a=1 b=2"), .init("repairs", "a=3"),
            .init("official", "康峰"), .init("official", "康峰 chief 区长/区/政府"), .init("official", "袁子安 accompany 副区长/区/-"),
            .init("event-date", "2019-13-01"), .init("event-date", "--07-19"), .init("event-date", "2019-07-19"),
        ], lines: ["一", "正文"]))
        #expect(odd["offset"] is NSNull && odd["length"] is NSNull)
        #expect(odd["title"] as? String == "一" && odd["body"] as? String == "正文")
        #expect(odd["segmented"] as? Bool == true)
        #expect(odd["repairs"] as? [String: Int] == ["a": 4, "b": 2])
        let extra = try #require(odd["extra"] as? [String: Any])
        #expect(extra["offset"] as? String == "twelve" && extra["length"] as? String == "-3" && extra["title"] as? String == "二")
        #expect(extra["official"] as? [String] == ["康峰", "康峰 chief 区长/区/政府"] && extra["event-date"] as? String == "2019-13-01")
        #expect(odd["event_dates"] as? [String] == ["--07-19", "2019-07-19"])
        #expect((odd["officials"] as? [[String: Any]])?.map { $0["name"] as? String } == ["袁子安"])
    }

    // MARK: Schema

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemaPath = packageRoot.appendingPathComponent("Sources/CivKit/Resources/civ-document.schema.json").path

    /// Runs `scripts/validate-jsonl` (python3 with jsonschema) on the lines; its exit status and
    /// standard error.
    static func validate(_ lines: [[UInt8]]) throws -> (status: Int32, errors: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("civ-jsonl-\(UUID().uuidString).jsonl")
        try Data(lines.joined()).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", packageRoot.appendingPathComponent("scripts/validate-jsonl").path, schemaPath, file.path]
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, errors)
    }

    /// Fails with a clear message when the validator cannot run at all.
    static func requireValidator(_ result: (status: Int32, errors: String)) throws {
        if result.status == 127 {
            Issue.record("python3 is not installed: the schema test needs python3 with the jsonschema package (scripts/test installs it)")
        } else if result.status == 3 {
            Issue.record("the Python package jsonschema is missing: python3 -m pip install jsonschema (scripts/test does this)")
        } else if result.status == 2 {
            Issue.record("scripts/validate-jsonl could not run: \(result.errors)")
        }
        try #require(result.status == 0 || result.status == 1)
    }

    @Test func documentsMatchTheSchema() throws {
        var seed1Extracted = seed1, seed2Extracted = seed2
        var counters = Counters()
        ExtractionPipeline().run(on: &seed1Extracted, counters: &counters)
        ExtractionPipeline().run(on: &seed2Extracted, counters: &counters)
        let records = [
            seed1, seed2, seed1Extracted, seed2Extracted, Record(),
            Record(fields: [.init("source", "-"), .init("offset", "x"), .init("url", "http://example.com/a\"b"),
                            .init("published", "2022-03-03"), .init("segmented", "yes"), .init("warc-record-id", "<urn:uuid:1>"),
                            .init("reporter", "张三"), .init("reporter", "李四"), .init("part", "1"), .init("part", "2")],
                   lines: ["控制\u{1}字符\u{2028}", "\"引号\" \\ 反斜杠"]),
            Record(fields: [.init("official", "康峰 accompany 区委副书记/区/党委 区长/-/-"), .init("official", "康峰 boss 区长/区/政府"),
                            .init("event-date", "--07-19"), .init("event-date", "2019-02-31x"),
                            .init("place", "甘州区/county/620702 甘肃省/province/620000 张掖市/prefecture/620700"),
                            .init("place", "西湖区/county/-"), .init("place", "张掖/town/1")], lines: []),
        ]
        let result = try Self.validate(records.map(DocumentJSON.line))
        try Self.requireValidator(result)
        #expect(result.status == 0, "schema violations:\n\(result.errors)")
    }

    /// The validator must be real: an object that breaks the schema is refused.
    @Test func schemaRefusesBadDocuments() throws {
        var bad = DocumentJSON.line(seed1)
        let text = String(decoding: bad, as: UTF8.self)
        bad = Array(text.replacingOccurrences(of: #""title":null"#, with: #""title":null,"surprise":1"#).utf8)
        let badDate = Array(text.replacingOccurrences(of: #""published":null"#, with: #""published":"2022-13-01""#).utf8)
        for line in [bad, badDate] {
            let result = try Self.validate([line])
            try Self.requireValidator(result)
            #expect(result.status == 1, "accepted: \(String(decoding: line, as: UTF8.self))")
        }
    }

    @Test func bundledSchemaIsTheSourceFile() throws {
        let source = try String(contentsOfFile: Self.schemaPath, encoding: .utf8)
        #expect(DataFile.contents("civ-document.schema.json") == source)
        let schema = try #require(try parseJSON(Array(source.utf8)) as? [String: Any])
        #expect(schema["required"] as? [String] == DocumentJSON.keys)
        #expect((schema["properties"] as? [String: Any])?.keys.sorted() == DocumentJSON.keys.sorted())
    }
}

@Suite struct SegmentedJSONTests {
    @Test func segmentedTitleLineIsNotRepeatedInTheBody() throws {
        let r = try Support.shell("cat testdata/seeds/*.txt | civ-clean | civ-extract | civ-segment | civ-jsonl")
        #expect(r.status == 0)
        let objects = try r.text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.count == 2)
        for object in objects {
            let title = try #require(object["title"] as? String)
            let body = try #require(object["body"] as? String)
            #expect(object["segmented"] as? Bool == true)
            #expect(!body.replacingOccurrences(of: " ", with: "").hasPrefix(title.replacingOccurrences(of: " ", with: "")))
        }
    }
}
