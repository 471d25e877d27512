// `build-docs markdown [FILE|-] [--strict | --commonmark]`: one Markdown file → its HTML fragment on stdout.
// Authors use it to check a page; the tests and the README use it to compare with cmark-gfm.
import Foundation
import Diagnostics
import Markdown

enum MarkdownCommand: Command {
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

    static func run(_ options: CommandLineOptions) throws(CommandLineOptions.UsageError) -> Int32 {
        let tooMany = "give at most one file and one mode"
        try options.positionals(atMost: 1, tooMany: tooMany)
        if options.has("--strict") && options.has("--commonmark") { throw .init(tooMany) }
        let path = options.positionals.first ?? "-"
        var bytes: [UInt8]
        if path == "-" {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        } else {
            do { bytes = try Files.read(path) } catch {
                FileHandle.standardError.write(Data("\(path): error: cannot read the file: \(error)\n".utf8))
                return 1
            }
        }
        let mode: MarkdownOptions = options.has("--strict") ? .gfm : options.has("--commonmark") ? .commonMark : .site
        // A byte-order mark is not part of the text; invalid UTF-8 reads as U+FFFD, as a browser would show it
        // (the parser takes valid UTF-8 as it is, without a copy into a String).
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let document = Document(parsing: bytes, options: mode, path: path == "-" ? "<stdin>" : path)
        let output = options.has("--tree") ? Array(document.root.treeDescription.utf8) : HTMLRenderer(options: mode).renderUTF8(document)
        output.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
            FileHandle.standardOutput.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: buffer.count, deallocator: .none))
        }
        // The process ends next: the system takes the memory back at once, faster than freeing the tree node
        // by node (a tenth of the command's time on a large file).
        _ = Unmanaged.passRetained(document.root)
        if !document.diagnostics.isEmpty {
            let text = String(decoding: bytes, as: UTF8.self)
            for diagnostic in DiagnosticFormatter.limited(document.diagnostics.sorted()) {
                FileHandle.standardError.write(Data((DiagnosticFormatter.format(diagnostic, source: text) + "\n").utf8))
            }
        }
        return document.diagnostics.isEmpty ? 0 : 1
    }
}
