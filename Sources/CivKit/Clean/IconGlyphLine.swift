/// A row of an icon font's glyphs as a page's first line (`✧⛶❖`: the menu, full-screen and share
/// buttons of a page's top bar, kept as text where the font was not read). Glued after the old
/// page's sure end, it begins the next page (`HeadlessPageStart`) as a title would. The glyphs are
/// symbols of the Dingbats, Miscellaneous Symbols and Technical, and Geometric Shapes blocks shown
/// as text by default: an emoji (`✨`, `✅`, `⭐`), which a post's sentence may end with, is none;
/// and the row's glyphs differ (`★★★`, `◆◆◆`, a rating or a divider, repeat one).
enum IconGlyphLine {
    /// A row holds at least this many glyphs, this many of them different.
    static let minGlyphs = 3
    /// A row's most glyphs: a page's top bar holds a few buttons.
    static let maxGlyphs = 12

    /// Whether `v` is such a glyph.
    static func isGlyph(_ v: UInt32) -> Bool {
        guard (0x2300 ... 0x23FF).contains(v) || (0x25A0 ... 0x27BF).contains(v), let scalar = Unicode.Scalar(v) else { return false }
        return !scalar.properties.isEmojiPresentation
    }

    /// Whether `p` is a row of glyphs alone (spaces between aside).
    static func isLine(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard p.count <= 4 * maxGlyphs * 2 else { return false }
        var glyphs: [UInt32] = [], i = 0
        while i < p.count {
            let (v, length) = UTF8Bytes.scalar(p, at: i)
            i += length
            if v == 0x20 || v == 0x3000 { continue }
            guard isGlyph(v), glyphs.count < maxGlyphs else { return false }
            glyphs.append(v)
        }
        return glyphs.count >= minGlyphs && Set(glyphs).count >= minGlyphs
    }
}
