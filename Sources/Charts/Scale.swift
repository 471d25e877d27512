// Scale: maps a data domain to a pixel range, linearly or through log₁₀ (d3-scale's linear.js, log.js).
// Chart code never does pixel arithmetic on data values directly; it asks a scale.

/// Whether an axis is linear or logarithmic (base 10).
public enum AxisScale: Sendable, Hashable {
    case linear
    /// Base-10 logarithmic; values ≤ 0 cannot be placed and are counted in the figure's note.
    case log
}

struct Scale {
    var kind: AxisScale
    var domain: (Double, Double)
    var range: (Double, Double)

    /// The pixel position of `value`, or nil when it cannot be placed (not finite, or ≤ 0 on a log scale).
    func callAsFunction(_ value: Double) -> Double? {
        guard let t = fraction(value) else { return nil }
        return range.0 + t * (range.1 - range.0)
    }

    /// Where `value` falls in the domain, 0 at its start and 1 at its end (not clamped).
    func fraction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        switch kind {
        case .linear:
            let span = domain.1 - domain.0
            return span == 0 ? 0.5 : (value - domain.0) / span
        case .log:
            guard value > 0 else { return nil }
            let a = ChartMath.log10(domain.0), b = ChartMath.log10(domain.1)
            return b == a ? 0.5 : (ChartMath.log10(value) - a) / (b - a)
        }
    }

    /// Can `value` be shown on this scale?
    func accepts(_ value: Double) -> Bool { value.isFinite && (kind == .linear || value > 0) }

    /// The pixel for `value` clamped into the range (bars and bands that run past the plot edge).
    func clamped(_ value: Double) -> Double? {
        guard let t = fraction(value) else { return nil }
        return range.0 + min(1, max(0, t)) * (range.1 - range.0)
    }
}
