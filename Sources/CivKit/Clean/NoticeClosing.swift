/// A notice's or letter's closing: the issuing body's name alone on a line (`沣岭镇人民政府`),
/// right above a line that is only a date (`2023年7月3日`; `年月日` when a crawl lost its
/// digits), a few lines under a sentence of the text. The closing and what stands between that
/// sentence and it (`联系电话：0736-4821006`, the notice's own contact) are the document's:
/// no rule takes them, although a site's footer names the same body and holds such lines.
public enum NoticeClosing {
    /// Lines between the text's last sentence and the signature.
    static let maxLinesAboveSignature = 2
    /// A body's name is short.
    static let maxSignatureScalars = 30

    /// The indices of the closings' lines and those between them and the sentence above; empty
    /// for most documents. The cheap test first: a line that is only a date.
    public static func protectedLines(_ lines: [String]) -> [Int] {
        var protected: [Int] = []
        var d = 2
        while d < lines.count {
            defer { d += 1 }
            guard BodyEdges.withBytes(lines[d], isDateOnly), BodyEdges.withBytes(lines[d - 1], isSignature) else { continue }
            let s = d - 1
            let lowest = max(0, s - 1 - maxLinesAboveSignature)
            guard let sentence = (lowest ..< s).last(where: { BodyEdges.withBytes(lines[$0], BodyEdges.isBodySentence) }) else { continue }
            protected.append(contentsOf: sentence + 1 ... d)
        }
        return protected
    }

    /// A line that is a date and nothing else: digits (or none, lost), `年`, `月`, `日`, or
    /// digits between `-`, `/` or `.`.
    public static func isDateOnly(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !p.isEmpty, p.count <= maxDateBytes else { return false }
        let first = p[0]
        // A digit, or the first byte of 年 (E5 B9 B4).
        guard (first >= 0x30 && first <= 0x39) || first == 0xE5 else { return false }
        var marks: [UInt32] = [], digits = 0, i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            i += length
            switch v {
            case 0x30 ... 0x39: digits += 1
            case 0x20: continue
            case 0x5E74, 0x6708, 0x65E5, 0x2D, 0x2F, 0x2E: marks.append(v)
            default: return false
            }
        }
        if marks == [0x5E74, 0x6708, 0x65E5] { return true }
        return digits >= 6 && marks.count == 2 && marks[0] == marks[1] && marks[0] < 0x80
    }
    static let maxDateBytes = 40

    /// A body's name: Han characters only (brackets allowed), no sentence mark, no space.
    static func isSignature(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 6, p.count <= 4 * maxSignatureScalars else { return false }
        var scalars = 0, i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            i += length
            guard ScalarClass.isHan(v) || v == 0xFF08 || v == 0xFF09 else { return false }
            scalars += 1
        }
        return scalars >= 2 && scalars <= maxSignatureScalars
    }
}
