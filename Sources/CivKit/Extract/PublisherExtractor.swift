/// Field `publisher`: the account that posted the page, `发布者：admin`. Ends at a space or `|`.
public struct PublisherExtractor: BodyExtractor {
    public let name = "publisher"
    public var maxLength = 40
    public init() {}

    public func extract(from record: inout Record, body: BodyText, counters: inout Counters) {
        guard record[FieldKey.publisher] == nil else { return }
        let labels = ExtractLabels.standard.publisher
        if let value = body.bylineCandidates.lazy.compactMap({
            BylineValue.after(labels, in: $0, stopAtSpace: true, maxLength: maxLength)
        }).first {
            record.addExtracted(FieldKey.publisher, value, counters: &counters)
        }
    }
}
