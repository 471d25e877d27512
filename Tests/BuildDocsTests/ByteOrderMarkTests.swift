// `build-docs markdown` reads a file as the site build does: a UTF-8 byte-order mark at its start is not text.
import Foundation
import Testing

@Suite struct ByteOrderMarkTests {
    @Test func markdownCommandIgnoresAByteOrderMark() throws {
        let root = try workspace([:])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try (Data([0xEF, 0xBB, 0xBF]) + Data("---\ntitle: T\n---\n# Heading\n".utf8)).write(to: root.appendingPathComponent("page.md"))
        let result = try run(["markdown", "page.md"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("<h1"), "\(result.stdout)")
        #expect(!result.stdout.contains("\u{FEFF}"))
    }
}
