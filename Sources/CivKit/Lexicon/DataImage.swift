#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// What the binary data images (lexicon.bin, pinyin.bin) share: their bytes, little-endian access,
// a writer, and checks that keep every later read inside the file. Foundation-free, so that
// scripts/generate-lexicon can compile the image files on their own with swiftc.

/// A data image's bytes: a read-only mapping of its file (pages load on first touch, shared
/// between processes), or a copy built in memory. Immutable once made.
final class ImageBytes: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
    private let base: UnsafeMutableRawPointer
    private let mapped: Bool

    init(copying bytes: [UInt8]) {
        let base = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        self.base = base
        buffer = UnsafeRawBufferPointer(start: base, count: bytes.count)
        mapped = false
    }

    init(mapping path: String) throws(ImageError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ImageError("cannot open it: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ImageError("cannot stat it: \(String(cString: strerror(errno)))") }
        let size = Int(info.st_size)
        guard size > 0 else { throw ImageError("it is empty") }
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw ImageError("cannot map it: \(String(cString: strerror(errno)))")
        }
        base = p
        buffer = UnsafeRawBufferPointer(start: p, count: size)
        mapped = true
    }

    deinit {
        if mapped { munmap(base, buffer.count) } else { base.deallocate() }
    }
}

struct ImageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension UnsafeRawBufferPointer {
    @inline(__always) func u16(_ offset: Int) -> UInt16 { UInt16(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self)) }
    @inline(__always) func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
    @inline(__always) func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    @inline(__always) func i64(_ offset: Int) -> Int64 { Int64(bitPattern: u64(offset)) }
}

/// Reads a header (magic, then UInt64 fields) and checks the sections it points to.
struct ImageHeaderReader {
    let bytes: UnsafeRawBufferPointer
    private var offset: Int

    /// Checks the magic, version and recorded size; then `field()` reads on after them.
    init(_ bytes: UnsafeRawBufferPointer, magic: [UInt8], version: UInt64, fieldCount: Int) throws(ImageError) {
        self.bytes = bytes
        guard bytes.count >= magic.count + 16, Array(bytes[0 ..< magic.count]) == magic else {
            throw ImageError("it does not start with the magic \"\(String(decoding: magic.prefix { $0 != 0 }, as: UTF8.self))\"")
        }
        offset = magic.count
        let found = bytes.u64(offset)
        guard found == version else { throw ImageError("it is format version \(found), this civ reads version \(version)") }
        let size = bytes.u64(offset + 8)
        guard size == UInt64(bytes.count) else { throw ImageError("it is \(bytes.count) bytes long, its header says \(size) (truncated?)") }
        offset += 16
        guard bytes.count >= offset + 8 * fieldCount else { throw ImageError("its header is truncated") }
    }

    /// The next header field, which must be at most `limit`.
    mutating func field(max limit: UInt64 = UInt64(Int32.max)) throws(ImageError) -> Int {
        guard offset + 8 <= bytes.count else { throw ImageError("its header is truncated") }
        let value = bytes.u64(offset)
        offset += 8
        guard value <= limit else { throw ImageError("a header field (\(value)) is out of range") }
        return Int(value)
    }

    /// The next header field, read as a signed number.
    mutating func signedField() throws(ImageError) -> Int {
        guard offset + 8 <= bytes.count else { throw ImageError("its header is truncated") }
        defer { offset += 8 }
        return Int(bytes.i64(offset))
    }

    /// Checks that `count` elements of `width` bytes at `offset` lie inside the file, 4-byte aligned.
    func section(_ offset: Int, count: Int, width: Int) throws(ImageError) -> Int {
        let (length, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, offset % 4 == 0, offset <= bytes.count, length <= bytes.count - offset else {
            throw ImageError("a section (\(count) × \(width) bytes at \(offset)) lies outside the file")
        }
        return offset
    }
}

/// Builds an image: little-endian fields, sections aligned to 8 bytes.
struct ImageWriter {
    private(set) var bytes: [UInt8] = []

    var offset: Int { bytes.count }

    mutating func append<T: FixedWidthInteger>(_ value: T) {
        // Byte by byte, least significant first: appending the raw bytes of the value went
        // through the generic sequence append (a hundred instructions a value).
        var v = value
        for _ in 0 ..< MemoryLayout<T>.size {
            bytes.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Pads to the next multiple of 8; returns the offset a section starting here gets.
    @discardableResult
    mutating func align() -> Int {
        while bytes.count % 8 != 0 { bytes.append(0) }
        return bytes.count
    }

    /// Reserves a UInt64 header field to be set later; returns its offset.
    mutating func reserve() -> Int {
        defer { append(UInt64(0)) }
        return bytes.count
    }

    mutating func set(_ field: Int, to value: Int) {
        withUnsafeBytes(of: UInt64(value).littleEndian) { bytes.replaceSubrange(field ..< field + 8, with: $0) }
    }
}
