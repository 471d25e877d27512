// Math benchmark (placeholder until its module lands).
enum MathBenchmark {
    static func run() { print("not built yet") }
}
