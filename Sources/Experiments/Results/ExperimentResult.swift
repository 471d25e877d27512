// What an experiment run produces, as plain Codable data: the site caches it on disk and renders it
// (figure, caption, table, CSV download, inline values) without knowing the kind that made it.

import Charts
import Diagnostics
import Foundation

public struct ExperimentResult: Codable, Sendable, Equatable {
    /// A table of numbers, already formatted for reading.
    public struct Table: Codable, Sendable, Equatable {
        public var title: String
        public var columns: [String]
        public var rows: [[String]]
        public init(title: String, columns: [String], rows: [[String]]) {
            self.title = title
            self.columns = columns
            self.rows = rows
        }
    }

    public var kind: String
    public var name: String?
    /// The charts that together make the one numbered figure, as data; `svgs(idPrefix:)` draws them. Empty for derivations.
    public var figures: [FigureData]
    /// The directive's caption, or a generated one when it has none (Markdown inline text).
    public var caption: String
    /// A derivation's description; figures describe themselves (`description`).
    var text: String
    public var tables: [Table]
    /// The numbers behind the figure, as RFC 4180 CSV with a header line (full precision).
    public var csv: String
    /// Display-math TeX lines (derivations), one equation each, in order.
    public var math: [String]
    /// The grid runs' labels, in run order (empty label for a single run).
    public var runLabels: [String]
    /// Every addressable value by its path, e.g. `layer[5].std` or `he-normal.test_accuracy`.
    public var values: [String: Double]
    /// Values that are names, by path (`best.conv-init` → `he-normal`), with the names the path could have held.
    public var names: [String: NamedValue]

    /// A value that is a name: a parameter's spelling, printed as written in every edition (like run labels).
    public struct NamedValue: Codable, Sendable, Equatable {
        public var name: String
        /// Every name the value could have been (the choices searched), for messages and checks.
        public var choices: [String]
        public init(_ name: String, choices: [String]) {
            self.name = name
            self.choices = choices
        }
    }

    /// The version of this format and of the figure data; the site's cache key includes it.
    public static let formatVersion = 4

    public init(kind: String, name: String?, figures: [FigureData], caption: String, description: String = "", tables: [Table],
                csv: String, math: [String] = [], runLabels: [String], values: [String: Double], names: [String: NamedValue] = [:]) {
        self.kind = kind
        self.name = name
        self.figures = figures
        self.caption = caption
        text = description
        self.tables = tables
        self.csv = csv
        self.math = math
        self.runLabels = runLabels
        self.values = values
        self.names = names
    }

    /// One or two sentences describing the figure for readers who cannot see it (the charts' summaries; a derivation's
    /// own text).
    public var description: String { figures.isEmpty ? text : figures.map(\.summary).joined(separator: " ") }

    /// The figure's charts as SVG documents (`<svg …>…</svg>`, no XML prologue), drawn now; every id inside starts with
    /// `idPrefix` (unique per page).
    public func svgs(idPrefix: String) -> [String] { figures.map { $0.svg(idPrefix: idPrefix) } }

    /// The figure's charts for a page, each in its desktop and phone layouts, with the figure check's findings;
    /// `slots` gives run labels one palette slot across the page (see `FigureData.drawing`). Warnings are sentences
    /// ending in their kind: "panel He, layer 5: … [crowded-bins]". `text`: the language the charts write in.
    public func drawFigures(idPrefix: String, slots: [String: Int] = [:], text: ChartText = .english) -> (svgs: [String], warnings: [String]) {
        let drawings = figures.map { $0.drawing(idPrefix: idPrefix, slots: slots, text: text) }
        var warnings: [String] = []
        for w in drawings.flatMap(\.warnings) where !warnings.contains(w.description) { warnings.append(w.description) }
        return (drawings.map(\.svg), warnings)
    }

    /// The value at a path (`layer[5].std`, `tanh.xavier-normal.layer[5].std`), or nil if there is none.
    public func value(at path: String) -> Double? { values[path] }

    /// The name at a path (`best.conv-init`), or nil if the path holds no name.
    public func name(at path: String) -> NamedValue? { names[path] }

    /// "did you mean …?" for an unknown path: the nearest existing path; when nothing is near, the paths of the
    /// first run with the same last component, or a few examples.
    public func suggestion(for path: String) -> String? {
        if let closest = closestPath(to: path) { return "did you mean '\(closest)'?" }
        let examples = (Array(values.keys) + names.keys).sorted().prefix(6)
        return examples.isEmpty ? nil : "available paths include " + examples.map { "'\($0)'" }.joined(separator: ", ")
    }

    /// The value path nearest to a misspelt one, when it is close enough to be a typo (for "did you mean" and fix-its).
    public func closestPath(to path: String) -> String? {
        // Suggestion accepts at most 3 edits, so longer or shorter paths cannot match: skip them (a grid holds
        // tens of thousands of paths).
        let length = path.unicodeScalars.count
        let near = (Array(values.keys) + names.keys).filter { abs($0.unicodeScalars.count - length) <= 3 }
        return Suggestion.closest(to: path, among: near.sorted())
    }

    // Non-finite values (an exploding network's activations) are results too; JSON has no NaN or Infinity,
    // so values are stored as [path, number] pairs with non-finite numbers spelled "nan", "inf", "-inf".
    private enum CodingKeys: String, CodingKey {
        case kind, name, figures, caption, description, tables, csv, math, runLabels, values, names
    }

    private struct StoredValue: Codable {
        let path: String
        let value: Double
        init(path: String, value: Double) { self.path = path; self.value = value }
        init(from decoder: Decoder) throws {
            var c = try decoder.unkeyedContainer()
            path = try c.decode(String.self)
            value = try c.decode(StoredNumber.self).value
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(path)
            try c.encode(StoredNumber(value))
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(String.self, forKey: .kind)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        figures = try c.decode([FigureData].self, forKey: .figures)
        caption = try c.decode(String.self, forKey: .caption)
        text = try c.decode(String.self, forKey: .description)
        tables = try c.decode([Table].self, forKey: .tables)
        csv = try c.decode(String.self, forKey: .csv)
        math = try c.decode([String].self, forKey: .math)
        runLabels = try c.decode([String].self, forKey: .runLabels)
        let stored = try c.decode([StoredValue].self, forKey: .values)
        values = Dictionary(stored.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a })
        names = try c.decodeIfPresent([String: NamedValue].self, forKey: .names) ?? [:]
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encode(figures, forKey: .figures)
        try c.encode(caption, forKey: .caption)
        try c.encode(text, forKey: .description)
        try c.encode(tables, forKey: .tables)
        try c.encode(csv, forKey: .csv)
        try c.encode(math, forKey: .math)
        try c.encode(runLabels, forKey: .runLabels)
        try c.encode(values.keys.sorted().map { StoredValue(path: $0, value: values[$0]!) }, forKey: .values)
        if !names.isEmpty { try c.encode(names, forKey: .names) }
    }

    /// Equal when every field is; values compare bit for bit, so NaN equals NaN (determinism checks).
    public static func == (a: ExperimentResult, b: ExperimentResult) -> Bool {
        a.kind == b.kind && a.name == b.name && a.figures == b.figures && a.caption == b.caption && a.text == b.text
            && a.tables == b.tables && a.csv == b.csv && a.math == b.math && a.runLabels == b.runLabels
            && a.values.count == b.values.count && a.values.allSatisfy { b.values[$0.key]?.bitPattern == $0.value.bitPattern }
            && a.names == b.names
    }
}
