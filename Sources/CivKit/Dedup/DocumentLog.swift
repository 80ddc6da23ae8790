/// What civ-dedup keeps of each indexed document, out of memory: a fixed-size record a
/// document in a `ByteLog` (a temporary file), the documents numbered in order of indexing; the
/// source names in a second log. In memory stay only the generations' key tables (`LSHIndex`).
///
/// A record (`recordSize` bytes, little-endian): content hash (8), offset (8), where the source
/// name starts in the names log (8) and its length (4), shingles (4), distinct shingles (4),
/// sample size (1), the band keys (8 each), the `ShingleSketch` sample's hashes (4 each, `k`)
/// and lines (1 each, `k`). A document from the same source as the one before shares its name.
public final class DocumentLog {
    public let k: Int
    public let bands: Int
    public let recordSize: Int
    private let records = ByteLog()
    private let names = ByteLog()
    private var lastName: (name: String, start: Int, length: Int)?
    private var buffer: [UInt8]
    private var nameBuffer: [UInt8] = []

    public init(k: Int = 64, bands: Int) {
        precondition(k >= 1 && k <= 255 && bands >= 1)
        self.k = k
        self.bands = bands
        recordSize = Self.recordSize(k: k, bands: bands)
        buffer = [UInt8](repeating: 0, count: recordSize)
    }

    public static func recordSize(k: Int, bands: Int) -> Int { 37 + 8 * bands + 5 * k }

    /// Documents stored.
    public var count: Int { records.count / recordSize }
    /// Why the records are (partly) in memory rather than in a file, if they are.
    public var error: CivError? { records.error ?? names.error }

    /// Stores a document; returns its number. `sketch`: all its normalized `ShingleSketch`
    /// entries (the least `k` are kept).
    @discardableResult
    public func append(contentHash: UInt64, offset: Int64, source: String, shingles: Int, bandKeys: [UInt64], sketch: [UInt64]) -> Int {
        precondition(bandKeys.count == bands)
        let doc = count
        let name: (start: Int, length: Int)
        if let last = lastName, last.name == source {
            name = (last.start, last.length)
        } else {
            nameBuffer.removeAll(keepingCapacity: true)
            nameBuffer.append(contentsOf: source.utf8)
            name = (names.count, nameBuffer.count)
            nameBuffer.withUnsafeBytes { names.append($0) }
            lastName = (source, name.start, name.length)
        }
        let n = min(k, sketch.count)
        buffer.withUnsafeMutableBytes { b in
            b.storeBytes(of: contentHash.littleEndian, toByteOffset: 0, as: UInt64.self)
            b.storeBytes(of: UInt64(bitPattern: offset).littleEndian, toByteOffset: 8, as: UInt64.self)
            b.storeBytes(of: UInt64(name.start).littleEndian, toByteOffset: 16, as: UInt64.self)
            b.storeBytes(of: UInt32(clamping: name.length).littleEndian, toByteOffset: 24, as: UInt32.self)
            b.storeBytes(of: UInt32(clamping: shingles).littleEndian, toByteOffset: 28, as: UInt32.self)
            b.storeBytes(of: UInt32(clamping: sketch.count).littleEndian, toByteOffset: 32, as: UInt32.self)
            b[36] = UInt8(n)
            for (i, key) in bandKeys.enumerated() { b.storeBytes(of: key.littleEndian, toByteOffset: 37 + 8 * i, as: UInt64.self) }
            let hashes = 37 + 8 * bands, lines = hashes + 4 * k
            for i in 0 ..< k {
                let e = i < n ? sketch[i] : 0
                b.storeBytes(of: ShingleSketch.g(e).littleEndian, toByteOffset: hashes + 4 * i, as: UInt32.self)
                b[lines + i] = UInt8(truncatingIfNeeded: e)
            }
            records.append(UnsafeRawBufferPointer(b))
        }
        return doc
    }

    /// Calls `body` with document `doc`'s record; nil when it cannot be read.
    public func withRecord<R>(_ doc: Int, _ body: (StoredDocument) -> R) -> R? {
        buffer.withUnsafeMutableBytes { b in
            guard records.read(at: doc * recordSize, into: b) else { return nil }
            return body(StoredDocument(raw: UnsafeRawBufferPointer(b), k: k, bands: bands))
        }
    }

    /// Calls `body` with the records of documents `range`, in order, read in large blocks.
    public func forEachRecord(_ range: Range<Int>, _ body: (Int, StoredDocument) -> Void) {
        let perBlock = max(1, (1 << 20) / recordSize)
        var block = [UInt8](repeating: 0, count: min(range.count, perBlock) * recordSize)
        var doc = range.lowerBound
        while doc < range.upperBound {
            let n = min(perBlock, range.upperBound - doc)
            let ok = block.withUnsafeMutableBytes { b in records.read(at: doc * recordSize, into: UnsafeMutableRawBufferPointer(rebasing: b[0 ..< n * recordSize])) }
            if ok {
                block.withUnsafeBytes { b in
                    for i in 0 ..< n {
                        body(doc + i, StoredDocument(raw: UnsafeRawBufferPointer(rebasing: b[i * recordSize ..< (i + 1) * recordSize]), k: k, bands: bands))
                    }
                }
            }
            doc += n
        }
    }

    /// Where document `doc` came from (`-`, -1 when its record cannot be read).
    public func origin(_ doc: Int) -> (source: String, offset: Int64) {
        let ref = withRecord(doc) { r in (r.nameStart, r.nameLength, r.offset) }
        guard let (start, length, offset) = ref else { return ("-", -1) }
        var bytes = [UInt8](repeating: 0, count: length)
        let ok = bytes.withUnsafeMutableBytes { names.read(at: start, into: $0) }
        return (ok ? String(decoding: bytes, as: UTF8.self) : "-", offset)
    }

    /// One stored document, read in place.
    public struct StoredDocument {
        let raw: UnsafeRawBufferPointer
        let k: Int
        let bands: Int

        public var contentHash: UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) }
        public var offset: Int64 { Int64(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))) }
        var nameStart: Int { Int(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))) }
        var nameLength: Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt32.self))) }
        public var shingles: Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 28, as: UInt32.self))) }
        /// Distinct shingles of the whole document.
        public var distinct: Int { Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 32, as: UInt32.self))) }
        /// Entries in the sample (at most `k`).
        public var sampleSize: Int { Int(raw[36]) }
        public func bandKey(_ band: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 37 + 8 * band, as: UInt64.self)) }
        /// The sample's `i`-th entry (`g << 32 | line`, as `ShingleSketch.entry`).
        public func sampleEntry(_ i: Int) -> UInt64 {
            let g = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 37 + 8 * bands + 4 * i, as: UInt32.self))
            return UInt64(g) << 32 | UInt64(raw[37 + 8 * bands + 4 * k + i])
        }
    }
}
