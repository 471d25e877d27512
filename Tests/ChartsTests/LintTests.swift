// The figure check: every chart type, in its desktop and its phone layout, passes the layout checker
// (labelled tick counts, tick labels that carry their magnitude, no text overlap, nothing outside the
// view box, series colours ≥ 3:1 on both backgrounds), and the lint reports each problem it promises to.
import Foundation
import Testing
@testable import Charts

/// A seeded normal sample (Box–Muller over SplitMix64), so the data is the same everywhere.
func normals(_ n: Int, seed: UInt64, sd: Double = 1) -> [Double] {
    var state = seed
    func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
    }
    return (0..<n).map { _ in (-2 * log(1 - next())).squareRoot() * cos(2 * .pi * next()) * sd }
}

@Suite struct FigureLintTests {
    /// ReLU-like activations whose scale grows by `gain` per layer: half exact zeros, a heavy right tail.
    static func reluLayers(gain: Double, seed: UInt64) -> [[Float]] {
        (0..<5).map { l in normals(2000, seed: seed + UInt64(l)).map { Float(max(0, $0) * pow(gain, Double(l))) } }
    }

    static let catalogue: [(String, any Chart)] = {
        let layers = (1...5).map(Double.init)
        func tanhPanel(_ r: Int, _ c: Int) -> Histogram {
            let values: [Double] = normals(1000, seed: UInt64(10 * r + c), sd: 0.6 / Double(r + 1)).map { v in Swift.min(1.0, Swift.max(-1.0, v)) }
            return Histogram(values: values, bins: 30, range: -1...1)
        }
        let tanh: [[Histogram]] = (0..<3).map { r in (0..<5).map { c in tanhPanel(r, c) } }
        let heavy = [reluLayers(gain: 3, seed: 1), reluLayers(gain: 100, seed: 9)].map { HistogramPolicy(bins: 30).histograms($0) }
        return [
            ("histogram", HistogramChart(title: "Weights", histogram: Histogram(values: normals(5000, seed: 3, sd: 0.1), bins: 30, range: -0.4...0.4),
                                         x: Axis("weight"), measure: .density)),
            ("tanh grid", SmallMultiples(title: "tanh activations", rows: ["a", "b", "c"], columns: (1...5).map { "layer \($0)" },
                                         histograms: tanh, x: Axis("activation", range: -1...1))),
            ("heavy-tailed ReLU grid", SmallMultiples(title: "ReLU, large weights", rows: ["N(0, 1)", "N(0, 10²)"], columns: (1...5).map { "layer \($0)" },
                                                      histograms: heavy, x: Axis("activation"))),
            ("line, log, zeros", LineChart(title: "Gradient spread", x: Axis("layer"), y: Axis("standard deviation", scale: .log),
                                           series: [.init("∂L/∂a", x: layers, y: [0, 0, 0, 0, 0.03], markers: true),
                                                    .init("∂L/∂W", x: layers, y: [0, 0, 0, 0.001, 0.02], markers: true)])),
            ("line, coinciding", LineChart(title: "Distinct units", x: Axis("step"), y: Axis("distinct units"),
                                           series: [.init("zeros", x: layers, y: [1, 1, 1, 1, 1]), .init("constant", x: layers, y: [1, 1, 1, 1, 1]),
                                                    .init("random", x: layers, y: [64, 64, 64, 64, 64])])),
            ("line, huge values", LineChart(title: "Spread", x: Axis("layer"), y: Axis("σ"),
                                            series: [.init("σ = 10", x: layers, y: layers.map { pow(10, 2 * $0) })])),
            ("heatmap", Heatmap(title: "Accuracy", rows: ["zeros", "N(0, 0.01²)", "Xavier", "He"], columns: ["zeros", "N(0, 0.01²)", "Xavier", "He"],
                                values: [[0.11, 0.11, 0.11, 0.11], [0.11, 0.96, 0.97, 0.973], [0.11, 0.979, 0.987, 0.987], [0.11, 0.98, 0.988, 0.989]],
                                rowTitle: "conv init", columnTitle: "FC init", value: Axis("accuracy", numberStyle: .percent))),
            ("bars", BarChart(title: "Final loss", categories: ["tanh", "ReLU", "GELU"], categoryTitle: "activation", y: Axis("loss"),
                              series: [.init("Xavier", values: [0.31, 0.42, 0.38]), .init("He", values: [0.35, 0.28, 0.27])])),
        ]
    }()

    @Test(arguments: catalogue.indices)
    func everyChartTypePassesTheFigureCheck(_ i: Int) throws {
        let (name, chart) = Self.catalogue[i]
        #expect(chart.lint() == [], "\(name)")
        for (layout, drawn) in [("desktop", chart.drawing(idPrefix: "l")), ("phone", chart.phoneLayout.drawing(idPrefix: "l"))] {
            try expectTextFits(drawn.svg)
            try expectAccessible(drawn.svg, prefix: "l")
            try expectLabelsCarryMagnitude(drawn.svg, "\(name), \(layout)")
        }
    }

    /// Tick labels name their magnitude: a figure whose data reaches 10⁶ or more shows a power of ten
    /// somewhere among its labels (in a label or an axis title), never bare 0, 1, 2.
    func expectLabelsCarryMagnitude(_ svg: String, _ name: String) throws {
        guard name.contains("heavy") || name.contains("huge") else { return }
        let labels = texts(try parse(svg))
        #expect(labels.contains { $0.contains("×10") || $0.contains("10⁸") || $0.contains("10¹") }, "\(name): \(labels)")
    }

    @Test func phoneLayoutsAreNarrowAndReflowSmallMultiples() throws {
        let grid = Self.catalogue[1].1 as! SmallMultiples
        let phone = grid.phoneLayout
        #expect(phone.width == phoneWidth && phone.columnsPerLine == 3)
        let root = try parse(phone.svg(idPrefix: "p"))
        #expect(viewBox(root).0 == phoneWidth)
        // Every column label is drawn once per row on a wrapped grid.
        #expect(texts(root).filter { $0 == "layer 4" }.count == 3)
        // Phone text stays ≥ 10 px at the figure's natural size.
        #expect(placedTexts(root).allSatisfy { $0.fontSize >= 10 })
        let both = grid.responsiveSVG(idPrefix: "r")
        #expect(both.hasPrefix("<svg class=\"chart-wide\" ") && both.contains("<svg class=\"chart-narrow\" "))
        #expect(both.contains("id=\"rn-title\""))
    }

    @Test func aFiveByFiveGridStaysSmall() {
        let grid = SmallMultiples(title: "tanh", rows: (1...5).map { "init \($0)" }, columns: (1...5).map { "layer \($0)" },
                                  histograms: (0..<5).map { r in (0..<5).map { c in
                                      Histogram(values: normals(1000, seed: UInt64(5 * r + c), sd: 0.5), bins: 30, range: -1...1) } },
                                  x: Axis("activation", range: -1...1))
        #expect(grid.responsiveSVG(idPrefix: "s").utf8.count <= 40_000)
    }

    @Test func paletteHasContrastOnBothBackgrounds() {
        #expect(Palette.contrastFindings() == [])
        for c in Palette.light { #expect(Palette.contrast(c, Palette.backgrounds.light) >= 3, "\(c)") }
        for c in Palette.dark { #expect(Palette.contrast(c, Palette.backgrounds.dark) >= 3, "\(c)") }
        // The lint catches a pale colour: Okabe–Ito yellow on white is 1.3:1.
        #expect(Palette.contrastFindings(light: ["#F0E442"], dark: []).map(\.kind) == [.lowContrast])
        // Contrast itself follows WCAG: black on white is 21:1.
        #expect(abs(Palette.contrast("#000000", "#FFFFFF") - 21) < 1e-9)
    }

    @Test func seriesDifferWithoutColour() throws {
        let dashes = (0..<8).map { Palette.dash($0) }
        #expect(Set(dashes.map { $0 ?? "solid" }).count == 8)
        let chart = Self.catalogue[4].1 as! LineChart
        #expect(chart.coincidingGroups() == [[0, 1]])
        let root = try parse(chart.svg(idPrefix: "c"))
        #expect(texts(root).contains("zeros and constant coincide"))
        #expect(texts(root).contains("random"))
        #expect(chart.summary.contains("zeros and constant coincide."))
    }

    @Test func lintFindsCrowdedPanelsAndFewTicks() {
        // One panel squeezed into a spike by a shared range: 1000 values within ±0.001 on −1…1.
        let spike = Histogram(values: normals(1000, seed: 4, sd: 0.0005), bins: 30, range: -1...1)
        let grid = SmallMultiples(title: "", rows: ["tiny"], columns: ["layer 1"], histograms: [[spike]], x: Axis("a", range: -1...1))
        #expect(grid.lint().contains { $0.kind == .crowdedBins && $0.message.contains("tiny, layer 1") })
        // The automatic policy gives that panel its own range instead.
        let wide = normals(1000, seed: 5).map(Float.init), narrow = normals(1000, seed: 6, sd: 1e-4).map(Float.init)
        let auto = HistogramPolicy(bins: 30).histograms([wide, narrow])
        #expect(auto[0].range != auto[1].range && !auto.contains(where: crowded))
        #expect(HistogramPolicy(bins: 30, range: .shared).histograms([wide, narrow]).contains(where: crowded))
        // A short axis with one labelled tick.
        let flat = LineChart(title: "", x: Axis("x", range: 0...1e-9), y: Axis("y"), series: [.init("s", x: [0, 1e-9], y: [1, 2])], width: 90, height: 120)
        #expect(flat.lint().contains { $0.kind == .fewTicks } || flat.lint().contains { $0.kind == .textOverlap || $0.kind == .textOutside })
    }

    @Test func lintFindsOverlappingAndEscapingText() {
        let boxes = [TextBox(text: "a", left: 0, right: 20, top: 0, bottom: 10), TextBox(text: "b", left: 10, right: 30, top: 2, bottom: 12),
                     TextBox(text: "c", left: 95, right: 120, top: 20, bottom: 30)]
        let found = textFindings(boxes, width: 100, height: 50)
        #expect(found.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.textOutside, .textOverlap])
        #expect(textFindings(Array(boxes.prefix(1)), width: 100, height: 50) == [])
    }

    @Test func pointMassIsDrawnApartAndLabelled() throws {
        let values = normals(1000, seed: 8).map { Float(max(0, $0)) }   // about half exactly 0
        let h = try #require(HistogramPolicy(bins: 20).histograms([values]).first)
        let zeros = values.filter { $0 == 0 }.count
        #expect(h.pointMass == Histogram.PointMass(value: 0, count: zeros))
        #expect(h.binned + zeros == 1000 && h.finiteCount == 1000)
        let grid = SmallMultiples(title: "", rows: ["ReLU"], columns: ["layer 1"], histograms: [[h]], x: Axis("a"))
        let share = percentLabel(Double(zeros) / 1000)
        #expect(texts(try parse(grid.svg(idPrefix: "m"))).contains("\(share) = 0"))
        #expect(grid.summary.contains("Values exactly 0: \(share)"))
    }

    @Test func chartMathIsOurOwnAndAccurate() {
        for x in [1e-300, 1e-8, 0.3, 1, 2, 10, 12345.678, 1e300] {
            #expect(abs(ChartMath.log10(x) - log10(x)) <= 4e-16 * max(1, abs(log10(x))), "log10 \(x)")
            #expect(abs(ChartMath.exp10(log10(x)) / x - 1) < 1e-13, "exp10 \(x)")
        }
        #expect(ChartMath.log10(1000) == 3 || abs(ChartMath.log10(1000) - 3) < 1e-15)
        #expect(ChartMath.log(0) == -.infinity && ChartMath.log(-1).isNaN)
        #expect(abs(ChartMath.pow(0.5, 2.4) - pow(0.5, 2.4)) < 1e-15)
    }
}
