#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `civ-clean --part k/n FILE`: part k of n of one large uncompressed file, cut where pages
/// start, so that n jobs on the n parts clean the file in parallel and write the documents of a
/// serial run (with the same offsets). The nominal cut `j × size / n` moves forward to the first
/// line after it that begins a page (a breadcrumb or banner line once cleaned, after a line of
/// prose, as civ-clean splits standard input; or a glued line's split); every job finds the same
/// cuts, reading only the lines up to them. A page start counts only after prose read since the
/// nominal cut: civ-clean starts a document there only when the document before has prose, and
/// any split between that prose and the start would have been found first.
public enum InputPart {
    /// The byte range of part `index` (1-based) of `count` of the file `path`.
    public static func range(path: String, index: Int, count: Int, rules: BoilerplateRules = .standard) throws -> Range<Int> {
        var st = stat()
        guard stat(path, &st) == 0 else { throw CivError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        let size = Int(st.st_size)
        let stage = try CleanStage(rules: rules)
        func cut(_ j: Int) throws -> Int {
            if j <= 0 { return 0 }
            if j >= count { return size }
            return try pageStart(atOrAfter: size / count * j, path: path, size: size, stage: stage)
        }
        return try cut(index - 1) ..< max(cut(index - 1), cut(index))
    }

    /// The offset of the first line beginning after `offset - 1` that starts a page, or `size`.
    static func pageStart(atOrAfter offset: Int, path: String, size: Int, stage: CleanStage) throws -> Int {
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw CivError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        let start = max(0, offset - 1)
        guard lseek(fd, off_t(start), SEEK_SET) == off_t(start) else {
            close(fd)
            throw CivError.readFailed(path: path, reason: "cannot seek")
        }
        let input = ByteInput(fileDescriptor: fd, name: path, maxLineBytes: Limits.maxLineBytes, ownsDescriptor: true)
        // The rest of the line holding byte `start`: a line begins after it.
        guard let first = try input.nextLine() else { return size }
        var position = start + first.streamLength
        var spare: [UInt8] = []
        var scratch = Counters()
        var seenProse = false
        while let line = try input.nextLine() {
            var (bytes, encoding) = TextDecoder.decodeLineToUTF8(line.bytes, preferred: .utf8, counters: &scratch)
            stage.cleaner.clean(&bytes, spare: &spare, counters: &scratch)
            if seenProse, bytes.withUnsafeBufferPointer({ stage.rules.startsPage($0) }) { return position }
            // A page glued to the end of the previous one (files without a final newline, then
            // cat): the cut is inside the line, where civ-clean splits it.
            if let (_, rawOffset) = stage.gluedPageSplit(bytes, of: line, preferred: .utf8, encoding: encoding) {
                return position + rawOffset
            }
            if !seenProse { seenProse = bytes.withUnsafeBufferPointer(CleanStage.isProse) }
            position += line.streamLength
        }
        return size
    }
}
