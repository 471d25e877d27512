// Summary statistics of simulated values, in Double whatever the storage, in one fixed order of summation,
// so the same values give the same bits.

/// Moments and extremes of a set of values; non-finite values are counted, not summed.
struct Summary: Sendable {
    var count = 0
    var nonFinite = 0
    var mean = Double.nan
    /// Population standard deviation (divides by n).
    var std = Double.nan
    /// √E[x²], the quantity variance-propagation arguments track.
    var rms = Double.nan
    var min = Double.nan
    var max = Double.nan

    /// Single precision values, as the engine stores tensors (not generic: the loops run on every weight of a layer).
    init(_ values: [Float]) {
        var sum = 0.0, squares = 0.0, n = 0
        var lo = Double.infinity, hi = -Double.infinity
        for v in values {
            let x = Double(v)
            guard x.isFinite else { nonFinite += 1; continue }
            n += 1
            sum += x
            squares += x * x
            lo = Swift.min(lo, x)
            hi = Swift.max(hi, x)
        }
        count = n
        guard n > 0 else { return }
        mean = sum / Double(n)
        var centred = 0.0
        for v in values {
            let x = Double(v)
            if x.isFinite { centred += (x - mean) * (x - mean) }
        }
        std = (centred / Double(n)).squareRoot()
        rms = (squares / Double(n)).squareRoot()
        min = lo
        max = hi
    }

    var variance: Double { std * std }
}

/// Mean and sample standard deviation (n − 1) over seeds; std is 0 for one seed.
func meanAndSpread(_ xs: [Double]) -> (mean: Double, std: Double) {
    guard !xs.isEmpty else { return (.nan, .nan) }
    let mean = xs.reduce(0, +) / Double(xs.count)
    guard xs.count > 1 else { return (mean, 0) }
    let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, (ss / Double(xs.count - 1)).squareRoot())
}
