// Placeholder replaced below.
extension LineProcessor {
    mutating func readFrontMatter() -> Int { 0 }
}
