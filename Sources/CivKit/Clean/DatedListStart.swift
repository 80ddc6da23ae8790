/// A sidebar's dated list as a page's first lines (`- [11-03]·某某召开…`, `[11-02] 某某…`): the
/// list's first item glued after the old page's last line, right after Han text or at a sure join
/// (`PageHeadCut.endsFooter`, `endsPageSurely`: a registration number, `…号-3`), the next line opening with
/// the same dated form (`form(_:at:)`: one to `maxMarks` marks, then a date of two or three digit
/// groups, its closing bracket). One dated line is no list: the form must recur on the line below.
/// Counted as `pages.dated-list-split`.
enum DatedListStart {
    /// Marks before the date (`- [`, `·[`).
    static let maxMarks = 3
    static let maxGroupDigits = 4

    /// The dated form the text from byte `start` opens with: its marks as they are, each digit as
    /// `0`; nil when it opens with none (most lines: their first character is Han or a letter).
    static func form(_ p: UnsafeBufferPointer<UInt8>, at start: Int = 0) -> [UInt32]? {
        guard start < p.count, opensItem(UTF8Bytes.scalar(p, at: start).value) else { return nil }
        var out: [UInt32] = []
        var i = start
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if isDigit(v) { break }
            guard out.count < maxMarks, out.isEmpty ? opensItem(v) : (opensItem(v) || v == 0x20) else { return nil }
            out.append(v)
            i += length
        }
        var groups = 0
        while i < p.count {
            var digits = 0
            while i < p.count, isDigit(UInt32(p[i])) {
                out.append(0x30)
                digits += 1
                i += 1
            }
            guard digits >= 1, digits <= maxGroupDigits else { return nil }
            groups += 1
            guard i < p.count else { break }
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if groups < 3, isDateSeparator(v), i + length < p.count, isDigit(UInt32(p[i + length])) {
                out.append(v)
                i += length
                continue
            }
            if isClosing(v) { out.append(v) }
            break
        }
        return groups >= 2 ? out : nil
    }

    /// Where in `p`, the line above a line of dated form `form`, an item of that form begins after
    /// Han text or a sure join (never at 0: a line that opens with it is the list's own).
    static func start(in p: UnsafeBufferPointer<UInt8>, form: [UInt32]) -> Int? {
        guard p.count <= PageHeadCut.maxLineBytes, let first = form.first else { return nil }
        var i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if i > 0, v == first, Self.form(p, at: i) == form {
                // After Han text the item's first mark is where it begins; after other text, only a
                // sure join tells (`…号-3- [11-03]`).
                let before = UnsafeBufferPointer(rebasing: p[..<i])
                if ScalarClass.isHan(UTF8Bytes.scalar(p, endingAt: i).value) || PageHeadCut.endsFooter(before) || PageHeadCut.endsPageSurely(before) { return i }
            }
            i += length
        }
        return nil
    }

    /// The marks a dated item opens with (`-`, `[`, `【`, `·`, `•`): also where a raw line may be
    /// cut (`CleanStage.rawByteOffset`).
    @inline(__always)
    static func opensItem(_ v: UInt32) -> Bool { v == 0x2D || v == 0x5B || v == 0x3010 || v == 0xB7 || v == 0x2022 }

    @inline(__always)
    static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    /// `-`, `/`, `.`, `月` and their full-width forms.
    @inline(__always)
    static func isDateSeparator(_ v: UInt32) -> Bool {
        v == 0x2D || v == 0x2F || v == 0x2E || v == 0x6708 || v == 0xFF0D || v == 0xFF0F || v == 0xFF0E
    }

    /// `]`, `】`, `)`, `）`, `日`.
    @inline(__always)
    static func isClosing(_ v: UInt32) -> Bool { v == 0x5D || v == 0x3011 || v == 0x29 || v == 0xFF09 || v == 0x65E5 }
}
