// Fuzz target: the `key: value` readers, front matter (through the Markdown parser in site mode) and `site.yml`.
// Never a trap; every positioned diagnostic inside the file; the fuzzer bounds time and memory.
import Markdown
@testable import Site

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let source = text(data, count)
    let document = Document(parsing: "---\n" + source, options: .site, path: "fuzz.md")
    for diagnostic in document.diagnostics {
        checkPosition(line: diagnostic.location.line, column: diagnostic.location.column, in: "---\n" + source,
                      what: "front matter diagnostic '\(diagnostic.message)'")
    }
    let (configuration, diagnostics) = SiteConfiguration.parse(source, path: "site.yml")
    invariant(configuration != nil || !diagnostics.isEmpty, "no configuration and no diagnostic")
    // A missing key is a problem with the whole file (`SourceLocation.wholeFile`), not at a position.
    for diagnostic in diagnostics where !diagnostic.location.isWholeFile {
        checkPosition(line: diagnostic.location.line, column: diagnostic.location.column, in: source,
                      what: "site.yml diagnostic '\(diagnostic.message)'")
    }
    return 0
}
