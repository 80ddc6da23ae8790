import Testing
@testable import CivKit

/// The work civ-dedup does a document stays bounded when many documents share text (a campaign
/// phrase, a site's template sentence): common keys stop collecting documents, and at most
/// `maxCandidates` candidates are verified a document.
@Suite struct DedupBoundsTests {
    static let shared = "为深入推进创建全国文明城市工作进一步弘扬社会主义核心价值观扎实开展新时代文明实践活动，"

    /// Distinct documents whose first line opens with the same sentence (a fifth of the
    /// document); a footer line too.
    static func documents(_ n: Int, seed: UInt64 = 0) -> [Record] {
        (0 ..< n).map { i in
            let own = DedupHash.mix(seed &+ UInt64(i))
            return DedupText.record([shared + DedupText.paragraph(seed: own, sentences: 2),
                                     DedupText.paragraph(seed: own &+ 1, sentences: 5),
                                     "主办：文明网 版权所有 未经授权禁止转载。"], offset: i)
        }
    }

    /// Runs the stage, returning the most candidates verified for one document, and the counters.
    func run(_ records: [Record], _ options: DedupStage.Options) throws -> (most: Int, kept: Int, counters: Counters) {
        let stage = DedupStage(options: options)
        var counters = Counters()
        var most = 0, kept = 0
        for r in records {
            var r = r
            let before = counters["candidates.checked"] + counters["candidates.checked-spilled"]
            if try stage.process(&r, counters: &counters) { kept += 1 }
            most = max(most, counters["candidates.checked"] + counters["candidates.checked-spilled"] - before)
        }
        return (most, kept, counters)
    }

    @Test func candidatesADocumentStayUnderTheLimitWhenThousandsShareASentence() throws {
        let (most, kept, counters) = try run(Self.documents(5000), DedupStage.Options())
        #expect(most <= DedupStage.Options().maxCandidates)
        #expect(kept == 5000)   // sharing a sentence does not make a duplicate
        #expect(counters["index.common-keys"] > 0)
        #expect(counters["candidates.common-keys"] > 0)
        // A document's candidates on average: a few, not a share of the stream.
        #expect(counters["candidates.checked"] < 5000 * 16)
    }

    @Test func withoutTheLimitsTheCandidatesGrowWithTheStream() throws {
        var o = DedupStage.Options()
        o.keyLimit = .max
        o.maxCandidates = .max
        let (most, _, _) = try run(Self.documents(400), o)
        #expect(most > 64)   // what the bounds prevent
    }

    @Test(arguments: [(1, 1), (4, 8), (32, 64), (.max, 16)])
    func candidatesNeverExceedTheLimitWhateverTheOptions(keyLimit: Int, maxCandidates: Int) throws {
        var o = DedupStage.Options()
        o.keyLimit = keyLimit
        o.maxCandidates = maxCandidates
        o.maxDocuments = 200   // generations of 100, most spilled: one bound over all of them
        var records = Self.documents(600, seed: 7)
        // Reposts among them, so that verified candidates are found too.
        for i in stride(from: 0, to: 600, by: 50) { records.append(DedupText.record(records[i].lines, offset: 1000 + i)) }
        let (most, kept, counters) = try run(records, o)
        #expect(most <= maxCandidates)
        #expect(counters["index.spilled"] > 0)
        #expect(counters["dropped.duplicate-exact"] == 12 && kept == 600)
        if counters["candidates.unverified"] > 0 { #expect(counters["candidates.limited-documents"] > 0) }
    }

    @Test func aKeyTakesNoMoreDocumentsPastItsLimit() {
        var table = KeyTable(slots: 256)
        let key: UInt64 = 0xABCD_1234_5678
        let stored = (0 ..< 100).filter { table.insert(key, doc: $0, limit: 32) }
        #expect(stored == Array(0 ..< 32))
        var found: [Int] = []
        table.forEach(key) { found.append($0) }
        #expect(found.sorted() == Array(0 ..< 32))
        let other = table.insert(key &+ 1, doc: 200, limit: 32)
        #expect(other)   // another key is not affected
    }
}
