// Markdown benchmark (placeholder until its module lands).
enum MarkdownBenchmark {
    static func run() { print("not built yet") }
}
