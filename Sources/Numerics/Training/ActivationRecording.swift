// Activation statistics during training (Glorot & Bengio 2010, Figures 2–4: the mean and spread of each hidden
// layer's activations over the mini-batch updates, where the sigmoid network's top layer saturates early and leaves
// saturation slowly). Every few steps the network runs forward on a fixed probe set of validation images, and each
// hidden activation layer's statistics are kept. The probe runs on a copy of the network, so training's buffers,
// and therefore its results, are untouched.

/// One hidden layer's activations on the probe images at one moment of training.
public struct LayerActivity: Sendable, Hashable, Codable {
    public let mean: Double
    /// Population standard deviation over every unit and probe image.
    public let std: Double
    /// Share within `TensorStatistics.saturationTolerance` of an asymptote (bounded activations: sigmoid, tanh, …).
    public let saturated: Double?
    /// Share exactly 0 (ReLU: inactive on that image).
    public let inactive: Double?
}

/// The hidden layers' activity after `step` mini-batch updates (0: at initialization).
public struct ActivityRecord: Sendable, Hashable, Codable {
    public let step: Int
    /// The epoch this record ends, when it is taken at an epoch's end.
    public let epochEnd: Int?
    /// One entry per hidden activation layer, first to last.
    public let layers: [LayerActivity]
}

public enum ActivityProbe {
    /// Validation images the probe runs, evenly spaced (Glorot & Bengio used 300 fixed examples).
    public static let images = 300
}

/// Takes the records of one training run.
struct ActivityRecorder {
    let every: Int
    private var probe = Matrix(rows: 0, columns: 0)
    private(set) var records: [ActivityRecord] = []
    private(set) var step = 0

    init(every: Int, probe images: LabeledImages) {
        precondition(every > 0)
        self.every = every
        var labels: [Int] = []
        let sample = images.evenlySpaced(min(ActivityProbe.images, images.count))
        sample.gather(0..<sample.count, into: &probe, labels: &labels)
    }

    /// Called after every update; records when the step count is a multiple of `every`.
    mutating func afterStep(_ network: Sequential) {
        step += 1
        if step % every == 0 { record(network, epochEnd: nil) }
    }

    /// Records at the end of an epoch (replacing the step's record when both fall on the same step).
    mutating func afterEpoch(_ epoch: Int, _ network: Sequential) {
        if records.last?.step == step { records.removeLast() }
        record(network, epochEnd: epoch)
    }

    mutating func record(_ network: Sequential, epochEnd: Int?) {
        var copy = network
        _ = copy.forward(probe)
        var layers: [LayerActivity] = []
        for (l, layer) in copy.layers.enumerated() {
            guard let activation = (layer as? ActivationLayer)?.activation, activation != .identity else { continue }
            let values = copy.activation(at: l + 1).elements
            let asymptotes = activation.asymptotes
            let statistics = TensorStatistics(values, binning: Binning(bins: 1), asymptotes: asymptotes)
            layers.append(LayerActivity(mean: statistics.mean, std: statistics.std, saturated: statistics.saturatedFraction,
                                        inactive: activation == .relu ? statistics.zeroFraction : nil))
        }
        records.append(ActivityRecord(step: step, epochEnd: epochEnd, layers: layers))
    }
}
