// Fuzz target: the experiment directive parser. The first line is the info string (`experiment KIND`), the rest
// the body; the whole input is also read as a stand-alone description. Never a trap; either a directive or at
// least one diagnostic, each positioned inside the text.
import Diagnostics
import Experiments

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let source = text(data, count)
    let (directive, diagnostics) = ExperimentDirective.parse(description: source, path: "fuzz.txt")
    invariant(directive != nil || !diagnostics.isEmpty, "no directive and no diagnostic")
    for diagnostic in diagnostics {
        checkPosition(line: diagnostic.location.line, column: diagnostic.location.column, in: source,
                      what: "description diagnostic '\(diagnostic.message)'")
    }
    let info = String(source.prefix(while: { $0 != "\n" }))
    let body = String(source.dropFirst(info.count + 1))
    if let (parsed, problems) = ExperimentDirective.parse(infoString: info, body: body, path: "fuzz.md",
                                                           bodyStart: SourceLocation(line: 2, column: 1),
                                                           infoLocation: SourceLocation(line: 1, column: 1)) {
        invariant(parsed != nil || !problems.isEmpty, "no directive and no diagnostic")
        for diagnostic in problems {
            checkPosition(line: diagnostic.location.line, column: diagnostic.location.column, in: source,
                          what: "directive diagnostic '\(diagnostic.message)'")
        }
    }
    return 0
}
