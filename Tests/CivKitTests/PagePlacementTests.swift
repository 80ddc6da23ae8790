import Testing
@testable import CivKit

/// Where a page's start is placed on the heads and feet of a local-news crawl (heldout11's forms):
/// the old page's last line found by its own end (an address, closing words), a footer field's
/// value ended at its last suffix, a masked phone, a tools row with its `简 | 繁` switch.
struct PagePlacementTests {
    static let article = "东江市召开创建工作会议\n会议要求，全市上下要攻坚克难，确保各项任务按期完成。\n"
    static let page = "东江资讯网 - 关注本地民生\n首页 | 本地 | 民生 | 教育 | 健康\n当前位置：首页 > 本地 > 正文\n南门老街完成改造\n"
        + "2024-05-20 来源：东江日报\n南门老街改造工程日前完工，街面焕然一新。"

    func offsets(_ text: String) throws -> ([String?], CleanStage) {
        let (records, _, stage) = try Support.cleanRecords(Array(text.utf8))
        return (records.map { $0[FieldKey.offset] }, stage)
    }

    /// A contact line ending in an address's house number, or a line ending in a page's closing
    /// words (no footer's word in it), is the old page's last line (`FooterLineStart.footerWords`,
    /// `endsSurelyAlone`): the page saved with its final newline begins on the line under it.
    @Test func anAddressOrClosingWordsEndTheOldPagesLastLine() throws {
        for end in ["网站标识码：4311290012 湘ICP备05009183号-1\n联系电话：0746-3223106　地址：东江县城关镇解放路28号",
                    "打开云上东江，查看更多精彩内容", "免责声明：本站转载的内容来源于互联网，如有侵权请联系我们删除。"] {
            let first = Self.article + end + "\n"
            let (got, stage) = try offsets(first + Self.page)
            #expect(got == ["0", String(first.utf8.count)], "\(end)")
            #expect(stage.counters["pages.footer-line-split"] == 1, "\(end)")
        }
        func alone(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { FooterLineStart.endsSurelyAlone($0) } }
        #expect(alone("打开云上东江，查看更多精彩内容") && alone("如有侵权请联系我们删除。"))
        // A page's own link is a sure end inside a glued line, not its last line: related links follow.
        #expect(!alone("本文链接：https://www.example.cn/zongjie/2023/88123.html") && !alone("东江资讯网 - 关注本地民生"))
    }

    /// No join inside a line's own closing words (`查看更多|精彩内容`) nor before a rest shorter
    /// than a page's first line (`设为首页收藏|本站`): a forum's head row passes the walk up.
    @Test func noJoinInsideClosingWordsOrBeforeAShortRest() throws {
        func join(_ s: String) -> Bool { Array(s.utf8).withUnsafeBufferPointer { FooterLineStart.holdsJoin($0) } }
        #expect(!join("打开云上东江，查看更多精彩内容") && !join("设为首页收藏本站") && !join("东江发布公众号"))
        #expect(join("联系我们柳岸乡人民政府"))
        let first = Self.article + "备案号：湘ICP备18007762号\n"
        let forum = "东湖论坛 - 东湖人自己的网上家园\n设为首页收藏本站\n用户名　密码　自动登录　找回密码　立即注册\n"
            + "东湖论坛 › 东湖杂谈 › 本地新闻 › 查看内容\n查看: 2316|回复: 4\n[本地新闻] 县人民医院开通老年人就医绿色通道\n"
            + "发表于 2025-3-5 09:41:27 | 只看该作者\n记者从县人民医院获悉，该院在门诊大厅开设老年人就医绿色通道。"
        let (got, stage) = try offsets(first + forum)
        #expect(got == ["0", String(first.utf8.count)])
        #expect(stage.counters["pages.footer-line-split"] == 1)
    }

    /// A footer field's value goes on to its last suffix in its Han run, whatever follows it
    /// (`技术支持：某某日报社|数字传媒中心|关闭`): the next page begins after `中心`.
    @Test func aFieldsValueEndsAtItsLastSuffix() {
        let line = Array("地址：东江市迎宾大道66号 技术支持：东江日报社数字传媒中心关闭".utf8)
        let afterPress = Array("地址：东江市迎宾大道66号 技术支持：东江日报社".utf8).count
        let afterCentre = Array("地址：东江市迎宾大道66号 技术支持：东江日报社数字传媒中心".utf8).count
        #expect(line.withUnsafeBufferPointer { PageHeadCut.lastFieldValueEnd($0, after: afterPress) } == afterCentre)
    }

    /// An end found inside the old page's footer run goes on to the run's end (`footerRunEnd`):
    /// a comment box's `评论|网友评论` to its closing words, a field's value to its last suffix.
    @Test func aCutInsideAFooterRunMovesToItsEnd() {
        func end(_ s: String, _ before: String) -> Int { Array(s.utf8).withUnsafeBufferPointer { PageHeadCut.footerRunEnd($0, at: before.utf8.count) } }
        #expect(end("共有 访客发表了评论网友评论东江新闻 > 东江号 > 正文", "共有 访客发表了评论") == "共有 访客发表了评论网友评论".utf8.count)
        #expect(end("技术支持：东江日报社数字传媒中心东江新闻 > 东江号 > 正文", "技术支持：东江日报社") == "技术支持：东江日报社数字传媒中心".utf8.count)
        #expect(end("湘ICP备12345678号东江新闻 > 东江号", "湘ICP备12345678号") == "湘ICP备12345678号".utf8.count)
    }

    /// A masked phone (`0731-8452XXXX`) ends its line: the `X`s are no next page.
    @Test func aMaskedPhoneEndsTheLastLine() throws {
        let (got, _) = try offsets(Self.article + "主办：东江教育报刊社　湘ICP备06012539号　联系电话：0731-8452XXXX")
        #expect(got == ["0"])
    }

    /// A site's tools row with its script switch (`无障碍浏览 | 长者模式 | 简 | 繁`) glued after
    /// the old page's last line begins the page there (`starts-glued`).
    @Test func aToolsRowWithScriptSwitchGluedBeginsThePage() throws {
        let first = Self.article + "联系电话：0746-3223106　地址：东江县城关镇解放路28号"
        let second = "无障碍浏览 | 长者模式 | 简 | 繁\n登录 | 注册\n东江县人民政府\n当前位置：首页 > 政务公开 > 乡镇动态\n"
            + "芦塘镇召开安全生产工作部署会\n发布时间：2025-03-13 16:42　来源：芦塘镇人民政府\n3月12日，芦塘镇召开安全生产工作部署会。"
        let (got, stage) = try offsets(first + second)
        #expect(got == ["0", String(first.utf8.count)])
        #expect(stage.counters["pages.glued-line-split"] == 1)
    }
}
