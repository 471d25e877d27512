// Runs a parsed directive: hands each kind its context and returns the result the site caches and renders.

import Diagnostics
import Foundation
import Numerics

/// What a kind's run function receives.
struct RunContext: Sendable {
    let directive: ExperimentDirective
    /// Where `dataFiles` are resolved.
    let sourceRoot: URL
    /// Training data standing in for the MNIST subset (the engine fingerprint's synthetic images); nil reads the files.
    var trainingData: DataSplits? = nil
    /// Data files' bytes by path, standing in for the source folder (the engine fingerprint's CSV); nil reads the files.
    var files: [String: [UInt8]]? = nil
    /// How diagnostics name the source folder (`docs-src`), so an error in a data file reads `docs-src/data/x.csv:3:5`.
    var displayRoot = ""

    /// A data file's path as diagnostics print it.
    func displayPath(_ file: String) -> String { displayRoot.isEmpty ? file : displayRoot + "/" + file }
}

public enum ExperimentRunner {
    /// Runs every run of the directive, single-threaded and deterministic: the same directive gives the same result,
    /// bit for bit, on every machine. Throws a Diagnostic (at the directive) when a data file is missing or corrupt.
    /// `displayRoot` is how diagnostics name `sourceRoot` (e.g. `docs-src`; empty: data paths print as written).
    public static func run(_ directive: ExperimentDirective, sourceRoot: URL, displayRoot: String = "") throws -> ExperimentResult {
        try directive.bound.run(RunContext(directive: directive, sourceRoot: sourceRoot, displayRoot: displayRoot))
    }
}
