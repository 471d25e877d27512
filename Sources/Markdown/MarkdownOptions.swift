// Which syntax the parser accepts and the renderer writes: pure CommonMark, GitHub Flavored Markdown,
// or the course site's dialect (GFM plus math, alerts, front matter and heading ids).

/// Syntax extensions, combined into the three presets `.commonMark`, `.gfm` and `.site`.
public struct MarkdownOptions: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// GFM tables with column alignment.
    public static let tables = MarkdownOptions(rawValue: 1 << 0)
    /// GFM `~~strikethrough~~`.
    public static let strikethrough = MarkdownOptions(rawValue: 1 << 1)
    /// GFM extended autolinks: `www.x.com`, `https://x.com`, `me@x.com` without angle brackets.
    public static let autolinks = MarkdownOptions(rawValue: 1 << 2)
    /// GFM task list items `- [ ]` / `- [x]`.
    public static let taskLists = MarkdownOptions(rawValue: 1 << 3)
    /// GFM tag filter: `<script>`, `<iframe>`, … in raw HTML are written as `&lt;script>`.
    public static let tagFilter = MarkdownOptions(rawValue: 1 << 4)
    /// GFM footnotes `[^label]` and `[^label]: text`.
    public static let footnotes = MarkdownOptions(rawValue: 1 << 5)
    /// `$tex$`, `$$tex$$` and display math blocks.
    public static let math = MarkdownOptions(rawValue: 1 << 6)
    /// GitHub alerts: `> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`.
    public static let alerts = MarkdownOptions(rawValue: 1 << 7)
    /// A `---` front matter block at the very top.
    public static let frontMatter = MarkdownOptions(rawValue: 1 << 8)
    /// GitHub-style `id`s on headings (`## Hello, World` → `hello-world`), numbered when repeated.
    public static let headingIDs = MarkdownOptions(rawValue: 1 << 9)

    /// CommonMark 0.31.2 exactly, no extensions.
    public static let commonMark: MarkdownOptions = []
    /// GitHub Flavored Markdown as `cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist -e footnotes` writes it.
    public static let gfm: MarkdownOptions = [.tables, .strikethrough, .autolinks, .taskLists, .tagFilter, .footnotes]
    /// The course site: GFM plus math, alerts, front matter and heading ids.
    public static let site: MarkdownOptions = gfm.union([.math, .alerts, .frontMatter, .headingIDs])
}
