import CICU

/// Turns input bytes into text: UTF-8 when valid, else GB18030 or Big5 when the bytes are valid
/// there, else UTF-8 with each invalid sequence replaced by U+FFFD. NUL and other C0 control
/// bytes (tab excepted) are removed. Everything it does is counted.
public enum TextDecoder {
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", gb18030 = "GB18030", big5 = "Big5" }

    /// Decodes with replacement, no counting: for reading civ's own records.
    public static func lossyString(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// True when `bytes` is valid UTF-8.
    public static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// Counts the non-ASCII scalars that decode as UTF-8 and the invalid sequences.
    static func utf8Census(_ bytes: [UInt8]) -> (valid: Int, errors: Int) {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var valid = 0
        var errors = 0
        while true {
            switch decoder.decode(&it) {
            case let .scalarValue(s): if s.value >= 0x80 { valid += 1 }
            case .emptyInput: return (valid, errors)
            case .error: errors += 1
            }
        }
    }

    /// Decodes `bytes` in a legacy charset through ICU, or nil when they are not valid in it.
    public static func decode(_ bytes: [UInt8], charset: Encoding) -> String? {
        if bytes.isEmpty { return "" }
        var out = [UInt16](repeating: 0, count: bytes.count + 1)
        let n = bytes.withUnsafeBufferPointer { b in
            out.withUnsafeMutableBufferPointer { o in
                b.withMemoryRebound(to: CChar.self) { c in
                    civ_convert_to_utf16(charset.rawValue, c.baseAddress, Int32(b.count), o.baseAddress, Int32(o.count))
                }
            }
        }
        guard n >= 0 else { return nil }
        return String(decoding: out[0..<Int(n)], as: UTF16.self)
    }

    /// Encodes text in a legacy charset through ICU (tests make GB18030 and Big5 pages with it),
    /// or nil when ICU cannot.
    static func encode(_ text: String, charset: Encoding) -> [UInt8]? {
        let units = Array(text.utf16)
        let needed = civ_convert_from_utf16(charset.rawValue, units, Int32(units.count), nil, 0)
        guard needed >= 0 else { return nil }
        var out = [CChar](repeating: 0, count: Int(needed) + 1)
        let n = civ_convert_from_utf16(charset.rawValue, units, Int32(units.count), &out, Int32(out.count))
        guard n >= 0 else { return nil }
        return out[..<Int(n)].map { UInt8(bitPattern: $0) }
    }

    /// Decodes one line of crawl input, counting what it had to do in `counters`.
    /// `preferred` is the encoding earlier lines of the same document turned out to be in.
    public static func decodeLine(_ raw: [UInt8], preferred: Encoding = .utf8, counters: inout Counters) -> (String, Encoding) {
        let (bytes, encoding) = decodeLineToUTF8(raw, preferred: preferred, counters: &counters)
        return (String(decoding: bytes, as: UTF8.self), encoding)
    }

    /// The same, as valid UTF-8 bytes: what the byte-level line cleaner works on. A UTF-8 line
    /// without control bytes (nearly every line) comes back as it is, uncopied.
    public static func decodeLineToUTF8(_ raw: [UInt8], preferred: Encoding = .utf8, counters: inout Counters) -> ([UInt8], Encoding) {
        var mayHaveInvisible = true
        return decodeLineToUTF8(raw, preferred: preferred, counters: &counters, mayHaveInvisible: &mayHaveInvisible)
    }

    /// The same, also saying whether the line may hold a zero-width space or byte-order mark
    /// (false: it holds none), which the census finds in the pass it makes anyway: the line
    /// cleaner then skips its own search for them.
    public static func decodeLineToUTF8(_ raw: [UInt8], preferred: Encoding = .utf8, counters: inout Counters,
                                        mayHaveInvisible: inout Bool) -> ([UInt8], Encoding) {
        var bytes = raw
        mayHaveInvisible = true
        if bytes.last == 0x0D { bytes.removeLast() }
        var (controls, ascii, valid, invisible) = bytes.withUnsafeBufferPointer(scan)
        if controls > 0 {
            counters.add("removed.control-byte", controls)
            bytes.removeAll { isControlByte($0) }
            (_, ascii, valid, invisible) = bytes.withUnsafeBufferPointer(scan)
        }
        if ascii { mayHaveInvisible = false; return (bytes, preferred) }
        if valid { mayHaveInvisible = invisible; return (bytes, .utf8) }
        let (validScalars, errors) = utf8Census(bytes)
        // A few bad sequences among many good ones is damaged UTF-8, not another encoding:
        // reading it as GB18030 (which accepts almost any byte pairs) would garble the whole line.
        if errors * 4 >= validScalars {
            let gb18030 = decode(bytes, charset: .gb18030), big5 = decode(bytes, charset: .big5)
            var chosen: (text: String, charset: Encoding)?
            if let gb18030, let big5 {
                let charset = LegacyEncodingChoice.choose(gb18030: gb18030, big5: big5, preferred: preferred, bytesLookBig5: looksLikeBig5(bytes))
                chosen = (charset == .big5 ? big5 : gb18030, charset)
            } else if let gb18030 {
                chosen = (gb18030, .gb18030)
            } else if let big5 {
                chosen = (big5, .big5)
            }
            if let (text, charset) = chosen {
                counters.add("decoded.\(charset.rawValue.lowercased())-line")
                // A line in another legacy encoding than the document's lines so far.
                if preferred != .utf8 && charset != preferred { counters.add("decoded.other-encoding-than-document") }
                return (Array(text.utf8), charset)
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        counters.add("replaced.invalid-utf8", text.unicodeScalars.reduce(0) { $0 + ($1 == "\u{FFFD}" ? 1 : 0) })
        return (Array(text.utf8), .utf8)
    }

    /// NUL and the other C0 controls but tab, and DEL: never text in a page.
    @inline(__always)
    static func isControlByte(_ b: UInt8) -> Bool { (b < 0x20 && b != 0x09) || b == 0x7F }

    /// In one pass: how many control bytes, whether all bytes are ASCII, whether the bytes are
    /// valid UTF-8. Runs of ASCII without controls go eight bytes at a time.
    static func census(_ p: UnsafeBufferPointer<UInt8>) -> (controls: Int, ascii: Bool, valid: Bool) {
        let (controls, ascii, valid, _) = scan(p)
        return (controls, ascii, valid)
    }

    /// `census`, and whether the bytes hold U+200B (E2 80 8B) or U+FEFF (EF BB BF).
    static func scan(_ p: UnsafeBufferPointer<UInt8>) -> (controls: Int, ascii: Bool, valid: Bool, invisible: Bool) {
        guard let base = p.baseAddress else { return (0, true, true, false) }
        let n = p.count
        var controls = 0, ascii = true, valid = true, invisible = false
        var i = 0
        while i < n {
            let b = base[i]
            // Eight bytes at a time, tried only from an ASCII byte (Chinese text would pay for
            // the test at every character).
            if b < 0x80, i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // The bytes that are not plain ASCII text get their high bit set in `flags`: a
                // byte with the high bit, one below 0x20 (adding 0x60 sets the high bit of bytes
                // from 0x20 up), DEL (a zero byte of `del`). Carries and borrows only move up,
                // so the lowest flag is exact, and the bytes below it are plain text
                // (tab is flagged too and goes the one-byte way).
                let highBits: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
                let del = word ^ 0x7F7F_7F7F_7F7F_7F7F
                let flags = (word | ~(word &+ 0x6060_6060_6060_6060) | (del &- ones) & ~del) & highBits
                if flags == 0 {
                    i += 8
                    continue
                }
                let plain = flags.trailingZeroBitCount >> 3
                if plain > 0 {
                    i += plain
                    continue
                }
            }
            if b < 0x80 {
                if isControlByte(b) { controls += 1 }
                i += 1
                continue
            }
            ascii = false
            // Three-byte characters (all of CJK) whose lead byte allows any continuation bytes.
            if (0xE1 ... 0xEC).contains(b) || b == 0xEE || b == 0xEF, i + 2 < n, base[i + 1] & 0xC0 == 0x80, base[i + 2] & 0xC0 == 0x80 {
                if (b == 0xE2 && base[i + 1] == 0x80 && base[i + 2] == 0x8B) || (b == 0xEF && base[i + 1] == 0xBB && base[i + 2] == 0xBF) {
                    invisible = true
                }
                i += 3
                // The rest of a run of them, two characters a load while both leads are E3 to EC (CJK:
                // any continuation bytes, no invisible character)...
                while i + 8 <= n {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    guard word & 0xC0C0_F0C0_C0F0 == 0x8080_E080_80E0, (word & 0xFF) &- 0xE3 < 10, (word >> 24 & 0xFF) &- 0xE3 < 10 else { break }
                    i += 6
                }
                // ...then one a load: a lead byte E_ and two
                // continuation bytes, but E0 and ED (their second byte is limited) go the
                // general way. The run's last character, without a fourth byte readable, too.
                while i + 4 <= n {
                    let word = UInt32(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self))
                    let lead = word & 0xFF
                    guard word & 0x00C0_C0F0 == 0x0080_80E0, lead != 0xE0, lead != 0xED else { break }
                    if lead == 0xE2 || lead == 0xEF {
                        let character = word & 0xFF_FFFF
                        if character == 0x8B_80E2 || character == 0xBF_BBEF { invisible = true }
                    }
                    i += 3
                }
                continue
            }
            // Two-byte characters: the tone-marked letters of pinyin annotations.
            if b >= 0xC2 && b < 0xE0, i + 1 < n, base[i + 1] & 0xC0 == 0x80 {
                i += 2
                continue
            }
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            if v == 0xFFFD && length == 1 { valid = false }
            if v == 0x200B || v == 0xFEFF { invisible = true }
            i += length
        }
        return (controls, ascii, valid, invisible)
    }

    /// Big5 and GB18030 accept most of each other's byte pairs, so validity cannot tell them
    /// apart. What can: Big5 has no lead byte below 0xA1, and about a third of its common
    /// characters have a second byte in 0x40–0x7E, which GB2312 text never has.
    static func looksLikeBig5(_ bytes: [UInt8]) -> Bool {
        var pairs = 0, lowTrails = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard b >= 0xA1, b <= 0xF9, i + 1 < bytes.count else { return false }
            pairs += 1
            if bytes[i + 1] < 0x80 { lowTrails += 1 }
            i += 2
        }
        return pairs > 0 && lowTrails * 5 >= pairs
    }

    /// The bytes a decoded line's control bytes and final CR were removed from, with the raw
    /// index of each byte kept.
    static func keptBytes(_ raw: [UInt8]) -> (bytes: [UInt8], rawIndex: [Int]) {
        var end = raw.count
        if end > 0 && raw[end - 1] == 0x0D { end -= 1 }
        var bytes: [UInt8] = [], rawIndex: [Int] = []
        for i in 0..<end where !((raw[i] < 0x20 && raw[i] != 0x09) || raw[i] == 0x7F) {
            bytes.append(raw[i])
            rawIndex.append(i)
        }
        return (bytes, rawIndex)
    }

    /// How many bytes of the raw line `raw` the first `count` scalars of its decoded text came
    /// from (decoded by `decodeLine` as `encoding`), removed control bytes included.
    public static func rawLength(ofFirst count: Int, scalarsOf raw: [UInt8], encoding: Encoding) -> Int {
        // Without control bytes (or a final CR) the kept bytes are the raw ones, at their own
        // indices: no copy of either.
        if encoding == .utf8, !raw.contains(where: isControlByte) {
            return utf8Length(ofFirst: count, scalarsOf: raw)
        }
        let (bytes, rawIndex) = keptBytes(raw)
        var position = 0 // in `bytes`
        if encoding == .utf8 {
            position = utf8Length(ofFirst: count, scalarsOf: bytes)
        } else {
            let decoded = decode(bytes, charset: encoding) ?? ""
            let prefix = Array(String(String.UnicodeScalarView(decoded.unicodeScalars.prefix(count))).utf16)
            position = max(0, Int(civ_convert_from_utf16(encoding.rawValue, prefix, Int32(prefix.count), nil, 0)))
        }
        return position < bytes.count ? rawIndex[position] : raw.count
    }

    /// How many bytes the first `count` scalars of `bytes` take, read as `String(decoding:)`
    /// reads UTF-8 (a bad sequence is one scalar, U+FFFD); all of them when there are fewer.
    static func utf8Length(ofFirst count: Int, scalarsOf bytes: [UInt8]) -> Int {
        var position = 0
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var scalars = 0
        while scalars < count {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded): position += encoded.count
            case let .error(length): position += length
            case .emptyInput: return position
            }
            scalars += 1
        }
        return position
    }
}
