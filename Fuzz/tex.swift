// Fuzz target: the TeX converter. Any bytes either convert to one well-formed `<math>` element, in size
// proportional to the input, or fail with an error positioned inside the formula. Never a trap, never unbounded work.
import TeXMath

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let tex = text(data, count)
    for display in [false, true] {
        do {
            let rendering = try TeXMath.render(tex, options: .init(display: display, macros: ["R": "\\mathbb{R}", "norm": "\\left\\|#1\\right\\|"]))
            if let problem = xmlProblem(rendering.mathML) { invariant(false, "not well-formed XML: \(problem)") }
            invariant(rendering.mathML.hasPrefix("<math ") && rendering.mathML.hasSuffix("</math>"), "not one <math> element")
            checkSize(rendering.mathML, input: tex, factor: 400, what: "TeX")
            invariant(rendering.nextEquationNumber >= 1, "equation numbers went backwards")
        } catch {
            checkPosition(line: error.line, column: error.column, in: tex, what: "TeX error '\(error.message)'")
        }
    }
    return 0
}
