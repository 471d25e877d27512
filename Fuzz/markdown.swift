// Fuzz target: the Markdown parser and HTML renderer, in CommonMark, GFM and site modes (the first byte picks).
// Any bytes parse and render without a trap, in time and memory the fuzzer bounds, to output proportional to the
// input, with every diagnostic positioned inside the file.
import Markdown

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let source = text(data, count)
    let options: MarkdownOptions = switch count > 0 ? data[0] % 3 : 0 {
    case 0: .commonMark
    case 1: .gfm
    default: .site
    }
    let document = Document(parsing: source, options: options, path: "fuzz.md")
    let html = HTMLRenderer(options: options).render(document)
    checkSize(html, input: source, factor: 200, what: "Markdown")
    for diagnostic in document.diagnostics {
        checkPosition(line: diagnostic.location.line, column: diagnostic.location.column, in: source,
                      what: "Markdown diagnostic '\(diagnostic.message)'")
    }
    return 0
}
