// Command: how one control sequence reads its arguments and what it becomes. Each family of commands lives in
// a file of its own as a table from name to Command (after Temml's src/functions/), so adding \tfrac touches
// one line of Fractions.swift. `Commands.all` joins the tables; the parser looks names up there first,
// then in Symbols.

struct Command: Sendable {
    /// How the command is written, for "missing argument" hints: `\frac{numerator}{denominator}`.
    let usage: String
    /// Reads the arguments after `token` (the command itself, already read); nil when the command produces
    /// nothing to typeset (\label, \newcommand).
    let parse: @Sendable (Parser, Token) throws(TeXError) -> Atom?

    init(_ usage: String, _ parse: @escaping @Sendable (Parser, Token) throws(TeXError) -> Atom?) {
        self.usage = usage
        self.parse = parse
    }
}

enum Commands {
    static let all: [String: Command] = {
        let families = [Fractions.commands, Roots.commands, Scripts.commands, Delimiters.commands, Fonts.commands,
                        Accents.commands, Operators.commands, Environments.commands, Spacing.commands,
                        Text.commands, Numbering.commands, Definitions.commands]
        return families.reduce(into: [:]) { all, family in all.merge(family) { first, _ in first } }
    }()
}
