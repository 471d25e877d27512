// IDX: the file format of the MNIST database (LeCun, Cortes, Burges, http://yann.lecun.com/exdb/mnist/).
//
// Layout: a 4-byte magic number — two zero bytes, a type code (0x08 = unsigned byte), the number of
// dimensions — then each dimension as a big-endian UInt32, then the data in row-major order.
// MNIST images are 0x00000803 (count × rows × columns), labels 0x00000801 (count).
// Every way a file can be wrong is an `IDXError` naming the file and the byte offset where it went wrong;
// nothing here traps on bad input.
import Foundation

/// A decoded IDX file of unsigned bytes: its dimensions and its data, row-major.
public struct IDXArray: Sendable, Equatable {
    /// The dimensions from the header, outermost first (MNIST images: count, rows, columns).
    public let dimensions: [Int]
    /// The data, `dimensions.reduce(1, *)` bytes.
    public let bytes: [UInt8]
}

/// A malformed IDX file: which file, at which byte, and what was wrong.
public struct IDXError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    /// Byte offset from the start of the file where the problem was found.
    public let offset: Int
    public let message: String

    public var description: String { "\(path): error: at byte \(offset): \(message)" }
}

public enum IDX {
    /// The type code of unsigned-byte data, the only one MNIST uses (and the only one we decode).
    static let unsignedByte: UInt8 = 0x08
    /// Largest accepted dimension count and data size: a corrupt header must not make us allocate gigabytes.
    static let maximumDimensions = 4
    public static let maximumDataBytes = 1 << 30

    /// Reads and decodes the IDX file at `url`.
    /// - Throws: `IDXError` for unreadable, truncated or malformed files.
    public static func read(contentsOf url: URL, expectedDimensionCount: Int? = nil) throws -> IDXArray {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw IDXError(path: url.path, offset: 0, message: "cannot read the file (\(error.localizedDescription))")
        }
        return try decode([UInt8](data), path: url.path, expectedDimensionCount: expectedDimensionCount)
    }

    /// Decodes IDX bytes; `path` is only used in error messages.
    /// `expectedDimensionCount`, when given, is checked against the header (3 for images, 1 for labels).
    public static func decode(_ file: [UInt8], path: String, expectedDimensionCount: Int? = nil) throws -> IDXArray {
        func fail(_ offset: Int, _ message: String) -> IDXError { IDXError(path: path, offset: offset, message: message) }

        guard file.count >= 4 else {
            throw fail(file.count, "file ends inside the 4-byte magic number (\(file.count) bytes)")
        }
        guard file[0] == 0, file[1] == 0 else {
            throw fail(0, "magic number must start with two zero bytes, found 0x\(hex(file[0]))\(hex(file[1])) (not an IDX file?)")
        }
        guard file[2] == unsignedByte else {
            throw fail(2, "data type 0x\(hex(file[2])) is not supported (expected 0x08, unsigned byte)")
        }
        let rank = Int(file[3])
        guard (1...maximumDimensions).contains(rank) else {
            throw fail(3, "dimension count \(rank) is out of range 1...\(maximumDimensions)")
        }
        if let expected = expectedDimensionCount, expected != rank {
            throw fail(3, "expected \(expected) dimension\(expected == 1 ? "" : "s") (magic 0x0000080\(expected)), found \(rank)")
        }
        let headerSize = 4 + 4 * rank
        var dimensions: [Int] = []
        var total = 1
        for axis in 0..<rank {
            let at = 4 + 4 * axis
            guard at + 4 <= file.count else {
                throw fail(file.count, "file ends inside the header: dimension \(axis + 1) of \(rank) needs bytes \(at)..<\(at + 4)")
            }
            let size = Int(file[at]) << 24 | Int(file[at + 1]) << 16 | Int(file[at + 2]) << 8 | Int(file[at + 3])
            dimensions.append(size)
            total = total * size  // at most (2³²)⁴ would overflow, so check against the cap at every step
            guard total <= maximumDataBytes else {
                throw fail(at, "dimensions \(dimensions.map(String.init).joined(separator: "×"))… exceed the limit of \(maximumDataBytes) bytes")
            }
        }
        let expectedSize = headerSize + total
        guard file.count >= expectedSize else {
            throw fail(file.count, "file is truncated: dimensions \(dimensions.map(String.init).joined(separator: "×")) need \(total) data bytes, found \(file.count - headerSize)")
        }
        guard file.count == expectedSize else {
            throw fail(expectedSize, "\(file.count - expectedSize) unexpected bytes after the data")
        }
        return IDXArray(dimensions: dimensions, bytes: Array(file[headerSize...]))
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: false)
        return digits.count == 1 ? "0" + digits : digits
    }
}
