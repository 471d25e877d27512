// Numbers for readers: a fixed count of significant digits, no binary float noise (0.1 + 0.2 prints 0.3),
// the typographic minus sign in prose. Rounding goes through printf's `%e`, which rounds the exact binary value
// correctly (glibc), so the same Double prints the same digits on every machine.

import Foundation

public enum ValueFormat: Hashable, Sendable {
    /// `n` significant digits, trailing zeros dropped: 0.021349 → `0.0213`, 12345 → `12300`.
    case significant(Int)
    /// `n` digits after the decimal point: 0.5 → `0.50` with 2.
    case decimals(Int)
    /// A percentage with `n` digits after the point: 0.9234 → `92.3%` with 1.
    case percent(Int)

    /// Reads the format after `|` in an inline value: `3` (significant digits, 1…17), `.2` (decimals, 0…17),
    /// `%1` (percent with decimals, 0…17). Nil for anything else.
    public init?(_ text: String) {
        let t = text.trimmingSpaces()
        func digits(_ s: Substring) -> Int? { Int(s).flatMap { (0...17).contains($0) ? $0 : nil } }
        if t.hasPrefix(".") { guard let n = digits(t.dropFirst()) else { return nil }; self = .decimals(n) }
        else if t.hasPrefix("%") { guard let n = digits(t.dropFirst()) else { return nil }; self = .percent(n) }
        else { guard let n = digits(Substring(t)), n >= 1 else { return nil }; self = .significant(n) }
    }

    /// The value for prose: `−` (U+2212) for minus, `1.23 × 10⁻⁷` beyond 10⁻⁴…10⁶, `NaN`, `∞`.
    public func prose(_ value: Double) -> String { render(value, typographic: true) }

    /// The value for terminals and CSV-adjacent text: ASCII `-`, `1.23e-7`, `nan`, `inf`.
    public func plain(_ value: Double) -> String { render(value, typographic: false) }

    private func render(_ value: Double, typographic: Bool) -> String {
        let minus = typographic ? "\u{2212}" : "-"
        if value.isNaN { return typographic ? "NaN" : "nan" }
        if value.isInfinite { return (value < 0 ? minus : "") + (typographic ? "∞" : "inf") }
        switch self {
        case .significant(let n):
            return Self.significant(value, digits: max(1, n), minus: minus, typographic: typographic)
        case .decimals(let n):
            return Self.fixed(value, decimals: n, minus: minus)
        case .percent(let n):
            return Self.fixed(value * 100, decimals: n, minus: minus) + "%"
        }
    }

    static func fixed(_ value: Double, decimals: Int, minus: String) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-") {
            text.removeFirst()
            // −0.00 reads as 0.00.
            return text.allSatisfy { $0 == "0" || $0 == "." } ? text : minus + text
        }
        return text
    }

    static func significant(_ value: Double, digits: Int, minus: String, typographic: Bool) -> String {
        if value == 0 { return "0" }
        // "-d.ddde±XX": the correctly rounded digits and the decimal exponent.
        let scientific = String(format: "%.\(digits - 1)e", value)
        let negative = scientific.hasPrefix("-")
        let body = negative ? scientific.dropFirst() : Substring(scientific)
        let parts = body.split(separator: "e")
        let mantissaDigits = parts[0].filter { $0 != "." }
        let exponent = Int(parts[1])!
        var digitsText = String(mantissaDigits)
        while digitsText.count > 1, digitsText.hasSuffix("0") { digitsText.removeLast() }
        let sign = negative ? minus : ""
        if exponent < -4 || exponent >= 6 {
            var mantissa = String(digitsText.prefix(1))
            if digitsText.count > 1 { mantissa += "." + digitsText.dropFirst() }
            if typographic { return sign + mantissa + " × 10" + Self.superscript(exponent) }
            return sign + mantissa + "e" + String(exponent)
        }
        if exponent >= 0 {
            if digitsText.count <= exponent + 1 {
                return sign + digitsText + String(repeating: "0", count: exponent + 1 - digitsText.count)
            }
            let split = digitsText.index(digitsText.startIndex, offsetBy: exponent + 1)
            return sign + digitsText[..<split] + "." + digitsText[split...]
        }
        return sign + "0." + String(repeating: "0", count: -exponent - 1) + digitsText
    }

    static func superscript(_ n: Int) -> String {
        let map: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return String(String(n).map { map[$0]! })
    }
}
