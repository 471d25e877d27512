// The `plot` kind: its CSV reader against RFC 4180's cases, its formulas against known values (σ(0) = 1/2, σ'(0) = 1/4,
// tanh'(0) = 1, precedence as in mathematics), every error with its exact text and column, and the kind end to end.
import Diagnostics
import Foundation
import Testing
@testable import Experiments

@Suite struct CSVTableTests {
    func table(_ text: String) throws -> CSVTable { try CSVTable.parse(Array(text.utf8)) }
    func problem(_ text: String) -> CSVTable.Problem? {
        do throws(CSVTable.Problem) { _ = try CSVTable.parse(Array(text.utf8)); return nil } catch { return error }
    }

    @Test func rfc4180Fields() throws {
        // §2.1–2.7: CRLF records, an optional final line break, quoted fields with commas, line breaks and doubled quotes.
        let t = try table("a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\r\n2,\"two\r\nlines\",\r\n")
        #expect(t.header == ["a", "b", "c"])
        #expect(t.rows == [["1", "x,y", "say \"hi\""], ["2", "two\r\nlines", ""]])
        #expect(t.lines == [2, 3])
        // No final line break, LF only, a byte-order mark, blank lines skipped, spaces around names trimmed.
        let u = try table("\u{FEFF} x , y\n\n1,2\n3,4")
        #expect(u.header == ["x", "y"] && u.rows == [["1", "2"], ["3", "4"]] && u.lines == [3, 4])
        // An empty quoted field is a field (a one-column row, not a blank line).
        #expect(try table("a\n\"\"\n").rows == [[""]])
    }

    @Test func numbersAndMissingCells() throws {
        let t = try table("x,y\n1,2.5e-3\n−2, \n3,nan\n4,-inf\n")
        #expect(try t.numbers(0) == [1, -2, 3, 4])
        let y = try t.numbers(1)
        #expect(y[0] == 0.0025 && y[1] == nil && y[2]!.isNaN && y[3] == -.infinity)
    }

    @Test func malformedFilesAreErrorsAtTheirLineAndColumn() {
        #expect(problem("a,b\n1,\"open\n2,3\n") == .init(message: "unterminated quoted field: the '\"' opened here is never closed", line: 2, column: 3))
        #expect(problem("a,b\n1,x\"y\n") == .init(message: "a '\"' inside an unquoted field; quote the whole field and double the quote (\"\")", line: 2, column: 4))
        #expect(problem("a,b\n1,\"x\"y\n") == .init(message: "unexpected 'y' after a quoted field; a field ends at ',' or the end of the line", line: 2, column: 6))
        #expect(problem("a,b\n1,2,3\n") == .init(message: "this row has 3 fields, the header has 2", line: 2, column: 5))
        #expect(problem("a,b\n1\n") == .init(message: "this row has 1 field, the header has 2", line: 2, column: 1))
        #expect(problem("a,a\n") == .init(message: "duplicate column name 'a' in the header", line: 1, column: 3))
        #expect(problem("a,,b\n") == .init(message: "empty column name in the header", line: 1, column: 3))
        #expect(problem("") == .init(message: "the file is empty: expected a header row naming the columns", line: 1, column: 1))
        do throws(CSVTable.Problem) {
            _ = try CSVTable.parse([0x61, 0x0A, 0x62, 0xFF, 0x0A])
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error == .init(message: "the file is not valid UTF-8", line: 2, column: 2))
        }
    }

    @Test func nonNumericCellIsAnErrorAtTheCell() throws {
        // The cell after a quoted field spanning two lines: its line is the row's second.
        let t = try table("note,loss\nok,1\n\"two\nlines\",abc\n")
        do throws(CSVTable.Problem) {
            _ = try t.numbers(1)
            Issue.record("'abc' was read as a number")
        } catch {
            #expect(error == .init(message: "'abc' in column 'loss' is not a number", line: 4, column: 8))
        }
    }

    @Test func boundedSize() {
        let wide = (0...CSVTable.maximumColumns).map { "c\($0)" }.joined(separator: ",")
        #expect(problem(wide)?.message == "too many columns: the limit is 256")
        let long = "x\n" + String(repeating: "1\n", count: CSVTable.maximumRows + 1)
        #expect(problem(long) == .init(message: "too many rows: the limit is 200000", line: CSVTable.maximumRows + 2, column: 1))
    }
}

@Suite struct ExpressionTests {
    func functions(_ items: String...) throws(ExpressionError) -> FunctionSet {
        var set = FunctionSet()
        for item in items { try set.add(item) }
        return set
    }
    func value(_ formula: String, at x: Double) throws -> Double {
        try functions("f(x) = " + formula).value(0, at: x)
    }
    func error(_ items: String...) -> ExpressionError? {
        var set = FunctionSet()
        do throws(ExpressionError) { for item in items { try set.add(item) } } catch { return error }
        return nil
    }

    @Test func knownValues() throws {
        let set = try functions("σ(x) = 1/(1+exp(-x))", "σ'(x)", "tanh'(x)", "g(x) = σ(x)*(1 - σ(x))", "relu(x)")
        #expect(set.value(0, at: 0) == 0.5)
        #expect(abs(set.value(1, at: 0) - 0.25) < 1e-10)        // σ'(0) = 1/4, numerically
        #expect(abs(set.value(2, at: 0) - 1) < 1e-10)           // tanh'(0) = 1
        #expect(abs(set.value(1, at: 2) - set.value(3, at: 2)) < 1e-10)  // σ' = σ(1 − σ)
        #expect(set.value(4, at: -3) == 0 && set.value(4, at: 2.5) == 2.5)
        #expect(abs(try value("sigmoid''(x)", at: 0)) < 1e-5)    // σ'' (0) = 0
        #expect(abs(try value("log(e)", at: 0) - 1) < 1e-15)
        #expect(abs(try value("sin(pi/6) + cos(π)", at: 0) - (-0.5)) < 1e-15)
        #expect(try value("sqrt(x)", at: 2) == 2.0.squareRoot())
        #expect(try value("max(x, 0) + min(x, 0) + abs(x)", at: -3) == 0)
    }

    @Test func precedenceAndAssociativity() throws {
        #expect(try value("1 + 2*3", at: 0) == 7)
        #expect(try value("(1 + 2)*3", at: 0) == 9)
        #expect(try value("-x^2", at: 3) == -9)            // unary minus binds looser than ^
        #expect(try value("2^3^2", at: 0) == 512)          // right-associative
        #expect(try value("2^-1", at: 0) == 0.5)
        #expect(try value("8/4/2", at: 0) == 1)            // left-associative
        #expect(try value("10 - 4 - 3", at: 0) == 3)
        #expect(try value("--x", at: 2) == 2)
        #expect(try value("2 × 3 · 4 − 1", at: 0) == 23)   // typographic operators
        #expect(try value("1.5e2 + .5", at: 0) == 150.5)
        #expect(abs(try value("x^0.5", at: 4) - 2) < 1e-15)
        #expect(try value("x^0.5", at: -4).isNaN)
        #expect(try value("1/x", at: 0) == .infinity)
    }

    @Test func aVariableOfAnotherName() throws {
        #expect(try functions("h(t) = t^2 + 1").value(0, at: 3) == 10)
    }

    @Test func errorsWithTheirColumn() {
        #expect(error("f(x) = 1 +") == ExpressionError(message: "expected a number, 'x', a function or '(', got the end of the formula", offset: 10))
        #expect(error("f(x) = (x + 1") == ExpressionError(message: "expected ')', got the end of the formula", offset: 13))
        #expect(error("f(x) = 2x") == ExpressionError(message: "expected an operator before 'x'", offset: 8, hint: "write multiplication with '*', as in '2*x'"))
        #expect(error("f(x) = exq(x)") == ExpressionError(message: "unknown function 'exq'", offset: 7, hint: "did you mean 'exp'?"))
        #expect(error("f(x) = y + 1") == ExpressionError(message: "unknown name 'y'; the variable is 'x'", offset: 7, hint: nil))
        #expect(error("f(x) = max(x)") == ExpressionError(message: "'max' takes 2 arguments, got 1", offset: 7))
        #expect(error("f(x) = x $ 2") == ExpressionError(message: "unexpected character '$'", offset: 9))
        #expect(error("f(x) = x) ") == ExpressionError(message: "unexpected ')' after the formula", offset: 8))
        #expect(error("f(x) = 1", "f(x) = 2") == ExpressionError(message: "'f' is defined twice", offset: 0))
        #expect(error("g(x) = f(x)") == ExpressionError(message: "unknown function 'f'", offset: 7,
                                                        hint: "functions: exp, log, sqrt, tanh, sigmoid, relu, abs, sin, cos, max, min, and those defined before this one"))
        #expect(error("f(x) = x", "f'''(x)") == ExpressionError(message: "at most two primes (second derivatives)", offset: 4))
        #expect(error("f x") == ExpressionError(message: "expected '(' and the variable, as in 'f(x)', got 'x'", offset: 2))
        #expect(error("f(x) x") == ExpressionError(message: "expected '=' and a formula, as in 'f(x) = …', got 'x'", offset: 5))
    }

    @Test func depthAndLengthAreBounded() {
        let deep = "f(x) = " + String(repeating: "(", count: 100) + "x" + String(repeating: ")", count: 100)
        #expect(error(deep) == ExpressionError(message: "formula nested too deeply (more than 64 levels)", offset: 7 + 65))
        let long = "f(x) = " + Array(repeating: "x", count: 600).joined(separator: "+")
        #expect(error(long)?.message == "formula too long: 1206 characters, the limit is 1000")
        // A long flat sum is fine (no nesting): linear in its length.
        #expect(error("f(x) = " + Array(repeating: "x", count: 400).joined(separator: "+")) == nil)
    }
}

@Suite struct PlotKindTests {
    func parse(_ text: String) -> (ExperimentDirective?, [String]) {
        let (directive, diagnostics) = ExperimentDirective.parse(description: "kind: plot\n" + text, path: "p.md")
        return (directive, diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" + ($0.hint.map { " (\($0))" } ?? "") })
    }

    func run(_ text: String, files: [String: String] = [:]) throws -> ExperimentResult {
        let (parsed, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let directive = try #require(parsed)
        return try directive.bound.run(RunContext(directive: directive, sourceRoot: URL(fileURLWithPath: "/nonexistent"),
                                                  files: files.mapValues { Array($0.utf8) }))
    }

    func runError(_ text: String, files: [String: String]) throws -> Diagnostic {
        do {
            _ = try run(text, files: files)
        } catch let d as Diagnostic {
            return d
        }
        Issue.record("no error")
        return Diagnostic(path: "", location: .wholeFile, message: "")
    }

    @Test func functionsTheirDerivativesAndValues() throws {
        let r = try run("function: σ(x) = 1/(1+exp(-x)), tanh(x), relu(x)\nderivative: σ, tanh, relu\nx: -6..6\nsamples: 241\nat: 0, 2")
        #expect(r.figures.count == 2)
        #expect(r.value(at: "σ(0)") == 0.5)
        #expect(abs(r.value(at: "σ'(0)")! - 0.25) < 1e-10)
        #expect(abs(r.value(at: "tanh'(0)")! - 1) < 1e-10)
        #expect(abs(r.value(at: "σ'.max")! - 0.25) < 1e-10 && r.value(at: "σ'.argmax") == 0)
        #expect(abs(r.value(at: "σ'(2)")! - 0.104993585403507) < 1e-9)
        #expect(r.value(at: "relu.max") == 6 && r.value(at: "relu.argmax") == 6 && r.value(at: "tanh.gaps") == 0)
        #expect(r.csv.hasPrefix("x,σ(x),tanh(x),relu(x),σ'(x),tanh'(x),relu'(x)\n-6,"))
        #expect(r.csv.split(separator: "\n").count == 242)
        // Checkable like any experiment's values.
        let (directive, _) = parse("function: σ(x) = 1/(1+exp(-x))\nderivative: σ\nat: 0\nexpect: σ'(0) ≈ 0.25 ± 1e-9\nexpect: σ'.max < 0.2")
        let failures = check(try #require(directive).expectations, against: try run("function: σ(x) = 1/(1+exp(-x))\nderivative: σ\nat: 0"), path: "p.md")
        #expect(failures.map(\.message) == ["expectation failed: σ'.max = 0.25, expected < 0.2"])
        // The figure's words are the author's: never sent for translation.
        #expect(r.figures.allSatisfy { $0.localized { _ in nil }.missing.isEmpty })
    }

    @Test func gapsAreCountedAndNoted() throws {
        let r = try run("function: f(x) = log(x)\nx: -1..1\nsamples: 5")
        #expect(r.value(at: "f.gaps") == 3)  // log(−1), log(−0.5): NaN; log(0) = −∞
        #expect(r.description.contains("Not drawn"))
    }

    @Test func declaredDerivativeIsChecked() throws {
        _ = try run("function: σ(x) = 1/(1+exp(-x))\nderivative: σ'(x) = σ(x)*(1-σ(x))")
        let d = try runError("function: σ(x) = 1/(1+exp(-x))\nderivative: σ'(x) = σ(x)*(1+σ(x))", files: [:])
        #expect(d.message == "the declared derivative σ'(x) is 0.00673765 at x = -5, but the numerical derivative of σ(x) is 0.00664806")
        #expect(d.location == SourceLocation(line: 3, column: 13))
        #expect(parse("derivative: g'(x) = 2*x").1 == ["2:13: 'g'' declares the derivative of 'g', which is neither built in nor defined in 'function:'"])
        // A built-in's derivative may be declared too, and is checked.
        #expect(throws: Never.self) { try run("derivative: tanh'(x) = 1 - tanh(x)^2") }
    }

    @Test func parseErrorsPointIntoTheValue() {
        #expect(parse("function: f(x) = 1/(1+exq(-x)), g(x) = 2x").1 == [
            "2:23: unknown function 'exq' (did you mean 'exp'?)",
            "2:41: expected an operator before 'x' (write multiplication with '*', as in '2*x')",
        ])
        #expect(parse("function: f(x) = x\nx: epoch").1 == ["3:4: 'x' of a function plot must be a range 'a..b' with a < b, got 'epoch'"])
        #expect(parse("functon: f(x) = x").1 == ["2:1: unknown key 'functon' for 'plot' (did you mean 'function'?)"])
        #expect(parse("x: -1..1").1.first?.hasSuffix("a plot needs 'function: f(x) = …' or 'data: FILE.csv' (e.g. 'function: σ(x) = 1/(1+exp(-x))' or 'data: data/runs.csv' with 'x:' and 'y:' columns)") == true)
        #expect(parse("data: ../x.csv\nx: a\ny: b").1 == ["2:7: 'data' must stay inside the source folder, got '../x.csv'"])
        #expect(parse("data: r.csv\nx: a\ny: b\nfunction: f(x) = x").1 == ["5:11: a plot draws either functions or data: remove 'function' or 'data'"])
        #expect(parse("data: r.csv\nx: a\ny: b\nchart: histogrm").1 == ["5:8: unknown value 'histogrm' for 'chart'; allowed: line, scatter, bars, histogram, heatmap (did you mean 'histogram'?)"])
        #expect(parse("function: f(x) = x\nsamples: 10001\nat: 1").1.isEmpty)
        #expect(parse("data: r.csv\nx: a\ny: b\nsamples: 5").1 == ["5:10: 'samples' applies to functions; a data plot draws every row"])
        #expect(parse("data: r.csv\ny: b\nchart: heatmap").1 == ["4:8: a heatmap needs 'x: COLUMN' (across), 'y: COLUMN' (down) and 'value: COLUMN'"])
        // Work: a(x) costs 19 nodes, b(x) ten calls of it (219), c(x) ten of b (2219); 2457 × 10001 samples.
        let ten = { (f: String) in Array(repeating: f, count: 10).joined(separator: "+") }
        #expect(parse("function: a(x) = \(ten("x")), b(x) = \(ten("a(x)")), c(x) = \(ten("b(x)"))\nsamples: 10001").1
            == ["2:1: experiment too large: samples × formula size (nodes, counting calls and derivatives) = 2.46e7 evaluations exceeds the limit of 2e7"])
    }

    static let runs = "epoch,optimizer,loss,accuracy\n1,sgd,2.0,0.5\n2,sgd,1.0,0.7\n3,sgd,0.5,0.8\n1,adam,1.5,0.6\n2,adam,0.4,0.85\n3,adam,0.6,0.9\n"

    @Test func dataLinesByGroup() throws {
        let r = try run("data: runs.csv\nx: epoch\ny: loss\ngroup: optimizer\nlog: y", files: ["runs.csv": Self.runs])
        #expect(r.value(at: "rows") == 6)
        #expect(abs(r.value(at: "column[loss].mean")! - 1) < 1e-12)
        #expect(r.value(at: "column[loss].min") == 0.4 && r.value(at: "column[loss].argmin") == 2)
        #expect(r.value(at: "group[sgd].column[loss].last") == 0.5)
        #expect(r.value(at: "group[adam].column[loss].argmin") == 2)
        #expect(abs(r.value(at: "group[adam].column[loss].std")! - 0.5859465277082315) < 1e-12)  // sample std, as pandas
        #expect(r.csv.hasPrefix("optimizer,epoch,loss\nsgd,1,2\n"))
        let svg = r.svgs(idPrefix: "t-")[0]
        #expect(svg.contains(">sgd<") && svg.contains(">adam<"))
    }

    @Test func dataBarsHistogramAndHeatmap() throws {
        let bars = try run("data: runs.csv\nx: optimizer\ny: accuracy\nchart: bars", files: ["runs.csv": "optimizer,accuracy\nsgd,0.8\nadam,0.9\n"])
        #expect(bars.value(at: "column[accuracy].max") == 0.9)
        let histogram = try run("data: runs.csv\ny: loss\nchart: histogram\nbins: 4", files: ["runs.csv": Self.runs])
        #expect(histogram.value(at: "column[loss].count") == 6)
        let heatmap = try run("data: runs.csv\nx: epoch\ny: optimizer\nvalue: accuracy\nchart: heatmap", files: ["runs.csv": Self.runs])
        #expect(abs(heatmap.value(at: "column[accuracy].mean")! - 0.725) < 1e-12)
        #expect(heatmap.figures.count == 1 && bars.figures.count == 1 && histogram.figures.count == 1)
    }

    @Test func dataErrors() throws {
        let unknown = try runError("data: runs.csv\nx: epoch\ny: los", files: ["runs.csv": Self.runs])
        #expect(unknown.message == "unknown column 'los' in runs.csv; columns: epoch, optimizer, loss, accuracy")
        #expect(unknown.hint == "did you mean 'loss'?" && unknown.location == SourceLocation(line: 4, column: 4))
        let cell = try runError("data: runs.csv\nx: epoch\ny: loss", files: ["runs.csv": "epoch,loss\n1,0.5\n2,n/a\n"])
        #expect(cell.path == "runs.csv" && cell.location == SourceLocation(line: 3, column: 3))
        #expect(cell.message == "'n/a' in column 'loss' is not a number")
        #expect(cell.notes.map(\.message) == ["read by this plot"])
        let twice = try runError("data: runs.csv\nx: optimizer\ny: loss\nchart: bars", files: ["runs.csv": Self.runs])
        #expect(twice.message == "a second row for 'sgd'; bars need one row per category" && twice.location.line == 3)
    }

    @Test func deterministicAndCodable() throws {
        let a = try run("function: f(x) = sin(x)*exp(-x^2/8)\nx: -4..4", files: [:])
        #expect(a == (try run("function: f(x) = sin(x)*exp(-x^2/8)\nx: -4..4")))
        let decoded = try JSONDecoder().decode(ExperimentResult.self, from: JSONEncoder().encode(a))
        #expect(decoded == a && decoded.figures.allSatisfy { $0.authorWords == true })
    }
}
