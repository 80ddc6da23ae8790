import PropertyBased
import Testing
@testable import CivKit

/// Lost characters by the mechanism of real pages (issue 17): a byte-level annotator put the
/// reading of the character S that the previous character's second GBK byte and the lost one's
/// first byte spell between the lost character's bytes (`scripts/make-corpus`'s
/// `Damager.lost_noise`). The sentences are the team's own.
@Suite struct LostCharacterMechanismTests {
    static let cleaner = LostCharacterTraceTests.cleaner

    func clean(_ line: String) -> (String, Counters) {
        var counters = Counters()
        let out = Self.cleaner.clean(line, counters: &counters)
        return (out, counters)
    }

    /// The noise the mechanism gives the character at `i` of `text` (as the page wrote it), nil
    /// where it cannot act.
    static func noise(_ text: String, at i: Int) -> String? {
        let s = Array(text.unicodeScalars)
        guard i > 0, let p = GBKPairs.shared.bytes(of: s[i - 1]), let c = GBKPairs.shared.bytes(of: s[i]), c.lead >= 0x81 else { return nil }
        return GBKReadings.shared.reading(lead: p.trail, trail: c.lead)
    }

    /// The real fragments' characters S and their readings (see make-corpus's `lost_noise`).
    @Test func everyGBKCharacterHasItsMainReading() {
        let readings = GBKReadings.shared
        for (lead, trail, reading) in [(0xD5, 0x88, "qǐng"), (0xAA, 0x84, "jiǎng"), (0xF2, 0x8C, "qū"), (0x84, 0xD5, "wù"),
                                       (0xD6, 0x94, "jǐn"), (0xBD, 0x9B, "jīng"), (0x94, 0xB5, "shù")] as [(UInt8, UInt8, String)] {
            #expect(readings.reading(lead: lead, trail: trail) == reading)
            #expect(readings.seconds(after: lead, reading: reading).contains(trail))
        }
        #expect(readings.reading(lead: 0x80, trail: 0x40) == nil)
        #expect(readings.seconds(after: 0xD5, reading: "xyz").isEmpty)
        // The same main reading as pinyin.tsv wherever both know the character.
        var compared = 0
        for lead in UInt8(0x81) ... 0xFE {
            for c in GBKPairs.shared.characters(lead: lead) {
                guard let main = PinyinTable.shared.mainReading(of: c), let b = GBKPairs.shared.bytes(of: c) else { continue }
                #expect(readings.reading(lead: b.lead, trail: b.trail) == main, "\(c)")
                compared += 1
            }
        }
        #expect(compared > 6000)
    }

    /// With the reading after the noise: the first byte's row read so, one character here.
    @Test func aReadingAfterTheNoise() {
        #expect(Self.noise("本地報紙", at: 2) == "māo")
        let (out, counters) = clean("本地?māo)?bào)紙(zhǐ)上登了这件事")
        #expect(out == "本地报纸上登了这件事")
        #expect(counters.compact.contains("lost-character.first-byte=1"))
        #expect(clean("会议强调要?jiǎng)?chuàng)新工作方法").0 == "会议强调要创新工作方法")
    }

    /// With the second byte in ASCII: exactly the character the first and second bytes spell.
    @Test func anASCIISecondByte() {
        #expect(Self.noise("會議強調", at: 3) == "wǔ")
        #expect(clean("會議強?wǔ){要創新").0 == "会议强调要创新")
        #expect(Self.noise("明顯提升", at: 1) == "xiá")
        let (out, counters) = clean("效果明?xiá)@提升")
        #expect(out == "效果明显提升")
        #expect(counters.compact.contains("lost-character.first-byte=1"))
    }

    /// With a run after it: the run is read again, the lost character exactly.
    @Test func aRunAfterTheNoise() {
        let page = "堅持新聞真實性原則,"
        let noise = Self.noise(page, at: 4)
        #expect(noise == "wù")
        let damaged = LostCharacterTraceTests.lose(page, at: 4, noise: noise!)
        #expect(damaged.hasPrefix("堅持新聞?wù)鎸嵭"))
        let (out, _) = clean(damaged)
        #expect(out.hasPrefix("坚持新闻真实性"), "\(out)")
    }

    /// With nothing after it: the first byte's row, chosen by the context.
    @Test func noiseAloneChoosesInTheRow() {
        #expect(Self.noise("基層", at: 1) == "zūn")
        let (out, counters) = clean("深入基?zūn)?,了解情況")
        #expect(out == "深入基层，了解情况")
        #expect(counters.compact.contains("lost-character.first-byte-context=1"))
    }

    /// Where no first byte fits (the character before is ASCII), the repair works as before, and
    /// no mark is left.
    @Test func withoutACharacterBeforeAsBefore() {
        let (out, counters) = clean("ABC ?qǐng)?bào)报道")
        #expect(out == "ABC 报报道")
        #expect(!counters.compact.contains("first-byte"))
        for line in ["本地?māo)?bào)紙", "效果明?xiá)@提升", "深入基?zūn)?,了解", "深入基?zūn)"] {
            #expect(!clean(line).0.unicodeScalars.contains { $0.value >= 0xF0000 })
        }
    }

    /// For pairs of characters where the mechanism acts with one first byte (a toned noise) and the lost
    /// character's second byte is ASCII, damage as the pages do and repair give it back.
    @Test func damagedAndRepairedGivesTheCharacterBack() async {
        let gbk = GBKPairs.shared
        let readings = GBKReadings.shared
        let converter = LostCharacterTraceTests.converter
        // Characters before (common ones of GB2312) and lost ones (second byte ASCII).
        let before = Array("市委书记的工作在全面推进部门城文明创建会议".unicodeScalars)
        let lost = (UInt8(0x81) ... 0xFE).flatMap { gbk.characters(lead: $0) }.filter { c in
            ScalarClass.isHan(c) && gbk.bytes(of: c)!.trail < 0x7F && gbk.bytes(of: c)!.trail != 0x5C
        }
        await propertyCheck(input: Gen.int(in: 0 ... before.count - 1), Gen.int(in: 0 ... lost.count - 1)) { b, l in
            let p = before[b], c = lost[l]
            let pb = gbk.bytes(of: p)!, cb = gbk.bytes(of: c)!
            guard pb.trail >= 0x81, let noise = readings.reading(lead: pb.trail, trail: cb.lead),
                  readings.seconds(after: pb.trail, reading: noise).count == 1,
                  // (A toneless reading, `sha`, makes no fragment: prose has `?ok)`.)
                  LostCharacterRepair.hasToneMark(ArraySlice(noise.unicodeScalars)) else { return }
            let line = "我们\(p)?\(noise))\(Character(Unicode.Scalar(cb.trail)))。"
            let (out, _) = clean(line)
            let expected = "我们\(converter.simplified(p))\(converter.simplified(c))。"
            #expect(out == expected, "\(line)")
        }
    }
}
