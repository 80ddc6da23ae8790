/// MinHash signatures of a document's character shingles.
///
/// Each of `count` hash functions is a multiply-add over the shingle's 64-bit hash, its upper
/// 32 bits taken (`(a·x + b) >> 32` with `a` odd: a 2-universal family): the signature holds,
/// for each function, the least value over the document's shingles. Two documents agree at a
/// position with probability equal to the Jaccard similarity of their shingle sets.
public struct MinHasher: Sendable {
    public let shingler: Shingler
    public let count: Int
    /// Coefficients, interleaved `a0 b0 a1 b1 …`.
    private let coefficients: [UInt64]

    public init(count: Int = 128, shingler: Shingler = Shingler(), seed: UInt64 = 0x6D69_6E68_6173_6821) {
        precondition(count >= 1)
        self.count = count
        self.shingler = shingler
        var rng = DedupHash.Sequence(seed: seed)
        var c: [UInt64] = []
        c.reserveCapacity(2 * count)
        for _ in 0 ..< count {
            c.append(rng.next() | 1)
            c.append(rng.next())
        }
        coefficients = c
    }

    /// One document's signature and what dedup needs besides it.
    public struct Signature: Sendable, Equatable {
        /// `count` minimum hash values (all `UInt32.max` for an empty text).
        public var values: [UInt32]
        /// Number of shingles (positions, not distinct); 0 for a text with nothing to shingle.
        public var shingles: Int
        /// Hash of the text up to white space and punctuation: equal for exact duplicates.
        public var contentHash: UInt64
        /// Every distinct shingle's `ShingleSketch` entry, sorted (a kept document stores the
        /// least of them).
        public var sketch: [UInt64] = []
    }

    /// The signature of `lines`, written into `into` (reused across documents: no allocation
    /// once it has grown).
    public func signature(of lines: [String], into signature: inout Signature) {
        var hashes: [UInt64] = []
        self.signature(of: lines, into: &signature, lineHashes: &hashes, isCommon: { _ in false })
    }

    /// As above, with the prose lines' hashes set and common lines left out (see `Shingler`).
    public func signature(of lines: [String], into signature: inout Signature, lineHashes: inout [UInt64], isCommon: (UInt64) -> Bool) {
        if signature.values.count != count {
            signature.values = [UInt32](repeating: .max, count: count)
        } else {
            for i in 0 ..< count { signature.values[i] = .max }
        }
        var content: UInt64 = 0
        var shingles = 0
        // Moved out for the loop (no overlapping access to `signature`), its storage reused.
        var sketch = signature.sketch
        signature.sketch = []
        sketch.removeAll(keepingCapacity: true)
        let k = shingler.size
        signature.values.withUnsafeMutableBufferPointer { mins in
            coefficients.withUnsafeBufferPointer { c in
                let n = count
                let kept = shingler.forEachShingle(of: lines, contentHash: &content, lineHashes: &lineHashes, isCommon: isCommon) { x, line in
                    shingles += 1
                    sketch.append(ShingleSketch.entry(x, line: line))
                    var i = 0
                    while i < n {
                        let v = UInt32(truncatingIfNeeded: (c[2 &* i] &* x &+ c[2 &* i &+ 1]) >> 32)
                        if v < mins[i] { mins[i] = v }
                        i &+= 1
                    }
                }
                _ = kept
                _ = k
            }
        }
        signature.shingles = shingles
        signature.contentHash = content
        ShingleSketch.normalize(&sketch)
        signature.sketch = sketch
    }

    public func signature(of lines: [String]) -> Signature {
        var s = Signature(values: [], shingles: 0, contentHash: 0)
        signature(of: lines, into: &s)
        return s
    }

    /// The Jaccard estimate of two full signatures: the share of equal positions.
    public static func jaccard(_ a: [UInt32], _ b: [UInt32]) -> Double {
        precondition(a.count == b.count && !a.isEmpty)
        var equal = 0
        for i in 0 ..< a.count where a[i] == b[i] { equal += 1 }
        return Double(equal) / Double(a.count)
    }

    /// The share of the smaller set contained in the larger, from a Jaccard estimate and the two
    /// sizes: |A∩B| = J·(|A|+|B|)/(1+J), divided by min(|A|,|B|); at most 1.
    public static func containment(jaccard j: Double, _ sizeA: Int, _ sizeB: Int) -> Double {
        let small = min(sizeA, sizeB)
        guard small > 0 else { return 0 }
        let intersection = j * Double(sizeA + sizeB) / (1 + j)
        return min(1, intersection / Double(small))
    }
}
