import Testing
@testable import CivKit

/// What a line must end with, read off a boilerplate pattern (`RulePrefilter.requiredSuffixes`):
/// only where every match ends so, nil otherwise.
struct RulePrefilterSuffixTests {
    @Test func aTrailingLiteralOrGroupOfLiteralsIsRequired() {
        func suffixes(_ pattern: String) -> [String]? { RulePrefilter.requiredSuffixes(of: pattern)?.map { String(decoding: $0, as: UTF8.self) } }
        #expect(suffixes("查看内容$") == ["查看内容"] && suffixes("^第[A-Z]?\\d{1,3}版$") == ["版"])
        #expect(suffixes("。(社会|财经)$") == ["社会", "财经"])
        #expect(suffixes("^\\S{2,24}网\\s*[-—–]+\\s*\\S{0,24}(网站|门户|网)$") == ["网站", "门户", "网"])
        // A class, a quantifier, an escape, an alternation at the top, an option, a nested group: nil.
        for pattern in ["来自\\p{Han}{2,4}$", "ab+$", "ab?$", "^\\d+\\.$", "^a|bc$", "^a|b(c)d$",
                        "(?i:all rights reserved)$", "(x(a|b))$", "(x(a|b))?$", "^第\\d版\\n\\S{1,8}$", "\\$"] {
            #expect(suffixes(pattern) == nil, "\(pattern)")
        }
    }

    @Test func everyLineTheTableTakesEndsWithItsRulesSuffix() {
        // The table's own rows: a suffix read off a row never rules out a line its regex takes.
        let lines = ["相关搜索：文明城市 志愿服务", "12日，某某市农民丰收节开幕，现场展销农产品200余种。社会", "金川日报网-金川市委机关报网站",
                     "某某网 首页 新闻", "作品由 美篇工作版 编辑制作", "查看内容", "2024/06/18 推荐"]
        for rule in BoilerplateRules.standard.rules where rule.suffixes != nil {
            for line in lines {
                var line = line
                let taken = line.withUTF8 { p in rule.regex.firstMatchEnd(in: p) != nil }
                let allowed = line.withUTF8 { p in rule.suffixes!.contains { RulePrefilter.hasSuffix(p, $0) } }
                #expect(!taken || allowed, "\(rule.pattern) \(line)")
            }
        }
    }
}

/// A line's opening bit (`RulePrefilter.openingBit`): a rule whose opening bits lack it could not
/// take the line, and every line its prefixes allow has one of its bits.
struct RulePrefilterOpeningTests {
    @Test func everyPrefixAllowsTheLinesStartingWithIt() {
        for rule in BoilerplateRules.standard.rules {
            let bits = RulePrefilter.openingBits(of: rule.prefixes)
            guard let prefixes = rule.prefixes else { #expect(bits == ~0); continue }
            for prefix in prefixes {
                for line in [prefix, prefix + Array("网".utf8), prefix + [0x20]] {
                    #expect(line.withUnsafeBufferPointer { RulePrefilter.openingBit($0) } & bits != 0, "\(rule.pattern)")
                }
            }
        }
        // Short lines, and prefixes shorter than three bytes, rule nothing out.
        #expect(RulePrefilter.openingBits(of: [[0x31]]) == ~0)
        #expect([UInt8](Array("网".utf8).prefix(2)).withUnsafeBufferPointer { RulePrefilter.openingBit($0) } == ~0)
        // And they tell Han openings apart: 相关 and 版权 share their first byte (E7), not their bit.
        let related = RulePrefilter.openingBits(of: [Array("相关".utf8)])
        #expect(related.nonzeroBitCount == 1 && Array("版权所有".utf8).withUnsafeBufferPointer { RulePrefilter.openingBit($0) } & related == 0)
    }
}
