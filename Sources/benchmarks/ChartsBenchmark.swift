// Charts benchmark: the seed experiment's figures (12 small-multiples grids, one per initialization ×
// activation, each 1 row × 5 layers of 30-bin histograms over 100 000 activations per layer) — binning
// and SVG writing timed separately. References measured in the same run: a plain summing pass over the
// same values (the memory-bound floor for binning) and `String(describing:)` of the same number of
// coordinates (what naive number printing would cost), and, when python3 has matplotlib, matplotlib drawing the same
// 12 figures to SVG (Sources/benchmarks/reference/chart_figures.py).
import Charts
import Foundation

enum ChartsBenchmark {
    static func run() {
        // Deterministic pseudo-activations: a tanh of a scaled sine, different per figure and layer.
        let figures = 12, layers = 5, count = 100_000
        let data: [[[Float]]] = (0..<figures).map { f in (0..<layers).map { l in
            (0..<count).map { i in Float(tanh(sin(Double(i) * 0.618 + Double(f)) * 2 / Double(l + 1))) }
        } }

        var histograms: [[Histogram]] = []
        let binning = measure {
            histograms = data.map { figure in figure.map { Histogram(values: $0, bins: 30, range: -1...1) } }
        }
        var sink = 0.0
        let summing = measure {
            for figure in data { for layer in figure { for v in layer { sink += Double(v) } } }
        }
        let values = Double(figures * layers * count)
        print(String(format: "binning:  %.1f M values/s   (summing the same values: %.1f M values/s)",
                     values / binning / 1e6, values / summing / 1e6))

        var bytes = 0
        let writing = measure {
            for (f, row) in histograms.enumerated() {
                let chart = SmallMultiples(title: "figure \(f)", rows: ["tanh"], columns: (1...layers).map { "layer \($0)" },
                                           histograms: [row], x: Axis("activation", range: -1...1))
                bytes += chart.svg(idPrefix: "f\(f)").utf8.count
            }
        }
        // Reference: printing as many coordinates as the figures hold (about one per 7 bytes) naively.
        let coordinates = bytes / 7
        var printed = 0
        let naive = measure {
            for i in 0..<coordinates { printed += String(describing: Double(i) * 0.37).utf8.count }
        }
        print(String(format: "writing:  %d figures in %.1f ms, %.1f KB each   (naive printing of %d coordinates: %.1f ms)",
                     figures, writing * 1000, Double(bytes) / Double(figures) / 1024, coordinates, naive * 1000))
        let total = binning + writing
        if let matplotlib = matplotlibSeconds() {
            print(String(format: "total:    %.1f ms for the 12 figures   (matplotlib in the same run: %.0f ms, %.0f× slower)",
                         total * 1000, matplotlib * 1000, matplotlib / total))
        } else {
            print(String(format: "total:    %.1f ms for the 12 figures   (matplotlib reference: unavailable; pip install matplotlib)", total * 1000))
        }
        if sink == 42 || printed == 0 { print("") }  // keeps the reference loops from being optimized away
    }

    /// matplotlib's best of three for the same figures, from reference/chart_figures.py; nil without matplotlib.
    private static func matplotlibSeconds() -> Double? {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("reference/chart_figures.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8),
              let field = text.split(separator: " ").last else { return nil }
        return Double(field.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Best of three wall-clock runs, in seconds.
    private static func measure(_ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }
}
