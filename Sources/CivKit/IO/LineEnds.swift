#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where lines end in raw input: at LF, or at a CR that no LF follows (old Mac files and pages
/// saved with CR-only line ends, which would otherwise be one line gluing many pages). A CR
/// before LF stays in the line: decoding removes it.
public enum LineEnds {
    /// The index of the first line end in `p[from..<to]` (the LF, or the lone CR), or nil when
    /// there is none or when it is undecided: a CR at `to - 1` while `moreMayFollow` (an LF
    /// could still come after it). Two `memchr`s: the common line costs a scan for LF and one
    /// for CR over its own bytes.
    @inline(__always)
    /// `loneCR` false: only LF ends a line (civ records, whose text lines may hold a CR).
    public static func find(in p: UnsafeBufferPointer<UInt8>, from: Int, to: Int, moreMayFollow: Bool, loneCR: Bool = true) -> Int? {
        guard from < to, let base = p.baseAddress else { return nil }
        var lf: Int? = nil
        if let hit = memchr(base + from, 0x0A, to - from) {
            lf = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
        }
        guard loneCR else { return lf }
        // A CR right before the LF is CRLF: only CRs before it can end a line.
        let crEnd = lf.map { $0 - 1 } ?? to
        if crEnd > from, let hit = memchr(base + from, 0x0D, crEnd - from) {
            let cr = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
            if lf != nil || cr + 1 < to || !moreMayFollow { return cr }
            return nil
        }
        return lf
    }

    /// Calls `body` with each line of `bytes` (without its line end), as `ByteInput.nextLine`
    /// splits a stream: a final line without a line end included, nothing after a final one.
    public static func forEachLine(in bytes: [UInt8], _ body: (ArraySlice<UInt8>) throws -> Void) rethrows {
        var start = 0
        while start < bytes.count {
            let end = bytes.withUnsafeBufferPointer { find(in: $0, from: start, to: bytes.count, moreMayFollow: false) }
            guard let end else { break }
            try body(bytes[start..<end])
            start = end + 1
        }
        if start < bytes.count { try body(bytes[start...]) }
    }
}
