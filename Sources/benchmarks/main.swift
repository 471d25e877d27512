// benchmarks: prints throughput figures, each beside a reference measured in the same run.
// Build in release: `swift run -c release benchmarks [markdown|math|numerics|charts|directives|rebuild|serve|all]`
// (`numerics products` and `numerics training` run one part of the numerics suite).
import Foundation

let which = CommandLine.arguments.dropFirst().first ?? "all"
let suites: [(String, () -> Void)] = [
    ("markdown", MarkdownBenchmark.run),
    ("math", MathBenchmark.run),
    ("numerics", NumericsBenchmark.run),
    ("charts", ChartsBenchmark.run),
    ("directives", DirectiveBenchmark.run),
    ("rebuild", RebuildBenchmark.runRebuild),
    ("serve", RebuildBenchmark.runServe),
]
var ran = false
for (name, run) in suites where which == "all" || which == name {
    print("== \(name)")
    run()
    ran = true
}
if !ran {
    FileHandle.standardError.write("usage: benchmarks [\(suites.map(\.0).joined(separator: "|"))|all]\n".data(using: .utf8)!)
    exit(64)
}
