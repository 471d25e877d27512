// Random orthogonal matrices (Saxe, McClelland & Ganguli 2014): orthonormalize a Gaussian matrix.
// Gram–Schmidt on independent Gaussian vectors gives the Q of a QR factorization whose R has a positive
// diagonal, which is exactly Haar-distributed (Mezzadri, "How to generate random matrices from the
// classical compact groups", 2007). Done in Double, twice ("twice is enough", Giraud et al. 2005),
// then scaled by the gain and rounded to Float.

enum Orthogonal {
    /// A rows × columns matrix whose rows (if rows ≤ columns) or columns (otherwise) are orthonormal, × gain.
    static func matrix(rows: Int, columns: Int, gain: Double, using generator: inout RandomGenerator) -> Matrix {
        // Orthonormalize `count` vectors of length `length`, stored one after another.
        let count = min(rows, columns), length = max(rows, columns)
        var vectors = [Double](repeating: 0, count: count * length)
        for i in vectors.indices { vectors[i] = generator.normal() }
        for v in 0..<count {
            for _ in 0..<2 {
                for u in 0..<v {
                    var dot = 0.0
                    for t in 0..<length { dot = dot.addingProduct(vectors[u * length + t], vectors[v * length + t]) }
                    for t in 0..<length { vectors[v * length + t] = vectors[v * length + t].addingProduct(-dot, vectors[u * length + t]) }
                }
            }
            var norm = 0.0
            for t in 0..<length { norm = norm.addingProduct(vectors[v * length + t], vectors[v * length + t]) }
            let scale = 1 / norm.squareRoot()
            for t in 0..<length { vectors[v * length + t] *= scale }
        }
        var m = Matrix(rows: rows, columns: columns)
        for v in 0..<count {
            for t in 0..<length {
                // Vectors are rows when rows ≤ columns, columns otherwise.
                let value = Float(gain * vectors[v * length + t])
                if rows <= columns { m[v, t] = value } else { m[t, v] = value }
            }
        }
        return m
    }
}
