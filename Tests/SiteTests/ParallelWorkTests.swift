// Parallel runs return results in input order whatever the threads and the start order, each job run once.
import Foundation
import Testing
@testable import Site

@Suite struct ParallelWorkTests {
    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var calls: [Int] = []
        func record(_ index: Int) { lock.lock(); calls.append(index); lock.unlock() }
    }

    @Test(arguments: [1, 2, 8])
    func resultsInIndexOrder(jobs: Int) {
        let counter = Counter()
        let order = Array((0..<100).reversed())
        let results = ParallelWork.map(count: 100, jobs: jobs, startOrder: order) { index -> Int in
            counter.record(index)
            // Uneven work, so threads finish out of order.
            var x = 0
            for i in 0..<((index % 7) * 1000) { x &+= i }
            return index * 10 + (x == -1 ? 1 : 0)
        }
        #expect(results == (0..<100).map { $0 * 10 })
        #expect(counter.calls.sorted() == Array(0..<100))
        if jobs == 1 { #expect(counter.calls == Array(0..<100)) }
    }

    @Test func nothingToDo() {
        #expect(ParallelWork.map(count: 0, jobs: 4) { $0 }.isEmpty)
    }
}
