// Palette: colours as CSS custom properties with fallbacks, so one SVG serves light pages, dark pages and
// print. Text, axes and the reference curve follow `currentColor` (the page's text colour) unless the
// page sets a property; grid lines mix `currentColor` with transparency. Categories follow the Okabe–Ito
// hues (Okabe & Ito 2008, "Color Universal Design"), darkened where the original is too pale for a light
// page, so every series colour has at least 3:1 contrast against both page backgrounds (WCAG 1.4.11;
// checked by `Palette.contrastFindings` and the tests); colour is never the only cue — series also
// differ in dash pattern and marker shape. Quantities use viridis (van der Walt & Smith 2015, matplotlib's `_cm_listed.py`),
// perceptually uniform and monotone in lightness. Custom properties are listed in README ("## Charts").


public enum Palette {
    /// Series colours for a light page (the fallbacks of `--chart-1` … `--chart-8`): Okabe–Ito blue,
    /// vermillion and green; reddish purple, orange and yellow darkened; a violet for sky blue; slate grey.
    public static let light = ["#0072B2", "#D55E00", "#009E73", "#B8528F", "#A66F00", "#7A5CC4", "#8A7A00", "#5F6B7A"]
    /// The same hues for a dark page (the stylesheet sets them in its dark theme).
    public static let dark = ["#56B4E9", "#E69F00", "#3DD6A3", "#E6A3CC", "#F5C542", "#B9A6F2", "#F0E442", "#A0AAB5"]
    /// The page backgrounds the series colours are checked against (the site's light and dark themes).
    public static let backgrounds = (light: "#FCFCFA", dark: "#15181C")

    /// The colour of category `index` (0-based): `var(--c1)` …, short names the figure's root defines
    /// as `--c1:var(--chart-1,#0072B2)`; after eight they repeat (dash patterns and markers keep such
    /// series apart).
    static func category(_ index: Int) -> String { "var(--c\(index % 8 + 1))" }

    /// Dash pattern of series `index` (nil: solid), so series differ without colour.
    static func dash(_ index: Int) -> String? {
        [nil, "7 3", "2 2.5", "9 3 2 3", "4 4", "12 3", "2 2 6 2", "5 2 1 2"][index % 8]
    }

    /// WCAG contrast ratio of two `#RRGGBB` colours.
    static func contrast(_ a: String, _ b: String) -> Double {
        let la = luminance(rgb(a)), lb = luminance(rgb(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    static func rgb(_ hex: String) -> (r: Int, g: Int, b: Int) {
        let v = Int(hex.dropFirst(), radix: 16) ?? 0
        return (v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF)
    }

    // Elements name colours by short custom properties that the figure's root defines once from the page's
    // (`rootProperties`), so a grid of 25 panels does not repeat every fallback 25 times.
    static let text = "var(--t)"
    static let axis = "var(--a)"
    static let grid = "var(--g)"
    static let muted = "var(--m)"
    static let reference = "var(--r)"
    static let missing = "var(--x)"
    static let font = "var(--chart-font,system-ui,sans-serif)"

    /// The root's definitions: `--t:var(--chart-text,currentColor);…;--c1:var(--chart-1,#0072B2);…`.
    static let rootProperties: String = {
        var s = "--t:var(--chart-text,currentColor);--a:var(--chart-axis,currentColor)"
        s += ";--g:var(--chart-grid,color-mix(in srgb,currentColor 16%,transparent))"
        s += ";--m:var(--chart-muted,color-mix(in srgb,currentColor 70%,transparent))"
        s += ";--r:var(--chart-reference,currentColor);--x:var(--chart-missing,color-mix(in srgb,currentColor 8%,transparent))"
        for (i, c) in light.enumerated() { s += ";--c\(i + 1):var(--chart-\(i + 1),\(c))" }
        return s
    }()

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
            return s <= 0.04045 ? s / 12.92 : ChartMath.pow((s + 0.055) / 1.055, 2.4)
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
