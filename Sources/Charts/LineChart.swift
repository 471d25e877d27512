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
        /// The palette slot (colour, dash pattern, marker shape); nil takes the series' position. A page
        /// sets it so that one run label has one colour in all its figures.
        public var slot: Int?
        /// false: markers only, no connecting line (a scatter, e.g. one point per trial).
        public var line: Bool

        public init(_ label: String, x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
                    markers: Bool = false, slot: Int? = nil, line: Bool = true) {
            self.slot = slot
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

    /// A horizontal line at a level of note (a chance level, a target), drawn dashed in the text colour
    /// and labelled at its right end.
    public struct Reference: Sendable, Hashable {
        public var label: String
        public var y: Double
        public init(_ label: String, y: Double) { self.label = label; self.y = y }
    }

    public var title: String
    public var x: Axis
    public var y: Axis
    public var series: [Series]
    public var references: [Reference] = []
    /// Label for the bands in the legend, e.g. "min–max over 5 seeds" (empty: no legend entry).
    public var bandLabel: String
    public var width: Double
    public var height: Double
    /// The words the chart writes itself (descriptions, notes, the "= 0" band).
    public var text: ChartText = .english

    public init(title: String, x: Axis, y: Axis, series: [Series], references: [Reference] = [], bandLabel: String = "",
                width: Double = 640, height: Double = 360) {
        self.references = references
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.bandLabel = bandLabel
        self.width = width
        self.height = height
    }

    /// Points that cannot be placed on the axes, by kind, for the note and the description. Values ≤ 0 on
    /// a log y axis are not among them: they are drawn in the "= 0" band below the plot.
    private var undrawable: (nan: Int, positive: Int, negative: Int, nonPositive: Int) {
        var counts = (nan: 0, positive: 0, negative: 0, nonPositive: 0)
        for s in series {
            for (px, py) in s.points {
                for (v, axis, isX) in [(px, x, true), (py, y, false)] {
                    if v.isNaN { counts.nan += 1 } else if v == .infinity { counts.positive += 1 }
                    else if v == -.infinity { counts.negative += 1 } else if isX && axis.scale == .log && v <= 0 { counts.nonPositive += 1 }
                }
            }
        }
        return counts
    }

    /// Finite y values ≤ 0 on a log y axis: drawn in a band below the plot, labelled "= 0" (or "≤ 0").
    private var floorValues: (zeros: Int, negatives: Int) {
        guard y.scale == .log else { return (0, 0) }
        var counts = (zeros: 0, negatives: 0)
        for s in series { for (px, py) in s.points where px.isFinite && py.isFinite && py <= 0 {
            if py == 0 { counts.zeros += 1 } else { counts.negatives += 1 }
        } }
        return counts
    }

    var note: String {
        let u = undrawable
        return notDrawnNote(text, nan: u.nan, positiveInfinity: u.positive, negativeInfinity: u.negative,
                            other: u.nonPositive > 0 ? [text.nonPositiveOnLogAxis(grouped(u.nonPositive))] : [])
    }

    /// Series that coincide: groups of indices (more than one each) whose points all lie within `tolerance`
    /// of each other, relative to the y extent (a pixel on a 360-px chart is about 1/300).
    func coincidingGroups(tolerance: Double = 1.0 / 300) -> [[Int]] {
        let ys = series.flatMap(\.y).filter { $0.isFinite && (y.scale == .linear || $0 > 0) }
        guard let lo = ys.min(), let hi = ys.max() else { return [] }
        func position(_ v: Double) -> Double? {
            guard v.isFinite else { return nil }
            if y.scale == .log { return v > 0 && lo > 0 ? ChartMath.log10(v) : nil }
            return v
        }
        let span = y.scale == .log ? max(ChartMath.log10(hi) - ChartMath.log10(max(lo, .leastNormalMagnitude)), 1e-12) : max(hi - lo, abs(hi) * 1e-9, 1e-300)
        func same(_ a: Series, _ b: Series) -> Bool {
            guard a.x == b.x, a.y.count == b.y.count, !a.y.isEmpty else { return false }
            for (p, q) in zip(a.y, b.y) {
                switch (position(p), position(q)) {
                case let (u?, v?): if abs(u - v) > tolerance * span { return false }
                case (nil, nil): if p.isNaN != q.isNaN || (!p.isNaN && p != q && !(p <= 0 && q <= 0)) { return false }
                default: return false
                }
            }
            return true
        }
        var groups: [[Int]] = []
        var taken = Set<Int>()
        for i in series.indices where !taken.contains(i) {
            let group = [i] + series.indices.filter { $0 > i && !taken.contains($0) && same(series[i], series[$0]) }
            if group.count > 1 { groups.append(group); taken.formUnion(group) }
        }
        return groups
    }

    /// The label a group of coinciding series carries: "A, B and C coincide".
    private func groupLabel(_ group: [Int]) -> String { text.coincide(group.map { series[$0].label }) }

    public var summary: String {
        let xName = x.title.isEmpty ? "x" : x.title, yName = y.title.isEmpty ? "y" : y.title
        var sentences = [text.lineChartSummary(yName, xName, series.count == 1 ? nil : grouped(series.count))]
        for item in series {
            let drawable = item.points.filter { x.scale == .linear || $0.0 > 0 }.filter { $0.0.isFinite && $0.1.isFinite && (y.scale == .linear || $0.1 > 0) }
            let zeros = y.scale == .log ? item.points.filter { $0.0.isFinite && $0.1 == 0 }.count : 0
            guard let first = drawable.first, let last = drawable.last else {
                sentences.append(zeros == 0 ? text.seriesNoData(item.label) : text.seriesAllZero(item.label))
                continue
            }
            if drawable.count == 1 {
                sentences.append(text.seriesPoint(item.label, proseNumber(first.1), xName, proseNumber(first.0)))
            } else {
                let ys = drawable.map(\.1)
                var range: (low: String, high: String)?
                if let lo = ys.min(), let hi = ys.max(), lo < min(first.1, last.1) || hi > max(first.1, last.1) {
                    range = (proseNumber(lo), proseNumber(hi))
                }
                sentences.append(text.seriesRun(item.label, proseNumber(first.1), xName, proseNumber(first.0),
                                                proseNumber(last.1), proseNumber(last.0), range))
            }
            if zeros > 0 { sentences.append(text.seriesZeros(grouped(zeros), grouped(item.points.count))) }
        }
        for group in coincidingGroups() { sentences.append(groupLabel(group) + ".") }
        for r in references { sentences.append(text.referenceLine(r.label, proseNumber(r.y))) }
        if !note.isEmpty { sentences.append(note + ".") }
        return sentences.joined(separator: " ")
    }

    /// The palette slot of series `i`.
    func slot(_ i: Int) -> Int { series[i].slot ?? i }

    public var phoneLayout: LineChart {
        var chart = self
        chart.width = phoneWidth
        chart.height = min(height, 300)
        return chart
    }

    public func drawing(idPrefix: String) -> ChartDrawing {
        let margin = 8.0
        let note = self.note
        var figure = Figure(prefix: idPrefix, width: width, height: height, title: title.isEmpty ? text.lineChart : title,
                            description: summary)
        let titleHeight = figure.title(title, x: margin, maxWidth: width - 2 * margin)
        let groups = coincidingGroups()
        let inGroups = Set(groups.joined())
        // Direct labels at the line ends name the series (a legend would leave the reader matching dashes);
        // coinciding series share one label. The legend remains for the band, and names scatter series, whose
        // last point is no end.
        let scatter = series.allSatisfy { !$0.line }
        let labelled = series.count > 1 && !scatter
        var endLabels: [(text: String, members: [Int])] = []
        if labelled {
            for i in series.indices where !inGroups.contains(i) { endLabels.append((series[i].label, [i])) }
            for g in groups { endLabels.append((groupLabel(g), g)) }
            endLabels.sort { $0.members[0] < $1.members[0] }
        }
        var legend: [LegendEntry] = []
        if !bandLabel.isEmpty && series.contains(where: { !$0.band.isEmpty }) {
            legend.append(LegendEntry(label: bandLabel, swatch: .band(colour: Palette.category(slot(series.firstIndex { !$0.band.isEmpty } ?? 0)))))
        }
        if scatter && series.count > 1 {
            legend += series.indices.map { LegendEntry(label: series[$0].label, swatch: .marker(slot: slot($0), colour: Palette.category(slot($0)))) }
        }
        let legendTop = titleHeight + 6
        let xTitle = axisTitle(x, factor: nil)
        let floor = floorValues
        let floorBand = floor.zeros + floor.negatives > 0 ? 18.0 : 0
        let plotBottom = height - horizontalAxisHeight(hasTitle: !xTitle.isEmpty) - Figure.noteHeight(note) - floorBand

        func values(_ pick: (Series) -> [Double], _ axis: Axis) -> [Double] {
            series.flatMap(pick).filter { $0.isFinite && (axis.scale == .linear || $0 > 0) }
        }
        let xs = values(\.x, x)
        let ys = values(\.y, y) + values({ $0.band.map(\.1) }, y) + values({ $0.band.map(\.2) }, y)
            + references.map(\.y).filter { $0.isFinite && (y.scale == .linear || $0 > 0) }
        let xExtent = xs.isEmpty ? nil : (xs.min()!, xs.max()!)
        let yExtent = ys.isEmpty ? nil : (ys.min()!, ys.max()!)

        // Room at the right for the end labels: the widest, within a third of the figure.
        let labelTexts = endLabels.map(\.text) + references.map(\.label)
        let labelRoom = labelTexts.isEmpty ? 0 : min(width / 3, (labelTexts.map { textWidth($0, fontSize: FontSize.tick) }.max() ?? 0) + 10)

        // Legend width depends on the plot's left edge, which depends on the y labels: lay out with a
        // first guess, then settle.
        var plotLeft = 60.0, plotTop = 0.0
        var yAxis = makeAxis(y, domain: (0, 1), range: (0, 1), horizontal: false)
        for _ in 0..<2 {
            plotTop = legendTop + legendHeight(legend, width: width - plotLeft - margin) + 8
            let yDomain = axisDomain(y, extent: yExtent, nice: true, pixels: plotBottom - plotTop, horizontal: false)
            yAxis = makeAxis(y, domain: yDomain, range: (plotBottom, plotTop), horizontal: false)
            let floorLabel = floorBand > 0 ? textWidth(floor.negatives > 0 ? text.nonPositiveBand : text.zeroBand, fontSize: FontSize.tick) : 0
            plotLeft = margin + (yAxis.title.isEmpty ? 0 : FontSize.label + 8) + max(widestLabel(yAxis), floorLabel) + tickLength + 4
        }
        let xDomain = axisDomain(x, extent: xExtent, nice: false, pixels: width - plotLeft, horizontal: true)
        var plotRight = width - 12 - labelRoom
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
        figure.checkTicks(yAxis, name: "y")
        figure.leftAxisTitle(yAxis.title, x: margin + FontSize.label / 2, top: plotTop, bottom: plotBottom + floorBand)
        let floorY = plotBottom + floorBand / 2 + 1
        if floorBand > 0 {
            // The band for values a log axis cannot place: a tinted strip with its own label.
            figure.svg.element(.rect, [("x", coordinate(plotLeft)), ("y", coordinate(plotBottom + 2)), ("width", coordinate(plotRight - plotLeft)),
                                       ("height", coordinate(floorBand - 2)), ("style", "fill:\(Palette.missing)")])
            figure.beginGroup("fill:\(Palette.text)", [("text-anchor", "end")])
            figure.text(floor.negatives > 0 ? text.nonPositiveBand : text.zeroBand, x: plotLeft - tickLength - 3, centreY: floorY)
            figure.endGroup()
        }

        // Bands first, under every line.
        for (i, s) in series.enumerated() where !s.band.isEmpty {
            let placed: [(Double, Double, Double)?] = s.band.map { p in
                guard let px = xAxis.scale(p.0), let lo = yAxis.scale.clamped(p.1), let hi = yAxis.scale.clamped(p.2),
                      yAxis.scale.accepts(p.1), yAxis.scale.accepts(p.2) else { return nil }
                return (px, lo, hi)
            }
            for run in drawableRuns(placed) where run.count > 1 {
                let outline: [(Double, Double)?] = run.map { ($0.0, $0.2) } + run.reversed().map { ($0.0, $0.1) }
                figure.svg.element(.path, [("d", polylinePath(outline) + "z"), ("style", "fill:\(Palette.category(slot(i)));fill-opacity:.2")])
            }
        }
        var referenceLabels: [(text: String, y: Double, series: Int)] = []
        for reference in references {
            guard let py = yAxis.scale(reference.y), py >= plotTop - 0.5, py <= plotBottom + 0.5 else { continue }
            figure.svg.element(.path, [("d", "M\(coordinate(plotLeft)),\(coordinate(py))H\(coordinate(plotRight))"),
                                       ("style", "stroke:\(Palette.reference);stroke-width:1.5;fill:none"), ("stroke-dasharray", "4 2")])
            referenceLabels.append((reference.label, py, -1))
        }
        var ends: [Int: Double] = [:]
        for (i, s) in series.enumerated() {
            let colour = Palette.category(slot(i))
            let mapped: [(Double, Double)?] = s.points.map { p in
                guard let px = xAxis.scale(p.0) else { return nil }
                if y.scale == .log && p.1.isFinite && p.1 <= 0 { return floorBand > 0 ? (px, floorY) : nil }
                guard let py = yAxis.scale(p.1) else { return nil }
                return (px, py)
            }
            // Lines join placed points; a point in the "= 0" band is joined to nothing (it is off the scale).
            let onScale: [(Double, Double)?] = zip(s.points, mapped).map { p, m in y.scale == .log && p.1 <= 0 ? nil : m }
            if let last = mapped.last(where: { $0 != nil }) ?? nil { ends[i] = last.1 }
            let d = polylinePath(onScale)
            if !d.isEmpty, s.line {
                var attributes: [(AttributeName, String)] = [("d", d), ("style", "fill:none;stroke:\(colour);stroke-width:2;stroke-linejoin:round;stroke-linecap:round")]
                if let dash = Palette.dash(slot(i)) { attributes.append(("stroke-dasharray", dash)) }
                figure.svg.element(.path, attributes)
            }
            // A lone point has no line to show it: give it a marker even when markers are off.
            let isolated = onScale.indices.filter { j in
                onScale[j] != nil && (j == 0 || onScale[j - 1] == nil) && (j == onScale.count - 1 || onScale[j + 1] == nil)
            }
            let floorPoints = mapped.indices.filter { mapped[$0] != nil && onScale[$0] == nil }
            let markerPoints = s.markers ? onScale.compactMap { $0 } : isolated.compactMap { onScale[$0] }
            if !markerPoints.isEmpty || !floorPoints.isEmpty {
                figure.beginGroup("fill:\(colour)")
                for (px, py) in markerPoints + floorPoints.compactMap({ mapped[$0] }) {
                    figure.marker(slot(i), x: px, y: py)
                }
                figure.endGroup()
            }
        }
        if xs.isEmpty || (ys.isEmpty && floorBand == 0) { figure.noData(text.noData, left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom) }
        figure.bottomAxis(xAxis, y: plotBottom + floorBand, spine: (plotLeft, plotRight))
        figure.checkTicks(xAxis, name: "x")
        if !endLabels.isEmpty || !referenceLabels.isEmpty {
            figure.endLabels(endLabels.compactMap { label in
                label.members.compactMap { ends[$0] }.first.map { (label.text, $0, slot(label.members[0])) }
            } + referenceLabels, x: plotRight + 4, top: plotTop, bottom: plotBottom + floorBand, maxWidth: labelRoom - 6)
        }
        if x.scale == .log && undrawable.nonPositive > 0 {
            figure.warn(.logAxisDrops, "\(ChartText.english.counted(grouped(undrawable.nonPositive), .value)) ≤ 0 cannot be placed on the log x axis")
        }
        figure.note(note, x: margin, maxWidth: width - 2 * margin)
        return figure.finish()
    }
}

extension Figure {
    /// Series `i`'s marker at (x, y): a circle, square, triangle or diamond, by series, so points too
    /// can be told apart without colour.
    mutating func marker(_ i: Int, x: Double, y: Double) {
        let r = 3.0
        switch i % 4 {
        case 0: svg.element(.circle, [("cx", coordinate(x)), ("cy", coordinate(y)), ("r", "2.8")])
        case 1: svg.element(.path, [("d", "M\(coordinate(x - r + 0.5)),\(coordinate(y - r + 0.5))h\(coordinate(2 * r - 1))v\(coordinate(2 * r - 1))h-\(coordinate(2 * r - 1))z")])
        case 2: svg.element(.path, [("d", "M\(coordinate(x)),\(coordinate(y - r - 0.5))l\(coordinate(r + 0.5)),\(coordinate(2 * r))h-\(coordinate(2 * r + 1))z")])
        default: svg.element(.path, [("d", "M\(coordinate(x)),\(coordinate(y - r - 0.5))l\(coordinate(r + 0.5)),\(coordinate(r + 0.5))l-\(coordinate(r + 0.5)),\(coordinate(r + 0.5))l-\(coordinate(r + 0.5)),-\(coordinate(r + 0.5))z")])
        }
    }

    /// Labels at the right end of lines, each beside its line's last point, pushed apart vertically so
    /// none overlaps the next (a short leader line joins a moved label to its point).
    mutating func endLabels(_ labels: [(text: String, y: Double, series: Int)], x: Double, top: Double, bottom: Double, maxWidth: Double) {
        guard !labels.isEmpty else { return }
        let step = FontSize.tick * 1.25
        // A label too long for the margin takes two lines (broken at a space), then is shortened.
        var placed = labels.sorted { $0.y < $1.y }.map { label in
            (lines: wrapped(label.text, width: maxWidth), anchor: label.y, y: label.y, series: label.series)
        }
        // Push down from the top, then up from the bottom: the classic one-dimensional label placement
        // (`y` is the centre of a label's first line).
        for k in placed.indices {
            let floor = k == 0 ? top + step / 2 : placed[k - 1].y + step * Double(placed[k - 1].lines.count)
            placed[k].y = max(placed[k].y, floor)
        }
        for k in placed.indices.reversed() {
            let extra = step * Double(placed[k].lines.count - 1)
            let ceiling = k == placed.count - 1 ? bottom - step / 2 - extra : placed[k + 1].y - step * Double(placed[k].lines.count)
            placed[k].y = min(placed[k].y, ceiling)
        }
        for label in placed {
            let colour = label.series < 0 ? Palette.reference : Palette.category(label.series)
            if abs(label.y - label.anchor) > 2 {
                svg.element(.path, [("d", "M\(coordinate(x - 3)),\(coordinate(label.anchor))L\(coordinate(x + 1)),\(coordinate(label.y))"),
                                    ("style", "stroke:\(colour);fill:none")])
            }
            beginGroup("fill:\(Palette.text)")
            for (n, line) in label.lines.enumerated() { text(line, x: x + 3, centreY: label.y + step * Double(n)) }
            endGroup()
        }
    }
}

/// `text` in at most two lines of `width` px, broken at the last space that fits; the rest shortened with "…".
func wrapped(_ text: String, width: Double) -> [String] {
    if textWidth(text, fontSize: FontSize.tick) <= width { return [text] }
    let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    var first = ""
    var used = 0
    for (i, word) in words.enumerated() {
        let candidate = first.isEmpty ? word : first + " " + word
        if textWidth(candidate, fontSize: FontSize.tick) > width { break }
        first = candidate
        used = i + 1
    }
    guard used > 0, used < words.count else { return [truncated(text, toWidth: width, fontSize: FontSize.tick)] }
    let rest = words[used...].joined(separator: " ")
    return [first, truncated(rest, toWidth: width, fontSize: FontSize.tick)]
}

/// Splits a sequence at its nils into runs of consecutive values.
func drawableRuns<T>(_ items: [T?]) -> [[T]] {
    var runs: [[T]] = [[]]
    for item in items {
        if let item { runs[runs.count - 1].append(item) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
    }
    return runs.filter { !$0.isEmpty }
}
