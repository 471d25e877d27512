// The fast matrix product: packed panels and a register-blocked micro-kernel, the structure of
// Goto & van de Geijn, "Anatomy of high-performance matrix multiplication" (ACM TOMS 34(3), 2008),
// and of BLIS (Van Zee & van de Geijn 2015).
//
//   C is split into shares, one per thread (`Plan`): its row blocks dealt round robin, or ranges of its
//   column panels, whichever leaves the largest share the least work; one hand-off per product
//   (`WorkerPool`). Each share:
//   for each k-block of KC (in order, so every element sees its k's in order)
//     packs its B panels of the k-block, KC × NR (NR = 32 columns, zero-padded)
//     for each of its row blocks:
//       its rows of op(A) are packed into micro-panels of KC × MR (MR = 6 rows, zero-padded) when A is
//       transposed; a row-major A is read in place, six rows at a time (only a last micro-panel of fewer
//       than six rows is packed), which saves a copy of A as large as the product's input
//       for each of its B panels, for each A micro-panel: the micro-kernel updates a 6 × 32 tile of C
//         held in twelve SIMD16<Float> accumulators: per k, two loads of B, six broadcasts of A,
//         twelve fused multiply-adds
//         (a last panel of at most 16 or 8 columns: one vector per row, two micro-panels at a time)
//
// Every accumulator starts from C's current value (from zero when the product does not accumulate: C is
// never cleared first) and adds a(i,k)·b(k,j) for increasing k with one fma each, exactly as
// `Matrix.multiplyReference` does, so the result is the same bits whatever the blocking, the thread count
// or the tile an element falls in. Shares write disjoint parts of C.
import Dispatch
import Foundation

enum PackedProduct {
    static let mr = 6          // rows of a micro-tile
    static let nr = 32         // columns of a micro-tile: two SIMD16<Float>
    static let kc = 256        // k-block: a B panel (256 × 32 floats = 32 KB) stays in L1
    static let mc = 120        // largest row block: its packed A (120 × 256 floats = 120 KB) stays in L2

    static func multiply(_ a: Matrix, _ b: Matrix, _ layout: Matrix.Product, into c: inout Matrix,
                         m: Int, n: Int, k: Int, accumulating: Bool, threads: Int) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if !accumulating { c.elements.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
            return
        }
        // Tiny products are not worth packing; the reference computes the same bits.
        if m * n * k < 16 * 16 * 16 {
            Matrix.multiplyReference(a, b, layout, into: &c, accumulating: accumulating)
            return
        }
        // Element (i, p) of op(A) is a[i·aRow + p·aInner]; (p, j) of op(B) is b[p·bInner + j·bColumn].
        let aRow = layout.transposesA ? 1 : a.columns, aInner = layout.transposesA ? a.columns : 1
        let bInner = layout.transposesB ? 1 : b.columns, bColumn = layout.transposesB ? b.columns : 1
        // A thin C over a long k (a convolution's weight gradient, 8 × 9 over k = 25,088): outer products of
        // A's and B's rows, with no packing (OuterProduct.swift).
        if layout == .aTb && m <= 16 && n <= 32 {
            if !accumulating { c.elements.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
            OuterProduct.multiply(a, b, into: &c, m: m, n: n, k: k)
            return
        }
        let panels = (n + nr - 1) / nr
        let bInPlace = bColumn == 1 && (m < 128 || k * n <= 16_384)      // see below
        let plan = Plan(m: m, n: n, k: k, threads: threads, aPacked: aInner != 1, bPacked: !bInPlace)

        // Row blocks: at most mc rows, a multiple of mr, and their count a multiple of the row shares
        // so that shares are equal.
        let evenCount = ((m + mc - 1) / mc + plan.rowShares - 1) / plan.rowShares * plan.rowShares
        let blockRows = ((m + evenCount - 1) / evenCount + mr - 1) / mr * mr
        let blockCount = (m + blockRows - 1) / blockRows

        // k-blocks of equal depth (784 = 4 × 196 rather than 3 × 256 + 16), so no block is a sliver
        // whose C loads and stores outweigh its arithmetic. The depth only sets how often C is stored
        // and reloaded, never the order of the additions. A small C (one row block, a few panels)
        // reuses no B panel across row blocks, so it takes deep k-blocks and stays in registers longer.
        let maximumDepth = m <= mc && n <= 64 ? 16_384 : kc
        let depthBlocks = (k + maximumDepth - 1) / maximumDepth
        let blockDepth = (k + depthBlocks - 1) / depthBlocks
        // Each share packs its own copy of the B panels it needs and walks the k-blocks in order for its own
        // part of C, so the shares never wait for each other: one hand-off per product. Except when row
        // shares would each pack the same B (A·Bᵀ: the probe's input gradient) and all of it fits in L2:
        // then the shares first pack disjoint parts of it into one buffer (a second hand-off, cheaper than
        // packing B once per thread).
        // A B panel serves every micro-panel of C's rows; with few rows its packing is not repaid, and a
        // row-major B is read in place (one row of the panel per k, `n` floats apart). So is a small B
        // (at most 64 KB, the probe's 100 × 100): it stays in cache unpacked, and every row share would
        // pack all of it, a cost that does not shrink with the threads.
        let bSize = panels * nr * blockDepth, aSize = blockRows * blockDepth + 8   // + 8: packA's slack
        let wholeB = plan.sharesB ? k * panels * nr : 0   // k-block p0's panels from p0 · panels · nr on
        let scratch = ScratchPool.shared.take(capacity: plan.shares * (bSize + aSize) + wholeB)
        defer { ScratchPool.shared.give(scratch) }

        a.elements.withUnsafeBufferPointer { aBuffer in
            b.elements.withUnsafeBufferPointer { bBuffer in
                c.elements.withUnsafeMutableBufferPointer { cBuffer in
                    let aBase = aBuffer.baseAddress!, bBase = bBuffer.baseAddress!
                    let cBase = cBuffer.baseAddress!, scratch = scratch.pointer
                    let packedB = scratch + plan.shares * (bSize + aSize)
                    let geometry = Geometry(a: aBase, b: bBase, c: cBase, n: n, aRow: aRow, aInner: aInner,
                                            bInner: bInner, bInPlace: bInPlace)
                    if plan.sharesB {
                        let tasks = depthBlocks * panels    // (k-block, panel) pairs
                        WorkerPool.shared.run(plan.shares) { share in
                            for task in share * tasks / plan.shares..<(share + 1) * tasks / plan.shares {
                                let p0 = task / panels * blockDepth, panel = task % panels
                                let depth = min(blockDepth, k - p0)
                                packB(bBase, inner: bInner, column: bColumn, n: n, p0: p0, depth: depth,
                                      j0: panel * nr, into: packedB + p0 * panels * nr + panel * nr * depth)
                            }
                        }
                    }
                    WorkerPool.shared.run(plan.shares) { share in
                        let ownB = scratch + share * (bSize + aSize), aPack = ownB + bSize
                        let rowPart = share % plan.rowShares, columnPart = share / plan.rowShares
                        let myPanels = columnPart * panels / plan.columnShares..<(columnPart + 1) * panels / plan.columnShares
                        var p0 = 0
                        while p0 < k {
                            let depth = min(blockDepth, k - p0)
                            let bPack = plan.sharesB ? packedB + p0 * panels * nr : ownB
                            // A product that does not accumulate starts its accumulators from zero rather than
                            // from C, so C is never cleared (a pass over all of it, on one thread).
                            let fresh = !accumulating && p0 == 0
                            // The share's B panels (full panels of a row-major B with few rows of C to share
                            // them are read in place).
                            for panel in myPanels where !plan.sharesB && !(bInPlace && panelWidth(n: n, j0: panel * nr) <= n - panel * nr) {
                                packB(bBase, inner: bInner, column: bColumn, n: n, p0: p0, depth: depth,
                                      j0: panel * nr, into: bPack + panel * nr * depth)
                            }
                            // Row blocks rowPart, rowPart + rowShares, …: shares write disjoint parts of C.
                            var block = rowPart
                            while block < blockCount {
                                let i0 = block * blockRows
                                let rows = min(blockRows, m - i0)
                                let microPanels = (rows + mr - 1) / mr
                                let inPlace = aInner == 1, whole = rows / mr
                                if inPlace {
                                    // Only a ragged last micro-panel is packed (zero rows keep the reads in bounds).
                                    if whole < microPanels {
                                        packA(aBase, row: aRow, inner: aInner, i0: i0 + whole * mr, rows: rows - whole * mr,
                                              p0: p0, depth: depth, into: aPack)
                                    }
                                } else {
                                    packA(aBase, row: aRow, inner: aInner, i0: i0, rows: rows, p0: p0, depth: depth, into: aPack)
                                }
                                multiplyRowBlock(geometry, i0: i0, rows: rows, p0: p0, depth: depth, panels: myPanels,
                                                 aPack: aPack, bPack: bPack, fresh: fresh)
                                block += plan.rowShares
                            }
                            p0 += depth
                        }
                    }
                }
            }
        }
    }

    /// The addresses and strides a share's row blocks need (see `multiply`).
    struct Geometry {
        let a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
        let n: Int, aRow: Int, aInner: Int, bInner: Int, bInPlace: Bool
    }

    /// C[i0..<i0+rows, panels] += op(A)[those rows, p0..<p0+depth] · op(B)[those k's, panels] (C taken as zero
    /// when `fresh`). Its own function, not inlined, so that the micro-kernels inline into one small body: the
    /// same code at any thread count (inlined into the share's closure, a copy lost its inlined SIMD loads).
    @inline(never)
    static func multiplyRowBlock(_ geometry: Geometry, i0: Int, rows: Int, p0: Int, depth: Int, panels myPanels: Range<Int>,
                                 aPack: UnsafeMutablePointer<Float>, bPack: UnsafeMutablePointer<Float>, fresh: Bool) {
        let aBase = geometry.a, bBase = geometry.b, cBase = geometry.c, n = geometry.n
        let aRow = geometry.aRow, bInner = geometry.bInner, bInPlace = geometry.bInPlace
        let microPanels = (rows + mr - 1) / mr
        let inPlace = geometry.aInner == 1, whole = rows / mr
        for panel in myPanels {
            let j0 = panel * nr
            let columns = min(nr, n - j0)
            let unpackedB = bInPlace && panelWidth(n: n, j0: j0) <= n - j0
            let bPanel = unpackedB ? bBase + p0 * bInner + j0 : UnsafePointer(bPack + panel * nr * depth)
            let bStep = unpackedB ? bInner : panelWidth(n: n, j0: j0)
            @inline(__always) func operand(_ micro: Int) -> Operand {
                !inPlace ? Operand(aPack + micro * mr * depth, row: 1, step: mr)
                    : micro < whole ? Operand(aBase + (i0 + micro * mr) * aRow + p0, row: aRow, step: 1)
                    : Operand(aPack, row: 1, step: mr)
            }
            // A narrow panel has half the accumulators of a wide one, too few to hide the
            // fma latency: two whole micro-panels go through it together (12 rows).
            let narrow = bStep == 8 || bStep == 16, full = rows / mr
            var micro = 0
            while micro < microPanels {
                let i = i0 + micro * mr
                if narrow && micro + 1 < full {
                    pair(depth, operand(micro), operand(micro + 1), bPanel, bStep, cBase + i * n + j0, n, columns: columns, fresh: fresh)
                    micro += 2
                    continue
                }
                tile(depth, operand(micro), bPanel, bStep, cBase, n, i, j0, rows: min(mr, i0 + rows - i), columns: columns, fresh: fresh)
                micro += 1
            }
        }
    }

    /// How a product is split between threads: C's row blocks dealt to `rowShares` shares, or its column
    /// panels cut into `columnShares` ranges, whichever leaves the largest share least work.
    struct Plan {
        var rowShares = 1, columnShares = 1
        /// Whether the row shares pack B together, once, before they multiply.
        var sharesB = false
        var shares: Int { rowShares * columnShares }

        init(m: Int, n: Int, k: Int, threads: Int, aPacked: Bool, bPacked: Bool) {
            // Below about 10⁵ multiply-adds (a few microseconds), a hand-off costs more than it saves.
            let work = Double(m) * Double(n) * Double(k)
            guard threads > 1 && work >= 2e5 else { return }
            let microPanels = (m + mr - 1) / mr, panels = (n + nr - 1) / nr
            let sharing = bPacked && k * panels * nr <= 1 << 18     // a packed B of at most 1 MB
            // The largest share's multiply-adds (padded tiles) plus its packing: a packed float costs about as
            // much as 32 multiply-adds (one move against two SIMD16 fmas per cycle). A row share packs all
            // of B's panels; a column share packs only its panels, but all of A's rows.
            func cost(rowShares: Int, columnShares: Int) -> Double {
                let rows = Double((microPanels + rowShares - 1) / rowShares * mr)
                var widest = 0    // the largest share's padded columns (a narrow last panel counts 8 or 16)
                for share in 0..<columnShares {
                    let range = share * panels / columnShares..<(share + 1) * panels / columnShares
                    widest = max(widest, range.reduce(0) { $0 + panelWidth(n: n, j0: $1 * nr) })
                }
                let columns = Double(widest)
                let bPacking = !bPacked ? 0 : sharing && rowShares > 1 ? Double(panels * nr / rowShares) : columns
                return (rows * columns + 32 * ((aPacked ? rows : 0) + bPacking)) * Double(k)
            }
            let byRows = min(threads, microPanels), byColumns = min(threads, panels)
            // On a tie, columns: one hand-off, where row shares that pack B together take two.
            if byColumns > 1 && cost(rowShares: 1, columnShares: byColumns) <= cost(rowShares: byRows, columnShares: 1) {
                columnShares = byColumns
            } else {
                rowShares = byRows
                sharesB = sharing && rowShares > 1
            }
        }
    }

    /// Runs body(0..<threads), concurrently when threads > 1, on Dispatch's threads: for long tasks (a
    /// search's trials); products use `WorkerPool`.
    static func parallel(_ threads: Int, _ body: @Sendable (Int) -> Void) {
        if threads == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: body) }
    }

    /// Packs rows i0..<i0+rows, k's p0..<p0+depth of op(A) into micro-panels of depth × mr
    /// (k-major, so the kernel reads six consecutive floats per k); missing rows are zeros.
    @inline(__always)
    static func packA(_ a: UnsafePointer<Float>, row: Int, inner: Int, i0: Int, rows: Int, p0: Int, depth: Int,
                      into packed: UnsafeMutablePointer<Float>) {
        var target = packed
        var r0 = 0
        while r0 < rows {
            let valid = min(mr, rows - r0)
            if valid == mr && row == 1 && i0 + r0 + 8 <= inner {
                // A transposed A's six rows are adjacent floats: one 8-float move per k (its last two floats
                // are overwritten by the next k's, or land in the slack after the packed block).
                var source = UnsafeRawPointer(a + p0 * inner + i0 + r0)
                for _ in 0..<depth {
                    UnsafeMutableRawPointer(target).storeBytes(of: source.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                    source += inner * MemoryLayout<Float>.stride
                    target += mr
                }
                r0 += mr
                continue
            }
            for p in 0..<depth {
                let source = a + (p0 + p) * inner + (i0 + r0) * row
                // Written out rather than as a loop: a contiguous six-float loop becomes a memcpy call,
                // which costs more than the copy (Aᵀ·B with a long k packs one such row per k).
                if valid == mr {
                    target[0] = source[0]; target[1] = source[row]; target[2] = source[2 * row]
                    target[3] = source[3 * row]; target[4] = source[4 * row]; target[5] = source[5 * row]
                } else {
                    for r in 0..<mr { target[r] = r < valid ? source[r * row] : 0 }
                }
                target += mr
            }
            r0 += mr
        }
    }

    /// The width of the panel starting at column j0: nr, or 16 or 8 for a last panel of at most that
    /// many columns (so a ragged edge wastes at most 15 padded columns, and n = 8 or 16 none).
    @inline(__always)
    static func panelWidth(n: Int, j0: Int) -> Int { n - j0 <= 8 ? 8 : n - j0 <= 16 ? 16 : nr }

    /// Packs columns j0..<j0+width, k's p0..<p0+depth of op(B) into one panel of depth × width
    /// (width from `panelWidth`); missing columns are zeros.
    @inline(__always)
    static func packB(_ b: UnsafePointer<Float>, inner: Int, column: Int, n: Int, p0: Int, depth: Int, j0: Int,
                      into packed: UnsafeMutablePointer<Float>) {
        let width = panelWidth(n: n, j0: j0)
        let valid = min(width, n - j0)
        if column != 1 || valid < width {
            // Column by column: each reads along its storage (contiguous for A·Bᵀ) with no per-element branch,
            // 64 k's at a time, so the part of the panel being written (64 × 32 floats) stays in L1.
            var chunk = 0
            while chunk < depth {
                let end = min(depth, chunk + 64)
                for j in 0..<valid {
                    let source = b + (p0 + chunk) * inner + (j0 + j) * column
                    var target = packed + chunk * width + j
                    for p in 0..<end - chunk {
                        target.pointee = source[p * inner]
                        target += width
                    }
                }
                chunk = end
            }
            if valid < width {
                for p in 0..<depth { (packed + p * width + valid).update(repeating: 0, count: width - valid) }
            }
            return
        }
        var target = packed
        for p in 0..<depth {
            let source = b + (p0 + p) * inner + j0 * column
            if column == 1 && valid == width {
                // A whole row of the panel in vector moves (a memcpy call per short row costs more).
                let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
                if width == 8 {
                    to.storeBytes(of: from.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                } else {
                    for offset in stride(from: 0, to: width * 4, by: 64) {
                        to.storeBytes(of: from.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self),
                                      toByteOffset: offset, as: SIMD16<Float>.self)
                    }
                }
            } else {
                for j in 0..<width { target[j] = j < valid ? source[j * column] : 0 }
            }
            target += width
        }
    }

    /// Updates the tile of C at (i, j0) of `rows` × `columns` (at most mr × nr); partial tiles go
    /// through a full-size scratch tile so the kernel is always the same. B's rows are `bStep` floats apart
    /// (the panel width when packed, B's row length when read in place).
    @inline(__always)
    static func tile(_ depth: Int, _ a: Operand, _ b: UnsafePointer<Float>, _ bStep: Int, _ c: UnsafeMutablePointer<Float>,
                     _ ldc: Int, _ i: Int, _ j0: Int, rows: Int, columns: Int, fresh: Bool) {
        let origin = c + i * ldc + j0
        let width = columns <= 8 ? 8 : columns <= 16 ? 16 : nr    // as packed by packB
        @inline(__always) func run(_ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
            switch width {
            case 8: narrowKernel(SIMD8<Float>.self, rows: 6, depth, a, a, b, bStep, c, ldc, fresh: fresh)
            case 16: narrowKernel(SIMD16<Float>.self, rows: 6, depth, a, a, b, bStep, c, ldc, fresh: fresh)
            default: kernel(depth, a, b, bStep, c, ldc, fresh: fresh)
            }
        }
        if rows == mr && columns == width {
            run(origin, ldc)
            return
        }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: mr * nr) { scratch in
            let s = scratch.baseAddress!
            s.initialize(repeating: 0, count: mr * nr)
            if !fresh { for r in 0..<rows { (s + r * nr).update(from: origin + r * ldc, count: columns) } }
            run(s, nr)
            for r in 0..<rows { (origin + r * ldc).update(from: s + r * nr, count: columns) }
        }
    }

    /// Updates twelve rows of C (micro-panels a and a2) by a narrow panel of B (`width` 8 or 16 floats per k,
    /// `columns` of them real); a partial panel goes through a scratch tile, as in `tile`.
    @inline(__always)
    static func pair(_ depth: Int, _ a: Operand, _ a2: Operand, _ b: UnsafePointer<Float>, _ width: Int,
                     _ c: UnsafeMutablePointer<Float>, _ ldc: Int, columns: Int, fresh: Bool) {
        @inline(__always) func run(_ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
            if width == 8 {
                narrowKernel(SIMD8<Float>.self, rows: 12, depth, a, a2, b, width, c, ldc, fresh: fresh)
            } else {
                narrowKernel(SIMD16<Float>.self, rows: 12, depth, a, a2, b, width, c, ldc, fresh: fresh)
            }
        }
        if columns == width {
            run(c, ldc)
            return
        }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * mr * 16) { scratch in
            let s = scratch.baseAddress!
            s.initialize(repeating: 0, count: 2 * mr * width)
            if !fresh { for r in 0..<2 * mr { (s + r * width).update(from: c + r * ldc, count: columns) } }
            run(s, width)
            for r in 0..<2 * mr { (c + r * ldc).update(from: s + r * width, count: columns) }
        }
    }

    /// C[0..<6, 0..<32] += A-panel · B-panel over `depth` k's, each accumulator in k order.
    @inline(__always)
    static func kernel(_ depth: Int, _ a: Operand, _ b: UnsafePointer<Float>, _ bStep: Int,
                       _ c: UnsafeMutablePointer<Float>, _ ldc: Int, fresh: Bool) {
        typealias V = SIMD16<Float>
        @inline(__always) func load(_ p: UnsafePointer<Float>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        @inline(__always) func store(_ v: V, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self) }
        @inline(__always) func start(_ p: UnsafePointer<Float>) -> V { fresh ? V() : load(p) }   // C, or zero
        let c0 = c, c1 = c + ldc, c2 = c + 2 * ldc, c3 = c + 3 * ldc, c4 = c + 4 * ldc, c5 = c + 5 * ldc
        var x00 = start(c0), x01 = start(c0 + 16)
        var x10 = start(c1), x11 = start(c1 + 16)
        var x20 = start(c2), x21 = start(c2 + 16)
        var x30 = start(c3), x31 = start(c3 + 16)
        var x40 = start(c4), x41 = start(c4 + 16)
        var x50 = start(c5), x51 = start(c5 + 16)
        let (a0, a1, a2, a3, a4, a5) = a.rows
        var offset = 0, bp = b
        for _ in 0..<depth {
            let b0 = load(bp), b1 = load(bp + 16)
            var s = V(repeating: a0[offset])
            x00 = x00.addingProduct(s, b0); x01 = x01.addingProduct(s, b1)
            s = V(repeating: a1[offset])
            x10 = x10.addingProduct(s, b0); x11 = x11.addingProduct(s, b1)
            s = V(repeating: a2[offset])
            x20 = x20.addingProduct(s, b0); x21 = x21.addingProduct(s, b1)
            s = V(repeating: a3[offset])
            x30 = x30.addingProduct(s, b0); x31 = x31.addingProduct(s, b1)
            s = V(repeating: a4[offset])
            x40 = x40.addingProduct(s, b0); x41 = x41.addingProduct(s, b1)
            s = V(repeating: a5[offset])
            x50 = x50.addingProduct(s, b0); x51 = x51.addingProduct(s, b1)
            offset += a.step
            bp += bStep
        }
        store(x00, c0); store(x01, c0 + 16)
        store(x10, c1); store(x11, c1 + 16)
        store(x20, c2); store(x21, c2 + 16)
        store(x30, c3); store(x31, c3 + 16)
        store(x40, c4); store(x41, c4 + 16)
        store(x50, c5); store(x51, c5 + 16)
    }
}

extension PackedProduct {
    /// C[0..<rows, 0..<V.scalarCount] += A-panel · B-panel over `depth` k's: the kernel for a last panel of
    /// 16 columns (V = SIMD16) or 8 (SIMD8), one vector per row; `rows` is 6 (rows of `a`) or 12 (then rows
    /// 6…11 are `a2`'s), a constant at each call, so the unused half folds away.
    @inline(__always)
    static func narrowKernel<V: SIMD>(_: V.Type, rows: Int, _ depth: Int, _ a: Operand, _ a2: Operand,
                                      _ b: UnsafePointer<Float>, _ bStep: Int,
                                      _ c: UnsafeMutablePointer<Float>, _ ldc: Int, fresh: Bool) where V.Scalar == Float {
        @inline(__always) func load(_ p: UnsafePointer<Float>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        @inline(__always) func start(_ p: UnsafePointer<Float>) -> V { fresh ? V() : load(p) }   // C, or zero
        @inline(__always) func store(_ v: V, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self) }
        typealias Six = (V, V, V, V, V, V)     // six rows of C
        @inline(__always) func loadRows(_ c: UnsafeMutablePointer<Float>) -> Six {
            (start(c), start(c + ldc), start(c + 2 * ldc), start(c + 3 * ldc), start(c + 4 * ldc), start(c + 5 * ldc))
        }
        @inline(__always) func storeRows(_ x: Six, _ c: UnsafeMutablePointer<Float>) {
            store(x.0, c); store(x.1, c + ldc); store(x.2, c + 2 * ldc)
            store(x.3, c + 3 * ldc); store(x.4, c + 4 * ldc); store(x.5, c + 5 * ldc)
        }
        typealias Rows = (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>)
        @inline(__always) func add(_ x: inout Six, _ rows: Rows, _ offset: Int, _ b0: V) {
            let (a0, a1, a2, a3, a4, a5) = rows
            x.0 = x.0.addingProduct(V(repeating: a0[offset]), b0)
            x.1 = x.1.addingProduct(V(repeating: a1[offset]), b0)
            x.2 = x.2.addingProduct(V(repeating: a2[offset]), b0)
            x.3 = x.3.addingProduct(V(repeating: a3[offset]), b0)
            x.4 = x.4.addingProduct(V(repeating: a4[offset]), b0)
            x.5 = x.5.addingProduct(V(repeating: a5[offset]), b0)
        }
        let twelve = rows == 12, c6 = c + 6 * ldc
        var x = loadRows(c), y = twelve ? loadRows(c6) : (V(), V(), V(), V(), V(), V())
        let aRows = a.rows, a2Rows = a2.rows
        var offset = 0, offset2 = 0, bp = b
        for _ in 0..<depth {
            let b0 = load(bp)
            add(&x, aRows, offset, b0)
            if twelve { add(&y, a2Rows, offset2, b0) }
            offset += a.step
            offset2 += a2.step
            bp += bStep
        }
        storeRows(x, c)
        if twelve { storeRows(y, c6) }
    }
}

extension PackedProduct {
    /// Where a micro-kernel reads its six rows of op(A): row r's element at k is base[r · row + k · step]
    /// (a packed micro-panel: row 1, step 6; a row-major A read in place: row = its row length, step 1).
    struct Operand {
        let base: UnsafePointer<Float>
        let row: Int
        let step: Int

        init(_ base: UnsafePointer<Float>, row: Int, step: Int) {
            self.base = base
            self.row = row
            self.step = step
        }

        init(_ base: UnsafeMutablePointer<Float>, row: Int, step: Int) { self.init(UnsafePointer(base), row: row, step: step) }

        var rows: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>) {
            (base, base + row, base + 2 * row, base + 3 * row, base + 4 * row, base + 5 * row)
        }
    }
}

/// Packing buffers kept between products, so a training step allocates nothing: a product takes the smallest
/// free buffer that fits (or a new one) and gives it back; at most eight are kept.
final class ScratchPool: @unchecked Sendable {
    static let shared = ScratchPool()
    struct Buffer: @unchecked Sendable { let pointer: UnsafeMutablePointer<Float>; let capacity: Int }
    private var free: [Buffer] = []
    private let lock = NSLock()

    func take(capacity: Int) -> Buffer {
        lock.lock()
        var fitting: Int?
        for index in free.indices where free[index].capacity >= capacity {  // a loop, not filter: no allocation
            if fitting == nil || free[index].capacity < free[fitting!].capacity { fitting = index }
        }
        let buffer = fitting.map { free.remove(at: $0) }
        lock.unlock()
        return buffer ?? Buffer(pointer: .allocate(capacity: max(capacity, 1)), capacity: max(capacity, 1))
    }

    func give(_ buffer: Buffer) {
        lock.lock(); defer { lock.unlock() }
        free.append(buffer)
        if free.count > 8 {
            let smallest = free.indices.min { free[$0].capacity < free[$1].capacity }!
            free.remove(at: smallest).pointer.deallocate()
        }
    }
}

/// A pointer handed to worker threads, which only read it or write disjoint parts of its memory.
struct Shared<Pointer>: @unchecked Sendable {
    let pointer: Pointer
    init(_ pointer: Pointer) { self.pointer = pointer }
}
