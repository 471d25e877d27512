// Number formatting, escaping, coordinates and text measurement: the small functions every figure's
// text goes through.
import Testing
@testable import Charts

@Suite struct NumberFormatTests {
    @Test(arguments: [
        (0, 0, 0, "0"), (5, -1, 1, "0.5"), (-5, -1, 1, "−0.5"), (10, -1, 1, "1.0"), (10, -1, 0, "1"),
        (123, -5, 0, "0.00123"), (12, 3, 0, "12000"), (0, -2, 2, "0.00"), (-7, 0, 0, "−7"), (25, -2, 3, "0.250"),
    ])
    func decimals(_ n: Int, _ exponent: Int, _ decimals: Int, _ expected: String) {
        #expect(decimalString(n, exponent: exponent, decimals: decimals) == expected)
    }

    @Test func superscriptsAndPowers() {
        #expect(superscript(-8) == "⁻⁸")
        #expect(superscript(1234567890) == "¹²³⁴⁵⁶⁷⁸⁹⁰")
        #expect(powerOfTen(0) == "10⁰")
        #expect(powerOfTen(-12) == "10⁻¹²")
    }

    @Test func decimalExponentIsExactAtPowersOfTen() {
        for k in -300...300 { #expect(decimalExponent(exactPowerOfTen(k)) == k) }
        #expect(decimalExponent(9.999999999999999) == 0)
        #expect(decimalExponent(0.00099999) == -4)
        #expect(decimalExponent(0) == 0 && decimalExponent(.nan) == 0)
    }

    @Test(arguments: [
        (0.0, "0"), (0.2, "0.2"), (0.1 + 0.2, "0.3"), (0.000412, "0.000412"), (0.98, "0.98"), (12345, "12300"),
        (-3.14159, "−3.14"), (3.2e-8, "3.2 × 10⁻⁸"), (1e-5, "10⁻⁵"), (2.5e12, "2.5 × 10¹²"), (1.11e-35, "1.11 × 10⁻³⁵"), (999.95, "1000"),
        (Double.nan, "NaN"), (Double.infinity, "∞"), (-Double.infinity, "−∞"),
    ])
    func prose(_ v: Double, _ expected: String) {
        #expect(proseNumber(v) == expected)
    }

    @Test(arguments: [
        (4.3e-5, "4.3×10⁻⁵"), (1e-5, "10⁻⁵"), (-2e7, "−2×10⁷"), (0.099, "0.099"), (0.0001, "0.0001"), (123456, "123000"),
    ])
    func onFigures(_ v: Double, _ expected: String) {
        #expect(figureNumber(v, significant: 3) == expected)
    }

    @Test func valueLabels() {
        #expect(valueLabel(0.9731, style: .percent) == "97.3%")
        #expect(valueLabel(0.1135, style: .percent) == "11.4%")
        #expect(valueLabel(0.0004, style: .percent) == "0%")
        #expect(valueLabel(2500, style: .si) == "2.5k")
        #expect(valueLabel(0.0003, style: .si) == "300µ")
        #expect(valueLabel(0.5, style: .automatic) == "0.5")
    }

    @Test func uniformDecimalsForCells() {
        let format = uniformFormatter(for: [0.11, 0.98, 0.989], style: .automatic)
        #expect([0.11, 0.98, 0.989].map(format) == ["0.110", "0.980", "0.989"])
        let percent = uniformFormatter(for: [0.1135, 0.98, 0.9893], style: .percent)
        #expect([0.1135, 0.98, 0.9893].map(percent) == ["11.4%", "98.0%", "98.9%"])
        let big = uniformFormatter(for: [120, 4500], style: .automatic)
        #expect([120, 4500].map(big) == ["120", "4500"])
    }

    @Test func groupedCounts() {
        #expect(grouped(0) == "0")
        #expect(grouped(999) == "999")
        #expect(grouped(20000) == "20,000")
        #expect(grouped(1234567) == "1,234,567")
        #expect(ChartText.english.counted(grouped(1), .value) == "1 value")
        #expect(ChartText.english.counted(grouped(20000), .value) == "20,000 values")
        #expect(ChartText.english.counted(grouped(2), .series) == "2 series")
        #expect(ChartText.english.counted(grouped(3), .nan) == "3 NaN")
    }
}

@Suite struct WriterTests {
    @Test(arguments: [
        (0.0, "0"), (1.0, "1"), (12.5, "12.5"), (-0.25, "-0.25"), (3.14159, "3.14"), (2.005, "2.01"), (0.001, "0"),
        (-0.004, "0"), (100.1, "100.1"), (0.07, "0.07"), (Double.nan, "0"), (Double.infinity, "0"),
    ])
    func coordinates(_ v: Double, _ expected: String) {
        #expect(coordinate(v) == expected)
    }

    @Test func escapingByConstruction() throws {
        #expect(escapeText("a < b & c > d \"q\"") == "a &lt; b &amp; c &gt; d \"q\"")
        #expect(escapeAttribute("a\"b\nc") == "a&quot;b&#10;c")
        #expect(escapeText("bell\u{7}nul\u{0}") == "bell\u{FFFD}nul\u{FFFD}")
        var writer = SVGWriter()
        writer.start(.svg, [("id", "x\"><script>")])
        writer.element(.text, [("x", "1")], text: "</text><script>alert(1)</script>")
        writer.end(.svg)
        let out = writer.finish()
        #expect(!out.contains("<script"))
        let root = try parse(out)
        #expect(root.attributes["id"] == "x\"><script>")
        #expect(root.all("text").first?.allText == "</text><script>alert(1)</script>")
    }

    @Test func relativePathsAddUpExactly() {
        #expect(polylinePath([(1, 2), (3.5, 2), nil, (10, 10), (10, 9.99)]) == "M1,2l2.5,0M10,10l0-.01")
        #expect(polylinePath([]) == "")
        #expect(hundredths(-5) == "-.05")
        #expect(hundredths(125) == "1.25")
    }
}

@Suite struct TextMetricsTests {
    @Test func latinWidthsFollowDejaVuSans() {
        // DejaVu Sans: digits 0.636 em, "i" 0.278 em, "W" 0.989 em.
        #expect(abs(textWidth("0123456789", fontSize: 10) - 63.6) < 1e-9)
        #expect(abs(textWidth("iW", fontSize: 1000) - 1267) < 1e-9)
        #expect(textWidth("", fontSize: 12) == 0)
    }

    @Test func hangulIsFullWidth() {
        #expect(textWidth("활성화", fontSize: 10) == 30)
        #expect(textWidth("층 1", fontSize: 10) > textWidth("L 1", fontSize: 10))
    }

    @Test func truncationFitsAndMarksItself() {
        let long = "xavier-uniform initialization of every layer"
        let short = truncated(long, toWidth: 60, fontSize: 11)
        #expect(short.hasSuffix("…"))
        #expect(textWidth(short, fontSize: 11) <= 60)
        #expect(truncated("ok", toWidth: 60, fontSize: 11) == "ok")
        #expect(truncated("초기화 방법", toWidth: 35, fontSize: 11) == "초기…")  // 11 px a syllable, 11 for "…"
    }
}

@Suite struct PaletteTests {
    @Test func viridisEndsAndMiddle() {
        #expect(Palette.hex(Palette.viridis(0)) == "#440154")
        #expect(Palette.hex(Palette.viridis(1)) == "#fde725")
        #expect(Palette.hex(Palette.viridis(0.5)) == "#21918c")
        #expect(Palette.hex(Palette.viridis(.nan)) == "#440154")
        #expect(Palette.hex(Palette.viridis(7)) == "#fde725")
    }

    @Test func viridisGetsLighterMonotonically() {
        let l = (0...100).map { Palette.luminance(Palette.viridis(Double($0) / 100)) }
        #expect(zip(l, l.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func cellLabelsContrast() {
        #expect(Palette.labelColour(on: Palette.viridis(0)) == "#fff")
        #expect(Palette.labelColour(on: Palette.viridis(1)) == "#000")
        // Whichever ink is chosen reaches WCAG AA for normal text (4.5:1) anywhere on viridis.
        for i in 0...100 {
            let c = Palette.viridis(Double(i) / 100)
            let l = Palette.luminance(c)
            let ratio = Palette.labelColour(on: c) == "#000" ? (l + 0.05) / 0.05 : 1.05 / (l + 0.05)
            #expect(ratio >= 4.5, "t = \(i)%")
        }
    }

    @Test func categoriesAreOkabeItoWithFallbacks() {
        #expect(Palette.category(0) == "var(--c1)")
        #expect(Palette.category(7) == "var(--c8)")
        #expect(Palette.rootProperties.contains(";--c1:var(--chart-1,#0072B2);"))
        #expect(Palette.rootProperties.hasSuffix(";--c8:var(--chart-8,#5F6B7A)"))
        #expect(Palette.category(8) == Palette.category(0))
    }
}
