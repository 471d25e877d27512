// Histogram with explicit edges: values below the range are counted as underflow, above it as overflow,
// NaN separately, so nothing is dropped silently. Bins are [e₀, e₁), [e₁, e₂), …, [e_{b−1}, e_b] — the
// last one closed, as numpy's `histogram` does — with equal widths.

/// Counts of values in equal-width bins over a closed range.
public struct Histogram: Sendable, Equatable {
    public let lowerBound: Double
    public let upperBound: Double
    /// counts[i] holds values in [lower + i·width, lower + (i + 1)·width), the last bin closed.
    public private(set) var counts: [Int]
    /// Values (including −∞) below `lowerBound`.
    public private(set) var underflow = 0
    /// Values (including +∞) above `upperBound`.
    public private(set) var overflow = 0
    /// NaNs, which belong to no bin.
    public private(set) var nanCount = 0

    /// An empty histogram of `bins` bins over `range`. A range of zero width is widened to
    /// [x − ½, x + ½] (numpy's convention), so a constant tensor still has a bin.
    public init(bins: Int, range: ClosedRange<Double>) {
        precondition(bins > 0, "a histogram needs at least one bin")
        precondition(range.lowerBound.isFinite && range.upperBound.isFinite, "histogram range must be finite")
        if range.lowerBound == range.upperBound {
            lowerBound = range.lowerBound - 0.5
            upperBound = range.upperBound + 0.5
        } else {
            lowerBound = range.lowerBound
            upperBound = range.upperBound
        }
        counts = [Int](repeating: 0, count: bins)
    }

    public var binWidth: Double { (upperBound - lowerBound) / Double(counts.count) }

    /// The b + 1 bin edges.
    public var edges: [Double] {
        (0...counts.count).map { $0 == counts.count ? upperBound : lowerBound + Double($0) * binWidth }
    }

    /// Every value counted: in bins, underflow, overflow or NaN.
    public var total: Int { counts.reduce(0, +) + underflow + overflow + nanCount }

    /// Adds every value of `values`.
    public mutating func add(_ values: UnsafeBufferPointer<Float>) {
        let bins = counts.count
        let lower = lowerBound, upper = upperBound
        let scale = Double(bins) / (upper - lower)
        var under = 0, over = 0, nans = 0
        counts.withUnsafeMutableBufferPointer { counts in
            for value in values {
                let x = Double(value)
                if x >= lower && x <= upper {
                    // (x − lower)·scale can round up to `bins` at x = upper (or just below it): last bin.
                    counts[min(Int((x - lower) * scale), bins - 1)] += 1
                } else if x < lower {
                    under += 1
                } else if x > upper {
                    over += 1
                } else {
                    nans += 1
                }
            }
        }
        underflow += under
        overflow += over
        nanCount += nans
    }

    /// Adds every value of `values`.
    public mutating func add(_ values: [Float]) {
        values.withUnsafeBufferPointer { add($0) }
    }
}
