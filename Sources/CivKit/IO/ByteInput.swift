#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of input as raw bytes, with where it started in its stream.
public struct InputLine: Sendable, Equatable {
    /// The line's bytes without its line end (`LineEnds`: the `\r` of CRLF is kept: decoding decides).
    public var bytes: [UInt8]
    /// Byte offset of the line's first byte in its stream.
    public var offset: Int
    /// True when the line ended with a line end (false for the last line of a file without one).
    public var hasNewline: Bool
    /// Bytes of the line that were discarded because it exceeded the reader's `maxLineBytes`.
    public var discardedBytes: Int

    public init(bytes: [UInt8], offset: Int, hasNewline: Bool, discardedBytes: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        self.hasNewline = hasNewline
        self.discardedBytes = discardedBytes
    }

    /// Bytes this line occupied in the stream, newline included.
    public var streamLength: Int { bytes.count + discardedBytes + (hasNewline ? 1 : 0) }
}

/// Reads a file descriptor in fixed-size chunks and hands out lines or byte runs.
///
/// Memory stays bounded: a line longer than `maxLineBytes` is cut there, and the rest of it is
/// skipped (and counted in `InputLine.discardedBytes`) instead of buffered.
public final class ByteInput {
    public let name: String
    public let maxLineBytes: Int
    private let fd: Int32
    private let ownsDescriptor: Bool
    // Not checked for exclusive access at run time (three calls a line): one reader uses them.
    @exclusivity(unchecked) private var buffer: [UInt8]
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var atEOF = false
    /// Offset in the stream of `buffer[start]`.
    @exclusivity(unchecked) public private(set) var offset = 0
    /// Called before each blocking read, so that a filter can flush what it has written while it
    /// waits: output then appears as input arrives.
    public var willRead: (() throws -> Void)?
    /// Called after each read with the number of bytes it gave (progress reports).
    public var didRead: ((Int) -> Void)?
    /// Called once at the end of the stream (a decompressor's exit status is checked there).
    public var atEnd: (() throws -> Void)?
    /// The format the bytes were decompressed from, when they were (`ByteInput.opening`).
    public internal(set) var compression: Compression?
    /// Bytes still to be read from the descriptor before the input ends (nil: to its end).
    public var remainingLimit: Int?
    /// Whether a CR alone ends a line (`LineEnds`); record readers turn it off once they know
    /// the stream holds civ records, whose text lines may hold a CR.
    public var splitsAtLoneCR = true
    /// The most bytes each read may ask for, drawn before each read (tests: one byte at a time,
    /// random chunks, to show that the output does not depend on how reads cut the stream).
    public var readSizeLimit: (() -> Int)?
    /// For a compressed file: how many of the file's bytes the decompressor has read.
    public internal(set) var sourcePosition: (() -> Int)?

    public static let chunkSize = 1 << 16

    /// `prefix`: bytes already read from the descriptor, which come first.
    public init(fileDescriptor: Int32, name: String, maxLineBytes: Int = 16 << 20, ownsDescriptor: Bool = false, prefix: [UInt8] = []) {
        self.fd = fileDescriptor
        self.name = name
        self.maxLineBytes = max(1, maxLineBytes)
        self.ownsDescriptor = ownsDescriptor
        self.buffer = [UInt8](repeating: 0, count: max(ByteInput.chunkSize, prefix.count * 2))
        buffer.replaceSubrange(0..<prefix.count, with: prefix)
        end = prefix.count
    }

    /// Opens a file for reading.
    public convenience init(path: String, maxLineBytes: Int = 16 << 20) throws {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw CivError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        self.init(fileDescriptor: fd, name: path, maxLineBytes: maxLineBytes, ownsDescriptor: true)
    }

    /// Opens a file, decompressing it when it is gzip or zstd (see `Compression`).
    public static func opening(path: String, maxLineBytes: Int = 16 << 20) throws -> ByteInput {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw CivError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        return try opening(fileDescriptor: fd, name: path, maxLineBytes: maxLineBytes, ownsDescriptor: true)
    }

    /// Reads from an in-memory byte array (tests), through a pipe-free buffer.
    public convenience init(bytes: [UInt8], name: String = "-", maxLineBytes: Int = 16 << 20) {
        self.init(fileDescriptor: -1, name: name, maxLineBytes: maxLineBytes)
        buffer = bytes
        end = bytes.count
        atEOF = true
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// Refills the buffer, keeping unread bytes. Returns false at end of input.
    private func fill() throws -> Bool {
        if atEOF { return false }
        if start > 0 {
            let unread = end - start
            if unread > 0 {
                buffer.withUnsafeMutableBufferPointer { p in
                    _ = memmove(p.baseAddress!, p.baseAddress! + start, unread)
                }
            }
            end = unread
            start = 0
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        try willRead?()
        while true {
            if remainingLimit == 0 {
                atEOF = true
                return false
            }
            let n = buffer.withUnsafeMutableBufferPointer { p in
                read(fd, p.baseAddress! + end, min(p.count - end, remainingLimit ?? Int.max, max(1, readSizeLimit?() ?? Int.max)))
            }
            if n > 0 {
                remainingLimit = remainingLimit.map { $0 - n }
                end += n
                didRead?(n)
                return true
            }
            if n == 0 {
                atEOF = true
                if let atEnd {
                    self.atEnd = nil
                    try atEnd()
                }
                return false
            }
            if errno == EINTR { continue }
            throw CivError.readFailed(path: name, reason: String(cString: strerror(errno)))
        }
    }

    /// Moves a seekable input to byte `position` of its file, which then counts as offset 0;
    /// false when the descriptor cannot seek.
    public func skip(to position: Int) -> Bool {
        guard fd >= 0, lseek(fd, off_t(position), SEEK_SET) == off_t(position) else { return false }
        start = 0
        end = 0
        atEOF = false
        offset = 0
        return true
    }

    /// The next line, or nil at end of input. Lines end at LF or at a CR alone (`LineEnds`);
    /// where they end does not depend on how the reads cut the stream.
    public func nextLine() throws -> InputLine? {
        var scanFrom = start
        var discarded = 0
        var kept: [UInt8]? = nil
        let lineOffset = offset
        while true {
            // One byte back: a CR last in the buffer was undecided until the next byte came.
            let from = max(start, scanFrom - 1)
            if let term = buffer.withUnsafeBufferPointer({ LineEnds.find(in: $0, from: from, to: end, moreMayFollow: !atEOF, loneCR: splitsAtLoneCR) }) {
                let line: [UInt8]
                if var k = kept {
                    let room = max(0, maxLineBytes - k.count)
                    let take = min(room, term - start)
                    k.append(contentsOf: buffer[start..<start + take])
                    discarded += (term - start) - take
                    line = k
                } else {
                    let take = min(term - start, maxLineBytes)
                    line = Array(buffer[start..<start + take])
                    discarded = term - start - take
                }
                offset += term + 1 - start
                start = term + 1
                return InputLine(bytes: line, offset: lineOffset, hasNewline: true, discardedBytes: discarded)
            }
            if atEOF {
                if kept == nil && end - start == 0 { return nil }
                var line = kept ?? []
                let take = min(max(0, maxLineBytes - line.count), end - start)
                line.append(contentsOf: buffer[start..<start + take])
                discarded += end - start - take
                offset += end - start
                start = end
                if line.isEmpty && discarded == 0 && lineOffset == offset { return nil }
                return InputLine(bytes: line, offset: lineOffset, hasNewline: false, discardedBytes: discarded)
            }
            // No line end buffered: keep at most maxLineBytes, skip the rest (all but a last CR,
            // which an LF may follow).
            let pending = end - start
            if kept != nil || pending >= maxLineBytes {
                let movable = buffer[end - 1] == 0x0D ? pending - 1 : pending
                var k = kept ?? []
                let room = max(0, maxLineBytes - k.count)
                let take = min(room, movable)
                k.append(contentsOf: buffer[start..<start + take])
                discarded += movable - take
                kept = k
                offset += movable
                start += movable
            }
            let before = end - start
            _ = try fill()
            scanFrom = start + before
        }
    }

    /// Up to `count` bytes (fewer only at end of input).
    public func nextBytes(_ count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(count, 1 << 20))
        while out.count < count {
            if start == end, try !fill() { break }
            let take = min(count - out.count, end - start)
            out.append(contentsOf: buffer[start..<start + take])
            start += take
            offset += take
        }
        return out
    }

    /// Puts `bytes`, the last ones read, back before the unread ones (a WARC record whose
    /// Content-Length ran into the next record gives the next record back).
    public func unread(_ bytes: ArraySlice<UInt8>) {
        let count = bytes.count
        if start >= count {
            buffer.replaceSubrange(start - count..<start, with: bytes)
            start -= count
        } else {
            buffer = Array(bytes) + buffer[start..<end] + [UInt8](repeating: 0, count: ByteInput.chunkSize)
            end = end - start + count
            start = 0
        }
        offset -= count
    }

    /// Looks at up to `count` bytes without consuming them.
    public func peek(_ count: Int) throws -> [UInt8] {
        while end - start < count, try fill() {}
        return Array(buffer[start..<min(end, start + count)])
    }
}
