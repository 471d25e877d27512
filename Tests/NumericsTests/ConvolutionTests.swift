// Conv2D and pooling: forward against a direct (seven-loop) convolution and hand-worked windows,
// backward against finite differences.
import Testing
@testable import Numerics

@Suite struct ConvolutionTests {
    /// The textbook definition, loop by loop, NHWC, zero padding: the reference the im2col version must match.
    static func directConvolution(_ input: Matrix, _ shape: Shape, weights: Matrix, bias: [Float], kernel: Int, padding: Int) -> [Double] {
        let outH = shape.height + 2 * padding - kernel + 1, outW = shape.width + 2 * padding - kernel + 1
        let cout = weights.rows
        var out: [Double] = []
        for n in 0..<input.rows {
            for y in 0..<outH {
                for x in 0..<outW {
                    for o in 0..<cout {
                        var sum = Double(bias[o])
                        for ky in 0..<kernel {
                            for kx in 0..<kernel {
                                for c in 0..<shape.channels {
                                    let iy = y + ky - padding, ix = x + kx - padding
                                    guard iy >= 0, iy < shape.height, ix >= 0, ix < shape.width else { continue }
                                    let v = input[n, (iy * shape.width + ix) * shape.channels + c]
                                    sum += Double(v) * Double(weights[o, (ky * kernel + kx) * shape.channels + c])
                                }
                            }
                        }
                        out.append(sum)
                    }
                }
            }
        }
        return out
    }

    @Test(arguments: [(5, 4, 2, 3, 3, 1), (6, 6, 1, 4, 3, 0), (4, 5, 3, 2, 1, 0), (7, 5, 2, 2, 5, 2)])
    func forwardMatchesDirectConvolution(height: Int, width: Int, cin: Int, cout: Int, kernel: Int, padding: Int) {
        var generator = RandomGenerator(seed: 11)
        let shape = Shape(height: height, width: width, channels: cin)
        let input = Matrix.normal(rows: 3, columns: shape.count, using: &generator)
        let weights = Matrix.normal(rows: cout, columns: kernel * kernel * cin, using: &generator)
        let bias = (0..<cout).map { Float($0) - 0.5 }
        var layer = Conv2D(input: shape, kernelSize: kernel, padding: padding, weights: weights, bias: bias)
        var output = Matrix(rows: 3, columns: layer.outputShape.count)
        layer.forward(input, into: &output)
        let expected = Self.directConvolution(input, shape, weights: weights, bias: bias, kernel: kernel, padding: padding)
        #expect(output.elements.count == expected.count)
        let worst = zip(output.elements, expected).map { abs(Double($0) - $1) }.max() ?? 0
        #expect(worst < 1e-5, "worst difference \(worst)")
    }

    /// A hand-worked case: a 3×3 image of 1…9, the kernel that picks the centre's right neighbour, "same" padding.
    @Test func shiftKernelMovesTheImageLeft() {
        var weights = Matrix(rows: 1, columns: 9)
        weights[0, 5] = 1  // (ky, kx) = (1, 2): the pixel to the right
        var layer = Conv2D(input: Shape(height: 3, width: 3, channels: 1), weights: weights)
        var output = Matrix(rows: 1, columns: 9)
        layer.forward(Matrix([[1, 2, 3, 4, 5, 6, 7, 8, 9]]), into: &output)
        #expect(output.elements == [2, 3, 0, 5, 6, 0, 8, 9, 0])
        #expect(layer.outputShape == Shape(height: 3, width: 3, channels: 1))
        #expect(Conv2D.fans(kernelSize: 3, inputChannels: 8, outputChannels: 16) == (72, 144))
    }

    @Test(arguments: [(6, 5, 2, 3, 3, 1), (5, 5, 3, 2, 3, 0)])
    func convolutionGradients(height: Int, width: Int, cin: Int, cout: Int, kernel: Int, padding: Int) {
        var generator = RandomGenerator(seed: 5)
        let shape = Shape(height: height, width: width, channels: cin)
        let input = Matrix.normal(rows: 2, columns: shape.count, using: &generator)
        let weights = Matrix.normal(rows: cout, columns: kernel * kernel * cin, std: 0.5, using: &generator)
        let layer = Conv2D(input: shape, kernelSize: kernel, padding: padding, weights: weights, bias: [Float](repeating: 0.1, count: cout))
        let result = GradientCheck.check(layer, input: input)
        // The loss is linear in every input and weight, so only float32 rounding separates the two
        // (measured worst 9e-5: the loss sums a few hundred float32 terms, divided by 2 · step).
        #expect(result.worst < 5e-4, "\(result)")
        #expect(result.checked > 100)
    }

    /// Max pooling picks each window's maximum (first one on ties); average pooling takes the mean; odd edges drop.
    @Test func poolingWindows() {
        let shape = Shape(height: 3, width: 4, channels: 1)
        let image = Matrix([[1, 5, 2, 2,
                             3, 4, 2, 0,
                             9, 9, 9, 9]])
        var maxPool = Pooling(.max, size: 2, input: shape)
        var average = Pooling(.average, size: 2, input: shape)
        #expect(maxPool.outputShape == Shape(height: 1, width: 2, channels: 1))
        var out = Matrix(rows: 1, columns: 2)
        maxPool.forward(image, into: &out)
        #expect(out.elements == [5, 2])
        var gradient = Matrix(rows: 1, columns: 12)
        maxPool.backward(input: image, output: out, outputGradient: Matrix([[10, 20]]), inputGradient: &gradient, propagate: true)
        #expect(gradient.elements == [0, 10, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0])  // tie 2, 2, 2: the first one wins
        average.forward(image, into: &out)
        #expect(out.elements == [3.25, 1.5])
    }

    /// Channels pool separately (NHWC: channel fastest).
    @Test func poolingKeepsChannelsApart() {
        var pool = Pooling(.max, size: 2, input: Shape(height: 2, width: 2, channels: 2))
        var out = Matrix(rows: 1, columns: 2)
        pool.forward(Matrix([[1, -1, 2, -2, 3, -3, 4, -4]]), into: &out)
        #expect(out.elements == [4, -1])
    }

    /// Eleven channels (eight vector lanes and three single ones) and sixteen (the unrolled 2 × 2 kernel) against
    /// a plain loop: values, the window position each maximum came from (the first on ties), and NaN winning its
    /// window (the last NaN, as in PyTorch's `max_pool2d`). The gradient goes to the winner, 0 + ∂out (so −0
    /// arrives as +0); when the windows tile the image, backward sets the whole input gradient (its old
    /// contents do not matter), otherwise it adds into it.
    @Test(arguments: [(5, 11), (5, 16), (4, 16)])
    func maxPoolingLanesMatchAPlainLoop(height: Int, channels: Int) {
        let shape = Shape(height: height, width: 4, channels: channels)
        var generator = RandomGenerator(seed: 21)
        // Values from a small set, so ties are frequent.
        var values = (0..<2 * shape.count).map { _ in Float(generator.index(below: 4)) }
        values[3 * channels + 2] = .nan      // example 0, pixel (0, 3), channel 2 (a lane)
        values[4 * channels + 9] = .nan      // example 0, pixel (1, 0), channel 9 (a single with 11 channels)
        let input = Matrix(rows: 2, columns: shape.count, elements: values)
        var pool = Pooling(.max, size: 2, input: shape)
        var output = Matrix(rows: 2, columns: pool.outputShape.count)
        pool.forward(input, into: &output)
        #expect(pool.setsInputGradient == (height == 4 && channels == 16))
        var gradient = Matrix(rows: 2, columns: shape.count, repeating: pool.setsInputGradient ? 7 : 0)
        var outputGradient = Matrix(rows: 2, columns: pool.outputShape.count, repeating: 1)
        outputGradient.elements[1] = -0.0
        outputGradient.elements[channels + 4] = 3
        pool.backward(input: input, output: output, outputGradient: outputGradient, inputGradient: &gradient, propagate: true)
        var expectedGradient = [Float](repeating: 0, count: 2 * shape.count)
        var o = 0
        for n in 0..<2 {
            for y in 0..<2 {
                for x in 0..<2 {
                    for c in 0..<channels {
                        var best = -1
                        for dy in 0..<2 {
                            for dx in 0..<2 {
                                let i = n * shape.count + ((2 * y + dy) * 4 + 2 * x + dx) * channels + c
                                if best < 0 || values[i] > values[best] || values[i].isNaN { best = i }  // PyTorch's rule
                            }
                        }
                        #expect(output.elements[o].bitPattern == values[best].bitPattern, "output \(o)")
                        expectedGradient[best] += outputGradient.elements[o]
                        o += 1
                    }
                }
            }
        }
        #expect(gradient.elements.map(\.bitPattern) == expectedGradient.map(\.bitPattern))
        #expect(output.elements[channels + 2].isNaN && output.elements[9].isNaN)
    }

    @Test(arguments: [Pooling.Kind.max, .average])
    func poolingGradients(kind: Pooling.Kind) {
        var generator = RandomGenerator(seed: 9)
        let shape = Shape(height: 6, width: 7, channels: 3)
        // Distinct values more than two steps apart, so a finite-difference step never changes a window's winner.
        var values = (0..<2 * shape.count).map { Float($0) * 0.05 }
        for i in values.indices.reversed() { values.swapAt(i, Int(generator.next() % UInt64(i + 1))) }
        let input = Matrix(rows: 2, columns: shape.count, elements: values)
        let result = GradientCheck.check(Pooling(kind, size: 2, input: shape), input: input, step: 1e-2)
        #expect(result.worst < 5e-4, "\(result)")  // measured worst 5e-5
    }

    @Test func flattenPassesDataAndGradientsThrough() {
        var flatten = Flatten(input: Shape(height: 2, width: 2, channels: 2))
        #expect(flatten.outputShape == .vector(8))
        let input = Matrix([[1, 2, 3, 4, 5, 6, 7, 8]])
        var out = Matrix(rows: 1, columns: 8)
        flatten.forward(input, into: &out)
        #expect(out == input)
        // Backward sets the input gradient to 0 + ∂out: old contents gone, −0 arriving as +0.
        #expect(flatten.setsInputGradient)
        var gradient = Matrix(rows: 1, columns: 8, repeating: 5)
        flatten.backward(input: input, output: out, outputGradient: Matrix([[-0.0, 1, 2, 3, 4, 5, 6, -7]]), inputGradient: &gradient, propagate: true)
        #expect(gradient.elements.map(\.bitPattern) == [0, 1, 2, 3, 4, 5, 6, -7].map { Float($0).bitPattern })
        let result = GradientCheck.check(flatten, input: input)
        #expect(result.worst < 1e-4, "\(result)")
    }
}

/// The direct kernels (output channels a multiple of eight) against plain loops doing the reference
/// arithmetic: bias, then one fused multiply-add per field entry in k order, padding zeros included;
/// the weight gradient from its old value over rows in order. Bit for bit.
@Suite struct DirectConvolutionTests {
    static func field(_ input: Matrix, _ shape: Shape, n: Int, y: Int, x: Int, k: Int, kernel: Int, padding: Int) -> Float {
        let c = k % shape.channels, kx = (k / shape.channels) % kernel, ky = k / shape.channels / kernel
        let iy = y + ky - padding, ix = x + kx - padding
        guard iy >= 0, iy < shape.height, ix >= 0, ix < shape.width else { return 0 }
        return input[n, (iy * shape.width + ix) * shape.channels + c]
    }

    @Test(arguments: [(28, 28, 1, 8, 3, 1), (9, 7, 1, 16, 3, 1), (6, 5, 2, 8, 3, 0), (7, 9, 3, 8, 5, 2)])
    func forwardAndWeightGradientAreTheReferenceBits(height: Int, width: Int, cin: Int, cout: Int, kernel: Int, padding: Int) {
        var generator = RandomGenerator(seed: 17)
        let shape = Shape(height: height, width: width, channels: cin)
        let batch = 3
        let input = Matrix.normal(rows: batch, columns: shape.count, using: &generator)
        let fieldSize = kernel * kernel * cin
        let weights = Matrix.normal(rows: cout, columns: fieldSize, using: &generator)
        let bias = (0..<cout).map { Float($0) * 0.25 - 1 }
        var layer = Conv2D(input: shape, kernelSize: kernel, padding: padding, weights: weights, bias: bias)
        #expect(layer.usesDirectKernels)
        let (outH, outW) = (layer.outputShape.height, layer.outputShape.width)
        var output = Matrix(rows: batch, columns: layer.outputShape.count)
        layer.forward(input, into: &output)
        var expected: [Float] = []
        for n in 0..<batch { for y in 0..<outH { for x in 0..<outW { for c in 0..<cout {
            var sum = bias[c]
            for k in 0..<fieldSize {
                sum = sum.addingProduct(Self.field(input, shape, n: n, y: y, x: x, k: k, kernel: kernel, padding: padding), weights[c, k])
            }
            expected.append(sum)
        } } } }
        #expect(output.elements.map(\.bitPattern) == expected.map(\.bitPattern))

        let delta = Matrix.normal(rows: batch, columns: layer.outputShape.count, using: &generator)
        let old = Matrix.normal(rows: cout, columns: fieldSize, using: &generator)
        layer.parameters[0].gradient = old
        var unused = Matrix(rows: batch, columns: shape.count)
        layer.backward(input: input, output: output, outputGradient: delta, inputGradient: &unused, propagate: false)
        var gradient = old
        for c in 0..<cout { for k in 0..<fieldSize {
            var sum = old[c, k]
            for n in 0..<batch { for y in 0..<outH { for x in 0..<outW {
                let d = delta[n, (y * outW + x) * cout + c]
                sum = sum.addingProduct(d, Self.field(input, shape, n: n, y: y, x: x, k: k, kernel: kernel, padding: padding))
            } } }
            gradient[c, k] = sum
        } }
        #expect(layer.parameters[0].gradient.elements.map(\.bitPattern) == gradient.elements.map(\.bitPattern))
        // The bias gradient (from zero): each channel's sum over rows in order.
        let biasGradient = (0..<cout).map { c in
            (0..<batch * outH * outW).reduce(Float(0)) { $0 + delta.elements[$1 * cout + c] }
        }
        #expect(layer.parameters[1].gradient.elements.map(\.bitPattern) == biasGradient.map(\.bitPattern))
    }

    /// The input gradient of a direct layer (through the column matrix) passes the finite-difference check.
    @Test func directLayerGradients() {
        var generator = RandomGenerator(seed: 23)
        let shape = Shape(height: 5, width: 6, channels: 2)
        let input = Matrix.normal(rows: 2, columns: shape.count, using: &generator)
        let weights = Matrix.normal(rows: 8, columns: 18, std: 0.5, using: &generator)
        let layer = Conv2D(input: shape, weights: weights, bias: [Float](repeating: 0.1, count: 8))
        let result = GradientCheck.check(layer, input: input)
        #expect(result.worst < 5e-4, "\(result)")
    }

    /// The direct input gradient against col2im(∂out · W) written as plain loops: each column-gradient entry a
    /// fused multiply-add chain from 0 over the output channels, added onto its input pixel in col2im's order
    /// (example, output row, kernel row, kernel column, output column, channel). Bit for bit, onto a non-zero
    /// gradient; input channels that fill lane groups, leave a remainder, or are fewer than a group, and an
    /// output channel count that is not a multiple of 8 (whose forward pass goes through im2col).
    @Test(arguments: [(28, 14, 8, 8, 3, 1), (9, 7, 3, 16, 3, 1), (6, 5, 9, 8, 3, 0), (7, 9, 16, 5, 5, 2), (5, 6, 1, 3, 3, 1)])
    func inputGradientIsCol2imOfTheProduct(height: Int, width: Int, cin: Int, cout: Int, kernel: Int, padding: Int) {
        var generator = RandomGenerator(seed: 31)
        let shape = Shape(height: height, width: width, channels: cin)
        let batch = 2
        let input = Matrix.normal(rows: batch, columns: shape.count, using: &generator)
        let fieldSize = kernel * kernel * cin
        let weights = Matrix.normal(rows: cout, columns: fieldSize, using: &generator)
        var layer = Conv2D(input: shape, kernelSize: kernel, padding: padding, weights: weights)
        let (outH, outW) = (layer.outputShape.height, layer.outputShape.width)
        var output = Matrix(rows: batch, columns: layer.outputShape.count)
        layer.forward(input, into: &output)
        let delta = Matrix.normal(rows: batch, columns: layer.outputShape.count, using: &generator)
        let start = Matrix.normal(rows: batch, columns: shape.count, using: &generator)
        var gradient = start
        layer.backward(input: input, output: output, outputGradient: delta, inputGradient: &gradient, propagate: true)

        var expected = start
        for n in 0..<batch { for y in 0..<outH { for ky in 0..<kernel { for kx in 0..<kernel { for x in 0..<outW {
            let iy = y + ky - padding, ix = x + kx - padding
            guard iy >= 0, iy < height, ix >= 0, ix < width else { continue }
            for c in 0..<cin {
                var t: Float = 0
                for o in 0..<cout { t = t.addingProduct(delta[n, (y * outW + x) * cout + o], weights[o, (ky * kernel + kx) * cin + c]) }
                expected[n, (iy * width + ix) * cin + c] += t
            }
        } } } } }
        #expect(gradient.elements.map(\.bitPattern) == expected.elements.map(\.bitPattern))
    }

    /// The backward pass through a ReLU, fused (the direct weight-gradient kernel masking ∂L/∂activated as it
    /// reads it, or one masking pass) against the two layers' backward passes one after the other: the same
    /// parameter and input gradients bit for bit, with zeros among the activations and negative zeros among their
    /// gradients, output channels in lane groups (direct kernels) or not (im2col), with and without the
    /// input gradient.
    @Test(arguments: [(8, false), (8, true), (16, false), (5, false), (5, true)])
    func fusedReLUBackwardIsTheTwoPasses(outChannels: Int, propagate: Bool) {
        var generator = RandomGenerator(seed: 41)
        let shape = Shape(height: 9, width: 7, channels: 2)
        let input = Matrix.normal(rows: 3, columns: shape.count, using: &generator)
        let weights = Matrix.normal(rows: outChannels, columns: 18, using: &generator)
        var fused = Conv2D(input: shape, weights: weights, bias: (0..<outChannels).map { Float($0) * 0.25 - 0.5 })
        fused.parameters[0].gradient = Matrix.normal(rows: outChannels, columns: 18, using: &generator)  // gradients add
        var plain = fused
        var z = Matrix(rows: 3, columns: fused.outputShape.count), a = z
        fused.forward(input, into: &z, activation: .relu, activated: &a)
        var zPlain = z
        plain.forward(input, into: &zPlain)  // what its backward pass keeps
        var activatedGradient = Matrix.normal(rows: 3, columns: z.columns, using: &generator)
        for i in stride(from: 0, to: activatedGradient.elements.count, by: 7) { activatedGradient.elements[i] = -0.0 }
        let startGradient = Matrix.normal(rows: 3, columns: shape.count, using: &generator)
        var scratch = Matrix(rows: 3, columns: z.columns, repeating: 3), inputGradient = startGradient
        fused.backward(input: input, output: z, activation: .relu, activated: a, activatedGradient: activatedGradient,
                       outputGradient: &scratch, inputGradient: &inputGradient, propagate: propagate)
        var delta = Matrix(rows: 3, columns: z.columns)
        Activation.relu.backward(preactivations: zPlain, activationGradient: activatedGradient, addingInto: &delta)
        var expectedInputGradient = startGradient
        plain.backward(input: input, output: zPlain, outputGradient: delta, inputGradient: &expectedInputGradient, propagate: propagate)
        #expect(a.elements.contains { $0 == 0 } && a.elements.contains { $0 > 0 })
        for p in 0..<2 {
            #expect(fused.parameters[p].gradient.elements.map(\.bitPattern) == plain.parameters[p].gradient.elements.map(\.bitPattern))
        }
        #expect(inputGradient.elements.map(\.bitPattern) == expectedInputGradient.elements.map(\.bitPattern))
    }

    /// Convolution and ReLU fused in one pass give the bits of the two layers one after the other, NaN included,
    /// and so does the unfused fallback for other activations (which also leaves the convolution's output; the
    /// fused pass stores only the activation).
    @Test(arguments: [Activation.relu, .tanh])
    func fusedActivationIsTheTwoPasses(activation: Activation) {
        var generator = RandomGenerator(seed: 37)
        let shape = Shape(height: 11, width: 13, channels: 2)
        var input = Matrix.normal(rows: 3, columns: shape.count, using: &generator)
        input.elements[40] = .nan
        let weights = Matrix.normal(rows: 16, columns: 18, using: &generator)
        let bias = (0..<16).map { Float($0) * 0.125 - 1 }
        var fused = Conv2D(input: shape, weights: weights, bias: bias)
        var plain = fused
        var z = Matrix(rows: 3, columns: fused.outputShape.count), a = z
        fused.forward(input, into: &z, activation: activation, activated: &a)
        var zPlain = z
        plain.forward(input, into: &zPlain)
        let aPlain = activation.apply(zPlain)
        if activation != .relu { #expect(z.elements.map(\.bitPattern) == zPlain.elements.map(\.bitPattern)) }
        #expect(a.elements.map(\.bitPattern) == aPlain.elements.map(\.bitPattern))
        #expect(a.elements.contains { $0.isNaN } && (activation != .relu || a.elements.contains { $0 == 0 }))
    }
}
