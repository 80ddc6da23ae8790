import Testing
@testable import CivKit

/// The character bigram model the repairs score candidates with (`character-model.bin`).
@Suite struct CharacterModelTests {
    let model = CharacterModel.shared

    @Test func pairsOfRealTextAreLikelierThanPairsOfNone() {
        // 的 after 换 before 种 (转换的种类) beats 哪 and 摹, which share its second GBK byte.
        #expect(model.score("的", after: "换", before: "种") > model.score("哪", after: "换", before: "种"))
        #expect(model.score("的", after: "换", before: "种") > model.score("摹", after: "换", before: "种"))
        // A word's inner pair beats a pair seen nowhere.
        #expect(model.logProbability("京", after: "北") > model.logProbability("京", after: "龘"))
        #expect(model.logProbability("京", after: "北") > -3)
    }

    /// No log-probability is above 0 (the dropped-pair search's bound, `into + tail`, rests on it).
    @Test func noStoredLogIsAboveZero() {
        #expect(model.largestStoredLog() <= 0)
    }

    /// A pair's log-probability from its two characters looked up once is the one from the two
    /// characters, bit for bit: Han text known and unknown to the model, marks, ASCII.
    @Test func pairsOfLookedUpCharactersScoreAsTheCharacters() {
        let sample: [Unicode.Scalar] = ["北", "京", "的", "龘", "\u{2A6D6}", "，", "a", "\u{F0080}", "种", "人", "。"]
        for previous in sample {
            for next in sample {
                #expect(model.logProbability(model.looked(next), after: model.looked(previous)) == model.logProbability(next, after: previous), "\(previous) \(next)")
            }
        }
    }

    /// Scoring many characters between the same neighbours at once gives what scoring each alone
    /// gives, bit for bit: Han text known and unknown to the model, marks, ASCII, no neighbour.
    @Test func scoringBetweenTheSameNeighboursIsScoringEach() {
        let sample: [Unicode.Scalar?] = [nil, "北", "京", "的", "龘", "\u{2A6D6}", "，", "a", "\u{F0080}", "种", "人"]
        for left in sample {
            for right in sample {
                let between = CharacterModel.Between(model, after: left, before: right)
                for c in sample.compactMap({ $0 }) {
                    #expect(between.score(c) == model.score(c, after: left, before: right), "\(String(describing: left)) \(c) \(String(describing: right))")
                }
            }
        }
    }

    @Test func probabilitiesAreProbabilities() {
        for (a, b) in [("北", "京"), ("的", "人"), ("龘", "龘"), ("人", "民")] as [(Unicode.Scalar, Unicode.Scalar)] {
            let p = model.logProbability(b, after: a)
            #expect(p < 0 && p > -40)
        }
        // A mark is a word boundary: after it, the next character's start; before it, 0 for the mark.
        #expect(model.logProbability("京", after: "，") == model.logStart("京"))
        #expect(model.logProbability("，", after: "，") == 0)
        #expect(model.score(["北", "京"]) == model.logProbability("京", after: "北"))
    }

    @Test func aDamagedImageIsRejected() throws {
        let path = try #require(DataFile.bundledPath("character-model.bin"))
        let image = try ImageBytes(mapping: path)
        let bytes = Array(image.buffer)
        #expect(throws: ImageError.self) { try CharacterModel(bytes: ImageBytes(copying: Array(bytes.prefix(bytes.count - 8)))) }
        var wrongMagic = bytes
        wrongMagic[0] = 0x41
        #expect(throws: ImageError.self) { try CharacterModel(bytes: ImageBytes(copying: wrongMagic)) }
        #expect(try CharacterModel(bytes: ImageBytes(copying: bytes)).logProbability("京", after: "北") == model.logProbability("京", after: "北"))
    }
}
