import Foundation
import Testing
@testable import Diagnostics

@Suite struct DiagnosticsTests {
    @Test func compilerStyle() {
        let d = Diagnostic.error("unknown key 'activaton'", path: "docs-src/a.md", line: 3, column: 1, hint: "did you mean 'activation'?")
        let source = "# Title\n\n\tactivaton: tanh\nnext\n"
        #expect(DiagnosticFormatter.format(d, source: source) == """
            docs-src/a.md:3:1: error: unknown key 'activaton'
                 activaton: tanh
                ^
            note: did you mean 'activation'?
            """)
    }

    @Test func lineLookup() {
        #expect(DiagnosticFormatter.line(1, of: "a\nb") == "a")
        #expect(DiagnosticFormatter.line(2, of: "a\r\nb") == "b")
        #expect(DiagnosticFormatter.line(3, of: "a\nb") == nil)
        #expect(DiagnosticFormatter.line(0, of: "a") == nil)
    }

    @Test func shiftedIntoFile() {
        let inner = Diagnostic.error("x", path: "p", line: 1, column: 4)
        #expect(inner.shifted(toFragmentAt: SourceLocation(line: 10, column: 3)).location == SourceLocation(line: 10, column: 6))
        let second = Diagnostic.error("x", path: "p", line: 2, column: 4)
        #expect(second.shifted(toFragmentAt: SourceLocation(line: 10, column: 3)).location == SourceLocation(line: 11, column: 4))
    }

    @Test(arguments: [
        ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "abc", 0), ("ab", "ba", 1), ("activaton", "activation", 1), ("가나다", "가다", 1),
    ])
    func editDistance(a: String, b: String, expected: Int) {
        #expect(Suggestion.editDistance(a, b) == expected)
        #expect(Suggestion.editDistance(b, a) == expected)
    }

    @Test func suggestions() {
        let keys = ["activation", "init", "layers", "width", "samples", "seed", "bins", "range"]
        #expect(Suggestion.closest(to: "activaton", among: keys) == "activation")
        #expect(Suggestion.closest(to: "layer", among: keys) == "layers")
        #expect(Suggestion.closest(to: "colour", among: keys) == nil)
        #expect(Suggestion.hint(for: "sed", among: keys) == "did you mean 'seed'?")
    }
}

@Suite struct DiagnosticFormatTests {
    static let source = "title: x\nkind: activations\nactivaton: tanh\n"
    static let diagnostic = Diagnostic(.error, path: "docs-src/a.md", location: SourceLocation(line: 3, column: 1),
                                       message: "unknown key 'activaton'")
        .underlining(9)
        .suggesting("activation")
        .noting("first defined here", path: "docs-src/a.md", location: SourceLocation(line: 2, column: 7))
        .noting("work = samples × width² × layers")

    @Test func rangesAreUnderlined() {
        #expect(DiagnosticFormatter.format(Self.diagnostic, source: Self.source) == """
            docs-src/a.md:3:1: error: unknown key 'activaton'
                activaton: tanh
                ^~~~~~~~~
            note: did you mean 'activation'?
            docs-src/a.md:2:7: note: first defined here
                kind: activations
                      ^
            note: work = samples × width² × layers
            """)
    }

    @Test func wholeFileProblemsHaveNoPosition() {
        let d = Diagnostic.error("source folder 'x' does not exist", path: "x")
        #expect(DiagnosticFormatter.format(d, source: "anything") == "x: error: source folder 'x' does not exist")
    }

    /// Golden: the JSON Lines format, one object per diagnostic.
    @Test func json() {
        #expect(DiagnosticFormatter.format(Self.diagnostic, style: .json) { _ in nil } == #"""
            {"severity":"error","path":"docs-src/a.md","line":3,"column":1,"endLine":3,"endColumn":10,"message":"unknown key 'activaton'","hint":"did you mean 'activation'?","notes":[{"message":"first defined here","path":"docs-src/a.md","line":2,"column":7},{"message":"work = samples × width² × layers"}],"fixIts":[{"line":3,"column":1,"endLine":3,"endColumn":10,"replacement":"activation"}]}
            """#)
        let folder = Diagnostic.error("a \"quoted\"\tname\u{1}", path: "dir")
        #expect(DiagnosticFormatter.format(folder, style: .json) { _ in nil } == #"""
            {"severity":"error","path":"dir","message":"a \"quoted\"\tname\u0001","notes":[],"fixIts":[]}
            """#)
    }

    /// A suggestion is a hint and a fix-it over the diagnostic's range (or the caret's character, or a range given);
    /// a fragment's fix-its move with it; nothing to suggest changes nothing.
    @Test func fixIts() {
        let caret = Diagnostic.error("unknown alert", path: "p", line: 2, column: 5).suggesting("[!NOTE]")
        #expect(caret.hint == "did you mean '[!NOTE]'?")
        #expect(caret.fixIts == [Diagnostic.FixIt(range: SourceRange(line: 2, column: 5, endColumn: 6), replacement: "[!NOTE]")])
        let named = Diagnostic.error("x", path: "p", line: 1, column: 2).underlining(8)
            .suggesting("he-normal", for: SourceRange(line: 1, column: 2, endColumn: 6))
        #expect(named.shifted(toFragmentAt: SourceLocation(line: 4, column: 3)).fixIts.first?.range == SourceRange(line: 4, column: 4, endColumn: 8))
        #expect(Diagnostic.error("x", path: "p", line: 1, column: 1).suggesting(nil) == Diagnostic.error("x", path: "p", line: 1, column: 1))
        let whole = Diagnostic.error("x", path: "p").suggesting("y")
        #expect(whole.hint == "did you mean 'y'?" && whole.fixIts.isEmpty)
    }

    /// Golden: GitHub Actions workflow commands, with `%`, newlines, `:` and `,` escaped.
    @Test func github() {
        #expect(DiagnosticFormatter.format(Self.diagnostic, style: .github) { _ in Self.source } == """
            ::error file=docs-src/a.md,line=3,col=1,endColumn=10::unknown key 'activaton'%0Anote: did you mean 'activation'?%0Adocs-src/a.md:2:7: note: first defined here%0Anote: work = samples × width² × layers
            """)
        let odd = Diagnostic(.warning, path: "a,b:c.md", location: .wholeFile, message: "100% odd\r\nname")
        #expect(DiagnosticFormatter.format(odd, style: .github) { _ in nil } == "::warning file=a%2Cb%3Ac.md::100%25 odd%0D%0Aname")
    }

    @Test func longMessagesAndLinesAreElidedInTheMiddle() {
        let value = String(repeating: "a", count: 1000) + "END"
        let d = Diagnostic.error("unknown name '\(value)'", path: "p", line: 1, column: 500)
        let text = DiagnosticFormatter.format(d, source: String(repeating: "x", count: 499) + "^here" + String(repeating: "y", count: 5000))
        let lines = text.split(separator: "\n")
        #expect(lines[0].count <= 320)
        #expect(lines[0].hasPrefix("p:1:500: error: unknown name 'aaa"))
        #expect(lines[0].hasSuffix("aaaEND'"))
        #expect(lines[0].contains("…"))
        // The quoted line is a window around the column, and the caret still points at the '^'.
        #expect(lines[1].count <= DiagnosticFormatter.widestLine + 8)
        let caret = lines[2].firstIndex(of: "^")!
        #expect(Array(lines[1])[lines[2].distance(from: lines[2].startIndex, to: caret)] == "^")
    }

    @Test func atMostTwentyPerFileThenACount() {
        let many = (1...50).map { Diagnostic.error("e\($0)", path: "a.md", line: $0, column: 1) }
            + [Diagnostic.error("other", path: "b.md", line: 1, column: 1)]
        let limited = DiagnosticFormatter.limited(many)
        #expect(limited.count == 22)
        #expect(limited[19].message == "e20")
        #expect(limited[20].description == "a.md: note: and 30 more errors in this file (not shown)")
        #expect(limited[21].message == "other")
        #expect(DiagnosticFormatter.limited(Array(many.prefix(20))) == Array(many.prefix(20)))
    }
}

/// File-system failures in plain words: never a Foundation error domain, never "permission" for what is not one.
@Suite struct FilesTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("files-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func failure(_ path: String, limit: Int = Files.maximumBytes) -> String? {
        do { _ = try Files.read(path, limit: limit); return nil } catch { return error.description }
    }

    @Test func readsAndWrites() throws {
        try Files.write(Array("hello".utf8), to: folder + "/a")
        #expect(try Files.read(folder + "/a") == Array("hello".utf8))
        try Files.checkReadable(folder + "/a")
    }

    @Test func explainsEachFailure() throws {
        #expect(failure(folder + "/missing") == "it does not exist")
        #expect(failure(folder) == "it is a folder, not a file")
        #expect(mkfifo(folder + "/fifo", 0o644) == 0)
        #expect(failure(folder + "/fifo") == "it is a FIFO (named pipe), not a regular file")
        #expect(failure("/dev/zero") == "it is a device, not a regular file")
        try Files.write(Array(repeating: 1, count: 100), to: folder + "/big")
        #expect(failure(folder + "/big", limit: 99) == "it is too large (100 bytes; the limit is 99)")
        #expect(failure(folder + "/" + String(repeating: "n", count: 300)) == "its name is too long for the file system")
        try Files.write([], to: folder + "/file")
        #expect(failure(folder + "/file/below") == "a folder on its path is a file")
        // Unreadable files cannot be made for a test running as root; the phrase is checked directly.
        #expect(Files.explain(EACCES) == "permission denied")
        #expect(throws: Files.Failure(description: "its name is too long for the file system")) {
            try Files.write([], to: folder + "/" + String(repeating: "n", count: 300))
        }
    }
}

@Suite struct NoteBoundTests {
    /// A diagnostic with thousands of notes (a long cycle) prints 20 and counts the rest.
    @Test func atMostTwentyNotes() {
        var d = Diagnostic.error("cycle", path: "p", line: 1, column: 1)
        for i in 1...1000 { d = d.noting("step \(i)") }
        let text = DiagnosticFormatter.format(d)
        #expect(text.split(separator: "\n").count == 1 + 20 + 1)
        #expect(text.hasSuffix("note: step 20\nnote: and 980 more notes (not shown)"))
        #expect(DiagnosticFormatter.format(d, style: .json) { _ in nil }.components(separatedBy: "step ").count - 1 == 20)
    }
}

/// Source lines end at LF, CR LF and CR only, as the `Character` split that every stage used to do.
@Suite struct SourceLinesTests {
    @Test(arguments: ["", "a", "a\n", "\n\n", "a\r\nb\rc\nd", "\r\n\r\n", "\r\r\n\n", "é\u{301}\n\u{301}x", "가\r\n나", "a\u{2028}b\u{0C}c\u{85}d", "\n\u{301}"])
    func likeTheCharacterSplit(_ text: String) {
        let expected = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        #expect(text.sourceLines == expected)
        #expect(text[...].sourceLines == expected.map { $0[...] })
    }
}
