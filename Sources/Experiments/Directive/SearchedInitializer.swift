// A study's initializer choice: a fixed initializer (`he-normal`, `normal(0.01)`), or the Gaussian with its standard
// deviation searched, `normal(1e-3..1e-1 log)` (seed 003's protocol: "gaussian" with a searched `gaussian_std`).
// The searched std is a conditional parameter: it exists only in the trials that chose that Gaussian.

import Diagnostics

public enum SearchedInitializer: Hashable, Sendable, Codable {
    case fixed(InitializerSpec)
    /// N(0, σ²) with σ searched in `std`, uniformly in log σ (`log`) or in σ.
    case normal(std: ValueRange, log: Bool)

    /// The normalized spelling: `he-normal`, `normal(0.001..0.1 log)`.
    public var spelling: String {
        switch self {
        case .fixed(let spec): spec.spelling
        case .normal(let range, let log): "normal(\(range.spelling) \(log ? "log" : "linear"))"
        }
    }

    /// The name a choice has in labels, value paths and tables: a fixed initializer's spelling, or `normal` for the
    /// searched Gaussian (its std is a value of its own).
    public var label: String {
        switch self {
        case .fixed(let spec): spec.spelling
        case .normal: "normal"
        }
    }

    static let forms = "an initializer, or 'normal(a..b log)' / 'normal(a..b linear)' to search the Gaussian's std"

    /// Parses an initializer, or `normal(a..b [log|linear])` (log by default).
    static func parse(_ text: String) -> Result<SearchedInitializer, ValueError> {
        let (name, argument) = SpecSyntax.split(text)
        guard let name, let argument, argument.contains("..") else { return InitializerSpec.parse(text).map { .fixed($0) } }
        guard name == "normal" else {
            return .failure(ValueError("only 'normal' takes a searched range, got '\(text)'; allowed: \(forms)"))
        }
        var words = argument.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var log = true
        if words.count == 2 {
            switch words[1] {
            case "log": log = true
            case "linear": log = false
            default:
                return .failure(ValueError("unknown scale '\(words[1])' in '\(text)'; allowed: log, linear",
                                           hint: Suggestion.hint(for: words[1], among: ["log", "linear"])))
            }
            words.removeLast()
        }
        let parts = words.count == 1 ? words[0].components(separatedBy: "..") : []
        guard parts.count == 2, let a = NumberSpelling.parse(parts[0]), let b = NumberSpelling.parse(parts[1]), a.isFinite, b.isFinite else {
            return .failure(ValueError("malformed searched std '\(argument)' in '\(text)': expected 'normal(a..b log)' or 'normal(a..b linear)', e.g. 'normal(1e-3..1e-1 log)'"))
        }
        guard a < b else {
            return .failure(ValueError("the std range \(parts[0])..\(parts[1]) of '\(text)' is empty: the lower bound must be below the upper, e.g. 'normal(1e-3..1e-1 log)'"))
        }
        guard a > 0 else {
            return .failure(ValueError("the std range of '\(text)' must be positive (a standard deviation\(log ? " on a log scale" : "")), got \(parts[0])..\(parts[1]); e.g. 'normal(1e-3..1e-1 log)'"))
        }
        guard b <= 1e38 else {
            return .failure(ValueError("the std range of '\(text)' must stay within 1e38 (weights are single precision), got \(parts[0])..\(parts[1])"))
        }
        return .success(.normal(std: ValueRange(lower: a, upper: b), log: log))
    }
}
