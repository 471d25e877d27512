// Functions of one variable as authors write them in a `plot` directive: `f(x) = 1/(1+exp(-x))`. A recursive-descent
// parser with the usual precedence (+ − < × / < unary minus < ^, right-associative), one pass over the tokens (linear
// time) and a bounded nesting depth, so a hostile formula costs little and never overflows the stack. Values come from
// our own elementary functions (Numerics.Elementary), so a plot's bytes never depend on the platform's libm.
// Errors carry the column (Unicode scalar offset) of the offending token.

import Diagnostics
import Numerics

/// A parsed formula.
indirect enum Expression: Sendable, Hashable {
    case number(Double)
    case variable
    case negate(Expression)
    case binary(BinaryOperator, Expression, Expression)
    case builtin(Builtin, [Expression])
    /// A function defined earlier in the same directive (its index), or its numerical derivative when `primes` > 0
    /// and no derivative was declared.
    case defined(Int, Expression)
    /// The numerical derivative (central differences), `primes` times, of a built-in or defined function.
    case derivative(Callee, primes: Int, Expression)

    enum BinaryOperator: String, Sendable, Hashable { case add = "+", subtract = "−", multiply = "×", divide = "/", power = "^" }

    enum Callee: Sendable, Hashable {
        case builtin(Builtin)
        case defined(Int)
    }

    /// Functions and their arity. `σ` is `sigmoid`.
    enum Builtin: String, CaseIterable, Sendable, Hashable {
        case exp, log, sqrt, tanh, sigmoid, relu, abs, sin, cos, max, min

        var arity: Int { self == .max || self == .min ? 2 : 1 }

        /// The spellings an author may use, for lookup and "did you mean".
        static let spellings: [String: Builtin] = {
            var table = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
            table["σ"] = .sigmoid
            table["ln"] = .log
            return table
        }()

        func callAsFunction(_ a: [Double]) -> Double {
            switch self {
            case .exp: Elementary.exp(a[0])
            case .log: Elementary.log(a[0])
            case .sqrt: a[0].squareRoot()  // IEEE 754 correctly rounded: the same bits everywhere
            case .tanh: Elementary.tanh(a[0])
            case .sigmoid: Elementary.sigmoid(a[0])
            case .relu: a[0] > 0 ? a[0] : (a[0].isNaN ? a[0] : 0)
            case .abs: Swift.abs(a[0])
            case .sin: Elementary.sin(a[0])
            case .cos: Elementary.cos(a[0])
            case .max: a[0].isNaN || a[1].isNaN ? .nan : Swift.max(a[0], a[1])
            case .min: a[0].isNaN || a[1].isNaN ? .nan : Swift.min(a[0], a[1])
            }
        }
    }

    /// Nodes and calls, for the work bound (a defined function costs its own evaluation at each call).
    func cost(_ defined: [Double]) -> Double {
        switch self {
        case .number, .variable: 1
        case .negate(let e): 1 + e.cost(defined)
        case .binary(_, let a, let b): 1 + a.cost(defined) + b.cost(defined)
        case .builtin(_, let args): args.reduce(1) { $0 + $1.cost(defined) }
        case .defined(let i, let arg): 1 + defined[i] + arg.cost(defined)
        case .derivative(let callee, let primes, let arg):
            1 + arg.cost(defined) + Double(1 << (primes)) * (callee.cost(defined) + 4)
        }
    }
}

extension Expression.Callee {
    func cost(_ defined: [Double]) -> Double {
        switch self {
        case .builtin: 1
        case .defined(let i): defined[i]
        }
    }
}

/// A syntax or name error in a formula: the message and the Unicode scalar offset of the offending token.
struct ExpressionError: Error, Equatable {
    let message: String
    let offset: Int
    var hint: String? = nil
}

/// One item of a `function:` list: `NAME(VAR) = EXPR` defines and draws a function; `NAME(VAR)` draws a built-in or
/// earlier function (`tanh(x)`) or its numerical derivative (`tanh'(x)`); `NAME'(VAR) = EXPR` declares a derivative.
struct FunctionItem: Sendable, Hashable {
    /// With its primes: `σ`, `σ'`.
    let name: String
    let variable: String
    let body: Expression
    /// As the legend names it: `σ(x)`, `tanh'(x)`.
    let label: String
}

/// The functions of a directive, in order: each may use the built-ins and the ones before it.
struct FunctionSet: Sendable, Hashable {
    private(set) var items: [FunctionItem] = []
    /// Each item's evaluation cost (nodes, counting calls into earlier items), for the work bound.
    private(set) var costs: [Double] = []

    /// Deepest nesting of parentheses, calls and unary signs in one formula.
    static let maximumDepth = 64
    /// Longest formula, in Unicode scalars.
    static let maximumLength = 1_000

    /// Adds one `function:` item (see `FunctionItem`); a name given twice is an error.
    mutating func add(_ text: String) throws(ExpressionError) {
        var parser = ExpressionParser(text, scope: self)
        let item = try parser.item()
        if items.contains(where: { $0.name == item.name }) {
            throw ExpressionError(message: "'\(item.name)' is defined twice", offset: 0)
        }
        costs.append(item.body.cost(costs))
        items.append(item)
    }

    func index(of name: String) -> Int? { items.lastIndex { $0.name == name } }

    /// Item `index` at `x`.
    func value(_ index: Int, at x: Double) -> Double { evaluate(items[index].body, x) }

    func evaluate(_ e: Expression, _ x: Double) -> Double {
        switch e {
        case .number(let v): return v
        case .variable: return x
        case .negate(let a): return -evaluate(a, x)
        case .binary(let op, let a, let b):
            let u = evaluate(a, x), v = evaluate(b, x)
            switch op {
            case .add: return u + v
            case .subtract: return u - v
            case .multiply: return u * v
            case .divide: return u / v
            case .power: return Self.power(u, v)
            }
        case .builtin(let f, let args): return f(args.map { evaluate($0, x) })
        case .defined(let i, let arg): return value(i, at: evaluate(arg, x))
        case .derivative(let callee, let primes, let arg):
            return derivative(callee, primes, at: evaluate(arg, x))
        }
    }

    /// Central difference (f(t + h) − f(t − h)) / 2h with h = ∛ε·max(1, |t|) ≈ 6·10⁻⁶ (the step that balances
    /// truncation, O(h²), against rounding, O(ε/h)): about 10 correct digits for smooth functions.
    func derivative(_ callee: Expression.Callee, _ primes: Int, at t: Double) -> Double {
        guard t.isFinite else { return .nan }
        let h = 6.055_454_452_393_343e-6 * Swift.max(1, Swift.abs(t))
        // (t + h) − (t − h) is the step actually taken, which may differ from 2h by rounding.
        let up = t + h, down = t - h
        func f(_ s: Double) -> Double {
            if primes > 1 { return derivative(callee, primes - 1, at: s) }
            switch callee {
            case .builtin(let b): return b([s])  // one argument: max and min have no derivative (refused when parsed)
            case .defined(let i): return value(i, at: s)
            }
        }
        return (f(up) - f(down)) / (up - down)
    }

    /// xʸ: repeated squaring for integer exponents up to 2⁵³ (exact where the product is, and the same bits
    /// everywhere); e^(y·ln x) otherwise (NaN for x < 0, as a real power of a negative number has no real value).
    static func power(_ x: Double, _ y: Double) -> Double {
        if y == y.rounded(), Swift.abs(y) <= 9_007_199_254_740_992 {
            var n = UInt64(Swift.abs(y)), base = x, result = 1.0
            while n > 0 {
                if n & 1 == 1 { result *= base }
                base *= base
                n >>= 1
            }
            return y < 0 ? 1 / result : result
        }
        if x == 0 { return y > 0 ? 0 : .infinity }
        if x < 0 || x.isNaN || y.isNaN { return .nan }
        return Elementary.exp(y * Elementary.log(x))
    }
}

/// The tokens and grammar of formulas:
///
///     item    := NAME PRIMES? '(' VAR ')' ('=' sum)?
///     sum     := product (('+' | '-') product)*
///     product := unary (('*' | '/') unary)*
///     unary   := ('-' | '+') unary | power
///     power   := primary ('^' unary)?            (right-associative: 2^3^2 = 2^9; -x^2 = -(x^2))
///     primary := NUMBER | VAR | 'pi' | 'π' | 'e' | NAME PRIMES? '(' sum (',' sum)* ')' | '(' sum ')'
///
/// `−` (U+2212) is a minus sign, `×` and `·` multiply.
struct ExpressionParser {
    enum Token: Equatable {
        case number(Double)
        case name(String)
        case prime
        case symbol(Character)
        case end
    }

    private var tokens: [(token: Token, offset: Int)] = []
    private var position = 0
    private var depth = 0
    private var variable = "x"
    private let scope: FunctionSet
    private var lexError: ExpressionError?

    init(_ text: String, scope: FunctionSet) {
        self.scope = scope
        let scalars = Array(text.unicodeScalars)
        if scalars.count > FunctionSet.maximumLength {
            lexError = ExpressionError(message: "formula too long: \(scalars.count) characters, the limit is \(FunctionSet.maximumLength)", offset: 0)
            return
        }
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" { i += 1; continue }
            let start = i
            if ("0"..."9").contains(c) || (c == "." && i + 1 < scalars.count && ("0"..."9").contains(scalars[i + 1])) {
                while i < scalars.count, ("0"..."9").contains(scalars[i]) || scalars[i] == "." { i += 1 }
                if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
                    // An exponent only when digits follow (`2e` alone is 2 times e: an error below, not a number).
                    var j = i + 1
                    if j < scalars.count, scalars[j] == "+" || scalars[j] == "-" { j += 1 }
                    if j < scalars.count, ("0"..."9").contains(scalars[j]) {
                        i = j
                        while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1 }
                    }
                }
                let spelling = String(String.UnicodeScalarView(scalars[start..<i]))
                guard let value = NumberSpelling.parse(spelling), value.isFinite else {
                    lexError = ExpressionError(message: "malformed number '\(spelling)'", offset: start)
                    return
                }
                tokens.append((.number(value), start))
            } else if c.properties.isAlphabetic || c == "_" {
                while i < scalars.count, scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) || scalars[i] == "_" { i += 1 }
                tokens.append((.name(String(String.UnicodeScalarView(scalars[start..<i]))), start))
            } else if c == "'" || c == "′" {
                tokens.append((.prime, start))
                i += 1
            } else if "+-*/^(),=".unicodeScalars.contains(c) {
                tokens.append((.symbol(Character(c)), start))
                i += 1
            } else if c == "−" {
                tokens.append((.symbol("-"), start)); i += 1
            } else if c == "×" || c == "·" {
                tokens.append((.symbol("*"), start)); i += 1
            } else {
                lexError = ExpressionError(message: "unexpected character '\(Character(c))'", offset: start)
                return
            }
        }
        tokens.append((.end, scalars.count))
    }

    private var current: Token { tokens[position].token }
    private var offset: Int { tokens[position].offset }

    private func describe(_ token: Token) -> String {
        switch token {
        case .number(let v): "the number \(NumberSpelling.normalized(v))"
        case .name(let n): "'\(n)'"
        case .prime: "'''"
        case .symbol(let c): "'\(c)'"
        case .end: "the end of the formula"
        }
    }

    private func fail(_ message: String, hint: String? = nil) -> ExpressionError {
        ExpressionError(message: message, offset: offset, hint: hint)
    }

    private mutating func expect(_ symbol: Character, _ what: String) throws(ExpressionError) {
        guard current == .symbol(symbol) else { throw fail("expected \(what), got \(describe(current))") }
        position += 1
    }

    private mutating func primes() -> Int {
        var count = 0
        while current == .prime { count += 1; position += 1 }
        return count
    }

    /// `NAME PRIMES? (VAR) [= sum]`.
    mutating func item() throws(ExpressionError) -> FunctionItem {
        if let lexError { throw lexError }
        guard case .name(let name) = current else { throw fail("expected a function such as 'f(x) = x^2' or 'tanh(x)', got \(describe(current))") }
        position += 1
        let primeCount = primes()
        guard primeCount <= 2 else { throw fail("at most two primes (second derivatives)") }
        try expect("(", "'(' and the variable, as in '\(name)(x)'")
        guard case .name(let variable) = current else { throw fail("expected the variable's name, as in '\(name)(x)', got \(describe(current))") }
        guard !["pi", "π", "e"].contains(variable) else { throw fail("'\(variable)' is a constant, not a variable name") }
        position += 1
        self.variable = variable
        try expect(")", "')'")
        let fullName = name + String(repeating: "'", count: primeCount)
        if current == .end {
            // A reference: draw a built-in or earlier function, or its numerical derivative.
            let call = try callee(name, primes: primeCount, at: 0, argument: .variable)
            return FunctionItem(name: fullName, variable: variable, body: call, label: fullName + "(\(variable))")
        }
        try expect("=", "'=' and a formula, as in '\(fullName)(\(variable)) = …'")
        let body = try sum()
        guard current == .end else { throw fail("unexpected \(describe(current)) after the formula") }
        return FunctionItem(name: fullName, variable: variable, body: body, label: fullName + "(\(variable))")
    }

    private mutating func nested<T>(_ parse: (inout ExpressionParser) throws(ExpressionError) -> T) throws(ExpressionError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= FunctionSet.maximumDepth else { throw fail("formula nested too deeply (more than \(FunctionSet.maximumDepth) levels)") }
        return try parse(&self)
    }

    mutating func sum() throws(ExpressionError) -> Expression {
        var left = try product()
        while case .symbol(let c) = current, c == "+" || c == "-" {
            position += 1
            left = .binary(c == "+" ? .add : .subtract, left, try product())
        }
        return left
    }

    mutating func product() throws(ExpressionError) -> Expression {
        var left = try unary()
        while true {
            if case .symbol(let c) = current, c == "*" || c == "/" {
                position += 1
                left = .binary(c == "*" ? .multiply : .divide, left, try unary())
            } else if case .name = current {
                throw fail("expected an operator before \(describe(current))", hint: "write multiplication with '*', as in '2*x'")
            } else if current == .symbol("(") || { if case .number = current { true } else { false } }() {
                throw fail("expected an operator before \(describe(current))", hint: "write multiplication with '*'")
            } else {
                return left
            }
        }
    }

    mutating func unary() throws(ExpressionError) -> Expression {
        if case .symbol(let c) = current, c == "-" || c == "+" {
            position += 1
            let operand = try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.unary() }
            return c == "-" ? .negate(operand) : operand
        }
        return try power()
    }

    mutating func power() throws(ExpressionError) -> Expression {
        let base = try primary()
        guard current == .symbol("^") else { return base }
        position += 1
        let exponent = try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.unary() }
        return .binary(.power, base, exponent)
    }

    mutating func primary() throws(ExpressionError) -> Expression {
        let start = offset
        switch current {
        case .number(let v):
            position += 1
            return .number(v)
        case .symbol("("):
            position += 1
            let inner = try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.sum() }
            try expect(")", "')'")
            return inner
        case .name(let name):
            position += 1
            let primeCount = primes()
            if current != .symbol("(") {
                guard primeCount == 0 else { throw fail("expected '(' after '\(name)\(String(repeating: "'", count: primeCount))'") }
                if name == variable { return .variable }
                if name == "pi" || name == "π" { return .number(Double.pi) }
                if name == "e" { return .number(2.718_281_828_459_045_235_36) }
                let known = [variable, "pi", "π", "e"]
                throw ExpressionError(message: "unknown name '\(name)'; the variable is '\(variable)'", offset: start,
                                      hint: Self.suggestion(name, among: known + Array(Expression.Builtin.spellings.keys) + scope.items.map(\.name)))
            }
            position += 1
            var arguments: [Expression] = []
            if current != .symbol(")") {
                while true {
                    arguments.append(try nested { (p: inout ExpressionParser) throws(ExpressionError) in try p.sum() })
                    guard current == .symbol(",") else { break }
                    position += 1
                }
            }
            try expect(")", "')' or ','")
            return try call(name, primes: primeCount, at: start, arguments)
        default:
            throw fail("expected a number, '\(variable)', a function or '(', got \(describe(current))")
        }
    }

    private func call(_ name: String, primes: Int, at start: Int, _ arguments: [Expression]) throws(ExpressionError) -> Expression {
        guard primes <= 2 else { throw ExpressionError(message: "at most two primes (second derivatives)", offset: start) }
        // A defined function of the same name shadows the built-in.
        if primes == 0, scope.index(of: name) == nil, let builtin = Expression.Builtin.spellings[name] {
            guard arguments.count == builtin.arity else { throw arityError(name, builtin.arity, arguments.count, start) }
            return .builtin(builtin, arguments)
        }
        let expression = try callee(name, primes: primes, at: start, argument: arguments.first ?? .variable)
        guard arguments.count == 1 else { throw arityError(name, 1, arguments.count, start) }
        return expression
    }

    private func arityError(_ name: String, _ arity: Int, _ count: Int, _ start: Int) -> ExpressionError {
        ExpressionError(message: "'\(name)' takes \(arity == 1 ? "one argument" : "\(arity) arguments"), got \(count)", offset: start)
    }

    /// A defined function, its declared derivative, or the numerical derivative of a defined or built-in one.
    private func callee(_ name: String, primes: Int, at start: Int, argument: Expression) throws(ExpressionError) -> Expression {
        // The most primes declared: `σ''` uses a declared `σ'` differentiated once, else `σ` twice.
        for declared in stride(from: primes, through: 0, by: -1) {
            if let i = scope.index(of: name + String(repeating: "'", count: declared)) {
                return declared == primes ? .defined(i, argument) : .derivative(.defined(i), primes: primes - declared, argument)
            }
        }
        if let builtin = Expression.Builtin.spellings[name] {
            guard builtin.arity == 1 else {
                throw ExpressionError(message: "'\(name)' takes two arguments and has no derivative here", offset: start)
            }
            return primes == 0 ? .builtin(builtin, [argument]) : .derivative(.builtin(builtin), primes: primes, argument)
        }
        let known = Array(Expression.Builtin.spellings.keys) + scope.items.map(\.name)
        throw ExpressionError(message: "unknown function '\(name)'", offset: start,
                              hint: Self.suggestion(name, among: known) ?? "functions: " + Expression.Builtin.allCases.map(\.rawValue).joined(separator: ", ") + ", and those defined before this one")
    }

    /// "did you mean" for names of two letters or more (any one-letter name is one edit from every other).
    static func suggestion(_ name: String, among candidates: [String]) -> String? {
        name.unicodeScalars.count > 1 ? Suggestion.hint(for: name, among: candidates.sorted()) : nil
    }
}
