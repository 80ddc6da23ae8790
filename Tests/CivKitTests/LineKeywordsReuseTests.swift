import Testing
@testable import CivKit

/// The keywords `CleanStage` finds when it reads a line, given to `BoilerplateRemoval` so that
/// each line is scanned once.
struct LineKeywordsReuseTests {
    func remove(_ lines: [String], keywords: [KeywordAutomaton.Bits?]?) -> (lines: [String], fields: [Record.Field], taken: [TakenLine]) {
        var record = Record(lines: lines)
        var counters = Counters()
        var taken: [TakenLine] = []
        if let keywords {
            BoilerplateRemoval().repair(&record, counters: &counters, taken: &taken, lineKeywords: keywords)
        } else {
            BoilerplateRemoval().repair(&record, counters: &counters, taken: &taken)
        }
        return (record.lines, record.fields, taken)
    }

    @Test func givenKeywordsTakeWhatTheLinesOwnTake() {
        let rules = BoilerplateRules.standard
        var pagesWhereKeywordsMatter = 0
        for page in LabelledPagesTests.pages {
            let lines = String(decoding: page.bytes, as: UTF8.self).split(separator: "\n").map { Support.cleaner.clean(String($0)) }.filter { !$0.isEmpty }
            let keywords: [KeywordAutomaton.Bits?] = lines.map { line in var line = line; return line.withUTF8 { rules.keywords(in: $0) } }
            let scanned = remove(lines, keywords: nil)
            let given = remove(lines, keywords: keywords)
            #expect(given.lines == scanned.lines && given.taken == scanned.taken && given.fields == scanned.fields, "\(page.name)")
            // Some unknown (nil): those lines are scanned.
            let some = remove(lines, keywords: keywords.indices.map { $0 % 2 == 0 ? keywords[$0] : nil })
            #expect(some.taken == scanned.taken, "\(page.name)")
            // Keywords said absent: the rows that need them pass the lines by (the given ones are used).
            if remove(lines, keywords: lines.map { _ in 0 }).taken != scanned.taken { pagesWhereKeywordsMatter += 1 }
        }
        #expect(pagesWhereKeywordsMatter >= 10)
    }

    @Test func keywordsOfAnotherCountAreNotUsed() {
        let lines = ["您当前的位置：首页 > 要闻", "标题", "正文一句。", "版权所有：某某网"]
        #expect(remove(lines, keywords: [0]).taken == remove(lines, keywords: nil).taken)
    }
}
