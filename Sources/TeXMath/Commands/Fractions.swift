// Fractions and binomials: \frac \dfrac \tfrac \cfrac \binom \dbinom \tbinom, and plain TeX's infix
// \over \choose \atop. `mfrac` children are set in text style by the browser, as TeX sets a display fraction's
// numerator; \dfrac and \tfrac change the style of the fraction itself (amsmath).

enum Fractions {
    static let commands: [String: Command] = [
        "frac": twoParts("frac", "{numerator}{denominator}", style: nil) { fraction($0, $1) },
        "dfrac": twoParts("dfrac", "{numerator}{denominator}", style: true) { fraction($0, $1) },
        "cfrac": twoParts("cfrac", "{numerator}{denominator}", style: true) { fraction($0, $1) },
        "tfrac": twoParts("tfrac", "{numerator}{denominator}", style: false) { fraction($0, $1) },
        "binom": twoParts("binom", "{n}{k}", style: nil, binomial),
        "dbinom": twoParts("dbinom", "{n}{k}", style: true, binomial),
        "tbinom": twoParts("tbinom", "{n}{k}", style: false, binomial),
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

    /// `\NAME{a}{b}`: both parts read one style step down, then put together by `build`.
    private static func twoParts(_ name: String, _ parts: String, style display: Bool?,
                                 _ build: @escaping @Sendable (MathMLNode, MathMLNode) -> MathMLNode) -> Command {
        let usage = "\\\(name)\(parts)"
        return Command(usage) { parser, token throws(TeXError) in
            let (a, b) = try parser.inStyle(partStyle(parser, display: display)) { () throws(TeXError) in
                (try parser.argument(of: token, usage: usage), try parser.argument(of: token, usage: usage))
            }
            return Atom(styled(build(a, b), display: display))
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
