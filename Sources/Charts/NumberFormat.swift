// NumberFormat: numbers as people read them on a figure. Tick labels are built from an integer and a
// power of ten (see Ticks.swift), never from a float's digits, so 0.1 + 0.2 can only ever read "0.3".
// Typography follows the usual plotting conventions (matplotlib's ScalarFormatter and LogFormatter):
// U+2212 for minus, superscript exponents (10⁻⁸), a shared factor ("×10⁻⁴") when every label would
// otherwise need many zeros, SI prefixes (k, M, µ) on request, and one number of decimals per axis.

/// How an axis, a colour bar or a cell label writes its numbers.
public enum NumberStyle: Sendable, Hashable {
    /// Plain decimals; a shared `×10ⁿ` factor in the axis title when values are very large or very small.
    case automatic
    /// SI prefixes: `2.5k`, `40M`, `300µ`.
    case si
    /// Fractions shown as percentages: 0.25 → `25%`.
    case percent
}


let minusSign = "\u{2212}"

/// `n × 10^exponent` as a plain decimal with exactly `decimals` digits after the point (at least the
/// digits `exponent` implies are kept; trailing zeros pad to `decimals`). Uses U+2212 for negatives.
func decimalString(_ n: Int, exponent: Int, decimals: Int) -> String {
    if n == 0 { return decimals > 0 ? "0." + String(repeating: "0", count: decimals) : "0" }
    var digits = String(n.magnitude)
    var point = digits.count  // position of the decimal point, counted from the left
    if exponent >= 0 {
        digits += String(repeating: "0", count: exponent)
        point += exponent
    } else if -exponent >= digits.count {
        digits = String(repeating: "0", count: -exponent - digits.count + 1) + digits
        point = 1
    } else {
        point -= -exponent
    }
    var whole = String(digits.prefix(point))
    var fraction = String(digits.dropFirst(point))
    // Align the fraction to the requested number of decimals: drop zeros beyond it, pad short ones.
    while fraction.count > decimals, fraction.last == "0" { fraction.removeLast() }
    if fraction.count < decimals { fraction += String(repeating: "0", count: decimals - fraction.count) }
    if whole.isEmpty { whole = "0" }
    return (n < 0 ? minusSign : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
}

private let superscriptDigits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

/// An exponent in superscript digits: -8 → `⁻⁸`.
func superscript(_ n: Int) -> String {
    (n < 0 ? "⁻" : "") + String(String(n.magnitude).map { superscriptDigits[Int($0.asciiValue! - 48)] })
}

/// `10⁻⁸`, `10⁰`, `10⁴`.
func powerOfTen(_ exponent: Int) -> String { "10" + superscript(exponent) }

/// 10^k as the correctly rounded double (parsing is exact; `pow` need not be).
func exactPowerOfTen(_ k: Int) -> Double {
    if k > 308 { return .infinity }
    if k < -330 { return 0 }
    return Double("1e\(k)")!
}

/// SI prefixes by power of a thousand, from 10⁻¹⁵ to 10¹⁵.
private let siPrefixes: [Int: String] = [-5: "f", -4: "p", -3: "n", -2: "µ", -1: "m", 0: "", 1: "k", 2: "M", 3: "G", 4: "T", 5: "P"]

/// The SI group (power of a thousand) that suits a magnitude: 2500 → 1 (k), 0.0003 → −2 (µ).
func siGroup(forMagnitude m: Double) -> Int {
    guard m > 0, m.isFinite else { return 0 }
    let e = decimalExponent(m)
    return max(-5, min(5, Int((Double(e) / 3).rounded(.down))))
}

func siPrefix(_ group: Int) -> String { siPrefixes[group] ?? "" }

/// ⌊log₁₀ m⌋ for m > 0, corrected so that exact powers of ten land on their own exponent.
func decimalExponent(_ m: Double) -> Int {
    guard m > 0, m.isFinite else { return 0 }
    var e = Int(ChartMath.log10(m).rounded(.down))
    if exactPowerOfTen(e) > m { e -= 1 }
    if exactPowerOfTen(e + 1) <= m { e += 1 }
    return e
}

/// A value rounded to `significant` digits as (integer, exponent): 0.012345, 3 → (123, −4).
func roundedSignificant(_ v: Double, _ significant: Int) -> (n: Int, exponent: Int) {
    guard v != 0, v.isFinite else { return (0, 0) }
    var e = decimalExponent(abs(v)) - significant + 1
    var n = scaledRounded(v, e)
    if n.magnitude >= UInt(exactPowerOfTen(significant)) { e += 1; n = scaledRounded(v, e) }
    return (n, e)
}

private func scaledRounded(_ v: Double, _ e: Int) -> Int {
    let scaled = e >= 0 ? v / exactPowerOfTen(e) : v * exactPowerOfTen(-e)
    guard scaled.isFinite, abs(scaled) < 1e18 else { return 0 }
    return Int(scaled.rounded())
}

/// A number for prose and cell labels, to `significant` digits, without trailing zeros: 0.000412,
/// 0.98, 12300, 3.2 × 10⁻⁸ (scientific outside 10⁻⁴…10⁶, written as people read it, not `3.2e-8`).
func proseNumber(_ v: Double, significant: Int = 3) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "∞" : minusSign + "∞" }
    if v == 0 { return "0" }
    let (n, e) = roundedSignificant(v, significant)
    let magnitude = abs(v)
    if magnitude >= 1e-4 && magnitude < 1e6 {
        return decimalString(n, exponent: e, decimals: 0)
    }
    let digits = String(n.magnitude)
    let trimmed = digits.count > 1 ? String(digits.prefix(1)) + "." + String(digits.dropFirst()) : digits
    var mantissa = trimmed
    while mantissa.contains("."), mantissa.last == "0" || mantissa.last == "." { mantissa.removeLast() }
    return (n < 0 ? minusSign : "") + (mantissa == "1" ? "" : mantissa + " × ") + powerOfTen(e + digits.count - 1)
}

/// A cell or value label under a number style: `proseNumber`, a percentage, or an SI-prefixed value.
func valueLabel(_ v: Double, style: NumberStyle, significant: Int = 3) -> String {
    guard v.isFinite else { return proseNumber(v) }
    switch style {
    case .automatic:
        return proseNumber(v, significant: significant)
    case .percent:
        // 0.9731 → 97.3%: keep three significant digits but never more than one decimal.
        var (n, e) = roundedSignificant(v * 100, significant)
        if e < -1 { (n, e) = (Int((v * 1000).rounded()), -1) }
        return decimalString(n, exponent: e, decimals: 0) + "%"
    case .si:
        let group = siGroup(forMagnitude: abs(v))
        let scaled = v / exactPowerOfTen(group * 3)
        return proseNumber(scaled, significant: significant) + siPrefix(group)
    }
}

/// A number drawn on a figure, to `significant` digits: like `proseNumber`, but very small or large
/// values read as mantissa × power of ten in superscript (4.3×10⁻⁵), as typeset figures do.
func figureNumber(_ v: Double, significant: Int = 3) -> String {
    guard v.isFinite, v != 0, abs(v) < 1e-4 || abs(v) >= 1e6 else { return proseNumber(v, significant: significant) }
    let (n, e) = roundedSignificant(v, significant)
    var digits = String(n.magnitude)
    let top = e + digits.count - 1
    while digits.count > 1, digits.last == "0" { digits.removeLast() }
    let mantissa = digits.count > 1 ? String(digits.prefix(1)) + "." + String(digits.dropFirst()) : digits
    return (n < 0 ? minusSign : "") + (mantissa == "1" ? "" : mantissa + "×") + powerOfTen(top)
}

/// A value inside a figure's text, with its magnitude: 0.25, 1.5×10¹⁰.
func inlineNumber(_ v: Double) -> String { figureNumber(v, significant: 3) }

/// A share as a whole percentage for an annotation: 48%, "<1%" and ">99%" at the ends.
func percentLabel(_ share: Double) -> String {
    if share > 0 && share < 0.005 { return "<1%" }
    if share < 1 && share > 0.995 { return ">99%" }
    return String(Int((share * 100).rounded())) + "%"
}

/// A count with thousands separators: 20000 → "20,000".
func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? minusSign : "") + out
}

/// A formatter for a set of values shown side by side (heatmap cells): one number of decimals for all,
/// enough for three significant digits of the largest, so 0.98 and 0.989 read as 0.980 and 0.989.
func uniformFormatter(for values: [Double], style: NumberStyle) -> (Double) -> String {
    let scale = style == .percent ? 100.0 : 1
    let largest = values.filter(\.isFinite).map { abs($0 * scale) }.max() ?? 0
    guard style != .si, largest > 0, largest >= 1e-4, largest < 1e6 else {
        return { v in style == .si ? valueLabel(v, style: .si) : figureNumber(v * scale) + (style == .percent ? "%" : "") }
    }
    let decimals = max(0, min(6, 2 - decimalExponent(largest)))
    let suffix = style == .percent ? "%" : ""
    return { v in
        guard v.isFinite else { return proseNumber(v) }
        let n = Int((v * scale * exactPowerOfTen(decimals)).rounded())
        return decimalString(n, exponent: -decimals, decimals: decimals) + suffix
    }
}
