/// A notice's or letter's closing: the issuing body's name alone on a line (`沣岭镇人民政府`),
/// right above a line that is only a date (`2023年7月3日`; `年月日` when a crawl lost its
/// digits), a few lines under a sentence of the text. The closing and what stands between that
/// sentence and it (`联系电话：0736-4821006`, the notice's own contact) are the document's:
/// no rule takes them, although a site's footer names the same body and holds such lines. The
/// date may come first (`2023年7月3日` / `沣岭镇人民政府`): then the name must end as a body's
/// does (`局`, `政府`, `委员会`…), since a footer's first line may follow a dated text too.
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
            guard BodyEdges.withBytes(lines[d], isDateOnly) else { continue }
            if BodyEdges.withBytes(lines[d - 1], isSignature) {
                let s = d - 1
                let lowest = max(0, s - 1 - maxLinesAboveSignature)
                guard let sentence = (lowest ..< s).last(where: { BodyEdges.withBytes(lines[$0], BodyEdges.isBodySentence) }) else { continue }
                protected.append(contentsOf: (sentence + 1 ... d).filter { !BodyEdges.withBytes(lines[$0], isAttachmentLink) })
            } else if d + 1 < lines.count, BodyEdges.withBytes(lines[d + 1], isBodyName) {
                let lowest = max(0, d - 1 - maxLinesAboveSignature)
                guard let sentence = (lowest ..< d).last(where: { BodyEdges.withBytes(lines[$0], BodyEdges.isBodySentence) }) else { continue }
                protected.append(contentsOf: (sentence + 1 ... d + 1).filter { !BodyEdges.withBytes(lines[$0], isAttachmentLink) })
            }
        }
        return protected
    }

    /// A link to the notice's attached file, `附件：2025年问题清单.xlsx`: the site's, not the text's (the
    /// file's name with its extension; `附件：问题清单` naming what the text encloses is the text's).
    static func isAttachmentLink(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count > attachmentLabel.count + 5, RulePrefilter.hasPrefix(p, attachmentLabel) else { return false }
        // A dot, then 2 to 4 ASCII letters to the end.
        var i = p.count - 1
        while i > 0, p.count - i <= 5, (p[i] | 0x20) >= 0x61, (p[i] | 0x20) <= 0x7A { i -= 1 }
        return p[i] == 0x2E && p.count - 1 - i >= 2 && p.count - 1 - i <= 4
    }
    static let attachmentLabel = Array("附件".utf8)

    /// Whether line `i` lies in a notice's contact section (`四、对本次采购提出询问，请按以下方式联系`,
    /// `八、联系方式`): below its enumerated heading naming 联系, within `maxContactSectionLines`, in the
    /// run of lines that name the buyer and the agency and how to reach them (`1.采购人信息`,
    /// `名称：…`, `联系人：杨先生 联系电话：0793-…`). They are the notice's body, although a site's footer
    /// holds lines of the same form: the run ends at the first other line (`附件：`, `主办单位：…`).
    /// Asked only of lines a contact rule takes (most documents have none).
    public static func isInContactSection(_ lines: [String], _ i: Int) -> Bool {
        var h = i - 1
        while h >= 0, h >= i - maxContactSectionLines {
            if !lines[h].isEmpty {
                let (heading, item) = BodyEdges.withBytes(lines[h]) { p in
                    (p.count <= maxContactHeadingBytes && SectionHeadings.isEnumerated(p) && UTF8Bytes.contains(p, contactBytes), isContactSectionLine(p))
                }
                if heading { return true }
                if !item { return false }
            }
            h -= 1
        }
        return false
    }

    static let contactBytes = Array("联系".utf8)
    static let maxContactSectionLines = 12
    static let maxContactHeadingBytes = 150

    /// A line of a notice's contact section: a numbered item (`1.采购人信息`, `（一）`) or one
    /// opening with a contact's label and its colon.
    static func isContactSectionLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        if SectionHeadings.isNumberedItem(p) || SectionHeadings.isEnumerated(p) { return true }
        guard let colon = UTF8Bytes.firstIndex(of: fullWidthColon, in: p) else { return false }
        let label = UnsafeBufferPointer(rebasing: p[..<colon])
        return contactLabels.contains { $0.count == label.count && UTF8Bytes.contains(label, $0) }
    }
    static let fullWidthColon = Array("：".utf8)
    /// The labels of a notice's parties and contacts.
    static let contactLabels = ["名称", "单位名称", "采购人", "采购代理机构", "代理机构", "招标人", "招标代理机构", "地址", "联系地址",
                                "联系人", "项目联系人", "联系方式", "联系电话", "电话", "传真", "邮箱", "电子邮箱", "邮编"].map { Array($0.utf8) }

    /// A line that is a date and nothing else: digits (or none, lost), `年`, `月`, `日`, or
    /// digits between `-`, `/` or `.`.
    public static func isDateOnly(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !p.isEmpty, p.count <= maxDateBytes else { return false }
        // A digit, or 年 (E5 B9 B4): most lines fail here.
        guard (p[0] >= 0x30 && p[0] <= 0x39) || (p.count >= 3 && p[0] == 0xE5 && p[1] == 0xB9 && p[2] == 0xB4) else { return false }
        // The marks in order, as one number of base 8: 年月日 is 1 2 3; `-`, `/`, `.` are 4, 5, 6.
        var marks = 0, count = 0, digits = 0, i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            i += length
            let mark: Int
            switch v {
            case 0x30 ... 0x39:
                digits += 1
                continue
            case 0x20: continue
            case 0x5E74: mark = 1
            case 0x6708: mark = 2
            case 0x65E5: mark = 3
            case 0x2D: mark = 4
            case 0x2F: mark = 5
            case 0x2E: mark = 6
            default: return false
            }
            count += 1
            if count > 3 { return false }
            marks = marks << 3 | mark
        }
        if count == 3 && marks == 1 << 6 | 2 << 3 | 3 { return true }
        // Two of the same separator between digits: `2023-07-03`.
        return digits >= 6 && count == 2 && marks >> 3 == marks & 7 && marks & 7 >= 4
    }
    static let maxDateBytes = 40

    /// A signature that ends in a body's suffix (`枫洇市公安局`, `沣岭镇人民政府`).
    static func isBodyName(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard isSignature(p) else { return false }
        let (last, _) = UTF8Bytes.scalar(p, endingAt: p.count)
        return bodySuffixes.contains(last)
    }
    /// The last characters of bodies' names: 局 委 会 院 府 室 司 心 厅 处 所 部 站 队 社 校 馆 组 办 署.
    static let bodySuffixes: Set<UInt32> = Set("局委会院府室司心厅处所部站队社校馆组办署".unicodeScalars.map(\.value))

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
