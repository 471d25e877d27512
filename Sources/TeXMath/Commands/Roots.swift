// Roots: \sqrt{x} and \sqrt[n]{x} (and the character √ typed directly). The browser draws the radical sign
// stretched to the radicand from the math font, as TeX does.

enum Roots {
    static let commands: [String: Command] = [
        "sqrt": Command("\\sqrt[index]{radicand}") { parser, token throws(TeXError) in
            let usage = "\\sqrt[index]{radicand}"
            let index = try parser.optionalArgument(of: token)
            let radicand = try parser.argumentAtoms(of: token, usage: usage)
            if let index {
                return Atom(MathMLNode(.mroot, children: [.row(Atom.finish(radicand)), .row(Atom.finish(index))]))
            }
            return Atom(MathMLNode(.msqrt, children: Atom.finish(radicand)))
        },
    ]
}
