// AxisLayout: an axis made concrete for a plot — its domain (the requested range, or a nice range around
// the data), its scale onto pixels, and ticks chosen so their labels never collide: start with about one
// label per 70 px (horizontal) or 36 px (vertical) and thin out until neighbours keep a gap. Drawing
// follows matplotlib's default look: outward tick marks, a spine at the left and bottom, light grid.


struct AxisModel {
    var scale: Scale
    var ticks: [Tick]
    /// The axis title with unit and any shared factor: "activation (×10⁻⁴)".
    var title: String
    var numberStyle: NumberStyle

    var labelled: [Tick] { ticks.filter { $0.label != nil } }
}

/// The domain an axis shows for data spanning `extent` (nil: no data).
func axisDomain(_ axis: Axis, extent: (Double, Double)?, nice: Bool, includeZero: Bool = false,
                pixels: Double, horizontal: Bool) -> (Double, Double) {
    if let r = axis.range, r.lowerBound.isFinite, r.upperBound.isFinite, r.lowerBound < r.upperBound,
       axis.scale == .linear || r.lowerBound > 0 {
        return (r.lowerBound, r.upperBound)
    }
    let count = tickTarget(pixels: pixels, horizontal: horizontal)
    switch axis.scale {
    case .log:
        guard var (lo, hi) = extent, lo > 0, hi.isFinite else { return (1, 10) }
        if lo == hi { (lo, hi) = (lo / 2, hi * 2) }
        if hi / lo >= 10 || nice {
            // Whole decades: d3's log.nice().
            let a = decimalExponent(lo)
            let b = decimalExponent(hi)
            let top = exactPowerOfTen(b) < hi ? b + 1 : b
            if hi / lo >= 10 || top - a <= 1 { return (exactPowerOfTen(a), exactPowerOfTen(top)) }
        }
        // Within a decade: 5% of the span (in log space) on each side, as matplotlib's margins.
        let pad = ChartMath.pow(hi / lo, 0.05)
        return (lo / pad, hi * pad)
    case .linear:
        guard var (lo, hi) = extent else { return (0, 1) }
        lo = max(lo, -1e300); hi = min(hi, 1e300)  // keeps the span finite
        if includeZero { lo = min(lo, 0); hi = max(hi, 0) }
        if includeZero && lo == 0 && hi == 0 { return (0, 1) }
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            (lo, hi) = (lo - pad, hi + pad)
        }
        guard nice else { return (lo, hi) }
        // Nice with the labels' tick count, so both ends get a label; but when that leaves the data less
        // than 70% of the axis (0…6 niced to 0…10 on a small panel), ask for finer steps.
        var c = count
        var domain = niceDomain(lo, hi, count: c)
        while c < 5 && hi - lo < 0.7 * (domain.1 - domain.0) {
            c += 1
            domain = niceDomain(lo, hi, count: c)
        }
        return domain
    }
}

/// How many ticks to ask for first; `makeAxis` thins them while labels collide.
func tickTarget(pixels: Double, horizontal: Bool) -> Double {
    let target = (pixels / (horizontal ? 70 : 36)).rounded(.down)
    return max(pixels >= (horizontal ? 60 : 40) ? 2 : 1, target)
}

/// The title an axis shows: "title (unit, ×10⁻⁴)".
func axisTitle(_ axis: Axis, fallback: String = "", factor: String?) -> String {
    let base = axis.title.isEmpty ? fallback : axis.title
    let extras = [axis.unit, factor ?? ""].filter { !$0.isEmpty }
    if extras.isEmpty { return base }
    return base.isEmpty ? extras.joined(separator: ", ") : base + " (" + extras.joined(separator: ", ") + ")"
}

/// Builds an axis over `domain` mapped onto `range` (pixels), with ticks thinned until labels fit.
func makeAxis(_ axis: Axis, domain: (Double, Double), range: (Double, Double), horizontal: Bool,
              fallbackTitle: String = "", numberStyle: NumberStyle? = nil, integer: Bool = false,
              inlineMagnitude: Bool = false) -> AxisModel {
    let style = numberStyle ?? axis.numberStyle
    let scale = Scale(kind: axis.scale, domain: domain, range: range)
    let pixels = abs(range.1 - range.0)
    var count = tickTarget(pixels: pixels, horizontal: horizontal)
    var best: ([Tick], String?) = ([], nil)
    // Panels (labels carrying their magnitude) are narrow: their labels may stand a little closer.
    let labelGap = inlineMagnitude ? 5.0 : 8.0
    func ticks(_ kind: AxisScale, _ domain: (Double, Double), count: Double, style: NumberStyle, integer: Bool) -> ([Tick], String?) {
        // Narrow panels carry the magnitude once, at the last label, below 0.1 and from 10⁴ on ("−2  0  2×10⁻³").
        let made = Charts.ticks(kind, domain, count: count, style: style, integer: integer, plain: inlineMagnitude ? -1...3 : -3...5)
        guard inlineMagnitude, let factor = made.1 else { return made }
        return (carryFactor(made.0, factor), factor)
    }
    while true {
        let candidate = ticks(axis.scale, domain, count: count, style: style, integer: integer)
        best = candidate
        if labelsFit(candidate.0, scale: scale, horizontal: horizontal, gap: labelGap) { break }
        if count <= 1 {
            // Even two labels collide: keep the ends only, then just the first.
            let labelled = candidate.0.filter { $0.label != nil }
            if let first = labelled.first, let last = labelled.last {
                let ends = labelled.count > 1 ? [first, last] : [first]
                best = (labelsFit(ends, scale: scale, horizontal: horizontal, gap: labelGap) ? ends : [first], candidate.1)
            }
            break
        }
        count = max(1, (count * 0.7).rounded(.down))
    }
    // Widths are compared between labelled ticks: with fewer than three, ask for more ticks while they
    // still fit (a narrow panel over −4.9…4.9 gets only 0 at first, and −4, 0, 4 after; layers 1…5 get
    // 2, 4 at first, and 1…5 after).
    let wanted = pixels >= 100 ? 3 : 2
    func labelCount(_ t: [Tick]) -> Int { t.filter { $0.label != nil }.count }
    if labelCount(best.0) < wanted {
        var more = tickTarget(pixels: pixels, horizontal: horizontal) + 1
        search: while more <= 12 {
            let candidate = ticks(axis.scale, domain, count: more, style: style, integer: integer)
            if labelCount(candidate.0) > labelCount(best.0) {
                // Too crowded? Label every k-th tick (keeping 0 among them), the rest become minor ticks.
                // Or, on a tiny panel, the two end labels alone (−2 … 2×10⁻², the middle ticks unlabelled).
                let labelled = candidate.0.indices.filter { candidate.0[$0].label != nil }
                var ends = candidate.0
                for i in labelled.dropFirst().dropLast() { ends[i].label = nil }
                for k in 1...5 {
                    var thinned = (k == 5 ? ends : thinnedLabels(candidate.0, every: k), candidate.1)
                    if inlineMagnitude, let factor = thinned.1 { thinned.0 = carryFactor(thinned.0, factor) }
                    if labelCount(thinned.0) > labelCount(best.0), labelsFit(thinned.0, scale: scale, horizontal: horizontal, gap: labelGap) {
                        best = thinned
                        if labelCount(best.0) >= wanted { break search }
                        break
                    }
                }
            }
            more += 1
        }
    }
    if inlineMagnitude, let factor = best.1 { best.0 = carryFactor(best.0, factor) }
    return AxisModel(scale: scale, ticks: best.0, title: axisTitle(axis, fallback: fallbackTitle, factor: inlineMagnitude ? nil : best.1),
                     numberStyle: style)
}

func ticks(_ kind: AxisScale, _ domain: (Double, Double), count: Double, style: NumberStyle, integer: Bool,
           plain: ClosedRange<Int> = -3...5) -> ([Tick], String?) {
    let lo = min(domain.0, domain.1), hi = max(domain.0, domain.1)
    switch kind {
    case .log:
        return logTicks(lo, hi, count: count, style: style)
    case .linear:
        guard let linear = integer ? LinearTicks(integersFrom: lo, hi, count: count) : LinearTicks(lo, hi, count: count) else { return ([], nil) }
        let (labels, factor) = linearLabels(linear, style: style, plain: plain)
        return (zip(linear.values, labels).map { Tick(value: $0, label: $1) }, factor)
    }
}

/// The last labelled tick carries the power of ten ("0  1  2×10¹⁰", matplotlib's offset text at the axis end), for
/// axes whose title is shared or absent: the magnitude stays on the axis and the labels stay short.
private func carryFactor(_ ticks: [Tick], _ factor: String) -> [Tick] {
    var out = ticks.map { t in Tick(value: t.value, label: t.label.map { $0.hasSuffix(factor) ? String($0.dropLast(factor.count)) : $0 }) }
    if let last = out.lastIndex(where: { $0.label != nil && $0.label != "0" }) { out[last].label! += factor }
    return out
}

/// Keeps the label of every `k`-th labelled tick, counted from zero when zero is a tick.
private func thinnedLabels(_ ticks: [Tick], every k: Int) -> [Tick] {
    guard k > 1 else { return ticks }
    let labelled = ticks.indices.filter { ticks[$0].label != nil }
    let anchor = labelled.firstIndex { ticks[$0].value == 0 } ?? 0
    var out = ticks
    for (n, i) in labelled.enumerated() where (n - anchor) % k != 0 { out[i].label = nil }
    return out
}

/// Do neighbouring labels keep a gap (`gap` px across, 1.3 lines up)?
private func labelsFit(_ ticks: [Tick], scale: Scale, horizontal: Bool, gap: Double = 8) -> Bool {
    var previous: (position: Double, size: Double)?
    for tick in ticks {
        guard let label = tick.label, let p = scale(tick.value) else { continue }
        let size = horizontal ? textWidth(label, fontSize: FontSize.tick) : FontSize.tick * 1.3
        if let q = previous, abs(p - q.position) < (size + q.size) / 2 + (horizontal ? gap : 0) { return false }
        previous = (p, size)
    }
    return true
}

/// Widest tick label of a vertical axis, for the left margin.
func widestLabel(_ model: AxisModel) -> Double {
    model.ticks.compactMap { $0.label.map { textWidth($0, fontSize: FontSize.tick) } }.max() ?? 0
}

let tickLength = 4.0
/// Height of a horizontal axis below the plot: ticks, labels, and the title (when present).
func horizontalAxisHeight(hasTitle: Bool) -> Double {
    tickLength + 3 + FontSize.tick + (hasTitle ? 6 + FontSize.label : 0) + 4
}

/// The spine and tick marks of a horizontal axis at `y`, as path data.
func bottomAxisPath(_ model: AxisModel, y: Double, spine: (Double, Double)? = nil) -> String {
    let y0 = crisp(y)
    let ends = spine ?? model.scale.range
    var d = "M\(coordinate(crisp(ends.0) - 0.5)),\(coordinate(y0))H\(coordinate(crisp(ends.1) + 0.5))"
    for t in model.ticks {
        guard let x = model.scale(t.value) else { continue }
        d += "M\(coordinate(crisp(x))),\(coordinate(y0))v\(coordinate(t.label == nil ? tickLength / 2 : tickLength))"
    }
    return d
}

/// The labels of a horizontal axis and their x positions.
func bottomAxisLabels(_ model: AxisModel) -> [(Double, String)] {
    model.ticks.compactMap { t in t.label.flatMap { label in model.scale(t.value).map { (crisp($0), label) } } }
}

/// The baseline of a horizontal axis's tick labels below the axis at `y`.
func bottomLabelBaseline(_ y: Double) -> Double { crisp(y) + tickLength + 3 + FontSize.tick * 0.8 }

/// The spine and tick marks of a vertical axis at `x`, as path data.
func leftAxisPath(_ model: AxisModel, x: Double) -> String {
    let x0 = crisp(x)
    var d = "M\(coordinate(x0)),\(coordinate(crisp(model.scale.range.0) + 0.5))V\(coordinate(crisp(model.scale.range.1) - 0.5))"
    for t in model.ticks {
        guard let y = model.scale(t.value) else { continue }
        d += "M\(coordinate(x0)),\(coordinate(crisp(y)))h-\(coordinate(t.label == nil ? tickLength / 2 : tickLength))"
    }
    return d
}

/// Grid lines of a vertical axis across a panel (labelled ticks, not the baseline), as path data.
func gridPath(_ model: AxisModel, left: Double, right: Double) -> String {
    model.ticks.filter { $0.label != nil }.compactMap { t in model.scale(t.value) }
        .filter { abs($0 - model.scale.range.0) > 0.5 }
        .map { "M\(coordinate(crisp(left))),\(coordinate(crisp($0)))H\(coordinate(crisp(right)))" }.joined()
}

extension Figure {
    /// A horizontal axis along the plot's bottom edge `y`: spine, ticks, labels, and (optionally) its
    /// title centred below. Grid lines, when `gridTop` is given, run up to it.
    /// `spine` overrides the spine's extent when the scale's range is inset from the plot's edges.
    mutating func bottomAxis(_ model: AxisModel, y: Double, gridTop: Double? = nil, showLabels: Bool = true, showTitle: Bool = true,
                             spine: (Double, Double)? = nil) {
        let y0 = crisp(y)
        let positions = model.ticks.compactMap { t in model.scale(t.value).map { (crisp($0), t) } }
        if let top = gridTop {
            let d = positions.filter { $0.1.label != nil }.map { "M\(coordinate($0.0)),\(coordinate(crisp(top)))V\(coordinate(y0))" }.joined()
            if !d.isEmpty { beginGroup("stroke:\(Palette.grid);fill:none", [("shape-rendering", "crispEdges")]); svg.element(.path, [("d", d)]); endGroup() }
        }
        let ends = spine ?? model.scale.range
        beginGroup("stroke:\(Palette.axis);fill:none", [("shape-rendering", "crispEdges")])
        svg.element(.path, [("d", bottomAxisPath(model, y: y, spine: spine))])
        endGroup()
        guard showLabels else { return }
        let baseline = y0 + tickLength + 3 + FontSize.tick * 0.8
        beginGroup("fill:\(Palette.text)", [("text-anchor", "middle")])
        for (x, label) in bottomAxisLabels(model) { text(label, x: x, baseline: baseline) }
        endGroup()
        if showTitle && !model.title.isEmpty {
            let mid = (ends.0 + ends.1) / 2
            let width = abs(ends.1 - ends.0) + 40
            beginGroup("fill:\(Palette.text);font-size:\(coordinate(FontSize.label))px", [("text-anchor", "middle")])
            text(truncated(model.title, toWidth: width, fontSize: FontSize.label), x: mid,
                   baseline: baseline + 6 + FontSize.label)
            endGroup()
        }
    }

    /// A vertical axis along the plot's left edge `x`: spine, ticks, right-aligned labels, and grid lines
    /// across to `gridRight` for labelled ticks.
    mutating func leftAxis(_ model: AxisModel, x: Double, gridRight: Double? = nil, showLabels: Bool = true) {
        let x0 = crisp(x)
        let positions = model.ticks.compactMap { t in model.scale(t.value).map { (crisp($0), t) } }
        if let right = gridRight {
            let d = positions.filter { $0.1.label != nil }.map { "M\(coordinate(x0)),\(coordinate($0.0))H\(coordinate(crisp(right)))" }.joined()
            if !d.isEmpty { beginGroup("stroke:\(Palette.grid);fill:none", [("shape-rendering", "crispEdges")]); svg.element(.path, [("d", d)]); endGroup() }
        }
        var d = "M\(coordinate(x0)),\(coordinate(crisp(model.scale.range.0) + 0.5))V\(coordinate(crisp(model.scale.range.1) - 0.5))"
        for (y, t) in positions { d += "M\(coordinate(x0)),\(coordinate(y))h-\(coordinate(t.label == nil ? tickLength / 2 : tickLength))" }
        beginGroup("stroke:\(Palette.axis);fill:none", [("shape-rendering", "crispEdges")]); svg.element(.path, [("d", d)]); endGroup()
        guard showLabels else { return }
        beginGroup("fill:\(Palette.text)", [("text-anchor", "end")])
        for (y, t) in positions { if let label = t.label { text(label, x: x0 - tickLength - 3, centreY: y) } }
        endGroup()
    }

    /// A vertical axis title, centred on (x, the plot's middle), reading upwards. A title longer than the
    /// plot is tall is left out rather than cut (the tick labels still carry the units).
    mutating func leftAxisTitle(_ title: String, x: Double, top: Double, bottom: Double) {
        guard !title.isEmpty, textWidth(title, fontSize: FontSize.label) <= bottom - top + 8 else { return }
        let shown = title
        beginGroup("fill:\(Palette.text);font-size:\(coordinate(FontSize.label))px")
        verticalText(shown, x: x, y: (top + bottom) / 2, size: FontSize.label)
        endGroup()
    }
}
