#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A generation of kept documents moved out of memory past `--max-memory`: written to an
/// unlinked temporary file (in `$TMPDIR`, else /tmp; gone when the process ends) and still
/// searched, so later documents keep meeting duplicates of old ones.
///
/// The file holds each document's payload (origin, shingle counts, its `ShingleSketch` sample:
/// `payloadSize` bytes at a fixed place), then one section per LSH band and one for content
/// hashes: (64-bit key, document) pairs sorted by key. In memory stay every `stride`-th key of
/// each section and the source names: about 5 bytes a document. A lookup reads one block of a
/// section (`stride` pairs, 768 bytes); a candidate, its payload. Spilled documents are found
/// by their exact content hash and by their bands (not by anchors, which would cost a read a
/// shingle).
public final class SpilledIndex {
    static let stride = 64
    static let pairSize = 12

    private let fd: Int32
    public let count: Int
    let k: Int
    let bands: Int
    let rows: Int
    private let payloadSize: Int
    /// File offset of each section (bands, then content hashes) and its first keys, every `stride`-th.
    private var sectionStart: [Int] = []
    private var sparse: [[UInt64]] = []
    private let sourceNames: [String]
    private var block: [UInt8]
    private var record: [UInt8]
    private var scratch: [UInt64] = []
    private var lineCounts: [Int32] = []

    /// Bytes a spilled document costs in memory.
    public static func bytesPerDocument(bands: Int) -> Double { Double((bands + 1) * 8) / Double(stride) }

    /// Bytes a spilled document costs on disk.
    public static func diskBytesPerDocument(bands: Int, k: Int) -> Int { 21 + 5 * k + (bands + 1) * pairSize }

    /// Writes `index` out. Throws when no temporary file can be made or written.
    public convenience init(_ index: LSHIndex) throws {
        let s = index.sketches
        let k = s.k
        try self.init(count: index.count, k: k, bands: index.bands, rows: index.rows, sourceNames: index.sourceNames,
            payloads: { out in
                for doc in 0 ..< index.count {
                    out.append(UInt64(bitPattern: index.offsets[doc]), 8)
                    out.append(UInt64(index.sourceNumbers[doc]), 4)
                    out.append(UInt64(index.shingleCounts[doc]), 4)
                    out.append(UInt64(s.distinct[doc]), 4)
                    out.append(UInt64(s.sizes[doc]), 1)
                    for i in 0 ..< k { out.append(UInt64(s.hashes[doc * k + i]), 4) }
                    for i in 0 ..< k { out.append(UInt64(s.lines[doc * k + i]), 1) }
                }
            },
            pairs: { section, pairs in
                if section < index.bands {
                    for doc in 0 ..< index.count { pairs.append((index.bandKey(section, doc: doc), UInt32(doc))) }
                } else {
                    index.forEachContentHash { hash, doc in pairs.append((hash, UInt32(doc))) }
                }
            })
    }

    /// One file of several (spilled generations, oldest first), their documents numbered on in
    /// that order: so that a document meets a few files, not one for each spill.
    public convenience init(merging runs: [SpilledIndex]) throws {
        precondition(!runs.isEmpty)
        var names: [String] = [], numberOf: [String: UInt32] = [:]
        let renumber: [[UInt32]] = runs.map { run in
            run.sourceNames.map { name in
                if let n = numberOf[name] { return n }
                let n = UInt32(names.count)
                names.append(name)
                numberOf[name] = n
                return n
            }
        }
        let first = runs[0]
        try self.init(count: runs.reduce(0) { $0 + $1.count }, k: first.k, bands: first.bands, rows: first.rows, sourceNames: names,
            payloads: { out in
                for (r, run) in runs.enumerated() {
                    for doc in 0 ..< run.count where run.readPayload(doc) {
                        run.record.withUnsafeBytes { raw in
                            let number = renumber[r][Int(raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))]
                            out.append(raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self), 8)
                            out.append(UInt64(number), 4)
                            for i in 12 ..< raw.count { out.append(UInt64(raw[i]), 1) }
                        }
                    }
                }
            },
            pairs: { section, pairs in
                var base = 0
                for run in runs {
                    run.forEachPair(section) { key, doc in pairs.append((key, UInt32(base + doc))) }
                    base += run.count
                }
            })
    }

    private init(count: Int, k: Int, bands: Int, rows: Int, sourceNames: [String],
                 payloads: (inout SpillWriter) -> Void, pairs gather: (Int, inout [(UInt64, UInt32)]) -> Void) throws {
        let dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((dir + "/civ-dedup-spill-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw CivError.writeFailed(reason: "cannot make a spill file in \(dir): \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.fd = fd
        self.count = count
        self.k = k
        self.bands = bands
        self.rows = rows
        payloadSize = 21 + 5 * k
        self.sourceNames = sourceNames
        block = [UInt8](repeating: 0, count: Self.stride * Self.pairSize)
        record = [UInt8](repeating: 0, count: payloadSize)
        var out = SpillWriter(fd: fd)
        payloads(&out)
        // Sections: each band, then content hashes, one at a time (the only transient memory).
        var pairs: [(UInt64, UInt32)] = []
        pairs.reserveCapacity(count)
        for section in 0 ... bands {
            pairs.removeAll(keepingCapacity: true)
            gather(section, &pairs)
            pairs.sort { $0.0 < $1.0 }
            sectionStart.append(out.written)
            var keys: [UInt64] = []
            for (i, p) in pairs.enumerated() {
                if i % Self.stride == 0 { keys.append(p.0) }
                out.append(p.0, 8)
                out.append(UInt64(p.1), 4)
            }
            sparse.append(keys)
            sectionStart.append(out.written)   // end
        }
        try out.flush()
    }

    /// Each (key, document) pair of a section, in key order.
    private func forEachPair(_ section: Int, _ body: (UInt64, Int) -> Void) {
        var from = sectionStart[2 * section]
        let end = sectionStart[2 * section + 1]
        while from < end {
            let n = min(Self.stride * Self.pairSize, end - from)
            guard block.withUnsafeMutableBytes({ pread(fd, $0.baseAddress!, n, off_t(from)) }) == n else { return }
            block.withUnsafeBytes { raw in
                for i in 0 ..< n / Self.pairSize {
                    body(raw.loadUnaligned(fromByteOffset: i * Self.pairSize, as: UInt64.self),
                         Int(raw.loadUnaligned(fromByteOffset: i * Self.pairSize + 8, as: UInt32.self)))
                }
            }
            from += n
        }
    }

    deinit { close(fd) }

    /// Calls `body` with each document whose key in `section` is `key`.
    private func lookup(_ section: Int, _ key: UInt64, _ body: (Int) -> Void) {
        let keys = sparse[section]
        guard !keys.isEmpty else { return }
        // The last block whose first key is below `key` may end with it; blocks after it may
        // start with it.
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        var b = max(0, lo - 1)
        let start = sectionStart[2 * section], end = sectionStart[2 * section + 1]
        while b < keys.count {
            if b >= lo && keys[b] != key { break }
            let from = start + b * Self.stride * Self.pairSize
            let n = min(Self.stride * Self.pairSize, end - from)
            let got = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, n, off_t(from)) }
            guard got == n else { return }
            var past = false
            block.withUnsafeBytes { raw in
                for i in 0 ..< n / Self.pairSize {
                    let k = raw.loadUnaligned(fromByteOffset: i * Self.pairSize, as: UInt64.self)
                    if k == key { body(Int(raw.loadUnaligned(fromByteOffset: i * Self.pairSize + 8, as: UInt32.self))) }
                    if k > key { past = true; break }
                }
            }
            if past { break }
            b += 1
        }
    }

    private func readPayload(_ doc: Int) -> Bool {
        let got = record.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, payloadSize, off_t(doc * payloadSize)) }
        return got == payloadSize
    }

    /// Where a spilled document came from.
    public func origin(_ doc: Int) -> (source: String, offset: Int64) {
        guard readPayload(doc) else { return ("-", -1) }
        return record.withUnsafeBytes { raw in
            (sourceNames[Int(raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))],
             raw.loadUnaligned(fromByteOffset: 0, as: Int64.self))
        }
    }

    /// The spilled document with this content hash, if any.
    public func exactMatch(_ hash: UInt64) -> Int? {
        var found: Int? = nil
        lookup(bands, LSHIndex.contentKey(hash == 0 ? 1 : hash)) { doc in if found == nil { found = doc } }
        return found
    }

    /// As `LSHIndex.nearest`, over the documents sharing a band with `signature`.
    public func nearest(_ signature: MinHasher.Signature, lineShare: Double, candidates: inout Int,
                        score: (ShingleSketch.Comparison) -> Double?) -> (doc: Int, comparison: ShingleSketch.Comparison)? {
        var seen: [Int] = []
        let mine = signature.values.map { UInt8(truncatingIfNeeded: $0) }
        mine.withUnsafeBufferPointer { m in
            for band in 0 ..< bands {
                lookup(band, LSHIndex.bandKey(band, m, from: band * rows, rows: rows)) { doc in
                    if !seen.contains(doc) { seen.append(doc) }
                }
            }
        }
        candidates = seen.count
        var best: (doc: Int, comparison: ShingleSketch.Comparison, score: Double)? = nil
        for doc in seen where readPayload(doc) {
            scratch.removeAll(keepingCapacity: true)
            let (size, distinct): (Int, Int) = record.withUnsafeBytes { raw in
                let size = Int(raw[20])
                for i in 0 ..< size {
                    let g = raw.loadUnaligned(fromByteOffset: 21 + 4 * i, as: UInt32.self)
                    scratch.append(UInt64(g) << 32 | UInt64(raw[21 + 4 * k + i]))
                }
                return (size, Int(raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self)))
            }
            _ = size
            let c = signature.sketch.withUnsafeBufferPointer { all in
                scratch.withUnsafeBufferPointer { stored in
                    ShingleSketch.compare(all: all, distinct: signature.sketch.count, stored: stored, storedDistinct: distinct,
                                          k: k, lineShare: lineShare, scratch: &lineCounts)
                }
            }
            if let s = score(c), best == nil || s > best!.score { best = (doc, c, s) }
        }
        return best.map { ($0.doc, $0.comparison) }
    }
}

/// Buffered appends to a file descriptor.
struct SpillWriter {
    let fd: Int32
    var buffer: [UInt8] = []
    private(set) var written = 0

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    /// Appends the low `bytes` bytes of `value`, little-endian.
    mutating func append(_ value: UInt64, _ bytes: Int) {
        var v = value
        for _ in 0 ..< bytes {
            buffer.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
        written += bytes
        if buffer.count >= 1 << 16 { try? flushBuffer() }
    }

    private var failed = false

    private mutating func flushBuffer() throws {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { write(fd, $0.baseAddress! + done, buffer.count - done) }
            if n <= 0 {
                failed = true
                throw CivError.writeFailed(reason: "spill file: \(String(cString: strerror(errno)))")
            }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func flush() throws {
        if failed { throw CivError.writeFailed(reason: "spill file: write failed") }
        try flushBuffer()
    }
}
