// Runs independent jobs on several threads and returns their results in input order, so output does not depend
// on scheduling (the build is byte-identical whatever the number of cores).
import Dispatch
import Foundation

enum ParallelWork {
    /// `body(0) … body(count − 1)` on at most `jobs` threads; the results in index order.
    /// - Parameter startOrder: the order in which indices are started (the longest jobs first shortens the
    ///   whole run); the results do not depend on it.
    static func map<Result: Sendable>(count: Int, jobs: Int, startOrder: [Int]? = nil, _ body: @Sendable (Int) -> Result) -> [Result] {
        guard count > 0 else { return [] }
        let box = ResultBox<Result>(order: startOrder ?? Array(0..<count))
        let workers = max(1, min(jobs, count))
        if workers == 1 {
            return (0..<count).map(body)
        }
        if let startOrder { precondition(startOrder.sorted() == Array(0..<count), "startOrder must be a permutation of the indices") }
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = box.nextIndex() {
                box.store(body(index), at: index)
            }
        }
        return box.results()
    }

    /// Shared state of one `map`: the next index to take and the results so far, behind a lock.
    private final class ResultBox<Result: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private let order: [Int]
        private var slots: [Result?]

        init(order: [Int]) {
            self.order = order
            slots = Array(repeating: nil, count: order.count)
        }

        func nextIndex() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < order.count else { return nil }
            next += 1
            return order[next - 1]
        }

        func store(_ result: Result, at index: Int) {
            lock.lock()
            slots[index] = result
            lock.unlock()
        }

        func results() -> [Result] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0! }
        }
    }
}
