/// civ-dedup's in-memory index of one generation of kept documents: one flat open-addressing
/// table of 32-bit entries (linear probing) from 64-bit keys (content hash, LSH bands, anchors)
/// to document numbers. An entry is the key's low 8 bits (a tag) over the document number plus
/// one (24 bits; 0 marks an empty slot): 4 bytes an entry, no key stored, so a lookup may also
/// return a document whose other key shares the slot run and the tag (about one probe in 256);
/// the caller verifies candidates on the stored document (`DocumentLog`).
///
/// The table holds no keys, so it cannot rehash itself: its owner makes a larger one and inserts
/// the keys again from the stored documents (`LSHIndex`). Any number of slots (the slot is the
/// high half of key × slots), so it grows by a quarter, not by doubling.
struct KeyTable {
    /// Most documents a table numbers (24 bits, minus the empty mark).
    static let maxDocuments = (1 << 24) - 2

    private(set) var entries: [UInt32]
    private(set) var count = 0

    init(slots: Int) {
        precondition(slots > 0)
        entries = [UInt32](repeating: 0, count: slots)
    }

    /// The table in the form a spill file stores (`SpilledIndex`).
    init(entries: [UInt32], count: Int) {
        self.entries = entries
        self.count = count
    }

    var slots: Int { entries.count }
    var bytes: Int { entries.count * 4 }
    var load: Double { Double(count) / Double(entries.count) }

    @inline(__always)
    static func slot(_ key: UInt64, slots: Int) -> Int { Int(truncatingIfNeeded: key.multipliedFullWidth(by: UInt64(slots)).high) }

    @inline(__always)
    static func tag(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key & 0xFF) << 24 }

    @inline(__always)
    static func entry(_ key: UInt64, doc: Int) -> UInt32 { tag(key) | UInt32(doc + 1) }

    /// The document of an entry whose tag is `key`'s, nil otherwise.
    @inline(__always)
    static func match(_ e: UInt32, _ key: UInt64) -> Int? { e & 0xFF00_0000 == tag(key) ? Int(e & 0x00FF_FFFF) - 1 : nil }

    /// Adds `doc` under `key` unless `limit` documents are stored under it already (a key common
    /// to many documents: more of them would lengthen its probe run and make every later
    /// document holding the key a candidate of them all); false then. The table must have an
    /// empty slot.
    @discardableResult
    mutating func insert(_ key: UInt64, doc: Int, limit: Int = .max) -> Bool {
        precondition(doc >= 0 && doc <= Self.maxDocuments && count < entries.count)
        let n = entries.count
        var i = Self.slot(key, slots: n)
        let stored: Bool = entries.withUnsafeMutableBufferPointer { e in
            var held = 0
            while e[i] != 0 {
                if Self.match(e[i], key) != nil {
                    held += 1
                    if held >= limit { return false }
                }
                i += 1
                if i == n { i = 0 }
            }
            e[i] = Self.entry(key, doc: doc)
            return true
        }
        if stored { count += 1 }
        return stored
    }

    /// Calls `body` with every document stored under `key` (and, rarely, one stored under
    /// another key of the same tag), in probe order; a document may come more than once.
    func forEach(_ key: UInt64, _ body: (Int) -> Void) {
        let n = entries.count
        var i = Self.slot(key, slots: n)
        entries.withUnsafeBufferPointer { e in
            var probes = 0
            while e[i] != 0 && probes < n {
                if let doc = Self.match(e[i], key) { body(doc) }
                i += 1
                if i == n { i = 0 }
                probes += 1
            }
        }
    }
}
