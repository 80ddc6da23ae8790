/// The tables `TraditionalToSimplified` scans (its comment says how they are read): built from
/// the rules and owned by the converter, or lying in a mapped image (`ConversionImage`).
/// One list for both, so that the image and the builder cannot drift apart.
struct ConversionTables {
    let bmp: UnsafePointer<UInt32>
    let supplementaryKeys: UnsafePointer<UInt32>, supplementaryEntries: UnsafePointer<UInt32>, supplementaryCount: Int
    let pool: UnsafePointer<UInt8>, poolCount: Int
    let phrases: UnsafePointer<TraditionalToSimplified.Phrase>, phraseCount: Int
    let groups: UnsafePointer<TraditionalToSimplified.Group>, groupCount: Int
    let asciiKeys: Bool  // some rule has an ASCII key (not in ICU's table): ASCII is then looked up too
    let lengthPreserving: Bool  // every rule's value has as many scalars as its key, so that counts add up
    let maxKeyBytes: Int  // longest key in bytes, at least 4: how far a match can reach from where it starts
    let maxExpansion: Int  // most output bytes per input byte
    let ruleCount: Int  // rules read from the table
}
