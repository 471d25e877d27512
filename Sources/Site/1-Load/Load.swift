// Stage 1, load: check that the output folder may be replaced, read the source folder and its site.yml.
import Diagnostics
import Foundation
import TeXMath

enum Load {
    static func run(_ site: inout SiteBuild) {
        // Compared as real paths (symbolic links resolved), so no spelling of the folders lets a build delete its
        // own sources with the old site, or write the site into them.
        let source = realPath(site.sourceURL.path), output = realPath(site.output.url.path)
        if source == output || output.hasPrefix(source + "/") || source.hasPrefix(output + "/") || source == "/" || output == "/" {
            let relation = source == output ? "are the same folder"
                : output.hasPrefix(source + "/") ? "overlap: the output folder is inside the source folder"
                : "overlap: the source folder is inside the output folder"
            site.report(.error("the output folder '\(site.output.displayPath)' and the source folder '\(site.sourceDisplay)' \(relation); choose separate folders",
                               path: site.output.displayPath))
            site.stopped = true
            return
        }
        if !site.options.checkOnly {
            // Refuse before spending time on experiments.
            do { try site.output.checkReplaceable() } catch {
                site.report(error)
                site.stopped = true
                return
            }
        }
        do {
            site.sources = try SourceTree.load(root: site.sourceURL, displayRoot: site.sourceDisplay)
        } catch {
            site.report(error)
            site.stopped = true
            return
        }
        let configurationPath = site.displayPath(SiteConfiguration.fileName)
        guard let file = site.sources[SiteConfiguration.fileName] else {
            site.report(.error("no site configuration: create \(configurationPath) with at least 'title: …'",
                               path: configurationPath))
            site.stopped = true
            return
        }
        let text: String
        do { text = try file.text(displayPath: configurationPath) } catch {
            site.report(error)
            site.stopped = true
            return
        }
        site.sourceTexts[configurationPath] = text
        let (configuration, diagnostics) = SiteConfiguration.parse(text, path: configurationPath)
        site.diagnostics += diagnostics
        if let configuration {
            site.configuration = configuration
            loadEditions(&site)
            if let font = configuration.mathFont {
                let line = Self.line(of: "math-font", in: text)
                let column = Self.valueColumn(of: "math-font", in: text)
                if let problem = mathFontProblem(font) {
                    site.report(Diagnostic.error("math font '\(font)' \(problem)", path: configurationPath, line: line, column: column)
                        .underlining(font.unicodeScalars.count))
                } else if site.sources[font] == nil {
                    site.report(Diagnostic.error("math font '\(font)' not found in \(site.sourceDisplay)", path: configurationPath,
                                                 line: line, column: column)
                        .underlining(font.unicodeScalars.count))
                }
            }
            if let stylesheet = configuration.stylesheet, site.sources[stylesheet] == nil {
                site.report(Diagnostic.error("stylesheet '\(stylesheet)' not found in \(site.sourceDisplay)", path: configurationPath,
                                             line: line(of: "stylesheet", in: text), column: valueColumn(of: "stylesheet", in: text))
                    .underlining(stylesheet.unicodeScalars.count))
            }
            if let macros = configuration.mathMacros { loadMathMacros(macros, site: &site, configurationPath: configurationPath) }
        } else {
            site.stopped = true
        }
        checkPageNames(&site)
    }

    /// Font formats a browser loads with `@font-face`.
    static let fontExtensions = ["woff2", "woff", "otf", "ttf"]

    /// Why `path` cannot be the math font, or nil. It is a path in the source folder that goes into the stylesheet's
    /// `url("…")`, percent-encoded; these rules keep it a plain relative path to a font file.
    static func mathFontProblem(_ path: String) -> String? {
        assetPathProblem(path, extensions: fontExtensions, kind: "a font file")
    }

    /// Why `path` cannot be a file the site configuration names (the math font, the extra stylesheet, the macros),
    /// or nil: it must be a plain relative path inside the source folder, ending in one of `extensions`.
    static func assetPathProblem(_ path: String, extensions: [String], kind: String? = nil) -> String? {
        if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            return "must be a path inside the source folder (no leading '/', no '..')"
        }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0 == "\"" }) {
            return "contains a control character, '\\' or '\"'; rename the file"
        }
        guard let dot = path.lastIndex(of: "."), extensions.contains(path[path.index(after: dot)...].lowercased()) else {
            return "is not \(kind ?? "a ." + extensions[0] + " file") (expected .\(extensions.joined(separator: ", .")))"
        }
        return nil
    }

    /// Most bytes in one file name on the file systems the site is written to (NAME_MAX).
    static let longestFileName = 255

    /// A page whose output name (`NAME.html`) the file system would refuse is an error naming the page.
    static func checkPageNames(_ site: inout SiteBuild) {
        for file in site.sources.files where file.isPage {
            let name = String(file.path.split(separator: "/").last!.dropLast(3)) + ".html"
            if name.utf8.count > longestFileName {
                site.report(.error("page file name too long: its output file name would be \(name.utf8.count) bytes, the file system allows \(longestFileName); shorten the name",
                                   path: site.displayPath(file.path)))
            }
        }
    }

    /// `path` with every symbolic link resolved; the part that does not exist yet (an output folder not yet made, or
    /// a link to one) is appended to its deepest existing ancestor, resolved.
    static func realPath(_ path: String, depth: Int = 0) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL
        var missing: [String] = []
        while true {
            if let resolved = realpath(existing.path, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                return missing.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
            }
            // A link to something that does not exist yet: follow it by hand (a loop gives up after 40 links).
            if depth < 40, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: existing.path) {
                let followed = target.hasPrefix("/") ? target : existing.deletingLastPathComponent().path + "/" + target
                return realPath(missing.reversed().reduce(followed) { $0 + "/" + $1 }, depth: depth + 1)
            }
            if existing.path == "/" { return path }
            missing.append(existing.lastPathComponent)
            existing = existing.deletingLastPathComponent()
        }
    }

    /// The column where `key:`'s value starts (1 if absent).
    static func valueColumn(of key: String, in text: String) -> Int {
        for line in text.sourceLines where line.hasPrefix(key + ":") {
            let value = line.dropFirst(key.count + 1).prefix { $0 == " " || $0 == "\t" }
            let quote = line.dropFirst(key.count + 1 + value.count).first.map { $0 == "\"" || $0 == "'" } ?? false
            return key.count + 2 + value.count + (quote ? 1 : 0)
        }
        return 1
    }

    /// One edition per language of `editions:`; an edition's folder may hold a `site.yml` with its own title,
    /// description, author and footer.
    static func loadEditions(_ site: inout SiteBuild) {
        let configuration = site.configuration
        site.editions = []
        for (index, language) in configuration.editions.enumerated() {
            let folder = index == 0 ? "" : language + "/"
            var edition = configuration
            edition.language = language
            let path = folder + SiteConfiguration.fileName
            if index > 0, let file = site.sources[path] {
                let displayPath = site.displayPath(path)
                do throws(Diagnostic) {
                    let text = try file.text(displayPath: displayPath)
                    site.sourceTexts[displayPath] = text
                    let (own, diagnostics) = configuration.edition(language, text: text, path: displayPath)
                    edition = own
                    site.diagnostics += diagnostics
                } catch {
                    site.report(error)
                }
            }
            site.editions.append(Edition(language: language, folder: folder, configuration: edition,
                                         text: InterfaceText.table(for: language) ?? .english))
        }
    }

    /// Reads the site's TeX macros once for every formula; a mistake in them is an error at its place in site.yml
    /// or in the `.tex` file.
    static func loadMathMacros(_ macros: SiteConfiguration.MathMacros, site: inout SiteBuild, configurationPath: String) {
        var origin = MathMacroOrigin(path: configurationPath, macros: macros)
        var tex = macros.text
        if macros.isFile {
            if let problem = assetPathProblem(macros.text, extensions: ["tex", "sty"]) {
                site.report(Diagnostic.error("math macros '\(macros.text)' \(problem)", path: configurationPath,
                                             line: macros.line, column: macros.column,
                                             hint: "write the definitions themselves (starting with \\newcommand), or name a .tex file of them")
                    .underlining(macros.text.unicodeScalars.count))
                return
            }
            let path = site.displayPath(macros.text)
            guard let file = site.sources[macros.text] else {
                site.report(Diagnostic.error("math macros file '\(macros.text)' not found in \(site.sourceDisplay)", path: configurationPath,
                                             line: macros.line, column: macros.column)
                    .underlining(macros.text.unicodeScalars.count))
                return
            }
            do throws(Diagnostic) { tex = try file.text(displayPath: path) } catch {
                site.report(error)
                return
            }
            site.sourceTexts[path] = tex
            origin = MathMacroOrigin(path: path, macros: nil)
        }
        do throws(TeXError) {
            site.mathMacros = try TeXMath.definitions(tex)
            site.mathMacroOrigin = origin
        } catch {
            site.report(origin.diagnostic(error))
        }
    }

    /// The line on which `key:` is written (1 if absent).
    static func line(of key: String, in text: String) -> Int {
        for (index, line) in text.sourceLines.enumerated()
        where line.hasPrefix(key + ":") {
            return index + 1
        }
        return 1
    }
}

/// Where the site's macros are written, to put an error inside them at its line and column there.
struct MathMacroOrigin: Sendable {
    /// site.yml, or the `.tex` file.
    let path: String
    /// The macros as written in site.yml; nil for a file (positions in it are its own).
    let macros: SiteConfiguration.MathMacros?

    func diagnostic(_ error: TeXError) -> Diagnostic {
        let position = macros?.position(line: error.line, column: error.column) ?? (line: error.line, column: error.column)
        return Diagnostic.error("math macros: \(error.message)", path: path, line: position.line, column: position.column, hint: error.hint)
    }
}
