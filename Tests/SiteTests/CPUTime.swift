// Work that must grow linearly is checked by how its CPU time grows with the input, not by a time limit.
import Foundation

/// The least of `runs` measurements of `body`'s CPU time on this thread, in seconds (the machine is shared: the
/// fastest run is the one least disturbed).
func fastestCPUTime(runs: Int = 3, _ body: () -> Void) -> Double {
    func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    return (0..<runs).map { _ in
        let start = now()
        body()
        return now() - start
    }.min()!
}
