import Foundation

// Rule 0 of `SegmentRules`: a dash or ellipsis written doubled is one token.
extension SegmentRules {
    // MARK: Rule 0: dashes and ellipses

    /// Marks written doubled or more (`——`, `……`), one token, as they are one mark.
    static let repeatedMarks = ScalarSet("—…－-·.")

    func joinRepeatedMarks(_ line: Line, into out: inout [Token]) -> Bool {
        let tokens = line.tokens, repeatedMarks = Self.repeatedMarks
        // The line's characters through a buffer, read without bounds checks.
        return line.text.withUnsafeBufferPointer { text in
            // Only a mark of one character (joined to the token before it).
            func mayChange(_ b: UnsafeBufferPointer<Token>, _ k: Int) -> Bool {
                b[k].count == 1 && repeatedMarks.contains(text[b[k].start])
            }
            // A local function, not a closure: `@inline(__always)` makes it part of the loop.
            @inline(__always) func act(_ i: inout Int, _ out: inout [Token]) {
                let t = tokens[i]
                i += 1
                if t.count == 1, Self.repeatedMarks.contains(line.first(t)), let last = out.last,
                   line.all(last, { $0 == line.first(t) }) {
                    out[out.count - 1].end = t.end
                    out[out.count - 1].fixed = true
                } else {
                    out.append(t)
                }
            }
            return Self.rewrite(tokens, into: &out, where: mayChange, act)
        }
    }
}
