import Foundation
import Testing
@testable import CivKit

@Suite struct PlacesTests {
    private func places(_ lines: [String], fields: [Record.Field] = []) -> [String] {
        var record = Record(fields: [.init("repairs", "")] + fields, lines: lines)
        var counters = Counters()
        ExtractionPipeline().run(on: &record, counters: &counters)
        return record.values(FieldKey.place)
    }

    private func names(_ lines: [String]) -> [String] {
        places(lines).map { String($0.prefix { $0 != "/" }) }
    }

    @Test func fullNamesWithLevelAndParents() {
        #expect(places(["7月19日，市委书记深入甘州区督导创建工作。"]) == ["甘州区/county/620702 甘肃省/province/620000 张掖市/prefecture/620700"])
        #expect(places(["北京市东城区召开会议。"]) == ["北京市/province/110000", "东城区/county/110101 北京市/province/110000"])
    }

    @Test func shortFormsOfPrefecturesAndProvinces() {
        #expect(names(["全省现场会在张掖召开，广西、临夏的代表参加。"]) == ["张掖市", "广西壮族自治区", "临夏回族自治州"])
        // The longest name wins, each division once, in order of first mention.
        #expect(names(["白银区召开会议。张掖市委、张掖日报、甘州区参加。"]) == ["白银区", "张掖市", "甘州区"])
    }

    @Test func streetsAndWordsAreNoPlaces() {
        #expect(names(["一行来到张掖路步行街、酒泉路街道、中山大街。"]) == [])
        #expect(names(["活动当天全县共组织志愿服务队伍120余支，振兴县域经济。城区、郊区环境整治。"]) == [])
        // Short forms that are ordinary words keep only their full names.
        #expect(names(["与会来宾参观了朝阳社区，确保长治久安。", "来宾市、朝阳市代表发言。"]) == ["来宾市", "朝阳市"])
        #expect(names(["新疆、内蒙古、博尔塔拉的代表参加。"]) == ["新疆维吾尔自治区", "内蒙古自治区", "博尔塔拉蒙古自治州"])
    }

    @Test func mediaNamesAndTownsAreNoPlaces() {
        #expect(names(["德州日报/德州网讯（记者 张某）7月15日，代表视察德城区。", "深圳新闻网讯 区融媒体中心报道。"]) == ["德城区"])
        #expect(names(["大家观摩了长春镇秋竹村、张掖乡东村。"]) == [])
        #expect(names(["汇川区融媒体中心记者 罗某", "汇川区召开推进会。"]) == ["汇川区"])
        // Where a dispatch was filed is no place of the article.
        #expect(names(["本报南京11月6日电（记者王某）日前，溧阳市委书记蒋某宣讲。", "新华社北京电 会议召开。"]) == ["溧阳市"])
    }

    @Test func sharedNameTakesTheParentTheTextNames() {
        #expect(places(["杭州市西湖区开展创建活动。"]).last == "西湖区/county/330106 浙江省/province/330000 杭州市/prefecture/330100")
        #expect(places(["南昌市西湖区开展创建活动。"]).last == "西湖区/county/360103 江西省/province/360000 南昌市/prefecture/360100")
        #expect(places(["西湖区开展创建活动。"]) == ["西湖区/county/-"])
    }

    @Test func bylinesAreNotRead() {
        #expect(names(["来源：张掖日报", "市委召开会议。"]) == [])
        #expect(places(["甘州区会议召开。"], fields: [.init("place", "x")]) == ["x"])
    }

    /// The generated table: every county and prefecture under a province, a prefecture's parent
    /// a province, a county's a prefecture or a province; the six-digit codes unique.
    @Test func gazetteerHierarchy() {
        let g = Gazetteer.standard
        #expect(g.divisions.count > 3000)
        #expect(Set(g.divisions.map(\.adcode)).count == g.divisions.count)
        for (i, d) in g.divisions.enumerated() {
            let chain = g.parents(of: i).map { g.divisions[$0] }
            switch d.level {
            case "province": #expect(chain.isEmpty, "\(d.name)")
            case "prefecture": #expect(chain.map(\.level) == ["province"], "\(d.name)")
            case "county": #expect(chain.map(\.level) == ["province", "prefecture"] || chain.map(\.level) == ["province"], "\(d.name)")
            default: Issue.record("level \(d.level) of \(d.name)")
            }
            #expect(chain.allSatisfy { d.adcode.hasPrefix($0.adcode.prefix($0.level == "province" ? 2 : 4)) }, "\(d.name)")
        }
    }

    @Test func jsonCarriesTheChain() throws {
        let record = Record(fields: [.init("place", "甘州区/county/620702 甘肃省/province/620000 张掖市/prefecture/620700"),
                                     .init("place", "西湖区/county/-"), .init("place", "not a place")], lines: [])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(DocumentJSON.line(record))) as? [String: Any])
        let places = try #require(object["places"] as? [[String: Any]])
        #expect(places.count == 2)
        #expect(places[0]["name"] as? String == "甘州区")
        #expect(places[0]["adcode"] as? String == "620702")
        #expect((places[0]["parents"] as? [[String: Any]])?.map { $0["name"] as? String } == ["甘肃省", "张掖市"])
        #expect(places[1]["adcode"] is NSNull)
        #expect((object["extra"] as? [String: Any])?["place"] as? String == "not a place")
    }
}
