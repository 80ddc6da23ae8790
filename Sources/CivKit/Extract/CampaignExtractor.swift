/// Field `campaign`, once per campaign: which campaigns the article is about.
///
/// The words are in `campaigns.tsv` (全国文明城市 written as 全国文明城市, 创文, 创城, 文明城市创建
/// …; the longest word at a place wins). A campaign counts when the title or the first
/// paragraph names it, or the text names it at least twice: a list of campaigns in passing
/// (与彩虹城市、国家森林城市建设有机融合) is not what an article is about. In order of first mention.
public struct CampaignExtractor: BodyExtractor {
    public let name = "campaign"
    public init() {}

    public func extract(from record: inout Record, body: BodyText, counters: inout Counters) {
        guard record[FieldKey.campaign] == nil else { return }
        let words = CampaignWords.standard
        var order: [String] = []
        var mentions: [String: Int] = [:]
        var lead: Set<String> = []
        var prose = 0   // text lines read that are neither the title nor a byline
        for (index, line) in body.lines.enumerated() {
            // The title as civ-extract found it, after civ-segment too (市委 常委 、…).
            let isTitle = index == 0 && record[FieldKey.title].map { title in
                FoldedLine(title).folded.filter { $0 != " " } == line.folded.filter { $0 != " " }
            } == true
            let isHeader = index < ExtractScope.headLines && !isTitle && line.count <= 60 && HeaderLine.isByline(line)
            if isHeader { continue }
            if !isTitle { prose += 1 }
            for campaign in words.campaigns(in: line) {
                if mentions[campaign] == nil { order.append(campaign) }
                mentions[campaign, default: 0] += 1
                if isTitle || prose == 1 { lead.insert(campaign) }
            }
        }
        if let title = record[FieldKey.title] {
            for campaign in words.campaigns(in: FoldedLine(title)) {
                if mentions[campaign] == nil { order.append(campaign) }
                lead.insert(campaign)
            }
        }
        for campaign in order where lead.contains(campaign) || mentions[campaign, default: 0] >= 2 {
            record.addExtracted(FieldKey.campaign, campaign, counters: &counters)
        }
    }
}

/// The words of `campaigns.tsv`. Loaded once, on first use.
struct CampaignWords: Sendable {
    let words: [(word: FoldedLine.Word, campaign: String)]
    let firsts: ScalarBits

    static let standard = CampaignWords(table: DataFile.lines("campaigns.tsv"))

    init(table: [String]) {
        words = table.map { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 2, !columns[0].isEmpty, !columns[1].isEmpty else { fatalError("civ: campaigns.tsv: bad line \(line)") }
            return (FoldedLine.word(String(columns[1])), String(columns[0]))
        }.sorted { $0.word.count > $1.word.count }
        firsts = ScalarBits(words.compactMap(\.word.first))
    }

    /// Each campaign the line names, once per mention, in text order.
    func campaigns(in line: FoldedLine) -> [String] {
        var out: [String] = []
        var i = 0
        while i < line.count {
            if firsts.contains(line[i]), let w = words.first(where: { line.matches($0.word, at: i) }) {
                out.append(w.campaign)
                i += w.word.count
            } else {
                i += 1
            }
        }
        return out
    }
}
