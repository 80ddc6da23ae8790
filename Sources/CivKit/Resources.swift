import Foundation

/// Data tables shipped in `Sources/CivKit/Resources` (boilerplate patterns, lexicon, pinyin).
public enum DataFile {
    /// The file's lines, without blank lines and `#` comment lines.
    public static func lines(_ name: String) -> [String] {
        var lines: [String] = []
        forEachLine(name) { lines.append(String(decoding: $0, as: UTF8.self)) }
        return lines
    }

    /// The same lines as bytes, without a String each (tables of thousands of lines read at every
    /// start-up). Split on the bytes: splitting the String splits Characters (grapheme clusters),
    /// which made loading the data files most of a small page's start-up.
    public static func forEachLine(_ name: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard var text = contents(name) else { fatalError("civ: data file \(name) is missing from the CivKit resources") }
        try text.withUTF8 { p in
            var start = 0
            while start < p.count {
                var end = start
                while end < p.count, p[end] != 0x0A { end += 1 }
                var last = end
                if last > start, p[last - 1] == 0x0D { last -= 1 }
                let line = UnsafeBufferPointer(rebasing: p[start ..< last])
                if line.first != UInt8(ascii: "#"), line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                    try body(line)
                }
                start = end + 1
            }
        }
    }

    /// The whole file, or nil when missing.
    public static func contents(_ name: String) -> String? {
        if let dir = ProcessInfo.processInfo.environment["CIV_DATA_DIR"],
           let text = try? String(contentsOfFile: dir + "/" + name, encoding: .utf8) {
            return text
        }
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
