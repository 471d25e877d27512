// What makes a rebuild cheap without making it wrong: a build that changes nothing leaves the output untouched,
// unchanged files are shared with the previous output rather than rewritten, and data-file digests are reused
// only while the file's stat is the one they were computed for.
import Basics
import Experiments
import Foundation
import Glibc
import Testing
@testable import Site

@Suite struct RebuildTests {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("site-rebuild-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func inode(_ path: String) -> UInt? {
        var status = stat()
        return stat(root.appendingPathComponent(path).path, &status) == 0 ? UInt(status.st_ino) : nil
    }

    @Test func aBuildWithNoChangeLeavesTheOutputUntouched() throws {
        let output = OutputFolder(url: root.appendingPathComponent("site"), displayPath: "site")
        let files = ["index.html": Array("one".utf8), "a/b.css": Array("x".utf8)]
        try output.replace(with: files)
        let before = (inode("site"), inode("site/index.html"), inode("site/a/b.css"))
        try output.replace(with: files)
        let after = (inode("site"), inode("site/index.html"), inode("site/a/b.css"))
        #expect(before == after)
        // A file changed by hand in the output is not "no change": the folder is replaced.
        try Data("edited".utf8).write(to: root.appendingPathComponent("site/index.html"))
        try output.replace(with: files)
        #expect(FileManager.default.contents(atPath: root.appendingPathComponent("site/index.html").path) == Data("one".utf8))
        #expect(inode("site") != before.0)
    }

    @Test func unchangedFilesAreSharedAndChangedOnesWritten() throws {
        let output = OutputFolder(url: root.appendingPathComponent("site"), displayPath: "site")
        try output.replace(with: ["same.html": Array("s".utf8), "changed.html": Array("old".utf8), "gone.html": []])
        let same = inode("site/same.html")
        let changed = inode("site/changed.html")
        try output.replace(with: ["same.html": Array("s".utf8), "changed.html": Array("new".utf8)])
        #expect(inode("site/same.html") == same)
        #expect(inode("site/changed.html") != changed)
        #expect(output.differences(from: ["same.html": Array("s".utf8), "changed.html": Array("new".utf8)]).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }

    @Test func digestsAreRememberedOnlyForSettledFilesAndOnlyWhileTheirStatHolds() throws {
        let memo = root.appendingPathComponent("cache/digests")
        let old = root.appendingPathComponent("old.bin"), fresh = root.appendingPathComponent("fresh.bin")
        let bytes = Array((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try Data(bytes).write(to: old)
        try Data(bytes).write(to: fresh)
        var hasher = SHA256()
        hasher.update(bytes)
        let expected = hasher.hexDigest()

        // Settled at once here (a test cannot wait for a file to age), and only for this instance.
        #expect(FileDigests(memo: memo, settledSeconds: 0).digest(of: old.path) == expected)
        let digests = FileDigests(memo: memo)
        #expect(digests.digest(of: fresh.path) == expected)
        #expect(digests.digest(of: root.appendingPathComponent("missing").path) == nil)
        let remembered = try String(contentsOf: memo, encoding: .utf8)
        #expect(remembered.contains(old.path))
        #expect(!remembered.contains(fresh.path), "a file modified within the clock's granularity is hashed every time")

        // A remembered digest is trusted while the stat matches (a forged one shows it is not recomputed)…
        let forged = String(repeating: "f", count: 64)
        try Data(remembered.replacingOccurrences(of: expected, with: forged).utf8).write(to: memo)
        #expect(FileDigests(memo: memo).digest(of: old.path) == forged)
        // …and not once the file changes, even to bytes of the same size.
        var changed = bytes
        changed[0] ^= 1
        try Data(changed).write(to: old)
        let recomputed = FileDigests(memo: memo, settledSeconds: 0).digest(of: old.path)
        #expect(recomputed != forged && recomputed != expected && recomputed?.utf8.count == 64)
    }
}

/// A build that finds nothing changed since the last one returns its report without building; any change to a
/// source, to the output folder or to the record itself builds in full, and the output is always what a full
/// build makes.
@Suite struct UpToDateTests {
    func isFull(_ report: BuildReport) -> Bool { report.stageSeconds.first?.name == "load" }

    @Test func anUnchangedSiteIsNotBuiltAgainAndEveryChangeIs() throws {
        let site = try TestSite(fixture: "course")
        defer { site.remove() }
        // Sources are trusted by their stamps only once settled (two writes within a clock tick look the same).
        let fresh = site.build()
        #expect(fresh.succeeded && isFull(fresh))
        #expect(site.build().stageSeconds.first?.name == "load", "sources changed less than 2 s ago: built in full")
        Thread.sleep(forTimeInterval: 2.1)
        let first = site.build()
        #expect(first.succeeded && isFull(first))
        let expected = site.outputFiles()

        let again = site.build()
        #expect(again.succeeded && !isFull(again))
        #expect(again.pageCount == first.pageCount && again.experimentsRun == 0
                && again.experimentsReused == first.experimentsRun + first.experimentsReused)
        #expect(site.outputFiles() == expected)

        // The output edited, or a file removed or added by hand: built in full, and restored.
        let page = site.output.appendingPathComponent("index.html")
        try Data("edited".utf8).write(to: page)
        #expect(isFull(site.build()))
        #expect(site.outputFiles() == expected)
        try FileManager.default.removeItem(at: page)
        #expect(isFull(site.build()))
        try Data("x".utf8).write(to: site.output.appendingPathComponent("extra.html"))
        #expect(isFull(site.build()))
        #expect(site.outputFiles() == expected)
        #expect(!isFull(site.build()))

        // A damaged record is not trusted.
        let record = site.cache.appendingPathComponent(UpToDate.recordName)
        let text = try String(contentsOf: record, encoding: .utf8)
        for damaged in [String(text.prefix(text.utf8.count / 2)), "", "garbage\n", text.replacingOccurrences(of: "output ", with: "outpt ")] {
            try Data(damaged.utf8).write(to: record)
            #expect(isFull(site.build()))
            #expect(site.outputFiles() == expected)
        }
        // --check compares, whatever the record says.
        try Data("edited".utf8).write(to: page)
        #expect(site.build(check: true).differences == ["index.html"])
        #expect(isFull(site.build()))

        // A changed source, even to the same size: built in full (and, being fresh, not recorded).
        let source = site.source.appendingPathComponent("index.md")
        var bytes = try Array(Data(contentsOf: source))
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "W")))
        bytes[at] = UInt8(ascii: "V")
        try Data(bytes).write(to: source)
        let edited = site.build()
        #expect(edited.succeeded && isFull(edited))
        #expect(site.outputFiles() != expected)
        #expect(isFull(site.build()))
    }

    @Test func aBuildWithWarningsOrWithoutTheCacheIsNotRecorded() throws {
        let site = try TestSite(["index.md": "# T\n\n![](missing-alt.svg \"A picture\")\n", "missing-alt.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"])
        defer { site.remove() }
        Thread.sleep(forTimeInterval: 2.1)
        let warned = site.build()
        #expect(warned.succeeded && warned.count(of: .warning) > 0)
        let again = site.build()
        #expect(isFull(again) && again.count(of: .warning) == warned.count(of: .warning))
        #expect(isFull(site.build(cache: false)))
        #expect(!FileManager.default.fileExists(atPath: site.cache.appendingPathComponent(UpToDate.recordName).path))
    }
}

/// The engine version is remembered per executable (by its build ID), never trusted from another one.
@Suite struct EngineVersionTests {
    @Test func rememberedForThisExecutableOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("engine-version-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let memo = folder.appendingPathComponent(EngineVersion.memoName)
        let executable = try #require(EngineVersion.buildID)
        #expect(executable.count >= 16 && executable.allSatisfy(\.isHexDigit))
        let real = EngineVersion.current(memo: memo)
        #expect(real == ExperimentDirective.engineVersion)
        #expect(try String(contentsOf: memo, encoding: .utf8) == "\(executable) \(real)\n")
        // Read back, not computed (a forged version shows it)…
        try Data("\(executable) forged\n".utf8).write(to: memo)
        #expect(EngineVersion.current(memo: memo) == "forged")
        // …but never another executable's, nor a damaged memo.
        for other in ["0123 forged\n", "\(executable) forged", "\(executable) \n", "", "\(executable)"] {
            try Data(other.utf8).write(to: memo)
            #expect(EngineVersion.current(memo: memo) == real, "\(other)")
        }
    }
}

/// Figures drawn (and tables translated) by an earlier build are reused only under the same numbers, place, language
/// and executable; a damaged entry is made again.
@Suite struct FigureCacheTests {
    @Test func drawnOnceRedrawnWhenTheRunChangesAndRecoveredWhenDamaged() throws {
        let site = try TestSite(fixture: "course")
        defer { site.remove() }
        #expect(site.build().succeeded)
        let expected = site.outputFiles()
        let folder = site.cache.appendingPathComponent("presentations")
        func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).filter(ResultCache.isEntryName).sorted() }
        let drawn = try entries()
        #expect(drawn.count == 2, "the figure and the derivation")

        // Damaged entries are drawn again, and the site is the same.
        for name in drawn { try Data("{\"svgs\": [".utf8).write(to: folder.appendingPathComponent(name)) }
        #expect(site.build().succeeded)
        #expect(site.outputFiles() == expected)
        #expect(try entries() == drawn)

        // A stored drawing is what the page shows (a forged one shows it is not drawn again)…
        let forged = ExperimentExpansion.Presentation(svgs: ["<svg>forged</svg>"], warnings: [], tables: [], missing: [])
        for name in drawn { try JSONEncoder().encode(forged).write(to: folder.appendingPathComponent(name)) }
        #expect(site.build().succeeded)
        #expect(site.page("01-weights.html").contains("<svg>forged</svg>"))
        // …until the numbers change: then it is drawn, and the old drawing pruned.
        let path = site.source.appendingPathComponent("01-weights.md")
        let text = try String(contentsOf: path, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "seed: 7", with: "seed: 8").utf8).write(to: path)
        #expect(site.build().succeeded)
        #expect(!site.page("01-weights.html").contains("forged") && site.page("01-weights.html").contains("<svg"))
        #expect(try entries().count == 2 && Set(entries()).intersection(drawn).count == 1)
    }
}
