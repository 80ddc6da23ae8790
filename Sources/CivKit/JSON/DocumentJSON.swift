/// One record as one JSON object on one line: the civ-jsonl schema
/// (`Resources/civ-document.schema.json`, printed by `civ-jsonl --schema`).
///
/// Every key is always present, in this order: file, offset, length, url, title, published,
/// origin, site, publisher, reporters, officials, event_dates, places_visited, places, campaigns,
/// directives, body, segmented, repairs, extra. Record fields the schema
/// has no key for go to `extra`, as do second values of single-valued fields and offsets or
/// lengths that are not integers: nothing of the record is dropped but the first text line when
/// it is the title.
public enum DocumentJSON {
    public static let keys = [
        "file", "offset", "length", "url", "title", "published", "origin", "site", "publisher",
        "reporters", "officials", "event_dates", "places_visited", "places", "campaigns", "directives", "body", "segmented", "repairs", "extra",
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
        var extraIndex: [String: Int] = [:]
        var seen: Set<String> = []
        var repairs = Counters()
        var offset: Int?, length: Int?
        var officials: [Official] = []
        var eventDates: [String] = []
        var places: [[PlaceDivision]] = []
        for field in record.fields {
            if field.key == FieldKey.reporter || field.key == FieldKey.campaign || field.key == FieldKey.placeVisited
                || field.key == FieldKey.directive { continue }
            // Officials and event dates that do not read as such stay in `extra`.
            if field.key == FieldKey.eventDate, isEventDate(field.value) {
                eventDates.append(field.value)
                continue
            }
            if field.key == FieldKey.official, let person = Official(field: field.value), Official.roles.contains(person.role) {
                officials.append(person)
                continue
            }
            if field.key == FieldKey.place, let chain = PlaceDivision.chain(field.value) {
                places.append(chain)
                continue
            }
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
            // Looked up by hash: a record of hundreds of thousands of keys stays linear.
            if let i = extraIndex[field.key] {
                extra[i].values.append(field.value)
            } else {
                extraIndex[field.key] = extra.count
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
        json.stringArray(record.values(FieldKey.reporter))
        json.key("officials")
        json.beginArray()
        for person in officials {
            json.beginObject()
            json.key("name"); json.string(person.name)
            json.key("posts")
            json.beginArray()
            for post in person.posts {
                json.beginObject()
                json.key("title"); json.string(post.title)
                json.key("level"); json.string(post.level)
                json.key("body"); json.string(post.body)
                json.endObject()
            }
            json.endArray()
            json.key("role"); json.string(person.role)
            json.endObject()
        }
        json.endArray()
        json.key("event_dates")
        json.stringArray(eventDates)
        json.key("places_visited")
        json.stringArray(record.values(FieldKey.placeVisited))
        json.key("places")
        json.beginArray()
        for chain in places {
            json.beginObject()
            chain[0].writeMembers(into: &json)
            json.key("parents")
            json.beginArray()
            for parent in chain.dropFirst() {
                json.beginObject()
                parent.writeMembers(into: &json)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("campaigns")
        json.stringArray(record.values(FieldKey.campaign))
        json.key("directives")
        json.stringArray(record.values(FieldKey.directive))
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
                json.stringArray(values)
            }
        }
        json.endObject()
        json.endObject()
    }

    /// `YYYY-MM-DD` or `--MM-DD` (the schema's pattern).
    static func isEventDate(_ s: String) -> Bool {
        var b = Array(s.utf8)
        if b.count == 7, b[0] == 0x2D, b[1] == 0x2D { b = Array("2000".utf8) + b[1...] }   // --MM-DD
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D, digits.allSatisfy({ b[$0] >= 0x30 && b[$0] <= 0x39 }) else { return false }
        let month = Int(b[5] - 0x30) * 10 + Int(b[6] - 0x30)
        let day = Int(b[8] - 0x30) * 10 + Int(b[9] - 0x30)
        return (1...12).contains(month) && (1...31).contains(day)
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

/// One division of a `place` field (`NAME/LEVEL/ADCODE`, adcode `-` when unknown).
struct PlaceDivision {
    static let levels: Set<Substring> = ["province", "prefecture", "county"]
    let name: Substring, level: Substring, adcode: Substring?

    /// The division and its parents; nil when the value does not read as a `place` field.
    static func chain(_ value: String) -> [PlaceDivision]? {
        var chain: [PlaceDivision] = []
        for token in value.split(separator: " ") {
            let parts = token.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty, levels.contains(parts[1]) else { return nil }
            let code = parts[2]
            guard code == "-" || (code.count == 6 && code.allSatisfy(\.isASCII) && code.allSatisfy(\.isNumber)) else { return nil }
            chain.append(PlaceDivision(name: parts[0], level: parts[1], adcode: code == "-" ? nil : code))
        }
        return chain.isEmpty ? nil : chain
    }

    func writeMembers(into json: inout JSONWriter) {
        json.key("name"); json.string(String(name))
        json.key("level"); json.string(String(level))
        json.key("adcode"); json.string(adcode.map(String.init))
    }
}
