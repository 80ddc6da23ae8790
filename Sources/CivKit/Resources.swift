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
            guard let base = p.baseAddress else { return }
            var start = 0
            while start < p.count {
                // (memchr: a byte at a time, the tables loaded at every start cost a million instructions.)
                let end = memchr(base + start, 0x0A, p.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? p.count
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

    /// The file's lines as byte arrays (word lists searched on a line's bytes).
    public static func byteLines(_ name: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        forEachLine(name) { lines.append(Array($0)) }
        return lines
    }

    /// The whole file, or nil when missing.
    public static func contents(_ name: String) -> String? {
        guard let path = locate(name) else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// Path of a data file: in `CIV_DATA_DIR` when it is set and holds the file, else in the bundle.
    static func locate(_ name: String) -> String? {
        overridingPath(name) ?? bundledPath(name)
    }

    /// The copy of a data file in `CIV_DATA_DIR`, nil when it is not set or holds none.
    /// (getenv, not ProcessInfo's environment: that builds a dictionary of the whole
    /// environment at each call, a few hundred thousand instructions for each table loaded.)
    private static func overridingPath(_ name: String) -> String? {
        guard let dir = getenv("CIV_DATA_DIR").map({ String(cString: $0) }), access(dir + "/" + name, R_OK) == 0 else { return nil }
        return dir + "/" + name
    }

    /// Whether `CIV_DATA_DIR` holds a copy of the data file (which then replaces the bundled one).
    static func isOverridden(_ name: String) -> Bool { overridingPath(name) != nil }

    /// Path of a bundled data file (nil when missing).
    public static func bundledPath(_ name: String) -> String? {
        let path = resourceDirectory + "/" + name
        return access(path, R_OK) == 0 ? path : nil
    }

    /// `civ_CivKit.resources/Resources` beside the executable (where SwiftPM builds and
    /// `scripts/install` puts it), else wherever `Bundle.module` finds it. Looked up by path first:
    /// `Bundle.module` lists the executable's directory, which cost a small page's start-up some
    /// 38M instructions in a directory of 11,000 files (a `bin/` of many tools).
    static let resourceDirectory: String = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 {
            let exe = String(decoding: buffer[0 ..< n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let beside = String(exe[..<(exe.lastIndex(of: "/") ?? exe.startIndex)]) + "/civ_CivKit.resources/Resources"
            if access(beside + "/boilerplate.tsv", R_OK) == 0 { return beside }
        }
        return (Bundle.module.resourceURL?.path ?? "") + "/Resources"
    }()
}
