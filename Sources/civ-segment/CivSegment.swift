import ArgumentParser
import CivKit

@main
struct CivSegment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "civ-segment",
        abstract: "Break the text of civ records (or plain text) into words with ICU's BreakIterator.",
        discussion: """
        Reads civ records and writes the same records with each text line replaced by its tokens, \
        separated by single spaces, and the field `%segmented yes` added; every other field is \
        passed on. Plain text (input that does not start with `%civ 1`) is segmented line by \
        line and written as plain text, as it arrives.

        With --sentences, each sentence (ICU sentence BreakIterator) goes on a line of its own.

        Exit codes: 0 done; 64 bad usage; 65 malformed record input (processed as far as \
        possible); 66 a file cannot be opened; 74 read or write error; 141 standard output \
        closed early.
        """,
        version: CivVersion.string
    )

    @Argument(help: "Input files of records or plain text. Default: standard input.")
    var files: [String] = []

    @Flag(help: "Put each sentence on a line of its own.")
    var sentences = false

    @Flag(help: "Print counts to standard error.")
    var stats = false

    func run() throws {
        let run = FilterRun(tool: "civ-segment")
        let code: CivExitCode
        do {
            let segmenter = try WordSegmenter()
            let splitter = sentences ? try SentenceSplitter() : nil
            let writer = RecordWriter(output: run.output)
            func segmentLines(_ lines: [String]) -> [String] {
                let units = splitter.map { s in lines.flatMap { s.sentences($0) } } ?? lines
                return units.map(segmenter.segment)
            }
            code = run.run(paths: files, handlePlainLine: { line in
                run.counters.add("lines.in")
                let text = TextDecoder.lossyString(line.bytes)
                for out in segmentLines([text]) {
                    try run.output.write(out)
                    try run.output.write([0x0A])
                }
            }, handleRecord: { record in
                var record = record
                record.lines = segmentLines(record.lines)
                record[FieldKey.segmented] = "yes"
                try writer.write(record)
                run.counters.add("documents.out")
            })
        } catch let error as CivError {
            code = run.fail(error)
        }
        if stats { run.printStats() }
        if code != .success { throw ExitCode(code.rawValue) }
    }
}
