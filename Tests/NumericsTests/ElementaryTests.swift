// Our elementary functions against Foundation's (glibc's) double-precision ones, in ulps, over
// deterministic grids of arguments spanning each function's interesting ranges.
import Foundation
import Testing
@testable import Numerics

@Suite struct ElementaryTests {
    /// Arguments: a dense grid plus log-spaced magnitudes of both signs.
    static func arguments(from lower: Double, to upper: Double, count: Int = 20_000) -> [Double] {
        var values = (0...count).map { lower + (upper - lower) * Double($0) / Double(count) }
        var magnitude = 1e-300
        while magnitude < max(abs(lower), abs(upper)) {
            if magnitude <= upper { values.append(magnitude) }
            if -magnitude >= lower { values.append(-magnitude) }
            magnitude *= 1.37
        }
        return values
    }

    static func worst(_ ours: (Double) -> Double, _ reference: (Double) -> Double,
                      _ xs: [Double]) -> (ulps: Double, at: Double) {
        var worst = (ulps: 0.0, at: 0.0)
        for x in xs {
            let u = Reference.ulps(ours(x), reference(x))
            if u > worst.ulps { worst = (u, x) }
        }
        return worst
    }

    @Test func expWithinTwoUlps() {
        let w = Self.worst({ Elementary.exp($0) }, { Foundation.exp($0) }, Self.arguments(from: -745, to: 709.7))
        #expect(w.ulps <= 2, "worst \(w.ulps) ulp at \(w.at)")
        #expect(Elementary.exp(0.0) == 1 && Elementary.exp(800.0) == .infinity && Elementary.exp(-800.0) == 0)
        #expect(Elementary.exp(Double.nan).isNaN)
    }

    @Test func expm1WithinTwoUlps() {
        let w = Self.worst({ Elementary.expm1($0) }, { Foundation.expm1($0) }, Self.arguments(from: -50, to: 700))
        #expect(w.ulps <= 2, "worst \(w.ulps) ulp at \(w.at)")
    }

    @Test func logWithinTwoUlps() {
        var xs = Self.arguments(from: 0, to: 1e6).filter { $0 > 0 }
        xs += [Double.leastNonzeroMagnitude, Double.leastNormalMagnitude / 3, .greatestFiniteMagnitude, 1 + 0x1p-52, 1 - 0x1p-53]
        let w = Self.worst({ Elementary.log($0) }, { Foundation.log($0) }, xs)
        #expect(w.ulps <= 2, "worst \(w.ulps) ulp at \(w.at)")
        #expect(Elementary.log(1.0) == 0 && Elementary.log(0.0) == -Double.infinity && Elementary.log(-1.0).isNaN)
    }

    @Test func log1pWithinThreeUlps() {
        let xs = Self.arguments(from: -0.999, to: 1e5)
        let w = Self.worst({ Elementary.log1p($0) }, { Foundation.log1p($0) }, xs)
        #expect(w.ulps <= 3, "worst \(w.ulps) ulp at \(w.at)")
    }

    @Test func tanhWithinThreeUlps() {
        let w = Self.worst({ Elementary.tanh($0) }, { Foundation.tanh($0) }, Self.arguments(from: -30, to: 30))
        #expect(w.ulps <= 3, "worst \(w.ulps) ulp at \(w.at)")
        #expect(Elementary.tanh(-0.0).sign == .minus)
    }

    @Test func sigmoidWithinThreeUlps() {
        // Reference: 1/(1 + e^{−x}) with Foundation's exp, or e^x/(1 + e^x) for negative x.
        let reference: (Double) -> Double = { x in x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x)) }
        let w = Self.worst({ Elementary.sigmoid($0) }, reference, Self.arguments(from: -700, to: 40))
        #expect(w.ulps <= 3, "worst \(w.ulps) ulp at \(w.at)")
    }

    @Test func erfWithinFourUlps() {
        let w = Self.worst({ Elementary.erf($0) }, { Foundation.erf($0) }, Self.arguments(from: -7, to: 7))
        #expect(w.ulps <= 4, "worst \(w.ulps) ulp at \(w.at)")
    }

    @Test func erfcWithinSixUlps() {
        // Below 0.5 erfc is 1 − erf, whose rounding is up to ~4 ulp of the smaller erfc; beyond, the
        // continued fraction is within 4.
        let w = Self.worst({ Elementary.erfc($0) }, { Foundation.erfc($0) }, Self.arguments(from: -5, to: 27))
        #expect(w.ulps <= 6, "worst \(w.ulps) ulp at \(w.at)")
        let tail = Self.worst({ Elementary.erfc($0) }, { Foundation.erfc($0) }, Self.arguments(from: 0.5, to: 27))
        #expect(tail.ulps <= 4, "worst \(tail.ulps) ulp at \(tail.at)")
    }

    @Test func normalCDFWithinDocumentedError() {
        var worstRelative = 0.0, worstAbsolute = 0.0
        for x in Self.arguments(from: -38, to: 9) {
            let reference = 0.5 * Foundation.erfc(-x / 2.0.squareRoot())
            let error = abs(Elementary.normalCDF(x) - reference)
            worstAbsolute = max(worstAbsolute, error)
            if reference > 0 { worstRelative = max(worstRelative, error / reference) }
        }
        #expect(worstRelative < 1e-10 && worstAbsolute < 1e-15, "worst \(worstRelative) relative, \(worstAbsolute) absolute")
    }

    @Test func floatVersionsWithinOneUlp() {
        var worst: Float = 0
        for i in 0...20_000 {
            let x = Float(-20 + 40 * Double(i) / 20_000)
            worst = max(worst, Reference.ulps(Elementary.tanh(x), Float(Foundation.tanh(Double(x)))))
            worst = max(worst, Reference.ulps(Elementary.exp(x), Float(Foundation.exp(Double(x)))))
        }
        #expect(worst <= 1)
    }

    @Test func batchTanhAndSigmoidEqualTheScalarFunctionsBitForBit() {
        // Every float exponent from 2⁻¹⁴⁹ to 2¹²⁷, both signs, with random mantissas; plus special values
        // and an odd count so the scalar tail runs too.
        var g = RandomGenerator(seed: 77)
        var xs: [Float] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                           22, -22, 22.000002, 0x1p-28, -0x1p-28, 20, -20, 40, -40, 88.7, -103.9, -745, 745]
        for _ in 0..<2_000_001 {
            let bits = UInt32(truncatingIfNeeded: g.next())
            let x = Float(bitPattern: bits)
            if x.isFinite { xs.append(x) }
        }
        for _ in 0..<500_000 { xs.append(Float(g.normal() * 8)) }
        var tanhs = [Float](repeating: 0, count: xs.count), sigmoids = tanhs
        xs.withUnsafeBufferPointer { input in
            tanhs.withUnsafeMutableBufferPointer { Elementary.tanh(input, into: $0) }
            sigmoids.withUnsafeMutableBufferPointer { Elementary.sigmoid(input, into: $0) }
        }
        var mismatches: [Float] = []
        for (i, x) in xs.enumerated() {
            let t = Float(Elementary.tanh(Double(x))), s = Float(Elementary.sigmoid(Double(x)))
            let same = (t.bitPattern == tanhs[i].bitPattern || (t.isNaN && tanhs[i].isNaN))
                && (s.bitPattern == sigmoids[i].bitPattern || (s.isNaN && sigmoids[i].isNaN))
            if !same && mismatches.count < 5 { mismatches.append(x) }
        }
        #expect(mismatches.isEmpty, "first mismatches at \(mismatches)")
    }

    @Test func laneLogEqualsTheScalarLogBitForBit() {
        var g = RandomGenerator(seed: 5)
        var mismatches = 0
        for _ in 0..<200_000 {
            var x = SIMD8<Double>()
            for j in 0..<8 {
                // Positive normal doubles of every exponent, and values near 1 where log is most delicate.
                let bits = (g.next() & 0x7FFF_FFFF_FFFF_FFFF) | 0x0010_0000_0000_0000
                x[j] = j < 6 ? Double(bitPattern: min(bits, 0x7FEF_FFFF_FFFF_FFFF)) : 1 + (g.nextDouble() - 0.5) * 1e-3
            }
            let y = Elementary.logPositiveNormal(x)
            for j in 0..<8 where y[j].bitPattern != Elementary.log(x[j]).bitPattern { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }
}
