// The fast matrix product (first version: the reference loops; the packed kernel replaces this body).
enum PackedProduct {
    static func multiply(_ a: Matrix, _ b: Matrix, _ layout: Matrix.Product, into c: inout Matrix,
                         m: Int, n: Int, k: Int, accumulating: Bool, threads: Int) {
        Matrix.multiplyReference(a, b, layout, into: &c, accumulating: accumulating)
    }
}
