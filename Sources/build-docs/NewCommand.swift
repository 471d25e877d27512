// `build-docs new FOLDER`: writes a minimal working course (Starter) into a new or empty folder, and says how to
// build it.
import Diagnostics
import Foundation
import Site

enum NewCommand: Command {
    static let declaration = CommandLineOptions.Declaration(
        command: "build-docs new",
        positionals: "FOLDER",
        summary: "Writes a new course that builds at once into FOLDER (which must be new or empty).",
        options: [
            .init(name: "--help", valueName: nil, help: "show this help"),
        ])

    static func run(_ options: CommandLineOptions) throws(CommandLineOptions.UsageError) -> Int32 {
        try options.positionals(atMost: 1, tooMany: "give one folder")
        guard let folder = options.positionals.first, !folder.isEmpty else {
            throw .init("give the folder to write the course into, as in: build-docs new my-course")
        }
        do throws(Diagnostic) {
            let written = try Starter.write(to: folder)
            var name = folder
            while name.count > 1, name.hasSuffix("/") { name.removeLast() }
            print("build-docs: wrote a new course in \(name)/: " + written.joined(separator: ", "))
            print("Build it with:  swift run build-docs --source \(name) --output \(name)-site")
            return 0
        } catch {
            FileHandle.standardError.write(Data((DiagnosticFormatter.format(error, source: nil) + "\n").utf8))
            return 1
        }
    }
}
