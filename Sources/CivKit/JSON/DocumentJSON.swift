/// One record as one JSON object on one line: the civ-jsonl schema
/// (`Resources/civ-document.schema.json`, printed by `civ-jsonl --schema`).
///
/// Every key is always present, in this order: file, offset, length, url, title, published,
/// origin, site, publisher, reporters, body, segmented, repairs, extra. Record fields the schema
/// has no key for go to `extra`, as do second values of single-valued fields and offsets or
/// lengths that are not integers: nothing of the record is dropped but the first text line when
/// it is the title.
public enum DocumentJSON {
    public static let keys = [
        "file", "offset", "length", "url", "title", "published", "origin", "site", "publisher",
        "reporters", "body", "segmented", "repairs", "extra",
    ]

    /// Fields with a key of their own; the first value is used.
    static let singleFields: Set<String> = [
        FieldKey.source, FieldKey.offset, FieldKey.length, FieldKey.url, FieldKey.title,
        FieldKey.published, FieldKey.origin, FieldKey.site, FieldKey.publisher, FieldKey.segmented,
    ]

    /// The shapes civ-jsonl writes (`--layout`).
    public enum Layout: String, Sendable, CaseIterable {
        /// civ's own schema (`civ-document.schema.json`).
        case civ
        /// datatrove's `Document`: `{text, id, metadata}`; what its `JsonlReader` reads.
        case datatrove
        /// Dolma's documents: `{id, text, source, added, created, metadata}`.
        case dolma
    }

    /// Appends the object in `layout` (no line feed). For datatrove and Dolma, `text` is the
    /// whole text (title line included), `id` is `DocumentIdentity.id`, and `metadata` is the
    /// civ object without its `body`; Dolma's `source` is `civ`, `added` is `added` (the run's
    /// time, ISO 8601) and `created` the document's `published` time, else `added`.
    public static func write(_ record: Record, layout: Layout, added: String, into json: inout JSONWriter) {
        switch layout {
        case .civ:
            write(record, into: &json)
        case .datatrove:
            json.beginObject()
            json.key("text"); json.string(record.lines.joined(separator: "\n"))
            json.key("id"); json.string(DocumentIdentity.id(record))
            json.key("metadata"); write(record, into: &json, body: false)
            json.endObject()
        case .dolma:
            json.beginObject()
            json.key("id"); json.string(DocumentIdentity.id(record))
            json.key("text"); json.string(record.lines.joined(separator: "\n"))
            json.key("source"); json.string("civ")
            json.key("added"); json.string(added)
            json.key("created"); json.string(record[FieldKey.published] ?? added)
            json.key("metadata"); write(record, into: &json, body: false)
            json.endObject()
        }
    }

    /// Appends the object (no line feed); without the `body` key when `body` is false.
    public static func write(_ record: Record, into json: inout JSONWriter, body writeBody: Bool = true) {
        var extra: [(key: String, values: [String])] = []
        var seen: Set<String> = []
        var repairs = Counters()
        var offset: Int?, length: Int?
        for field in record.fields {
            if field.key == FieldKey.reporter { continue }
            if field.key == FieldKey.repairs {
                repairs.merge(Counters(compact: field.value))
                continue
            }
            if singleFields.contains(field.key) && !seen.contains(field.key) {
                // An offset or length that is not a count stays in `extra`.
                let count = Int(field.value).flatMap { $0 >= 0 ? $0 : nil }
                if field.key == FieldKey.offset { offset = count }
                if field.key == FieldKey.length { length = count }
                if count != nil || (field.key != FieldKey.offset && field.key != FieldKey.length) {
                    seen.insert(field.key)
                    continue
                }
            }
            if let i = extra.firstIndex(where: { $0.key == field.key }) {
                extra[i].values.append(field.value)
            } else {
                extra.append((field.key, [field.value]))
            }
        }

        let title = record[FieldKey.title]
        var body = record.lines[...]
        if let title, let first = body.first, isTitleLine(first, title: title, segmented: record[FieldKey.segmented] == "yes") {
            body = body.dropFirst()
        }

        json.beginObject()
        json.key("file"); json.string(record[FieldKey.source] ?? "-")
        json.key("offset"); json.int(offset)
        json.key("length"); json.int(length)
        json.key("url"); json.string(record[FieldKey.url])
        json.key("title"); json.string(title)
        json.key("published"); json.string(record[FieldKey.published])
        json.key("origin"); json.string(record[FieldKey.origin])
        json.key("site"); json.string(record[FieldKey.site])
        json.key("publisher"); json.string(record[FieldKey.publisher])
        json.key("reporters")
        json.beginArray()
        for reporter in record.values(FieldKey.reporter) { json.string(reporter) }
        json.endArray()
        if writeBody { json.key("body"); json.string(body.joined(separator: "\n")) }
        json.key("segmented"); json.bool(record[FieldKey.segmented] == "yes")
        json.key("repairs")
        json.beginObject()
        for name in repairs.names {
            json.key(name)
            json.int(repairs[name])
        }
        json.endObject()
        json.key("extra")
        json.beginObject()
        for (key, values) in extra {
            json.key(key)
            if values.count == 1 {
                json.string(values[0])
            } else {
                json.beginArray()
                for v in values { json.string(v) }
                json.endArray()
            }
        }
        json.endObject()
        json.endObject()
    }

    /// The object followed by a line feed.
    public static func line(_ record: Record) -> [UInt8] {
        var json = JSONWriter()
        write(record, into: &json)
        json.raw(0x0A)
        return json.bytes
    }

    /// Whether the text's first line is the title; after civ-segment it is the title's tokens
    /// (`市委 常委 、 宣传 部长 …`), compared without the spaces segmentation put in.
    static func isTitleLine(_ line: String, title: String, segmented: Bool) -> Bool {
        if FoldedLine(line).value(0..<line.unicodeScalars.count) == title { return true }
        guard segmented else { return false }
        let unspaced = { (s: String) in String(String.UnicodeScalarView(s.unicodeScalars.filter { !ScalarClass.isSpace($0) })) }
        return unspaced(line) == unspaced(title)
    }
}
