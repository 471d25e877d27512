// Roots: \sqrt{x} and \sqrt[n]{x} (and the character √ typed directly). The browser draws the radical sign
// stretched to the radicand from the math font, as TeX does.

enum Roots {
    static let commands: [String: Command] = ["sqrt": sqrt]

    static let sqrt = Command("\\sqrt[index]{radicand}") { parser, token throws(TeXError) in
        let usage = "\\sqrt[index]{radicand}"
        // The index is set in scriptscript style (The TeXbook, \root).
        let index = try parser.inStyle(.scriptScript) { () throws(TeXError) in
            try parser.optionalArgument(of: token).map { MathMLNode.row(parser.finish($0)) }
        }
        let radicand = parser.finish(try parser.argumentAtoms(of: token, usage: usage))
        if let index { return Atom(MathMLNode(.mroot, children: [.row(radicand), index])) }
        return Atom(MathMLNode(.msqrt, children: radicand))
    }
}
