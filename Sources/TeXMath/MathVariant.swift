// MathVariant: the alphabets of \mathbf, \mathbb, \mathcal, … as Unicode Mathematical Alphanumeric Symbols
// (Unicode block U+1D400–U+1D7FF, with the older letters of the Letterlike Symbols block filling its holes).
// MathML Core keeps only mathvariant="normal", so styled letters are written as the styled characters themselves,
// which also survive copy and paste.

enum MathVariant: Sendable {
    case normal          // \mathrm, \operatorname: upright
    case bold            // \mathbf
    case italic          // \mathit
    case boldItalic      // \boldsymbol, \bm
    case script          // \mathcal, \mathscr
    case fraktur         // \mathfrak
    case doubleStruck    // \mathbb
    case sansSerif       // \mathsf
    case monospace       // \mathtt

    /// First code points of A, a, 0, Α (capital alpha) in this alphabet; nil where Unicode has none.
    private var starts: (upper: UInt32?, lower: UInt32?, digit: UInt32?, greek: UInt32?) {
        switch self {
        case .normal: (nil, nil, nil, nil)
        case .bold: (0x1D400, 0x1D41A, 0x1D7CE, 0x1D6A8)
        case .italic: (0x1D434, 0x1D44E, nil, 0x1D6E2)
        case .boldItalic: (0x1D468, 0x1D482, 0x1D7CE, 0x1D71C)
        case .script: (0x1D49C, 0x1D4B6, nil, nil)
        case .fraktur: (0x1D504, 0x1D51E, nil, nil)
        case .doubleStruck: (0x1D538, 0x1D552, 0x1D7D8, nil)
        case .sansSerif: (0x1D5A0, 0x1D5BA, 0x1D7E2, nil)
        case .monospace: (0x1D670, 0x1D68A, 0x1D7F6, nil)
        }
    }

    /// Letters that were in Unicode before the math block and are left out of it ("holes").
    private static let holes: [MathVariantHole: UInt32] = [
        .init(.italic, "h"): 0x210E,
        .init(.script, "B"): 0x212C, .init(.script, "E"): 0x2130, .init(.script, "F"): 0x2131, .init(.script, "H"): 0x210B,
        .init(.script, "I"): 0x2110, .init(.script, "L"): 0x2112, .init(.script, "M"): 0x2133, .init(.script, "R"): 0x211B,
        .init(.script, "e"): 0x212F, .init(.script, "g"): 0x210A, .init(.script, "o"): 0x2134,
        .init(.fraktur, "C"): 0x212D, .init(.fraktur, "H"): 0x210C, .init(.fraktur, "I"): 0x2111, .init(.fraktur, "R"): 0x211C,
        .init(.fraktur, "Z"): 0x2128,
        .init(.doubleStruck, "C"): 0x2102, .init(.doubleStruck, "H"): 0x210D, .init(.doubleStruck, "N"): 0x2115,
        .init(.doubleStruck, "P"): 0x2119, .init(.doubleStruck, "Q"): 0x211A, .init(.doubleStruck, "R"): 0x211D,
        .init(.doubleStruck, "Z"): 0x2124,
    ]

    /// Greek letters after omega in the math alphabets, in block order (∂ ϵ ϑ ϰ ϕ ϱ ϖ follow ω).
    private static let greekSymbols: [UInt32] = [0x2202, 0x3F5, 0x3D1, 0x3F0, 0x3D5, 0x3F1, 0x3D6]

    /// `c` in this alphabet, or `c` itself when the alphabet has no such letter.
    func map(_ c: Unicode.Scalar) -> Unicode.Scalar {
        let v = c.value
        if let hole = Self.holes[MathVariantHole(self, c)] { return Unicode.Scalar(hole)! }
        let s = starts
        var mapped: UInt32?
        switch v {
        case 0x41...0x5A: mapped = s.upper.map { $0 + v - 0x41 }
        case 0x61...0x7A: mapped = s.lower.map { $0 + v - 0x61 }
        case 0x30...0x39: mapped = s.digit.map { $0 + v - 0x30 }
        // Capital Greek Α…Ω; the unassigned U+03A2 lands on ϴ, exactly as the math block orders them.
        case 0x391...0x3A9 where v != 0x3A2: mapped = s.greek.map { $0 + v - 0x391 }
        case 0x3B1...0x3C9: mapped = s.greek.map { $0 + 26 + v - 0x3B1 }
        case 0x2207: mapped = s.greek.map { $0 + 25 }
        default:
            if let i = Self.greekSymbols.firstIndex(of: v) { mapped = s.greek.map { $0 + 51 + UInt32(i) } }
        }
        return mapped.flatMap(Unicode.Scalar.init) ?? c
    }

    func map(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars { out.append(map(c)) }
        return String(out)
    }
}

private struct MathVariantHole: Hashable {
    let variant: MathVariant
    let letter: UInt32
    init(_ variant: MathVariant, _ letter: Unicode.Scalar) {
        self.variant = variant
        self.letter = letter.value
    }
}
