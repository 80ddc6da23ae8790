import Foundation
import Testing
@testable import CivKit

/// The byte pre-tests that spare a boilerplate row its regex on most lines: the ASCII bytes a
/// pattern of ASCII pieces allows (`RulePrefilter.asciiAlphabet`), the literals a row's keyword
/// column forbids (`!，`), the suffix of a row that opens with a digit. None may rule out a line
/// the row's regex takes.
struct RulePrefilterAlphabetTests {
    private func allows(_ pattern: String, _ line: String) -> Bool {
        guard let alphabet = RulePrefilter.asciiAlphabet(of: pattern) else { return true }
        var line = line
        return line.withUTF8 { RulePrefilter.holdsOnly($0, alphabet) }
    }

    @Test func anAlphabetIsReadOffPatternsOfASCIIPiecesOnly() {
        for pattern in ["^\\d{1,8}$", "^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(\\s+\\d{1,2}:\\d{2}(:\\d{2})?)?$", "^[0-9a-f]+$", "^(?:\\d+|\\d+\\.\\d+)$"] {
            #expect(RulePrefilter.asciiAlphabet(of: pattern) != nil, "\(pattern)")
        }
        // Anything a non-ASCII byte or any byte may match, a lookaround, an option, no anchors: nil.
        for pattern in ["^\\d.$", "^\\S+$", "^[^，]+$", "^(?!更多)\\d+$", "^(?i:ab)$", "^\\d+网$", "\\d+$", "^\\d+", "^\\d+\\n\\d+$",
                        "^\\w+$", "^\\p{Han}$", "^a|b$", "^\\d+\\$"] {
            #expect(RulePrefilter.asciiAlphabet(of: pattern) == nil, "\(pattern)")
        }
        #expect(allows("^\\d{1,8}$", "12345") && !allows("^\\d{1,8}$", "12345a") && !allows("^\\d{1,8}$", "123 45"))
        // A Han character can be no digit and no space; a full-width digit or space is left to the regex.
        #expect(!allows("^\\d{1,8}$", "123人") && allows("^\\d{1,8}$", "１２３") && allows("^\\d+\\s\\d+$", "12\u{3000}34"))
        #expect(allows("^[0-9a-f]+$", "09af") && !allows("^[0-9a-f]+$", "09ag"))
        // `$` may stand before a line terminator.
        #expect(allows("^\\d{1,8}$", "123\r"))
    }

    @Test func aFixedOpeningIsReadByteByByte() {
        func opens(_ pattern: String, _ line: String) -> Bool {
            guard let opening = RulePrefilter.fixedOpening(of: pattern) else { return true }
            var line = line
            return line.withUTF8 { RulePrefilter.opensAs($0, opening) }
        }
        let date = "^\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(\\s+\\d{1,2}:\\d{2}(:\\d{2})?)?$"
        #expect(RulePrefilter.fixedOpening(of: date)?.bytes.count == 6)
        #expect(opens(date, "2024-06-18") && opens(date, "2024/6/1") && !opens(date, "40") && !opens(date, "2024年6月") && !opens(date, "20240618"))
        // A full-width digit where a digit stands is left to the regex; a short line cannot match.
        #expect(opens(date, "２０24-06-18") && !opens(date, "2024-"))
        // A class with a wider character: its first byte, then the opening ends.
        let byline = "^\\d{4}[-/年]\\d{1,2}[-/月]"
        #expect(RulePrefilter.fixedOpening(of: byline)?.bytes.count == 5 && opens(byline, "2024年6月") && !opens(byline, "2024点"))
        #expect(opens("^\\d{4}年\\d", "2024年6") && !opens("^\\d{4}年\\d", "2024月6"))
        // Optional pieces, alternation at the top, one byte: no opening past them.
        for pattern in ["^\\d?\\d", "^\\d{1,6}$", "^\\d|ab$", "^a", "^(ab)cd", "^\\d{0,2}ab"] {
            #expect((RulePrefilter.fixedOpening(of: pattern)?.bytes.count ?? 0) <= 1 || pattern == "^\\d{1,6}$", "\(pattern)")
        }
        #expect(RulePrefilter.fixedOpening(of: "^\\d|ab$") == nil && RulePrefilter.fixedOpening(of: "^\\d{1,6}$") == nil)
    }

    @Test func theKeywordColumnsBangLiteralsAreForbidden() throws {
        let rules = try BoilerplateRules(tsv: ["banner\tfield:banner\thead\t-\t网 !： !，\t^[^\\s：:，。（(]{1,14}网(\\s+[^\\s：:，。]{2,8}){0,6}$"])
        let rule = rules.rules[0]
        #expect(rule.keywordBytes == [Array("网".utf8)] && rule.forbiddenBytes == [Array("：".utf8), Array("，".utf8)])
        #expect(rule.matches("清江网 清江新闻 清江要闻") && !rule.mayMatch("清江网，清江新闻"))
        // An opening in `(?:…)`: a test of the line, no prefix looked for inside lines.
        let trail = try BoilerplateRules(tsv: ["breadcrumb\tfield:breadcrumb\thead\tstarts-page\t位置 首页\t^(?:位置)\\s*[：:]\\s*首页"]).rules[0]
        #expect(trail.prefixes == nil && trail.hiddenPrefixes == [Array("位置".utf8)])
        #expect(trail.matches("位置：首页 > 要闻") && !trail.mayMatch("所在位置：首页"))
    }

    /// Every line of the labelled pages and some made for the pre-tests: a row whose pre-tests
    /// rule a line out never takes it.
    @Test func noPreTestRulesOutALineTheRegexTakes() throws {
        var lines = ["2024-06-18", "2024/6/18 12:30", "2024.06.18  12:30:05", "２０２４-06-18", "2024-06-18\u{3000}12:30", "2024-06-18 12:30 来源：某某网",
                     "12345678", "123456789", "１２３", "0", "2024/06/18 推荐", "2024-6-1 置顶", "2024-06-18 推荐阅读",
                     "清江网 清江新闻 清江要闻", "西平县人民政府", "某某融媒体中心 首页", "某某在线", "中国张掖网（甘肃）", "清江网：首页",
                     "首页 > 要闻 > 正文", "白沙新闻网 » 区县新闻", "首页＞本地", "首页 › 新闻", "首页 > 他说：好", "<a> > b",
                     "猜你喜欢", "你可能还喜欢：", "为您推荐", "相关文章：", "相关阅读", "我们还喜欢，相关阅读", "位置：首页 > 要闻", "位置 : 首页", "所在位置：首页",
                     "2024年6月18日 10:30 来源：某某网", "2024-06-18 10:30 作者：某某", "2024-6-18 12:30 | 来源", "2024-06-18 12:30:05 张三 说：好",
                     "某某 2024-06-18 12:30", "40", "2024", "2024年6月18日",
                     // (For the leads: a label after a run, with white space or wider before its colon.)
                     "联系电话：0931-1234567", "电话 ： 0931-1234567", "电话\u{2003}:09311234567", "办公室电话\u{3000}：12345678",
                     "地址：某某路1号 联系电话：0931-1234567", "邮箱：a@b.cn", "电子邮箱 ：abc.d@example.com", "E-mail: x_y@z.org.cn",
                     "版权所有 某某网", "某某网版权所有", "本站版权所有，转载请注明", "版权所有：某某网", "版权所有©某某", "x版权所有y",
                     "清江网", "清江网 要闻 图片", "网 要闻", " 清江网", "某某县人民政府门户网站", ">>", "> 要闻", "首页>>要闻", "更多>>",
                     "第A01版", "第1版", "第12版：要闻", "本文所在版面导航", "新闻内容"]
        let root = Support.packageRoot.appendingPathComponent("testdata/pages")
        for dir in ["", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10"] {
            let folder = root.appendingPathComponent(dir)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".txt") {
                let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                lines += text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0.utf8.count <= 300 }
            }
        }
        let rules = BoilerplateRules.standard.rules.filter {
            $0.asciiAlphabet != nil || $0.opening != nil || !$0.forbiddenBytes.isEmpty || ($0.suffixes != nil && $0.prefixes != nil) || $0.hiddenPrefixes != nil
                || $0.lead != nil
        }
        #expect(rules.count >= 15)
        for rule in rules where !rule.spansTwoLines {
            for line in lines {
                var line = line
                let taken = line.withUTF8 { p in rule.regex.firstMatchEnd(in: p) != nil }
                // (The new pre-tests only: a row's keyword is its own, `>` of one breadcrumb row, `»` of the next.)
                let allowed = line.withUTF8 { p in
                    !rule.forbiddenBytes.contains { UTF8Bytes.contains(p, $0) } && rule.asciiAlphabet.map { RulePrefilter.holdsOnly(p, $0) } ?? true
                        && rule.suffixes.map { $0.contains { RulePrefilter.hasSuffix(p, $0) } } ?? true
                        && rule.hiddenPrefixes.map { $0.contains { RulePrefilter.hasPrefix(p, $0) } } ?? true
                        && rule.opening.map { RulePrefilter.opensAs(p, $0) } ?? true
                        && rule.lead.map { $0.allows(p) } ?? true
                }
                #expect(!taken || allowed, "\(rule.pattern) \(line)")
            }
        }
    }
}
