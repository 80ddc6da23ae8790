#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A generation of kept documents moved out of memory past `--max-memory`: its `KeyTable`
/// written as it is to an unlinked temporary file (in `$TMPDIR`, else /tmp; gone when the
/// process ends) and searched there, so later documents keep meeting duplicates of old ones.
/// The documents themselves were in the `DocumentLog` already. Nothing stays in memory a
/// spilled document: a lookup reads the key's probe run (blocks of `block` entries, 64 bytes),
/// a candidate its record in the log. Spilled generations are searched like the ones in memory:
/// by content hash, bands and anchors (a read a looked-up key).
public final class SpilledIndex {
    static let block = 16

    private let keys: SpilledKeys
    public let log: DocumentLog
    public let base: Int
    public let count: Int
    public let bands: Int
    public let keyLimit: Int

    /// Writes `index`'s keys out. Throws when no temporary file can be made or written.
    public init(_ index: LSHIndex) throws {
        let fd = try ByteLog.temporaryFile()
        let ok = index.keys.entries.withUnsafeBytes { ByteLog.write(fd, $0, at: 0) }
        guard ok else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw CivError.writeFailed(reason: "spill file: \(reason)")
        }
        keys = SpilledKeys(fd: fd, slots: index.keys.slots)
        log = index.log
        base = index.base
        count = index.count
        bands = index.bands
        keyLimit = index.keyLimit
    }

    deinit { close(keys.fd) }

    /// Where a spilled document (numbered in the log) came from.
    public func origin(_ doc: Int) -> (source: String, offset: Int64) { log.origin(doc) }

    /// The spilled document with this content hash, if any.
    public func exactMatch(_ hash: UInt64) -> Int? { CandidateSearch.exactMatch(keys, log: log, base: base, hash: hash) }

    /// As `LSHIndex.collect`.
    func collect(_ signature: MinHasher.Signature, into search: inout CandidateSearch) {
        search.collect(keys, base: base, bandKeys: LSHIndex.bandKeys(signature.values, bands: bands), sketch: signature.sketch, keyLimit: keyLimit)
    }
}

/// A `KeyTable` in a file: its entries, read a block at a time along the probe run.
struct SpilledKeys: KeyLookup {
    let fd: Int32
    let slots: Int

    func forEach(_ key: UInt64, _ body: (Int) -> Void) {
        var block = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        var i = KeyTable.slot(key, slots: slots)
        var probes = 0
        withUnsafeMutableBytes(of: &block) { raw in
            let entries = raw.bindMemory(to: UInt32.self)
            while probes < slots {
                let n = min(SpilledIndex.block, slots - i)
                guard ByteLog.read(fd, UnsafeMutableRawBufferPointer(rebasing: raw[0 ..< 4 * n]), at: 4 * i) else { return }
                for j in 0 ..< n {
                    let e = entries[j]
                    if e == 0 { return }
                    if let doc = KeyTable.match(e, key) { body(doc) }
                }
                i += n
                probes += n
                if i == slots { i = 0 }
            }
        }
    }
}
