/// Reads WARC/1.0 and WARC/1.1 records (WARC and WET files) from a byte stream.
public struct WARCRecord: Sendable {
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Byte offset of the `WARC/` line.
    public var offset: Int
    /// Bytes the record took in the stream, headers included.
    public var length: Int
    /// The stream ended before Content-Length bytes of body arrived.
    public var truncated: Bool
    /// The body exceeded the reader's limit; only that much was kept.
    public var oversized: Bool
    /// Content-Length ran past the record, into the next one: the body was cut where the next
    /// record starts, and that record is read next.
    public var overran = false
    /// Header bytes past `Limits.maxWARCHeaderBytes`, skipped.
    public var skippedHeaderBytes = 0

    /// The value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    public var type: String { header("WARC-Type") ?? "unknown" }
}

public final class WARCReader {
    public let input: ByteInput
    public let maxBodyBytes: Int
    /// Offsets of lines between records that were not a `WARC/` version line, skipped.
    public private(set) var skippedGarbage: [Int] = []

    public init(input: ByteInput, maxBodyBytes: Int) {
        self.input = input
        self.maxBodyBytes = maxBodyBytes
    }

    /// True when the stream starts like a WARC file.
    public static func looksLikeWARC(_ input: ByteInput) throws -> Bool {
        try input.peek(5) == Array("WARC/".utf8)
    }

    public func next() throws -> WARCRecord? {
        // Find the version line, skipping the blank lines that end the previous record.
        var versionLine: InputLine?
        while let line = try input.nextLine() {
            let text = line.bytes.last == 0x0D ? Array(line.bytes.dropLast()) : line.bytes
            if text.isEmpty { continue }
            if text.starts(with: Array("WARC/".utf8)) { versionLine = line; break }
            skippedGarbage.append(line.offset)
        }
        guard let start = versionLine else { return nil }
        var headers: [(String, String)] = []
        var ended = false
        var headerBytes = 0, skippedHeaderBytes = 0
        while let line = try input.nextLine() {
            var bytes = line.bytes
            if bytes.last == 0x0D { bytes.removeLast() }
            if bytes.isEmpty { ended = true; break }
            // Bounded memory: headers past the limit are skipped (Content-Length among them is
            // then not known, and the body is read as lines between records).
            headerBytes += line.streamLength
            if headerBytes > Limits.maxWARCHeaderBytes {
                skippedHeaderBytes += line.streamLength
                continue
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let colon = text.firstIndex(of: ":") {
                headers.append((String(text[..<colon]), text[text.index(after: colon)...].trimmingSpaces()))
            }
        }
        var record = WARCRecord(headers: headers, body: [], offset: start.offset, length: 0, truncated: !ended, oversized: false)
        record.skippedHeaderBytes = skippedHeaderBytes
        let declared = Int(record.header("Content-Length") ?? "") ?? 0
        if ended && declared > 0 {
            record.body = try input.nextBytes(min(declared, maxBodyBytes))
            var got = record.body.count
            if declared > maxBodyBytes && got == maxBodyBytes {
                record.oversized = true
                if let next = Self.nextRecordStart(in: record.body) {
                    try giveBack(from: next, of: &record)
                    record.oversized = false
                    got = declared
                }
                // Skip the rest without keeping it, but not past the start of the next record.
                var tail = Array(record.body.suffix(Self.recordStartPattern.count + 2))
                while got < declared {
                    let chunk = try input.nextBytes(min(declared - got, ByteInput.chunkSize))
                    if chunk.isEmpty { break }
                    got += chunk.count
                    // The last bytes before the chunk come too: the blank line may end there.
                    let window = tail + chunk
                    if let next = Self.nextRecordStart(in: window) {
                        input.unread(window[next...])
                        record.overran = true
                        got = declared
                        break
                    }
                    tail = Array(window.suffix(Self.recordStartPattern.count + 2))
                }
            } else if try got < declared || !endsHonestly() {
                if let next = Self.nextRecordStart(in: record.body) { try giveBack(from: next, of: &record) }
            }
            record.truncated = got < declared && !record.overran
        }
        // The blank lines that close the record belong to it, so offsets and lengths tile the file.
        let separator = try input.peek(4)
        let newlines = separator.prefix { $0 == 0x0D || $0 == 0x0A }.count
        if newlines > 0 { _ = try input.nextBytes(newlines) }
        record.length = input.offset - start.offset
        return record
    }
}

extension WARCReader {
    /// A record start inside a body: a blank line, then a version line.
    static let recordStartPattern: [UInt8] = Array("\nWARC/1.".utf8)

    /// Where the next record's `WARC/1.` line starts in `bytes`, after a blank line (`\n\n` or
    /// `\n\r\n` before it), or nil.
    static func nextRecordStart(in bytes: [UInt8]) -> Int? {
        var i = 1
        let p = recordStartPattern
        while i + p.count <= bytes.count {
            if bytes[i] == 0x0A, bytes[i..<i + p.count].elementsEqual(p),
               bytes[i - 1] == 0x0A || (bytes[i - 1] == 0x0D && i >= 2 && bytes[i - 2] == 0x0A) {
                return i + 1
            }
            i += 1
        }
        return nil
    }

    /// True when what follows the body is the end of input, or the blank lines that end a
    /// record and the next record's version line.
    func endsHonestly() throws -> Bool {
        let after = try input.peek(9)
        let newlines = after.prefix { $0 == 0x0D || $0 == 0x0A }.count
        let rest = after.dropFirst(newlines)
        return rest.isEmpty || rest.starts(with: Array("WARC/".utf8))
    }

    /// Cuts the body at `next`, the start of the next record, and gives that record back.
    func giveBack(from next: Int, of record: inout WARCRecord) throws {
        input.unread(record.body[next...])
        record.body.removeSubrange(next...)
        record.overran = true
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
