// Numerics benchmark (placeholder until its module lands).
enum NumericsBenchmark {
    static func run() { print("not built yet") }
}
