// `build-docs experiment`: the JSON on stdout, compiler-style errors on stderr, exit statuses.
// Runs the built executable (it sits next to the test bundle; `swift test` builds every product).
import Foundation
import Testing

func buildDocs(_ arguments: [String], stdin: String) throws -> (status: Int32, stdout: String, stderr: String) {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("build-docs")
    let bundleSibling = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("build-docs")
    let url = FileManager.default.isExecutableFile(atPath: executable.path) ? executable : bundleSibling
    let process = Process()
    process.executableURL = url
    process.arguments = ["experiment"] + arguments
    process.currentDirectoryURL = sourceRoot.deletingLastPathComponent()
    let input = Pipe(), output = Pipe(), error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}

@Suite struct ExperimentCommandTests {
    @Test func printsTheResultAsJSON() throws {
        let (status, out, err) = try buildDocs(["--no-svg", "-"], stdin: "kind: weights\nname: w\ninit: he-normal\nfan-in: 50\nfan-out: 40\nexpect: weights.variance_ratio ≈ 1 ± 10%\n")
        #expect(status == 0)
        #expect(err == "")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["kind", "name", "caption", "description", "runLabels", "values", "tables", "csv", "math", "expectations"])
        #expect(json["kind"] as? String == "weights")
        #expect(json["name"] as? String == "w")
        let values = try #require(json["values"] as? [String: Any])
        #expect(abs((values["weights.analytic_variance"] as? Double ?? 0) - 2.0 / 50) < 1e-15)
        // Non-finite values are null (JSON has no NaN).
        let expectations = try #require(json["expectations"] as? [[String: Any]])
        #expect(expectations.count == 1)
        #expect(expectations[0]["passed"] as? Bool == true)
        #expect(expectations[0]["line"] as? Int == 6)
    }

    @Test func nonFiniteValuesAreNullAndFiguresAreIncludedByDefault() throws {
        let (status, out, _) = try buildDocs([], stdin: "kind: weights\ninit: zeros\nfan-in: 4\nfan-out: 4\n")
        #expect(status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let values = try #require(json["values"] as? [String: Any])
        #expect(values["weights.variance_ratio"] is NSNull)
        let figures = try #require(json["figures"] as? [String])
        #expect(figures.count == 1 && figures[0].hasPrefix("<svg") && figures[0].contains("id=\"experiment-"))
    }

    @Test func invalidDescriptionIsACompilerStyleError() throws {
        let (status, out, err) = try buildDocs(["-"], stdin: "kind: depth\nlayers: 0\nactivaton: relu\n")
        #expect(status == 1)
        #expect(out == "")
        #expect(err == """
            <stdin>:2:9: error: 'layers' must be from 1 to 200, got 0
                layers: 0
                        ^
            <stdin>:3:1: error: unknown key 'activaton' for 'depth'
                activaton: relu
                ^~~~~~~~~
            note: did you mean 'activation'?

            """)
    }

    @Test func failedExpectationExitsOneAfterPrintingTheResult() throws {
        let (status, out, err) = try buildDocs(["--no-svg"], stdin: "kind: derivation uniform-bound\nscheme: lecun\nsamples: 1000\nexpect: bound > 1\n")
        #expect(status == 1)
        #expect(out.contains("\"kind\" : \"derivation uniform-bound\""))
        #expect(err.hasPrefix("<stdin>:4:9: error: expectation failed: bound = 0.173, expected > 1\n"))
    }

    @Test func badInvocation() throws {
        let (status, _, err) = try buildDocs(["--no-svgs"], stdin: "")
        #expect(status == 64)
        #expect(err.hasPrefix("build-docs experiment: unknown option '--no-svgs' (did you mean '--no-svg'?)"))
        let help = try buildDocs(["--help"], stdin: "")
        #expect(help.status == 0 && help.stdout.hasPrefix("usage: build-docs experiment [options] [FILE|PAGE.md#NAME|-]"))
    }
}

@Suite struct CrossProcessDeterminismTests {
    @Test func twoProcessesPrintTheSameBytes() throws {
        let text = "kind: gradients\ninit: xavier-normal, he-normal\nactivation: tanh\nlayers: 3\nwidth: 30\nsamples: 64\nloss: cross-entropy\n"
        let a = try buildDocs([], stdin: text), b = try buildDocs([], stdin: text)
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.count > 10_000)
    }
}
