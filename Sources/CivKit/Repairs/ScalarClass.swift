/// Character classes the repairs and extractors share.
public enum ScalarClass {
    /// CJK unified ideographs (all extension blocks) and compatibility ideographs.
    @inlinable public static func isHan(_ s: Unicode.Scalar) -> Bool { isHan(s.value) }
    @inlinable public static func isHan(_ v: UInt32) -> Bool {
        switch v {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F, 0x30000...0x323AF: return true
        case 0x3007: return true // 〇
        default: return false
        }
    }

    /// Full-width and CJK punctuation: 、。，：；？！（）“”‘’《》〈〉【】「」『』—…·
    @inlinable public static func isCJKPunctuation(_ s: Unicode.Scalar) -> Bool { isCJKPunctuation(s.value) }
    @inlinable public static func isCJKPunctuation(_ v: UInt32) -> Bool {
        switch v {
        case 0x3001...0x3003, 0x3008...0x3011, 0x3014...0x301F: return true
        case 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65: return true
        case 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B7: return true
        default: return false
        }
    }

    /// Han or CJK punctuation: "Chinese context" for punctuation and spacing rules.
    @inlinable public static func isChineseContext(_ s: Unicode.Scalar) -> Bool { isChineseContext(s.value) }
    @inlinable public static func isChineseContext(_ v: UInt32) -> Bool { isHan(v) || isCJKPunctuation(v) }

    /// White space a crawl uses for indentation or separation: ASCII space and tab, no-break
    /// space, the Unicode spaces U+2000–U+200A, narrow no-break, ideographic (full-width) space.
    @inlinable public static func isSpace(_ s: Unicode.Scalar) -> Bool { isSpace(s.value) }
    @inlinable public static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    @inlinable public static func isASCIIDigit(_ s: Unicode.Scalar) -> Bool { isASCIIDigit(s.value) }
    @inlinable public static func isASCIIDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }
}
