// Matrix products: small products worked by hand, and the fast path against the reference loops,
// bit for bit, for every layout, awkward shapes, accumulation and thread counts.
import Foundation
import Testing
@testable import Numerics

@Suite struct MatrixProductTests {
    let a = Matrix([[1, 2, 3], [4, 5, 6]])            // 2×3
    let b = Matrix([[7, 8], [9, 10], [11, 12]])       // 3×2

    @Test func productsWorkedByHand() {
        #expect(Matrix.product(a, b) == Matrix([[58, 64], [139, 154]]))
        // Aᵀ·A (3×3) and A·Aᵀ (2×2).
        #expect(Matrix.product(transposing: a, a) == Matrix([[17, 22, 27], [22, 29, 36], [27, 36, 45]]))
        #expect(Matrix.product(a, transposing: a) == Matrix([[14, 32], [32, 77]]))
    }

    @Test func accumulatingAddsToTheOldValues() {
        var c = Matrix([[1, 1], [1, 1]])
        Matrix.multiply(a, b, .ab, into: &c, accumulating: true)
        #expect(c == Matrix([[59, 65], [140, 155]]))
    }

    @Test func transposedLayoutsAgreeWithExplicitTransposes() {
        var g = RandomGenerator(seed: 9)
        let x = Matrix.normal(rows: 37, columns: 19, using: &g)
        let y = Matrix.normal(rows: 37, columns: 23, using: &g)
        let z = Matrix.normal(rows: 23, columns: 19, using: &g)
        #expect(Matrix.product(transposing: x, y) == Matrix.product(x.transposed(), y))
        #expect(Matrix.product(x, transposing: z) == Matrix.product(x, z.transposed()))
    }

    /// Shapes around the micro-kernel's tiles (6×32, 6×16, 6×8), the cache blocks and 1.
    static let shapes: [(m: Int, n: Int, k: Int)] = [
        (1, 1, 1), (1, 33, 5), (7, 1, 300), (6, 32, 1), (13, 65, 257), (100, 100, 100),
        (97, 131, 600), (300, 40, 17), (2, 1000, 3),
        // A convolution's shapes: many rows and 8 channels over a 3×3 field; its weight gradient,
        // 8 × 9 over a long k (deep k-blocks).
        (2000, 8, 9), (600, 16, 9), (8, 9, 25_088), (50, 24, 3000),
        // Thin Aᵀ·B (the outer-product kernel: at most 16 rows, 32 columns; SIMD8 up to 8 rows, with its
        // column groups of at most 12 and the zero-padded last rows of A).
        (16, 32, 777), (9, 13, 500), (1, 32, 100), (3, 5, 4000), (12, 25, 2),
        // Few rows, many columns: the threads split C's columns (the CNN's dense layer and its gradients).
        (32, 64, 1568), (32, 1568, 64), (64, 1568, 32), (100, 64, 1568),
        // Narrow last panels (8 and 16 columns) through the 12-row pairing, with an odd micro-panel left over.
        (30, 8, 50), (42, 16, 70), (19, 40, 33),
        // Row shares that pack B together before they multiply (two k-blocks; A·B and A·Bᵀ), and for A·Bᵀ
        // one k-block of 65 panels, an odd number of packing tasks.
        (250, 100, 300), (60, 2080, 100),
    ]

    @Test(arguments: Matrix.Product.allCases)
    func fastMatchesReferenceBitForBit(layout: Matrix.Product) {
        var g = RandomGenerator(seed: 21)
        for (m, n, k) in Self.shapes {
            let a = layout == .aTb ? Matrix.normal(rows: k, columns: m, using: &g) : Matrix.normal(rows: m, columns: k, using: &g)
            let b = layout == .abT ? Matrix.normal(rows: n, columns: k, using: &g) : Matrix.normal(rows: k, columns: n, using: &g)
            let start = Matrix.normal(rows: m, columns: n, using: &g)
            for accumulating in [false, true] {
                var expected = start
                Matrix.multiplyReference(a, b, layout, into: &expected, accumulating: accumulating)
                for threads in [1, 2, 3] {
                    var c = start
                    Matrix.multiply(a, b, layout, into: &c, accumulating: accumulating, threads: threads)
                    let mismatches = zip(c.elements, expected.elements).filter { $0.bitPattern != $1.bitPattern }.count
                    #expect(mismatches == 0, "\(layout) \(m)×\(n)×\(k) accumulating \(accumulating) threads \(threads)")
                }
            }
        }
    }

    /// Every share runs exactly once, on the helpers or the caller; a product started inside a share (the
    /// helpers then busy) still runs every share of its own, and gives the same bits.
    @Test func workerPoolRunsEveryShareOnce() {
        let counts = ShareCounts(100)
        WorkerPool.shared.run(100) { share in counts.add(share) }
        #expect(counts.values == [Int](repeating: 1, count: 100))

        var g = RandomGenerator(seed: 5)
        let a = Matrix.normal(rows: 200, columns: 150, using: &g), b = Matrix.normal(rows: 150, columns: 90, using: &g)
        var expected = Matrix(rows: 200, columns: 90)
        Matrix.multiplyReference(a, b, into: &expected)
        let nested = ShareCounts(3)
        WorkerPool.shared.run(3) { share in
            let c = Matrix.product(a, b)    // inside a share: the helpers are taken, so the caller runs them all
            if c.elements.map(\.bitPattern) == expected.elements.map(\.bitPattern) { nested.add(share) }
        }
        #expect(nested.values == [1, 1, 1])
    }

    /// How a product is split: row shares for tall C, column shares for C with few rows and a B to pack.
    @Test func planSplitsTheLongerSide() {
        let tall = PackedProduct.Plan(m: 1000, n: 100, k: 100, threads: 2, aPacked: false, bPacked: true)
        #expect(tall.rowShares == 2 && tall.columnShares == 1)
        let wide = PackedProduct.Plan(m: 32, n: 64, k: 1568, threads: 2, aPacked: false, bPacked: true)
        #expect(wide.rowShares == 1 && wide.columnShares == 2)
        #expect(tall.sharesB)
        #expect(PackedProduct.Plan(m: 250, n: 100, k: 300, threads: 2, aPacked: false, bPacked: true).sharesB)   // shapes above
        #expect(PackedProduct.Plan(m: 60, n: 2080, k: 100, threads: 2, aPacked: false, bPacked: true).sharesB)
        let tiny = PackedProduct.Plan(m: 20, n: 20, k: 20, threads: 2, aPacked: false, bPacked: true)
        #expect(tiny.shares == 1)
        // A B larger than 1 MB packed is packed by each share in its k-blocks, as it is used.
        let square = PackedProduct.Plan(m: 1024, n: 1024, k: 1024, threads: 2, aPacked: false, bPacked: true)
        #expect(!square.sharesB)
        #expect(!wide.sharesB)
    }
}

/// Counts of how often each share ran (a lock guards them: shares run on several threads).
private final class ShareCounts: @unchecked Sendable {
    private var counts: [Int]
    private let lock = NSLock()
    init(_ count: Int) { counts = [Int](repeating: 0, count: count) }
    func add(_ share: Int) { lock.lock(); counts[share] += 1; lock.unlock() }
    var values: [Int] { lock.lock(); defer { lock.unlock() }; return counts }
}
