// `build-docs experiment docs-src/03-gaussian.md#tanh`: the directive named `tanh` (or the third directive, with
// `#3`) of a page, so the "Try it" line under a figure reruns exactly the experiment the figure shows.

import Diagnostics
import Foundation

/// A directive found in a page: its info string, body and where they start in the page.
struct PageDirective {
    let infoString: String
    let body: String
    let infoLocation: SourceLocation
    let bodyStart: SourceLocation

    /// `PAGE.md#NAME` or `PAGE.md#N` split into the page's path and the selector; nil for any other argument.
    static func split(_ argument: String) -> (page: String, selector: String)? {
        guard let hash = argument.lastIndex(of: "#") else { return nil }
        let page = String(argument[..<hash]), selector = String(argument[argument.index(after: hash)...])
        guard page.hasSuffix(".md"), !selector.isEmpty else { return nil }
        return (page, selector)
    }

    /// The source folder a page belongs to: the nearest folder above it that holds a `site.yml`, else its own folder.
    static func sourceFolder(of page: String) -> String {
        var folder = URL(fileURLWithPath: page).deletingLastPathComponent().standardizedFileURL
        let start = folder
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("site.yml").path) { return folder.path }
            folder.deleteLastPathComponent()
        }
        return start.path
    }

    /// The directives of a page, in order: fenced blocks whose info string starts with `experiment` or `derivation`.
    static func all(in text: String) -> [PageDirective] {
        let lines = text.sourceLines
        var found: [PageDirective] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            guard indent < 4, let fence = rest.first, fence == "`" || fence == "~" else { index += 1; continue }
            let length = rest.prefix { $0 == fence }.count
            guard length >= 3 else { index += 1; continue }
            let info = rest.dropFirst(length).trimmingCharacters(in: " \t")
            // The closing fence: at least as long, nothing else on the line.
            var end = index + 1
            while end < lines.count {
                let closing = lines[end].drop { $0 == " " }
                let run = closing.prefix { $0 == fence }.count
                if run >= length, closing.dropFirst(run).allSatisfy({ $0 == " " || $0 == "\t" }) { break }
                end += 1
            }
            if info.hasPrefix("experiment") || info.hasPrefix("derivation") {
                let body = lines[(index + 1)..<min(end, lines.count)].map { $0 + "\n" }.joined()
                found.append(PageDirective(infoString: info, body: body,
                                           infoLocation: SourceLocation(line: index + 1, column: indent + length + 1),
                                           bodyStart: SourceLocation(line: index + 2, column: 1)))
            }
            index = end + 1
        }
        return found
    }

    /// The directive a selector names: `tanh` (its `name:`) or `3` (its position in the page, from 1).
    static func find(_ selector: String, in text: String) -> PageDirective? {
        let directives = all(in: text)
        if let position = Int(selector) {
            return directives.indices.contains(position - 1) ? directives[position - 1] : nil
        }
        return directives.first { directive in
            directive.body.sourceLines.contains { line in
                let trimmed = line.trimmingCharacters(in: " \t")
                guard trimmed.hasPrefix("name:") else { return false }
                return trimmed.dropFirst("name:".count).trimmingCharacters(in: " \t") == selector
            }
        }
    }
}

private extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
