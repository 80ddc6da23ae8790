/// The civ record format, version 1 (documented in README.md, "The record format").
///
///     %civ 1
///     %source testdata/seeds/000_0f8254f664746d59.txt
///     %offset 0
///     %title 市委常委、宣传部长聂晓葵深入安源区督导文明创建
///     市委常委、宣传部长聂晓葵深入安源区督导文明创建
///     7月19日上午，……
///     %end
///
/// - A record starts with the line `%civ 1` and ends with the line `%end`.
/// - Field lines follow the start line: `%KEY VALUE`, KEY in `[a-z0-9][a-z0-9.-]*`. In VALUE a
///   backslash is written `\\`, a line feed `\n`, a carriage return `\r`.
/// - Every other line up to `%end` is a line of text. A text line that begins with `%` or `\` is
///   written with one `\` in front, so no text line ever begins with `%`: the boundary
///   `\n%end\n` cannot occur inside text, and `parallel --pipe --recend '%end\n' --recstart '%civ '`
///   splits a stream only between records.
public enum RecordFormat {
    public static let version = 1
    public static let startLine = "%civ 1"
    public static let endLine = "%end"
    static let startPrefix: [UInt8] = Array("%civ ".utf8)
    static let endBytes: [UInt8] = Array("%end".utf8)

    /// Escapes a field value onto one line.
    public static func escapeValue(_ value: String) -> String {
        var bytes = value
        // On the contiguous bytes: String.UTF8View's iterator costs several times more a byte,
        // and a closure's test per byte several times more than three memchr (callgrind).
        guard bytes.withUTF8({ UTF8Bytes.contains($0, 0x5C) || UTF8Bytes.contains($0, 0x0A) || UTF8Bytes.contains($0, 0x0D) }) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 8)
        for ch in value.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Reverses `escapeValue`. An unknown escape keeps its backslash.
    public static func unescapeValue<S: StringProtocol>(_ escaped: S) -> String {
        guard escaped.utf8.contains(0x5C) else { return String(escaped) }
        var out = ""
        var pendingBackslash = false
        for ch in escaped.unicodeScalars {
            if pendingBackslash {
                switch ch {
                case "\\": out += "\\"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out += "\\"; out.unicodeScalars.append(ch)
                }
                pendingBackslash = false
            } else if ch == "\\" {
                pendingBackslash = true
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        if pendingBackslash { out += "\\" }
        return out
    }

    /// Appends the serialized record to `out`.
    public static func serialize(_ record: Record, into out: inout [UInt8]) {
        out.append(contentsOf: startLine.utf8)
        out.append(0x0A)
        for field in record.fields {
            precondition(Record.isValidKey(field.key), "invalid field name \(field.key)")
            out.append(UInt8(ascii: "%"))
            out.append(contentsOf: field.key.utf8)
            out.append(0x20)
            out.append(contentsOf: escapeValue(field.value).utf8)
            out.append(0x0A)
        }
        for line in record.lines {
            if let first = line.utf8.first, first == UInt8(ascii: "%") || first == UInt8(ascii: "\\") {
                out.append(UInt8(ascii: "\\"))
            }
            out.append(contentsOf: line.utf8)
            out.append(0x0A)
        }
        out.append(contentsOf: endBytes)
        out.append(0x0A)
    }

    public static func serialize(_ record: Record) -> [UInt8] {
        var out: [UInt8] = []
        serialize(record, into: &out)
        return out
    }

    /// True when `bytes` is a record start line (`%civ ` followed by a version).
    static func isStartLine<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        bytes.count > startPrefix.count && bytes.starts(with: startPrefix)
    }
}
