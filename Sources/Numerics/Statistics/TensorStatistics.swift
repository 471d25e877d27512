// Summary statistics of one tensor (a layer's pre-activations, activations or gradients): moments over
// the finite values, extremes, the fractions the course talks about (saturated units, dead units) and
// the non-finite counts, plus a histogram. Sums are in Double: eight interleaved partial sums (element i
// goes to lane i mod 8) added in a fixed order, then the last count mod 8 elements in index order, so the
// figures are the same bits everywhere. The standard deviation is the population one (divide by n), as numpy's `std`.

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
        typealias Lanes = SIMD8<Double>
        let count = values.count
        let whole = count - count % 8
        // Saturation: the distance to the nearest asymptote, in lanes. Activations have at most two; the
        // missing ones are +∞ (never near), so the loop has no array to walk.
        precondition(asymptotes.count <= 2, "at most two asymptotes")
        let hasAsymptotes = !asymptotes.isEmpty
        let first = Lanes(repeating: asymptotes.first ?? .infinity)
        let second = Lanes(repeating: asymptotes.count > 1 ? asymptotes[1] : .infinity)
        let tolerance = Lanes(repeating: TensorStatistics.saturationTolerance)
        @inline(__always) func load(_ i: Int) -> Lanes {
            Lanes(UnsafeRawPointer(values.baseAddress!).loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
        }
        @inline(__always) func ones(_ mask: SIMDMask<SIMD8<Int64>>) -> Lanes { Lanes().replacing(with: 1, where: mask) }
        /// The eight lanes summed in a fixed order (the standard library leaves `sum()`'s order open).
        @inline(__always) func total(_ v: Lanes) -> Double { ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7])) }

        // First pass, eight values at a time: sums, extremes and counts. Non-finite values are replaced
        // by neutral ones (0, ±∞) so they drop out of the sums and extremes and are only counted.
        var sumLanes = Lanes(), lowLanes = Lanes(repeating: .infinity), highLanes = Lanes(repeating: -.infinity)
        var finiteLanes = Lanes(), zeroLanes = Lanes(), saturatedLanes = Lanes(), nanLanes = Lanes()
        var i = 0
        while i < whole {
            let x = load(i)
            let finite = (x - x) .== 0          // false for NaN and ±∞
            sumLanes += x.replacing(with: 0, where: .!finite)
            // Minimum and maximum by comparison and selection: the standard library's pointwiseMin and
            // pointwiseMax handle NaN lane by lane and ran several times slower here.
            let forLow = x.replacing(with: .infinity, where: .!finite), forHigh = x.replacing(with: -.infinity, where: .!finite)
            lowLanes = lowLanes.replacing(with: forLow, where: forLow .< lowLanes)
            highLanes = highLanes.replacing(with: forHigh, where: forHigh .> highLanes)
            finiteLanes += ones(finite)
            zeroLanes += ones(x .== 0)
            nanLanes += ones(x .!= x)
            i += 8
        }
        if hasAsymptotes {      // its own loop, so the one above stays simple
            i = 0
            while i < whole {
                let x = load(i)
                let d0 = x - first, d1 = x - second
                saturatedLanes += ones((d0 .<= tolerance) .& (d0 .>= -tolerance) .| ((d1 .<= tolerance) .& (d1 .>= -tolerance)))
                i += 8
            }
        }
        var sum = total(sumLanes)
        var low = lowLanes.min(), high = highLanes.max()
        var finite = Int(total(finiteLanes)), zeros = Int(total(zeroLanes))
        var saturated = Int(total(saturatedLanes)), nans = Int(total(nanLanes))
        while i < count {       // the last count mod 8 values, in order
            let value = values[i]
            let x = Double(value)
            if value.isFinite {
                finite += 1
                sum += x
                low = Swift.min(low, x)
                high = Swift.max(high, x)
                if value == 0 { zeros += 1 }
                for a in asymptotes where abs(x - a) <= TensorStatistics.saturationTolerance { saturated += 1; break }
            } else if value.isNaN {
                nans += 1
            }
            i += 1
        }
        let mean = finite > 0 ? sum / Double(finite) : .nan

        // Second pass: squared deviations from the mean (no cancellation), the same way.
        var squares = 0.0
        if finite > 0 {
            var squareLanes = Lanes()
            let center = Lanes(repeating: mean)
            i = 0
            while i < whole {
                let x = load(i)
                let d = (x - center).replacing(with: 0, where: (x - x) .!= 0)
                squareLanes = squareLanes.addingProduct(d, d)
                i += 8
            }
            squares = total(squareLanes)
            while i < count {
                if values[i].isFinite {
                    let d = Double(values[i]) - mean
                    squares = squares.addingProduct(d, d)
                }
                i += 1
            }
        }
        let variance = finite > 0 ? squares / Double(finite) : .nan
        self.count = count
        self.mean = mean
        std = variance.squareRoot()
        meanSquare = finite > 0 ? variance + mean * mean : .nan
        min = finite > 0 ? low : .nan
        max = finite > 0 ? high : .nan
        zeroFraction = count == 0 ? 0 : Double(zeros) / Double(count)
        saturatedFraction = asymptotes.isEmpty ? nil : (count == 0 ? 0 : Double(saturated) / Double(count))
        nanCount = nans
        infinityCount = count - finite - nans
        let range = binning.range ?? (finite > 0 ? low...high : 0...0)
        histogram = Histogram(bins: binning.bins, range: range)
        histogram.add(values)
    }
}
