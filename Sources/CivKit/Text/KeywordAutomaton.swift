/// Which of up to 64 byte literals a text contains, in one pass over its bytes: an Aho–Corasick
/// automaton compiled to a table (state × byte class → state). The boilerplate rules ask
/// whether a line holds their keywords; a memchr per keyword per rule, on every line, cost a
/// tenth of civ-clean's cycles, and a byte-pair signature of the line only ruled most of them out.
struct KeywordAutomaton: Sendable {
    /// The most literals one automaton holds (one bit each in a `UInt64`).
    static let maxLiterals = 64
    /// The literals, in the order of their bits in `literals(in:)`.
    let literals: [[UInt8]]
    /// Bytes that occur in no literal share class 0.
    private let byteClass: [UInt8]
    private let classCount: Int
    /// `transitions[state * classCount + class]`: the next state.
    private let transitions: [UInt16]
    /// The literals that end at each state (its suffixes included), as bits.
    private let found: [UInt64]

    init(literals: [[UInt8]]) {
        precondition(literals.count <= Self.maxLiterals, "KeywordAutomaton: at most 64 literals")
        self.literals = literals
        var byteClass = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        for literal in literals {
            for b in literal where byteClass[Int(b)] == 0 {
                byteClass[Int(b)] = UInt8(classCount)
                classCount += 1
            }
        }
        // The trie; an empty literal ends at the root (every text holds it).
        var children: [[Int]] = [Array(repeating: -1, count: classCount)]
        var found: [UInt64] = [0]
        for (k, literal) in literals.enumerated() {
            var state = 0
            for b in literal {
                let c = Int(byteClass[Int(b)])
                if children[state][c] < 0 {
                    children[state][c] = children.count
                    children.append(Array(repeating: -1, count: classCount))
                    found.append(0)
                }
                state = children[state][c]
            }
            found[state] |= UInt64(1) << UInt64(k)
        }
        precondition(children.count <= Int(UInt16.max), "KeywordAutomaton: too many states")
        // Breadth first: a state's failure link (its longest proper suffix in the trie) is
        // shallower, so complete when the state is reached.
        var transitions = [UInt16](repeating: 0, count: children.count * classCount)
        var failure = [Int](repeating: 0, count: children.count)
        var queue: [Int] = []
        for c in 0 ..< classCount where children[0][c] >= 0 {
            transitions[c] = UInt16(children[0][c])
            queue.append(children[0][c])
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]
            head += 1
            found[state] |= found[failure[state]]
            for c in 0 ..< classCount {
                let child = children[state][c]
                if child >= 0 {
                    failure[child] = Int(transitions[failure[state] * classCount + c])
                    transitions[state * classCount + c] = UInt16(child)
                    queue.append(child)
                } else {
                    transitions[state * classCount + c] = transitions[failure[state] * classCount + c]
                }
            }
        }
        self.byteClass = byteClass
        self.classCount = classCount
        self.transitions = transitions
        self.found = found
    }

    /// The literals `p` contains: bit k for `literals[k]`.
    func literals(in p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var seen = found[0]
        byteClass.withUnsafeBufferPointer { byteClass in
            transitions.withUnsafeBufferPointer { transitions in
                found.withUnsafeBufferPointer { found in
                    var state = 0
                    for b in p {
                        state = Int(transitions[state &* classCount &+ Int(byteClass[Int(b)])])
                        seen |= found[state]
                    }
                }
            }
        }
        return seen
    }

    /// The bits of `some` literals (each must be one of `literals`).
    func mask(of some: [[UInt8]]) -> UInt64 {
        some.reduce(0) { mask, literal in
            guard let k = literals.firstIndex(of: literal) else { preconditionFailure("KeywordAutomaton: unknown literal") }
            return mask | UInt64(1) << UInt64(k)
        }
    }
}
