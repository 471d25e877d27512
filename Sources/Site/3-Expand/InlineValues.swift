// Inline values in prose: `{{tanh-small.layer[5].std | 3}}` becomes the number from that experiment's run, so
// numbers in sentences always come from the evidence. Text inside code spans and code blocks is left alone (that
// is how the syntax itself can be shown). Default format: 3 significant digits.
import Diagnostics
import Experiments
import Markdown

enum InlineValues {
    enum Lookup {
        case success(prose: String, plain: String)
        /// With the closest value path when the path is misspelt, for the fix-it.
        case failure(String, hint: String?, closest: String? = nil)
    }

    static let defaultFormat = ValueFormat.significant(3)

    /// The formatted value of `reference` in `result`. A name (`best.conv-init`) reads as written, in every edition
    /// (it is a parameter's spelling, like a run label); the renderer escapes it as any text.
    static func value(_ reference: InlineReference, in result: ExperimentResult) -> Lookup {
        if let named = result.name(at: reference.path) {
            if let format = reference.format {
                return .failure("'\(reference.path)' is a name ('\(named.name)'), not a number: it takes no format, got '| \(format)'",
                                hint: "write {{\(reference.experiment).\(reference.path)}}")
            }
            return .success(prose: named.name, plain: named.name)
        }
        guard let value = result.value(at: reference.path) else {
            return .failure("unknown value '\(reference.path)' in experiment '\(reference.experiment)'",
                            hint: result.suggestion(for: reference.path), closest: result.closestPath(to: reference.path))
        }
        var format = defaultFormat
        if let text = reference.format {
            guard let parsed = ValueFormat(text) else {
                return .failure("unknown format '\(text)' in inline value; use a digit count (| 3 significant digits), .N (| .2 decimals) or %N (| %1 percent)",
                                hint: nil)
            }
            format = parsed
        }
        // Without a format a quoted value in a directive keeps full precision.
        let plain = reference.format == nil ? NumberSpelling.normalized(value) : format.plain(value)
        return .success(prose: format.prose(value), plain: plain)
    }

    /// An experiment's name with its edition: each edition names its own experiments.
    static func scoped(_ name: String, edition: Int) -> String { "\(edition)/\(name)" }

    /// The names of an edition's experiments, for "did you mean".
    static func names(in results: [String: ExperimentResult], edition: Int) -> [String] {
        let prefix = scoped("", edition: edition)
        return results.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
    }

    /// Replaces every inline value in the prose of every page.
    static func run(_ site: inout SiteBuild, results: [String: ExperimentResult]) {
        for index in site.pages.indices {
            let page = site.pages[index]
            var diagnostics: [Diagnostic] = []
            var unchecked: [String] = []
            page.document.root.walk { node, entering in
                guard entering else { return true }
                switch node.kind {
                case .codeBlock, .htmlBlock, .mathBlock: return false
                default: break
                }
                guard node.children.contains(where: { if case .text = $0.kind { true } else { false } }) else { return true }
                mergeTexts(node)
                for child in node.children {
                    // A byte test first: Foundation's substring search costs more than the walk, on every text node.
                    guard case .text(let text) = child.kind, text.utf8.contains(UInt8(ascii: "{")), text.contains("{{") else { continue }
                    let scan = InlineReference.scan(text)
                    let origin = child.range.start
                    func location(_ lineOffset: Int, _ columnOffset: Int) -> (Int, Int) {
                        (origin.line + lineOffset, lineOffset == 0 ? origin.column + columnOffset : columnOffset + 1)
                    }
                    for error in scan.errors {
                        let (line, column) = location(error.lineOffset, error.columnOffset)
                        diagnostics.append(.error(error.message, path: page.displayPath, line: line, column: column))
                    }
                    var replacements: [String] = []
                    for reference in scan.references {
                        let (line, column) = location(reference.lineOffset, reference.columnOffset)
                        let name = scoped(reference.experiment, edition: page.edition)
                        guard let result = results[name] else {
                            replacements.append("")
                            // An experiment that did not run: its directive's error says why.
                            if site.unavailableExperiments[name] != nil {
                                unchecked.append(name)
                                continue
                            }
                            diagnostics.append(Diagnostic.error("unknown experiment '\(reference.experiment)' in inline value", path: page.displayPath,
                                                                line: line, column: column)
                                .underlining(reference.range.count)
                                .suggesting(Suggestion.closest(to: reference.experiment, among: names(in: results, edition: page.edition)),
                                            for: reference.nameRange(at: SourceLocation(line: line, column: column))))
                            continue
                        }
                        switch value(reference, in: result) {
                        case .success(let prose, _): replacements.append(prose)
                        case .failure(let message, let hint, let closest):
                            diagnostics.append(Diagnostic.error(message, path: page.displayPath, line: line, column: column, hint: hint)
                                .underlining(reference.range.count)
                                .suggesting(closest, for: reference.pathRange(at: SourceLocation(line: line, column: column))))
                            replacements.append("")
                        }
                    }
                    var iterator = replacements.makeIterator()
                    child.kind = .text(InlineReference.substitute(in: text, scan.references) { _ in iterator.next()! })
                }
                return true
            }
            site.diagnostics += diagnostics
            for name in unchecked { site.unavailableExperiments[name]?.uses += 1 }
        }
    }

    /// Joins runs of adjacent text nodes (the inline parser may split `{{a[5]}}` at the brackets).
    static func mergeTexts(_ node: Node) {
        var merged: [Node] = []
        for child in node.children {
            if case .text(let text) = child.kind, let last = merged.last, case .text(let previous) = last.kind,
               last.range.end.line == child.range.start.line {
                last.kind = .text(previous + text)
                last.range.end = child.range.end
            } else {
                merged.append(child)
            }
        }
        if merged.count != node.children.count { node.children = merged }
    }
}
