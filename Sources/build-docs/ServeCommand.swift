// `build-docs serve`: the live preview. Arguments → Preview → a line per build until Ctrl-C (SIGINT or SIGTERM),
// which stops serving, lets a build under way finish, and removes the preview folder; a second Ctrl-C does not wait.
import Dispatch
import Foundation
import Preview

enum ServeCommand: Command {
    static let declaration = CommandLineOptions.Declaration(
        command: "build-docs serve",
        positionals: "",
        summary: """
        Builds the site into a temporary preview folder (never the output folder), serves it, and rebuilds when a
        source changes; open pages reload by themselves, and a failed build shows its errors in the browser.
        """,
        options: [
            .source,
            .init(name: "--port", valueName: "N", help: "the port to listen on (default: 8000; 0 picks a free one)"),
            .init(name: "--host", valueName: "ADDRESS", help: "the IPv4 address to listen on (default: 127.0.0.1, this machine only)"),
            .jobs,
            .init(name: "--open", valueName: nil, help: "open the preview in the default browser (with xdg-open)"),
            .init(name: "--no-cache", valueName: nil, help: "rerun every experiment on every build, ignoring and not updating the cache"),
            .init(name: "--help", valueName: nil, help: "print this help"),
        ])

    static func run(_ parsed: CommandLineOptions) throws(CommandLineOptions.UsageError) -> Int32 {
        try parsed.positionals(atMost: 0, tooMany: "serve takes no arguments")
        var options = PreviewOptions()
        if let source = parsed.values["--source"] { options.source = source }
        if let host = parsed.values["--host"] { options.host = host }
        if let port = try parsed.integer("--port", in: 0...65535, "a number from 0 to 65535") { options.port = port }
        if let jobs = try parsed.jobs() { options.jobs = jobs }
        options.useCache = !parsed.has("--no-cache")

        let preview: Preview
        do {
            preview = try Preview(options) { line in BuildCommand.printError(line) }
        } catch {
            BuildCommand.printError("build-docs serve: error: \(error.description)")
            return 1
        }
        // Signals are taken from their default action and handled on a queue, where stopping may block.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let stopping = DispatchSemaphore(value: 0)
        let signals = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stopping.signal() }
            source.resume()
            return source
        }
        // Written at once (not buffered), so a script or test reading the port sees it.
        FileHandle.standardOutput.write(Data("Serving \(preview.url) (Ctrl-C to stop)\n".utf8))
        preview.start()
        if parsed.has("--open") { openInBrowser(preview.url) }
        stopping.wait()
        // A second signal while the build under way finishes: leave at once, folder removed.
        for source in signals {
            source.setEventHandler {
                preview.removeFolder()
                exit(130)
            }
        }
        preview.stop()
        return 0
    }

    /// Hands the address to the desktop's opener; without one, says so (the Serving line has the address).
    static func openInBrowser(_ url: String) {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let opener = folders.map({ "\($0)/xdg-open" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            BuildCommand.printError("build-docs serve: --open: no xdg-open on this system; open \(url) in a browser")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: opener)
        process.arguments = [url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            BuildCommand.printError("build-docs serve: --open: \(error.localizedDescription); open \(url) in a browser")
        }
    }
}
