// chart-gallery: writes OUTDIR/gallery.html, a review page with every chart type and the edge cases the
// Charts module promises to survive (empty data, one value, all-equal values, NaN and ±∞, huge and tiny
// ranges, long and Hangul labels), each figure shown on a light and on a dark background (the light
// palette is the SVGs' fallback; the dark one is set as CSS properties, as the site's stylesheet does), in
// its desktop and, below 40rem, its phone layout, with the figure lint's findings above it. Data comes from a small seeded simulation (tanh and
// ReLU networks under several initializations), so the figures look like the course's.
//   swift run chart-gallery OUTDIR
import Basics
import Charts
import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): a seeded source, so the gallery is the same on every run.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    /// Standard normal by Box–Muller.
    mutating func normal() -> Double {
        let u = 1 - uniform(), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

/// Activations of each layer of a fully connected network fed with standard normal inputs.
func activations(layers: Int, width: Int, samples: Int, weightStd: Double, activation: (Double) -> Double, seed: UInt64) -> [[Double]] {
    var random = SplitMix64(state: seed)
    var x = (0..<samples * width).map { _ in random.normal() }
    var out: [[Double]] = []
    for _ in 0..<layers {
        let w = (0..<width * width).map { _ in random.normal() * weightStd }
        var y = [Double](repeating: 0, count: samples * width)
        for s in 0..<samples {
            for j in 0..<width {
                var sum = 0.0
                for i in 0..<width { sum += x[s * width + i] * w[i * width + j] }
                y[s * width + j] = activation(sum)
            }
        }
        out.append(y)
        x = y
    }
    return out
}

func normalPDF(_ x: Double, mean: Double = 0, sd: Double) -> Double {
    exp(-0.5 * ((x - mean) / sd) * ((x - mean) / sd)) / (sd * (2 * Double.pi).squareRoot())
}

struct Entry { let caption: String; let chart: any Chart }
var entries: [Entry] = []

// 1. The classic figure: tanh activations per layer under four initializations.
let width = 100, samples = 300
let tanhInits: [(String, Double)] = [("N(0, 0.01²)", 0.01), ("N(0, 0.05²)", 0.05), ("N(0, 1)", 1), ("Xavier normal", (1.0 / Double(width)).squareRoot()),
                                     ("He normal", (2.0 / Double(width)).squareRoot())]
let layers = (1...5).map { "layer \($0)" }
var tanhGrid: [[Histogram]] = []
var spreads: [(String, [Double])] = []
for (i, (name, sd)) in tanhInits.enumerated() {
    let acts = activations(layers: 5, width: width, samples: samples, weightStd: sd, activation: tanh, seed: UInt64(10 + i))
    tanhGrid.append(acts.map { Histogram(values: $0, bins: 30, range: -1...1) })
    spreads.append((name, tanhGrid.last!.map { $0.standardDeviation ?? .nan }))
}
entries.append(Entry(caption: "Small multiples: tanh activations, 5 initializations × 5 layers, 30 bins over −1…1 (the 5 × 5 size budget is 40 KB).",
                     chart: SmallMultiples(title: "tanh activations per layer", rows: tanhInits.map(\.0), columns: layers,
                                           histograms: tanhGrid, x: Axis("activation", range: -1...1))))

// 2. ReLU with He init: 0…1 range (values above are counted in the note), density with a half-normal curve.
var reluGrid: [[Histogram]] = []
for (i, (name, sd)) in [("Xavier normal", (1.0 / Double(width)).squareRoot()), ("He normal", (2.0 / Double(width)).squareRoot())].enumerated() {
    let acts = activations(layers: 5, width: width, samples: samples, weightStd: sd, activation: { max(0, $0) }, seed: UInt64(20 + i))
    reluGrid.append(acts.map { Histogram(values: $0.filter { $0 > 0 }, bins: 30, range: 0...3) })
    _ = name
}
entries.append(Entry(caption: "Small multiples: positive ReLU activations, shared y over all panels, values above 2 counted in the note.",
                     chart: SmallMultiples(title: "ReLU activations (positive part)", rows: ["Xavier normal", "He normal"], columns: layers,
                                           histograms: reluGrid, x: Axis("activation", range: 0...2), sharedY: .all)))

// 2b. Heavy tails: ReLU under N(0, 1), σ = 10 weights; the policy picks per-panel ranges and takes the
// exact zeros out as a labelled point mass.
var heavyRows: [[Histogram]] = []
for (i, sd) in [1.0, 10.0].enumerated() {
    let acts = activations(layers: 5, width: width, samples: samples, weightStd: sd, activation: { max(0, $0) }, seed: UInt64(40 + i))
    heavyRows.append(HistogramPolicy(bins: 30).histograms(acts.map { $0.map(Float.init) }))
}
entries.append(Entry(caption: "Heavy tails: ReLU activations with σ = 1 and σ = 10 weights; automatic range policy (per panel), zeros drawn apart.",
                     chart: SmallMultiples(title: "ReLU activations, large weights", rows: ["N(0, 1)", "N(0, 10²)"], columns: layers,
                                           histograms: heavyRows, x: Axis("activation"))))

// 3. Sampled weights with the theoretical pdf.
var random = SplitMix64(state: 7)
let weights = (0..<20_000).map { _ in random.normal() * 0.1 }
entries.append(Entry(caption: "Histogram (density) of 20 000 weights from N(0, 0.1²) with the pdf overlaid.",
                     chart: HistogramChart(title: "Sampled weights, N(0, 0.1²)",
                                           histogram: Histogram(values: weights, bins: 30, range: -0.4...0.4,
                                                                density: .sampling("N(0, 0.1²) density", over: -0.4...0.4) { normalPDF($0, sd: 0.1) }),
                                           x: Axis("weight"), measure: .density)))
let bound = (6.0 / 200).squareRoot()
let uniformWeights = (0..<5_000).map { _ in (random.uniform() * 2 - 1) * bound }
entries.append(Entry(caption: "Histogram as steps with a uniform density (Xavier uniform bound √(6/200)).",
                     chart: HistogramChart(title: "Xavier uniform weights", histogram: Histogram(values: uniformWeights, bins: 24, range: -0.2...0.2,
                                           density: Curve("U(−0.173, 0.173) density", x: [-0.2, -bound, -bound, bound, bound, 0.2],
                                                          y: [0, 0, 1 / (2 * bound), 1 / (2 * bound), 0, 0])),
                                           x: Axis("weight"), measure: .density, style: .steps)))

// 4. Std across depth on a log axis: from 10⁻⁸ to 10⁴, with a min–max band.
let depth = (1...12).map(Double.init)
func decay(_ rate: Double, _ start: Double) -> [Double] { depth.map { start * pow(rate, $0 - 1) } }
entries.append(Entry(caption: "Line chart, log y over twelve decades, markers, a min–max band.",
                     chart: LineChart(title: "Activation spread across depth", x: Axis("layer"),
                                      y: Axis("standard deviation", scale: .log),
                                      series: [.init("N(0, 0.01²)", x: depth, y: decay(0.2, 0.1), lower: decay(0.18, 0.08), upper: decay(0.22, 0.12), markers: true),
                                               .init("Xavier normal", x: depth, y: decay(0.93, 0.63), markers: true),
                                               .init("He normal", x: depth, y: decay(1, 0.82), markers: true),
                                               .init("N(0, 1)", x: depth, y: decay(2.2, 9), markers: true)],
                                      bandLabel: "min–max over 5 seeds")))

// 5. Loss curves over epochs with a band over seeds.
let epochs = (0...30).map(Double.init)
func loss(_ rate: Double, _ floor: Double) -> [Double] { epochs.map { floor + (2.3 - floor) * exp(-rate * $0) } }
entries.append(Entry(caption: "Training loss vs epoch, three series, bands over seeds.",
                     chart: LineChart(title: "Training loss", x: Axis("epoch"), y: Axis("cross-entropy loss"),
                                      series: [.init("He normal", x: epochs, y: loss(0.25, 0.12), lower: loss(0.22, 0.1), upper: loss(0.28, 0.15)),
                                               .init("Xavier normal", x: epochs, y: loss(0.15, 0.2), lower: loss(0.13, 0.17), upper: loss(0.17, 0.24)),
                                               .init("N(0, 0.01²)", x: epochs, y: loss(0.01, 1.8))],
                                      bandLabel: "range over 3 seeds")))

// 5b. Coinciding series and zeros on a log axis.
let steps = (0...10).map { Double($0) * 100 }
entries.append(Entry(caption: "Coinciding series are detected and labelled together at the line ends.",
                     chart: LineChart(title: "Distinct hidden units", x: Axis("step"), y: Axis("distinct units"),
                                      series: [.init("zeros", x: steps, y: steps.map { _ in 1 }), .init("constant 0.5", x: steps, y: steps.map { _ in 1 }),
                                               .init("constant 1", x: steps, y: steps.map { _ in 1 }),
                                               .init("N(0, 0.01²)", x: steps, y: steps.map { min(64, 8 + $0 / 10) }),
                                               .init("Xavier", x: steps, y: steps.map { _ in 64 })])))
entries.append(Entry(caption: "Log axis with exact zeros: drawn in a band labelled = 0.",
                     chart: LineChart(title: "Gradient std per layer", x: Axis("layer"), y: Axis("standard deviation", scale: .log),
                                      series: [.init("∂L/∂a", x: [1, 2, 3], y: [0, 0, 0.031], markers: true),
                                               .init("∂L/∂W", x: [1, 2, 3], y: [0, 0, 0.012], markers: true)])))

// 6. Heatmap: test accuracy, conv init × FC init.
let inits = ["zeros", "N(0, 0.01²)", "Xavier uniform", "He normal"]
let accuracy: [[Double]] = [[0.1135, 0.1135, 0.1135, 0.1135], [0.1135, 0.9612, 0.9705, 0.9731],
                            [0.1135, 0.9788, 0.9866, 0.9871], [0.1135, 0.9801, 0.9879, 0.9893]]
entries.append(Entry(caption: "Heatmap with percent cell labels and colour bar; label ink chosen for contrast.",
                     chart: Heatmap(title: "Test accuracy by initialization", rows: inits, columns: inits, values: accuracy,
                                    rowTitle: "conv init", columnTitle: "FC init", value: Axis("test accuracy", numberStyle: .percent))))

// 7. Grouped bars with whiskers.
entries.append(Entry(caption: "Grouped bar chart with whiskers (min–max over seeds).",
                     chart: BarChart(title: "Final training loss", categories: ["tanh", "ReLU", "GELU", "SELU"], categoryTitle: "activation",
                                     y: Axis("loss"), series: [.init("Xavier", values: [0.31, 0.42, 0.38, 0.35], lower: [0.28, 0.37, 0.35, 0.31], upper: [0.35, 0.49, 0.41, 0.38]),
                                                               .init("He", values: [0.35, 0.28, 0.27, 0.30], lower: [0.31, 0.25, 0.25, 0.27], upper: [0.39, 0.31, 0.3, 0.33]),
                                                               .init("LeCun", values: [0.33, 0.36, 0.33, 0.26])])))

// Edge cases.
entries.append(Entry(caption: "Edge: histogram with NaN, ±∞ and values outside the range.",
                     chart: HistogramChart(title: "Values with NaN and infinities", histogram: Histogram(values: weights.prefix(500) + [.nan, .nan, .infinity, -.infinity, 5, -7], bins: 30, range: -0.3...0.3), x: Axis("value"))))
entries.append(Entry(caption: "Edge: empty histogram.", chart: HistogramChart(title: "No data", histogram: Histogram(values: [Double](), bins: 30), x: Axis("value"))))
entries.append(Entry(caption: "Edge: a single value.", chart: HistogramChart(title: "One value", histogram: Histogram(values: [0.3]), x: Axis("value"), measure: .count)))
entries.append(Entry(caption: "Edge: all values equal (1000 × 42).", chart: HistogramChart(title: "All equal", histogram: Histogram(values: [Double](repeating: 42, count: 1000)), x: Axis("value"), measure: .count)))
entries.append(Entry(caption: "Edge: tiny values (×10⁻⁷ factor) and huge counts (SI).",
                     chart: HistogramChart(title: "Tiny spread", histogram: Histogram(values: weights.map { $0 * 1e-6 }, bins: 30), x: Axis("activation"), y: Axis(numberStyle: .si), measure: .count)))
entries.append(Entry(caption: "Edge: huge linear range, NaN gaps and a lone point.",
                     chart: LineChart(title: "Parameter count", x: Axis("width"), y: Axis("parameters"),
                                      series: [.init("dense", x: [1, 2, 3, 4, 5, 6], y: [1e9, 4e9, .nan, 1.6e10, 2.5e10, 3.6e10]),
                                               .init("lone point", x: [1, 2, 3], y: [.nan, 2e10, .infinity])])))
entries.append(Entry(caption: "Edge: log axis with zeros and negatives (counted, not drawn), values near 1.",
                     chart: LineChart(title: "Loss on a log axis", x: Axis("epoch"), y: Axis("loss", scale: .log),
                                      series: [.init("run", x: epochs, y: loss(0.2, 0.3).enumerated().map { $0.offset == 5 ? 0 : ($0.offset == 6 ? -1 : $0.element) }, markers: true)])))
entries.append(Entry(caption: "Edge: empty line chart, no title.",
                     chart: LineChart(title: "", x: Axis("x"), y: Axis("y"), series: [])))
entries.append(Entry(caption: "Edge: bar chart whose only value is 0 on a log axis.",
                     chart: BarChart(title: "Nothing to show", categories: ["a", "b"], y: Axis("loss", scale: .log),
                                     series: [.init("s", values: [0, .nan])])))
entries.append(Entry(caption: "Histogram with a log y axis (counts spanning four decades).",
                     chart: HistogramChart(title: "Heavy tails", histogram: Histogram(values: weights.map { $0 * $0 * $0 * 1000 }, bins: 40, range: -1...1),
                                           x: Axis("w³ × 1000"), y: Axis(scale: .log), measure: .count)))
entries.append(Entry(caption: "Edge: bars with negative values and a NaN.",
                     chart: BarChart(title: "Change in accuracy", categories: ["A", "B", "C", "D"], y: Axis("Δ accuracy", numberStyle: .percent),
                                     series: [.init("change", values: [0.012, -0.034, .nan, 0.051])])))
entries.append(Entry(caption: "Edge: Hangul labels, a long title, a missing cell, turned column labels.",
                     chart: Heatmap(title: "초기화 방법에 따른 테스트 정확도 — 합성곱 층과 완전 연결 층의 조합을 모두 비교한 매우 긴 제목",
                                    rows: ["영 초기화", "정규 분포", "세이비어", "허"], columns: ["영 초기화", "정규 분포 (표준편차 0.01)", "세이비어 균등", "허 정규"],
                                    values: [[0.11, 0.11, 0.12, .nan], [0.11, 0.96, 0.97, 0.973], [0.11, 0.979, 0.987, 0.987], [0.11, 0.98, 0.988, 0.989]],
                                    rowTitle: "합성곱 층", columnTitle: "완전 연결 층", value: Axis("정확도"))))
entries.append(Entry(caption: "Edge: all-equal heatmap and a 1×1 grid.",
                     chart: Heatmap(title: "Constant", rows: ["only"], columns: ["one"], values: [[0.5]], value: Axis("value"))))
entries.append(Entry(caption: "Edge: small multiples with a collapsed layer, an empty panel and a short row.",
                     chart: SmallMultiples(title: "활성화 분포 (tanh)", rows: ["collapsed", "short row"], columns: ["층 1", "층 2", "층 3"],
                                           histograms: [[Histogram(values: [0.0, 0, 0, 0.0001]), Histogram(values: [Double]()), Histogram(values: [Double](repeating: 0, count: 10))],
                                                        [Histogram(values: weights.prefix(300), bins: 30, range: -1...1)]],
                                           x: Axis("활성화 값", range: -1...1))))

// The page.
let arguments = CommandLine.arguments
guard arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: chart-gallery OUTDIR\n".utf8))
    exit(2)
}
let outdir = URL(fileURLWithPath: arguments[1])
try FileManager.default.createDirectory(at: outdir, withIntermediateDirectories: true)

var page = """
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chart gallery</title>
<style>
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #fff; color: #1d1d1f; }
@media (prefers-color-scheme: dark) { body { background: #161618; color: #e8e8ea; } }
h1 { font-size: 1.4rem; margin: 1rem; }
section { margin: 0 0 1.5rem; }
section > p { margin: .25rem 1rem; font-size: .9rem; }
.pair { display: flex; flex-wrap: wrap; }
.pair > figure { margin: 0; padding: 12px; flex: 1 1 480px; min-width: 0; }
.light { background: #fcfcfa; color: #1d1d1f; }
.dark { background: #15181c; color: #e8e8ea; \(zip(1..., Palette.dark).map { "--chart-\($0):\($1);" }.joined()) }
svg { display: block; max-width: 100%; height: auto; }
.chart-narrow { display: none; }
@media (max-width: 40rem) { .chart-wide { display: none; } .chart-narrow { display: block; } }
.lint { font-size: .75rem; color: #b00; margin: 0 1rem; }
figcaption { font-size: .75rem; opacity: .7; }
</style></head><body>
<h1>Chart gallery</h1>

"""
var total = 0
for (i, entry) in entries.enumerated() {
    let light = entry.chart.responsiveSVG(idPrefix: "g\(i)l")
    let dark = entry.chart.responsiveSVG(idPrefix: "g\(i)d")
    total += light.utf8.count
    let lint = entry.chart.lint()
    page += "<section><p>\(i + 1). \(HTML.escape(entry.caption)) <small>(\(light.utf8.count) bytes, both layouts)</small></p>"
    for w in lint { page += "<p class=\"lint\">lint: \(HTML.escape(w.description))</p>" }
    page += "<div class=\"pair\">"
    page += "<figure class=\"light\">\(light)<figcaption>light</figcaption></figure>"
    page += "<figure class=\"dark\">\(dark)<figcaption>dark (the dark palette)</figcaption></figure></div></section>\n"
}
page += "</body></html>\n"
try page.write(to: outdir.appendingPathComponent("gallery.html"), atomically: true, encoding: .utf8)
for (i, entry) in entries.enumerated() {
    try entry.chart.svg(idPrefix: "f").write(to: outdir.appendingPathComponent("figure-\(i + 1).svg"), atomically: true, encoding: .utf8)
}
print("wrote \(outdir.path)/gallery.html: \(entries.count) figures, \(total) bytes of SVG")
