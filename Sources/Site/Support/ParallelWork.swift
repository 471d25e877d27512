// Runs independent jobs on several threads and returns their results in input order, so output does not depend
// on scheduling (the build is byte-identical whatever the number of cores).
import Dispatch
import Foundation

enum ParallelWork {
    /// `body(0) … body(count − 1)` on at most `jobs` threads; the results in index order.
    static func map<Result: Sendable>(count: Int, jobs: Int, _ body: @Sendable (Int) -> Result) -> [Result] {
        guard count > 0 else { return [] }
        let box = ResultBox<Result>(count: count)
        let workers = max(1, min(jobs, count))
        if workers == 1 {
            return (0..<count).map(body)
        }
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
        private let count: Int
        private var slots: [Result?]

        init(count: Int) {
            self.count = count
            slots = Array(repeating: nil, count: count)
        }

        func nextIndex() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
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
