import ArgumentParser
import CivCommandLine
import CivKit
import Foundation

extension DocumentJSON.Layout: ExpressibleByArgument {}

@main
struct CivJSONL: FilterCommand {
    static let configuration = CommandConfiguration(
        commandName: "civ-jsonl",
        abstract: "Write each civ record as one JSON object on one line (JSON Lines).",
        discussion: """
        Reads civ records (from civ-clean, civ-segment or civ-extract) and writes one JSON object \
        per document, with a fixed set of keys in a fixed order: \
        \(DocumentJSON.keys.joined(separator: ", ")). \
        Missing values are null; record fields without a key of their own are kept in `extra`. \
        --schema prints the JSON Schema (draft 2020-12) that describes the objects.

        Plain text (input that does not start with `%civ 1`) is read as one document per input \
        file.

        Examples:
          civ-clean crawl.txt.gz | civ-extract | civ-jsonl > docs.jsonl
          civ-clean crawl.txt | civ-jsonl --layout datatrove > docs.jsonl
          civ-jsonl --schema

        \(FilterHelp.exitCodes)
        """,
        version: CivVersion.string
    )

    @OptionGroup var options: FilterOptions

    @Option(help: ArgumentHelp("The objects' shape: civ (the schema below), datatrove ({text, id, metadata}, for datatrove's JsonlReader) or dolma ({id, text, source, added, created, metadata}); civ's fields go under metadata.", valueName: "civ|datatrove|dolma"))
    var layout: DocumentJSON.Layout = .civ

    @Flag(help: "Print the JSON Schema of the output objects (--layout civ) and exit.")
    var schema = false


    func run() throws {
        if schema {
            print(DataFile.contents("civ-document.schema.json") ?? "", terminator: "")
            return
        }
        let run = FilterRun(tool: "civ-jsonl")
        run.configure(options)
        var json = JSONWriter()
        let added = ISO8601DateFormatter().string(from: Date())
        let code = run.run(paths: options.files) { record in
            json.reset()
            DocumentJSON.write(record, layout: layout, added: added, into: &json)
            json.raw(0x0A)
            try run.output.write(json.bytes)
            run.counters.add("documents.out")
        }
        try run.exit(code, options: options)
    }
}
