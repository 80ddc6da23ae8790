import Foundation
import Testing
@testable import CivKit

/// The converter's images t2s.bin and t2s-icu.bin (`ConversionImage`): what the installed ICU's
/// rules (and the exceptions) give, read as the tables built from the TSVs, and refused when damaged.
@Suite struct ConversionImageTests {
    static func committed(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: LexiconDataTests.resources.appendingPathComponent(name)))
    }

    static func bytes(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

    /// Built from the installed ICU's rules, not from the TSV: the images follow ICU.
    @Test func imagesMatchInstalledICURules() throws {
        let icuRules = try TransliterationRules.parse(try T2S.icu.rules(escapeUnprintable: true))
        let exceptions = try TraditionalToSimplified.tableRules(TraditionalToSimplified.exceptionsName)
        let merged = TraditionalToSimplified.merging(icu: icuRules.map { (Self.bytes($0.key), Self.bytes($0.value)) },
                                                     exceptions: exceptions.map { (Self.bytes($0.key), Self.bytes($0.value)) })
        for icuExact in [true, false] {
            let rules = icuExact ? icuRules : merged.map { TransliterationRule(key: String(decoding: $0.key, as: UTF8.self), value: String(decoding: $0.value, as: UTF8.self)) }
            let expected = try TraditionalToSimplified(rules: rules).imageBytes()
            let name = ConversionImage.name(icuExact: icuExact)
            #expect(expected == (try Self.committed(name)), """
                \(name) differs from what the installed ICU's (\(ICUTransliterator.icuVersion)) Traditional-Simplified rules\(icuExact ? "" : " and t2s-exceptions.tsv") give: \
                run scripts/generate-t2s-table (it rewrites traditional-simplified.tsv and the images; --binary: the images alone, after a TSV changed) and commit them
                """)
        }
    }

    /// The mapped converter answers as the one built from the TSVs, on every phrase key and on
    /// every BMP character.
    @Test func mappedConverterConvertsAsBuiltOne() throws {
        let text = T2S.rules.map(\.key).joined(separator: "|") + T2S.string(T2S.lineScalars.filter { $0.value < 0x10000 || $0.value % 7 == 0 })
        for icuExact in [true, false] {
            let mapped = try TraditionalToSimplified(icuExact: icuExact, fromTables: false)
            let built = try TraditionalToSimplified(icuExact: icuExact, fromTables: true)
            #expect(mapped.convertCounting(text) == built.convertCounting(text))
            #expect(mapped.imageBytes() == built.imageBytes())
            #expect(mapped.ruleCount == built.ruleCount && mapped.maxKeyBytes == built.maxKeyBytes && mapped.lengthPreserving == built.lengthPreserving)
        }
    }

    /// A truncated image, or one whose entries point outside it, is refused with a message.
    @Test func damagedImageIsRefused() throws {
        let good = try Self.committed(ConversionImage.name(icuExact: false))
        #expect((try? ConversionImage(ImageBytes(copying: good), name: "t2s.bin")) != nil)
        #expect(throws: ImageError.self) { try ConversionImage(ImageBytes(copying: Array(good.dropLast(8))), name: "t2s.bin") }
        // The BMP table's offset is the header's 7th field; its entry for 們 made to point far past the pool.
        let bmpOffset = Int(good[ConversionImage.magic.count + 6 * 8 ..< ConversionImage.magic.count + 7 * 8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        var damaged = good
        let entry = bmpOffset + 4 * Int(("們" as Unicode.Scalar).value)
        damaged.replaceSubrange(entry ..< entry + 4, with: [0xF0, 0xFF, 0xFF, 0x04])
        #expect(throws: ImageError.self) { try ConversionImage(ImageBytes(copying: damaged), name: "t2s.bin") }
    }
}
