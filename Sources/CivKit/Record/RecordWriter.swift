/// Writes records to an output; every filter's output goes through one of these.
public final class RecordWriter {
    public let output: ByteOutput
    private var scratch: [UInt8] = []
    public private(set) var recordsWritten = 0

    public init(output: ByteOutput) {
        self.output = output
    }

    public func write(_ record: Record) throws {
        scratch.removeAll(keepingCapacity: true)
        RecordFormat.serialize(record, into: &scratch)
        try output.write(scratch)
        recordsWritten += 1
    }

    public func flush() throws { try output.flush() }
}
