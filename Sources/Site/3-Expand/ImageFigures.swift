// The author's own pictures as numbered figures. An image alone in its paragraph, with a title, is a figure: the
// title is its caption, and its id is `fig-` and the file's name (`![Loss curves](images/loss.png "Loss per epoch")`
// is `#fig-loss`). On GitHub the same Markdown is an ordinary image with a tooltip. Numbered in page order together
// with the experiments' figures, so `[](#fig-loss)` reads "Figure 2" like any figure.
import Basics
import Diagnostics
import Markdown

enum ImageFigures {
    /// An image that stands as a figure: its paragraph and the image node in it.
    struct Candidate {
        let paragraph: Node
        let image: Node
        let link: Node.Link
    }

    /// The images of a document that are figures, in page order.
    static func candidates(in document: Document) -> [Candidate] {
        var found: [Candidate] = []
        document.root.walk { node, entering in
            guard entering else { return true }
            guard case .paragraph = node.kind else { return true }
            // Alone in the paragraph: blank text around it (a trailing space, a line break) does not count.
            let content = node.children.filter { child in
                switch child.kind {
                case .text(let text): !text.allSatisfy { $0 == " " || $0 == "\t" }
                case .softBreak, .hardBreak: false
                default: true
                }
            }
            if content.count == 1, case .image(let link) = content[0].kind, !link.title.isEmpty {
                found.append(Candidate(paragraph: node, image: content[0], link: link))
            }
            return false
        }
        return found
    }

    /// `images/Loss curve.png` → `fig-loss-curve`: letters, digits, `-` and `_` of the file name.
    static func id(for destination: String) -> String {
        let name = Links.split(destination).path.split(separator: "/").last.map(String.init) ?? ""
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        var slug = ""
        for character in stem.lowercased() {
            if character.isLetter || character.isNumber || character == "_" {
                slug.append(character)
            } else if !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        while slug.hasPrefix("-") { slug.removeFirst() }
        return "fig-" + (slug.isEmpty ? "image" : slug)
    }

    /// The nodes that replace the paragraph: a `<figure>` with the image and the numbered caption (Markdown, so
    /// its math and links are expanded like prose).
    static func figure(_ candidate: Candidate, name: String, id: String, path: String) -> [Node] {
        let range = candidate.paragraph.range
        let image = Node(.paragraph, range: range, children: [candidate.image])
        // The title was the image's tooltip; as the caption it is said once, not twice.
        var link = candidate.link
        link.title = ""
        candidate.image.kind = .image(link)
        let document = Document(parsing: candidate.link.title, options: .site, path: path)
        document.root.applyTagFilter()
        let caption = Node(.paragraph, range: range)
        caption.children = [Node(.inlineHTML("<span class=\"figure-number\">\(HTML.escape(name)).</span> "), range: range)]
        for block in document.root.children {
            // A title is one line of inline text; should it parse as a block (`# x`), its inlines are kept.
            for child in block.children {
                child.walk { node, entering in
                    if entering { node.range = range }
                    return true
                }
                caption.children.append(child)
            }
        }
        return [Node(.htmlBlock("<figure class=\"image-figure\" id=\"\(HTML.escape(id))\">"), range: range), image,
                Node(.htmlBlock("<figcaption>"), range: range), caption,
                Node(.htmlBlock("</figcaption>\n</figure>"), range: range)]
    }
}
