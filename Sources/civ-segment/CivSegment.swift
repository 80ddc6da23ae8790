import ArgumentParser
import CivCommandLine
import CivKit

extension TokenFormat: ExpressibleByArgument {}

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

        --format tokens writes one token a line and an empty line after each line (or sentence); \
        --format offsets writes each token after its byte offset in the document's text and a tab \
        (the text of a record, or all of a plain-text input: its lines, each ended by a line feed, \
        as UTF-8). Records then get `%segmented tokens` or `%segmented offsets`; civ-extract and \
        civ-jsonl read the default format, lines.

        Examples:
          civ-clean page.txt | civ-segment > tokens.civ
          civ-segment --sentences --lexicon words.txt < article.txt
          civ-segment --format offsets < article.txt

        \(FilterHelp.exitCodes)
        """,
        version: CivVersion.string
    )

    @OptionGroup var options: FilterOptions

    @Flag(help: "Put each sentence on a line of its own.")
    var sentences = false

    @Option(help: "How tokens are written: lines (a line's tokens separated by spaces), tokens (one a line), offsets (one a line after its byte offset and a tab).")
    var format: TokenFormat = .lines

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
            // Plain text is one document: offsets count from the start of the input.
            var plain = DocumentSegmenter(words: segmenter, sentences: splitter, format: format)
            var lines: [String] = []
            var bytes: [UInt8] = []
            code = run.run(paths: options.files, handlePlainLine: { text in
                run.counters.add("lines.in")
                bytes.removeAll(keepingCapacity: true)
                plain.segment(utf8: text, appendingTo: &bytes)
                try run.output.write(bytes)
            }, handleRecord: { record in
                var record = record
                var document = DocumentSegmenter(words: segmenter, sentences: splitter, format: format)
                lines.removeAll(keepingCapacity: true)
                for line in record.lines { document.segment(line, into: &lines) }
                record.lines = lines
                record[FieldKey.segmented] = format.fieldValue
                try writer.write(record)
                run.counters.add("documents.out")
            })
        } catch let error as CivError {
            code = run.fail(error)
        }
        try run.exit(code, options: options)
    }
}
