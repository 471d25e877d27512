// Helper threads for the products. A product is split into shares, one per thread; handing a share to a
// Dispatch worker means waking a sleeping thread, which costs about as much as a whole (1000×100)·(100×100)
// product. These helpers instead stay awake a little while after each product (spinning on one atomic word),
// so the back-to-back products of a training step hand off in well under a microsecond; after that they
// sleep on a condition until the next product.
//
// The shares are numbered, and whichever thread takes share s runs body(s): a result that depends only on
// the share number is the same whoever runs it, so the products stay bit-identical at any thread count.
import Foundation
import Synchronization

final class WorkerPool: @unchecked Sendable {
    /// One helper per core beside the caller's.
    static let shared = WorkerPool(helpers: max(0, ProcessInfo.processInfo.activeProcessorCount - 1))

    /// How long a helper keeps looking for work after its last share before it sleeps.
    static let spinNanoseconds: UInt64 = 100_000

    // The job in one word, so a helper never sees half of it: generation (bits 32…), share count (16…31),
    // next share to take (0…15). Taking a share is a compare-and-swap that checks the generation, so a
    // helper that wakes late never takes a share of a later job.
    private let state = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let inUse = Atomic<Bool>(false)
    private let sleepers = Atomic<Int>(0)
    private let condition = NSCondition()
    // Written by the caller before it publishes a generation, read by helpers after taking a share of it;
    // the caller waits for every share before it returns, so the closure outlives every use.
    private var job: ((Int) -> Void)?
    private let helpers: Int

    init(helpers: Int) {
        self.helpers = helpers
        for _ in 0..<helpers {
            let thread = Thread { [unowned self] in self.serve() }
            thread.name = "products"
            thread.start()
        }
    }

    /// Runs body(0..<shares), on the helpers and the calling thread together; returns when all are done.
    /// When the helpers are busy (a product inside another's share, or a second caller), the caller runs
    /// every share itself.
    func run(_ shares: Int, _ body: (Int) -> Void) {
        precondition(shares < 1 << 16)
        if shares <= 1 || helpers == 0 || !inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            for share in 0..<shares { body(share) }
            return
        }
        withoutActuallyEscaping(body) { body in
            job = body
            finished.store(0, ordering: .relaxed)
            let generation = ((state.load(ordering: .relaxed) >> 32) + 1) & 0x7FFF_FFFF   // wraps, never negative
            state.store(generation << 32 | shares << 16, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                condition.lock(); condition.broadcast(); condition.unlock()
            }
            work(generation: generation)
            var spins = 0
            while finished.load(ordering: .acquiring) < shares {
                spins += 1
                if spins % 1024 == 0 { sched_yield() }   // a preempted helper needs the core
            }
            job = nil
        }
        inUse.store(false, ordering: .releasing)
    }

    /// Takes and runs shares of job `generation` until none is left.
    private func work(generation: Int) {
        var current = state.load(ordering: .acquiring)
        while current >> 32 == generation && current & 0xFFFF < (current >> 16) & 0xFFFF {
            let (taken, found) = state.compareExchange(expected: current, desired: current + 1, ordering: .acquiring)
            if taken {
                job!(current & 0xFFFF)
                finished.add(1, ordering: .releasing)
                current = state.load(ordering: .acquiring)
            } else {
                current = found
            }
        }
    }

    /// A helper's life: wait for a new generation (spinning, then sleeping), work on it, repeat.
    private func serve() {
        var seen = 0
        while true {
            var generation = state.load(ordering: .acquiring) >> 32
            var spins = 0
            var deadline: UInt64 = 0
            while generation == seen {
                spins += 1
                if spins % 256 == 0 {
                    // Let other work run on this core meanwhile: on a loaded machine a helper that spins
                    // through its time slice takes shares it then holds while preempted, and the caller waits
                    // for them (two threads ran slower than one, measured); yielding, it takes shares only
                    // when it has a core of its own.
                    sched_yield()
                    let now = DispatchTime.now().uptimeNanoseconds
                    if deadline == 0 { deadline = now + Self.spinNanoseconds }
                    if now > deadline {
                        condition.lock()
                        sleepers.add(1, ordering: .sequentiallyConsistent)
                        while state.load(ordering: .sequentiallyConsistent) >> 32 == seen { condition.wait() }
                        sleepers.subtract(1, ordering: .relaxed)
                        condition.unlock()
                    }
                }
                generation = state.load(ordering: .acquiring) >> 32
            }
            seen = generation
            work(generation: generation)
        }
    }
}
