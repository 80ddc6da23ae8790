import Foundation

/// Data tables shipped in `Sources/CivKit/Resources` (boilerplate patterns, lexicon, pinyin).
public enum DataFile {
    /// The file's lines, without blank lines and `#` comment lines.
    public static func lines(_ name: String) -> [String] {
        guard let text = contents(name) else { fatalError("civ: data file \(name) is missing from the CivKit resources") }
        return text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            .filter { !$0.hasPrefix("#") && !$0.allSatisfy { $0 == " " || $0 == "\t" } }
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
