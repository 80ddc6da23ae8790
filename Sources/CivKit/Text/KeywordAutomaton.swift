/// Which of up to 128 byte literals a text contains, in one pass over its bytes: an Aho–Corasick
/// automaton compiled to a table (state × byte → state). The boilerplate rules ask
/// whether a line holds their keywords; a memchr per keyword per rule, on every line, cost a
/// tenth of civ-clean's cycles, and a byte-pair signature of the line only ruled most of them out.
struct KeywordAutomaton: Sendable {
    /// The literals a text holds, one bit each (bit k for `literals[k]`).
    typealias Bits = UInt128
    /// The most literals one automaton holds (one bit each in `Bits`).
    static let maxLiterals = Bits.bitWidth
    /// The literals, in the order of their bits in `literals(in:)`.
    let literals: [[UInt8]]
    /// `transitions`: a row of 256 next states for each state, a next state given as its row's
    /// byte offset, so that a step is a load and an add (no byte classes, no multiply). States are
    /// numbered so that those where a literal ends come last (from `acceptingOffset`): on most
    /// bytes of a line the loop compares the state with that bound and reads nothing more.
    private let transitions: [UInt32]
    private let acceptingOffset: Int
    /// The literals that end at accepting state `acceptingOffset / rowBytes + i` (its suffixes included).
    private let found: [Bits]
    /// What the empty text holds (an empty literal ends at the root).
    private let atRoot: Bits
    private static let rowShift = 10
    private static let rowBytes = 1 << rowShift

    init(literals: [[UInt8]]) {
        precondition(literals.count <= Self.maxLiterals, "KeywordAutomaton: at most \(Self.maxLiterals) literals")
        self.literals = literals
        // The trie, sparse: each state's children as (byte, state).
        var children: [[(UInt8, Int)]] = [[]]
        var found: [Bits] = [0]
        for (k, literal) in literals.enumerated() {
            var state = 0
            for b in literal {
                if let child = children[state].first(where: { $0.0 == b }) {
                    state = child.1
                } else {
                    children[state].append((b, children.count))
                    state = children.count
                    children.append([])
                    found.append(0)
                }
            }
            found[state] |= Bits(1) << k
        }
        // Breadth first: a state's failure link (its longest proper suffix in the trie) is
        // shallower, so complete when the state is reached.
        var failure = [Int](repeating: 0, count: children.count)
        var queue = children[0].map(\.1)
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            found[state] |= found[failure[state]]
            for (b, child) in children[state] {
                var f = failure[state]
                while f != 0, !children[f].contains(where: { $0.0 == b }) { f = failure[f] }
                failure[child] = children[f].first(where: { $0.0 == b })?.1 ?? 0
                queue.append(child)
            }
        }
        // Numbered: the root first, then the states where nothing ends, then the others. (The
        // root's own literals, empty ones, are in every state's and in `atRoot`.)
        let passing = (1 ..< children.count).filter { found[$0] == 0 }
        let accepting = (1 ..< children.count).filter { found[$0] != 0 }
        var number = [Int](repeating: 0, count: children.count)
        for (n, state) in ([0] + passing + accepting).enumerated() { number[state] = n }
        // A state's row is its failure state's with its own children over it (breadth first, the
        // failure state's row is done).
        // (Every row is written, so the table is not zero-filled first: the root's row is zeros,
        // back to the root, and each other row starts as its failure state's, already written.)
        let rowLength = Self.rowBytes / MemoryLayout<UInt32>.stride
        let transitions = [UInt32](unsafeUninitializedCapacity: children.count * rowLength) { table, count in
            let base = table.baseAddress!
            for state in [0] + queue {
                let row = base + number[state] * rowLength
                if state == 0 {
                    row.initialize(repeating: 0, count: rowLength)
                } else {
                    row.initialize(from: base + number[failure[state]] * rowLength, count: rowLength)
                }
                for (b, child) in children[state] { row[Int(b)] = UInt32(number[child] * Self.rowBytes) }
            }
            count = children.count * rowLength
        }
        precondition(transitions.count * MemoryLayout<UInt32>.stride <= Int(UInt32.max), "KeywordAutomaton: too many states")
        self.transitions = transitions
        acceptingOffset = (1 + passing.count) * Self.rowBytes
        self.found = accepting.map { found[$0] }
        atRoot = found[0]
    }

    /// The literals `p` contains: bit k for `literals[k]`.
    func literals(in p: UnsafeBufferPointer<UInt8>) -> Bits {
        var seen = atRoot
        guard let bytes = p.baseAddress else { return seen }
        transitions.withUnsafeBytes { table in
            found.withUnsafeBufferPointer { found in
                let base = table.baseAddress!
                let acceptingOffset = acceptingOffset
                // Indexed by a state's row number, from the first accepting state's: the
                // compare that rules a state out is then all a passing byte costs.
                let foundByRow = found.baseAddress! - (acceptingOffset &>> Self.rowShift)
                var row = base
                @inline(__always) func step(_ b: UInt8) {
                    let next = Int(row.load(fromByteOffset: Int(b) &<< 2, as: UInt32.self))
                    row = base + next
                    if next >= acceptingOffset { seen |= foundByRow[next &>> Self.rowShift] }
                }
                // Four bytes a round: the loop's own count and test, amortized.
                var q = bytes
                let end = bytes + p.count, endOfRounds = bytes + (p.count & ~3)
                while q != endOfRounds {
                    step(q[0]); step(q[1]); step(q[2]); step(q[3])
                    q += 4
                }
                while q != end {
                    step(q[0])
                    q += 1
                }
            }
        }
        return seen
    }

    /// The bits of `some` literals (each must be one of `literals`).
    func mask(of some: [[UInt8]]) -> Bits {
        some.reduce(0) { mask, literal in
            guard let k = literals.firstIndex(of: literal) else { preconditionFailure("KeywordAutomaton: unknown literal") }
            return mask | Bits(1) << k
        }
    }
}
