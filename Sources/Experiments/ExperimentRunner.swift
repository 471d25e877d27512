// Runs a parsed directive: hands each kind its context and returns the result the site caches and renders.

import Diagnostics
import Foundation

/// What a kind's run function receives.
struct RunContext: Sendable {
    let directive: ExperimentDirective
    /// Every SVG id starts with this (ids must be unique on a page holding many figures).
    let idPrefix: String
    /// The source folder (docs-src/), where `dataFiles` are resolved.
    let sourceRoot: URL
}

public enum ExperimentRunner {
    /// Runs every run of the directive, single-threaded and deterministic: the same directive gives the same result,
    /// bit for bit, on every machine. Throws a Diagnostic (at the directive) when a data file is missing or corrupt.
    public static func run(_ directive: ExperimentDirective, idPrefix: String, sourceRoot: URL) throws -> ExperimentResult {
        try directive.kindDefinition.run(RunContext(directive: directive, idPrefix: idPrefix, sourceRoot: sourceRoot))
    }
}
