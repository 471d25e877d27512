// Scripts set above and below: \overset{a}{b}, \underset{a}{b} (amsmath), and \stackrel (a macro in
// MacroExpander). Ordinary sub- and superscripts, primes, \limits and \nolimits are read by the parser
// itself (Parser.parseScripts), because they attach to whatever atom precedes them.

enum Scripts {
    static let commands: [String: Command] = [
        "overset": placed("overset", .mover),
        "underset": placed("underset", .munder),
    ]

    private static func placed(_ name: String, _ tag: MathMLNode.Tag) -> Command {
        Command("\\\(name){script}{base}") { parser, token throws(TeXError) in
            let usage = "\\\(name){script}{base}"
            let script = try parser.inStyle(parser.style.script) { () throws(TeXError) in try parser.argument(of: token, usage: usage) }
            let base = try parser.argumentAtoms(of: token, usage: usage)
            // `\overset{!}{=}` is still a relation: the class of a single base atom carries over.
            let atomClass = base.count == 1 ? base[0].atomClass : .ord
            var core = MathMLNode.row(parser.finish(base))
            if base.count == 1, base[0].atomClass == .bin || base[0].atomClass == .rel { core = base[0].node }
            return Atom(MathMLNode(tag, children: [core, script]), atomClass)
        }
    }
}
