#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only run of bytes in an unlinked temporary file (in `$TMPDIR`, else /tmp; gone
/// when the process ends), read back at any offset: what civ-dedup keeps of each document
/// lives here, not in memory (the page cache holds what is read often). Appends are buffered
/// (64 KiB); reads see unflushed bytes too. When no file can be made, or a write fails, the
/// bytes (from then on) stay in memory instead (`error` says why).
final class ByteLog {
    private let fd: Int32
    /// Bytes in the file; the rest are in `tail`.
    private var flushed = 0
    private var tail: [UInt8] = []
    /// Whether appends still go to the file.
    private var writing: Bool
    private(set) var error: CivError?

    static let flushSize = 1 << 16

    init() {
        do {
            fd = try Self.temporaryFile()
            writing = true
        } catch {
            fd = -1
            writing = false
            self.error = error as? CivError
        }
        tail.reserveCapacity(Self.flushSize)
    }

    deinit { if fd >= 0 { close(fd) } }

    var count: Int { flushed + tail.count }

    /// An unlinked temporary file, open for reading and writing.
    static func temporaryFile() throws -> Int32 {
        let dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((dir + "/civ-dedup-spill-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw CivError.writeFailed(reason: "cannot make a spill file in \(dir): \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    /// Writes all of `bytes` at `offset`; false on failure.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        whole(bytes.count) { done in pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done)) }
    }

    /// Reads `buffer.count` bytes at `offset`; false on failure.
    static func read(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool {
        whole(buffer.count) { done in pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done)) }
    }

    /// Repeats `transfer` (given the bytes done so far, it returns how many more it moved) until
    /// `count` bytes are done; false when it moves none or fails (a short `pread`/`pwrite` is
    /// not an error, only a reason to go on).
    private static func whole(_ count: Int, _ transfer: (Int) -> Int) -> Bool {
        var done = 0
        while done < count {
            let n = transfer(done)
            if n <= 0 { return false }
            done += n
        }
        return true
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        tail.append(contentsOf: bytes)
        if writing && tail.count >= Self.flushSize { flush() }
    }

    private func flush() {
        let ok = tail.withUnsafeBytes { Self.write(fd, $0, at: flushed) }
        if ok {
            flushed += tail.count
            tail.removeAll(keepingCapacity: true)
        } else {
            writing = false
            error = CivError.writeFailed(reason: "spill file: \(String(cString: strerror(errno)))")
        }
    }

    /// Reads `buffer.count` bytes at `offset` (below `count`); false when the file cannot be read.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        precondition(offset >= 0 && offset + buffer.count <= count)
        let fromFile = max(0, min(buffer.count, flushed - offset))
        if fromFile > 0 && !Self.read(fd, UnsafeMutableRawBufferPointer(rebasing: buffer[0 ..< fromFile]), at: offset) { return false }
        if fromFile < buffer.count {
            let start = offset + fromFile - flushed
            tail.withUnsafeBytes { t in
                UnsafeMutableRawBufferPointer(rebasing: buffer[fromFile...]).copyMemory(from: UnsafeRawBufferPointer(rebasing: t[start ..< start + buffer.count - fromFile]))
            }
        }
        return true
    }
}
