// The README documents exactly the schema the parser enforces.
import Foundation
import Testing
@testable import Experiments

@Suite struct ReferenceTests {
    @Test func readmeHoldsTheGeneratedKeyTables() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let reference = ExperimentDirective.referenceMarkdown
        if !readme.contains(reference) {
            try? reference.write(toFile: "/tmp/experiments-reference.md", atomically: true, encoding: .utf8)
        }
        #expect(readme.contains(reference), "README.md's kind tables differ from the schema; the generated text is in /tmp/experiments-reference.md")
    }

    @Test func readmeHoldsTheGeneratedValuePathTable() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(ExperimentDirective.valuePathsMarkdown), "README.md's value paths differ from the kinds' declarations")
    }
}
