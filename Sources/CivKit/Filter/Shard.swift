/// `--shard i/n`: keep the documents of shard `i` of `n`, so that `n` independent jobs over the
/// same input cover every document exactly once. A document's shard is a stable hash (64-bit
/// FNV-1a, the same on every machine and run) of its identity, `DocumentIdentity.id`.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `i/n`, 1 ≤ i ≤ n.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    public func contains(_ record: Record) -> Bool {
        contains(id: DocumentIdentity.id(record))
    }

    public func contains(id: String) -> Bool {
        count == 1 || Int(Self.hash(id) % UInt64(count)) == index - 1
    }

    /// 64-bit FNV-1a of the UTF-8 bytes.
    public static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}

/// A document's identity: its WARC record id when it came from a WARC/WET file, else
/// `SOURCE#OFFSET` (the input file, `-` for standard input, and the byte offset there), with
/// `/PART` for the parts of a long plain-text input. The same document read the same way gets
/// the same identity on every run: shards and the `id` of civ-jsonl's layouts use it.
public enum DocumentIdentity {
    public static func id(_ record: Record) -> String {
        if let warc = record[FieldKey.warcRecordID] { return warc }
        var id = "\(record[FieldKey.source] ?? "-")#\(record[FieldKey.offset] ?? "0")"
        if let part = record["part"] { id += "/\(part)" }
        return id
    }
}
