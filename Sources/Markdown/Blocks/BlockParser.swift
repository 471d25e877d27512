// Phase 1 (IN PROGRESS: paragraphs only, to be replaced by cmark's line-by-line algorithm).
import Diagnostics

struct BlockParser {
    let options: MarkdownOptions
    let path: String

    func parse(_ input: UnsafeBufferPointer<UInt8>) -> Document {
        let root = Node(.document, range: SourceRange(line: 1, column: 1, endColumn: 1))
        let text = String(decoding: input, as: UTF8.self)
        var line = 1
        for paragraph in text.split(separator: "\n\n") {
            let bytes = Array(paragraph.utf8)
            let leaf = LeafText(bytes: bytes, lines: [.init(offset: 0, location: SourceLocation(line: line, column: 1))])
            root.children.append(Node(.paragraph, range: leaf.range(0, bytes.count),
                                      children: [Node(.text(String(paragraph)), range: leaf.range(0, bytes.count))]))
            line += paragraph.split(separator: "\n", omittingEmptySubsequences: false).count + 1
        }
        return Document(root: root)
    }
}
