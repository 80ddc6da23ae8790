import Foundation
import Testing
@testable import CivKit

/// Where a glued page begins by the forms of a page's first line (issue 17, forms of the second
/// held-out set): a banner after a footer that named its owner, a banner glued after Latin text,
/// footer menus, an address, a welcome line, a Latin first line, a banner whose name the head
/// repeats inside an item.
@Suite struct PageStartFormsTests {
    let rules = BoilerplateRules.standard

    func rest(_ line: String) -> String? {
        rules.gluedPageStart(in: line).map { String(line[$0...]) }
    }

    /// The records civ-clean makes of a news page ending in `last` (a signature, a footer) with
    /// the page of `lines` glued after it, which must be two: that page is one of its own. And
    /// the first page's length in bytes.
    func recordsOfPageGluedAfterNews(ending last: String, _ lines: [String]) throws -> (records: [Record], firstLength: Int) {
        let a = ["某某区召开文明创建推进会", "2023-05-06 来源：某某区融媒体中心", "5月5日，某某区召开文明创建推进会，部署下一阶段工作。",
                 "会议要求，各街道要对照测评体系逐项整改。", last].joined(separator: "\n")
        let (records, _, _) = try Support.cleanRecords(Array((a + lines.joined(separator: "\n")).utf8), wholeInput: false)
        #expect(records.count == 2)
        return (records, a.utf8.count)
    }

    @Test func aBannerAfterAFooterThatNamedItsOwnerBeginsAPage() {
        #expect(rest("Copyright © 2024 某某问答网 版权所有梓川电脑维修网") == "梓川电脑维修网")
        // `版权所有` with no owner before it: the owner follows (`版权所有：某某网`, `版权所有某某网`).
        #expect(rest("版权所有梓川电脑维修网") == nil)
        #expect(rest("版权所有：梓川电脑维修网") == nil)
        #expect(rest("版权所有：某某网 所在位置不详") == nil)
    }

    @Test func aBannerGluedAfterLatinTextInAFooterBeginsAPage() {
        #expect(rest("Copyright © 2016-2024 www.example.com 梓川电脑维修网 版权所有 Power by DedeCms百科知识网") == "百科知识网")
        // Not a banner after the Latin text: no cut.
        #expect(rest("Copyright © 2016-2024 www.example.com梓川市的电脑维修") == nil)
        // A registration's number and unit are the old page's; so is a footer's markup.
        #expect(rest("版权所有：某某日报社  琼ICP备10001234号江岸网 江岸新闻 江岸图片") == "江岸网 江岸新闻 江岸图片")
        #expect(rest("<footer>某某融媒体中心 版权所有</footer>西平县人民政府") == "西平县人民政府")
    }

    @Test func footerMenusAddressesAndMirrorsNoticesEndAPage() {
        #expect(rest("网站地图 | 版权声明 | 联系站长作文网 > 作文大全 > 小学作文") == "作文网 > 作文大全 > 小学作文")
        #expect(rest("会员登录 免费注册已阅读3页，还剩17页未读，继续免费阅读") == "已阅读3页，还剩17页未读，继续免费阅读")
        #expect(rest("本文链接：https://xx.example.cn/content/2023/1234567.html柳溪论坛") == "柳溪论坛")
        #expect(rest("平川新闻网 版权所有 未经授权禁止复制或建立镜像繁体 | 无障碍 | 适老化") == "繁体 | 无障碍 | 适老化")
        #expect(rest("某某网版权所有 未经书面授权不得转载掌中某某(www.example.com)") == "掌中某某(www.example.com)")
    }

    @Test func aSitesWelcomeBeginsAPageInsideALineButNotInsideASentence() {
        #expect(rest("2022年安全生产月活动方案欢迎来到云点文库！| 帮助中心") == "欢迎来到云点文库！| 帮助中心")
        #expect(rest("他说：欢迎来到我们的文明网！") == nil)
        // A menu of the site's tools begins a page only glued after text, not after its own bar.
        #expect(rest("平川新闻网 版权声明繁体 | 无障碍 | 适老化") == "繁体 | 无障碍 | 适老化")
        #expect(rest("无障碍 | 长者模式 | 繁体版") == nil)
        #expect(!rules.startsPage("无障碍 | 长者模式 | 繁体版"))
        // So does a trail from the home page.
        #expect(rest("文明城市创建标语大全首页 > 精选范文 >") == "首页 > 精选范文 >")
        #expect(rest("网站首页 > 新闻") == nil)
        #expect(rules.startsPage("欢迎来到云点文库！| 帮助中心"))
        #expect(!rules.startsPage("欢迎来到美丽的小城！"))
    }

    /// A reading-time note, a page's first line above its title, begins a page where it is glued
    /// after the old page's last line; on a line of its own it starts nothing.
    @Test func aReadingTimeNoteGluedAfterTextBeginsAPage() throws {
        #expect(rest("某某镇召开志愿服务推进会本篇文章512字，读完约1分钟") == "本篇文章512字，读完约1分钟")
        #expect(rest("本篇文章512字，读完约1分钟") == nil)
        #expect(!rules.startsPage("本篇文章512字，读完约1分钟"))
        let (records, firstLength) = try recordsOfPageGluedAfterNews(ending: "相关新闻：某某镇召开志愿服务推进会", [
            "本篇文章512字，读完约1分钟", "东江县广播电视台赴乡村拍摄专题片", "5月8日起，东江县广播电视台派出摄制小队奔赴各乡镇，为专题片汇集素材。"])
        #expect(records.last?[FieldKey.offset] == String(firstLength))
    }

    /// After a field's colon a welcome is speech, unless a sure end closes the field's value (an
    /// identifier, a footer field ended by its suffix, closing words); a document site names itself `文档`.
    @Test func aSitesWelcomeAfterAFieldsSureEndBeginsAPage() {
        #expect(rest("网站标识码：4307000042欢迎来到某某文库！ | 帮助中心 上传文档赚收益") == "欢迎来到某某文库！ | 帮助中心 上传文档赚收益")
        #expect(rest("技术支持：某某县融媒体中心欢迎来到某某文档！ | 帮助中心") == "欢迎来到某某文档！ | 帮助中心")
        #expect(rest("您是本站第 0012873 位访客欢迎来到某某文库！ | 帮助中心") == "欢迎来到某某文库！ | 帮助中心")
        #expect(rules.startsPage("欢迎来到某某文档！ | 帮助中心 分享价值，成长自我！"))
        // Speech, and a field whose value has no sure end: no page.
        #expect(rest("他说：欢迎来到我们的文明网！") == nil)
        #expect(rest("联系人：王主任欢迎来到某某文库！ | 帮助中心") == nil)
        #expect(rest("联系电话：0712-52欢迎来到某某文库！ | 帮助中心") == nil)
    }

    @Test func aSitesNameAfterAMenusBarIsAnItemNotAPage() {
        let lines = RepeatedSiteLines()
        let footer = Array("小黑屋|手机版|柳溪论坛".utf8)
        let own = [Array("柳溪论坛".utf8)]
        #expect(footer.withUnsafeBufferPointer { lines.gluedPageStart(in: $0, firstLines: own) } == nil)
        let glued = Array("发表评论柳溪论坛".utf8)  // (after text, the same name begins a page)
        #expect(glued.withUnsafeBufferPointer { lines.gluedPageStart(in: $0, firstLines: own) } == Array("发表评论".utf8).count)
    }

    @Test func aLatinFirstLineGluedAfterHanTextBeginsAPage() {
        let lines = ["相关推荐", "创建文明城市工作汇报材料Untitled Document", "logo", "日期：[2023年05月16日] -- 某某晚报 -- 版次：[A03]"]
            .map { Array($0.utf8) }
        let firstLine: (UnsafeBufferPointer<UInt8>) -> Bool = { p in self.rules.rules.contains { $0.boundary == .startsPage && $0.scope == .first && $0.matches(p) } }
        let cut = PageHeadCut.cut(in: lines, searchable: 3, isFirstLine: firstLine)
        #expect(cut?.line == 1 && cut.map { String(decoding: lines[1][$0.start...], as: UTF8.self) } == "Untitled Document")
        // Without the rule for it, Latin text after Han is no page.
        #expect(PageHeadCut.cut(in: lines, searchable: 3) == nil)
    }

    @Test func aMobilePagesAppBarGluedAfterAnotherPageBeginsItWhereAHeadBylineFollows() throws {
        let (records, firstLength) = try recordsOfPageGluedAfterNews(ending: "审核：石永康", [
            "立即下载", "麻溪县举行文明实践志愿服务队授旗仪式", "2023-09-12 16:05:33 字号：",
            "9月12日上午，麻溪县新时代文明实践志愿服务队授旗仪式举行。", "仪式上，各志愿服务队作了表态发言。"])
        #expect(records.last?[FieldKey.offset] == String(firstLength))
        // A line of its own is no page start.
        #expect(!rules.startsPage("立即下载"))
    }

    @Test func aBannerWhoseNameTheHeadRepeatsInsideAnItemBeginsAPage() {
        let lines = ["关 键 词：", "青石镇 创建 文明 村镇 工作汇报沙溪县人民政府", "无障碍 | 长者模式 | 繁体版",
                     "首页 政务公开 政务服务 互动交流 走进沙溪", "当前位置：首页 > 政务动态 > 部门动态"].map { Array($0.utf8) }
        let banner: (UnsafeBufferPointer<UInt8>) -> Bool = { self.rules.isBanner(String(decoding: $0, as: UTF8.self)) }
        let cut = PageHeadCut.cut(in: lines, searchable: 4, isBanner: banner)
        #expect(cut?.line == 1 && cut.map { String(decoding: lines[1][$0.start...], as: UTF8.self) } == "沙溪县人民政府")
        // The old page's own name is no new page's.
        #expect(PageHeadCut.cut(in: lines, searchable: 4, oldPageNames: { String(decoding: $0, as: UTF8.self) == "沙溪" }, isBanner: banner)?.line != 1)
    }

    @Test func catOfPagesSplitsAtTheseForms() throws {
        let (records, _) = try recordsOfPageGluedAfterNews(ending: "网站地图 | 版权声明 | 联系站长", [
            "作文网 > 作文大全 > 小学作文", "创建文明城市作文300字", "2025-02-11 08:20 编辑：小蓝",
            "我们的城市正在创建全国文明城市，街道变干净了。", "大家也越来越讲文明了。"])
        #expect(records.last?.lines.first == "创建文明城市作文300字")
    }

    /// A government portal's bar of links to the portals above it, glued after another page's last
    /// line, begins the page there; the same bar on a line of its own is a footer's links (above
    /// the copyright), no page start, and after a label's colon it is that label's list.
    @Test func aGovernmentPortalsLinkBarGluedAfterAnotherPageBeginsIt() throws {
        #expect(rest("您使用的浏览器版本过低，建议升级中国政府网　省政府网　English　市人大　市政协") == "中国政府网　省政府网　English　市人大　市政协")
        #expect(rest("Powered by Discuz! X3.5中国政府网 | 省政府网 | 市政府网 | 县人大") == "中国政府网 | 省政府网 | 市政府网 | 县人大")
        #expect(rest("友情链接：中国政府网 省政府网 县人大") == nil)
        #expect(rest("中国政府网 | 省人民政府门户网站 | 县人大 | 县政协") == nil)
        let head = ["中国政府网　省政府网　English　市人大　市政协", "东坪县人民政府", "首页 政务公开 政务服务 互动交流",
                    "当前位置：首页 > 政务公开 > 乡镇动态", "白沙镇开展集镇环境整治", "日期：2025-05-12 16:20　来源：白沙镇人民政府",
                    "5月10日，白沙镇组织干部对集镇主街开展环境卫生集中整治。"]
        for last in ["您使用的浏览器版本过低，建议升级", "中国政府网 | 省人民政府门户网站 | 县人大\n主办：某某区人民政府办公室"] {
            let (records, firstLength) = try recordsOfPageGluedAfterNews(ending: last, head)
            #expect(records.map { $0[FieldKey.offset] } == ["0", String(firstLength)], "\(last)")
        }
        // The footer's bar alone ends its page: one document.
        let page = "某某区召开文明创建推进会\n2023-05-06 来源：某某区融媒体中心\n5月5日，某某区召开文明创建推进会。\n中国政府网 | 省人民政府门户网站 | 县人大\n主办：某某区人民政府办公室"
        #expect(try Support.cleanRecords(Array(page.utf8)).records.count == 1)
    }

    /// A page's keyword line (short items between commas) right after an end-of-page marker is
    /// that page's first line; a trail whose first item names its site before `首页`, glued after
    /// a footer's end, begins at the name (not at `首页`); on a line of its own it is one start.
    @Test func aKeywordLineAfterAMarkerAndANamedHomeTrailBeginAPage() {
        #expect(rest("相关分类柳岸新闻，柳岸县新闻网，柳岸最新消息，柳岸今日头条") == "柳岸新闻，柳岸县新闻网，柳岸最新消息，柳岸今日头条")
        #expect(rest("建议使用1366×768以上分辨率浏览东源网首页 > 资讯 > 地方 > 正文") == "东源网首页 > 资讯 > 地方 > 正文")
        #expect(rest("技术支持：某某电子东源网首页 > 资讯 > 正文") == "东源网首页 > 资讯 > 正文")
        // No footer's end before the name: the trail begins at `首页`, as before.
        #expect(rest("城东街道开展文明劝导东源网首页 > 资讯 > 正文") == "首页 > 资讯 > 正文")
        #expect(rest("东源网首页 > 资讯 > 地方 > 正文") == nil)
        func named(_ s: String, _ home: String) -> Int? {
            var s = s
            let at = s.utf8.count - home.utf8.count
            return s.withUTF8 { PageHeadCut.namedHomeStart($0, home: at) }
        }
        #expect(named("联系我们东源网首页", "首页") == "联系我们".utf8.count)
        #expect(named("联系我们东源新闻首页", "首页") == nil)
        func afterName(_ s: String) -> Bool { var s = s; return s.withUTF8 { PageHeadCut.afterSiteName($0, at: $0.count - "首页 > 资讯".utf8.count) } }
        #expect(afterName("东源网首页 > 资讯") && !afterName("城东街道举办东源首页 > 资讯"))
    }

    /// A site's language switch (`中文版 | English`) glued after the old page's last title begins a page.
    @Test func aLanguageSwitchGluedAfterATitleBeginsAPage() throws {
        let (records, firstLength) = try recordsOfPageGluedAfterNews(ending: "相关文章\n东源：万名学子参加春季运动会", ["中文版 | English", "东源县人民医院",
            "首页 | 医院概况 | 新闻中心 | 科室导航", "首页 > 新闻中心 > 通知公告", "关于国庆节期间门诊安排的通知", "发布时间：2024-09-25 来源：院办", "国庆节期间，我院门诊安排如下。"])
        #expect(records.last?[FieldKey.offset] == String(firstLength))
        #expect(Array("中文版 | English".utf8).withUnsafeBufferPointer { rules.opensHead($0) })
    }
}
