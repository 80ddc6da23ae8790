/// A forum's login head as a page's first lines (`柳溪论坛` over `找回密码`, `注册`, `QQ登录`): the
/// site's name glued after the old page's last line, the next two non-empty lines each a login
/// box's link alone. The name begins where a footer's end or a sure end leaves it
/// (`PageHeadCut.nameGluedAfterEnd`: `…Power by DedeCms柳溪论坛`, `…发布柳溪论坛`) or by its form after a
/// related list's title (`RelatedTitleBannerStart`: `…工作汇报材料柳溪论坛`). A page's own footer puts
/// its links on one line (`登录 | 注册`) or after its name's separator (`小黑屋|手机版|柳溪论坛`).
/// Counted as `pages.login-head-split`.
enum LoginHeadStart {
    /// A login box's links, each alone on its line.
    static let loginLinks = ["登录", "注册", "找回密码", "QQ登录", "立即注册", "免费注册", "会员登录", "用户登录", "忘记密码"].map { Array($0.utf8) }
    /// How many such lines, one under another, show the login box.
    static let linksBelow = 2

    /// Whether `p` is one of a login box's links alone (spaces around it aside).
    static func isLoginLink(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count <= maxLinkBytes else { return false }
        var from = 0, to = p.count
        while from < to, p[from] == 0x20 { from += 1 }
        while to > from, p[to - 1] == 0x20 { to -= 1 }
        let link = UnsafeBufferPointer(rebasing: p[from ..< to])
        return loginLinks.contains { $0.count == link.count && link.elementsEqual($0) }
    }

    static let maxLinkBytes = 24

    /// Where the site's name glued at the end of `p` begins, or nil.
    static func start(in p: UnsafeBufferPointer<UInt8>) -> Int? {
        guard p.count <= PageHeadCut.maxLineBytes else { return nil }
        return PageHeadCut.nameGluedAfterEnd(p) ?? RelatedTitleBannerStart.start(in: p)
    }
}
