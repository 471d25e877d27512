// The schema of experiment directives: each kind declares its keys, their types, defaults and limits as data
// (after swift-docc's typed directives, whose argument checks list the allowed names in their messages).
// The parser validates against it, the README's key tables are generated from it, and kinds read their
// parameters through it, so the documentation, the checks and the runs cannot disagree.

/// What a key accepts.
public enum ParameterType: Hashable, Sendable {
    /// An integer in the closed range.
    case integer(ClosedRange<Int>)
    /// A finite number in `lower...upper`, or `lower<..upper` when `lowerExclusive`.
    case number(lower: Double, upper: Double, lowerExclusive: Bool)
    /// One of the listed names.
    case names([String])
    /// A range `a..b` with a < b, both within the given bounds.
    case range(ClosedRange<Double>)
    case initializer
    /// An initializer, or `normal(a..b log)` with its std searched (a study's choices).
    case searchedInitializer
    case activation
    /// Free text (captions).
    case text
    /// An identifier: a letter, then letters, digits, `-` or `_` (experiment names).
    case identifier

    /// The condition a number must meet, for messages: "greater than 0", "from 0 to 1".
    var constraint: String {
        guard case .number(let lower, let upper, let exclusive) = self else { return summary }
        let l = NumberSpelling.normalized(lower), u = NumberSpelling.normalized(upper)
        if upper == .greatestFiniteMagnitude { return exclusive ? "greater than \(l)" : "at least \(l)" }
        return exclusive ? "greater than \(l) and at most \(u)" : "from \(l) to \(u)"
    }

    /// How the README and messages describe the type.
    var summary: String {
        switch self {
        case .integer(let r): "integer \(r.lowerBound)…\(r.upperBound)"
        case .number(let lower, let upper, let exclusive):
            upper == .greatestFiniteMagnitude
                ? (exclusive ? "number > \(NumberSpelling.normalized(lower))" : "number ≥ \(NumberSpelling.normalized(lower))")
                : "number in \(exclusive ? "(" : "[")\(NumberSpelling.normalized(lower)), \(NumberSpelling.normalized(upper))]"
        case .names(let names): names.joined(separator: " \\| ")
        case .range(let r): "range `a..b` in [\(NumberSpelling.normalized(r.lowerBound)), \(NumberSpelling.normalized(r.upperBound))]"
        case .initializer: "initializer"
        case .searchedInitializer: "initializer or `normal(a..b log)`"
        case .activation: "activation"
        case .text: "text"
        case .identifier: "identifier"
        }
    }
}

/// A parsed, validated value of one key.
public enum ParameterValue: Hashable, Sendable, Codable {
    case integer(Int)
    case number(Double)
    case name(String)
    case range(ValueRange)
    case initializer(InitializerSpec)
    case searchedInitializer(SearchedInitializer)
    case activation(ActivationSpec)
    case text(String)

    /// The normalized spelling (cache key, labels, tables).
    public var spelling: String {
        switch self {
        case .integer(let i): String(i)
        case .number(let x): NumberSpelling.normalized(x)
        case .name(let n): n
        case .range(let r): r.spelling
        case .initializer(let i): i.spelling
        case .searchedInitializer(let i): i.spelling
        case .activation(let a): a.spelling
        case .text(let t): t
        }
    }
}

/// How many values a key takes.
enum Multiplicity: Hashable, Sendable {
    /// Exactly one value.
    case single
    /// A comma-separated list of at most `max` values makes one run per value (the grid).
    case grid(max: Int)
    /// A comma-separated list of at most `max` values that one run uses as a whole (a search space).
    case list(max: Int)
}

/// One key of a directive kind.
struct Parameter: Sendable {
    let key: String
    let type: ParameterType
    let multiplicity: Multiplicity
    /// The value(s) when the key is absent; nil when absence has a meaning described by `absent`.
    let defaultValue: [ParameterValue]?
    /// What happens when the key is absent and there is no default (README text), e.g. "from the activation".
    let absent: String?
    /// One line for the README.
    let help: String

    init(_ key: String, _ type: ParameterType, _ multiplicity: Multiplicity = .grid(max: Limits.valuesPerKey),
         default defaultValue: [ParameterValue]?, absent: String? = nil, help: String) {
        self.key = key
        self.type = type
        self.multiplicity = multiplicity
        self.defaultValue = defaultValue
        self.absent = absent
        self.help = help
    }
}

/// The explicit resource limits (README "Limits"); a directive beyond them is an error, never a slow build.
public enum Limits {
    /// Values in one comma-separated grid list.
    public static let valuesPerKey = 16
    /// Runs of one directive (the product of its grid lists).
    public static let runs = 64
    /// Multiply-adds (and their equivalents: drawing weights, orthogonalizing) of one directive of a simulation kind,
    /// summed over its runs: a few seconds.
    public static let probeWork = 10_000_000_000.0
    /// Values the backward probe keeps (weights, pre-activations and activations of every layer): 4 bytes each.
    public static let probeValuesKept = 20_000_000.0
    /// Image passes of one training directive (images × epochs × seeds, summed over runs or search trials).
    /// Sized for the literature's experiments: seed 003's 100-trial study at 8 epochs (4.7 million) and a 32-layer
    /// network trained 200 epochs on 2,000 + 2,000 images (0.8 million per seed).
    public static let trainingWork = 5_000_000.0
    /// Weights sampled by one `weights` run (fan-in × fan-out).
    public static let weightsPerRun = 4_194_304
}

/// One run of a directive: the value of every key (grid keys resolved to one value each) and its label.
public struct ExperimentRun: Hashable, Sendable {
    /// The grid values that distinguish this run, joined with `.` (empty when the directive has one run).
    public let label: String
    /// Every key of the kind with its value(s): one value for single and grid keys, the list for list keys;
    /// absent when the key has no default and was not given.
    public let values: [String: [ParameterValue]]
}
