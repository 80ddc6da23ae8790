// libFuzzer target for civ's input side: the record reader, the line splitter, the decoder, the
// WARC reader and civ-clean's stage on the same bytes. Built by scripts/fuzz (not by SwiftPM,
// which renames `main`): swiftc -sanitize=fuzzer,address with CivKit's sources.
// A crash, a trap or AddressSanitizer's report is a finding; so is a broken invariant below.

/// One stage for every input (loading its tables takes longer than a run), with small limits
/// so that the fuzzer reaches the cuts.
nonisolated(unsafe) let fuzzStage: CleanStage = {
    var options = CleanStage.Options()
    options.maxDocumentBytes = 256
    return try! CleanStage(options: options)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Small limits so that the fuzzer reaches the cuts.
    let maxLine = 64, maxDocument = 256

    // Lines tile the input: their stream lengths add up to its size.
    let lines = ByteInput(bytes: bytes, maxLineBytes: maxLine)
    var tiled = 0
    while let line = try! lines.nextLine() {
        precondition(line.offset == tiled, "line offsets do not tile the input")
        precondition(line.bytes.count <= maxLine)
        tiled += line.streamLength
    }
    precondition(tiled == size, "lines cover \(tiled) of \(size) bytes")

    // Decoding gives valid UTF-8.
    var counters = Counters()
    let (decoded, _) = TextDecoder.decodeLineToUTF8(bytes, preferred: .utf8, counters: &counters)
    precondition(TextDecoder.isValidUTF8(decoded), "decoding gave invalid UTF-8")

    // Records: every one serializes and reads back the same.
    let reader = RecordReader(input: ByteInput(bytes: bytes, maxLineBytes: maxLine), maxDocumentBytes: maxDocument)
    while let record = try! reader.next() {
        var out: [UInt8] = []
        RecordFormat.serialize(record, into: &out)
        let again = try! RecordReader(input: ByteInput(bytes: out)).next()
        precondition(again == record, "a record does not read back as written")
    }

    // WARC records and civ-clean: offsets and lengths stay inside the input, every document is
    // counted in or out.
    var emitted = 0, rejected = 0
    let before = fuzzStage.counters["documents.in"]
    try! fuzzStage.process(ByteInput(bytes: bytes, maxLineBytes: maxLine), wholeInputIsOneDocument: false,
                           emit: { _ in emitted += 1 }, reject: { _ in rejected += 1 })
    precondition(fuzzStage.counters["documents.in"] - before == emitted + rejected, "documents unaccounted for")
    return 0
}
