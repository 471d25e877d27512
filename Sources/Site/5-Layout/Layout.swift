// Stage 5, layout: every page inside the page template (navigation in reading order, previous/next), the
// stylesheet, and the math font if the site configures one.
enum Layout {
    static func run(_ site: inout SiteBuild) {
        guard !site.stopped, !site.pages.isEmpty else { return }
        let chapters = site.pages.map { NavigationEntry(title: $0.metadata.title, path: $0.outputPath) }
        for (index, page) in site.pages.enumerated() {
            let template = PageTemplate(site: site.configuration, chapters: chapters, index: index,
                                        language: page.metadata.language ?? site.configuration.language,
                                        description: page.metadata.description, body: page.body)
            site.emit(page.outputPath, Array(template.html().utf8), from: "page \(page.displayPath)", at: page.displayPath)
        }
        let configuration = site.displayPath(SiteConfiguration.fileName)
        if let font = site.configuration.mathFont, let file = site.sources[font] {
            site.emit(font, file.bytes, from: "asset \(site.displayPath(font))", at: site.displayPath(font))
        }
        // The font's path goes into a CSS string: percent-encoded, it cannot end the string.
        let stylesheet = Stylesheet.css(mathFont: site.configuration.mathFont.map(RelativeURL.percentEncoded))
        site.emit(PageTemplate.stylesheetPath, Array(stylesheet.utf8), from: "the stylesheet", at: configuration)
    }
}
