// `plot`: an author's own figure, from a CSV file in the sources or from formulas, in the charts the experiments use
// (lines, scatter, bars, histograms, heatmaps). Like Quarto's or Observable Plot's: columns are chosen by name, one
// series per group, log axes; functions are written `f(x) = 1/(1+exp(-x))` and evaluated by our own code
// (Plot/Expression.swift), derivatives by central differences or as declared. Values (a column's mean, a function at a
// point, a derivative's maximum) are quotable and checkable like any experiment's.

import Charts
import Diagnostics
import Foundation

enum Plot: ExperimentKind {
    static let name = "plot"
    static let summary = "An author's figure: functions of one variable (`function:`), or columns of a CSV file in the sources (`data:`), as lines, scatter, bars, a histogram or a heatmap."
    static let valuePaths = "functions: `NAME(P)` (the value at each point P of `at`, e.g. `σ(0)`, `tanh'(0.5)`), `NAME.min`, `.max`, `.argmin`, `.argmax` (over the samples), `.gaps` (samples that are NaN or ±∞, drawn as gaps); data: `rows`, `column[NAME].count`, `.missing`, `.mean`, `.std` (sample, n − 1), `.min`, `.max`, `.first`, `.last` for every column the chart uses, `.argmin` and `.argmax` (the x at the extreme) for `y` columns of line and scatter charts, each also per group as `group[G].column[NAME].…`"

    enum ChartType: String, Choice { case line, scatter, bars, histogram, heatmap }
    enum LogAxes: String, Choice { case none, x, y, xy }

    static let function = Key.textList("function", max: 8, absent: "none: a data plot",
        help: "functions drawn: `NAME(x) = FORMULA`, a built-in or earlier one (`tanh(x)`), a numerical derivative (`tanh'(x)`) or a declared one (`f'(x) = FORMULA`); formulas use + − * / ^, exp, log, sqrt, tanh, sigmoid (σ), relu, abs, sin, cos, max, min, pi, e and the functions defined before")
    static let derivative = Key.textList("derivative", max: 8, absent: "none",
        help: "functions whose derivative is drawn in a second chart: a name (`tanh`, numerically) or a declared derivative `f'(x) = FORMULA` (checked against the numerical one)")
    static let samples = Key.optionalInteger("samples", 2...10_001, absent: "201", help: "points per function, evenly spaced over `x`, ends included")
    static let at = Key.numberList("at", -1e6, 1e6, max: 16, absent: "none", help: "points where every function's value becomes a value path (`σ(0)`)")
    static let data = Key.optionalText("data", absent: "none: a function plot",
        help: "a CSV file (RFC 4180, a header row naming the columns), relative to the source folder, e.g. `data/runs.csv`")
    static let x = Key.optionalText("x", absent: "functions: `-5..5`; data: required, except for a histogram of `y`",
        help: "functions: the variable's range `a..b`; data: the column across (numbers; categories for bars and heatmaps)")
    static let y = Key.textList("y", max: 8, absent: "data: required",
        help: "data: the column(s) drawn up, one series each (a histogram bins them; a heatmap takes one: its rows)")
    static let group = Key.optionalText("group", absent: "no groups", help: "data: a column whose values split the rows into series (at most 16 groups)")
    static let value = Key.optionalText("value", absent: "heatmap: required", help: "heatmap: the column of the cells' values")
    static let chart = Key.optionalChoice("chart", absent: "`line`", help: "data: how the columns are drawn") as Key<ChartType?>
    static let log = Key.choice("log", default: LogAxes.none, .single, help: "logarithmic axes (line and scatter; `y` also for bars)")
    static let bins = Key.optionalInteger("bins", 2...200, absent: "30", help: "histogram bins")

    static let keys = [function.parameter, derivative.parameter, x.parameter, samples.parameter, at.parameter, data.parameter, y.parameter,
                       group.parameter, value.parameter, chart.parameter, log.parameter, bins.parameter]

    /// Total function evaluations (samples × formula nodes, counting calls) of one directive.
    static let workLimit = 20_000_000.0

    struct Parameters: Sendable {
        var functions: FunctionSet
        /// Indices into `functions` of the derivative chart's items.
        var derivativeItems: [Int]
        /// Items drawn in the first chart.
        var functionItems: [Int]
        /// Declared derivatives to check: (item, the function it differentiates).
        var declared: [(derivative: Int, of: Expression.Callee)]
        var problems: [LimitProblem]
        var functionGiven: Bool
        var derivativeGiven: Bool
        var samples: Int
        var samplesGiven: Bool
        var at: [Double]
        var data: String?
        var x: String?
        var y: [String]
        var group: String?
        var value: String?
        var chart: ChartType
        var chartGiven: Bool
        var log: LogAxes
        var bins: Int?
    }

    static func parameters(_ values: ParameterValues) -> Parameters {
        let functions = values[function], derivatives = values[derivative]
        var p = Parameters(functions: FunctionSet(), derivativeItems: [], functionItems: [], declared: [], problems: [],
                           functionGiven: !functions.isEmpty, derivativeGiven: !derivatives.isEmpty,
                           samples: values[samples] ?? 201, samplesGiven: values[samples] != nil, at: values[at], data: values[data],
                           x: values[x], y: values[y], group: values[group], value: values[value], chart: values[chart] ?? .line,
                           chartGiven: values[chart] != nil, log: values[log], bins: values[bins])
        if p.data == nil {
            for (i, text) in functions.enumerated() {
                do throws(ExpressionError) {
                    try p.functions.add(text)
                    p.functionItems.append(p.functions.items.count - 1)
                } catch {
                    p.problems.append(Self.problem(keys: ["function"], message: error.message, hint: error.hint, item: i, offset: error.offset))
                }
            }
            for (i, text) in derivatives.enumerated() {
                let declared = text.contains("=")
                var base = text.trimmingSpaces()
                if declared, let open = base.firstIndex(where: { $0 == "'" || $0 == "′" || $0 == "(" }) { base = String(base[..<open]) }
                let item = declared ? text : "\(base)'(\(p.functions.items.first?.variable ?? "x"))"
                do throws(ExpressionError) {
                    guard !declared || text.trimmingSpaces().hasPrefix(base + "'") || text.trimmingSpaces().hasPrefix(base + "′") else {
                        throw ExpressionError(message: "a declared derivative is written '\(base)'(x) = FORMULA'", offset: 0)
                    }
                    let callee = p.functions.index(of: base).map { Expression.Callee.defined($0) }
                        ?? Expression.Builtin.spellings[base].map { Expression.Callee.builtin($0) }
                    guard !declared || callee != nil else {
                        throw ExpressionError(message: "'\(base)'' declares the derivative of '\(base)', which is neither built in nor defined in 'function:'", offset: 0)
                    }
                    try p.functions.add(item)
                    let index = p.functions.items.count - 1
                    p.derivativeItems.append(index)
                    if declared, let callee { p.declared.append((index, callee)) }
                } catch {
                    // A name's error points at the name itself (the item was built from it).
                    p.problems.append(Self.problem(keys: ["derivative"], message: error.message, hint: error.hint, item: i,
                                                   offset: declared ? error.offset : 0))
                }
            }
        }
        return p
    }

    static let budgets = [Budget<Parameters>(formula: "samples × formula size (nodes, counting calls and derivatives)", unit: "evaluations",
                                             limit: workLimit, keys: ["samples", "function", "derivative"]) { p in
        // A declared derivative is also compared with the numerical one: two more evaluations of its function.
        Double(p.samples + p.at.count) * p.functions.costs.reduce(0, +)
            + Double(p.samples) * p.declared.reduce(0) { $0 + 2 * $1.of.cost(p.functions.costs) + 4 }
    }]

    static func check(_ runs: [KindRun<Parameters>]) -> [LimitProblem] {
        let p = runs[0].parameters
        var problems = p.problems
        func only(_ key: String, _ given: Bool, _ message: String) {
            if given { problems.append(Self.problem(keys: [key], message: message, item: 0)) }
        }
        if let data = p.data {
            only("function", p.functionGiven, "a plot draws either functions or data: remove 'function' or 'data'")
            only("derivative", p.derivativeGiven, "'derivative' applies to functions, not to data")
            only("samples", p.samplesGiven, "'samples' applies to functions; a data plot draws every row")
            only("at", !p.at.isEmpty, "'at' applies to functions; a data plot's values are its columns' (column[NAME].mean, …)")
            if let problem = pathProblem(data) { problems.append(Self.problem(keys: ["data"], message: problem, item: 0)) }
            switch p.chart {
            case .histogram:
                if p.x == nil && p.y.isEmpty { problems.append(Self.problem(keys: ["chart"], message: "a histogram needs the column to bin: 'y: COLUMN'", item: 0)) }
            case .heatmap:
                if p.x == nil || p.y.count != 1 || p.value == nil {
                    problems.append(Self.problem(keys: ["chart"], message: "a heatmap needs 'x: COLUMN' (across), 'y: COLUMN' (down) and 'value: COLUMN'", item: 0))
                }
                only("group", p.group != nil, "'group' does not apply to a heatmap")
            default:
                if p.x == nil { problems.append(Self.problem(keys: ["data"], message: "a \(p.chart.rawValue) chart needs 'x: COLUMN'")) }
                if p.y.isEmpty { problems.append(Self.problem(keys: ["data"], message: "a \(p.chart.rawValue) chart needs 'y: COLUMN' (or several)")) }
            }
            only("value", p.value != nil && p.chart != .heatmap, "'value' applies to 'chart: heatmap'")
            only("bins", p.bins != nil && p.chart != .histogram, "'bins' applies to 'chart: histogram'")
            let logOK: Bool = switch p.chart {
            case .line, .scatter: true
            case .bars: p.log != .x && p.log != .xy
            case .histogram, .heatmap: p.log == .none
            }
            if !logOK { problems.append(Self.problem(keys: ["log"], message: "'log: \(p.log.rawValue)' does not apply to a \(p.chart.rawValue) chart", item: 0)) }
        } else {
            if p.functionItems.isEmpty && p.derivativeItems.isEmpty && p.problems.isEmpty {
                problems.append(Self.problem(keys: [], message: "a plot needs 'function: f(x) = …' or 'data: FILE.csv'",
                                             hint: "e.g. 'function: σ(x) = 1/(1+exp(-x))' or 'data: data/runs.csv' with 'x:' and 'y:' columns"))
            }
            for key in ["y", "group", "value"] {
                let given = key == "y" ? !p.y.isEmpty : key == "group" ? p.group != nil : p.value != nil
                only(key, given, "'\(key)' applies to data plots ('data: FILE.csv')")
            }
            only("chart", p.chartGiven, "'chart' applies to data plots; functions are drawn as lines")
            only("bins", p.bins != nil, "'bins' applies to 'chart: histogram' of data")
            if let text = p.x, range(text) == nil {
                problems.append(Self.problem(keys: ["x"], message: "'x' of a function plot must be a range 'a..b' with a < b, got '\(text)'", item: 0))
            }
        }
        return problems
    }

    /// A problem with one key's value (without the "computed from" note of limits).
    static func problem(keys: [String], message: String, hint: String? = nil, item: Int? = nil, offset: Int = 0) -> LimitProblem {
        LimitProblem(keys: keys, message: message, hint: hint, item: item, offset: offset, notesValues: false)
    }

    /// A range `a..b` (a < b, finite, at most 10¹⁵ in magnitude).
    static func range(_ text: String) -> ValueRange? {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2, let a = NumberSpelling.parse(parts[0].trimmingSpaces()), let b = NumberSpelling.parse(parts[1].trimmingSpaces()),
              a < b, abs(a) <= 1e15, abs(b) <= 1e15 else { return nil }
        return ValueRange(lower: a, upper: b)
    }

    /// Why `path` may not name a data file: absolute, leaving the source folder, or hidden.
    static func pathProblem(_ path: String) -> String? {
        if path.hasPrefix("/") || path.hasPrefix("~") { return "'data' is a path relative to the source folder, got '\(path)'" }
        if path.contains("\\") { return "'data' separates folders with '/', got '\(path)'" }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            if component == ".." { return "'data' must stay inside the source folder, got '\(path)'" }
            if component.isEmpty || component == "." { return "'data' must be a plain relative path such as 'data/runs.csv', got '\(path)'" }
            if component.hasPrefix(".") { return "'data' may not name a hidden file or folder, got '\(path)'" }
        }
        return nil
    }

    static func dataFiles(_ run: Parameters) -> [String] { run.data.map { [$0] } ?? [] }

    static func run(_ runs: [KindRun<Parameters>], context: RunContext) throws -> ExperimentResult {
        let p = runs[0].parameters
        if let data = p.data { return try DataPlot(p, file: data, context: context).result() }
        return try functionPlot(p, context: context)
    }

    // MARK: Functions

    static func functionPlot(_ p: Parameters, context: RunContext) throws -> ExperimentResult {
        let directive = context.directive
        let range = p.x.flatMap(Self.range) ?? ValueRange(lower: -5, upper: 5)
        let n = p.samples
        let xs = (0..<n).map { i in i == n - 1 ? range.upper : range.lower + (range.upper - range.lower) * Double(i) / Double(n - 1) }
        let set = p.functions
        var values: [String: Double] = [:]
        var columns: [[Double]] = []
        for item in set.items.indices {
            let ys = xs.map { set.value(item, at: $0) }
            columns.append(ys)
            let name = set.items[item].name
            var lo = (value: Double.nan, x: Double.nan), hi = (value: Double.nan, x: Double.nan), gaps = 0
            for (x, y) in zip(xs, ys) {
                guard y.isFinite else { gaps += 1; continue }
                if !(y >= lo.value) { lo = (y, x) }
                if !(y <= hi.value) { hi = (y, x) }
            }
            values["\(name).min"] = lo.value
            values["\(name).argmin"] = lo.x
            values["\(name).max"] = hi.value
            values["\(name).argmax"] = hi.x
            values["\(name).gaps"] = Double(gaps)
            for point in p.at { values["\(name)(\(NumberSpelling.normalized(point)))"] = set.value(item, at: point) }
        }
        // A declared derivative that disagrees with the numerical one is a wrong formula: an error, as a failed expect is.
        for (d, of) in p.declared {
            for (i, x) in xs.enumerated() {
                let declared = columns[d][i], numerical = set.derivative(of, 1, at: x)
                guard declared.isFinite, numerical.isFinite else { continue }
                if abs(declared - numerical) > 1e-5 * max(1, abs(numerical)) {
                    let f = ValueFormat.significant(6)
                    let k = p.derivativeItems.firstIndex(of: d) ?? 0
                    let item = set.items[d]
                    throw Diagnostic(.error, path: directive.path, location: directive.location(ofValue: "derivative", item: k),
                                     message: "the declared derivative \(item.label) is \(f.plain(declared)) at \(item.variable) = \(f.plain(x)), but the numerical derivative of \(item.name.dropLast())(\(item.variable)) is \(f.plain(numerical))")
                }
            }
        }
        let variable = set.items.first?.variable ?? "x"
        let xAxis = Axis(variable, scale: p.log == .x || p.log == .xy ? .log : .linear)
        let yAxis = Axis("", scale: p.log == .y || p.log == .xy ? .log : .linear)
        let height = p.functionItems.isEmpty || p.derivativeItems.isEmpty ? 360.0 : 280
        func chart(_ items: [Int]) -> LineChart {
            LineChart(title: "", x: xAxis, y: yAxis, series: items.map { .init(set.items[$0].label, x: xs, y: columns[$0]) }, height: height)
        }
        var figures: [FigureData] = []
        if !p.functionItems.isEmpty { figures.append(FigureData(chart(p.functionItems), idSuffix: "f", authorWords: true)) }
        if !p.derivativeItems.isEmpty { figures.append(FigureData(chart(p.derivativeItems), idSuffix: "d", authorWords: true)) }

        let f = ValueFormat.significant(4)
        let labels = set.items.map(\.label)
        let rows = set.items.indices.map { i -> [String] in
            let name = set.items[i].name
            return [labels[i]] + p.at.map { f.prose(values["\(name)(\(NumberSpelling.normalized($0)))"]!) }
                + [f.prose(values["\(name).min"]!), f.prose(values["\(name).max"]!), f.prose(values["\(name).argmax"]!)]
        }
        let table = ExperimentResult.Table(title: "Functions over \(variable) from \(f.prose(range.lower)) to \(f.prose(range.upper)) (\(n) samples)",
                                           columns: ["function"] + p.at.map { "at \(variable) = \(f.prose($0))" } + ["min", "max", "argmax"], rows: rows)
        let csvRows = xs.indices.map { i in [CSV.number(xs[i])] + columns.map { CSV.number($0[i]) } }
        let caption = directive.caption ?? "\(labels.joined(separator: ", ")) for \(variable) from \(f.prose(range.lower)) to \(f.prose(range.upper))."
        return ExperimentResult(kind: directive.kind, name: directive.name, figures: figures, caption: caption, tables: [table],
                                csv: CSV.text(header: [variable] + labels, rows: csvRows), runLabels: [""], values: values)
    }
}

/// A data plot's run: reads the CSV, checks the columns, builds the chart and the values.
private struct DataPlot {
    let p: Plot.Parameters
    let file: String
    let context: RunContext
    let table: CSVTable

    init(_ p: Plot.Parameters, file: String, context: RunContext) throws {
        self.p = p
        self.file = file
        self.context = context
        let bytes: [UInt8]
        if let data = context.files?[file] {
            bytes = data
        } else {
            do throws(Files.Failure) {
                bytes = try Files.read(context.sourceRoot.appendingPathComponent(file).path, limit: CSVTable.maximumBytes)
            } catch {
                throw Diagnostic(.error, path: context.directive.path, location: context.directive.location(ofValue: "data"),
                                 message: "cannot read the data file '\(file)': \(error)")
            }
        }
        do throws(CSVTable.Problem) {
            table = try CSVTable.parse(bytes)
        } catch {
            throw Self.fileError(error, file: file, context: context)
        }
    }

    func fileError(_ problem: CSVTable.Problem) -> Diagnostic { Self.fileError(problem, file: file, context: context) }

    /// A problem in the CSV file, at its line and column there, with a note at the directive that reads it.
    static func fileError(_ problem: CSVTable.Problem, file: String, context: RunContext) -> Diagnostic {
        let directive = context.directive
        return Diagnostic(.error, path: context.displayPath(file), location: SourceLocation(line: problem.line, column: problem.column),
                          message: problem.message,
                          notes: [.init("read by this plot", path: directive.path, location: directive.location(ofValue: "data"))])
    }

    /// The index of a column named in `key` (its `item`-th value), or an error there with "did you mean".
    func column(_ name: String, key: String, item: Int = 0) throws -> Int {
        if let index = table.column(named: name) { return index }
        let directive = context.directive
        throw Diagnostic(.error, path: directive.path, location: directive.location(ofValue: key, item: item),
                         message: "unknown column '\(name)' in \(file); columns: " + table.header.joined(separator: ", "),
                         hint: Suggestion.hint(for: name, among: table.header))
    }

    func numbers(_ index: Int) throws -> [Double] {
        do throws(CSVTable.Problem) {
            return try table.numbers(index).map { $0 ?? .nan }
        } catch {
            throw fileError(error)
        }
    }

    func text(_ index: Int) -> [String] { table.rows.map { $0[index].trimmingSpaces() } }

    /// The rows of each group, in order of first appearance (one group of every row without `group:`).
    func groups() throws -> [(label: String, rows: [Int])] {
        guard let group = p.group else { return [("", Array(table.rows.indices))] }
        let index = try column(group, key: "group")
        var order: [String] = [], rows: [String: [Int]] = [:]
        for (r, name) in text(index).enumerated() {
            if rows[name] == nil {
                order.append(name)
                guard order.count <= Limits.valuesPerKey else {
                    throw Diagnostic(.error, path: context.directive.path, location: context.directive.location(ofValue: "group"),
                                     message: "too many groups in column '\(group)': more than \(Limits.valuesPerKey)")
                }
            }
            rows[name, default: []].append(r)
        }
        return order.map { ($0, rows[$0]!) }
    }

    func result() throws -> ExperimentResult {
        let directive = context.directive
        var values: [String: Double] = ["rows": Double(table.rows.count)]
        let groups = try groups()
        let grouped = p.group != nil
        let yColumns = try p.y.enumerated().map { try column($1, key: "y", item: $0) }
        let xColumn = try p.x.map { try column($0, key: "x") }
        func label(_ group: String, _ y: Int) -> String {
            !grouped ? table.header[y] : yColumns.count == 1 ? group : "\(group), \(table.header[y])"
        }
        func summarize(_ name: String, _ xs: [Double], x: [Double]?, prefix: String) {
            let finite = xs.indices.filter { xs[$0].isFinite }
            let base = prefix + "column[\(name)]."
            values[base + "count"] = Double(xs.filter { !$0.isNaN }.count)
            values[base + "missing"] = Double(xs.filter(\.isNaN).count)
            let present = xs.filter { !$0.isNaN }
            values[base + "first"] = present.first ?? .nan
            values[base + "last"] = present.last ?? .nan
            let (mean, std) = meanAndSpread(present)
            values[base + "mean"] = mean
            values[base + "std"] = present.count > 1 ? std : .nan
            var lo: Int?, hi: Int?
            for i in finite {
                if lo == nil || xs[i] < xs[lo!] { lo = i }
                if hi == nil || xs[i] > xs[hi!] { hi = i }
            }
            values[base + "min"] = lo.map { xs[$0] } ?? .nan
            values[base + "max"] = hi.map { xs[$0] } ?? .nan
            if let x {
                values[base + "argmin"] = lo.map { x[$0] } ?? .nan
                values[base + "argmax"] = hi.map { x[$0] } ?? .nan
            }
        }
        let xName = p.x ?? ""
        let yNames = yColumns.map { table.header[$0] }
        var figure: FigureData
        var csvHeader: [String] = [], csvRows: [[String]] = []
        let f = ValueFormat.significant(4)

        switch p.chart {
        case .line, .scatter:
            let xs = try numbers(xColumn!)
            let ys = try yColumns.map { try numbers($0) }
            var series: [LineChart.Series] = []
            for g in groups {
                let prefix = grouped ? "group[\(g.label)]." : ""
                let gx = g.rows.map { xs[$0] }
                for (k, y) in yColumns.enumerated() {
                    let gy = g.rows.map { ys[k][$0] }
                    series.append(.init(label(g.label, y), x: gx, y: gy, markers: p.chart == .scatter || g.rows.count <= 12, line: p.chart == .line))
                    summarize(table.header[y], gy, x: gx, prefix: prefix)
                }
                if grouped { summarize(xName, gx, x: nil, prefix: prefix) }
            }
            for (k, y) in yColumns.enumerated() { summarize(table.header[y], ys[k], x: xs, prefix: "") }
            summarize(xName, xs, x: nil, prefix: "")
            let chart = LineChart(title: "", x: Axis(xName, scale: p.log == .x || p.log == .xy ? .log : .linear),
                                  y: Axis(yNames.count == 1 ? yNames[0] : "", scale: p.log == .y || p.log == .xy ? .log : .linear), series: series)
            figure = FigureData(chart, authorWords: true)
            csvHeader = (grouped ? [p.group!] : []) + [xName] + yNames
            csvRows = table.rows.indices.map { r in (grouped ? [table.rows[r][table.column(named: p.group!)!]] : []) + [CSV.number(xs[r])] + ys.map { CSV.number($0[r]) } }
        case .bars:
            let categories = text(xColumn!)
            let ys = try yColumns.map { try numbers($0) }
            var order: [String] = []
            for c in categories where !order.contains(c) {
                order.append(c)
                guard order.count <= 64 else {
                    throw Diagnostic(.error, path: directive.path, location: directive.location(ofValue: "x"),
                                     message: "too many categories in column '\(xName)' for bars: more than 64")
                }
            }
            var series: [BarChart.Series] = []
            for g in groups {
                let prefix = grouped ? "group[\(g.label)]." : ""
                for (k, y) in yColumns.enumerated() {
                    var bars = Array(repeating: Double.nan, count: order.count)
                    var seen = Array(repeating: false, count: order.count)
                    for r in g.rows {
                        let c = order.firstIndex(of: categories[r])!
                        if seen[c] {
                            throw fileError(.init(message: "a second row for '\(categories[r])'\(grouped ? " in group '\(g.label)'" : ""); bars need one row per category\(grouped ? " and group" : "")",
                                                  line: table.lines[r], column: 1))
                        }
                        seen[c] = true
                        bars[c] = ys[k][r]
                    }
                    series.append(.init(label(g.label, y), values: bars))
                    summarize(table.header[y], g.rows.map { ys[k][$0] }, x: nil, prefix: prefix)
                }
            }
            if grouped { for (k, y) in yColumns.enumerated() { summarize(table.header[y], ys[k], x: nil, prefix: "") } }
            let chart = BarChart(title: "", categories: order, categoryTitle: xName,
                                 y: Axis(yNames.count == 1 ? yNames[0] : "", scale: p.log == .y ? .log : .linear), series: series)
            figure = FigureData(chart, authorWords: true)
            csvHeader = (grouped ? [p.group!] : []) + [xName] + yNames
            csvRows = table.rows.indices.map { r in (grouped ? [table.rows[r][table.column(named: p.group!)!]] : []) + [categories[r]] + ys.map { CSV.number($0[r]) } }
        case .histogram:
            let binned = yColumns.isEmpty ? [xColumn!] : yColumns
            let columns = try binned.map { try numbers($0) }
            let finite = columns.joined().filter(\.isFinite)
            var lo = finite.min() ?? 0, hi = finite.max() ?? 1
            if !(lo < hi) { (lo, hi) = (lo - 0.5, hi + 0.5) }
            let bins = p.bins ?? 30
            let histograms = groups.map { g in columns.map { c in Charts.Histogram(values: g.rows.map { c[$0] }.filter { !$0.isNaN }, bins: bins, range: lo...hi) } }
            for g in groups {
                for (k, c) in binned.enumerated() {
                    summarize(table.header[c], g.rows.map { columns[k][$0] }, x: nil, prefix: grouped ? "group[\(g.label)]." : "")
                }
            }
            if grouped { for (k, c) in binned.enumerated() { summarize(table.header[c], columns[k], x: nil, prefix: "") } }
            let names = binned.map { table.header[$0] }
            let chart = SmallMultiples(title: "", rows: groups.map(\.label), columns: names.count == 1 ? [""] : names, histograms: histograms,
                                       x: Axis(names.count == 1 ? names[0] : ""), measure: .count, sharedY: .all, panelHeight: groups.count == 1 ? 200 : 90)
            figure = FigureData(chart, authorWords: true)
            csvHeader = (grouped ? [p.group!] : []) + names
            csvRows = table.rows.indices.map { r in (grouped ? [table.rows[r][table.column(named: p.group!)!]] : []) + columns.map { CSV.number($0[r]) } }
        case .heatmap:
            let across = text(xColumn!), down = text(yColumns[0])
            let valueColumn = try column(p.value!, key: "value")
            let cells = try numbers(valueColumn)
            var columns: [String] = [], rows: [String] = []
            for c in across where !columns.contains(c) { columns.append(c) }
            for r in down where !rows.contains(r) { rows.append(r) }
            guard columns.count <= 64, rows.count <= 64 else {
                throw Diagnostic(.error, path: directive.path, location: directive.location(ofValue: columns.count > 64 ? "x" : "y"),
                                 message: "too many distinct values for a heatmap: \(columns.count) × \(rows.count), the limit is 64 × 64")
            }
            var grid = Array(repeating: Array(repeating: Double.nan, count: columns.count), count: rows.count)
            var seen = Set<Int>()
            for r in table.rows.indices {
                let i = rows.firstIndex(of: down[r])!, j = columns.firstIndex(of: across[r])!
                guard seen.insert(i * columns.count + j).inserted else {
                    throw fileError(.init(message: "a second row for the cell ('\(across[r])', '\(down[r])'); a heatmap needs one row per cell", line: table.lines[r], column: 1))
                }
                grid[i][j] = cells[r]
            }
            summarize(table.header[valueColumn], cells, x: nil, prefix: "")
            let chart = Heatmap(title: "", rows: rows, columns: columns, values: grid, rowTitle: table.header[yColumns[0]], columnTitle: xName,
                                value: Axis(table.header[valueColumn]), cellLabels: columns.count <= 12)
            figure = FigureData(chart, authorWords: true)
            csvHeader = [xName, table.header[yColumns[0]], table.header[valueColumn]]
            csvRows = table.rows.indices.map { [across[$0], down[$0], CSV.number(cells[$0])] }
        }

        let summaryColumns = Array(Set(values.keys.filter { $0.hasPrefix("column[") }.map { String($0.dropFirst(7).prefix { $0 != "]" }) })).sorted()
        let rows = summaryColumns.map { name -> [String] in
            let base = "column[\(name)]."
            return [name] + ["count", "missing", "mean", "std", "min", "max"].map { key in
                values[base + key].map { key == "count" || key == "missing" ? String(Int($0)) : f.prose($0) } ?? ""
            }
        }
        let what = p.chart == .histogram ? "Histogram of \((yNames.isEmpty ? [xName] : yNames).joined(separator: ", "))"
            : p.chart == .heatmap ? "\(p.value!) by \(xName) and \(yNames[0])" : "\(yNames.joined(separator: ", ")) against \(xName)"
        let caption = directive.caption ?? "\(what) (\(file)\(grouped ? ", by \(p.group!)" : ""))."
        return ExperimentResult(kind: directive.kind, name: directive.name, figures: [figure], caption: caption,
                                tables: [.init(title: "Columns of \(file) (\(table.rows.count) rows)", columns: ["column", "count", "missing", "mean", "std", "min", "max"], rows: rows)],
                                csv: CSV.text(header: csvHeader, rows: csvRows), runLabels: [""], values: values)
    }
}
