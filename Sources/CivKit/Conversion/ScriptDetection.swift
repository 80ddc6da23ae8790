/// Tells a line that needs converting from one that must be left alone: simplified text (ICU's
/// table is not the identity on it: 显著 → 显着, 摔跤 → 摔交) and Japanese (kana among the Han
/// characters). From `t2s-script-characters.tsv` (OpenCC's data, by
/// `scripts/generate-t2s-exceptions`): a line is traditional when it holds a character only
/// traditional text uses (萍鄉: 鄉), or more characters that OpenCC converts by default but
/// simplified text may use (剋, 袷) than characters only simplified text uses (们, 夹).
/// Only lines that conversion would change are asked, so simplified lines cost nothing more.
public struct ScriptDetection: Sendable {
    public enum Verdict: Sendable { case traditional, simplified, japanese }
    enum Class: UInt8 { case none = 0, traditional, leaning, simplified }

    public static let tableName = "t2s-script-characters.tsv"
    /// Two bits per BMP code point (a `Class`); the few supplementary ones in a dictionary.
    private let bmp: [UInt64]
    private let supplementary: [UInt32: Class]

    public init() {
        var bmp = [UInt64](repeating: 0, count: 0x10000 / 32)
        var supplementary: [UInt32: Class] = [:]
        // Read on the bytes into the table, no String and no list a line (7,000 lines at every
        // start-up; a list of pairs and a generic comparison a word cost 3M instructions).
        DataFile.forEachLine(Self.tableName) { p in
            guard let tab = p.firstIndex(of: 0x09), tab > 0 else { return }
            let (c, length) = UTF8Bytes.scalar(p, at: 0)
            guard length == tab, let kind = Self.classNamed(UnsafeBufferPointer(rebasing: p[(tab + 1)...])) else { return }
            Self.insert(c, kind, into: &bmp, &supplementary)
        }
        self.bmp = bmp
        self.supplementary = supplementary
    }

    private static let traditionalWord = Array("traditional".utf8)
    private static let leaningWord = Array("leaning".utf8)
    private static let simplifiedWord = Array("simplified".utf8)

    /// The class a table line's second column names, nil for another word.
    private static func classNamed(_ word: UnsafeBufferPointer<UInt8>) -> Class? {
        func equals(_ name: [UInt8]) -> Bool {
            word.count == name.count && name.withUnsafeBytes { memcmp(word.baseAddress!, $0.baseAddress!, name.count) == 0 }
        }
        if equals(traditionalWord) { return .traditional }
        if equals(leaningWord) { return .leaning }
        if equals(simplifiedWord) { return .simplified }
        return nil
    }

    private static func insert(_ c: UInt32, _ kind: Class, into bmp: inout [UInt64], _ supplementary: inout [UInt32: Class]) {
        if c < 0x10000 { bmp[Int(c >> 5)] |= UInt64(kind.rawValue) << UInt64(2 * (c & 31)) } else { supplementary[c] = kind }
    }

    @inline(__always)
    func kind(_ c: UInt32) -> Class {
        if c < 0x10000 { return Class(rawValue: UInt8(truncatingIfNeeded: bmp[Int(c >> 5)] >> UInt64(2 * (c & 31))) & 3)! }
        return supplementary[c] ?? .none
    }

    /// The line's verdict; a line with no character that tells (`decided` is nil) is simplified.
    public func verdict(_ line: UnsafeBufferPointer<UInt8>) -> Verdict {
        decided(line) ?? .simplified
    }

    /// The line's verdict, or nil when no character of it tells traditional from simplified
    /// text (`他看著我`): its neighbours decide (`ScriptContext`).
    func decided(_ line: UnsafeBufferPointer<UInt8>) -> Verdict? {
        var leaning = 0, simplified = 0
        var i = 0
        while i < line.count {
            if line[i] < 0x80 { i += 1; continue }
            let (c, length) = UTF8Bytes.scalar(line, at: i)
            if c >= 0x3041 && c <= 0x30FF && c != 0x30FB { return .japanese }  // kana (not the middle dot)
            switch kind(c) {
            case .traditional:
                return Self.hasKana(line, from: i + length) ? .japanese : .traditional
            case .leaning: leaning += 1
            case .simplified: simplified += 1
            case .none: break
            }
            i += length
        }
        if leaning == 0 && simplified == 0 { return nil }
        return leaning > simplified ? .traditional : .simplified
    }

    /// Kana (U+3041–U+30FF but the middle dot U+30FB: E3 81 81 – E3 83 BF) in `line[from...]`,
    /// read off the bytes: the rest of a traditional line costs a byte scan, not a decode.
    static func hasKana(_ line: UnsafeBufferPointer<UInt8>, from: Int) -> Bool {
        guard let base = line.baseAddress else { return false }
        var i = from
        let n = line.count
        while i + 2 < n, let hit = memchr(base + i, 0xE3, n - 2 - i) {
            i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let b1 = line[i + 1], b2 = line[i + 2]
            if (b1 == 0x81 && b2 >= 0x81) || b1 == 0x82 || (b1 == 0x83 && b2 != 0xBB) { return true }
            i += 3
        }
        return false
    }
}

#if canImport(Glibc)
import Glibc
#endif
