// Charts: publication-quality SVG figures for the course — histograms, small multiples of histograms,
// line charts, heatmaps and grouped bar charts. Each chart is a value describing what to draw (data,
// titles, axes, units, scales); `svg(idPrefix:)` writes it as a self-contained, accessible inline SVG.
// The module knows nothing of simulations or Markdown. Layout follows matplotlib's defaults in spirit
// (outward ticks, left and bottom spines, light grid), ticks follow d3 (Ticks.swift).

/// A figure that can be written as inline SVG.
public protocol Chart: Sendable {
    /// A sentence stating what the figure shows, generated from the data; it becomes the SVG's `<desc>`.
    var summary: String { get }

    /// The figure as an `<svg>` element. Every `id` in it starts with `idPrefix` (use a different prefix
    /// for each figure on a page, made of letters, digits, `-` and `_`: the ids are joined by spaces in
    /// `aria-labelledby`). The output is deterministic: the same chart gives the same bytes.
    func svg(idPrefix: String) -> String
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
