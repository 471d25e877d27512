// The live preview end to end, in process: a Preview on a free port over a temporary copy of the fixture course,
// talked to over real sockets: pages and their types, reload events after edits, the error page, traversal
// attempts, many clients at once, and a stop that removes the preview folder and touches nothing else.
import Foundation
import Glibc
@testable import Preview
import Testing

/// A temporary folder holding `docs-src/` (a copy of the SiteTests fixture course) and a `site/` that the
/// preview must never touch.
final class Workspace {
    static let course = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SiteTests/Fixtures/course")
    let root: URL
    var source: URL { root.appendingPathComponent("docs-src") }
    var site: URL { root.appendingPathComponent("site") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("build-docs-preview-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.course, to: source)
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data("<p>the committed site</p>\n".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("build-docs marker\n".utf8).write(to: site.appendingPathComponent(".build-docs"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: source.appendingPathComponent(path))
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: source.appendingPathComponent(path), encoding: .utf8)
    }

    /// A preview of `docs-src/` on a free port, its cache inside the workspace.
    func startPreview() throws -> Preview {
        var options = PreviewOptions()
        options.source = source.path
        options.port = 0
        options.cacheFolder = root.appendingPathComponent("cache").path
        let preview = try Preview(options) { _ in }
        preview.start()
        return preview
    }
}

@Suite(.serialized) struct PreviewTests {
    @Test func servesPagesWithTheirTypesAndTheReloadScript() throws {
        let workspace = try Workspace()
        let preview = try workspace.startPreview()
        defer { preview.stop() }
        let events = try EventClient(port: preview.port)
        _ = try events.nextBuild()

        let client = try HTTPClient(port: preview.port)
        let home = try client.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.headers["cache-control"] == "no-store")
        #expect(home.text.contains("new EventSource(\"/.build-docs/events\")"))
        #expect(home.text.contains("Fixture course"))
        // The script goes only into what is served: the built files have none.
        let built = try String(contentsOfFile: preview.folder + "/index.html", encoding: .utf8)
        #expect(!built.contains("<script"))

        // Every file the site has is served with its type and length; HEAD sends the same head and no body.
        let paths = FileManager.default.enumerator(atPath: preview.folder)!.compactMap { $0 as? String }
            .filter { !$0.hasPrefix(".") && !$0.contains("/.") }
        var types: Set<String> = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: preview.folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let response = try client.get("/" + path)
            #expect(response.status == 200, "\(path)")
            let type = try #require(response.headers["content-type"])
            #expect(type != "application/octet-stream", "\(path) has no media type")
            types.insert(type)
            let head = try client.request("HEAD", "/" + path)
            #expect(head.headers["content-length"] == response.headers["content-length"])
            #expect(head.body.isEmpty)
            if !path.hasSuffix(".html") {
                #expect(response.body == [UInt8](try Data(contentsOf: URL(fileURLWithPath: preview.folder + "/" + path))))
            }
        }
        #expect(types.isSuperset(of: ["text/html; charset=utf-8", "text/css; charset=utf-8", "image/svg+xml", "text/csv; charset=utf-8"]))

        let missing = try client.get("/no-such-page.html")
        #expect(missing.status == 404)
        #expect(missing.text.contains("no-such-page.html"))
        #expect(try client.get("/images").status == 301)
        #expect(try client.request("POST", "/").status == 405)
    }

    @Test func anEditedPageIsServedChangedAfterTheReloadEvent() throws {
        let workspace = try Workspace()
        let preview = try workspace.startPreview()
        defer { preview.stop() }
        let events = try EventClient(port: preview.port)
        let first = try events.nextBuild()
        let client = try HTTPClient(port: preview.port)
        #expect(try !client.get("/index.html").text.contains("A freshly written sentence."))

        try workspace.write(try workspace.read("index.md") + "\nA freshly written sentence.\n", to: "index.md")
        let second = try events.nextBuild()
        #expect(second != first)
        #expect(try client.get("/index.html").text.contains("A freshly written sentence."))

        // A new page is built too.
        try workspace.write("---\ntitle: Added\n---\n# Added later\n", to: "03-added.md")
        _ = try events.nextBuild()
        #expect(try client.get("/03-added.html").text.contains("Added later"))
    }

    @Test func aFailedBuildShowsItsDiagnosticsUntilTheNextGoodSave() throws {
        let workspace = try Workspace()
        let preview = try workspace.startPreview()
        defer { preview.stop() }
        let events = try EventClient(port: preview.port)
        _ = try events.nextBuild()
        let client = try HTTPClient(port: preview.port)
        let good = try workspace.read("01-weights.md")

        // An unknown key whose line holds markup: the page must show it as text.
        try workspace.write(good.replacingOccurrences(of: "bins: 20", with: "binz: <b>20</b>"), to: "01-weights.md")
        _ = try events.nextBuild()
        let line = try #require(good.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "bins: 20" }) + 1
        for path in ["/01-weights.html", "/index.html", "/"] {
            let failed = try client.get(path)
            #expect(failed.status == 500)
            #expect(failed.text.contains("docs-src/01-weights.md:\(line):1: error:"), "\(failed.text)")
            #expect(failed.text.contains("binz: &lt;b&gt;20&lt;/b&gt;"))
            #expect(!failed.text.contains("<b>20"))
            #expect(failed.text.contains("new EventSource"))
        }
        // Files other than pages stay those of the last good build.
        #expect(try client.get("/images/neuron.svg").status == 200)

        try workspace.write(good, to: "01-weights.md")
        _ = try events.nextBuild()
        let fixed = try client.get("/01-weights.html")
        #expect(fixed.status == 200)
        #expect(fixed.text.contains("Sampled weights"))
        #expect(!fixed.text.contains("error:"))
    }

    @Test func onlyFilesInsideThePreviewFolderAreServed() throws {
        let workspace = try Workspace()
        let preview = try workspace.startPreview()
        defer { preview.stop() }
        let events = try EventClient(port: preview.port)
        _ = try events.nextBuild()
        // A secret beside the preview folder, and links from inside it to the outside.
        let outside = URL(fileURLWithPath: preview.folder).deletingLastPathComponent().appendingPathComponent("secret.txt")
        try Data("SECRET".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: preview.folder + "/link.txt", withDestinationPath: outside.path)
        try FileManager.default.createSymbolicLink(atPath: preview.folder + "/etc", withDestinationPath: "/etc")

        let client = try HTTPClient(port: preview.port)
        for target in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/images/..%2F..%2Fsecret.txt",
                       "/..%5csecret.txt", "//etc/passwd", "/%2Fetc%2Fpasswd", "/link.txt", "/etc/passwd", "/etc/",
                       "/index.html%00.css", "/%00", "/.build-docs", "/images/%zz", "etc/passwd", "http://x/../secret.txt"] {
            let response = try client.get(target)
            #expect([400, 403, 404].contains(response.status), "\(target): \(response.status)")
            #expect(!response.text.contains("SECRET") && !response.text.contains("root:"), "\(target)")
        }
        #expect(try client.get("/images/neuron.svg").status == 200)
        // A raw NUL byte in the request line is not a request: 400, and the connection is closed.
        let raw = try HTTPClient(port: preview.port)
        #expect(try raw.get("/index.html\0").status == 400)
        #expect(throws: (any Error).self) { _ = try raw.get("/index.html") }
    }

    @Test func tenClientsMakeAHundredRequestsEachInParallel() throws {
        let workspace = try Workspace()
        let preview = try workspace.startPreview()
        defer { preview.stop() }
        let events = try EventClient(port: preview.port)
        _ = try events.nextBuild()
        let paths = ["/", "/01-weights.html", "/images/neuron.svg", "/style.css", "/02-derivation.html"]
        let expected = try paths.map { try HTTPClient(port: preview.port).get($0).body }
        #expect(expected.allSatisfy { !$0.isEmpty })
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 10) { clientIndex in
            do {
                let client = try HTTPClient(port: preview.port)
                for request in 0..<100 {
                    let index = (clientIndex + request) % paths.count
                    let response = try client.get(paths[index])
                    if response.status != 200 || response.body != expected[index] { failures.add() }
                }
            } catch {
                failures.add()
            }
        }
        #expect(failures.value == 0)
    }

    @Test func stoppingRemovesThePreviewFolderAndLeavesTheSiteAlone() throws {
        let workspace = try Workspace()
        let before = try Self.contents(of: workspace.site)
        let preview = try workspace.startPreview()
        let events = try EventClient(port: preview.port)
        _ = try events.nextBuild()
        let temporary = URL(fileURLWithPath: preview.folder).deletingLastPathComponent().path
        #expect(FileManager.default.fileExists(atPath: preview.folder + "/index.html"))
        preview.stop()
        #expect(!FileManager.default.fileExists(atPath: temporary))
        #expect(try Self.contents(of: workspace.site) == before)
        // The port is closed, and the event stream has ended.
        #expect(throws: (any Error).self) { _ = try HTTPClient(port: preview.port).get("/") }
        #expect(throws: (any Error).self) { _ = try events.nextBuild() }
    }

    static func contents(of folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path)! {
            result[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
        }
        return result
    }
}

@Suite struct RequestPathTests {
    @Test(arguments: [
        ("/", ""), ("/index.html", "index.html"), ("/images/neuron.svg?v=1#x", "images/neuron.svg"),
        ("/a%20b.html", "a b.html"), ("/images/", "images"),
    ])
    func plainPaths(target: String, relative: String) {
        #expect(StaticFiles.relativePath(target) == relative)
    }

    @Test(arguments: ["/..", "/../x", "/a/../b", "/%2e%2e/x", "/%2E%2e", "/a%2F..%2Fb", "//x", "/a//b", "/.hidden", "/./a",
                      "/a\\b", "/a%5c..", "/a%00b", "/%", "/%4", "/%zz", "x", "http://host/x", "", "/%ff"])
    func refusedPaths(target: String) {
        #expect(StaticFiles.relativePath(target) == nil)
    }

    @Test func requestHeads() throws {
        let request = try #require(HTTPServer.parse(Array("\r\nGET /a.html HTTP/1.1\r\nHost: x\r\nConnection: close".utf8)))
        #expect(request.method == "GET" && request.target == "/a.html" && request.headers["host"] == "x")
        #expect(!request.keepsAlive)
        #expect(HTTPServer.parse(Array("GET /a HTTP/1.0".utf8))?.keepsAlive == false)
        #expect(HTTPServer.parse(Array("GET /a HTTP/1.1".utf8))?.keepsAlive == true)
        for bad in ["GET /a\nLocation:x HTTP/1.1", "GET /a\u{7F} HTTP/1.1", "GET /a", "GET  /a HTTP/1.1", "GET /a HTTP/2",
                    "GET /a HTTP/1.1\r\nno colon", "GET /a HTTP/1.1\r\nBad Name: x", "GET /é HTTP/1.1"] {
            #expect(HTTPServer.parse(Array(bad.utf8)) == nil, "\(bad)")
        }
    }

    @Test func typesOfTheSiteFiles() {
        #expect(StaticFiles.contentType(of: "/x/a.HTML") == "text/html; charset=utf-8")
        #expect(StaticFiles.contentType(of: "/x/latinmodern-math.otf") == "font/otf")
        #expect(StaticFiles.contentType(of: "/x/figure.csv") == "text/csv; charset=utf-8")
        #expect(StaticFiles.contentType(of: "/x.d/README") == "application/octet-stream")
    }

    @Test func theScriptGoesBeforeTheLastBodyEndTag() {
        let html = Array("<body><p>&lt;/body&gt; </body></p></body>\n</html>".utf8)
        let out = String(decoding: LiveReload.inject(into: html, build: "b-1"), as: UTF8.self)
        #expect(out.hasPrefix("<body><p>&lt;/body&gt; </body></p><script>"))
        #expect(out.hasSuffix("</script>\n</body>\n</html>"))
        #expect(out.contains("event.data === \"b-1\""))
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
