// Fractions and binomials: \frac \dfrac \tfrac \cfrac \binom \dbinom \tbinom, and plain TeX's infix
// \over \choose \atop. `mfrac` children are set in text style by the browser, as TeX sets a display fraction's
// numerator; \dfrac and \tfrac change the style of the fraction itself (amsmath).

enum Fractions {
    static let commands: [String: Command] = [
        "frac": fraction("frac", style: nil),
        "dfrac": fraction("dfrac", style: true),
        "cfrac": fraction("cfrac", style: true),
        "tfrac": fraction("tfrac", style: false),
        "binom": binomial("binom", style: nil),
        "dbinom": binomial("dbinom", style: true),
        "tbinom": binomial("tbinom", style: false),
    ]

    /// Infix forms: what was read so far in the group over what follows.
    static let infix: [String: @Sendable (MathMLNode, MathMLNode) -> Atom] = [
        "over": { Atom(fraction($0, $1)) },
        "choose": { Atom(binomial($0, $1)) },
        "atop": { Atom(fraction($0, $1, rule: false)) },
    ]

    /// The style of a fraction's parts: one step down from the fraction's own style, which \dfrac and \tfrac set.
    private static func partStyle(_ parser: Parser, display: Bool?) -> MathStyle {
        (display.map { $0 ? MathStyle.display : .text } ?? parser.style).fraction
    }

    private static func fraction(_ name: String, style display: Bool?) -> Command {
        Command("\\\(name){numerator}{denominator}") { parser, token throws(TeXError) in
            let usage = "\\\(name){numerator}{denominator}"
            let (numerator, denominator) = try parser.inStyle(partStyle(parser, display: display)) { () throws(TeXError) in
                (try parser.argument(of: token, usage: usage), try parser.argument(of: token, usage: usage))
            }
            return Atom(styled(fraction(numerator, denominator), display: display))
        }
    }

    private static func binomial(_ name: String, style display: Bool?) -> Command {
        Command("\\\(name){n}{k}") { parser, token throws(TeXError) in
            let usage = "\\\(name){n}{k}"
            let (n, k) = try parser.inStyle(partStyle(parser, display: display)) { () throws(TeXError) in
                (try parser.argument(of: token, usage: usage), try parser.argument(of: token, usage: usage))
            }
            return Atom(styled(binomial(n, k), display: display))
        }
    }

    static func fraction(_ numerator: MathMLNode, _ denominator: MathMLNode, rule: Bool = true) -> MathMLNode {
        MathMLNode(.mfrac, rule ? [] : [("linethickness", "0")], children: [numerator, denominator])
    }

    /// (n over k): a fraction without a rule between parentheses that stretch to its height.
    static func binomial(_ n: MathMLNode, _ k: MathMLNode) -> MathMLNode {
        MathMLNode(.mrow, children: [.mo("(", [("fence", "true"), ("form", "prefix")]), fraction(n, k, rule: false),
                                     .mo(")", [("fence", "true"), ("form", "postfix")])])
    }

    /// \dfrac sets display style, \tfrac text style; both restart at script level 0 as amsmath does.
    static func styled(_ node: MathMLNode, display: Bool?) -> MathMLNode {
        guard let display else { return node }
        return MathMLNode(.mstyle, [("displaystyle", display ? "true" : "false"), ("scriptlevel", "0")], children: [node])
    }
}
