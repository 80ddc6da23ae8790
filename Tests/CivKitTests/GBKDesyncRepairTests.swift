import Foundation
import Testing
@testable import CivKit

/// Desynchronises GBK text as a crawl does (and as `scripts/make-corpus`'s `gbk_desync`): the first
/// byte of a stretch lost, the bytes after it read in pairs, an invalid pair costing its first
/// byte (the decoder then reads in step again), a last lone byte dropped.
enum Desync {
    static let gbk = GBKPairs.shared

    static func damage(_ text: [Unicode.Scalar], from start: Int, count: Int) -> [Unicode.Scalar]? {
        var bytes: [UInt8] = []
        for c in text[start ..< min(text.count, start + count)] {
            if c.value < 0x80 { bytes.append(UInt8(c.value)); continue }
            guard let b = gbk.bytes(of: c) else { return nil }
            bytes += [b.lead, b.trail]
        }
        var odd: [Unicode.Scalar] = []
        var i = 1
        while i < bytes.count {
            if bytes[i] < 0x80 { odd.append(Unicode.Scalar(bytes[i])); i += 1; continue }
            if i + 1 < bytes.count, let c = gbk.character(lead: bytes[i], trail: bytes[i + 1]) {
                odd.append(c)
                i += 2
            } else {
                i += 1
            }
        }
        return Array(text[..<start]) + odd + Array(text[min(text.count, start + count)...])
    }
}

@Suite struct GBKDesyncRepairTests {
    let repair = GBKDesyncRepair(converter: try! TraditionalToSimplified())

    func run(_ line: String) -> (String, Counters) {
        var counters = Counters()
        return (repair.repair(line, counters: &counters), counters)
    }

    @Test func pairTable() {
        let gbk = GBKPairs.shared
        #expect(gbk.bytes(of: "的")! == (0xB5, 0xC4))
        #expect(gbk.character(lead: 0xC4, trail: 0xB9) == "墓")
        #expect(gbk.character(lead: 0xA4, trail: 0xD7) == "ぷ")
        #expect(gbk.character(lead: 0xE9, trail: 0x5F) == "開")  // a second byte in ASCII's range
        #expect(gbk.character(lead: 0xAA, trail: 0xA1) == nil)   // user-defined area: none
        #expect(gbk.bytes(of: "a") == nil)
    }

    /// BRIEF's run: 的工作推 read one byte late, with a byte of the characters around at each end.
    @Test func briefExample() {
        let (out, counters) = run("要切实做好全市嵉墓ぷ魍苿进，确保取得实效。")
        #expect(out.contains("的工作推"), "\(out)")
        #expect(!out.contains("墓") && !out.contains("ぷ") && !out.contains("魍"))
        #expect(counters["gbk-desync.repaired"] == 1)
    }

    /// Runs made as `scripts/make-corpus` makes them: the halves at both ends completed.
    @Test func generatedRuns() {
        #expect(run("。 捎诒黄舳的 shell 不需要重新读取配置").0 == "。 由于被启动的 shell 不需要重新读取配置")
        #expect(run("市委召开常委会议，芯坎渴鹑国文明城市创建工作。").0 == "市委召开常委会议，研究部署全国文明城市创建工作。")
        #expect(run("系统管理员可以褂谜飧雒令检查文件系统的错误。").0 == "系统管理员可以使用这个命令检查文件系统的错误。")
        #expect(run("他们当暗墓ぷ魇欠峙涠丝诤攀，指定端口").0.contains("他们当前的工作是分配端口号"))
    }

    /// The real form: a traditional page, its run broken off at a second byte in ASCII's range
    /// (開 is E9 5F: `拈_` then `始` read in step again).
    @Test func traditionalRunEndingInASCIIByte() {
        let damaged = Array("這是秋天".unicodeScalars) + Desync.damage(Array("，意味著秋天的開始，".unicodeScalars), from: 0, count: 8)!
        let out = run(String(String.UnicodeScalarView(damaged))).0
        #expect(out.contains("秋天的開"), "\(out)")
    }

    @Test func proseIsLeftAlone() {
        for line in ["市委常委、宣传部长聂晓葵深入安源区督导文明创建。",
                     "他说，要把经验分享到基层，扫一扫二维码就能学习。",
                     "饕餮、魑魅魍魉、耄耋之年，都是生僻的词。",
                     "東京都の学校で国語の授業",
                     "我都快烦死了啦，怎么办呢？",
                     "鄉(xiāng)鎮(zhèn)、園區(qū)",
                     "ΑΒΓ αβγ，┌─┐，①②③"] {
            let (out, counters) = run(line)
            #expect(out == line)
            #expect(counters["gbk-desync.repaired"] == 0)
        }
    }

    @Test func cheapTestSkipsOrdinaryLines() {
        var line = Array("市委召开会议，研究部署创建全国文明城市工作。".utf8)
        #expect(!line.withUnsafeBufferPointer { repair.mayHaveRun($0) })
        line = Array("嵉墓ぷ魍".utf8)
        #expect(line.withUnsafeBufferPointer { repair.mayHaveRun($0) })
    }

    @Test func lineCleanerRunsItBeforeConversion() throws {
        let cleaner = try LineCleaner.standard()
        var counters = Counters()
        #expect(cleaner.clean("。 捎诒黄舳的 shell 不需要重新读取配置", counters: &counters).contains("由于被启动的"))
        #expect(counters["gbk-desync.repaired"] == 1)
        let exact = try LineCleaner.standard(icuExact: true)
        #expect(exact.clean("。 捎诒黄舳的 shell").contains("捎诒黄舳"))
    }

    // MARK: Property tests on real simplified prose (scripts/make-corpus simplified)

    static func corpusLines() -> [[Unicode.Scalar]]? {
        guard let path = ProcessInfo.processInfo.environment["CIV_SIMPLIFIED_CORPUS"], !path.isEmpty,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        var generator = SplitMix(state: 17)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { Array($0.unicodeScalars) }
            .filter { line in line.count >= 40 && line.count <= 300 && line.filter { ScalarClass.isHan($0) }.count >= 20 }
            // The man pages hold real desynchronised runs, their invalid pairs written `?`
            // (`ICMP?嘈停?蛘呤悄掣鲇擅??`): not undamaged prose.
            .filter { line in !line.indices.dropFirst().dropLast().contains { line[$0] == "?" && line[$0 - 1].value > 0x7F && line[$0 + 1].value > 0x7F } }
        var chosen = Set<Int>()
        while chosen.count < min(400, lines.count) { chosen.insert(Int(generator.next() % UInt64(lines.count))) }
        return chosen.sorted().map { lines[$0] }
    }

    static let hint = "set CIV_SIMPLIFIED_CORPUS to simplified prose, e.g. `scripts/make-corpus simplified 1 /tmp/s.txt` (scripts/test does)"

    /// Undamaged simplified prose never changes.
    @Test func undamagedProseNeverChanges() throws {
        guard let lines = Self.corpusLines() else { Issue.record("CIV_SIMPLIFIED_CORPUS is not set: \(Self.hint)"); return }
        for line in lines {
            var counters = Counters()
            let text = String(String.UnicodeScalarView(line))
            #expect(repair.repair(text, counters: &counters) == text)
        }
    }

    /// Desynchronised prose comes back: many runs exactly, and far fewer wrong Han characters.
    @Test func desyncedProseComesBack() throws {
        guard let lines = Self.corpusLines() else { Issue.record("CIV_SIMPLIFIED_CORPUS is not set: \(Self.hint)"); return }
        var generator = SplitMix(state: 5)
        var damagedCount = 0, exact = 0, errorsBefore = 0, errorsAfter = 0
        for line in lines {
            let han = line.indices.filter { ScalarClass.isHan(line[$0]) }
            let start = han[Int(generator.next() % UInt64(han.count - 12))]
            guard let damaged = Desync.damage(line, from: start, count: 4 + Int(generator.next() % 9)), damaged != line else { continue }
            damagedCount += 1
            let out = Array(run(String(String.UnicodeScalarView(damaged))).0.unicodeScalars)
            func hanText(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] { s.filter { ScalarClass.isHan($0) } }
            if hanText(out) == hanText(line) { exact += 1 }
            errorsBefore += editDistance(hanText(damaged), hanText(line))
            errorsAfter += editDistance(hanText(out), hanText(line))
        }
        #expect(damagedCount > 300)
        #expect(Double(exact) / Double(damagedCount) >= 0.15, "\(exact) of \(damagedCount) restored exactly")
        #expect(Double(errorsAfter) <= 0.6 * Double(errorsBefore), "Han errors \(errorsBefore) → \(errorsAfter)")
    }

    func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0 ... b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
