// Direct convolution kernels for few output channels (a multiple of 8): the forward pass and the weight
// gradient read a zero-padded copy of the batch instead of an im2col matrix nine times its size, with
// eight output channels per SIMD8<Float> lane group.
//
// They do the arithmetic of the im2col products exactly: each output starts at its bias and absorbs
// field(k) · W[c, k] for k = 0, 1, … (k = (ky · kernel + kx) · Cin + channel) with one fused multiply-add
// each, padding zeros included; each weight gradient starts at its old value and absorbs
// ∂out[row, c] · field(row, k) for rows in order. So the results equal the reference product bit for bit.

extension Conv2D {
    typealias Lanes = SIMD8<Float>

    /// The padded geometry: input height and width plus the padding on both sides.
    struct Padded {
        let height, width, channels, padding, outHeight, outWidth, kernel: Int
        var imageSize: Int { height * width * channels }

        /// Offsets, within the padded image, of the field entries k = 0..<kernel²·channels of output pixel (0, 0).
        var fieldOffsets: [Int] {
            (0..<kernel).flatMap { ky in
                (0..<kernel).flatMap { kx in (0..<channels).map { c in (ky * width + kx) * channels + c } }
            }
        }

        /// The padded-image offset of output pixel (y, x) of example n.
        @inline(__always) func origin(_ n: Int, _ y: Int, _ x: Int) -> Int { n * imageSize + (y * width + x) * channels }
    }

    var padded: Padded {
        Padded(height: inputShape.height + 2 * padding, width: inputShape.width + 2 * padding, channels: inputShape.channels,
               padding: padding, outHeight: outputShape.height, outWidth: outputShape.width, kernel: kernelSize)
    }

    /// Whether the direct kernels apply: output channels in whole lane groups.
    var usesDirectKernels: Bool { outputShape.channels % Lanes.scalarCount == 0 }

    /// target ← the batch with `padding` zeros around every image.
    static func pad(_ input: Matrix, _ geometry: Padded, into target: inout [Float]) {
        let count = input.rows * geometry.imageSize
        if target.count != count { target = [Float](repeating: 0, count: count) }
        let (p, c) = (geometry.padding, geometry.channels)
        let rowLength = (geometry.width - 2 * p) * c
        input.elements.withUnsafeBufferPointer { x in
            target.withUnsafeMutableBufferPointer { t in
                // Borders stay zero from the allocation; only the interiors are rewritten.
                for n in 0..<input.rows {
                    for y in 0..<(geometry.height - 2 * p) {
                        let from = x.baseAddress! + (n * (geometry.height - 2 * p) + y) * rowLength
                        (t.baseAddress! + geometry.origin(n, y + p, p)).update(from: from, count: rowLength)
                    }
                }
            }
        }
    }

    /// output[(n, y, x), c] = bias[c] + Σ_k field(k) · W[c, k], four pixels at a time.
    static func directForward(padded source: UnsafePointer<Float>, _ geometry: Padded, batch: Int,
                              weights: Matrix, bias: [Float], into output: UnsafeMutablePointer<Float>) {
        let channels = weights.rows, fieldSize = weights.columns
        let offsets = geometry.fieldOffsets
        // Wᵀ: row k holds W[0..<Cout, k], so a lane group's weights for one k are one load.
        let transposed = weights.transposed()
        transposed.elements.withUnsafeBufferPointer { wBuffer in
            bias.withUnsafeBufferPointer { biasBuffer in
                offsets.withUnsafeBufferPointer { offsets in
                    let w = wBuffer.baseAddress!
                    for group in stride(from: 0, to: channels, by: Lanes.scalarCount) {
                        let start = load(biasBuffer.baseAddress! + group)
                        for n in 0..<batch {
                            for y in 0..<geometry.outHeight {
                                var x = 0
                                let outRow = output + ((n * geometry.outHeight + y) * geometry.outWidth) * channels + group
                                let step = geometry.channels
                                while x + 4 <= geometry.outWidth {
                                    let p = source + geometry.origin(n, y, x)
                                    var a0 = start, a1 = start, a2 = start, a3 = start
                                    for k in 0..<fieldSize {
                                        let wk = load(w + k * channels + group)
                                        let q = p + offsets[k]
                                        a0 = a0.addingProduct(Lanes(repeating: q[0]), wk)
                                        a1 = a1.addingProduct(Lanes(repeating: q[step]), wk)
                                        a2 = a2.addingProduct(Lanes(repeating: q[2 * step]), wk)
                                        a3 = a3.addingProduct(Lanes(repeating: q[3 * step]), wk)
                                    }
                                    store(a0, outRow + x * channels); store(a1, outRow + (x + 1) * channels)
                                    store(a2, outRow + (x + 2) * channels); store(a3, outRow + (x + 3) * channels)
                                    x += 4
                                }
                                while x < geometry.outWidth {
                                    let p = source + geometry.origin(n, y, x)
                                    var a = start
                                    for k in 0..<fieldSize { a = a.addingProduct(Lanes(repeating: p[offsets[k]]), load(w + k * channels + group)) }
                                    store(a, outRow + x * channels)
                                    x += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// gradient[c, k] += Σ_rows ∂out[row, c] · field(row, k), rows in order; nine k's per pass, each a chain
    /// of fused multiply-adds in its own register.
    static func directWeightGradient(padded source: UnsafePointer<Float>, _ geometry: Padded, batch: Int,
                                     delta: UnsafePointer<Float>, channels: Int, into gradient: inout Matrix) {
        let fieldSize = gradient.columns
        let offsets = geometry.fieldOffsets
        gradient.elements.withUnsafeMutableBufferPointer { g in
            for group in stride(from: 0, to: channels, by: Lanes.scalarCount) {
                for k0 in stride(from: 0, to: fieldSize, by: 9) {
                    // Up to nine k's; missing ones repeat the last and are not written back.
                    let used = min(9, fieldSize - k0)
                    let o = (0..<9).map { offsets[k0 + min($0, used - 1)] }
                    func gather(_ j: Int) -> Lanes {
                        var v = Lanes()
                        for lane in 0..<Lanes.scalarCount { v[lane] = g[(group + lane) * fieldSize + k0 + min(j, used - 1)] }
                        return v
                    }
                    var a0 = gather(0), a1 = gather(1), a2 = gather(2), a3 = gather(3), a4 = gather(4)
                    var a5 = gather(5), a6 = gather(6), a7 = gather(7), a8 = gather(8)
                    let (o0, o1, o2, o3, o4, o5, o6, o7, o8) = (o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8])
                    var row = 0
                    for n in 0..<batch {
                        for y in 0..<geometry.outHeight {
                            for x in 0..<geometry.outWidth {
                                let d = load(delta + row * channels + group)
                                let p = source + geometry.origin(n, y, x)
                                a0 = a0.addingProduct(d, Lanes(repeating: p[o0])); a1 = a1.addingProduct(d, Lanes(repeating: p[o1]))
                                a2 = a2.addingProduct(d, Lanes(repeating: p[o2])); a3 = a3.addingProduct(d, Lanes(repeating: p[o3]))
                                a4 = a4.addingProduct(d, Lanes(repeating: p[o4])); a5 = a5.addingProduct(d, Lanes(repeating: p[o5]))
                                a6 = a6.addingProduct(d, Lanes(repeating: p[o6])); a7 = a7.addingProduct(d, Lanes(repeating: p[o7]))
                                a8 = a8.addingProduct(d, Lanes(repeating: p[o8]))
                                row += 1
                            }
                        }
                    }
                    let results = [a0, a1, a2, a3, a4, a5, a6, a7, a8]
                    for j in 0..<used {
                        for lane in 0..<Lanes.scalarCount { g[(group + lane) * fieldSize + k0 + j] = results[j][lane] }
                    }
                }
            }
        }
    }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
    @inline(__always) static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
    }
}
