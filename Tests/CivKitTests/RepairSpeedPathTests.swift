import Foundation
import Testing
@testable import CivKit

/// The line repairs' shortcuts give what the long way gives: the conversion's eight-byte ASCII
/// copy and its phrase-start shortcut, fragments' Strings; white space wherever it falls.
@Suite struct RepairSpeedPathTests {
    /// White space at every offset of a line of Han, marks and ASCII (so that it falls at every
    /// place of the eight-byte words), of each kind the repair knows.
    @Test func whitespaceAtEveryOffset() {
        let repair = WhitespaceNormalization()
        for space in [" ", "\t", "\u{A0}", "\u{3000}", "\u{2002}", "\u{200B}", "  "] {
            for lead in 0 ..< 9 {
                let prefix = String(repeating: "a", count: lead)
                for han in 0 ..< 6 {
                    let text = String(repeating: "中文", count: han)
                    var counters = Counters()
                    // Between Han (kept as one space, U+200B removed), after a full-width mark (dropped), at the end (trimmed).
                    let between = prefix + text + "国" + space + "家"
                    let kept = space == "\u{200B}" ? "" : " "
                    #expect(repair.repair(between, counters: &counters) == prefix + text + "国" + kept + "家", "\(between.debugDescription)")
                    let afterMark = prefix + text + "。" + space + "家"
                    #expect(repair.repair(afterMark, counters: &counters) == prefix + text + "。家", "\(afterMark.debugDescription)")
                    let atEnd = prefix + text + "。" + space
                    #expect(repair.repair(atEnd, counters: &counters) == prefix + text + "。", "\(atEnd.debugDescription)")
                }
            }
        }
    }

    /// ASCII runs of every length up to 20 between traditional characters, phrase starts and
    /// phrase keys, converted as ICU converts them.
    @Test func conversionOfASCIIRunsAndPhraseStarts() {
        let phrases = T2S.rules.map(\.key).filter { $0.unicodeScalars.count > 1 }
        let starts = Array(Set(phrases.map { String($0.unicodeScalars.first!) })).sorted().prefix(40)
        var lines: [String] = []
        for length in 0 ... 20 {
            let ascii = String((0 ..< length).map { Character(Unicode.Scalar(UInt8(0x21 + ($0 * 7) % 94))) })
            lines += ["門" + ascii + "們", ascii + "國", "國" + ascii, ascii + phrases[length] + ascii, "中" + ascii + phrases[length * 3]]
            for start in starts { lines += [start + ascii, ascii + start, start + ascii + start, start + phrases[length]] }
        }
        let problems = T2S.differences(lines)
        #expect(problems.isEmpty, "\(problems)")
    }

    /// A fragment's letters as a String: the same String as made from the scalars one by one.
    @Test func fragmentStrings() {
        for text in ["", "qǐng", "bào", "ḿ", "a", "lüè", "zhuàng", "中文", "🙂x"] {
            let scalars = Array(text.unicodeScalars)
            #expect(UTF8Bytes.string(scalars[...]) == text)
            if scalars.count > 1 { #expect(UTF8Bytes.string(scalars[1...]) == String(String.UnicodeScalarView(scalars[1...]))) }
        }
    }
}

/// `TraditionalToSimplified.simplified` reads a character's own rule off the table: the same
/// as converting the character alone, on every scalar, with ICU's rules and with civ's.
@Suite struct SimplifiedCharacterTests {
    @Test func simplifiedIsTheCharacterConvertedAlone() throws {
        for converter in [T2S.fast, try TraditionalToSimplified(icuExact: false)] {
            var wrong: [String] = []
            for c in T2S.allScalars {
                let alone = Array(converter.convert(String(c)).unicodeScalars)
                let expected = alone.count == 1 ? alone[0] : c
                if converter.simplified(c) != expected { wrong.append("U+\(String(c.value, radix: 16)): \(converter.simplified(c)), expected \(expected)") }
                if wrong.count >= 10 { break }
            }
            #expect(wrong.isEmpty, "\(wrong)")
        }
    }
}
