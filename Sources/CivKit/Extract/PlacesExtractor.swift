/// Field `place`, once per division: the administrative divisions (provinces, prefectures,
/// counties) the title and text name, in order of first mention, normalised with the
/// gazetteer (`Gazetteer`): `在张掖召开` gives 张掖市. The value is the division and then its
/// parents from the top, each `NAME/LEVEL/ADCODE`: `甘州区/county/620702 甘肃省/province/620000
/// 张掖市/prefecture/620700`. A name two divisions share (西湖区) is the one under a division the
/// text names; else it keeps its name and level with adcode `-` and no parents. Byline lines
/// are not read (来源：张掖日报 names the publisher, not a place of the article).
public struct PlacesExtractor: BodyExtractor {
    public let name = "place"
    public init() {}

    public func extract(from record: inout Record, body: BodyText, counters: inout Counters) {
        guard record[FieldKey.place] == nil else { return }
        let gazetteer = Gazetteer.standard
        var mentioned: [Gazetteer.Name] = []
        var seen: Set<[Unicode.Scalar]> = []
        for (index, line) in body.lines.enumerated() {
            if index < ExtractScope.headLines && line.count <= 60 && HeaderLine.isByline(line) { continue }
            for name in gazetteer.mentions(in: line) where seen.insert(name.word).inserted {
                mentioned.append(name)
            }
        }
        let known = Set(mentioned.filter { $0.divisions.count == 1 }.map { $0.divisions[0] })
        var written: Set<Int> = []
        for name in mentioned {
            let candidates = name.divisions
            let chosen = candidates.count == 1 ? candidates[0]
                : candidates.first { !known.isDisjoint(with: gazetteer.parents(of: $0)) }
            if let chosen {
                guard written.insert(chosen).inserted else { continue }
                let chain = [chosen] + gazetteer.parents(of: chosen)
                let value = chain.map { i in
                    let d = gazetteer.divisions[i]
                    return "\(d.name)/\(d.level)/\(d.adcode)"
                }.joined(separator: " ")
                record.addExtracted(FieldKey.place, value, counters: &counters)
            } else {
                let d = gazetteer.divisions[candidates[0]]
                record.addExtracted(FieldKey.place, "\(d.name)/\(d.level)/-", counters: &counters)
            }
        }
    }
}
