/// Reads records from a stream; every filter's input goes through one of these.
///
/// If the stream does not begin with a record start line it is plain text: `next()` then
/// returns the whole stream as one record (source `-`, or the file name), up to
/// `maxDocumentBytes`; a longer plain-text stream is returned in pieces cut at line ends, each
/// marked with a `part` field. Filters that can work line by line use `nextPlainLine()` instead.
public final class RecordReader {
    public enum Problem: Equatable, Sendable {
        /// The stream ended inside a record (no `%end`): the record is returned with what it had.
        case truncatedRecord(offset: Int)
        /// Text between records that does not start with `%civ`: kept as a record of its own.
        case textOutsideRecord(offset: Int)
        /// A line starting with `%` inside the field block that is not `%KEY VALUE`.
        case badFieldLine(offset: Int)
        /// A start line of a format version this reader does not know; read as version 1.
        case unknownVersion(offset: Int, version: String)
        /// A line was longer than the reader's limit and was cut.
        case lineTooLong(offset: Int, discardedBytes: Int)
        /// A record's text exceeded `maxDocumentBytes` or `Limits.maxLinesPerDocument` lines:
        /// the rest of it was skipped, not buffered.
        case recordTooLarge(offset: Int, skippedBytes: Int)
        /// A record had more than `Limits.maxFieldsPerRecord` fields: the rest were skipped.
        case tooManyFields(offset: Int, skippedFields: Int)

        /// What a filter says of it on standard error, for input `name`.
        public func message(in name: String) -> String {
            switch self {
            case let .truncatedRecord(offset):
                return "\(name): record at byte \(offset) has no %end line (truncated input?); passed on with %truncated yes"
            case let .textOutsideRecord(offset):
                return "\(name): text outside any record at byte \(offset); passed on as a record of its own"
            case let .unknownVersion(offset, version):
                return "\(name): record at byte \(offset) has format version \(version); this civ reads version \(RecordFormat.version)"
            case let .badFieldLine(offset):
                return "\(name): malformed field line at byte \(offset)"
            case let .lineTooLong(offset, discarded):
                return "\(name): line at byte \(offset) too long; \(discarded) bytes of it skipped"
            case let .tooManyFields(offset, skipped):
                return "\(name): record at byte \(offset) has more than \(Limits.maxFieldsPerRecord) fields; \(skipped) skipped, passed on with %truncated yes"
            case let .recordTooLarge(offset, skipped):
                return "\(name): record at byte \(offset) too large (over its bytes or \(Limits.maxLinesPerDocument) lines); \(skipped) bytes of its text skipped, passed on with %truncated yes"
            }
        }

        /// The counter it is counted under.
        public var counter: String {
            switch self {
            case .truncatedRecord: return "input.truncated-record"
            case .textOutsideRecord: return "input.text-outside-record"
            case .unknownVersion: return "input.unknown-version"
            case .badFieldLine: return "input.bad-field-line"
            case .lineTooLong: return "input.line-too-long"
            case .tooManyFields: return "input.too-many-fields"
            case .recordTooLarge: return "input.record-too-large"
            }
        }
    }

    public let input: ByteInput
    public let maxDocumentBytes: Int
    /// Malformations met so far, in order; filters count them and set the exit code.
    public private(set) var problems: [Problem] = []
    private var pending: InputLine?
    /// Blank lines looked past for the first record before the stream is taken for plain text
    /// (they are held until then: bounded).
    static let maxBlankLinesBeforeDeciding = 10_000
    /// Lines read while deciding the stream's kind that plain text still needs (blank ones).
    private var replay: [InputLine] = []
    private var decided = false
    public private(set) var isPlainText = false
    private var plainPart = 0
    /// What decoding plain text had to do (GB18030 lines, invalid UTF-8 replaced, NUL removed).
    public private(set) var decoding = Counters()
    private var plainEncoding = TextDecoder.Encoding.utf8

    public init(input: ByteInput, maxDocumentBytes: Int = CleanStage.defaultMaxDocumentBytes) {
        self.input = input
        self.maxDocumentBytes = maxDocumentBytes
    }

    private func readLine() throws -> InputLine? {
        if !replay.isEmpty { return replay.removeFirst() }
        if let p = pending {
            pending = nil
            return p
        }
        guard var line = try input.nextLine() else { return nil }
        // A byte-order mark an editor put before the stream's first line is not part of it.
        if line.offset == 0, line.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { line.bytes.removeFirst(3) }
        if line.discardedBytes > 0 { problems.append(.lineTooLong(offset: line.offset, discardedBytes: line.discardedBytes)) }
        return line
    }

    /// Plain text is crawl input: decoded like civ-clean decodes it (GB18030, invalid UTF-8…).
    private func decodePlain(_ bytes: [UInt8]) -> [UInt8] {
        let (text, encoding) = TextDecoder.decodeLineToUTF8(bytes, preferred: plainEncoding, counters: &decoding)
        plainEncoding = encoding
        return text
    }

    /// In plain-text mode, the next line decoded, or nil at the end.
    public func nextPlainText() throws -> String? {
        try nextPlainUTF8().map { String(decoding: $0, as: UTF8.self) }
    }

    /// The same as valid UTF-8 bytes: a String a line cost a validation of its bytes
    /// (civ-segment's plain text works on the bytes).
    public func nextPlainUTF8() throws -> [UInt8]? {
        try nextPlainLine().map { decodePlain($0.bytes) }
    }

    /// Looks at the first line to decide between records and plain text.
    private func decide() throws {
        guard !decided else { return }
        decided = true
        guard let first = try readLine() else { return }
        // Blank lines before the first record (as between records) do not make records plain
        // text: the first line with something on it decides.
        var blank: [InputLine] = []
        var line = first
        while line.bytes.isEmpty || line.bytes == [0x0D], blank.count < Self.maxBlankLinesBeforeDeciding, let next = try readLine() {
            blank.append(line)
            line = next
        }
        isPlainText = !RecordFormat.isStartLine(line.bytes.last == 0x0D ? Array(line.bytes.dropLast()) : line.bytes)
        // Records are written with LF line ends; a CR inside a text line is text.
        if !isPlainText { input.splitsAtLoneCR = false }
        if isPlainText, !blank.isEmpty {
            // Plain text keeps its blank lines: read them again, in order.
            replay = blank + [line]
            pending = nil
        } else {
            pending = line
        }
    }

    /// True when the stream is plain text rather than records (reads the first line to know).
    public func detectPlainText() throws -> Bool {
        try decide()
        return isPlainText
    }

    /// In plain-text mode, the next raw line (no decoding), or nil at the end.
    public func nextPlainLine() throws -> InputLine? {
        try decide()
        return try readLine()
    }

    /// The next record, or nil at the end of input.
    public func next() throws -> Record? {
        try decide()
        return isPlainText ? try nextPlainDocument() : try nextRecord()
    }

    private func nextPlainDocument() throws -> Record? {
        var lines: [String] = []
        var bytes = 0
        var firstOffset: Int?
        while let line = try readLine() {
            if firstOffset == nil { firstOffset = line.offset }
            if bytes > 0 && (bytes + line.bytes.count > maxDocumentBytes || lines.count >= Limits.maxLinesPerDocument) {
                pending = line
                break
            }
            bytes += line.bytes.count + 1
            lines.append(String(decoding: decodePlain(line.bytes), as: UTF8.self))
        }
        guard let offset = firstOffset else { return nil }
        var record = Record(lines: lines)
        record[FieldKey.source] = input.name
        record[FieldKey.offset] = String(offset)
        if pending != nil || plainPart > 0 {
            plainPart += 1
            record["part"] = String(plainPart)
        }
        return record
    }

    private func nextRecord() throws -> Record? {
        // Skip to a start line; blank lines between records are nothing, anything else is kept
        // as text of a record of its own.
        var first: InputLine?
        while let l = try readLine() {
            if !l.bytes.isEmpty && l.bytes != [0x0D] { first = l; break }
        }
        guard var line = first else { return nil }
        // Records are written with LF. A stream that went through CRLF conversion (its start line
        // ends in CR) reads the same: CR is dropped from each of its lines.
        let crlf = line.bytes.last == 0x0D
        if crlf { line.bytes.removeLast() }
        var record = Record()
        if !RecordFormat.isStartLine(line.bytes) {
            problems.append(.textOutsideRecord(offset: line.offset))
            record[FieldKey.source] = input.name
            record[FieldKey.offset] = String(line.offset)
            record.lines.append(TextDecoder.lossyString(line.bytes))
            while let l = try readLine() {
                if RecordFormat.isStartLine(l.bytes) || RecordFormat.isStartLine(l.bytes.dropLast()) { pending = l; break }
                record.lines.append(TextDecoder.lossyString(l.bytes))
            }
            return record
        }
        let startOffset = line.offset
        if line.bytes != Array(RecordFormat.startLine.utf8) {
            let version = TextDecoder.lossyString(Array(line.bytes.dropFirst(RecordFormat.startPrefix.count)))
            problems.append(.unknownVersion(offset: startOffset, version: version))
        }
        var inFields = true
        var textBytes = 0
        var skipped = 0
        var skippedFields = 0
        while true {
            guard let next = try readLine() else {
                problems.append(.truncatedRecord(offset: startOffset))
                record["truncated"] = "yes"
                return record
            }
            line = next
            if crlf, line.bytes.last == 0x0D { line.bytes.removeLast() }
            let b = line.bytes
            if b == RecordFormat.endBytes {
                if skipped > 0 { problems.append(.recordTooLarge(offset: startOffset, skippedBytes: skipped)) }
                if skippedFields > 0 { problems.append(.tooManyFields(offset: startOffset, skippedFields: skippedFields)) }
                return record
            }
            if RecordFormat.isStartLine(b) {
                // A new record began before this one ended.
                problems.append(.truncatedRecord(offset: startOffset))
                record["truncated"] = "yes"
                pending = line
                return record
            }
            if inFields, b.first == UInt8(ascii: "%"), record.fields.count >= Limits.maxFieldsPerRecord {
                if skippedFields == 0 { record["truncated"] = "yes" }
                skippedFields += 1
                continue
            }
            if inFields, b.first == UInt8(ascii: "%") {
                // `%key value`; `%key` alone (its space trimmed by an editor) is an empty value.
                let space = b.firstIndex(of: 0x20) ?? b.endIndex
                let key = TextDecoder.lossyString(Array(b[1..<space]))
                if Record.isValidKey(key) {
                    let value = space < b.endIndex ? Array(b[(space + 1)...]) : []
                    record.add(key, RecordFormat.unescapeValue(TextDecoder.lossyString(value)))
                    continue
                }
                problems.append(.badFieldLine(offset: line.offset))
                continue
            }
            inFields = false
            // Bounded memory: text past the limit is skipped and reported, not buffered.
            textBytes += b.count + 1
            if textBytes > maxDocumentBytes || record.lines.count >= Limits.maxLinesPerDocument {
                if skipped == 0 && skippedFields == 0 { record["truncated"] = "yes" }
                skipped += b.count + 1
                continue
            }
            if b.first == UInt8(ascii: "\\") {
                record.lines.append(TextDecoder.lossyString(Array(b.dropFirst())))
            } else if b.first == UInt8(ascii: "%") {
                problems.append(.badFieldLine(offset: line.offset))
                record.lines.append(TextDecoder.lossyString(b))
            } else {
                record.lines.append(TextDecoder.lossyString(b))
            }
        }
    }
}
