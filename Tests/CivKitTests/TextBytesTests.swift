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
