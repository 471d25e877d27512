// HistogramChart: one histogram as a figure — bars or steps over its bins, an optional density curve
// (e.g. the theoretical pdf of the sampled weights), and a note for values it could not draw.

/// A single histogram figure.
///
///     let h = Histogram(values: weights, bins: 30, range: -0.3...0.3,
///                       density: .sampling("N(0, 0.1²)", over: -0.3...0.3) { normalPDF($0, sd: 0.1) })
///     let svg = HistogramChart(title: "Sampled weights", histogram: h, x: Axis("weight"), measure: .density)
///         .svg(idPrefix: "fig-weights")
public struct HistogramChart: Chart {
    public var title: String
    public var histogram: Histogram
    public var x: Axis
    /// The y axis; its title defaults to the measure's name, its scale may be `.log`.
    public var y: Axis
    public var measure: HistogramMeasure
    public var style: HistogramStyle
    public var width: Double
    public var height: Double
    /// The words the chart writes itself (description, note, y-axis title, legend count).
    public var text: ChartText = .english

    public init(title: String, histogram: Histogram, x: Axis, y: Axis = Axis(), measure: HistogramMeasure = .fraction,
                style: HistogramStyle = .bars, width: Double = 640, height: Double = 360) {
        self.title = title
        self.histogram = histogram
        self.x = x
        self.y = y
        self.measure = measure
        self.style = style
        self.width = width
        self.height = height
    }

    public var summary: String {
        let h = histogram
        let subject = x.title.isEmpty ? nil : x.title
        var s: String
        if h.finiteCount == 0 {
            s = text.emptyHistogramSummary(subject)
        } else {
            var moments: (mean: String, deviation: String)?
            if let m = h.mean, let sd = h.standardDeviation { moments = (proseNumber(m), proseNumber(sd)) }
            s = text.histogramSummary(subject, grouped(h.finiteCount), grouped(h.counts.count), proseNumber(h.range.lowerBound),
                                      proseNumber(h.range.upperBound), moments)
            // The fullest bin, when one bin is fuller than all others.
            if let peak = h.counts.indices.max(by: { h.counts[$0] < h.counts[$1] }), h.counts[peak] > 0,
               h.counts.filter({ $0 == h.counts[peak] }).count == 1 {
                let lo = h.range.lowerBound + Double(peak) * h.binWidth
                s += " " + text.fullestBin(proseNumber(lo), proseNumber(lo + h.binWidth), proseNumber(Double(h.counts[peak]) / Double(h.finiteCount) * 100) + "%")
            }
        }
        if let d = h.density, !d.label.isEmpty { s += " " + text.curveShows(d.label) }
        let note = histogramNote([h], xRange: shownRange, text: text)
        if !note.isEmpty { s += " " + note + "." }
        return s
    }

    /// The x range drawn: the axis's range if given, else the bins'.
    var shownRange: ClosedRange<Double> {
        if let r = x.range, r.lowerBound < r.upperBound, r.lowerBound.isFinite, r.upperBound.isFinite { return r }
        return histogram.range
    }

    public var phoneLayout: HistogramChart {
        var chart = self
        chart.width = phoneWidth
        chart.height = min(height, 300)
        return chart
    }

    public func drawing(idPrefix: String) -> ChartDrawing {
        let h = histogram
        var figure = Figure(prefix: idPrefix, width: width, height: height, title: title.isEmpty ? text.histogram : title, description: summary)
        let note = histogramNote([h], xRange: shownRange, text: text)
        var legend: [LegendEntry] = []
        if let d = h.density, !d.label.isEmpty {
            legend = [LegendEntry(label: text.counted(grouped(h.finiteCount), .value), swatch: .bar(colour: Palette.category(0))),
                      LegendEntry(label: d.label, swatch: .reference)]
        }
        let top = figure.title(title, x: 8, maxWidth: width - 16) + 8
        let legendTop = top
        let plotTop = top + legendHeight(legend, width: width - 80) + 6
        let xTitle = axisTitle(x, factor: nil)
        let plotBottom = height - horizontalAxisHeight(hasTitle: !xTitle.isEmpty) - Figure.noteHeight(note)

        // y: heights of the bins (and the curve), in the chosen measure.
        var heights = h.counts.indices.map { measure.height(h, $0) }
        if y.scale == .log { heights = heights.map { $0 > 0 ? $0 : .nan } }
        let factor = measure.curveFactor(h)
        let curve = h.density.map { c in zip(c.x, c.y).map { ($0, $1 * factor) }.filter { $0.0.isFinite && $0.1.isFinite } } ?? []
        let shown = heights.filter(\.isFinite) + curve.map(\.1).filter { y.scale == .linear || $0 > 0 }
        let extent = shown.isEmpty ? nil : (shown.min()!, shown.max()!)
        let yDomain = axisDomain(y, extent: extent, nice: true, includeZero: y.scale == .linear,
                                 pixels: plotBottom - plotTop, horizontal: false)
        let yAxis = makeAxis(y, domain: yDomain, range: (plotBottom, plotTop), horizontal: false,
                             fallbackTitle: measure.title(text), numberStyle: y.numberStyle == .automatic ? measure.numberStyle : y.numberStyle,
                             integer: measure == .count)
        let yTitleWidth = yAxis.title.isEmpty ? 0 : FontSize.label + 8
        let plotLeft = 8 + yTitleWidth + widestLabel(yAxis) + tickLength + 4
        let xr = shownRange
        let lastLabel = textWidth(figureNumber(xr.upperBound), fontSize: FontSize.tick)
        let plotRight = width - max(12, lastLabel / 2 + 4)
        let xAxis = makeAxis(Axis(x.title, unit: x.unit, scale: .linear, numberStyle: x.numberStyle),
                             domain: (xr.lowerBound, xr.upperBound), range: (plotLeft, plotRight), horizontal: true)

        figure.legend(legend, x: plotLeft, y: legendTop, width: plotRight - plotLeft)
        figure.leftAxis(yAxis, x: plotLeft, gridRight: plotRight)
        figure.drawBins(h, heights: heights, x: xAxis.scale, y: yAxis.scale, style: style, colour: Palette.category(0))
        figure.drawCurve(curve, x: xAxis.scale, y: yAxis.scale)
        if h.finiteCount == 0 { figure.noData(text.noData, left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom) }
        figure.bottomAxis(xAxis, y: plotBottom)
        figure.checkTicks(xAxis, name: "x")
        figure.checkTicks(yAxis, name: "y")
        figure.leftAxisTitle(yAxis.title, x: 8 + FontSize.label / 2, top: plotTop, bottom: plotBottom)
        figure.note(note, x: 8, maxWidth: width - 16)
        return figure.finish()
    }
}

/// "Not drawn: 2 NaN, 1 +∞, 40 values outside −1…1" for a set of histograms shown over `xRange`.
/// With no `xRange`, each histogram is shown over its own range (only values outside its bins are not drawn).
func histogramNote(_ histograms: [Histogram], xRange: ClosedRange<Double>?, text: ChartText) -> String {
    var outside = 0
    for h in histograms {
        outside += h.below + h.above
        // Bins that lie outside the shown range are not drawn either.
        guard let xRange else { continue }
        for (i, c) in h.counts.enumerated() where c > 0 {
            let lo = h.range.lowerBound + Double(i) * h.binWidth
            if lo + h.binWidth <= xRange.lowerBound || lo >= xRange.upperBound { outside += c }
        }
    }
    let outsideNote = xRange.map { text.outsideRange(grouped(outside), valueLabel($0.lowerBound, style: .automatic), valueLabel($0.upperBound, style: .automatic)) }
        ?? text.outsideBins(grouped(outside))
    return notDrawnNote(text, nan: histograms.reduce(0) { $0 + $1.nan },
                        positiveInfinity: histograms.reduce(0) { $0 + $1.positiveInfinity },
                        negativeInfinity: histograms.reduce(0) { $0 + $1.negativeInfinity },
                        other: outside > 0 ? [outsideNote] : [])
}

/// The bins of `h` as bars, one closed subpath per bar; bars narrower than 4 px touch, and then each run
/// of non-empty bins is one outline in relative h/v steps (the same picture in a third of the bytes: small
/// multiples have hundreds of bins). Wider bars keep a 1 px gap so they read as separate bins.
func barsPath(_ h: Histogram, heights: [Double], x: Scale, y: Scale) -> String {
    guard let base = y.clamped(y.kind == .log ? y.domain.0 : 0) else { return "" }
    let width = h.binWidth
    var d = ""
    if x.range.1 - x.range.0 < 4 * Double(max(1, heights.count)) {
        var run: [(Double, Double)] = []
        func flush() {
            guard let first = run.first, let last = run.last else { return }
            d += rectilinearPath([(first.0, base)] + run + [(last.0, base)]) + "z"
            run = []
        }
        for (i, value) in heights.enumerated() {
            let lo = h.range.lowerBound + Double(i) * width
            guard value.isFinite, value > 0, let x0 = x.clamped(lo), let x1 = x.clamped(lo + width), let top = y.clamped(value),
                  lo + width >= x.domain.0, lo <= x.domain.1 else { flush(); continue }
            if x1 - x0 < 1 {
                // A bin narrower than a pixel (a spike in a wide range) is drawn 1 px wide so it shows.
                flush()
                let mid = (x0 + x1) / 2
                run = [(mid - 0.5, top), (mid + 0.5, top)]
                flush()
                continue
            }
            run += [(x0, top), (x1, top)]
        }
        flush()
        return d
    }
    for (i, value) in heights.enumerated() where value.isFinite && value > 0 {
        let lo = h.range.lowerBound + Double(i) * width
        guard var x0 = x.clamped(lo), var x1 = x.clamped(lo + width), let top = y.clamped(value),
              lo + width >= x.domain.0, lo <= x.domain.1 else { continue }
        if x1 - x0 < 1 { let mid = (x0 + x1) / 2; (x0, x1) = (mid - 0.5, mid + 0.5) }
        let gap = x1 - x0 >= 4 ? 0.5 : 0
        let left = x0 + gap, w = x1 - x0 - 2 * gap
        d += "M\(coordinate(left)),\(coordinate(base))V\(coordinate(top))h\(coordinate(w))V\(coordinate(base))z"
    }
    return d
}

extension Figure {
    /// The bins of `h` as one path: a closed subpath per non-empty bar (`.bars`), or one outline (`.steps`).
    /// Bars narrower than 4 px touch; wider ones keep a 1 px gap so they read as separate bins.
    mutating func drawBins(_ h: Histogram, heights: [Double], x: Scale, y: Scale, style: HistogramStyle, colour: String) {
        guard let base = y.clamped(y.kind == .log ? y.domain.0 : 0) else { return }
        let width = h.binWidth
        var d = ""
        switch style {
        case .bars:
            d = barsPath(h, heights: heights, x: x, y: y)
            if !d.isEmpty { svg.element(.path, [("d", d), ("style", "fill:\(colour);fill-opacity:.85")]) }
        case .steps:
            var points: [(Double, Double)?] = []
            for (i, value) in heights.enumerated() {
                let lo = h.range.lowerBound + Double(i) * width
                guard let x0 = x.clamped(lo), let x1 = x.clamped(lo + width) else { continue }
                let top = value.isFinite && value > 0 ? (y.clamped(value) ?? base) : base
                if points.isEmpty { points.append((x0, base)) }
                points.append((x0, top))
                points.append((x1, top))
            }
            if let last = points.last, let (lx, _) = last { points.append((lx, base)) }
            d = polylinePath(points)
            if !d.isEmpty {
                svg.element(.path, [("d", d), ("style", "fill:\(colour);fill-opacity:.15;stroke:\(colour);stroke-width:1.5;stroke-linejoin:miter")])
            }
        }
    }

    /// A reference curve (dashed, in the text colour) through finite points that lie inside the plot.
    mutating func drawCurve(_ points: [(Double, Double)], x: Scale, y: Scale) {
        let mapped: [(Double, Double)?] = points.map { p in
            guard let px = x(p.0), let py = y(p.1), px >= x.range.0 - 0.5, px <= x.range.1 + 0.5 else { return nil }
            return (px, max(min(py, y.range.0), y.range.1))
        }
        let d = polylinePath(mapped)
        if !d.isEmpty {
            svg.element(.path, [("d", d), ("style", "fill:none;stroke:\(Palette.reference);stroke-width:1.5"), ("stroke-dasharray", "4 2")])
        }
    }
}
