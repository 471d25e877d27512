// swift-tools-version: 6.0
// build-docs: Markdown with experiment directives → a static course site.
// The folders follow a page's journey: parse (Markdown, TeXMath) → run experiments (Numerics, Charts,
// Experiments) → render and lay out (Site) → write. No package dependencies: everything is ours.
import PackageDescription

/// `swift run` builds the debug configuration, and the site build runs simulations and parses pages,
/// so the hot modules are optimized in every configuration (see ../shared/docs/FIELD-NOTES.md).
/// Numerics uses fused multiply-add (`addingProduct`) everywhere: the results are the same bits with
/// or without FMA hardware; `-target-cpu native` only makes them fast. `-fno-math-errno` lets the C shim
/// behind `squareRoot()` be LLVM's pure `sqrt`, so SIMD square roots become one vector instruction instead of
/// a libm call per lane (IEEE √ is correctly rounded either way: the same bits).
let optimized: [SwiftSetting] = [.unsafeFlags(["-O"])]
let numeric: [SwiftSetting] = [.unsafeFlags(["-O", "-target-cpu", "native", "-Xcc", "-fno-math-errno"])]

let package = Package(
    name: "build-docs",
    products: [
        .executable(name: "build-docs", targets: ["build-docs"]),
    ],
    targets: [
        // Leaves: each knows nothing of the others. Basics holds the small helpers several modules share.
        .target(name: "Basics", swiftSettings: optimized),
        .target(name: "Diagnostics"),
        .target(name: "Markdown", dependencies: ["Basics", "Diagnostics"], swiftSettings: optimized + [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
        .target(name: "TeXMath", dependencies: ["Basics", "Diagnostics"], swiftSettings: optimized),
        .target(name: "Numerics", exclude: ["README.md"], swiftSettings: numeric),
        .target(name: "Charts", dependencies: ["Basics"], swiftSettings: optimized),
        // Joins: experiments run Numerics and draw with Charts; the site joins everything.
        .target(name: "Experiments", dependencies: ["Diagnostics", "Numerics", "Charts"], swiftSettings: optimized),
        .target(name: "Site", dependencies: ["Basics", "Diagnostics", "Markdown", "TeXMath", "Experiments"], swiftSettings: optimized),
        // The live preview: builds with Site, serves over HTTP, rebuilds on change.
        .target(name: "Preview", dependencies: ["Site", "Diagnostics"], swiftSettings: optimized),
        .executableTarget(name: "build-docs", dependencies: ["Site", "Preview", "Markdown", "TeXMath", "Experiments", "Diagnostics"]),
        // Developer tools: figures with a reference measured in the same run; a chart gallery for review.
        .executableTarget(name: "benchmarks", dependencies: ["Markdown", "TeXMath", "Numerics", "Charts", "Experiments", "Site", "Preview"],
                          exclude: ["reference"], swiftSettings: optimized),
        .executableTarget(name: "chart-gallery", dependencies: ["Charts", "Basics"]),

        .testTarget(name: "BasicsTests", dependencies: ["Basics"]),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown", "Basics"], exclude: ["Fixtures"]),
        .testTarget(name: "TeXMathTests", dependencies: ["TeXMath"], exclude: ["Fixtures"]),
        .testTarget(name: "NumericsTests", dependencies: ["Numerics"], exclude: ["Fixtures"], swiftSettings: optimized),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"], exclude: ["Golden"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Charts"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Basics"], exclude: ["Fixtures"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview"]),
        .testTarget(name: "BuildDocsTests", dependencies: ["Site"], exclude: ["Fixtures"]),
    ]
)
