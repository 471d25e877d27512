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
        typealias Lanes = SIMD8<Double>
        let bins = counts.count
        let lower = lowerBound, upper = upperBound
        let scale = Double(bins) / (upper - lower)
        var under = 0, over = 0, nans = 0
        counts.withUnsafeMutableBufferPointer { counts in
            // Eight at a time, without branches: out-of-range lanes are counted by classification and
            // sent to a spare slot `bins` of a local tally; in-range positions are clamped to the last bin
            // (min(t, bins − ½) truncates to bins − 1 exactly when Int(t) ≥ bins − 1), which is what the
            // one-by-one loop for the last count mod 8 values does with min(Int(t), bins − 1).
            let whole = values.count - values.count % 8
            let lowerLanes = Lanes(repeating: lower), upperLanes = Lanes(repeating: upper), scaleLanes = Lanes(repeating: scale)
            let lastPosition = Lanes(repeating: Double(bins) - 0.5), spare = Lanes(repeating: Double(bins))
            var underLanes = Lanes(), overLanes = Lanes(), nanLanes = Lanes()
            withUnsafeTemporaryAllocation(of: Int.self, capacity: bins + 1) { tally in
                tally.initialize(repeating: 0)
                var i = 0
                while i < whole {
                    let x = Lanes(UnsafeRawPointer(values.baseAddress!).loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self))
                    let inside = (x .>= lowerLanes) .& (x .<= upperLanes)
                    underLanes += Lanes().replacing(with: 1, where: x .< lowerLanes)
                    overLanes += Lanes().replacing(with: 1, where: x .> upperLanes)
                    nanLanes += Lanes().replacing(with: 1, where: x .!= x)
                    let position = (x - lowerLanes) * scaleLanes
                    let t = position.replacing(with: lastPosition, where: position .> lastPosition).replacing(with: spare, where: .!inside)
                    for j in 0..<8 { tally[Int(t[j])] += 1 }
                    i += 8
                }
                for b in 0..<bins { counts[b] += tally[b] }
            }
            under = Int(underLanes.sum())     // whole numbers far below 2⁵³: exact in any order
            over = Int(overLanes.sum())
            nans = Int(nanLanes.sum())
            var i = whole
            while i < values.count {
                let x = Double(values[i])
                if x >= lower && x <= upper {
                    // (x − lower)·scale can round up to `bins` at x = upper (or just below it): last bin.
                    counts[Swift.min(Int((x - lower) * scale), bins - 1)] += 1
                } else if x < lower {
                    under += 1
                } else if x > upper {
                    over += 1
                } else {
                    nans += 1
                }
                i += 1
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
