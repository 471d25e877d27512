// Max and average pooling over non-overlapping size × size windows (stride = size), per channel,
// and Flatten. Windows that do not fit at the right and bottom edges are dropped (floor), as in
// PyTorch's `MaxPool2d` / `AvgPool2d` defaults, so 28 → 14 → 7.
//
// Shapes (NHWC): input N × (H · W · C), output N × (⌊H/s⌋ · ⌊W/s⌋ · C).
// Max pooling keeps, per output, the index of the winning input (the first maximum in row-major window
// order, or a NaN: PyTorch's rule); backward adds ∂out there. Average pooling adds ∂out / s² to every
// window input.

public struct Pooling: Layer {
    public enum Kind: Sendable, Hashable { case max, average }

    public let kind: Kind
    public let size: Int
    public let inputShape: Shape
    public let outputShape: Shape
    public var parameters: [Parameter] = []

    /// For max pooling: the input index (within the batch matrix) each output came from.
    private var winners: [Int32] = []

    public init(_ kind: Kind, size: Int = 2, input: Shape) {
        precondition(size > 0 && input.height >= size && input.width >= size, "a \(size)×\(size) window does not fit \(input)")
        self.kind = kind
        self.size = size
        inputShape = input
        outputShape = Shape(height: input.height / size, width: input.width / size, channels: input.channels)
    }

    public mutating func forward(_ input: Matrix, into output: inout Matrix) {
        let batch = input.rows
        let outCount = batch * outputShape.count
        let channels = inputShape.channels
        switch kind {
        case .max:
            if winners.count < outCount { winners = [Int32](repeating: 0, count: outCount) }  // grows only
            if size == 2 && channels % 8 == 0 { return maxPool2(input, into: &output) }
            input.elements.withUnsafeBufferPointer { x in
                output.elements.withUnsafeMutableBufferPointer { out in
                    winners.withUnsafeMutableBufferPointer { win in
                        Self.forEachWindow(input: inputShape, output: outputShape, size: size, batch: batch) { o, corner, offsets in
                            // PyTorch's rule: a value wins if it is larger or NaN, so a NaN propagates; on ties the
                            // earlier window position stays. Eight channels at a time, then one at a time.
                            typealias V = SIMD8<Float>
                            var c = 0
                            while c + 8 <= channels {
                                var best = UnsafeRawPointer(x.baseAddress! + corner + c).loadUnaligned(as: V.self)
                                var index = SIMD8<Int32>(repeating: Int32(corner + c)) &+ SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7)
                                for offset in offsets.dropFirst() {
                                    let value = UnsafeRawPointer(x.baseAddress! + corner + offset + c).loadUnaligned(as: V.self)
                                    let wins = (value .> best) .| (value .!= value)
                                    best.replace(with: value, where: wins)
                                    index.replace(with: SIMD8<Int32>(repeating: Int32(corner + offset + c)) &+ SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7), where: wins)
                                }
                                UnsafeMutableRawPointer(out.baseAddress! + o + c).storeBytes(of: best, as: V.self)
                                UnsafeMutableRawPointer(win.baseAddress! + o + c).storeBytes(of: index, as: SIMD8<Int32>.self)
                                c += 8
                            }
                            while c < channels {
                                var best = corner + c, bestValue = x[corner + c]
                                for offset in offsets.dropFirst() where x[corner + offset + c] > bestValue || x[corner + offset + c].isNaN {
                                    best = corner + offset + c
                                    bestValue = x[best]
                                }
                                out[o + c] = bestValue
                                win[o + c] = Int32(best)
                                c += 1
                            }
                        }
                    }
                }
            }
        case .average:
            let scale = 1 / Float(size * size)
            input.elements.withUnsafeBufferPointer { x in
                output.elements.withUnsafeMutableBufferPointer { out in
                    Self.forEachWindow(input: inputShape, output: outputShape, size: size, batch: batch) { o, corner, offsets in
                        // Each output: 0 + x₀ + x₁ + … in window order, then × 1/s².
                        for c in 0..<channels { out[o + c] = 0 }
                        for offset in offsets {
                            for c in 0..<channels { out[o + c] += x[corner + offset + c] }
                        }
                        for c in 0..<channels { out[o + c] *= scale }
                    }
                }
            }
        }
    }

    /// Max pooling over 2 × 2 windows, channels in groups of eight: the general loop's comparisons in its order
    /// (top left, top right, bottom left, bottom right), unrolled, so the same values and winners.
    private mutating func maxPool2(_ input: Matrix, into output: inout Matrix) {
        let window = Window2(inputShape)
        input.elements.withUnsafeBufferPointer { x in
            output.elements.withUnsafeMutableBufferPointer { out in
                winners.withUnsafeMutableBufferPointer { win in
                    let x = UnsafeRawPointer(x.baseAddress!)
                    let out = UnsafeMutableRawPointer(out.baseAddress!), win = UnsafeMutableRawPointer(win.baseAddress!)
                    window.forEach(batch: input.rows, output: outputShape) { o, corner, index in
                        var best = x.loadUnaligned(fromByteOffset: 4 * corner, as: Window2.Values.self)
                        var winner = index
                        @inline(__always) func consider(_ offset: Int, _ step: Window2.Indices) {
                            let value = x.loadUnaligned(fromByteOffset: 4 * (corner + offset), as: Window2.Values.self)
                            let wins = (value .> best) .| (value .!= value)
                            best.replace(with: value, where: wins)
                            winner.replace(with: index &+ step, where: wins)
                        }
                        consider(window.right, window.rightStep)
                        consider(window.below, window.belowStep)
                        consider(window.diagonal, window.diagonalStep)
                        out.storeBytes(of: best, toByteOffset: 4 * o, as: Window2.Values.self)
                        win.storeBytes(of: winner, toByteOffset: 4 * o, as: Window2.Indices.self)
                    }
                }
            }
        }
    }

    /// The walk over 2 × 2 windows, eight channels at a time, shared by the unrolled forward and backward passes.
    private struct Window2 {
        typealias Values = SIMD8<Float>
        typealias Indices = SIMD8<Int32>
        let width, channels, imageSize: Int
        /// Offsets of the other three window positions from the top left one, as Int and as lane vectors.
        let right, below, diagonal: Int
        let rightStep, belowStep, diagonalStep: Indices

        init(_ input: Shape) {
            (width, channels, imageSize) = (input.width, input.channels, input.count)
            (right, below, diagonal) = (channels, width * channels, (width + 1) * channels)
            (rightStep, belowStep, diagonalStep) = (Indices(repeating: Int32(right)), Indices(repeating: Int32(below)),
                                                    Indices(repeating: Int32(diagonal)))
        }

        /// Calls `body(output index, input index of the window's top left, those input indices for the eight
        /// lanes)` for every window and lane group, in output order.
        @inline(__always) func forEach(batch: Int, output: Shape, _ body: (Int, Int, Indices) -> Void) {
            precondition(batch * imageSize <= Int(Int32.max), "a batch of \(batch) images is too large for 32-bit winner indices")
            let lanes = Indices(0, 1, 2, 3, 4, 5, 6, 7)
            var o = 0
            for n in 0..<batch {
                for y in 0..<output.height {
                    var corner = n &* imageSize &+ 2 &* y &* width &* channels
                    for _ in 0..<output.width {
                        for _ in stride(from: 0, to: channels, by: 8) {
                            body(o, corner, Indices(repeating: Int32(truncatingIfNeeded: corner)) &+ lanes)
                            corner &+= 8
                            o &+= 8
                        }
                        corner &+= channels  // past the window's right column
                    }
                }
            }
        }
    }

    /// 2 × 2 max windows that tile the image (even height and width), channels in groups of eight: each input
    /// is in exactly one window, so backward writes every ∂L/∂input once (0 + ∂out at the winner, else 0).
    public var setsInputGradient: Bool {
        kind == .max && size == 2 && inputShape.height % 2 == 0 && inputShape.width % 2 == 0 && inputShape.channels % 8 == 0
    }

    public mutating func backward(input: Matrix, output: Matrix, outputGradient: Matrix,
                                  inputGradient: inout Matrix, propagate: Bool) {
        guard propagate else { return }
        let batch = input.rows
        let channels = inputShape.channels
        if setsInputGradient { return maxUnpool2(batch: batch, outputGradient, into: &inputGradient) }
        outputGradient.elements.withUnsafeBufferPointer { dout in
            inputGradient.elements.withUnsafeMutableBufferPointer { dx in
                switch kind {
                case .max:
                    winners.withUnsafeBufferPointer { win in
                        for o in 0..<batch * outputShape.count { dx[Int(win[o])] += dout[o] }
                    }
                case .average:
                    let scale = 1 / Float(size * size)
                    Self.forEachWindow(input: inputShape, output: outputShape, size: size, batch: batch) { o, corner, offsets in
                        for offset in offsets {
                            for c in 0..<channels { dx[corner + offset + c] += dout[o + c] * scale }
                        }
                    }
                }
            }
        }
    }

    /// ∂L/∂input of tiling 2 × 2 max windows, set: per window and lane, 0 + ∂out at the winner (the + 0 makes
    /// −0 the +0 that adding into a zeroed buffer gives), 0 at the other three positions.
    private func maxUnpool2(batch: Int, _ outputGradient: Matrix, into inputGradient: inout Matrix) {
        let window = Window2(inputShape)
        outputGradient.elements.withUnsafeBufferPointer { dout in
            inputGradient.elements.withUnsafeMutableBufferPointer { dx in
                winners.withUnsafeBufferPointer { win in
                    let dout = UnsafeRawPointer(dout.baseAddress!), win = UnsafeRawPointer(win.baseAddress!)
                    let dx = UnsafeMutableRawPointer(dx.baseAddress!)
                    window.forEach(batch: batch, output: outputShape) { o, corner, index in
                        let d = dout.loadUnaligned(fromByteOffset: 4 * o, as: Window2.Values.self)
                        let winner = win.loadUnaligned(fromByteOffset: 4 * o, as: Window2.Indices.self)
                        @inline(__always) func put(_ offset: Int, _ step: Window2.Indices) {
                            let value = Window2.Values().replacing(with: d, where: winner .== index &+ step) + 0
                            dx.storeBytes(of: value, toByteOffset: 4 * (corner + offset), as: Window2.Values.self)
                        }
                        put(0, Window2.Indices())
                        put(window.right, window.rightStep)
                        put(window.below, window.belowStep)
                        put(window.diagonal, window.diagonalStep)
                    }
                }
            }
        }
    }

    /// Calls `body(index of the output pixel's first channel, index of its window's top-left input pixel's
    /// first channel, offsets of the window's pixels from that corner)` for every output pixel, in output order;
    /// offsets run row-major through the window. Channels are contiguous after both indices (NHWC).
    @inline(__always)
    private static func forEachWindow(input: Shape, output: Shape, size: Int, batch: Int,
                                      _ body: (Int, Int, UnsafeBufferPointer<Int>) -> Void) {
        let (height, width, channels) = (input.height, input.width, input.channels)
        let (outHeight, outWidth) = (output.height, output.width)
        // On the stack: a training step allocates nothing.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: size * size) { offsets in
            for i in 0..<size * size { offsets.initializeElement(at: i, to: (i / size * width + i % size) * channels) }
            let offsets = UnsafeBufferPointer(offsets)
            var o = 0
            for n in 0..<batch {
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        body(o, ((n * height + y * size) * width + x * size) * channels, offsets)
                        o += channels
                    }
                }
            }
        }
    }
}

/// Flatten: an image-shaped example becomes a vector of the same features in the same (H, W, C) order.
/// Batch rows are already flat, so this only changes the shape that later layers see; data passes unchanged.
public struct Flatten: Layer {
    public let inputShape: Shape
    public let outputShape: Shape
    public var parameters: [Parameter] = []

    public init(input: Shape) {
        inputShape = input
        outputShape = .vector(input.count)
    }

    public mutating func forward(_ input: Matrix, into output: inout Matrix) {
        output.elements.withUnsafeMutableBufferPointer { out in
            input.elements.withUnsafeBufferPointer { x in _ = out.update(fromContentsOf: x) }
        }
    }

    /// The gradient passes through: set, not added.
    public var setsInputGradient: Bool { true }

    /// ∂L/∂input = 0 + ∂L/∂output (the + 0 makes −0 the +0 that adding into a zeroed buffer gives).
    public mutating func backward(input: Matrix, output: Matrix, outputGradient: Matrix,
                                  inputGradient: inout Matrix, propagate: Bool) {
        guard propagate else { return }
        inputGradient.elements.withUnsafeMutableBufferPointer { dx in
            outputGradient.elements.withUnsafeBufferPointer { d in
                for i in 0..<d.count { dx[i] = d[i] + 0 }
            }
        }
    }
}
