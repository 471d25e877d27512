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
    /// The site's editions, one per language; the first is the site's `language` and sits at the root, each
    /// other one in a folder named by its language (`docs-src/ko/` → `site/ko/`).
    var editions: [String] = ["en"]
    /// Number the pages after the home page in the navigation: 1, 2, 3, …
    var chapterNumbers = false
    /// `strict-figures: true`: what the figure check finds stops the build (as `--strict-figures` does).
    var strictFigures = false

    static let fileName = "site.yml"
    static let keys = ["title", "description", "author", "language", "footer", "math-font", "editions", "chapter-numbers", "strict-figures"]
    /// What an edition's own `site.yml` (`docs-src/ko/site.yml`) may set: its words, not the site's structure.
    static let editionKeys = ["title", "description", "author", "footer"]

    /// Parses the file's text; every problem is reported, with its line and column.
    static func parse(_ text: String, path: String) -> (SiteConfiguration?, [Diagnostic]) {
        var (values, diagnostics) = values(in: text, path: path, keys: keys)
        guard let title = values["title"], !title.isEmpty else {
            if diagnostics.isEmpty {
                diagnostics.append(.error("site configuration needs a 'title'", path: path))
            }
            return (nil, diagnostics)
        }
        var configuration = SiteConfiguration(title: title)
        configuration.description = values["description"]
        configuration.author = values["author"]
        configuration.footer = values["footer"]
        configuration.mathFont = values["math-font"]
        switch values["strict-figures"] {
        case nil, "false": break
        case "true": configuration.strictFigures = true
        case let other?:
            diagnostics.append(.error("'strict-figures' is true or false, not '\(other)'", path: path,
                                      line: Load.line(of: "strict-figures", in: text), column: 1))
        }
        switch values["chapter-numbers"] {
        case nil, "false": break
        case "true": configuration.chapterNumbers = true
        case let other?:
            diagnostics.append(.error("'chapter-numbers' is true or false, not '\(other)'", path: path,
                                      line: Load.line(of: "chapter-numbers", in: text), column: 1))
        }
        let language = values["language"]
        if let list = values["editions"] {
            let editions = list.split(separator: ",").map { $0.trimmingSpaces }
            let at = (line: Load.line(of: "editions", in: text), column: 1)
            var seen: Set<String> = []
            for edition in editions {
                if !isLanguageTag(edition) {
                    diagnostics.append(.error("'\(edition)' is not a language tag (such as en, ko or pt-BR)", path: path, line: at.line, column: at.column))
                } else if !seen.insert(edition.lowercased()).inserted {
                    diagnostics.append(.error("edition '\(edition)' is listed twice", path: path, line: at.line, column: at.column))
                } else if InterfaceText.table(for: edition) == nil {
                    let known = InterfaceText.tables.keys.sorted().joined(separator: ", ")
                    diagnostics.append(.error("no interface text for the language '\(edition)' (the generator has: \(known))", path: path,
                                              line: at.line, column: at.column,
                                              hint: "add a table for it in Sources/Site/5-Layout/InterfaceText.swift"))
                }
            }
            if let language, let first = editions.first, language != first {
                diagnostics.append(.error("'language: \(language)' differs from the first edition '\(first)'; the first edition is the site's language",
                                          path: path, line: at.line, column: at.column))
            }
            if editions.isEmpty || editions.contains(where: \.isEmpty) {
                diagnostics.append(.error("'editions' needs a comma-separated list of languages, the site's own first (e.g. 'en, ko')",
                                          path: path, line: at.line, column: at.column))
            }
            configuration.editions = editions
            configuration.language = editions.first ?? "en"
        } else {
            configuration.language = language ?? "en"
            configuration.editions = [configuration.language]
        }
        return (diagnostics.isEmpty ? configuration : nil, diagnostics)
    }

    /// This configuration with an edition's own `site.yml` (title, description, author, footer) applied.
    func edition(_ language: String, text: String, path: String) -> (SiteConfiguration, [Diagnostic]) {
        let (values, diagnostics) = Self.values(in: text, path: path, keys: Self.editionKeys)
        var configuration = self
        configuration.language = language
        if let title = values["title"], !title.isEmpty { configuration.title = title }
        if let description = values["description"] { configuration.description = description }
        if let author = values["author"] { configuration.author = author }
        if let footer = values["footer"] { configuration.footer = footer }
        return (configuration, diagnostics)
    }

    /// `en`, `ko`, `pt-BR`, `zh-Hant`: a primary subtag of 2–3 letters and optional subtags of letters and digits.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// The `key: value` lines of a configuration file, each key checked against `keys`.
    private static func values(in text: String, path: String, keys: [String]) -> ([String: String], [Diagnostic]) {
        var values: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        // Columns count Unicode scalars, as every diagnostic does.
        func column(_ index: String.Index, in line: Substring) -> Int {
            line.unicodeScalars.distance(from: line.startIndex, to: index) + 1
        }
        for (index, line) in text.sourceLines.enumerated() {
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
                diagnostics.append(Diagnostic.error("unknown key '\(key)' in \(keys == editionKeys ? "an edition's" : "site") configuration (known keys: \(keys.joined(separator: ", ")))",
                                                    path: path, line: lineNumber, column: keyColumn)
                    .underlining(key.unicodeScalars.count).suggesting(Suggestion.closest(to: key, among: keys)))
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
        return (values, diagnostics)
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
