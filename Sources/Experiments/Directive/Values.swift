// The typed values a directive's keys take: numbers, ranges `a..b`, initializer and activation specs.
// Each type parses its source spelling and prints one normalized spelling, so the cache key and the
// run labels do not depend on how the author wrote a value (`normal(0.010)` and `normal(1e-2)` are one run).

import Diagnostics

/// A weight initializer as the author names it (the team's contract spelling):
/// `zeros`, `constant(c)`, `normal(std)`, `uniform(a)`, `truncated-normal(std)`, `lecun-normal`, `lecun-uniform`,
/// `xavier-normal`, `xavier-uniform`, `he-normal`, `he-uniform` (each `he-*` optionally `(fan_out)`),
/// `orthogonal` or `orthogonal(gain)`.
public enum InitializerSpec: Hashable, Sendable, Codable {
    case zeros
    case constant(Double)
    case normal(std: Double)
    case uniform(bound: Double)
    case truncatedNormal(std: Double)
    case lecunNormal, lecunUniform
    case xavierNormal, xavierUniform
    case heNormal(fanOut: Bool), heUniform(fanOut: Bool)
    case orthogonal(gain: Double)

    /// Every name, in the order the README lists them (for messages and "did you mean").
    public static let names = ["zeros", "constant", "normal", "uniform", "truncated-normal", "lecun-normal", "lecun-uniform",
                               "xavier-normal", "xavier-uniform", "he-normal", "he-uniform", "orthogonal"]

    /// The normalized spelling: `normal(0.01)`, `he-normal`, `he-normal(fan_out)`, `orthogonal` (gain 1 is implied).
    public var spelling: String {
        switch self {
        case .zeros: "zeros"
        case .constant(let c): "constant(\(NumberSpelling.normalized(c)))"
        case .normal(let s): "normal(\(NumberSpelling.normalized(s)))"
        case .uniform(let a): "uniform(\(NumberSpelling.normalized(a)))"
        case .truncatedNormal(let s): "truncated-normal(\(NumberSpelling.normalized(s)))"
        case .lecunNormal: "lecun-normal"
        case .lecunUniform: "lecun-uniform"
        case .xavierNormal: "xavier-normal"
        case .xavierUniform: "xavier-uniform"
        case .heNormal(let fanOut): fanOut ? "he-normal(fan_out)" : "he-normal"
        case .heUniform(let fanOut): fanOut ? "he-uniform(fan_out)" : "he-uniform"
        case .orthogonal(let gain): gain == 1 ? "orthogonal" : "orthogonal(\(NumberSpelling.normalized(gain)))"
        }
    }

    /// Parses `name` or `name(argument)`; the error is a message for the author.
    static func parse(_ text: String) -> Result<InitializerSpec, ValueError> {
        let (name, argument) = SpecSyntax.split(text)
        guard let name else { return .failure(ValueError("malformed initializer '\(text)': expected NAME or NAME(ARGUMENT)")) }
        func number(_ what: String, positive: Bool) -> Result<Double, ValueError> {
            guard let argument else { return .failure(ValueError("'\(name)' needs its \(what): \(name)(\(what))")) }
            guard let value = NumberSpelling.parse(argument), value.isFinite else {
                return .failure(ValueError("'\(argument)' is not a finite number (the \(what) of '\(name)')"))
            }
            if positive && !(value > 0) { return .failure(ValueError("the \(what) of '\(name)' must be positive, got \(argument)")) }
            // Weights are single precision (largest finite value ≈ 3.4e38).
            guard abs(value) <= 1e38 else {
                return .failure(ValueError("the \(what) of '\(name)' must be at most 1e38 in magnitude (weights are single precision), got \(argument)"))
            }
            return .success(value)
        }
        func noArgument(_ spec: InitializerSpec) -> Result<InitializerSpec, ValueError> {
            argument == nil ? .success(spec) : .failure(ValueError("'\(name)' takes no argument"))
        }
        func fanMode(_ make: (Bool) -> InitializerSpec) -> Result<InitializerSpec, ValueError> {
            switch argument {
            case nil, "fan_in": return .success(make(false))
            case "fan_out": return .success(make(true))
            case let other?: return .failure(ValueError("'\(name)' takes 'fan_in' (the default) or 'fan_out', got '\(other)'"))
            }
        }
        switch name {
        case "zeros": return noArgument(.zeros)
        case "constant": return number("value", positive: false).map { .constant($0) }
        case "normal": return number("std", positive: true).map { .normal(std: $0) }
        case "uniform": return number("bound", positive: true).map { .uniform(bound: $0) }
        case "truncated-normal": return number("std", positive: true).map { .truncatedNormal(std: $0) }
        case "lecun-normal": return noArgument(.lecunNormal)
        case "lecun-uniform": return noArgument(.lecunUniform)
        case "xavier-normal": return noArgument(.xavierNormal)
        case "xavier-uniform": return noArgument(.xavierUniform)
        case "he-normal": return fanMode { .heNormal(fanOut: $0) }
        case "he-uniform": return fanMode { .heUniform(fanOut: $0) }
        case "orthogonal": return argument == nil ? .success(.orthogonal(gain: 1)) : number("gain", positive: true).map { .orthogonal(gain: $0) }
        default:
            return .failure(ValueError("unknown initializer '\(name)'; allowed: \(names.joined(separator: ", "))",
                                       misspelled: name, among: names))
        }
    }
}

/// An activation function as the author names it: `identity`, `sigmoid`, `tanh`, `relu`, `leaky-relu` or
/// `leaky-relu(α)` (α = 0.01 by default), `elu`, `selu`, `gelu`, `softsign`, `softplus`.
public enum ActivationSpec: Hashable, Sendable, Codable {
    case identity, sigmoid, tanh, relu
    case leakyReLU(alpha: Double)
    case elu, selu, gelu, softsign, softplus

    public static let names = ["identity", "sigmoid", "tanh", "relu", "leaky-relu", "elu", "selu", "gelu", "softsign", "softplus"]
    static let defaultLeakyAlpha = 0.01

    public var spelling: String {
        switch self {
        case .identity: "identity"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .relu: "relu"
        case .leakyReLU(let a): a == Self.defaultLeakyAlpha ? "leaky-relu" : "leaky-relu(\(NumberSpelling.normalized(a)))"
        case .elu: "elu"
        case .selu: "selu"
        case .gelu: "gelu"
        case .softsign: "softsign"
        case .softplus: "softplus"
        }
    }

    static func parse(_ text: String) -> Result<ActivationSpec, ValueError> {
        let (name, argument) = SpecSyntax.split(text)
        guard let name else { return .failure(ValueError("malformed activation '\(text)': expected NAME or NAME(ARGUMENT)")) }
        let simple: [String: ActivationSpec] = ["identity": .identity, "sigmoid": .sigmoid, "tanh": .tanh, "relu": .relu,
                                                "elu": .elu, "selu": .selu, "gelu": .gelu, "softsign": .softsign, "softplus": .softplus]
        if let spec = simple[name] {
            return argument == nil ? .success(spec) : .failure(ValueError("'\(name)' takes no argument"))
        }
        if name == "leaky-relu" {
            guard let argument else { return .success(.leakyReLU(alpha: defaultLeakyAlpha)) }
            guard let alpha = NumberSpelling.parse(argument), alpha >= 0, alpha < 1 else {
                return .failure(ValueError("the slope of 'leaky-relu' must be a number in [0, 1), got '\(argument)'"))
            }
            return .success(.leakyReLU(alpha: alpha))
        }
        return .failure(ValueError("unknown activation '\(name)'; allowed: \(names.joined(separator: ", "))",
                                   misspelled: name, among: names))
    }
}

/// A closed interval `a..b` with a < b (histogram ranges, learning-rate ranges).
public struct ValueRange: Hashable, Sendable, Codable {
    public var lower: Double
    public var upper: Double
    public var spelling: String { NumberSpelling.normalized(lower) + ".." + NumberSpelling.normalized(upper) }
}

/// Why a value was refused, for the author; `hint` becomes the diagnostic's note.
struct ValueError: Error {
    var message: String
    var hint: String?
    /// For an unknown name: the closest known one, which replaces the value's first `misspelledLength` characters
    /// (the name, before any `(argument)`).
    var suggestion: String?
    var misspelledLength = 0

    init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    /// An unknown name at the start of the value, with "did you mean" among `names`.
    init(_ message: String, misspelled name: String, among names: [String]) {
        self.message = message
        suggestion = Suggestion.closest(to: name, among: names)
        misspelledLength = name.unicodeScalars.count
    }
}

/// `name(argument)` syntax shared by initializers and activations.
enum SpecSyntax {
    /// `"normal(0.01)"` → ("normal", "0.01"); `"tanh"` → ("tanh", nil); malformed (unbalanced, empty name) → (nil, nil).
    static func split(_ text: String) -> (name: String?, argument: String?) {
        guard let open = text.firstIndex(of: "(") else {
            return text.isEmpty || text.contains(")") || text.contains(where: \.isWhitespace) ? (nil, nil) : (text, nil)
        }
        guard text.last == ")" else { return (nil, nil) }
        let name = text[..<open].trimmingSpaces()
        let argument = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingSpaces()
        if name.isEmpty || argument.isEmpty || argument.contains("(") || argument.contains(")") { return (nil, nil) }
        return (name, argument)
    }
}

/// Numbers as authors write them and as the cache key and labels print them.
public enum NumberSpelling {
    /// Decimal numbers only: optional sign (`-`, `+` or the minus sign `−`), digits with an optional fraction, optional
    /// exponent. No `nan`, `inf`, hexadecimal or digit separators: what Double(String) accepts beyond this is refused.
    public static func parse(_ text: some StringProtocol) -> Double? {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{2212}" { scalars[0] = "-" }
        var i = 0
        if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" { i += 1 }
        var digits = 0
        while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1; digits += 1 }
        if i < scalars.count, scalars[i] == "." {
            i += 1
            while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < scalars.count, scalars[i] == "e" || scalars[i] == "E" {
            i += 1
            if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" { i += 1 }
            var exponentDigits = 0
            while i < scalars.count, ("0"..."9").contains(scalars[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == scalars.count else { return nil }
        var ascii = String.UnicodeScalarView()
        ascii.append(contentsOf: scalars)
        return Double(String(ascii))
    }

    /// The shortest spelling that reads back to the same Double, without a trailing `.0`:
    /// 0.01 → `0.01`, 1 → `1`, 1e-5 → `1e-05`, 2.5e20 → `2.5e+20`.
    public static func normalized(_ value: Double) -> String {
        if value == 0 { return "0" }  // also −0
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
