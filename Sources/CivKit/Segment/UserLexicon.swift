import Foundation

extension Lexicon {
    /// The frequency of a user's word listed without one: a common word's, on the scale of the
    /// bundled lexicon (jieba's counts), so that it wins over the pieces ICU would make.
    public static let defaultUserFrequency = 2000

    /// A user's word list (`civ-segment --lexicon FILE`): one word a line, optionally followed by
    /// white space and a positive frequency; blank lines and lines starting with `#` are skipped.
    /// A malformed line is an error naming the file and the line.
    public static func userWords(path: String) throws(CivError) -> Lexicon {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        return try userWords(bytes: data, name: path)
    }

    static func userWords(bytes: Data, name: String) throws(CivError) -> Lexicon {
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw .malformedData("\(name): not UTF-8 text")
        }
        var entries: [(String, Int)] = []
        for (n, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty || fields[0].hasPrefix("#") { continue }
            func bad(_ why: String) -> CivError { .malformedData("\(name):\(n + 1): \(why): \(line)") }
            guard fields.count <= 2 else { throw bad("more than a word and a frequency") }
            let word = String(fields[0])
            guard word.unicodeScalars.allSatisfy({ !$0.properties.isWhitespace && $0.properties.generalCategory != .control }) else {
                throw bad("a control character in the word")
            }
            var frequency = defaultUserFrequency
            if fields.count == 2 {
                guard fields[1].allSatisfy(\.isASCII), let f = Int(fields[1]), f > 0 else {
                    throw bad("the frequency is not a positive whole number")
                }
                frequency = f
            }
            entries.append((word, frequency))
        }
        return Lexicon(entries: entries)
    }
}
