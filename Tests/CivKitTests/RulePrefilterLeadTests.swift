import Testing
@testable import CivKit

/// `RulePrefilter.lead`: where a literal may stand after a pattern's bounded opening run.
struct RulePrefilterLeadTests {
    func allows(_ lead: LeadPrefilter, _ line: String) -> Bool {
        var line = line
        return line.withUTF8 { lead.allows($0) }
    }

    @Test func aLabelAfterAnyRunNeedsItsColonAfterIt() throws {
        let lead = try #require(RulePrefilter.lead(of: "^.{0,100}电话\\s*[：:]\\s*[0-9][0-9-]{6,14}[0-9]"))
        #expect(lead.excluded.isEmpty && lead.minimum == 0 && lead.maximum == 100 && lead.literals == [Array("电话".utf8)])
        #expect(allows(lead, "联系电话：0931-1234567") && allows(lead, "电话 \u{3000}: 12345678"))
        // Prose: the word without its colon, or too far in.
        #expect(!allows(lead, "前台打电话询问，说不清楚：房间很小") && !allows(lead, "电话"))
        #expect(!allows(lead, String(repeating: "字", count: 101) + "电话：12345678"))
        #expect(allows(lead, String(repeating: "字", count: 100) + "电话：12345678"))
    }

    @Test func aGroupOfLabelsIsReadAsAlternatives() throws {
        let lead = try #require(RulePrefilter.lead(of: "^.{0,100}(邮箱|信箱|E-mail|Email|email)\\s*[：:]\\s*[A-Za-z0-9._-]+@"))
        #expect(lead.literals.count == 5)
        #expect(allows(lead, "投稿邮箱：a@b.cn") && allows(lead, "E-mail : a@b.cn"))
        #expect(!allows(lead, "使用 use strict, @ISA会引起抱怨") && !allows(lead, "由邮件列表（perl5-porters@perl.org.）维护"))
    }

    @Test func aNegatedRunStopsAtItsFirstExcludedCharacter() throws {
        let lead = try #require(RulePrefilter.lead(of: "^[^，。]{0,60}?版权所有(?=[^\\s，。的：:])"))
        #expect(lead.excluded == Set("，。".unicodeScalars.map(\.value)))
        #expect(allows(lead, "某某网版权所有©") && allows(lead, "版权所有某某网"))
        // After a comma; followed by a comma, a colon or nothing.
        #expect(!allows(lead, "本站声明，版权所有某某") && !allows(lead, "（注：本文版权所有，未经授权，严禁转载！）"))
        #expect(!allows(lead, "版权所有：某某网") && !allows(lead, "某某版权所有"))
    }

    @Test func aSiteNameMustEndBeforeItsFirstSpace() throws {
        let lead = try #require(RulePrefilter.lead(of: "^[^\\s：:，。（(]{1,14}网(\\s+[^\\s：:，。]{2,8}){0,6}$"))
        #expect(lead.minimum == 1 && lead.maximum == 14 && lead.follower == nil)
        #expect(allows(lead, "清江网 清江新闻") && allows(lead, "高台在线—高台最具影响力门户网站 门户"))
        #expect(!allows(lead, "免费注册 网站导航") && !allows(lead, "网 要闻") && !allows(lead, "G (use gateway)使用网关"))
        #expect(!allows(lead, "这个全局选项允许samba管理员限制一台主机的某一个网络接口"))
    }

    @Test func aTrailsFirstItemCannotOpenWithItsSeparator() throws {
        let lead = try #require(RulePrefilter.lead(of: "^(?!更多)[^\\s<>，。：:]{1,12}\\s*(>>?|»|＞|›)\\s*[^，。！？>»›<:：]{1,16}$"))
        #expect(lead.literals.isEmpty && lead.minimum == 1)
        #expect(allows(lead, "首页 > 要闻") && !allows(lead, ">>") && !allows(lead, ""))
    }

    @Test func patternsItCannotReadGiveNoLead() {
        for pattern in ["^本站.{0,80}转载", "^.{0,}电话", "^.{3}电话", "^.*电话", "^[^a-z]{0,5}电话", "^\\d{4}年", "^a|.{0,5}b",
                        "^.{0,5}电话\\s*[^：]", "^.{0,5}电话\\s*[ ：]"] {
            let lead = RulePrefilter.lead(of: pattern)
            #expect(lead == nil || lead!.follower == nil && (pattern.hasSuffix("[^：]") || pattern.hasSuffix("[ ：]")), "\(pattern)")
        }
    }
}
