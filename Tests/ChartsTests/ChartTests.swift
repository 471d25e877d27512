// Structural tests: each chart kind is parsed as XML and checked for what a reader sees — the number of
// bars, the tick labels, the notes about undrawable data, the accessible name and description — and for
// the layout promises (text inside the figure, no overlapping labels, ids under the caller's prefix).
import Foundation
import Testing
@testable import Charts

/// The d attribute of every path whose style contains `marker`.
func paths(_ root: Node, style marker: String) -> [String] {
    root.all("path").filter { $0.attributes["style"]?.contains(marker) ?? false }.compactMap { $0.attributes["d"] }
}

@Suite struct HistogramChartTests {
    let values: [Double] = (0..<1000).map { i in sin(Double(i) * 1.7) * 0.8 }

    @Test func oneBarPerNonEmptyBin() throws {
        let h = Histogram(values: values, bins: 30, range: -1...1)
        let svg = HistogramChart(title: "Sines", histogram: h, x: Axis("value")).svg(idPrefix: "t1")
        let root = try parse(svg)
        let bars = paths(root, style: "fill-opacity:.85")
        #expect(bars.count == 1)
        #expect(subpaths(bars[0]) == h.counts.filter { $0 > 0 }.count)
        #expect(h.counts.reduce(0, +) == 1000)
        try expectAccessible(svg, prefix: "t1")
        try expectTextFits(svg)
    }

    @Test func binningFollowsNumpy() {
        // numpy.histogram([0, 0.5, 1, 1, 2], bins=2, range=(0, 2)) → [2, 3]: the last bin includes its edge.
        #expect(Histogram(values: [0, 0.5, 1, 1, 2], bins: 2, range: 0...2).counts == [2, 3])
        let h = Histogram(values: [-1, 0.25, 3], bins: 4, range: 0...1)
        #expect(h.counts == [0, 1, 0, 0] && h.below == 1 && h.above == 1)
        let stats = Histogram(values: [1.0, 2, 3, 4])
        #expect(stats.mean == 2.5)
        #expect(abs(stats.standardDeviation! - 1.118033988749895) < 1e-12)  // population σ of 1…4 = √1.25
        #expect(Histogram(values: [Float(1), 2]).mean == 1.5)
    }

    @Test func ticksAndLabelsOfASymmetricRange() throws {
        let svg = HistogramChart(title: "", histogram: Histogram(values: values, bins: 30, range: -1...1), x: Axis("activation")).svg(idPrefix: "t")
        let labels = texts(try parse(svg))
        for expected in ["−1.0", "0.0", "1.0", "activation", "share of values"] {
            #expect(labels.contains(expected), "missing \(expected) in \(labels)")
        }
        #expect(!labels.contains { $0.contains("0000000") })
    }

    @Test func nonFiniteValuesAreCountedNotDrawn() throws {
        let h = Histogram(values: [0.1, 0.2, .nan, .nan, .infinity, -.infinity, 7], bins: 10, range: 0...1)
        #expect(h.nan == 2 && h.positiveInfinity == 1 && h.negativeInfinity == 1 && h.above == 1)
        let chart = HistogramChart(title: "t", histogram: h, x: Axis("x"))
        let svg = chart.svg(idPrefix: "nf")
        let root = try parse(svg)
        #expect(texts(root).contains("Not drawn: 2 NaN, 1 +∞, 1 −∞, 1 value outside 0…1"))
        #expect(chart.summary.contains("Not drawn: 2 NaN"))
        try expectAccessible(svg, prefix: "nf")
    }

    @Test(arguments: [[Double](), [0.3], [Double](repeating: 42, count: 100), [Double.nan], [1e300, -1e300], [Double.leastNonzeroMagnitude, 2 * Double.leastNonzeroMagnitude]])
    func survivesDegenerateData(_ data: [Double]) throws {
        for measure in [HistogramMeasure.count, .fraction, .density] {
            for scale in [AxisScale.linear, .log] {
                let chart = HistogramChart(title: "edge", histogram: Histogram(values: data, bins: 30), x: Axis("x"),
                                           y: Axis(scale: scale), measure: measure)
                let svg = chart.svg(idPrefix: "e")
                try expectAccessible(svg, prefix: "e")
                try expectTextFits(svg)
            }
        }
        let empty = HistogramChart(title: "", histogram: Histogram(values: [Double]()), x: Axis("x")).svg(idPrefix: "e")
        #expect(texts(try parse(empty)).contains("No data"))
    }

    @Test func countAxesHaveWholeNumberTicks() throws {
        let svg = HistogramChart(title: "", histogram: Histogram(values: [0.3]), x: Axis("x"), measure: .count).svg(idPrefix: "c")
        let yLabels = placedTexts(try parse(svg)).filter { $0.anchor == "end" }.map(\.text)
        #expect(yLabels == ["0", "1"])
    }

    @Test func densityCurveIsDrawnAndDescribed() throws {
        let curve = Curve.sampling("N(0, 1) density", over: -3...3, count: 61) { x in exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
        #expect(curve.x.count == 61 && curve.x.first == -3 && curve.x.last == 3)
        let h = Histogram(values: values, bins: 20, range: -3...3, density: curve)
        let chart = HistogramChart(title: "", histogram: h, x: Axis("x"), measure: .density, style: .steps)
        let root = try parse(chart.svg(idPrefix: "d"))
        #expect(root.all("path").contains { $0.attributes["stroke-dasharray"] == "4 2" && ($0.attributes["d"] ?? "").count > 100 })
        #expect(texts(root).contains("N(0, 1) density"))
        #expect(chart.summary.contains("The curve shows N(0, 1) density."))
    }

    @Test func densityCurveFollowsTheMeasure() throws {
        // A uniform pdf of 0.5 on −1…1 over 1000 values in 10 bins (width 0.2) is 100 per bin as counts, 10% as fractions.
        let values = (0..<1000).map { -1 + (Double($0) + 0.5) / 500 }
        let pdf = Curve("U(−1, 1)", x: [-1, 1], y: [0.5, 0.5])
        for (measure, level) in [(HistogramMeasure.count, 100.0), (.fraction, 0.1), (.density, 0.5)] {
            let h = Histogram(values: values, bins: 10, range: -1...1, density: pdf)
            #expect(h.counts == Array(repeating: 100, count: 10))
            let root = try parse(HistogramChart(title: "", histogram: h, x: Axis("x"), measure: measure).svg(idPrefix: "m"))
            let curve = try #require(root.all("path").first { $0.attributes["stroke-dasharray"] == "4 2" && ($0.attributes["d"] ?? "").hasPrefix("M") && !($0.attributes["d"] ?? "").contains("h18") })
            let bars = try #require(paths(root, style: "fill-opacity:.85").first)
            // The flat curve sits exactly on the flat bars' tops: same y in both paths.
            let barTop = bars.split(separator: "V")[1].split(separator: "h")[0]
            let curveY = (curve.attributes["d"] ?? "").split(separator: ",")[1].prefix { $0 != "l" }
            #expect(String(barTop) == String(curveY), "\(measure): bars at \(barTop), curve at \(curveY), level \(level)")
        }
    }

    @Test func summaryStatesTheData() {
        let flat = Histogram(values: [1.0, 2, 3, 4], bins: 4, range: 1...4)
        #expect(HistogramChart(title: "", histogram: flat, x: Axis("weight")).summary
                == "Histogram of weight: 4 values in 4 bins from 1 to 4, mean 2.5, standard deviation 1.12.")
        let peaked = Histogram(values: [1.0, 2, 3, 4, 4, 4], bins: 4, range: 1...4)
        #expect(HistogramChart(title: "", histogram: peaked, x: Axis()).summary
                == "Histogram: 6 values in 4 bins from 1 to 4, mean 3, standard deviation 1.15. The fullest bin, 3.25 to 4, holds 50% of them.")
    }
}

@Suite struct SmallMultiplesTests {
    func grid(rows: Int, columns: Int, bins: Int = 30, seed: Double = 1) -> SmallMultiples {
        let histograms = (0..<rows).map { r in (0..<columns).map { c in
            Histogram(values: (0..<2000).map { i in tanh(sin(Double(i) * 0.37 + seed) * Double(r + 1) / Double(c + 1)) }, bins: bins, range: -1...1)
        } }
        return SmallMultiples(title: "tanh activations", rows: (0..<rows).map { "init \($0)" }, columns: (0..<columns).map { "layer \($0 + 1)" },
                              histograms: histograms, x: Axis("activation", range: -1...1))
    }

    @Test func fiveByFiveUnderFortyKilobytes() throws {
        let chart = grid(rows: 5, columns: 5)
        let both = chart.responsiveSVG(idPrefix: "sm")
        #expect(both.utf8.count < 40_000, "\(both.utf8.count) bytes for the desktop and the phone layout")
        let svg = chart.svg(idPrefix: "sm")
        let root = try parse(svg)
        // One path of bars per row; touching bars are one outline per run of non-empty bins.
        let bars = paths(root, style: "fill-opacity:.85")
        #expect(bars.count == 5)
        let runs = chart.histograms.joined().map { h in h.counts.indices.filter { h.counts[$0] > 0 && ($0 == 0 || h.counts[$0 - 1] == 0) }.count }.reduce(0, +)
        #expect(bars.map(subpaths).reduce(0, +) == runs)
        let labels = texts(root)
        for expected in ["init 0", "init 4", "layer 1", "layer 5", "activation", "−1", "0", "1"] {
            #expect(labels.contains(expected), "missing \(expected)")
        }
        #expect(labels.filter { $0.hasPrefix("σ ") }.count == 25)
        try expectAccessible(svg, prefix: "sm")
        try expectTextFits(svg)
    }

    @Test func summaryFollowsTheSpreadAcrossLayers() {
        let wide = Histogram(values: (0..<100).map { Double($0 % 10) / 10 - 0.45 }, bins: 10, range: -1...1)
        let narrow = Histogram(values: (0..<100).map { Double($0 % 10) / 10000 }, bins: 10, range: -1...1)
        let chart = SmallMultiples(title: "", rows: ["tanh, N(0, 0.01²)"], columns: ["layer 1", "layer 5"], histograms: [[wide, narrow]],
                                   x: Axis("activation"))
        #expect(chart.summary == "Histograms of activation in a grid of 1 row by 2 columns (layer 1 to layer 5). tanh, N(0, 0.01²): standard deviation shrinks from 0.287 to 0.000287.")
    }

    @Test func raggedAndEmptyGridsStayWellFormed() throws {
        let chart = SmallMultiples(title: "", rows: ["a", "b", "c"], columns: ["1", "2"],
                                   histograms: [[Histogram(values: [Double]())], [], [Histogram(values: [0.0]), Histogram(values: [Double.nan])]],
                                   x: Axis("x"))
        let svg = chart.svg(idPrefix: "rg")
        try expectAccessible(svg, prefix: "rg")
        #expect(texts(try parse(svg)).contains("No data"))
        let none = SmallMultiples(title: "", rows: [], columns: [], histograms: [], x: Axis())
        try expectAccessible(none.svg(idPrefix: "n"), prefix: "n")
    }

    @Test func narrowPanelsStillShowAScale() throws {
        // A range like −4.2…4.2 on 85 px panels first yields only "0"; thinning finer ticks gives −4, 0, 4.
        let h = Histogram(values: (0..<500).map { sin(Double($0)) * 4 }, bins: 30, range: -4.2...4.2)
        let chart = SmallMultiples(title: "", rows: ["a"], columns: (1...5).map { "layer \($0)" }, histograms: [Array(repeating: h, count: 5)],
                                   x: Axis("gradient", range: -4.2...4.2))
        let svg = chart.svg(idPrefix: "np")
        let root = try parse(svg)
        let bottom = placedTexts(root).filter { $0.anchor == "middle" && ["−4", "0", "4"].contains($0.text) }
        #expect(bottom.count == 15, "\(bottom.map(\.text))")
        try expectTextFits(svg)
    }

    @Test(arguments: [240.0, 390, 640, 960])
    func labelsFitAtEveryWidth(_ width: Double) throws {
        var chart = grid(rows: 2, columns: 5)
        chart.width = width
        try expectTextFits(chart.svg(idPrefix: "w"))
    }
}

@Suite struct LineChartTests {
    let layers = (1...10).map(Double.init)

    @Test func logAxisOverTwelveDecades() throws {
        let y = layers.map { 1e4 * pow(1e-12, ($0 - 1) / 9) }  // 1e4 … 1e-8
        let chart = LineChart(title: "σ vs depth", x: Axis("layer"), y: Axis("standard deviation", scale: .log),
                              series: [.init("small init", x: layers, y: y, markers: true)])
        let svg = chart.svg(idPrefix: "log")
        let root = try parse(svg)
        let labels = texts(root)
        #expect(labels.contains("10⁻⁸") || labels.contains("10⁻⁶"))
        #expect(labels.contains("10⁰"))
        #expect(labels.contains("10³") || labels.contains("10⁴"))
        #expect(!labels.contains { $0.contains("e-") || $0.contains("0.0000") })
        #expect(root.all("circle").count == 10)
        try expectAccessible(svg, prefix: "log")
        try expectTextFits(svg)
    }

    @Test func gapsAtUndrawablePoints() throws {
        let chart = LineChart(title: "", x: Axis("epoch"), y: Axis("loss", scale: .log),
                              series: [.init("run", x: [0, 1, 2, 3, 4, 5, 6], y: [2, 1, .nan, 0.5, 0, 0.2, .infinity])])
        let root = try parse(chart.svg(idPrefix: "g"))
        let line = try #require(paths(root, style: "stroke-width:2").first)
        #expect(subpaths(line) == 3)  // [2, 1] | [0.5] | [0.2]
        #expect(root.all("circle").count == 3)  // the two lone points get markers, and so does the 0 in its band
        #expect(texts(root).contains("= 0"))
        #expect(texts(root).contains("Not drawn: 1 NaN, 1 +∞"))
        #expect(chart.summary.contains("1 of 7 values are exactly 0."))
    }

    @Test func bandsAndLegend() throws {
        let chart = LineChart(title: "Loss", x: Axis("epoch"), y: Axis("loss"),
                              series: [.init("He", x: layers, y: layers.map { 1 / $0 }, lower: layers.map { 0.9 / $0 }, upper: layers.map { 1.1 / $0 }),
                                       .init("Xavier", x: layers, y: layers.map { 1.2 / $0 })],
                              bandLabel: "min–max over 3 seeds")
        let root = try parse(chart.svg(idPrefix: "b"))
        #expect(paths(root, style: "fill-opacity:.2").filter { $0.hasSuffix("z") }.count == 1)
        let labels = texts(root)
        #expect(labels.contains("He") && labels.contains("Xavier") && labels.contains("min–max over 3 seeds"))
        #expect(chart.summary == "Line chart of loss against epoch for 2 series. He: from 1 at epoch 1 to 0.1 at 10. Xavier: from 1.2 at epoch 1 to 0.12 at 10.")
    }

    @Test func logLogAxes() throws {
        let widths: [Double] = [1, 10, 100, 1000]
        let chart = LineChart(title: "", x: Axis("width", scale: .log), y: Axis("time", unit: "s", scale: .log),
                              series: [.init("t", x: widths, y: widths.map { $0 * $0 * 1e-6 })])
        let svg = chart.svg(idPrefix: "ll")
        let root = try parse(svg)
        let bottom = placedTexts(root).filter { $0.anchor == "middle" && !$0.rotated }.map(\.text)
        #expect(bottom == ["1", "10", "100", "1000", "width"])
        #expect(texts(root).contains("time (s)"))
        #expect(texts(root).contains("10⁻⁶") && texts(root).contains("10⁰"))
        let line = try #require(paths(root, style: "stroke-width:2").first)
        #expect(subpaths(line) == 1)
        try expectTextFits(svg)
    }

    @Test func hugeValuesGetAFactor() throws {
        let chart = LineChart(title: "", x: Axis("width"), y: Axis("parameters"), series: [.init("p", x: [1, 2, 3], y: [1e9, 2e10, 3.6e10])])
        let labels = texts(try parse(chart.svg(idPrefix: "h")))
        #expect(labels.contains("parameters (×10¹⁰)"))
        #expect(labels.contains("3.5") || labels.contains("3.0"))
    }

    @Test func emptyAndDegenerate() throws {
        for series in [[], [LineChart.Series("one", x: [1], y: [1])], [LineChart.Series("flat", x: [1, 2, 3], y: [5, 5, 5])],
                       [LineChart.Series("nan", x: [.nan], y: [.nan])], [LineChart.Series("mismatch", x: [1, 2, 3], y: [1])]] {
            for scale in [AxisScale.linear, .log] {
                let svg = LineChart(title: "", x: Axis("x", scale: scale), y: Axis("y", scale: scale), series: series).svg(idPrefix: "z")
                try expectAccessible(svg, prefix: "z")
                try expectTextFits(svg)
            }
        }
    }
}

@Suite struct HeatmapTests {
    let accuracy: [[Double]] = [[0.1135, 0.1135, 0.1135], [0.1135, 0.9612, 0.9705], [0.1135, 0.9788, 0.9866]]

    @Test func cellsLabelsAndColourBar() throws {
        let map = Heatmap(title: "Accuracy", rows: ["zeros", "small", "xavier"], columns: ["zeros", "small", "xavier"], values: accuracy,
                          rowTitle: "conv init", columnTitle: "FC init", value: Axis("test accuracy", numberStyle: .percent))
        let svg = map.svg(idPrefix: "hm")
        let root = try parse(svg)
        let cells = root.all("rect").filter { ($0.attributes["style"] ?? "").hasPrefix("fill:#") }
        #expect(cells.count == 9)
        #expect(cells.first?.attributes["style"] == "fill:#440154")  // the minimum is viridis' dark end
        #expect(cells.last?.attributes["style"] == "fill:#fde725")   // the maximum its light end
        let labels = texts(root)
        #expect(labels.filter { $0 == "11.4%" }.count == 5)
        #expect(labels.contains("98.7%") && labels.contains("96.1%"))
        #expect(root.all("linearGradient").first?.attributes["id"] == "hm-viridis")
        // Dark cells get white labels, light cells black ones.
        let inks = root.all("text").filter { $0.allText.hasSuffix("%") && $0.attributes["style"] != nil }.map { $0.attributes["style"]! }
        #expect(inks.first == "fill:#fff" && inks.last == "fill:#000")
        #expect(map.summary == "Heatmap of test accuracy for 3 conv init × 3 FC init. Highest 98.7% (xavier, xavier), lowest 11.4% (zeros, zeros).")
        try expectAccessible(svg, prefix: "hm")
        try expectTextFits(svg)
    }

    @Test func missingCellsAndLongHangulLabels() throws {
        let map = Heatmap(title: "초기화 방법에 따른 테스트 정확도", rows: ["영 초기화", "정규 분포"], columns: ["영 초기화", "정규 분포 (표준편차 0.01)", "세이비어 균등"],
                          values: [[0.1, .nan, 0.2], [0.3, 0.4]], value: Axis("정확도"))
        let svg = map.svg(idPrefix: "k")
        let root = try parse(svg)
        #expect(texts(root).contains("No value: 2 cells"))
        #expect(texts(root).filter { $0 == "–" }.count == 2)
        try expectAccessible(svg, prefix: "k")
        try expectTextFits(svg)
    }

    @Test func crowdedGridsShrinkTheirCellLabels() throws {
        // 14 columns leave cells about 37 px wide: "97.7%" needs 35 px at 11 px, plus a margin; 29 px at 9 px.
        let names = (1...14).map { "init \($0)" }
        let values = (0..<14).map { r in (0..<14).map { c in 0.5 + Double(r * 14 + c) / 420 } }
        let svg = Heatmap(title: "", rows: names, columns: names, values: values, value: Axis(numberStyle: .percent)).svg(idPrefix: "c")
        let root = try parse(svg)
        let labels = placedTexts(root).filter { $0.text.hasSuffix("%") && $0.anchor == "middle" }
        #expect(labels.count == 196)
        #expect(labels.allSatisfy { $0.fontSize == 9 }, "\(Set(labels.map(\.fontSize)))")
        try expectTextFits(svg)
    }

    @Test func degenerateMatrices() throws {
        for values in [[[Double]](), [[0.5]], [[1, 1], [1, 1]], [[.nan]], [[-.infinity, 1e300]]] {
            for scale in [AxisScale.linear, .log] {
                let svg = Heatmap(title: "", rows: [], columns: [], values: values, value: Axis(scale: scale)).svg(idPrefix: "d")
                try expectAccessible(svg, prefix: "d")
            }
        }
    }
}

@Suite struct BarChartTests {
    @Test func groupedBarsWithWhiskers() throws {
        let chart = BarChart(title: "Final loss", categories: ["tanh", "ReLU", "GELU"], categoryTitle: "activation", y: Axis("loss"),
                             series: [.init("Xavier", values: [0.31, 0.42, 0.38], lower: [0.28, 0.37, 0.35], upper: [0.35, 0.49, 0.41]),
                                      .init("He", values: [0.35, .nan, 0.27])])
        let svg = chart.svg(idPrefix: "bar")
        let root = try parse(svg)
        let fills = root.all("path").filter { ($0.attributes["style"] ?? "").hasPrefix("fill:var(--c") }.compactMap { $0.attributes["d"] }
        #expect(fills.map(subpaths) == [3, 2])
        #expect(paths(root, style: "stroke-width:1.25").map(subpaths) == [9])
        let labels = texts(root)
        for expected in ["tanh", "ReLU", "GELU", "activation", "Xavier", "He", "Not drawn: 1 NaN", "0.0"] {
            #expect(labels.contains(expected), "missing \(expected)")
        }
        #expect(chart.summary == "Bar chart of loss for 3 categories and 2 series. Highest 0.42 (ReLU, Xavier), lowest 0.27 (GELU, He). Not drawn: 1 NaN.")
        try expectAccessible(svg, prefix: "bar")
        try expectTextFits(svg)
    }

    @Test func negativeValuesHangFromAZeroLine() throws {
        let chart = BarChart(title: "", categories: ["a", "b"], y: Axis("Δ"), series: [.init("d", values: [0.5, -0.25])])
        let root = try parse(chart.svg(idPrefix: "n"))
        #expect(texts(root).contains("−0.2") || texts(root).contains("−0.25") || texts(root).contains("−0.3"))
        try expectTextFits(chart.svg(idPrefix: "n"))
    }

    @Test func emptyCharts() throws {
        for chart in [BarChart(title: "", categories: [], y: Axis(), series: []),
                      BarChart(title: "", categories: ["a"], y: Axis(scale: .log), series: [.init("s", values: [0])])] {
            let svg = chart.svg(idPrefix: "e")
            try expectAccessible(svg, prefix: "e")
            #expect(texts(try parse(svg)).contains("No data"))
        }
    }
}

@Suite struct RobustnessTests {
    static let hostile = "<b>&amp; \"quoted\" 'x' ]]> \u{1} \u{FFFE} 활성화 — ∞"

    @Test func hostileTextIsEscapedEverywhere() throws {
        let h = Histogram(values: [0.1, 0.2], density: Curve(Self.hostile, x: [0, 1], y: [1, 1]))
        let charts: [any Chart] = [
            HistogramChart(title: Self.hostile, histogram: h, x: Axis(Self.hostile, unit: Self.hostile), measure: .density),
            SmallMultiples(title: Self.hostile, rows: [Self.hostile], columns: [Self.hostile], histograms: [[h]], x: Axis(Self.hostile)),
            LineChart(title: Self.hostile, x: Axis(Self.hostile), y: Axis(Self.hostile), series: [.init(Self.hostile, x: [1, 2], y: [1, 2]), .init("b", x: [1], y: [2])],
                      bandLabel: Self.hostile),
            Heatmap(title: Self.hostile, rows: [Self.hostile], columns: [Self.hostile], values: [[1]], rowTitle: Self.hostile, columnTitle: Self.hostile,
                    value: Axis(Self.hostile)),
            BarChart(title: Self.hostile, categories: [Self.hostile], categoryTitle: Self.hostile, y: Axis(Self.hostile),
                     series: [.init(Self.hostile, values: [1]), .init("b", values: [2])]),
        ]
        for chart in charts {
            let svg = chart.svg(idPrefix: "x\"y")
            let root = try parse(svg)
            #expect(root.all("b").isEmpty)
            #expect(root.all("title").first?.allText.contains("<b>&amp;") ?? false)
        }
    }

    @Test func outputIsDeterministic() {
        let build = {
            SmallMultiplesTests().grid(rows: 3, columns: 4).svg(idPrefix: "det")
                + LineChartTests().layers.description
                + Heatmap(title: "", rows: ["a"], columns: ["b", "c"], values: [[0.25, 0.75]]).svg(idPrefix: "det2")
        }
        #expect(build() == build())
    }
}

@Suite struct CheckerTests {
    /// The layout checks themselves must fail on bad layouts, or the tests above prove nothing.
    @Test func layoutCheckerCatchesOverlapsAndClipping() throws {
        let overlapping = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><text x="10" y="20">wide label</text><text x="30" y="20">next</text></svg>
            """
        withKnownIssue { try expectTextFits(overlapping) }
        let clipped = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50"><text x="95" y="20">clipped</text></svg>
            """
        withKnownIssue { try expectTextFits(clipped) }
        let badIds = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="p-title p-desc"><title id="p-title">t</title><desc id="p-desc">d</desc><g id="other"/><path d="MNaN,0"/></svg>
            """
        withKnownIssue { try expectAccessible(badIds, prefix: "p") }
        #expect(throws: ParseError.self) { try parse("<svg><g></svg>") }
    }
}

@Suite struct BinningStatisticsTests {
    @Test func farFromZeroClustersKeepTheirSpread() throws {
        // Mean and σ are taken about the range's centre, so a tight cluster far from zero keeps its digits.
        let h = Histogram(values: [1e9 - 1, 1e9, 1e9 + 1])
        #expect(h.mean == 1e9)
        #expect(abs(try #require(h.standardDeviation) - (2.0 / 3).squareRoot()) < 1e-12)
        let tiny = Histogram(values: [Float(-1e-6), 0, 1e-6], bins: 3, range: -1...1)
        let sigma: Double = try #require(tiny.standardDeviation)
        let expected: Double = 1e-6 * (2.0 / 3).squareRoot()
        #expect(abs(sigma / expected - 1) < 1e-7)  // Float(1e-6) is 1e-6 to 8 digits
        #expect(tiny.counts == [0, 3, 0])
    }

    @Test func floatDoubleAndGenericInputsAgree() {
        let doubles: [Double] = (0..<1000).map { sin(Double($0)) }
        let floats = doubles.map { Float($0) }
        let a = Histogram(values: doubles, bins: 30, range: -1...1)
        let b = Histogram(values: floats, bins: 30, range: -1...1)
        let c = Histogram(values: doubles[...], bins: 30, range: -1...1)
        #expect(a == c)
        #expect(a.counts.reduce(0, +) == 1000 && b.counts.reduce(0, +) == 1000)
        #expect(zip(a.counts, b.counts).allSatisfy { abs($0 - $1) <= 1 })  // float rounding may move a value across an edge
    }
}

/// Every word a chart writes itself comes from its `text`: a table whose sentences are marked shows only marked
/// sentences in the description, the note, the axis titles the chart chooses and the labels it makes.
@Suite struct ChartTextTests {
    static var marked: ChartText {
        var t = ChartText.english
        t.counted = { "#\($0) \($1)" }
        t.noData = "[no data]"
        t.shareOfValues = "[share]"
        t.zeroBand = "[=0]"
        t.notDrawn = { "[not drawn: " + $0.joined(separator: "; ") + "]" }
        t.outsideRange = { "[\($0) outside \($1)…\($2)]" }
        t.emptyCells = { "[\($0): \($1) cells]" }
        t.coincide = { "[" + $0.joined(separator: "=") + "]" }
        t.lineChartSummary = { "[line \($0)/\($1)/\($2 ?? "-")]" }
        t.seriesRun = { label, _, _, _, _, _, _ in "[run \(label)]" }
        t.seriesAllZero = { "[zero \($0)]" }
        t.barChartSummary = { "[bars \($0)/\($1)/\($2 ?? "-")]" }
        t.highestAndLowest = { "[high \($0) \($1) low \($2) \($3)]" }
        t.heatmapSummary = { "[heatmap \($0) \($1) \($2) \($3) \($4)]" }
        t.histogramSummary = { subject, n, bins, _, _, _ in "[histogram \(subject ?? "-") \(n) \(bins)]" }
        t.smallMultiplesSummary = { subject, r, c, _, _ in "[grid \(subject) \(r)×\(c)]" }
        t.rowSpread = { label, _ in "[spread \(label)]" }
        return t
    }

    @Test func everyChartTakesItsWordsFromItsTable() throws {
        let h = Histogram(values: [0.1, 0.2, 0.2, 5, .nan], bins: 4, range: 0...1)
        var histogram = HistogramChart(title: "", histogram: h, x: Axis("weight"))
        histogram.text = Self.marked
        #expect(histogram.summary.hasPrefix("[histogram weight 4 4] "))
        #expect(histogram.summary.contains("[not drawn: #1 nan; [1 outside 0…1]]"))
        var texts = try parse(histogram.svg(idPrefix: "h")).all("text").map(\.allText)
        #expect(texts.contains("[share]"))

        var grid = SmallMultiples(title: "", rows: ["he"], columns: ["layer 1"], histograms: [[h]], x: Axis("activation"))
        grid.text = Self.marked
        #expect(grid.summary.hasPrefix("[grid activation 1×1] [spread he]"))

        var lines = LineChart(title: "", x: Axis("epoch"), y: Axis("loss", scale: .log),
                              series: [.init("a", x: [1, 2], y: [0, 0]), .init("b", x: [1, 2], y: [0, 0]), .init("c", x: [1, 2], y: [1, 2])])
        lines.text = Self.marked
        #expect(lines.summary.hasPrefix("[line loss/epoch/3] [zero a] [zero b] [run c]"))
        texts = try parse(lines.svg(idPrefix: "l")).all("text").map(\.allText)
        #expect(texts.contains("[=0]") && texts.contains("[a=b]"))

        var map = Heatmap(title: "", rows: ["r1", "r2"], columns: ["c1"], values: [[0.5], [.nan]], rowTitle: "init", columnTitle: "fc",
                          value: Axis("accuracy"), emptyCellMeaning: "No scored trial")
        map.text = Self.marked
        #expect(map.summary == "[heatmap accuracy 2 init 1 fc] Highest 0.5 (r1, c1); all cells are equal. [No scored trial: 1 cells].")
        texts = try parse(map.svg(idPrefix: "m")).all("text").map(\.allText)
        #expect(texts.contains("Heatmap") == false && texts.contains("[No scored trial: 1 cells]"))

        var bars = BarChart(title: "", categories: ["x", "y"], y: Axis("loss"), series: [.init("s", values: [1, 2])])
        bars.text = Self.marked
        #expect(bars.summary == "[bars loss/2/-] [high 2 y low 1 x]")
        let empty = BarChart(title: "", categories: ["x"], y: Axis("loss"), series: [.init("s", values: [.nan])])
        var emptyMarked = empty
        emptyMarked.text = Self.marked
        #expect(try parse(emptyMarked.svg(idPrefix: "e")).all("text").map(\.allText).contains("[no data]"))
        #expect(try parse(empty.svg(idPrefix: "e")).all("text").map(\.allText).contains("No data"))
    }

    @Test func aHeatmapSaysWhatItsEmptyCellsMean() throws {
        let values: [[Double]] = [[0.1, .nan], [.nan, 0.4]]
        let plain = Heatmap(title: "t", rows: ["a", "b"], columns: ["c", "d"], values: values)
        let study = Heatmap(title: "t", rows: ["a", "b"], columns: ["c", "d"], values: values, emptyCellMeaning: "No scored trial")
        #expect(texts(try parse(plain.svg(idPrefix: "p"))).contains("No value: 2 cells"))
        #expect(texts(try parse(study.svg(idPrefix: "s"))).contains("No scored trial: 2 cells"))
        #expect(study.summary.hasSuffix(" No scored trial: 2 cells."))
    }
}
