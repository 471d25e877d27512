// IDX reader and MNIST loader: hand-made fixtures (one per way a file can be wrong) and the shipped
// MNIST subset checked against the counts and first labels its README lists.
import Foundation
import Testing
@testable import Numerics

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
private let mnistDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs-src/data/mnist")

@Suite struct IDXTests {
    @Test func decodesHandMadeImagesAndLabels() throws {
        let set = try MNIST.readSplit(images: fixtures.appendingPathComponent("tiny-images-idx3-ubyte"),
                                      labels: fixtures.appendingPathComponent("tiny-labels-idx1-ubyte"))
        #expect(set.count == 3 && set.height == 2 && set.width == 3)
        #expect(set.labels == [7, 0, 9])
        #expect(Array(set.pixels[0..<6]) == [0, 1, 0.2, 0.4, 0.6, 0.8])  // 51 · k / 255 = k / 5 exactly rounded
        #expect(set.pixels[6] == Float(1) / 255)
        #expect(set.prefix(2).labels == [7, 0] && set.prefix(2).pixels.count == 12)
        #expect(set.prefix(99).count == 3)
        // Evenly spaced: indices ⌊i · 3 / 2⌋ = 0, 1.
        #expect(set.evenlySpaced(2).labels == [7, 0] && set.evenlySpaced(2).pixels == Array(set.pixels[0..<12]))
        #expect(set.evenlySpaced(1).labels == [7] && set.evenlySpaced(5).count == 3)
    }

    /// Each corrupt fixture → the offset and the words of its error.
    @Test(arguments: [
        ("truncated-images-idx3-ubyte", 26, "truncated: dimensions 3×2×3 need 18 data bytes, found 10"),
        ("truncated-header-idx3-ubyte", 10, "file ends inside the header: dimension 2 of 3"),
        ("bad-magic-idx3-ubyte", 0, "magic number must start with two zero bytes, found 0x0100"),
        ("float-type-idx3-ubyte", 2, "data type 0x0d is not supported"),
        ("huge-images-idx3-ubyte", 12, "dimensions 1000×1000×2000… exceed the limit"),
        ("tiny-labels-idx1-ubyte", 3, "expected 3 dimensions (magic 0x00000803), found 1"),
    ])
    func corruptImageFile(name: String, offset: Int, message: String) {
        let url = fixtures.appendingPathComponent(name)
        do {
            _ = try MNIST.readSplit(images: url, labels: fixtures.appendingPathComponent("tiny-labels-idx1-ubyte"))
            Issue.record("\(name) was accepted")
        } catch let error as IDXError {
            #expect(error.path == url.path)
            #expect(error.offset == offset)
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("\(url.path): error: at byte \(offset): "))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: [
        ("bad-label-idx1-ubyte", 9, "label 12 is not a digit 0...9"),
        ("two-labels-idx1-ubyte", 4, "2 labels for 3 images in tiny-images-idx3-ubyte"),
        ("trailing-labels-idx1-ubyte", 11, "2 unexpected bytes after the data"),
        ("missing-labels-idx1-ubyte", 0, "cannot read the file"),
    ])
    func corruptLabelFile(name: String, offset: Int, message: String) {
        let url = fixtures.appendingPathComponent(name)
        do {
            _ = try MNIST.readSplit(images: fixtures.appendingPathComponent("tiny-images-idx3-ubyte"), labels: url)
            Issue.record("\(name) was accepted")
        } catch let error as IDXError {
            #expect(error.path == url.path && error.offset == offset)
            #expect(error.message.contains(message), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// Every prefix of a valid file is an error, never a crash.
    @Test func everyTruncationIsAnError() throws {
        let whole = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("tiny-images-idx3-ubyte")))
        #expect(try IDX.decode(whole, path: "x").dimensions == [3, 2, 3])
        for length in 0..<whole.count {
            #expect(throws: IDXError.self) { try IDX.decode(Array(whole[0..<length]), path: "x") }
        }
    }

    /// The shipped subset: sizes, first labels and train label counts as its README states them.
    @Test func mnistSubsetMatchesItsReadme() throws {
        let mnist = try MNIST.load(from: mnistDirectory)
        #expect(mnist.train.count == 2000 && mnist.validation.count == 2000 && mnist.test.count == 10000)
        #expect(mnist.train.height == 28 && mnist.train.width == 28)
        #expect(Array(mnist.train.labels.prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        #expect(Array(mnist.validation.labels.prefix(5)) == [5, 8, 8, 4, 2])
        #expect(Array(mnist.test.labels.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
        var counts = [Int](repeating: 0, count: 10)
        for label in mnist.train.labels { counts[label] += 1 }
        #expect(counts == [191, 220, 198, 191, 214, 180, 200, 224, 172, 210])
        #expect(mnist.test.pixels.min() == 0 && mnist.test.pixels.max() == 1)
        // Every 1,000th test image, from the README's first labels (7 at index 0) and the test set's own order.
        let tenth = mnist.test.evenlySpaced(10)
        #expect(tenth.labels == stride(from: 0, to: 10000, by: 1000).map { mnist.test.labels[$0] } && tenth.labels[0] == 7)
        #expect(Array(tenth.pixels[784..<1568]) == Array(mnist.test.pixels[1000 * 784..<1001 * 784]))
    }
}
