// Saturation at initialization: how many bounded hidden units start on their flat tails (seed 003's
// constant-0.5 dense column fails this way: pre-activations in the tens, sigmoid = 1 in float32).

extension ModelDescription {
    /// The share of hidden units saturated at initialization: over the first `examples` images of `images`, the
    /// fraction of all activations of the bounded hidden activations (sigmoid, tanh, …: every activation layer
    /// with asymptotes, the output excluded) that lie within `TensorStatistics.saturationTolerance` of an
    /// asymptote — where the gradient has all but vanished. nil when no hidden activation is bounded.
    public func saturationAtInitialization(seed: UInt64, on images: LabeledImages, examples: Int = 500) throws -> Double? {
        var network = try build(seed: seed)
        let sample = images.prefix(min(examples, images.count))
        var batch = Matrix(rows: 0, columns: 0), labels: [Int] = []
        sample.gather(0..<sample.count, into: &batch, labels: &labels)
        _ = network.forward(batch)
        var saturated = 0.0, total = 0.0
        for (l, layer) in network.layers.enumerated() {
            guard let activation = (layer as? ActivationLayer)?.activation, !activation.asymptotes.isEmpty else { continue }
            let values = network.activation(at: l + 1).elements
            let statistics = TensorStatistics(values, binning: Binning(bins: 1), asymptotes: activation.asymptotes)
            saturated += (statistics.saturatedFraction ?? 0) * Double(values.count)
            total += Double(values.count)
        }
        return total > 0 ? saturated / total : nil
    }
}
