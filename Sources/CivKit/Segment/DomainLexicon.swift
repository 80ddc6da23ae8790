import Foundation

/// civ-segment's domain words: `segment-lexicon.tsv` (posts, bodies, campaign terms) and the
/// names of China's provinces, prefectures and counties of `gazetteer.tsv` (3 or 4 characters:
/// `海淀区`, `张掖市`), read by `DomainWords`.
///
/// A domain word is found whole, so that its characters are never cut wrongly, but many are
/// compounds the PKU convention writes in parts (`县委 书记`, `全国 文明 城市`): the lexicon's
/// third column gives those parts, and the segmenter writes the word in them.
struct DomainLexicon: Sendable {
    /// The words with their frequencies.
    let words: Lexicon
    /// The words written in parts, each with the cuts inside it as its "frequency": bit k set
    /// means a cut after its k-th character (k from 1).
    let compounds: Lexicon

    /// The frequency a division's name gets, that of a common word: it wins over its pieces.
    static let divisionFrequency = DomainWords.divisionFrequency

    /// The bundled words, mapped from the images scripts/generate-lexicon --binary builds from the
    /// two TSVs; built from the TSVs when `CIV_DATA_DIR` holds a copy of either (which people edit).
    static let shared: DomainLexicon = {
        let tables = "segment-lexicon.tsv", gazetteer = "gazetteer.tsv"
        guard !DataFile.isOverridden(tables), !DataFile.isOverridden(gazetteer) else {
            return DomainLexicon(lines: DataFile.lines(tables), gazetteer: DataFile.contents(gazetteer))
        }
        let source = "\(tables) and \(gazetteer)"
        return DomainLexicon(words: Lexicon(image: DataFile.image("segment-words.bin", source: source, LexiconImage.init)),
                             compounds: Lexicon(image: DataFile.image("segment-compounds.bin", source: source, LexiconImage.init)))
    }()

    init(words: Lexicon, compounds: Lexicon) {
        self.words = words
        self.compounds = compounds
    }

    /// `lines`: `word<TAB>frequency<TAB>parts` (frequency 1 when missing; parts separated by
    /// spaces, spelling the word); `gazetteer`: gazetteer.tsv (the name is the third column).
    init(lines: [String], gazetteer: String? = nil) {
        let (words, compounds) = DomainWords.entries(lines: lines, gazetteer: gazetteer)
        self.init(words: Lexicon(entries: words), compounds: Lexicon(entries: compounds))
    }
}
