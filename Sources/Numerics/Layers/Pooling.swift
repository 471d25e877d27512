// Max and average pooling over non-overlapping size × size windows (stride = size), per channel,
// and Flatten. Windows that do not fit at the right and bottom edges are dropped (floor), as in
// PyTorch's `MaxPool2d` / `AvgPool2d` defaults, so 28 → 14 → 7.
//
// Shapes (NHWC): input N × (H · W · C), output N × (⌊H/s⌋ · ⌊W/s⌋ · C).
// Max pooling keeps, per output, the index of the winning input (the first maximum in row-major window
// order, like PyTorch); backward adds ∂out there. Average pooling adds ∂out / s² to every window input.

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
        switch kind {
        case .max:
            if winners.count != outCount { winners = [Int32](repeating: 0, count: outCount) }
            input.elements.withUnsafeBufferPointer { x in
                output.elements.withUnsafeMutableBufferPointer { out in
                    winners.withUnsafeMutableBufferPointer { win in
                        Self.forEachWindow(input: inputShape, output: outputShape, size: size, batch: batch) { o, corner, offsets in
                            var best = corner, bestValue = x[corner]
                            for offset in offsets.dropFirst() {
                                let i = corner + offset
                                // `!(v <= best)` also lets a NaN win, so NaN propagates as in PyTorch.
                                if !(x[i] <= bestValue) { best = i; bestValue = x[i] }
                            }
                            out[o] = bestValue
                            win[o] = Int32(best)
                        }
                    }
                }
            }
        case .average:
            let scale = 1 / Float(size * size)
            input.elements.withUnsafeBufferPointer { x in
                output.elements.withUnsafeMutableBufferPointer { out in
                    Self.forEachWindow(input: inputShape, output: outputShape, size: size, batch: batch) { o, corner, offsets in
                        var sum: Float = 0
                        for offset in offsets { sum += x[corner + offset] }
                        out[o] = sum * scale
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, output: Matrix, outputGradient: Matrix,
                                  inputGradient: inout Matrix, propagate: Bool) {
        guard propagate else { return }
        let batch = input.rows
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
                        let share = dout[o] * scale
                        for offset in offsets { dx[corner + offset] += share }
                    }
                }
            }
        }
    }

    /// Calls `body(output index, index of the window's top-left input, offsets of the window's inputs from it)`
    /// for every output, in output order; offsets run row-major through the window.
    @inline(__always)
    private static func forEachWindow(input: Shape, output: Shape, size: Int, batch: Int,
                                      _ body: (Int, Int, UnsafeBufferPointer<Int>) -> Void) {
        let (height, width, channels) = (input.height, input.width, input.channels)
        let (outHeight, outWidth) = (output.height, output.width)
        let offsets = (0..<size * size).map { ($0 / size * width + $0 % size) * channels }
        offsets.withUnsafeBufferPointer { offsets in
            var o = 0
            for n in 0..<batch {
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        let pixel = ((n * height + y * size) * width + x * size) * channels
                        for c in 0..<channels {
                            body(o, pixel + c, offsets)
                            o += 1
                        }
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

    public mutating func backward(input: Matrix, output: Matrix, outputGradient: Matrix,
                                  inputGradient: inout Matrix, propagate: Bool) {
        guard propagate else { return }
        inputGradient.elements.withUnsafeMutableBufferPointer { dx in
            outputGradient.elements.withUnsafeBufferPointer { d in
                for i in 0..<d.count { dx[i] += d[i] }
            }
        }
    }
}
