import ArgumentParser
import CivCommandLine
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

        \(FilterHelp.exitCodes)
        """,
        version: CivVersion.string
    )

    @OptionGroup var options: FilterOptions

    @Flag(help: "Print the JSON Schema of the output objects and exit.")
    var schema = false


    func run() throws {
        if schema {
            print(DataFile.contents("civ-document.schema.json") ?? "", terminator: "")
            return
        }
        let run = FilterRun(tool: "civ-jsonl")
        var json = JSONWriter()
        let code = run.run(paths: options.files) { record in
            json.reset()
            DocumentJSON.write(record, into: &json)
            json.raw(0x0A)
            try run.output.write(json.bytes)
            run.counters.add("documents.out")
        }
        try run.exit(code, options: options)
    }
}
