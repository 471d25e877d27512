// Golden files: a few small charts compared byte for byte with the SVG committed in Golden/, so any
// change to the output is seen in review. Re-record after an intended change with
//   CHARTS_RECORD_GOLDEN=1 swift test --filter ChartsTests.GoldenTests
// (which writes the files and fails, on purpose) and look at the diff (and the files, in a browser), then run
// again without the variable before committing.
import Foundation
import Testing
@testable import Charts

@Suite struct GoldenTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let recording = ProcessInfo.processInfo.environment["CHARTS_RECORD_GOLDEN"] == "1"

    static let charts: [(String, any Chart)] = [
        ("histogram", HistogramChart(title: "Weights", histogram: Histogram(values: [-0.3, -0.1, -0.1, 0, 0.05, 0.1, 0.2, .nan], bins: 5, range: -0.5...0.5,
                                                                          density: Curve("N(0, 0.2²)", x: [-0.5, -0.25, 0, 0.25, 0.5], y: [0.09, 0.91, 1.99, 0.91, 0.09])),
                                     x: Axis("weight"), measure: .density, width: 320, height: 200)),
        ("small-multiples", SmallMultiples(title: "tanh", rows: ["N(0, 1)", "Xavier"], columns: ["layer 1", "layer 2"],
                                           histograms: [[Histogram(values: [-0.9, -0.8, 0.85, 0.9], bins: 6, range: -1...1), Histogram(values: [-0.95, 0.95], bins: 6, range: -1...1)],
                                                        [Histogram(values: [-0.3, 0, 0.1, 0.4], bins: 6, range: -1...1), Histogram(values: [-0.2, 0, 0.05, 0.2], bins: 6, range: -1...1)]],
                                           x: Axis("activation", range: -1...1), width: 320, panelHeight: 40)),
        ("small-multiples-phone", SmallMultiples(title: "ReLU", rows: ["He"], columns: ["layer 1", "layer 2", "layer 3"],
                                                 histograms: [HistogramPolicy(bins: 8).histograms([[0, 0, 0, 0.5, 1, 2], [0, 0, 3, 5, 9, 20], [0, 0, 0, 0, 40, 900]])],
                                                 x: Axis("activation"), panelHeight: 40).phoneLayout),
        ("line-coinciding-zeros", LineChart(title: "Gradient σ", x: Axis("layer"), y: Axis("σ", scale: .log),
                                            series: [.init("zeros", x: [1, 2, 3], y: [0, 0, 0.01], markers: true), .init("constant", x: [1, 2, 3], y: [0, 0, 0.01], markers: true),
                                                     .init("He", x: [1, 2, 3], y: [0.5, 0.4, 0.3])], width: 320, height: 220)),
        ("line-log", LineChart(title: "σ across depth", x: Axis("layer"), y: Axis("σ", scale: .log),
                               series: [.init("small", x: [1, 2, 3], y: [0.1, 1e-4, 1e-8], lower: [0.08, 5e-5, 4e-9], upper: [0.12, 2e-4, 3e-8], markers: true),
                                        .init("He", x: [1, 2, 3], y: [0.8, 0.8, 0.79])],
                               bandLabel: "min–max", width: 320, height: 220)),
        ("heatmap", Heatmap(title: "Accuracy", rows: ["zeros", "He"], columns: ["zeros", "He"], values: [[0.11, 0.11], [0.11, 0.98]],
                            rowTitle: "conv", columnTitle: "FC", value: Axis("accuracy", numberStyle: .percent), width: 320)),
        ("bars", BarChart(title: "Loss", categories: ["tanh", "ReLU"], y: Axis("loss"),
                          series: [.init("Xavier", values: [0.3, 0.4], lower: [0.25, 0.35], upper: [0.35, 0.45]), .init("He", values: [0.35, 0.28])],
                          width: 320, height: 200)),
    ]

    @Test(arguments: charts.indices)
    func matchesGoldenFile(_ i: Int) throws {
        let (name, chart) = Self.charts[i]
        let svg = chart.svg(idPrefix: "golden-\(name)") + "\n"
        let url = Self.folder.appendingPathComponent("\(name).svg")
        if Self.recording { return }   // reRecord() writes the files
        let golden = try String(contentsOf: url, encoding: .utf8)
        if svg != golden {
            // Show where they part, not two whole documents.
            let a = Array(svg.utf8), b = Array(golden.utf8)
            let i = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            let context = { (bytes: [UInt8]) in String(decoding: bytes[max(0, i - 60)..<min(bytes.count, i + 60)], as: UTF8.self) }
            Issue.record("\(name).svg differs at byte \(i):\n  new:    …\(context(a))…\n  golden: …\(context(b))…\nre-record with CHARTS_RECORD_GOLDEN=1 if the change is intended")
        }
        _ = try parse(golden)
    }

    /// With CHARTS_RECORD_GOLDEN=1, writes every golden file and fails, so a recorded change is never accepted
    /// unseen (nor can a CI run with the variable set pass).
    @Test func reRecord() throws {
        guard Self.recording else { return }
        try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
        var changed = 0
        for (name, chart) in Self.charts {
            let svg = chart.svg(idPrefix: "golden-\(name)") + "\n"
            let url = Self.folder.appendingPathComponent("\(name).svg")
            if (try? String(contentsOf: url, encoding: .utf8)) != svg {
                try svg.write(to: url, atomically: true, encoding: .utf8)
                changed += 1
            }
        }
        Issue.record("re-recorded \(changed) of \(Self.charts.count) golden files in Tests/ChartsTests/Golden; review the diff and run again without CHARTS_RECORD_GOLDEN")
    }
}
