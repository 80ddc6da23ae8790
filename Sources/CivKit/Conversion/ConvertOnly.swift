import Foundation

/// `civ-clean --convert-only`: each input line converted from Traditional to Simplified Chinese
/// as ICU's `Traditional-Simplified` would, and nothing else: no documents, records, decoding or
/// other repairs. Lines keep their bytes otherwise, and their final newline or its absence.
///
/// No rule holds a line feed, so converting a run of whole lines at once gives what converting
/// each would; counts add up line by line when the rules keep lengths (ICU's do), else each line
/// is converted and counted on its own (but a line converted in pieces counts the sum of its
/// rules' counts). Memory stays bounded whatever the line lengths: a line
/// longer than `pieceBytes` is converted in pieces, each cut where no rule can reach across (see
/// `TraditionalToSimplified.convertPiece`), so its output is the same as converting it whole.
/// Bytes that are not UTF-8 are copied as they are (ICU's C loop writes U+FFFD for them).
public enum ConvertOnly {
    /// Lines up to this long are converted whole; longer ones in pieces.
    public static let pieceBytes = 1 << 20

    /// Converts `input` to `output`, adding to `counters`: `lines`, and `traditional` with the sum
    /// of the per-line change counts that the `traditional` repair records.
    /// With `detection`, a line is converted only when it is traditional (as the `traditional`
    /// repair decides, and counts: `traditional.lines`, `traditional.left-simplified`,
    /// `traditional.left-japanese`); a line too long to hold is converted in pieces, undecided.
    public static func run(_ input: ByteInput, to output: ByteOutput, converter: TraditionalToSimplified, detection: ScriptDetection? = nil, counters: inout Counters) throws {
        var verdicts = (traditional: 0, simplified: 0, japanese: 0)
        /// Converts one whole line, or copies it when it is left alone.
        func convertLine(_ line: UnsafeBufferPointer<UInt8>, into converted: inout [UInt8]) -> Int {
            guard let start = converter.firstChange(utf8: line) else {
                converted.append(contentsOf: line)
                return 0
            }
            if let detection {
                switch detection.verdict(line) {
                case .traditional: verdicts.traditional += 1
                case .simplified: verdicts.simplified += 1; converted.append(contentsOf: line); return 0
                case .japanese: verdicts.japanese += 1; converted.append(contentsOf: line); return 0
                }
            }
            return converter.convert(utf8: line, from: start, into: &converted)
        }
        defer {
            if detection != nil {
                counters.add("traditional.lines", verdicts.traditional)
                counters.add("traditional.left-simplified", verdicts.simplified)
                counters.add("traditional.left-japanese", verdicts.japanese)
            }
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(ByteInput.chunkSize * 2)
        var converted: [UInt8] = []
        converted.reserveCapacity(ByteInput.chunkSize * 2)
        var start = 0              // first unconverted byte of `buffer`
        var inPiecedLine = false   // part of the current line was converted already
        var lines = 0, changes = 0
        var atEnd = false

        while true {
            // The complete lines in the buffer.
            converted.removeAll(keepingCapacity: true)
            start = buffer.withUnsafeBufferPointer { all -> Int in
                guard let base = all.baseAddress, let last = all[start...].lastIndex(of: 0x0A) else { return start }
                let end = last + 1
                let complete = UnsafeBufferPointer(rebasing: all[start..<end])
                var newlines = 0
                for byte in complete { newlines &+= byte == 0x0A ? 1 : 0 }
                lines += newlines
                if converter.lengthPreserving && detection == nil {
                    changes += converter.convertPiece(utf8: complete, final: true, into: &converted).changes
                } else {
                    var s = start
                    while s < end {
                        // Lines up to the next change are copied as they are, in one piece (no
                        // rule holds a line feed, so the first change is inside a line).
                        if detection != nil && !inPiecedLine {
                            let rest = UnsafeBufferPointer(rebasing: all[s..<end])
                            guard let change = converter.firstChange(utf8: rest) else {
                                converted.append(contentsOf: rest)
                                break
                            }
                            var lineStart = s + change
                            while lineStart > s && all[lineStart - 1] != 0x0A { lineStart -= 1 }
                            converted.append(contentsOf: UnsafeBufferPointer(rebasing: all[s..<lineStart]))
                            s = lineStart
                        }
                        let nl = UnsafePointer<UInt8>(memchr(base + s, 0x0A, end - s)!.assumingMemoryBound(to: UInt8.self)) - base
                        let line = UnsafeBufferPointer(rebasing: all[s..<nl])
                        changes += inPiecedLine ? converter.convertPiece(utf8: line, final: true, into: &converted).changes
                            : convertLine(line, into: &converted)
                        inPiecedLine = false
                        converted.append(0x0A)
                        s = nl + 1
                    }
                }
                inPiecedLine = false
                return end
            }
            if !converted.isEmpty { try output.write(converted) }

            if atEnd {
                // The last line, without a newline.
                if start < buffer.count || inPiecedLine { lines += 1 }
                if start < buffer.count {
                    converted.removeAll(keepingCapacity: true)
                    buffer.withUnsafeBufferPointer { all in
                        let line = UnsafeBufferPointer(rebasing: all[start...])
                        changes += inPiecedLine ? converter.convertPiece(utf8: line, final: true, into: &converted).changes
                            : convertLine(line, into: &converted)
                    }
                    try output.write(converted)
                }
                break
            }

            // A line too long to hold: convert what can be converted of it now.
            if buffer.count - start >= pieceBytes {
                converted.removeAll(keepingCapacity: true)
                let consumed: Int = buffer.withUnsafeBufferPointer { all in
                    let result = converter.convertPiece(utf8: UnsafeBufferPointer(rebasing: all[start...]), final: false, into: &converted)
                    changes += result.changes
                    return result.consumed
                }
                try output.write(converted)
                start += consumed
                inPiecedLine = true
            }

            // Keep the unconverted tail, read more.
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            let more = try input.nextBytes(ByteInput.chunkSize)
            if more.isEmpty { atEnd = true } else { buffer.append(contentsOf: more) }
        }
        counters.add("lines", lines)
        counters.add("traditional", changes)
    }
}
