// Charts: publication-quality SVG figures for the course — histograms, small multiples of histograms,
// line charts, heatmaps and grouped bar charts. Each chart is a value describing what to draw (data,
// titles, axes, units, scales); `svg(idPrefix:)` writes it as a self-contained, accessible inline SVG.
// The module knows nothing of simulations or Markdown. Layout follows matplotlib's defaults in spirit
// (outward ticks, left and bottom spines, light grid), ticks follow d3 (Ticks.swift).

/// A figure that can be written as inline SVG.
public protocol Chart: Sendable {
    /// A sentence stating what the figure shows, generated from the data; it becomes the SVG's `<desc>`.
    var summary: String { get }

    /// The figure laid out at its width as an `<svg>` element, with the figure check's findings. Every
    /// `id` in it starts with `idPrefix` (use a different prefix for each figure on a page, made of
    /// letters, digits, `-` and `_`). The output is deterministic: the same chart gives the same bytes.
    func drawing(idPrefix: String) -> ChartDrawing

    /// The same chart laid out for a phone screen (`phoneWidth` px, small multiples in fewer columns).
    var phoneLayout: Self { get }
}

/// The width figures are laid out at for phones: at 360–400 px screens the SVG is shown at about its
/// natural size, so 11 px text stays about 10–11 px.
public let phoneWidth = 340.0

extension Chart {
    /// The figure at its own width (see `drawing(idPrefix:)`).
    public func svg(idPrefix: String) -> String { drawing(idPrefix: idPrefix).svg }

    /// Both layouts, for a page: the desktop SVG (class `chart-wide`) and the phone SVG (class
    /// `chart-narrow`, ids prefixed `idPrefix` + "n"). The page's CSS shows one of them by screen width;
    /// the hidden one is `display: none`, so assistive technology meets the figure once.
    public func responsiveSVG(idPrefix: String) -> String { responsiveDrawing(idPrefix: idPrefix).svg }

    /// Both layouts (as `responsiveSVG`) and the figure check of both: each finding once (phone-only
    /// findings say so), plus the palette's contrast.
    public func responsiveDrawing(idPrefix: String) -> ChartDrawing {
        let wide = drawing(idPrefix: idPrefix), narrow = phoneLayout.drawing(idPrefix: idPrefix + "n")
        var warnings = wide.warnings
        for w in narrow.warnings where !warnings.contains(w) {
            var phone = w
            phone.message = "phone layout: " + w.message
            if !warnings.contains(phone) { warnings.append(phone) }
        }
        return ChartDrawing(svg: classed(wide.svg, "chart-wide") + classed(narrow.svg, "chart-narrow"),
                            warnings: warnings + Palette.contrastFindings())
    }

    /// The figure check (see `responsiveDrawing`).
    public func lint() -> [FigureWarning] { responsiveDrawing(idPrefix: "lint").warnings }
}

/// `<svg …>` with a class attribute added after the tag name.
private func classed(_ svg: String, _ name: String) -> String {
    guard svg.hasPrefix("<svg ") else { return svg }
    return "<svg class=\"\(name)\" " + svg.dropFirst(5)
}

/// One axis of a chart: its title, unit, scale, range and number style.
public struct Axis: Sendable, Hashable {
    /// The quantity, e.g. "activation" or "standard deviation".
    public var title: String
    /// Its unit, shown in parentheses after the title ("" for none).
    public var unit: String
    public var scale: AxisScale
    /// The range to show; nil chooses a nice range around the data.
    public var range: ClosedRange<Double>?
    public var numberStyle: NumberStyle

    public init(_ title: String = "", unit: String = "", scale: AxisScale = .linear,
                range: ClosedRange<Double>? = nil, numberStyle: NumberStyle = .automatic) {
        self.title = title
        self.unit = unit
        self.scale = scale
        self.range = range
        self.numberStyle = numberStyle
    }
}

/// A curve drawn over a chart, such as a theoretical probability density: points (x, y) joined in order.
public struct Curve: Sendable, Hashable {
    /// Shown in the legend, e.g. "N(0, 1) density".
    public var label: String
    public var x: [Double]
    public var y: [Double]

    public init(_ label: String, x: [Double], y: [Double]) {
        self.label = label
        self.x = x
        self.y = y
    }

    /// `f` sampled at `count` evenly spaced points over `range` (endpoints included).
    public static func sampling(_ label: String, over range: ClosedRange<Double>, count: Int = 161,
                                _ f: (Double) -> Double) -> Curve {
        let n = max(2, count)
        let xs = (0..<n).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(n - 1) }
        return Curve(label, x: xs, y: xs.map(f))
    }
}
