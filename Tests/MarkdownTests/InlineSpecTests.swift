// The inline phase against the spec's own examples, independent of the block parser: every example of
// the CommonMark 0.31.2 spec and of the GFM extensions whose expected HTML is nothing but paragraphs is
// split into paragraphs here (blank lines between them, link reference definitions at their start), and
// each paragraph goes through `InlineParser` and the inline renderer. The output must match byte for byte.
import Foundation
import Testing
@testable import Markdown

struct SpecExample: Decodable, Sendable {
    var markdown: String
    var html: String
    var example: Int
    var section: String
    var `extension`: String?
}

enum SpecFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load(_ path: String) -> [SpecExample] {
        let url = directory.appendingPathComponent(path)
        guard let data = try? Data(contentsOf: url),
              let examples = try? JSONDecoder().decode([SpecExample].self, from: data) else { return [] }
        return examples
    }

    static let commonMark = load("commonmark/spec-0.31.2.json")
    static let gfm = load("gfm/extensions.json")

    /// Whether the expected HTML is only `<p>…</p>` blocks (or nothing).
    static func isParagraphsOnly(_ html: String) -> Bool {
        html.range(of: #"^(<p>(?:(?!</p>)[\s\S])*</p>\n)*$"#, options: .regularExpression) != nil
    }
}

/// Paragraph splitting as far as these examples need it: blank lines separate paragraphs, leading
/// whitespace of each line is dropped, link reference definitions are taken from paragraph starts.
func renderParagraphs(_ markdown: String, options: MarkdownOptions) -> String {
    var chunks: [[String]] = [[]]
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
            if !chunks[chunks.count - 1].isEmpty { chunks.append([]) }
        } else {
            chunks[chunks.count - 1].append(String(line.drop { $0 == " " || $0 == "\t" }))
        }
    }
    let references = ReferenceMap(documentLength: markdown.utf8.count)
    var paragraphs: [LeafText] = []
    var lineNumber = 1
    for chunk in chunks where !chunk.isEmpty {
        let bytes = Array(chunk.joined(separator: "\n").utf8)
        var lines: [LeafText.Line] = []
        var offset = 0
        for (k, line) in chunk.enumerated() {
            lines.append(.init(offset: offset, location: .init(line: lineNumber + k, column: 1)))
            offset += line.utf8.count + 1
        }
        lineNumber += chunk.count + 1
        var leaf = LeafText(bytes: bytes, lines: lines)
        let (definitions, consumed) = LinkReferenceDefinition.parse(leaf)
        for definition in definitions { references.add(definition) }
        leaf = leaf.dropping(consumed)
        if !leaf.bytes.isEmpty { paragraphs.append(leaf) }
    }
    let parser = InlineParser(references: references, options: options)
    let renderer = HTMLRenderer(options: options)
    var html = ""
    for leaf in paragraphs {
        let paragraph = Node(.paragraph, range: leaf.range(0, leaf.bytes.count), children: parser.parse(leaf))
        html += renderer.render(paragraph)
    }
    return html
}

@Suite struct InlineSpecTests {
    @Test func commonMarkParagraphExamples() {
        let examples = SpecFixtures.commonMark.filter { SpecFixtures.isParagraphsOnly($0.html) }
        #expect(examples.count > 350)
        var failures: [String] = []
        for example in examples {
            let html = renderParagraphs(example.markdown, options: .commonMark)
            if html != example.html {
                failures.append("example \(example.example) (\(example.section)):\n  input    \(example.markdown.debugDescription)\n  expected \(example.html.debugDescription)\n  got      \(html.debugDescription)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(examples.count) failed:\n\(failures.joined(separator: "\n"))")
    }

    @Test func gfmParagraphExamples() {
        let examples = SpecFixtures.gfm.filter {
            SpecFixtures.isParagraphsOnly($0.html) && $0.html != "<IGNORE>\n"
        }
        #expect(examples.count >= 10)
        var failures: [String] = []
        for example in examples {
            let html = renderParagraphs(example.markdown, options: .gfm)
            if html != example.html {
                failures.append("example \(example.example) (\(example.section)):\n  input    \(example.markdown.debugDescription)\n  expected \(example.html.debugDescription)\n  got      \(html.debugDescription)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(examples.count) failed:\n\(failures.joined(separator: "\n"))")
    }
}
