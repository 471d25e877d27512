// Matrix products in the three layouts a forward and backward pass needs:
//   forward  Z = X·W        (ab)
//   backward dW += Xᵀ·dZ    (aTb)
//   backward dX = dZ·Wᵀ     (abT)
// The order of arithmetic is part of the contract, so results are the same bits for every blocking,
// thread count and machine: each output element is one accumulator that starts at 0 (or at the old C
// when accumulating) and absorbs the products a(i,k)·b(k,j) for k = 0, 1, …, K−1 in that order, each
// with one fused multiply-add. The fast paths (PackedProduct.swift, OuterProduct.swift) follow this
// order exactly, so they match `multiplyReference` bit for bit.
import Foundation

extension Matrix {
    /// Which operands are transposed: C = A·B, Aᵀ·B or A·Bᵀ.
    public enum Product: Sendable, CaseIterable {
        case ab, aTb, abT

        var transposesA: Bool { self == .aTb }
        var transposesB: Bool { self == .abT }
    }

    /// The number of threads products use by default: every core.
    public static let defaultThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// A·B.
    public static func product(_ a: Matrix, _ b: Matrix) -> Matrix {
        multiplied(a, b, .ab)
    }

    /// Aᵀ·B.
    public static func product(transposing a: Matrix, _ b: Matrix) -> Matrix {
        multiplied(a, b, .aTb)
    }

    /// A·Bᵀ.
    public static func product(_ a: Matrix, transposing b: Matrix) -> Matrix {
        multiplied(a, b, .abT)
    }

    static func multiplied(_ a: Matrix, _ b: Matrix, _ layout: Product) -> Matrix {
        let (m, n, _) = dimensions(a, b, layout)
        var c = Matrix(rows: m, columns: n)
        multiply(a, b, layout, into: &c)
        return c
    }

    /// The product's dimensions (M, N, K) for C (M×N) = op(A) (M×K) · op(B) (K×N).
    static func dimensions(_ a: Matrix, _ b: Matrix, _ layout: Product) -> (m: Int, n: Int, k: Int) {
        let (m, ka) = layout.transposesA ? (a.columns, a.rows) : (a.rows, a.columns)
        let (kb, n) = layout.transposesB ? (b.columns, b.rows) : (b.rows, b.columns)
        precondition(ka == kb, "matrix product \(layout): inner dimensions \(ka) and \(kb) differ")
        return (m, n, ka)
    }

    /// C = op(A)·op(B), or C += op(A)·op(B) when `accumulating` (the old C is each accumulator's
    /// starting value). Uses up to `threads` threads; the result does not depend on it.
    public static func multiply(_ a: Matrix, _ b: Matrix, _ layout: Product = .ab, into c: inout Matrix,
                                accumulating: Bool = false, threads: Int = Matrix.defaultThreads) {
        let (m, n, k) = dimensions(a, b, layout)
        precondition(c.rows == m && c.columns == n, "product is \(m)×\(n), output is \(c.rows)×\(c.columns)")
        PackedProduct.multiply(a, b, layout, into: &c, m: m, n: n, k: k,
                               accumulating: accumulating, threads: max(1, threads))
    }

    /// The reference product: three plain loops, the same arithmetic order as `multiply`.
    /// Kept beside the fast one as its specification and test oracle.
    public static func multiplyReference(_ a: Matrix, _ b: Matrix, _ layout: Product = .ab, into c: inout Matrix,
                                         accumulating: Bool = false) {
        let (m, n, k) = dimensions(a, b, layout)
        precondition(c.rows == m && c.columns == n, "product is \(m)×\(n), output is \(c.rows)×\(c.columns)")
        // Element (i, p) of op(A) and (p, j) of op(B), whatever the layout.
        let aRowStride = layout.transposesA ? 1 : a.columns, aInnerStride = layout.transposesA ? a.columns : 1
        let bInnerStride = layout.transposesB ? 1 : b.columns, bColumnStride = layout.transposesB ? b.columns : 1
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = accumulating ? c.elements[i * n + j] : 0
                for p in 0..<k {
                    sum = sum.addingProduct(a.elements[i * aRowStride + p * aInnerStride],
                                            b.elements[p * bInnerStride + j * bColumnStride])
                }
                c.elements[i * n + j] = sum
            }
        }
    }
}
