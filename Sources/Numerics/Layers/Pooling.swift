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
        let (height, width, channels) = (inputShape.height, inputShape.width, inputShape.channels)
        let (outHeight, outWidth) = (outputShape.height, outputShape.width)
        let size = self.size
        let outCount = batch * outputShape.count
        if kind == .max && winners.count != outCount { winners = [Int32](repeating: 0, count: outCount) }
        let scale = 1 / Float(size * size)
        let kind = self.kind
        input.elements.withUnsafeBufferPointer { x in
            output.elements.withUnsafeMutableBufferPointer { out in
                winners.withUnsafeMutableBufferPointer { win in
                    var o = 0
                    for n in 0..<batch {
                        for y in 0..<outHeight {
                            for xx in 0..<outWidth {
                                for c in 0..<channels {
                                    let corner = ((n * height + y * size) * width + xx * size) * channels + c
                                    switch kind {
                                    case .max:
                                        var best = corner, bestValue = x[corner]
                                        for dy in 0..<size {
                                            for dx in 0..<size {
                                                let i = corner + (dy * width + dx) * channels
                                                // `!(v <= best)` also lets a NaN win, so NaN propagates as in PyTorch.
                                                if !(x[i] <= bestValue) && i != corner { best = i; bestValue = x[i] }
                                            }
                                        }
                                        out[o] = bestValue
                                        win[o] = Int32(best)
                                    case .average:
                                        var sum: Float = 0
                                        for dy in 0..<size {
                                            for dx in 0..<size { sum += x[corner + (dy * width + dx) * channels] }
                                        }
                                        out[o] = sum * scale
                                    }
                                    o += 1
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    public mutating func backward(input: Matrix, output: Matrix, outputGradient: Matrix,
                                  inputGradient: inout Matrix, propagate: Bool) {
        guard propagate else { return }
        let batch = input.rows
        let (height, width, channels) = (inputShape.height, inputShape.width, inputShape.channels)
        let (outHeight, outWidth) = (outputShape.height, outputShape.width)
        let size = self.size
        let scale = 1 / Float(size * size)
        outputGradient.elements.withUnsafeBufferPointer { dout in
            inputGradient.elements.withUnsafeMutableBufferPointer { dx in
                switch kind {
                case .max:
                    winners.withUnsafeBufferPointer { win in
                        for o in 0..<batch * outputShape.count { dx[Int(win[o])] += dout[o] }
                    }
                case .average:
                    var o = 0
                    for n in 0..<batch {
                        for y in 0..<outHeight {
                            for xx in 0..<outWidth {
                                for c in 0..<channels {
                                    let corner = ((n * height + y * size) * width + xx * size) * channels + c
                                    let share = dout[o] * scale
                                    for dy in 0..<size {
                                        for dx2 in 0..<size { dx[corner + (dy * width + dx2) * channels] += share }
                                    }
                                    o += 1
                                }
                            }
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
