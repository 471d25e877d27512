// Stage 3, expand: what the Markdown means beyond Markdown. Experiment and derivation directives run (in
// parallel, through the cache) and become numbered figures; `{{name.path | format}}` inline values become the
// numbers of those runs; TeX math becomes MathML (last, so captions and derivations are typeset too).
enum Expand {
    static func run(_ site: inout SiteBuild) {
        guard !site.stopped else { return }
        let results = ExperimentExpansion.run(&site)
        InlineValues.run(&site, results: results)
        MathTypesetting.run(&site)
    }
}
