import Testing
@testable import CivKit

/// `ICURegex` matches short valid text as UTF-16 and anything else through a UTF-8 UText: both
/// paths must give the same UTF-8 end offsets.
@Suite struct ICURegexTests {
    func end(_ pattern: String, _ bytes: [UInt8]) throws -> Int? {
        let regex = try ICURegex(pattern)
        return bytes.withUnsafeBufferPointer { regex.firstMatchEnd(in: $0) }
    }

    @Test func endsAreUTF8OffsetsAcrossCharactersOfEveryLength() throws {
        // 𠀀 (4 bytes, 2 UTF-16 units), é (2), 网 (3), a (1)
        let text = Array("a𠀀é网—x 相关分类".utf8)
        #expect(try end("^a𠀀é网", text) == 1 + 4 + 2 + 3)
        #expect(try end("—x", text) == 1 + 4 + 2 + 3 + 3 + 1)
        #expect(try end("相关分类$", text) == text.count)
        #expect(try end("^\\S{2,24}网\\s*[—–]+\\s*\\S", text) == 1 + 4 + 2 + 3 + 3 + 1)
        #expect(try end("^网", text) == nil)
        #expect(try end("^$", []) == 0)
        #expect(try end("x", []) == nil)
    }

    @Test func longAndInvalidTextGiveTheSameEnds() throws {
        let long = Array(String(repeating: "网", count: 2000).utf8) + Array("相关分类".utf8)
        #expect(long.count > 4096)
        #expect(try end("相关分类$", long) == long.count)
        #expect(try end("^网{3}", long) == 9)
        // An invalid byte: no conversion to UTF-16, the UText path reads it as U+FFFD.
        let invalid: [UInt8] = Array("网".utf8) + [0xFF] + Array("相关".utf8)
        #expect(try end("相关", invalid) == invalid.count)
        #expect(try end("^网", invalid) == 3)
    }
}

@Suite struct BytePairSignatureTests {
    @Test func aTextsSignatureIsThatOfItsBytesAsOneLiteralAndCoversItsPieces() {
        for text in ["", "a", "相关分类您当前的位置 :", "版权所有 Copyright © 2023 All Rights Reserved", String(repeating: "网—x ", count: 300)] {
            let bytes = Array(text.utf8)
            let signature = bytes.withUnsafeBufferPointer { BytePairSignature($0) }
            #expect(signature == BytePairSignature(literals: [bytes]))
            for cut in stride(from: 0, to: bytes.count, by: 7) {
                let piece = Array(bytes[cut ..< min(bytes.count, cut + 9)])
                #expect(signature.covers(BytePairSignature(literals: [piece])))
            }
        }
        let line = Array("鲜花 握手".utf8)
        #expect(!line.withUnsafeBufferPointer { BytePairSignature($0) }.covers(BytePairSignature(literals: [Array("相关".utf8)])))
    }
}

@Suite struct CountersReuseTests {
    @Test func removeAllGivesEmptyCountersThatCountAfresh() {
        var counters = Counters()
        counters.add("punctuation", 3)
        counters.add("lost-character.pinyin")
        counters.removeAll()
        #expect(counters.isEmpty && counters == Counters())
        counters.add("dropped.menu", 2)
        counters.add("whitespace")
        #expect(counters.compact == "dropped.menu=2 whitespace=1")
        #expect(counters["punctuation"] == 0 && counters["lost-character.pinyin"] == 0)
    }

    @Test func compactWritesEveryCountLikeStringDoes() {
        var counters = Counters()
        for (i, n) in [0, 1, 9, 10, 99, 1000, 123_456_789, Int.max].enumerated() { counters.add("n\(i)", n) }
        counters.add("neg", -42)
        #expect(counters.compact == "n1=1 n2=9 n3=10 n4=99 n5=1000 n6=123456789 n7=\(Int.max) neg=-42")
        #expect(Counters(compact: counters.compact)["n7"] == Int.max)
    }
}
