// A figure as numbers: the data and labels of one chart (histogram counts, series, cells), Codable, so the cache stores
// what an experiment computed and the site draws the SVG on every build (drawing takes milliseconds). A change to
// Charts then never leaves a stale picture, and ids are given at drawing time, from the figure's place on its page.

import Charts

/// One chart of a figure, as data.
public struct FigureData: Codable, Sendable, Equatable {
    enum Kind: Codable, Sendable, Equatable {
        case smallMultiples(SmallMultiplesData)
        case lines(LineChartData)
        case heatmap(HeatmapData)
        case bars(BarChartData)
    }

    var kind: Kind
    /// Appended to the id prefix given at drawing time (the charts of one figure need distinct ids).
    let idSuffix: String
    /// The chart's words are the author's (column names, formulas: a `plot`), the same in every edition: never
    /// translated. nil (older caches) means false.
    var authorWords: Bool?

    init(_ chart: SmallMultiples, idSuffix: String = "", authorWords: Bool = false) {
        kind = .smallMultiples(SmallMultiplesData(chart)); self.idSuffix = idSuffix; self.authorWords = authorWords ? true : nil
    }
    init(_ chart: LineChart, idSuffix: String = "", authorWords: Bool = false) {
        kind = .lines(LineChartData(chart)); self.idSuffix = idSuffix; self.authorWords = authorWords ? true : nil
    }
    init(_ chart: Heatmap, idSuffix: String = "", authorWords: Bool = false) {
        kind = .heatmap(HeatmapData(chart)); self.idSuffix = idSuffix; self.authorWords = authorWords ? true : nil
    }
    init(_ chart: BarChart, idSuffix: String = "", authorWords: Bool = false) {
        kind = .bars(BarChartData(chart)); self.idSuffix = idSuffix; self.authorWords = authorWords ? true : nil
    }

    /// The chart to draw.
    var chart: any Chart {
        switch kind {
        case .smallMultiples(let data): data.chart
        case .lines(let data): data.chart
        case .heatmap(let data): data.chart
        case .bars(let data): data.chart
        }
    }

    /// The figure with its words (chart and axis titles, panel labels, legend words) given by `translate`, and the
    /// words it had no translation for: an edition in another language draws the same numbers in its own words, and
    /// a word left in English is reported rather than shown; an author's words (`authorWords`) stay as written.
    /// Labels of series, rows and categories are run labels (parameter spellings such as `he-normal`, the same in
    /// every language) unless `translate` knows them ("best so far", "zeros, layer 2"): those it knows are
    /// translated, the others stay as they are.
    public func localized(_ translate: (String) -> String?) -> (figure: FigureData, missing: [String]) {
        if authorWords == true { return (self, []) }
        var missing: [String] = []
        func word(_ text: inout String) {
            guard !text.isEmpty else { return }
            if let translated = translate(text) { text = translated } else if !missing.contains(text) { missing.append(text) }
        }
        func label(_ text: inout String) { if let translated = translate(text) { text = translated } }
        var copy = self
        switch kind {
        case .smallMultiples(var data):
            word(&data.title); word(&data.x.title)
            for i in data.columns.indices { word(&data.columns[i]) }
            for i in data.rows.indices { label(&data.rows[i]) }
            for r in data.histograms.indices {
                for c in data.histograms[r].indices where data.histograms[r][c].density != nil { word(&data.histograms[r][c].density!.label) }
            }
            copy.kind = .smallMultiples(data)
        case .lines(var data):
            word(&data.title); word(&data.x.title); word(&data.y.title); word(&data.bandLabel)
            for i in (data.references ?? []).indices { word(&data.references![i].label) }
            for i in data.series.indices { label(&data.series[i].label) }
            copy.kind = .lines(data)
        case .heatmap(var data):
            word(&data.title); word(&data.rowTitle); word(&data.columnTitle); word(&data.value.title)
            if data.emptyCellMeaning != nil { word(&data.emptyCellMeaning!) }
            for i in data.rows.indices { label(&data.rows[i]) }
            for i in data.columns.indices { label(&data.columns[i]) }
            copy.kind = .heatmap(data)
        case .bars(var data):
            word(&data.title); word(&data.categoryTitle); word(&data.y.title)
            for i in data.categories.indices { label(&data.categories[i]) }
            for i in data.series.indices { label(&data.series[i].label) }
            copy.kind = .bars(data)
        }
        return (copy, missing)
    }

    /// A sentence stating what the chart shows (its SVG `<desc>`).
    public var summary: String { chart.summary }

    /// The SVG document; every id in it starts with `idPrefix`.
    public func svg(idPrefix: String) -> String { chart.svg(idPrefix: idPrefix + idSuffix) }

    /// The chart in its desktop and phone layouts (for a page) with the figure check's findings. `slots` gives
    /// run labels their palette slot across a page; it applies when every series (row) of the chart has one. `text`
    /// is the language of the words the chart writes itself (its description, notes, the axis titles it chooses).
    public func drawing(idPrefix: String, slots: [String: Int] = [:], text: ChartText = .english) -> ChartDrawing {
        switch kind {
        case .smallMultiples(let data):
            var chart = data.chart
            chart.text = text
            let rowSlots = chart.rows.map { slots[$0] }
            if !rowSlots.isEmpty, rowSlots.allSatisfy({ $0 != nil }) { chart.rowSlots = rowSlots.map { $0! } }
            return chart.responsiveDrawing(idPrefix: idPrefix + idSuffix)
        case .lines(let data):
            var chart = data.chart
            chart.text = text
            let seriesSlots = chart.series.map { slots[$0.label] }
            if !seriesSlots.isEmpty, seriesSlots.allSatisfy({ $0 != nil }) {
                for i in chart.series.indices { chart.series[i].slot = seriesSlots[i] }
            }
            return chart.responsiveDrawing(idPrefix: idPrefix + idSuffix)
        case .heatmap(let data):
            var chart = data.chart
            chart.text = text
            return chart.responsiveDrawing(idPrefix: idPrefix + idSuffix)
        case .bars(let data):
            var chart = data.chart
            chart.text = text
            return chart.responsiveDrawing(idPrefix: idPrefix + idSuffix)
        }
    }
}

/// A Double that survives JSON when it is NaN or infinite (spelled "nan", "inf", "-inf"); other values are exact.
struct StoredNumber: Codable, Sendable, Equatable {
    var value: Double
    init(_ value: Double) { self.value = value }
    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let x = try? c.decode(Double.self) { value = x; return }
        switch try c.decode(String.self) {
        case "nan": value = .nan
        case "inf": value = .infinity
        case "-inf": value = -.infinity
        case let other: throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a number: \(other)")
        }
    }
    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if value.isFinite { try c.encode(value) } else { try c.encode(value.isNaN ? "nan" : value < 0 ? "-inf" : "inf") }
    }
    // NaN equals NaN here: results compare bit for bit.
    static func == (a: StoredNumber, b: StoredNumber) -> Bool { a.value.bitPattern == b.value.bitPattern }
}

private func stored(_ xs: [Double]) -> [StoredNumber] { xs.map(StoredNumber.init) }
private func numbers(_ xs: [StoredNumber]) -> [Double] { xs.map(\.value) }

struct AxisData: Codable, Sendable, Equatable {
    var title: String, unit: String, log: Bool
    var range: [StoredNumber]?
    var numberStyle: String

    init(_ axis: Axis) {
        title = axis.title
        unit = axis.unit
        log = axis.scale == .log
        range = axis.range.map { stored([$0.lowerBound, $0.upperBound]) }
        numberStyle = switch axis.numberStyle { case .automatic: "automatic"; case .si: "si"; case .percent: "percent" }
    }

    var axis: Axis {
        let style: NumberStyle = switch numberStyle { case "si": .si; case "percent": .percent; default: .automatic }
        return Axis(title, unit: unit, scale: log ? .log : .linear, range: range.map { $0[0].value...$0[1].value }, numberStyle: style)
    }
}

struct CurveData: Codable, Sendable, Equatable {
    var label: String
    var x: [StoredNumber], y: [StoredNumber]
    init(_ curve: Curve) { label = curve.label; x = stored(curve.x); y = stored(curve.y) }
    var curve: Curve { Curve(label, x: numbers(x), y: numbers(y)) }
}

struct HistogramData: Codable, Sendable, Equatable {
    var lower: StoredNumber, upper: StoredNumber
    var counts: [Int]
    var below: Int, above: Int, nan: Int, positiveInfinity: Int, negativeInfinity: Int
    var mean: StoredNumber?, standardDeviation: StoredNumber?
    var density: CurveData?
    /// Values exactly at one point, drawn apart from the bins: [value, count].
    var pointMass: [StoredNumber]?

    init(_ h: Charts.Histogram) {
        lower = StoredNumber(h.range.lowerBound)
        upper = StoredNumber(h.range.upperBound)
        counts = h.counts
        below = h.below; above = h.above; nan = h.nan
        positiveInfinity = h.positiveInfinity; negativeInfinity = h.negativeInfinity
        mean = h.mean.map(StoredNumber.init)
        standardDeviation = h.standardDeviation.map(StoredNumber.init)
        density = h.density.map(CurveData.init)
        pointMass = h.pointMass.map { [StoredNumber($0.value), StoredNumber(Double($0.count))] }
    }

    var histogram: Charts.Histogram {
        Charts.Histogram(range: lower.value...upper.value, counts: counts, below: below, above: above, nan: nan,
                         positiveInfinity: positiveInfinity, negativeInfinity: negativeInfinity, mean: mean?.value,
                         standardDeviation: standardDeviation?.value, density: density?.curve,
                         pointMass: pointMass.flatMap { $0.count == 2 ? .init(value: $0[0].value, count: Int($0[1].value)) : nil })
    }
}

struct SmallMultiplesData: Codable, Sendable, Equatable {
    var title: String, rows: [String], columns: [String]
    var histograms: [[HistogramData]]
    var x: AxisData
    var measure: String
    var sharedRows: Bool
    var width: StoredNumber, panelHeight: StoredNumber

    init(_ c: SmallMultiples) {
        title = c.title; rows = c.rows; columns = c.columns
        histograms = c.histograms.map { $0.map(HistogramData.init) }
        x = AxisData(c.x)
        measure = switch c.measure { case .count: "count"; case .fraction: "fraction"; case .density: "density" }
        sharedRows = c.sharedY == .row
        width = StoredNumber(c.width); panelHeight = StoredNumber(c.panelHeight)
    }

    var chart: SmallMultiples {
        let m: HistogramMeasure = switch measure { case "count": .count; case "density": .density; default: .fraction }
        return SmallMultiples(title: title, rows: rows, columns: columns, histograms: histograms.map { $0.map(\.histogram) }, x: x.axis,
                              measure: m, sharedY: sharedRows ? .row : .all, width: width.value, panelHeight: panelHeight.value)
    }
}

struct LineChartData: Codable, Sendable, Equatable {
    struct Series: Codable, Sendable, Equatable {
        var label: String
        var x: [StoredNumber], y: [StoredNumber]
        var lower: [StoredNumber]?, upper: [StoredNumber]?
        var markers: Bool
        /// nil (older caches) means true.
        var line: Bool?
    }
    var title: String
    var x: AxisData, y: AxisData
    var series: [Series]
    var bandLabel: String
    var width: StoredNumber, height: StoredNumber
    /// Horizontal reference lines: label and level.
    var references: [ReferenceData]?
    struct ReferenceData: Codable, Sendable, Equatable { var label: String; var y: StoredNumber }

    init(_ c: LineChart) {
        references = c.references.isEmpty ? nil : c.references.map { ReferenceData(label: $0.label, y: StoredNumber($0.y)) }
        title = c.title; x = AxisData(c.x); y = AxisData(c.y)
        series = c.series.map { Series(label: $0.label, x: stored($0.x), y: stored($0.y), lower: $0.lower.map(stored),
                                       upper: $0.upper.map(stored), markers: $0.markers, line: $0.line ? nil : false) }
        bandLabel = c.bandLabel
        width = StoredNumber(c.width); height = StoredNumber(c.height)
    }

    var chart: LineChart {
        LineChart(title: title, x: x.axis, y: y.axis,
                  series: series.map { .init($0.label, x: numbers($0.x), y: numbers($0.y), lower: $0.lower.map(numbers),
                                             upper: $0.upper.map(numbers), markers: $0.markers, line: $0.line ?? true) },
                  references: (references ?? []).map { .init($0.label, y: $0.y.value) }, bandLabel: bandLabel, width: width.value, height: height.value)
    }
}

struct HeatmapData: Codable, Sendable, Equatable {
    var title: String, rows: [String], columns: [String]
    var values: [[StoredNumber]]
    var rowTitle: String, columnTitle: String
    var value: AxisData
    var cellLabels: Bool
    var width: StoredNumber, cellHeight: StoredNumber
    /// What an empty cell means ("No scored trial"); nil for the chart's default.
    var emptyCellMeaning: String?

    init(_ c: Heatmap) {
        emptyCellMeaning = c.emptyCellMeaning.isEmpty ? nil : c.emptyCellMeaning
        title = c.title; rows = c.rows; columns = c.columns
        values = c.values.map(stored)
        rowTitle = c.rowTitle; columnTitle = c.columnTitle
        value = AxisData(c.value)
        cellLabels = c.cellLabels
        width = StoredNumber(c.width); cellHeight = StoredNumber(c.cellHeight)
    }

    var chart: Heatmap {
        Heatmap(title: title, rows: rows, columns: columns, values: values.map(numbers), rowTitle: rowTitle, columnTitle: columnTitle,
                value: value.axis, cellLabels: cellLabels, width: width.value, cellHeight: cellHeight.value,
                emptyCellMeaning: emptyCellMeaning ?? "")
    }
}

struct BarChartData: Codable, Sendable, Equatable {
    struct Series: Codable, Sendable, Equatable {
        var label: String
        var values: [StoredNumber]
        var lower: [StoredNumber]?, upper: [StoredNumber]?
    }
    var title: String, categories: [String], categoryTitle: String
    var y: AxisData
    var series: [Series]
    var width: StoredNumber, height: StoredNumber

    init(_ c: BarChart) {
        title = c.title; categories = c.categories; categoryTitle = c.categoryTitle; y = AxisData(c.y)
        series = c.series.map { Series(label: $0.label, values: stored($0.values), lower: $0.lower.map(stored), upper: $0.upper.map(stored)) }
        width = StoredNumber(c.width); height = StoredNumber(c.height)
    }

    var chart: BarChart {
        BarChart(title: title, categories: categories, categoryTitle: categoryTitle, y: y.axis,
                 series: series.map { .init($0.label, values: numbers($0.values), lower: $0.lower.map(numbers), upper: $0.upper.map(numbers)) },
                 width: width.value, height: height.value)
    }
}
