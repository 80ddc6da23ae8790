/// Lines made of short link texts, as site menus and footers lay them out: five or more items
/// between spaces (`首页 政务公开 政务服务 互动交流 走进西平`; four when the first is 首页), or three or more between bars
/// (`网站地图 | 联系我们 | 隐私声明`). No item holds punctuation, none is long: a title with
/// spaces (`对标创建标准 聚力攻坚克难 全面提升城市建设管理服务水平`) is no menu. And lines of
/// markup left by a bad HTML-to-text step (`<br/>`, `<script>…</script>`), whose text without
/// tags is a few characters at most.
public enum LinkLines {
    static let maxItemScalars = 8
    /// A link bar's item naming another site may be longer.
    static let maxSiteItemScalars = 16
    /// The last characters of a site's name: 网 (网站 is tested apart), 台 (a station), 平台 ends in 台 too.
    static let siteNameEnds: Set<UInt32> = Set("网台".unicodeScalars.map(\.value))
    /// The labels of a byline's people: a line holding one is no menu.
    /// (Searched as bytes: Foundation's `String.contains` folds character clusters, and cost a
    /// third of civ-clean.)
    static let creditLabels = ["记者", "通讯员", "摄影", "编辑", "作者", "实习生"].map { Array($0.utf8) }
    static let maxLineBytes = 400
    static let proseMarks = ["，", "。"].map { Array($0.utf8) }

    public static func isMenu(_ line: String) -> Bool {
        guard line.utf8.count <= maxLineBytes else { return false }
        // A credit line lists names between spaces too (`记者 吴晓燕 刘洋 摄影 孙博`): its names
        // are facts the extractors read, not links.
        var bytes = line
        // The cheap test first: a menu holds no punctuation (`isPunctuation`, `isSiteLinkBar`), and
        // most lines of prose hold a full-width comma or full stop.
        if bytes.withUTF8({ p in proseMarks.contains { UTF8Bytes.contains(p, $0) } || creditLabels.contains { UTF8Bytes.contains(p, $0) } }) { return false }
        var items: [Int] = [0]
        var bars = 0
        for c in line.unicodeScalars {
            if c == " " || c == "|" || c == "｜" || c == "丨" {
                if c != " " { bars += 1 }
                if items[items.count - 1] > 0 { items.append(0) }
                continue
            }
            if isPunctuation(c) { return false }
            items[items.count - 1] += 1
            if items[items.count - 1] > maxItemScalars {
                // (Only a line with an ASCII bar may be a bar of links to other sites.)
                return bytes.withUTF8 { UTF8Bytes.contains($0, 0x7C) } && isSiteLinkBar(line)
            }
        }
        let count = items.last == 0 ? items.count - 1 : items.count
        return bars >= 2 ? count >= 3 : count >= (line.hasPrefix("首页 ") ? 4 : 5)
    }

    /// A bar of links to other sites (`12388举报网站 | 中央纪委国家监委网站 | 湖南省纪委监委网站`): items
    /// between `|` longer than a menu's (at most `maxSiteItemScalars`), three bars or more, half of
    /// the items naming a site (ending in 网, 网站 or 台), none holding punctuation.
    static func isSiteLinkBar(_ line: String) -> Bool {
        var count = 0, bars = 0, siteNamed = 0, length = 0
        var previous: Unicode.Scalar = " ", last: Unicode.Scalar = " "
        func closeItem() {
            guard length > 0 else { return }
            count += 1
            if siteNameEnds.contains(last.value) || (last == "站" && previous == "网") { siteNamed += 1 }
            length = 0
        }
        for c in line.unicodeScalars {
            if c == "|" || c == "｜" {
                bars += 1
                closeItem()
                continue
            }
            if c == " " { continue }
            if isPunctuation(c) { return false }
            length += 1
            if length > maxSiteItemScalars { return false }
            previous = last
            last = c
        }
        closeItem()
        return bars >= 3 && count >= 4 && 2 * siteNamed >= count
    }

    /// A row of a flattened table inside the body (`排序 | 投标人名称 | 投标报价（元）| 工期（日历天）`
    /// above `第一中标候选人 | 湖南恒基市政建设有限公司 | 8,426,315.62 | 150`): three cells or more between
    /// bars, with the nearest line above or below holding as many cells, one of them a number. A
    /// site's menu bar (`首页 | 人大要闻 | 常委会工作`) has no such neighbour. Asked only of lines a
    /// rule of shape would take (few), so the cheap test comes first: a bar in the line.
    public static func isTableRow(_ lines: [String], _ i: Int) -> Bool {
        guard BodyEdges.withBytes(lines[i], { barCount($0) >= minTableCells - 1 }) else { return false }
        let cells = tableCells(lines[i])
        guard cells.count >= minTableCells else { return false }
        for step in [-1, 1] {
            var k = i + step
            while k >= 0, k < lines.count, lines[k].isEmpty { k += step }
            guard k >= 0, k < lines.count else { continue }
            let neighbour = tableCells(lines[k])
            if neighbour.count == cells.count, neighbour.contains(where: isNumberCell) { return true }
        }
        return false
    }
    static let minTableCells = 3

    /// The cells of a line between bars (`|`, `｜`), trimmed; empty for a line with fewer than two bars.
    static func tableCells(_ line: String) -> [Substring] {
        guard BodyEdges.withBytes(line, { barCount($0) >= minTableCells - 1 }) else { return [] }
        let cells = line.split(whereSeparator: { $0 == "|" || $0 == "｜" }).map(trimmed)
        return cells.count >= minTableCells ? cells.filter { !$0.isEmpty } : []
    }

    /// The bars of a line, `|` or `｜` (EF BD 9C), counted on its bytes.
    static func barCount(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0, i = 0
        while i < p.count {
            if p[i] == 0x7C { count += 1 } else if p[i] == 0xEF, i + 2 < p.count, p[i + 1] == 0xBD, p[i + 2] == 0x9C { count += 1 }
            i += 1
        }
        return count
    }

    static func trimmed(_ cell: Substring) -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" || $0 == "\t" || $0 == "\u{A0}" }
        guard let start = cell.firstIndex(where: { !isSpace($0) }), let end = cell.lastIndex(where: { !isSpace($0) }) else { return "" }
        return cell[start ... end]
    }

    /// A cell that is a number: digits with thousands' commas, a decimal point or a percent sign (`8,426,315.62`, `150`, `12.5%`).
    static func isNumberCell(_ cell: Substring) -> Bool {
        cell.utf8.contains { $0 >= 0x30 && $0 <= 0x39 } && cell.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2C || $0 == 0x2E || $0 == 0x25 }
    }

    /// A line of markup: starts with a tag, and holds at most a few characters outside tags.
    public static func isMarkup(_ line: String) -> Bool {
        guard line.utf8.first == UInt8(ascii: "<"), line.utf8.count <= maxLineBytes else { return false }
        if line.hasPrefix("<script") || line.hasPrefix("<style") { return true }
        // Han text between two tags that reads as a heading or a caption
        // (`<h3>评比小组查看楼道消防设施</h3>`) is the article's: a menu's items are short.
        var inTag = false, text = 0, hanRun = 0
        for c in line.unicodeScalars {
            if c == "<" {
                inTag = true
                hanRun = 0
            } else if c == ">" { inTag = false } else if !inTag && c != " " {
                if isPunctuation(c) { return false }
                text += 1
                hanRun = ScalarClass.isHan(c.value) ? hanRun + 1 : 0
                if hanRun >= minCaptionHan { return false }
            }
        }
        return text <= 12
    }

    /// Han characters in one run between tags that make a caption, not a tag's link text.
    static let minCaptionHan = 8

    /// The text of a line that starts with a tag, its tags removed (`<footer>某某 版权所有</footer>`
    /// → `某某 版权所有`), for the rules to read; nil for other lines.
    public static func textOfMarkup(_ line: String) -> String? {
        guard line.utf8.first == UInt8(ascii: "<"), line.utf8.count <= maxLineBytes else { return nil }
        var text = "", inTag = false
        for c in line.unicodeScalars {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { text.unicodeScalars.append(c) }
        }
        return text
    }

    static let punctuationMarks = "，。！？；：、“”,.!?;:（）()"

    /// Whether `c` is one of `punctuationMarks` (a switch, not a Set: asked of every character
    /// of the head and tail lines, where hashing each was most of the menu test).
    @inline(__always)
    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0xFF0C, 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A, 0x3001, 0x201C, 0x201D,
             0x2C, 0x2E, 0x21, 0x3F, 0x3B, 0x3A, 0xFF08, 0xFF09, 0x28, 0x29: return true
        default: return false
        }
    }
}
