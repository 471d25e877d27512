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
}
