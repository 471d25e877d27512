// Reading (and writing) a file the author named, with every way it can fail put in plain words: Foundation's errors name a
// domain and a number ("NSCocoaErrorDomain error 256") or claim "permission" for a FIFO, and a FIFO or /dev/zero
// would block or never end. Here the file is opened without blocking, checked to be a regular file of bounded size,
// and only then read.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum Files {
    /// Largest file read (1 GiB): larger is an error, never an allocation.
    public static let maximumBytes = 1 << 30

    /// Why a file could not be read, as a phrase that completes "cannot read 'path': …".
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// The bytes of the regular file at `path`, at most `limit` of them.
    public static func read(_ path: String, limit: Int = maximumBytes) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: explain(errno)) }
        defer { close(descriptor) }
        let size = try checkedSize(descriptor, limit: limit)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let count = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + done, size - done)
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw Failure(description: explain(errno)) }
            if count == 0 { break }  // the file shrank while being read: what is there is what we have
            done += count
        }
        return done == size ? bytes : Array(bytes[..<done])
    }

    /// Throws what `read` would, without reading: for a file another component reads later.
    public static func checkReadable(_ path: String, limit: Int = maximumBytes) throws(Failure) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: explain(errno)) }
        defer { close(descriptor) }
        _ = try checkedSize(descriptor, limit: limit)
    }

    /// The size of the open file, when it is a regular file of at most `limit` bytes.
    private static func checkedSize(_ descriptor: Int32, limit: Int) throws(Failure) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Failure(description: explain(errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw Failure(description: "it is a folder, not a file")
        case S_IFIFO: throw Failure(description: "it is a FIFO (named pipe), not a regular file")
        case S_IFCHR, S_IFBLK: throw Failure(description: "it is a device, not a regular file")
        case S_IFSOCK: throw Failure(description: "it is a socket, not a regular file")
        default: throw Failure(description: "it is not a regular file")
        }
        let size = Int(status.st_size)
        guard size <= limit else { throw Failure(description: "it is too large (\(size) bytes; the limit is \(limit))") }
        return size
    }

    /// Creates (or replaces) the file at `path` with `bytes`; its folder must exist.
    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw Failure(description: explain(errno)) }
        defer { close(descriptor) }
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in systemWrite(descriptor, buffer.baseAddress! + done, bytes.count - done) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw Failure(description: explain(errno)) }
            done += count
        }
    }

    /// Creates the folder at `path` (its parent must exist); an existing folder is fine.
    public static func makeFolder(_ path: String) throws(Failure) {
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw Failure(description: explain(errno)) }
    }

    /// A system error number as a phrase for an author.
    public static func explain(_ code: Int32) -> String {
        switch code {
        case ENOENT: "it does not exist"
        case ENOTDIR: "a folder on its path is a file"
        case EACCES, EPERM: "permission denied"
        case ENAMETOOLONG: "its name is too long for the file system"
        case ELOOP: "its path has a loop of symbolic links"
        case EISDIR: "it is a folder, not a file"
        case EIO: "the disk reported an input/output error"
        case ENOSPC: "the disk is full"
        case EROFS: "the file system is read-only"
        case EMFILE, ENFILE: "too many files are open"
        default: "system error \(code) (\(String(cString: strerror(code))))"
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif
