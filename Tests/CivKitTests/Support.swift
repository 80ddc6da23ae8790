import Foundation
import Testing
@testable import CivKit

/// Helpers shared by the tests.
enum Support {
    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding the built executables: the one the test binary runs from.
    static let binDirectory: URL = {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        // The xctest bundle may sit inside a folder of its own.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("civ-clean").path), dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }()

    static func seed(_ name: String) -> URL {
        packageRoot.appendingPathComponent("testdata/seeds").appendingPathComponent(name)
    }

    static let seedNames = ["000_0f8254f664746d59.txt", "002_a935c60afc64b141.txt"]

    static func seedBytes(_ name: String) throws -> Data { try Data(contentsOf: seed(name)) }

    static func golden(_ name: String) throws -> String {
        let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden")!
        return try String(contentsOf: url, encoding: .utf8)
    }

    struct Result {
        var stdout: Data
        var stderr: String
        var status: Int32
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// `BoilerplateRemoval` on one document of `lines`: what is left and what was counted.
    static func removeBoilerplate(_ lines: [String], removal: BoilerplateRemoval = BoilerplateRemoval()) -> (Record, Counters) {
        var record = Record(lines: lines)
        var counters = Counters()
        removal.repair(&record, counters: &counters)
        return (record, counters)
    }

    /// The kind of the first boilerplate row that takes `line` at `index` of a page of `count` lines.
    static func ruleKind(_ line: String, index: Int, count: Int = 30) -> String? {
        let rules = BoilerplateRules.standard
        var line = line
        let first = line.utf8.first ?? 0
        return line.withUTF8 { p in
            rules.firstCandidate(index: index, count: count, firstByte: first) { rules.rules[$0].matches(p, keywords: rules.keywords(in: p)) }
        }.map { rules.rules[$0].kind }
    }

    /// Runs a shell command line (bash) with the executables on PATH and `input` on stdin.
    static func shell(_ command: String, input: Data = Data()) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = binDirectory.path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        process.environment = env
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        process.standardInput = inPipe
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        // Write stdin on a thread of its own so large inputs cannot deadlock against stdout.
        let writer = Thread {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        writer.start()
        final class Box: @unchecked Sendable { var data = Data() }
        let err = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            err.data = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        return Result(stdout: out, stderr: String(decoding: err.data, as: UTF8.self), status: process.terminationStatus)
    }

    /// Cleans lines with the standard line cleaner.
    static let cleaner: LineCleaner = try! LineCleaner.standard()

    /// Expects `first + second` (a page glued onto another's last line, as `cat` makes it) to be
    /// cut into the two pages, byte for byte, by the rule counted as `counter`, once.
    static func expectCutBetween(_ first: String, _ second: String, counter: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (records, _, stage) = try cleanRecords(Array((first + second).utf8))
        #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)], sourceLocation: sourceLocation)
        #expect(stage.counters[counter] == 1, sourceLocation: sourceLocation)
        #expect(records.compactMap { Int($0[FieldKey.length] ?? "") }.reduce(0, +) == first.utf8.count + second.utf8.count, sourceLocation: sourceLocation)
    }

    /// Runs a clean stage over in-memory bytes.
    static func cleanRecords(_ bytes: [UInt8], name: String = "-", wholeInput: Bool = false, options: CleanStage.Options = CleanStage.Options()) throws -> (records: [Record], rejects: [Record], stage: CleanStage) {
        let stage = try CleanStage(options: options)
        var records: [Record] = []
        var rejects: [Record] = []
        try stage.process(ByteInput(bytes: bytes, name: name), wholeInputIsOneDocument: wholeInput, emit: { records.append($0) }, reject: { rejects.append($0) })
        return (records, rejects, stage)
    }
}

/// A deterministic random generator (SplitMix64), so that a failing random test can be reproduced.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
