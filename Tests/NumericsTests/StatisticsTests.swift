// Tensor statistics and histograms: hand-worked examples, non-finite values, and agreement with
// plain Double formulas on random data.
import Testing
@testable import Numerics

@Suite struct StatisticsTests {
    @Test func momentsOfASmallTensor() {
        let s = TensorStatistics([1, 2, 3, 4, 0, 0], binning: Binning(bins: 4))
        #expect(s.count == 6 && s.mean == 10.0 / 6 && s.min == 0 && s.max == 4)
        // Population variance: E[x²] − mean² = 30/6 − (10/6)².
        #expect(abs(s.std * s.std - (5 - 100.0 / 36)) < 1e-12)
        #expect(abs(s.meanSquare - 5) < 1e-12)
        #expect(s.zeroFraction == 2.0 / 6)
        #expect(s.saturatedFraction == nil)
    }

    @Test func nonFiniteValuesAreCountedNotMixedIn() {
        let s = TensorStatistics([1, .nan, 3, .infinity, -.infinity], binning: Binning(bins: 2, range: 0...4))
        #expect(s.nanCount == 1 && s.infinityCount == 2)
        #expect(s.mean == 2 && s.min == 1 && s.max == 3)
        #expect(s.histogram.counts == [1, 1] && s.histogram.underflow == 1 && s.histogram.overflow == 1)
        #expect(s.histogram.nanCount == 1 && s.histogram.total == 5)
    }

    @Test func histogramEdgesUnderflowOverflowAndClosedLastBin() {
        var h = Histogram(bins: 4, range: -1...1)
        h.add([-1, -0.5, -0.49, 0, 0.99, 1, 1.01, -1.01, -7])
        // [−1, −0.5) ∋ −1; [−0.5, 0) ∋ −0.5, −0.49; [0, 0.5) ∋ 0; [0.5, 1] ∋ 0.99, 1 (closed).
        #expect(h.counts == [1, 2, 1, 2])
        #expect(h.underflow == 2 && h.overflow == 1 && h.total == 9)
        #expect(h.edges == [-1, -0.5, 0, 0.5, 1])
    }

    @Test func constantTensorGetsAWidenedRange() {
        let s = TensorStatistics([0, 0, 0], binning: Binning(bins: 3))
        #expect(s.histogram.lowerBound == -0.5 && s.histogram.upperBound == 0.5)
        #expect(s.histogram.counts == [0, 3, 0] && s.zeroFraction == 1 && s.std == 0)
    }

    @Test func saturationIsWithinOneHundredthOfAnAsymptote() {
        let s = TensorStatistics([0.995, -0.99, 0.98, 0, -1], binning: Binning(bins: 2), asymptotes: [-1, 1])
        #expect(s.saturatedFraction == 3.0 / 5)
    }

    @Test func agreesWithPlainFormulasOnRandomData() {
        var g = RandomGenerator(seed: 12)
        var values = [Float](repeating: 0, count: 10_001)
        g.fillNormal(&values, mean: 3, std: 2)
        let s = TensorStatistics(values, binning: Binning(bins: 30))
        let xs = values.map(Double.init)
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count)
        #expect(abs(s.mean - mean) < 1e-12 && abs(s.std - variance.squareRoot()) < 1e-12)
        #expect(s.min == xs.min()! && s.max == xs.max()!)
        // Automatic range: every value lands in a bin; the extremes in the first and last.
        #expect(s.histogram.counts.reduce(0, +) == values.count && s.histogram.underflow == 0 && s.histogram.overflow == 0)
        #expect(s.histogram.counts.first! >= 1 && s.histogram.counts.last! >= 1)
    }

    @Test(arguments: [0, 7, 8, 1003])
    func agreesWithAPlainLoopWhateverTheLanes(count: Int) {
        // Non-finite values, zeros and near-asymptote values scattered over lanes and the tail.
        var g = RandomGenerator(seed: UInt64(40 + count))
        var values = (0..<count).map { _ in Float(g.normal() * 0.8) }
        let specials: [Float] = [.nan, .infinity, -.infinity, 0, 0.995, -0.991, 1.5, -3]
        for (k, special) in specials.enumerated() where count > 0 {
            for position in stride(from: (k * 37) % count, to: count, by: 97) { values[position] = special }
        }
        let binning = Binning(bins: 10, range: -1...1)
        let s = TensorStatistics(values, binning: binning, asymptotes: [-1, 1])

        let finite = values.filter(\.isFinite).map(Double.init)
        #expect(s.count == count)
        #expect(s.nanCount == values.filter(\.isNaN).count)
        #expect(s.infinityCount == values.filter(\.isInfinite).count)
        #expect(s.zeroFraction == (count == 0 ? 0 : Double(values.filter { $0 == 0 }.count) / Double(count)))
        #expect(s.saturatedFraction == (count == 0 ? 0 : Double(finite.filter { abs($0 - 1) <= 0.01 || abs($0 + 1) <= 0.01 }.count) / Double(count)))
        if finite.isEmpty {
            #expect(s.mean.isNaN && s.std.isNaN)
        } else {
            let mean = finite.reduce(0, +) / Double(finite.count)
            let variance = finite.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(finite.count)
            #expect(abs(s.mean - mean) < 1e-12 && abs(s.std - variance.squareRoot()) < 1e-12)
            #expect(s.min == finite.min()! && s.max == finite.max()!)
        }
        // Histogram by the definition: bin ⌊(x + 1)·5⌋, x = 1 in the last bin.
        var counts = [Int](repeating: 0, count: 10)
        for x in finite where x >= -1 && x <= 1 { counts[min(Int((x + 1) * 5), 9)] += 1 }
        #expect(s.histogram.counts == counts)
        #expect(s.histogram.underflow == values.filter { $0 < -1 }.count)
        #expect(s.histogram.overflow == values.filter { $0 > 1 }.count)
        #expect(s.histogram.nanCount == s.nanCount && s.histogram.total == count)
    }
}
