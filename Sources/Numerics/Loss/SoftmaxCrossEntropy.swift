// Softmax cross-entropy over a batch of logits: L = −(1/N) Σₙ log softmax(zₙ)[yₙ], and its gradient
// ∂L/∂z = (softmax(z) − onehot(y))/N (the form every library fuses, e.g. llm.c's crossentropy_softmax_backward).
// The softmax subtracts each row's maximum first, so large logits do not overflow; log-probabilities are
// computed as (z − max) − log Σ e^{z − max} in Double, so the loss stays finite when a probability rounds to 0.

public enum SoftmaxCrossEntropy {
    /// The mean loss over the batch and the row-wise softmax probabilities (N × classes).
    /// `labels[n]` is the class index of row n, in 0..<logits.columns.
    public static func forward(logits: Matrix, labels: [Int]) -> (loss: Double, probabilities: Matrix) {
        var probabilities = Matrix(rows: logits.rows, columns: logits.columns)
        let loss = forward(logits: logits, labels: labels, probabilities: &probabilities)
        return (loss, probabilities)
    }

    /// The mean loss over the batch; the row-wise softmax probabilities go into `probabilities` (N × classes,
    /// reallocated only when its shape differs), so a training loop can reuse one buffer.
    public static func forward(logits: Matrix, labels: [Int], probabilities: inout Matrix) -> Double {
        precondition(labels.count == logits.rows, "one label per row: \(labels.count) labels, \(logits.rows) rows")
        let classes = logits.columns
        if probabilities.rows != logits.rows || probabilities.columns != classes {
            probabilities = Matrix(rows: logits.rows, columns: classes)
        }
        var total = 0.0
        for n in 0..<logits.rows {
            precondition(labels[n] >= 0 && labels[n] < classes, "label \(labels[n]) outside 0..<\(classes)")
            var largest = -Double.infinity
            for j in 0..<classes { largest = max(largest, Double(logits[n, j])) }
            var sum = 0.0
            for j in 0..<classes { sum += Elementary.exp(Double(logits[n, j]) - largest) }
            let logSum = Elementary.log(sum)
            for j in 0..<classes { probabilities[n, j] = Float(Elementary.exp(Double(logits[n, j]) - largest) / sum) }
            total -= (Double(logits[n, labels[n]]) - largest) - logSum
        }
        return total / Double(max(logits.rows, 1))
    }

    /// ∂L/∂z = (p − onehot(y))/N for the mean loss, written into `logitGradient` (N × classes).
    public static func backward(probabilities: Matrix, labels: [Int], into logitGradient: inout Matrix) {
        precondition(logitGradient.rows == probabilities.rows && logitGradient.columns == probabilities.columns,
                     "gradient must have the probabilities' shape")
        let scale = 1 / Float(max(probabilities.rows, 1))
        for n in 0..<probabilities.rows {
            for j in 0..<probabilities.columns {
                let target: Float = j == labels[n] ? 1 : 0
                logitGradient[n, j] = (probabilities[n, j] - target) * scale
            }
        }
    }
}
