// The site configuration, `docs-src/site.yml`: what is true of the whole site (its title, author, language,
// footer, math font, macros, numbering, navigation parts). A YAML subset of `key: value` lines with optional quotes
// and `#` comments, and, for `math-macros` and `parts`, indented lines after the key (a block); every key is
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
    /// TeX macros for every formula of the site: `\newcommand` definitions written in site.yml, or a `.tex` file.
    var mathMacros: MathMacros?
    /// How figures and equations are numbered: through each page (1, 2, …) or by chapter (3.1, 3.2, …).
    var numbering = Numbering.page
    /// A CSS file in the source folder, linked after the site's own stylesheet (so its rules win).
    var stylesheet: String?
    /// Groups of consecutive chapters with a title, shown in the navigation.
    var parts: [Part] = []

    enum Numbering: String, Sendable, Equatable { case page, chapter }

    /// Where the site's macros are: their text and where it starts in site.yml, or the path of a `.tex` file.
    struct MathMacros: Sendable, Equatable {
        var text: String
        var isFile: Bool
        /// Where `text` starts in site.yml; a block's later lines start at column `indent + 1`.
        var line: Int
        var column: Int
        var indent: Int

        /// The place in site.yml of a line and column in `text` (not for a file, whose text is its own).
        func position(line texLine: Int, column texColumn: Int) -> (line: Int, column: Int) {
            (line + texLine - 1, texLine == 1 ? column + texColumn - 1 : indent + texColumn)
        }
    }

    /// `Title: page, page` under `parts:`: the pages by name in the edition's folder (`01-intro` or `01-intro.md`).
    struct Part: Sendable, Equatable {
        var title: String
        var pages: [String]
        /// The site.yml it is written in, and where, for errors about its pages.
        var path: String
        var line: Int
        var column: Int
    }

    static let fileName = "site.yml"
    static let keys = ["title", "description", "author", "language", "footer", "math-font", "editions", "chapter-numbers",
                       "strict-figures", "math-macros", "numbering", "stylesheet", "parts"]
    /// What an edition's own `site.yml` (`docs-src/ko/site.yml`) may set: its words, not the site's structure
    /// (its `parts` name the same pages with titles in its language).
    static let editionKeys = ["title", "description", "author", "footer", "parts"]
    /// Keys whose value may be written on the indented lines that follow them.
    static let blockKeys: Set<String> = ["math-macros", "parts"]

    /// Parses the file's text; every problem is reported, with its line and column.
    static func parse(_ text: String, path: String) -> (SiteConfiguration?, [Diagnostic]) {
        var (entries, diagnostics) = entries(in: text, path: path, keys: keys)
        let values = entries.values
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
        switch values["numbering"] {
        case nil: break
        case let value?:
            if let numbering = Numbering(rawValue: value) {
                configuration.numbering = numbering
            } else {
                diagnostics.append(Diagnostic.error("'numbering' is 'page' (1, 2, … on each page) or 'chapter' (3.1, 3.2, …), not '\(value)'", path: path,
                                                    line: entries.lines["numbering"]!, column: entries.valueColumns["numbering"]!)
                    .underlining(value.unicodeScalars.count))
            }
        }
        if configuration.numbering == .chapter, values["chapter-numbers"] != "true" {
            diagnostics.append(.error("'numbering: chapter' needs 'chapter-numbers: true': figures are numbered by the chapter numbers the navigation shows",
                                      path: path, line: entries.lines["numbering"]!, column: 1))
        }
        if let stylesheet = values["stylesheet"] {
            if let problem = Load.assetPathProblem(stylesheet, extensions: ["css"]) {
                diagnostics.append(Diagnostic.error("stylesheet '\(stylesheet)' \(problem)", path: path,
                                                    line: entries.lines["stylesheet"]!, column: entries.valueColumns["stylesheet"]!)
                    .underlining(stylesheet.unicodeScalars.count))
            } else {
                configuration.stylesheet = stylesheet
            }
        }
        configuration.mathMacros = mathMacros(entries)
        if let line = entries.lines["math-macros"], configuration.mathMacros?.text.trimmingSpaces.isEmpty ?? true {
            diagnostics.append(.error("'math-macros' is empty: write \\newcommand definitions on its line or on the indented lines after 'math-macros: |', or the path of a .tex file of them",
                                      path: path, line: line, column: 1))
        }
        let (parts, partDiagnostics) = parts(entries, path: path)
        configuration.parts = parts
        diagnostics += partDiagnostics
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

    /// This configuration with an edition's own `site.yml` (title, description, author, footer, parts) applied.
    func edition(_ language: String, text: String, path: String) -> (SiteConfiguration, [Diagnostic]) {
        var (entries, diagnostics) = Self.entries(in: text, path: path, keys: Self.editionKeys)
        let values = entries.values
        var configuration = self
        if entries.lines["parts"] != nil {
            let (parts, partDiagnostics) = Self.parts(entries, path: path)
            configuration.parts = parts
            diagnostics += partDiagnostics
        }
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

    /// The macros of `math-macros:`: a `.tex` file's path, or definitions on its line or on the indented lines after it.
    private static func mathMacros(_ entries: Entries) -> MathMacros? {
        guard let line = entries.lines["math-macros"], let value = entries.values["math-macros"] else { return nil }
        if let block = entries.blocks["math-macros"], !block.isEmpty, value.isEmpty || value == "|" {
            let indent = block.first!.column - 1
            // Blank lines and deeper indentation keep their place, so the text's lines and columns map to site.yml's.
            var text = ""
            for (index, entry) in block.enumerated() {
                if index > 0 { text += String(repeating: "\n", count: entry.line - block[index - 1].line) }
                text += String(repeating: " ", count: max(0, entry.column - 1 - indent)) + entry.text
            }
            return MathMacros(text: text, isFile: false, line: block.first!.line, column: block.first!.column, indent: indent)
        }
        if value.isEmpty || value == "|" { return nil }
        return MathMacros(text: value, isFile: !value.hasPrefix("\\"), line: line, column: entries.valueColumns["math-macros"]!, indent: 0)
    }

    /// The parts of `parts:`, one `Title: page, page` line each under it.
    private static func parts(_ entries: Entries, path: String) -> ([Part], [Diagnostic]) {
        guard let line = entries.lines["parts"] else { return ([], []) }
        var parts: [Part] = []
        var diagnostics: [Diagnostic] = []
        let lines = (entries.blocks["parts"] ?? []).filter { !$0.text.trimmingSpaces.isEmpty && !$0.text.trimmingSpaces.hasPrefix("#") }
        if lines.isEmpty || entries.values["parts"] != "" {
            diagnostics.append(.error("'parts' lists the navigation's parts on the indented lines after it, one 'Title: page, page' each",
                                      path: path, line: line, column: entries.valueColumns["parts"]!))
            return ([], diagnostics)
        }
        for entry in lines {
            // The title may itself hold a colon ("Part I: Basics"); page names do not.
            guard let colon = entry.text.lastIndex(of: ":") else {
                diagnostics.append(.error("expected 'Title: page, page' (the part's title, then its pages)", path: path,
                                          line: entry.line, column: entry.column))
                continue
            }
            let pages = entry.text[entry.text.index(after: colon)...].split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
            guard case .success(let title) = scalar(String(entry.text[..<colon])), !title.isEmpty, !pages.isEmpty else {
                diagnostics.append(.error("expected 'Title: page, page' (the part's title, then its pages)", path: path,
                                          line: entry.line, column: entry.column))
                continue
            }
            parts.append(Part(title: title, pages: pages.map { $0.hasSuffix(".md") ? String($0.dropLast(3)) : $0 }, path: path, line: entry.line, column: entry.column))
        }
        return (parts, diagnostics)
    }

    /// An indented line of a block value: its text from its first non-space character, and where that is.
    struct BlockLine: Sendable, Equatable {
        var line: Int
        var column: Int
        var text: String
    }

    /// What a configuration file says: each key's value, the line and value column it is written at, and the
    /// indented lines after a block key.
    struct Entries {
        var values: [String: String] = [:]
        var lines: [String: Int] = [:]
        var valueColumns: [String: Int] = [:]
        var blocks: [String: [BlockLine]] = [:]
    }

    /// The `key: value` lines of a configuration file, each key checked against `keys`.
    private static func entries(in text: String, path: String, keys: [String]) -> (Entries, [Diagnostic]) {
        var entries = Entries()
        var values: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        /// The block key whose indented lines are being read.
        var block: String?
        // Columns count Unicode scalars, as every diagnostic does.
        func column(_ index: String.Index, in line: Substring) -> Int {
            line.unicodeScalars.distance(from: line.startIndex, to: index) + 1
        }
        for (index, line) in text.sourceLines.enumerated() {
            let lineNumber = index + 1
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if let key = block, trimmed.isEmpty || trimmed.count < line.count {
                if !trimmed.isEmpty {
                    entries.blocks[key, default: []].append(BlockLine(line: lineNumber, column: column(trimmed.startIndex, in: line),
                                                                      text: String(trimmed)))
                }
                continue
            }
            block = nil
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
                entries.lines[key] = lineNumber
                let spaces = line[valueStart...].prefix { $0 == " " || $0 == "\t" }.unicodeScalars.count
                let quoted = line[valueStart...].dropFirst(spaces).first.map { $0 == "\"" || $0 == "'" } ?? false
                entries.valueColumns[key] = column(valueStart, in: line) + spaces + (quoted ? 1 : 0)
                if blockKeys.contains(key), value.isEmpty || value == "|" { block = key }
            case .failure(let message):
                diagnostics.append(.error(message, path: path, line: lineNumber, column: valueColumn))
            }
        }
        entries.values = values
        return (entries, diagnostics)
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
