import Foundation

/// Chinese words with their corpus frequencies (`lexicon.tsv`, from jieba's dictionary: words of
/// 2+ characters; single characters are accepted too, for a caller's own lexicon).
///
/// Queried in place in a binary image (`LexiconImage`): the bundled one is `lexicon.bin`, generated
/// from `lexicon.tsv` and memory-mapped, so loading costs microseconds; a caller's own words are
/// built into the same form. Words match scalar for scalar. Immutable, so one instance serves
/// every thread.
public final class Lexicon: Sendable {
    /// The bundled lexicon, mapped on first use.
    public static let shared = Lexicon(image: DataFile.image("lexicon.bin", source: "lexicon.tsv", LexiconImage.init))

    let image: LexiconImage
    /// The image's `codeTable`, held here: `code(of:)` reads it in place, where asking the image
    /// copied the image's value (200 bytes, its references retained) at every call.
    let codeTable: [UInt16]

    init(image: LexiconImage) {
        self.image = image
        codeTable = image.codeTable
    }

    /// Parses `word<TAB>frequency` lines; a line without a frequency counts as frequency 1.
    public convenience init(lines: [String]) {
        self.init(entries: LexiconImage.entries(lines: lines))
    }

    /// Words with their frequencies; a repeated word keeps its highest frequency.
    public convenience init(entries: some Sequence<(String, Int)>) {
        do {
            self.init(image: try LexiconImage(ImageBytes(copying: LexiconImage.build(entries: entries)), name: "(built lexicon)"))
        } catch {
            fatalError("civ: a lexicon built in memory fails its own checks: \(error)")
        }
    }

    /// Length in scalars of the longest word.
    public var maxWordLength: Int { image.maxWordLength }
    /// Sum of all word frequencies: `frequency / totalFrequency` is a word's unigram probability.
    public var totalFrequency: Int { image.totalFrequency }

    public var count: Int { image.wordCount }

    public func contains(_ word: String) -> Bool { frequency(of: word.unicodeScalars) > 0 }

    /// The word's frequency, 0 when it is not in the lexicon.
    public func frequency(of word: String) -> Int { frequency(of: word.unicodeScalars) }

    /// Same for a run of scalars; no allocation.
    public func frequency(of word: some Sequence<Unicode.Scalar>) -> Int {
        let image = self.image
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: image.maxWordLength + 1) { codes in
            var n = 0
            for c in word {
                guard n < image.maxWordLength, let code = image.code(of: c) else { return 0 }
                codes[n] = code
                n += 1
            }
            return image.frequency(codes: UnsafeBufferPointer(rebasing: codes[..<n]))
        }
    }

    /// Summed frequency of the words containing `c` (once per occurrence): how common the character
    /// is in words.
    public func characterFrequency(_ c: Unicode.Scalar) -> Int {
        image.code(of: c).map(image.characterFrequency(code:)) ?? 0
    }

    /// Every character the words hold, with its `characterFrequency`, in scalar order.
    public func forEachCharacter(_ body: (Unicode.Scalar, Int) -> Void) {
        for code in 0 ..< UInt32(image.characterCount) { body(image.scalar(code), image.characterFrequency(code: code)) }
    }

    /// The words `prefix + c + suffix` in the lexicon, as (c, the word's frequency), in scalar order
    /// of the key side. Searches from the longer side of the pattern so the scanned range is short.
    public func fillers(prefix: some Collection<Unicode.Scalar>, suffix: some Collection<Unicode.Scalar>) -> [(character: Unicode.Scalar, frequency: Int)] {
        let length = prefix.count + 1 + suffix.count
        guard length >= 2, length <= maxWordLength else { return [] }
        let reversed = suffix.count > prefix.count
        // A character in no word fits no word.
        guard let key = codes(reversed ? Array(suffix.reversed()) : Array(prefix)),
              let rest = codes(reversed ? Array(prefix.reversed()) : Array(suffix)) else { return [] }
        return image.fillers(length: length, key: key[...], rest: rest[...], reversed: reversed).map { (image.scalar($0.code), $0.frequency) }
    }

    // MARK: Coded queries, for callers that ask many questions about the same few characters
    // (the lost-character repair): map each character once, then ask with codes.

    /// The lexicon's code for a character, nil when no word contains it.
    @inline(__always) func code(of c: Unicode.Scalar) -> UInt32? {
        if c.value < 0x10000, !codeTable.isEmpty {
            let stored = codeTable[Int(c.value)]
            return stored == 0 ? nil : UInt32(stored) &- 1
        }
        return image.code(of: c)
    }

    /// The frequency of the word spelled by `codes`, 0 when absent.
    func frequency(codes: UnsafeBufferPointer<UInt32>) -> Int { image.frequency(codes: codes) }

    /// The codes of the first two characters of the words of `length` characters (2 or more),
    /// each distinct pair once.
    func forEachWordStart(length: Int, _ body: (UInt32, UInt32) -> Void) { image.forEachWordStart(length: length, body) }

    /// Each word of `length` characters (1 to 4) as its codes + 1 packed 16 bits each, the first
    /// character lowest, with its frequency; nothing unless `packsCodes`.
    func forEachPackedWord(length: Int, _ body: (UInt64, Int) -> Void) { image.forEachPackedWord(length: length, body) }

    /// Each three-character word beginning with the code `first`: its second and third codes and frequency.
    func forEachThreeCharacterWord(first: UInt32, _ body: (UInt32, UInt32, Int) -> Void) { image.forEachThreeCharacterWord(first: first, body) }

    /// The number of words of `length` characters.
    func wordCount(length: Int) -> Int { image.wordCount(length: length) }

    /// Whether every code + 1 fits in 16 bits (an alphabet of fewer than 65535 characters).
    var packsCodes: Bool { image.packsCodes }

    /// The character a code stands for.
    func scalar(code: UInt32) -> Unicode.Scalar { image.scalar(code) }

    /// Whether any word is a single character (the bundled lexicon has none; a caller's may).
    var hasSingleCharacterWords: Bool { image.hasSingleCharacterWords }

    /// `fillers(prefix:suffix:)` with the pattern's characters given as codes; the filling
    /// characters come back as codes.
    /// Only the filling characters `accepted` contains (a caller with few candidates: a
    /// character's two-character words alone can be hundreds; `CodeTest(test: nil)` keeps all).
    func fillers(prefixCodes prefix: ArraySlice<UInt32>, suffixCodes suffix: ArraySlice<UInt32>,
                 among accepted: some CodeFilter) -> [(code: UInt32, frequency: Int)] {
        let length = prefix.count + 1 + suffix.count
        guard length >= 2, length <= maxWordLength else { return [] }
        let reversed = suffix.count > prefix.count
        return image.fillers(length: length, key: reversed ? ArraySlice(suffix.reversed()) : prefix,
                             rest: reversed ? ArraySlice(prefix.reversed()) : suffix, reversed: reversed, among: accepted)
    }

    /// The same for the pattern `forward[j ..< i]` with the gap at `k`, given once forwards and
    /// once `backward` (reversed): a caller asking about many spans of one context copies nothing.
    func fillers(in forward: [UInt32], backward: [UInt32], from j: Int, to i: Int, gap k: Int,
                 among accepted: some CodeFilter) -> [(code: UInt32, frequency: Int)] {
        let length = i - j, n = forward.count
        guard length >= 2, length <= maxWordLength else { return [] }
        // backward[m] is forward[n - 1 - m].
        let reversed = i - 1 - k > k - j
        return image.fillers(length: length, key: reversed ? backward[(n - i) ..< (n - 1 - k)] : forward[j ..< k],
                             rest: reversed ? backward[(n - k) ..< (n - j)] : forward[(k + 1) ..< i], reversed: reversed, among: accepted)
    }

    private func codes(_ scalars: [Unicode.Scalar]) -> [UInt32]? {
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count)
        for c in scalars {
            guard let code = image.code(of: c) else { return nil }
            out.append(code)
        }
        return out
    }
}

extension WordTable {
    /// The lexicon's table: stored in its image, or built.
    init?(_ lexicon: Lexicon) { self.init(lexicon.image) }
}

extension PairLengths {
    /// The lexicon's table: stored in its image, or built.
    init(_ lexicon: Lexicon) { self.init(lexicon.image) }
}

extension DataFile {
    /// A binary image generated from `source`, mapped and checked; a missing or damaged file is fatal,
    /// with how to regenerate it.
    static func image<Image>(_ name: String, source: String, script: String = "scripts/generate-lexicon --binary",
                             _ open: (ImageBytes, String) throws(ImageError) -> Image) -> Image {
        let fix = "regenerate it from \(source) with \(script)"
        guard let path = locate(name) else { fatalError("civ: data file \(name) is missing from the CivKit resources; \(fix)") }
        do {
            return try open(try ImageBytes(mapping: path), name)
        } catch {
            fatalError("civ: data file \(name) (\(path)) is unusable: \(error); \(fix)")
        }
    }
}

/// Which filling characters (codes) a coded `fillers` search keeps. A concrete type is specialised
/// into the search, where a closure was a call through two thunks for every word scanned.
protocol CodeFilter {
    func contains(_ code: UInt32) -> Bool
}

/// A closure as a `CodeFilter`; nil keeps every code.
struct CodeTest: CodeFilter {
    let test: ((UInt32) -> Bool)?

    func contains(_ code: UInt32) -> Bool { test?(code) ?? true }
}
