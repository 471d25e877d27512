// HistogramPolicy: how a grid of histograms chooses its bins for heavy-tailed data. One shared range lets
// panels compare, but when one panel's values reach 10¹⁰ the others become a single spike at 0; a value
// that holds a large share on its own (ReLU's exact zeros) flattens every other bar. The policy decides
// the range per panel or for all, and takes a point mass out of the bins.

/// Which x range the panels of a histogram grid share.
public enum HistogramRange: Sendable, Hashable {
    /// Shared, unless that squeezes a panel into one or two bins: then each panel gets its own.
    case automatic
    /// One range for all panels (the union of their values).
    case shared
    /// Each panel its own range (each panel's x axis is labelled).
    case perPanel
    /// This range for every panel; values outside it are counted in the note.
    case fixed(ClosedRange<Double>)
}

public struct HistogramPolicy: Sendable, Hashable {
    public var bins: Int
    public var range: HistogramRange
    /// A value whose exact occurrences reach this share of a panel's values is drawn apart (0: never).
    public var pointMassShare: Double
    /// The range `.shared` and `.automatic` share (e.g. tanh's −1…1); nil: the union of the panels' values.
    public var sharedRange: ClosedRange<Double>?

    public init(bins: Int = 30, range: HistogramRange = .automatic, pointMassShare: Double = 0.05,
                sharedRange: ClosedRange<Double>? = nil) {
        self.bins = bins
        self.range = range
        self.pointMassShare = pointMassShare
        self.sharedRange = sharedRange
    }

    /// Histograms of each panel's values under the policy. A point mass is looked for at 0 and, for a
    /// panel whose values are all equal, at that value.
    public func histograms(_ panels: [[Float]]) -> [Histogram] {
        let masses: [Double?] = panels.map { values in
            guard pointMassShare > 0, !values.isEmpty else { return nil }
            let finite = values.filter(\.isFinite)
            guard let first = finite.first else { return nil }
            if finite.allSatisfy({ $0 == first }) { return Double(first) }
            let zeros = finite.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
            return Double(zeros) >= pointMassShare * Double(finite.count) ? 0 : nil
        }
        // The extent of each panel without its point mass.
        let extents: [ClosedRange<Double>?] = zip(panels, masses).map { values, mass in
            var lo = Double.infinity, hi = -Double.infinity
            for v in values where v.isFinite && Double(v) != mass { lo = min(lo, Double(v)); hi = max(hi, Double(v)) }
            // The axis reaches the point mass too, so its spike stands where it belongs (0 for ReLU).
            if let mass, lo <= hi { lo = min(lo, mass); hi = max(hi, mass) }
            return lo <= hi ? Histogram.defaultRange(lo: lo, hi: hi) : nil
        }
        func binned(_ ranges: [ClosedRange<Double>?]) -> [Histogram] {
            zip(panels, zip(ranges, masses)).map { values, rm in
                rm.1.map { Histogram(values: values, bins: bins, range: rm.0, pointMass: $0) }
                    ?? Histogram(values: values, bins: bins, range: rm.0)
            }
        }
        switch range {
        case .fixed(let r): return binned(panels.map { _ in r })
        case .perPanel: return binned(extents)
        case .shared, .automatic:
            let present = extents.compactMap { $0 }
            let union = sharedRange ?? (present.isEmpty ? nil : present.map(\.lowerBound).min()!...present.map(\.upperBound).max()!)
            let shared = binned(panels.map { _ in union })
            if range == .shared || !shared.contains(where: { crowded($0) }) { return shared }
            return binned(extents)
        }
    }
}

/// Is a histogram a spike: 90% or more of its binned values in one bin or two neighbouring bins (with more bins to
/// use), so the distribution's shape cannot be seen? (Mass piled at both ends, as saturated tanh units, is a shape.)
func crowded(_ h: Histogram) -> Bool {
    let total = h.binned
    guard total >= 10, h.counts.count > 4 else { return false }
    let spike = h.counts.indices.map { i in h.counts[i] + (i + 1 < h.counts.count ? h.counts[i + 1] : 0) }.max() ?? 0
    return Double(spike) >= 0.9 * Double(total)
}
