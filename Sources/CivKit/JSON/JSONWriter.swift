/// Writes JSON into a byte buffer.
///
/// Hand-written rather than Foundation's JSONEncoder: civ-jsonl's schema promises a fixed key
/// order and byte-exact output (same input, same bytes, on every platform), and this runs once
/// per field of every document of a crawl. Strings are Swift strings, hence valid UTF-8; bytes
/// are copied as they are except `"`, `\`, control characters, U+2028/U+2029 (legal JSON but
/// line breaks to JavaScript) and U+FEFF (readers take it for a byte-order mark and drop it, as
/// swift-corelibs-foundation's JSONSerialization does at the start of a string), which are
/// escaped. Commas are inserted automatically.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// One entry per open object or array: whether it has a member already.
    private var hasMember: [Bool] = []
    private var afterKey = false

    public init() {}

    /// Empties the buffer, keeping its capacity.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        hasMember.removeAll(keepingCapacity: true)
        afterKey = false
    }

    /// A comma before every member but the first; none between a key and its value.
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
            return
        }
        if let last = hasMember.indices.last {
            if hasMember[last] { bytes.append(UInt8(ascii: ",")) }
            hasMember[last] = true
        }
    }

    public mutating func beginObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        hasMember.append(false)
    }

    public mutating func endObject() {
        hasMember.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        hasMember.append(false)
    }

    public mutating func endArray() {
        hasMember.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// An array of strings.
    public mutating func stringArray(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    public mutating func key(_ name: String) {
        beginValue()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        afterKey = true
    }

    public mutating func string(_ value: String) {
        beginValue()
        appendQuoted(value)
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int(_ value: Int) {
        beginValue()
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func int(_ value: Int?) {
        if let value { int(value) } else { null() }
    }

    public mutating func bool(_ value: Bool) {
        beginValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        beginValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Appends a raw byte (a line feed after a document).
    public mutating func raw(_ byte: UInt8) { bytes.append(byte) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = value
        s.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9; U+FEFF is EF BB BF.
                let escapedThreeBytes = (b == 0xE2 || b == 0xEF) && i + 2 < utf8.count
                    && (b == 0xE2 ? utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9)
                        : utf8[i + 1] == 0xBB && utf8[i + 2] == 0xBF)
                guard b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || escapedThreeBytes else {
                    i += 1
                    continue
                }
                bytes.append(contentsOf: utf8[runStart..<i])
                switch b {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0xE2:
                    bytes.append(contentsOf: "\\u202".utf8)
                    bytes.append(utf8[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                    i += 2
                case 0xEF:
                    bytes.append(contentsOf: "\\ufeff".utf8)
                    i += 2
                default:
                    bytes.append(contentsOf: "\\u00".utf8)
                    bytes.append(Self.hex[Int(b >> 4)])
                    bytes.append(Self.hex[Int(b & 0xF)])
                }
                i += 1
                runStart = i
            }
            bytes.append(contentsOf: utf8[runStart..<utf8.count])
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `value` as a JSON string literal, quotes included.
    public static func quoted(_ value: String) -> String {
        var w = JSONWriter()
        w.string(value)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
