/// Where a page's first line begins when it is glued after the old page's last line and holds no
/// fixed opening to find it by: a trail of three items or more (`鹤汀新闻网 > 乡镇动态 > 正文`,
/// `青阳论坛 › 城事热议 › 查看帖子`) or a menu opening with the home page's link (`首页 | 版面导航 |
/// 标题导航`). On a line of its own either begins a page (the breadcrumb rows of `boilerplate.tsv`);
/// glued, the first item's first character is unknown (`…联系客服鹤汀新闻网 > …`), so the line is cut
/// only right after a sure join (`PageHeadCut.endsFooter`: a sentence's end, a closing bracket, a
/// Latin footer word such as `3187.html`, a registration number's `号`, a footer link such as
/// `联系客服`, `浏览器`, `有限公司`), and the tail from there must be a page start by the rules
/// (`isPageStart`) or a home-first menu. Counted as `pages.glued-trail-split`.
enum GluedTrailStart {
    /// A trail's first item holds at most this many characters (as the breadcrumb rows say).
    static let maxFirstItemScalars = 12
    /// A trail's separators: two or more (three items) before a glued tail is taken for one.
    static let minSeparators = 2
    /// The literals a line must hold one of to be searched: the separators, the home page's link.
    static let literals = [">", "»", "＞", "›", "首页"].map { Array($0.utf8) }
    static let home = Array("首页".utf8)

    /// The byte offset where the glued trail or menu begins (never 0), or nil.
    static func start(in p: UnsafeBufferPointer<UInt8>, isPageStart: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int? {
        guard p.count > 1, p.count <= PageHeadCut.maxLineBytes else { return nil }
        var firstSeparator: Int? = nil, separators = 0
        var i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if isTrailSeparator(v) {
                // (`>>` is one separator.)
                if !(v == 0x3E && i > 0 && p[i - 1] == 0x3E) { separators += 1 }
                if firstSeparator == nil { firstSeparator = i }
            }
            i += length
        }
        if let first = firstSeparator, separators >= minSeparators, let start = trailStart(in: p, before: first, isPageStart: isPageStart) {
            return start
        }
        return menuStart(in: p)
    }

    /// The earliest Han character among the first item's last `maxFirstItemScalars` characters
    /// (the item ends at `separator`, spaces aside) right after a sure join, whose tail starts a page.
    static func trailStart(in p: UnsafeBufferPointer<UInt8>, before separator: Int,
                           isPageStart: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int? {
        var end = separator
        while end > 0, p[end - 1] == 0x20 { end -= 1 }
        var candidates: [Int] = []
        var i = end, scalars = 0
        while i > 0, scalars < maxFirstItemScalars {
            let (v, start) = UTF8Bytes.scalar(p, endingAt: i)
            guard !endsItem(v) else { break }
            if ScalarClass.isHan(v) { candidates.append(start) }
            i = start
            scalars += 1
        }
        for start in candidates.reversed() where start > 0 {
            if PageHeadCut.endsFooter(UnsafeBufferPointer(rebasing: p[..<start])), isPageStart(UnsafeBufferPointer(rebasing: p[start...])) {
                return start
            }
        }
        return nil
    }

    /// A menu whose first item is the home page (`首页 | 版面导航 | 标题导航`: two bars or more)
    /// right after a sure join.
    static func menuStart(in p: UnsafeBufferPointer<UInt8>) -> Int? {
        var from = 1
        while from < p.count, let hit = UTF8Bytes.firstIndex(of: home, in: UnsafeBufferPointer(rebasing: p[from...])) {
            let start = from + hit
            let tail = UnsafeBufferPointer(rebasing: p[start...])
            if PageHeadCut.endsFooter(UnsafeBufferPointer(rebasing: p[..<start])), bars(in: tail) >= minSeparators,
               LinkLines.isMenu(String(decoding: tail, as: UTF8.self)) {
                return start
            }
            from = start + home.count
        }
        return nil
    }

    static func bars(in p: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0, i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if v == 0x7C || v == 0xFF5C { n += 1 }
            i += length
        }
        return n
    }

    @inline(__always)
    static func isTrailSeparator(_ v: UInt32) -> Bool { v == 0x3E || v == 0xBB || v == 0xFF1E || v == 0x203A }

    /// What no trail's first item holds: a space, the separators, clause and sentence marks.
    @inline(__always)
    static func endsItem(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x3000 || isTrailSeparator(v) || v == 0x3C || v == 0xFF0C || v == 0x3002 || v == 0xFF1A || v == 0x3A
            || v == 0xFF01 || v == 0xFF1F || v == 0x21 || v == 0x3F
    }
}
