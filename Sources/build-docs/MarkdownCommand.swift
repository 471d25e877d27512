// `build-docs markdown [FILE|-] [--strict | --commonmark]`: one Markdown file → its HTML fragment on stdout.
// Authors use it to check a page; the tests and the README use it to compare with cmark-gfm.
import Foundation
import Diagnostics
import Markdown

enum MarkdownCommand {
    static let declaration = CommandLineOptions.Declaration(
        command: "build-docs markdown",
        positionals: "[FILE|-]",
        summary: """
            Renders one Markdown file (standard input when FILE is '-' or absent) as an HTML fragment on standard
            output, in the site's dialect: GitHub Flavored Markdown plus front matter, math, alerts and heading ids.
            """,
        options: [
            .init(name: "--strict", valueName: nil,
                  help: "GitHub Flavored Markdown only, as cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist writes it"),
            .init(name: "--commonmark", valueName: nil, help: "CommonMark 0.31.2 only, no extensions"),
            .init(name: "--tree", valueName: nil, help: "print the syntax tree with source ranges instead of HTML"),
            .init(name: "--help", valueName: nil, help: "show this help"),
        ])

    static func run(_ arguments: [String]) -> Int32 {
        let tooMany = "give at most one file and one mode"
        let options: CommandLineOptions
        switch CommandLineOptions.read(arguments, for: declaration, maximumPositionals: 1, tooMany: tooMany) {
        case .success(let read): options = read
        case .failure(let exit): return exit.status
        }
        if options.has("--strict") && options.has("--commonmark") {
            return CommandLineOptions.usageError(tooMany, for: declaration).status
        }
        let path = options.positionals.first ?? "-"
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do { data = Data(try Files.read(path)) } catch {
                FileHandle.standardError.write(Data("\(path): error: cannot read the file: \(error)\n".utf8))
                return 1
            }
        }
        let mode: MarkdownOptions = options.has("--strict") ? .gfm : options.has("--commonmark") ? .commonMark : .site
        // Invalid UTF-8 reads as U+FFFD, as a browser would show it; a byte-order mark is not part of the text.
        let text = String(decoding: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data, as: UTF8.self)
        let document = Document(parsing: text, options: mode, path: path == "-" ? "<stdin>" : path)
        let output = options.has("--tree") ? Array(document.root.treeDescription.utf8) : HTMLRenderer(options: mode).renderUTF8(document)
        output.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            FileHandle.standardOutput.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
        // The process ends next: the system takes the memory back at once, faster than freeing the tree node
        // by node (a tenth of the command's time on a large file).
        _ = Unmanaged.passRetained(document.root)
        for diagnostic in DiagnosticFormatter.limited(document.diagnostics.sorted()) {
            FileHandle.standardError.write(Data((DiagnosticFormatter.format(diagnostic, source: text) + "\n").utf8))
        }
        return document.diagnostics.isEmpty ? 0 : 1
    }
}
