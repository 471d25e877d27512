// SmallMultiples: a grid of histograms sharing their x axis — rows are configurations (an initializer,
// an activation), columns are layers — the per-layer activation figure of Glorot & Bengio (2010, fig. 6)
// and of every initialization tutorial since. Each row is labelled above its panels; each panel states
// its standard deviation, so a distribution collapsing to a spike still reads as a number.

/// Which panels share a y scale.
public enum SharedScale: Sendable, Hashable {
    /// Panels in a row share one y scale (compare layers within a configuration).
    case row
    /// All panels share one y scale.
    case all
}

/// A grid of histograms with shared axes.
///
///     let grid = SmallMultiples(title: "tanh activations per layer",
///                               rows: ["N(0, 0.01²)", "Xavier"], columns: ["layer 1", "layer 2", "layer 3"],
///                               histograms: [[h11, h12, h13], [h21, h22, h23]],
///                               x: Axis("activation", range: -1...1))
///     let svg = grid.svg(idPrefix: "fig-tanh")
public struct SmallMultiples: Chart {
    public var title: String
    /// Row labels (configurations), top to bottom.
    public var rows: [String]
    /// Column labels (e.g. layers), left to right.
    public var columns: [String]
    /// `histograms[row][column]`; missing panels (short rows) are left empty.
    public var histograms: [[Histogram]]
    /// The shared x axis; its range (default: the union of the histograms' ranges) applies to every panel.
    public var x: Axis
    public var measure: HistogramMeasure
    public var sharedY: SharedScale
    public var width: Double
    /// Height of each panel's plot area.
    public var panelHeight: Double

    public init(title: String, rows: [String], columns: [String], histograms: [[Histogram]], x: Axis,
                measure: HistogramMeasure = .fraction, sharedY: SharedScale = .row, width: Double = 640,
                panelHeight: Double = 64) {
        self.title = title
        self.rows = rows
        self.columns = columns
        self.histograms = histograms
        self.x = x
        self.measure = measure
        self.sharedY = sharedY
        self.width = width
        self.panelHeight = panelHeight
    }

    var rowCount: Int { max(rows.count, histograms.count) }
    var columnCount: Int { max(columns.count, histograms.map(\.count).max() ?? 0) }

    func histogram(_ r: Int, _ c: Int) -> Histogram? {
        r < histograms.count && c < histograms[r].count ? histograms[r][c] : nil
    }

    /// The x range every panel shows.
    var shownRange: ClosedRange<Double> {
        if let r = x.range, r.lowerBound < r.upperBound, r.lowerBound.isFinite, r.upperBound.isFinite { return r }
        let all = histograms.joined()
        guard let lo = all.map(\.range.lowerBound).min(), let hi = all.map(\.range.upperBound).max(), lo < hi else { return 0...1 }
        return lo...hi
    }

    public var summary: String {
        let subject = x.title.isEmpty ? "values" : x.title
        var s = "Histograms of \(subject) in a grid of \(counted(rowCount, "row")) by \(counted(columnCount, "column"))"
        if columns.count == 1 { s += " (\(columns[0]))" } else if let first = columns.first, let last = columns.last { s += " (\(first) to \(last))" }
        s += "."
        for r in 0..<rowCount {
            let spreads = (0..<columnCount).compactMap { histogram(r, $0)?.standardDeviation }
            let label = r < rows.count ? rows[r] : "Row \(r + 1)"
            guard let first = spreads.first, let last = spreads.last else { s += " \(label): no data."; continue }
            if spreads.count == 1 {
                s += " \(label): standard deviation \(proseNumber(first))."
            } else {
                s += " \(label): standard deviation \(trend(from: first, to: last))."
            }
        }
        let note = histogramNote(Array(histograms.joined()), xRange: shownRange)
        if !note.isEmpty { s += " " + note + "." }
        return s
    }

    public func svg(idPrefix: String) -> String {
        let margin = 8.0
        let range = shownRange
        let note = histogramNote(Array(histograms.joined()), xRange: range)
        let xTitle = axisTitle(x, factor: nil)
        // Vertical layout: title, column labels, then per row a label strip and a panel; x axis at the bottom.
        let stripHeight = FontSize.label + 8
        let rowGap = 6.0
        let titleHeight = title.isEmpty ? 0 : FontSize.title + 12
        let columnLabelsHeight = columns.isEmpty ? 0 : FontSize.label + 8
        let gridTop = titleHeight + 8 + columnLabelsHeight
        let rowHeight = stripHeight + panelHeight + rowGap
        let axisHeight = horizontalAxisHeight(hasTitle: !xTitle.isEmpty)
        let height = gridTop + Double(rowCount) * rowHeight + axisHeight + Figure.noteHeight(note)
        var figure = Figure(prefix: idPrefix, width: width, height: height,
                            title: title.isEmpty ? "Histograms" : title, description: summary)
        _ = figure.title(title, x: margin, maxWidth: width - 2 * margin)

        // y scales: one per row (or one for all), from the tallest bar.
        func tallest(_ hs: [Histogram]) -> Double {
            hs.flatMap { h in h.counts.indices.map { measure.height(h, $0) } + densityHeights(h) }.max() ?? 0
        }
        let rowMax = (0..<rowCount).map { r in tallest((0..<columnCount).compactMap { histogram(r, $0) }) }
        let globalMax = rowMax.max() ?? 0
        let style = measure.numberStyle
        func yAxis(_ r: Int, top: Double) -> AxisModel {
            let m = sharedY == .all ? globalMax : rowMax[r]
            // Headroom keeps the tallest bar below the band where the panel's σ label sits.
            let headroom = 1 / max(0.5, 1 - (FontSize.note + 2) / panelHeight)
            let ceiling = measure == .fraction ? min(1, m * headroom) : m * headroom
            let domain = axisDomain(Axis(), extent: m > 0 ? (0, ceiling) : nil, nice: true, includeZero: true,
                                    pixels: panelHeight, horizontal: false)
            return makeAxis(Axis(), domain: domain, range: (top + panelHeight, top), horizontal: false, numberStyle: style)
        }
        let probes = (0..<rowCount).map { yAxis($0, top: 0) }
        let yLabelWidth = probes.map(widestLabel).max() ?? 0
        let yTitle = measure.title
        let plotLeft = margin + FontSize.label + 8 + yLabelWidth + tickLength + 4
        // Tick labels at the panels' outer edges sit half outside them: keep the neighbours' apart.
        let firstLabel = textWidth(figureNumber(range.lowerBound), fontSize: FontSize.tick)
        let lastLabel = textWidth(figureNumber(range.upperBound), fontSize: FontSize.tick)
        let plotRight = width - max(margin, lastLabel / 2 + 2)
        let gap = max(12, ((firstLabel + lastLabel) / 2 + 8).rounded(.up))
        let columns = max(1, columnCount)
        let panelWidth = max(4, (plotRight - plotLeft - gap * Double(columns - 1)) / Double(columns))
        func panelLeft(_ c: Int) -> Double { (plotLeft + Double(c) * (panelWidth + gap)).rounded() }

        // Column labels, centred over their panels.
        if !self.columns.isEmpty {
            figure.beginGroup("fill:\(Palette.text);font-size:\(coordinate(FontSize.label))px", [("text-anchor", "middle")])
            for (c, label) in self.columns.enumerated() where c < columns {
                figure.text(truncated(label, toWidth: panelWidth + gap - 2, fontSize: FontSize.label),
                            x: panelLeft(c) + panelWidth / 2, centreY: gridTop - columnLabelsHeight / 2)
            }
            figure.endGroup()
        }

        var lastXAxis: [AxisModel] = []
        for r in 0..<rowCount {
            let rowTop = gridTop + Double(r) * rowHeight
            let top = (rowTop + stripHeight).rounded()
            let bottom = top + panelHeight
            let label = r < rows.count ? rows[r] : ""
            if !label.isEmpty {
                figure.beginGroup("fill:\(Palette.text);font-size:\(coordinate(FontSize.label))px;font-weight:600")
                figure.text(truncated(label, toWidth: width - panelLeft(0) - margin, fontSize: FontSize.label, bold: true),
                            x: panelLeft(0), centreY: rowTop + stripHeight / 2)
                figure.endGroup()
            }
            let y = yAxis(r, top: top)
            let colour = Palette.category(r)
            lastXAxis = []
            for c in 0..<columns {
                let left = panelLeft(c)
                let xAxis = makeAxis(Axis(x.title, unit: x.unit, numberStyle: x.numberStyle),
                                     domain: (range.lowerBound, range.upperBound), range: (left, left + panelWidth), horizontal: true)
                lastXAxis.append(xAxis)
                var panelY = y
                panelY.ticks = y.ticks
                // Grid lines in every panel; the y labels only in the first column.
                figure.leftAxisGrid(panelY, left: left, right: left + panelWidth)
                if c == 0 { figure.leftAxis(panelY, x: left) }
                if let h = histogram(r, c) {
                    let heights = h.counts.indices.map { measure.height(h, $0) }
                    figure.drawBins(h, heights: heights, x: xAxis.scale, y: panelY.scale, style: .bars, colour: colour)
                    if let d = h.density {
                        let factor = measure.curveFactor(h)
                        figure.drawCurve(zip(d.x, d.y).map { ($0, $1 * factor) }.filter { $0.0.isFinite && $0.1.isFinite },
                                         x: xAxis.scale, y: panelY.scale)
                    }
                    if h.finiteCount == 0 {
                        figure.noData(left: left, right: left + panelWidth, top: top, bottom: bottom, size: FontSize.note - 1)
                    } else if let sd = h.standardDeviation {
                        let text = "σ " + figureNumber(sd, significant: 2)
                        if textWidth(text, fontSize: FontSize.note - 1) < panelWidth - 4 {
                            figure.beginGroup("fill:\(Palette.muted);font-size:\(coordinate(FontSize.note - 1))px", [("text-anchor", "end")])
                            figure.text(text, x: left + panelWidth, baseline: top + FontSize.note - 2)
                            figure.endGroup()
                        }
                    }
                }
                figure.bottomAxis(xAxis, y: bottom, showLabels: r == rowCount - 1, showTitle: false)
            }
        }
        // The shared x title, centred under the whole grid, and the shared y title at the left.
        let gridBottom = gridTop + Double(rowCount) * rowHeight - rowGap
        if !xTitle.isEmpty {
            figure.beginGroup("fill:\(Palette.text);font-size:\(coordinate(FontSize.label))px", [("text-anchor", "middle")])
            figure.text(truncated(xTitle, toWidth: plotRight - plotLeft, fontSize: FontSize.label), x: (plotLeft + plotRight) / 2,
                        baseline: gridBottom + tickLength + 3 + FontSize.tick * 0.8 + 6 + FontSize.label)
            figure.endGroup()
        }
        if rowCount > 0 {
            figure.leftAxisTitle(yTitle, x: margin + FontSize.label / 2, top: gridTop + stripHeight, bottom: gridBottom)
        }
        figure.note(note, x: margin, maxWidth: width - 2 * margin)
        return figure.finish()
    }

    private func densityHeights(_ h: Histogram) -> [Double] {
        guard let d = h.density else { return [] }
        let r = shownRange, factor = measure.curveFactor(h)
        return zip(d.x, d.y).filter { $0.0 >= r.lowerBound && $0.0 <= r.upperBound && $0.1.isFinite }.map { $0.1 * factor }
    }
}

/// "shrinks from 0.2 to 0.0004", "grows from 1 to 12", "stays near 0.98".
func trend(from a: Double, to b: Double) -> String {
    let (fa, fb) = (proseNumber(a), proseNumber(b))
    if fa == fb || (a > 0 && b > 0 && max(a, b) / min(a, b) < 1.1) { return "stays near \(fa)" }
    return (b < a ? "shrinks" : "grows") + " from \(fa) to \(fb)"
}

extension Figure {
    /// Grid lines of a vertical axis across a panel, without spine or labels.
    mutating func leftAxisGrid(_ model: AxisModel, left: Double, right: Double) {
        let d = model.ticks.filter { $0.label != nil }.compactMap { t in model.scale(t.value) }
            .filter { abs($0 - model.scale.range.0) > 0.5 }  // the baseline is drawn by the x axis
            .map { "M\(coordinate(crisp(left))),\(coordinate(crisp($0)))H\(coordinate(crisp(right)))" }.joined()
        guard !d.isEmpty else { return }
        beginGroup("stroke:\(Palette.grid);fill:none", [("shape-rendering", "crispEdges")])
        svg.element(.path, [("d", d)])
        endGroup()
    }
}
