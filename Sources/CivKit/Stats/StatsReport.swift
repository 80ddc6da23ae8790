/// The forms counters take on standard error at the end of a run.
public enum StatsFormat: String, Sendable, CaseIterable {
    /// `tool<TAB>name<TAB>count`, one line each (plain `--stats`).
    case tsv
    /// Aligned columns with a header, for reading.
    case table
    /// One JSON object on one line: `{"tool":"civ-clean","counters":{"documents.in":2,…}}`.
    case json
}

extension Counters {
    /// The counters in `format`, ending with a line feed.
    public func report(_ format: StatsFormat, tool: String) -> String {
        switch format {
        case .tsv:
            return report(prefix: tool)
        case .table:
            let width = max(7, names.map { $0.count }.max() ?? 0)
            let pad = { (s: String) in s + String(repeating: " ", count: max(0, width - s.count)) }
            return "\(tool)\n" + "  \(pad("counter"))  count\n" + names.map { "  \(pad($0))  \(self[$0])\n" }.joined()
        case .json:
            var json = JSONWriter()
            json.beginObject()
            json.key("tool"); json.string(tool)
            json.key("counters")
            json.beginObject()
            for name in names {
                json.key(name)
                json.int(self[name])
            }
            json.endObject()
            json.endObject()
            json.raw(0x0A)
            return String(decoding: json.bytes, as: UTF8.self)
        }
    }

    /// Hadoop Streaming's counter lines, `reporter:counter:civ,TOOL.NAME,N`, which a streaming
    /// task writes to standard error to update the job's counters (group `civ`). Hadoop splits
    /// on commas, so none may appear in a name.
    public func hadoopReport(tool: String) -> String {
        names.map { "reporter:counter:civ,\(tool).\($0.replacingCommas),\(self[$0])\n" }.joined()
    }

    /// True when running as a Hadoop Streaming task (`mapreduce_task_id`, or the older
    /// `mapred_task_id`, in the environment).
    public static func underHadoopStreaming(_ environment: [String: String]) -> Bool {
        environment["mapreduce_task_id"] != nil || environment["mapred_task_id"] != nil
    }
}

private extension String {
    var replacingCommas: String { String(map { $0 == "," ? "_" : $0 }) }
}
