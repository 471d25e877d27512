// TEMPORARY: run functions not written yet (waiting for Numerics and Charts). Each throws a clear error.
import Diagnostics

private func pending(_ c: RunContext) -> Diagnostic {
    Diagnostic(.error, path: c.directive.path, location: c.directive.location, message: "experiment kind '\(c.directive.kind)' cannot run yet (engine not merged)")
}
enum TrainExperiment { static func run(_ c: RunContext) throws -> ExperimentResult { throw pending(c) } }
enum SearchExperiment { static func run(_ c: RunContext) throws -> ExperimentResult { throw pending(c) } }
