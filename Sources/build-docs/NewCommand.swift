// `build-docs new FOLDER`: writes a minimal working course (Starter) into a new or empty folder, and says how to
// build it.
import Diagnostics
import Foundation
import Site

enum NewCommand {
    static let declaration = CommandLineOptions.Declaration(
        command: "build-docs new",
        positionals: "FOLDER",
        summary: "Writes a new course that builds at once into FOLDER (which must be new or empty).",
        options: [
            .init(name: "--help", valueName: nil, help: "show this help"),
        ])

    static func run(_ arguments: [String]) -> Int32 {
        let options: CommandLineOptions
        switch CommandLineOptions.read(arguments, for: declaration, maximumPositionals: 1, tooMany: "give one folder") {
        case .success(let read): options = read
        case .failure(let exit): return exit.status
        }
        guard let folder = options.positionals.first, !folder.isEmpty else {
            return CommandLineOptions.usageError("give the folder to write the course into, as in: build-docs new my-course", for: declaration).status
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
