#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Compressed input, recognized by its magic bytes (never by the file's name) and read through
/// the external decompressor, as ripgrep's `-z` does: `gzip -dc` or `zstd -dc` runs as a child
/// process and civ reads its output. Anything else passes through unchanged.
///
/// UTF-16 text with a byte-order mark (what Windows editors save as "Unicode") goes the same way,
/// through `iconv -f UTF-16 -t UTF-8` (glibc's, present on every Linux): it is not compressed,
/// but like compressed text every byte of it must be transformed before a line can be read.
public enum Compression: String, Sendable, CaseIterable {
    case gzip, zstd, utf16

    /// The most bytes `detect` needs to look at.
    public static let magicLength = 4

    /// The format whose magic number `prefix` begins with, or nil.
    public static func detect(_ prefix: some Collection<UInt8>) -> Compression? {
        let p = Array(prefix.prefix(magicLength))
        if p.count >= 2, p[0] == 0x1F, p[1] == 0x8B { return .gzip }
        if p.count >= 4, p[0] == 0x28, p[1] == 0xB5, p[2] == 0x2F, p[3] == 0xFD { return .zstd }
        if p.count >= 2, (p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF) { return .utf16 }
        return nil
    }

    /// Whether `prefix` could still grow into a magic number (keep reading) or already is one.
    static func mayBeMagic(_ prefix: [UInt8]) -> Bool {
        let magics: [[UInt8]] = [[0x1F, 0x8B], [0x28, 0xB5, 0x2F, 0xFD], [0xFF, 0xFE], [0xFE, 0xFF]]
        return magics.contains { m in prefix.count < m.count && Array(m.prefix(prefix.count)) == prefix }
    }

    /// The command that decompresses standard input to standard output.
    public var command: [String] {
        switch self {
        case .gzip: return ["gzip", "-dc"]
        case .zstd: return ["zstd", "-dcq"]
        // -c: a lone surrogate is dropped rather than ending the input there.
        case .utf16: return ["iconv", "-c", "-f", "UTF-16", "-t", "UTF-8"]
        }
    }
}

extension ByteInput {
    /// Opens `fd` (positioned at its start), decompressing it when its first bytes are a gzip or
    /// zstd magic number. Reads at most `Compression.magicLength` bytes before deciding, and
    /// stops as soon as the bytes read cannot begin one: a terminal's input is not held up.
    public static func opening(fileDescriptor fd: Int32, name: String, maxLineBytes: Int, ownsDescriptor: Bool) throws -> ByteInput {
        var prefix: [UInt8] = []
        var byte: UInt8 = 0
        while prefix.count < Compression.magicLength, prefix.isEmpty || Compression.mayBeMagic(prefix) {
            let n = read(fd, &byte, 1)
            if n == 1 { prefix.append(byte); continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw CivError.readFailed(path: name, reason: String(cString: strerror(errno))) }
            break
        }
        guard let format = Compression.detect(prefix) else {
            return ByteInput(fileDescriptor: fd, name: name, maxLineBytes: maxLineBytes, ownsDescriptor: ownsDescriptor, prefix: prefix)
        }
        // A file is rewound and given to the decompressor as its standard input; a pipe cannot
        // be, so a shell writes the bytes already read in front of the rest of it.
        let command: [String]
        let isFile = lseek(fd, 0, SEEK_SET) == 0
        if isFile {
            command = format.command
        } else {
            let escaped = prefix.map { "\\" + String($0, radix: 8) }.joined()
            command = ["sh", "-c", "{ printf '\(escaped)'; exec cat; } | exec \(format.command.joined(separator: " "))"]
        }
        let child = try ChildProcess(command, label: format.command.joined(separator: " "), standardInput: fd, name: name)
        let input = ByteInput(fileDescriptor: child.output, name: name, maxLineBytes: maxLineBytes, ownsDescriptor: true)
        input.compression = format
        if format == .utf16 {
            // iconv -c drops a lone surrogate or a truncated last character, says so on standard
            // error, and exits 1: the text it wrote is the input's, so reading goes on.
            input.atEnd = { try child.finish(tolerating: 1) }
        } else {
            input.atEnd = { try child.finish() }
        }
        if isFile {
            // The decompressor's standard input shares this descriptor's file offset: how far
            // into the compressed file it has read, for the progress line's time left.
            child.keptInput = ownsDescriptor ? fd : -1
            input.sourcePosition = { Int(lseek(fd, 0, SEEK_CUR)) }
        } else if ownsDescriptor {
            close(fd)
        }
        return input
    }
}

/// A decompressor running as a child process, its standard output a pipe civ reads.
final class ChildProcess {
    let pid: pid_t
    let output: Int32
    let label: String
    let name: String
    private var reaped = false
    /// The compressed file's descriptor, kept open to read its offset; closed with the process.
    var keptInput: Int32 = -1

    init(_ command: [String], label: String, standardInput: Int32, name: String) throws {
        self.label = label
        self.name = name
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw CivError.readFailed(path: name, reason: String(cString: strerror(errno))) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        // The filters ignore SIGPIPE; the decompressor should die of it quietly when civ stops.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, command[0], &actions, &attributes, argv, environ)
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            throw CivError.readFailed(path: name, reason: "cannot run \(command[0]) to decompress it: \(String(cString: strerror(status)))")
        }
        self.pid = pid
        self.output = fds[0]
    }

    /// Waits for the decompressor; a failure (corrupt or truncated data) is a read error.
    /// Waits for the process; an exit status other than 0 (or `tolerated`) is a read error.
    func finish(tolerating tolerated: Int32 = 0) throws {
        guard !reaped else { return }
        reaped = true
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        if !exited || (code != 0 && code != tolerated) {
            let how = exited ? (code == 127 ? "not found (install it)" : "exit status \(code)") : "signal \(status & 0x7F)"
            throw CivError.readFailed(path: name, reason: "\(label) failed: \(how)")
        }
    }

    deinit {
        if keptInput >= 0 { close(keptInput) }
        if !reaped {
            var status: Int32 = 0
            kill(pid, SIGTERM)
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }
}
