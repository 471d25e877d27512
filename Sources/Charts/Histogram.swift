// Histogram: values counted into equal-width bins, with what could not be counted kept as counts so a
// figure can say so (NaN, ±∞, values outside the range). Binning follows numpy.histogram: bins are
// half-open [a, b) except the last, which includes its upper edge.

/// Counts of values in equal-width bins over a range, plus an optional density curve to overlay.
public struct Histogram: Sendable, Hashable {
    /// The bins' outer edges.
    public let range: ClosedRange<Double>
    /// Count per bin, from the lower edge up.
    public let counts: [Int]
    /// Finite values below / above `range` (not in any bin).
    public let below: Int
    public let above: Int
    public let nan: Int
    public let positiveInfinity: Int
    public let negativeInfinity: Int
    /// Mean and standard deviation (population) of all finite values, nil when there are none.
    public let mean: Double?
    public let standardDeviation: Double?
    /// A curve to draw over the bars, in density units (a probability density function); charts in
    /// count or fraction units scale it to match.
    public var density: Curve?
    /// Values exactly equal to one value (ReLU's zeros, dead units, a constant initialization), counted
    /// apart from the bins: a chart draws them as a labelled spike ("48% exactly 0") and scales the bins
    /// to the rest, which a 48% bar would otherwise flatten.
    public var pointMass: PointMass?

    public struct PointMass: Sendable, Hashable {
        public var value: Double
        public var count: Int
        public init(value: Double, count: Int) { self.value = value; self.count = count }
    }

    /// Bins `values` into `bins` bins over `range` (default: from the smallest to the largest finite value).
    public init(values: [Double], bins: Int = 30, range: ClosedRange<Double>? = nil, density: Curve? = nil) {
        self = values.withUnsafeBufferPointer { Histogram(binning: $0, bins: bins, range: range, density: density) }
    }

    /// Bins single-precision values (activations and weights as Numerics stores them).
    public init(values: [Float], bins: Int = 30, range: ClosedRange<Double>? = nil, density: Curve? = nil) {
        self = values.withUnsafeBufferPointer { Histogram(binning: $0, bins: bins, range: range, density: density) }
    }

    /// Bins `values`, keeping those exactly equal to `pointMass` apart (see `pointMass`).
    public init(values: [Float], bins: Int, range: ClosedRange<Double>?, pointMass: Double) {
        self = values.withUnsafeBufferPointer { Histogram(binning: $0, bins: bins, range: range, density: nil, pointMass: pointMass) }
    }

    /// Bins any sequence of floating-point values (slices, lazy maps).
    public init<S: Sequence>(values: S, bins: Int = 30, range: ClosedRange<Double>? = nil, density: Curve? = nil)
    where S.Element: BinaryFloatingPoint {
        let doubles = values.map { Double($0) }
        self = doubles.withUnsafeBufferPointer { Histogram(binning: $0, bins: bins, range: range, density: density) }
    }

    /// The binning pass, specialized for Float and Double by the two initializers above: one pass for the
    /// range (when not given), one for counts, mean and variance.
    private init<T: BinaryFloatingPoint>(binning values: UnsafeBufferPointer<T>, bins: Int, range: ClosedRange<Double>?, density: Curve?,
                                         pointMass: Double? = nil) {
        let binCount = max(1, bins)
        let edges: ClosedRange<Double>
        if let range, range.lowerBound.isFinite, range.upperBound.isFinite {
            edges = range
        } else {
            var lo = Double.infinity, hi = -Double.infinity
            for value in values where value.isFinite && Double(value) != pointMass {
                let v = Double(value)
                lo = min(lo, v)
                hi = max(hi, v)
            }
            edges = Histogram.defaultRange(lo: lo, hi: hi)
        }
        var counts = [Int](repeating: 0, count: binCount)
        var below = 0, above = 0, nan = 0, positive = 0, negative = 0
        let lo = edges.lowerBound, hi = edges.upperBound
        let width = hi - lo, bins = Double(binCount)
        // Multiplying by bins / width is the fast path; a subnormal width makes that ratio infinite, and
        // then dividing by the width stays finite.
        let scale = width > 0 ? bins / width : 0
        let divide = !scale.isFinite
        // Mean and variance from sums of deviations from a shift near the data (the range's centre):
        // the shifted-data algorithm, stable when the shift is close to the mean, with no division per value.
        let shift = (lo + hi) / 2
        var n = 0.0, sum = 0.0, squares = 0.0, atPoint = 0
        counts.withUnsafeMutableBufferPointer { counts in
            for value in values {
                guard value.isFinite else {
                    if value.isNaN { nan += 1 } else if value > 0 { positive += 1 } else { negative += 1 }
                    continue
                }
                let v = Double(value)
                let d = v - shift
                n += 1
                sum += d
                squares += d * d
                if v == pointMass { atPoint += 1; continue }
                if v < lo { below += 1; continue }
                if v > hi { above += 1; continue }
                let x = divide ? (v - lo) / width * bins : (v - lo) * scale
                counts[x < bins ? (x > 0 ? Int(x) : 0) : binCount - 1] += 1
            }
        }
        let mean = n == 0 ? 0 : shift + sum / n
        let m2 = max(0, squares - sum * sum / max(n, 1))
        self.range = edges
        self.counts = counts
        self.below = below
        self.above = above
        self.nan = nan
        self.positiveInfinity = positive
        self.negativeInfinity = negative
        self.mean = n == 0 ? nil : mean
        self.standardDeviation = n == 0 ? nil : (m2 / n).squareRoot()
        self.density = density
        self.pointMass = pointMass.map { PointMass(value: $0, count: atPoint) }.flatMap { $0.count > 0 ? $0 : nil }
    }

    /// A histogram counted elsewhere. Mean and standard deviation, when not given, are estimated from
    /// the bin centres.
    public init(range: ClosedRange<Double>, counts: [Int], below: Int = 0, above: Int = 0, nan: Int = 0,
                positiveInfinity: Int = 0, negativeInfinity: Int = 0, mean: Double? = nil,
                standardDeviation: Double? = nil, density: Curve? = nil, pointMass: PointMass? = nil) {
        self.pointMass = pointMass.flatMap { $0.count > 0 ? $0 : nil }
        self.range = range
        self.counts = counts.map { max(0, $0) }
        self.below = below
        self.above = above
        self.nan = nan
        self.positiveInfinity = positiveInfinity
        self.negativeInfinity = negativeInfinity
        let total = self.counts.reduce(0, +)
        let width = (range.upperBound - range.lowerBound) / Double(max(1, counts.count))
        let centres = self.counts.indices.map { range.lowerBound + (Double($0) + 0.5) * width }
        let estimatedMean = total == 0 ? nil : zip(centres, self.counts).reduce(0.0) { $0 + $1.0 * Double($1.1) } / Double(total)
        self.mean = mean ?? estimatedMean
        if let standardDeviation {
            self.standardDeviation = standardDeviation
        } else if let m = estimatedMean {
            let variance = zip(centres, self.counts).reduce(0.0) { $0 + ($1.0 - m) * ($1.0 - m) * Double($1.1) } / Double(total)
            self.standardDeviation = variance.squareRoot()
        } else {
            self.standardDeviation = nil
        }
        self.density = density
    }

    /// Values in bins.
    public var binned: Int { counts.reduce(0, +) }
    /// Finite values, in bins or not: the denominator for fractions and densities.
    public var finiteCount: Int { binned + below + above + (pointMass?.count ?? 0) }
    public var binWidth: Double { (range.upperBound - range.lowerBound) / Double(max(1, counts.count)) }

    /// Smallest to largest value; a single value (or none: lo > hi) gets a unit-wide range around it.
    static func defaultRange(lo: Double, hi: Double) -> ClosedRange<Double> {
        guard lo <= hi else { return 0...1 }
        if lo < hi && (hi - lo).isFinite { return lo...hi }
        if lo < hi { return max(lo, -1e300)...min(hi, 1e300) }
        return (lo - 0.5)...(hi + 0.5)
    }
}

/// What a histogram's bar heights measure.
public enum HistogramMeasure: Sendable, Hashable {
    /// Number of values.
    case count
    /// Share of all finite values (bars sum to at most 1); shown as percentages.
    case fraction
    /// Probability density: fraction ÷ bin width, comparable with a pdf curve.
    case density

    /// The height of bin `i` in this measure.
    func height(_ h: Histogram, _ i: Int) -> Double {
        let c = Double(h.counts[i])
        switch self {
        case .count: return c
        case .fraction: return h.finiteCount == 0 ? 0 : c / Double(h.finiteCount)
        case .density: return h.finiteCount == 0 || h.binWidth <= 0 ? 0 : c / Double(h.finiteCount) / h.binWidth
        }
    }

    /// What a density curve is multiplied by to be drawn in this measure: a pdf becomes expected
    /// fractions per bin (× bin width) or expected counts (× bin width × values).
    func curveFactor(_ h: Histogram) -> Double {
        switch self {
        case .density: return 1
        case .fraction: return h.binWidth
        case .count: return h.binWidth * Double(h.finiteCount)
        }
    }

    /// The y-axis title in `text`'s language.
    func title(_ text: ChartText) -> String {
        switch self {
        case .count: return text.count
        case .fraction: return text.shareOfValues
        case .density: return text.density
        }
    }

    var numberStyle: NumberStyle { self == .fraction ? .percent : .automatic }
}

/// How histogram bins are drawn.
public enum HistogramStyle: Sendable, Hashable {
    /// Filled bars.
    case bars
    /// An outline of the bins (reads well when a density curve is drawn over it).
    case steps
}
