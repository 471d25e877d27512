// Stage 5, layout: every page inside the page template (its edition's navigation in reading order, previous/next,
// the links to the page in the other editions), the stylesheet, and the math font if the site configures one.
import Diagnostics

enum Layout {
    static func run(_ site: inout SiteBuild) {
        guard !site.stopped, !site.pages.isEmpty else { return }
        // Each edition's pages, in reading order, and where each page of an edition is (by path in the edition).
        var chapters: [[NavigationEntry]] = Array(repeating: [], count: max(1, site.editions.count))
        var outputByRelativePath: [[String: String]] = Array(repeating: [:], count: chapters.count)
        for page in site.pages where chapters.indices.contains(page.edition) {
            chapters[page.edition].append(NavigationEntry(title: page.metadata.title, path: page.outputPath))
            if let edition = site.editions.indices.contains(page.edition) ? site.editions[page.edition] : nil {
                outputByRelativePath[page.edition][edition.relativePath(page.sourcePath)] = page.outputPath
            }
        }
        let parts = chapters.indices.map { navigationParts(edition: $0, site: &site) }
        var positions = Array(repeating: 0, count: chapters.count)
        for page in site.pages where chapters.indices.contains(page.edition) {
            let edition = site.editions.indices.contains(page.edition) ? site.editions[page.edition] : nil
            let relative = edition?.relativePath(page.sourcePath) ?? page.sourcePath
            var alternates: [PageTemplate.Alternate] = site.editions.enumerated().compactMap { index, other in
                outputByRelativePath[index][relative].map {
                    PageTemplate.Alternate(language: other.language, name: other.text.languageName, path: $0, current: index == page.edition)
                }
            }
            if alternates.count < 2 { alternates = [] }  // a page in one edition only links to no other
            var template = PageTemplate(site: edition?.configuration ?? site.configuration, chapters: chapters[page.edition],
                                        index: positions[page.edition],
                                        language: page.metadata.language ?? edition?.language ?? site.configuration.language,
                                        description: page.metadata.description, body: page.body,
                                        text: site.text(of: page), alternates: alternates)
            template.parts = parts[page.edition]
            positions[page.edition] += 1
            site.emit(page.outputPath, Array(template.html().utf8), from: "page \(page.displayPath)", at: page.displayPath)
        }
        printPages(&site)
        let configuration = site.displayPath(SiteConfiguration.fileName)
        if let font = site.configuration.mathFont, let file = site.sources[font] {
            site.emit(font, file.bytes, from: "asset \(site.displayPath(font))", at: site.displayPath(font))
        }
        if let stylesheet = site.configuration.stylesheet, let file = site.sources[stylesheet] {
            site.emit(stylesheet, file.bytes, from: "asset \(site.displayPath(stylesheet))", at: site.displayPath(stylesheet))
        }
        // The font's path goes into a CSS string: percent-encoded, it cannot end the string.
        let stylesheet = Stylesheet.css(mathFont: site.configuration.mathFont.map(RelativeURL.percentEncoded))
        site.emit(PageTemplate.stylesheetPath, Array(stylesheet.utf8), from: "the stylesheet", at: configuration)
    }

    /// An edition's `parts:` as ranges of its chapters. Each part names pages of the edition that follow one another
    /// in reading order (so the navigation, the chapter numbers and previous/next agree); anything else is an error
    /// at the part's line in site.yml (the edition's own, if it sets `parts`).
    static func navigationParts(edition index: Int, site: inout SiteBuild) -> [NavigationPart] {
        guard site.editions.indices.contains(index) else { return [] }
        let edition = site.editions[index]
        guard !edition.configuration.parts.isEmpty else { return [] }
        let pages = site.pages.filter { $0.edition == index }
        let names = pages.map { String(edition.relativePath($0.sourcePath).dropLast(3)) }
        // A page the first edition has and this one lacks is a translation still to write (a warning of its own).
        let firstEdition = Set(site.pages.filter { $0.edition == 0 }.map { String($0.sourcePath.dropLast(3)) })
        var result: [NavigationPart] = []
        var listed: [String: String] = [:]
        for part in edition.configuration.parts {
            var positions: [Int] = []
            for name in part.pages {
                if index > 0, !names.contains(name), firstEdition.contains(name) { continue }
                guard let position = names.firstIndex(of: name) else {
                    site.report(.error("part '\(part.title)' lists the page '\(name)', which does not exist", path: part.path, line: part.line, column: part.column,
                                       hint: Suggestion.hint(for: name, among: names)))
                    continue
                }
                if let other = listed[name] {
                    site.report(.error("page '\(name)' is in two parts: '\(other)' and '\(part.title)'", path: part.path, line: part.line, column: part.column))
                    continue
                }
                listed[name] = part.title
                positions.append(position)
            }
            guard let first = positions.first else { continue }
            guard positions == Array(first..<first + positions.count) else {
                let order = positions.sorted().map { names[$0] }.joined(separator: ", ")
                site.report(.error("part '\(part.title)' must list pages that follow one another in reading order (\(order))", path: part.path,
                                   line: part.line, column: part.column,
                                   hint: "list them in reading order, or set their 'order:' in front matter so they follow one another"))
                continue
            }
            result.append(NavigationPart(title: part.title, chapters: first..<first + positions.count))
        }
        return result
    }

    /// Each edition's pages on one page, for printing (`print.html`, `ko/print.html`).
    static func printPages(_ site: inout SiteBuild) {
        var pages: [PrintPage] = []
        for (index, edition) in site.editions.enumerated() {
            let chapters = site.pages.filter { $0.edition == index }.map { PrintPage.Chapter(path: $0.outputPath, body: $0.body) }
            guard chapters.count > 1 else { continue }
            pages.append(PrintPage(site: edition.configuration, language: edition.language, text: edition.text,
                                   path: edition.folder + PrintPage.fileName, chapters: chapters))
        }
        let alternates = pages.count > 1 ? pages.map { (language: $0.language, path: $0.path) } : []
        for var page in pages {
            page.alternates = alternates
            site.emit(page.path, Array(page.html().utf8), from: "the whole course on one page", at: site.displayPath(SiteConfiguration.fileName))
        }
    }
}
