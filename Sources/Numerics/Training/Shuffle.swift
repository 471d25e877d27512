// Seeded shuffling for mini-batches: Fisher–Yates (Knuth, TAOCP vol. 2, Algorithm 3.4.2P) with bounded
// integers drawn by Lemire's multiply-and-reject method ("Fast random integer generation in an interval",
// 2019). Both are written here rather than taken from the standard library, whose algorithms may change
// between toolchains; a seed must give the same order forever.

extension RandomGenerator {
    /// A uniform integer in 0..<bound, unbiased.
    mutating func index(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let n = UInt64(bound)
        let threshold = (0 &- n) % n  // 2⁶⁴ mod n: low words below it would over-represent some results
        while true {
            let (high, low) = next().multipliedFullWidth(by: n)
            if low >= threshold { return Int(high) }
        }
    }

    /// A uniformly random permutation of 0..<count.
    mutating func permutation(of count: Int) -> [Int] {
        var order = Array(0..<count)
        var i = count - 1
        while i > 0 {
            order.swapAt(i, index(below: i + 1))
            i -= 1
        }
        return order
    }
}
