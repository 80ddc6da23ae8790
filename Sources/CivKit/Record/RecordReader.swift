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
        /// A line was longer than the reader's limit and was cut.
        case lineTooLong(offset: Int, discardedBytes: Int)
    }

    public let input: ByteInput
    public let maxDocumentBytes: Int
    /// Malformations met so far, in order; filters count them and set the exit code.
    public private(set) var problems: [Problem] = []
    private var pending: InputLine?
    private var decided = false
    public private(set) var isPlainText = false
    private var plainPart = 0

    public init(input: ByteInput, maxDocumentBytes: Int = 64 << 20) {
        self.input = input
        self.maxDocumentBytes = maxDocumentBytes
    }

    private func readLine() throws -> InputLine? {
        if let p = pending {
            pending = nil
            return p
        }
        guard let line = try input.nextLine() else { return nil }
        if line.discardedBytes > 0 { problems.append(.lineTooLong(offset: line.offset, discardedBytes: line.discardedBytes)) }
        return line
    }

    /// Looks at the first line to decide between records and plain text.
    private func decide() throws {
        guard !decided else { return }
        decided = true
        guard let first = try readLine() else { return }
        isPlainText = !RecordFormat.isStartLine(first.bytes)
        pending = first
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
            if bytes > 0 && bytes + line.bytes.count > maxDocumentBytes {
                pending = line
                break
            }
            bytes += line.bytes.count + 1
            lines.append(TextDecoder.lossyString(line.bytes))
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
        // Skip to a start line; anything else between records is kept as text of its own record.
        guard var line = try readLine() else { return nil }
        var record = Record()
        if !RecordFormat.isStartLine(line.bytes) {
            problems.append(.textOutsideRecord(offset: line.offset))
            record[FieldKey.source] = input.name
            record[FieldKey.offset] = String(line.offset)
            record.lines.append(TextDecoder.lossyString(line.bytes))
            while let l = try readLine() {
                if RecordFormat.isStartLine(l.bytes) { pending = l; break }
                record.lines.append(TextDecoder.lossyString(l.bytes))
            }
            return record
        }
        let startOffset = line.offset
        var inFields = true
        while true {
            guard let next = try readLine() else {
                problems.append(.truncatedRecord(offset: startOffset))
                record["truncated"] = "yes"
                return record
            }
            line = next
            let b = line.bytes
            if b == RecordFormat.endBytes { return record }
            if RecordFormat.isStartLine(b) {
                // A new record began before this one ended.
                problems.append(.truncatedRecord(offset: startOffset))
                record["truncated"] = "yes"
                pending = line
                return record
            }
            if inFields, b.first == UInt8(ascii: "%") {
                if let space = b.firstIndex(of: 0x20) {
                    let key = TextDecoder.lossyString(Array(b[1..<space]))
                    if Record.isValidKey(key) {
                        record.add(key, RecordFormat.unescapeValue(TextDecoder.lossyString(Array(b[(space + 1)...]))))
                        continue
                    }
                }
                problems.append(.badFieldLine(offset: line.offset))
                continue
            }
            inFields = false
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
