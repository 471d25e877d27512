// Link reference definitions (CommonMark 0.31.2 §4.7): `[label]: destination "title"` lines at the start
// of a paragraph, read when the paragraph closes, and the map the inline phase resolves reference links in.

/// `[label]: destination "title"`: defines what `[text][label]`, `[label][]` and `[label]` link to.
struct LinkReferenceDefinition: Equatable, Sendable {
    /// The label as written between the brackets (trimmed).
    var label: String
    /// Escapes and character references resolved, not yet percent-encoded.
    var destination: String
    /// Escapes and character references resolved; empty when there is none.
    var title: String

    init(label: String, destination: String, title: String = "") {
        self.label = label
        self.destination = destination
        self.title = title
    }

    /// Reads the link reference definitions at the start of a paragraph's raw content (its lines joined
    /// with line endings, as the paragraph keeps them). Returns them in order and how many bytes of
    /// `content` they take; the bytes consumed always end at a line ending or at the end of `content`.
    ///
    ///     parse("[a]: /x\n[b]: /y 'T'\ntext")  // 2 definitions, consumed 20 ("text" stays a paragraph)
    static func parse(_ content: [UInt8]) -> (definitions: [LinkReferenceDefinition], consumed: Int) {
        content.withUnsafeBufferPointer { s in
            var definitions: [LinkReferenceDefinition] = []
            var position = 0
            while position < s.count, s[position] == UInt8(ascii: "["),
                  let (definition, end) = scanDefinition(s, at: position) {
                definitions.append(definition)
                position = end
            }
            return (definitions, position)
        }
    }

    /// The definitions at the start of a paragraph's content, and how many bytes of it they take
    /// (always ending after a line ending, or at the end of the text).
    static func parse(_ text: LeafText) -> (definitions: [LinkReferenceDefinition], consumed: Int) {
        parse(text.bytes)
    }

    /// One definition at `i` (which holds `[`), ending with its line.
    static func scanDefinition(_ s: UnsafeBufferPointer<UInt8>, at i: Int) -> (LinkReferenceDefinition, Int)? {
        guard let (afterLabel, label) = LinkSyntax.scanLabel(s, at: i), !label.isEmpty,
              afterLabel < s.count, s[afterLabel] == UInt8(ascii: ":") else { return nil }
        let destinationStart = LinkSyntax.skipSpacesAndOneLineEnding(s, from: afterLabel + 1)
        guard let (afterDestination, destination) = LinkSyntax.scanDestination(s, at: destinationStart) else {
            return nil
        }
        // A title must be separated from the destination by whitespace.
        var end: Int?
        var title: Range<Int>?
        let titleStart = LinkSyntax.skipSpacesAndOneLineEnding(s, from: afterDestination)
        if titleStart > afterDestination, let (afterTitle, content) = LinkSyntax.scanTitle(s, at: titleStart) {
            let lineEnd = LinkSyntax.skipSpaces(s, from: afterTitle)
            if lineEnd == s.count {
                end = lineEnd
                title = content
            } else if let next = LinkSyntax.skipLineEnding(s, at: lineEnd) {
                end = next
                title = content
            }
        }
        if end == nil {
            // No title, or something after it on its line: the definition may still end after the destination.
            let lineEnd = LinkSyntax.skipSpaces(s, from: afterDestination)
            if lineEnd == s.count {
                end = lineEnd
            } else if let next = LinkSyntax.skipLineEnding(s, at: lineEnd) {
                end = next
            }
        }
        guard let end else { return nil }
        let definition = LinkReferenceDefinition(
            label: String(utf8Bytes: UnsafeBufferPointer(rebasing: s[label])),
            destination: String(utf8Bytes: CharacterReferences.unescape(s, destination)),
            title: title.map { String(utf8Bytes: CharacterReferences.unescape(s, $0)) } ?? "")
        return (definition, end)
    }
}

/// The link reference definitions (and GFM footnote labels) of one document, keyed by normalized label.
///
/// The first definition of a label wins. Resolving references is budgeted as in cmark: all the
/// destinations and titles that references copy into the document add up to at most the document's
/// length (at least 100,000 bytes), so a small input cannot expand into an enormous output.
final class ReferenceMap {
    private var definitions: [String: LinkReferenceDefinition] = [:]
    private var footnotes: [String: String] = [:]
    private var expansionBudget: Int

    /// `documentLength`: the input's size in bytes, which bounds how much references may expand.
    init(documentLength: Int = 0) {
        expansionBudget = max(documentLength, 100_000)
    }

    var isEmpty: Bool { definitions.isEmpty }

    /// Adds a definition unless its label is already defined. Returns whether it was added.
    @discardableResult
    func add(_ definition: LinkReferenceDefinition) -> Bool {
        let key = LinkLabel.normalize(definition.label)
        guard !key.isEmpty, definitions[key] == nil else { return false }
        definitions[key] = definition
        return true
    }

    /// The definition a label refers to (case-insensitively, whitespace collapsed), without spending budget.
    subscript(label: String) -> LinkReferenceDefinition? {
        definitions[LinkLabel.normalize(label)]
    }

    /// Records a GFM footnote definition `[^label]:`. Returns false if the label was already defined.
    @discardableResult
    func addFootnote(label: String) -> Bool {
        let key = LinkLabel.normalize(label)
        guard !key.isEmpty, footnotes[key] == nil else { return false }
        footnotes[key] = label
        return true
    }

    /// The label as its footnote definition writes it, if `label` refers to a defined footnote.
    func footnoteDefinitionLabel(for label: String) -> String? {
        footnotes[LinkLabel.normalize(label)]
    }

    var hasFootnotes: Bool { !footnotes.isEmpty }

    /// Resolves a reference from the inline phase, spending budget; nil when undefined or over budget.
    func resolve(_ s: UnsafeBufferPointer<UInt8>, _ label: Range<Int>) -> LinkReferenceDefinition? {
        guard !definitions.isEmpty, label.count <= LinkSyntax.maximumLabelLength,
              let definition = definitions[LinkLabel.normalize(s, label)] else { return nil }
        let size = definition.destination.utf8.count + definition.title.utf8.count
        guard size <= expansionBudget else { return nil }
        expansionBudget -= size
        return definition
    }

    func footnote(_ s: UnsafeBufferPointer<UInt8>, _ label: Range<Int>) -> String? {
        guard !footnotes.isEmpty, label.count <= LinkSyntax.maximumLabelLength else { return nil }
        return footnotes[LinkLabel.normalize(s, label)]
    }
}
