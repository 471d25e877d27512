// `build-docs math [TEX] [--display]`: prints the MathML for one formula (read from standard input when no
// argument is given). A bad formula prints `<input>:LINE:COLUMN: error: …` with the line and a caret, exit 1.
import Diagnostics
import Foundation
import TeXMath

enum MathCommand: Command {
    static let declaration = CommandLineOptions.Declaration(
        command: "build-docs math",
        positionals: "[TEX]",
        summary: "Prints the MathML for a LaTeX formula (from standard input when TEX is not given).",
        options: [
            .init(name: "--display", valueName: nil, help: "display style (a block equation) instead of inline"),
            .init(name: "--help", valueName: nil, help: "show this help"),
        ])

    static func run(_ options: CommandLineOptions) throws(CommandLineOptions.UsageError) -> Int32 {
        try options.positionals(atMost: 1, tooMany: "give one formula (quote it)")
        var tex = options.positionals.first ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        if options.positionals.isEmpty, tex.hasSuffix("\n") { tex.removeLast() }
        do {
            print(try TeXMath.mathML(tex, display: options.has("--display")))
            return 0
        } catch {
            let diagnostic = Diagnostic.error(error.message, path: "<input>", line: error.line, column: error.column, hint: error.hint)
            FileHandle.standardError.write(Data((DiagnosticFormatter.format(diagnostic, source: tex) + "\n").utf8))
            return 1
        }
    }
}
