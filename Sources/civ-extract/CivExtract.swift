import ArgumentParser
import CivCommandLine
import CivKit

@main
struct CivExtract: FilterCommand {
    static let configuration = CommandConfiguration(
        commandName: "civ-extract",
        abstract: "Find the title, publication time, origin, site, reporters, publisher, officials, event dates, places visited, places, campaigns and directives of each document.",
        discussion: """
        Reads civ records (from civ-clean or civ-segment) and writes the same records, text \
        unchanged, with the fields it found added: %title, %published (ISO 8601 at +08:00, or \
        a date alone), %origin (来源/来自), %site, %reporter (once per reporter), %publisher \
        (发布者), %official (once per person: NAME ROLE POST/LEVEL/BODY …, e.g. 康峰 accompany \
        区委副书记/区/党委 区长/区/政府), %event-date (once per date something happened, resolved \
        against the publication date: 2019-07-19, or --07-19 without a year), %place-visited \
        (once per site visited, as written), %place (once per province, prefecture or county \
        named: NAME/LEVEL/ADCODE and its parents, e.g. 甘州区/county/620702 \
        甘肃省/province/620000 张掖市/prefecture/620700), %campaign (once per campaign the article is \
        about: 全国文明城市), %directive (once per sentence after 强调，, 指出，, 要求：). A field \
        an earlier stage set is kept. The byline, banner and breadcrumb fields civ-clean moved \
        out of the text are read first, then the text's first and last lines; officials, event \
        dates, places visited, campaigns and directives come from every text line.

        Plain text (input that does not start with `%civ 1`, such as a page saved as it was \
        crawled) is read as one document per input file and written as a record.

        Examples:
          civ-clean crawl.txt.gz | civ-extract | grep '^%published'
          civ-extract < page.txt

        \(FilterHelp.exitCodes)
        """,
        version: CivVersion.string
    )

    @OptionGroup var options: FilterOptions


    func run() throws {
        let run = FilterRun(tool: "civ-extract")
        run.configure(options)
        try run.requireValidData(["boilerplate.tsv", "extract-labels.tsv", "site-talk.tsv"], options: options)
        let writer = RecordWriter(output: run.output)
        let pipeline = ExtractionPipeline()
        // Made on first use: only raw text (no civ-clean before) needs ICU and the tables.
        var rawTextCleaner: CleanStage?
        let code = run.run(paths: options.files) { record in
            var record = record
            if record[FieldKey.repairs] == nil {
                if rawTextCleaner == nil { rawTextCleaner = try CleanStage() }
                pipeline.run(on: &record, counters: &run.counters, cleaningRawTextWith: rawTextCleaner!)
            } else {
                pipeline.run(on: &record, counters: &run.counters)
            }
            try writer.write(record)
            run.counters.add("documents.out")
        }
        try run.exit(code, options: options)
    }
}
