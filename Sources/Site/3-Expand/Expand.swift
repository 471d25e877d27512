// Stage 3, expand: what the Markdown means beyond Markdown. Experiment and derivation directives are run (in
// parallel, through the cache) and replaced by numbered figures; `{{name.path | format}}` inline values are
// replaced by the numbers of those runs; TeX math becomes MathML.
enum Expand {
    static func run(_ site: inout SiteBuild) {
        guard !site.stopped else { return }
    }
}
