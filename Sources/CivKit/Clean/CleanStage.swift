/// civ-clean's work: input bytes in, one cleaned record per document out.
///
/// - A file argument is one document, unless it is a WARC/WET file (one document per record).
/// - Standard input is split into pages: a breadcrumb or banner line starts a page, and a line
///   in which an end-of-page marker is followed by more text (files without a final newline,
///   concatenated by `cat`) is split there.
/// Each line is decoded and cleaned as it arrives (`LineCleaner`); when a document is complete,
/// the document repairs run, and the record is written or rejected with its reason.
public final class CleanStage {
    /// The largest document any filter holds in memory: news pages are well under 1 MiB, and a
    /// record in memory takes several times its bytes (lines, fields, JSON).
    public static let defaultMaxDocumentBytes = Limits.maxDocumentBytes

    public struct Options: Sendable {
        /// A document larger than this is rejected (`too-large`) instead of buffered.
        public var maxDocumentBytes = CleanStage.defaultMaxDocumentBytes
        /// ICU's Traditional-Simplified alone, on every line (`--icu-exact`).
        public var icuExact = false
        public init() {}
    }

    public let options: Options
    public let cleaner: LineCleaner
    public let documentRepairs: [any DocumentRepair]
    /// The first of them, called as itself: it takes the keywords found when the lines were read.
    private let boilerplateRemoval: BoilerplateRemoval
    public let rules: BoilerplateRules
    /// The lines outside the bodies of the run's pages so far: repeated ones are boilerplate, and
    /// show where one site's pages begin (`RepeatedSiteLines`).
    public let siteLines = RepeatedSiteLines()
    /// Everything counted over all documents.
    public private(set) var counters = Counters()
    /// `--explain`: given, for every text line of every document, one line saying what became
    /// of it: `SOURCE<TAB>OFFSET<TAB>LINE<TAB>kept|dropped.KIND|moved.KIND<TAB>TEXT` (LINE counts the
    /// document's non-empty cleaned lines from 1).
    public var explain: ((String) -> Void)?
    /// Data problems met (truncated WARC records…), as messages; they make the exit code 65.
    public private(set) var problems: [String] = []

    public init(options: Options = Options(), rules: BoilerplateRules = .standard) throws {
        self.options = options
        self.rules = rules
        cleaner = try LineCleaner.standard(icuExact: options.icuExact)
        boilerplateRemoval = BoilerplateRemoval(rules: rules, siteLines: siteLines)
        documentRepairs = [boilerplateRemoval, RepeatedSummaryRemoval()]
        (emptyLineStartsPage, emptyLineIsGlued) = [UInt8]().withUnsafeBufferPointer { [rules] empty in
            (rules.startsPage(empty), rules.gluedPageStart(in: empty) != nil)
        }
    }

    /// What the rules say of an empty line, asked once: a third of the lines of crawled pages are
    /// empty, and asking costs a keyword search and a pass over the page-start rules each time.
    /// (`RepeatedSiteLines.gluedPageStart` never splits a line that short.)
    private let emptyLineStartsPage: Bool
    private let emptyLineIsGlued: Bool

    /// A document being assembled.
    struct PendingDocument {
        var fields: [Record.Field]
        var offset: Int
        var length = 0
        var lines: [String] = []
        /// Each line's `BoilerplateRules.keywords(in:)`, found when it was read (nil: not found, as for
        /// a line cut in two): the boilerplate removal reuses them instead of scanning the line again.
        var lineKeywords: [KeywordAutomaton.Bits?] = []
        var keptBytes = 0
        var tooLarge = false
        var hasText = false
        /// A line with a sentence end seen: a page start (breadcrumb, banner) below the lines
        /// above an article (site name, menus) begins no new document before the article's text.
        var hasProse = false
        var encoding = TextDecoder.Encoding.utf8
        var counters = Counters()
        /// A whole file: a document even when empty (then rejected as `empty`, never uncounted).
        var isWholeInput = false
        /// Its first lines without a sentence (site name, menu): the next page of the same site
        /// begins with one of them (`RepeatedSiteLines.gluedPageStart`).
        var firstLines: [[UInt8]] = []

        init(source: String, offset: Int) {
            fields = [Record.Field(FieldKey.source, source)]
            self.offset = offset
        }
    }

    public typealias Emit = (Record) throws -> Void

    /// Processes one input. `wholeInputIsOneDocument` is true for file arguments.
    public func process(_ input: ByteInput, wholeInputIsOneDocument: Bool, emit: Emit, reject: Emit) throws {
        if try WARCReader.looksLikeWARC(input) {
            try processWARC(input, emit: emit, reject: reject)
            return
        }
        if try Self.looksLikeRecords(input) {
            try processRecords(input, emit: emit, reject: reject)
            return
        }
        var document = PendingDocument(source: input.name, offset: 0)
        document.isWholeInput = wholeInputIsOneDocument
        var spare: [UInt8] = []
        // The legacy encoding of the stream's pages so far: a page's first lines are read as the
        // pages before it were (a cat of one site's pages), until its own lines say otherwise.
        var streamEncoding = TextDecoder.Encoding.utf8
        // The document's last lines, their counts not yet merged into it: a head byline may yet
        // show that the next page began in one of them (`BylineNamedPageStart`).
        var recent: [RecentLine] = []
        func settle(_ document: inout PendingDocument) {
            for k in recent.indices { if let counts = recent[k].countsIfAny { document.counters.merge(counts) } }
            recent.removeAll(keepingCapacity: true)
        }
        // A line that starts a page (a breadcrumb), its cut deferred until the page's head
        // byline shows whether the page began lines above it (`PageHeadCut`): its stream offset.
        var pendingStart: Int? = nil
        // A head byline after an article that showed no cut above it: its stream offset. The
        // first sentence below it may repeat the title's words (`PageHeadCut.minRunAnywhere`).
        var pendingByline: Int? = nil
        // Cuts the document at the pending page start, if any.
        func cutAtPendingStart(_ document: inout PendingDocument) throws {
            guard let offset = pendingStart else { return }
            pendingStart = nil
            // A document that grew too large since holds no lines to cut by: it stays whole.
            guard let k = recent.firstIndex(where: { $0.line.offset == offset }),
                  document.lines.count == recent[0].linesBefore + recent.count else { return }
            document = try split(&document, recent: recent, at: k, start: 0, counter: nil, emit: emit, reject: reject)
            recent.removeAll(keepingCapacity: true)
        }
        // Counted apart, then given to the document the line goes to (a page's first line
        // is known to start a new document only once it is cleaned); reused, not made per line.
        var lineCounters = Counters()
        // What the lines so far taught: the current page's lost characters (forgotten where a
        // page starts; a page cut later, above its start, keeps what its lines taught the page
        // before) and the script of the line before.
        var memory = CleaningMemory()
        var aboveIsArticle = false
        while let line = try input.nextLine() {
            lineCounters.removeAll()
            let preferred = document.encoding != .utf8 ? document.encoding : streamEncoding
            var mayHaveInvisible = true
            var (bytes, encoding) = TextDecoder.decodeLineToUTF8(line.bytes, preferred: preferred, counters: &lineCounters,
                                                                 mayHaveInvisible: &mayHaveInvisible)
            if encoding != .utf8 { streamEncoding = encoding }
            cleaner.clean(&bytes, spare: &spare, counters: &lineCounters, memory: &memory, mayHaveInvisible: mayHaveInvisible)
            var lineKeywords: KeywordAutomaton.Bits? = nil
            if !wholeInputIsOneDocument {
                // An empty line's answers were found once (`emptyLineStartsPage`).
                let isEmpty = bytes.isEmpty && !emptyLineIsGlued
                // The rules' keywords the line holds, found once for both questions.
                let keywords = isEmpty ? 0 : bytes.withUnsafeBufferPointer { rules.keywords(in: $0) }
                lineKeywords = keywords
                // A document rejected as too large holds text too, just not in memory: the next
                // page must still start a document of its own.
                let startsPage = (document.hasProse || document.tooLarge)
                    && (isEmpty ? emptyLineStartsPage : bytes.withUnsafeBufferPointer({ rules.startsPage($0, keywords: keywords) }))
                    && !PageHeadCut.followsViewerPageCounter(recent.last { !$0.cleaned.isEmpty }?.cleaned)
                // A page start glued after an old page's last line (`【返回首页】首页 > 本地新闻`)
                // is cut inside the line, as any glued line.
                let glued = isEmpty ? nil : gluedPageSplit(bytes, of: line, preferred: preferred, encoding: encoding, keywords: keywords)
                    .map({ ($0.split, $0.rawOffset, "pages.glued-line-split") })
                    ?? (document.hasProse ? gluedTrailSplit(bytes, of: line, preferred: preferred, encoding: encoding, keywords: keywords) : nil)
                    .map({ ($0.split, $0.rawOffset, "pages.glued-trail-split") })
                    ?? (document.hasProse && !startsPage ? siteLineSplit(bytes, of: line, firstLines: document.firstLines, preferred: preferred, encoding: encoding) : nil)
                    .map({ ($0.split, $0.rawOffset, "pages.site-line-split") })
                    ?? (startsPage ? bannerAfterSureEndSplit(bytes, of: line, preferred: preferred, encoding: encoding) : nil)
                    .map({ ($0.split, $0.rawOffset, "pages.banner-after-sure-end-split") })
                if startsPage || glued != nil { try cutAtPendingStart(&document) }
                if startsPage && glued == nil {
                    // The page may have begun lines above (a banner, a menu glued to the old
                    // page's last line): cut there when its head shows where; else here, once
                    // the byline below has had its say.
                    if !isFirstLine(bytes), !document.tooLarge,
                       let next = try splitAtPageHead(&document, recent: recent, searchable: recent.count, then: bytes, emit: emit, reject: reject) {
                        document = next
                        recent.removeAll(keepingCapacity: true)
                    } else if !document.tooLarge, let next = try splitAtSpamBannerAbove(&document, recent: recent, emit: emit, reject: reject) {
                        document = next
                        recent.removeAll(keepingCapacity: true)
                    } else if document.hasProse, !document.tooLarge, !recent.isEmpty, document.lines.count == recent[0].linesBefore + recent.count {
                        pendingStart = line.offset
                    } else {
                        settle(&document)
                        try finish(document, emit: emit, reject: reject)
                        document = PendingDocument(source: input.name, offset: line.offset)
                        memory.forgetPage()
                    }
                } else if let (split, rawOffset, counter) = glued {
                    let rawSplit = line.offset + rawOffset
                    // The glued line's counts stay with the page it ends; they cannot be split.
                    settle(&document)
                    document.counters.merge(lineCounters)
                    append(String(decoding: bytes[..<split], as: UTF8.self), rawBytes: rawSplit - line.offset, encoding: encoding, to: &document)
                    document.length = rawSplit - document.offset
                    counters.add(counter)
                    try finish(document, emit: emit, reject: reject)
                    document = PendingDocument(source: input.name, offset: rawSplit)
                    memory.forgetPage()
                    append(String(decoding: bytes[split...], as: UTF8.self), rawBytes: line.streamLength - (rawSplit - line.offset), encoding: encoding, to: &document)
                    document.length = line.offset + line.streamLength - document.offset
                    continue
                }
            }
            if line.discardedBytes > 0 { document.tooLarge = true }
            let before = RecentLine(line: line, cleaned: bytes, encoding: encoding, preferred: preferred,
                                    countsIfAny: lineCounters.isEmpty ? nil : lineCounters,
                                    linesBefore: document.lines.count, keptBytesBefore: document.keptBytes,
                                    hasTextBefore: document.hasText, hasProseBefore: document.hasProse, encodingBefore: document.encoding)
            // (Valid UTF-8: decoded, then repaired.)
            append(UTF8Bytes.string(ofValid: bytes), rawBytes: line.streamLength, encoding: encoding, to: &document, keywords: lineKeywords)
            document.length = line.offset + line.streamLength - document.offset
            if wholeInputIsOneDocument {
                document.counters.merge(lineCounters)
                continue
            }
            if recent.count > PageHeadCut.windowLines {
                // The oldest line leaves before the new one comes (one line fewer to shift),
                // moved out and destroyed at once (`removeSubrange` destroyed it through the
                // generic array path); its counts were merged in place.
                if let counts = recent[0].countsIfAny { document.counters.merge(counts) }
                recent.remove(at: 0)
            }
            recent.append(consume before)
            // Whether this line and the last non-empty one above are article lines, each line read
            // once: a sentence after none may begin a page with no head (`HeadlessPageStart`).
            let isArticle = !bytes.isEmpty && bytes.withUnsafeBufferPointer { BodyEdges.isArticleLine($0) }
            let headlessMayStart = isArticle && !aboveIsArticle
            if !bytes.isEmpty { aboveIsArticle = isArticle }
            // A dated list's second item under its first glued after the old page (`DatedListStart`).
            if pendingStart == nil, document.hasProse, !document.tooLarge,
               let next = try splitAtDatedList(&document, recent: recent, emit: emit, reject: reject) {
                document = next
                recent.removeAll(keepingCapacity: true)
                continue
            }
            // A forum's login links under its name glued after the old page (`LoginHeadStart`).
            // (Asked only of a line as short as a link: most lines are longer.)
            if pendingStart == nil, !bytes.isEmpty, bytes.count <= LoginHeadStart.maxLinkBytes, document.hasProse, !document.tooLarge,
               let next = try splitAtLoginHead(&document, recent: recent, emit: emit, reject: reject) {
                document = next
                recent.removeAll(keepingCapacity: true)
                continue
            }
            if let offset = pendingByline {
                pendingByline = nil
                if let byline = recent.firstIndex(where: { $0.line.offset == offset }), byline == recent.count - 2,
                   bytes.withUnsafeBufferPointer({ Self.isProse($0) }),
                   let next = try splitAtPageHead(&document, recent: recent, searchable: byline, then: nil, anywhere: true, emit: emit, reject: reject) {
                    document = next
                    recent.removeAll(keepingCapacity: true)
                    continue
                }
            }
            if let offset = pendingStart, let pending = recent.firstIndex(where: { $0.line.offset == offset }) {
                // A page start above: the byline may show that the page began further up.
                // So may the title, or the first sentence, when no byline comes (`河西区举办…`).
                let isByline = isHeadByline(bytes, recent: recent)
                if isByline || bytes.withUnsafeBufferPointer({ Self.isProse($0) }) || recent.count - pending > PageHeadCut.linesToByline {
                    // A page's first line (a banner) has nothing of its page above it: only its
                    // own start may be glued.
                    let from = recent[pending].cleaned.withUnsafeBufferPointer { isFirstLine($0) } ? pending : nil
                    if let next = try splitAtPageHead(&document, recent: recent, searchable: pending + 1, then: nil, startLine: pending,
                                                      onlyFrom: from, emit: emit, reject: reject) {
                        document = next
                        recent.removeAll(keepingCapacity: true)
                        pendingStart = nil
                    } else {
                        try cutAtPendingStart(&document)
                    }
                }
            } else if pendingStart != nil {
                try cutAtPendingStart(&document)
            } else if document.hasProse, !document.tooLarge, bytes.count <= BylineNamedPageStart.maxBylineBytes {
                // The head's own names first: a source named in the byline (`来源：市总工会`) may
                // recur inside the title, below where the page began.
                var next: PendingDocument? = nil
                if isHeadByline(bytes, recent: recent) {
                    next = try splitAtPageHead(&document, recent: recent, searchable: recent.count - 1, then: nil, emit: emit, reject: reject)
                    if next == nil { pendingByline = line.offset }
                }
                // A title printed twice (`RepeatedTitleHead`): the page began at or above the first copy.
                if next == nil, let copy = repeatedTitle(bytes, recent: recent) {
                    next = try splitAtPageHead(&document, recent: recent, searchable: copy, then: nil, startLine: copy, emit: emit, reject: reject)
                }
                if next == nil, let name = bytes.withUnsafeBufferPointer({ BylineNamedPageStart.sourceName(inByline: $0) }) {
                    next = try splitAtBylineNamedPageStart(&document, recent: recent, name: name, emit: emit, reject: reject)
                }
                if next == nil, headlessMayStart { next = try splitAtHeadlessPage(&document, recent: recent, emit: emit, reject: reject) }
                if let next {
                    document = next
                    recent.removeAll(keepingCapacity: true)
                }
            } else if document.hasText, !document.tooLarge, bytes.count <= BylineNamedPageStart.maxBylineBytes,
                      isHeadByline(bytes, recent: recent),
                      let next = try splitAtSureEnd(&document, recent: recent, emit: emit, reject: reject) {
                // A page with no sentence at all (an agenda, a list) has no article to search
                // below: a name glued after its sure end, above the next page's byline, still
                // begins that page.
                document = next
                recent.removeAll(keepingCapacity: true)
            } else if headlessMayStart, document.hasText, !document.tooLarge, let next = try splitAtHeadlessPage(&document, recent: recent, emit: emit, reject: reject) {
                document = next
                recent.removeAll(keepingCapacity: true)
            }
        }
        try cutAtPendingStart(&document)
        settle(&document)
        try finish(document, emit: emit, reject: reject)
    }

    /// A line given to the current document lately, with the document as it was before it.
    struct RecentLine {
        var line: InputLine
        var cleaned: [UInt8]
        var encoding: TextDecoder.Encoding
        var preferred: TextDecoder.Encoding
        /// The line's counts, merged into its document when it leaves the recent lines; nil for
        /// none (most lines): an empty `Counters` kept with each line retained its empty arrays
        /// when stored and released them when the line left.
        var countsIfAny: Counters?
        var counters: Counters { countsIfAny ?? Counters() }
        var linesBefore: Int
        var keptBytesBefore: Int
        var hasTextBefore: Bool
        var hasProseBefore: Bool
        var encodingBefore: TextDecoder.Encoding
    }

    /// When the last of the `recent` lines is a head byline naming `name`, and one of the (at
    /// most two, not blank) lines before it begins that name after an article: the page began
    /// there. The document is cut there and finished; the new one, holding the lines from the
    /// cut on, is returned (all of `recent`'s counts merged into one or the other).
    private func splitAtBylineNamedPageStart(_ document: inout PendingDocument, recent: [RecentLine], name: [UInt8],
                                             emit: Emit, reject: Emit) throws -> PendingDocument? {
        guard recent.count >= 2, document.lines.count == recent[0].linesBefore + recent.count else { return nil }
        var candidates: [Int] = []
        for k in stride(from: recent.count - 2, through: 0, by: -1) where candidates.count < BylineNamedPageStart.linesBeforeByline {
            if !recent[k].cleaned.isEmpty { candidates.append(k) }
        }
        // The earlier candidate first: a trail above a title that both begin with the name.
        for k in candidates.reversed() {
            let candidate = recent[k]
            guard candidate.hasProseBefore, candidate.linesBefore > 0,
                  let start = candidate.cleaned.withUnsafeBufferPointer({ BylineNamedPageStart.pageStart(in: $0, name: name) })
            else { continue }
            return try split(&document, recent: recent, at: k, start: start, counter: "pages.byline-named-split", emit: emit, reject: reject)
        }
        return nil
    }

    /// When a page start is certain (the line `then` after `recent` starts a page, or the last of
    /// `recent` is a head byline), the page may have begun in one of the first `searchable`
    /// recent lines after the document's last sentence (`PageHeadCut`): the document is cut there
    /// and finished; the new one is returned.
    /// `startLine`, a line that starts a page: a cut inside it must leave a page start (its rule
    /// took a glued line whole: `…检查松阳新闻网—松阳县委…` as a banner).
    private func splitAtPageHead(_ document: inout PendingDocument, recent: [RecentLine], searchable: Int, then: [UInt8]?,
                                 startLine: Int? = nil, onlyFrom: Int? = nil, anywhere: Bool = false, emit: Emit, reject: Emit) throws -> PendingDocument? {
        guard !recent.isEmpty, document.lines.count == recent[0].linesBefore + recent.count else { return nil }
        // A page on a line of its own under the old page's footer (`FooterLineStart`): no glue to search.
        if let next = try splitAfterFooterLine(&document, recent: recent, startAt: startLine ?? searchable, then: then, onlyFrom: onlyFrom,
                                               emit: emit, reject: reject) {
            return next
        }
        // The lines after the last sentence, an article before them.
        var first = searchable
        while first > 0, recent[first - 1].hasProseBefore, recent[first - 1].linesBefore > 0,
              !recent[first - 1].cleaned.withUnsafeBufferPointer({ BodyEdges.isArticleLine($0) }) {
            first -= 1
        }
        // A byline's title may end in its own `？` or `！` (`MarkedTitleHead`): with head lines
        // above it, the head reaches over it to them.
        if then == nil, startLine == nil, let above = markedTitleHeadStart(recent: recent, first: first, searchable: searchable) { first = above }
        // A site's greeting is a page's first line though it ends in `！` (`某某乡人民政府欢迎您！`,
        // alone or glued after the old page's footer): the head reaches up to it, no further.
        if first > 0, recent[first - 1].hasProseBefore, recent[first - 1].linesBefore > 0,
           recent[first - 1].cleaned.withUnsafeBufferPointer({ PageHeadCut.isNameFirstGreeting($0) || PageHeadCut.gluedGreetingStart($0) != nil }) {
            first -= 1
        }
        // So is a name glued after a notice that ends surely (`…如有侵权请联系删除。某某网—…`).
        else if first > 0, recent[first - 1].hasProseBefore, recent[first - 1].linesBefore > 0,
                recent[first - 1].cleaned.withUnsafeBufferPointer({ $0.count <= PageHeadCut.maxLineBytes && PageHeadCut.nameGluedAfterEnd($0, ends: PageHeadCut.endsNoticeSurely) != nil }) {
            first -= 1
        }
        // The old page's last sentence right above the page start may end in the new page's
        // glued first line (`…未经许可不得转载。公文素材库`): looked in for that alone.
        // So may it with the new page's menus between (`…不代表本站立场。石桥乡人民政府网` above
        // `网站首页 | 乡情概况 | …` above the breadcrumb).
        var sentenceAboveMenus: Int? = nil
        if first > 0, let start = then != nil ? recent.count : startLine, start >= first, recent[first - 1].hasProseBefore,
           recent[first - 1].linesBefore > 0, recent[first ..< start].allSatisfy({ $0.cleaned.isEmpty || Self.isMenu($0.cleaned) }) {
            first -= 1
            if recent[first + 1 ..< start].contains(where: { !$0.cleaned.isEmpty }) { sentenceAboveMenus = first }
        }
        // The new page's head above its start may be longer (a banner, a calendar, menus, a search
        // box): the line its first line is glued in, above them, is read as the line right above.
        let gluedHead = PageHeadCut.gluedHeadLine(above: then != nil ? recent.count : startLine, lines: { recent[$0].cleaned },
                                                  afterOldText: { recent[$0].hasProseBefore && recent[$0].linesBefore > 0 })
        if let gluedHead, gluedHead < first { first = gluedHead }
        guard first < searchable else { return nil }
        var indexes: [Int] = [], lines: [[UInt8]] = []
        for k in first ..< recent.count where !recent[k].cleaned.isEmpty {
            indexes.append(k)
            lines.append(recent[k].cleaned)
        }
        let searchableLines = indexes.filter { $0 < searchable }.count
        // The line right above the page start: where a page's glued first line is sought by its form.
        let startIndex = then != nil ? lines.count : startLine.flatMap { indexes.firstIndex(of: $0) }
        let lineAboveStart = startIndex.flatMap { $0 > 0 && $0 - 1 < searchableLines ? $0 - 1 : nil }
        if let then { lines.append(then) }
        let oldLines = document.lines[..<recent[first].linesBefore]
        func oldPageNames(_ name: [UInt8]) -> Bool {
            oldLines.contains { line in var line = line; return line.withUTF8 { UTF8Bytes.contains($0, name) } }
        }
        // A menu of the site tools (`无障碍 | 长者模式`, `登录 | 注册`) begins a page by its form, as
        // does a start found only where glued (`立即下载`, `繁体 | 无障碍 | 适老化`).
        func beginsPage(_ p: UnsafeBufferPointer<UInt8>) -> Bool { rules.opensHead(p) }
        // So does a page's first line by a rule for one (`Untitled Document`), glued after Han text.
        guard let (n, found) = PageHeadCut.cut(in: lines, searchable: searchableLines, oldPageNames: oldPageNames, beginsPage: beginsPage,
                                                    isFirstLine: { self.isFirstLine($0) },
                                                    isBanner: { self.rules.isBanner(String(decoding: $0, as: UTF8.self)) }, anywhere: anywhere,
                                                    lineAboveStart: lineAboveStart,
                                                    sentenceAboveMenus: sentenceAboveMenus.flatMap { indexes.firstIndex(of: $0) },
                                                    gluedHead: gluedHead.flatMap { indexes.firstIndex(of: $0) })
        else { return nil }
        // (After the old page's whole footer run: `…日报社数字传媒中心|关闭`, `PageHeadCut.footerRunEnd`.)
        let start = lines[n].withUnsafeBufferPointer { PageHeadCut.footerRunEnd($0, at: found) }
        if let onlyFrom, indexes[n] < onlyFrom { return nil }
        if indexes[n] == startLine, !recent[indexes[n]].cleaned[start...].withUnsafeBufferPointer({ rules.startsPage($0) }) { return nil }
        return try split(&document, recent: recent, at: indexes[n], start: start, counter: "pages.head-cut-split", emit: emit, reject: reject)
    }

    /// Where the head search above a byline (`searchable`, its index in `recent`; `first`, the
    /// first line after the old page's last sentence) begins when that sentence is the page's title
    /// ending in its own `？` or `！` right above the byline (`MarkedTitleHead`): the first of the
    /// non-article lines above the title, when one of them is not empty; else nil.
    private func markedTitleHeadStart(recent: [RecentLine], first: Int, searchable: Int) -> Int? {
        let title = first - 1
        guard title > 0, searchable <= recent.count, recent[first ..< searchable].allSatisfy({ $0.cleaned.isEmpty }),
              recent[title].hasProseBefore, recent[title].linesBefore > 0,
              recent[title].cleaned.withUnsafeBufferPointer({ MarkedTitleHead.isTitle($0) }) else { return nil }
        var above = title
        while above > 0, recent[above - 1].hasProseBefore, recent[above - 1].linesBefore > 0,
              !recent[above - 1].cleaned.withUnsafeBufferPointer({ BodyEdges.isArticleLine($0) }) {
            above -= 1
        }
        return recent[above ..< title].contains(where: { !$0.cleaned.isEmpty }) ? above : nil
    }

    /// When the line under the old page's last footer line, above the certain page start at
    /// `startAt` (a line of `recent`, or `recent.count` for the line after them), begins the page
    /// (`FooterLineStart`): the document is cut there and finished; the new one is returned.
    private func splitAfterFooterLine(_ document: inout PendingDocument, recent: [RecentLine], startAt: Int, then: [UInt8]?, onlyFrom: Int?,
                                      emit: Emit, reject: Emit) throws -> PendingDocument? {
        let indexes = recent[..<min(startAt, recent.count)].indices.filter { !recent[$0].cleaned.isEmpty }
        let start = startAt < recent.count ? recent[startAt].cleaned : then
        guard let n = FooterLineStart.pageStart(count: indexes.count, line: { recent[indexes[$0]].cleaned }, start: start) else { return nil }
        let k = indexes[n]
        guard recent[k].hasProseBefore, recent[k].linesBefore > 0, onlyFrom.map({ k >= $0 }) ?? true else { return nil }
        return try split(&document, recent: recent, at: k, start: 0, counter: "pages.footer-line-split", emit: emit, reject: reject)
    }

    /// When the last of `recent` is a head byline in a document with no sentence: the first of
    /// the lines above it holding a name glued after a sure end (`PageHeadCut.sureCut`) begins
    /// the next page; the document is cut there and finished, the new one returned.
    private func splitAtSureEnd(_ document: inout PendingDocument, recent: [RecentLine], emit: Emit, reject: Emit) throws -> PendingDocument? {
        guard recent.count >= 2, document.lines.count == recent[0].linesBefore + recent.count else { return nil }
        for k in 0 ..< recent.count - 1 where recent[k].linesBefore > 0 {
            if let start = recent[k].cleaned.withUnsafeBufferPointer({ PageHeadCut.sureCut(in: $0) }) {
                return try split(&document, recent: recent, at: k, start: start, counter: "pages.head-cut-split", emit: emit, reject: reject)
            }
        }
        return nil
    }

    /// A page's first line (a site's greeting or banner) whose line above, the old page's last,
    /// ends in a spam banner glued after it (`…网站地图六合彩开奖结果直播_澳门娱乐城…`,
    /// `PageHeadCut.spamBannerStart`): the page began at the banner, as a hacked site's page does.
    private func splitAtSpamBannerAbove(_ document: inout PendingDocument, recent: [RecentLine], emit: Emit, reject: Emit) throws -> PendingDocument? {
        guard let k = recent.lastIndex(where: { !$0.cleaned.isEmpty }), recent[k].hasTextBefore, recent[k].linesBefore > 0,
              document.lines.count == recent[0].linesBefore + recent.count, recent[k].cleaned.count <= PageHeadCut.maxLineBytes,
              let start = recent[k].cleaned.withUnsafeBufferPointer({ PageHeadCut.spamBannerStart($0) })
        else { return nil }
        return try split(&document, recent: recent, at: k, start: start, counter: "pages.head-cut-split", emit: emit, reject: reject)
    }

    /// The last of `recent` opening with a dated form (`DatedListStart`) that the non-empty line
    /// above holds glued after a sure join: the page began there, with its sidebar's dated list.
    private func splitAtDatedList(_ document: inout PendingDocument, recent: [RecentLine], emit: Emit, reject: Emit) throws -> PendingDocument? {
        guard recent.count >= 2, document.lines.count == recent[0].linesBefore + recent.count,
              let form = recent[recent.count - 1].cleaned.withUnsafeBufferPointer({ DatedListStart.form($0) }),
              let k = recent.indices.dropLast().last(where: { !recent[$0].cleaned.isEmpty }), recent[k].hasProseBefore, recent[k].linesBefore > 0,
              let start = recent[k].cleaned.withUnsafeBufferPointer({ DatedListStart.start(in: $0, form: form) })
        else { return nil }
        return try split(&document, recent: recent, at: k, start: start, counter: "pages.dated-list-split", emit: emit, reject: reject)
    }

    /// The last two non-empty lines of `recent` a login box's links alone, the non-empty line above
    /// them ending in a site's name glued after the old page (`LoginHeadStart`): the page began at
    /// the name; the document is cut there and finished, the new one returned.
    private func splitAtLoginHead(_ document: inout PendingDocument, recent: [RecentLine], emit: Emit, reject: Emit) throws -> PendingDocument? {
        // (The last line's bytes read in place: a copy of the line, asked of every line, costs more
        // than the test.)
        guard let n = recent.indices.last, recent[n].cleaned.withUnsafeBufferPointer({ !$0.isEmpty && LoginHeadStart.isLoginLink($0) }),
              document.lines.count == recent[0].linesBefore + recent.count else { return nil }
        var k = recent.count - 1, links = 0
        while k >= 0 {
            if !recent[k].cleaned.isEmpty {
                guard links < LoginHeadStart.linksBelow else { break }
                guard recent[k].cleaned.withUnsafeBufferPointer({ LoginHeadStart.isLoginLink($0) }) else { return nil }
                links += 1
            }
            k -= 1
        }
        guard k >= 0, recent[k].hasProseBefore, recent[k].linesBefore > 0,
              let start = recent[k].cleaned.withUnsafeBufferPointer({ LoginHeadStart.start(in: $0) }) else { return nil }
        return try split(&document, recent: recent, at: k, start: start, counter: "pages.login-head-split", emit: emit, reject: reject)
    }

    /// A page with no head (`HeadlessPageStart`) begun above the last of `recent`, an article line
    /// after none: the document is cut at its first line and finished; the new one is returned.
    private func splitAtHeadlessPage(_ document: inout PendingDocument, recent: [RecentLine], emit: Emit, reject: Emit) throws -> PendingDocument? {
        guard recent.count >= 2, document.lines.count == recent[0].linesBefore + recent.count,
              let (k, start) = HeadlessPageStart.cut(above: recent.count - 1, line: { (recent[$0].cleaned, recent[$0].hasTextBefore && recent[$0].linesBefore > 0) })
        else { return nil }
        return try split(&document, recent: recent, at: k, start: start, counter: "pages.headless-split", emit: emit, reject: reject)
    }

    /// Whether `bytes`, the last of `recent`, is a head byline (`PageHeadCut.isHeadByline`), read
    /// with the non-empty line above it.
    private func isHeadByline(_ bytes: [UInt8], recent: [RecentLine]) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            PageHeadCut.isHeadByline(p, above: { recent.dropLast().last { !$0.cleaned.isEmpty }?.cleaned })
        }
    }

    /// The index in `recent` of the non-empty line above `bytes` (the last of `recent`) when
    /// `bytes` repeats it as a title (`RepeatedTitleHead`), the old page's text above it; else nil.
    private func repeatedTitle(_ bytes: [UInt8], recent: [RecentLine]) -> Int? {
        guard bytes.count >= 3 * RepeatedTitleHead.minTitleHan, recent.count >= 3,
              let k = recent.indices.dropLast().last(where: { !recent[$0].cleaned.isEmpty }), k > 0,
              recent[k].hasProseBefore, recent[k].linesBefore > 0,
              bytes.withUnsafeBufferPointer({ p in recent[k].cleaned.withUnsafeBufferPointer { RepeatedTitleHead.repeatsTitle(p, above: $0) } })
        else { return nil }
        return k
    }

    /// A menu line (`网站首页 | 乡情概况 | 政务公开`), on its bytes.
    static func isMenu(_ line: [UInt8]) -> Bool {
        line.count <= LinkLines.maxLineBytes && LinkLines.isMenu(String(decoding: line, as: UTF8.self))
    }

    /// Whether `line` starts a page by a rule for a page's first line (a banner), not one for
    /// a line of its head (a breadcrumb, which may have a banner and menus above it).
    private func isFirstLine(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { p in
            rules.rules.contains { $0.boundary == .startsPage && $0.scope == .first && !$0.spansTwoLines && $0.matches(p) }
        }
    }

    private func isFirstLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        rules.rules.contains { $0.boundary == .startsPage && $0.scope == .first && !$0.spansTwoLines && $0.matches(p) }
    }

    /// Cuts the document at byte `start` of the cleaned `recent[k]` (0: before it): the old part
    /// is finished, the new one, holding the lines from the cut on, is returned (all of
    /// `recent`'s counts merged into one or the other).
    private func split(_ document: inout PendingDocument, recent: [RecentLine], at k: Int, start: Int, counter: String?,
                       emit: Emit, reject: Emit) throws -> PendingDocument {
        let candidate = recent[k]
        var old = document
        old.lines.removeSubrange(candidate.linesBefore...)
        old.lineKeywords.removeSubrange(candidate.linesBefore...)
        old.keptBytes = candidate.keptBytesBefore
        old.hasText = candidate.hasTextBefore
        old.hasProse = candidate.hasProseBefore
        old.encoding = candidate.encodingBefore
        for line in recent[..<k] { old.counters.merge(line.counters) }
        var next: PendingDocument
        if start == 0 {
            old.length = candidate.line.offset - old.offset
            next = PendingDocument(source: document.fields[0].value, offset: candidate.line.offset)
            next.counters.merge(candidate.counters)
            append(document.lines[candidate.linesBefore], rawBytes: candidate.line.streamLength, encoding: candidate.encoding, to: &next,
                   keywords: document.lineKeywords[candidate.linesBefore])
        } else {
            let rawOffset = rawSplitOffset(start, cleaned: candidate.cleaned, of: candidate.line,
                                           preferred: candidate.preferred, encoding: candidate.encoding)
            let rawSplit = candidate.line.offset + rawOffset
            // The split line's counts stay with the page it ends; they cannot be split.
            old.counters.merge(candidate.counters)
            append(String(decoding: candidate.cleaned[..<start], as: UTF8.self), rawBytes: rawOffset, encoding: candidate.encoding, to: &old)
            old.length = rawSplit - old.offset
            next = PendingDocument(source: document.fields[0].value, offset: rawSplit)
            append(String(decoding: candidate.cleaned[start...], as: UTF8.self), rawBytes: candidate.line.streamLength - rawOffset,
                   encoding: candidate.encoding, to: &next)
        }
        for line in recent[(k + 1)...] {
            next.counters.merge(line.counters)
            append(document.lines[line.linesBefore], rawBytes: line.line.streamLength, encoding: line.encoding, to: &next,
                   keywords: document.lineKeywords[line.linesBefore])
        }
        let last = recent[recent.count - 1].line
        next.length = last.offset + last.streamLength - next.offset
        if let counter { counters.add(counter) }
        try finish(old, emit: emit, reject: reject)
        return next
    }

    private func append(_ cleaned: String, rawBytes: Int, encoding: TextDecoder.Encoding, to document: inout PendingDocument,
                        keywords: KeywordAutomaton.Bits? = nil) {
        if encoding != .utf8 { document.encoding = encoding }
        guard !document.tooLarge else { return }
        document.keptBytes += rawBytes
        if document.keptBytes > options.maxDocumentBytes || document.lines.count >= Limits.maxLinesPerDocument {
            document.tooLarge = true
            return
        }
        document.lines.append(cleaned)
        document.lineKeywords.append(keywords)
        if !document.hasProse, document.firstLines.count < RepeatedSiteLines.firstLinesKept {
            var line = cleaned
            line.withUTF8 { p in
                if p.count >= RepeatedSiteLines.minGluedBytes, p.count <= RepeatedSiteLines.maxLineBytes, !BodyEdges.isSentence(p) {
                    document.firstLines.append(Array(p))
                }
            }
        }
        if !cleaned.isEmpty { document.hasText = true }
        if !document.hasProse { document.hasProse = Self.isProse(cleaned) && !Self.isWelcome(cleaned) }
    }

    /// A site's greeting (`您好，欢迎访问某某网！今天是：…`, `欢迎来到某某网！`, `今天是：　欢迎访问…！`,
    /// `某某乡人民政府欢迎您！`): a page's first
    /// line, with a `！` but no prose: a breadcrumb below it is the same page's.
    static func isWelcome(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { p in
            guard p.count <= welcomeMaxBytes, !UTF8Bytes.contains(p, BodyEdges.fullStop) else { return false }
            if welcomeOpenings.contains(where: { RulePrefilter.hasPrefix(p, $0) }) { return true }
            // A portal's greeting naming its site first (`大塘乡人民政府欢迎您！`).
            if PageHeadCut.isNameFirstGreeting(p) { return true }
            // After a calendar's `今天是：` (its date a script's output, or left empty).
            guard RulePrefilter.hasPrefix(p, PageHeadCut.today), let hit = UTF8Bytes.firstIndex(of: PageHeadCut.welcome, in: p) else { return false }
            return PageHeadCut.greetingStart(p, welcomeAt: hit) == 0
        }
    }

    static let welcomeMaxBytes = 200
    static let welcomeOpenings = ["欢迎访问", "欢迎来到", "欢迎光临", "您好，欢迎", "你好，欢迎", "您好！欢迎", "你好！欢迎"].map { Array($0.utf8) }

    /// A line with a sentence end (`。！？`).
    public static func isProse(_ line: String) -> Bool {
        var line = line
        return line.withUTF8 { isProse($0) }
    }

    /// The same on a line's UTF-8 bytes.
    /// (On bytes, one walk per lead byte: `！？` are EF BC 81 / 9F, `。` is E3 80 82.)
    public static func isProse(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Bytes.containsThreeBytes(p, lead: 0xE3, second: 0x80) { $0 == 0x82 }
            || UTF8Bytes.containsThreeBytes(p, lead: 0xEF, second: 0xBC) { $0 == 0x81 || $0 == 0x9F }
    }

    static let sentenceEnds = ["。", "！", "？"].map { Array($0.utf8) }

    /// Where the next page begins inside `cleaned`, the cleaned UTF-8 text of `line` (decoded as
    /// `encoding`, with `preferred` the document's encoding so far), when two pages were glued
    /// into it: the byte offset of the split in the cleaned text and in the raw line.
    public func gluedPageSplit(_ cleaned: [UInt8], of line: InputLine, preferred: TextDecoder.Encoding,
                               encoding: TextDecoder.Encoding) -> (split: Int, rawOffset: Int)? {
        gluedPageSplit(cleaned, of: line, preferred: preferred, encoding: encoding,
                       keywords: cleaned.withUnsafeBufferPointer { rules.keywords(in: $0) })
    }

    /// The same, given the rules' `keywords(in:)` the cleaned line holds.
    func gluedPageSplit(_ cleaned: [UInt8], of line: InputLine, preferred: TextDecoder.Encoding,
                        encoding: TextDecoder.Encoding, keywords: KeywordAutomaton.Bits) -> (split: Int, rawOffset: Int)? {
        guard let split = cleaned.withUnsafeBufferPointer({ rules.gluedPageStart(in: $0, keywords: keywords) }) else { return nil }
        return (split, rawSplitOffset(split, cleaned: cleaned, of: line, preferred: preferred, encoding: encoding))
    }

    /// The same split where a trail or a home-first menu is glued after a sure join (`GluedTrailStart`).
    func gluedTrailSplit(_ cleaned: [UInt8], of line: InputLine, preferred: TextDecoder.Encoding,
                         encoding: TextDecoder.Encoding, keywords: KeywordAutomaton.Bits) -> (split: Int, rawOffset: Int)? {
        guard let found = cleaned.withUnsafeBufferPointer({ rules.gluedTrailStart(in: $0, keywords: keywords) }) else { return nil }
        // (After the old page's whole footer run: `…日报社数字传媒中心|某某新闻 > …`.)
        let split = cleaned.withUnsafeBufferPointer { PageHeadCut.footerRunEnd($0, at: found) }
        return (split, rawSplitOffset(split, cleaned: cleaned, of: line, preferred: preferred, encoding: encoding))
    }

    /// The same split where an earlier page's last line, or first line, is glued to other text
    /// (`RepeatedSiteLines.gluedPageStart`).
    func siteLineSplit(_ cleaned: [UInt8], of line: InputLine, firstLines: [[UInt8]], preferred: TextDecoder.Encoding,
                       encoding: TextDecoder.Encoding) -> (split: Int, rawOffset: Int)? {
        guard let split = cleaned.withUnsafeBufferPointer({ siteLines.gluedPageStart(in: $0, firstLines: firstLines) }) else { return nil }
        return (split, rawSplitOffset(split, cleaned: cleaned, of: line, preferred: preferred, encoding: encoding))
    }

    /// The same split where a line that starts a page by a banner's rule (`^…网—…`, taken whole)
    /// holds the old page's last words first, a sure end (`…阅读更多精彩内容某某网—某某门户`,
    /// `HeadlessPageStart.start`): the banner begins after them.
    func bannerAfterSureEndSplit(_ cleaned: [UInt8], of line: InputLine, preferred: TextDecoder.Encoding,
                                 encoding: TextDecoder.Encoding) -> (split: Int, rawOffset: Int)? {
        guard let split = cleaned.withUnsafeBufferPointer({ HeadlessPageStart.start(in: $0) }), isFirstLine(cleaned) else { return nil }
        return (split, rawSplitOffset(split, cleaned: cleaned, of: line, preferred: preferred, encoding: encoding))
    }

    /// The byte offset in the raw `line` where byte `split` of its cleaned text `cleaned` comes from.
    func rawSplitOffset(_ split: Int, cleaned: [UInt8], of line: InputLine, preferred: TextDecoder.Encoding,
                        encoding: TextDecoder.Encoding) -> Int {
        // The line as decoded, before cleaning (the cleaner worked on it in place).
        var scratch = Counters()
        let decoded = TextDecoder.decodeLineToUTF8(line.bytes, preferred: preferred, counters: &scratch).0
        let target = cleaned[..<split].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        return rawByteOffset(of: target, cleanedFrom: decoded, raw: line.bytes, encoding: encoding)
    }

    /// Byte offset in the raw line where the cleaned line's scalar `target` comes from: the first
    /// cut of the decoded `text` before a Han character whose cleaned prefix reaches `target`
    /// scalars, mapped back to raw bytes (encoding, removed control bytes and CR included).
    /// Cuts are only tried before Han characters (and `opensPage` marks, a dated item's marks `DatedListStart.opensItem`, Latin after Han, symbols `cutsBeforeMark`), never inside an annotation like `(xiāng)`, so
    /// the cleaned length grows with the cut and a binary search finds it.
    func rawByteOffset(of target: Int, cleanedFrom utf8: [UInt8], raw: [UInt8], encoding: TextDecoder.Encoding) -> Int {
        // The cuts: before each Han character, and at the end (scalar index, byte offset), each
        // with an estimate of its prefix's cleaned length: its scalars less those of the pinyin
        // annotations before it (`(xiāng)` after a Han character), most of what cleaning removes.
        // Read lazily (`readCuts`): up to the first cut whose estimate reaches `target` (the
        // search's guess, and all it looks at when the guess reaches the target, most splits);
        // the rest of the line only when the search must look past the guess.
        var cuts: [(scalar: Int, byte: Int, estimate: Int)] = []
        cuts.reserveCapacity(utf8.count / 3 + 2)
        // The scan's place: byte, scalar index, the scalar before, the scalar index of an
        // annotation's `(` being read (-1: none), and the scalars of the annotations read so far.
        var at = 0, scalars = 0, before: UInt32 = 0, opened = -1, annotated = 0
        var readAll = false
        // Appends the cuts up to the first one whose estimate reaches `target` (nil: all of
        // them, the end's included).
        func readCuts(reaching target: Int?) {
            guard !readAll else { return }
            // The state in locals while the line is read (the captured ones were checked for
            // exclusive access at every use), put back at the end.
            var found: [(scalar: Int, byte: Int, estimate: Int)] = []
            swap(&found, &cuts)
            var (i, scalar, previous, open, annotations) = (at, scalars, before, opened, annotated)
            let complete = utf8.withUnsafeBufferPointer { p -> Bool in
                while i < p.count {
                    let (v, length) = UTF8Bytes.scalar(p, at: i)
                    // Also a Latin letter right after a Han character (`…材料Untitled Document`;
                    // an annotation's letters follow its bracket).
                    // And before a symbol (`…号-2✧⛶❖`, an icon font's glyphs opening the next page): no
                    // annotation holds one, and cleaning keeps it.
                    var reached = false
                    if ScalarClass.isHan(v) || (Self.opensPage(v) && !Self.isClosingTag(p, at: i)) || DatedListStart.opensItem(v) || (ScalarClass.isHan(previous) && (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A)
                        || Self.cutsBeforeMark(v) {
                        found.append((scalar, i, scalar - annotations))
                        reached = target.map { scalar - annotations >= $0 } ?? false
                    }
                    if v == 0x28 {
                        open = ScalarClass.isHan(previous) ? scalar : -1
                    } else if open >= 0 {
                        if v == 0x29 {
                            if scalar - open > 1 && scalar - open <= 8 { annotations += scalar - open + 1 }
                            open = -1
                        } else if !((v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A) && !(v >= 0xC0 && v < 0x250) && v != 0x1E3F {
                            open = -1
                        }
                    }
                    previous = v
                    scalar += 1
                    i += length
                    if reached { return false }
                }
                found.append((scalar, p.count, scalar - annotations))
                return true
            }
            (at, scalars, before, opened, annotated) = (i, scalar, previous, open, annotations)
            readAll = complete
            swap(&found, &cuts)
        }
        readCuts(reaching: target)
        var prefix: [UInt8] = [], spare: [UInt8] = [], scratch = Counters()
        func cleanedLength(_ cut: Int) -> Int {
            prefix.removeAll(keepingCapacity: true)
            prefix.append(contentsOf: utf8[0 ..< cuts[cut].byte])
            cleaner.clean(&prefix, spare: &spare, counters: &scratch)
            return prefix.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
        }
        // The first cut whose prefix cleans to `target` scalars or more. The cleaned length
        // grows with the cut, so the search starts at the estimate's cut and gallops from it,
        // down while the cut before still reaches the target, up while the cut does not: an
        // estimate that is right costs two cleaned prefixes (that cut and the one before).
        // Nothing assumes that cleaning never lengthens text: a cut before `target` scalars
        // is found too.
        // (The cuts read end at the guess: the first whose estimate reaches the target, else the end.)
        let guess = cuts.count - 1
        var low = 0, high = guess
        if cleanedLength(guess) >= target {
            var step = 1
            while high > 0 {
                let probe = max(0, high - step)
                if cleanedLength(probe) < target { low = probe + 1; break }
                high = probe
                step *= 2
            }
        } else {
            readCuts(reaching: nil)
            high = cuts.count - 1
            low = min(guess + 1, high)
            var probe = low, step = 1
            while probe < high {
                if cleanedLength(probe) >= target { high = probe; break }
                low = probe + 1
                probe = min(high, probe + step)
                step *= 2
            }
        }
        while low < high {
            let mid = (low + high) / 2
            if cleanedLength(mid) >= target { high = mid } else { low = mid + 1 }
        }
        return TextDecoder.rawLength(ofFirst: cuts[low].scalar, scalarsOf: raw, encoding: encoding)
    }

    /// Whether a closing tag (`</footer>`) stands at `i`: the old page's last markup, never a cut
    /// before it (cleaning drops the tag, so the first cut reaching a split's place would be there).
    static func isClosingTag(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i + 1 < p.count && p[i] == 0x3C && p[i + 1] == 0x2F
    }

    /// A symbol (arrows to dingbats and geometric shapes, U+2190–U+2BFF; emoji): never inside a
    /// pinyin annotation, and no punctuation that cleaning may drop or merge.
    static func cutsBeforeMark(_ v: UInt32) -> Bool {
        (v >= 0x2190 && v < 0x2C00) || v >= 0x1F000
    }

    /// Marks a page's first line may begin with besides Han characters (`<div>`, `【`, `“`, `《`),
    /// none of which occurs inside a pinyin annotation.
    static func opensPage(_ v: UInt32) -> Bool {
        v == 0x3C || v == 0x3010 || v == 0x201C || v == 0x300A
    }

    /// Runs the document repairs and emits or rejects the document.
    private func finish(_ pending: PendingDocument, emit: Emit, reject: Emit) throws {
        var document = pending
        // Blank lines only, between pages or at the end of standard input: not a document.
        guard document.hasText || document.tooLarge || document.isWholeInput || document.counters["removed.control-byte"] > 0 else {
            counters.merge(document.counters)
            return
        }
        var record = Record(fields: document.fields, lines: [])
        record.add(FieldKey.offset, String(document.offset))
        record.add(FieldKey.length, String(document.length))
        return try finish(&record, lines: &document.lines, keywords: document.lineKeywords, counters: &document.counters,
                          encoding: document.encoding, tooLarge: document.tooLarge, rawLength: document.length,
                          emit: emit, reject: reject)
    }

    private func finish(
        _ record: inout Record, lines: inout [String], keywords: [KeywordAutomaton.Bits?] = [], counters documentCounters: inout Counters,
        encoding: TextDecoder.Encoding, tooLarge: Bool, rawLength: Int, emit: Emit, reject: Emit
    ) throws {
        counters.add("documents.in")
        if encoding != .utf8 { record.add(FieldKey.encoding, encoding.rawValue) }
        record.lines = lines.filter { !$0.isEmpty }
        // The non-empty lines' keywords, beside them (none known: each line is scanned).
        let lineKeywords = keywords.count == lines.count ? lines.indices.filter { !lines[$0].isEmpty }.map { keywords[$0] } : []
        let damaged = documentCounters["removed.control-byte"] + documentCounters["replaced.invalid-utf8"]
        var reason: String? = nil
        if tooLarge {
            reason = "too-large"
        } else if rawLength >= 16 && damaged * 10 > rawLength {
            reason = "binary"
        } else {
            if let explain {
                explainRepairs(&record, counters: &documentCounters, lineKeywords: lineKeywords, to: explain)
            } else {
                var taken: [TakenLine] = []
                boilerplateRemoval.repair(&record, counters: &documentCounters, taken: &taken, lineKeywords: lineKeywords)
                for repair in documentRepairs.dropFirst() { repair.repair(&record, counters: &documentCounters) }
            }
            if record.lines.isEmpty { reason = "empty" }
        }
        counters.merge(documentCounters)
        // Written even when empty: it marks the record as cleaned (see `ExtractionPipeline`).
        record.add(FieldKey.repairs, documentCounters.compact)
        if let reason {
            counters.add("rejected.\(reason)")
            record.add(FieldKey.reject, reason)
            try reject(record)
        } else {
            counters.add("documents.out")
            try emit(record)
        }
    }

    /// The document repairs, each line's fate written to `explain`.
    private func explainRepairs(_ record: inout Record, counters: inout Counters, lineKeywords: [KeywordAutomaton.Bits?],
                                to explain: (String) -> Void) {
        let lines = record.lines
        var fates = Array(repeating: "kept", count: lines.count)
        // Where each line still in the text stood at first.
        var origin = Array(lines.indices)
        for (k, repair) in documentRepairs.enumerated() {
            var taken: [TakenLine] = []
            if k == 0 {
                boilerplateRemoval.repair(&record, counters: &counters, taken: &taken, lineKeywords: lineKeywords)
            } else {
                repair.repair(&record, counters: &counters, taken: &taken)
            }
            for line in taken { fates[origin[line.index]] = line.counter }
            let gone = Set(taken.map(\.index))
            origin = origin.indices.filter { !gone.contains($0) }.map { origin[$0] }
        }
        let offset = record[FieldKey.offset] ?? "-", source = record[FieldKey.source] ?? "-"
        for (i, line) in lines.enumerated() { explain("\(source)\t\(offset)\t\(i + 1)\t\(fates[i])\t\(line)\n") }
    }

    /// A cleaned copy of a record's text for a later stage that was given raw text
    /// (`civ-extract < page.txt`): lines cleaned, boilerplate moved or dropped. Nothing is counted.
    public func cleanedCopy(of record: Record) -> Record {
        var copy = record
        var scratch = Counters()
        copy.lines = record.lines.map { cleaner.clean($0) }.filter { !$0.isEmpty }
        for repair in documentRepairs { repair.repair(&copy, counters: &scratch) }
        return copy
    }

    /// True when the input is civ records (civ-clean's own output, or a stream of them re-split
    /// by GNU parallel): its first line, after a byte-order mark or blank lines, is `%civ …`.
    static func looksLikeRecords(_ input: ByteInput) throws -> Bool {
        var head = try input.peek(64)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head.removeFirst(3) }
        guard let first = head.firstIndex(where: { $0 != 0x0A && $0 != 0x0D }) else { return false }
        return head[first...].starts(with: RecordFormat.startPrefix)
    }

    /// Records in: each record's text is cleaned again, its fields kept. A record civ-clean wrote
    /// (it has `%repairs`) only goes through the line repairs, which change nothing on cleaned
    /// text, so `civ-clean | civ-clean` writes what `civ-clean` writes; what they do change is
    /// added to its `%repairs`. Any other record is cleaned as a document, boilerplate included.
    private func processRecords(_ input: ByteInput, emit: Emit, reject: Emit) throws {
        let reader = RecordReader(input: input, maxDocumentBytes: options.maxDocumentBytes)
        var spare: [UInt8] = []
        while var record = try reader.next() {
            counters.add("documents.from-records")
            var documentCounters = Counters()
            var lines: [String] = []
            lines.reserveCapacity(record.lines.count)
            var memory = CleaningMemory()
            for line in record.lines {
                var mayHaveInvisible = true
                var (bytes, _) = TextDecoder.decodeLineToUTF8(Array(line.utf8), counters: &documentCounters, mayHaveInvisible: &mayHaveInvisible)
                cleaner.clean(&bytes, spare: &spare, counters: &documentCounters, memory: &memory, mayHaveInvisible: mayHaveInvisible)
                lines.append(String(decoding: bytes, as: UTF8.self))
            }
            if let repairs = record[FieldKey.repairs] {
                counters.add("documents.in")
                // Counts of lines only looked at (left simplified…) are no change to report.
                if lines != record.lines {
                    var all = Counters(compact: repairs)
                    all.merge(documentCounters)
                    record[FieldKey.repairs] = all.compact
                }
                record.lines = lines.filter { !$0.isEmpty }
                counters.merge(documentCounters)
                counters.add("documents.out")
                try emit(record)
            } else {
                try finish(&record, lines: &lines, counters: &documentCounters, encoding: .utf8, tooLarge: false,
                           rawLength: lines.reduce(0) { $0 + $1.utf8.count + 1 }, emit: emit, reject: reject)
            }
        }
        for problem in reader.problems {
            problems.append(problem.message(in: input.name))
            counters.add(problem.counter)
        }
    }

    private func processWARC(_ input: ByteInput, emit: Emit, reject: Emit) throws {
        let reader = WARCReader(input: input, maxBodyBytes: options.maxDocumentBytes)
        while let warc = try reader.next() {
            if warc.truncated {
                problems.append("\(input.name): WARC record at byte \(warc.offset) is truncated (input ended in its headers or before Content-Length bytes)")
                counters.add("input.truncated-warc-record")
            }
            if warc.skippedHeaderBytes > 0 {
                problems.append("\(input.name): WARC record at byte \(warc.offset) has more than \(Limits.maxWARCHeaderBytes) bytes of headers; \(warc.skippedHeaderBytes) bytes of them skipped")
                counters.add("input.warc-headers-too-large")
            }
            if warc.overran {
                problems.append("\(input.name): WARC record at byte \(warc.offset) has a Content-Length that runs into the next record; cut where that record starts")
                counters.add("input.warc-length-overrun")
            }
            let type = warc.type
            let contentType = (warc.header("Content-Type") ?? "").lowercased()
            guard type == "conversion" || (type == "resource" && contentType.hasPrefix("text/plain")) else {
                // warcinfo, request, metadata; response (HTML) is not handled yet. Counted, and
                // civ-clean says so on standard error.
                counters.add("warc.skipped.\(type)")
                continue
            }
            var documentCounters = Counters()
            var encoding = TextDecoder.Encoding.utf8
            var lines: [String] = []
            var spare: [UInt8] = []
            var memory = CleaningMemory()
            LineEnds.forEachLine(in: warc.body) { rawLine in
                var mayHaveInvisible = true
                var (bytes, lineEncoding) = TextDecoder.decodeLineToUTF8(Array(rawLine), preferred: encoding, counters: &documentCounters,
                                                                         mayHaveInvisible: &mayHaveInvisible)
                encoding = lineEncoding == .utf8 ? encoding : lineEncoding
                cleaner.clean(&bytes, spare: &spare, counters: &documentCounters, memory: &memory, mayHaveInvisible: mayHaveInvisible)
                lines.append(String(decoding: bytes, as: UTF8.self))
            }
            var record = Record(fields: [Record.Field(FieldKey.source, input.name)])
            record.add(FieldKey.offset, String(warc.offset))
            record.add(FieldKey.length, String(warc.length))
            if let uri = warc.header("WARC-Target-URI") { record.add(FieldKey.url, uri.trimmingCharacters(in: "<>")) }
            if let id = warc.header("WARC-Record-ID") { record.add(FieldKey.warcRecordID, id.trimmingCharacters(in: "<>")) }
            if let date = warc.header("WARC-Date") { record.add("warc-date", date) }
            if warc.truncated { record.add("truncated", "yes") }
            try finish(&record, lines: &lines, counters: &documentCounters, encoding: encoding,
                       tooLarge: warc.oversized || lines.count > Limits.maxLinesPerDocument, rawLength: warc.body.count, emit: emit, reject: reject)
        }
        for offset in reader.skippedGarbage {
            problems.append("\(input.name): bytes at \(offset) between WARC records are not a record; skipped")
            counters.add("input.warc-garbage-line")
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
