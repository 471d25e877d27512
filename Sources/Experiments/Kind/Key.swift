// Typed keys: each key of a kind is declared once, as a value that is both its schema entry (what the parser validates
// and the README documents) and its typed accessor (what the kind reads). A kind reads `values[Self.width]` and gets an
// Int: a misspelt key is a compile error, not a trap at run time.

/// A key of a kind's schema, with the Swift type its validated value reads as.
struct Key<Value: Sendable>: Sendable {
    /// The schema entry: name, type, multiplicity, default, help.
    let parameter: Parameter
    /// The typed value from the validated value(s); `nil` when the key is absent and has no default.
    let read: @Sendable (_ values: [ParameterValue]?) -> Value

    var name: String { parameter.key }
}

/// One run's validated values, read through typed keys.
struct ParameterValues: Sendable {
    let values: [String: [ParameterValue]]

    subscript<Value>(_ key: Key<Value>) -> Value { key.read(values[key.name]) }
}

/// A set of named choices (`statistic: std | rms`): an enum whose raw values are the spellings the author writes.
protocol Choice: RawRepresentable<String>, CaseIterable, Sendable, Hashable {}

// The readers trap only if a key's parameter and its reader disagree, which the constructors below rule out: each
// builds both from the same declaration.
private func firstValue(_ values: [ParameterValue]?, _ key: String) -> ParameterValue {
    guard let value = values?.first else { preconditionFailure("key '\(key)' has no value") }
    return value
}

extension Key where Value == Int {
    static func integer(_ name: String, _ range: ClosedRange<Int>, default value: Int,
                        _ multiplicity: Multiplicity = .grid(max: Limits.valuesPerKey), help: String) -> Key {
        Key(parameter: Parameter(name, .integer(range), multiplicity, default: [.integer(value)], help: help)) {
            guard case .integer(let v) = firstValue($0, name) else { preconditionFailure("'\(name)' is not an integer") }
            return v
        }
    }
}

extension Key where Value == Double {
    /// A number in `lower...upper` (`lower<..upper` when `lowerExclusive`).
    static func number(_ name: String, _ lower: Double, _ upper: Double, lowerExclusive: Bool = false, default value: Double,
                       _ multiplicity: Multiplicity = .grid(max: Limits.valuesPerKey), help: String) -> Key {
        Key(parameter: Parameter(name, .number(lower: lower, upper: upper, lowerExclusive: lowerExclusive), multiplicity,
                                 default: [.number(value)], help: help)) {
            guard case .number(let v) = firstValue($0, name) else { preconditionFailure("'\(name)' is not a number") }
            return v
        }
    }

    /// A number in `0<..upper`.
    static func positive(_ name: String, upTo upper: Double, default value: Double,
                         _ multiplicity: Multiplicity = .grid(max: Limits.valuesPerKey), help: String) -> Key {
        number(name, 0, upper, lowerExclusive: true, default: value, multiplicity, help: help)
    }
}

extension Key where Value: Choice {
    /// One of `Value`'s cases, listed in declaration order in messages and the README.
    static func choice(_ name: String, default value: Value, _ multiplicity: Multiplicity = .grid(max: Limits.valuesPerKey),
                       help: String) -> Key {
        Key(parameter: Parameter(name, .names(Value.allCases.map(\.rawValue)), multiplicity, default: [.name(value.rawValue)], help: help)) {
            guard case .name(let v) = firstValue($0, name), let choice = Value(rawValue: v) else { preconditionFailure("'\(name)' is not a choice") }
            return choice
        }
    }
}

extension Key where Value == InitializerSpec {
    /// A grid of initializers; several defaults make a grid by themselves.
    static func initializer(_ name: String = "init", default values: InitializerSpec..., help: String = "weight initializer") -> Key {
        Key(parameter: Parameter(name, .initializer, default: values.map { .initializer($0) }, help: help)) {
            guard case .initializer(let v) = firstValue($0, name) else { preconditionFailure("'\(name)' is not an initializer") }
            return v
        }
    }
}

extension Key where Value == InitializerSpec? {
    /// An initializer that may be absent (`absent` says what then applies).
    static func optionalInitializer(_ name: String, absent: String, help: String) -> Key {
        Key(parameter: Parameter(name, .initializer, default: nil, absent: absent, help: help)) {
            guard let value = $0?.first else { return nil }
            guard case .initializer(let v) = value else { preconditionFailure("'\(name)' is not an initializer") }
            return v
        }
    }
}

extension Key where Value == [InitializerSpec] {
    /// A list one run uses as a whole.
    static func initializerList(_ name: String, max: Int, default values: [InitializerSpec], help: String) -> Key {
        Key(parameter: Parameter(name, .initializer, .list(max: max), default: values.map { .initializer($0) }, help: help)) {
            ($0 ?? []).map { guard case .initializer(let v) = $0 else { preconditionFailure("'\(name)' is not an initializer") }; return v }
        }
    }
}

extension Key where Value == [SearchedInitializer] {
    /// A study's choices: initializers, or `normal(a..b log)` with the std searched.
    static func searchedInitializerList(_ name: String, max: Int, default values: [SearchedInitializer], help: String) -> Key {
        Key(parameter: Parameter(name, .searchedInitializer, .list(max: max), default: values.map { .searchedInitializer($0) }, help: help)) {
            ($0 ?? []).map { guard case .searchedInitializer(let v) = $0 else { preconditionFailure("'\(name)' is not an initializer") }; return v }
        }
    }
}

extension Key where Value == [Double] {
    /// A list of numbers in `lower<..upper` one run uses as a whole.
    static func positiveList(_ name: String, upTo upper: Double, max: Int, default values: [Double], help: String) -> Key {
        Key(parameter: Parameter(name, .number(lower: 0, upper: upper, lowerExclusive: true), .list(max: max),
                                 default: values.map { .number($0) }, help: help)) {
            ($0 ?? []).map { guard case .number(let v) = $0 else { preconditionFailure("'\(name)' is not a number") }; return v }
        }
    }
}

extension Key where Value == ActivationSpec {
    static func activation(default value: ActivationSpec, help: String = "activation of every hidden layer") -> Key {
        Key(parameter: Parameter("activation", .activation, default: [.activation(value)], help: help)) {
            guard case .activation(let v) = firstValue($0, "activation") else { preconditionFailure("'activation' is not an activation") }
            return v
        }
    }
}

extension Key where Value == ValueRange {
    static func range(_ name: String, within bounds: ClosedRange<Double>, default value: ValueRange,
                      _ multiplicity: Multiplicity = .single, help: String) -> Key {
        Key(parameter: Parameter(name, .range(bounds), multiplicity, default: [.range(value)], help: help)) {
            guard case .range(let v) = firstValue($0, name) else { preconditionFailure("'\(name)' is not a range") }
            return v
        }
    }
}

extension Key where Value == ValueRange? {
    static func optionalRange(_ name: String, within bounds: ClosedRange<Double>, absent: String, help: String) -> Key {
        Key(parameter: Parameter(name, .range(bounds), .single, default: nil, absent: absent, help: help)) {
            guard let value = $0?.first else { return nil }
            guard case .range(let v) = value else { preconditionFailure("'\(name)' is not a range") }
            return v
        }
    }
}

extension Key {
    /// The same key taking one value per directive (no grid).
    var single: Key {
        let p = parameter
        return Key(parameter: Parameter(p.key, p.type, .single, default: p.defaultValue, absent: p.absent, help: p.help), read: read)
    }
}

extension Key where Value == Int {
    /// Seed of the random streams; the same key in every kind.
    static let seed = Key.integer("seed", 0...4_294_967_295, default: 1, help: "seed of the random streams (inputs, weights, batches)")
}

extension Key where Value == String? {
    /// Free text that may be absent (`absent` says what then applies): a file name, a column name, a range to be read
    /// by the kind.
    static func optionalText(_ name: String, absent: String, help: String) -> Key {
        Key(parameter: Parameter(name, .text, .single, default: nil, absent: absent, help: help)) {
            guard let value = $0?.first else { return nil }
            guard case .text(let v) = value else { preconditionFailure("'\(name)' is not text") }
            return v
        }
    }
}

extension Key where Value == [String] {
    /// A comma-separated list of texts one run uses as a whole (empty when absent).
    static func textList(_ name: String, max: Int, absent: String, help: String) -> Key {
        Key(parameter: Parameter(name, .text, .list(max: max), default: nil, absent: absent, help: help)) {
            ($0 ?? []).map { guard case .text(let v) = $0 else { preconditionFailure("'\(name)' is not text") }; return v }
        }
    }
}

extension Key where Value == [Double] {
    /// A list of finite numbers one run uses as a whole (empty when absent).
    static func numberList(_ name: String, _ lower: Double, _ upper: Double, max: Int, absent: String, help: String) -> Key {
        Key(parameter: Parameter(name, .number(lower: lower, upper: upper, lowerExclusive: false), .list(max: max),
                                 default: nil, absent: absent, help: help)) {
            ($0 ?? []).map { guard case .number(let v) = $0 else { preconditionFailure("'\(name)' is not a number") }; return v }
        }
    }
}

extension Key {
    /// A choice that may be absent (`absent` says what then applies), so a kind can tell a default from a value given.
    static func optionalChoice<C: Choice>(_ name: String, absent: String, help: String) -> Key where Value == C? {
        Key(parameter: Parameter(name, .names(C.allCases.map(\.rawValue)), .single, default: nil, absent: absent, help: help)) {
            guard let value = $0?.first else { return nil }
            guard case .name(let v) = value, let choice = C(rawValue: v) else { preconditionFailure("'\(name)' is not a choice") }
            return choice
        }
    }
}

extension Key where Value == Int? {
    static func optionalInteger(_ name: String, _ range: ClosedRange<Int>, absent: String, help: String) -> Key {
        Key(parameter: Parameter(name, .integer(range), .single, default: nil, absent: absent, help: help)) {
            guard let value = $0?.first else { return nil }
            guard case .integer(let v) = value else { preconditionFailure("'\(name)' is not an integer") }
            return v
        }
    }
}
