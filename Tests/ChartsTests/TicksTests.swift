// Tick tables from d3-array's test/ticks-test.js and d3-scale's test/linear-test.js (the reference our
// tick algorithm follows), plus the label tables that make tick values readable without float noise.
import Testing
@testable import Charts

@Suite struct TicksTests {
    static let d3Ticks: [(Double, Double, Double, [Double])] = [
        (0, 1, 10, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
        (0, 1, 9, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
        (0, 1, 8, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
        (0, 1, 7, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0, 1, 6, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0, 1, 5, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0, 1, 4, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0, 1, 3, [0.0, 0.5, 1.0]),
        (0, 1, 2, [0.0, 0.5, 1.0]),
        (0, 1, 1, [0.0, 1.0]),
        (0, 10, 10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        (0, 10, 7, [0, 2, 4, 6, 8, 10]),
        (0, 10, 4, [0, 2, 4, 6, 8, 10]),
        (0, 10, 3, [0, 5, 10]),
        (0, 10, 2, [0, 5, 10]),
        (0, 10, 1, [0, 10]),
        (-10, 10, 10, [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]),
        (-10, 10, 7, [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]),
        (-10, 10, 6, [-10, -5, 0, 5, 10]),
        (-10, 10, 3, [-10, -5, 0, 5, 10]),
        (-10, 10, 2, [-10, 0, 10]),
        (-10, 10, 1, [0]),
        (-100, 100, 10, [-100, -80, -60, -40, -20, 0, 20, 40, 60, 80, 100]),
        (-100, 100, 5, [-100, -50, 0, 50, 100]),
        (0, 2.2, 3, [0, 1, 2]),  // "remains within the domain"
        (0.98, 1.14, 10, [0.98, 1, 1.02, 1.04, 1.06, 1.08, 1.1, 1.12, 1.14]),  // "handles precision problems"
    ]

    @Test(arguments: d3Ticks.indices)
    func matchesD3(_ i: Int) {
        let (start, stop, count, expected) = Self.d3Ticks[i]
        // Values are compared exactly: each tick must be the double nearest to its decimal, as in d3.
        #expect(LinearTicks(start, stop, count: count)?.values == expected, "ticks(\(start), \(stop), \(count))")
    }

    @Test func degenerateInputsGiveNoTicks() {
        #expect(LinearTicks(.nan, 1, count: 1) == nil)
        #expect(LinearTicks(0, .nan, count: 1) == nil)
        #expect(LinearTicks(0, 1, count: .nan) == nil)
        #expect(LinearTicks(0, 1, count: 0) == nil)
        #expect(LinearTicks(0, 1, count: -1) == nil)
        #expect(LinearTicks(0, 1, count: .infinity) == nil)
        #expect(LinearTicks(1, 1, count: 10) == nil)           // zero width: callers widen the domain first
        #expect(LinearTicks(0, .infinity, count: 5) == nil)
        #expect(LinearTicks(-1e308, 1e308, count: 5) == nil)  // the span overflows
    }

    @Test func noNegativeZero() throws {
        let last = try #require(LinearTicks(-1, 0, count: 5)?.values.last)
        #expect(last == 0 && last.sign == .plus)
        #expect(decimalString(0, exponent: -1, decimals: 1) == "0.0")
    }

    @Test func niceDomainsMatchD3() {
        let cases: [(Double, Double, Double, Double, Double)] = [
            (0, 0.96, 10, 0, 1), (0, 96, 10, 0, 100), (-0.96, 0, 10, -1, 0), (-96, 0, 10, -100, 0),
            (1.1, 10.9, 10, 1, 11), (0, 0.49, 10, 0, 0.5),
            (0, 14.1, 5, 0, 20), (0, 15, 5, 0, 20), (12, 87, 5, 0, 100), (12, 87, 10, 10, 90), (12, 87, 100, 12, 87),
            (0, 0, 10, 0, 0), (0.5, 0.5, 10, 0.5, 0.5),
        ]
        for (a, b, count, lo, hi) in cases {
            let nice = niceDomain(a, b, count: count)
            #expect(nice.0 == lo && nice.1 == hi, "nice(\(a), \(b), \(count)) = \(nice)")
        }
    }

    @Test func ticksSpanTheNiceDomain() throws {
        // d3-scale: "linear.ticks(X) spans linear.nice(X).domain()".
        for (a, b, count) in [(1.0, 9.0, 2.0), (1, 9, 3), (1, 9, 4), (8, 9, 2), (8, 9, 3), (8, 9, 4), (1, 21, 2), (5, 21, 2), (11, 21, 2)] {
            let (lo, hi) = niceDomain(a, b, count: count)
            let values = try #require(LinearTicks(lo, hi, count: count)?.values)
            #expect(values.first == lo && values.last == hi, "[\(a), \(b)] × \(count)")
        }
    }

    @Test func integerTicksNeverGoBelowOne() throws {
        let ticks = try #require(LinearTicks(integersFrom: 0, 3, count: 10))
        #expect(ticks.values == [0, 1, 2, 3])
        #expect(LinearTicks(integersFrom: 0, 1000, count: 5)?.values == [0, 200, 400, 600, 800, 1000])
    }
}

@Suite struct TickLabelTests {
    func labels(_ a: Double, _ b: Double, _ count: Double, _ style: NumberStyle = .automatic) -> ([String], String?) {
        guard let ticks = LinearTicks(a, b, count: count) else { return ([], nil) }
        return linearLabels(ticks, style: style)
    }

    @Test func oneDecimalCountPerAxisAndNoFloatNoise() {
        #expect(labels(0, 1, 10).0 == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"])
        #expect(labels(0, 1, 2).0 == ["0.0", "0.5", "1.0"])
        #expect(labels(-1, 1, 2).0 == ["−1", "0", "1"])
        #expect(labels(0.1, 0.7, 6).0 == ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"])
        #expect(labels(0.98, 1.14, 10).0 == ["0.98", "1.00", "1.02", "1.04", "1.06", "1.08", "1.10", "1.12", "1.14"])
        #expect(labels(0, 100, 5).0 == ["0", "20", "40", "60", "80", "100"])
    }

    @Test func tinyAndHugeValuesShareAFactor() {
        let tiny = labels(0, 0.0004, 4)
        #expect(tiny.0 == ["0", "1", "2", "3", "4"])
        #expect(tiny.1 == "×10⁻⁴")
        let huge = labels(0, 4e10, 4)
        #expect(huge.0 == ["0", "1", "2", "3", "4"])
        #expect(huge.1 == "×10¹⁰")
        let mixed = labels(0, 1.5e-4, 3)
        #expect(mixed.0 == ["0.0", "0.5", "1.0", "1.5"])
        #expect(mixed.1 == "×10⁻⁴")
        // Up to five digits and four decimals stay plain.
        #expect(labels(0, 50_000, 5).1 == nil)
        #expect(labels(0, 0.004, 4).0.last == "0.004")
    }

    @Test func siAndPercentStyles() {
        #expect(labels(0, 2000, 4, .si).0 == ["0", "500", "1k", "1.5k", "2k"])
        #expect(labels(0, 3e6, 3, .si).0 == ["0", "1M", "2M", "3M"])
        #expect(labels(0, 3e-6, 3, .si).0 == ["0", "1µ", "2µ", "3µ"])
        #expect(labels(0, 1, 5, .percent).0 == ["0%", "20%", "40%", "60%", "80%", "100%"])
        #expect(labels(0.19, 0.21, 2, .percent).0 == ["19%", "20%", "21%"])
        #expect(labels(0.19, 0.21, 4, .percent).0 == ["19.0%", "19.5%", "20.0%", "20.5%", "21.0%"])
    }

    @Test func logTicksAcrossTwelveDecades() {
        let (ticks, factor) = logTicks(1e-8, 1e4, count: 6, style: .automatic)
        #expect(factor == nil)
        let labels = ticks.compactMap(\.label)
        #expect(labels == ["10⁻⁶", "10⁻³", "10⁰", "10³"])  // every third decade, aligned on 10⁰
        #expect(ticks.filter { $0.label == nil }.count == 9)  // the other decades as minor ticks
        let all = logTicks(1e-8, 1e4, count: 13, style: .automatic).ticks.compactMap(\.label)
        #expect(all.first == "10⁻⁸" && all.last == "10⁴" && all.count == 13)
    }

    @Test func logTicksNearOneReadAsDecimals() {
        let ticks = logTicks(1, 1000, count: 5, style: .automatic).ticks
        #expect(ticks.compactMap(\.label) == ["1", "10", "100", "1000"])
        #expect(ticks.filter { $0.label == nil }.count == 24)  // 2…9 in each of the 3 decades
        let two = logTicks(0.01, 1, count: 5, style: .automatic).ticks.compactMap(\.label)
        #expect(two == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"])
    }

    @Test func logTicksWithinOneDecadeFallBackToLinear() {
        let ticks = logTicks(0.3, 2.3, count: 4, style: .automatic).ticks
        #expect(ticks.compactMap(\.label) == ["0.5", "1.0", "1.5", "2.0"])
        #expect(logTicks(0, 10, count: 4, style: .automatic).ticks.isEmpty)
        #expect(logTicks(-1, 10, count: 4, style: .automatic).ticks.isEmpty)
    }
}

@Suite struct AxisDomainTests {
    func domain(_ axis: Axis, _ extent: (Double, Double)?, zero: Bool = false) -> (Double, Double) {
        axisDomain(axis, extent: extent, nice: true, includeZero: zero, pixels: 300, horizontal: false)
    }

    @Test func linearDomains() {
        #expect(domain(Axis(), nil) == (0, 1))
        #expect(domain(Axis(), (0, 0), zero: true) == (0, 1))
        #expect(domain(Axis(), (0.13, 0.87)) == (0.1, 0.9))
        #expect(domain(Axis(), (3, 7), zero: true) == (0, 7))
        let equal = domain(Axis(), (42, 42))
        #expect(equal.0 < 42 && equal.1 > 42 && equal.1 - equal.0 < 20)
        #expect(domain(Axis(range: -1...1), (-5, 5)) == (-1, 1))         // a requested range wins
        #expect(domain(Axis(range: 1...1), (0.23, 0.77)) == (0.2, 0.8))  // an empty requested range does not
        let huge = domain(Axis(), (-Double.greatestFiniteMagnitude, .greatestFiniteMagnitude))
        #expect(huge.0.isFinite && huge.1.isFinite && (huge.1 - huge.0).isFinite)
    }

    @Test func logDomains() {
        #expect(domain(Axis(scale: .log), (1e-8, 1e4)) == (1e-8, 1e4))
        #expect(domain(Axis(scale: .log), (2e-8, 3e3)) == (1e-8, 1e4))
        #expect(domain(Axis(scale: .log), nil) == (1, 10))
        #expect(domain(Axis(scale: .log), (0, 5)) == (1, 10))               // no positive extent
        #expect(domain(Axis(scale: .log, range: 0...10), (1, 5)) == (1, 10))  // a range starting at 0 cannot be log
        let loss = domain(Axis(scale: .log), (0.3, 2.3))
        #expect(loss.0 < 0.3 && loss.0 > 0.25 && loss.1 > 2.3 && loss.1 < 2.8)  // padded, not stretched to 0.1…10
    }
}
