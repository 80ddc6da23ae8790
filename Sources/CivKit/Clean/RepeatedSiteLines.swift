/// Lines that repeat across the pages of one run: a site's header and footer lines
/// (`青溪县人民政府办公室主办 青溪县政务数据中心承办`, `县长信箱 书记信箱 12345热线`) come back on
/// every page of the site, in the head or tail zone, where no pattern names them. A line of a
/// zone that is no sentence, and that an earlier document of the run held in a zone too, is
/// boilerplate (`dropped.repeated`).
///
/// Remembered: a 64-bit hash of each such line, in a fixed table (bounded memory; when it
/// fills, it starts again empty). A document's own lines are remembered after it is judged, so
/// a line repeated within one page is not taken for a site's. The first page of a site keeps
/// its lines: a stream cannot look ahead. Titles are spared: the line above a page's first
/// sentence or byline (`BodyEdges.title`), which a reposted article repeats, is never taken, and
/// neither is a line naming people or a source, nor a date.
public final class RepeatedSiteLines: @unchecked Sendable {
    /// Lines longer than this are not remembered: a site's repeated lines are short.
    static let maxLineBytes = 240
    static let capacity = 1 << 16
    private var slots: [UInt64]
    private var used = 0

    public init() {
        slots = Array(repeating: 0, count: Self.capacity)
    }

    /// Whether `line` may be a site's repeated line: short, no sentence, no credit, no date.
    static func isCandidate(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 4, p.count <= maxLineBytes, !BodyEdges.isSentence(p) else { return false }
        if BodyEdges.hasCredit(p) { return false }
        return !BylineNamedPageStart.hasDate(p)
    }

    /// Whether an earlier document of the run held `line` in a zone.
    func contains(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let h = Self.hash(p)
        var i = Int(truncatingIfNeeded: h) & (Self.capacity - 1)
        while slots[i] != 0 {
            if slots[i] == h { return true }
            i = (i + 1) & (Self.capacity - 1)
        }
        return false
    }

    /// Remembers a document's zone lines.
    func remember(_ lines: [[UInt8]]) {
        for line in lines {
            if used * 4 >= Self.capacity * 3 {
                for i in slots.indices { slots[i] = 0 }
                used = 0
            }
            let h = line.withUnsafeBufferPointer(Self.hash)
            var i = Int(truncatingIfNeeded: h) & (Self.capacity - 1)
            while slots[i] != 0 && slots[i] != h { i = (i + 1) & (Self.capacity - 1) }
            if slots[i] == 0 {
                slots[i] = h
                used += 1
            }
        }
    }

    /// FNV-1a, never 0 (0 marks an empty slot).
    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in p { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h == 0 ? 1 : h
    }
}
