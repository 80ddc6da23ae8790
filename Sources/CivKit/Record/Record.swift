/// One document as it travels between civ filters: named fields plus the text, one paragraph a line.
///
/// Fields keep their order and may repeat (`reporter` twice for two reporters). Each stage adds
/// the fields it finds and passes on every field it does not understand.
public struct Record: Equatable, Sendable {
    public struct Field: Equatable, Sendable {
        public var key: String
        public var value: String
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    public var fields: [Field]
    /// The text, one line per element; no element contains `\n`.
    public var lines: [String]

    public init(fields: [Field] = [], lines: [String] = []) {
        self.fields = fields
        self.lines = lines
    }

    /// The first value of `key`.
    public subscript(key: String) -> String? {
        get { fields.first { $0.key == key }?.value }
        set {
            guard let value = newValue else {
                fields.removeAll { $0.key == key }
                return
            }
            guard let first = fields.firstIndex(where: { $0.key == key }) else {
                fields.append(Field(key, value))
                return
            }
            // One value stays, at the place of the first.
            fields = fields.enumerated().compactMap { i, field in
                i == first ? Field(key, value) : (field.key == key ? nil : field)
            }
        }
    }

    /// Every value of `key`, in order.
    public func values(_ key: String) -> [String] {
        fields.filter { $0.key == key }.map(\.value)
    }

    /// Appends one more value for `key` (keys may repeat).
    public mutating func add(_ key: String, _ value: String) {
        fields.append(Field(key, value))
    }

    /// Replaces all values of `key`.
    public mutating func set(_ key: String, values: [String]) {
        fields.removeAll { $0.key == key }
        for v in values { fields.append(Field(key, v)) }
    }

    /// The text as one string, lines joined by `\n`.
    public var text: String { lines.joined(separator: "\n") }

    /// True when `key` is a valid field name: lower-case ASCII letters, digits, `-` and `.`,
    /// starting with a letter or digit.
    public static func isValidKey(_ key: String) -> Bool {
        guard let first = key.utf8.first, isKeyStart(first) else { return false }
        return key.utf8.allSatisfy { isKeyStart($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    private static func isKeyStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
}

/// Names of the fields civ's own stages write. A stage may add others; all are passed on.
public enum FieldKey {
    // Where the document came from (civ-clean).
    public static let source = "source"          // file name, or "-" for standard input
    public static let offset = "offset"          // byte offset of the document in that file
    public static let length = "length"          // bytes of input the document took
    public static let url = "url"                // WARC-Target-URI
    public static let warcRecordID = "warc-record-id"
    public static let encoding = "encoding"      // input encoding when it was not UTF-8
    // Lines civ-clean moved out of the text, kept for civ-extract.
    public static let banner = "banner"
    public static let breadcrumb = "breadcrumb"
    public static let byline = "byline"
    public static let summary = "summary"
    /// What each repair changed in this document: `name=count name=count`.
    public static let repairs = "repairs"
    /// Set by civ-segment: the text is tokens separated by single spaces.
    public static let segmented = "segmented"
    // Found by civ-extract.
    public static let title = "title"
    public static let published = "published"
    public static let origin = "origin"          // 来源 / 来自: who published the article first
    public static let site = "site"
    public static let reporter = "reporter"
    public static let publisher = "publisher"    // 发布者: the account that posted the page
    public static let official = "official"      // once per person: NAME ROLE POST/LEVEL/BODY …
    public static let eventDate = "event-date"   // once per date: YYYY-MM-DD, or --MM-DD
    public static let campaign = "campaign"      // once per campaign the article is about
    public static let placeVisited = "place-visited"  // once per site visited, as written
    public static let place = "place"            // once per division: NAME/LEVEL/ADCODE, then its parents
    public static let directive = "directive"    // once per sentence after 强调, 指出, 要求
    /// On rejected documents only: why.
    public static let reject = "reject"
}
