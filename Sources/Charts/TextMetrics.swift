// TextMetrics: an estimate of how wide a label renders, so layout can keep labels apart and inside the
// figure without a font engine. Advance widths are DejaVu Sans's (the widest common sans-serif and the
// default on Linux; Helvetica, Arial and Segoe UI are narrower, so estimates err on the side of room),
// in thousandths of an em. Hangul and CJK ideographs are full width (1 em), as in Noto Sans CJK.

/// DejaVu Sans advance widths for U+0020…U+007E, in 1/1000 em.
private let asciiWidths: [UInt16] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775,
    752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
    337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
]

/// Width of one Unicode scalar in 1/1000 em.
private func advance(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    switch v {
    case 0x20...0x7E: return Int(asciiWidths[Int(v - 0x20)])
    case 0x2070...0x209F, 0x00B2, 0x00B3, 0x00B9: return 450          // superscripts and subscripts
    case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0  // combining marks, zero-width
    case 0x2212, 0x00D7, 0x00B1, 0x2264, 0x2265, 0x2248, 0x221E: return 838  // − × ± ≤ ≥ ≈ ∞
    case 0x2013: return 500
    case 0x2014, 0x2026: return 1000
    case 0x00B7, 0x2009: return 318
    case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF,          // Hangul
         0x2E80...0x303F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF,
         0xFF00...0xFF60, 0x20000...0x3FFFF:                          // CJK, kana, full-width forms
        return 1000
    case 0x0370...0x03FF: return 660                                  // Greek
    default: return 700                                               // other letters: a generous average
    }
}

/// The estimated rendered width of `text` at `fontSize` px; `bold` text (weight 600 and up) runs about
/// 12% wider (DejaVu Sans Bold against Book: digits 0.696 em against 0.636, letters 10–15%).
func textWidth(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
    var total = 0
    for scalar in text.unicodeScalars { total += advance(scalar) }
    return Double(total) * fontSize / 1000 * (bold ? 1.12 : 1)
}

/// Type sizes (px at the figure's natural width) shared by every chart, so figures match on a page.
enum FontSize {
    static let tick = 11.0
    static let label = 12.0
    static let title = 14.0
    static let note = 11.0
}

/// `text` shortened with "…" to fit `width` px at `fontSize`, so a long label cannot run out of its slot.
func truncated(_ text: String, toWidth width: Double, fontSize: Double, bold: Bool = false) -> String {
    if textWidth(text, fontSize: fontSize, bold: bold) <= width { return text }
    var scalars = Array(text.unicodeScalars)
    while !scalars.isEmpty {
        scalars.removeLast()
        var s = String(String.UnicodeScalarView(scalars))
        s += "…"
        if textWidth(s, fontSize: fontSize, bold: bold) <= width { return s }
    }
    return ""
}
