// sin and cos against Foundation's (glibc's), in ulps: near zeros the relative error is measured against the
// absolute scale 1, since a value near a root of sin carries the reduction's absolute error, not a relative one.
import Foundation
import Testing
@testable import Numerics

@Suite struct TrigonometricTests {
    static func worst(_ ours: (Double) -> Double, _ reference: (Double) -> Double, _ xs: [Double]) -> (error: Double, at: Double) {
        var worst = (error: 0.0, at: 0.0)
        for x in xs {
            // Error in units of 2⁻⁵² relative to max(|reference|, 2⁻⁴): ulps where the value is not tiny.
            let r = reference(x), scale = max(abs(r), 0.0625)
            let e = abs(ours(x) - r) / (scale * Double.ulpOfOne)
            if e > worst.error { worst = (e, x) }
        }
        return worst
    }

    static let grid = ElementaryTests.arguments(from: -1000, to: 1000, count: 40_000)

    @Test func sinAndCosWithinTwoUlps() {
        let s = Self.worst({ Elementary.sin($0) }, { Foundation.sin($0) }, Self.grid)
        let c = Self.worst({ Elementary.cos($0) }, { Foundation.cos($0) }, Self.grid)
        #expect(s.error <= 2, "sin: worst \(s.error) at \(s.at)")
        #expect(c.error <= 2, "cos: worst \(c.error) at \(c.at)")
    }

    @Test func exactValuesAndLimits() {
        #expect(Elementary.sin(0.0) == 0 && Elementary.cos(0.0) == 1)
        #expect(Elementary.sin(-0.0).sign == .minus)
        #expect(abs(Elementary.sin(Double.pi / 6) - 0.5) <= 1e-16)
        #expect(abs(Elementary.cos(Double.pi / 3) - 0.5) <= 2e-16)
        #expect(abs(Elementary.sin(Double.pi)) < 2e-16)
        // sin(π) for the double nearest π is 1.2246e-16 (π − double(π)); the reduction keeps it.
        #expect(abs(Elementary.sin(Double.pi) - 1.2246467991473532e-16) < 1e-30)
        #expect(Elementary.sin(1e7).isNaN && Elementary.cos(.infinity).isNaN && Elementary.sin(.nan).isNaN)
        #expect(!Elementary.sin(1_647_099.0).isNaN)
    }
}
