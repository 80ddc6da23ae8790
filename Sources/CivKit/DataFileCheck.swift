import Foundation

/// Validates the data tables a filter loads, line by line, before it reads any input: a
/// malformed line is reported as `FILE:LINE: why: line` (and the filter exits 65), never a crash
/// at first use and never a silent skip. The bundled tables are checked by the tests; the check
/// matters for copies given with `CIV_DATA_DIR`, which people edit.
public enum DataFileCheck {
    /// Problems in the named tables of `CIV_DATA_DIR`, if it is set (the bundled ones otherwise
    /// when `bundled` is true).
    public static func problems(_ names: [String], environment: [String: String] = ProcessInfo.processInfo.environment, bundled: Bool = false) -> [String] {
        var out: [String] = []
        for name in names {
            let path: String
            if let dir = environment["CIV_DATA_DIR"] {
                path = dir + "/" + name
                guard FileManager.default.fileExists(atPath: path) else { continue }  // the bundled copy is used
            } else if bundled, let bundledPath = DataFile.bundledPath(name) {
                path = bundledPath
            } else {
                continue
            }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                out.append("\(path): cannot read it as UTF-8")
                continue
            }
            out += problems(in: text, name: name, path: path)
        }
        return out
    }

    /// Problems in `text`, the contents of table `name` (read from `path`).
    public static func problems(in text: String, name: String, path: String) -> [String] {
        var out: [String] = []
        var entries = 0
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.hasPrefix("#") || line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            entries += 1
            if let why = problem(line, in: name) { out.append("\(path):\(i + 1): \(why): \(line)") }
        }
        // Word lists found in one pass by a `KeywordAutomaton` hold one bit a word.
        if let limit = maxEntries[name], entries > limit {
            out.append("\(path): \(entries) words, at most \(limit) (one keyword automaton holds \(limit))")
        }
        return out
    }

    /// Tables with a cap on their entries.
    static let maxEntries = ["site-talk.tsv": KeywordAutomaton.maxLiterals, "spam-words.txt": KeywordAutomaton.maxLiterals]

    static func problem(_ line: String, in name: String) -> String? {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        switch name {
        case "boilerplate.tsv":
            guard columns.count == 6 else { return "expected 6 tab-separated columns (kind, action, scope, boundary, keyword, pattern), found \(columns.count)" }
            guard columns[1] == "drop" || (columns[1].hasPrefix("field:") && columns[1].count > 6) else { return "action must be drop or field:NAME" }
            do { _ = try BoilerplateRules(tsv: [line], checkingPatterns: true) } catch { return "bad scope, boundary or pattern (\(error))" }
            return nil
        case "site-talk.tsv":
            guard columns.count == 2, !columns[0].isEmpty, columns[1] == "1" || columns[1] == "2" else { return "expected WORD<TAB>WEIGHT (1 or 2)" }
            return nil
        case "extract-labels.tsv":
            guard columns.count == 2, !columns[0].isEmpty, !columns[1].isEmpty else { return "expected KIND<TAB>WORD" }
            return nil
        default:
            return nil
        }
    }
}
