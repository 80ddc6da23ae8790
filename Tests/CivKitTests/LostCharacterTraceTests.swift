import Testing
@testable import CivKit

/// Lost characters as real pages show them (issue 17): `?noise)` then the character's second GBK
/// byte, as an ASCII character, or joined with the bytes after it into a run of odd characters
/// (`scripts/make-corpus`'s `Damager.lose_at` makes the same damage).
@Suite struct LostCharacterTraceTests {
    static let converter = try! TraditionalToSimplified(icuExact: false)
    static let cleaner = try! LineCleaner.standard()
    let repair = LostCharacterRepair(converter: LostCharacterTraceTests.converter)

    /// `text` with its character at `i` lost as a page shows it: the noise, then the second byte of
    /// the character's GBK form: ASCII alone, else read with the bytes after it up to the next
    /// ASCII character (the last lone byte a `?`).
    static func lose(_ text: String, at i: Int, noise: String = "qū") -> String {
        let s = Array(text.unicodeScalars)
        let gbk = GBKPairs.shared
        let trail = gbk.bytes(of: s[i])!.trail
        var out = String(String.UnicodeScalarView(s[..<i])) + "?" + noise + ")"
        if trail < 0x80 {
            out.unicodeScalars.append(Unicode.Scalar(trail))
            out.unicodeScalars.append(contentsOf: s[(i + 1)...])
            return out
        }
        var bytes = [trail]
        var j = i + 1
        while j < s.count, let b = gbk.bytes(of: s[j]) {
            bytes += [b.lead, b.trail]
            j += 1
        }
        var k = 0
        while k + 1 < bytes.count {
            // A second byte in ASCII, where a first one should be, is read alone: in step again.
            if bytes[k] < 0x80 {
                out.unicodeScalars.append(Unicode.Scalar(bytes[k]))
                k += 1
                continue
            }
            out.unicodeScalars.append(gbk.character(lead: bytes[k], trail: bytes[k + 1])!)
            k += 2
        }
        if k < bytes.count { out += "?" }
        out.unicodeScalars.append(contentsOf: s[j...])
        return out
    }

    func run(_ line: String) -> (String, Counters) {
        var counters = Counters()
        let out = repair.repair(line, counters: &counters)
        return (out, counters)
    }

    func clean(_ line: String) -> (String, Counters) {
        var counters = Counters()
        let out = Self.cleaner.clean(line, counters: &counters)
        return (out, counters)
    }

    /// The second byte in ASCII leaves only the characters ending in it: 沖 is 9B 5F (`_`), 擴 94 55 (`U`).
    @Test func anASCIISecondByteNarrowsTheCandidates() {
        #expect(Self.lose("沖擊", at: 0, noise: "jīng") == "?jīng)_擊")
        let (out, counters) = run("传统文化受到?jīng)_击等问题")
        #expect(out == "传统文化受到冲击等问题")
        #expect(counters.compact == "lost-character.trail-byte=1")
        #expect(run("新建、改建、?jǐn)U建学校").0 == "新建、改建、扩建学校")
        // Through the whole line repair, on the traditional page.
        #expect(clean("新建、改建、?jǐn)U建學(xué)校").0 == "新建、改建、扩建学校")
    }

    /// A second byte of 0x80 or above before an ASCII character 0x40–0x7E is read with it as one
    /// odd character (的 is B5 C4; C4 50 is 腜): the byte is the lost character's, the letter the text's.
    @Test func aSecondByteThatSwallowedAnASCIICharacterGivesItBack() {
        let trace = LostCharacterTrace(desync: GBKDesyncRepair(converter: Self.converter))
        var counters = Counters()
        let read = trace.readRuns(Array("打开这个?fěi)腜DF文件".unicodeScalars), counters: &counters)
        #expect(read == Array("打开这个?fěi)".unicodeScalars) + [LostCharacterRepair.traceMark(0xC4)] + Array("PDF文件".unicodeScalars))
        #expect(counters.compact == "lost-character.run-read=1")
        // Through the whole line repair: no odd character left, the letter kept.
        let (out, _) = clean("打开这个?fěi)腜DF文件")
        #expect(out.hasSuffix("PDF文件") && !out.contains("腜") && !out.contains("?"))
        // An ordinary character after the fragment stays (its second byte is no ASCII one).
        #expect(trace.readRuns(Array("打开?fěi)这个文件".unicodeScalars), counters: &counters) == nil)
    }

    /// A second byte in ASCII glued to a Latin word is taken where it leaves a word with the text
    /// before (載 is DD 64: 加载); a Latin word stays whole otherwise.
    @Test func anASCIISecondByteBeforeALatinWord() {
        let (out, counters) = run("所以仅在加?jǐn)dbr_netfilter模块之后")
        #expect(out == "所以仅在加载br_netfilter模块之后")
        #expect(counters.compact == "lost-character.trail-byte=1")
        #expect(run("张掖日?qǐng)ok了").0.hasSuffix("ok了"))
    }

    /// Where the byte leaves no clear winner, the fragment and the byte go: no stray letter.
    @Test func anAmbiguousSecondByteIsRemovedWithTheFragment() {
        let (out, counters) = run("他?jīng)_")
        #expect(out == "他")
        #expect(counters.compact == "lost-character.ambiguous=1")
    }

    /// An ASCII letter that starts a Latin word is the text's, not a byte; nor is one after a
    /// fragment without a tone mark.
    @Test func aLatinWordAfterTheFragmentIsNoByte() {
        #expect(run("张掖日?qǐng)ok了").0.hasSuffix("ok了"))
        #expect(run("what?no)U").0 == "what?no)U")
    }

    /// The second byte joined the bytes after it: the run is read again one byte later (its last
    /// character completed from its first byte, the `?` after it being its second), and the lost
    /// character chosen among those ending in the byte left.
    @Test func aRunAfterTheFragmentIsReadAgain() {
        let text = "我们的工作得到全面推进，"
        // (A noise the byte before cannot explain: after 作, D7 F7, `qū` is F7 F1 黢, a first byte F1.)
        let damaged = Self.lose(text, at: 5, noise: "shù")
        #expect(damaged.hasPrefix("我们的工作?shù)"))
        #expect(damaged != text && !damaged.contains("得到全面"))
        let (out, counters) = clean(damaged)
        #expect(out == text)
        #expect(counters["lost-character.run-read"] == 1)
        #expect(counters["lost-character.trail-byte"] == 1)
    }

    /// A second byte in ASCII ends the run (the decoder reads it alone and is in step again): it
    /// completes the run's last character (讀 is D7 78).
    @Test func anASCIISecondByteEndsTheRun() {
        let damaged = Self.lose("是一本值得一讀的好書", at: 4, noise: "fén")
        #expect(damaged.hasPrefix("是一本值?fén)") && damaged.hasSuffix("x的好書"))
        let (out, counters) = clean(damaged)
        #expect(out == "是一本值得一读的好书")
        #expect(counters["lost-character.run-read"] == 1)
    }

    /// A short run's last character is chosen with the lost character's likeliest reading before
    /// it, and the two making a word together are chosen together: alone, 〗 left 小将 (C0 BD: 将,
    /// lead D0 with nothing known before it) and 涞 gave 射的.
    @Test func aShortRunsLastCharacterSeesTheLostOne() {
        let damaged = Self.lose("时改订单,与前台小姐,发生了点不愉快", at: 8)
        #expect(damaged == "时改订单,与前台?qū)〗?,发生了点不愉快")
        #expect(clean(damaged).0 == "时改订单，与前台小姐，发生了点不愉快")
        let mapped = Self.lose("有关ld把符号映射到 何处的诊断信息", at: 8)
        #expect(mapped == "有关ld把符号映?qū)涞? 何处的诊断信息")
        #expect(clean(mapped).0 == "有关ld把符号映射到 何处的诊断信息")
    }

    /// Whatever is made of a run, no mark of the byte left is ever in the output, and no fragment.
    @Test(arguments: ["我们的工作得到全面推进，", "市委书记深入调研创建工作。", "这是一个很好的例子", "在当地得到推广,村小被撤销"])
    func noMarkIsLeft(text: String) {
        let count = text.unicodeScalars.count
        for i in 1 ..< count - 1 where ScalarClass.isHan(Array(text.unicodeScalars)[i]) {
            let (out, _) = clean(Self.lose(text, at: i, noise: "shù"))
            #expect(!out.unicodeScalars.contains { $0.value >= 0xF0000 }, "\(out)")
            #expect(out.firstMatch(of: try! Regex(#"[?？]\p{Ll}+\)"#)) == nil, "\(out)")
        }
    }

    /// A fragment read with its reading teaches the same noise elsewhere in the document.
    @Test func theSameNoiseIsTheSameCharacterInADocument() {
        var memory = CleaningMemory()
        var counters = Counters()
        var first = Array("张掖日?qǐng)?bào)讯".utf8), spare: [UInt8] = []
        Self.cleaner.clean(&first, spare: &spare, counters: &counters, memory: &memory)
        #expect(String(decoding: first, as: UTF8.self) == "张掖日报讯")
        var second = Array("转载自张掖日?qǐng)，".utf8)
        Self.cleaner.clean(&second, spare: &spare, counters: &counters, memory: &memory)
        #expect(String(decoding: second, as: UTF8.self) == "转载自张掖日报，")
        #expect(counters["lost-character.remembered"] == 1)
        // Without the document's memory, the first byte the noise gives (88: D5 88 is 請, qǐng)
        // leaves row 88, where the context finds 報 (日报); after ASCII, nothing tells: removed.
        #expect(clean("转载自张掖日?qǐng)，").0 == "转载自张掖日报，")
        #expect(clean("转载自 ?qǐng)，").0 == "转载自，")
        // A trace the remembered character's bytes do not fit (报 ends in A8, 報 in F3) is not it.
        var third = Array("转载自张掖日?qǐng)U，".utf8)
        Self.cleaner.clean(&third, spare: &spare, counters: &counters, memory: &memory)
        #expect(!String(decoding: third, as: UTF8.self).contains("报"))
        #expect(memory.lost.character(noise: "qǐng") != nil)
        memory.forgetPage()
        #expect(memory.lost.character(noise: "qǐng") == nil)
    }
}

/// A run whose last character's second byte is the ASCII character after it (結 is BD 59, `Y`) is
/// judged with the text after that character: the reading makes a word across it (結束).
@Suite struct LostCharacterTraceResyncTests {
    @Test func aRunCompletedByItsASCIIByteIsJudgedWithTheTextAfter() {
        let trace = LostCharacterTrace(desync: GBKDesyncRepair(converter: LostCharacterTraceTests.converter))
        var counters = Counters()
        // 早餐結束時 on a traditional page, 早 lost: its second byte E7 read with 餐's first, 餐's
        // second with 結's first; 結's second byte is `Y`.
        let read = trace.readRuns(Array("服務也很好,?lǎo)绮徒Y束時".unicodeScalars), counters: &counters)
        #expect(read.map { String(String.UnicodeScalarView($0)).hasSuffix("餐結束時") } == true)
        #expect(counters["lost-character.run-read"] == 1)
    }
}
