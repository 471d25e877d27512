// Aᵀ·B for a thin C over a long k: at most 16 rows and 32 columns of C, such as a convolution's weight
// gradient (8 output channels × 9 taps, summed over k = 25,088 image positions). The packed product would
// spend more time packing A and B (k · (m + n) floats) than multiplying, and pad C to 6-row micro-panels.
// Here C stays in registers, one SIMD vector per column (lane i = row i), and each k adds the outer product
// of A's row k and B's row k, both read in place:
//
//   for each k: column j of C += A[k, 0..<m] · B[k, j]   (one fused multiply-add per column)
//
// so each element absorbs a(k,i)·b(k,j) for increasing k with one fma each, the order of
// `Matrix.multiplyReference`. One thread: the product streams A and B (2 MB for the convolution's
// gradient, more than a core's L2) once per group of columns, so it is bound by memory bandwidth, and two
// threads each streaming them ran slower than one (measured).

enum OuterProduct {
    static func multiply(_ a: Matrix, _ b: Matrix, into c: inout Matrix, m: Int, n: Int, k: Int) {
        precondition(m <= 16)
        if m <= 8 {
            multiply(SIMD8<Float>.self, a, b, into: &c, m: m, n: n, k: k)
        } else {
            multiply(SIMD16<Float>.self, a, b, into: &c, m: m, n: n, k: k)
        }
    }

    @inline(__always)
    static func multiply<V: SIMD>(_: V.Type, _ a: Matrix, _ b: Matrix, into c: inout Matrix,
                                  m: Int, n: Int, k: Int) where V.Scalar == Float {
        // A row is loaded as a whole vector, past its m floats; the last rows, where that would read past
        // A's end, are read from a zero-padded copy.
        let lanes = V.scalarCount
        let directRows = k * m >= lanes ? min(k, (k * m - lanes) / m + 1) : 0
        let tailRows = k - directRows
        withUnsafeTemporaryAllocation(of: Float.self, capacity: tailRows * m + lanes) { tail in
            let tail = tail.baseAddress!
            tail.initialize(repeating: 0, count: tailRows * m + lanes)
            a.elements.withUnsafeBufferPointer { aBuffer in
                b.elements.withUnsafeBufferPointer { bBuffer in
                    c.elements.withUnsafeMutableBufferPointer { cBuffer in
                        let a = aBuffer.baseAddress!, b = bBuffer.baseAddress!, c = cBuffer.baseAddress!
                        tail.update(from: a + directRows * m, count: tailRows * m)
                        let rows = Rows(a: a, tail: tail, directRows: directRows, k: k, m: m, b: b, n: n)
                        // Columns in groups of at most 12 accumulators (plus A's row: registers to spare). Each
                        // accumulator waits for its previous fma, so a group needs about 8 of them to keep
                        // both fma pipes busy: 9 columns are one group, not 8 + 1, and 13 are 7 + 6, not 12 + 1.
                        let groups = (n + 11) / 12
                        for group in 0..<groups {
                            let j = group * n / groups, width = (group + 1) * n / groups - j
                            switch width {
                            case 1: columns(V.self, 1, rows, j, c)
                            case 2: columns(V.self, 2, rows, j, c)
                            case 3: columns(V.self, 3, rows, j, c)
                            case 4: columns(V.self, 4, rows, j, c)
                            case 5: columns(V.self, 5, rows, j, c)
                            case 6: columns(V.self, 6, rows, j, c)
                            case 7: columns(V.self, 7, rows, j, c)
                            case 8: columns(V.self, 8, rows, j, c)
                            case 9: columns(V.self, 9, rows, j, c)
                            case 10: columns(V.self, 10, rows, j, c)
                            case 11: columns(V.self, 11, rows, j, c)
                            default: columns(V.self, 12, rows, j, c)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Where the rows of A and B are: A's row p at a + p·m for p < directRows, then at tail + (p − directRows)·m.
    struct Rows {
        let a: UnsafePointer<Float>, tail: UnsafePointer<Float>, directRows: Int, k: Int, m: Int
        let b: UnsafePointer<Float>, n: Int
    }

    /// Columns j0..<j0+width (at most 12) of C += Σ_k A[k, :]ᵀ · B[k, j0..<j0+width]. `width` is a constant at each call,
    /// so the unused accumulators and their fmas fold away.
    @inline(__always)
    static func columns<V: SIMD>(_: V.Type, _ width: Int, _ rows: Rows, _ j0: Int, _ c: UnsafeMutablePointer<Float>)
        where V.Scalar == Float {
        let m = rows.m, n = rows.n
        @inline(__always) func column(_ q: Int) -> V {
            var v = V()
            if q < width { for i in 0..<m { v[i] = c[i * n + j0 + q] } }
            return v
        }
        var x0 = column(0), x1 = column(1), x2 = column(2), x3 = column(3)
        var x4 = column(4), x5 = column(5), x6 = column(6), x7 = column(7)
        var x8 = column(8), x9 = column(9), x10 = column(10), x11 = column(11)
        @inline(__always) func add(_ row: UnsafePointer<Float>, _ bRow: UnsafePointer<Float>) {
            let r = UnsafeRawPointer(row).loadUnaligned(as: V.self)
            x0 = x0.addingProduct(r, V(repeating: bRow[0]))
            if width > 1 { x1 = x1.addingProduct(r, V(repeating: bRow[1])) }
            if width > 2 { x2 = x2.addingProduct(r, V(repeating: bRow[2])) }
            if width > 3 { x3 = x3.addingProduct(r, V(repeating: bRow[3])) }
            if width > 4 { x4 = x4.addingProduct(r, V(repeating: bRow[4])) }
            if width > 5 { x5 = x5.addingProduct(r, V(repeating: bRow[5])) }
            if width > 6 { x6 = x6.addingProduct(r, V(repeating: bRow[6])) }
            if width > 7 { x7 = x7.addingProduct(r, V(repeating: bRow[7])) }
            if width > 8 { x8 = x8.addingProduct(r, V(repeating: bRow[8])) }
            if width > 9 { x9 = x9.addingProduct(r, V(repeating: bRow[9])) }
            if width > 10 { x10 = x10.addingProduct(r, V(repeating: bRow[10])) }
            if width > 11 { x11 = x11.addingProduct(r, V(repeating: bRow[11])) }
        }
        var aRow = rows.a, bRow = rows.b + j0
        for _ in 0..<rows.directRows {
            add(aRow, bRow)
            aRow += m
            bRow += n
        }
        aRow = rows.tail
        for _ in rows.directRows..<rows.k {
            add(aRow, bRow)
            aRow += m
            bRow += n
        }
        @inline(__always) func store(_ v: V, _ q: Int) {
            if q < width { for i in 0..<m { c[i * n + j0 + q] = v[i] } }
        }
        store(x0, 0); store(x1, 1); store(x2, 2); store(x3, 3)
        store(x4, 4); store(x5, 5); store(x6, 6); store(x7, 7)
        store(x8, 8); store(x9, 9); store(x10, 10); store(x11, 11)
    }
}
