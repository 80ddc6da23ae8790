#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writer to a file descriptor that reports a closed pipe as `CivError.outputClosed`
/// instead of dying of SIGPIPE, so that a filter can say so and exit with its documented code.
public final class ByteOutput {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    private let ownsDescriptor: Bool

    public init(fileDescriptor: Int32, capacity: Int = 1 << 16, ownsDescriptor: Bool = false) {
        self.fd = fileDescriptor
        self.capacity = capacity
        self.ownsDescriptor = ownsDescriptor
        buffer.reserveCapacity(capacity)
    }

    /// Opens (creates or truncates) a file for writing.
    public convenience init(path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { throw CivError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        self.init(fileDescriptor: fd, ownsDescriptor: true)
    }

    deinit {
        try? flush()
        if ownsDescriptor { close(fd) }
    }

    /// Stops SIGPIPE from killing the process; writes to a closed pipe then fail with EPIPE.
    public static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    public func write<C: Collection>(_ bytes: C) throws where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// The same for an array, specialized (callers in other modules would get the generic one).
    public func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    public func write(_ string: String) throws {
        var s = string
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= capacity { try flush() }
    }

    public func flush() throws {
        if buffer.isEmpty { return }
        var written = 0
        while written < buffer.count {
            let n = buffer.withUnsafeBufferPointer { p in
                Glibc.write(fd, p.baseAddress! + written, p.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let err = errno
                buffer.removeAll()
                if err == EPIPE { throw CivError.outputClosed }
                throw CivError.writeFailed(reason: String(cString: strerror(err)))
            }
            written += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
