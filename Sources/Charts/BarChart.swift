// BarChart: grouped bars — one group per category, one bar per series — from a zero baseline, with
// optional whiskers (e.g. min–max or a confidence interval). Missing or non-finite values leave a gap
// and are counted in the note line.

/// A grouped bar chart.
///
///     let chart = BarChart(title: "Final loss", categories: ["tanh", "relu"], categoryTitle: "activation",
///                          y: Axis("loss"), series: [.init("Xavier", values: [0.31, 0.42]), .init("He", values: [0.35, 0.28])])
///     let svg = chart.svg(idPrefix: "fig-loss")
public struct BarChart: Chart {
    public struct Series: Sendable, Hashable {
        public var label: String
        /// One value per category.
        public var values: [Double]
        /// Whisker ends per category (both or neither).
        public var lower: [Double]?
        public var upper: [Double]?

        public init(_ label: String, values: [Double], lower: [Double]? = nil, upper: [Double]? = nil) {
            self.label = label
            self.values = values
            self.lower = lower
            self.upper = upper
        }
    }

    public var title: String
    public var categories: [String]
    public var categoryTitle: String
    /// The value axis; linear axes always include zero, log axes start at their lowest decade.
    public var y: Axis
    public var series: [Series]
    public var width: Double
    public var height: Double
    /// The words the chart writes itself (description, note).
    public var text: ChartText = .english

    public init(title: String, categories: [String], categoryTitle: String = "", y: Axis, series: [Series],
                width: Double = 640, height: Double = 360) {
        self.title = title
        self.categories = categories
        self.categoryTitle = categoryTitle
        self.y = y
        self.series = series
        self.width = width
        self.height = height
    }

    private func value(_ s: Series, _ c: Int) -> Double { c < s.values.count ? s.values[c] : .nan }
    private func drawable(_ v: Double) -> Bool { v.isFinite && (y.scale == .linear || v > 0) }

    var note: String {
        var nan = 0, positive = 0, negative = 0, nonPositive = 0
        for s in series {
            for c in categories.indices {
                let v = value(s, c)
                if v.isNaN { nan += 1 } else if v == .infinity { positive += 1 } else if v == -.infinity { negative += 1 }
                else if y.scale == .log && v <= 0 { nonPositive += 1 }
            }
        }
        return notDrawnNote(text, nan: nan, positiveInfinity: positive, negativeInfinity: negative,
                            other: nonPositive > 0 ? [text.nonPositiveOnLogAxis(grouped(nonPositive))] : [])
    }

    public var summary: String {
        let quantity = y.title.isEmpty ? text.values : y.title
        var s = text.barChartSummary(quantity, grouped(categories.count), series.count > 1 ? grouped(series.count) : nil)
        var best: (Double, String)?, worst: (Double, String)?
        for s in series {
            for (c, name) in categories.enumerated() {
                let v = value(s, c)
                guard drawable(v) else { continue }
                let label = series.count > 1 ? "\(name), \(s.label)" : name
                if best == nil || v > best!.0 { best = (v, label) }
                if worst == nil || v < worst!.0 { worst = (v, label) }
            }
        }
        if let best, let worst {
            s += " " + (best.0 == worst.0 ? text.allBarsEqual(valueLabel(best.0, style: y.numberStyle))
                : text.highestAndLowest(valueLabel(best.0, style: y.numberStyle), best.1, valueLabel(worst.0, style: y.numberStyle), worst.1))
        }
        if !note.isEmpty { s += " " + note + "." }
        return s
    }

    public var phoneLayout: BarChart {
        var chart = self
        chart.width = phoneWidth
        chart.height = min(height, 300)
        return chart
    }

    public func drawing(idPrefix: String) -> ChartDrawing {
        let margin = 8.0
        let note = self.note
        var figure = Figure(prefix: idPrefix, width: width, height: height, title: title.isEmpty ? text.barChart : title, description: summary)
        let titleHeight = figure.title(title, x: margin, maxWidth: width - 2 * margin)
        let legend = series.count > 1 ? series.enumerated().map { LegendEntry(label: $1.label, swatch: .bar(colour: Palette.category($0))) } : []
        let plotBottom = height - horizontalAxisHeight(hasTitle: !categoryTitle.isEmpty) - Figure.noteHeight(note)
        var ys: [Double] = []
        for s in series {
            for c in categories.indices {
                ys.append(value(s, c))
                if let l = s.lower, c < l.count { ys.append(l[c]) }
                if let u = s.upper, c < u.count { ys.append(u[c]) }
            }
        }
        ys = ys.filter(drawable)
        let extent = ys.isEmpty ? nil : (ys.min()!, ys.max()!)
        var plotLeft = 60.0, plotTop = 0.0
        var yAxis = makeAxis(y, domain: (0, 1), range: (0, 1), horizontal: false)
        for _ in 0..<2 {
            plotTop = titleHeight + 6 + legendHeight(legend, width: width - plotLeft - margin) + 8
            let domain = axisDomain(y, extent: extent, nice: true, includeZero: y.scale == .linear, pixels: plotBottom - plotTop, horizontal: false)
            yAxis = makeAxis(y, domain: domain, range: (plotBottom, plotTop), horizontal: false)
            plotLeft = margin + (yAxis.title.isEmpty ? 0 : FontSize.label + 8) + widestLabel(yAxis) + tickLength + 4
        }
        let plotRight = width - 12
        figure.legend(legend, x: plotLeft, y: titleHeight + 6, width: width - plotLeft - margin)
        figure.leftAxis(yAxis, x: plotLeft, gridRight: plotRight)
        figure.checkTicks(yAxis, name: "y")
        figure.leftAxisTitle(yAxis.title, x: margin + FontSize.label / 2, top: plotTop, bottom: plotBottom)

        // Band layout: each category gets an equal slot; bars fill 80% of it, side by side.
        let slot = (plotRight - plotLeft) / Double(max(1, categories.count))
        let barWidth = slot * 0.8 / Double(max(1, series.count))
        let base = yAxis.scale.clamped(y.scale == .log ? yAxis.scale.domain.0 : 0) ?? plotBottom
        for (i, s) in series.enumerated() {
            var d = ""
            var whiskers = ""
            for c in categories.indices {
                let v = value(s, c)
                let x0 = plotLeft + Double(c) * slot + slot * 0.1 + Double(i) * barWidth
                if drawable(v), let top = yAxis.scale.clamped(v) {
                    let inset = barWidth > 6 ? 0.5 : 0
                    d += "M\(coordinate(x0 + inset)),\(coordinate(base))V\(coordinate(top))h\(coordinate(barWidth - 2 * inset))V\(coordinate(base))z"
                }
                if let l = s.lower, let u = s.upper, c < l.count, c < u.count, drawable(l[c]), drawable(u[c]),
                   let lo = yAxis.scale.clamped(l[c]), let hi = yAxis.scale.clamped(u[c]) {
                    let cx = x0 + barWidth / 2, cap = min(6, barWidth * 0.4)
                    whiskers += "M\(coordinate(cx)),\(coordinate(lo))V\(coordinate(hi))M\(coordinate(cx - cap / 2)),\(coordinate(lo))h\(coordinate(cap))M\(coordinate(cx - cap / 2)),\(coordinate(hi))h\(coordinate(cap))"
                }
            }
            if !d.isEmpty { figure.svg.element(.path, [("d", d), ("style", "fill:\(Palette.category(i))")]) }
            if !whiskers.isEmpty { figure.svg.element(.path, [("d", whiskers), ("style", "fill:none;stroke:\(Palette.axis);stroke-width:1.25")]) }
        }

        if ys.isEmpty { figure.noData(text.noData, left: plotLeft, right: plotRight, top: plotTop, bottom: plotBottom) }
        // A zero line where bars grow both up and down.
        if y.scale == .linear, yAxis.scale.domain.0 < 0, yAxis.scale.domain.1 > 0, let zero = yAxis.scale(0) {
            figure.beginGroup("stroke:\(Palette.axis);fill:none", [("shape-rendering", "crispEdges")])
            figure.svg.element(.path, [("d", "M\(coordinate(crisp(plotLeft))),\(coordinate(crisp(zero)))H\(coordinate(plotRight))")])
            figure.endGroup()
        }
        // The category axis: baseline, category labels centred under their groups, its title.
        let y0 = crisp(plotBottom)
        figure.beginGroup("stroke:\(Palette.axis);fill:none", [("shape-rendering", "crispEdges")])
        figure.svg.element(.path, [("d", "M\(coordinate(crisp(plotLeft) - 0.5)),\(coordinate(y0))H\(coordinate(plotRight))")])
        figure.endGroup()
        figure.beginGroup("fill:\(Palette.text)", [("text-anchor", "middle")])
        for (c, name) in categories.enumerated() {
            figure.text(truncated(name, toWidth: slot - 4, fontSize: FontSize.tick), x: plotLeft + (Double(c) + 0.5) * slot,
                        baseline: y0 + tickLength + 3 + FontSize.tick * 0.8)
        }
        figure.endGroup()
        if !categoryTitle.isEmpty {
            figure.beginGroup("fill:\(Palette.text);font-size:\(coordinate(FontSize.label))px", [("text-anchor", "middle")])
            figure.text(truncated(categoryTitle, toWidth: plotRight - plotLeft, fontSize: FontSize.label), x: (plotLeft + plotRight) / 2,
                        baseline: y0 + tickLength + 3 + FontSize.tick * 0.8 + 6 + FontSize.label)
            figure.endGroup()
        }
        figure.note(note, x: margin, maxWidth: width - 2 * margin)
        return figure.finish()
    }
}
