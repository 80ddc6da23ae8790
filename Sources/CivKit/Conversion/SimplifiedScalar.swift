extension TraditionalToSimplified {
    /// The simplified form of one character (itself when the conversion leaves it alone, or
    /// turns it into more or less than one scalar).
    func simplified(_ c: Unicode.Scalar) -> Unicode.Scalar {
        guard changes(c) else { return c }
        var input: [UInt8] = [], output: [UInt8] = []
        input.reserveCapacity(4)
        UTF8.encode(c) { input.append($0) }
        input.withUnsafeBufferPointer { _ = convert(utf8: $0, into: &output) }
        let scalars = String(decoding: output, as: UTF8.self).unicodeScalars
        return scalars.count == 1 ? scalars.first! : c
    }
}
