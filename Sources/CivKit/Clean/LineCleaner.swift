/// Runs the line repairs over a line's UTF-8 bytes, in their fixed order:
/// 0. invisible characters (zero-width spaces, byte-order marks) go first, so that no repair
///    decides on a neighbour that a later one removes;
/// 1. GBK desynchronisation runs read again (`嵉墓ぷ魍苿` → `的工作推`), on the text as decoded:
///    the bytes lost were the page's own (traditional or not), and a run ends at ASCII, so an
///    annotation is never inside one; then pinyin annotations, so ICU's phrase rules see `甚麼`, not `甚(shén)麼`;
/// 2. Traditional→Simplified (traditional lines only), then the simplified characters that
///    pinyin annotations kept for it choose;
/// 3. lost characters (`日?qǐng)?bào)` → `日报`), judged against simplified neighbours and while
///    their `?` and `)` are still ASCII; 4. spurious commas (`,、` → `、`); 5. punctuation back
///    to full width; 6. white space.
///
/// Each repair is one pass that first scans for work and copies nothing when it has none, so a
/// clean line costs a few scans. Steps 3–6 are the settling group: each only removes
/// characters or widens marks, and each decides on the result of the ones before it, so one
/// round settles the line — with two exceptions: a comma removed later can complete a
/// lost-character fragment (`?qǐng,)`), and a mark widened later can put a comma into Chinese
/// context (`乡(,)` → `乡（，）`). Only then does the group run again (bounded), so
/// cleaning a clean line changes nothing (the idempotence tests check this exhaustively on
/// short strings and by property on long ones).
public final class LineCleaner: Sendable {
    public let invisible = WhitespaceNormalization()
    /// Knows the commas that widened marks beside them make spurious (`乡(,)` → `乡（，）`).
    let commas = SpuriousCommaRemoval()
    public let repairs: [any LineRepair]
    /// Run after `repairs`, as a group, again only while a fragment may remain.
    public let settlingRepairs: [any LineRepair]
    /// A bound on the rounds, far above what any line needs (each round that changes something
    /// removes or widens at least one mark).
    static let maxSettlingRounds = 8

    /// `repairs` and `settlingRepairs`, each boxed; they keep the boxes alive.
    private let boxes: [LineRepairBox]
    private let settlingBoxes: [LineRepairBox]
    /// The same boxes unretained, called in the loop: taking a class reference out of an array
    /// retains and releases it, eight times a line; `boxes` outlive every call.
    private let runners: [Unmanaged<LineRepairBox>]
    private let settlingRunners: [Unmanaged<LineRepairBox>]

    public init(repairs: [any LineRepair], settlingRepairs: [any LineRepair] = []) {
        self.repairs = repairs
        self.settlingRepairs = settlingRepairs
        boxes = repairs.map(LineRepairBox.init)
        settlingBoxes = settlingRepairs.map(LineRepairBox.init)
        runners = boxes.map(Unmanaged.passUnretained)
        settlingRunners = settlingBoxes.map(Unmanaged.passUnretained)
    }

    /// The standard civ-clean sequence. `icuExact`: ICU's conversion alone, on every line, as
    /// before the conversion exceptions, the simplified-text detection, the pinyin choices and the
    /// GBK desynchronisation repair.
    public static func standard(icuExact: Bool = false) throws -> LineCleaner {
        let converter = try TraditionalToSimplified(icuExact: icuExact)
        let conversion: [any LineRepair]
        if icuExact {
            conversion = [
                PinyinAnnotationRemoval(isTraditional: converter.changes),
                TraditionalConversion(converter: converter),
            ]
        } else {
            let choices = PinyinChoice()
            let desync = GBKDesyncRepair(converter: converter)
            conversion = [
                LostCharacterTrace(desync: desync),
                desync,
                PinyinAnnotationRemoval(isTraditional: converter.changes, keepingChoicesOf: choices),
                TraditionalConversion(converter: converter, detection: ScriptDetection()),
                choices,
            ]
        }
        return LineCleaner(repairs: conversion, settlingRepairs: [
            LostCharacterRepair(converter: icuExact ? nil : converter),
            SpuriousCommaRemoval(),
            PunctuationNormalization(),
            WhitespaceNormalization(),
        ])
    }

    /// Cleans `line` in place. `spare` is scratch space the caller keeps between lines, so that
    /// a changed line costs no allocation.
    public func clean(_ line: inout [UInt8], spare: inout [UInt8], counters: inout Counters) {
        var memory = CleaningMemory()
        clean(&line, spare: &spare, counters: &counters, memory: &memory)
    }

    /// `memory`: what the stream's earlier lines taught (the page's lost characters, the script
    /// of the line before), which this line adds to.
    /// `mayHaveInvisible`: false when the decoder saw no zero-width space or byte-order mark in
    /// the line (`TextDecoder.decodeLineToUTF8`): they are not searched for again.
    public func clean(_ line: inout [UInt8], spare: inout [UInt8], counters: inout Counters, memory: inout CleaningMemory,
                      mayHaveInvisible: Bool = true) {
        // No repair changes an empty line, and a third of the lines of crawled pages are empty
        // (`make-corpus damaged`: 4,533 of 14,995): they skip the ten calls.
        guard !line.isEmpty else { return }
        var isGiven = true
        if mayHaveInvisible, line.withUnsafeBufferPointer({ invisible.removeInvisible($0, into: &spare, counters: &counters) }) {
            Self.takeRepaired(&line, from: &spare, isGiven: &isGiven)
        }
        // Through their boxes (`LineRepairBox`): a class reference is only borrowed here.
        runners.withUnsafeBufferPointer { runners in
            for r in runners.indices {
                _ = runners[r]._withUnsafeGuaranteedRef { $0.run(on: &line, spare: &spare, isGiven: &isGiven, counters: &counters, memory: &memory) }
            }
        }
        settlingRunners.withUnsafeBufferPointer { settling in
            for _ in 0 ..< Self.maxSettlingRounds {
                var changed = false
                for r in settling.indices {
                    if settling[r]._withUnsafeGuaranteedRef({ $0.run(on: &line, spare: &spare, isGiven: &isGiven, counters: &counters, memory: &memory) }) {
                        changed = true
                    }
                }
                guard changed, line.withUnsafeBufferPointer({ LostCharacterRepair.mayHaveFragment($0) || commas.hasSpuriousComma($0) }) else { break }
            }
        }
    }

    /// Makes the repaired line in `spare` the line. The buffers repairs write into rotate (the
    /// line's old one becomes `spare`), keeping their capacities — except the line as given
    /// (`isGiven`), which `spare` never takes: it may share its buffer with the raw line the caller
    /// keeps (`CleanStage`'s recent lines), and the next repair writing into a shared buffer
    /// would allocate one (removing all, keeping capacity) and then often grow it; an empty
    /// `spare` makes that repair reserve once what it needs.
    @inline(__always)
    static func takeRepaired(_ line: inout [UInt8], from spare: inout [UInt8], isGiven: inout Bool) {
        swap(&line, &spare)
        if isGiven {
            spare = []
            isGiven = false
        }
    }

    public func clean(_ line: String, counters: inout Counters) -> String {
        var bytes = Array(line.utf8), spare: [UInt8] = []
        clean(&bytes, spare: &spare, counters: &counters)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Cleans without counting (used to map split points back to raw offsets).
    public func clean(_ line: String) -> String {
        var scratch = Counters()
        return clean(line, counters: &scratch)
    }
}

/// A line repair behind a class reference: the cleaner calls its repairs through these, since
/// calling one through an existential held in an array copied it (retaining its tables) every
/// time, about nine times a line; a class's constant property is borrowed in place.
final class LineRepairBox: Sendable {
    let repair: any LineRepair
    init(_ repair: any LineRepair) { self.repair = repair }

    /// The repair on `line`, which the repaired line replaces when there is one
    /// (`LineCleaner.takeRepaired`).
    @inline(__always)
    func run(on line: inout [UInt8], spare: inout [UInt8], isGiven: inout Bool, counters: inout Counters, memory: inout CleaningMemory) -> Bool {
        let changed = line.withUnsafeBufferPointer { repair.repair($0, into: &spare, counters: &counters, memory: &memory) }
        if changed { LineCleaner.takeRepaired(&line, from: &spare, isGiven: &isGiven) }
        return changed
    }
}
