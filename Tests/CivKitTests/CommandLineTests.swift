import Foundation
import Testing
@testable import CivKit

/// The executables end to end: flags, exit codes, hostile input, streaming.
@Suite struct CommandLineTests {
    @Test func everyToolHasVersionAndHelp() throws {
        for tool in ["civ-clean", "civ-segment", "civ-extract", "civ-jsonl"] {
            let version = try Support.shell("\(tool) --version")
            #expect(version.status == 0 && version.text == CivVersion.string + "\n", "\(tool)")
            let help = try Support.shell("\(tool) --help")
            #expect(help.status == 0 && help.text.contains("USAGE") && help.text.contains("Exit codes"), "\(tool)")
        }
    }

    /// The help names every key civ-jsonl writes, in the order it writes them.
    @Test func jsonlHelpListsEveryKey() throws {
        let help = try Support.shell("civ-jsonl --help")
        let text = help.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains(DocumentJSON.keys.joined(separator: ", ")), "\(text)")
    }

    @Test func missingFileExits66() throws {
        let r = try Support.shell("civ-clean /nonexistent/page.txt")
        #expect(r.status == 66)
        #expect(r.stderr.contains("cannot open /nonexistent/page.txt"))
    }

    @Test func badFlagExits64() throws {
        #expect(try Support.shell("civ-clean --max-document-bytes 0").status == 64)
        #expect(try Support.shell("civ-segment --no-such-flag").status == 64)
    }

    @Test func everyFileArgumentIsAccountedFor() throws {
        let r = try Support.shell("d=$(mktemp -d); : > $d/empty.txt; printf '  \\n' > $d/blank.txt; civ-clean --stats --rejects $d/rejects $d/empty.txt $d/blank.txt testdata/seeds/\(Support.seedNames[0]) > $d/out; grep -c '^%end' $d/out; grep -c '^%reject empty' $d/rejects; rm -r $d")
        #expect(r.text == "1\n2\n")
        #expect(r.stderr.contains("civ-clean\tdocuments.in\t3"))
        #expect(r.stderr.contains("rejected documents (empty: 2)"))
    }

    @Test func fileArgumentsKeepTheirNames() throws {
        let r = try Support.shell("civ-clean testdata/seeds/\(Support.seedNames[1]) testdata/seeds/\(Support.seedNames[0])")
        #expect(r.status == 0)
        let sources = r.text.split(separator: "\n").filter { $0.hasPrefix("%source ") }
        #expect(sources == ["%source testdata/seeds/\(Support.seedNames[1])", "%source testdata/seeds/\(Support.seedNames[0])"])
    }

    @Test func closedOutputPipeStopsWithExit141AndAMessage() throws {
        let r = try Support.shell("for i in $(seq 300); do cat testdata/seeds/*.txt; done | civ-clean | head -c 2000 >/dev/null; echo \"status=${PIPESTATUS[1]}\"")
        #expect(r.text.contains("status=141"))
        #expect(r.stderr.contains("civ-clean: output closed early"))
    }

    @Test(arguments: ["civ-segment", "civ-extract", "civ-jsonl"])
    func closedOutputPipeStopsEveryRecordFilter(tool: String) throws {
        let r = try Support.shell("for i in $(seq 100); do cat testdata/seeds/*.txt; done | civ-clean | \(tool) | head -c 1000 >/dev/null; echo \"status=${PIPESTATUS[2]}\"")
        #expect(r.text.contains("status=141"))
        #expect(r.stderr.contains("\(tool): output closed early"))
    }

    @Test func hugeLinesAreRejectedNotBuffered() throws {
        let r = try Support.shell("head -c 20000000 /dev/zero | tr '\\0' 'x' | civ-clean --max-document-bytes 1000000 --rejects /dev/null --stats")
        #expect(r.status == 0)
        #expect(r.text.isEmpty)
        #expect(r.stderr.contains("rejected documents (too-large: 1)"))
        #expect(r.stderr.contains("civ-clean\trejected.too-large\t1"))
    }

    @Test func nulBytesAndInvalidUTF8GiveValidOutput() throws {
        var input = Data("市委书记\0调研\u{00A0}创建。\n".utf8)
        input.append(contentsOf: [0xFF, 0xFE] + Array("工作。".utf8))
        let r = try Support.shell("civ-clean --stats", input: input)
        #expect(r.status == 0)
        #expect(TextDecoder.isValidUTF8(Array(r.stdout)))
        #expect(r.text.contains("市委书记调研 创建。\n"))
        #expect(r.stderr.contains("removed.control-byte\t1"))
    }

    @Test func truncatedRecordStreamExits65ButIsPassedOn() throws {
        let r = try Support.shell("civ-segment", input: Data("%civ 1\n%source a\n市委书记调研".utf8))
        #expect(r.status == 65)
        #expect(r.stderr.contains("no %end line"))
        #expect(r.text.contains("%truncated yes\n"))
        #expect(r.text.hasSuffix("%end\n"))
    }

    @Test func segmenterSplitsWordsAndSentences() throws {
        let plain = try Support.shell("civ-segment", input: Data("市委书记调研创建工作。他强调，要抓落实。\n".utf8))
        #expect(plain.status == 0)
        let tokens = plain.text.trimmingCharacters(in: .newlines).split(separator: " ")
        #expect(tokens.contains("市委") || tokens.contains("市委书记"))
        #expect(tokens.contains("。") && tokens.contains("创建") && tokens.contains("落实"))
        #expect(tokens.joined() == "市委书记调研创建工作。他强调，要抓落实。")
        let sentences = try Support.shell("civ-segment --sentences", input: Data("市委书记调研创建工作。他强调，要抓落实。\n".utf8))
        #expect(sentences.text.split(separator: "\n").map { $0.replacingOccurrences(of: " ", with: "") } == ["市委书记调研创建工作。", "他强调，要抓落实。"])
    }

    @Test func segmenterMarksRecordsAndKeepsTheirFields() throws {
        let r = try Support.shell("civ-clean testdata/seeds/\(Support.seedNames[0]) | civ-segment")
        #expect(r.status == 0)
        let record = try #require(try RecordReader(input: ByteInput(bytes: Array(r.stdout))).next())
        #expect(record[FieldKey.segmented] == "yes")
        #expect(record[FieldKey.source] == "testdata/seeds/\(Support.seedNames[0])")
        #expect(record.lines.first?.contains(" ") == true)
    }

    /// `civ-extract < page.txt`: raw pages give the same facts as cleaned ones, text untouched.
    @Test func extractOnRawPagesFindsTheSameFields() throws {
        let keys = [FieldKey.title, FieldKey.published, FieldKey.origin, FieldKey.site, FieldKey.reporter, FieldKey.publisher]
        for name in Support.seedNames {
            let raw = try Support.shell("civ-extract < testdata/seeds/\(name)")
            let cleaned = try Support.shell("civ-clean testdata/seeds/\(name) | civ-extract")
            #expect(raw.status == 0 && cleaned.status == 0)
            let a = try #require(try RecordReader(input: ByteInput(bytes: Array(raw.stdout))).next())
            let b = try #require(try RecordReader(input: ByteInput(bytes: Array(cleaned.stdout))).next())
            #expect(a[FieldKey.title] != nil)
            for key in keys { #expect(a.values(key) == b.values(key), "\(name) \(key)") }
            let original = String(decoding: try Support.seedBytes(name), as: UTF8.self)
            #expect(a.lines == original.components(separatedBy: "\n"))
        }
    }

    /// GNU parallel splits a record stream only between records, with the documented options.
    @Test func parallelSplitsRecordStreamsBetweenRecords() throws {
        let records = try Support.shell("for i in 1 2 3 4 5; do cat testdata/seeds/*.txt; done | civ-clean")
        #expect(records.status == 0)
        let split = try Support.shell("parallel --will-cite -k --pipe --block 3k --recend '%end\\n' --recstart '%civ ' 'head -1; echo chunk' 2>/dev/null", input: records.stdout)
        #expect(split.status == 0)
        #expect(split.text.components(separatedBy: "%civ 1\nchunk\n").count - 1 == 10)
        let rejoined = try Support.shell("parallel --will-cite -k --pipe --block 3k --recend '%end\\n' --recstart '%civ ' civ-segment 2>/dev/null", input: records.stdout)
        let direct = try Support.shell("civ-segment", input: records.stdout)
        #expect(rejoined.stdout == direct.stdout)
    }

    /// A document comes out as soon as the next one begins, while input is still open (once the
    /// next page's head is seen: the cut at a breadcrumb waits at most `PageHeadCut.linesToByline`
    /// lines, or its first sentence, for a byline that may show the page began above it).
    @Test func outputAppearsAsInputArrives() throws {
        let process = Process()
        process.executableURL = Support.binDirectory.appendingPathComponent("civ-clean")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate() }
        input.fileHandleForWriting.write(try Support.seedBytes(Support.seedNames[0]) + Data("\n您当前的位置：\n某某会议召开\n会议要求，抓好落实。\n".utf8))
        final class Box: @unchecked Sendable { var text = "" }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            while !box.text.contains("%end\n") {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                box.text += String(decoding: chunk, as: UTF8.self)
            }
            done.signal()
        }
        // Generous: this guards against a hang (output held until end of input), not speed.
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(box.text.contains("%source -\n%offset 0\n"))
        try input.fileHandleForWriting.close()
    }
}
