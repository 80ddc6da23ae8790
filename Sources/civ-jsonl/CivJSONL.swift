import ArgumentParser
import CivKit

@main
struct CivJSONL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civ-jsonl",
        abstract: "Write each civ record as one JSON object on one line (JSON Lines).",
        discussion: """
        Reads civ records (from civ-clean, civ-segment or civ-extract) and writes one JSON object \
        per document, with a fixed set of keys in a fixed order: file, offset, length, url, \
        title, published, origin, site, publisher, reporters, body, segmented, repairs, extra. \
        Missing values are null; record fields without a key of their own are kept in `extra`. \
        --schema prints the JSON Schema (draft 2020-12) that describes the objects.

        Plain text (input that does not start with `%civ 1`) is read as one document per input \
        file.

        Exit codes: 0 done; 64 bad usage; 65 malformed record input (processed as far as \
        possible); 66 a file cannot be opened; 74 read or write error; 141 standard output \
        closed early.
        """,
        version: CivVersion.string
    )

    @Argument(help: "Input files of records or plain text. Default: standard input.")
    var files: [String] = []

    @Flag(help: "Print the JSON Schema of the output objects and exit.")
    var schema = false

    @Flag(help: "Print counts to standard error.")
    var stats = false

    func run() throws {
        if schema {
            print(DataFile.contents("civ-document.schema.json") ?? "", terminator: "")
            return
        }
        let run = FilterRun(tool: "civ-jsonl")
        var json = JSONWriter()
        let code = run.run(paths: files) { record in
            json.reset()
            DocumentJSON.write(record, into: &json)
            json.raw(0x0A)
            try run.output.write(json.bytes)
            run.counters.add("documents.out")
        }
        if stats { run.printStats() }
        if code != .success { throw ExitCode(code.rawValue) }
    }
}
