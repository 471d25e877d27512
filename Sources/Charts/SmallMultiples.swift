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
                panelHeight: Double = 64, columnsPerLine: Int? = nil) {
        self.columnsPerLine = columnsPerLine
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

    /// Panels per line: all columns (nil), or fewer, wrapping each row onto several lines (phones).
    public var columnsPerLine: Int?
    /// Palette slot of each row (nil: the row's position); a page sets them so a run keeps its colour.
    public var rowSlots: [Int]?
    /// The words the chart writes itself (description, note, y-axis title).
    public var text: ChartText = .english

    /// The x range every panel shows when they share one, nil when panels have ranges of their own.
    var sharedRange: ClosedRange<Double>? {
        if let r = x.range, r.lowerBound < r.upperBound, r.lowerBound.isFinite, r.upperBound.isFinite { return r }
        let all = histograms.joined()
        guard let lo = all.map(\.range.lowerBound).min(), let hi = all.map(\.range.upperBound).max(), lo < hi else { return 0...1 }
        return all.allSatisfy({ $0.range == lo...hi }) ? lo...hi : nil
    }

    /// The x range panel (r, c) shows: the shared one, or its bins' range widened to nice tick values, so both
    /// ends of a panel of its own carry a label (−2×10⁻⁴ … 2×10⁻⁴ rather than −1.2×10⁻⁴ … 0.9×10⁻⁴).
    func panelRange(_ r: Int, _ c: Int) -> ClosedRange<Double> {
        if let shared = sharedRange { return shared }
        guard let h = histogram(r, c), h.range.lowerBound < h.range.upperBound else { return 0...1 }
        // Values on both sides of 0 get a range symmetric about 0, so 0 sits mid-panel and the ends read ±m.
        var (a, b) = (h.range.lowerBound, h.range.upperBound)
        if a < 0 && b > 0 { let m = max(-a, b); (a, b) = (-m, m) }
        let (lo, hi) = niceDomain(a, b, count: 3)
        return lo < hi ? lo...hi : h.range
    }

    public var summary: String {
        let subject = x.title.isEmpty ? text.values : x.title
        let columnLabels = columns.first.map { (first: $0, last: columns.count == 1 ? nil : columns.last) }
        var s = text.smallMultiplesSummary(subject, grouped(rowCount), grouped(columnCount), columnLabels, sharedRange == nil)
        for r in 0..<rowCount {
            let spreads = (0..<columnCount).compactMap { histogram(r, $0)?.standardDeviation }
            let label = r < rows.count ? rows[r] : text.rowNumber(r + 1)
            guard let first = spreads.first, let last = spreads.last else { s += " " + text.seriesNoData(label); continue }
            s += " " + text.rowSpread(label, spreads.count == 1 ? .single(proseNumber(first)) : trend(from: first, to: last))
            let shares = (0..<columnCount).compactMap { c in histogram(r, c).flatMap { h in h.pointMass.map { ($0, h.finiteCount) } } }
            if let (mass, _) = shares.first {
                let percents = shares.map { percentLabel(Double($0.0.count) / Double(max(1, $0.1))) }
                s += " " + text.pointMass(proseNumber(mass.value), percents)
            }
        }
        let note = gridNote
        if !note.isEmpty { s += " " + note + "." }
        return s
    }

    private var gridNote: String {
        histogramNote(Array(histograms.joined()), xRange: sharedRange, text: text)
    }

    public var phoneLayout: SmallMultiples {
        var chart = self
        chart.width = phoneWidth
        // Three panels a line (two when each panel has its own range, whose labels carry their magnitude).
        chart.columnsPerLine = min(columnCount, columnCount > 4 && sharedRange != nil ? 3 : 2)
        return chart
    }

    public func drawing(idPrefix: String) -> ChartDrawing {
        let margin = 8.0
        let shared = sharedRange
        let note = gridNote
        let perLine = max(1, min(columnsPerLine ?? columnCount, max(1, columnCount)))
        let wrapped = perLine < columnCount
        let linesPerRow = max(1, (columnCount + perLine - 1) / perLine)
        // Each panel's x axis, over its range; labels carry their own magnitude (no shared ×10ⁿ in a title
        // that might not be under them). Labels are drawn under every line when panels wrap or differ.
        let labelsEverywhere = wrapped || shared == nil
        let xTitle = axisTitle(x, factor: nil)
        let stripHeight = FontSize.label + 8
        let columnStrip = FontSize.tick + 6
        let rowGap = 6.0
        let titleHeight = title.isEmpty ? 0 : FontSize.title + 12
        let columnLabelsHeight = columns.isEmpty || wrapped ? 0 : FontSize.label + 8
        let gridTop = titleHeight + 8 + columnLabelsHeight
        let xLabelsHeight = tickLength + 3 + FontSize.tick + 4
        let lineHeight = (wrapped && !columns.isEmpty ? columnStrip : 0) + panelHeight + (labelsEverywhere ? xLabelsHeight : 0)
        let rowHeight = stripHeight + Double(linesPerRow) * lineHeight + Double(linesPerRow - 1) * rowGap + rowGap
        let axisHeight = horizontalAxisHeight(hasTitle: !xTitle.isEmpty) - (labelsEverywhere ? xLabelsHeight - 4 : 0)
        let height = gridTop + Double(rowCount) * rowHeight + axisHeight + Figure.noteHeight(note)
        var figure = Figure(prefix: idPrefix, width: width, height: height,
                            title: title.isEmpty ? text.histograms : title, description: summary)
        _ = figure.title(title, x: margin, maxWidth: width - 2 * margin)

        // y scales: one per row (or one for all), from the tallest bar (a point mass is drawn apart).
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
        let yTitle = measure.title(text)
        let plotLeft = margin + FontSize.label + 8 + yLabelWidth + tickLength + 4
        // Tick labels near the panels' outer edges may reach past them: keep the neighbours' apart. Measured on
        // the panels' axes laid out at a first-guess width (the labels hardly change with a few pixels).
        let ranges = Array(Set((0..<rowCount).flatMap { r in (0..<columnCount).map { panelRange(r, $0) } }))
        var plotRight = width - margin, gap = 12.0
        var panelWidth = max(4, (plotRight - plotLeft - gap * Double(perLine - 1)) / Double(perLine))
        for _ in 0..<2 {
            var firstLabel = 0.0, lastLabel = 0.0
            for range in ranges {
                let probe = makeAxis(Axis(x.title, unit: x.unit, numberStyle: x.numberStyle), domain: (range.lowerBound, range.upperBound),
                                     range: (0, panelWidth), horizontal: true, inlineMagnitude: true)
                let placed = bottomAxisLabels(probe)
                if let (x, label) = placed.first { firstLabel = max(firstLabel, textWidth(label, fontSize: FontSize.tick) / 2 - x) }
                if let (x, label) = placed.last { lastLabel = max(lastLabel, textWidth(label, fontSize: FontSize.tick) / 2 - (panelWidth - x)) }
            }
            plotRight = width - max(margin, lastLabel + 2)
            gap = max(gap, (firstLabel + lastLabel + 10).rounded(.up))
            panelWidth = max(4, (plotRight - plotLeft - gap * Double(perLine - 1)) / Double(perLine))
        }
        func panelLeft(_ slot: Int) -> Double { (plotLeft + Double(slot) * (panelWidth + gap)).rounded() }

        // Column labels, centred over their panels (once at the top, or above each line when wrapped).
        func columnLabels(_ cs: Range<Int>, centreY: Double, size: Double) {
            figure.beginGroup("fill:\(Palette.text);font-size:\(coordinate(size))px", [("text-anchor", "middle")])
            for c in cs where c < columns.count {
                let slot = c - cs.lowerBound
                figure.text(truncated(columns[c], toWidth: panelWidth + gap - 2, fontSize: size),
                            x: panelLeft(slot) + panelWidth / 2, centreY: centreY)
            }
            figure.endGroup()
        }
        if !columns.isEmpty && !wrapped { columnLabels(0..<columnCount, centreY: gridTop - columnLabelsHeight / 2, size: FontSize.label) }

        // Panels are laid out first and drawn in layers afterwards (all grid lines in one path, a row's bars
        // in one path, all axes in one path, labels in a few groups), which keeps a 5 × 5 grid small.
        let annotation = FontSize.note - 1
        var bottomOfGrid = gridTop
        var grid = "", axes = "", spikes = ""
        var bars = [String](repeating: "", count: rowCount)
        var curves: [(points: [(Double, Double)], x: Scale, y: Scale)] = []
        var dots: [(Double, Double)] = []
        var rowLabels: [(Double, Double, String)] = [], lineColumnLabels: [(Double, Double, String)] = []
        var yLabels: [(Double, Double, String)] = [], xLabels: [(Double, Double, String)] = []
        var leftNotes: [(Double, Double, String)] = [], rightNotes: [(Double, Double, String)] = []
        var empty: [(Double, Double, Double, Double)] = []
        for r in 0..<rowCount {
            let rowTop = gridTop + Double(r) * rowHeight
            let label = r < rows.count ? rows[r] : ""
            if !label.isEmpty {
                rowLabels.append((panelLeft(0), rowTop + stripHeight / 2,
                                  truncated(label, toWidth: width - panelLeft(0) - margin, fontSize: FontSize.label, bold: true)))
            }
            for line in 0..<linesPerRow {
                let cs = (line * perLine)..<min(columnCount, (line + 1) * perLine)
                let lineTop = rowTop + stripHeight + Double(line) * (lineHeight + rowGap)
                if wrapped {
                    for c in cs where c < columns.count {
                        lineColumnLabels.append((panelLeft(c - cs.lowerBound) + panelWidth / 2, lineTop + columnStrip / 2 - 1,
                                                 truncated(columns[c], toWidth: panelWidth + gap - 2, fontSize: FontSize.tick)))
                    }
                }
                let top = (lineTop + (wrapped && !columns.isEmpty ? columnStrip : 0)).rounded()
                let bottom = top + panelHeight
                let y = yAxis(r, top: top)
                figure.checkTicks(y, name: "y")
                for c in cs {
                    let left = panelLeft(c - cs.lowerBound)
                    let range = panelRange(r, c)
                    let xAxis = makeAxis(Axis(x.title, unit: x.unit, numberStyle: x.numberStyle),
                                         domain: (range.lowerBound, range.upperBound), range: (left, left + panelWidth), horizontal: true,
                                         inlineMagnitude: true)
                    grid += gridPath(y, left: left, right: left + panelWidth)
                    if c == cs.lowerBound {
                        axes += leftAxisPath(y, x: left)
                        for t in y.ticks { if let l = t.label, let p = y.scale(t.value) { yLabels.append((left - tickLength - 3, crisp(p), l)) } }
                    }
                    let place = [label, c < columns.count ? columns[c] : ""].filter { !$0.isEmpty }.joined(separator: ", ")
                    if let h = histogram(r, c) {
                        let heights = h.counts.indices.map { measure.height(h, $0) }
                        bars[r] += barsPath(h, heights: heights, x: xAxis.scale, y: y.scale)
                        if let d = h.density {
                            let factor = measure.curveFactor(h)
                            curves.append((zip(d.x, d.y).map { ($0, $1 * factor) }.filter { $0.0.isFinite && $0.1.isFinite }, xAxis.scale, y.scale))
                        }
                        var massText = "", massX = left
                        if let mass = h.pointMass, let px = xAxis.scale.clamped(mass.value) {
                            // The point mass: a spike to the top of the panel, labelled with its share.
                            spikes += "M\(coordinate(px)),\(coordinate(bottom))V\(coordinate(top + annotation + 4))"
                            dots.append((px, top + annotation + 4))
                            massText = percentLabel(Double(mass.count) / Double(max(1, h.finiteCount))) + " = " + inlineNumber(mass.value)
                            massX = px
                        }
                        if crowded(h) {
                            figure.warn(.crowdedBins, "panel \(place): 90% of its values fall into one or two of \(h.counts.count) bins; use range: per-panel or a narrower range")
                        }
                        if h.finiteCount == 0 {
                            empty.append((left, left + panelWidth, top, bottom))
                        } else {
                            let sigma = h.standardDeviation.map { "σ " + figureNumber($0, significant: 2) } ?? ""
                            let massWidth = textWidth(massText, fontSize: annotation), sigmaWidth = textWidth(sigma, fontSize: annotation)
                            if !massText.isEmpty && massWidth < panelWidth - 2 {
                                // Beside the spike, on the side with room.
                                let rightSide = massX + 5 + massWidth <= left + panelWidth
                                leftNotes.append((rightSide ? massX + 5 : max(left, massX - 5 - massWidth), top + annotation - 1, massText))
                            }
                            if !sigma.isEmpty && sigmaWidth < panelWidth - 2 {
                                // Under the point-mass label when there is one, else in the top corner.
                                rightNotes.append((left + panelWidth, top + annotation - 1 + (massText.isEmpty ? 0 : annotation + 2), sigma))
                            }
                        }
                    }
                    let showLabels = labelsEverywhere || r == rowCount - 1
                    axes += bottomAxisPath(xAxis, y: bottom)
                    if showLabels {
                        for (px, l) in bottomAxisLabels(xAxis) { xLabels.append((px, bottomLabelBaseline(bottom), l)) }
                        figure.checkTicks(xAxis, name: "x (panel \(place))")
                    }
                    bottomOfGrid = max(bottomOfGrid, bottom)
                }
            }
        }
        func texts(_ items: [(Double, Double, String)], _ style: String, anchor: TextAnchor, centred: Bool = false) {
            guard !items.isEmpty else { return }
            var attributes: [(AttributeName, String)] = []
            if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
            figure.beginGroup(style, attributes)
            for (x, y, s) in items {
                if centred { figure.text(s, x: x, centreY: y, size: FontSize.tick) } else { figure.text(s, x: x, baseline: y) }
            }
            figure.endGroup()
        }
        texts(rowLabels.map { ($0.0, $0.1 + 0.35 * FontSize.label, $0.2) },
              "fill:\(Palette.text);font-size:\(coordinate(FontSize.label))px;font-weight:600", anchor: .start)
        texts(lineColumnLabels, "fill:\(Palette.text)", anchor: .middle, centred: true)
        if !grid.isEmpty {
            figure.beginGroup("stroke:\(Palette.grid);fill:none", [("shape-rendering", "crispEdges")])
            figure.svg.element(.path, [("d", grid)])
            figure.endGroup()
        }
        for (r, d) in bars.enumerated() where !d.isEmpty {
            figure.svg.element(.path, [("d", d), ("style", "fill:\(Palette.category(rowSlots.flatMap { r < $0.count ? $0[r] : nil } ?? r));fill-opacity:.85")])
        }
        for curve in curves { figure.drawCurve(curve.points, x: curve.x, y: curve.y) }
        if !spikes.isEmpty {
            figure.svg.element(.path, [("d", spikes), ("style", "stroke:\(Palette.text);stroke-width:2;fill:none")])
            figure.beginGroup("fill:\(Palette.text)")
            for (px, py) in dots { figure.svg.element(.circle, [("cx", coordinate(px)), ("cy", coordinate(py)), ("r", "2.5")]) }
            figure.endGroup()
        }
        figure.beginGroup("stroke:\(Palette.axis);fill:none", [("shape-rendering", "crispEdges")])
        figure.svg.element(.path, [("d", axes)])
        figure.endGroup()
        texts(yLabels, "fill:\(Palette.text)", anchor: .end, centred: true)
        texts(xLabels, "fill:\(Palette.text)", anchor: .middle)
        let small = "fill:\(Palette.text);font-size:\(coordinate(annotation))px"
        texts(leftNotes, small, anchor: .start)
        texts(rightNotes, small, anchor: .end)
        for e in empty { figure.noData(text.noData, left: e.0, right: e.1, top: e.2, bottom: e.3, size: annotation) }
        // The shared x title, centred under the whole grid, and the shared y title at the left.
        let gridBottom = bottomOfGrid + (labelsEverywhere ? xLabelsHeight : 0)
        if !xTitle.isEmpty {
            figure.beginGroup("fill:\(Palette.text);font-size:\(coordinate(FontSize.label))px", [("text-anchor", "middle")])
            figure.text(truncated(xTitle, toWidth: plotRight - plotLeft, fontSize: FontSize.label), x: (plotLeft + plotRight) / 2,
                        baseline: gridBottom + (labelsEverywhere ? 2 : tickLength + 3 + FontSize.tick * 0.8 + 6) + FontSize.label)
            figure.endGroup()
        }
        if rowCount > 0 {
            figure.leftAxisTitle(yTitle, x: margin + FontSize.label / 2, top: gridTop + stripHeight, bottom: bottomOfGrid)
        }
        figure.note(note, x: margin, maxWidth: width - 2 * margin)
        return figure.finish()
    }

    private func densityHeights(_ h: Histogram) -> [Double] {
        guard let d = h.density else { return [] }
        let r = sharedRange ?? h.range, factor = measure.curveFactor(h)
        return zip(d.x, d.y).filter { $0.0 >= r.lowerBound && $0.0 <= r.upperBound && $0.1.isFinite }.map { $0.1 * factor }
    }
}

/// How a spread changes from `a` to `b`: "shrinks from 0.2 to 0.0004", "grows from 1 to 12", "stays near 0.98".
func trend(from a: Double, to b: Double) -> ChartText.Trend {
    let (fa, fb) = (proseNumber(a), proseNumber(b))
    if fa == fb || (a > 0 && b > 0 && max(a, b) / min(a, b) < 1.1) { return .stays(fa) }
    return b < a ? .shrinks(from: fa, to: fb) : .grows(from: fa, to: fb)
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
