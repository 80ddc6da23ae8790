/// Lines that repeat across the pages of one run: a site's header and footer lines
/// (`青溪县人民政府办公室主办 青溪县政务数据中心承办`, `县长信箱 书记信箱 12345热线`) come back on
/// every page of the site, in the head or tail zone, where no pattern names them. A line outside
/// a page's body (`BodyEdges`) that is no sentence, and that an earlier document of the run held
/// outside its body too, is boilerplate (`dropped.repeated`).
///
/// They also show where pages begin in a `cat` of one site's pages: a line glued from an earlier
/// page's last line and more text, or from text and an earlier page's first line, is two pages'
/// lines (`pages.site-line-split`). (A whole line equal to an earlier page's head line begins no
/// page: a site's related links and list items recur in heads and tails alike.)
///
/// Remembered: 64-bit hashes of head lines, tail lines, and pages' first and last lines apart
/// (only these two are looked for in glued lines: any line of a synthetic or templated page may
/// recur), in fixed tables (bounded memory;
/// a table that fills starts again empty), each line hashed forwards and backwards so that
/// prefixes and suffixes of a glued line are looked up in one pass. A document's own lines are
/// remembered after it is judged, so a line repeated within one page is not taken for a site's.
/// The first page of a site keeps its lines: a stream cannot look ahead. Titles are spared (the
/// line above a page's body, which a reposted article repeats, is never remembered), and so are
/// lines naming people or a source, and dates.
public final class RepeatedSiteLines: @unchecked Sendable {
    /// Lines longer than this are not remembered: a site's repeated lines are short.
    static let maxLineBytes = 240
    /// A remembered line found inside a glued line is at least this long (four Han characters):
    /// shorter ones (`分享：`) end too many lines by chance.
    static let minGluedBytes = 12

    /// A table's hashes (0: an empty slot), zeroed by `calloc`: the system gives such memory
    /// zeroed page by page as it is first touched, where an array of zeros was written whole (eight
    /// tables, 2 MiB, at every start, for a one-page run too).
    final class Slots {
        let base: UnsafeMutablePointer<UInt64>

        init() {
            guard let memory = calloc(Table.capacity, MemoryLayout<UInt64>.stride) else { fatalError("civ: out of memory") }
            base = memory.bindMemory(to: UInt64.self, capacity: Table.capacity)
        }

        deinit { free(base) }

        func clear() { base.update(repeating: 0, count: Table.capacity) }
    }

    struct Table {
        static let capacity = 1 << 15
        let forward = Slots()
        let backward = Slots()
        var used = 0

        mutating func insert(_ p: UnsafeBufferPointer<UInt8>) {
            if used * 4 >= Self.capacity * 3 {
                forward.clear()
                backward.clear()
                used = 0
            }
            var b = RepeatedSiteLines.seed
            for byte in p.reversed() { b = RepeatedSiteLines.step(b, byte) }
            if Self.insert(RepeatedSiteLines.final(RepeatedSiteLines.hash(p)), into: forward) {
                used += 1
                _ = Self.insert(RepeatedSiteLines.final(b), into: backward)
            }
        }

        private static func insert(_ h: UInt64, into table: Slots) -> Bool {
            let slots = table.base
            var i = Int(truncatingIfNeeded: h) & (capacity - 1)
            while slots[i] != 0 {
                if slots[i] == h { return false }
                i = (i + 1) & (capacity - 1)
            }
            slots[i] = h
            return true
        }

        static func contains(_ h: UInt64, in table: Slots) -> Bool {
            let slots = table.base
            var i = Int(truncatingIfNeeded: h) & (capacity - 1)
            while slots[i] != 0 {
                if slots[i] == h { return true }
                i = (i + 1) & (capacity - 1)
            }
            return false
        }
    }

    private var head = Table()
    private var tail = Table()
    private var first = Table()
    private var last = Table()

    public init() {}

    /// Whether `line` may be a site's repeated line: short, no sentence, no credit, no date.
    static func isCandidate(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count >= 4, p.count <= maxLineBytes, !BodyEdges.isSentence(p) else { return false }
        if BodyEdges.hasCredit(p) { return false }
        return !BylineNamedPageStart.hasDate(p)
    }

    /// Whether an earlier document of the run held `line` outside its body.
    func contains(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let h = Self.final(Self.hash(p))
        return Table.contains(h, in: head.forward) || Table.contains(h, in: tail.forward)
    }

    /// Remembers a document's lines outside its body, read in place off its `lines`: those above
    /// it (`headLines`) and below it (`tailLines`) that may be a site's (`isCandidate`), its
    /// first line with `first` and its last with `last` (each when a candidate). (Copying each
    /// into an array of its own cost more than remembering it.)
    func remember(_ lines: [String], head headLines: Range<Int>, tail tailLines: Range<Int>, first withFirst: Bool, last withLast: Bool) {
        func eachCandidate(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            for i in range {
                var line = lines[i]
                line.withUTF8 { if Self.isCandidate($0) { body($0) } }
            }
        }
        eachCandidate(headLines) { head.insert($0) }
        eachCandidate(tailLines) { tail.insert($0) }
        guard !lines.isEmpty else { return }
        if withFirst { eachCandidate(0 ..< 1) { first.insert($0) } }
        if withLast { eachCandidate(lines.count - 1 ..< lines.count) { last.insert($0) } }
    }

    /// How many of a document's first lines are kept to find the next page of its site.
    public static let firstLinesKept = 3

    /// Where the next page begins in a line glued from two pages' lines: after the longest prefix
    /// that was an earlier page's last line (not a label's colon: `分享到：` goes on with its value), or else
    /// at the longest suffix that was an earlier page's first line or is one of
    /// `firstLines`, the current page's own first lines (a `cat` of one site's pages: each
    /// begins as the one before). A byte offset at a character's start; the other part holds
    /// two characters or more, and a suffix is not preceded by what puts a site's name into a
    /// footer (a space, a colon, `©`, `版权所有`, `主办`…: `Copyright © 2023 河西区人民政府网`).
    public func gluedPageStart(in p: UnsafeBufferPointer<UInt8>, firstLines: [[UInt8]] = []) -> Int? {
        guard p.count > Self.minGluedBytes, p.count <= 2 * Self.maxLineBytes, first.used + last.used > 0 || !firstLines.isEmpty,
              !BodyEdges.isSentence(p) else { return nil }
        let minRest = 2
        var h = Self.seed, best: Int? = nil
        for k in 0 ..< min(p.count, Self.maxLineBytes) {
            h = Self.step(h, p[k])
            let end = k + 1
            guard end >= Self.minGluedBytes, end < p.count, p[end] & 0xC0 != 0x80, Self.scalars(p, from: end) >= minRest else { continue }
            if Table.contains(Self.final(h), in: last.forward), Self.mayFollow(p, at: end) { best = end }
        }
        if let best { return best }
        for line in firstLines where line.count < p.count {
            let start = p.count - line.count
            if p[start...].elementsEqual(line), Self.mayFollow(p, at: start) { best = min(best ?? start, start) }
        }
        h = Self.seed
        var start = p.count
        while start > 0, p.count - start < Self.maxLineBytes {
            start -= 1
            h = Self.step(h, p[start])
            guard p.count - start >= Self.minGluedBytes, p[start] & 0xC0 != 0x80, start > 0 else { continue }
            if Table.contains(Self.final(h), in: first.backward), !Table.contains(Self.final(h), in: tail.backward), Self.mayFollow(p, at: start) {
                best = start
            }
        }
        return best
    }

    /// Whether a page may begin at `start` of a glued line: two characters or more before it,
    /// and no footer's words right before (`版权所有`, `主办`, a space, a colon, `©`, a menu's bar).
    static func mayFollow(_ p: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start > 0, scalars(UnsafeBufferPointer(rebasing: p[..<start]), from: 0) >= 2 else { return false }
        let before = UnsafeBufferPointer(rebasing: p[..<start])
        let (last, _) = UTF8Bytes.scalar(before, endingAt: before.count)
        // A menu's bar before it (`小黑屋|手机版|柳溪论坛`): the site's name is an item of its own footer.
        if ScalarClass.isSpace(last) || last == 0x3A || last == 0xFF1A || last == 0xA9 || last == 0x7C || last == 0xFF5C || last == 0x4E28 { return false }
        return !footerWords.contains { word in before.count >= word.count && before[(before.count - word.count)...].elementsEqual(word) }
    }

    static let footerWords = ["版权所有", "所有", "主办", "承办", "协办", "维护", "制作", "支持", "提供"].map { Array($0.utf8) }

    private static func scalars(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var n = 0
        for i in start ..< p.count where p[i] & 0xC0 != 0x80 {
            n += 1
            if n >= 2 { break }
        }
        return n
    }

    // FNV-1a, never 0 (0 marks an empty slot).
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) static func step(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    @inline(__always) static func final(_ h: UInt64) -> UInt64 { h == 0 ? 1 : h }

    static func hash(_ p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed
        for b in p { h = step(h, b) }
        return h
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
