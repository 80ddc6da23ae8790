/// Chooses between GB18030 and Big5 for a line that is valid in both.
///
/// Either charset accepts most of the other's byte pairs, and a short line (a page's two-character
/// reaction buttons) has too few of them for byte statistics: GB18030 bytes of `點贊` read as Big5
/// give `鰎豪`. What tells them apart is the text each reading gives: the right one is made of the
/// characters Chinese words are made of, and forms words, the wrong one of rare characters that
/// form none (`plausibility`).
///
/// The document's encoding so far (`preferred`) is kept unless the other reading is clearly more
/// plausible, so that a page is decoded one way throughout, and a line of another encoding in it
/// (pages that really mix them) is still read right.
enum LegacyEncodingChoice {
    /// How much more plausible the other reading must be to leave the document's encoding.
    static let switchMargin = 0.25

    /// The encoding to read `bytes` in, given both readings.
    static func choose(gb18030: String, big5: String, preferred: TextDecoder.Encoding, bytesLookBig5: Bool) -> TextDecoder.Encoding {
        guard let g = plausibility(gb18030), let b = plausibility(big5) else {
            // No Han character either way: nothing to judge by but the bytes and the document.
            return preferred != .utf8 ? preferred : (bytesLookBig5 ? .big5 : .gb18030)
        }
        switch preferred {
        case .gb18030: return b > g + switchMargin ? .big5 : .gb18030
        case .big5: return g > b + switchMargin ? .gb18030 : .big5
        case .utf8: return g == b ? (bytesLookBig5 ? .big5 : .gb18030) : (b > g ? .big5 : .gb18030)
        }
    }

    /// How much of `text` reads as Chinese once simplified, from 0 to 1, or nil when it has no
    /// Han character: half for the Han characters that occur in lexicon words, half for those
    /// covered by a lexicon word found in the text (rare characters read from the wrong charset
    /// rarely form words: `厨旧弧` against `报导说明`).
    static func plausibility(_ text: String) -> Double? {
        let lexicon = Lexicon.shared
        let simplified = converter?.convert(text) ?? text
        var codes: [UInt32?] = []
        for c in simplified.unicodeScalars where ScalarClass.isHan(c) { codes.append(lexicon.code(of: c)) }
        guard !codes.isEmpty else { return nil }
        // Every legacy line valid in both charsets comes here: no array per candidate word.
        var covered = [Bool](repeating: false, count: codes.count)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4) { word in
            for start in codes.indices {
                for length in 2 ... 4 where start + length <= codes.count {
                    // A character in no word ends every longer word too.
                    guard let first = codes[start], let last = codes[start + length - 1] else { break }
                    word[0] = first
                    word[length - 1] = last
                    if lexicon.frequency(codes: UnsafeBufferPointer(rebasing: word[..<length])) > 0 {
                        for i in start ..< start + length { covered[i] = true }
                    }
                }
            }
        }
        let known = codes.filter { $0 != nil }.count, inWords = covered.filter { $0 }.count
        return Double(known + inWords) / Double(2 * codes.count)
    }

    /// Loaded only when a line needs the choice (legacy-encoded pages are rare).
    private static let converter: TraditionalToSimplified? = try? TraditionalToSimplified()
}
