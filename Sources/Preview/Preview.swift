// `build-docs serve`: builds the sources into a private preview folder (never the output folder), serves it on
// loopback, rebuilds when a source changes, and tells the open pages to reload. A failed build shows its
// diagnostics in the browser until the next good save.
import Diagnostics
import Foundation
import Glibc
import Site

/// What to preview, and where to listen.
public struct PreviewOptions: Sendable {
    public var source = "docs-src"
    public var host = "127.0.0.1"
    /// 0 lets the system pick a free port.
    public var port = 8000
    public var useCache = true
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Where cached results live; nil means `<source>/.cache` (as for every build).
    public var cacheFolder: String?
    /// How often the sources are scanned, and how long they must stay unchanged before a rebuild (an editor
    /// saving several files, or writing one in steps, causes one build).
    public var scanInterval = 0.025
    public var settleInterval = 0.02

    public init() {}
}

/// Why the preview could not start.
public struct PreviewError: Error, CustomStringConvertible {
    public let description: String
}

/// A running preview: `start()` it, `stop()` it (which removes its folder).
public final class Preview: @unchecked Sendable {
    /// `http://127.0.0.1:8000/`
    public var url: String { "http://\(options.host == "0.0.0.0" ? "127.0.0.1" : options.host):\(port)/" }
    /// The port listened on (the system's choice when asked for 0).
    public var port: Int { server.port }
    /// The built site being served (inside a temporary folder of its own, removed by `stop()`).
    public let folder: String

    private let options: PreviewOptions
    private let log: @Sendable (String) -> Void
    private let temporary: String
    private let liveReload = LiveReload()
    private var server: HTTPServer!
    private let files: StaticFiles

    private let lock = NSLock()
    /// The page shown instead of every page while the last build failed (nil when it succeeded).
    private var failure: [UInt8]?
    private var built = false
    private var started = false
    private var stopping = false
    private let watcherDone = DispatchSemaphore(value: 0)

    /// Binds the port and creates the preview folder; nothing is built until `start()`.
    /// - Parameter log: receives a line per build: the summary, or the diagnostics as a build prints them.
    public init(_ options: PreviewOptions, log: @escaping @Sendable (String) -> Void) throws(PreviewError) {
        self.options = options
        self.log = log
        var template = Array((NSTemporaryDirectory() + "/build-docs-preview-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw PreviewError(description: "cannot create a preview folder: \(String(cString: strerror(errno)))")
        }
        temporary = String(cString: made)
        folder = temporary + "/site"
        mkdir(folder, 0o755)
        files = StaticFiles(root: folder)
        do {
            server = try HTTPServer(host: options.host, port: options.port) { [weak self] request in
                self?.respond(to: request) ?? .text(503, "the preview has stopped")
            }
        } catch {
            Self.remove(temporary)
            throw PreviewError(description: error.description)
        }
    }

    /// Serves at once (pages show "building" until the first build ends), builds, and watches the sources.
    public func start() {
        lock.lock()
        started = true
        lock.unlock()
        server.start()
        let thread = Thread { [self] in
            watch()
            watcherDone.signal()
        }
        thread.name = "preview watcher"
        thread.start()
    }

    /// Stops serving and watching (after the build under way, if any), and removes the preview folder.
    public func stop() {
        lock.lock()
        let (first, running) = (!stopping, started)
        stopping = true
        lock.unlock()
        guard first else { return }
        liveReload.close()
        server.stop()
        if running { watcherDone.wait() }
        Self.remove(temporary)
    }

    /// Removes the preview's temporary folder; for a second Ctrl-C, which does not wait for the build.
    public func removeFolder() { Self.remove(temporary) }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    // MARK: Watching and building

    private func watch() {
        let source = URL(fileURLWithPath: options.source).standardizedFileURL.path
        var seen = SourceSnapshot.scan(source)
        build()
        while !isStopping {
            Thread.sleep(forTimeInterval: options.scanInterval)
            var now = SourceSnapshot.scan(source)
            guard now != seen else { continue }
            // Wait until the sources stop changing, then build what is there.
            while !isStopping {
                Thread.sleep(forTimeInterval: options.settleInterval)
                let settled = SourceSnapshot.scan(source)
                if settled == now { break }
                now = settled
            }
            seen = now
            if !isStopping { build() }
        }
    }

    private func build() {
        var buildOptions = BuildOptions()
        buildOptions.source = options.source
        buildOptions.output = folder
        buildOptions.jobs = options.jobs
        buildOptions.useCache = options.useCache
        buildOptions.cacheFolder = options.cacheFolder
        let report = Site.build(buildOptions)
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        for diagnostic in report.diagnostics {
            log(DiagnosticFormatter.format(diagnostic, source: report.source(of: diagnostic.path)))
        }
        lock.lock()
        failure = errors == 0 ? nil : Self.errorPage(report)
        built = true
        lock.unlock()
        log(errors == 0 ? report.summary : "build-docs: \(errors) error\(errors == 1 ? "" : "s"); the preview shows them until the next good save")
        liveReload.announce()
    }

    // MARK: Answering requests

    private func respond(to request: HTTPRequest) -> HTTPResponse {
        let target = request.target
        if target == LiveReload.eventsPath { return liveReload.response }
        let lookup = files.lookup(target)
        lock.lock()
        let (failure, built) = (self.failure, self.built)
        lock.unlock()
        let build = liveReload.current
        let wantsPage: Bool
        switch lookup {
        case .file(_, let type): wantsPage = type.hasPrefix("text/html")
        case .notFound: wantsPage = StaticFiles.relativePath(target).map { $0.isEmpty || $0.hasSuffix(".html") } ?? false
        default: wantsPage = false
        }
        if wantsPage, let failure { return Self.page(500, failure, build: build, sitePage: false) }
        if wantsPage, !built {
            return Self.page(503, Self.document(title: "Building…", body: "<p>Building the site; this page reloads when it is ready.</p>"),
                             build: build, sitePage: false)
        }
        switch lookup {
        case .file(let path, let type):
            guard let data = FileManager.default.contents(atPath: path) else { return .text(404, "not found") }
            let bytes = [UInt8](data)
            if type.hasPrefix("text/html") { return Self.page(200, bytes, build: build) }
            return HTTPResponse(status: 200, headers: [("Content-Type", type)], body: bytes)
        case .folder:
            let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
            let query = path.count > 1 ? "?" + path[1] : ""
            return HTTPResponse(status: 301, headers: [("Location", path[0] + "/" + query)], body: [])
        case .notFound:
            let name = HTMLText.escaped(StaticFiles.percentDecoded(Substring(target)) ?? target)
            return Self.page(404, Self.document(title: "Not found", body: "<p>No page <code>\(name)</code> in the preview. <a href=\"/\">Home</a></p>"),
                             build: build, sitePage: false)
        case .forbidden:
            return .text(403, "forbidden: only files inside the preview folder are served")
        }
    }

    private static func page(_ status: Int, _ html: [UInt8], build: String, sitePage: Bool = true) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")],
                     body: LiveReload.inject(into: html, build: build, sitePage: sitePage))
    }

    /// A page of the preview's own (not of the site), plain and readable in light and dark.
    static func document(title: String, body: String) -> [UInt8] {
        Array("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · build-docs serve</title>
        <style>
        :root { color-scheme: light dark; }
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
        pre { font: 14px/1.45 ui-monospace, monospace; padding: 1rem; overflow-x: auto; border-left: 4px solid #c62828;
              background: color-mix(in srgb, #c62828 8%, Canvas); white-space: pre; }
        h1 { font-size: 1.4rem; }
        </style></head>
        <body>
        <h1>\(title)</h1>
        \(body)
        </body></html>

        """.utf8)
    }

    /// The failed build's diagnostics as the terminal shows them (message, source line, caret, note), escaped.
    static func errorPage(_ report: BuildReport) -> [UInt8] {
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let text = report.diagnostics.map { DiagnosticFormatter.format($0, source: report.source(of: $0.path)) }.joined(separator: "\n\n")
        return document(title: "Build failed: \(errors) error\(errors == 1 ? "" : "s")",
                        body: "<pre>\(HTMLText.escaped(text))</pre>\n<p>Fix the sources and save: this page reloads with the site.</p>")
    }

    private static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Text made safe inside HTML elements and attribute values.
enum HTMLText {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
