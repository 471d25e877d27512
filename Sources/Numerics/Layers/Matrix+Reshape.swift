// Batch-matrix helpers for the layers: viewing a matrix under another shape without copying (a convolution's
// batch × (H·W·C) rows are the same elements as its (batch·H·W) × C product matrix), and filling every row
// with the same vector (a bias, before the product accumulates onto it).

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

    /// Sets every row to `row` (which has `columns` elements): the first row is written, then the filled
    /// prefix is copied onto the rest in doubling blocks, so the work is a few large copies.
    mutating func fillRows(with row: [Float]) {
        precondition(row.count == columns, "row has \(row.count) elements, the matrix \(columns) columns")
        let total = elements.count
        guard total > 0 else { return }
        elements.withUnsafeMutableBufferPointer { target in
            let base = target.baseAddress!
            row.withUnsafeBufferPointer { base.update(from: $0.baseAddress!, count: columns) }
            var filled = columns
            while filled < total {
                let count = min(filled, total - filled)
                (base + filled).update(from: base, count: count)
                filled += count
            }
        }
    }
}
