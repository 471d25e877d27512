// The site configuration, `docs-src/site.yml`: what is true of the whole site (its title, author, language,
// footer, math font). A YAML subset of `key: value` lines with optional quotes and `#` comments; every key is
// declared here with its meaning, so a typo gets "did you mean".
import Diagnostics

struct SiteConfiguration: Sendable, Equatable {
    /// Shown in the sidebar and in every page's `<title>`.
    var title: String
    var description: String?
    var author: String?
    /// BCP 47 language tag for `<html lang>`; a page may override it in its front matter.
    var language: String = "en"
    /// A line of text at the bottom of every page.
    var footer: String?
    /// A math font file in the source folder (e.g. Latin Modern Math), copied and named in the stylesheet so
    /// formulas render the same on every reader's machine.
    var mathFont: String?

    static let fileName = "site.yml"
    static let keys = ["title", "description", "author", "language", "footer", "math-font"]

    /// Parses the file's text; every problem is reported, with its line and column.
    static func parse(_ text: String, path: String) -> (SiteConfiguration?, [Diagnostic]) {
        var values: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        // Lines end at LF, CR LF or CR, as in pages and editors (not at a form feed or U+2028, which
        // `isNewline` would also split at); columns count Unicode scalars, as every diagnostic does.
        func column(_ index: String.Index, in line: Substring) -> Int {
            line.unicodeScalars.distance(from: line.startIndex, to: index) + 1
        }
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).enumerated() {
            let lineNumber = index + 1
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                diagnostics.append(.error("expected 'key: value'", path: path, line: lineNumber, column: 1))
                continue
            }
            let key = String(line[..<colon]).trimmingSpaces
            let keyColumn = column(line.firstIndex(where: { $0 != " " })!, in: line)
            guard keys.contains(key) else {
                diagnostics.append(.error("unknown key '\(key)' in site configuration (known keys: \(keys.joined(separator: ", ")))",
                                          path: path, line: lineNumber, column: keyColumn,
                                          hint: Suggestion.hint(for: key, among: keys)))
                continue
            }
            let valueStart = line.index(after: colon)
            let valueColumn = column(valueStart, in: line) + 1
            switch scalar(String(line[valueStart...])) {
            case .success(let value): 
                if values[key] != nil {
                    diagnostics.append(.error("duplicate key '\(key)'", path: path, line: lineNumber, column: keyColumn))
                }
                values[key] = value
            case .failure(let message):
                diagnostics.append(.error(message, path: path, line: lineNumber, column: valueColumn))
            }
        }
        guard let title = values["title"], !title.isEmpty else {
            if diagnostics.isEmpty {
                diagnostics.append(.error("site configuration needs a 'title'", path: path, line: 1, column: 1))
            }
            return (nil, diagnostics)
        }
        var configuration = SiteConfiguration(title: title)
        configuration.description = values["description"]
        configuration.author = values["author"]
        configuration.language = values["language"] ?? "en"
        configuration.footer = values["footer"]
        configuration.mathFont = values["math-font"]
        return (diagnostics.isEmpty ? configuration : nil, diagnostics)
    }

    enum ScalarResult { case success(String), failure(String) }

    /// A plain or quoted YAML scalar; a trailing ` # comment` ends a plain scalar.
    static func scalar(_ raw: String) -> ScalarResult {
        let text = raw.trimmingSpaces
        guard let first = text.first else { return .success("") }
        if first == "\"" || first == "'" {
            var result = ""
            var index = text.index(after: text.startIndex)
            while index < text.endIndex {
                let character = text[index]
                if character == first {
                    // In single quotes '' is a quote; in double quotes a backslash escapes.
                    let next = text.index(after: index)
                    if first == "'", next < text.endIndex, text[next] == "'" {
                        result.append("'")
                        index = text.index(after: next)
                        continue
                    }
                    let rest = text[next...].trimmingSpaces
                    if !rest.isEmpty && !rest.hasPrefix("#") { return .failure("unexpected text after the closing quote") }
                    return .success(result)
                }
                if first == "\"", character == "\\" {
                    let next = text.index(after: index)
                    guard next < text.endIndex else { break }
                    switch text[next] {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "\"", "\\", "/": result.append(text[next])
                    default: return .failure("unknown escape '\\\(text[next])' in a double-quoted string")
                    }
                    index = text.index(after: next)
                    continue
                }
                result.append(character)
                index = text.index(after: index)
            }
            return .failure("unterminated quoted string")
        }
        if let comment = text.range(of: " #") { return .success(String(text[..<comment.lowerBound]).trimmingSpaces) }
        return .success(text)
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
