/// The word lists civ-extract matches, from `extract-labels.tsv` and `surnames.txt`
/// (the files describe each kind). Loaded once, on first use.
struct ExtractLabels: Sendable {
    typealias Word = FoldedLine.Word

    let origin, publisher, reporter, time: [Word]
    /// Every byline label: one followed by a colon ends the value before it.
    let anyLabel: [Word]
    let nameStop, breadcrumb, crumbSeparator, home, siteSuffix, siteLead, attribution, bannerSeparator: [Word]
    let singleSurnames: Set<Unicode.Scalar>
    let compoundSurnames: [Word]

    static let standard = ExtractLabels(
        table: DataFile.lines("extract-labels.tsv"), surnames: DataFile.lines("surnames.txt"))

    init(table: [String], surnames: [String]) {
        let kinds = KindedWords(table, file: "extract-labels.tsv")
        func words(_ kind: String) -> [Word] { kinds[kind] }
        origin = words("origin")
        publisher = words("publisher")
        reporter = words("reporter")
        time = words("time")
        anyLabel = (origin + publisher + reporter + time + words("label")).sorted { $0.count > $1.count }
        nameStop = words("name-stop")
        breadcrumb = words("breadcrumb")
        crumbSeparator = words("crumb-sep")
        home = words("home")
        siteSuffix = words("site-suffix")
        siteLead = words("site-lead")
        attribution = words("attribution")
        bannerSeparator = words("banner-sep")
        let names = surnames.flatMap { $0.split(separator: " ") }.map { FoldedLine.word(String($0)) }
        singleSurnames = Set(names.filter { $0.count == 1 }.map { $0[0] })
        compoundSurnames = names.filter { $0.count > 1 }
    }

    /// True when `name` (2–4 Han characters) starts with a surname.
    func startsWithSurname(_ name: Word) -> Bool {
        guard let first = name.first else { return false }
        if singleSurnames.contains(first) { return true }
        return compoundSurnames.contains { name.count > $0.count && name.starts(with: $0) }
    }
}
