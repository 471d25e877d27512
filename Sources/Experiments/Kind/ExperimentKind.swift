// What an experiment kind is: its keys, a typed parameter struct read once per run from the validated directive, its
// cost, the data files it reads and how it computes its result. Adding a kind is one file with a type conforming to
// `ExperimentKind` and one line in `KindRegistry.all` (README "Adding a kind").

import Foundation

/// What a directive of a kind becomes on the page.
enum KindOutput: Sendable {
    /// A numbered figure (one or more SVG charts drawn from the result's numbers), a table and a CSV download.
    case figure
    /// Display math and a table (`derivation …` info strings).
    case derivation
}

/// One run of a directive, typed: its grid label and its parameters.
struct KindRun<Parameters: Sendable>: Sendable {
    /// The grid values that distinguish this run, joined with `.` (empty when the directive has one run).
    let label: String
    let parameters: Parameters
}

/// A problem involving several keys: the keys the caret may point at (the first one written gets it) and the message;
/// `item` and `offset` put the caret inside that key's value (its item-th list item, `offset` scalars in).
struct LimitProblem: Sendable {
    let keys: [String]
    let message: String
    var hint: String? = nil
    var item: Int? = nil
    var offset = 0
    /// Whether the error notes the values of `keys` ("computed from …"): for limits computed from them, not for a
    /// problem with one value.
    var notesValues = true
}

/// A bound on what a directive costs: a quantity computed from each run's parameters (work, or values kept in memory),
/// summed over the directive's runs, may not exceed `limit`. The error states the formula, so an author sees which keys
/// to lower.
struct Budget<Parameters: Sendable>: Sendable {
    /// The quantity as the error states it for these runs, e.g. "(samples + 300) × width² × layers".
    let formula: @Sendable (_ runs: [Parameters]) -> String
    /// What it counts, e.g. "multiply-adds".
    let unit: String
    let limit: Double
    /// The keys the formula reads, for the caret (the first one the author wrote gets it).
    let keys: [String]
    /// The quantity for one run.
    let measure: @Sendable (Parameters) -> Double

    init(formula: @escaping @Sendable (_ runs: [Parameters]) -> String, unit: String, limit: Double, keys: [String],
         measure: @escaping @Sendable (Parameters) -> Double) {
        self.formula = formula
        self.unit = unit
        self.limit = limit
        self.keys = keys
        self.measure = measure
    }

    init(formula: String, unit: String, limit: Double, keys: [String], measure: @escaping @Sendable (Parameters) -> Double) {
        self.init(formula: { _ in formula }, unit: unit, limit: limit, keys: keys, measure: measure)
    }

    /// An error when the quantity summed over `runs` exceeds the limit.
    func check(_ runs: [KindRun<Parameters>]) -> [LimitProblem] {
        let total = runs.reduce(0.0) { $0 + measure($1.parameters) }
        guard total > limit else { return [] }
        let f = ValueFormat.significant(3)
        let over = runs.count == 1 ? "" : " summed over \(runs.count) runs"
        return [LimitProblem(keys: keys, message: "experiment too large: \(formula(runs.map(\.parameters))) = \(f.plain(total)) \(unit)\(over) exceeds the limit of \(f.plain(limit))")]
    }
}

/// An experiment kind. Conform an enum to it (no instances; everything is static), then register it in `KindRegistry.all`.
protocol ExperimentKind: Sendable {
    /// One run's parameters, read from the validated values through the kind's typed `Key`s.
    associatedtype Parameters: Sendable
    /// As the author writes it after `experiment ` (derivations: `derivation NAME`).
    static var name: String { get }
    /// One sentence for the README.
    static var summary: String { get }
    /// The value paths of one run (Markdown, for the README's table; `expect:` lines and inline values use them).
    static var valuePaths: String { get }
    static var output: KindOutput { get }
    /// The schema, in README order: every key the kind reads (`key.parameter`).
    static var keys: [Parameter] { get }
    /// Reads one run's typed parameters.
    static func parameters(_ values: ParameterValues) -> Parameters
    /// Bounds on a directive's time and memory (README "Limits"); empty when the keys' ranges bound them by themselves.
    static var budgets: [Budget<Parameters>] { get }
    /// Problems that involve several keys (beyond each key's own range and the work budget).
    static func check(_ runs: [KindRun<Parameters>]) -> [LimitProblem]
    /// Repository-relative data files a run reads (hashed into the cache key).
    static func dataFiles(_ run: Parameters) -> [String]
    /// Computes the result: numbers, tables, CSV and figure data (drawn by the site on every build). Deterministic.
    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult
}

extension ExperimentKind {
    static var output: KindOutput { .figure }
    static var budgets: [Budget<Parameters>] { [] }
    static func check(_ runs: [KindRun<Parameters>]) -> [LimitProblem] { [] }
    static func dataFiles(_ run: Parameters) -> [String] { [] }
}

/// A kind with its type erased, as the parser and the runner use it.
struct RegisteredKind: Sendable {
    let name: String
    let summary: String
    let valuePaths: String
    let output: KindOutput
    let parameters: [Parameter]
    /// Reads the typed parameters of `runs` once and binds the kind's functions to them.
    let bind: @Sendable (_ runs: [ExperimentRun]) -> BoundRuns

    init<K: ExperimentKind>(_ kind: K.Type) {
        name = K.name
        summary = K.summary
        valuePaths = K.valuePaths
        output = K.output
        parameters = K.keys
        bind = { runs in
            let typed = runs.map { KindRun(label: $0.label, parameters: K.parameters(ParameterValues(values: $0.values))) }
            return BoundRuns(
                problems: { K.budgets.flatMap { $0.check(typed) } },
                check: { K.check(typed) },
                dataFiles: { Array(Set(typed.flatMap { K.dataFiles($0.parameters) })).sorted() },
                run: { try K.run(typed, context: $0) })
        }
    }

    func parameter(_ key: String) -> Parameter? { parameters.first { $0.key == key } }
}

/// A directive's typed runs with the kind's functions bound to them.
struct BoundRuns: Sendable {
    /// Costs beyond the kind's budgets.
    let problems: @Sendable () -> [LimitProblem]
    let check: @Sendable () -> [LimitProblem]
    let dataFiles: @Sendable () -> [String]
    let run: @Sendable (_ context: RunContext) throws -> ExperimentResult
}

/// Every kind, in README order. A new kind is registered here.
enum KindRegistry {
    static let all: [RegisteredKind] = [
        RegisteredKind(Activations.self), RegisteredKind(Gradients.self), RegisteredKind(Depth.self),
        RegisteredKind(Symmetry.self), RegisteredKind(Weights.self), RegisteredKind(Train.self),
        RegisteredKind(Search.self), RegisteredKind(Study.self), RegisteredKind(Plot.self), RegisteredKind(UniformBound.self),
    ]

    static func named(_ name: String) -> RegisteredKind? { all.first { $0.name == name } }
}
