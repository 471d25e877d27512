// Stage 1, load: check that the output folder may be replaced, read the source folder and its site.yml.
import Diagnostics
import Foundation

enum Load {
    static func run(_ site: inout SiteBuild) {
        let source = site.sourceURL.path, output = site.output.url.path
        if source == output || output.hasPrefix(source + "/") || source.hasPrefix(output + "/") {
            site.report(.error("the output folder '\(site.output.displayPath)' and the source folder '\(site.sourceDisplay)' overlap; choose separate folders",
                               path: site.output.displayPath, line: 1, column: 1))
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
                               path: configurationPath, line: 1, column: 1))
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
            if let font = configuration.mathFont, site.sources[font] == nil {
                site.report(.error("math font '\(font)' not found in \(site.sourceDisplay)", path: configurationPath,
                                   line: Self.line(of: "math-font", in: text), column: 1))
            }
        } else {
            site.stopped = true
        }
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

    /// The line on which `key:` is written (1 if absent).
    static func line(of key: String, in text: String) -> Int {
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        where line.hasPrefix(key + ":") {
            return index + 1
        }
        return 1
    }
}
