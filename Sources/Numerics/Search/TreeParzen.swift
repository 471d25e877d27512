// The Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio & Kégl, "Algorithms for hyper-parameter
// optimization", NeurIPS 2011), independent per parameter, with Optuna's documented defaults as the
// reference (optuna.samplers.TPESampler: n_startup_trials 10, n_ei_candidates 24, gamma(n) = min(⌈0.1 n⌉, 25),
// prior weight 1, magic clip on, endpoints off, weights flat below 25 observations then a ramp on the oldest):
//
//   1. The first `startupTrials` trials are uniform random.
//   2. The trials so far are split: the best γ(n) are "good", the rest "bad" (a NaN score counts as worst).
//   3. Per parameter, a Parzen estimator (a weighted mixture, one kernel per observation plus a prior kernel)
//      is fitted to the good values, l(x), and to the bad values, g(x):
//        continuous: truncated normals on the range (in log space for a log scale), centred on each value,
//          width the larger gap to its sorted neighbours (range ends included), clipped to
//          [range / min(100, n + 1 + 1), range]; the prior is centred on the range, as wide as it;
//        categorical: each observation puts 1 + w/(n + 1) on its value and w/(n + 1) on the others (w the prior
//          weight), normalized; the prior kernel is uniform.
//   4. `candidates` values are drawn from l; the one with the largest l(x)/g(x) — the expected-improvement
//      maximizer under the TPE model — is proposed.
//   A conditional parameter (one that exists only for one value of an earlier categorical parameter) is proposed
//   only when its condition holds in the point being built; its l and g are fitted to the good and the bad trials
//   that have it (the split is over all trials, as in Optuna), each falling back to its prior alone when none do.
// Optuna's code was read to learn the defaults; this is an independent implementation.

public struct TreeParzen: Sendable, Equatable {
    public var startupTrials: Int
    public var candidates: Int
    public var priorWeight: Double

    public init(startupTrials: Int = 10, candidates: Int = 24, priorWeight: Double = 1) {
        precondition(startupTrials >= 0 && candidates > 0 && priorWeight > 0)
        self.startupTrials = startupTrials
        self.candidates = candidates
        self.priorWeight = priorWeight
    }

    /// How many of n trials are "good": min(⌈n / 10⌉, 25).
    public static func goodCount(_ n: Int) -> Int { min((n + 9) / 10, 25) }

    /// Kernel weights of n observations in trial order: all 1 below 25; else the oldest n − 25 ramp
    /// linearly from 1/n to 1 and the newest 25 weigh 1.
    static func observationWeights(_ n: Int) -> [Double] {
        if n < 25 { return [Double](repeating: 1, count: n) }
        let ramp = n - 25
        let start = 1 / Double(n)
        let rising = (0..<ramp).map { ramp == 1 ? start : start + (1 - start) * Double($0) / Double(ramp - 1) }
        return rising + [Double](repeating: 1, count: 25)
    }

    func propose(in space: SearchSpace, history: [SearchTrial], using generator: inout RandomGenerator) -> [SearchValue] {
        if history.count < max(1, startupTrials) { return space.randomPoint(using: &generator) }
        // Best first; NaN last; ties by trial number.
        let ranked = history.indices.sorted { i, j in
            let (a, b) = (history[i].score, history[j].score)
            if a.isNaN != b.isNaN { return b.isNaN }
            if a != b && !a.isNaN { return a > b }
            return history[i].number < history[j].number
        }
        var isGood = [Bool](repeating: false, count: history.count)
        for i in ranked.prefix(Self.goodCount(history.count)) { isGood[i] = true }
        let good = history.indices.filter { isGood[$0] }, bad = history.indices.filter { !isGood[$0] }

        var point: [SearchValue] = []
        for d in space.dimensions.indices {
            guard space.isActive(d, in: point) else { point.append(.inactive); continue }
            let good = good.filter { space.isActive(d, in: history[$0].point) }, bad = bad.filter { space.isActive(d, in: history[$0].point) }
            point.append(propose(space.dimensions[d], d, good: good, bad: bad, history: history, stream: generator.stream(for: UInt64(d))))
        }
        return point
    }

    /// One parameter's proposal from the good and the bad trials (indices into `history`) that have it.
    private func propose(_ dimension: SearchDimension, _ d: Int, good: [Int], bad: [Int], history: [SearchTrial],
                         stream: RandomGenerator) -> SearchValue {
        var stream = stream
        switch dimension {
        case .categorical(let values):
            let l = categorical(good.map { history[$0].point[d].category! }, count: values.count)
            let g = categorical(bad.map { history[$0].point[d].category! }, count: values.count)
            var best = 0, bestRatio = -Double.infinity
            for _ in 0..<candidates {
                let c = Self.draw(l, using: &stream)
                let ratio = Elementary.log(l[c]) - Elementary.log(g[c])
                if ratio > bestRatio { (best, bestRatio) = (c, ratio) }
            }
            return .category(best)
        case .continuous(let lower, let upper, let log):
            let transform: (Double) -> Double = log ? { Elementary.log($0) } : { $0 }
            let (low, high) = (transform(lower), transform(upper))
            let l = ParzenMixture(good.map { transform(history[$0].point[d].number!) }, low: low, high: high, priorWeight: priorWeight)
            let g = ParzenMixture(bad.map { transform(history[$0].point[d].number!) }, low: low, high: high, priorWeight: priorWeight)
            var best = low, bestRatio = -Double.infinity
            for _ in 0..<candidates {
                let x = l.sample(using: &stream)
                let ratio = l.logDensity(x) - g.logDensity(x)
                if ratio > bestRatio { (best, bestRatio) = (x, ratio) }
            }
            let value = log ? Elementary.exp(best) : best
            return .number(min(upper, max(lower, value)))
        }
    }

    /// The categorical Parzen estimator: the probability of each of `count` values.
    func categorical(_ observations: [Int], count: Int) -> [Double] {
        let weights = Self.observationWeights(observations.count) + [priorWeight]
        let total = weights.reduce(0, +)
        let spread = priorWeight / Double(observations.count + 1)
        var probabilities = [Double](repeating: 0, count: count)
        // Each observation's kernel: spread everywhere, +1 on its value, normalized; the prior: uniform.
        for (k, value) in observations.enumerated() {
            let norm = 1 + spread * Double(count)
            for c in 0..<count { probabilities[c] += weights[k] / total * (spread + (c == value ? 1 : 0)) / norm }
        }
        for c in 0..<count { probabilities[c] += priorWeight / total / Double(count) }
        return probabilities
    }

    /// An index drawn with the given probabilities (summing to 1 up to rounding).
    static func draw(_ probabilities: [Double], using generator: inout RandomGenerator) -> Int {
        var u = generator.nextDouble() * probabilities.reduce(0, +)
        for (i, p) in probabilities.enumerated() {
            if u < p { return i }
            u -= p
        }
        return probabilities.count - 1
    }
}

/// A weighted mixture of normals truncated to [low, high]: one kernel per observation plus the prior.
struct ParzenMixture {
    let weights: [Double], mus: [Double], sigmas: [Double], logNormalizers: [Double]
    let low: Double, high: Double

    init(_ observations: [Double], low: Double, high: Double, priorWeight: Double) {
        self.low = low
        self.high = high
        let range = high - low
        let n = observations.count
        // Widths: the larger gap to the sorted neighbours, the prior's centre among them and the range ends
        // beyond; the outermost kernels use their inner gap only.
        let withPrior = observations + [(low + high) / 2]
        let order = withPrior.indices.sorted { (withPrior[$0], $0) < (withPrior[$1], $1) }
        let sorted = [low] + order.map { withPrior[$0] } + [high]
        var sortedSigmas: [Double] = []
        for i in 1...withPrior.count {
            let left: Double = sorted[i] - sorted[i - 1], right: Double = sorted[i + 1] - sorted[i]
            sortedSigmas.append(max(left, right))
        }
        if sorted.count >= 4 {
            sortedSigmas[0] = sorted[2] - sorted[1]
            sortedSigmas[sortedSigmas.count - 1] = sorted[sorted.count - 2] - sorted[sorted.count - 3]
        }
        var sigmas = [Double](repeating: 0, count: withPrior.count)
        for (rank, index) in order.enumerated() { sigmas[index] = sortedSigmas[rank] }
        let minimum = range / min(100, Double(n + 2)), maximum = range
        sigmas = sigmas.prefix(n).map { min(maximum, max(minimum, $0)) } + [range]
        let raw = TreeParzen.observationWeights(n) + [priorWeight]
        let total = raw.reduce(0, +)
        weights = raw.map { $0 / total }
        mus = withPrior
        self.sigmas = sigmas
        logNormalizers = zip(mus, sigmas).map { mu, sigma in
            Elementary.log(Elementary.normalCDF((high - mu) / sigma) - Elementary.normalCDF((low - mu) / sigma))
        }
    }

    func sample(using generator: inout RandomGenerator) -> Double {
        let k = TreeParzen.draw(weights, using: &generator)
        // Rejection: the kernel's centre lies in the range and its width is at most the range, so at least
        // a third of the draws land inside; the clamp after 1,000 misses is never reached in practice.
        for _ in 0..<1000 {
            let x = generator.normal(mean: mus[k], std: sigmas[k])
            if x >= low && x <= high { return x }
        }
        return min(high, max(low, mus[k]))
    }

    /// ln of the mixture density at x (log-sum-exp over the kernels).
    func logDensity(_ x: Double) -> Double {
        let halfLog2Pi = 0.918_938_533_204_672_741_780_329_736_406
        let terms = mus.indices.map { k in
            let z = (x - mus[k]) / sigmas[k]
            return Elementary.log(weights[k]) - Elementary.log(sigmas[k]) - halfLog2Pi - 0.5 * z * z - logNormalizers[k]
        }
        let largest = terms.max()!
        return largest + Elementary.log(terms.reduce(0) { $0 + Elementary.exp($1 - largest) })
    }
}
