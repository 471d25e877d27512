// Runs a parsed directive: hands each kind its context and returns the result the site caches and renders.

import Diagnostics
import Foundation
import Numerics

/// What a kind's run function receives.
struct RunContext: Sendable {
    let directive: ExperimentDirective
    /// Where `dataFiles` are resolved.
    let repositoryRoot: URL
    /// Training data standing in for the MNIST subset (the engine fingerprint's synthetic images); nil reads the files.
    var trainingData: DataSplits? = nil
}

public enum ExperimentRunner {
    /// Runs every run of the directive, single-threaded and deterministic: the same directive gives the same result,
    /// bit for bit, on every machine. Throws a Diagnostic (at the directive) when a data file is missing or corrupt.
    public static func run(_ directive: ExperimentDirective, repositoryRoot: URL) throws -> ExperimentResult {
        try directive.bound.run(RunContext(directive: directive, repositoryRoot: repositoryRoot))
    }
}
