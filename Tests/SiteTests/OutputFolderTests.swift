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

    @Test func removesLeftoversOfAKilledBuildOnly() throws {
        let leftover = root.appendingPathComponent(".site.build-docs-new-4242")
        let unrelated = root.appendingPathComponent(".site.build-docs-new-mine")
        for folder in [leftover, unrelated] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try folder("site").replace(with: ["index.html": []])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == [".site.build-docs-new-mine", "site"])
    }

    @Test func refusesAFolderNotMadeByBuildDocs() throws {
        let mine = root.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: mine.appendingPathComponent("thesis.tex"))
        let output = folder("notes")
        #expect(throws: Diagnostic.error(
            "output folder 'notes' is not empty and was not made by build-docs (it has no .build-docs file); refusing to overwrite it",
            path: "notes", line: 1, column: 1, hint: "choose another folder with --output, or empty this one")) {
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
