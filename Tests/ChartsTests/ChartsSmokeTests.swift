import Testing
@testable import Charts

@Suite struct ChartsSmokeTests {
    @Test func histogramIsWellFormed() throws {
        let h = Histogram(values: [0.1, 0.2, 0.2, 0.9, .nan], bins: 10, range: 0...1)
        let svg = HistogramChart(title: "A & B <c>", histogram: h, x: Axis("x")).svg(idPrefix: "h1")
        let root = try parse(svg)
        #expect(root.name == "svg")
        #expect(root.all("title").first?.allText == "A & B <c>")
    }
}
