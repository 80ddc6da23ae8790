import Foundation
import PropertyBased
import Testing
@testable import CivKit

/// Deterministic Chinese-like prose for the dedup tests: paragraphs of sentences drawn from a
/// few hundred common characters (two unrelated paragraphs share few 4-character shingles).
enum DedupText {
    static let alphabet = Array("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领")

    /// A paragraph of `sentences` sentences, from `seed`.
    static func paragraph(seed: UInt64, sentences: Int = 4) -> String {
        var rng = DedupHash.Sequence(seed: seed)
        var s = ""
        for _ in 0 ..< sentences {
            let n = 12 + Int(rng.next() % 20)
            for _ in 0 ..< n { s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            s.append(rng.next() % 3 == 0 ? "，" : "。")
        }
        return s
    }

    static func article(seed: UInt64, paragraphs: Int = 6) -> [String] {
        (0 ..< paragraphs).map { paragraph(seed: seed &* 1000 &+ UInt64($0)) }
    }

    /// An article whose paragraphs are unrelated (those of `article` are one random sequence
    /// shifted by a draw, so they share most of their shingles).
    static func distinctArticle(seed: UInt64, paragraphs: Int = 6) -> [String] {
        (0 ..< paragraphs).map { paragraph(seed: DedupHash.mix(seed &* 7919 &+ UInt64($0))) }
    }

    static func record(_ lines: [String], offset: Int, source: String = "test") -> Record {
        Record(fields: [Record.Field("source", source), Record.Field("offset", String(offset))], lines: lines)
    }
}

@Suite struct DedupTests {
    func run(_ records: [Record], _ options: DedupStage.Options = DedupStage.Options()) throws -> (out: [Record], counters: Counters) {
        let stage = DedupStage(options: options)
        var counters = Counters()
        var out: [Record] = []
        for r in records {
            var r = r
            counters.add("documents.in")
            if try stage.process(&r, counters: &counters) { out.append(r); counters.add("documents.out") }
        }
        return (out, counters)
    }

    var marking: DedupStage.Options { var o = DedupStage.Options(); o.mark = true; return o }

    @Test func hashIsSeededAndSpreads() {
        #expect(DedupHash.mix(0) != DedupHash.mix(1))
        let a = Array("市委书记调研".utf8), b = Array("市委书记调查".utf8)
        let ha = a.withUnsafeBufferPointer { DedupHash.hash($0) }, hb = b.withUnsafeBufferPointer { DedupHash.hash($0) }
        #expect(ha != hb)
        #expect(a.withUnsafeBufferPointer { DedupHash.hash($0, seed: 1) } != ha)
        // Every output bit flips about half the time when one input bit flips.
        var flips = 0
        for i in 0 ..< 64 { flips += (DedupHash.mix(12345) ^ DedupHash.mix(12345 ^ (1 << UInt64(i)))).nonzeroBitCount }
        #expect(abs(Double(flips) / 64 - 32) < 4)
    }

    @Test func shinglesSkipWhiteSpaceAndPunctuation() {
        let s = Shingler(size: 4, proseLinesOnly: false)
        var h1: UInt64 = 0, h2: UInt64 = 0
        var a: [UInt64] = [], b: [UInt64] = []
        s.forEachShingle(of: ["市委书记调研，文明创建。"], contentHash: &h1) { a.append($0) }
        s.forEachShingle(of: ["市委书记 调研", "文明创建!"], contentHash: &h2) { b.append($0) }
        #expect(a == b && h1 == h2 && a.count == 10 - 4 + 1)
        var h3: UInt64 = 0
        var c: [UInt64] = []
        s.forEachShingle(of: ["市委"], contentHash: &h3) { c.append($0) }
        #expect(c.count == 1)
    }

    @Test func shortLinksDoNotCountWhereProseExists() {
        let prose = DedupText.article(seed: 1, paragraphs: 3)
        let hasher = MinHasher()
        let plain = hasher.signature(of: prose)
        let withLinks = hasher.signature(of: ["相关新闻：", "市委书记调研文明创建工作", "区长督导检查"] + prose + ["上一篇：文明城市"])
        #expect(plain.values == withLinks.values)
        #expect(plain.contentHash != withLinks.contentHash)
    }

    @Test func exactDuplicatesAreDroppedAndCounted() throws {
        let a = DedupText.article(seed: 1), b = DedupText.article(seed: 2)
        let records = [DedupText.record(a, offset: 0), DedupText.record(b, offset: 100),
                       DedupText.record(a.map { " " + $0 + " " }, offset: 200), DedupText.record(a, offset: 300)]
        let (out, counters) = try run(records)
        #expect(out.map { $0["offset"] } == ["0", "100"])
        #expect(counters["dropped.duplicate-exact"] == 2)
        #expect(counters["documents.in"] == counters["documents.out"] + 2)
    }

    @Test func truncatedCopyWithOtherBoilerplateIsFoundAtTheDefaultThresholds() throws {
        let article = DedupText.article(seed: 7, paragraphs: 8)
        var copy = Array(article.prefix(5))      // 5 of 8 paragraphs: about 62% of the article
        copy[0] = String(copy[0].dropFirst(3))
        copy = ["当前位置：首页 > 要闻 > 正文", "相关新闻：", "区长督导检查文明创建工作"] + copy + ["责任编辑：王建"]
        let (out, counters) = try run([DedupText.record(article, offset: 0), DedupText.record(copy, offset: 5000)], marking)
        #expect(counters["marked.duplicate-near"] == 1)
        #expect(out[1][DedupStage.Field.duplicateOf] == "0 test")
        #expect(out[1][DedupStage.Field.duplicateKind] == "near")
        let j = Double(out[1][DedupStage.Field.jaccard]!)!, c = Double(out[1][DedupStage.Field.containment]!)!
        #expect(j > 0.4 && j < 0.85)   // about 5/8
        #expect(c >= 0.7)
        // Jaccard alone at 0.7 does not find it; the containment test does.
        var jaccardOnly = DedupStage.Options(); jaccardOnly.threshold = 0.7; jaccardOnly.containment = 2
        #expect(try run([DedupText.record(article, offset: 0), DedupText.record(copy, offset: 5000)], jaccardOnly).out.count == 2)
    }

    @Test func editedCopyIsFound() throws {
        let article = DedupText.article(seed: 9, paragraphs: 6)
        // One character in 40 replaced.
        let edited = article.map { line in
            String(line.enumerated().map { i, ch in i % 40 == 17 ? "国" : ch })
        }
        let (out, counters) = try run([DedupText.record(article, offset: 0), DedupText.record(edited, offset: 1)])
        #expect(out.count == 1 && counters["dropped.duplicate-near"] == 1)
    }

    @Test func unrelatedTextsAreKept() throws {
        let records = (0 ..< 300).map { DedupText.record(DedupText.article(seed: UInt64(100 + $0), paragraphs: 3), offset: $0) }
        let (out, counters) = try run(records)
        #expect(out.count == 300)
        #expect(counters["index.documents"] == 300)
    }

    @Test func jaccardEstimateIsClose() {
        let hasher = MinHasher(count: 256)
        let a = DedupText.article(seed: 3, paragraphs: 10)
        let b = Array(a.prefix(5)) + DedupText.article(seed: 4, paragraphs: 5)
        let j = MinHasher.jaccard(hasher.signature(of: a).values, hasher.signature(of: b).values)
        func shingles(_ lines: [String]) -> Set<UInt64> {
            var set = Set<UInt64>(), h: UInt64 = 0
            hasher.shingler.forEachShingle(of: lines, contentHash: &h) { set.insert($0) }
            return set
        }
        let sa = shingles(a), sb = shingles(b)
        let exact = Double(sa.intersection(sb).count) / Double(sa.union(sb).count)
        #expect(exact > 0.15 && exact < 0.5)
        #expect(abs(j - exact) < 0.1)   // standard error about 0.03 at 256 functions
    }

    @Test func pastItsCapTheIndexForgetsTheOlderHalfWithoutSpill() throws {
        var o = DedupStage.Options(); o.maxDocuments = 4; o.spill = false
        let docs = (1 ... 5).map { DedupText.article(seed: UInt64($0)) }
        // Generations of two: [a b] [c d], then e forgets a and b: a is new again, d and e are not.
        let stream = [docs[0], docs[1], docs[2], docs[3], docs[4], docs[0], docs[4], docs[3]]
        let (out, counters) = try run(stream.enumerated().map { DedupText.record($1, offset: $0) }, o)
        #expect(out.map { $0["offset"]! } == ["0", "1", "2", "3", "4", "5"])
        #expect(counters["index.forgotten"] == 2 && counters["dropped.duplicate-exact"] == 2)
    }

    @Test func pastItsCapTheOlderHalfIsSpilledAndStillFound() throws {
        var o = DedupStage.Options(); o.maxDocuments = 4; o.mark = true
        let docs = (1 ... 12).map { DedupText.distinctArticle(seed: UInt64(700 + $0), paragraphs: 5) }
        // Generations of two: by the twelfth document, four have gone to files (eight documents).
        var stream = docs
        stream.append(docs[0])                                       // exact, of a spilled one
        stream.append(Array(docs[1].prefix(3)))                      // truncated, of a spilled one
        stream.append(docs[2].map { String($0.dropFirst(2)) })       // edited, of a spilled one
        let (out, counters) = try run(stream.enumerated().map { DedupText.record($1, offset: $0) }, o)
        #expect(counters["index.spilled"] == 8 && counters["index.forgotten"] == 0)
        #expect(out[12][DedupStage.Field.duplicateOf] == "0 test" && out[12][DedupStage.Field.duplicateKind] == "exact")
        #expect(out[13][DedupStage.Field.duplicateOf] == "1 test" && out[13][DedupStage.Field.duplicateKind] == "near")
        #expect(out[14][DedupStage.Field.duplicateOf] == "2 test")
        #expect(out.prefix(12).allSatisfy { $0[DedupStage.Field.duplicateOf] == nil })
        // Four spills of two: four files; nothing of them in memory.
        #expect(counters["index.spill-merges"] == 0)
        // The same stream without spill: the copies of forgotten documents are new.
        o.spill = false
        let forgetting = try run(stream.enumerated().map { DedupText.record($1, offset: $0) }, o)
        #expect(forgetting.out.suffix(3).allSatisfy { $0[DedupStage.Field.duplicateOf] == nil })
    }

    @Test func spilledIndexFindsWhatTheIndexFound() throws {
        let index = LSHIndex(hashes: 120, bands: 40)
        let hasher = MinHasher(count: 120)
        let docs = (0 ..< 300).map { DedupText.distinctArticle(seed: UInt64(900 + $0), paragraphs: 3) }
        for (i, d) in docs.enumerated() { index.insert(hasher.signature(of: d), source: i % 2 == 0 ? "a" : "b b", offset: Int64(i)) }
        let spilled = try SpilledIndex(index)
        #expect(spilled.count == 300)
        for i in [0, 1, 63, 64, 65, 150, 299] {
            #expect(spilled.exactMatch(hasher.signature(of: docs[i]).contentHash) == i)
            #expect(spilled.origin(i) == (i % 2 == 0 ? "a" : "b b", Int64(i)))
            var candidates = 0
            let near = spilled.nearest(hasher.signature(of: Array(docs[i].prefix(2))), lineShare: 0.2, candidates: &candidates) { $0.containment }
            #expect(near?.doc == i && near!.comparison.containment > 0.8)
        }
        #expect(spilled.exactMatch(hasher.signature(of: ["不在其中的一行文字。"]).contentHash) == nil)
        // A second generation in the same log: its documents numbered on, the first's still found.
        let other = LSHIndex(hashes: 120, bands: 40, log: index.log)
        let more = (0 ..< 100).map { DedupText.distinctArticle(seed: UInt64(2000 + $0), paragraphs: 3) }
        for (i, d) in more.enumerated() { other.insert(hasher.signature(of: d), source: i % 2 == 0 ? "c" : "a", offset: Int64(i)) }
        let second = try SpilledIndex(other)
        #expect(second.base == 300 && second.count == 100)
        #expect(second.exactMatch(hasher.signature(of: more[5]).contentHash) == 305)
        #expect(second.exactMatch(hasher.signature(of: docs[7]).contentHash) == nil)
        #expect(spilled.exactMatch(hasher.signature(of: docs[7]).contentHash) == 7)
        #expect(second.origin(305) == ("a", 5) && second.origin(304) == ("c", 4) && spilled.origin(7) == ("b b", 7))
        var candidates = 0
        let near = second.nearest(hasher.signature(of: Array(more[50].prefix(2))), lineShare: 0.2, candidates: &candidates) { $0.containment }
        #expect(near?.doc == 350)
    }

    @Test func indexSurvivesGrowth() throws {
        // Enough documents to grow both tables several times; the first ones are still found.
        let articles = (0 ..< 800).map { DedupText.article(seed: UInt64(5000 + $0), paragraphs: 2) }
        var records = articles.enumerated().map { DedupText.record($1, offset: $0) }
        records += articles.prefix(50).enumerated().map { DedupText.record(Array($1.dropLast()) + [String($1.last!.dropLast(4))], offset: 1000 + $0) }
        let (out, counters) = try run(records)
        #expect(out.count == 800)
        #expect(counters["dropped.duplicate-near"] + counters["dropped.duplicate-exact"] == 50)
    }

    /// Streams made of a few articles, copies of them (cut, edited) and others: whatever the
    /// mix, a document is never a duplicate of itself or of a later one, every duplicate names
    /// a document written unmarked before it, order is kept, and in = out + dropped.
    @Test func streamProperties() async {
        let pieces = Gen.int(in: 0 ... 5).array(of: 2 ... 3)   // article number, damage, cut
        await propertyCheck(input: pieces.array(of: 1 ... 30)) { picks in
            var records: [Record] = []
            for (i, p) in picks.enumerated() {
                var lines = DedupText.article(seed: UInt64(p[0]), paragraphs: 5)
                if p[1] % 3 == 1 { lines = Array(lines.prefix(3 + p[1] % 2)) }
                if p[1] % 3 == 2 { lines[0] = String(lines[0].dropFirst(2)) }
                if p.count > 2 && p[2] == 5 { lines = DedupText.article(seed: UInt64(100 + i), paragraphs: 2) }
                records.append(DedupText.record(lines, offset: i))
            }
            var o = DedupStage.Options(); o.mark = true
            let (marked, mc) = try! run(records, o)
            #expect(marked.map { $0["offset"] } == records.map { $0["offset"] })
            var firstCopies = Set<String>()
            for r in marked {
                if let of = r[DedupStage.Field.duplicateOf] {
                    let offset = String(of.split(separator: " ")[0])
                    #expect(Int(offset)! < Int(r["offset"]!)!)
                    #expect(firstCopies.contains(offset))
                } else {
                    firstCopies.insert(r["offset"]!)
                }
            }
            let (dropped, dc) = try! run(records)
            #expect(dc["documents.in"] == dc["documents.out"] + dc["dropped.duplicate-exact"] + dc["dropped.duplicate-near"])
            #expect(dropped.map { $0["offset"]! } == marked.filter { $0[DedupStage.Field.duplicateOf] == nil }.map { $0["offset"]! })
            #expect(mc["documents.out"] == picks.count)
        }
    }

    @Test func signatureLinesCarryWhatASecondPassNeeds() {
        let stage = DedupStage()
        let r = DedupText.record(DedupText.article(seed: 1), offset: 42, source: "a b.txt")
        let sig = stage.hasher.signature(of: r.lines)
        let line = DedupStage.signatureLine(r, sig, .keep)
        let cols = line.dropLast().split(separator: "\t", omittingEmptySubsequences: false)
        #expect(cols.count == 6 && cols[0] == "42" && cols[1] == "a b.txt" && cols[4] == "keep")
        #expect(cols[5].split(separator: ",").map { UInt32($0, radix: 16)! } == sig.values)
        #expect(stage.signatureHeader().hasPrefix("#civ-dedup-signatures 1 "))
    }

    @Test func memoryPerDocumentIsAsDocumented() {
        // 17 keys of 4 bytes, the table at least 60% full; on disk, the record.
        #expect(LSHIndex.bytesPerDocument(hashes: 24, bands: 8, sketchSize: 64, anchors: 8) == 114)
        #expect(DocumentLog.recordSize(k: 64, bands: 8) == 37 + 8 * 8 + 64 * 5)
    }

    @Test func theIndexHoldsOnlyKeysInMemoryWithinItsBound() {
        let index = LSHIndex()
        let hasher = MinHasher(count: 24)
        var loads: [Double] = []
        for i in 0 ..< 1500 {
            index.insert(hasher.signature(of: [DedupText.paragraph(seed: UInt64(9000 + i), sentences: 2)]), source: "s", offset: Int64(i))
            if i >= 200 { loads.append(index.keys.load) }
        }
        // Past the first table, 60% to 75% full: at most `bytesPerDocument` a document in memory.
        #expect(loads.allSatisfy { $0 > 0.4 && $0 <= 0.75 })
        #expect(index.memoryBytes <= 1500 * LSHIndex.bytesPerDocument(hashes: 24, bands: 8))
        #expect(index.log.count == 1500 && index.keys.count <= 1500 * 17)
    }

    /// The sketch entries of lines, normalized.
    func sketch(_ lines: [String]) -> [UInt64] {
        MinHasher(count: 8).signature(of: lines).sketch
    }

    func compare(_ a: [String], _ b: [String], k: Int = 64) -> ShingleSketch.Comparison {
        let all = sketch(a), other = sketch(b)
        let stored = Array(other.prefix(k))
        var scratch: [Int32] = []
        return all.withUnsafeBufferPointer { p in
            stored.withUnsafeBufferPointer { q in
                ShingleSketch.compare(all: p, distinct: all.count, stored: q, storedDistinct: other.count, k: k, lineShare: 0.2, scratch: &scratch)
            }
        }
    }

    @Test func sketchEstimatesContainmentOfATruncatedCopy() {
        let article = DedupText.distinctArticle(seed: 21, paragraphs: 8)
        let half = Array(article.prefix(4))
        // Either order: the stored document the full one or the truncated one.
        for c in [compare(half, article), compare(article, half)] {
            #expect(c.containment > 0.85, "\(c)")
            #expect(c.jaccard > 0.3 && c.jaccard < 0.7)
            #expect(c.coverage > 0.9)
            #expect(c.sizeRatio > 0.35 && c.sizeRatio < 0.65)
        }
        let unrelated = compare(DedupText.distinctArticle(seed: 22, paragraphs: 8), article)
        #expect(unrelated.containment < 0.1 && unrelated.coverage < 0.2)
    }

    @Test func sketchCoverageTellsATemplateSiblingFromARepost() {
        // The same long opening paragraph, then another body: contained in part, by whole lines.
        let opening = DedupText.paragraph(seed: DedupHash.mix(31), sentences: 12)
        let a = [opening] + DedupText.distinctArticle(seed: 32, paragraphs: 3)
        let b = [opening] + DedupText.distinctArticle(seed: 33, paragraphs: 3)
        let sibling = compare(a, b)
        #expect(sibling.containment > 0.3)
        #expect(sibling.coverage < 0.7)
        // Edits spread over every line leave each line mostly shared.
        let edited = a.map { line in String(line.enumerated().map { i, ch in i % 12 == 5 ? "国" : ch }) }
        let repost = compare(edited, a)
        #expect(repost.containment > 0.3 && repost.coverage > 0.9)
    }

    @Test func storedSketchKeepsTheLeastEntries() {
        let lines = DedupText.distinctArticle(seed: 41, paragraphs: 6)
        let all = sketch(lines)
        #expect(all.count > 64)
        #expect(zip(all, all.dropFirst()).allSatisfy { $0 < $1 })
        // Stored, the least 64 are kept (sorted), and the least of those are anchors: a document
        // holding the article's least shingles meets it (bands or not); another does not.
        let index = LSHIndex(hashes: 24, bands: 8)
        let hasher = MinHasher(count: 24)
        index.insert(hasher.signature(of: lines), source: "s", offset: 0)
        let sample = index.log.withRecord(0) { d in (0 ..< d.sampleSize).map { d.sampleEntry($0) } }
        #expect(sample == Array(all.prefix(64)).map { $0 & 0xFFFF_FFFF_0000_00FF })
        let part = hasher.signature(of: Array(lines.prefix(3)) + DedupText.distinctArticle(seed: 42, paragraphs: 3))
        var candidates = 0
        #expect(index.nearest(part, lineShare: 0.2, candidates: &candidates) { _ in 1 }?.doc == 0)
        #expect(index.nearest(hasher.signature(of: DedupText.distinctArticle(seed: 43)), lineShare: 0.2, candidates: &candidates) { _ in 1 } == nil)
        #expect(candidates == 0)
    }

    @Test func aFullerCopyIsIndexedUnderTheFirstCopysName() throws {
        let article = DedupText.distinctArticle(seed: 61, paragraphs: 8)
        let head = Array(article.prefix(3)), tail = Array(article.suffix(4))
        // The truncated repost comes first; the full article matches it; the tail matches only
        // the full article, which is indexed for that under the first copy's name.
        let stream = [head, article, tail].enumerated().map { DedupText.record($1, offset: $0) }
        let (out, counters) = try run(stream, marking)
        #expect(out[1][DedupStage.Field.duplicateOf] == "0 test")
        #expect(out[2][DedupStage.Field.duplicateOf] == "0 test")
        #expect(counters["index.fuller-copies"] == 1)
        var never = marking; never.fullerCopy = 0
        #expect(try run(stream, never).out[2][DedupStage.Field.duplicateOf] == nil)
    }

    @Test func templateSiblingsAreKeptAndTruncatedEditedCopiesFound() throws {
        let opening = DedupText.paragraph(seed: DedupHash.mix(51), sentences: 10)
        let first = [opening] + DedupText.distinctArticle(seed: 52, paragraphs: 3)
        let sibling = [opening] + DedupText.distinctArticle(seed: 53, paragraphs: 3)
        // A repost cut to half and edited every 15th character: Jaccard far under the threshold.
        let article = DedupText.distinctArticle(seed: 54, paragraphs: 8)
        let cut = Array(article.prefix(4)).map { line in String(line.enumerated().map { i, ch in i % 15 == 7 ? "国" : ch }) }
        let (out, counters) = try run([DedupText.record(first, offset: 0), DedupText.record(sibling, offset: 1),
                                       DedupText.record(article, offset: 2), DedupText.record(cut, offset: 3)], marking)
        #expect(out[1][DedupStage.Field.duplicateOf] == nil)
        #expect(out[3][DedupStage.Field.duplicateOf] == "2 test", "\(out[3].fields) \(compare(cut, article)) \(counters)")
        #expect(Double(out[3][DedupStage.Field.jaccard]!)! < 0.4)
        #expect(counters["marked.duplicate-near"] == 1)
    }
}

@Suite struct DedupCommandLineTests {
    @Test func civDedupDropsOrMarksRepostsEndToEnd() throws {
        // Each seed page twice, the second time with its last paragraph lost.
        let r = try Support.shell("""
            d=$(mktemp -d); for f in testdata/seeds/*.txt; do cp $f $d/$(basename $f); head -n -3 $f > $d/cut-$(basename $f); done
            civ-clean $d/*.txt | civ-dedup --stats --signatures $d/sig > $d/out; echo "status=$?"
            grep -c '^%end' $d/out; grep -c . $d/sig
            civ-clean $d/*.txt | civ-dedup --mark | grep '^%duplicate-' | sort | cut -d' ' -f1 | uniq -c | tr -s ' '
            civ-dedup --threshold 2 < /dev/null; echo "bad=$?"
            rm -r $d
            """)
        let lines = r.text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "status=0")
        #expect(lines[1] == "2")                 // two pages of four kept
        #expect(lines[2] == "5")                 // a header and four signatures
        #expect(lines.contains(" 2 %duplicate-of") && lines.contains(" 2 %duplicate-kind"))
        #expect(lines.last == "bad=64")
        #expect(r.stderr.contains("civ-dedup\tdocuments.in\t4"))
        #expect(r.stderr.contains("civ-dedup\tdocuments.out\t2"))
    }

    @Test func civDedupHasVersionHelpAndStopsOnAClosedPipe() throws {
        let version = try Support.shell("civ-dedup --version")
        #expect(version.status == 0 && version.text == CivVersion.string + "\n")
        #expect(try Support.shell("civ-dedup --help").text.contains("Exit codes"))
        let r = try Support.shell("for i in $(seq 100); do cat testdata/seeds/*.txt; done | civ-clean | civ-dedup --mark | head -c 1000 >/dev/null; echo \"status=${PIPESTATUS[2]}\"")
        #expect(r.text.contains("status=141"))
    }

    @Test func civDedupSpillsPastMaxMemoryIntoTMPDIR() throws {
        // 3000 distinct pages of generated prose, then the first 50 again: past --max-memory 0.25
        // (2299 documents, generations of 1149) the first ones are in a spill file and their copies still dropped.
        let r = try Support.shell("""
            d=$(mktemp -d)
            python3 -c '
            import random
            rng = random.Random(5)
            a = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
            docs = ["\\n".join("".join(rng.choices(a, k=40)) + "。" for _ in range(4)) for _ in range(3000)]
            for i, d in enumerate(docs + docs[:50]):
                print(f"%civ 1\\n%source s\\n%offset {i}\\n{d}\\n%end")
            ' > $d/in
            TMPDIR=$d civ-dedup --max-memory 0.25 --stats < $d/in | grep -c '^%end'
            TMPDIR=$d civ-dedup --max-memory 0.25 --no-spill < $d/in | grep -c '^%end'
            ls $d; TMPDIR=$d/missing civ-dedup --max-memory 0.25 < $d/in | grep -c '^%end'
            rm -r $d
            """)
        let lines = r.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "3000")            // the 50 copies dropped
        #expect(lines.dropFirst().first == "3050")  // forgotten: kept again
        #expect(lines.dropFirst(2).first == "in")   // spill files are unlinked
        #expect(lines.last == "3050")            // no spill file possible: forgotten, and said
        #expect(r.stderr.contains("civ-dedup\tindex.spilled\t"))
        #expect(r.stderr.contains("go to a temporary file"))
        #expect(r.stderr.contains("cannot make a spill file"))
        let help = try Support.shell("civ-dedup --help").text
        #expect(help.contains("--no-spill") && help.contains("temporary file"))
    }
}

@Suite struct DedupLineCountTests {
    @Test func linesOfTwoKeptDocumentsAreCommonEachDocumentCountedOnce() {
        var counts = LineCounts(commonAt: 2)
        var doc: [UInt64] = [11, 0, 22, 11]
        counts.add(document: &doc)
        #expect(!counts.isCommon(11) && !counts.isCommon(22) && !counts.isCommon(33))
        var other: [UInt64] = [11, 33]
        counts.add(document: &other)
        #expect(counts.isCommon(11) && !counts.isCommon(22) && !counts.isCommon(33))
        #expect(!LineCounts(commonAt: 0).isCommon(11))
    }

    @Test func commonLinesAreLeftOutOfTheShinglesUnlessAllProseIsCommon() {
        let hasher = MinHasher()
        let body = DedupText.article(seed: 21, paragraphs: 3), footer = DedupText.article(seed: 22, paragraphs: 2)
        var sig = MinHasher.Signature(values: [], shingles: 0, contentHash: 0)
        var hashes: [UInt64] = []
        hasher.signature(of: footer, into: &sig, lineHashes: &hashes, isCommon: { _ in false })
        let footerHashes = Set(hashes)
        hasher.signature(of: body + footer, into: &sig, lineHashes: &hashes, isCommon: footerHashes.contains)
        #expect(sig.values == hasher.signature(of: body).values)
        hasher.signature(of: footer, into: &sig, lineHashes: &hashes, isCommon: footerHashes.contains)
        #expect(sig.values == hasher.signature(of: footer).values)
    }

    @Test func articlesSharingALongFooterAreKept() throws {
        let footer = DedupText.article(seed: 30, paragraphs: 4)
        let records = (0 ..< 6).map { DedupText.record(DedupText.article(seed: UInt64(31 + $0), paragraphs: 2) + footer, offset: $0) }
        func kept(_ commonLines: Int, coverage: Double = DedupStage.Options().coverage) -> Int {
            var o = DedupStage.Options(); o.commonLines = commonLines; o.coverage = coverage
            let stage = DedupStage(options: o)
            var counters = Counters()
            return records.filter { r in var r = r; return try! stage.process(&r, counters: &counters) }.count
        }
        #expect(kept(0, coverage: 0) < 6)   // the footer is most of each page
        #expect(kept(0) == 6)               // but they share whole lines, not the others (coverage)
        #expect(kept(2) >= 5)         // only the second page can still be taken for the first's copy
    }

    @Test func aFooterMostOfThePageIsTakenForACopyOnceNotOverAndOver() throws {
        // Short articles under one long footer of two paragraphs, most of each page: the second
        // page passes for the first's copy (the footer seen once only), but each of the pair has
        // whole lines of its own, so the footer then counts as common and the others are kept.
        let footer = [DedupText.paragraph(seed: DedupHash.mix(50), sentences: 14), DedupText.paragraph(seed: DedupHash.mix(51), sentences: 14)]
        let records = (0 ..< 6).map { i in
            DedupText.record((0 ..< 2).map { p in DedupText.paragraph(seed: DedupHash.mix(UInt64(100 + 2 * i + p)), sentences: 6) } + footer, offset: i)
        }
        func kept(ownLines: Double) throws -> (kept: Int, counted: Int) {
            var o = DedupStage.Options(); o.coverage = 0.6; o.ownLines = ownLines
            let (out, counters) = try dedup(records, o)
            return (out.count, counters["lines.counted-look-alike"])
        }
        let without = try kept(ownLines: 0)
        #expect(without.kept <= 2 && without.counted == 0, "\(without)")
        let with = try kept(ownLines: DedupStage.Options().ownLines)
        #expect(with.kept >= 5 && with.counted >= 1, "\(with)")
    }

    @Test func aRepostMissingItsEndDoesNotCountItsLines() throws {
        // Lines of its own on one side only (the full article's last paragraphs): copies all.
        let article = DedupText.distinctArticle(seed: 60, paragraphs: 8)
        let records = [DedupText.record(article, offset: 0), DedupText.record(Array(article.prefix(5)), offset: 1),
                       DedupText.record(Array(article.prefix(6)), offset: 2)]
        let (out, counters) = try dedup(records, DedupStage.Options())
        #expect(out.count == 1 && counters["lines.counted-look-alike"] == 0)
    }

    func dedup(_ records: [Record], _ options: DedupStage.Options) throws -> (out: [Record], counters: Counters) {
        let stage = DedupStage(options: options)
        var counters = Counters()
        let out = try records.filter { r in var r = r; return try stage.process(&r, counters: &counters) }
        return (out, counters)
    }
}

@Suite struct DedupDamageTests {
    /// The case: the same article once as crawled (traditional characters with pinyin,
    /// lost characters, a byline and banner) and once as simplified text without byline or
    /// banner, its last paragraph lost; after civ-clean, civ-dedup finds the second a copy.
    @Test func traditionalWithPinyinAndPlainSimplifiedCopiesAreOneArticle() throws {
        for seed in Support.seedNames {
            let r = try Support.shell("""
                d=$(mktemp -d); cp testdata/seeds/\(seed) $d/a.txt
                civ-clean $d/a.txt | grep -v '^%' | head -n -1 > $d/b.txt
                civ-clean $d/a.txt $d/b.txt | civ-dedup --mark --stats | grep '^%duplicate-'; rm -r $d
                """)
            #expect(r.text.contains("%duplicate-of 0 /"), "\(seed)")
            #expect(r.text.contains("%duplicate-kind near"), "\(seed)")
            #expect(r.stderr.contains("civ-dedup\tmarked.duplicate-near\t1"), "\(seed)")
        }
    }
}
