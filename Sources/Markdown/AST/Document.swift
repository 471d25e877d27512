// A parsed Markdown file: the tree, the front matter read from its top, and what was wrong with it.
import Diagnostics

/// The result of parsing one Markdown text.
///
///     let document = Document(parsing: "# Title\n\nSome *text*.", options: .site)
///     let html = HTMLRenderer(options: .site).render(document)
public struct Document {
    /// A `.document` node whose children are the top-level blocks.
    public var root: Node
    /// The `---` block at the very top, when front matter is enabled and present.
    public var frontMatter: FrontMatter?
    /// Problems found (malformed front matter); Markdown itself has no syntax errors.
    public var diagnostics: [Diagnostic]
    /// The size of the source in bytes, so the renderer can reserve about as much for its output.
    var sourceByteCount = 0

    public init(root: Node, frontMatter: FrontMatter? = nil, diagnostics: [Diagnostic] = []) {
        self.root = root
        self.frontMatter = frontMatter
        self.diagnostics = diagnostics
    }
}

/// Front matter: a YAML subset of `key: value` lines, lists (`- item` lines or `[a, b]`),
/// single- and double-quoted strings and `#` comments, each value with where it was written.
public struct FrontMatter: Equatable, Sendable {
    public struct Scalar: Equatable, Sendable {
        /// The value with quotes removed and escapes resolved.
        public var text: String
        public var range: SourceRange

        public init(text: String, range: SourceRange) {
            self.text = text
            self.range = range
        }
    }

    public enum Value: Equatable, Sendable {
        case scalar(Scalar)
        case list([Scalar])

        /// The scalar's text, or nil for a list.
        public var text: String? { if case .scalar(let s) = self { s.text } else { nil } }
        /// The list's items; a scalar reads as a list of one.
        public var items: [Scalar] {
            switch self {
            case .scalar(let s): [s]
            case .list(let items): items
            }
        }
    }

    public struct Entry: Equatable, Sendable {
        public var key: String
        /// Where the key is written.
        public var keyRange: SourceRange
        public var value: Value

        public init(key: String, keyRange: SourceRange, value: Value) {
            self.key = key
            self.keyRange = keyRange
            self.value = value
        }
    }

    /// In the order written; keys are unique (a repeated key is an error).
    public var entries: [Entry]
    /// From the opening `---` to the end of the closing one.
    public var range: SourceRange

    public init(entries: [Entry], range: SourceRange) {
        self.entries = entries
        self.range = range
    }

    public subscript(key: String) -> Value? { entries.first { $0.key == key }?.value }
}
