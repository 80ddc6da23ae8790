/// An open-addressing hash table from integer keys to document numbers (linear probing, kept
/// under 70% full, doubled before it would pass): civ-dedup's exact-duplicate table (one document
/// a key) and its anchor table (every document holding a key). Plain arrays of keys and numbers:
/// a few bytes an entry, where a dictionary of arrays cost tens.
struct DocumentTable<Key: FixedWidthInteger & UnsignedInteger> {
    private var keys: [Key]
    /// The document number plus one; 0 marks an empty slot.
    private var docs: [UInt32]
    private var mask: Int
    private(set) var count = 0

    /// A table of `slots` slots (a power of two).
    init(slots: Int) {
        precondition(slots > 0 && slots & (slots - 1) == 0)
        keys = [Key](repeating: 0, count: slots)
        docs = [UInt32](repeating: 0, count: slots)
        mask = slots - 1
    }

    /// Memory held, in bytes.
    var bytes: Int { keys.count * (MemoryLayout<Key>.size + 4) }

    @inline(__always)
    private func slot(_ key: Key) -> Int { Int(truncatingIfNeeded: DedupHash.mix(UInt64(key))) & mask }

    /// Adds `doc` under `key`; with `unique`, not when the key is there already (the first
    /// document keeps it).
    mutating func insert(_ key: Key, doc: Int, unique: Bool) {
        if (count + 1) * 10 > (mask + 1) * 7 { grow() }
        var i = slot(key)
        while docs[i] != 0 {
            if unique && keys[i] == key { return }
            i = (i + 1) & mask
        }
        keys[i] = key
        docs[i] = UInt32(doc + 1)
        count += 1
    }

    /// The first document stored under `key`.
    func first(_ key: Key) -> Int? {
        var i = slot(key)
        while docs[i] != 0 {
            if keys[i] == key { return Int(docs[i]) - 1 }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Calls `body` with every document stored under `key`.
    func forEach(_ key: Key, _ body: (Int) -> Void) {
        var i = slot(key)
        while docs[i] != 0 {
            if keys[i] == key { body(Int(docs[i]) - 1) }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with every key and document, in slot order.
    func forEachEntry(_ body: (Key, Int) -> Void) {
        for i in keys.indices where docs[i] != 0 { body(keys[i], Int(docs[i]) - 1) }
    }

    private mutating func grow() {
        let oldKeys = keys, oldDocs = docs
        keys = [Key](repeating: 0, count: oldKeys.count * 2)
        docs = [UInt32](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for j in oldKeys.indices where oldDocs[j] != 0 {
            var i = slot(oldKeys[j])
            while docs[i] != 0 { i = (i + 1) & mask }
            keys[i] = oldKeys[j]
            docs[i] = oldDocs[j]
        }
    }
}
