// Ticks: "nice" tick positions for linear and logarithmic axes, following d3-array's ticks.js and
// d3-scale's linear.js / log.js. A linear step is 1, 2 or 5 × 10ⁿ; each tick is an integer multiple
// of the step, kept as that integer and exponent so its label is exact (see NumberFormat.swift), and
// its value is computed by one correctly rounded multiplication or division by a power of ten.

/// A tick: its value, and its label (nil for a minor tick, drawn without text).
struct Tick: Equatable {
    var value: Double
    var label: String?
}

/// A step of `mantissa` × 10^`exponent`, mantissa 1, 2 or 5.
struct TickStep: Equatable {
    var mantissa: Int
    var exponent: Int

    /// The step as a double.
    var size: Double { value(of: 1) }

    /// The value of tick number `i`, that is i × step, rounded once.
    func value(of i: Int) -> Double {
        let n = Double(i * mantissa)
        return exponent >= 0 ? n * exactPowerOfTen(exponent) : n / exactPowerOfTen(-exponent)
    }

    /// x / step as d3 computes it: one division by the step, or for steps below 1 one multiplication by
    /// its exact inverse (10ⁿ / 1, 2 or 5 is an integer), so tick indices match d3's.
    func index(near x: Double) -> Double {
        exponent >= 0 ? x / (Double(mantissa) * exactPowerOfTen(exponent))
                      : x * (exactPowerOfTen(-exponent) / Double(mantissa))
    }
}

/// The nice step for about `count` ticks over `start...stop` (d3's tickIncrement), or nil when the span
/// is empty, not finite, or `count` is not positive.
func tickStep(_ start: Double, _ stop: Double, count: Double) -> TickStep? {
    let span = stop - start
    guard count > 0, count.isFinite, span > 0, span.isFinite else { return nil }
    let raw = span / count
    guard raw > 0, raw.isFinite else { return nil }
    let power = decimalExponent(raw)
    let error = raw / exactPowerOfTen(power)
    // The thresholds are the geometric midpoints between 1, 2, 5 and 10 (d3: √50, √10, √2).
    if error >= 50.0.squareRoot() { return TickStep(mantissa: 1, exponent: power + 1) }
    if error >= 10.0.squareRoot() { return TickStep(mantissa: 5, exponent: power) }
    if error >= 2.0.squareRoot() { return TickStep(mantissa: 2, exponent: power) }
    return TickStep(mantissa: 1, exponent: power)
}

/// Linear ticks: integer indices `first...last` such that index × step lies in `start...stop`.
struct LinearTicks: Equatable {
    var step: TickStep
    var first: Int
    var last: Int

    init(step: TickStep, first: Int, last: Int) {
        self.step = step
        self.first = first
        self.last = last
    }

    /// Whole-number ticks only (for counts): like `init(_:_:count:)`, but never a step below 1.
    init?(integersFrom start: Double, _ stop: Double, count: Double) {
        guard let ticks = LinearTicks(start, stop, count: count) else { return nil }
        if ticks.step.exponent >= 0 { self = ticks; return }
        let first = Int(start.rounded(.up)), last = Int(stop.rounded(.down))
        guard first <= last else { return nil }
        self.init(step: TickStep(mantissa: 1, exponent: 0), first: first, last: last)
    }

    init?(_ start: Double, _ stop: Double, count: Double) {
        guard var step = tickStep(start, stop, count: count) else { return nil }
        var (first, last) = Self.indices(start, stop, step)
        if last < first && count >= 0.5 && count < 2 {
            // A domain narrower than one step: ask for twice the ticks once, like d3's retry.
            guard let finer = tickStep(start, stop, count: count * 2) else { return nil }
            step = finer
            (first, last) = Self.indices(start, stop, step)
        }
        guard first <= last, last - first <= 10_000 else { return nil }
        self.step = step
        self.first = first
        self.last = last
    }

    /// The first and last tick index inside start…stop: d3 rounds each end to the nearest index, then steps
    /// back inside when that rounding overshot the domain.
    private static func indices(_ start: Double, _ stop: Double, _ step: TickStep) -> (Int, Int) {
        let a = step.index(near: start).rounded(), b = step.index(near: stop).rounded()
        guard abs(a) < 1e15, abs(b) < 1e15 else { return (1, 0) }
        var first = Int(a), last = Int(b)
        if step.value(of: first) < start { first += 1 }
        if step.value(of: last) > stop { last -= 1 }
        return (first, last)
    }

    var values: [Double] { (first...last).map { step.value(of: $0) } }

    /// The numbers behind each tick as integer × 10^exponent, for exact labels.
    var integers: [Int] { (first...last).map { $0 * step.mantissa } }
}

/// d3's `nice()`: widens `start...stop` outwards to multiples of the tick step, repeating while the
/// step changes (at most ten times). Returns the domain unchanged when no step exists.
func niceDomain(_ start: Double, _ stop: Double, count: Double) -> (Double, Double) {
    var (lo, hi) = (start, stop)
    var previous: TickStep?
    for _ in 0..<10 {
        guard let step = tickStep(lo, hi, count: count), step != previous else { break }
        let a = step.index(near: lo).rounded(.down), b = step.index(near: hi).rounded(.up)
        guard abs(a) < 1e15, abs(b) < 1e15 else { break }
        lo = step.value(of: Int(a))
        hi = step.value(of: Int(b))
        previous = step
    }
    return (lo, hi)
}

/// Labels for linear ticks under a number style, plus the factor to show once in the axis title
/// (`×10⁻⁴`) when the automatic style moves a power of ten out of the labels.
/// `plain` is the range of leading-digit exponents written as plain decimals (narrow panels use a shorter one).
func linearLabels(_ ticks: LinearTicks, style: NumberStyle, plain: ClosedRange<Int> = -3...5) -> (labels: [String], factor: String?) {
    let integers = ticks.integers
    let exponent = ticks.step.exponent
    let largest = integers.map(\.magnitude).max() ?? 0
    // The decimal exponent of the largest tick's leading digit.
    let top = largest == 0 ? exponent : exponent + String(largest).count - 1
    switch style {
    case .percent:
        let e = exponent + 2
        return (integers.map { decimalString($0, exponent: e, decimals: max(0, -e)) + "%" }, nil)
    case .si:
        // Each label takes the prefix that suits it (d3's "~s"): 0, 500, 1k, 1.5k.
        return (integers.map { n in
            guard n != 0 else { return "0" }
            let magnitude = String(n.magnitude).count - 1 + exponent
            let group = max(-5, min(5, Int((Double(magnitude) / 3).rounded(.down))))
            return decimalString(n, exponent: exponent - 3 * group, decimals: 0) + siPrefix(group)
        }, nil)
    case .automatic:
        // Plain decimals while they stay short (at most 4 decimals or 6 integer digits), otherwise
        // mantissas with the shared power of ten, as matplotlib's ScalarFormatter does.
        if !plain.contains(top) || (exponent < -4 && top < 0) {
            let e = exponent - top
            return (integers.map { decimalString($0, exponent: e, decimals: max(0, -e)) }, "×" + powerOfTen(top))
        }
        return (integers.map { decimalString($0, exponent: exponent, decimals: max(0, -exponent)) }, nil)
    }
}

/// Ticks for a logarithmic axis over `lo...hi` (both > 0): labelled powers of ten (every k-th decade
/// when there are more than `count`), unlabelled minor ticks at 2…9 × 10ⁿ while decades are few, and
/// labelled 2 and 5 multiples when fewer than three decades show. Spans under one decade fall back to
/// linear ticks, which read better there (d3's log.ticks does the same).
func logTicks(_ lo: Double, _ hi: Double, count: Double, style: NumberStyle) -> (ticks: [Tick], factor: String?) {
    guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return ([], nil) }
    let e0 = decimalExponent(lo), e1 = decimalExponent(hi)
    let powersInside = (e0...e1).filter { exactPowerOfTen($0) >= lo && exactPowerOfTen($0) <= hi }
    if powersInside.count < 2 {
        guard let linear = LinearTicks(lo, hi, count: count) else { return ([], nil) }
        let (labels, factor) = linearLabels(linear, style: style)
        return (zip(linear.values, labels).map { Tick(value: $0, label: $1) }, factor)
    }
    let decades = powersInside.count - 1  // decades spanned between the outermost powers of ten
    let every = max(1, Int((Double(powersInside.count) / max(count, 1)).rounded(.up)))
    // Decimal labels read best near 1; beyond 10⁻³…10⁴ every label becomes a power of ten.
    let plain = powersInside.allSatisfy { $0 >= -3 && $0 <= 4 } && style != .si
    func label(_ n: Int, _ e: Int) -> String {
        switch style {
        case .percent: return decimalString(n, exponent: e + 2, decimals: max(0, -(e + 2))) + "%"
        case .si: return valueLabel(Double(n) * exactPowerOfTen(e), style: .si)
        case .automatic:
            if plain { return decimalString(n, exponent: e, decimals: max(0, -e)) }
            return n == 1 ? powerOfTen(e) : "\(n)×" + powerOfTen(e)
        }
    }
    var ticks: [Tick] = []
    let labelMinor = decades <= 2 && every == 1
    // Label the decades that are multiples of the stride (so 10⁰ = 1 is among them) when that leaves two.
    let aligned = powersInside.filter { ($0 % every + every) % every == 0 }
    let anchor = aligned.count >= 2 ? 0 : powersInside[0]
    for e in (e0 - 1)...e1 {
        for n in 1...9 {
            let v = Double(n) * exactPowerOfTen(e)
            guard v >= lo * (1 - 1e-12), v <= hi * (1 + 1e-12) else { continue }
            if n == 1 {
                let keep = ((e - anchor) % every + every) % every == 0
                if keep { ticks.append(Tick(value: v, label: label(1, e))) }
                else if decades <= 24 { ticks.append(Tick(value: v, label: nil)) }  // beyond, a ruler of marks
            } else if labelMinor && (n == 2 || n == 5) {
                ticks.append(Tick(value: v, label: label(n, e)))
            } else if decades <= 6 {
                ticks.append(Tick(value: v, label: nil))
            }
        }
    }
    return (ticks, nil)
}
