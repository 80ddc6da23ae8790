import Testing
@testable import CivKit

/// Runs the standard extractors over text lines of a record that came through civ-clean.
private func extracted(_ lines: [String], published: String? = "2020-10-30T09:00:00+08:00", segmented: Bool = false) -> Record {
    var fields = [Record.Field("repairs", "")]
    if let published { fields.append(.init("published", published)) }
    if segmented { fields.append(.init("segmented", "yes")) }
    var record = Record(fields: fields, lines: lines)
    var counters = Counters()
    ExtractionPipeline().run(on: &record, counters: &counters)
    return record
}

private func officials(_ lines: [String], segmented: Bool = false) -> [Official] {
    extracted(lines, segmented: segmented).values(FieldKey.official).compactMap { Official(field: $0) }
}

/// `NAME ROLE POST/LEVEL/BODY …`, the record field, for short expectations.
private func summary(_ lines: [String], segmented: Bool = false) -> [String] {
    extracted(lines, segmented: segmented).values(FieldKey.official)
}

// The test pages are written for these tests in the forms campaign news takes; no page's text.
@Suite struct OfficialsTests {
    @Test func postsSplitWithLevelsAndBodies() {
        #expect(summary([
            "10月27日、28日，省委常委、市委书记张建国率队先后深入城东社区、人民公园、第一中学等地，检查全国文明城市创建工作。市委副书记、市长李明华，市委常委、秘书长王志刚陪同检查。",
        ]) == [
            "张建国 lead 省委常委/省/党委 市委书记/市/党委",
            "李明华 accompany 市委副书记/市/党委 市长/市/政府",
            "王志刚 accompany 市委常委/市/党委 秘书长/市/-",
        ])
    }

    @Test func peopleCongressConferenceAndOffices() {
        #expect(summary([
            "12月28日下午，区人大常委会主任赵红梅带队调研农贸市场提升改造工作，区人大常委会副主任孙立新参加调研。",
            "会上，县文明办主任周晓燕汇报了全县创建工作进展情况，县政协副主席吴刚出席会议。",
            "镇党委书记黄丽主持召开专题会议，市住建局局长郑宏、市场监管局局长冯涛介绍了有关情况。",
        ]) == [
            "赵红梅 lead 区人大常委会主任/区/人大",
            "孙立新 attend 区人大常委会副主任/区/人大",
            "周晓燕 report 县文明办主任/县/文明办",
            "吴刚 attend 县政协副主席/县/政协",
            "黄丽 lead 镇党委书记/乡镇/党委",
            "郑宏 report 市住建局局长/市/住建局",
            "冯涛 report 市场监管局局长/-/市场监管局",
        ])
    }

    @Test func listUnderOneLabel() {
        #expect(summary(["区领导陈立、何文军、罗平及区委秘书长韩冰和区直有关部门负责同志参加。"]) == [
            "陈立 attend 区领导/区/-", "何文军 attend 区领导/区/-", "罗平 attend 区领导/区/-", "韩冰 attend 区委秘书长/区/党委",
        ])
    }

    @Test func formerPostsRanksAndSurnames() {
        #expect(summary(["市人大常委会原副主任、二级巡视员马建设，县委常委、统战部部长洪涛，副镇长赖贞陪同检查。"]) == [
            "马建设 accompany 市人大常委会原副主任/市/人大 二级巡视员/市/-",
            "洪涛 accompany 县委常委/县/党委 统战部部长/县/统战部",
            "赖贞 accompany 副镇长/乡镇/政府",
        ])
        // 来我镇 is no name after 领导; 时 of 新时代 ends no post.
        #expect(summary(["考核组万某、成某等领导来我镇检查，镇环保办主任王拓陪同。"]) == ["王拓 accompany 镇环保办主任/乡镇/环保办"])
        #expect(summary(["市新时代文明实践中心主任杨树随行。"]) == ["杨树 accompany 市新时代文明实践中心主任/市/新时代文明实践中心"])
    }

    @Test func longNamesWithoutAHanSurnameAnd督查() {
        #expect(summary(["市委常委、东胜区委书记斯琴毕力格带队检查创建工作。"]) == ["斯琴毕力格 lead 市委常委/市/党委 东胜区委书记/区/党委"])
        #expect(summary(["副区长阿依古丽·买买提督查环境整治工作。"]) == ["阿依古丽·买买提 lead 副区长/区/政府"])
        #expect(summary(["区创城指挥部副指挥、区住建局局长高云峰陪同检查。"]).first?.hasPrefix("高云峰 accompany 区创城指挥部副指挥/") == true)
        // Not names: a numeral (和三级人大代表), a post's characters.
        #expect(summary(["市人大常委会组织部分常委会委员和三级人大代表视察创建工作。"]).allSatisfy { !$0.hasPrefix("和三级") })
    }

    @Test func theRoleVerbIsReadOutsideOtherPeoplesPosts() {
        #expect(summary(["市委常委叶帆到石岭镇督导工作。市创建督导三组组长陈香，区委常委、宣传部部长邬海等随行，镇长黄明陪同。"]) == [
            "叶帆 lead 市委常委/市/党委",
            "陈香 accompany 市创建督导三组组长/市/创建督导三组",
            "邬海 accompany 区委常委/区/党委 宣传部部长/区/宣传部",
            "黄明 accompany 镇长/乡镇/政府",
        ])
        #expect(summary(["市人大常委会副主任周明参加督导。副市长雷文一同督导。市政协副主席金祥应邀参加会议。镇党委书记夏华、镇长纪斌参与接待。"]) == [
            "周明 attend 市人大常委会副主任/市/人大", "雷文 attend 副市长/市/政府", "金祥 attend 市政协副主席/市/政协",
            "夏华 accompany 镇党委书记/乡镇/党委", "纪斌 accompany 镇长/乡镇/政府",
        ])
    }

    @Test func whoAsksWhoExplainsAndWhatIsSaid() {
        #expect(summary(["受市委书记杜生、市政府代市长余胜委托，市委副书记黄建作了工作汇报。"]) == [
            "杜生 other 市委书记/市/党委", "余胜 other 市政府代市长/市/政府", "黄建 report 市委副书记/市/党委",
        ])
        #expect(summary(["市创文办主任傅锐就迎检方案作具体说明。"]) == ["傅锐 report 市创文办主任/市/创文办"])
        // A role verb in what a person said is not what they did.
        #expect(summary(["市委副书记张严在会上强调，要发动群众参与创建。"]) == ["张严 other 市委副书记/市/党委"])
        #expect(summary(["区长王某出席会议并强调，要参加志愿服务。"]) == ["王某 attend 区长/区/政府"])
    }

    @Test func theAccompanyingPhraseBelongsToWhoIsInIt() {
        #expect(summary(["二七区区委书记蔡宏在区领导闫凯的陪同下，带领有关部门负责人进行现场视察。"]) == [
            "蔡宏 lead 二七区区委书记/区/党委", "闫凯 accompany 区领导/区/-",
        ])
        #expect(summary(["滨海街道党工委书记殷刚履行街长职责"]) == ["殷刚 other 滨海街道党工委书记/街道/党工委"])
    }

    @Test func roleOfTheVerbAfterTheName() {
        #expect(summary(["在市委常委、常务副市长钱伟的陪同下，检查组来到南湖公园。"]) == ["钱伟 accompany 市委常委/市/党委 常务副市长/市/政府"])
        #expect(summary(["街道党工委书记马丽说，将继续做好创建工作。"]) == ["马丽 other 街道党工委书记/街道/党工委"])
    }

    @Test func aPersonNamedTwiceKeepsEveryPostAndTheFirstRole() {
        #expect(summary([
            "市委常委、宣传部长许文杰调研创建工作",
            "9月3日，市委常委、宣传部长、市文明委副主任许文杰深入老城区督导创建工作，区长邓平陪同。",
            "许文杰强调，要补齐短板。",
        ]) == [
            "许文杰 lead 市委常委/市/党委 宣传部长/市/宣传部 市文明委副主任/市/文明委",
            "邓平 accompany 区长/区/政府",
        ])
    }

    @Test func namesCutByAnEllipsisAndPeopleWithoutPostsAreNone() {
        #expect(summary(["摘要：9月3日上午，市委常委、宣传部长许文...", "市委书记张建…"]).isEmpty)
        #expect(summary(["张建国强调，要统筹推进。许文杰一行来到城东社区。", "记者王瑞云报道。"]).isEmpty)
        #expect(summary(["市委书记强调，要统筹推进。区长表示，将全力以赴。", "市有关部门领导随同督导。"]).isEmpty)
    }

    @Test func nameBeforeItsTitle() {
        #expect(summary(["卢小亨书记强调，要抓好创建。李强区长陪同调研。"]) == ["卢小亨 other 书记/-/党委", "李强 accompany 区长/区/政府"])
        #expect(summary(["5月6日，区委书记王建国主持召开会议，王建国书记指出，要巩固成果。"]) == ["王建国 lead 区委书记/区/党委"])
        #expect(summary(["区委书记强调，要巩固成果。", "市委常委、宣传部长、市文明办主任到会。"]).isEmpty)
        // A rank before the title: 李华|副区长, not 李华副|区长.
        #expect(summary(["李华副区长要求，要持续开展整治。"]) == ["李华 other 副区长/区/政府"])
    }

    @Test func nameBeforeAPrepositionAndPartyGroupPosts() {
        #expect(summary(["会上听取了市卫健委主任严春生关于创卫工作情况的汇报。"]).map { $0.prefix(10) } == ["严春生 report"])
        #expect(officials(["局党组成员、副局长孙浩参加。"]).first?.posts.map(\.title) == ["局党组成员", "副局长"])
    }

    @Test func twoAndThreeCharacterReadingsOfAName() {
        #expect(summary(["区委书记陈志强调研创建工作，副区长李四陪同调研，区长李明在会上讲话。"]) == [
            "陈志强 lead 区委书记/区/党委", "李四 accompany 副区长/区/政府", "李明 other 区长/区/政府",
        ])
    }

    @Test func namesBeforeVerbsOfComingAndReporting() {
        #expect(summary(["省委常委、宣传部部长龚立新来我市调研。", "会上，市纪委副书记、市监委副主任郭强通报了督查情况。"]) == [
            "龚立新 lead 省委常委/省/党委 宣传部部长/省/宣传部", "郭强 report 市纪委副书记/市/纪委 市监委副主任/市/监委",
        ])
    }

    @Test func aSurnameThatIsAlsoAStopWord() {
        #expect(summary(["县委常委、宣传部部长和丽娟出席会议并讲话。"]) == ["和丽娟 attend 县委常委/县/党委 宣传部部长/县/宣传部"])
        #expect(summary(["办公室主任和部长陪同。"]).isEmpty)
    }

    @Test func wordsAfterATitleAreNoName() {
        #expect(summary(["遇到小林校长那样的老师很难。", "副区长当场表态。"]).isEmpty)
    }

    @Test func segmentedTextIsReadWithoutItsSpaces() {
        #expect(summary(["市委 书记 张建国 深入 城东 社区 调研 。"], segmented: true) == ["张建国 lead 市委书记/市/党委"])
    }

    @Test func fieldRoundTrips() {
        let person = Official(name: "康峰", posts: [.init(title: "区长", level: "区", body: "政府"), .init(title: "市领导", level: nil, body: nil)], role: "accompany")
        #expect(Official(field: person.fieldValue) == person)
        #expect(Official(field: "康峰") == nil)
        #expect(Official(field: "康峰 lead 区长/区") == nil)
    }

    /// Property: any chain of posts from the tables before any name, then a role verb, gives that
    /// person with those posts and the verb's role.
    @Test func generatedChainsGiveTheirPerson() {
        var rng = SplitMix(state: 14)
        let levels = ["市委", "区委", "县委", "省委", "市", "区", "县", "镇", "甘州区委", "安源区"]
        let titles = ["书记", "副书记", "常委", "部长", "局长", "主任", "副主任", "区长", "副市长", "秘书长", "主席"]
        let bodies = ["", "", "宣传部", "住建局", "文明办", "人大常委会", "政协", "创建指挥部"]
        let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "欧阳", "司马"]
        let given = Array("晓建国明华丽红梅志刚伟涛峰斌安军平文")
        let verbs: [(String, String)] = [("深入", "lead"), ("调研", "lead"), ("督导", "lead"), ("检查", "lead"), ("主持", "lead"),
                                         ("陪同", "accompany"), ("参加", "attend"), ("出席", "attend"), ("汇报", "report")]
        for _ in 0..<500 {
            let posts = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                levels.randomElement(using: &rng)! + bodies.randomElement(using: &rng)! + titles.randomElement(using: &rng)!
            }
            let name = surnames.randomElement(using: &rng)! + String((0..<Int.random(in: 1...2, using: &rng)).map { _ in given.randomElement(using: &rng)! })
            let verb = verbs.randomElement(using: &rng)!
            let lead = ["", "7月19日上午，", "会上，", "据悉，"].randomElement(using: &rng)!
            let line = lead + posts.joined(separator: "、") + name + verb.0 + "了城东社区创建工作。"
            let found = officials([line])
            #expect(found.count == 1, "\(line)")
            #expect(found.first?.name == name, "\(line)")
            #expect(found.first?.posts.map(\.title) == posts, "\(line)")
            #expect(found.first?.role == verb.1, "\(line)")
            #expect(found.first?.posts.allSatisfy { $0.level != nil } == true, "\(line)")
        }
    }

    /// Property: text without a post title names no official, whatever names it has.
    @Test func noTitleNoOfficial() {
        var rng = SplitMix(state: 7)
        let pieces = ["张建国", "许文杰", "深入", "城东社区", "调研", "陪同", "，", "、", "强调", "创建工作", "。", "7月19日", "一行", "来到", "李明华"]
        for _ in 0..<300 {
            let line = (0..<12).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(officials([line]).isEmpty, "\(line)")
        }
    }
}

@Suite struct EventDateTests {
    private func dates(_ lines: [String], published: String? = "2019-07-22T10:34:00+08:00") -> [String] {
        extracted(lines, published: published).values(FieldKey.eventDate)
    }

    @Test func datesResolvedAgainstThePublicationDate() {
        #expect(dates(["7月19日上午，市委常委聂晓葵深入安源区督导创建工作。"]) == ["2019-07-19"])
        #expect(dates(["10月27日、28日，检查组分两组暗访。10月29日至31日整改。"], published: "2020-11-02") == [
            "2020-10-27", "2020-10-28", "2020-10-29", "2020-10-31",
        ])
        #expect(dates(["6月10日—11日，督导组来我市。4月30日——5月1日，视察组来我市。"], published: "2021-06-15") == [
            "2021-06-10", "2021-06-11", "2021-04-30", "2021-05-01",
        ])
        #expect(dates(["12月28日下午，区人大常委会主任带队调研。"], published: "2021-01-05") == ["2020-12-28"])
        #expect(dates(["2018年12月5日，全市召开动员大会；2019-3-1起施行。"]) == ["2018-12-05", "2019-03-01"])
        #expect(dates(["3月3日，市委书记深入甘州区调研。"], published: nil) == ["--03-03"])
        #expect(dates(["2月29日", "2月30日", "13月1日", "7月32日", "6月底前完成", "第3日", "7月19日再次督导"], published: "2019-07-22") == ["2019-07-19"])
    }

    @Test func datelinesBareDaysAndYesterday() {
        #expect(dates(["文明风9月20日讯 9月19日，召开推进会。", "新华社北京2月15日电 记者从会上获悉。"], published: "2022-09-20") == ["2022-09-19"])
        #expect(dates(["9月13日至16日，调研组开展调研，并于19日召开座谈会。"], published: "2021-09-25") == [
            "2021-09-13", "2021-09-16", "2021-09-19",
        ])
        // A bare day without a month before it, or not after 于, is none.
        #expect(dates(["并于19日召开座谈会，共19日。"], published: "2021-09-25") == [])
        #expect(dates(["本报讯（记者 王某） 昨日，会议举行。", "比昨日更好。"], published: "2016-10-20T07:31:00+08:00") == ["2016-10-19"])
        #expect(dates(["昨天上午，检查组暗访。"], published: "2021-01-01") == ["2020-12-31"])
        #expect(dates(["这一行动一直持续到昨日凌晨2时许。"], published: "2015-05-24") == ["2015-05-23"])
        #expect(dates(["昨日，检查组暗访。"], published: nil) == [])
    }

    @Test func datesInChineseNumerals() {
        #expect(dates(["七月十九日上午，市委常委深入安源区督导创建工作。"]) == ["2019-07-19"])
        #expect(dates(["十月二十七日、二十八日，检查组分两组暗访。十一月三十日至十二月一日复查。"], published: "2020-12-02") == [
            "2020-10-27", "2020-10-28", "2020-11-30", "2020-12-01",
        ])
        #expect(dates(["二〇二一年十二月三十日，市创建办召开考评会。"], published: "2022-01-04") == ["2021-12-30"])
        #expect(dates(["十二月二十日，区长带队检查。"], published: "2020-01-03") == ["2019-12-20"])
        // Numerals that are no date: no 月, no 日, a day too large, inside a longer number.
        #expect(dates(["一个月内完成三十项整改，二月三十日", "五一假期，第十二月", "十月份", "三十二月一日", "七月三十二日"]) == [])
    }

    /// Property: a month and day in Chinese numerals resolve as in digits.
    @Test func chineseNumeralsReadAsDigits() {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        func chinese(_ n: Int) -> String { n < 10 ? digits[n] : (n >= 20 ? digits[n / 10] : "") + "十" + digits[n % 10] }
        for m in 1...12 {
            for d in 1...31 {
                let line = "\(chinese(m))月\(chinese(d))日，召开推进会。"
                #expect(dates([line], published: "2020-07-01") == dates(["\(m)月\(d)日，召开推进会。"], published: "2020-07-01"), "\(line)")
            }
        }
    }

    @Test func bylineLinesAtTheTopAreNotEvents() {
        #expect(dates(["2019-7-22 10:34 来源：安源区政府", "7月19日上午，督导创建工作。"]) == ["2019-07-19"])
    }

    /// Property: a month and day without a year resolve to a valid date within six months after
    /// publication and less than a year and a half before it.
    @Test func resolvedDatesStayNearPublication() {
        var rng = SplitMix(state: 3)
        for _ in 0..<500 {
            let (py, pm, pd) = (Int.random(in: 2000...2030, using: &rng), Int.random(in: 1...12, using: &rng), Int.random(in: 1...28, using: &rng))
            let (m, d) = (Int.random(in: 1...12, using: &rng), Int.random(in: 1...31, using: &rng))
            let published = FoundDate(year: py, month: pm, day: pd).iso8601
            let got = dates(["\(m)月\(d)日，召开创建工作推进会。"], published: published)
            guard d <= FoundDate.daysIn(month: m, year: py) || d <= FoundDate.daysIn(month: m, year: py - 1) else { continue }
            guard let s = got.first, let (y, gm, gd) = EventDateExtractor.publicationDate(s) else {
                #expect(d > FoundDate.daysIn(month: m, year: m > pm + 6 ? py - 1 : py), "\(m)月\(d)日 \(published)")
                continue
            }
            #expect(gm == m && gd == d)
            let months = (y - py) * 12 + (gm - pm)
            #expect((-18...6).contains(months), "\(s) \(published)")
        }
    }
}

@Suite struct CampaignTests {
    private func campaigns(_ lines: [String], title: String? = nil) -> [String] {
        var fields = [Record.Field("repairs", "")]
        if let title { fields.append(.init("title", title)) }
        var record = Record(fields: fields, lines: lines)
        var counters = Counters()
        ExtractionPipeline().run(on: &record, counters: &counters)
        return record.values(FieldKey.campaign)
    }

    @Test func campaignsOfTheTitleTheLeadOrNamedTwice() {
        #expect(campaigns([
            "区委书记王某督导创卫工作",
            "3月5日，区委书记王某深入城东社区督导国家卫生城市复审迎检工作。",
            "他强调，要把创卫与全国文明城区创建、国家森林城市建设结合起来，巩固全国文明城区创建成果。",
        ], title: "区委书记王某督导创卫工作") == ["国家卫生城市", "全国文明城区"])
        #expect(campaigns(["创城进行时", "各街道持续推进创文工作。"]) == ["全国文明城市"])
        #expect(campaigns(["全市召开会议。", "会议部署了省级文明城市测评工作，也提到新时代文明实践。"]) == [])
        #expect(campaigns(["全市召开会议。", "会议部署了省级文明城市测评工作。", "省级文明城市测评将于下月开始。"]) == ["省级文明城市"])
    }
}

@Suite struct PlacesVisitedTests {
    private func places(_ lines: [String]) -> [String] {
        var record = Record(fields: [.init("repairs", "")], lines: lines)
        var counters = Counters()
        ExtractionPipeline().run(on: &record, counters: &counters)
        return record.values(FieldKey.placeVisited)
    }

    @Test func listsAfterVisitVerbsAndAtTheStartOfAClause() {
        #expect(places(["检查组一行先后来到城东社区、人民公园及周边小区、第一中学等地，实地察看创建情况。"]) == [
            "城东社区", "人民公园", "周边小区", "第一中学",
        ])
        #expect(places(["在老城区棚户区改造、滨江新区道路提升项目现场，王某详细了解工程进度。"]) == ["老城区棚户区改造", "滨江新区道路提升项目"])
        #expect(places(["在南门农贸市场、光明路社区新时代文明实践站，王某强调，要补齐短板。"]) == ["南门农贸市场", "光明路社区新时代文明实践站"])
        #expect(places(["督导组来到了红星小学。随后又来到红星小学，走进东方商场。"]) == ["红星小学", "东方商场"])
    }

    @Test func mostItemsEndingWithASiteWordMakeTheList() {
        #expect(places(["一行先后来到站前广场、中山路步行街、市第一人民医院发热门诊，看望一线人员。"]) == ["站前广场", "中山路步行街", "市第一人民医院发热门诊"])
        #expect(places(["监督组先后来到会师镇东关社区、县人民医院、会宁一中，实地察看。"]) == ["会师镇东关社区", "县人民医院", "会宁一中"])
        #expect(places(["与会人员先后观摩了开发区新能源产业园、城东小区，学习经验。"]) == ["开发区新能源产业园", "城东小区"])
        // Half is not most: a list of words that name no site.
        #expect(places(["我们来到人民广场、群众身边，听取意见。", "来到一线、基层、工地，看望职工。"]) == [])
    }

    @Test func visitsWithToAndAndAndInsideWords() {
        #expect(places(["马某一行先后到城关镇石桥村、垃圾中转站、东门社区检查指导。"]) == ["城关镇石桥村", "垃圾中转站", "东门社区"])
        #expect(places(["参观学习团先后参观了石碣农业公园、沙腰村、中心市场和垃圾压缩站。"]) == ["石碣农业公园", "沙腰村", "中心市场", "垃圾压缩站"])
        #expect(places(["李某先后来到南外街道和谐社区、东门农贸市场，察看情况。"]) == ["南外街道和谐社区", "东门农贸市场"])
        #expect(places(["区政协副主席到青杠街道白云社区巡查创建工作。", "许某带队赴绰墩山村督查。"]) == ["青杠街道白云社区", "绰墩山村"])
        #expect(places(["执法人员先后在滨河路、人民广场、五一路夜市开展集中整治。"]) == ["滨河路", "人民广场", "五一路夜市"])
        #expect(places(["视察组察看了新华市场、建业小区、和平公寓的基础设施建设。"]) == ["新华市场", "建业小区", "和平公寓"])
        #expect(places(["两位领导到挂点田心社区检查，又到挂点社区检查，到十里镇挂点社区督导。"]) == ["田心社区"])
        #expect(places(["暗访组深入政务中心、集贸市场、客运站等地，又走访了宜都市东风社区、汽车客运站、老旧小区，发现问题。"]) == [
            "宜都市东风社区", "汽车客运站",
        ])
        #expect(places(["刘某一行先后深入到幸福街道庆城村、新兴街道新华村，查看工作。"]) == ["幸福街道庆城村", "新兴街道新华村"])
        #expect(places(["陈某一行先后来到鹤乡小区东侧、乐园小区东侧、锦祥美食街等特色街区施工现场。", "记者首先来到山东路与闽江路路口。"]) == [
            "鹤乡小区东侧", "乐园小区东侧", "锦祥美食街", "山东路与闽江路路口",
        ])
        #expect(places(["一行来到第一中学周边，查看秩序。"]).isEmpty)
        #expect(places(["镇长带队检查了镇区主街和集贸市场。", "委员们先后视察了城东街道文化广场、翠湖公园及周边道路。"]) == [
            "镇区主街", "城东街道文化广场", "翠湖公园", "周边道路",
        ])
        // A district entered, a word holding 到, a list a verb does not close: none.
        #expect(places(["区委书记到东城街道调研。", "得到群众认可。", "到城东社区，看到变化。"]).isEmpty)
        // 街道 entered in a visit list: the list's other items stay.
        #expect(places(["区长深入西湖街道、东湖街道检查创文工作，先后察看了和平社区、老街菜市场。"]) == ["和平社区", "老街菜市场"])
        #expect(places(["区长深入街道社区检查创文工作。"]).isEmpty)
    }

    @Test func companiesAndVagueGroups() {
        #expect(places(["副县长先后走访了华丰食品有限公司、县第二水厂，并深入县城重点企业走访。"]) == ["华丰食品有限公司", "县第二水厂"])
        #expect(places(["志愿者走进辖区餐馆开展宣传。"]).isEmpty)
    }

    @Test func districtsMeetingsAndProseAreNoSites() {
        #expect(places(["市委书记深入安源区督导创建工作。", "在随后召开的座谈会上，他指出问题。", "在社区，志愿者很多。"]).isEmpty)
        #expect(places(["在我住过的酒店，服务很好。", "在市委、市政府的领导下，全市上下齐心协力。"]).isEmpty)
    }
}

@Suite struct DirectiveTests {
    private func directives(_ lines: [String]) -> [String] {
        var record = Record(fields: [.init("repairs", "")], lines: lines)
        var counters = Counters()
        ExtractionPipeline().run(on: &record, counters: &counters)
        return record.values(FieldKey.directive)
    }

    @Test func sentencesAfterTheVerbAndTheirContinuations() {
        #expect(directives([
            "王某强调，要坚持问题导向，做到“发现一处、整改一处”。要压实责任；必须按期完成整改。会议还研究了其他事项。",
            "李某在讲话中指出：创建工作只有起点没有终点。",
            "王某充分肯定了成绩，并要求各部门加强协作。",
        ]) == [
            "要坚持问题导向，做到“发现一处、整改一处”", "要压实责任", "必须按期完成整改",
            "创建工作只有起点没有终点", "各部门加强协作",
        ])
    }

    @Test func verbsInsideOtherPhrasesAreNone() {
        #expect(directives(["督导组现场指出问题并提出具体整改要求。", "按照上级要求的标准推进。", "康某表示，将全力以赴。"]).isEmpty)
    }
}

@Suite struct ReporterCreditTests {
    private func reporters(_ lines: [String]) -> [String] {
        var record = Record(fields: [.init("repairs", "")], lines: lines)
        var counters = Counters()
        ExtractionPipeline().run(on: &record, counters: &counters)
        return record.values(FieldKey.reporter)
    }

    @Test func correspondentsMediaNamesAndLabelsAfterNames() {
        #expect(reporters(["标题", "本网讯（记者 陈思远 通讯员 黄明）11月1日，县委书记带队督导。"]) == ["陈思远", "黄明"])
        #expect(reporters(["标题", "正文。", "（江北日报记者 许静）"]) == ["许静"])
        #expect(reporters(["标题", "作者：融媒体记者 邱晨  时间：2022年10月14日"]) == ["邱晨"])
        #expect(reporters(["标题", "他在接受记者采访时说，创建工作成效明显。"]).isEmpty)
    }
}
