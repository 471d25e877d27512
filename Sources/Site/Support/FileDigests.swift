// SHA-256 digests of the data files experiments read, remembered across builds: hashing the course's 11 MB of
// MNIST on every build (once per experiment that reads it) was most of a no-change rebuild. A digest is reused
// while the file's size, modification and change times and inode are those it was computed for, as git's index
// trusts a file's stat. Like git, an entry is only remembered once the file's last change (its ctime, which no
// tool can set back) is older than a rewrite within the same clock tick could hide, so a quick edit is never missed.
import Foundation
import Glibc

final class FileDigests: @unchecked Sendable {
    /// Where digests are remembered (in the cache folder); nil: computed every time.
    private let memo: URL?
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// A file last changed this long before its digest was computed cannot have changed in the same clock tick unseen.
    private let settledSeconds: Int64

    struct Entry: Equatable {
        let stamp: Stamp
        let digest: String
    }

    struct Stamp: Equatable {
        let size: Int64
        let modified: Int64
        let changed: Int64
        let inode: UInt64

        /// nil when the file cannot be read.
        init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
            size = Int64(status.st_size)
            modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
            changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
            inode = UInt64(status.st_ino)
        }

        init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
            (self.size, self.modified, self.changed, self.inode) = (size, modified, changed, inode)
        }
    }

    init(memo: URL?, settledSeconds: Int64 = 2) {
        self.memo = memo
        self.settledSeconds = settledSeconds
        guard let memo, let text = try? String(contentsOf: memo, encoding: .utf8) else { return }
        // One line per file: digest size modified changed inode path (the path last: it may hold spaces).
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 5)
            guard fields.count == 6, fields[0].utf8.count == 64, let size = Int64(fields[1]), let modified = Int64(fields[2]),
                  let changed = Int64(fields[3]), let inode = UInt64(fields[4]) else { continue }
            entries[String(fields[5])] = Entry(stamp: Stamp(size: size, modified: modified, changed: changed, inode: inode),
                                               digest: String(fields[0]))
        }
    }

    /// The hex SHA-256 of the file at `path`; nil when it cannot be read.
    func digest(of path: String) -> String? {
        guard let stamp = Stamp(path: path) else { return nil }
        lock.lock()
        let known = entries[path]
        lock.unlock()
        if let known, known.stamp == stamp { return known.digest }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var hasher = SHA256()
        data.withUnsafeBytes { hasher.update($0.bindMemory(to: UInt8.self)) }
        let digest = hasher.hexDigest()
        // The stamp read before the bytes: if the file changed since, it no longer matches and is hashed again.
        let age = Int64(Date().timeIntervalSince1970) - max(stamp.modified, stamp.changed) / 1_000_000_000
        guard age >= settledSeconds, !path.contains("\n") else { return digest }
        lock.lock()
        entries[path] = Entry(stamp: stamp, digest: digest)
        let text = entries.keys.sorted().map { path in
            let entry = entries[path]!, s = entry.stamp
            return "\(entry.digest) \(s.size) \(s.modified) \(s.changed) \(s.inode) \(path)\n"
        }.joined()
        lock.unlock()
        if let memo {
            try? FileManager.default.createDirectory(at: memo.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Atomic: a reader never sees half a memo; a lost write only costs hashing again.
            try? Data(text.utf8).write(to: memo, options: .atomic)
        }
        return digest
    }
}
