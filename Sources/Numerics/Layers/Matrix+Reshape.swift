// Viewing a batch matrix under another shape without copying: a convolution's batch × (H·W·C) rows are
// the same elements as its (batch·H·W) × C product matrix.

extension Matrix {
    /// Runs `body` on this matrix's elements viewed as `rows × columns` (same element count), in place:
    /// the storage moves into the view and back, so no copy is made.
    mutating func withShape<R>(rows: Int, columns: Int, _ body: (inout Matrix) throws -> R) rethrows -> R {
        precondition(rows * columns == elements.count, "cannot view \(self.rows)×\(self.columns) as \(rows)×\(columns)")
        var storage: [Float] = []
        swap(&storage, &elements)
        var view = Matrix(rows: rows, columns: columns, elements: storage)
        storage = []  // the view is now the storage's only owner
        defer { swap(&elements, &view.elements) }
        return try body(&view)
    }

    /// The same elements as a `rows × columns` matrix (shares storage until either side is written).
    func reshaped(rows: Int, columns: Int) -> Matrix {
        Matrix(rows: rows, columns: columns, elements: elements)
    }
}
