// MNIST as training data: an image file and a label file (IDX, see IDX.swift) become `LabeledImages`,
// pixels scaled from 0...255 to 0...1 (x / 255, the usual `ToTensor` scaling) and labels checked to be digits.
// The course ships a subset (docs-src/data/mnist/README.md): train 2,000, validation 2,000, test 10,000.
import Foundation

/// A set of labelled images: `count` images of `height × width` pixels, one channel, row-major, and a class per image.
public struct LabeledImages: Sendable {
    public let count: Int
    public let height: Int
    public let width: Int
    /// `count × height × width` values in 0...1, image after image.
    public let pixels: [Float]
    /// The class of each image, in `0..<classCount`.
    public let labels: [Int]
    public let classCount: Int

    /// Makes a set from pixels and labels; the caller guarantees the sizes (checked with preconditions).
    public init(height: Int, width: Int, pixels: [Float], labels: [Int], classCount: Int) {
        precondition(height > 0 && width > 0 && pixels.count == labels.count * height * width, "pixel count does not match labels × height × width")
        precondition(labels.allSatisfy { (0..<classCount).contains($0) }, "labels must lie in 0..<classCount")
        self.count = labels.count
        self.height = height
        self.width = width
        self.pixels = pixels
        self.labels = labels
        self.classCount = classCount
    }

    /// The first `n` images (all of them when `n ≥ count`): how a site build runs a reduced experiment.
    public func prefix(_ n: Int) -> LabeledImages {
        let kept = max(0, min(n, count))
        if kept == count { return self }
        return LabeledImages(height: height, width: width, pixels: Array(pixels[0..<kept * height * width]),
                             labels: Array(labels[0..<kept]), classCount: classCount)
    }

    /// `n` images spread evenly over the set (indices ⌊i · count / n⌋ for i = 0..<n; all of them when n ≥ count).
    /// A fairer sample than `prefix` when the set is not in random order: MNIST's test images are not (the
    /// first 2,000 are harder than the rest; a model scores several points less on them than on all 10,000).
    public func evenlySpaced(_ n: Int) -> LabeledImages {
        let kept = max(0, min(n, count))
        if kept == count { return self }
        let features = featureCount
        var subsetPixels: [Float] = []
        subsetPixels.reserveCapacity(kept * features)
        var subsetLabels: [Int] = []
        for i in 0..<kept {
            let index = i * count / kept
            subsetPixels.append(contentsOf: pixels[index * features..<(index + 1) * features])
            subsetLabels.append(labels[index])
        }
        return LabeledImages(height: height, width: width, pixels: subsetPixels, labels: subsetLabels, classCount: classCount)
    }

    /// Pixels per image.
    public var featureCount: Int { height * width }
}

/// Training, validation and test sets: the model learns from the first, hyper-parameters are chosen on the
/// second, and the third is only reported.
public struct DataSplits: Sendable {
    public let train: LabeledImages
    public let validation: LabeledImages
    public let test: LabeledImages

    public init(train: LabeledImages, validation: LabeledImages, test: LabeledImages) {
        self.train = train
        self.validation = validation
        self.test = test
    }
}

/// Loading the MNIST database from IDX files.
public enum MNIST {
    /// Reads `train-`, `valid-` and `test-` `images-idx3-ubyte` / `labels-idx1-ubyte` from `directory`.
    /// - Throws: `IDXError` naming the file and byte offset of the first problem.
    public static func load(from directory: URL) throws -> DataSplits {
        func split(_ name: String) throws -> LabeledImages {
            try readSplit(images: directory.appendingPathComponent("\(name)-images-idx3-ubyte"),
                          labels: directory.appendingPathComponent("\(name)-labels-idx1-ubyte"))
        }
        return DataSplits(train: try split("train"), validation: try split("valid"), test: try split("test"))
    }

    /// Reads one image file (magic 0x803: count × rows × columns) and its label file (magic 0x801: count).
    public static func readSplit(images imageURL: URL, labels labelURL: URL) throws -> LabeledImages {
        let images = try IDX.read(contentsOf: imageURL, expectedDimensionCount: 3)
        let labels = try IDX.read(contentsOf: labelURL, expectedDimensionCount: 1)
        guard labels.dimensions[0] == images.dimensions[0] else {
            throw IDXError(path: labelURL.path, offset: 4,
                           message: "\(labels.dimensions[0]) labels for \(images.dimensions[0]) images in \(imageURL.lastPathComponent)")
        }
        guard images.dimensions[1] > 0, images.dimensions[2] > 0 else {
            throw IDXError(path: imageURL.path, offset: 8, message: "images of size \(images.dimensions[1])×\(images.dimensions[2]) are empty")
        }
        let headerSize = 8  // magic + one dimension
        if let bad = labels.bytes.firstIndex(where: { $0 > 9 }) {
            throw IDXError(path: labelURL.path, offset: headerSize + bad, message: "label \(labels.bytes[bad]) is not a digit 0...9")
        }
        // Multiplying by the reciprocal would round differently from division for some bytes; divide.
        let pixels = images.bytes.map { Float($0) / 255 }
        return LabeledImages(height: images.dimensions[1], width: images.dimensions[2], pixels: pixels,
                             labels: labels.bytes.map(Int.init), classCount: 10)
    }
}
