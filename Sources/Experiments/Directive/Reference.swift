// The README's key tables and value-path table, generated from the kinds' declarations (a test checks that README.md contains them verbatim),
// so the documented keys, types, defaults and limits are the ones the parser enforces.

extension ExperimentDirective {
    /// Markdown: one `####` section per kind with a table of its keys.
    public static var referenceMarkdown: String {
        var out = ""
        for kind in KindRegistry.all {
            out += "#### `\(kind.name)`\n\n\(kind.summary)\n\n| key | type | default | meaning |\n|---|---|---|---|\n"
            for p in kind.parameters {
                let type: String
                switch p.multiplicity {
                case .single: type = p.type.summary
                case .grid(let max): type = p.type.summary + "; grid ≤ \(max)"
                case .list(let max): type = "list ≤ \(max) of " + p.type.summary
                }
                let value: String
                if let d = p.defaultValue {
                    value = "`" + d.map(\.spelling).joined(separator: ", ") + "`"
                } else {
                    value = p.absent ?? "—"
                }
                out += "| `\(p.key)` | \(type) | \(value) | \(p.help) |\n"
            }
            out += "\n"
        }
        return out
    }

    /// Markdown: the table of every kind's value paths.
    public static var valuePathsMarkdown: String {
        "| kind | paths |\n|---|---|\n" + KindRegistry.all.map { "| `\($0.name)` | \($0.valuePaths) |\n" }.joined()
    }
}
