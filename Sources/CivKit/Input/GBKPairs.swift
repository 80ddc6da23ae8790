import CICU

/// GBK's two-byte characters both ways: GB18030's two-byte area as ICU decodes it, the
/// user-defined areas (rows AA–AF, F8–FE, A1–A7's low half) as their private-use characters: a
/// desynchronised run read by ICU, a browser or Windows' code page 936 shows them, one per pair
/// of bytes (the commonest odd characters of such a run: a second byte AA–AF or F8–FE before a
/// first byte). What `GBKDesyncRepair` reads a run again with.
///
/// Built from ICU on first use (24,000 pairs, a few milliseconds): only a line with a suspect run
/// needs it.
final class GBKPairs: Sendable {
    static let shared = GBKPairs()

    static let trailCount = 191
    /// `decoded[(lead - 0x81) * 191 + (trail - 0x40)]`: the character, 0 for none.
    private let decoded: [UInt16]
    /// Per BMP scalar, `lead << 8 | trail`, 0 when GBK has no two-byte form for it.
    private let encoded: [UInt16]
    /// The characters of each first byte (index lead - 0x81) and of each second byte (index
    /// trail - 0x40), listed once: the repairs ask for them at every candidate half, and listing
    /// them from the table cost more than choosing among them.
    private let byLead: [[Unicode.Scalar]], byTrail: [[Unicode.Scalar]]

    private init() {
        var table = [UInt16](repeating: 0, count: 126 * Self.trailCount)
        if civ_gbk_pair_table(&table) != 0 { table = [UInt16](repeating: 0, count: 126 * Self.trailCount) }
        var encoded = [UInt16](repeating: 0, count: 0x10000)
        for lead in 0 ..< 126 {
            for trail in 0 ..< Self.trailCount {
                let c = Int(table[lead * Self.trailCount + trail])
                if c != 0, encoded[c] == 0 { encoded[c] = UInt16(lead + 0x81) << 8 | UInt16(trail + 0x40) }
            }
        }
        decoded = table
        self.encoded = encoded
        // (Each list written in place: appended one by one, the 317 lists grew 2,000 times, a
        // fifth of the making of the table.)
        byLead = (0 ..< 126).map { lead in Self.listed(table, cells: Self.trailCount) { lead * Self.trailCount + $0 } }
        byTrail = (0 ..< Self.trailCount).map { trail in Self.listed(table, cells: 126) { $0 * Self.trailCount + trail } }
    }

    /// The characters of `table`'s cells `cell(0)`, `cell(1)` … `cell(cells - 1)`, in that order.
    private static func listed(_ table: [UInt16], cells: Int, _ cell: (Int) -> Int) -> [Unicode.Scalar] {
        [Unicode.Scalar](unsafeUninitializedCapacity: cells) { out, count in
            count = 0
            for k in 0 ..< cells {
                let c = table[cell(k)]
                guard c != 0, let scalar = Unicode.Scalar(c) else { continue }
                out.initializeElement(at: count, to: scalar)
                count += 1
            }
        }
    }

    /// The characters `bytes` spell read in pairs from `start` (a last byte alone is left
    /// over), nil where a pair spells none: a desynchronised run read again.
    func characters(pairsOf bytes: [UInt8], from start: Int) -> [Unicode.Scalar]? {
        var out: [Unicode.Scalar] = []
        var k = start
        while k + 1 < bytes.count {
            guard let c = character(lead: bytes[k], trail: bytes[k + 1]) else { return nil }
            out.append(c)
            k += 2
        }
        return out
    }

    /// The character the pair decodes to, nil for none.
    @inline(__always)
    func character(lead: UInt8, trail: UInt8) -> Unicode.Scalar? {
        guard lead >= 0x81, lead <= 0xFE, trail >= 0x40, trail <= 0xFE else { return nil }
        let c = decoded[Int(lead - 0x81) * Self.trailCount + Int(trail - 0x40)]
        return c == 0 ? nil : Unicode.Scalar(c)
    }

    /// The character's two GBK bytes, nil when it has none (ASCII, characters outside GBK).
    @inline(__always)
    func bytes(of c: Unicode.Scalar) -> (lead: UInt8, trail: UInt8)? {
        guard c.value < 0x10000 else { return nil }
        let e = encoded[Int(c.value)]
        return e == 0 ? nil : (UInt8(e >> 8), UInt8(e & 0xFF))
    }

    /// The characters whose first byte is `lead`.
    func characters(lead: UInt8) -> [Unicode.Scalar] {
        lead >= 0x81 && lead <= 0xFE ? byLead[Int(lead - 0x81)] : []
    }

    /// The characters whose second byte is `trail`.
    func characters(trail: UInt8) -> [Unicode.Scalar] {
        trail >= 0x40 && trail <= 0xFE ? byTrail[Int(trail - 0x40)] : []
    }
}
