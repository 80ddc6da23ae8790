import Testing
@testable import CivKit

/// A forum's login head (`LoginHeadStart`): its name glued after the old page's last line, its
/// login links below, each alone on its line.
struct LoginHeadStartTests {
    static let article = "东江市召开创建工作会议\n会议要求，全市上下要攻坚克难。\n相关阅读\n"
    static let forum = "柳岸论坛\n找回密码\n注册\nQQ登录\n只需一步，快速开始\n查看: 512|回复: 3\n南门老街的早餐摊去哪了？\n以前街口有好几个早餐摊，最近都不见了。"

    @Test func aForumsNameAboveItsLoginLinksBeginsThePage() throws {
        // (A registration number's `号` closes a page by its own rule, `pages.glued-line-split`.)
        for (end, byLogin) in [("南门老街改造工作汇报材料", true), ("未经授权禁止复制或建立镜像", true), ("发布", true),
                               ("湘公网安备43010202000123号", false)] {
            let first = Self.article + end
            let (records, _, stage) = try Support.cleanRecords(Array((first + Self.forum).utf8))
            #expect(records.map { $0[FieldKey.offset] } == ["0", String(first.utf8.count)], "\(end)")
            if byLogin { #expect(stage.counters["pages.login-head-split"] == 1, "\(end)") }
        }
    }

    @Test func oneLinkOrAFootersLinksStartNoPage() throws {
        // One login link under the line: no login box.
        let one = Self.article + "南门老街改造工作汇报材料柳岸论坛\n注册\n以前街口有好几个早餐摊，最近都不见了。"
        #expect(try Support.cleanRecords(Array(one.utf8)).0.count == 1)
        // The old page's own footer: its name after a separator.
        let footer = Self.article + "小黑屋|手机版|柳岸论坛\n登录\n注册\n以前街口有好几个早餐摊，最近都不见了。"
        #expect(try Support.cleanRecords(Array(footer.utf8)).0.count == 1)
        #expect(Array("找回密码".utf8).withUnsafeBufferPointer { LoginHeadStart.isLoginLink($0) })
        #expect(!Array("登录 注册".utf8).withUnsafeBufferPointer { LoginHeadStart.isLoginLink($0) })
    }
}
