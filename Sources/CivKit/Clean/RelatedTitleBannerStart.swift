/// Where a site's name glued after a related list's last title begins, on the line right above a
/// certain page start (a breadcrumb): `…创建文明城市工作汇报材料公文写作网` above `范文 > 工作报告 > …`.
/// Nothing marks the join (no footer's end, no separator), and the name recurs nowhere in the new
/// head, so only its form shows it: it ends in a site's word (`网`, `资讯`, `论坛`, `库`), its stem
/// before that word is two to four Han characters, and the title before it ends in a word of the
/// lexicon (`材料|公文写作网`, `家园|柳溪论坛`) or a number's unit (`400字|`) that no word of the
/// lexicon straddles (`信息中心|…` is not `信息中|心…`). The shortest such stem that is no word
/// itself wins (`柳溪论坛`, not `材料柳溪论坛`; `公文写作网`, since `写作` is a word and `公文` straddles
/// `文写作`); a name whose stems are all words (`人民政府网`) is a generic one whose own qualifier
/// stands before it (`河西区人民政府网`), where no rule can bound it: no cut. A related title is
/// long and ends in text: the part before holds `minTitleHan` Han characters, its last item
/// (after a space or a separator) at least `minTitleItemScalars`, and no separator or colon ends it
/// (`来源：南溪新闻网`, `小黑屋|手机版|柳溪论坛` are the page's own lines); a line with a title bar's
/// separator (`-`, `|`, `_`, `—`) is a banner with its slogan. Asked only where no item of the head
/// below recurs in the line for three characters or more (a name the head repeats is surer).
enum RelatedTitleBannerStart {
    /// The words a site's name ends with (`公文写作网`, `一百易资讯`, `柳溪论坛`, `公文素材库`).
    static let siteWords: [[UInt32]] = ["网", "资讯", "论坛", "库", "之家", "信息港"].map { $0.unicodeScalars.map(\.value) }
    /// A name's stem before its site word, in Han characters (`岚溪`, `公文写作`).
    static let stemLengths = [2, 3, 4]
    /// A related title before the name holds at least this many Han characters.
    static let minTitleHan = 6
    /// Its last item (after a space or a separator) at least this many scalars: no menu's item.
    static let minTitleItemScalars = 4
    /// Units after a number (`400字`, `5篇`, `88号`): after digits, the title's, not the name's.
    static let numberUnits: [UInt32] = Array("号字篇年月日期版条个次人元万".unicodeScalars.map(\.value))

    static let fullWidthBar = Array("｜".utf8)
    static let emDash = Array("—".utf8)

    @inline(__always)
    static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    /// The byte offset in `p` (a line with no sentence) where the glued name begins, or nil.
    static func start(in p: UnsafeBufferPointer<UInt8>) -> Int? {
        // (A title bar's separator, `万宁新闻网 - 万宁人自己的新闻网`: a banner and its slogan.)
        guard p.count <= PageHeadCut.maxLineBytes, !BodyEdges.isSentence(p),
              !p.contains(where: { $0 == 0x7C || $0 == 0x5F || $0 == 0x2D }), !UTF8Bytes.contains(p, fullWidthBar), !UTF8Bytes.contains(p, emDash)
        else { return nil }
        // The line's scalars and where each begins.
        var scalars: [UInt32] = [], offsets: [Int] = []
        var i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            scalars.append(v)
            offsets.append(i)
            i += length
        }
        guard let word = siteWords.first(where: { scalars.count > $0.count && scalars.suffix($0.count).elementsEqual($0) }) else { return nil }
        let suffixStart = scalars.count - word.count
        let lexicon = Lexicon.shared
        func isWord(_ from: Int, _ to: Int) -> Bool {
            guard from >= 0, to <= scalars.count, to - from >= 2, scalars[from ..< to].allSatisfy(ScalarClass.isHan) else { return false }
            return lexicon.frequency(of: scalars[from ..< to].lazy.compactMap(Unicode.Scalar.init)) > 0
        }
        for length in stemLengths {
            let b = suffixStart - length
            guard b >= 1, scalars[b ..< suffixStart].allSatisfy(ScalarClass.isHan) else { continue }
            // A stem that is a word (`写作`, `人民政府`) needs the characters before it: a longer
            // stem, or none (a generic name's qualifier is unbounded: `河西区人民政府网`).
            if isWord(b, suffixStart) { continue }
            guard titleBefore(scalars, b) else { return nil }
            let last = scalars[b - 1]
            if isDigit(last) {
                // After digits: a unit is the number's (`0号|柳溪论坛`).
                if numberUnits.contains(scalars[b]) { continue }
                return offsets[b]
            }
            if ScalarClass.isHan(last) {
                // The title's last word, or a number's unit (`400字`).
                let endsInWord = (isDigit(scalars[b - 2]) && numberUnits.contains(last)) || (2 ... 4).contains { isWord(b - $0, b) }
                let straddled = (2 ... 4).contains { n in (b - n + 1 ..< b).contains { isWord($0, $0 + n) } }
                guard endsInWord, !straddled else { continue }
            }
            return offsets[b]
        }
        return nil
    }

    /// Whether the scalars before `b` read as a related list's title: enough Han characters, a
    /// long last item, no separator or colon right before the name.
    static func titleBefore(_ scalars: [UInt32], _ b: Int) -> Bool {
        guard b >= minTitleItemScalars + 1, !PageHeadCut.isSeparator(scalars[b - 1]) else { return false }
        var item = 0
        for v in scalars[..<b].reversed() {
            if PageHeadCut.isSeparator(v) { break }
            item += 1
        }
        return item >= minTitleItemScalars && scalars[..<b].lazy.filter(ScalarClass.isHan).count >= minTitleHan
    }
}
