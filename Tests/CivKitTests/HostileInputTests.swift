import Foundation
import Testing
@testable import CivKit

/// Issue 15: every hostile case of `scripts/make-hostile` (the seeds in `testdata/hostile/seeds`,
/// the larger ones generated here) through every filter, each accounted for through
/// `--stats=json`; and the same output whatever the read sizes.
@Suite(.serialized) struct HostileInputTests {
    static let tools = ["civ-clean", "civ-segment", "civ-extract", "civ-jsonl", "civ-dedup"]
    static let seedDirectory = Support.packageRoot.appendingPathComponent("testdata/hostile/seeds")

    static var seedNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: seedDirectory.path)) ?? []).sorted()
    }

    /// What a run must show: a documented exit code, the counts adding up, as many documents
    /// written as counted out, and data problems named with the input and a byte offset.
    static func checkAccounting(_ tool: String, _ r: Support.Result, input: String, rejects: Int? = nil) -> [String] {
        var failures: [String] = []
        if r.status != 0 && r.status != 65 { failures.append("exit \(r.status)") }
        let statsLine = r.stderr.split(separator: "\n").last { $0.hasPrefix("{\"tool\"") }
        guard let statsLine,
              let object = try? JSONSerialization.jsonObject(with: Data(statsLine.utf8)) as? [String: Any],
              let counters = object["counters"] as? [String: Int] else {
            return failures + ["no --stats=json line: \(r.stderr.suffix(300))"]
        }
        let written: Int
        if tool == "civ-jsonl" {
            written = r.stdout.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        } else {
            written = r.text.components(separatedBy: "\n%end\n").count - 1 + (r.text.hasPrefix("%end\n") ? 1 : 0)
        }
        if tool == "civ-segment", counters["documents.in"] == nil {
            // Plain text: one line out for each line in.
            let lines = r.stdout.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            let linesIn = counters["lines.in", default: 0]
            if lines != linesIn { failures.append("lines.in \(linesIn), \(lines) written") }
        } else {
            let documentsIn = counters["documents.in", default: 0], out = counters["documents.out", default: 0]
            let rejected = counters.filter { $0.key.hasPrefix("rejected.") || $0.key.hasPrefix("dropped.duplicate") || $0.key == "shard.skipped" }.values.reduce(0, +)
            if documentsIn != out + rejected { failures.append("documents.in \(documentsIn) != out \(out) + rejected \(rejected)") }
            if written != out { failures.append("\(written) written, documents.out \(out)") }
            if let rejects, tool == "civ-clean", rejects != counters.filter({ $0.key.hasPrefix("rejected.") }).values.reduce(0, +) {
                failures.append("\(rejects) in --rejects")
            }
        }
        if r.status == 65, !r.stderr.split(separator: "\n").contains(where: { $0.contains("\(tool): \(input)") && $0.contains("byte") }) {
            failures.append("exit 65 without a message naming \(input) and a byte offset")
        }
        return failures
    }

    /// Runs each of `tools` on `path` given on standard input; returns what failed.
    static func runOnStandardInput(_ path: String, name: String, tools: [String] = tools) throws -> [String] {
        var failures: [String] = []
        for tool in tools {
            let rejects = tool == "civ-clean" ? "--rejects $d/rejects" : ""
            let r = try Support.shell("d=$(mktemp -d); timeout 300 \(tool) --stats=json \(rejects) < '\(path)'; s=$?; [ -f $d/rejects ] && grep -c '^%end$' $d/rejects >&2; rm -r $d; exit $s")
            // The rejects count is the last line of standard error when there is one.
            let last = r.stderr.split(separator: "\n").last.flatMap { Int($0) }
            failures += checkAccounting(tool, r, input: "-", rejects: tool == "civ-clean" ? (last ?? 0) : nil).map { "\(name) \(tool) < file: \($0)" }
        }
        return failures
    }

    /// civ-clean's records of all `paths` (file arguments), through each record filter.
    static func runRecordFilters(after paths: [String]) throws -> [String] {
        var failures: [String] = []
        for tool in Self.tools.dropFirst() {
            let r = try Support.shell("timeout 300 civ-clean \(paths.map { "'\($0)'" }.joined(separator: " ")) | timeout 300 \(tool) --stats=json")
            failures += checkAccounting(tool, r, input: "-").map { "civ-clean FILES | \(tool): \($0)" }
        }
        return failures
    }

    @Test func everySeedThroughEveryFilter() throws {
        #expect(Self.seedNames.count >= 40)
        var failures: [String] = []
        for name in Self.seedNames {
            failures += try Self.runOnStandardInput(Self.seedDirectory.appendingPathComponent(name).path, name: name)
        }
        failures += try Self.runRecordFilters(after: Self.seedNames.map { Self.seedDirectory.appendingPathComponent($0).path })
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// The larger cases (long lines, huge fields and headers, lying Content-Lengths past the
    /// body limit, pathological patterns), made by `scripts/make-hostile --generated`. Raw text
    /// of more than 256 KB goes to civ-segment and civ-extract only through civ-clean, whose
    /// limits cut it (debug builds take tens of seconds on a whole 1 MiB line of one character;
    /// `scripts/bench-hostile` runs them on release builds).
    @Test func generatedCasesThroughEveryFilter() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("civ-hostile-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try Support.shell("python3 scripts/make-hostile --generated '\(dir.path)'")
        #expect(made.status == 0, "\(made.stderr)")
        var failures: [String] = []
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names.count >= 30)
        for name in names {
            let path = dir.appendingPathComponent(name).path
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            failures += try Self.runOnStandardInput(path, name: name, tools: size > 256 << 10 ? ["civ-clean", "civ-jsonl", "civ-dedup"] : Self.tools)
        }
        failures += try Self.runRecordFilters(after: names.map { dir.appendingPathComponent($0).path })
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// Every seed cut at every 997th byte, the cuts given as file arguments to each filter in one
    /// run (a cut anywhere: inside a character, a CRLF, a record, a WARC header or body).
    @Test func everySeedCutAtEvery997thByte() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("civ-hostile-cuts-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String] = []
        for name in Self.seedNames {
            let bytes = try Data(contentsOf: Self.seedDirectory.appendingPathComponent(name))
            for cut in stride(from: 997, to: bytes.count, by: 997) {
                let path = dir.appendingPathComponent("\(name).\(cut)").path
                try bytes.prefix(cut).write(to: URL(fileURLWithPath: path))
                paths.append(path)
            }
        }
        #expect(paths.count > 50)
        let list = dir.appendingPathComponent("list").path
        try paths.joined(separator: "\n").write(toFile: list, atomically: false, encoding: .utf8)
        var failures: [String] = []
        for tool in Self.tools {
            let r = try Support.shell("d=$(mktemp -d); timeout 300 \(tool) --stats=json \(tool == "civ-clean" ? "--rejects $d/rj" : "") $(cat '\(list)'); s=$?; rm -r $d; exit $s")
            // Each file's problems are named with that file.
            failures += Self.checkAccounting(tool, r, input: dir.path).map { "\(tool) on \(paths.count) cuts: \($0)" }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// Tens of thousands of files as arguments, under a limit of 64 open files: opened one at a
    /// time, every one accounted for.
    @Test func twentyThousandFilesAsArguments() throws {
        let r = try Support.shell("""
            d=$(mktemp -d); python3 -c "for i in range(20000): open('$d/p%d.txt' % i, 'w').write('区长检查创建工作%d。\\n' % i)"
            ulimit -n 64; (cd $d && civ-clean --stats=json $(ls) > ../civ-hostile-many.out); s=$?
            grep -c '^%end$' $d/../civ-hostile-many.out; rm -r $d $d/../civ-hostile-many.out; exit $s
            """)
        #expect(r.status == 0, "\(r.stderr.suffix(500))")
        #expect(r.text == "20000\n")
        #expect(r.stderr.contains("\"documents.in\":20000"))
    }

    // MARK: determinism

    /// Runs civ-clean's stage over `bytes` read from a file in reads of the sizes `sizes` gives.
    static func cleanOutput(_ bytes: [UInt8], readSizes: (() -> Int)?) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("civ-hostile-read-\(getpid())").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let input = try ByteInput(path: path, maxLineBytes: Limits.maxLineBytes)
        input.readSizeLimit = readSizes
        let stage = try CleanStage()
        var out: [UInt8] = []
        let write: CleanStage.Emit = { RecordFormat.serialize($0, into: &out) }
        try stage.process(input, wholeInputIsOneDocument: false, emit: write, reject: write)
        out += Array(stage.problems.joined(separator: "\n").utf8)
        return out
    }

    /// Reads `bytes` as a record stream (or plain text) in reads of the sizes given.
    static func recordOutput(_ bytes: [UInt8], readSizes: (() -> Int)?) throws -> [UInt8] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("civ-hostile-rec-\(getpid())").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let input = try ByteInput(path: path, maxLineBytes: Limits.maxLineBytes)
        input.readSizeLimit = readSizes
        let reader = RecordReader(input: input)
        var out: [UInt8] = []
        while let record = try reader.next() { RecordFormat.serialize(record, into: &out) }
        out += Array("\(reader.problems)".utf8)
        return out
    }

    @Test func sameOutputWhateverTheReadSizes() throws {
        var rng = SplitMix(state: 15)
        var compared = 0
        for name in Self.seedNames {
            let bytes = Array(try Data(contentsOf: Self.seedDirectory.appendingPathComponent(name)))
            for output in [Self.cleanOutput, Self.recordOutput] {
                let whole = try output(bytes, nil)
                #expect(try output(bytes, { 1 }) == whole, "\(name), one byte a read")
                for _ in 0..<3 {
                    var local = SplitMix(state: rng.next())
                    #expect(try output(bytes, { Int(local.next() % 2000) + 1 }) == whole, "\(name), random reads")
                }
                compared += 1
            }
        }
        #expect(compared >= 80)
    }

    // MARK: line ends

    @Test func crAloneEndsALineAndCRLFKeepsItsCR() throws {
        for sizes in [nil, { 1 }] as [(() -> Int)?] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("civ-hostile-cr-\(getpid())").path
            try Data("a\rb\r\nc\n\rd\r".utf8).write(to: URL(fileURLWithPath: path))
            defer { unlink(path) }
            let input = try ByteInput(path: path)
            input.readSizeLimit = sizes
            var lines: [InputLine] = []
            while let line = try input.nextLine() { lines.append(line) }
            #expect(lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["a", "b\r", "c", "", "d"])
            #expect(lines.map(\.offset) == [0, 2, 5, 7, 8])
            #expect(lines.map(\.streamLength).reduce(0, +) == 10)
        }
        var split: [String] = []
        LineEnds.forEachLine(in: Array("x\ry\r\n\rz".utf8)) { split.append(String(decoding: $0, as: UTF8.self)) }
        #expect(split == ["x", "y\r", "", "z"])
    }

    @Test func crOnlyPagesAreSplitLikeLFPages() throws {
        let pages = try Support.seedBytes(Support.seedNames[0]) + Support.seedBytes(Support.seedNames[1])
        let lf = try Support.cleanRecords(Array(pages)).records
        let cr = try Support.cleanRecords(Array(pages).map { $0 == 0x0A ? 0x0D : $0 }).records
        #expect(lf.count == 2)
        #expect(cr.map(\.lines) == lf.map(\.lines))
    }

    // MARK: WARC records that lie

    static func warc(_ body: String, length: Int? = nil) -> [UInt8] {
        let b = Array(body.utf8)
        return Array("WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Target-URI: http://x/\(b.count)\r\nContent-Length: \(length ?? b.count)\r\n\r\n".utf8) + b + Array("\r\n\r\n".utf8)
    }

    @Test(arguments: [5_000, 1 << 40])
    func aContentLengthPastTheRecordDoesNotSwallowTheNext(length: Int) throws {
        let bytes = Self.warc("第一篇。\n", length: length) + Self.warc("第二篇。\n") + Self.warc("第三篇。\n")
        var options = CleanStage.Options()
        options.maxDocumentBytes = 100
        let (records, rejects, stage) = try Support.cleanRecords(bytes, options: options)
        #expect(records.map(\.lines) == [["第一篇。"], ["第二篇。"], ["第三篇。"]])
        #expect(rejects.isEmpty)
        #expect(stage.problems.contains { $0.contains("WARC record at byte 0 has a Content-Length that runs into the next record") })
        // Offsets and lengths still tile the input.
        let all = (records + rejects).sorted { Int($0[FieldKey.offset]!)! < Int($1[FieldKey.offset]!)! }
        #expect(all.map { Int($0[FieldKey.offset]!)! + Int($0[FieldKey.length]!)! }.last == bytes.count)
    }

    @Test func warcHeadersPastTheLimitAreSkippedAndCounted() throws {
        let many = String(repeating: "X-Header: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\r\n", count: (Limits.maxWARCHeaderBytes / 40) + 100)
        let body = "第一篇。\n"
        let first = Array("WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: \(body.utf8.count)\r\n\(many)\r\n\(body)\r\n\r\n".utf8)
        let bytes = first + Self.warc("第二篇。\n")
        let (records, _, stage) = try Support.cleanRecords(bytes)
        #expect(records.map(\.lines) == [["第一篇。"], ["第二篇。"]])
        #expect(stage.problems.contains { $0.contains("WARC record at byte 0 has more than \(Limits.maxWARCHeaderBytes) bytes of headers") })
        #expect(stage.counters["input.warc-headers-too-large"] == 1)
    }

    /// File arguments after the first of a trailing run skip the argument parser: the order,
    /// options before them, `-` and `--` still work.
    @Test func fileArgumentsKeepTheirOrderAroundOptions() throws {
        let r = try Support.shell("""
            d=$(mktemp -d); for i in 1 2 3 4 5; do printf 'x\\n' > $d/$i.txt; done; printf 'x\\n' > $d/-w.txt
            cd $d; civ-jsonl 1.txt --stats=json 2.txt - 3.txt 4.txt -- -w.txt 5.txt < 5.txt | grep -o '"file":"[^"]*"' | tr '\\n' ' '
            civ-clean --rejects r.out 1.txt 2.txt 3.txt | grep -c '^%end$'; cd /; rm -r $d
            """)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.text == "\"file\":\"1.txt\" \"file\":\"2.txt\" \"file\":\"-\" \"file\":\"3.txt\" \"file\":\"4.txt\" \"file\":\"-w.txt\" \"file\":\"5.txt\" 3\n")
        #expect(r.stderr.contains("\"documents.in\":7"))
    }
}
