// Reads a directive body (`key: value` lines, `#` comments) against its kind's schema: every problem becomes a
// Diagnostic at the line and column of the offending key or value (all of them are reported, not just the first);
// the valid result is expanded into its grid of runs. Linear in the body's length; no recursion.

import Diagnostics

struct DirectiveParser {
    let kind: RegisteredKind
    let path: String
    let bodyStart: SourceLocation
    /// In a stand-alone description (`build-docs experiment`), a `kind:` line is part of the text.
    var kindLineAllowed = false

    private(set) var diagnostics: [Diagnostic] = []

    /// One `key: value` line, with where its key and its value are written.
    struct Entry {
        let key: String
        let keyRange: SourceRange
        let value: String
        let valueRange: SourceRange
    }

    init(kind: RegisteredKind, path: String, bodyStart: SourceLocation) {
        self.kind = kind
        self.path = path
        self.bodyStart = bodyStart
    }

    mutating func parse(_ body: String) -> ExperimentDirective? {
        var seen: [String: SourceLocation] = [:]
        // Each key written, with where it is and where each of its values is.
        var given: [(parameter: Parameter, values: [ParameterValue], key: SourceRange, items: [SourceRange])] = []
        var name: String?
        var caption: String?
        var expectations: [Expectation] = []
        let standardKeys = ["name", "caption", "expect"] + (kindLineAllowed ? ["kind"] : [])
        let allKeys = standardKeys + kind.parameters.map(\.key)

        for entry in entries(of: body) {
            if entry.key != "expect", let first = seen[entry.key] {
                error("duplicate key '\(entry.key)' (first given on line \(first.line))", at: entry.keyRange)
                continue
            }
            seen[entry.key] = entry.keyRange.start
            switch entry.key {
            case "kind":
                continue  // read by ExperimentDirective.parse(description:)
            case "name":
                if let problem = Self.identifierProblem(entry.value) {
                    error("invalid name '\(entry.value)': \(problem)", at: entry.valueRange)
                } else {
                    name = entry.value
                }
            case "caption":
                caption = entry.value
            case "expect":
                switch Expectation.parse(entry.value, location: entry.valueRange.start) {
                case .success(let expectation): expectations.append(expectation)
                case .failure(let problem): diagnostics.append(problem.diagnostic(path: path))
                }
            default:
                guard let parameter = kind.parameter(entry.key) else {
                    error("unknown key '\(entry.key)' for '\(kind.name)'", at: entry.keyRange,
                          hint: "allowed keys: " + allKeys.joined(separator: ", "), suggestion: Suggestion.closest(to: entry.key, among: allKeys))
                    continue
                }
                if let (values, items) = parseValues(entry, parameter) {
                    given.append((parameter, values, entry.keyRange, items))
                }
            }
        }

        guard diagnostics.isEmpty else { return nil }

        // Resolved values: given ones, then defaults.
        var resolved: [String: [ParameterValue]] = [:]
        for parameter in kind.parameters {
            if let defaults = parameter.defaultValue { resolved[parameter.key] = defaults }
        }
        for g in given { resolved[g.parameter.key] = g.values }

        // The grid: keys with several values, in the order the author wrote them (or declared, for defaults).
        var gridKeys = given.filter { if case .grid = $0.parameter.multiplicity { $0.values.count > 1 } else { false } }.map(\.parameter)
        for parameter in kind.parameters where seen[parameter.key] == nil {
            if case .grid = parameter.multiplicity, (parameter.defaultValue?.count ?? 0) > 1 { gridKeys.append(parameter) }
        }
        var runCount = 1.0
        for parameter in gridKeys { runCount *= Double(resolved[parameter.key]!.count) }
        if runCount > Double(Limits.runs) {
            let listed = gridKeys.map { "\($0.key) (\(resolved[$0.key]!.count))" }.joined(separator: " × ")
            let last = given.first { $0.parameter.key == gridKeys.last?.key }
            error("too many runs: \(listed) = \(NumberSpelling.normalized(runCount)) runs, the limit is \(Limits.runs)",
                  at: last?.key ?? SourceRange(start: bodyStart, end: bodyStart))
            return nil
        }
        let runs = Self.expand(resolved, gridKeys: gridKeys)

        // Typed once here; the budget and the checks across keys read the typed runs.
        let bound = kind.bind(runs)
        for problem in bound.problems() + bound.check() {
            // The first of the problem's keys the author wrote (in the order of the lines) gets the caret, at one of its
            // values if the problem says which; with none written (defaults only), the body's first line.
            let first = given.filter { problem.keys.contains($0.parameter.key) }.min { $0.key.start < $1.key.start }
            if let first, let item = problem.item, item < first.items.count {
                let value = first.items[item].start
                error(problem.message, at: SourceLocation(line: value.line, column: value.column + problem.offset), hint: problem.hint)
            } else {
                error(problem.message, at: first?.key ?? SourceRange(start: bodyStart, end: bodyStart), hint: problem.hint)
            }
            // How the limit's work was computed: the values of the keys it counts (defaults included).
            let counted = problem.keys.compactMap { key in
                resolved[key].map { "\(key) = \($0.map(\.spelling).joined(separator: ", "))\(seen[key] == nil ? " (default)" : "")" }
            }
            if !counted.isEmpty, problem.notesValues {
                diagnostics[diagnostics.count - 1] = diagnostics[diagnostics.count - 1].noting("computed from " + counted.joined(separator: "; "))
            }
        }
        guard diagnostics.isEmpty else { return nil }

        return ExperimentDirective(kindDefinition: kind, name: name, caption: caption, path: path, location: bodyStart,
                                   gridKeys: gridKeys.map(\.key), resolved: resolved, runs: runs, bound: bound, expectations: expectations,
                                   valueRanges: Dictionary(given.map { ($0.parameter.key, $0.items) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The cartesian product of the grid keys' values, the first grid key varying slowest.
    static func expand(_ resolved: [String: [ParameterValue]], gridKeys: [Parameter]) -> [ExperimentRun] {
        var runs: [(label: [String], values: [String: [ParameterValue]])] = [([], resolved)]
        for parameter in gridKeys {
            var next: [(label: [String], values: [String: [ParameterValue]])] = []
            for run in runs {
                for value in resolved[parameter.key]! {
                    var values = run.values
                    values[parameter.key] = [value]
                    next.append((run.label + [label(parameter, value)], values))
                }
            }
            runs = next
        }
        return runs.map { ExperimentRun(label: $0.label.joined(separator: "."), values: $0.values) }
    }

    /// A run label's component: the value's spelling for names (initializers, activations, choices), `key=value` for
    /// numbers, whose bare spelling would not say which key they belong to.
    static func label(_ parameter: Parameter, _ value: ParameterValue) -> String {
        switch parameter.type {
        case .initializer, .searchedInitializer, .activation, .names: value.spelling
        default: "\(parameter.key)=\(value.spelling)"
        }
    }

    // MARK: Lines

    /// The `key: value` lines of `body`, skipping blank lines and comments; malformed lines become diagnostics.
    private mutating func entries(of body: String) -> [Entry] {
        var result: [Entry] = []
        for (index, line) in Self.lines(body).enumerated() {
            let scalars = Array(line.unicodeScalars)
            let origin = bodyStart
            let location = { (offset: Int) in SourceLocation(line: origin.line + index, column: origin.column + offset) }
            let range = { (start: Int, end: Int) in SourceRange(start: location(start), end: location(end)) }
            var start = 0
            while start < scalars.count, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
            if start == scalars.count || scalars[start] == "#" { continue }
            let rest = String(String.UnicodeScalarView(scalars[start...])).trimmingSpaces()
            guard let colon = scalars[start...].firstIndex(of: ":") else {
                error("expected 'key: value', got '\(rest)'", at: range(start, start + rest.unicodeScalars.count))
                continue
            }
            let key = String(String.UnicodeScalarView(scalars[start..<colon])).trimmingSpaces()
            guard Self.isKey(key) else {
                error("expected 'key: value', got '\(rest)'", at: range(start, start + rest.unicodeScalars.count))
                continue
            }
            var valueStart = colon + 1
            while valueStart < scalars.count, scalars[valueStart] == " " || scalars[valueStart] == "\t" { valueStart += 1 }
            var valueEnd = scalars.count
            if key != "caption" {
                // A comment may end any line but a caption's: `#` after a space.
                var i = valueStart
                while i < scalars.count {
                    if scalars[i] == "#", i == valueStart || scalars[i - 1] == " " || scalars[i - 1] == "\t" { valueEnd = i; break }
                    i += 1
                }
            }
            while valueEnd > valueStart, scalars[valueEnd - 1] == " " || scalars[valueEnd - 1] == "\t" { valueEnd -= 1 }
            let value = String(String.UnicodeScalarView(scalars[valueStart..<valueEnd]))
            if value.isEmpty {
                error("missing value for '\(key)'", at: location(colon))
                continue
            }
            result.append(Entry(key: key, keyRange: range(start, start + key.unicodeScalars.count), value: value,
                                valueRange: range(valueStart, valueEnd)))
        }
        return result
    }

    /// Lines split at `\n`, `\r\n` or `\r`.
    static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == "\n" || c == "\r" || c == "\r\n" {
                lines.append(text[start..<i])
                start = text.index(after: i)
            }
            i = text.index(after: i)
        }
        if start < text.endIndex { lines.append(text[start...]) }
        return lines
    }

    static func isKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }

    /// Why `text` is not an identifier (a letter, then letters, digits, `-` or `_`), or nil when it is one.
    static func identifierProblem(_ text: String) -> String? {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else {
            return "a name starts with a letter"
        }
        for scalar in text.unicodeScalars where !(scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")) {
            return "'\(scalar)' is not allowed; a name holds letters, digits, '-' and '_'"
        }
        return nil
    }

    // MARK: Values

    /// The value(s) of one entry with where each is written, or nil after reporting why they are invalid.
    private mutating func parseValues(_ entry: Entry, _ parameter: Parameter) -> ([ParameterValue], [SourceRange])? {
        let items = Self.splitList(entry.value)
        let maximum: Int
        switch parameter.multiplicity {
        case .single: maximum = 1
        case .grid(let max), .list(let max): maximum = max
        }
        // Columns within the value's line.
        let line = entry.valueRange.start.line, column = entry.valueRange.start.column
        if items.count > maximum {
            error(maximum == 1 ? "'\(parameter.key)' takes one value, not a list"
                               : "too many values for '\(parameter.key)': \(items.count), the limit is \(maximum)",
                  at: SourceRange(line: line, column: column + items[maximum].offset, endColumn: entry.valueRange.end.column))
            return nil
        }
        var values: [ParameterValue] = []
        var ranges: [SourceRange] = []
        var failed = false
        for item in items {
            let range = SourceRange(line: line, column: column + item.offset, endColumn: column + item.offset + item.text.unicodeScalars.count)
            let location = range.start
            ranges.append(range)
            if item.text.isEmpty {
                error("empty value in the list for '\(parameter.key)'", at: location)
                failed = true
                continue
            }
            switch Self.parseValue(item.text, parameter) {
            case .success(let value):
                if values.contains(value) {
                    error("'\(value.spelling)' is listed twice for '\(parameter.key)'", at: range)
                    failed = true
                }
                values.append(value)
            case .failure(let problem):
                error(problem.message, at: range, hint: problem.hint)
                if let suggestion = problem.suggestion {
                    // The fix-it replaces the misspelled name only, not an argument after it.
                    let end = SourceLocation(line: location.line, column: location.column + problem.misspelledLength)
                    diagnostics[diagnostics.count - 1] = diagnostics[diagnostics.count - 1].suggesting(suggestion, for: SourceRange(start: location, end: end))
                }
                failed = true
            }
        }
        return failed ? nil : (values, ranges)
    }

    /// A list split at top-level commas (not inside parentheses), each item trimmed, with its scalar offset.
    static func splitList(_ text: String) -> [(text: String, offset: Int)] {
        let scalars = Array(text.unicodeScalars)
        var items: [(String, Int)] = []
        var depth = 0
        var start = 0
        func add(_ end: Int) {
            var s = start, e = end
            while s < e, scalars[s] == " " || scalars[s] == "\t" { s += 1 }
            while e > s, scalars[e - 1] == " " || scalars[e - 1] == "\t" { e -= 1 }
            items.append((String(String.UnicodeScalarView(scalars[s..<e])), s))
        }
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case "," where depth == 0:
                add(i)
                start = i + 1
            default: break
            }
        }
        add(scalars.count)
        return items
    }

    static func parseValue(_ text: String, _ parameter: Parameter) -> Result<ParameterValue, ValueError> {
        let key = parameter.key
        switch parameter.type {
        case .integer(let range):
            guard text.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) || (text.first == "-" && text.count > 1 && text.dropFirst().unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })) else {
                return .failure(ValueError("'\(key)' must be an integer from \(range.lowerBound) to \(range.upperBound), got '\(text)'"))
            }
            guard let value = Int(text), range.contains(value) else {
                return .failure(ValueError("'\(key)' must be from \(range.lowerBound) to \(range.upperBound), got \(text)"))
            }
            return .success(.integer(value))
        case .number(let lower, let upper, let exclusive):
            guard let value = NumberSpelling.parse(text) else {
                return .failure(ValueError("'\(key)' must be a number, got '\(text)'"))
            }
            guard value.isFinite, exclusive ? value > lower : value >= lower, value <= upper else {
                return .failure(ValueError("'\(key)' must be \(parameter.type.constraint), got \(text)"))
            }
            return .success(.number(value))
        case .names(let names):
            guard names.contains(text) else {
                return .failure(ValueError("unknown value '\(text)' for '\(key)'; allowed: \(names.joined(separator: ", "))",
                                           misspelled: text, among: names))
            }
            return .success(.name(text))
        case .range(let bounds):
            let parts = text.components(separatedBy: "..")
            guard parts.count == 2, let a = NumberSpelling.parse(parts[0].trimmingSpaces()), let b = NumberSpelling.parse(parts[1].trimmingSpaces()) else {
                return .failure(ValueError("'\(key)' must be a range 'a..b', got '\(text)'"))
            }
            guard a.isFinite, b.isFinite, a < b else {
                return .failure(ValueError("the range of '\(key)' must have a < b, got '\(text)'"))
            }
            guard bounds.contains(a), bounds.contains(b) else {
                return .failure(ValueError("the range of '\(key)' must lie within \(NumberSpelling.normalized(bounds.lowerBound))..\(NumberSpelling.normalized(bounds.upperBound)), got '\(text)'"))
            }
            // Bins narrower than single precision can tell apart, or so narrow that bins ÷ width overflows, count nothing
            // meaningful (and the binning's arithmetic would turn into NaN).
            guard b - a >= max(1e-30, 1e-6 * max(abs(a), abs(b))) else {
                return .failure(ValueError("the range of '\(key)' is too narrow: b − a must be at least 1e-30 and 1e-6 of max(|a|, |b|), got '\(text)'"))
            }
            return .success(.range(ValueRange(lower: a, upper: b)))
        case .initializer:
            return InitializerSpec.parse(text).map { .initializer($0) }
        case .searchedInitializer:
            return SearchedInitializer.parse(text).map { .searchedInitializer($0) }
        case .activation:
            return ActivationSpec.parse(text).map { .activation($0) }
        case .text:
            return .success(.text(text))
        case .identifier:
            if let problem = identifierProblem(text) { return .failure(ValueError("invalid name '\(text)': \(problem)")) }
            return .success(.name(text))
        }
    }

    /// Reports a problem with the text of `range` (a key, a value, one item of a list), underlined.
    /// With a `suggestion` (the closest known spelling), "did you mean" replaces `hint` and a fix-it writes it.
    private mutating func error(_ message: String, at range: SourceRange, hint: String? = nil, suggestion: String? = nil) {
        diagnostics.append(Diagnostic(.error, path: path, location: range.start, message: message, hint: hint)
            .underlining(range.end.column - range.start.column).suggesting(suggestion))
    }

    /// Reports a problem at one character.
    private mutating func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        error(message, at: SourceRange(start: location, end: location), hint: hint)
    }
}
