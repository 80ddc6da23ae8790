extension SegmentRules {
    // A rule pass copies most tokens as they are. It names, with a cheap test of a token
    // (`mayChange(tokens, k)`, which must hold wherever the rule could do anything but copy the
    // token), where it may act, and copies the runs between at once: appending each token cost
    // tens of instructions; and a line where it may act nowhere is left as it is.

    /// A rule pass: clears `out`, copies to it the runs of tokens at which `mayChange` does not
    /// hold, and at each token where it does calls `act` with that token's index, which appends
    /// what the rule makes of it and moves the index past the tokens it took (one at least).
    /// Returns false, `out` left as it was, when `mayChange` holds nowhere: the tokens stay
    /// (`out` is cleared only then: clearing an array is a call of about 85 instructions, and
    /// most passes change nothing on most lines).
    @inline(__always)
    static func rewrite(_ tokens: [Token], into out: inout [Token],
                        where mayChange: (UnsafeBufferPointer<Token>, Int) -> Bool,
                        _ act: (_ i: inout Int, _ out: inout [Token]) -> Void) -> Bool {
        guard var i = firstChange(tokens, until: mayChange) else { return false }
        out.removeAll(keepingCapacity: true)
        copy(tokens, 0..<i, into: &out)
        while i < tokens.count {
            i = copyUnchanged(tokens, from: i, into: &out, until: mayChange)
            guard i < tokens.count else { break }
            act(&i, &out)
        }
        return true
    }

    /// The index of the first token at which `mayChange` holds, nil when none does.
    @inline(__always)
    static func firstChange(_ tokens: [Token], until mayChange: (UnsafeBufferPointer<Token>, Int) -> Bool) -> Int? {
        tokens.withUnsafeBufferPointer { b in
            var k = 0
            while k < b.count, !mayChange(b, k) { k += 1 }
            return k < b.count ? k : nil
        }
    }

    /// Copies the tokens from `i` on up to the first at which `mayChange` holds (or the end) to
    /// `out`, and returns that index.
    @inline(__always)
    static func copyUnchanged(_ tokens: [Token], from i: Int, into out: inout [Token],
                              until mayChange: (UnsafeBufferPointer<Token>, Int) -> Bool) -> Int {
        tokens.withUnsafeBufferPointer { b in
            var k = i
            while k < b.count, !mayChange(b, k) { k += 1 }
            append(b, i..<k, to: &out)
            return k
        }
    }

    /// Copies `tokens[range]` to `out`.
    @inline(__always)
    static func copy(_ tokens: [Token], _ range: Range<Int>, into out: inout [Token]) {
        tokens.withUnsafeBufferPointer { append($0, range, to: &out) }
    }

    /// Appends `b[range]` to `out`.
    @inline(__always)
    private static func append(_ b: UnsafeBufferPointer<Token>, _ range: Range<Int>, to out: inout [Token]) {
        // One token (often) by the plain append, cheaper than the generic one; more from a buffer,
        // not an array slice, which holds a reference to the array's storage.
        if range.count == 1 {
            out.append(b[range.lowerBound])
        } else if range.count > 1 {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[range]))
        }
    }
}
