/// A line as it was before a mirror converted it to traditional and annotated it, for the GBK
/// repair: a desynchronised run's odd characters were converted too (`衔` shown as `銜`) and
/// annotated (`銜(xián)`), which breaks the run at each such character (its bytes are no longer
/// the run's, and the annotation is ASCII, where a run ends).
///
/// The view reads each converted character as its simplified form and leaves out the annotations
/// (`(` + a tone-marked syllable + `)` after a Han character), and reads numbered forms NFKC
/// spelt in ASCII as themselves (`numberedForm`). Only characters whose bytes no odd
/// character of simplified text has are read back: a GB2312 character that conversion changes
/// (`於`), or one whose second byte is ASCII (a run's last), may be a run's own. Nil when the line
/// holds nothing to read back, the common case: the line is then read as it is.
struct MirroredText {
    /// The line as before the mirror.
    let text: [Unicode.Scalar]
    /// Where each character of `text` stands in the line (one more entry: the line's end).
    let origin: [Int]
    /// Where `text`'s suspects stand, in order (noted as it is written, for the run search).
    let suspectsAt: [Int]

    /// `isSuspect`: the GBK repair's test of a character a run may hold; `suspectsAt`: where the
    /// line's suspects stand, in order (found here when not given). The view is made only
    /// where a suspect has something to read back within two characters (most lines of a converted
    /// page that pass the repair's byte test hold one rare character among ordinary text).
    init?(_ s: [Unicode.Scalar], suspectsAt: [Int]? = nil, converter: TraditionalToSimplified, isSuspect: (UInt32) -> Bool) {
        // (The pairs table taken once: `GBKPairs.shared` costs a `swift_once` each time it is read.)
        let gbk = GBKPairs.shared
        var near = false
        for i in suspectsAt ?? s.indices.filter({ isSuspect(s[$0].value) }) {
            for k in max(0, i - 2) ... min(s.count - 1, i + 2) where k != i && Self.readsBack(s, k, converter: converter, gbk: gbk, isSuspect: isSuspect) {
                near = true
                break
            }
            if near { break }
        }
        guard near else { return nil }
        // Written through pointers (no more characters than the line's): appending checked each
        // array's capacity and uniqueness twice a character.
        var changed = false
        var origin: [Int] = []
        var suspectsAt: [Int] = []
        let text = [Unicode.Scalar](unsafeUninitializedCapacity: s.count) { text, textCount in
            origin = [Int](unsafeUninitializedCapacity: s.count + 1) { origin, originCount in
                var n = 0
                var i = 0
                while i < s.count {
                    let c = s[i]
                    // An annotation's `(` and a numbered form's spelling are ASCII, and only
                    // ASCII: the other characters (most of a line) skip those tests, and only
                    // converted ones are read back (an ASCII character never is: `(` is read back
                    // only where its annotation goes, here).
                    var read = c
                    if c.value < 0x80 {
                        if c == "(", i > 0, ScalarClass.isHan(s[i - 1]), let close = Self.annotationEnd(s, open: i) {
                            changed = true
                            i = close + 1
                            continue
                        }
                        if let (form, end) = Self.numberedForm(s, at: i) {
                            if isSuspect(form.value) { suspectsAt.append(n) }
                            text.initializeElement(at: n, to: form)
                            origin.initializeElement(at: n, to: i)
                            n += 1
                            changed = true
                            i = end
                            continue
                        }
                    } else if Self.readsBack(s, i, converter: converter, gbk: gbk, isSuspect: isSuspect) {
                        let simple = converter.simplified(c)
                        if simple != c { read = simple; changed = true }
                    }
                    // (No ASCII character is a suspect.)
                    if read.value >= 0x80, isSuspect(read.value) { suspectsAt.append(n) }
                    text.initializeElement(at: n, to: read)
                    origin.initializeElement(at: n, to: i)
                    n += 1
                    i += 1
                }
                // One more entry: the line's end.
                origin.initializeElement(at: n, to: s.count)
                originCount = n + 1
                textCount = n
            }
        }
        guard changed else { return nil }
        self.text = text
        self.origin = origin
        self.suspectsAt = suspectsAt
    }

    /// A numbered form of GBK's row A2 that NFKC spelt in ASCII (`⒔` as `13.`, `⑷` as `(4)`),
    /// glued between two characters of double-byte text: a run's odd character (its lead byte A2,
    /// a character's second byte), which NFKC broke the run at. The form and where its spelling
    /// ends. (Other full-width characters NFKC made ASCII, `，` as `,`, are as often the text's
    /// own ASCII, where a run does end.)
    static func numberedForm(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
        guard i > 0, s[i - 1].value >= 0x80, s[i].value < 0x80 else { return nil }
        let parenthesised = s[i] == "("
        var j = parenthesised ? i + 1 : i
        var n = 0
        while j < s.count, j - i < (parenthesised ? 3 : 2), ScalarClass.isASCIIDigit(s[j]) {
            n = n * 10 + Int(s[j].value - 0x30)
            j += 1
        }
        guard n >= 1, n <= 20, j < s.count, s[j] == (parenthesised ? ")" : "."), j + 1 < s.count, s[j + 1].value >= 0x80,
              !(parenthesised ? s[i + 1] == "0" : s[i] == "0") else { return nil }
        return (Unicode.Scalar((parenthesised ? 0x2474 : 0x2488) + UInt32(n - 1))!, j + 1)
    }

    /// Whether `s[i]` is a converted character to read back as simplified: one no odd character
    /// can be, one annotated (it was on the page the mirror converted: whatever its bytes), or one
    /// whose second byte is ASCII before a suspect; or the `(` of an annotation.
    @inline(__always)
    static func readsBack(_ s: [Unicode.Scalar], _ i: Int, converter: TraditionalToSimplified, gbk: GBKPairs, isSuspect: (UInt32) -> Bool) -> Bool {
        let c = s[i]
        if c == "(" { return i > 0 && ScalarClass.isHan(s[i - 1]) && annotationEnd(s, open: i) != nil }
        guard c.value >= 0x3400, converter.changes(c) else { return false }
        guard let bytes = gbk.bytes(of: c), !isNoOddCharacter(bytes) else { return true }
        guard i + 1 < s.count else { return false }
        // A second byte in ASCII: a run's last odd character, before text read in step again,
        // or a converted one inside a run, before more odd characters.
        if bytes.trail < 0x80, isSuspect(s[i + 1].value) { return true }
        return s[i + 1] == "(" && annotationEnd(s, open: i + 1) != nil
    }

    /// Whether no run of simplified text can show this character: a run's odd characters are a
    /// GB2312 character's second byte (A1–FE) and the next one's first (A1–F7), or its last one's
    /// second byte and an ASCII character (40–7E).
    static func isNoOddCharacter(_ b: (lead: UInt8, trail: UInt8)) -> Bool { b.lead < 0xA1 || (b.trail >= 0x80 && b.trail < 0xA1) }

    /// The `)` of a tone-marked annotation opening at `open`. (Its letters by
    /// `PinyinAnnotationRemoval.letter`, a switch: the sets the lost-character repair asks cost a
    /// hash a letter, and every annotation of a converted page is read here.)
    static func annotationEnd(_ s: [Unicode.Scalar], open: Int) -> Int? {
        var j = open + 1
        var toned = false
        while j < s.count, j - open <= PinyinAnnotationRemoval.maxLetters, let (_, tone) = PinyinAnnotationRemoval.letter(s[j].value) {
            toned = toned || tone
            j += 1
        }
        guard toned, j < s.count, s[j] == ")" else { return nil }
        return j
    }

    /// The line with the repairs found in `text` made (an annotation inside a repaired run goes
    /// with it); nil when there are none.
    func replacing(_ repairs: [GBKDesyncRepair.Repair], in s: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        guard !repairs.isEmpty else { return nil }
        var out: [Unicode.Scalar] = []
        var copied = 0
        for r in repairs {
            let start = origin[r.start], end = origin[r.end]
            out.append(contentsOf: s[copied ..< start])
            out.append(contentsOf: r.text)
            copied = end
        }
        out.append(contentsOf: s[copied...])
        return out
    }
}
