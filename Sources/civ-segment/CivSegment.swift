import ArgumentParser
import CivCommandLine
import CivKit

@main
struct CivSegment: FilterCommand {
    static let configuration = CommandConfiguration(
        commandName: "civ-segment",
        abstract: "Break the text of civ records (or plain text) into words: ICU's BreakIterator, then rules and a lexicon (PKU convention).",
        discussion: """
        Reads civ records and writes the same records with each text line replaced by its tokens, \
        separated by single spaces, and the field `%segmented yes` added; every other field is \
        passed on. Plain text (input that does not start with `%civ 1`) is segmented line by \
        line and written as plain text, as it arrives.

        With --sentences, each sentence (ICU sentence BreakIterator) goes on a line of its own.

        Examples:
          civ-clean page.txt | civ-segment > tokens.civ
          civ-segment --sentences --lexicon words.txt < article.txt

        \(FilterHelp.exitCodes)
        """,
        version: CivVersion.string
    )

    @OptionGroup var options: FilterOptions

    @Flag(help: "Put each sentence on a line of its own.")
    var sentences = false

    @Option(help: ArgumentHelp("Your own words: one a line, optionally followed by white space and a frequency (default \(Lexicon.defaultUserFrequency)); a malformed line is reported with its number (exit 65).", valueName: "FILE"))
    var lexicon: String?


    func run() throws {
        let run = FilterRun(tool: "civ-segment")
        run.configure(options)
        let code: CivExitCode
        do {
            let segmenter = try WordSegmenter(words: lexicon.map(Lexicon.userWords(path:)))
            let splitter = sentences ? try SentenceSplitter() : nil
            let writer = RecordWriter(output: run.output)
            func segmentLines(_ lines: [String]) -> [String] {
                let units = splitter.map { s in lines.flatMap { s.sentences($0) } } ?? lines
                return units.map(segmenter.segment)
            }
            code = run.run(paths: options.files, handlePlainLine: { text in
                run.counters.add("lines.in")
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
        try run.exit(code, options: options)
    }
}
