// Summary statistics of one tensor (a layer's pre-activations, activations or gradients): moments over
// the finite values, extremes, the fractions the course talks about (saturated units, dead units) and
// the non-finite counts, plus a histogram. Sums are in Double, in index order, so the figures are the
// same bits everywhere. The standard deviation is the population one (divide by n), as numpy's `std`.

/// How a tensor's histogram is binned: a number of bins and a range; without a range, the tensor's own
/// finite minimum and maximum (numpy's default).
public struct Binning: Sendable, Hashable {
    public var bins: Int
    public var range: ClosedRange<Double>?

    public init(bins: Int = 30, range: ClosedRange<Double>? = nil) {
        precondition(bins > 0, "a histogram needs at least one bin")
        self.bins = bins
        self.range = range
    }
}

/// The statistics of one tensor.
public struct TensorStatistics: Sendable, Equatable {
    /// Number of elements, finite or not.
    public var count: Int
    /// Mean and population standard deviation of the finite elements (NaN if there are none).
    public var mean: Double
    public var std: Double
    /// Second moment E[x²] of the finite elements: the quantity mean-field theory tracks.
    public var meanSquare: Double
    /// Extremes of the finite elements (NaN if there are none).
    public var min: Double
    public var max: Double
    /// Fraction of all elements exactly zero (dead ReLU units, underflowed gradients).
    public var zeroFraction: Double
    /// Fraction of all elements within `saturationTolerance` of one of the given asymptotes; nil when
    /// no asymptotes were given (the activation has none).
    public var saturatedFraction: Double?
    public var nanCount: Int
    public var infinityCount: Int
    public var histogram: Histogram

    /// "Saturated" means within 0.01 of an asymptote: 1% of the unit scale of sigmoid and tanh.
    public static let saturationTolerance = 0.01

    /// Computes the statistics of `values`.
    public init(_ values: [Float], binning: Binning, asymptotes: [Double] = []) {
        self = values.withUnsafeBufferPointer { TensorStatistics($0, binning: binning, asymptotes: asymptotes) }
    }

    public init(_ values: UnsafeBufferPointer<Float>, binning: Binning, asymptotes: [Double] = []) {
        var finite = 0, zeros = 0, saturated = 0, nans = 0, infinities = 0
        var sum = 0.0
        var low = Double.infinity, high = -Double.infinity
        let tolerance = TensorStatistics.saturationTolerance
        for value in values {
            let x = Double(value)
            if value.isFinite {
                finite += 1
                sum += x
                low = Swift.min(low, x)
                high = Swift.max(high, x)
                if value == 0 { zeros += 1 }
                for a in asymptotes where abs(x - a) <= tolerance { saturated += 1; break }
            } else if value.isNaN {
                nans += 1
            } else {
                infinities += 1
            }
        }
        let mean = finite > 0 ? sum / Double(finite) : .nan
        // Second pass: squares of deviations (no cancellation), and the histogram.
        var squares = 0.0
        if finite > 0 {
            for value in values where value.isFinite {
                let d = Double(value) - mean
                squares = squares.addingProduct(d, d)
            }
        }
        let variance = finite > 0 ? squares / Double(finite) : .nan
        count = values.count
        self.mean = mean
        std = variance.squareRoot()
        meanSquare = finite > 0 ? variance + mean * mean : .nan
        min = finite > 0 ? low : .nan
        max = finite > 0 ? high : .nan
        zeroFraction = values.isEmpty ? 0 : Double(zeros) / Double(values.count)
        saturatedFraction = asymptotes.isEmpty ? nil : (values.isEmpty ? 0 : Double(saturated) / Double(values.count))
        nanCount = nans
        infinityCount = infinities
        let range = binning.range ?? (finite > 0 ? low...high : 0...0)
        histogram = Histogram(bins: binning.bins, range: range)
        histogram.add(values)
    }
}
