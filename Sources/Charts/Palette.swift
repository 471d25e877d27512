// Palette: colours as CSS custom properties with fallbacks, so one SVG serves light pages, dark pages and
// print. Text, axes and the reference curve follow `currentColor` (the page's text colour) unless the
// page sets a property; grid lines mix `currentColor` with transparency. Categories use the Okabe–Ito
// palette (Okabe & Ito 2008, "Color Universal Design"), readable with every common colour-vision
// deficiency; quantities use viridis (van der Walt & Smith 2015, matplotlib's `_cm_listed.py`),
// perceptually uniform and monotone in lightness. Custom properties are listed in README ("## Charts").

import Foundation

enum Palette {
    /// The Okabe–Ito colours in drawing order (black, their eighth, is replaced by `currentColor`).
    static let okabeIto = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"]

    /// The colour of category `index` (0-based): `var(--chart-1, #0072B2)` …; the eighth is the text
    /// colour, and after that the colours repeat (callers add dash patterns to keep series apart).
    static func category(_ index: Int) -> String {
        let i = index % 8
        return i == 7 ? "var(--chart-8,currentColor)" : "var(--chart-\(i + 1),\(okabeIto[i]))"
    }

    static let text = "var(--chart-text,currentColor)"
    static let axis = "var(--chart-axis,currentColor)"
    static let grid = "var(--chart-grid,color-mix(in srgb,currentColor 16%,transparent))"
    static let muted = "var(--chart-muted,color-mix(in srgb,currentColor 70%,transparent))"
    static let reference = "var(--chart-reference,currentColor)"
    static let missing = "var(--chart-missing,color-mix(in srgb,currentColor 8%,transparent))"
    static let font = "var(--chart-font,system-ui,sans-serif)"

    /// viridis sampled at 33 evenly spaced points (matplotlib's table, rounded to 8-bit sRGB).
    static let viridis: [UInt32] = [
        0x440154, 0x470D60, 0x48186A, 0x482374, 0x472D7B, 0x453781, 0x424086, 0x3E4989, 0x3B528B, 0x375B8D,
        0x33638D, 0x2F6B8E, 0x2C728E, 0x297A8E, 0x26828E, 0x23898E, 0x21918C, 0x1F988B, 0x1FA088, 0x22A785,
        0x28AE80, 0x32B67A, 0x3FBC73, 0x4EC36B, 0x5EC962, 0x70CF57, 0x84D44B, 0x98D83E, 0xADDC30, 0xC2DF23,
        0xD8E219, 0xECE51B, 0xFDE725,
    ]

    /// viridis at `t` in 0…1 (clamped), interpolated linearly between samples, as 8-bit RGB.
    static func viridis(_ t: Double) -> (r: Int, g: Int, b: Int) {
        let x = min(1, max(0, t.isFinite ? t : 0)) * Double(viridis.count - 1)
        let i = min(viridis.count - 2, Int(x))
        let f = x - Double(i)
        func channel(_ shift: UInt32) -> Int {
            let a = Double((viridis[i] >> shift) & 0xFF), b = Double((viridis[i + 1] >> shift) & 0xFF)
            return Int((a + (b - a) * f).rounded())
        }
        return (channel(16), channel(8), channel(0))
    }

    static func hex(_ c: (r: Int, g: Int, b: Int)) -> String {
        let digits = Array("0123456789abcdef")
        var s = "#"
        for v in [c.r, c.g, c.b] { s.append(digits[v >> 4]); s.append(digits[v & 15]) }
        return s
    }

    /// WCAG 2 relative luminance of an sRGB colour.
    static func luminance(_ c: (r: Int, g: Int, b: Int)) -> Double {
        func linear(_ v: Int) -> Double {
            let s = Double(v) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b)
    }

    /// Black or white, whichever contrasts more with `background` (WCAG contrast ratio).
    static func labelColour(on background: (r: Int, g: Int, b: Int)) -> String {
        let l = luminance(background)
        let againstBlack = (l + 0.05) / 0.05, againstWhite = 1.05 / (l + 0.05)
        return againstBlack >= againstWhite ? "#000" : "#fff"
    }
}
