// Fan-in and fan-out: the number of inputs feeding one unit and of units one input feeds, the two
// quantities every variance-scaling initializer divides by (Glorot & Bengio 2010, He et al. 2015).

/// The fans of a weight tensor.
public struct Fans: Sendable, Hashable {
    public var fanIn: Int
    public var fanOut: Int

    public init(fanIn: Int, fanOut: Int) {
        precondition(fanIn > 0 && fanOut > 0, "fans must be positive")
        self.fanIn = fanIn
        self.fanOut = fanOut
    }

    /// A dense layer from `inputs` to `outputs` units.
    public static func dense(inputs: Int, outputs: Int) -> Fans {
        Fans(fanIn: inputs, fanOut: outputs)
    }

    /// A convolution kernel: each output value sees a receptive field of kernelHeight × kernelWidth
    /// positions in every input channel, and each input value reaches that many positions in every
    /// output channel (the convention of PyTorch and Keras).
    public static func convolution(inputChannels: Int, outputChannels: Int, kernelHeight: Int, kernelWidth: Int) -> Fans {
        let field = kernelHeight * kernelWidth
        return Fans(fanIn: field * inputChannels, fanOut: field * outputChannels)
    }
}
