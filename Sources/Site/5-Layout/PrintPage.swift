// The whole course on one page, for printing (a single PDF from the browser): every page of an edition in reading
// order, each a section starting on a new sheet, with solutions and numbers open. Ids are made unique by prefixing
// each with its page's name, and links between pages become links within the document.
import Basics

/// One HTML document with every page of an edition.
struct PrintPage {
    static let fileName = "print.html"

    /// A page of the edition: where it is and its rendered article.
    struct Chapter {
        let path: String
        let body: String
    }

    let site: SiteConfiguration
    let language: String
    let text: InterfaceText
    /// Root-relative output path of the print page: `print.html`, `ko/print.html`.
    let path: String
    let chapters: [Chapter]
    /// The print page of every edition (this one included) by language, for `<link rel="alternate" hreflang>`; empty
    /// when the site has one edition.
    var alternates: [(language: String, path: String)] = []

    func html() -> String {
        let root = RelativeURL.toRoot(from: path)
        var out = PageTemplate.head(language: language, title: site.title + " · " + text.wholeCourse, root: root,
                                    stylesheet: site.stylesheet)
        for alternate in alternates {
            out += "<link rel=\"alternate\" hreflang=\"\(HTML.escape(alternate.language))\" href=\"\(HTML.escape(RelativeURL.path(to: alternate.path, from: path)))\">\n"
        }
        out += "</head>\n<body class=\"print-page\">\n<main id=\"content\">\n"
        let anchors = Dictionary(chapters.map { ($0.path, Self.anchor(for: $0.path)) }, uniquingKeysWith: { a, _ in a })
        for chapter in chapters {
            out += "<article class=\"print-chapter\" id=\"\(HTML.escape(anchors[chapter.path]!))\">\n"
            out += rewrite(chapter.body, from: chapter.path, anchors: anchors)
            if !chapter.body.hasSuffix("\n") { out += "\n" }
            out += "</article>\n"
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    /// The id of a page's section: `03-gaussian.html` → `page-03-gaussian`, `notes/a.html` → `page-notes-a` (ids in
    /// SVG must be XML names, which cannot start with a digit).
    static func anchor(for path: String) -> String {
        "page-" + String(path.dropLast(".html".count)).replacingAll("/", with: "-")
    }

    /// A page's article as part of the whole: ids prefixed, links to pages of the edition made internal, other
    /// relative URLs made relative to the print page, and every `<details>` open.
    private func rewrite(_ body: String, from page: String, anchors: [String: String]) -> String {
        let prefix = anchors[page]! + "--"
        let bytes = Array(body.utf8)
        var out = ""
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var copied = 0
        // Attribute values written by the generator are escaped and double-quoted, so a scan for `name="` finds them.
        // Bytes, not Characters: a String search from an index deep into a long page is not constant time.
        var scan = 0
        while let match = Self.nextAttribute(in: bytes, from: scan) {
            out += String(decoding: bytes[copied..<match.valueStart], as: UTF8.self)
            let value = String(decoding: bytes[match.valueStart..<match.valueEnd], as: UTF8.self)
            switch match.name {
            case "id": out += prefix + value
            case "aria-labelledby", "aria-describedby":
                out += value.split(separator: " ").map { prefix + $0 }.joined(separator: " ")
            case "href", "src", "xlink:href":
                out += url(value, from: page, prefix: prefix, anchors: anchors)
            default: out += value
            }
            copied = match.valueEnd
            scan = match.valueEnd
        }
        out += String(decoding: bytes[copied...], as: UTF8.self)
        return out.replacingAll([("url(#", "url(#" + prefix), ("<details>", "<details open>"), ("<details class=", "<details open class=")])
    }

    /// A URL of a page, as seen from the print page.
    private func url(_ value: String, from page: String, prefix: String, anchors: [String: String]) -> String {
        if value.hasPrefix("#") { return "#" + prefix + value.dropFirst() }
        // External (`https:`, `mailto:`) and data URLs stay as they are.
        if let colon = value.firstIndex(of: ":"), !value[..<colon].contains(where: { "/#?".contains($0) }) { return value }
        let (path, fragment) = value.firstIndex(of: "#").map { (String(value[..<$0]), String(value[value.index(after: $0)...])) }
            ?? (value, "")
        guard let target = RelativeURL.resolve(path, from: page) else { return value }
        if let anchor = anchors[target] {
            return "#" + anchor + (fragment.isEmpty ? "" : "--" + fragment)
        }
        return RelativeURL.path(to: target, from: self.path) + (fragment.isEmpty ? "" : "#" + fragment)
    }

    private struct Attribute {
        let name: String
        let valueStart: Int
        let valueEnd: Int
    }

    private static let rewritten: Set<String> = ["id", "href", "src", "xlink:href", "aria-labelledby", "aria-describedby"]

    /// The next ` name="value"` at or after `start` with a name in `rewritten` (byte offsets into `bytes`).
    private static func nextAttribute(in bytes: [UInt8], from start: Int) -> Attribute? {
        var index = start
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "\"") else { index += 1; continue }
            var nameStart = index
            while nameStart > 0, Self.isNameByte(bytes[nameStart - 1]) { nameStart -= 1 }
            let valueStart = index + 2
            guard let close = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            let preceded = nameStart > 0 && [0x20, 0x09, 0x0A, 0x0D, 0x0C].contains(bytes[nameStart - 1])
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
            if preceded, rewritten.contains(name) {
                return Attribute(name: name, valueStart: valueStart, valueEnd: close)
            }
            index = close + 1
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "-"), UInt8(ascii: ":"): true
        default: false
        }
    }
}
