// Matrix: a dense row-major float32 matrix in one contiguous array; the storage for weights,
// activations and gradients. Products live in Matrix+Products.swift.

/// A dense matrix of `Float`, row-major: element (i, j) is `elements[i * columns + j]`.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row-major storage, `rows * columns` elements.
    public var elements: [Float]

    /// A matrix with every element equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        elements = [Float](repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major storage.
    public init(rows: Int, columns: Int, elements: [Float]) {
        precondition(rows >= 0 && columns >= 0 && elements.count == rows * columns,
                     "matrix of \(rows)×\(columns) needs \(rows * columns) elements, got \(elements.count)")
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// A matrix from nested rows (for tests and small literals).
    public init(_ rowArrays: [[Float]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "all rows must have the same length")
        self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Float {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }

    /// The transpose, as a new matrix.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        elements.withUnsafeBufferPointer { source in
            result.elements.withUnsafeMutableBufferPointer { target in
                for i in 0..<rows {
                    for j in 0..<columns { target[j * rows + i] = source[i * columns + j] }
                }
            }
        }
        return result
    }

    /// A matrix of independent N(mean, std²) samples.
    public static func normal(rows: Int, columns: Int, mean: Double = 0, std: Double = 1,
                              using generator: inout RandomGenerator) -> Matrix {
        var m = Matrix(rows: rows, columns: columns)
        generator.fillNormal(&m.elements, mean: mean, std: std)
        return m
    }
}
