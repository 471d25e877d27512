// Legend: a row of swatches and labels above the plot, wrapping onto more rows when the figure is narrow
// (a legend above never covers data, unlike matplotlib's "best" placement inside the axes).

struct LegendEntry {
    enum Swatch { case line(colour: String, dash: String?, marker: Bool), band(colour: String), bar(colour: String), reference
        /// A scatter series: its marker shape (by palette slot) in its colour.
        case marker(slot: Int, colour: String) }
    var label: String
    var swatch: Swatch
}

private let swatchWidth = 18.0
private let entryGap = 16.0
private let rowHeight = 18.0

/// Positions of each entry (x, row) within `width`, and the number of rows.
private func legendLayout(_ entries: [LegendEntry], width: Double) -> ([(Double, Int)], Int) {
    var x = 0.0, row = 0
    var out: [(Double, Int)] = []
    for entry in entries {
        let w = swatchWidth + 5 + textWidth(entry.label, fontSize: FontSize.tick)
        if x > 0 && x + w > width { x = 0; row += 1 }
        out.append((x, row))
        x += w + entryGap
    }
    return (out, entries.isEmpty ? 0 : row + 1)
}

/// Height the legend takes above the plot (0 without entries).
func legendHeight(_ entries: [LegendEntry], width: Double) -> Double {
    let rows = legendLayout(entries, width: width).1
    return rows == 0 ? 0 : Double(rows) * rowHeight + 4
}

extension Figure {
    /// Draws the legend with its top-left corner at (x, y), wrapping within `width`.
    mutating func legend(_ entries: [LegendEntry], x: Double, y: Double, width: Double) {
        guard !entries.isEmpty else { return }
        let (positions, _) = legendLayout(entries, width: width)
        svg.start(.g, [("aria-hidden", "true"), ("style", "fill:\(Palette.text)")])
        for (entry, (ex, row)) in zip(entries, positions) {
            let left = x + ex, mid = y + Double(row) * rowHeight + rowHeight / 2
            switch entry.swatch {
            case let .line(colour, dash, marker):
                var attributes: [(AttributeName, String)] = [("d", "M\(coordinate(left)),\(coordinate(mid))h\(coordinate(swatchWidth))"),
                                                             ("style", "stroke:\(colour);stroke-width:2;fill:none")]
                if let dash { attributes.append(("stroke-dasharray", dash)) }
                svg.element(.path, attributes)
                if marker {
                    svg.element(.circle, [("cx", coordinate(left + swatchWidth / 2)), ("cy", coordinate(mid)), ("r", "2.5"),
                                          ("style", "fill:\(colour)")])
                }
            case let .band(colour):
                svg.element(.rect, [("x", coordinate(left)), ("y", coordinate(mid - 5)), ("width", coordinate(swatchWidth)),
                                    ("height", "10"), ("style", "fill:\(colour);fill-opacity:.2")])
            case let .bar(colour):
                svg.element(.rect, [("x", coordinate(left + 3)), ("y", coordinate(mid - 5)), ("width", coordinate(swatchWidth - 6)),
                                    ("height", "10"), ("style", "fill:\(colour)")])
            case let .marker(slot, colour):
                svg.start(.g, [("style", "fill:\(colour)")])
                marker(slot, x: left + swatchWidth / 2, y: mid)
                svg.end(.g)
            case .reference:
                svg.element(.path, [("d", "M\(coordinate(left)),\(coordinate(mid))h\(coordinate(swatchWidth))"),
                                    ("style", "stroke:\(Palette.reference);stroke-width:1.5;fill:none"), ("stroke-dasharray", "4 2")])
            }
            text(entry.label, x: left + swatchWidth + 5, centreY: mid)
        }
        svg.end(.g)
    }
}
