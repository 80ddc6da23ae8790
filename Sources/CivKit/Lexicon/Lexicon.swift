/// Chinese words with their corpus frequencies (`lexicon.tsv`, from jieba's dictionary: words of
/// 2+ characters; single characters are accepted too, for a caller's own lexicon).
///
/// Two views of the same words: a hash table for "is this a word, how common" (what a segmenter
/// asks most), and the words in scalar order forwards and backwards, so that the words fitting
/// `prefix + ? + suffix` are one binary search plus a short scan. Immutable once built, so one
/// instance serves every thread.
public final class Lexicon: Sendable {
    /// The bundled lexicon, loaded on first use (a few hundred milliseconds).
    public static let shared = Lexicon(lines: DataFile.lines("lexicon.tsv"))

    /// Length in scalars of the longest word.
    public let maxWordLength: Int
    /// Sum of all word frequencies: `frequency / totalFrequency` is a word's unigram probability.
    public let totalFrequency: Int
    /// Word numbers by word: packed scalars for words up to 6 characters (hashing a String would
    /// normalize it first, several times slower), strings for the few longer ones.
    private let index: [PackedWord: Int32]
    private let longIndex: [String: Int32]
    /// All words' scalars back to back; word `w` is `scalars[starts[w] ..< starts[w + 1]]`.
    private let scalars: [Unicode.Scalar]
    private let starts: [Int32]
    private let wordFrequencies: [Int]
    /// Word numbers in scalar order, of the words read forwards and read backwards.
    private let forward: [Int32]
    private let backward: [Int32]
    /// Per character: summed frequency of the words it occurs in.
    private let characterFrequencies: [Unicode.Scalar: Int]

    /// Parses `word<TAB>frequency` lines; a line without a frequency counts as frequency 1.
    public convenience init(lines: [String]) {
        self.init(entries: lines.lazy.map { line -> (String, Int) in
            guard let tab = line.utf8.firstIndex(of: 9) else { return (line, 1) }
            return (String(line[..<tab]), Int(line[line.utf8.index(after: tab)...]) ?? 1)
        })
    }

    /// Words with their frequencies; a repeated word keeps its highest frequency.
    public init(entries: some Sequence<(String, Int)>) {
        var index: [PackedWord: Int32] = [:]
        var longIndex: [String: Int32] = [:]
        var scalars: [Unicode.Scalar] = []
        var starts: [Int32] = [0]
        var wordFrequencies: [Int] = []
        for (word, freq) in entries where !word.isEmpty {
            let number = Int32(wordFrequencies.count)
            let known: Int32?
            if let key = PackedWord(word.unicodeScalars) {
                known = index[key]
                if known == nil { index[key] = number }
            } else {
                known = longIndex[word]
                if known == nil { longIndex[word] = number }
            }
            if let known {
                wordFrequencies[Int(known)] = max(wordFrequencies[Int(known)], freq)
                continue
            }
            scalars.append(contentsOf: word.unicodeScalars)
            starts.append(Int32(scalars.count))
            wordFrequencies.append(freq)
        }
        var chars: [Unicode.Scalar: Int] = [:]
        var longest = 0
        for w in wordFrequencies.indices {
            let range = Int(starts[w]) ..< Int(starts[w + 1])
            longest = max(longest, range.count)
            for c in scalars[range] { chars[c, default: 0] += wordFrequencies[w] }
        }
        self.index = index
        self.longIndex = longIndex
        self.scalars = scalars
        self.starts = starts
        self.wordFrequencies = wordFrequencies
        self.characterFrequencies = chars
        self.maxWordLength = longest
        self.totalFrequency = wordFrequencies.reduce(0, +)
        let all = (0 ..< Int32(wordFrequencies.count)).map { $0 }
        func less(_ a: Int32, _ b: Int32, reversed: Bool) -> Bool {
            let (sa, ea, sb, eb) = (Int(starts[Int(a)]), Int(starts[Int(a) + 1]), Int(starts[Int(b)]), Int(starts[Int(b) + 1]))
            for k in 0 ..< min(ea - sa, eb - sb) {
                let x = reversed ? scalars[ea - 1 - k] : scalars[sa + k]
                let y = reversed ? scalars[eb - 1 - k] : scalars[sb + k]
                if x != y { return x.value < y.value }
            }
            return ea - sa < eb - sb
        }
        forward = all.sorted { less($0, $1, reversed: false) }
        backward = all.sorted { less($0, $1, reversed: true) }
    }

    public var count: Int { wordFrequencies.count }

    public func contains(_ word: String) -> Bool { frequency(of: word.unicodeScalars) > 0 }

    /// The word's frequency, 0 when it is not in the lexicon.
    public func frequency(of word: String) -> Int { frequency(of: word.unicodeScalars) }

    /// Same for a run of scalars; no allocation for words up to 6 characters.
    public func frequency(of word: some Sequence<Unicode.Scalar>) -> Int {
        let number: Int32?
        if let key = PackedWord(word) {
            number = index[key]
        } else {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: word)
            number = longIndex[String(view)]
        }
        return number.map { wordFrequencies[Int($0)] } ?? 0
    }

    /// Summed frequency of the words containing `c`: how common the character is in words.
    public func characterFrequency(_ c: Unicode.Scalar) -> Int { characterFrequencies[c] ?? 0 }

    /// The words `prefix + c + suffix` in the lexicon, as (c, the word's frequency), in scalar order
    /// of the key side. Scans from the longer side of the pattern so the scanned range is short.
    public func fillers(prefix: some Collection<Unicode.Scalar>, suffix: some Collection<Unicode.Scalar>) -> [(character: Unicode.Scalar, frequency: Int)] {
        let length = prefix.count + 1 + suffix.count
        guard length >= 2, length <= maxWordLength else { return [] }
        let reversed = suffix.count > prefix.count
        let key = reversed ? Array(suffix.reversed()) : Array(prefix)
        let rest = reversed ? Array(prefix.reversed()) : Array(suffix)
        let order = reversed ? backward : forward
        func at(_ w: Int, _ k: Int) -> Unicode.Scalar {
            reversed ? scalars[Int(starts[w + 1]) - 1 - k] : scalars[Int(starts[w]) + k]
        }
        func wordLength(_ w: Int) -> Int { Int(starts[w + 1] - starts[w]) }
        // Lower bound: the first word (in this order) not less than the key.
        var lo = 0, hi = order.count
        while lo < hi {
            let mid = (lo + hi) / 2, w = Int(order[mid])
            var less = wordLength(w) < key.count
            for k in 0 ..< min(wordLength(w), key.count) where at(w, k) != key[k] {
                less = at(w, k).value < key[k].value
                break
            }
            if less { lo = mid + 1 } else { hi = mid }
        }
        var found: [(character: Unicode.Scalar, frequency: Int)] = []
        scan: for p in lo ..< order.count {
            let w = Int(order[p])
            guard wordLength(w) >= key.count, (0 ..< key.count).allSatisfy({ at(w, $0) == key[$0] }) else { break }
            guard wordLength(w) == length else { continue }
            for k in 0 ..< rest.count where at(w, key.count + 1 + k) != rest[k] { continue scan }
            found.append((at(w, key.count), wordFrequencies[w]))
        }
        return found
    }
}

/// Up to 6 scalars, 21 bits each (value + 1, never 0, so the zero padding keeps lengths apart),
/// in two words; nil for longer runs.
struct PackedWord: Hashable {
    private var low: UInt64 = 0, high: UInt64 = 0

    init?(_ scalars: some Sequence<Unicode.Scalar>) {
        var k = 0
        for s in scalars {
            switch k {
            case 0 ..< 3: low |= UInt64(s.value + 1) << (21 * k)
            case 3 ..< 6: high |= UInt64(s.value + 1) << (21 * (k - 3))
            default: return nil
            }
            k += 1
        }
    }
}
