// Direct convolution kernels. For few output channels (a multiple of 8), the forward pass and the weight
// gradient read a zero-padded copy of the batch instead of an im2col matrix nine times its size, with eight
// output channels per SIMD8<Float> lane group; the input gradient (any channel counts) computes each entry of
// ∂out · W where col2im would add it, instead of writing and re-reading that matrix.
//
// They do the arithmetic of the im2col products exactly: each output starts at its bias and absorbs
// field(k) · W[c, k] for k = 0, 1, … (k = (ky · kernel + kx) · Cin + channel) with one fused multiply-add
// each, padding zeros included (a following ReLU is applied to the finished sum); each weight gradient starts
// at its old value and absorbs ∂out[row, c] · field(row, k) for rows in order; each input-gradient term is a
// chain of fused multiply-adds from 0 over the output channels, added to the pixel in col2im's order. So the
// results equal the reference products bit for bit. No kernel allocates: scratch lives in the layer.

extension Conv2D {
    typealias Lanes = SIMD8<Float>

    /// The padded geometry: input height and width plus the padding on both sides.
    struct Padded {
        let height, width, channels, padding, outHeight, outWidth: Int
        var imageSize: Int { height * width * channels }

        /// The padded-image offset of output pixel (y, x) of example n.
        @inline(__always) func origin(_ n: Int, _ y: Int, _ x: Int) -> Int { n * imageSize + (y * width + x) * channels }
    }

    var padded: Padded {
        Padded(height: inputShape.height + 2 * padding, width: inputShape.width + 2 * padding, channels: inputShape.channels,
               padding: padding, outHeight: outputShape.height, outWidth: outputShape.width)
    }

    /// Whether the direct forward and weight-gradient kernels apply: output channels in whole lane groups.
    var usesDirectKernels: Bool { outputShape.channels % Lanes.scalarCount == 0 }

    /// target ← the batch with `padding` zeros around every image. The buffer only grows; its borders stay
    /// zero from the allocation, and only the interiors are rewritten.
    static func pad(_ input: Matrix, _ geometry: Padded, into target: inout [Float]) {
        let count = input.rows * geometry.imageSize
        if target.count < count { target = [Float](repeating: 0, count: count) }
        let (p, c) = (geometry.padding, geometry.channels)
        let rowLength = (geometry.width - 2 * p) * c
        input.elements.withUnsafeBufferPointer { x in
            target.withUnsafeMutableBufferPointer { t in
                for n in 0..<input.rows {
                    for y in 0..<(geometry.height - 2 * p) {
                        let from = x.baseAddress! + (n * (geometry.height - 2 * p) + y) * rowLength
                        (t.baseAddress! + geometry.origin(n, y + p, p)).update(from: from, count: rowLength)
                    }
                }
            }
        }
    }

    /// target ← the convolution of the batch, or its ReLU when `rectified` (pads the batch into `paddedInput`
    /// for the backward pass).
    mutating func directForward(_ input: Matrix, into target: UnsafeMutablePointer<Float>, rectified: Bool) {
        let geometry = padded
        Self.pad(input, geometry, into: &paddedInput)
        // Wᵀ: row k holds W[0..<Cout, k], so a lane group's weights for one k are one load.
        let weights = parameters[0].value
        let (channels, fieldSize) = (weights.rows, weights.columns)
        if transposedWeights.count != weights.elements.count { transposedWeights = [Float](repeating: 0, count: weights.elements.count) }
        weights.elements.withUnsafeBufferPointer { w in
            transposedWeights.withUnsafeMutableBufferPointer { t in
                for c in 0..<channels { for k in 0..<fieldSize { t[k * channels + c] = w[c * fieldSize + k] } }
            }
        }
        let batch = input.rows
        paddedInput.withUnsafeBufferPointer { source in
            transposedWeights.withUnsafeBufferPointer { w in
                parameters[1].value.elements.withUnsafeBufferPointer { bias in
                    fieldOffsets.withUnsafeBufferPointer { offsets in
                        let kernel = Forward(source: source.baseAddress!, geometry: geometry, weights: w.baseAddress!, channels: channels,
                                             fieldSize: fieldSize, bias: bias.baseAddress!, offsets: offsets.baseAddress!, target: target)
                        if rectified { kernel.run(batch: batch, rectified: true) } else { kernel.run(batch: batch, rectified: false) }
                    }
                }
            }
        }
    }

    /// The direct forward kernel: target[(n, y, x), c] = bias[c] + Σ_k field(k) · W[c, k] (or its ReLU).
    struct Forward {
        let source: UnsafePointer<Float>
        let geometry: Padded
        /// Wᵀ (fieldSize × channels).
        let weights: UnsafePointer<Float>
        let channels, fieldSize: Int
        let bias: UnsafePointer<Float>
        let offsets: UnsafePointer<Int>
        let target: UnsafeMutablePointer<Float>

        /// Eight pixels at a time (eight independent chains keep both FMA pipes busy), then four, then one.
        @inline(__always) func run(batch: Int, rectified: Bool) {
            for group in stride(from: 0, to: channels, by: Lanes.scalarCount) {
                for n in 0..<batch {
                    for y in 0..<geometry.outHeight {
                        var x = 0
                        while x + 8 <= geometry.outWidth { pixels(8, n, y, x, group, rectified); x += 8 }
                        while x + 4 <= geometry.outWidth { pixels(4, n, y, x, group, rectified); x += 4 }
                        while x < geometry.outWidth { pixels(1, n, y, x, group, rectified); x += 1 }
                    }
                }
            }
        }

        /// `count` (8, 4 or 1: a constant once inlined) pixels from (n, y, x) on, one lane group of channels.
        @inline(__always) private func pixels(_ count: Int, _ n: Int, _ y: Int, _ x: Int, _ group: Int, _ rectified: Bool) {
            let step = geometry.channels
            let p = source + geometry.origin(n, y, x)
            let start = load(bias + group)
            var a = (start, start, start, start, start, start, start, start)
            var w = weights + group  // steps through Wᵀ's rows
            for k in 0..<fieldSize {
                let wk = load(w)
                w += channels
                let q = p + offsets[k]
                a.0 = a.0.addingProduct(Lanes(repeating: q[0]), wk)
                if count >= 4 {
                    a.1 = a.1.addingProduct(Lanes(repeating: q[step]), wk)
                    a.2 = a.2.addingProduct(Lanes(repeating: q[2 * step]), wk)
                    a.3 = a.3.addingProduct(Lanes(repeating: q[3 * step]), wk)
                }
                if count == 8 {
                    a.4 = a.4.addingProduct(Lanes(repeating: q[4 * step]), wk)
                    a.5 = a.5.addingProduct(Lanes(repeating: q[5 * step]), wk)
                    a.6 = a.6.addingProduct(Lanes(repeating: q[6 * step]), wk)
                    a.7 = a.7.addingProduct(Lanes(repeating: q[7 * step]), wk)
                }
            }
            let o = target + ((n * geometry.outHeight + y) * geometry.outWidth + x) * channels + group
            @inline(__always) func put(_ v: Lanes, _ i: Int) { store(rectified ? relu(v) : v, o + i * channels) }
            put(a.0, 0)
            if count >= 4 { put(a.1, 1); put(a.2, 2); put(a.3, 3) }
            if count == 8 { put(a.4, 4); put(a.5, 5); put(a.6, 6); put(a.7, 7) }
        }
    }

    /// Adds the weight and bias gradients of the last forward pass's batch given ∂L/∂output = `delta`, or, when
    /// `rectified` (the ReLU of the output) is given, ∂L/∂output = reluGradient(`delta`, `rectified`).
    /// The bias gradient rides along the weight gradient's pass over the rows (its chain of additions hides in
    /// the fused multiply-adds' latency).
    mutating func directWeightGradient(batch: Int, delta: UnsafePointer<Float>, rectified: UnsafePointer<Float>?) {
        let geometry = padded
        let channels = outputShape.channels
        var biasGradient: [Float] = []  // moved out for the call: two parameters cannot both be inout
        swap(&biasGradient, &parameters[1].gradient.elements)
        paddedInput.withUnsafeBufferPointer { source in
            fieldOffsets.withUnsafeBufferPointer { offsets in
                parameters[0].gradient.elements.withUnsafeMutableBufferPointer { g in
                    biasGradient.withUnsafeMutableBufferPointer { db in
                        Self.directWeightGradient(padded: source.baseAddress!, geometry, batch: batch, delta: delta, rectified: rectified,
                                                  channels: channels, offsets: offsets.baseAddress!, into: g.baseAddress!,
                                                  fieldSize: g.count / channels, biasGradient: db.baseAddress!)
                    }
                }
            }
        }
        swap(&biasGradient, &parameters[1].gradient.elements)
    }

    /// gradient[c, k] += Σ_rows ∂out[row, c] · field(row, k), rows in order; nine k's per pass, each a chain
    /// of fused multiply-adds in its own register. In the first pass, biasGradient[c] += ∂out[row, c] for rows
    /// in order too (one more chain, of additions). ∂out is `delta`, masked by `rectified` when given.
    static func directWeightGradient(padded source: UnsafePointer<Float>, _ geometry: Padded, batch: Int,
                                     delta: UnsafePointer<Float>, rectified: UnsafePointer<Float>?, channels: Int,
                                     offsets: UnsafePointer<Int>, into gradient: UnsafeMutablePointer<Float>, fieldSize: Int,
                                     biasGradient: UnsafeMutablePointer<Float>) {
        for group in stride(from: 0, to: channels, by: Lanes.scalarCount) {
            var bias = load(biasGradient + group)
            defer { store(bias, biasGradient + group) }
            for k0 in stride(from: 0, to: fieldSize, by: 9) {
                // Up to nine k's; missing ones repeat the last and are not written back.
                let used = min(9, fieldSize - k0)
                @inline(__always) func column(_ j: Int) -> Int { k0 + min(j, used - 1) }
                @inline(__always) func gather(_ j: Int) -> Lanes {
                    var v = Lanes()
                    for lane in 0..<Lanes.scalarCount { v[lane] = gradient[(group + lane) * fieldSize + column(j)] }
                    return v
                }
                @inline(__always) func scatter(_ v: Lanes, _ j: Int) {
                    guard j < used else { return }
                    for lane in 0..<Lanes.scalarCount { gradient[(group + lane) * fieldSize + k0 + j] = v[lane] }
                }
                var a0 = gather(0), a1 = gather(1), a2 = gather(2), a3 = gather(3), a4 = gather(4)
                var a5 = gather(5), a6 = gather(6), a7 = gather(7), a8 = gather(8)
                let (o0, o1, o2) = (offsets[column(0)], offsets[column(1)], offsets[column(2)])
                let (o3, o4, o5) = (offsets[column(3)], offsets[column(4)], offsets[column(5)])
                let (o6, o7, o8) = (offsets[column(6)], offsets[column(7)], offsets[column(8)])
                @inline(__always) func pass(addingBias: Bool, masked: Bool) {
                    // Pointers step along the rows (no index arithmetic per row).
                    var i = group  // ∂out[row, group]
                    for n in 0..<batch {
                        for y in 0..<geometry.outHeight {
                            var p = source + geometry.origin(n, y, 0)
                            for _ in 0..<geometry.outWidth {
                                let d = masked ? reluGradient(load(delta + i), load(rectified! + i)) : load(delta + i)
                                a0 = a0.addingProduct(d, Lanes(repeating: p[o0])); a1 = a1.addingProduct(d, Lanes(repeating: p[o1]))
                                a2 = a2.addingProduct(d, Lanes(repeating: p[o2])); a3 = a3.addingProduct(d, Lanes(repeating: p[o3]))
                                a4 = a4.addingProduct(d, Lanes(repeating: p[o4])); a5 = a5.addingProduct(d, Lanes(repeating: p[o5]))
                                a6 = a6.addingProduct(d, Lanes(repeating: p[o6])); a7 = a7.addingProduct(d, Lanes(repeating: p[o7]))
                                a8 = a8.addingProduct(d, Lanes(repeating: p[o8]))
                                if addingBias { bias += d }
                                i &+= channels
                                p += geometry.channels
                            }
                        }
                    }
                }
                switch (k0 == 0, rectified != nil) {  // each combination its own loop, the tests hoisted
                case (true, true): pass(addingBias: true, masked: true)
                case (true, false): pass(addingBias: true, masked: false)
                case (false, true): pass(addingBias: false, masked: true)
                case (false, false): pass(addingBias: false, masked: false)
                }
                scatter(a0, 0); scatter(a1, 1); scatter(a2, 2); scatter(a3, 3); scatter(a4, 4)
                scatter(a5, 5); scatter(a6, 6); scatter(a7, 7); scatter(a8, 8)
            }
        }
    }

    /// inputGradient[pixel, c] += t(row, k) = Σ_co ∂out[row, co] · W[co, k] (a chain of fused multiply-adds
    /// from 0, output channels in order) for every output row and field entry k that reads the pixel, added in
    /// col2im's order (example, output row, kernel row, kernel column, output column): the bits of
    /// col2im(∂out · W) without the column matrix. Input channels eight at a time (then one at a time),
    /// four output columns at a time for independent chains.
    static func directInputGradient(delta: UnsafePointer<Float>, weights: UnsafePointer<Float>, outChannels: Int,
                                    _ geometry: Geometry, batch: Int, into dx: UnsafeMutablePointer<Float>) {
        let (fieldSize, inChannels, outWidth, width) = (geometry.fieldSize, geometry.inChannels, geometry.outWidth, geometry.width)
        let vectorChannels = inChannels - inChannels % Lanes.scalarCount
        for n in 0..<batch {
            for y in 0..<geometry.outHeight {
                let deltaRow = delta + (n * geometry.outHeight + y) * outWidth * outChannels
                for ky in 0..<geometry.kernel {
                    let iy = y + ky - geometry.padding
                    guard iy >= 0 && iy < geometry.height else { continue }
                    let line = dx + (n * geometry.height + iy) * width * inChannels
                    for kx in 0..<geometry.kernel {
                        let shift = kx - geometry.padding
                        let lower = min(outWidth, max(0, -shift)), upper = max(lower, min(outWidth, width - shift))
                        let k0 = (ky * geometry.kernel + kx) * inChannels
                        var c = 0
                        while c < vectorChannels {
                            let w = weights + k0 + c
                            var xx = lower
                            while xx + 4 <= upper {
                                let d = deltaRow + xx * outChannels
                                var t0 = Lanes(), t1 = Lanes(), t2 = Lanes(), t3 = Lanes()
                                for co in 0..<outChannels {
                                    let wv = load(w + co * fieldSize)
                                    t0 = t0.addingProduct(Lanes(repeating: d[co]), wv)
                                    t1 = t1.addingProduct(Lanes(repeating: d[outChannels + co]), wv)
                                    t2 = t2.addingProduct(Lanes(repeating: d[2 * outChannels + co]), wv)
                                    t3 = t3.addingProduct(Lanes(repeating: d[3 * outChannels + co]), wv)
                                }
                                let target = line + (xx + shift) * inChannels + c
                                store(load(target) + t0, target)
                                store(load(target + inChannels) + t1, target + inChannels)
                                store(load(target + 2 * inChannels) + t2, target + 2 * inChannels)
                                store(load(target + 3 * inChannels) + t3, target + 3 * inChannels)
                                xx += 4
                            }
                            while xx < upper {
                                let d = deltaRow + xx * outChannels
                                var t = Lanes()
                                for co in 0..<outChannels { t = t.addingProduct(Lanes(repeating: d[co]), load(w + co * fieldSize)) }
                                let target = line + (xx + shift) * inChannels + c
                                store(load(target) + t, target)
                                xx += 1
                            }
                            c += Lanes.scalarCount
                        }
                        while c < inChannels {
                            let w = weights + k0 + c
                            for xx in lower..<upper {
                                let d = deltaRow + xx * outChannels
                                var t: Float = 0
                                for co in 0..<outChannels { t = t.addingProduct(d[co], w[co * fieldSize]) }
                                line[(xx + shift) * inChannels + c] += t
                            }
                            c += 1
                        }
                    }
                }
            }
        }
    }

    /// ∂L/∂z from ∂L/∂ReLU(z) and ReLU(z), lane by lane: 0 + (ReLU(z) > 0 ? ∂L/∂ReLU(z) : 0), the bits of
    /// `Activation.backward` adding into a zeroed buffer (the + 0 turns −0 into +0 as that sum does).
    @inline(__always) static func reluGradient(_ gradient: Lanes, _ rectified: Lanes) -> Lanes {
        Lanes().replacing(with: gradient, where: rectified .> 0) + 0
    }

    /// max(z, 0) lane by lane with NaN passing, as `Activation.relu` computes it.
    @inline(__always) static func relu(_ v: Lanes) -> Lanes { Lanes().replacing(with: v, where: (v .> 0) .| (v .!= v)) }

    @inline(__always) static func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
    @inline(__always) static func load(_ p: UnsafeMutablePointer<Float>) -> Lanes { load(UnsafePointer(p)) }
    @inline(__always) static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
    }
}
