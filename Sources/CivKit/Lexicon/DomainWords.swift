/// civ-segment's domain words as lexicon entries, read from their sources: `segment-lexicon.tsv`
/// (posts, bodies, campaign terms; `word<TAB>frequency<TAB>parts`) and the division names of
/// `gazetteer.tsv`. The segmenter maps them ready-made (segment-words.bin, segment-compounds.bin,
/// built from these entries): building them at every start-up was a fiftieth of civ-segment's
/// instructions on a megabyte. Foundation-free and CivKit-free: scripts/generate-lexicon compiles
/// it with the image files to write those images.
enum DomainWords {
    /// The frequency a division's name gets, that of a common word: it wins over its pieces.
    static let divisionFrequency = 2000

    /// The words with their frequencies, and the words written in parts, each with the cuts inside
    /// it as its "frequency" (bit k set: a cut after its k-th character, k from 1).
    /// `lines`: `word<TAB>frequency<TAB>parts` (frequency 1 when missing; parts separated by
    /// spaces, spelling the word); `gazetteer`: gazetteer.tsv (the name is the third column).
    static func entries(lines: [String], gazetteer: String?) -> (words: [(String, Int)], compounds: [(String, Int)]) {
        var entries: [(String, Int)] = [], cuts: [(String, Int)] = []
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let word = String(fields[0])
            entries.append((word, fields.count > 1 ? Int(fields[1]) ?? 1 : 1))
            guard fields.count > 2, !fields[2].isEmpty else { continue }
            var mask = 0, at = 0
            let parts = fields[2].split(separator: " ")
            for part in parts.dropLast() {
                at += part.unicodeScalars.count
                mask |= 1 << at
            }
            guard parts.joined() == word, at < Int.bitWidth - 1 else {
                fatalError("civ: segment-lexicon.tsv: the parts do not spell the word: \(line)")
            }
            if mask != 0 { cuts.append((word, mask)) }
        }
        if let gazetteer { divisionNames(gazetteer) { entries.append(($0, divisionFrequency)) } }
        return (entries, cuts)
    }

    /// The names of 3 or 4 characters without 自治 in the third column of gazetteer.tsv's lines
    /// (`海淀区`, `张掖市`; shorter ones are often ordinary words, `城区`, longer ones are
    /// autonomous divisions the convention writes in parts). On the bytes: String operations on
    /// its 3,200 lines doubled civ-segment's start-up.
    static func divisionNames(_ table: String, _ body: (String) -> Void) {
        var table = table
        table.withUTF8 { p in
            let autonomous: [UInt8] = Array("自治".utf8)
            var start = 0
            while start < p.count {
                var end = start
                while end < p.count, p[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                guard p[start] != UInt8(ascii: "#") else { continue }
                // The third column.
                var from = start, tabs = 0
                while from < end, tabs < 2 {
                    if p[from] == 0x09 { tabs += 1 }
                    from += 1
                }
                var to = from
                while to < end, p[to] != 0x09 { to += 1 }
                guard tabs == 2 else { continue }
                let name = UnsafeBufferPointer(rebasing: p[from..<to])
                let length = name.reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
                guard length >= 3, length <= 4 else { continue }
                let hasAutonomous = name.count >= autonomous.count && (0...(name.count - autonomous.count)).contains { k in
                    autonomous.indices.allSatisfy { name[k + $0] == autonomous[$0] }
                }
                if !hasAutonomous { body(String(decoding: name, as: UTF8.self)) }
            }
        }
    }
}
