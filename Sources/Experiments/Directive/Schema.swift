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
    /// Multiply-adds of one probe directive (samples × width² × layers, summed over runs; ×3 for `gradients`).
    public static let probeWork = 20_000_000_000.0
    /// Image passes of one training directive (images × epochs × seeds, summed over runs or search trials).
    public static let trainingWork = 1_000_000.0
    /// Weights sampled by one `weights` run (fan-in × fan-out).
    public static let weightsPerRun = 4_194_304
}

/// A directive kind: its keys, its limits across keys, the data files it reads, and how it runs.
struct ExperimentKind: Sendable {
    let name: String
    /// One sentence for the README.
    let summary: String
    let parameters: [Parameter]
    /// Limits that involve several keys; returns (key to point at, message) for each violation.
    let check: @Sendable (_ runs: [ExperimentRun]) -> [(key: String, message: String)]
    /// Repository-relative data files a run reads.
    let dataFiles: @Sendable (_ run: ExperimentRun) -> [String]
    let run: @Sendable (_ context: RunContext) throws -> ExperimentResult

    func parameter(_ key: String) -> Parameter? { parameters.first { $0.key == key } }

    /// Every kind, in README order.
    static let all: [ExperimentKind] = [.activations, .gradients, .depth, .symmetry, .weights, .train, .search, .uniformBound]

    static func named(_ name: String) -> ExperimentKind? { all.first { $0.name == name } }
}

/// One run of a directive: the value of every key (grid keys resolved to one value each) and its label.
public struct ExperimentRun: Hashable, Sendable {
    /// The grid values that distinguish this run, joined with `.` (empty when the directive has one run).
    public let label: String
    /// Every key of the kind with its value(s): one value for single and grid keys, the list for list keys;
    /// absent when the key has no default and was not given.
    public let values: [String: [ParameterValue]]

    func value(_ key: String) -> ParameterValue? { values[key]?.first }

    func integer(_ key: String) -> Int {
        guard case .integer(let v)? = value(key) else { preconditionFailure("'\(key)' is not an integer key") }
        return v
    }
    func number(_ key: String) -> Double {
        switch value(key) {
        case .number(let v)?: return v
        case .integer(let v)?: return Double(v)
        default: preconditionFailure("'\(key)' is not a number key")
        }
    }
    func name(_ key: String) -> String {
        guard case .name(let v)? = value(key) else { preconditionFailure("'\(key)' is not a names key") }
        return v
    }
    func initializer(_ key: String) -> InitializerSpec {
        guard case .initializer(let v)? = value(key) else { preconditionFailure("'\(key)' is not an initializer key") }
        return v
    }
    func activation(_ key: String) -> ActivationSpec {
        guard case .activation(let v)? = value(key) else { preconditionFailure("'\(key)' is not an activation key") }
        return v
    }
    func range(_ key: String) -> ValueRange? {
        guard case .range(let v)? = value(key) else { return nil }
        return v
    }
    func list(_ key: String) -> [ParameterValue] { values[key] ?? [] }
}

extension Parameter {
    /// The same key taking one value only.
    var single: Parameter { Parameter(key, type, .single, default: defaultValue, absent: absent, help: help) }
}

// Shared declarations, so the same key means the same thing in every kind.
extension Parameter {
    static let seed = Parameter("seed", .integer(0...4_294_967_295), default: [.integer(1)],
                                help: "seed of the random streams (inputs, weights, batches)")
    static func initializer(_ key: String = "init", default value: InitializerSpec..., help: String = "weight initializer") -> Parameter {
        Parameter(key, .initializer, default: value.map { .initializer($0) }, help: help)
    }
    static func activation(default value: ActivationSpec, help: String = "activation of every hidden layer") -> Parameter {
        Parameter("activation", .activation, default: [.activation(value)], help: help)
    }
    static func integer(_ key: String, _ range: ClosedRange<Int>, default value: Int, _ multiplicity: Multiplicity = .grid(max: Limits.valuesPerKey), help: String) -> Parameter {
        Parameter(key, .integer(range), multiplicity, default: [.integer(value)], help: help)
    }
    static func positive(_ key: String, upTo upper: Double, default value: Double, help: String) -> Parameter {
        Parameter(key, .number(lower: 0, upper: upper, lowerExclusive: true), default: [.number(value)], help: help)
    }
    static func names(_ key: String, _ names: [String], default value: String, _ multiplicity: Multiplicity = .grid(max: Limits.valuesPerKey), help: String) -> Parameter {
        Parameter(key, .names(names), multiplicity, default: [.name(value)], help: help)
    }
}
