// LineChart: series of (x, y) points joined by lines — standard deviation against depth, loss against
// epoch — with optional markers and a shaded band per series (e.g. min–max over seeds). Points that
// cannot be drawn (NaN, ±∞, ≤ 0 on a log axis) break the line, as in matplotlib, and are counted in
// the note line.

/// A line chart with one or more series.
///
///     let chart = LineChart(title: "Activation spread across depth",
///                           x: Axis("layer"), y: Axis("standard deviation", scale: .log),
///                           series: [.init("Xavier", x: layers, y: xavierStd, lower: xavierMin, upper: xavierMax),
///                                    .init("N(0, 0.01²)", x: layers, y: smallStd)])
///     let svg = chart.svg(idPrefix: "fig-std")
public struct LineChart: Chart {
    public struct Series: Sendable, Hashable {
        public var label: String
        public var x: [Double]
        public var y: [Double]
        /// A band around the line (same length as `x`), e.g. the minimum and maximum over seeds.
        public var lower: [Double]?
        public var upper: [Double]?
        public var markers: Bool
        /// false: markers only, no connecting line (a scatter, e.g. one point per trial).
        public var line: Bool

        public init(_ label: String, x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                    markers: Bool = false, line: Bool = true) {
            self.label = label
            self.x = x
            self.y = y
            self.lower = lower
            self.upper = upper
            self.markers = markers || !line
            self.line = line
        }

        var points: [(Double, Double)] { Array(zip(x, y)) }
        var band: [(Double, Double, Double)] {
            guard let lower, let upper else { return [] }
            return (0..<min(x.count, lower.count, upper.count)).map { (x[$0], lower[$0], upper[$0]) }
        }
    }

    public var title: String
    public var x: Axis
    public var y: Axis
    public var series: [Series]
    /// Label for the bands in the legend, e.g. "min–max over 5 seeds" (empty: no legend entry).
    public var bandLabel: String
    public var width: Double
    public var height: Double

    public init(title: String, x: Axis, y: Axis, series: [Series], bandLabel: String = "", width: Double = 640, height: Double = 360) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.bandLabel = bandLabel
        self.width = width
        self.height = height
    }

    /// Points that cannot be placed on the axes, by kind, for the note and the description.
    private var undrawable: (nan: Int, positive: Int, negative: Int, nonPositive: Int) {
        var counts = (nan: 0, positive: 0, negative: 0, nonPositive: 0)
        for s in series {
            for (px, py) in s.points {
                for (v, axis) in [(px, x), (py, y)] {
                    if v.isNaN { counts.nan += 1 } else if v == .infinity { counts.positive += 1 }
                    else if v == -.infinity { counts.negative += 1 } else if axis.scale == .log && v <= 0 { counts.nonPositive += 1 }
                }
            }
        }
        return counts
    }

    var note: String {
        let u = undrawable
        return notDrawnNote(nan: u.nan, positiveInfinity: u.positive, negativeInfinity: u.negative,
                            other: u.nonPositive > 0 ? ["\(counted(u.nonPositive, "value")) ≤ 0 on a log axis"] : [])
    }

    public var summary: String {
        let xName = x.title.isEmpty ? "x" : x.title, yName = y.title.isEmpty ? "y" : y.title
        var s = "Line chart of \(yName) against \(xName)"
        s += series.count == 1 ? "." : " for \(counted(series.count, "series", "series"))."
        for item in series {
            let drawable = item.points.filter { x.scale == .linear || $0.0 > 0 }.filter { $0.0.isFinite && $0.1.isFinite && (y.scale == .linear || $0.1 > 0) }
            guard let first = drawable.first, let last = drawable.last else { s += " \(item.label): no data."; continue }
            if drawable.count == 1 {
                s += " \(item.label): \(proseNumber(first.1)) at \(xName) \(proseNumber(first.0))."
            } else {
                s += " \(item.label): from \(proseNumber(first.1)) at \(xName) \(proseNumber(first.0)) to \(proseNumber(last.1)) at \(proseNumber(last.0))"
                let ys = drawable.map(\.1)
                if let lo = ys.min(), let hi = ys.max(), lo < min(first.1, last.1) || hi > max(first.1, last.1) {
                    s += " (range \(proseNumber(lo)) to \(proseNumber(hi)))"
                }
                s += "."
            }
        }
        if !note.isEmpty { s += " " + note + "." }
        return s
    }

    private static let dashes = [nil, "6 3", "2 2", "8 3 2 3"]

    private func dash(_ i: Int) -> String? { Self.dashes[(i / 8) % Self.dashes.count] }

    public func svg(idPrefix: String) -> String {
        let margin = 8.0
        let note = self.note
        var figure = Figure(prefix: idPrefix, width: width, height: height, title: title.isEmpty ? "Line chart" : title,
                            description: summary)
        let titleHeight = figure.title(title, x: margin, maxWidth: width - 2 * margin)
        var legend: [LegendEntry] = []
        if series.count > 1 || !bandLabel.isEmpty {
            legend = series.enumerated().map { i, s in
                LegendEntry(label: s.label, swatch: .line(colour: Palette.category(i), dash: dash(i), marker: s.markers))
            }
            if !bandLabel.isEmpty && series.contains(where: { !$0.band.isEmpty }) {
                legend.append(LegendEntry(label: bandLabel, swatch: .band(colour: Palette.category(0))))
            }
        }
        let legendTop = titleHeight + 6
        let xTitle = axisTitle(x, factor: nil)
        let plotBottom = height - horizontalAxisHeight(hasTitle: !xTitle.isEmpty) - Figure.noteHeight(note)

        func values(_ pick: (Series) -> [Double], _ axis: Axis) -> [Double] {
            series.flatMap(pick).filter { $0.isFinite && (axis.scale == .linear || $0 > 0) }
        }
        let xs = values(\.x, x)
        let ys = values(\.y, y) + values({ $0.band.map(\.1) }, y) + values({ $0.band.map(\.2) }, y)
        let xExtent = xs.isEmpty ? nil : (xs.min()!, xs.max()!)
        let yExtent = ys.isEmpty ? nil : (ys.min()!, ys.max()!)

        // Legend width depends on the plot's left edge, which depends on the y labels: lay out with a
        // first guess, then settle.
        var plotLeft = 60.0, plotTop = 0.0
        var yAxis = makeAxis(y, domain: (0, 1), range: (0, 1), horizontal: false)
        for _ in 0..<2 {
            plotTop = legendTop + legendHeight(legend, width: width - plotLeft - margin) + 8
            let yDomain = axisDomain(y, extent: yExtent, nice: true, pixels: plotBottom - plotTop, horizontal: false)
            yAxis = makeAxis(y, domain: yDomain, range: (plotBottom, plotTop), horizontal: false)
            plotLeft = margin + (yAxis.title.isEmpty ? 0 : FontSize.label + 8) + widestLabel(yAxis) + tickLength + 4
        }
        let xDomain = axisDomain(x, extent: xExtent, nice: false, pixels: width - plotLeft, horizontal: true)
        var plotRight = width - 12
        // Layers and epochs are whole numbers: their axis gets no 2.5.
        let wholeX = x.scale == .linear && !xs.isEmpty && xs.allSatisfy { $0 == $0.rounded() }
        // Data runs from edge to edge of the x domain; a small inset keeps end markers off the y spine.
        let inset = 6.0
        var xAxis = makeAxis(x, domain: xDomain, range: (plotLeft + inset, plotRight - inset), horizontal: true, integer: wholeX)
        if let last = xAxis.labelled.last, let lastX = xAxis.scale(last.value) {
            let overhang = lastX + textWidth(last.label!, fontSize: FontSize.tick) / 2 + 2 - width
            if overhang > 0 {
                plotRight -= overhang
                xAxis = makeAxis(x, domain: xDomain, range: (plotLeft + inset, plotRight - inset), horizontal: true, integer: wholeX)
            }
        }

        figure.legend(legend, x: plotLeft, y: legendTop, width: width - plotLeft - margin)
        figure.leftAxis(yAxis, x: plotLeft, gridRight: plotRight)
        figure.leftAxisTitle(yAxis.title, x: margin + FontSize.label / 2, top: plotTop, bottom: plotBottom)

        // Bands first, under every line.
        for (i, s) in series.enumerated() where !s.band.isEmpty {
            let placed: [(Double, Double, Double)?] = s.band.map { p in
                guard let px = xAxis.scale(p.0), let lo = yAxis.scale.clamped(p.1), let hi = yAxis.scale.clamped(p.2),
                      yAxis.scale.accepts(p.1), yAxis.scale.accepts(p.2) else { return nil }
                return (px, lo, hi)
            }
            for run in drawableRuns(placed) where run.count > 1 {
                let outline: [(Double, Double)?] = run.map { ($0.0, $0.2) } + run.reversed().map { ($0.0, $0.1) }
                figure.svg.element(.path, [("d", polylinePath(outline) + "z"), ("style", "fill:\(Palette.category(i));fill-opacity:.2")])
            }
        }
        for (i, s) in series.enumerated() {
            let colour = Palette.category(i)
            let mapped: [(Double, Double)?] = s.points.map { p in
                guard let px = xAxis.scale(p.0), let py = yAxis.scale(p.1) else { return nil }
                return (px, py)
            }
            let d = polylinePath(mapped)
            guard !d.isEmpty || !s.line else { continue }
            if s.line {
                var attributes: [(AttributeName, String)] = [("d", d), ("style", "fill:none;stroke:\(colour);stroke-width:2;stroke-linejoin:round;stroke-linecap:round")]
                if let dash = dash(i) { attributes.append(("stroke-dasharray", dash)) }
                figure.svg.element(.path, attributes)
            }
            // A lone point has no line to show it: give it a marker even when markers are off.
            let isolated = mapped.indices.filter { j in
                mapped[j] != nil && (j == 0 || mapped[j - 1] == nil) && (j == mapped.count - 1 || mapped[j + 1] == nil)
            }
            let markerPoints = s.markers ? mapped.compactMap { $0 } : isolated.compactMap { mapped[$0] }
            if !markerPoints.isEmpty {
                figure.beginGroup("fill:\(colour)")
                for (px, py) in markerPoints {
                    figure.svg.element(.circle, [("cx", coordinate(px)), ("cy", coordinate(py)), ("r", "2.5")])
                }
                figure.endGroup()
            }
        }
        if xs.isEmpty || ys.isEmpty { figure.noData(left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom) }
        figure.bottomAxis(xAxis, y: plotBottom, spine: (plotLeft, plotRight))
        figure.note(note, x: margin, maxWidth: width - 2 * margin)
        return figure.finish()
    }
}

/// Splits a sequence at its nils into runs of consecutive values.
func drawableRuns<T>(_ items: [T?]) -> [[T]] {
    var runs: [[T]] = [[]]
    for item in items {
        if let item { runs[runs.count - 1].append(item) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
    }
    return runs.filter { !$0.isEmpty }
}
