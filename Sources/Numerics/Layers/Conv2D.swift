// Conv2D: a 2-D convolution with square kernels, stride 1 and zero padding, lowered to one matrix product
// per mini-batch by im2col (Chellapilla, Puri & Simard 2006, "High performance convolutional neural networks
// for document processing"). Cross-correlation, as in every deep-learning library (no kernel flip).
//
// Shapes (NHWC, see Layer.swift), with K = kernel² · Cin and HW' = output height · output width:
//   input            N × (H · W · Cin)
//   columns (kept)   (N · HW') × K       row (n, y, x) holds the receptive field of output pixel (y, x),
//                                        column (ky · kernel + kx) · Cin + c, zeros where the field leaves the image
//   weights          Cout × K            one row per output channel; fan-in K, fan-out kernel² · Cout
//   output           N × (HW' · Cout) = (N · HW') × Cout = columns · weightsᵀ + bias
// Backward: ∂W += ∂outᵀ · columns, ∂b += column sums of ∂out, and ∂input += col2im(∂out · W): each entry of
// ∂out · W added back onto the input pixel its column came from. The input gradient never forms ∂out · W: a
// direct kernel (Conv2D+Direct.swift) computes each entry where col2im would add it, with the same bits.
// With output channels in whole groups of eight, the forward pass and the weight gradient skip the column
// matrix too: direct kernels read a zero-padded copy of the batch, with the same bits. A following ReLU is
// fused into both: applied in the register before the only store, and as a mask on ∂L/∂activated as the
// weight gradient reads it.

public struct Conv2D: Layer {
    public let inputShape: Shape
    public let outputShape: Shape
    public let kernelSize: Int
    public let padding: Int
    /// [weights (Cout × kernel²·Cin), bias (1 × Cout)].
    public var parameters: [Parameter]
    /// Threads for the matrix products (results do not depend on it).
    public var threads: Int

    private var columns = Matrix(rows: 0, columns: 0)
    /// The zero-padded batch the direct kernels read (Conv2D+Direct.swift); it only grows, so batches of
    /// other sizes reuse it.
    var paddedInput: [Float] = []
    /// Wᵀ for the direct forward kernel (refreshed every pass: the weights change between steps).
    var transposedWeights: [Float] = []
    /// Offsets, within the padded image, of the field entries k = 0..<kernel²·Cin of output pixel (0, 0).
    let fieldOffsets: [Int]

    /// A convolution of `input`-shaped examples to `outputChannels` channels.
    /// - Parameters:
    ///   - weights: Cout × (kernel² · Cin), row c holding output channel c's kernel in (ky, kx, input channel) order.
    ///   - bias: Cout values (zeros when omitted).
    ///   - padding: zeros added on every side; `kernelSize / 2` keeps height and width ("same").
    public init(input: Shape, kernelSize: Int = 3, padding: Int? = nil, weights: Matrix, bias: [Float]? = nil, threads: Int = 1) {
        let padding = padding ?? kernelSize / 2
        precondition(kernelSize > 0 && padding >= 0, "kernel size must be positive, padding non-negative")
        let outputHeight = input.height + 2 * padding - kernelSize + 1
        let outputWidth = input.width + 2 * padding - kernelSize + 1
        precondition(outputHeight > 0 && outputWidth > 0, "a \(kernelSize)×\(kernelSize) kernel does not fit \(input) with padding \(padding)")
        precondition(weights.columns == kernelSize * kernelSize * input.channels,
                     "weights need kernel² · input channels = \(kernelSize * kernelSize * input.channels) columns, got \(weights.columns)")
        let bias = bias ?? [Float](repeating: 0, count: weights.rows)
        precondition(bias.count == weights.rows, "one bias per output channel")
        inputShape = input
        outputShape = Shape(height: outputHeight, width: outputWidth, channels: weights.rows)
        self.kernelSize = kernelSize
        self.padding = padding
        self.threads = threads
        let paddedWidth = input.width + 2 * padding
        fieldOffsets = (0..<kernelSize).flatMap { ky in
            (0..<kernelSize).flatMap { kx in (0..<input.channels).map { c in (ky * paddedWidth + kx) * input.channels + c } }
        }
        parameters = [Parameter(weights), Parameter(Matrix(rows: 1, columns: bias.count, elements: bias))]
    }

    /// A convolution to `outputChannels` channels, kernel weights drawn by `initializer` with the kernel's fans
    /// (`Fans.convolution`), bias 0.
    public init(input: Shape, outputChannels: Int, kernelSize: Int = 3, padding: Int? = nil, initializer: Initializer,
                using generator: inout RandomGenerator, threads: Int = 1) {
        let fans = Fans.convolution(inputChannels: input.channels, outputChannels: outputChannels,
                                    kernelHeight: kernelSize, kernelWidth: kernelSize)
        let weights = initializer.weights(rows: outputChannels, columns: fans.fanIn, fans: fans, using: &generator)
        self.init(input: input, kernelSize: kernelSize, padding: padding, weights: weights, threads: threads)
    }

    /// Fan-in and fan-out of the kernel, the quantities initializers scale by (PyTorch's convention:
    /// receptive field × input channels, receptive field × output channels).
    public static func fans(kernelSize: Int, inputChannels: Int, outputChannels: Int) -> (fanIn: Int, fanOut: Int) {
        (kernelSize * kernelSize * inputChannels, kernelSize * kernelSize * outputChannels)
    }

    public mutating func forward(_ input: Matrix, into output: inout Matrix) {
        if usesDirectKernels {
            output.elements.withUnsafeMutableBufferPointer { directForward(input, into: $0.baseAddress!, rectified: false) }
            return
        }
        let batch = input.rows
        let pixels = outputShape.height * outputShape.width
        let fieldSize = kernelSize * kernelSize * inputShape.channels
        if columns.rows != batch * pixels {
            columns = Matrix(rows: batch * pixels, columns: fieldSize)
        }
        im2col(input, into: &columns)
        let weights = parameters[0].value, bias = parameters[1].value
        let channels = outputShape.channels
        let threads = self.threads
        output.withShape(rows: batch * pixels, columns: channels) { product in
            // Each output starts from its bias and absorbs the products in k order (the accumulating product).
            product.fillRows(with: bias.elements)
            Matrix.multiply(columns, weights, .abT, into: &product, accumulating: true, threads: threads)
        }
    }

    /// The convolution and a following ReLU in one pass when the direct kernel runs: each output is rectified
    /// while still in a register, and only the rectified one is stored (`output` is left as it was: the fused
    /// backward pass reads `activated` alone). Otherwise the two one after the other. Same bits either way.
    public mutating func forward(_ input: Matrix, into output: inout Matrix, activation: Activation, activated: inout Matrix) {
        guard usesDirectKernels, activation == .relu else {
            forward(input, into: &output)
            activation.apply(output, into: &activated)
            return
        }
        precondition(activated.elements.count == input.rows * outputShape.count, "activation output must have the output's shape")
        activated.elements.withUnsafeMutableBufferPointer { directForward(input, into: $0.baseAddress!, rectified: true) }
    }

    public mutating func backward(input: Matrix, output: Matrix, outputGradient: Matrix,
                                  inputGradient: inout Matrix, propagate: Bool) {
        let batch = input.rows
        let rows = batch * outputShape.height * outputShape.width
        let channels = outputShape.channels
        let delta = outputGradient.reshaped(rows: rows, columns: channels)
        if usesDirectKernels {
            delta.elements.withUnsafeBufferPointer { directWeightGradient(batch: batch, delta: $0.baseAddress!, rectified: nil) }
        } else {
            Matrix.multiply(delta, columns, .aTb, into: &parameters[0].gradient, accumulating: true, threads: threads)
            parameters[1].gradient.elements.withUnsafeMutableBufferPointer { db in
                delta.elements.withUnsafeBufferPointer { d in
                    for c in 0..<channels {
                        for row in 0..<rows { db[c] += d[row * channels + c] }
                    }
                }
            }
        }
        guard propagate else { return }
        let geometry = Geometry(self)
        parameters[0].value.elements.withUnsafeBufferPointer { w in
            delta.elements.withUnsafeBufferPointer { d in
                inputGradient.elements.withUnsafeMutableBufferPointer { dx in
                    Self.directInputGradient(delta: d.baseAddress!, weights: w.baseAddress!, outChannels: channels, geometry,
                                             batch: batch, into: dx.baseAddress!)
                }
            }
        }
    }

    /// Through a ReLU, ∂L/∂output = ∂L/∂activated where the activation is positive, else 0 (`Activation.relu`'s
    /// derivative: ReLU(z) > 0 exactly when z > 0). When only the parameters need it, the direct weight-gradient
    /// kernel applies that mask as it reads ∂L/∂activated: no ∂L/∂output buffer is zeroed, filled or read.
    public mutating func backward(input: Matrix, output: Matrix, activation: Activation, activated: Matrix, activatedGradient: Matrix,
                                  outputGradient: inout Matrix, inputGradient: inout Matrix, propagate: Bool) {
        guard activation == .relu else {
            backwardThroughActivation(input: input, output: output, activation: activation, activatedGradient: activatedGradient,
                                      outputGradient: &outputGradient, inputGradient: &inputGradient, propagate: propagate)
            return
        }
        if usesDirectKernels && !propagate {
            activated.elements.withUnsafeBufferPointer { a in
                activatedGradient.elements.withUnsafeBufferPointer { da in
                    directWeightGradient(batch: input.rows, delta: da.baseAddress!, rectified: a.baseAddress!)
                }
            }
            return
        }
        precondition(outputGradient.elements.count == activated.elements.count, "output gradient must have the output's shape")
        outputGradient.elements.withUnsafeMutableBufferPointer { dz in
            activated.elements.withUnsafeBufferPointer { a in
                activatedGradient.elements.withUnsafeBufferPointer { da in
                    let whole = dz.count - dz.count % Lanes.scalarCount
                    for i in stride(from: 0, to: whole, by: Lanes.scalarCount) {
                        Self.store(Self.reluGradient(Self.load(da.baseAddress! + i), Self.load(a.baseAddress! + i)), dz.baseAddress! + i)
                    }
                    for i in whole..<dz.count { dz[i] = (a[i] > 0 ? da[i] : 0) + 0 }
                }
            }
        }
        backward(input: input, output: output, outputGradient: outputGradient, inputGradient: &inputGradient, propagate: propagate)
    }

    /// columns ← the receptive field of every output pixel, zeros where it leaves the image.
    /// Loops run per kernel offset along an output row (long inner loops, no per-pixel branches or calls);
    /// only the entries outside the image are zeroed.
    private func im2col(_ input: Matrix, into columns: inout Matrix) {
        let geometry = Geometry(self)
        let batch = input.rows
        columns.elements.withUnsafeMutableBufferPointer { cols in
            input.elements.withUnsafeBufferPointer { x in
                geometry.forEachRun(batch: batch) { column, line, lower, upper, shift in
                    let (fieldSize, inChannels) = (geometry.fieldSize, geometry.inChannels)
                    let target = cols.baseAddress! + column
                    guard let line else {
                        for xx in 0..<geometry.outWidth { for c in 0..<inChannels { target[xx * fieldSize + c] = 0 } }
                        return
                    }
                    let source = x.baseAddress! + line
                    for xx in 0..<lower { for c in 0..<inChannels { target[xx * fieldSize + c] = 0 } }
                    for xx in lower..<upper {
                        for c in 0..<inChannels { target[xx * fieldSize + c] = source[(xx + shift) * inChannels + c] }
                    }
                    for xx in upper..<geometry.outWidth { for c in 0..<inChannels { target[xx * fieldSize + c] = 0 } }
                }
            }
        }
    }

    /// The index arithmetic shared by im2col and the input gradient's kernel.
    struct Geometry {
        let height, width, inChannels, outHeight, outWidth, kernel, padding, fieldSize: Int

        init(_ layer: Conv2D) {
            (height, width, inChannels) = (layer.inputShape.height, layer.inputShape.width, layer.inputShape.channels)
            (outHeight, outWidth) = (layer.outputShape.height, layer.outputShape.width)
            (kernel, padding) = (layer.kernelSize, layer.padding)
            fieldSize = kernel * kernel * inChannels
        }

        /// For every (example, output row, kernel row, kernel column) calls
        /// `body(columns index of output column 0 at this kernel offset, input index of the image row or nil
        /// when the kernel row falls outside the image, first and end output column whose input lies inside,
        /// shift)`, where input column = output column + shift.
        @inline(__always)
        func forEachRun(batch: Int, _ body: (Int, Int?, Int, Int, Int) -> Void) {
            for n in 0..<batch {
                for y in 0..<outHeight {
                    let rowStart = (n * outHeight + y) * outWidth * fieldSize
                    for ky in 0..<kernel {
                        let iy = y + ky - padding
                        let line: Int? = iy >= 0 && iy < height ? (n * height + iy) * width * inChannels : nil
                        for kx in 0..<kernel {
                            let shift = kx - padding
                            let lower = min(outWidth, max(0, -shift)), upper = max(lower, min(outWidth, width - shift))
                            body(rowStart + (ky * kernel + kx) * inChannels, line, lower, upper, shift)
                        }
                    }
                }
            }
        }
    }
}
