// Inference statistics against SciPy: Fixtures/scipy-inference.txt holds values computed by
// scipy.special.betainc / gammaln, scipy.stats.t.cdf / t.ppf and scipy.stats.ttest_ind(equal_var=False)
// (lines "NAME inputs… expected…"; the SciPy version is on the first line).
import Foundation
import Testing
@testable import Numerics

private let fixture: [[Substring]] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/scipy-inference.txt")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ") }
}()

private func rows(_ name: String) -> [[Double]] {
    fixture.filter { $0.first.map(String.init) == name }.map { $0.dropFirst().map { Double($0)! } }
}

private func list(_ field: Substring) -> [Double] { field.split(separator: ",").map { Double($0)! } }

private func close(_ value: Double, _ expected: Double, relative: Double) -> Bool {
    value == expected || abs(value - expected) <= relative * abs(expected)
}

@Suite struct InferenceTests {
    @Test func fixtureIsPresent() {
        #expect(rows("betainc").count == 8 && rows("tcdf").count == 7 && rows("tppf").count == 7)
    }

    @Test func regularizedIncompleteBetaMatchesSciPy() {
        for row in rows("betainc") {
            let value = Beta.regularizedIncomplete(row[0], a: row[1], b: row[2])
            #expect(close(value, row[3], relative: 1e-12), "I_\(row[0])(\(row[1]), \(row[2])) = \(value), SciPy \(row[3])")
        }
    }

    @Test func logGammaMatchesSciPy() {
        for row in rows("lgamma") {
            let value = Beta.logGamma(row[0])
            #expect(abs(value - row[1]) <= 1e-13 * max(1, abs(row[1])), "lnΓ(\(row[0])) = \(value), SciPy \(row[1])")
        }
    }

    @Test func studentTDistributionMatchesSciPy() {
        for row in rows("tcdf") {
            let value = StudentT.cdf(row[0], degreesOfFreedom: row[1])
            #expect(close(value, row[2], relative: 1e-12), "F(\(row[0]); \(row[1])) = \(value), SciPy \(row[2])")
        }
        for row in rows("tppf") {
            let value = StudentT.quantile(row[0], degreesOfFreedom: row[1])
            #expect(abs(value - row[2]) <= 1e-11 * max(1, abs(row[2])), "t(\(row[0]); \(row[1])) = \(value), SciPy \(row[2])")
        }
    }

    @Test func welchTestMatchesSciPy() {
        let lines = fixture.filter { $0.first == "welch" }
        #expect(lines.count == 4)
        for line in lines {
            let test = WelchTest(list(line[1]), list(line[2]))
            let expected = line[3...].map { Double($0)! }
            #expect(close(test.t, expected[0], relative: 1e-12))
            #expect(close(test.degreesOfFreedom, expected[1], relative: 1e-12))
            #expect(close(test.twoSidedP, expected[2], relative: 1e-10), "p = \(test.twoSidedP), SciPy \(expected[2])")
            #expect(close(test.greaterP, expected[3], relative: 1e-10), "p(>) = \(test.greaterP), SciPy \(expected[3])")
        }
    }

    @Test func summaryMatchesSciPy() {
        let lines = fixture.filter { $0.first == "summary" }
        #expect(lines.count == 2)
        for line in lines {
            let summary = SampleSummary(list(line[1]))
            #expect(close(summary.mean, Double(line[2])!, relative: 1e-14))
            #expect(close(summary.std, Double(line[3])!, relative: 1e-12))
            #expect(close(summary.ci95!, Double(line[4])!, relative: 1e-11))
        }
        #expect(SampleSummary([0.9]).ci95 == nil && SampleSummary([0.9]).std == 0)
    }

    @Test func constantSamplesGiveDefiniteAnswers() {
        let different = WelchTest([0.75, 0.75], [0.5, 0.5, 0.5])
        #expect(different.t == .infinity && different.greaterP == 0 && different.twoSidedP == 0)
        let same = WelchTest([0.9, 0.9], [0.9, 0.9])
        #expect(same.t == 0 && same.twoSidedP == 1 && same.greaterP == 0.5)
    }

    @Test func binomialStandardErrorOfATestAccuracy() {
        // The issue's figure: about 0.5 points at 94.5 % on 2,000 images.
        #expect(abs(Inference.binomialStandardError(accuracy: 0.945, trials: 2000) - (0.945 * 0.055 / 2000).squareRoot()) < 1e-15)
        #expect(Inference.binomialStandardError(accuracy: 1, trials: 10) == 0)
    }
}
