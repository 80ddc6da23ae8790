import Testing
@testable import CivKit

/// How a rule pass finds the tokens it may change and copies the rest (`SegmentRules.copyUnchanged`).
@Suite struct TokenRunsTests {
    typealias Token = SegmentRules.Token

    /// Tokens of the given lengths, one after another.
    func tokens(_ lengths: [Int]) -> [Token] {
        var start = 0
        return lengths.map { n in
            defer { start += n }
            return Token(start: start, end: start + n)
        }
    }

    @Test func firstChangeIsTheFirstTokenTheTestHoldsFor() {
        let t = tokens([2, 1, 3, 1])
        #expect(SegmentRules.firstChange(t) { b, k in b[k].count == 1 } == 1)
        #expect(SegmentRules.firstChange(t) { b, k in b[k].count == 3 } == 2)
        #expect(SegmentRules.firstChange(t) { b, k in b[k].count == 4 } == nil)
        #expect(SegmentRules.firstChange([]) { _, _ in true } == nil)
    }

    @Test func copyUnchangedCopiesTheRunBeforeTheNextChange() {
        let t = tokens([2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1])
        var out: [Token] = []
        let single: (UnsafeBufferPointer<Token>, Int) -> Bool = { b, k in b[k].count == 1 }
        // Several tokens, then none (the change is where it starts), then one past it.
        #expect(SegmentRules.copyUnchanged(t, from: 0, into: &out, until: single) == 3)
        #expect(out == Array(t[0..<3]))
        #expect(SegmentRules.copyUnchanged(t, from: 3, into: &out, until: single) == 3)
        #expect(out == Array(t[0..<3]))
        #expect(SegmentRules.copyUnchanged(t, from: 4, into: &out, until: single) == 10)
        #expect(out == Array(t[0..<3]) + Array(t[4..<10]))
        // One token, and to the end when no change follows.
        #expect(SegmentRules.copyUnchanged(t, from: 10, into: &out, until: { _, _ in false }) == 11)
        #expect(out.last == t[10] && out.count == 10)
        SegmentRules.copy(t, 0..<1, into: &out)
        #expect(out.last == t[0])
    }
}
