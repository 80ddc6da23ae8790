import Foundation

/// Two pairs the pages' decoder dropped side by side inside a punctuation-replace run (issue 17):
/// three characters x y z, the decoder having dropped (x's second byte, y's first) and (y's
/// second, z's first), read again as one character, x's first byte with z's second (`二十一`:
/// 二 B6 FE, 十 CA AE, 一 D2 BB; (FE, CA) and (AE, D2) dropped, so the run reads 痘, B6 BB). One
/// pair put back at a time cannot find them: its first step would have to put back x and the
/// junk character of y's first byte and z's second. So the three are searched together at one
/// place, one whose character stands oddly and makes no word with its neighbours, pruned by the
/// lexicon (a word x y z, or a word of the character before x with x and y) and ranked by the
/// character model and the word's frequency.
extension PunctuationDesyncRun {
    /// How much better (both models, as `bothModels` scores) three characters must read than the
    /// one read at their place. (On seeds 2, 100-107 the right triples gained 49.2 and 58.5, wrong
    /// ones up to 41.7; with words x y and y z still searched too, 35, 40 and 45 restored 987, 988
    /// and 988 of 1254 runs; without them, 45 restored 988.)
    static let tripleMargin = 45.0
    /// How much better the triple must read than one pair put back at the run's places (the
    /// simpler reading): `翻翻譯` beat `翻譯` by less. (With `tripleMargin` 45, words x y and y z
    /// searched too: 0, 5, 15 and 30 restored 981, 982, 988 and 984 runs.)
    static let tripleOverPair = 15.0
    /// Only a place whose character stands at most this well between its neighbours (`standing`)
    /// is searched: three characters read as one make an odd one (痘 in 我痘歲: -24.8). (Not
    /// tuned; it bounds the search's cost.)
    static let tripleStanding = -18.0
    /// The triples kept per place, then scored in context.
    static let triplesScored = 4
    /// The characters z after each y chosen by the character model alone (`字符串邊`: 串邊 is no
    /// word), beside those making a word.
    static let modelOnlyLasts = 2

    /// The second bytes after which the decoder drops a pair whose first byte is 81-FE (rows
    /// A1-AF, D7, F8-FE): x's and y's second bytes.
    static let droppingTrails: BoilerplateRules.FirstByteSet = {
        var set = BoilerplateRules.FirstByteSet()
        for t in UInt8(0x81) ... 0xFE where (UInt8(0x81) ... 0xFE).contains(where: droppedAfter[Int(t)].contains) { set.insert(t) }
        return set
    }()

    /// `text` with the character at one place read as three (x y z, two pairs dropped between
    /// them), where that reads clearly better than as read; nil otherwise.
    func acrossTwoDroppedPairs(_ text: [Unicode.Scalar], pairs: [(lead: UInt8, trail: UInt8)?], left: [Unicode.Scalar], previous: Unicode.Scalar,
                               right: [Unicode.Scalar], simplifiedLine: Bool) -> (text: [Unicode.Scalar], pairs: [(lead: UInt8, trail: UInt8)?])? {
        let gbk = GBKPairs.shared
        let model = CharacterModel.shared
        let lexicon = desync.lexicon
        let before = left + [previous]
        func total(_ t: [Unicode.Scalar]) -> Double { bothModels(before + t + right) }
        let droppedAfter = Self.droppedAfter, droppingTrails = Self.droppingTrails
        var best: (score: Double, text: [Unicode.Scalar], at: Int)?
        for k in text.indices {
            guard let (lead, trail) = pairs[k], ScalarClass.isHan(text[k]),
                  standing(text, at: k, previous: previous, right: right) < Self.tripleStanding else { continue }
            let xs = desync.halfCandidates(lead: lead, simplifiedLine: simplifiedLine)
            let zs = desync.halfCandidates(trail: trail, simplifiedLine: simplifiedLine)
            guard !xs.byCode.isEmpty, !zs.byCode.isEmpty else { continue }
            let prior = desync.simplified(k > 0 ? text[k - 1] : previous)
            let next = (k + 1 < text.count ? text[k + 1] : right.first).map(desync.simplified)
            let priorCode = lexicon.code(of: prior)
            let nextCode = next.flatMap { lexicon.code(of: $0) }
            // (A character read that makes a word with a neighbour is likelier the text's own.)
            let read = desync.simplified(text[k])
            guard lexicon.frequency(of: [prior, read]) == 0, next.map({ lexicon.frequency(of: [read, $0]) == 0 }) ?? true else { continue }
            // The triples the lexicon backs: a word x y z, or a word of the character before x with
            // x and y (z by the character model). (Words x y and y z were tried: they made
            // `翻翻譯` of `翻譯` and `数十分钟` of `十分钟`, and fixed no run more.) Ranked by the
            // character model and the word's frequency.
            var ranked: [(rank: Double, x: Unicode.Scalar, y: Unicode.Scalar, z: Unicode.Scalar)] = []
            func keep(_ x: Unicode.Scalar, _ y: Unicode.Scalar, _ z: Unicode.Scalar, frequency: Int) {
                let sx = desync.simplified(x), sy = desync.simplified(y), sz = desync.simplified(z)
                let rank = model.logProbability(sx, after: prior) + model.logProbability(sy, after: sx) + model.logProbability(sz, after: sy)
                    + (next.map { model.logProbability($0, after: sz) } ?? 0) + log(Double(max(frequency, 1)))
                ranked.keepBest((rank, x, y, z), limit: Self.triplesScored) { $0.rank > $1.rank }
            }
            // The y spelled `yCode` (as the lexicon spells it: a traditional form is not looked
            // for), where the decoder drops its first byte after x's second byte `t` and a pair
            // after its own second byte.
            func y(_ yCode: UInt32, after t: UInt8) -> (c: Unicode.Scalar, trail: UInt8)? {
                let c = lexicon.scalar(code: yCode)
                guard let b = gbk.bytes(of: c), droppingTrails.contains(b.trail), droppedAfter[Int(t)].contains(b.lead), ScalarClass.isHan(c) else { return nil }
                return (c, b.trail)
            }
            // The zs spelled `zCode` whose first byte the decoder drops after y's second byte `v`.
            func z(_ zCode: UInt32, after v: UInt8) -> Unicode.Scalar? {
                guard let z = zs.character(code: zCode), let b = gbk.bytes(of: z),
                      droppedAfter[Int(v)].contains(b.lead), ScalarClass.isHan(z) else { return nil }
                return z
            }
            for (xCode, x) in xs.byCode {
                guard let t = gbk.bytes(of: x)?.trail, droppingTrails.contains(t), ScalarClass.isHan(x) else { continue }
                lexicon.forEachThreeCharacterWord(first: xCode) { yCode, zCode, frequency in
                    guard zs.codes.contains(zCode), let y = y(yCode, after: t), let z = z(zCode, after: y.trail) else { return }
                    keep(x, y.c, z, frequency: frequency)
                }
                if let priorCode {
                    for w in lexicon.fillers(prefixCodes: [priorCode, xCode][...], suffixCodes: [][...], among: CodeTest(test: nil)) {
                        if let y = y(w.code, after: t) {
                            let sy = desync.simplified(y.c)
                            var lasts: [(rank: Double, z: Unicode.Scalar)] = []
                            let afterY = droppedAfter[Int(y.trail)]
                            for (_, z) in zs.byCode {
                                guard let b = gbk.bytes(of: z), afterY.contains(b.lead), ScalarClass.isHan(z) else { continue }
                                let sz = desync.simplified(z)
                                let r = model.logProbability(sz, after: sy) + (next.map { model.logProbability($0, after: sz) } ?? 0)
                                lasts.keepBest((r, z), limit: Self.modelOnlyLasts) { $0.rank > $1.rank }
                            }
                            for (_, z) in lasts { keep(x, y.c, z, frequency: w.frequency) }
                        }
                    }
                }
            }
            for (_, x, y, z) in ranked {
                var t = text
                t.replaceSubrange(k ... k, with: [x, y, z])
                let v = total(t)
                if best == nil || v > best!.score { best = (v, t, k) }
            }
        }
        guard let best, best.score > total(text) + tripleGain else { return nil }
        var put = pairs
        put.replaceSubrange(best.at ... best.at, with: [nil, nil, nil])
        return (best.text, put)
    }
}
