import Testing
@testable import CivKit

/// Runs the standard extractors over a record built from fields and text lines.
private func extract(_ lines: [String], fields: [(String, String)] = []) -> Record {
    var record = Record(fields: fields.map { Record.Field($0.0, $0.1) }, lines: lines)
    var counters = Counters()
    ExtractionPipeline().run(on: &record, counters: &counters)
    return record
}

/// Seed 1 as civ-clean writes it (text shortened).
let seed1 = Record(
    fields: [
        .init("source", "testdata/seeds/000_0f8254f664746d59.txt"), .init("offset", "0"), .init("length", "4503"),
        .init("banner", "萍乡城事网—萍乡最具影响力门户网站 门户 城事资讯 安源区政府 查看内容"),
        .init("byline", "2019-7-22 10:34| 发布者：admin| 评论：0|来自：安源区政府"),
        .init("repairs", "pinyin-annotation=210 traditional=300"),
    ],
    lines: [
        "市委常委、宣传部长聂晓葵深入安源区督导文明创建",
        "7月19日上午，市委常委、宣传部长、市创建指挥部常务副总指挥聂晓葵深入安源区督导全国文明城市创建工作。",
        "会上，郭建斌汇报了今年以来我区创建全国文明城市工作整体情况。",
    ])

/// Seed 2 as civ-clean writes it (text shortened).
let seed2 = Record(
    fields: [
        .init("source", "testdata/seeds/002_a935c60afc64b141.txt"), .init("offset", "0"), .init("length", "4073"),
        .init("breadcrumb", "您当前的位置：中国张掖网 >> 问政 >> 卢小亨活动报道集"),
        .init("byline", "来源：张掖市广播电视台 张掖日报"),
        .init("byline", "2022年03月03日 23:55"),
        .init("repairs", "pinyin-annotation=188 traditional=285"),
    ],
    lines: [
        "卢小亨在调研创建全国文明城市工作时强调 对标创建标准 聚力攻坚克难 全面提升城市建设管理服务水平",
        "中国张掖网讯据张掖日报报道（记者王瑞云）3月3日，市委书记卢小亨深入甘州区调研创建全国文明城市工作。",
        "卢小亨一行来到甘州区博物馆、图书馆、南街佛城社区。",
    ])

@Suite struct ExtractTests {
    /// Every extractor on every cut of credit, date and visit lines: a line may end anywhere (a
    /// page cut short, a line split at the cap), and a scan past the end crashed civ-extract on
    /// `福鼎新闻网讯（郑红`. No cut may crash, and a whole line still gives its reporter.
    @Test func linesCutAnywhereNeverCrash() {
        let lines = ["福鼎新闻网讯（郑红）7月5日，市委书记卢小亨深入安源区调研。", "梅岭在线（刘敏 黄志刚）",
                     "记者 陈某 通讯员 黄某 摄影 孙博", "□王思言", "江北日报记者 许静", "文/图 李明 责任编辑：王瑞云",
                     "2022年3月3日，卢小亨先后来到甘州区南街街道、张掖市第一中学，", "来源：张掖市广播电视台 作者：王某"]
        for line in lines {
            let scalars = Array(line.unicodeScalars)
            for end in 0 ... scalars.count {
                var cut = ""
                cut.unicodeScalars.append(contentsOf: scalars[..<end])
                _ = extract(["标题", cut], fields: [])
            }
        }
        #expect(extract(["标题", "福鼎新闻网讯（郑红）7月5日，全市召开会议。"], fields: []).values(FieldKey.reporter) == ["郑红"])
    }

    // MARK: Seeds

    @Test func seed1Record() {
        var record = seed1
        var counters = Counters()
        ExtractionPipeline().run(on: &record, counters: &counters)
        #expect(record[FieldKey.title] == "市委常委、宣传部长聂晓葵深入安源区督导文明创建")
        #expect(record[FieldKey.published] == "2019-07-22T10:34:00+08:00")
        #expect(record[FieldKey.origin] == "安源区政府")
        #expect(record[FieldKey.site] == "萍乡城事网")
        #expect(record[FieldKey.publisher] == "admin")
        #expect(record.values(FieldKey.reporter).isEmpty)
        #expect(record.lines == seed1.lines)
        #expect(counters["extract.title"] == 1 && counters["extract.site"] == 1)
    }

    @Test func seed2Record() {
        let record = extract(seed2.lines, fields: seed2.fields.map { ($0.key, $0.value) })
        #expect(record[FieldKey.title] == "卢小亨在调研创建全国文明城市工作时强调 对标创建标准 聚力攻坚克难 全面提升城市建设管理服务水平")
        #expect(record[FieldKey.published] == "2022-03-03T23:55:00+08:00")
        #expect(record[FieldKey.origin] == "张掖市广播电视台 张掖日报")
        #expect(record[FieldKey.site] == "中国张掖网")
        #expect(record.values(FieldKey.reporter) == ["王瑞云"])
        #expect(record[FieldKey.publisher] == nil)
    }

    /// The same facts in plain text, with ASCII punctuation and the header lines still in it.
    @Test func seedsAsPlainText() {
        let page1 = extract([
            "萍乡城事网—萍乡最具影响力门户网站 门户 城事资讯 安源区政府 查看内容", "",
            "市委常委、宣传部长聂晓葵深入安源区督导文明创建", "",
            "2019-7-22 10:34| 发布者: admin| 评论: 0|来自: 安源区政府", "",
            "7月19日上午,市委常委、宣传部长聂晓葵深入安源区督导。",
        ])
        #expect(page1[FieldKey.title] == "市委常委、宣传部长聂晓葵深入安源区督导文明创建")
        #expect(page1[FieldKey.published] == "2019-07-22T10:34:00+08:00")
        #expect(page1[FieldKey.origin] == "安源区政府")
        #expect(page1[FieldKey.site] == "萍乡城事网")
        #expect(page1[FieldKey.publisher] == "admin")

        let page2 = extract([
            "您当前的位置 : 中国张掖网 >> 问政 >> 卢小亨活动报道集",
            "卢小亨在调研创建全国文明城市工作时强调 对标创建标准",
            "来源:张掖市广播电视台 张掖日报",
            "2022年03月03日 23:55",
            "中国张掖网讯据张掖日报报道(记者王瑞云) 3月3日,市委书记卢小亨深入甘州区调研。",
        ])
        #expect(page2[FieldKey.title] == "卢小亨在调研创建全国文明城市工作时强调 对标创建标准")
        #expect(page2[FieldKey.published] == "2022-03-03T23:55:00+08:00")
        #expect(page2[FieldKey.origin] == "张掖市广播电视台 张掖日报")
        #expect(page2[FieldKey.site] == "中国张掖网")
        #expect(page2.values(FieldKey.reporter) == ["王瑞云"])
    }

    @Test func earlierFieldsAreKept() {
        let record = extract(seed2.lines, fields: [("title", "已有标题"), ("published", "2020-01-01"), ("reporter", "张三"),
                                                   ("byline", "2022年03月03日 23:55")])
        #expect(record.values(FieldKey.title) == ["已有标题"])
        #expect(record.values(FieldKey.published) == ["2020-01-01"])
        #expect(record.values(FieldKey.reporter) == ["张三"])
    }

    // MARK: Title

    @Test func noTitleWhenFirstLineIsASentence() {
        #expect(extract(["7月19日上午，聂晓葵深入安源区督导。", "会上，郭建斌汇报了工作情况。"])[FieldKey.title] == nil)
        #expect(extract(["他强调：", "要把创建全国文明城市作为重大民生工程。"])[FieldKey.title] == nil)
    }

    @Test func noTitleWhenTooLongOrAlone() {
        let long = String(repeating: "创建文明城市", count: 14)
        #expect(extract([long, "正文。"])[FieldKey.title] == nil)
        #expect(extract(["聂晓葵深入安源区督导文明创建"])[FieldKey.title] == nil)
        #expect(extract(["2022年03月03日 23:55", "来源：张掖日报"])[FieldKey.title] == nil)
    }

    @Test func titleSkipsHeaderLinesOfPlainText() {
        let record = extract(["2022年03月03日 23:55", "  市委书记调研创建工作  ", "正文。"])
        #expect(record[FieldKey.title] == "市委书记调研创建工作")
    }

    @Test func titleSkipsAnEPapersPageHeading() {
        #expect(extract(["2023年03月08日", "第一版：要闻", "市委书记检查创建工作", "正文。"])[FieldKey.title] == "市委书记检查创建工作")
        #expect(extract(["第A3版 综合新闻", "市委书记检查创建工作", "正文。"])[FieldKey.title] == "市委书记检查创建工作")
        #expect(extract(["第一书记：扎根乡村", "正文。"])[FieldKey.title] == "第一书记：扎根乡村")
    }

    @Test func aDatedHeaderIsNoTitleAndGivesThePublicationDate() {
        let epaper = extract(["平凉日报 2019年10月18日 第01版", "市委书记检查创建工作", "10月17日，市委书记王国栋检查创建工作。"])
        #expect(epaper[FieldKey.title] == "市委书记检查创建工作")
        #expect(epaper[FieldKey.published] == "2019-10-18")
        #expect(epaper.values(FieldKey.eventDate) == ["2019-10-17"])
        let site = extract(["东胜区：全力冲刺创建测评", "东胜区融媒体中心 2022-09-05 11:20", "9月3日，检查组来到林荫路社区。"])
        #expect(site[FieldKey.published] == "2022-09-05T11:20:00+08:00" && site.values(FieldKey.eventDate) == ["2022-09-03"])
        let repost = extract(["咸安区召开创建攻坚动员会", "原创 咸安发布 咸安发布 2023-08-21 18:30 发表于湖北", "8月21日上午，咸安区召开动员会。"])
        #expect(repost[FieldKey.published] == "2023-08-21T18:30:00+08:00")
        // A title that names a date in its own words is still a title.
        #expect(extract(["全市创文推进会2023年5月3日召开", "正文。"])[FieldKey.title] == "全市创文推进会2023年5月3日召开")
        #expect(HeaderLine.datedHeader(FoldedLine("会议指出，2023年5月3日起")) == nil)
    }

    // MARK: Publication time

    @Test(arguments: [
        ("2019-7-22 10:34", "2019-07-22T10:34:00+08:00"),
        ("2019-07-22 10:34:56", "2019-07-22T10:34:56+08:00"),
        ("2022年03月03日 23:55", "2022-03-03T23:55:00+08:00"),
        ("2022年3月3日", "2022-03-03"),
        ("2022/03/03", "2022-03-03"),
        ("2022.3.3 8:05", "2022-03-03T08:05:00+08:00"),
        ("2022年3月3日10时5分", "2022-03-03T10:05:00+08:00"),
        ("发布时间：2024-02-29 07:00", "2024-02-29T07:00:00+08:00"),
        ("时间: 2022-03-03 25:10", "2022-03-03"),
        ("２０２２－０３－０３　１０：３４", "2022-03-03T10:34:00+08:00"),
        ("来源：张掖日报 2022-03-03", "2022-03-03"),
        ("发布时间：二〇一九年七月二十二日", "2019-07-22"),
        ("二〇二〇年十二月三十一日 来源：萍乡日报", "2020-12-31"),
        ("更新时间：2021-06-18 15:47:21", "2021-06-18T15:47:21+08:00"),
    ])
    func publicationTimeForms(byline: String, expected: String) {
        #expect(extract(["标题", "正文。"], fields: [("byline", byline)])[FieldKey.published] == expected)
        // The same line at the top of plain text.
        #expect(extract(["标题", byline, "正文。"])[FieldKey.published] == expected)
    }

    @Test(arguments: ["2022-02-30 10:00", "2021-02-29", "2022-13-01", "2022年4月31日", "1850-01-01", "12022-03-03",
                      "二〇二二年二月三十日", "二〇二二-03-03", "二〇二二〇年三月三日", "一九五〇〇年三月三日"])
    func impossibleDateIsRejected(byline: String) {
        #expect(extract(["标题", "正文。"], fields: [("byline", byline)])[FieldKey.published] == nil)
    }

    @Test func dateInProseIsNoPublicationTime() {
        #expect(extract(["标题", "会议要求，2022年3月3日前完成整改。"])[FieldKey.published] == nil)
    }

    @Test func bylineFieldComesBeforeText() {
        let record = extract(["标题", "2021-01-01", "正文。"], fields: [("byline", "2022-03-03")])
        #expect(record[FieldKey.published] == "2022-03-03")
    }

    // MARK: Origin

    @Test(arguments: [
        ("来源：张掖市广播电视台 张掖日报", "张掖市广播电视台 张掖日报"),
        ("2019-7-22 10:34| 发布者：admin| 评论：0|来自：安源区政府", "安源区政府"),
        ("来源:新华网 作者:张三", "新华网"),
        ("来源：张掖日报  2022-03-03 10:00", "张掖日报"),
        ("稿源： 人民网|编辑：李四", "人民网"),
        ("文章来源：萍乡日报，有删改", "萍乡日报"),
        ("信息来源：市文明办 责任编辑：王五", "市文明办"),
    ])
    func originForms(byline: String, expected: String) {
        #expect(extract(["标题", "正文。"], fields: [("byline", byline)])[FieldKey.origin] == expected)
    }

    @Test(arguments: [
        ("来源：区委宣传部 卢珊、王妍", "区委宣传部"),
        ("来源:昆山市人民政府. 作者:消息", "昆山市人民政府"),
    ])
    func originBeforeNamesOrAFullStop(byline: String, expected: String) {
        #expect(extract(["标题", "正文。"], fields: [("byline", byline)])[FieldKey.origin] == expected)
    }

    @Test func anEmptyOriginBeforeTheNextLabelIsNone() {
        #expect(extract(["标题", "正文。"], fields: [("byline", "来源： 发布日期：2020-09-07 打印")])[FieldKey.origin] == nil)
    }

    @Test func namesInParenthesesEndingThePageAreItsCredit() {
        #expect(extract(["标题", "陈某先后来到白云大道、青杠农贸市场。", "陈某要求，要巩固提升创建成效。（王长江）"]).values(FieldKey.reporter) == ["王长江"])
        #expect(extract(["标题", "正文。", "（王长江 李明）"]).values(FieldKey.reporter) == ["王长江", "李明"])
        #expect(extract(["标题", "正文。（台山政府网/许莺）", "审编：邝新"]).values(FieldKey.reporter) == ["许莺"])
        // Not after a sentence, not names, or not among the last three lines: no credit.
        #expect(extract(["标题", "副市长（王长江）出席。"]).values(FieldKey.reporter).isEmpty)
        // An office or outlet before the name: （樊城区人大办 卢静）.
        #expect(extract(["标题", "视察组先后来到米公祠。", "（樊城区人大办 卢静）"]).values(FieldKey.reporter) == ["卢静"])
        #expect(extract(["标题", "正文。（霞浦县委宣传部）"]).values(FieldKey.reporter).isEmpty)
        #expect(extract(["标题", "正文。（区委宣传部）"]).values(FieldKey.reporter).isEmpty)
        #expect(extract(["标题", "正文。（王长江）", "下一段。", "再一段。", "又一段。"]).values(FieldKey.reporter).isEmpty)
    }

    @Test func everyCreditOfTheHeadLines() {
        #expect(extract(["标题", "执法人员正在现场执法。记者 高绪亮 摄", "半岛都市报8月27日讯（见习记者 姜豪 ）8月27日晚，执法局组织夜查。"])
            .values(FieldKey.reporter) == ["高绪亮", "姜豪"])
        // A credit line of its own: the label may follow any medium's name.
        #expect(extract(["标题", "正文。", "齐鲁晚报·齐鲁壹点记者 赵波", "[编辑：夜楼]"]).values(FieldKey.reporter) == ["赵波"])
        #expect(extract(["标题", "他在会上对记者说，要坚持。"]).values(FieldKey.reporter).isEmpty)
    }

    @Test func originAtTheEndOfThePage() {
        #expect(extract(["标题", "正文。", "（来源：人民日报）"])[FieldKey.origin] == "人民日报")
    }

    @Test func noOriginWithoutLabelOrInsideAWord() {
        #expect(extract(["标题", "资金来源：财政拨款。", "来源于群众。"])[FieldKey.origin] == nil)
        #expect(extract(["标题", "来源："])[FieldKey.origin] == nil)
    }

    // MARK: Site

    @Test func siteFromBreadcrumbBannerOrLead() {
        #expect(extract(["标题"], fields: [("breadcrumb", "您当前的位置：中国张掖网 >> 问政")])[FieldKey.site] == "中国张掖网")
        #expect(extract(["标题"], fields: [("breadcrumb", "当前位置:张掖在线 > 新闻")])[FieldKey.site] == "张掖在线")
        #expect(extract(["标题"], fields: [("banner", "萍乡城事网—萍乡最具影响力门户网站")])[FieldKey.site] == "萍乡城事网")
        #expect(extract(["标题"], fields: [("banner", "萍乡城事网 首页 新闻")])[FieldKey.site] == "萍乡城事网")
        #expect(extract(["标题", "中国张掖网讯 3月3日，市委书记调研。"])[FieldKey.site] == "中国张掖网")
        #expect(extract(["标题", "（张掖在线消息）3月3日，市委书记调研。"])[FieldKey.site] == "张掖在线")
    }

    @Test func breadcrumbStartingAtHomeNamesNoSite() {
        #expect(extract(["标题", "正文。"], fields: [("breadcrumb", "当前位置：首页 > 新闻中心")])[FieldKey.site] == nil)
        // A site named in prose is not the page's site.
        #expect(extract(["标题", "据人民网消息，3月3日召开会议。"])[FieldKey.site] == nil)
    }

    // MARK: Reporters

    @Test(arguments: [
        ("中国张掖网讯据张掖日报报道（记者王瑞云）3月3日，市委书记调研。", ["王瑞云"]),
        ("记者 张三 李四", ["张三", "李四"]),
        ("记者：张三、李四", ["张三", "李四"]),
        ("本报记者 张三", ["张三"]),
        ("(记者 张三 通讯员 李四)", ["张三", "李四"]),
        ("记者王瑞云通讯员李明报道", ["王瑞云", "李明"]),
        ("本报记者欧阳小明 摄", ["欧阳小明"]),
        ("来源：张掖日报 记者：诸葛亮 编辑：王五", ["诸葛亮"]),
        ("记者 吴晓燕 刘洋 摄影 孙博", ["吴晓燕", "刘洋", "孙博"]),
        ("本报讯（融媒体记者 苏婉 实习生 杨帆）10月26日，督导组来我市。", ["苏婉", "杨帆"]),
        ("来源：甘州区文明办  作者：王婧  时间：2021-09-30 16:05", ["王婧"]),
        ("（图为会议现场 赵峰 摄）", ["赵峰"]),
        ("编辑：王琳  审核：刘强  作者：城管局", []),
        ("□王思言", ["王思言"]),
        ("来宾日报讯 （记者 吴 霞 莫家敦） 4月12日，督导组来我市。", ["吴霞", "莫家敦"]),
        ("德州网讯（记者刘常忠孙卫通讯员魏飞报道）7月15日，召开会议。", ["刘常忠", "孙卫", "魏飞"]),
        ("与会人员参观文明实践站。张羽 摄", ["张羽"]),
        ("来源：区委宣传部 卢珊、王妍", ["卢珊", "王妍"]),
        ("来源：甘肃日报 张掖", []),
        ("2016-12-09 13:14:45卢素平 来源：三明日报 责任编辑：肖晓敏", ["卢素平"]),
        ("随州日报讯（全媒记者滕锐）10月30日，调研组来我市。", ["滕锐"]),
        ("福鼎新闻网讯（郑红）7月5日下午，部长到我乡查看。", ["郑红"]),
        ("本网讯（市文明办）7月5日下午，部长到我乡查看。", []),
        ("梅岭在线（刘敏 黄志刚）5月12日，县长调研创建工作。", ["刘敏", "黄志刚"]),
        ("记者：其木格 乔丽", ["其木格", "乔丽"]),
        ("■本报记者 魏然 通讯员 冯晓", ["魏然", "冯晓"]),
        ("（文/图 蒋红 邓林）", ["蒋红", "邓林"]),
        ("撰稿：曹宇", ["曹宇"]),
        // A name without a surname only in a credit line of its own.
        ("记者 现场报道，我市召开创建大会。", []),
    ])
    func reporterForms(line: String, expected: [String]) {
        #expect(extract(["标题", line, "正文。"]).values(FieldKey.reporter) == expected)
    }

    @Test(arguments: [
        "他在接受记者采访时说，创建工作成效明显。",
        "据了解，记者了解到，工作进展顺利。",
        "记者来到现场，看到了变化。",
        "记者从市委宣传部获悉，创建工作进展顺利。",
        "他拿起相机拍摄，摄影爱好者 纷纷 摄 下美景。",
    ])
    func proseAboutReportersNamesNone(line: String) {
        #expect(extract(["标题", line]).values(FieldKey.reporter).isEmpty)
    }

    // MARK: Publisher

    @Test func publisher() {
        #expect(extract(["标题"], fields: [("byline", "2019-7-22 10:34| 发布者：admin| 评论：0")])[FieldKey.publisher] == "admin")
        #expect(extract(["标题", "发布者: 张掖宣传 2022-03-03", "正文。"])[FieldKey.publisher] == "张掖宣传")
        #expect(extract(["标题", "发布者：", "正文。"])[FieldKey.publisher] == nil)
    }

    @Test func dataTablesLoad() {
        let labels = ExtractLabels.standard
        #expect(labels.origin.contains(FoldedLine.word("来源")))
        #expect(labels.reporter.first!.count >= labels.reporter.last!.count)
        #expect(labels.startsWithSurname(FoldedLine.word("王瑞云")))
        #expect(labels.startsWithSurname(FoldedLine.word("欧阳小明")))
        #expect(!labels.startsWithSurname(FoldedLine.word("了解到")))
    }
}
