// The write stage's safety rules: atomic replacement, the marker, refusal of foreign folders, --check differences.
import Diagnostics
import Foundation
import Testing
@testable import Site

@Suite struct OutputFolderTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("site-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func folder(_ name: String) -> OutputFolder {
        OutputFolder(url: root.appendingPathComponent(name), displayPath: name)
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func createsReplacesAndLeavesNothingBehind() throws {
        let output = folder("site")
        try output.replace(with: ["index.html": Array("one".utf8), "a/b.css": Array("x".utf8)])
        #expect(read("site/index.html") == "one")
        #expect(read("site/a/b.css") == "x")
        #expect(read("site/.build-docs") == OutputFolder.markerText)
        try output.replace(with: ["index.html": Array("two".utf8)])
        #expect(read("site/index.html") == "two")
        #expect(read("site/a/b.css") == nil, "files of the previous build are gone")
        // Only the output folder remains beside it: no staging or retired folders.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    /// A site with the marker, written by hand (as an earlier build would have left it).
    func makeSite(at path: String, _ files: [String: String]) throws {
        try OutputFolder.write(files.mapValues { Array($0.utf8) }, into: root.appendingPathComponent(path))
    }

    @Test func removesLeftoversOfAKilledBuildOnlyWhenTheyAreOurs() throws {
        try makeSite(at: ".site.build-docs-new", ["half.html": "x"])
        try folder("site").replace(with: ["index.html": []])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["site"])
        // A folder of that name without our marker is someone else's: refused, untouched.
        let foreign = root.appendingPathComponent(".site.build-docs-new")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        #expect(throws: Diagnostic.error("'.site.build-docs-new' beside the output folder was not made by build-docs; move it away", path: "site")) {
            try folder("site").replace(with: ["index.html": []])
        }
        #expect(read(".site.build-docs-new/notes.txt") == "mine")
    }

    /// A build stopped between the two renames of the fallback swap (old site moved away, new one not yet in place):
    /// the next build puts the old site back before anything else, so a site is never lost.
    @Test func recoversFromAnInterruptedSwap() throws {
        try makeSite(at: ".site.build-docs-old", ["index.html": "old"])
        try makeSite(at: ".site.build-docs-new", ["index.html": "half-written"])
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
        let output = folder("site")
        let warning = try output.recoverInterruptedBuild()
        #expect(warning?.description == "site: warning: an earlier build stopped while replacing the site; the previous site was restored from '.site.build-docs-old'")
        #expect(read("site/index.html") == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["site"])
        // --check after recovery sees the old site; a build then replaces it.
        #expect(output.differences(from: ["index.html": Array("old".utf8)]).isEmpty)
        #expect(try output.replace(with: ["index.html": Array("new".utf8)]) == nil, "nothing left to recover")
        #expect(read("site/index.html") == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["site"])
    }

    /// The swap itself is one atomic exchange where the system has `renameat2(RENAME_EXCHANGE)` (Linux).
    @Test func exchangesAtomically() throws {
        try makeSite(at: "a", ["x": "a"])
        try makeSite(at: "b", ["x": "b"])
        #if os(Linux)
        #expect(OutputFolder.exchange(root.appendingPathComponent("a").path, root.appendingPathComponent("b").path))
        #expect(read("a/x") == "b")
        #expect(read("b/x") == "a")
        #endif
    }

    /// Without the atomic exchange, the two renames replace the site as well and leave nothing behind.
    @Test func fallbackSwapReplacesTheSite() throws {
        let output = folder("site")
        try output.replace(with: ["index.html": Array("one".utf8)], exchange: false)
        try output.replace(with: ["index.html": Array("two".utf8)], exchange: false)
        #expect(read("site/index.html") == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test func refusesASymbolicLinkAsTheOutput() throws {
        try makeSite(at: "real", ["index.html": "x"])
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("site").path, withDestinationPath: "real")
        #expect(throws: Diagnostic.error("output 'site' is a symbolic link; name the folder it points to with --output", path: "site")) {
            try folder("site").replace(with: [:])
        }
        #expect(read("real/index.html") == "x")
    }

    /// Symbolic links in the output folder (even loops) are differences, never followed: --check terminates.
    @Test func checkDoesNotFollowSymbolicLinks() throws {
        try makeSite(at: "site", ["index.html": "x", "sub/page.html": "y"])
        let site = root.appendingPathComponent("site")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("loop").path, withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("index2.html").path, withDestinationPath: "index.html")
        #expect(mkfifo(site.appendingPathComponent("pipe.html").path, 0o644) == 0)
        let differences = folder("site").differences(from: ["index.html": Array("x".utf8), "sub/page.html": Array("y".utf8), "pipe.html": []])
        #expect(differences == ["index2.html (a symbolic link)", "loop (a symbolic link)", "pipe.html (not a regular file)", "sub/up (a symbolic link)"])
    }

    @Test func refusesAFolderNotMadeByBuildDocs() throws {
        let mine = root.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: mine.appendingPathComponent("thesis.tex"))
        let output = folder("notes")
        #expect(throws: Diagnostic.error(
            "output folder 'notes' is not empty and was not made by build-docs (it has no .build-docs file); refusing to overwrite it",
            path: "notes", hint: "choose another folder with --output, or empty this one")) {
            try output.replace(with: ["index.html": []])
        }
        #expect(read("notes/thesis.tex") == "precious")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["notes"])
    }

    @Test func refusesAFile() throws {
        try Data("x".utf8).write(to: root.appendingPathComponent("file"))
        #expect(throws: Diagnostic.self) { try folder("file").checkReplaceable() }
    }

    @Test func acceptsAnEmptyFolder() throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try folder("empty").replace(with: ["index.html": Array("x".utf8)])
        #expect(read("empty/index.html") == "x")
    }

    @Test func differences() throws {
        let output = folder("site")
        try output.replace(with: ["same.html": Array("s".utf8), "changed.html": Array("old".utf8), "extra.html": []])
        let differences = output.differences(from: ["same.html": Array("s".utf8), "changed.html": Array("new".utf8), "new.html": []])
        #expect(differences == ["changed.html", "extra.html (not in the build)", "new.html (missing)"])
        #expect(output.differences(from: ["same.html": Array("s".utf8), "changed.html": Array("old".utf8), "extra.html": []]).isEmpty)
    }
}
