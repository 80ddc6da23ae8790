import Foundation
import PropertyBased
import Testing
@testable import CivKit

/// civ-dedup's compact structures against plain models: the key table (in memory and as a
/// spill file), the byte log and the document log.
@Suite struct DedupStructureTests {
    /// A key from a small number: spread over the slots, or (odd numbers) all in the first
    /// slots, so that probe runs are long and wrap around.
    static func key(_ n: Int) -> UInt64 { n % 2 == 0 ? DedupHash.mix(UInt64(n)) : UInt64(n) }

    /// Every document inserted under a key comes back for it; any other that comes back was
    /// inserted under a key with the same tag.
    static func checkAgainstModel(_ keys: [Int], slots: Int, lookup: (KeyTable, UInt64, (Int) -> Void) -> Void) {
        var table = KeyTable(slots: slots)
        var model: [UInt64: [Int]] = [:]
        var keyOf: [Int: UInt64] = [:]
        for (doc, n) in keys.enumerated() {
            let k = key(n)
            table.insert(k, doc: doc)
            model[k, default: []].append(doc)
            keyOf[doc] = k
        }
        #expect(table.count == keys.count)
        for n in 0 ..< 70 {
            let k = key(n)
            var got: [Int] = []
            lookup(table, k) { got.append($0) }
            let expected = model[k] ?? []
            #expect(Set(expected).isSubset(of: Set(got)), "key \(n)")
            #expect(got.count == Set(got).count)
            for doc in got where !expected.contains(doc) {
                #expect(KeyTable.tag(keyOf[doc]!) == KeyTable.tag(k))
            }
        }
    }

    @Test func keyTableLookupsMatchADictionary() async {
        await propertyCheck(input: Gen.int(in: 0 ... 60).array(of: 0 ... 200), Gen.int(in: 1 ... 300)) { keys, extra in
            Self.checkAgainstModel(keys, slots: keys.count + extra) { table, key, body in table.forEach(key, body) }
        }
    }

    @Test func spilledKeysReadWhatTheTableHeld() async {
        await propertyCheck(input: Gen.int(in: 0 ... 60).array(of: 0 ... 200), Gen.int(in: 1 ... 40)) { keys, extra in
            Self.checkAgainstModel(keys, slots: keys.count + extra) { table, key, body in
                let fd = try! ByteLog.temporaryFile()
                defer { close(fd) }
                #expect(table.entries.withUnsafeBytes { ByteLog.write(fd, $0, at: 0) })
                var fromTable: [Int] = [], fromFile: [Int] = []
                table.forEach(key) { fromTable.append($0) }
                SpilledKeys(fd: fd, slots: table.slots).forEach(key) { fromFile.append($0) }
                #expect(fromFile == fromTable)
                fromFile.forEach(body)
            }
        }
    }

    @Test func aFullTableStillAnswers() {
        var table = KeyTable(slots: 8)
        for doc in 0 ..< 8 { table.insert(UInt64(doc) << 8, doc: doc) }
        var got: [Int] = []
        table.forEach(3 << 8) { got.append($0) }
        #expect(got == Array(0 ..< 8))    // all share tag 0: the caller verifies
        table.forEach(1) { got.append($0) }
        #expect(got.count == 8)
    }

    @Test func byteLogReadsWhatWasAppendedAcrossFlushes() async {
        await propertyCheck(input: Gen.int(in: 1 ... 40_000).array(of: 1 ... 12), Gen.int(in: 0 ... 1_000_000).array(of: 1 ... 20)) { sizes, probes in
            let log = ByteLog()
            var model: [UInt8] = []
            for (i, n) in sizes.enumerated() {
                let chunk = (0 ..< n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ i) }
                chunk.withUnsafeBytes { log.append($0) }
                model += chunk
            }
            #expect(log.count == model.count)
            for p in probes {
                let start = p % model.count
                let length = min(model.count - start, 1 + p % 70_000)
                var out = [UInt8](repeating: 0, count: length)
                #expect(out.withUnsafeMutableBytes { log.read(at: start, into: $0) })
                #expect(out[...] == model[start ..< start + length])
            }
        }
    }

    @Test func documentLogKeepsOriginsKeysAndSamples() {
        let log = DocumentLog(k: 4, bands: 2)
        let sketch: [UInt64] = [1 << 32 | 3, 2 << 32 | 0, 5 << 32 | 7, 9 << 32 | 1, 11 << 32 | 2]
        #expect(log.append(contentHash: 42, offset: -7, source: "a b.txt", shingles: 10, bandKeys: [5, 6], sketch: sketch) == 0)
        #expect(log.append(contentHash: 43, offset: 8, source: "a b.txt", shingles: 2, bandKeys: [7, 8], sketch: Array(sketch.prefix(2))) == 1)
        #expect(log.append(contentHash: 44, offset: 9, source: "上海.txt", shingles: 0, bandKeys: [0, 0], sketch: []) == 2)
        #expect(log.count == 3)
        #expect(log.origin(0) == ("a b.txt", -7) && log.origin(1) == ("a b.txt", 8) && log.origin(2) == ("上海.txt", 9))
        let first = log.withRecord(0) { d in (d.contentHash, d.shingles, d.distinct, d.sampleSize, d.bandKey(1), (0 ..< d.sampleSize).map(d.sampleEntry)) }
        #expect(first?.0 == 42 && first?.1 == 10 && first?.2 == 5 && first?.3 == 4 && first?.4 == 6)
        #expect(first?.5 == Array(sketch.prefix(4)))
        var seen: [UInt64] = []
        log.forEachRecord(0 ..< 3) { doc, d in seen.append(d.contentHash + UInt64(doc)) }
        #expect(seen == [42, 44, 46])
    }
}
