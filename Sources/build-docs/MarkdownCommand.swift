// `build-docs` Markdown command (placeholder until its module lands).
import Foundation

enum MarkdownCommand {
    static func run(_ arguments: [String]) -> Int32 {
        FileHandle.standardError.write("build-docs: this command is not built yet\n".data(using: .utf8)!)
        return 70
    }
}
