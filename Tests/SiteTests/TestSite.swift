// A site in a temporary folder, built through the real pipeline (Site.build), for end-to-end tests: sources
// written from a dictionary or copied from Fixtures/, output and cache in the same temporary folder.
import Diagnostics
import Foundation
@testable import Site

struct TestSite {
    let root: URL
    var source: URL { root.appendingPathComponent("src") }
    var output: URL { root.appendingPathComponent("site") }
    var cache: URL { root.appendingPathComponent("cache") }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A site made of `files` (path → text), with a minimal site.yml unless one is given.
    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("site-test-\(UUID().uuidString)")
        var files = files
        if files["site.yml"] == nil { files["site.yml"] = "title: Test site\n" }
        for (path, text) in files { try write(path, Data(text.utf8)) }
    }

    /// A copy of the fixture folder `name`.
    init(fixture name: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("site-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: source)
    }

    func write(_ path: String, _ data: Data) throws {
        let url = source.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func build(check: Bool = false, cache useCache: Bool = true, jobs: Int = 2, output: URL? = nil) -> BuildReport {
        var options = BuildOptions()
        options.source = source.path
        options.output = (output ?? self.output).path
        options.checkOnly = check
        options.useCache = useCache
        options.jobs = jobs
        options.cacheFolder = cache.path
        return Site.build(options)
    }

    /// The diagnostics as build-docs prints them (source line and caret), paths relative to the test folder.
    func printed(_ report: BuildReport) -> String {
        report.diagnostics.map { DiagnosticFormatter.format($0, source: report.source(of: $0.path)) }
            .joined(separator: "\n").replacingOccurrences(of: root.path + "/", with: "")
    }

    /// Every output file → bytes.
    func outputFiles(_ folder: URL? = nil) -> [String: Data] {
        let folder = folder ?? output
        var files: [String: Data] = [:]
        for path in OutputFolder.listEntries(in: folder).keys {
            files[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
        }
        return files
    }

    func page(_ path: String) -> String {
        FileManager.default.contents(atPath: output.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
