import Testing
@testable import CivKit

/// A sidebar's dated list as a page's first lines (`DatedListStart`): its first item glued after
/// the old page's last line, the line below opening with the same dated form.
struct DatedListStartTests {
    func form(_ line: String) -> [UInt32]? {
        var line = line
        return line.withUTF8 { DatedListStart.form($0) }
    }

    func start(_ line: String, below: String) -> String? {
        guard let form = form(below) else { return nil }
        var line = line
        return line.withUTF8 { p in DatedListStart.start(in: p, form: form).map { String(decoding: p[$0...], as: UTF8.self) } }
    }

    @Test func aDatedItemsFormIsItsMarksAndItsDateDigits() {
        #expect(form("- [11-03]·某某召开理论学习中心组会议") == form("- [10-30]·秋日探访"))
        #expect(form("【2024-05-06】某某镇开展环境整治") == form("【2023-11-12】某某社区召开会议"))
        #expect(form("- [11-03]·某某") != form("【11-03】某某"))
        // No marks, one digit group, or Han first: no dated form.
        #expect(form("2024-05-06 某某镇开展环境整治") == nil)
        #expect(form("- 2024年工作要点") == nil)
        #expect(form("某某镇 [11-03]") == nil)
    }

    @Test func theListsFirstItemBeginsAfterHanTextOrASureJoin() {
        let below = "- [11-02]·某某走进第二中学开展普法宣传"
        #expect(start("岚溪:万名学子参加春季运动会- [11-03]·某某召开理论学习中心组会议", below: below) == "- [11-03]·某某召开理论学习中心组会议")
        #expect(start("湘ICP备12009876号-3- [11-03]·某某召开理论学习中心组会议", below: below) == "- [11-03]·某某召开理论学习中心组会议")
        #expect(start("湘ICP备15006812号- [11-03]·某某召开理论学习中心组会议", below: below) == "- [11-03]·某某召开理论学习中心组会议")
        // A line that opens with the item is the list's own; another form below is no list.
        #expect(start("- [11-03]·某某召开理论学习中心组会议", below: below) == nil)
        #expect(start("岚溪:万名学子参加春季运动会- [11-03]·某某召开会议", below: "【11-02】某某走进第二中学") == nil)
        // After a Latin word that is no footer's (the form's digits glued to a word): no cut.
        #expect(start("Windows- [11-03]·某某召开会议", below: below) == nil)
    }

    @Test func aGluedDatedListSplitsTheStreamAndIsCounted() throws {
        let first = "某某县召开创建工作会议\n会议要求，全市上下要攻坚克难。\n湘ICP备15006812号"
        let second = "- [11-03]·某某召开理论学习中心组会议\n- [11-02]·某某走进第二中学开展普法宣传\n某某检察院举办检察开放日活动\n发布时间：2023-10-30 来源：本院\n10月27日，某某检察院举办检察开放日活动。"
        try Support.expectCutBetween(first, second, counter: "pages.dated-list-split")
    }
}
