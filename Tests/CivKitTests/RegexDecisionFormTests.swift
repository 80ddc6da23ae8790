import Foundation
import Testing
@testable import CivKit

/// `RegexDecisionForm`: a pattern that matches where another does, cheaper for ICU to decide.
struct RegexDecisionFormTests {
    func matches(_ regex: ICURegex, _ line: String) -> Bool { regex.firstMatchEnd(in: line) != nil }

    @Test func anOptionalTailIsDropped() {
        #expect(RegexDecisionForm.pattern(of: "^(Copyright\\b|©|版权所有\\s*([：:©(（]|$))(.{0,80}?(?i:all rights reserved)\\.?)?")
            == "^(Copyright\\b|©|版权所有\\s*([：:©(（]|$))")
        #expect(RegexDecisionForm.pattern(of: "^相关(分类|阅读)[：:]?") == "^相关(分类|阅读)")
        #expect(RegexDecisionForm.pattern(of: "^a\\s*(b)?\\s*x{0,3}\\p{Han}*") == "^a")
        // A required piece ends it: nothing to drop.
        #expect(RegexDecisionForm.pattern(of: "^a(b)?c") == "^a(b)?c")
    }

    @Test func runsOfAnyCharacterBecomeLazy() {
        #expect(RegexDecisionForm.pattern(of: "^\\S{2,24}网\\s*[—–]+\\s*\\S") == "^\\S{2,24}?网\\s*[—–]+\\s*\\S")
        #expect(RegexDecisionForm.pattern(of: "^[^\\s]{2,24}网\\s+\\d+\\S") == "^[^\\s]{2,24}网\\s+\\d+\\S")
        #expect(RegexDecisionForm.pattern(of: "^\\d{4}\\s*.{0,40}(来源|作者)") == "^\\d{4}\\s*.{0,40}?(来源|作者)")
        #expect(RegexDecisionForm.pattern(of: "^.*a.+b.{2}c.{1,}?d[.]{0,3}e\\.{0,3}f") == "^.*?a.+?b.{2}c.{1,}?d[.]{0,3}e\\.{0,3}f")
    }

    @Test func whatItCannotReadStaysAsItIs() {
        for pattern in ["^a$", "^a|b?", "^(?>.{0,3})x", "^.{0,3}+x", "a.*(b)\\1", "\\Qa.*\\E", "(?x) a .* b", "^a\\x41?", "^[]a]?", "^(a",
                        "^a{,3}", "^a)"] {
            #expect(RegexDecisionForm.pattern(of: pattern) == pattern, "\(pattern)")
        }
    }

    /// The boilerplate rows whose deciding form differs answer as their whole pattern does, on
    /// every line of the labelled pages and the seeds, and on lines written for them.
    @Test func theRulesDecideAsTheirPatterns() throws {
        let rules = BoilerplateRules.standard.rules.filter { $0.decidingRegex !== $0.regex }
        #expect(rules.count >= 5)
        #expect(rules.allSatisfy { $0.boundary != .closesPage })
        var lines = [
            "版权所有：天水新闻网 Copyright © 2015-2018 All Rights Reserved", "版权所有：某某网", "版权所有", "版权所有 2015", "Copyright 2020",
            "Copyrighted", "© 2021 某某网 ALL RIGHTS RESERVED.", "2018-03-04 07:19:44 来源：天水日报 作者：某某 字号：大 中 小",
            "2018-03-04 07:19:44 点击：", "2018年3月4日 来源", "2018-03-04" + String(repeating: "字", count: 41) + "来源", "相关阅读", "相关阅读：",
            "（注：本文版权所有，未经授权，严禁转载！）", "本文版权所有，禁止转载", "声明：本站转载文章", "联系电话：0931-1234567",
            "点击上方“某某发布”关注", "网站版权所有 Copyright©2019 all rights reserved.", "萍乡城事网—萍乡最具影响力门户网站 门户",
            "某某在线 – 某某最具影响力门户网站", "某某网—", "网—门户", "更多精彩内容，敬请关注", "更多请关注", "本帖最后由 某某 于 2020-01-02 10:11 编辑",
            "本帖最后由某某于 2020-01-02 10:11:12 编辑过",
        ]
        let root = Support.packageRoot
        let dirs = ["testdata/pages", "testdata/seeds"] + (try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("testdata/pages").path))
            .filter { $0.hasPrefix("heldout") }.map { "testdata/pages/" + $0 }
        for dir in dirs {
            let url = root.appendingPathComponent(dir)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".txt") {
                let text = String(decoding: try Data(contentsOf: url.appendingPathComponent(name)), as: UTF8.self)
                lines += text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init).filter { $0.utf8.count <= BoilerplateRules.maxLineBytes }
            }
        }
        #expect(lines.count > 3000)
        for rule in rules {
            var taken = 0
            for line in lines {
                let whole = matches(rule.regex, line)
                #expect(matches(rule.decidingRegex, line) == whole, "\(rule.pattern) on \(line)")
                if whole { taken += 1 }
            }
            #expect(taken > 0, "\(rule.pattern) takes no line of the cases")
        }
    }

    /// On random short texts, patterns built of the pieces the rewrites touch decide as their forms do.
    @Test func randomTextsDecideAlike() throws {
        let patterns = ["^\\S{1,3}b\\S", "^a.{0,3}b(c)?", "a.*b\\s*", "^.{1,4}(b|c)[：:]?", "^(a|b).+c(.{0,2}d)?", "^a.?b.{2,}c", "中.{0,2}文(.{0,3}?字\\.?)?"]
        var random = SplitMix(state: 12)
        let alphabet: [Character] = ["a", "b", "c", "d", " ", ".", "中", "文", "字", "：", "\n"]
        for pattern in patterns {
            let form = RegexDecisionForm.pattern(of: pattern)
            #expect(form != pattern, "\(pattern)")
            let whole = try ICURegex(pattern), deciding = try ICURegex(form)
            for _ in 0 ..< 400 {
                let text = String((0 ..< Int(random.next() % 9)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
                #expect(matches(deciding, text) == matches(whole, text), "\(pattern) → \(form) on \(text.debugDescription)")
            }
        }
    }
}
