extension SegmentRules {
    /// Copies the tokens from `i` on that a rule leaves as they are to `out`, in one copy, up to
    /// the first token at which `mayChange(tokens, k)` holds (or the end), and returns its index.
    /// `mayChange` must hold wherever the rule could do anything but copy the token: a pass then
    /// spends a cheap test on most tokens, where appending each one cost tens of instructions.
    @inline(__always)
    static func copyUnchanged(_ tokens: [Token], from i: Int, into out: inout [Token],
                              until mayChange: (UnsafeBufferPointer<Token>, Int) -> Bool) -> Int {
        tokens.withUnsafeBufferPointer { b in
            var k = i
            while k < b.count, !mayChange(b, k) { k += 1 }
            // From a buffer, not an array slice: a slice holds a reference to the array's storage.
            if k > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<k])) }
            return k
        }
    }
}
