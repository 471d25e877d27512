// What makes a rebuild cheap without making it wrong: a build that changes nothing leaves the output untouched,
// unchanged files are shared with the previous output rather than rewritten, and data-file digests are reused
// only while the file's stat is the one they were computed for.
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
