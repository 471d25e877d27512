// ChartText: the words a chart writes by itself, in one language — the description a screen reader reads (the SVG's
// <desc>), the name of a chart without a title, the note on values it could not draw, the axis titles it chooses,
// the "= 0" band of a log axis and the labels of lines that coincide. Words that come with the data (titles, axis
// titles, series and panel labels) are the caller's and are drawn as given. English is the default; a site in
// another language passes its own table, in which every sentence is a field, so a missing one does not compile.
// Numbers arrive already formatted (digits, decimal point and thousands separator are the same in every language
// the site writes, and a percentage keeps its sign), so a table only orders words around them.

/// The words and sentences a chart writes itself, in one language.
public struct ChartText: Sendable {
    /// What a chart counts: `counted("3", .value)` is "3 values".
    public enum Noun: Sendable { case value, category, series, bin, row, column, cell, nan, plusInfinity, minusInfinity }

    /// How a histogram row's standard deviation changes across its panels, for the description.
    public enum Trend: Sendable {
        /// One panel: its value.
        case single(String)
        /// First and last within 10 % of each other: about this value.
        case stays(String)
        case shrinks(from: String, to: String)
        case grows(from: String, to: String)
    }

    /// A count of things: "1 value", "3 values", "2 NaN". The count has its thousands separators.
    public var counted: @Sendable (_ count: String, _ noun: Noun) -> String

    // Names of charts without a title (the accessible name), and the word in an empty plot.
    public var lineChart: String
    public var barChart: String
    public var heatmap: String
    public var histogram: String
    public var histograms: String
    public var noData: String

    /// What a description calls the data when its axis has no title, a heatmap row and column without a title,
    /// and a small-multiples row without a label ("Row 3").
    public var values: String
    public var row: String
    public var column: String
    public var rowNumber: @Sendable (Int) -> String

    /// A histogram's y-axis title, by what the bars measure.
    public var count: String
    public var shareOfValues: String
    public var density: String

    /// The label of the band under a log y axis where values exactly 0 (or ≤ 0) are drawn.
    public var zeroBand: String
    public var nonPositiveBand: String

    /// The note line: "Not drawn: 2 NaN, 1 value outside −1…1", from its parts.
    public var notDrawn: @Sendable (_ parts: [String]) -> String
    /// Parts of the note: values ≤ 0 that a log axis (or a heatmap's log colour scale) cannot place, values outside
    /// the range shown (`from`…`to`), values outside the histogram's own bins.
    public var nonPositiveOnLogAxis: @Sendable (_ count: String) -> String
    public var nonPositiveOnLogScale: @Sendable (_ count: String) -> String
    public var outsideRange: @Sendable (_ count: String, _ from: String, _ to: String) -> String
    public var outsideBins: @Sendable (_ count: String) -> String
    /// What an empty heatmap cell means when the chart does not say ("No value"), and the note that counts them:
    /// "Not sampled: 24 cells".
    public var noValue: String
    public var emptyCells: @Sendable (_ meaning: String, _ count: String) -> String

    /// The one label of lines drawn on top of each other: "A and B coincide", "A, B and C coincide".
    public var coincide: @Sendable (_ labels: [String]) -> String

    // The descriptions (each a sentence or more; the chart joins them with spaces).
    /// "Line chart of loss against epoch for 2 series." (`seriesCount` nil for a single series.)
    public var lineChartSummary: @Sendable (_ y: String, _ x: String, _ seriesCount: String?) -> String
    /// "He: no data."
    public var seriesNoData: @Sendable (_ label: String) -> String
    /// "He: exactly 0 at every point."
    public var seriesAllZero: @Sendable (_ label: String) -> String
    /// "He: 0.5 at epoch 3."
    public var seriesPoint: @Sendable (_ label: String, _ y: String, _ xName: String, _ x: String) -> String
    /// "He: from 1 at epoch 1 to 0.1 at 10 (range 0.05 to 1.2)." (`range` nil when the ends are the extremes.)
    public var seriesRun: @Sendable (_ label: String, _ firstY: String, _ xName: String, _ firstX: String, _ lastY: String,
                                     _ lastX: String, _ range: (low: String, high: String)?) -> String
    /// "3 of 10 values are exactly 0."
    public var seriesZeros: @Sendable (_ zeros: String, _ of: String) -> String
    /// "A dashed line marks chance (0.1)."
    public var referenceLine: @Sendable (_ label: String, _ value: String) -> String

    /// "Bar chart of loss for 3 categories and 2 series." (`seriesCount` nil for a single series.)
    public var barChartSummary: @Sendable (_ quantity: String, _ categoryCount: String, _ seriesCount: String?) -> String
    /// "All bars are 0.5."
    public var allBarsEqual: @Sendable (_ value: String) -> String
    /// "Highest 0.42 (ReLU, Xavier), lowest 0.27 (GELU, He)." for bars and heatmap cells.
    public var highestAndLowest: @Sendable (_ high: String, _ highPlace: String, _ low: String, _ lowPlace: String) -> String

    /// "Heatmap of accuracy for 3 conv init × 4 fc init."
    public var heatmapSummary: @Sendable (_ quantity: String, _ rowCount: String, _ rowName: String, _ columnCount: String,
                                          _ columnName: String) -> String
    /// "Highest 0.5 (a, b); all cells are equal."
    public var allCellsEqual: @Sendable (_ value: String, _ place: String) -> String
    public var noCellHasAValue: String

    /// "Histogram of weight with no finite values to show." (`subject` nil: the axis has no title.)
    public var emptyHistogramSummary: @Sendable (_ subject: String?) -> String
    /// "Histogram of weight: 1,000 values in 30 bins from −0.3 to 0.3, mean 0.001, standard deviation 0.1."
    public var histogramSummary: @Sendable (_ subject: String?, _ count: String, _ bins: String, _ from: String, _ to: String,
                                            _ meanAndDeviation: (mean: String, deviation: String)?) -> String
    /// "The fullest bin, 0 to 0.1, holds 12% of them." (`share` has its percent sign.)
    public var fullestBin: @Sendable (_ from: String, _ to: String, _ share: String) -> String
    /// "The curve shows N(0, σ²) density."
    public var curveShows: @Sendable (_ label: String) -> String

    /// "Histograms of activation in a grid of 2 rows by 5 columns (layer 1 to layer 5)." (`columns`: the first and,
    /// when there are several, the last column label; `ownRanges`: each panel has its own x range.)
    public var smallMultiplesSummary: @Sendable (_ subject: String, _ rows: String, _ columns: String,
                                                 _ columnLabels: (first: String, last: String?)?, _ ownRanges: Bool) -> String
    /// "tanh: standard deviation shrinks from 0.2 to 0.0004."
    public var rowSpread: @Sendable (_ label: String, _ trend: Trend) -> String
    /// "Values exactly 0: 50%, 62% (shown apart from the bins)."
    public var pointMass: @Sendable (_ value: String, _ shares: [String]) -> String

    /// A table: every word and sentence, so a language without one of them does not compile.
    public init(
                counted: @escaping @Sendable (_ count: String, _ noun: Noun) -> String,
                lineChart: String,
                barChart: String,
                heatmap: String,
                histogram: String,
                histograms: String,
                noData: String,
                values: String,
                row: String,
                column: String,
                rowNumber: @escaping @Sendable (Int) -> String,
                count: String,
                shareOfValues: String,
                density: String,
                zeroBand: String,
                nonPositiveBand: String,
                notDrawn: @escaping @Sendable (_ parts: [String]) -> String,
                nonPositiveOnLogAxis: @escaping @Sendable (_ count: String) -> String,
                nonPositiveOnLogScale: @escaping @Sendable (_ count: String) -> String,
                outsideRange: @escaping @Sendable (_ count: String, _ from: String, _ to: String) -> String,
                outsideBins: @escaping @Sendable (_ count: String) -> String,
                noValue: String,
                emptyCells: @escaping @Sendable (_ meaning: String, _ count: String) -> String,
                coincide: @escaping @Sendable (_ labels: [String]) -> String,
                lineChartSummary: @escaping @Sendable (_ y: String, _ x: String, _ seriesCount: String?) -> String,
                seriesNoData: @escaping @Sendable (_ label: String) -> String,
                seriesAllZero: @escaping @Sendable (_ label: String) -> String,
                seriesPoint: @escaping @Sendable (_ label: String, _ y: String, _ xName: String, _ x: String) -> String,
                seriesRun: @escaping @Sendable (_ label: String, _ firstY: String, _ xName: String, _ firstX: String, _ lastY: String, _ lastX: String, _ range: (low: String, high: String)?) -> String,
                seriesZeros: @escaping @Sendable (_ zeros: String, _ of: String) -> String,
                referenceLine: @escaping @Sendable (_ label: String, _ value: String) -> String,
                barChartSummary: @escaping @Sendable (_ quantity: String, _ categoryCount: String, _ seriesCount: String?) -> String,
                allBarsEqual: @escaping @Sendable (_ value: String) -> String,
                highestAndLowest: @escaping @Sendable (_ high: String, _ highPlace: String, _ low: String, _ lowPlace: String) -> String,
                heatmapSummary: @escaping @Sendable (_ quantity: String, _ rowCount: String, _ rowName: String, _ columnCount: String, _ columnName: String) -> String,
                allCellsEqual: @escaping @Sendable (_ value: String, _ place: String) -> String,
                noCellHasAValue: String,
                emptyHistogramSummary: @escaping @Sendable (_ subject: String?) -> String,
                histogramSummary: @escaping @Sendable (_ subject: String?, _ count: String, _ bins: String, _ from: String, _ to: String, _ meanAndDeviation: (mean: String, deviation: String)?) -> String,
                fullestBin: @escaping @Sendable (_ from: String, _ to: String, _ share: String) -> String,
                curveShows: @escaping @Sendable (_ label: String) -> String,
                smallMultiplesSummary: @escaping @Sendable (_ subject: String, _ rows: String, _ columns: String, _ columnLabels: (first: String, last: String?)?, _ ownRanges: Bool) -> String,
                rowSpread: @escaping @Sendable (_ label: String, _ trend: Trend) -> String,
                pointMass: @escaping @Sendable (_ value: String, _ shares: [String]) -> String) {
        self.counted = counted
        self.lineChart = lineChart
        self.barChart = barChart
        self.heatmap = heatmap
        self.histogram = histogram
        self.histograms = histograms
        self.noData = noData
        self.values = values
        self.row = row
        self.column = column
        self.rowNumber = rowNumber
        self.count = count
        self.shareOfValues = shareOfValues
        self.density = density
        self.zeroBand = zeroBand
        self.nonPositiveBand = nonPositiveBand
        self.notDrawn = notDrawn
        self.nonPositiveOnLogAxis = nonPositiveOnLogAxis
        self.nonPositiveOnLogScale = nonPositiveOnLogScale
        self.outsideRange = outsideRange
        self.outsideBins = outsideBins
        self.noValue = noValue
        self.emptyCells = emptyCells
        self.coincide = coincide
        self.lineChartSummary = lineChartSummary
        self.seriesNoData = seriesNoData
        self.seriesAllZero = seriesAllZero
        self.seriesPoint = seriesPoint
        self.seriesRun = seriesRun
        self.seriesZeros = seriesZeros
        self.referenceLine = referenceLine
        self.barChartSummary = barChartSummary
        self.allBarsEqual = allBarsEqual
        self.highestAndLowest = highestAndLowest
        self.heatmapSummary = heatmapSummary
        self.allCellsEqual = allCellsEqual
        self.noCellHasAValue = noCellHasAValue
        self.emptyHistogramSummary = emptyHistogramSummary
        self.histogramSummary = histogramSummary
        self.fullestBin = fullestBin
        self.curveShows = curveShows
        self.smallMultiplesSummary = smallMultiplesSummary
        self.rowSpread = rowSpread
        self.pointMass = pointMass
    }
}

extension ChartText {
    public static let english: ChartText = ChartText(
        counted: englishCount,
        lineChart: "Line chart", barChart: "Bar chart", heatmap: "Heatmap", histogram: "Histogram", histograms: "Histograms",
        noData: "No data",
        values: "values", row: "row", column: "column", rowNumber: { "Row \($0)" },
        count: "count", shareOfValues: "share of values", density: "density",
        zeroBand: "= 0", nonPositiveBand: "≤ 0",
        notDrawn: { "Not drawn: " + $0.joined(separator: ", ") },
        nonPositiveOnLogAxis: { englishCount($0, .value) + " ≤ 0 on a log axis" },
        nonPositiveOnLogScale: { englishCount($0, .value) + " ≤ 0 on a log scale" },
        outsideRange: { englishCount($0, .value) + " outside \($1)…\($2)" },
        outsideBins: { englishCount($0, .value) + " outside the bins" },
        noValue: "No value",
        emptyCells: { "\($0): " + englishCount($1, .cell) },
        coincide: { englishList($0) + " coincide" },
        lineChartSummary: { y, x, n in
            let count = n.map { " for " + englishCount($0, .series) } ?? ""
            return "Line chart of \(y) against \(x)\(count)."
        },
        seriesNoData: { "\($0): no data." },
        seriesAllZero: { "\($0): exactly 0 at every point." },
        seriesPoint: { "\($0): \($1) at \($2) \($3)." },
        seriesRun: { label, y0, xName, x0, y1, x1, range in
            let extremes = range.map { " (range \($0.low) to \($0.high))" } ?? ""
            return "\(label): from \(y0) at \(xName) \(x0) to \(y1) at \(x1)\(extremes)."
        },
        seriesZeros: { "\($0) of \($1) values are exactly 0." },
        referenceLine: { "A dashed line marks \($0) (\($1))." },
        barChartSummary: { q, c, n in
            let series = n.map { " and " + englishCount($0, .series) } ?? ""
            return "Bar chart of \(q) for \(englishCount(c, .category))\(series)."
        },
        allBarsEqual: { "All bars are \($0)." },
        highestAndLowest: { "Highest \($0) (\($1)), lowest \($2) (\($3))." },
        heatmapSummary: { "Heatmap of \($0) for \($1) \($2) × \($3) \($4)." },
        allCellsEqual: { "Highest \($0) (\($1)); all cells are equal." },
        noCellHasAValue: "No cell has a value.",
        emptyHistogramSummary: { subject in
            let of = subject.map { " of " + $0 } ?? ""
            return "Histogram\(of) with no finite values to show."
        },
        histogramSummary: { subject, n, bins, from, to, moments in
            let of = subject.map { " of " + $0 } ?? ""
            let spread = moments.map { ", mean \($0.mean), standard deviation \($0.deviation)" } ?? ""
            return "Histogram\(of): \(englishCount(n, .value)) in \(englishCount(bins, .bin)) from \(from) to \(to)\(spread)."
        },
        fullestBin: { "The fullest bin, \($0) to \($1), holds \($2) of them." },
        curveShows: { "The curve shows \($0)." },
        smallMultiplesSummary: { subject, rows, columns, labels, ownRanges in
            var s = "Histograms of \(subject) in a grid of \(englishCount(rows, .row)) by \(englishCount(columns, .column))"
            if let labels { s += labels.last.map { " (\(labels.first) to \($0))" } ?? " (\(labels.first))" }
            return s + (ownRanges ? ", each panel on its own x range." : ".")
        },
        rowSpread: { label, trend in
            let change = switch trend {
            case .single(let v): v
            case .stays(let v): "stays near \(v)"
            case .shrinks(let a, let b): "shrinks from \(a) to \(b)"
            case .grows(let a, let b): "grows from \(a) to \(b)"
            }
            return "\(label): standard deviation \(change)."
        },
        pointMass: { "Values exactly \($0): \($1.joined(separator: ", ")) (shown apart from the bins)." })
}

/// "1 value", "3 values", "2 NaN".
private func englishCount(_ n: String, _ noun: ChartText.Noun) -> String {
    let (one, many) = switch noun {
    case .value: ("value", "values")
    case .category: ("category", "categories")
    case .series: ("series", "series")
    case .bin: ("bin", "bins")
    case .row: ("row", "rows")
    case .column: ("column", "columns")
    case .cell: ("cell", "cells")
    case .nan: ("NaN", "NaN")
    case .plusInfinity: ("+∞", "+∞")
    case .minusInfinity: ("\(minusSign)∞", "\(minusSign)∞")
    }
    return n + " " + (n == "1" ? one : many)
}

/// "A and B", "A, B and C".
private func englishList(_ items: [String]) -> String {
    items.count <= 2 ? items.joined(separator: " and ") : items.dropLast().joined(separator: ", ") + " and " + items.last!
}
