import Testing
@testable import CivKit

/// How a rule pass finds the tokens it may change and copies the rest (`SegmentRules.rewrite`, `copyUnchanged`).
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

    @Test func rewriteActsWhereTheTestHoldsAndCopiesTheRest() {
        let t = tokens([2, 1, 2, 2, 1, 1, 2, 1])
        var out = [Token(start: 99, end: 100)]
        let single: (UnsafeBufferPointer<Token>, Int) -> Bool = { b, k in b[k].count == 1 }
        // A single token takes the token after it (the last has none).
        var acted: [Int] = []
        let changed = SegmentRules.rewrite(t, into: &out, where: single) { i, out in
            acted.append(i)
            let end = min(i + 2, t.count)
            out.append(Token(start: t[i].start, end: t[end - 1].end))
            i = end
        }
        #expect(changed && acted == [1, 4, 7])
        #expect(out.map(\.count) == [2, 3, 2, 2, 2, 1])
        // Nowhere to act: false, out left as it was, act never called.
        let unchanged = !SegmentRules.rewrite(tokens([2, 3]), into: &out, where: single) { i, _ in
            acted.append(i)
            i += 1
        }
        #expect(unchanged && out.map(\.count) == [2, 3, 2, 2, 2, 1] && acted.count == 3)
    }
}
