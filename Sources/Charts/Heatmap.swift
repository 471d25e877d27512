// Heatmap: a matrix of values as coloured cells (viridis), with a colour bar for the scale and each
// cell's value written in black or white, whichever contrasts more with its cell (WCAG contrast ratio).
// Missing values (NaN, ±∞) get a neutral cell and a dash, and are counted in the note line (what an empty cell
// means, such as "not sampled", is the caller's to say).

/// A heatmap with a colour bar and cell labels.
///
///     let map = Heatmap(title: "Test accuracy", rows: convInits, columns: fcInits, values: accuracy,
///                       rowTitle: "conv init", columnTitle: "FC init", value: Axis("accuracy", numberStyle: .percent))
///     let svg = map.svg(idPrefix: "fig-acc")
public struct Heatmap: Chart {
    public var title: String
    public var rows: [String]
    public var columns: [String]
    /// `values[row][column]`; NaN marks a missing value.
    public var values: [[Double]]
    public var rowTitle: String
    public var columnTitle: String
    /// The coloured quantity: its title and unit label the colour bar, its range (default: the data's)
    /// fixes the colours, its number style formats cell labels and colour-bar ticks. Linear or log.
    public var value: Axis
    public var cellLabels: Bool
    public var width: Double
    /// Height of one cell row.
    public var cellHeight: Double
    /// What a cell without a value means, for the note that counts them: "Not sampled" (empty: the text's "No value").
    public var emptyCellMeaning: String = ""
    /// The words the chart writes itself (description, note).
    public var text: ChartText = .english

    public init(title: String, rows: [String], columns: [String], values: [[Double]], rowTitle: String = "",
                columnTitle: String = "", value: Axis = Axis(), cellLabels: Bool = true, width: Double = 640,
                cellHeight: Double = 36, emptyCellMeaning: String = "") {
        self.emptyCellMeaning = emptyCellMeaning
        self.title = title
        self.rows = rows
        self.columns = columns
        self.values = values
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.value = value
        self.cellLabels = cellLabels
        self.width = width
        self.cellHeight = cellHeight
    }

    var rowCount: Int { max(rows.count, values.count) }
    var columnCount: Int { max(columns.count, values.map(\.count).max() ?? 0) }

    func cell(_ r: Int, _ c: Int) -> Double {
        r < values.count && c < values[r].count ? values[r][c] : .nan
    }

    private func drawable(_ v: Double) -> Bool { v.isFinite && (value.scale == .linear || v > 0) }

    /// The note line: cells without a value (they are drawn, with a dash), then what could not be coloured.
    var note: String {
        var nan = 0, positive = 0, negative = 0, nonPositive = 0
        for r in 0..<rowCount {
            for c in 0..<columnCount {
                let v = cell(r, c)
                if v.isNaN { nan += 1 } else if v == .infinity { positive += 1 } else if v == -.infinity { negative += 1 }
                else if value.scale == .log && v <= 0 { nonPositive += 1 }
            }
        }
        let empty = nan > 0 ? text.emptyCells(emptyCellMeaning.isEmpty ? text.noValue : emptyCellMeaning, grouped(nan)) : ""
        let notDrawn = notDrawnNote(text, nan: 0, positiveInfinity: positive, negativeInfinity: negative,
                                    other: nonPositive > 0 ? [text.nonPositiveOnLogScale(grouped(nonPositive))] : [])
        return [empty, notDrawn].filter { !$0.isEmpty }.joined(separator: "; ")
    }

    private func label(_ r: Int, of labels: [String]) -> String { r < labels.count ? labels[r] : "\(r + 1)" }

    public var summary: String {
        let quantity = value.title.isEmpty ? text.values : value.title
        let rowName = rowTitle.isEmpty ? text.row : rowTitle, columnName = columnTitle.isEmpty ? text.column : columnTitle
        var s = text.heatmapSummary(quantity, grouped(rowCount), rowName, grouped(columnCount), columnName)
        var best: (Double, Int, Int)?, worst: (Double, Int, Int)?
        for r in 0..<rowCount {
            for c in 0..<columnCount {
                let v = cell(r, c)
                guard drawable(v) else { continue }
                if best == nil || v > best!.0 { best = (v, r, c) }
                if worst == nil || v < worst!.0 { worst = (v, r, c) }
            }
        }
        if let best, let worst {
            let high = valueLabel(best.0, style: value.numberStyle), highPlace = "\(label(best.1, of: rows)), \(label(best.2, of: columns))"
            s += " " + (best.0 == worst.0 ? text.allCellsEqual(high, highPlace)
                : text.highestAndLowest(high, highPlace, valueLabel(worst.0, style: value.numberStyle), "\(label(worst.1, of: rows)), \(label(worst.2, of: columns))"))
        } else {
            s += " " + text.noCellHasAValue
        }
        if !note.isEmpty { s += " " + note + "." }
        return s
    }

    public var phoneLayout: Heatmap {
        var chart = self
        chart.width = phoneWidth
        return chart
    }

    public func drawing(idPrefix: String) -> ChartDrawing {
        let margin = 8.0
        let note = self.note
        // Horizontal layout: row title | row labels | cells | colour bar | its labels | its title.
        let rowLabelWidth = min(width * 0.3, (0..<rowCount).map { textWidth(label($0, of: rows), fontSize: FontSize.tick) }.max() ?? 0)
        let gridLeft = (margin + (rowTitle.isEmpty ? 0 : FontSize.label + 8) + rowLabelWidth + 6).rounded()
        let finite = (0..<rowCount).flatMap { r in (0..<columnCount).map { cell(r, $0) } }.filter(drawable)
        let extent = finite.isEmpty ? nil : (finite.min()!, finite.max()!)
        let domain = axisDomain(value, extent: extent, nice: false, pixels: 200, horizontal: false)
        let probe = makeAxis(value, domain: domain, range: (200, 0), horizontal: false)
        let barWidth = 12.0
        let colourBarSpace = 16 + barWidth + tickLength + 3 + widestLabel(probe) + (probe.title.isEmpty ? 0 : 8 + FontSize.label) + margin
        let columns = max(1, columnCount)
        // Cells at most 3:1 wide; a small grid makes a narrower figure rather than stretched cells.
        let cellWidth = max(1, min((width - colourBarSpace - gridLeft) / Double(columns), max(cellHeight * 3, 60)))
        let gridRight = gridLeft + cellWidth * Double(columns)
        let width = max(gridRight + colourBarSpace, min(self.width, textWidth(title, fontSize: FontSize.title) + 2 * margin))

        // Column labels: horizontal when they fit their cells, else turned 45°.
        let columnLabelWidths = (0..<columnCount).map { textWidth(label($0, of: self.columns), fontSize: FontSize.tick) }
        let turned = (columnLabelWidths.max() ?? 0) > cellWidth - 6
        let longest = min(120, columnLabelWidths.max() ?? 0)
        let columnLabelHeight = turned ? longest * 0.71 + FontSize.tick + 6 : FontSize.tick + 8

        let titleHeight = title.isEmpty ? 0 : FontSize.title + 12
        let gridTop = titleHeight + 10
        let gridBottom = gridTop + Double(max(1, rowCount)) * cellHeight
        let height = gridBottom + columnLabelHeight + (columnTitle.isEmpty ? 0 : FontSize.label + 8) + Figure.noteHeight(note) + 6
        var figure = Figure(prefix: idPrefix, width: width, height: height, title: title.isEmpty ? text.heatmap : title, description: summary)
        _ = figure.title(title, x: margin, maxWidth: width - 2 * margin)

        let colour = makeAxis(value, domain: domain, range: (gridBottom, gridTop), horizontal: false)
        func rgb(_ v: Double) -> (r: Int, g: Int, b: Int) { Palette.viridis(colour.scale.fraction(v) ?? 0) }

        // Cells: one rect each, filled directly (data colours do not change with the page's theme); edges
        // crisp so neighbouring cells show no hairline seams.
        let format = uniformFormatter(for: finite, style: value.numberStyle)
        // Cell labels at the tick size, or a size smaller on crowded grids, or none when even that overflows.
        let cellFont = [FontSize.tick, FontSize.tick - 2].first { size in
            cellHeight >= size + 4 && (0..<rowCount).allSatisfy { r in (0..<columnCount).allSatisfy { c in
                textWidth(format(cell(r, c)), fontSize: size) <= cellWidth - 4 } }
        }
        let labelsFit = cellLabels && cellFont != nil
        figure.beginGroup("stroke:none", [("shape-rendering", "crispEdges")])
        for r in 0..<rowCount {
            for c in 0..<columnCount {
                let v = cell(r, c)
                let x0 = gridLeft + Double(c) * cellWidth, y0 = gridTop + Double(r) * cellHeight
                let fill = drawable(v) ? Palette.hex(rgb(v)) : Palette.missing
                figure.svg.element(.rect, [("x", coordinate(x0)), ("y", coordinate(y0)), ("width", coordinate(cellWidth)),
                                           ("height", coordinate(cellHeight)), ("style", "fill:\(fill)")])
            }
        }
        figure.endGroup()
        if labelsFit {
            let size = cellFont ?? FontSize.tick
            figure.beginGroup("font-size:\(coordinate(size))px", [("text-anchor", "middle")])
            for r in 0..<rowCount {
                for c in 0..<columnCount {
                    let v = cell(r, c)
                    let cx = gridLeft + (Double(c) + 0.5) * cellWidth, cy = gridTop + (Double(r) + 0.5) * cellHeight
                    let ink = drawable(v) ? Palette.labelColour(on: rgb(v)) : Palette.muted
                    figure.text(drawable(v) ? format(v) : "–", x: cx, centreY: cy, size: size,
                                extra: [("style", "fill:\(ink)")])
                }
            }
            figure.endGroup()
        }

        // Row labels (right-aligned) and column labels.
        figure.beginGroup("fill:\(Palette.text)", [("text-anchor", "end")])
        for r in 0..<rowCount {
            figure.text(truncated(label(r, of: rows), toWidth: rowLabelWidth, fontSize: FontSize.tick), x: gridLeft - 6,
                        centreY: gridTop + (Double(r) + 0.5) * cellHeight)
        }
        figure.endGroup()
        figure.beginGroup("fill:\(Palette.text)", [("text-anchor", turned ? "end" : "middle")])
        for c in 0..<columnCount {
            let cx = gridLeft + (Double(c) + 0.5) * cellWidth
            let text = label(c, of: self.columns)
            if turned {
                let y = gridBottom + 6 + FontSize.tick * 0.7
                figure.text(truncated(text, toWidth: 120, fontSize: FontSize.tick), x: cx, baseline: y,
                            extra: [("transform", "rotate(-45 \(coordinate(cx)) \(coordinate(y)))")])
            } else {
                figure.text(truncated(text, toWidth: cellWidth - 4, fontSize: FontSize.tick), x: cx, baseline: gridBottom + 4 + FontSize.tick)
            }
        }
        figure.endGroup()
        if !columnTitle.isEmpty {
            figure.beginGroup("fill:\(Palette.text);font-size:\(coordinate(FontSize.label))px", [("text-anchor", "middle")])
            figure.text(truncated(columnTitle, toWidth: gridRight - gridLeft, fontSize: FontSize.label), x: (gridLeft + gridRight) / 2,
                        baseline: gridBottom + columnLabelHeight + FontSize.label + 2)
            figure.endGroup()
        }
        figure.leftAxisTitle(rowTitle, x: margin + FontSize.label / 2, top: gridTop, bottom: gridBottom)

        // Colour bar: a vertical gradient through viridis, with the value axis on its right.
        let barLeft = gridRight + 16
        let gradient = "\(idPrefix)-viridis"
        figure.svg.start(.defs)
        figure.svg.start(.linearGradient, [("id", gradient), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0")])
        for i in stride(from: 0, through: 32, by: 4) {
            let t = Double(i) / 32
            figure.svg.element(.stop, [("offset", coordinate(t)), ("stop-color", Palette.hex(Palette.viridis(t)))])
        }
        figure.svg.end(.linearGradient)
        figure.svg.end(.defs)
        figure.svg.element(.rect, [("x", coordinate(barLeft)), ("y", coordinate(gridTop)), ("width", coordinate(barWidth)),
                                   ("height", coordinate(gridBottom - gridTop)), ("style", "fill:url(#\(gradient))")])
        figure.rightAxis(colour, x: barLeft + barWidth)
        figure.checkTicks(colour, name: "colour bar")
        if !colour.title.isEmpty {
            let titleX = barLeft + barWidth + tickLength + 3 + widestLabel(colour) + 6 + FontSize.label / 2
            figure.beginGroup("fill:\(Palette.text);font-size:\(coordinate(FontSize.label))px")
            figure.verticalText(truncated(colour.title, toWidth: gridBottom - gridTop + 40, fontSize: FontSize.label),
                                x: titleX, y: (gridTop + gridBottom) / 2, size: FontSize.label)
            figure.endGroup()
        }
        figure.note(note, x: margin, maxWidth: width - 2 * margin)
        return figure.finish()
    }
}

extension Figure {
    /// Ticks and labels on the right of `x` (the colour bar's axis); no spine, no grid.
    mutating func rightAxis(_ model: AxisModel, x: Double) {
        let x0 = crisp(x)
        let positions = model.ticks.compactMap { t in model.scale(t.value).map { (crisp($0), t) } }
        let d = positions.map { "M\(coordinate(x0 - 0.5)),\(coordinate($0.0))h\(coordinate($0.1.label == nil ? tickLength / 2 : tickLength))" }.joined()
        if !d.isEmpty {
            beginGroup("stroke:\(Palette.axis);fill:none", [("shape-rendering", "crispEdges")])
            svg.element(.path, [("d", d)])
            endGroup()
        }
        beginGroup("fill:\(Palette.text)")
        for (y, t) in positions { if let label = t.label { text(label, x: x0 + tickLength + 3, centreY: y) } }
        endGroup()
    }
}
